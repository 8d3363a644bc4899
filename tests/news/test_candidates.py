"""Candidate clauses: measure words, verb classes, clause cuts."""

from __future__ import annotations

from thaw.news.candidates import CLAUSE, DIRECTIONS, MEASURE_WORD, coordinated


def test_measure_words_and_verb_classes() -> None:
    assert MEASURE_WORD.search("a 25% levy on steel")
    assert MEASURE_WORD.search("provisional deposits of 12%")
    assert MEASURE_WORD.search("the weather was fine") is None
    classes = dict(DIRECTIONS)
    assert classes["suspended"].search("will pause the duty")
    assert classes["raised"].search("doubled the tariff")


def test_clauses_are_cut_at_dashes_semicolons_and_coordinated_verbs() -> None:
    assert len(CLAUSE.split("It rose; it fell")) == 2
    text = "Tokyo will trim its tariff and extend the suspension of its duties"
    assert len(coordinated(text, 0, len(text), False)) == 2


def test_measures_named_without_a_tariff_word() -> None:
    for text in (
        "pork pays 25 per cent",
        "Seoul is now taxing our exports at 25 per cent",
        "the further restrictions Tokyo is considering",
        "if Ottawa drops its own.",
        "the final rate",
    ):
        assert MEASURE_WORD.search(text), text
    assert MEASURE_WORD.search("the tariff calendar got busier") is None
    assert MEASURE_WORD.search("an anti-dumping investigation into pork") is None
