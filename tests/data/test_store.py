"""The DuckDB store: creation, schema versions, all-or-nothing writes, export and import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.fixtures import MEASURE_TOML
from thaw.data import schema
from thaw.data.bundle import load_bundled_measures
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


def test_thaw_db_environment_variable_sets_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("THAW_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("THAW_DB")
    assert default_db_path().name == "thaw.duckdb"


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
