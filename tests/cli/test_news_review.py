"""`thaw news review`: the queue with no item, accept/edit/reject on one, the older forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaw.cli.app import app

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def ingested(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.news import fake_items

    monkeypatch.setattr("thaw.news.ingest.extract", fake_items.extract)
    (tmp_path / "a.txt").write_text(
        "Ottawa put a 10% tariff on Chinese peas, “we will not back down,” said Li.\n"
        "Beijing set a 75.8% deposit on Canadian canola seed.\n"
        "Ottawa keeps a 25% surtax on Chinese steel.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Beijing put a 75% duty on Canadian canola seed.\n"
        "Prices fell after China lifted its 100% tariff on Canadian canola meal on Wednesday.\n"
        "Farmers met officials on Sept. 29, 2025 in Regina.\n"
    )
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published,outlet,url\na.txt,2025-10-27,Wire,https://example.org/a\n"
    )
    r = runner.invoke(app, ["--db", str(db_path), "news", "ingest", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "warning" in r.output and "inferred" in r.output  # b.txt has no manifest date
    return db_path


def test_news_review_lists_the_ranked_queue(ingested: Path) -> None:
    r = runner.invoke(app, ["--db", str(ingested), "news", "review"])
    assert r.exit_code == 0, r.output
    assert r.output.index("#1 NEW") < r.output.index("CONTRADICTS") < r.output.index("LIFTED")
    assert "speaker Li" in r.output and "(inferred)" in r.output
    assert "article 75%; register 75.8% provisional deposit" in r.output
    assert "1 confirmation(s) in 1 claim(s) folded" in r.output
    assert "(Wire, unknown outlet)" in r.output and "rates differ: 75% vs 75.8%" in r.output
    q = json.loads(runner.invoke(app, ["--db", str(ingested), "news", "review", "--json"]).stdout)
    assert [g["verdict"] for g in q["queue"]] == ["new", "contradicts", "lifted"]
    lifted = q["queue"][2]["entries"][0]
    assert lifted["published_basis"] == "inferred" and "publication date" in lifted["inferred"]


def test_news_review_accept_reject_and_bad_input(ingested: Path, tmp_path: Path) -> None:
    q = json.loads(runner.invoke(app, ["--db", str(ingested), "news", "review", "--json"]).stdout)
    new, contra, lifted = (g["entries"][0]["item_id"] for g in q["queue"])
    before = runner.invoke(app, ["--db", str(ingested), "measures", "list", "--json"]).stdout
    bad = runner.invoke(app, ["--db", str(ingested), "news", "review", "nope", "accept"])
    assert bad.exit_code == 1 and "no news item 'nope'" in bad.output
    no_url = runner.invoke(app, ["--db", str(ingested), "news", "review", lifted, "accept"])
    assert no_url.exit_code == 1 and "--source-url" in no_url.output
    undecided = runner.invoke(app, ["--db", str(ingested), "news", "review", new])
    assert undecided.exit_code == 1 and "accept, edit or reject" in undecided.output
    after = runner.invoke(app, ["--db", str(ingested), "measures", "list", "--json"]).stdout
    assert after == before
    path = tmp_path / "peas.toml"
    ok = runner.invoke(
        app, ["--db", str(ingested), "news", "review", new, "accept", "--file", str(path)]
    )
    assert ok.exit_code == 0, ok.output
    assert f"added news-{new}" in ok.output and path.exists()
    shown = runner.invoke(app, ["--db", str(ingested), "measures", "show", f"news-{new}"])
    assert shown.exit_code == 0 and "10%" in shown.output
    edit = runner.invoke(
        app,
        [
            "--db",
            str(ingested),
            "news",
            "review",
            lifted,
            "edit",
            "--source-url",
            "https://example.org/b",
            "--publisher",
            "Paper",
            "--file",
            str(tmp_path / "l.toml"),
        ],
    )
    assert edit.exit_code == 0, edit.output  # a lift becomes a suspension of the measure
    assert 'kind = "suspension"' in (tmp_path / "l.toml").read_text()
    old = runner.invoke(app, ["--db", str(ingested), "news", "review", contra, "rejected"])
    assert old.exit_code == 0 and "rejected" in old.output
    q = json.loads(runner.invoke(app, ["--db", str(ingested), "news", "review", "--json"]).stdout)
    assert q["queue"] == [] and q["reviewed"] == 3
