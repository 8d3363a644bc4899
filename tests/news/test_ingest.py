"""Articles in (text, HTML, JSON lines; manifest dates), stored once, measures matched against
the register, claims grouped across outlets, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import thaw
from tests.fixtures import table_counts
from thaw.cli.app import app
from thaw.news.extract import extract
from thaw.news.ingest import NewsInputError, content_id, read_articles
from thaw.news.match import group_claims, match_measure

HERE = Path(__file__).resolve().parent
runner = CliRunner(env={"COLUMNS": "200"})


def test_ingest_is_idempotent_and_matches_the_register(db_path: Path, shared: Path) -> None:
    first = thaw.news_ingest([shared / "news"], db=db_path)
    assert first["read"] == 3 and first["new"] == 3
    assert first["items"]["event"] >= 40 and first["items"]["measure"] >= 10
    again = thaw.news_ingest([shared / "news"], db=db_path)
    assert again["new"] == 0 and again["already_stored"] == 3
    items = thaw.news_items("measure", db=db_path)
    seed = items[items.sentence.str.startswith("Beijing retaliated swiftly")].iloc[0]
    assert seed.verdict == "confirms" and seed.measure_id == "chn-canola-ad-deposit-2025"


def test_a_rounded_rate_contradicts_the_register() -> None:
    from thaw.data.bundle import load_bundled_measures

    (item,) = [
        i
        for i in extract(
            "China imposed a 75% duty on Canadian canola seed.",
            __import__("datetime").date(2025, 9, 1),
        )
        if i.kind == "measure"
    ]
    verdict, measure_id, note = match_measure(
        item, item_date := __import__("datetime").date(2025, 9, 1), load_bundled_measures()
    )
    del item_date
    assert verdict == "contradicts" and measure_id == "chn-canola-ad-deposit-2025"
    assert "75%" in note and "75.8%" in note


def test_claims_are_grouped_and_disagreements_listed() -> None:
    rows = []
    for outlet, rate in (("A", "75.8"), ("B", "75.8"), ("C", "76")):
        (it,) = [
            i
            for i in extract(
                f"Beijing imposed a {rate}% duty on Canadian canola seed.",
                __import__("datetime").date(2025, 9, 1),
            )
            if i.kind == "measure"
        ]
        rows.append(
            {
                "kind": "measure",
                "fields": json.dumps(it.fields),
                "outlet": outlet,
                "url": None,
                "sentence": it.sentence,
            }
        )
    (group,) = group_claims(rows)
    assert len(group["claims"]) == 3 and group["disagreement"] == "rates differ: 75.8% vs 76%"


def test_html_jsonl_and_bad_input(tmp_path: Path) -> None:
    html = (
        "<html><head><title>x</title></head><body><nav>Menu Home About</nav><article><p>"
        "Ottawa imposed a 25% surtax on Chinese steel and aluminum on Tuesday, officials said."
        "</p><p>The measure takes effect in October and applies to all Chinese steel.</p>"
        "</article></body></html>"
    )
    (tmp_path / "a.html").write_text(html)
    (tmp_path / "MANIFEST.csv").write_text("file,published,outlet,url\na.html,2024-08-26,T,\n")
    (tmp_path / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "China imposed a 100% tariff on Canadian peas.",
                "published": "2025-03-08",
                "outlet": "J",
            }
        )
        + "\n"
    )
    arts = read_articles([tmp_path])
    assert {a.outlet for a in arts} == {"T", "J"}
    html_text = next(a for a in arts if a.outlet == "T").text
    assert "25% surtax" in html_text and "Menu" not in html_text
    assert content_id("a  b") == content_id("a b")
    (tmp_path / "c.txt").write_text("No date for this one.")
    (undated,) = read_articles([tmp_path / "c.txt"])  # kept, never refused
    assert undated.published is None and undated.published_basis == "unknown"
    assert undated.warning is not None and "no publication date" in undated.warning
    (tmp_path / "d.jsonl").write_text("{not json\n")
    with pytest.raises(NewsInputError, match="line 1: not JSON"):
        read_articles([tmp_path / "d.jsonl"])


def _news_counts(db: Path) -> dict[str, object]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        q = "SELECT count(*), count(review) FROM news_items"
        return {
            **table_counts(db),
            "articles": con.execute("SELECT count(*) FROM news_articles").fetchone(),
            "items": con.execute(q).fetchone(),
        }
    finally:
        con.close()


def test_a_refused_batch_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("China imposed a 100% tariff on Canadian peas.")
    (tmp_path / "MANIFEST.csv").write_text("file,published\nok.txt,2025-03-08\n")
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    before = _news_counts(db_path)
    r = runner.invoke(app, ["--db", str(db_path), "news", "ingest", str(tmp_path)])
    assert r.exit_code == 1 and "not JSON" in r.output
    assert _news_counts(db_path) == before


def test_an_undated_article_is_stored_with_an_inferred_date(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.news import fake_items

    monkeypatch.setattr("thaw.news.ingest.extract", fake_items.extract)
    (tmp_path / "dated.txt").write_text("Beijing set a 75.8% deposit on Canadian canola seed.\n")
    (tmp_path / "paged.txt").write_text(
        "Canola news\nPublished 9:00 a.m. ET Sept. 3, 2025\n"
        "China kept a 75.8% deposit on Canadian canola seed, officials said.\n"
    )
    # the truth: Thursday 2025-09-04; the text reports Sept. 2 (a Tuesday) and "on Wednesday"
    (tmp_path / "undated.txt").write_text(
        "Exporters still pay a 75.8% deposit on Canadian canola seed.\n"
        "The deposit took effect on Aug. 14, 2025. Growers met officials in Regina on Sept. 2, "
        "2025, and Beijing said on Wednesday that the deposit stands.\n"
    )
    (tmp_path / "nothing.txt").write_text("Exporters fear a 75% duty on Canadian canola seed.\n")
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published,outlet,url\ndated.txt,2025-09-01,Wire,https://example.org/a\n"
    )
    summary = thaw.news_ingest([tmp_path], db=db_path)
    assert summary["new"] == 4
    assert summary["published_basis"] == {"manifest": 1, "byline": 1, "inferred": 1, "unknown": 1}
    assert any("inferred" in w and "undated.txt" in w for w in summary["warnings"])
    assert any("no publication date" in w and "nothing.txt" in w for w in summary["warnings"])
    items = thaw.news_items("measure", db=db_path).to_dict(orient="records")
    by_path = {str(r["sentence"])[:20]: r for r in items}
    inferred = by_path["Exporters still pay "]
    assert inferred["published_basis"] == "inferred"
    published = dt.date.fromisoformat(str(inferred["published"])[:10])
    assert abs((published - dt.date(2025, 9, 4)).days) <= 7
    assert inferred["verdict"] == "confirms"
    assert inferred["measure_id"] == "chn-canola-ad-deposit-2025"
    unknown = by_path["Exporters fear a 75%"]
    assert not isinstance(unknown["verdict"], str)  # no verdict without a date
    assert "publication date unknown" in unknown["register_diff"]
    assert by_path["China kept a 75.8% d"]["published_basis"] == "byline"
    # the JSON rows keep their keys and add the basis and the diff
    r = runner.invoke(app, ["--db", str(db_path), "news", "items", "--kind", "measure", "--json"])
    row = json.loads(r.stdout)[0]
    assert {
        "item_id",
        "article_id",
        "kind",
        "span_start",
        "span_end",
        "sentence",
        "fields",
        "verdict",
        "measure_id",
        "published",
        "outlet",
        "published_basis",
        "url",
        "register_diff",
    } <= set(row)


def test_accept_adds_the_measure_and_bad_input_changes_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.news import fake_items
    from thaw.errors import NotFoundError, ThawError
    from thaw.measures.io import load_measures_file

    monkeypatch.setattr("thaw.news.ingest.extract", fake_items.extract)
    (tmp_path / "a.txt").write_text(
        "Ottawa put a 10% tariff on Chinese peas on Oct. 20, 2025.\n"
        "Trade officials said the 25% tariff on Canadian goods still applied.\n"
    )
    (tmp_path / "b.txt").write_text("Canada may raise its steel surtax to 50% next year.\n")
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published,outlet,url\na.txt,2025-10-27,Wire,https://example.org/a\n"
        "b.txt,2025-10-28,Paper,\n"
    )
    thaw.news_ingest([tmp_path], db=db_path)
    queue = thaw.news_queue(db=db_path)
    entries = {e["sentence"][:12]: e for g in queue["queue"] for e in g["entries"]}
    peas = entries["Ottawa put a"]
    assert peas["verdict"] == "new" and peas["clause_text"] == "a 10% tariff on Chinese peas"
    before = _news_counts(db_path)
    with pytest.raises(NotFoundError, match="no news item 'nope'"):
        thaw.news_review("nope", "accept", db=db_path)
    with pytest.raises(ThawError, match="decision must be"):
        thaw.news_review(peas["item_id"], "maybe", db=db_path)
    steel = entries["Canada may r"]
    with pytest.raises(ThawError, match="no URL"):
        thaw.news_review(steel["item_id"], "accept", db=db_path)
    assert _news_counts(db_path) == before
    assert not (db_path.parent / "news-measures").exists()
    out_file = tmp_path / "peas.toml"
    done = thaw.news_review(peas["item_id"], "accept", file=out_file, db=db_path)
    (m,) = load_measures_file(out_file)
    assert done["measure_id"] == m.id == f"news-{peas['item_id']}"
    assert m.imposing == "CAN" and str(m.effective) == "2025-10-27"  # no date of its own
    assert m.sources[0].url == "https://example.org/a" and m.sources[0].publisher == "Wire"
    assert thaw.measure(m.id, db=db_path).rate_text() == "10%"  # in the register
    with pytest.raises(ThawError, match="exists"):  # a second accept writes and adds nothing
        thaw.news_review(peas["item_id"], "accept", file=out_file, db=db_path)
    edited = thaw.news_review(
        steel["item_id"],
        "edit",
        values={
            "source_url": "https://example.org/b",
            "effective": "2026-01-01",
            "status": "in_force",
        },
        db=db_path,
    )
    assert thaw.measure(edited["measure_id"], db=db_path).ad_valorem == 50
    assert (db_path.parent / "news-measures" / f"{edited['measure_id']}.toml").exists()
    ieepa = entries["Trade offici"]
    thaw.news_review(ieepa["item_id"], "reject", note="a past rate", db=db_path)
    after = thaw.news_queue(db=db_path)
    assert after["reviewed"] == 3 and after["queue"] == []


def test_cli_items_review_and_timeline(db_path: Path, tmp_path: Path) -> None:
    r = runner.invoke(
        app, ["--db", str(db_path), "news", "ingest", str(HERE / "articles"), "--json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["new"] == 3
    items = json.loads(
        runner.invoke(
            app, ["--db", str(db_path), "news", "items", "--kind", "measure", "--json"]
        ).stdout
    )
    new = next(i for i in items if i["verdict"] == "new" or i["verdict"] == "confirms")
    ok = runner.invoke(app, ["--db", str(db_path), "news", "review", new["item_id"], "rejected"])
    assert ok.exit_code == 0
    bad = runner.invoke(app, ["--db", str(db_path), "news", "review", "nope", "accepted"])
    assert bad.exit_code == 1 and "no news item" in bad.output
    tl = runner.invoke(
        app, ["--db", str(db_path), "news", "timeline", "--out", str(tmp_path / "t.html")]
    )
    assert tl.exit_code == 0 and (tmp_path / "t.html").exists() and "meeting" in tl.output


def test_events_are_checked_against_dated_facts(db_path: Path, shared: Path) -> None:
    thaw.news_ingest([shared / "news"], db=db_path)
    events = thaw.news_items("event", db=db_path)
    strategy = events[events.sentence.str.contains("Indo-Pacific strategy")].iloc[0]
    assert strategy.verdict == "contradicts"
    assert "2022" in json.loads(strategy.fields)["match_note"]
    visit = events[events.sentence.str.contains("since 2017, when Justin Trudeau visited Beijing")]
    assert set(visit.verdict.dropna()) == {"confirms"}


def test_an_accepted_measure_becomes_a_draft_that_validates(db_path: Path, tmp_path: Path) -> None:
    from thaw.measures.io import load_measures_file

    thaw.news_ingest([HERE / "articles2"], db=db_path)
    items = thaw.news_items("measure", db=db_path)
    row = items[items.sentence.str.startswith("Canada will raise its surtax")].iloc[0]
    draft = tmp_path / "draft.toml"
    thaw.news_review(row.item_id, "accepted", draft=draft, db=db_path)
    (m,) = load_measures_file(draft)  # a valid measure, waiting for a person to complete it
    assert m.imposing == "CAN" and m.rate is not None and m.rate.ad_valorem == 35
    assert m.sources[0].locator.startswith("Canada will raise")
    before = thaw.measures(db=db_path)
    assert all(x.id != m.id for x in before)  # nothing entered the register


def test_a_corpus_through_dask_gives_what_single_articles_give(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from thaw.news.ingest import extract_corpus, extract_corpus_to_parquet

    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "articles2").glob("*.txt"))]
    docs = [(f"2026-0{m}-10", t) for m in (3, 6, 9) for t in texts]
    one = [[i.to_dict() for i in extract(t, dt.date.fromisoformat(d))] for d, t in docs]
    assert extract_corpus(docs, scheduler="sync", partitions=4) == one
    parts = extract_corpus_to_parquet(docs, tmp_path / "items", scheduler="sync", partitions=4)
    table = pq.read_table(parts).to_pandas()
    assert len(parts) > 1 and len(table) == sum(len(x) for x in one)
    assert set(table.article_id) == {content_id(t) for t in texts}
    first = table[(table.article_id == content_id(texts[0])) & (table.published == "2026-03-10")]
    assert list(first.sentence) == [i["sentence"] for i in one[0]]
    assert [json.loads(f) for f in first.fields] == [
        json.loads(json.dumps(i["fields"], default=str)) for i in one[0]
    ]
    # an existing folder is refused and left alone; nothing half-written beside it
    with pytest.raises(NewsInputError, match="exists"):
        extract_corpus_to_parquet(docs, tmp_path / "items", scheduler="sync")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items"]


def test_json_lines_are_read_by_the_workers_and_a_bad_line_leaves_nothing(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from thaw.news.ingest import extract_corpus_to_parquet

    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "articles2").glob("*.txt"))]
    good = tmp_path / "a.jsonl"
    good.write_text(
        "\n".join(json.dumps({"text": t, "published": "2026-06-10", "url": "u"}) for t in texts)
    )
    parts = extract_corpus_to_parquet([good], tmp_path / "items", scheduler="sync")
    table = pq.read_table(parts).to_pandas()
    want = sum(len(extract(t, dt.date(2026, 6, 10))) for t in texts)
    assert len(table) == want and set(table.url) == {"u"}
    bad = tmp_path / "b.jsonl"
    bad.write_text(good.read_text() + '\n{"text": "no date"}\n')
    with pytest.raises(NewsInputError, match="publication date"):
        extract_corpus_to_parquet([bad], tmp_path / "items2", scheduler="sync")
    assert not (tmp_path / "items2").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".thaw-items")]


def test_news_extract_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "articles2").glob("*.txt"))]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": t, "published": "2026-06-10"}) for t in texts))
    want = sum(len(extract(t, dt.date(2026, 6, 10))) for t in texts)
    r = CliRunner().invoke(app, ["news", "extract", str(corpus), "--out", str(tmp_path / "one")])
    assert r.exit_code == 0, r.output
    assert f"{want:,} items" in r.output
    summary = thaw.news_extract([corpus], tmp_path / "two", workers=2)
    assert summary["items"] == want
    r = CliRunner().invoke(app, ["news", "extract", str(corpus), "--out", str(tmp_path / "one")])
    assert r.exit_code == 1 and "exists" in r.output


def test_an_undated_article_in_a_batch_is_dated_by_the_register(
    db_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "dated.txt").write_text("Beijing set a 75.8% deposit on Canadian canola seed.\n")
    (tmp_path / "brief.txt").write_text(
        "Canada's 25 per cent surtax on Chinese steel and aluminum products came into force on "
        "Tuesday.\nImporters said the surtax adds costs.\n"
    )
    (tmp_path / "MANIFEST.csv").write_text("file,published\ndated.txt,2025-09-01\nbrief.txt,\n")
    summary = thaw.news_ingest([tmp_path], db=db_path)
    assert summary["new"] == 2
    assert summary["published_basis"] == {"manifest": 1, "inferred": 1}
    assert any("brief.txt" in w and "inferred" in w for w in summary["warnings"])
    rows = thaw.news_items("measure", db=db_path).to_dict(orient="records")
    brief = next(r for r in rows if str(r["sentence"]).startswith("Canada's 25 per cent"))
    # the register's steel and aluminum surtax is in force from Tuesday 2024-10-22
    assert brief["published_basis"] == "inferred"
    assert str(brief["published"])[:10] == "2024-10-22"
