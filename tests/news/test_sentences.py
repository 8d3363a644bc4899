"""Sentence breaks on real pages: closing quotes, open quotations, abbreviations."""

from __future__ import annotations

from thaw.news.sentences import sentences, strip_quotes


def _texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_a_period_inside_closing_quotes_ends_the_sentence() -> None:
    assert _texts("“We will act.” The minister left.") == ["“We will act.”", "The minister left."]
    assert _texts('He said "no." Then he left.') == ['He said "no."', "Then he left."]
    assert _texts("“Why now?” she asked.") == ["“Why now?” she asked."]


def test_no_break_inside_an_open_quotation_or_after_an_abbreviation() -> None:
    assert len(sentences("“We act. We wait,” he said.")) == 1
    assert len(sentences("The U.S. Trade Representative spoke. Mr. Smith left.")) == 2
    assert len(sentences("On Jan. 5 the duty began.")) == 1
    assert len(sentences("J. K. Doe spoke.")) == 1


def test_offsets_point_into_the_text_and_quotes_blank_without_moving() -> None:
    text = "Intro line\nA duty rose. It fell."
    for s in sentences(text, 11):
        assert text[s.start : s.end] == s.text
    assert len(strip_quotes("He said “yes” twice.")) == len("He said “yes” twice.")
