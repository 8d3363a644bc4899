"""The review queue (pure): ranking by possible change, grouping across outlets, the marked
clause, speakers and flags, and the measure a decision drafts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.news.fake_items import measure
from thaw.measures.io import parse_measures_toml
from thaw.news.queue import DraftError, draft_measure, review_queue
from thaw.scenarios.toml_out import dumps

ORDER = ["new", "contradicts", "lifted", "suspended", "raised", "lowered", "announced"]


def _row(n: int, verdict: str | None, **f: Any) -> dict[str, Any]:
    sentence = f"Sentence {n} says China put a duty on canola."
    fields = measure(**{"imposing": "CHN", "targeted": "CAN", "hs": [f"{1000 + n}"], **f})
    return {
        "item_id": f"item{n}",
        "article_id": f"art{n}",
        "kind": "measure",
        "span_start": 100 + sentence.index("China"),
        "span_end": 100 + sentence.index(" on canola"),
        "sentence_start": 100,
        "sentence": sentence,
        "fields": json.dumps(fields),
        "verdict": verdict,
        "measure_id": None,
        "register_diff": f"article diff {n}",
        "published": "2025-10-27",
        "published_basis": "manifest",
        "outlet": f"Outlet {n}",
        "url": f"https://example.org/{n}",
        "review": None,
    }


def test_ranked_by_possible_change_and_confirmations_folded() -> None:
    verdicts = [
        "confirms",
        "announced",
        "lowered",
        None,
        "new",
        "confirms",
        "raised",
        "suspended",
        "contradicts",
        "lifted",
    ]
    rows = [_row(n, v) for n, v in enumerate(verdicts)]
    rows[1]["review"] = "rejected"  # decided items leave the queue
    rows.append({**_row(11, "announced"), "item_id": "late"})
    q = review_queue(rows)
    assert [g["verdict"] for g in q["queue"]] == [*ORDER, "unchecked"]
    assert [g["rank"] for g in q["queue"]] == list(range(1, 9))
    assert q["confirmed"] == 2 and q["confirmed_groups"] == 2 and q["reviewed"] == 1
    assert "item1" not in {e["item_id"] for g in q["queue"] for e in g["entries"]}
    assert "item1" in {
        e["item_id"]
        for g in review_queue(rows, include_reviewed=True)["queue"]
        for e in g["entries"]
    }


def test_hedged_claims_rank_after_plain_ones_of_the_same_verdict() -> None:
    q = review_queue([_row(1, "new", hedged=True, hedge="may"), _row(2, "new")])
    assert [g["entries"][0]["item_id"] for g in q["queue"]] == ["item2", "item1"]
    assert q["queue"][1]["entries"][0]["hedge"] == "may"


def test_the_same_claim_from_several_outlets_is_one_entry_with_disagreements() -> None:
    a = _row(1, "confirms", hs=["120510"], rates=[75.8])
    b = {**_row(2, "contradicts", hs=["1205.10"], rates=[75.0]), "published": "2025-10-28"}
    other = _row(3, "new", hs=["120510"], action="lifted")
    q = review_queue([a, b, other])
    first = q["queue"][0]
    assert first["verdict"] == "new" and [e["item_id"] for e in first["entries"]] == ["item3"]
    grouped = q["queue"][1]
    # the contradiction ranks the group; the confirmation stays in it, not folded
    assert grouped["verdict"] == "contradicts" and grouped["outlets"] == ["Outlet 1", "Outlet 2"]
    assert [e["item_id"] for e in grouped["entries"]] == ["item2", "item1"]
    assert "rates differ: 75% vs 75.8%" in grouped["disagreements"]
    assert q["confirmed"] == 0


def test_an_entry_shows_clause_source_date_speaker_and_flags() -> None:
    row = {**_row(1, "new", economies_inferred=True), "published_basis": "inferred"}
    quote = {
        "item_id": "q",
        "article_id": "art1",
        "kind": "quote",
        "sentence": row["sentence"],
        "fields": json.dumps({"text": "we will", "speaker": "Li"}),
        "review": None,
    }
    (g,) = review_queue([row, quote])["queue"]
    (e,) = g["entries"]
    assert e["clause_text"] == "China put a duty"
    assert e["before"] + e["clause_text"] + e["after"] == row["sentence"]
    assert e["speaker"] == "Li" and e["url"] == "https://example.org/1"
    assert e["published_label"] == "2025-10-27 (inferred)"
    assert e["inferred"] == ["economies", "publication date"]
    assert e["register_diff"] == "article diff 1"
    # no stored sentence start: the clause text is found in the sentence
    bare = {**row, "sentence_start": None, "fields": json.dumps(measure(clause="a duty"))}
    assert review_queue([bare])["queue"][0]["entries"][0]["clause_text"] == "a duty"


def test_a_draft_is_a_valid_measure_or_a_clear_error() -> None:
    row = _row(
        1,
        "new",
        hs=["071310"],
        rates=[10.0],
        products=["peas"],
        date={"iso": "2025-10-20", "precision": "day", "text": "Oct. 20"},
    )
    rec = draft_measure(row)
    (m,) = parse_measures_toml(dumps({"measure": [rec]}), file="draft.toml")
    assert (m.id, m.imposing, str(m.targets), m.kind, m.status) == (
        "news-item1",
        "CHN",
        "CAN",
        "additional",
        "in_force",
    )
    assert m.rate is not None and m.rate.ad_valorem == 10 and str(m.effective) == "2025-10-20"
    assert m.sources[0].url == "https://example.org/1" and m.sources[0].published == "2025-10-27"
    edited = draft_measure(row, {"rate": 12.5, "effective": "2025-11-01", "kind": "surtax"})
    assert edited["rate"] == {"ad_valorem": 12.5} and edited["kind"] == "surtax"
    lift = draft_measure(_row(2, "lifted", action="lifted"), suspends="chn-additional-100pct-2025")
    assert lift["kind"] == "suspension" and lift["suspends"] == ["chn-additional-100pct-2025"]
    with pytest.raises(DraftError, match="no URL"):
        draft_measure({**row, "url": None})
    with pytest.raises(DraftError, match="--rate"):
        draft_measure(_row(3, "new"))
    with pytest.raises(DraftError, match="YYYY-MM-DD"):
        draft_measure(row, {"effective": "next week"})
