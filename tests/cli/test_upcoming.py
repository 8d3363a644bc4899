"""`thaw measures upcoming` and the freshness block of `thaw data status`, on the bundled
register. Expectations come from the register itself (through the API) where it may change."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from typer.testing import CliRunner

import thaw
from thaw.cli.app import app

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})

#: China's suspended products (chn-suspension-2026) and the duty that returns on each.
RETURNING = {"2306.41": 100.0, "0713.10": 100.0, "0306.12": 25.0, "0306.32": 25.0}
RETURNING |= {"0306.14": 25.0, "0306.33": 25.0}


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_upcoming_json_lists_the_suspension_lapsing_on_new_year(db_path: Path) -> None:
    code, output = run(
        db_path, "measures", "upcoming", "--from", "2026-12-03", "--days", "60", "--json"
    )
    assert code == 0, output
    rows = json.loads(output)
    for r in rows:
        assert {"measure_id", "date", "event", "what", "hs", "rate_before", "rate_after"} <= set(r)
        assert {"renewal_known", "open_question", "sources"} <= set(r)
        assert "2026-12-03" <= r["date"] <= "2027-01-31"
    ours = [r for r in rows if r["measure_id"] == "chn-suspension-2026"]
    # the lapse on 2027-01-01, and (the record's open question) its review on 2026-12-31
    assert sorted(r["event"] for r in ours) == ["expires", "review_due"]
    (review,) = [r for r in ours if r["event"] == "review_due"]
    assert review["date"] == "2026-12-31" and review["open_question"]
    (s,) = [r for r in ours if r["event"] == "expires"]
    assert (s["date"], s["last_day"], s["event"]) == ("2027-01-01", "2026-12-31", "expires")
    assert (s["importer"], s["exporter"]) == ("CHN", "CAN")
    assert s["renewal_known"] is False and s["sources"][0]["url"].startswith("http")
    assert set(RETURNING) <= set(s["hs"])
    for hs, duty in RETURNING.items():
        assert s["rate_after"][hs] - s["rate_before"][hs] == duty, hs
    # the day before is the stack the API gives on 2026-12-31 (canola meal: MFN alone)
    meal = thaw.applied_rate("CHN", "CAN", "230641", "2026-12-31", db=db_path)
    assert s["rate_before"]["2306.41"] == meal.total_ad_valorem
    assert meal.measure_ids == ("chn-mfn-canola-meal",)
    after = thaw.applied_rate("CHN", "CAN", "230641", "2027-01-01", db=db_path)
    assert s["rate_after"]["2306.41"] == after.total_ad_valorem


def test_upcoming_table_numbers_its_sources_and_filters(db_path: Path) -> None:
    code, output = run(db_path, "measures", "upcoming", "--from", "2026-12-03", "--importer", "CHN")
    assert code == 0, output
    assert re.search(r"chn-suspension-2026 \[(\d+)\]", output), output
    number = re.search(r"chn-suspension-2026 \[(\d+)\]", output).group(1)  # type: ignore[union-attr]
    assert f"[{number}] " in output and "Xinhua" in output
    meal = [
        thaw.applied_rate("CHN", "CAN", "230641", day, db=db_path).total_ad_valorem
        for day in ("2026-12-31", "2027-01-01")
    ]
    assert f"2306.41: {meal[0]:g} -> {meal[1]:g}" in output and "Renewal: not known" in output
    assert "can-surtax-remission-2026" not in output
    code, output = run(db_path, "measures", "upcoming", "--from", "2027-01-02", "--days", "1")
    assert code == 0 and "chn-suspension-2026" not in output


def test_data_status_reports_the_record_freshness(db_path: Path) -> None:
    code, output = run(db_path, "data", "status", "--on", "2026-12-03", "--json")
    assert code == 0, output
    rec = json.loads(output)["record"]
    expected = thaw.record_freshness("2026-12-03", db=db_path)
    assert rec["on"] == "2026-12-03" and rec["measures"] == expected.measures
    assert rec["as_of"] == (expected.as_of and expected.as_of.isoformat())
    assert rec["open_questions"] == len(expected.open_questions)
    assert [o["measure_id"] for o in rec["reviews_overdue"]] == [
        o.measure_id for o in expected.overdue
    ]
    for o in rec["reviews_overdue"]:
        assert o["review_by"] < "2026-12-03"
    nxt = rec["next_changes"]
    assert (nxt["start"], nxt["last"], nxt["days"]) == ("2026-12-03", "2027-01-31", 60)
    assert "chn-suspension-2026" in {c["measure_id"] for c in nxt["changes"]}
    code, output = run(db_path, "data", "status", "--on", "2026-12-03")
    assert code == 0 and "record as of" in output and "chn-suspension-2026" in output


def test_upcoming_api_defaults_to_today(db_path: Path) -> None:
    u = thaw.upcoming(days=3, db=db_path)
    assert isinstance(u, thaw.UpcomingChanges) and u.start == dt.date.today()
    assert all(u.start <= c.date <= u.last for c in u)
    assert isinstance(thaw.record_freshness(db=db_path), thaw.RecordStatus)
