"""The gold schema (thaw-news-gold/2) and the span-overlap scorer, on a small article written
for these tests and a stub extractor (so the scorer is tested apart from the extractor)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from thaw.news.evaluate import Counts, match_gold, score_gold, score_gold_article, wilson
from thaw.news.extract import Item
from thaw.news.gold import SCHEMA, GoldError, parse_gold, span_of

TEXT = (
    "Ottawa keeps its levies\n"
    "Share this article\n"
    "Beijing put a 100% tariff on canola oil and a 25% duty on pork in March.\n"
    "Carney met Li Qiang on Friday and called the talks “useful.”\n"
)


def _gold() -> dict:
    return {
        "schema": SCHEMA,
        "article": "a.txt",
        "published": "2025-03-21",
        "published_basis": "manifest",
        "measures": [
            {
                "quote": "a 100% tariff on canola oil",
                "imposer": "CHN",
                "target": "CAN",
                "hs": ["1514"],
                "rate_pct": 100,
                "action": "imposed",
                "hedged": False,
                "kind": "unspecified",
                "date": "2025-03",
            },
            {
                "quote": "a 25% duty on pork",
                "imposer": "CHN",
                "target": "CAN",
                "hs": ["0203"],
                "rate_pct": 25,
                "action": "imposed",
                "hedged": False,
                "kind": "unspecified",
                "date": "2025-03",
            },
        ],
        "events": [{"quote": "Carney met Li Qiang", "trigger": "met", "type": "meeting"}],
        "quotes": [{"text": "useful.", "speaker": "Carney"}],
        "figures": [],
    }


def _measure(text: str, phrase: str, rate: float, hs: str) -> Item:
    a = text.index(phrase)
    return Item(
        "measure",
        a,
        a + len(phrase),
        "",
        {"imposing": "CHN", "targeted": "CAN", "rates": [rate], "hs": [hs], "action": "imposed"},
    )


def test_span_of_finds_the_nth_occurrence_and_refuses_absent_words() -> None:
    assert span_of("ab ab", "ab", 2) == (3, 5)
    with pytest.raises(GoldError, match="not in the article"):
        span_of(TEXT, '"useful."')  # straight quotes are not the article's curly ones


def test_parse_gold_checks_schema_and_enums() -> None:
    g = parse_gold(_gold(), TEXT)
    assert [it.kind for it in g.items].count("measure") == 2
    bad = _gold()
    bad["measures"][0]["action"] = "slapped"
    with pytest.raises(GoldError, match="action 'slapped'"):
        parse_gold(bad, TEXT)
    with pytest.raises(GoldError, match="schema"):
        parse_gold({**_gold(), "schema": "old"}, TEXT)


def test_two_items_of_one_sentence_pair_with_their_own_gold() -> None:
    """Both extracted items overlap both gold items when spans are the whole sentence; the
    pairing follows the attributes, not the order."""
    gold = parse_gold(_gold(), TEXT)
    s = TEXT.index("Beijing")
    e = TEXT.index("March.") + 6
    pork = Item(
        "measure",
        s,
        e,
        "",
        {
            "imposing": "CHN",
            "targeted": "CAN",
            "rates": [25.0],
            "hs": ["0203"],
            "action": "imposed",
        },
    )
    oil = Item(
        "measure",
        s,
        e,
        "",
        {
            "imposing": "CHN",
            "targeted": "CAN",
            "rates": [100.0],
            "hs": ["1514"],
            "action": "imposed",
        },
    )
    pairs = match_gold("measure", gold.of("measure"), [pork, oil])
    assert {g.attrs["rate_pct"]: it.fields["rates"][0] for g, it, _ in pairs} == {
        100: 100.0,
        25: 25.0,
    }


def test_counts_and_attribute_accuracy() -> None:
    gold = parse_gold(_gold(), TEXT)
    items = [
        _measure(TEXT, "100% tariff on canola oil", 100.0, "1514"),
        _measure(TEXT, "Share this", 10.0, "72"),  # furniture: a false item
        Item("quote", TEXT.index("useful"), TEXT.index("useful") + 7, "", {"speaker": "Li"}),
    ]
    r = score_gold_article(TEXT, gold, items)
    m = r.views["measure"]
    assert (m.tp, m.fp, m.fn) == (1, 1, 1)
    assert r.views["event"].fn == 1
    assert r.attributes["quote speaker"] == [0, 1]
    assert r.attributes["imposer and target"] == [1, 1]
    assert r.attributes["measure date"] == [0, 1]  # the item has no date; gold has 2025-03
    assert any("pork" in x for x in r.errors[0]["missed"])


def test_wilson_interval_against_the_closed_form() -> None:
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4)
    assert hi == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)
    c = Counts(tp=9, fp=1, fn=0)
    assert c.precision == 0.9
    assert c.recall == 1.0


def test_score_gold_reports_the_inferred_date_error(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published,outlet,url,date_basis\na.txt,,X,,undated\n", encoding="utf-8"
    )
    (tmp_path / "gold" / "a.json").write_text(json.dumps(_gold()), encoding="utf-8")
    seen: list[dt.date] = []

    def extractor(text: str, published: dt.date) -> list[Item]:
        seen.append(published)
        return []

    r = score_gold(
        tmp_path, extractor=extractor, infer_published=lambda t: (dt.date(2025, 3, 17), "x")
    )
    assert seen == [dt.date(2025, 3, 17)]
    assert r.published[0]["error_days"] == 4
    assert r.views["measure"].fn == 2
