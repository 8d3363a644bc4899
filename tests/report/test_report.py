"""Reports: one self-contained file with summary, charts, assumptions and sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaw.cli.app import app

runner = CliRunner(env={"COLUMNS": "200"})


def test_html_report_is_self_contained_and_sourced(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = runner.invoke(
        app, ["--db", str(db_path), "report", "arrangement-2026", "-o", str(out), "--draws", "20"]
    )
    assert r.exit_code == 0, r.output
    page = out.read_text()
    assert "Summary by economy" in page and "Measures and their sources" in page
    assert "can-ev-quota-2026" in page and "https://" in page and "Scenario file" in page
    assert "<script src=" not in page  # plotly is inlined: nothing is fetched when opened
    assert "pe_elasticities" in page or "GCAM" in page


def test_ge_report_and_bad_suffix(db_path: Path, tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "ge.html"
    data = shared / "data" / "gegravity_sample_2006.csv"
    r = runner.invoke(
        app,
        [
            "--db",
            str(db_path),
            "report",
            "ge-usa-tariff-can",
            "-o",
            str(out),
            "--data",
            str(data),
            "--draws",
            "0",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "real GDP" in out.read_text()
    bad = runner.invoke(
        app,
        [
            "--db",
            str(db_path),
            "report",
            "dispute-2025",
            "-o",
            str(tmp_path / "r.docx"),
            "--draws",
            "0",
        ],
    )
    assert bad.exit_code == 1 and ".html or .pdf" in bad.output
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="PDF printing needs Chromium")
def test_pdf_report(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    r = runner.invoke(
        app, ["--db", str(db_path), "report", "dispute-2025", "-o", str(out), "--draws", "0"]
    )
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:5] == b"%PDF-"
