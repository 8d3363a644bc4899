"""The Python API over the bundled database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import thaw
from thaw.data.store import Store
from thaw.errors import ThawError


def test_applied_rate_uses_thaw_db(db_path: Path) -> None:
    stack = thaw.applied_rate("chn", "can", "1205.10.90", "2025-09-01")
    assert stack.total_ad_valorem == pytest.approx(84.8)
    frame = stack.to_frame()
    assert list(frame["kind"]) == ["mfn", "antidumping_deposit"]
    assert frame["source_url"].str.startswith("http").all()
    assert "84.8%" in stack.summary()


def test_applied_rate_defaults_to_today(store: Store) -> None:
    assert thaw.applied_rate("CAN", "CHN", "870380", store=store).date == dt.date.today()


def test_bad_inputs_raise_thaw_errors(store: Store) -> None:
    with pytest.raises(ThawError, match="YYYY-MM-DD"):
        thaw.applied_rate("CHN", "CAN", "1205", "1 Sept 2025", store=store)
    with pytest.raises(ThawError, match="5 digits"):
        thaw.applied_rate("CHN", "CAN", "12051", store=store)
    with pytest.raises(ThawError, match="unknown kind"):
        thaw.measures(kind="tariff", store=store)
    with pytest.raises(ThawError, match="export or import"):
        thaw.flows(flow="both", store=store)


def test_measures_filters(store: Store) -> None:
    on_canola = thaw.measures(importer="CHN", exporter="CAN", hs="1205", store=store)
    ids = {m.id for m in on_canola}
    assert "chn-canola-ad-deposit-2025" in ids and "chn-additional-100pct-2025" not in ids
    in_force = thaw.measures(importer="CHN", on="2026-06-01", kind="antidumping_duty", store=store)
    # the butyl-rubber duty from 2026-03-14 was added on 2026-12-03 (record 2026 M1)
    assert [m.id for m in in_force] == ["chn-butyl-rubber-ad-duty-2026", "chn-canola-ad-duty-2026"]
    threatened = thaw.measures(importer="USA", on="2026-02-01", store=store)
    assert "usa-threat-100pct-2026-01" not in {m.id for m in threatened}
    assert len(thaw.measures(store=store).to_frame()) == len(store.measures())


def test_timeline_plot_png(store: Store, tmp_path: Path) -> None:
    tl = thaw.rate_timeline("CHN", "CAN", "230641", store=store)
    assert [s.stack.total_ad_valorem for s in tl.steps] == [5.0, 105.0, 5.0, 105.0]
    tl.plot(tmp_path / "meal.png")
    assert (tmp_path / "meal.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ThawError, match=r"\.png or \.html"):
        tl.plot(tmp_path / "meal.svg")


def test_measure_lookup(store: Store) -> None:
    assert thaw.measure("can-ev-quota-2026", store=store).quota is not None
    with pytest.raises(ThawError, match="no measure with id"):
        thaw.measure("nope", store=store)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_register_export_moves_user_measures_between_databases(
    store: Store, tmp_path: Path, template_db: Path, suffix: str
) -> None:
    import shutil

    from tests.fixtures import MEASURE_TOML

    toml = tmp_path / "m.toml"
    toml.write_text(MEASURE_TOML, encoding="utf-8")
    thaw.add_measures(toml, store=store)
    export = tmp_path / f"register{suffix}"
    store.export_table("measures", export)

    other_path = tmp_path / "other.duckdb"
    shutil.copy(template_db, other_path)
    with Store.open(other_path) as other:
        added = thaw.add_measures(export, store=other)
        assert [m.id for m in added] == ["cli-test-duty"]
        assert other.measure("cli-test-duty") == store.measure("cli-test-duty")
        with pytest.raises(ThawError, match="already in the register"):
            thaw.add_measures(export, store=other)


def test_sourced_flows_parquet_round_trip(tmp_path: Path) -> None:
    from thaw.data.bundle import load_bundled_flows
    from thaw.data.flows import read_sourced_flows
    from thaw.data.schema import SOURCED_FLOW_COLUMNS

    bundled = load_bundled_flows()[list(SOURCED_FLOW_COLUMNS)]
    path = tmp_path / "flows.parquet"
    bundled.to_parquet(path)
    back = read_sourced_flows(path)
    assert back["value"].fillna(-1).tolist() == bundled["value"].fillna(-1).tolist()
    assert back["preferred"].tolist() == bundled["preferred"].tolist()
    assert back["year"].tolist() == bundled["year"].tolist()
