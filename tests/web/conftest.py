"""A workbench on a private copy of the bundled database, as a test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from thaw.web.app import WebSettings, create_app

SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gegravity_sample_2006.csv"
)


def client_for(db: Path, tmp: Path, **kw: object) -> TestClient:
    settings = WebSettings(
        db=db,
        scenario_dir=tmp / "saved",
        ge_data=SAMPLE if SAMPLE.exists() else None,
        **kw,  # type: ignore[arg-type]
    )
    return TestClient(create_app(settings))


@pytest.fixture
def client(db_path: Path, tmp_path: Path) -> Iterator[TestClient]:
    with client_for(db_path, tmp_path) as c:
        yield c


def wait(client: TestClient, run_id: str) -> dict[str, object]:
    client.app.state.server.jobs.wait(run_id, timeout=120)  # type: ignore[attr-defined]
    out: dict[str, object] = client.get(f"/api/runs/{run_id}").json()
    return out
