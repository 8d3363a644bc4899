"""The workbench's JSON API and pages: every endpoint, bad input, the token rule, limits."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.fixtures import MEASURE_TOML as MEASURE
from tests.web.conftest import SAMPLE, client_for, wait


def test_register_endpoints(client: TestClient) -> None:
    assert client.get("/api/health").json()["measures"] >= 40
    rate = client.get(
        "/api/rate",
        params={"importer": "CHN", "exporter": "CAN", "hs": "120510", "on": "2025-09-01"},
    ).json()
    assert rate["total_ad_valorem"] == pytest.approx(84.8)
    ms = client.get(
        "/api/measures",
        params={"importer": "CHN", "kind": "antidumping_deposit", "hs": "1205"},
    ).json()
    assert [m["id"] for m in ms["measures"]] == ["chn-canola-ad-deposit-2025"]
    one = client.get("/api/measures/chn-canola-ad-deposit-2025").json()
    assert one["sources"] and one["rate"]["ad_valorem"] == pytest.approx(75.8)
    tl = client.get("/api/timeline", params={"importer": "CAN", "exporter": "CHN", "hs": "870380"})
    assert any(s["total_ad_valorem"] == pytest.approx(106.1) for s in tl.json()["steps"])
    fl = client.get("/api/flows", params={"reporter": "CAN", "partner": "CHN", "hs": "1205"}).json()
    assert fl["flows"] and all(r["source_url"] for r in fl["flows"])


@pytest.mark.parametrize(
    ("path", "params", "status", "fragment"),
    [
        ("/api/rate", {"importer": "XXX", "exporter": "CAN", "hs": "1205"}, 400, "unknown economy"),
        ("/api/rate", {"importer": "CHN", "exporter": "CAN", "hs": "12x5"}, 400, "digits"),
        ("/api/rate", {"importer": "CHN", "exporter": "CAN"}, 422, "hs"),
        ("/api/measures/nope", {}, 404, "nope"),
        ("/api/flows", {"limit": 999999}, 422, "limit"),
        ("/api/measures", {"kind": "tariffish"}, 400, "unknown kind"),
        ("/api/runs/abc", {}, 404, "no run"),
        ("/api/compare", {"runs": "abc"}, 400, "at least two"),
        ("/api/scenarios/nope", {}, 404, "no scenario"),
    ],
)
def test_bad_input_gets_a_clear_error(
    client: TestClient, path: str, params: dict[str, object], status: int, fragment: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status
    assert fragment in str(r.json()["detail"])


def test_build_validate_save_run_compare_and_download(client: TestClient) -> None:
    listed = client.get("/api/scenarios").json()
    assert {"dispute-2025", "arrangement-2026"} <= {s["name"] for s in listed["pe"]}
    built = client.post(
        "/api/scenarios/build",
        json={
            "base": "arrangement-2026",
            "draws": 30,
            "seed": 3,
            "modify": [{"id": "chn-additional-25pct-2025", "ad_valorem": 0}],
            "overrides": [{"product": "0203", "economy": "CHN", "sigma": 4.0}],
        },
    )
    assert built.status_code == 200, built.text
    doc = tomllib.loads(built.json()["toml"])
    assert doc["monte_carlo"]["draws"] == 30
    assert doc["register"]["modify"][0]["ad_valorem"] == 0
    assert client.post("/api/scenarios/validate", json={"toml": built.json()["toml"]}).json()[
        "valid"
    ]
    bad = client.post("/api/scenarios/validate", json={"toml": "[scenario\nname = 1"}).json()
    assert not bad["valid"] and "not valid TOML" in bad["error"]
    saved = client.post(
        "/api/scenarios/save", json={"name": "no-pork-tariff", "toml": built.json()["toml"]}
    )
    assert (
        saved.status_code == 201
        and "no-pork-tariff" in client.get("/api/scenarios").json()["saved"]
    )
    a = client.post("/api/runs", json={"scenario": "dispute-2025", "draws": 20}).json()
    b = client.post("/api/runs", json={"scenario": "no-pork-tariff"}).json()
    ra, rb = wait(client, a["id"]), wait(client, b["id"])
    assert ra["status"] == "done" and rb["status"] == "done", (ra, rb)
    can = next(e for e in rb["summary"]["economies"] if e["economy"] == "CAN")  # type: ignore[index]
    assert can["welfare_p05"] <= can["welfare_p95"]
    cmp = client.get("/api/compare", params={"runs": f"{a['id']},{b['id']}"}).json()
    row = next(r for r in cmp["welfare"] if r["economy"] == "CAN")
    assert row[a["id"]] < 0 < row[b["id"]]
    for name in ("economies.csv", "flows.parquet", "scenario.toml", "result.json", "report.html"):
        f = client.get(f"/api/runs/{b['id']}/files/{name}")
        assert f.status_code == 200 and len(f.content) > 100, name
    assert "Measures and their sources" in client.get(f"/api/runs/{b['id']}/files/report.html").text
    assert client.get(f"/api/runs/{b['id']}/files/secrets.txt").status_code == 404


def test_a_failed_run_is_reported_and_changes_nothing(client: TestClient) -> None:
    before = client.get("/api/health").json()["measures"]
    text = (
        client.get("/api/scenarios/dispute-2025")
        .json()["toml"]
        .replace('model = "armington"', 'model = "gsim"')
    )
    run = client.post("/api/runs", json={"toml": text, "draws": 0}).json()
    done = wait(client, run["id"])
    assert done["status"] == "failed" and "armington" in str(done["error"])
    assert client.get("/api/health").json()["measures"] == before
    assert client.get(f"/api/runs/{run['id']}/result").status_code == 400


def test_limits(client: TestClient) -> None:
    big = client.post(
        "/api/scenarios/validate",
        content=b"x" * 300_000,
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413
    too_many = client.post("/api/runs", json={"scenario": "dispute-2025", "draws": 10**6})
    assert too_many.status_code == 422
    unknown = client.post("/api/scenarios/build", json={"base": "dispute-2025", "remove": ["nope"]})
    assert unknown.status_code == 400 and "unknown measure id" in unknown.json()["detail"]
    extra = client.post("/api/runs", json={"scenario": "dispute-2025", "colour": "red"})
    assert extra.status_code == 422


def test_token_rule(db_path: Path, tmp_path: Path) -> None:
    with client_for(db_path, tmp_path, token="s3cret") as c:
        assert c.get("/api/measures").status_code == 200  # reads are open
        assert c.post("/api/runs", json={"scenario": "dispute-2025", "draws": 0}).status_code == 401
        ok = c.post(
            "/api/runs",
            json={"scenario": "dispute-2025", "draws": 0},
            headers={"X-Thaw-Token": "s3cret"},
        )
        assert ok.status_code == 202
        wait(c, ok.json()["id"])
    with client_for(db_path, tmp_path, open_network=True) as c:  # beyond loopback, no token
        assert c.get("/api/goal").status_code == 200
        r = c.post("/api/scenarios/save", json={"name": "x", "toml": "a = 1"})
        assert r.status_code == 403 and "--token" in r.json()["detail"]


def test_ge_runs_and_the_goal(client: TestClient) -> None:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not found: ../shared is only beside the checkout and in CI")
    run = client.post("/api/ge/runs", json={"scenario": "ge-can-chn-pta", "draws": 10}).json()
    done = wait(client, run["id"])
    assert done["status"] == "done"
    can = next(e for e in done["summary"]["economies"] if e["economy"] == "CAN")  # type: ignore[index]
    assert can["real_gdp_change_pct"] > 0
    assert client.post("/api/ge/runs", json={"scenario": "nope"}).status_code == 404
    goal = client.get("/api/goal").json()
    assert goal["summary"]["target_year"] == 2035


def test_pages_render_and_ship_their_javascript(client: TestClient) -> None:
    for path in (
        "/",
        "/measures",
        "/measures/can-ev-surtax-2024",
        "/rate",
        "/flows",
        "/scenarios",
        "/compare",
        "/ge",
        "/goal",
    ):
        r = client.get(path)
        assert r.status_code == 200 and "/static/plotly.min.js" in r.text, path
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert "cdn" not in client.get("/").text.lower()
    assert client.get("/static/../app.py").status_code == 404
    spec = client.get("/openapi.json").json()
    assert "/api/runs" in spec["paths"] and "/api/rate" in spec["paths"]


def test_adding_measures_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    with client_for(db_path, tmp_path, token="t") as c:
        before = c.get("/api/health").json()["measures"]
        assert c.post("/api/measures", json={"toml": MEASURE}).status_code == 401
        bad = c.post(
            "/api/measures",
            json={"toml": MEASURE + MEASURE.replace("= 10", "= -1").replace("cli-test-duty", "x2")},
            headers={"X-Thaw-Token": "t"},
        )
        assert bad.status_code == 400 and "ad_valorem" in bad.json()["detail"]
        assert c.get("/api/health").json()["measures"] == before  # nothing written
        ok = c.post("/api/measures", json={"toml": MEASURE}, headers={"X-Thaw-Token": "t"})
        assert ok.status_code == 201 and ok.json()["added"] == ["cli-test-duty"]
        assert c.get("/api/health").json()["measures"] == before + 1
        assert c.get("/api/measures/cli-test-duty").status_code == 200


def test_blank_scenario_builds(client: TestClient) -> None:
    r = client.post(
        "/api/scenarios/build", json={"base": "blank", "remove": ["can-ev-surtax-2024"]}
    )
    assert r.status_code == 200, r.text
    doc = tomllib.loads(r.json()["toml"])
    assert doc["register"]["remove"] == ["can-ev-surtax-2024"] and doc["elasticities"]["bundled"]


def test_evidence_endpoints_and_page(db_path: Path, tmp_path: Path) -> None:
    import thaw

    here = Path(__file__).resolve().parents[1] / "news" / "articles"
    thaw.news_ingest([here], db=db_path)
    with client_for(db_path, tmp_path) as c:
        items = c.get("/api/news/items", params={"kind": "measure"}).json()["items"]
        assert items and all(i["kind"] == "measure" and i["sentence"] for i in items)
        verdicts = "confirms contradicts new lifted suspended raised lowered announced"
        assert {i["verdict"] for i in items} <= {*verdicts.split(), None}
        assert c.get("/api/news/items", params={"kind": "rumour"}).status_code == 422
        tl = c.get("/api/news/timeline").json()["timeline"]
        assert any(r["kind"] == "event" for r in tl)
        page = c.get("/evidence")
        assert page.status_code == 200 and "News evidence" in page.text
