"""The Evidence page's review queue over the API: ranked and grouped, accept and reject through
the token-guarded write routes, bad input refused with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

import thaw
from tests.web.conftest import client_for


@pytest.fixture
def ingested(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.news import fake_items

    monkeypatch.setattr("thaw.news.ingest.extract", fake_items.extract)
    (tmp_path / "a.txt").write_text(
        "Ottawa put a 10% tariff on Chinese peas, “we will not back down,” said Li.\n"
        "Beijing put a 75% duty on Canadian canola seed.\n"
    )
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published,outlet,url\na.txt,2025-10-27,Wire,https://example.org/a\n"
    )
    thaw.news_ingest([tmp_path], db=db_path)
    return db_path


def test_news_queue_and_review_over_the_api(ingested: Path, tmp_path: Path) -> None:
    with client_for(ingested, tmp_path, token="s3cret") as c:
        q = c.get("/api/news/queue").json()
        assert [g["verdict"] for g in q["queue"]] == ["new", "contradicts"]
        peas = q["queue"][0]["entries"][0]
        assert peas["clause_text"] == "a 10% tariff on Chinese peas" and peas["speaker"] == "Li"
        assert q["queue"][1]["entries"][0]["register_diff"].startswith("article 75%; register")
        item = peas["item_id"]
        denied = c.post(f"/api/news/review/{item}", json={"decision": "accept"})
        assert denied.status_code == 401
        auth = {"X-Thaw-Token": "s3cret"}
        missing = c.post("/api/news/review/nope", json={"decision": "accept"}, headers=auth)
        assert missing.status_code == 404 and "no news item" in missing.json()["detail"]
        bad = c.post(f"/api/news/review/{item}", json={"decision": "maybe"}, headers=auth)
        assert bad.status_code in (400, 422)
        assert c.get(f"/api/measures/news-{item}").status_code == 404  # nothing was added
        ok = c.post(f"/api/news/review/{item}", json={"decision": "accept"}, headers=auth)
        assert ok.status_code == 200, ok.text
        assert ok.json()["measure_id"] == f"news-{item}"
        assert c.get(f"/api/measures/news-{item}").status_code == 200
        other = q["queue"][1]["entries"][0]["item_id"]
        rej = c.post(
            f"/api/news/review/{other}", json={"decision": "reject", "note": "x"}, headers=auth
        )
        assert rej.status_code == 200 and rej.json()["decision"] == "rejected"
        after = c.get("/api/news/queue").json()
        assert after["queue"] == [] and after["reviewed"] == 2
        page = c.get("/evidence")
        assert page.status_code == 200 and "Review queue" in page.text
        assert "/api/news/review/" in page.text
