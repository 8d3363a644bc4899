"""Shared fixtures: a fresh database built from the bundled data, and the ../shared folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from thaw.data.database import open_store
from thaw.data.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundled database once per session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "thaw.duckdb"
    open_store(path).close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Path of a private copy of the bundled database; also set as $THAW_DB."""
    target = tmp_path / "thaw.duckdb"
    shutil.copy(template_db, target)
    monkeypatch.setenv("THAW_DB", str(target))
    return target


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the checkout; skips the test with a reason if absent."""
    if not SHARED.exists():
        pytest.skip(f"{SHARED} not found: ../shared is only beside the project checkout and in CI")
    return SHARED
