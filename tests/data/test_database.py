"""Opening the database: built from the bundle when missing, refreshed when the bundle changes,
all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import MEASURE_TOML
from thaw.data import schema
from thaw.data.bundle import bundle_version, load_bundle_into, load_bundled_measures
from thaw.data.database import BundleWarning, open_store
from thaw.data.store import Store
from thaw.errors import NotFoundError, StoreError
from thaw.measures.io import parse_measures_toml

NEW = MEASURE_TOML.replace("cli-test-duty", "test-new-duty")


def test_new_database_is_built_from_the_bundle(store: Store) -> None:
    info = store.info()
    assert info.schema_version == schema.SCHEMA_VERSION
    assert info.bundle_version == bundle_version()
    assert info.counts["measures"] == len(load_bundled_measures())


def test_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import thaw.data.database as database

    def broken(store: Store) -> None:
        raise StoreError("bundle broken")

    monkeypatch.setattr(database, "load_bundle_into", broken)
    target = tmp_path / "sub" / "thaw.duckdb"
    with pytest.raises(StoreError, match="bundle broken"):
        open_store(target)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_refresh_keeps_user_rows(store: Store) -> None:
    store.add_measures(parse_measures_toml(NEW, file="n.toml"), origin="n.toml")
    n = store.info().counts["measures"]
    load_bundle_into(store)
    assert store.info().counts["measures"] == n
    assert store.measure("test-new-duty")


def test_a_new_bundle_replaces_bundled_rows_and_keeps_user_rows(db_path: Path) -> None:
    with open_store(db_path) as s:
        s.add_measures(parse_measures_toml(NEW, file="n.toml"), origin="n.toml")
        s.set_meta("bundle_version", "older")
        con = s._con
        con.execute("DELETE FROM flows WHERE dataset = 'bundled'")  # as if the old bundle differed
    with open_store(db_path) as s:
        assert s.get_meta("bundle_version") == bundle_version()
        assert s.info().counts["flows"] > 0
        assert s.measure("test-new-duty")


def test_a_bundle_that_cannot_load_warns_and_changes_nothing(db_path: Path) -> None:
    clash = NEW.replace("test-new-duty", "chn-canola-ad-duty-2026").replace(
        "2026-05-01", "2026-06-01"
    )
    with open_store(db_path) as s:
        with s.transaction():  # a user row with a bundled id, as from an old database
            s._con.execute("DELETE FROM measures WHERE measure_id = 'chn-canola-ad-duty-2026'")
            s.insert_measures(parse_measures_toml(clash, file="c.toml"), origin="c.toml")
        s.set_meta("bundle_version", "older")
        before = s.info().counts
    with pytest.warns(BundleWarning, match="could not update the bundled data"):
        reopened = open_store(db_path)
    with reopened as s:
        assert s.info().counts == before
        assert s.get_meta("bundle_version") == "older"


def test_the_store_alone_never_creates_a_database(tmp_path: Path) -> None:
    target = tmp_path / "none.duckdb"
    with pytest.raises(NotFoundError, match="run any thaw command once"):
        Store.open(target)
    assert not target.exists()
    with open_store(target) as s:
        assert s.info().counts["measures"] == len(load_bundled_measures())


def test_the_store_alone_leaves_a_stale_bundle_alone(db_path: Path) -> None:
    with Store.open(db_path) as s:
        s.set_meta("bundle_version", "older")
    with Store.open(db_path) as s:
        assert s.get_meta("bundle_version") == "older"
    with open_store(db_path) as s:
        assert s.get_meta("bundle_version") == bundle_version()
