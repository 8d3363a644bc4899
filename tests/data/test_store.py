"""The DuckDB store: creation, schema versions, all-or-nothing writes, export and import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.fixtures import MEASURE_TOML
from thaw.data import schema
from thaw.data.bundle import bundle_version, load_bundled_measures
from thaw.data.store import Store, default_db_path
from thaw.errors import (
    DuplicateMeasureError,
    MeasureValidationError,
    NotFoundError,
    SchemaVersionError,
    StoreError,
)
from thaw.measures.io import parse_measures_toml

NEW = MEASURE_TOML.replace("cli-test-duty", "test-new-duty")


def test_new_database_is_built_from_the_bundle(store: Store) -> None:
    info = store.info()
    assert info.schema_version == schema.SCHEMA_VERSION
    assert info.bundle_version == bundle_version()
    assert info.counts["measures"] == len(load_bundled_measures())


def test_thaw_db_environment_variable_sets_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("THAW_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("THAW_DB")
    assert default_db_path().name == "thaw.duckdb"


def test_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import thaw.data.bundle as bundle

    def broken(store: Store) -> None:
        raise StoreError("bundle broken")

    monkeypatch.setattr(bundle, "load_bundle_into", broken)
    target = tmp_path / "sub" / "thaw.duckdb"
    with pytest.raises(StoreError, match="bundle broken"):
        Store.open(target)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_newer_schema_is_refused(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer than this thaw"):
        Store.open(db_path)


def test_migrations_run_forward_on_an_old_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    store = Store(con, path)
    assert store.schema_version() == 0
    extra = schema.Migration(2, "test column", ("ALTER TABLE flows ADD COLUMN test_col VARCHAR",))
    monkeypatch.setattr("thaw.data.store.MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr("thaw.data.store.SCHEMA_VERSION", 2)
    store.migrate()
    assert store.schema_version() == 2
    cols = [r[0] for r in con.execute("DESCRIBE flows").fetchall()]
    assert "test_col" in cols
    con.close()


def test_add_measures_is_all_or_nothing(store: Store, db_path: Path) -> None:
    good = parse_measures_toml(NEW, file="new.toml")
    dup_of_bundled = load_bundled_measures()[:1]
    before = store.info().counts
    with pytest.raises(DuplicateMeasureError, match="already in the register"):
        store.add_measures([*good, *dup_of_bundled], origin="mixed.toml")
    assert store.info().counts == before
    assert store.add_measures(good, origin="new.toml") == 1
    assert store.measure("test-new-duty").rate_text() == "10%"
    assert store.measure_origin("test-new-duty") == "new.toml"


def test_identical_content_under_another_id_is_a_duplicate(store: Store) -> None:
    first = parse_measures_toml(NEW, file="a.toml")
    store.add_measures(first, origin="a.toml")
    again = parse_measures_toml(NEW.replace("test-new-duty", "test-other-id"), file="b.toml")
    with pytest.raises(DuplicateMeasureError, match="identical to measure 'test-new-duty'"):
        store.add_measures(again, origin="b.toml")


def test_unknown_references_are_refused(store: Store) -> None:
    bad = NEW.replace('kind = "additional"', 'kind = "additional"\nreplaces = ["no-such-id"]')
    with pytest.raises(MeasureValidationError, match="unknown measure 'no-such-id'"):
        store.add_measures(parse_measures_toml(bad, file="r.toml"), origin="r.toml")


def test_refresh_keeps_user_rows(store: Store) -> None:
    from thaw.data.bundle import load_bundle_into

    store.add_measures(parse_measures_toml(NEW, file="n.toml"), origin="n.toml")
    n = store.info().counts["measures"]
    load_bundle_into(store)
    assert store.info().counts["measures"] == n
    assert store.measure("test-new-duty")


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_export_round_trip(store: Store, tmp_path: Path, suffix: str) -> None:
    for table in ("measures", "flows"):
        target = tmp_path / f"{table}{suffix}"
        n = store.export_table(table, target)
        back = store.read_table_file(target)
        assert len(back) == n == store.info().counts[table]
    assert not list(tmp_path.glob(".*tmp*"))


def test_export_rejects_unknown_table_and_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="unknown table"):
        store.export_table("secrets", tmp_path / "x.csv")
    with pytest.raises(StoreError, match=r"\.parquet or \.csv"):
        store.export_table("flows", tmp_path / "x.xlsx")


def test_read_only_open_of_missing_database(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        Store.open(tmp_path / "none.duckdb", read_only=True)


def test_query_flows_filters(store: Store) -> None:
    frame = store.query_flows(reporter="CAN", partner="CHN", hs="1205")
    assert not frame.empty
    assert set(frame["reporter"]) == {"CAN"}
    assert set(frame["partner"]) == {"CHN"}
    assert all(h.startswith("1205") or "1205".startswith(h) for h in frame["hs"])
    assert (frame["year"] >= 2000).all()
    _ = dt.date.today()


def test_composite_codes_match_any_component(store: Store) -> None:
    frame = store.query_flows(reporter="CAN", partner="CHN", hs="1514")
    assert "1205+1514+230641" in set(frame["hs"])
    assert (
        store.query_flows(hs="8703", partner="CHN", reporter="CAN")["hs"]
        .str.startswith("8703")
        .all()
    )


def test_a_new_bundle_replaces_bundled_rows_and_keeps_user_rows(db_path: Path) -> None:
    with Store.open(db_path) as s:
        s.add_measures(parse_measures_toml(NEW, file="n.toml"), origin="n.toml")
        s.set_meta("bundle_version", "older")
        con = s._con
        con.execute("DELETE FROM flows WHERE dataset = 'bundled'")  # as if the old bundle differed
    with Store.open(db_path) as s:
        assert s.get_meta("bundle_version") == bundle_version()
        assert s.info().counts["flows"] > 0
        assert s.measure("test-new-duty")


def test_a_bundle_that_cannot_load_warns_and_changes_nothing(db_path: Path) -> None:
    from thaw.data.store import BundleWarning

    clash = NEW.replace("test-new-duty", "chn-canola-ad-duty-2026").replace(
        "2026-05-01", "2026-06-01"
    )
    with Store.open(db_path) as s:
        with s.transaction():  # a user row with a bundled id, as from an old database
            s._con.execute("DELETE FROM measures WHERE measure_id = 'chn-canola-ad-duty-2026'")
            s.insert_measures(parse_measures_toml(clash, file="c.toml"), origin="c.toml")
        s.set_meta("bundle_version", "older")
        before = s.info().counts
    with pytest.warns(BundleWarning, match="could not update the bundled data"):
        reopened = Store.open(db_path)
    with reopened as s:
        assert s.info().counts == before
        assert s.get_meta("bundle_version") == "older"
