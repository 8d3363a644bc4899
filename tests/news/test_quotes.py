"""Quotes of any length when attributed; speakers keyed by surname."""

from __future__ import annotations

from thaw.news.quotes import quote_items, surname
from thaw.news.sentences import sentences


def test_short_attributed_quotes_count_and_scare_quotes_do_not() -> None:
    text = "Jane Roe called the talks “useful.” The so-called “reset” is slow."
    got = [(i.fields["text"], i.fields["speaker"]) for i in quote_items(text, sentences(text))]
    assert got == [("useful.", "Roe")]


def test_the_span_is_the_quoted_words() -> None:
    text = "“We will act quickly,” Jane Roe said."
    (q,) = quote_items(text, sentences(text))
    assert text[q.start : q.end] == "We will act quickly,"


def test_surnames_family_name_first() -> None:
    assert surname("Xi Jinping") == "Xi"
    assert surname("Mark Carney") == "Carney"
    assert surname("the Commerce Ministry") == "Commerce Ministry"
    assert surname(None) is None


def test_a_described_speaker_is_kept_as_described() -> None:
    text = "“We wait,” said a senior Canadian official."
    (q,) = quote_items(text, sentences(text))
    assert q.fields["speaker"] == "senior Canadian official"
