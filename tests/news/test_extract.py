"""The extractor's rules on sentences written for these tests, and its precision and recall
against hand annotations: the three articles in ../shared/news (the development set) and three
articles written for the tests and annotated before scoring (the held-out set)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thaw.news.evaluate import score_corpus
from thaw.news.extract import extract, sentences

PUB = dt.date(2025, 11, 1)
HERE = Path(__file__).resolve().parent


def measures(text: str) -> list[dict[str, object]]:
    return [i.fields for i in extract(text, PUB) if i.kind == "measure"]


def test_a_decision_a_proposal_and_a_negation_are_told_apart() -> None:
    (done,) = measures("Ottawa imposed a 10% surtax on Chinese steel on Monday.")
    assert (done["imposing"], done["targeted"], done["direction"], done["status"]) == (
        "CAN",
        "CHN",
        "imposed",
        "decided",
    )
    assert done["rates"] == [10.0] and done["hs"] == ["72", "73"]
    (asked,) = measures("Exporters urged Beijing to lift its tariffs on Canadian pork.")
    assert (asked["direction"], asked["status"], asked["imposing"], asked["targeted"]) == (
        "lifted",
        "proposed",
        "CHN",
        "CAN",
    )
    (dodged,) = measures("The minister did not say whether Canada would drop the levies.")
    assert (dodged["direction"], dodged["status"]) == ("lifted", "undecided")


def test_a_participle_describes_the_measure_and_a_list_inherits_its_introduction() -> None:
    text = (
        "He left the door open to two steps:\n"
        "Lifting the 100% tariff imposed on Chinese electric vehicles last year.\n"
    )
    (item,) = measures(text)
    assert (item["direction"], item["status"], item["rates"]) == ("lifted", "proposed", [100.0])


def test_two_measures_in_one_sentence() -> None:
    found = measures(
        "Canadian farmers face Chinese tariffs imposed in retaliation for Canada's 100% "
        "levies on Chinese electric vehicles."
    )
    assert {(m["imposing"], m["targeted"]) for m in found} == {("CHN", "CAN"), ("CAN", "CHN")}


def test_quotes_keep_their_speaker_across_sentences_and_headlines_are_not_events() -> None:
    text = (
        "Trade Talks Resume In Ottawa\n"
        "Prime Minister Mark Carney spoke to reporters. “We are making progress. "
        "There is more to do,” Carney said.\n"
        "“It will take time,” he added."
    )
    items = extract(text, PUB)
    quotes = [i.fields for i in items if i.kind == "quote"]
    assert [q["speaker"] for q in quotes] == ["Mark Carney", "Mark Carney"]
    assert quotes[0]["text"].startswith("We are making progress. There is more")
    assert not [i for i in items if i.kind == "event" and i.sentence.startswith("Trade Talks")]
    assert len(sentences(text)) == 4


def test_figures_have_units_and_skip_years() -> None:
    figs = [
        i.fields
        for i in extract("In 2024, 3,500 tourists spent C$2.5 billion, up 12%.", PUB)
        if i.kind == "figure"
    ]
    assert [(f["value"], f["unit"]) for f in figs] == [
        (3500.0, "tourists"),
        (2.5, "money C$ billion"),
        (12.0, "%"),
    ]


def test_precision_and_recall_on_the_shared_articles(shared: Path) -> None:
    s = score_corpus(shared / "news", HERE / "annotations")
    assert s["measure"].precision >= 0.9 and s["measure"].recall >= 0.8
    assert s["event"].precision >= 0.9 and s["event"].recall >= 0.8
    assert s["quote"].recall >= 0.8 and s["figure"].recall >= 0.8


@pytest.mark.parametrize("rounds", [("articles", "dev2"), ("articles2", "dev3")])
def test_precision_and_recall_on_articles_written_for_the_tests(rounds: tuple[str, str]) -> None:
    """Two rounds of articles written for the tests, each annotated before the extractor was run
    on it (scores at that point are in docs/news.md); their errors then led to general rule
    fixes, so both now guard against regressions rather than measure generalisation."""
    s = score_corpus(HERE / rounds[0], HERE / rounds[1])
    assert s["measure"].precision >= 0.9 and s["measure"].recall >= 0.8
    assert s["event"].precision >= 0.9 and s["event"].recall >= 0.8
    assert s["quote"].recall >= 0.8 and s["figure"].recall >= 0.8
