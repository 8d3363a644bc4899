"""The command line, tested as a user runs it (typer's CliRunner, fixed terminal width)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.fixtures import MEASURE_TOML, table_counts
from thaw.cli.app import app

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})

GOOD = MEASURE_TOML


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_rate_json_has_the_documented_fields(db_path: Path) -> None:
    code, output = run(
        db_path,
        "measures",
        "rate",
        "--importer",
        "CHN",
        "--exporter",
        "CAN",
        "--hs",
        "120510",
        "--on",
        "2025-09-01",
        "--json",
    )
    assert code == 0
    data = json.loads(output)
    for key in ("importer", "exporter", "hs", "date", "total_ad_valorem", "components"):
        assert key in data
    assert data["total_ad_valorem"] == pytest.approx(84.8)
    for c in data["components"]:
        assert {"kind", "rate", "effective", "end", "source_url"} <= set(c)
    assert {c["kind"] for c in data["components"]} == {"mfn", "antidumping_deposit"}


def test_rate_table_shows_total_and_sources(db_path: Path) -> None:
    code, output = run(
        db_path,
        "measures",
        "rate",
        "--importer",
        "CAN",
        "--exporter",
        "CHN",
        "--hs",
        "8703.80",
        "--on",
        "2025-01-15",
    )
    assert code == 0
    assert "Total: 106.1% ad valorem" in output
    assert "gazette.gc.ca" in output


def test_list_filters_and_json(db_path: Path) -> None:
    code, output = run(
        db_path,
        "measures",
        "list",
        "--importer",
        "CHN",
        "--exporter",
        "CAN",
        "--on",
        "2026-06-01",
        "--kind",
        "additional",
        "--json",
    )
    assert code == 0
    ids = {m["id"] for m in json.loads(output)}
    assert ids == {"chn-additional-100pct-2025", "chn-additional-25pct-2025"}


def test_show_one_measure(db_path: Path) -> None:
    code, output = run(db_path, "measures", "show", "chn-canola-ad-duty-2026")
    assert code == 0
    assert "5.9%" in output
    assert "MOFCOM final determination" in output


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_timeline_writes_a_chart(db_path: Path, tmp_path: Path, suffix: str) -> None:
    chart = tmp_path / f"chart{suffix}"
    code, output = run(
        db_path,
        "measures",
        "timeline",
        "--importer",
        "CHN",
        "--exporter",
        "CAN",
        "--hs",
        "120510",
        "--out",
        str(chart),
    )
    assert code == 0, output
    assert "84.8" in output
    assert "14.9" in output
    assert chart.stat().st_size > 5000
    if suffix == ".html":
        html = chart.read_text(encoding="utf-8")
        assert "cdn" not in html.lower().split("<body")[0]  # plotly.js embedded, no CDN
        assert "en.people.cn" in html


def test_timeline_json_steps_are_contiguous(db_path: Path) -> None:
    import datetime as dt

    code, output = run(
        db_path,
        "measures",
        "timeline",
        "--importer",
        "CAN",
        "--exporter",
        "CHN",
        "--hs",
        "870380",
        "--json",
    )
    steps = json.loads(output)["steps"]
    assert code == 0
    assert len(steps) >= 3
    for a, b in itertools.pairwise(steps):
        assert dt.date.fromisoformat(a["end"]) + dt.timedelta(days=1) == dt.date.fromisoformat(
            b["start"]
        )


def test_add_good_file(db_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "m.toml"
    f.write_text(GOOD, encoding="utf-8")
    code, output = run(db_path, "measures", "add", str(f))
    assert code == 0
    assert "cli-test-duty" in output
    code, output = run(
        db_path,
        "measures",
        "rate",
        "--importer",
        "CHN",
        "--exporter",
        "CAN",
        "--hs",
        "151419",
        "--on",
        "2026-06-01",
        "--json",
    )
    assert json.loads(output)["total_ad_valorem"] == pytest.approx(119.0)


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ("[[measure]\nid = ", ["m.toml", "not valid TOML"]),
        (
            GOOD.replace('targets = ["CAN"]', 'targets = ["CNA"]'),
            ["m.toml", "record cli-test-duty", "field targets.economies", "unknown economy 'CNA'"],
        ),
        (
            GOOD.replace("effective = 2026-05-01", "effective = 2026-05-01\nend = 2026-01-01"),
            ["record cli-test-duty", "end 2026-01-01 is before effective 2026-05-01"],
        ),
        (GOOD.replace('hs = ["1514"]', 'hs = ["15x4"]'), ["field products.hs", "only digits"]),
        (
            GOOD.replace('id = "cli-test-duty"', 'id = "chn-canola-ad-duty-2026"'),
            ["already in the register"],
        ),
        (GOOD + GOOD, ["duplicate id 'cli-test-duty'"]),
        (
            GOOD.replace("[[measure.sources]]", "[[measure.source]]"),
            ["field source", "unknown field"],
        ),
        (GOOD.replace('publisher = "Test"\n', ""), ["field sources[0].publisher", "missing"]),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_change_nothing(
    db_path: Path, tmp_path: Path, content: str, fragments: list[str]
) -> None:
    f = tmp_path / "m.toml"
    f.write_text(content, encoding="utf-8")
    before = table_counts(db_path)
    code, output = run(db_path, "measures", "add", str(f))
    assert code == 1
    assert output.startswith("error:") and output.count("\n") == 1, output
    for frag in fragments:
        assert frag in output, (frag, output)
    assert table_counts(db_path) == before


def test_errors_are_one_line_and_debug_shows_the_traceback(db_path: Path) -> None:
    code, output = run(
        db_path, "measures", "rate", "--importer", "ZZZ", "--exporter", "CAN", "--hs", "1205"
    )
    assert code == 1
    assert output.strip().startswith("error: unknown economy 'ZZZ'")
    result = runner.invoke(
        app,
        [
            "--db",
            str(db_path),
            "--debug",
            "measures",
            "rate",
            "--importer",
            "ZZZ",
            "--exporter",
            "CAN",
            "--hs",
            "1205",
        ],
    )
    assert result.exit_code == 1
    assert result.exception is not None


def test_flows_show_json_rows_have_sources(db_path: Path) -> None:
    code, output = run(db_path, "flows", "show", "--reporter", "CAN", "--partner", "CHN", "--json")
    assert code == 0
    rows = json.loads(output)
    assert rows, "no bundled flows for CAN->CHN"
    for r in rows:
        assert r["source_url"].startswith("http")
        assert r["publisher"]
        assert r["published"]


def test_data_status_and_export(db_path: Path, tmp_path: Path) -> None:
    code, output = run(db_path, "data", "status", "--json")
    assert code == 0
    assert json.loads(output)["schema_version"] >= 1
    code, output = run(db_path, "data", "export", "measures", str(tmp_path / "m.parquet"))
    assert code == 0
    assert (tmp_path / "m.parquet").exists()


COMMANDS = [
    ["measures", "list"],
    ["measures", "show"],
    ["measures", "rate"],
    ["measures", "timeline"],
    ["measures", "upcoming"],
    ["measures", "add"],
    ["flows", "show"],
    ["data", "status"],
    ["data", "export"],
    ["data", "import", "baci"],
    ["data", "import", "comtrade"],
    ["data", "import-flows"],
    ["data", "refresh-bundled"],
    ["demo"],
    ["simulate"],
    ["compare"],
    ["scenarios"],
    ["ge"],
    ["goal"],
    ["serve"],
    ["news", "ingest"],
    ["news", "items"],
    ["news", "review"],
    ["news", "timeline"],
    ["report"],
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cmd: list[str]) -> None:
    result = runner.invoke(app, [*cmd, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, result.output


def test_demo_runs(db_path: Path) -> None:
    code, output = run(db_path, "demo")
    assert code == 0
    assert "84.8" in output
    assert "106.1" in output


def test_import_flows_csv_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    from thaw.data.schema import SOURCED_FLOW_COLUMNS

    header = ",".join(SOURCED_FLOW_COLUMNS)
    good = (
        "120510,,Canola seed,CAN,PAK,export,2024,annual,1000000,CAD,,,my basis,true,M,,,"
        "https://example.org/t,Me,2025-01-02,table 1"
    )
    bad = good.replace(",PAK,", ",PAKI,")
    f = tmp_path / "mine.csv"
    f.write_text(f"{header}\n{good}\n{bad}\n", encoding="utf-8")
    before = table_counts(db_path)
    code, output = run(db_path, "data", "import-flows", str(f))
    assert code == 1 and "row 3: field partner: unknown economy 'PAKI'" in output
    assert table_counts(db_path) == before
    f.write_text(f"{header}\n{good}\n", encoding="utf-8")
    code, output = run(db_path, "data", "import-flows", str(f))
    assert code == 0 and "added 1 flows" in output
    code, output = run(db_path, "flows", "show", "--partner", "PAK", "--json")
    assert json.loads(output)[0]["publisher"] == "Me"
    code, output = run(db_path, "data", "import-flows", str(f))
    assert code == 1 and "already imported" in output
