"""``thaw events``: the list as JSON and as a table, filters, the chart, the phases."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from thaw.cli.app import app

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_events_list_json_filters_by_date_and_type(db_path: Path) -> None:
    code, output = run(
        db_path, "events", "list", "--json", "--from", "2025-01-01", "--type", "meeting"
    )
    assert code == 0, output
    rows = json.loads(output)
    assert rows and {r["type"] for r in rows} == {"meeting"}
    assert all(r["date"] >= "2025-01-01" for r in rows)
    for r in rows:
        assert {"date", "type", "title", "sources", "precision", "participants", "place"} <= set(r)
        assert {"confidence", "phase"} <= set(r)
        assert r["sources"] and r["sources"][0]["url"].startswith("http")
    by_date = {r["date"]: r for r in rows}
    assert by_date["2025-10-31"]["phase"] == "thaw"
    assert by_date["2026-01-16"]["phase"] == "turning point"
    assert by_date["2026-11-01"]["precision"] == "month"


def test_events_list_table_has_numbered_sources_and_register_milestones(db_path: Path) -> None:
    code, output = run(db_path, "events", "list", "--from", "2024-10-01", "--to", "2024-10-01")
    assert code == 0, output
    assert "can-ev-surtax-2024" not in output  # the table shows titles; the id is in --json
    assert "in force" in output and "[1]" in output and "https://" in output
    code, output = run(
        db_path, "events", "list", "--json", "--no-measures", "--type", "trade_measure"
    )
    assert code == 0 and json.loads(output) == []


def test_events_list_writes_a_chart(db_path: Path, tmp_path: Path) -> None:
    chart = tmp_path / "events.html"
    code, output = run(db_path, "events", "list", "--from", "2025-01-01", "--out", str(chart))
    assert code == 0, output
    assert chart.exists() and "chart written" in output


def test_events_list_errors_are_one_line(db_path: Path) -> None:
    code, output = run(db_path, "events", "list", "--type", "summit")
    assert code == 1 and "unknown event type" in output
    code, output = run(db_path, "events", "list", "--from", "2025-13-01")
    assert code == 1 and "not YYYY-MM-DD" in output


def test_events_phases(db_path: Path) -> None:
    code, output = run(db_path, "events", "phases", "--json")
    assert code == 0, output
    phases = json.loads(output)
    assert [p["name"] for p in phases] == ["freeze", "low point", "thaw", "turning point"]
    assert all(p["sources"] for p in phases)
    code, output = run(db_path, "events", "phases")
    assert code == 0 and "meng-arrest-2018-12-01" in output
