"""GE scenarios end to end: bundled files, errors that say what to fix, sectors, Monte Carlo."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import thaw
from thaw.scenarios.ge.dataset import build_arrays
from thaw.scenarios.ge.load import bundled_ge_scenarios, load_ge_scenario, read_gravity_data
from thaw.scenarios.ge.run import _monte_carlo, cost_coefficients
from thaw.scenarios.ge.schema import GEScenarioError

KEYS = {
    "real_gdp_change_pct",
    "welfare_change_pct",
    "factory_gate_price_change_pct",
    "foreign_exports_change_pct",
    "foreign_imports_change_pct",
    "imr_change_pct",
    "omr_change_pct",
}


@pytest.fixture
def sample(shared: Path) -> Path:
    return shared / "data" / "gegravity_sample_2006.csv"


def test_bundled_ge_scenarios_explain_themselves() -> None:
    found = bundled_ge_scenarios()
    assert {"ge-can-chn-pta", "ge-usa-tariff-can"} <= set(found)
    for path in found.values():
        text = path.read_text()
        assert text.startswith("# ") and "Question:" in text and "--data" in text


def test_a_canada_china_pta_raises_both_and_diverts_from_the_us(sample: Path) -> None:
    r = thaw.simulate_ge("ge-can-chn-pta", data=sample, draws=0)
    e = r.to_frame().set_index("economy")
    assert e.loc["CAN", "real_gdp_change_pct"] > 0 and e.loc["CHN", "real_gdp_change_pct"] > 0
    assert e.loc["USA", "foreign_exports_change_pct"] < 0  # trade diversion
    pairs = r.to_frame("pairs").set_index(["exporter", "importer"])
    assert pairs.loc[("CAN", "CHN"), "change_pct"] > 10
    js = r.to_dict()
    assert set(js["economies"][0]) >= KEYS and js["diagnostics"]["converged"]
    assert "sigma" in js["assumptions"] and js["coefficients"][0]["std_error"] > 0


def test_a_us_tariff_hurts_canada_and_raises_us_revenue(sample: Path) -> None:
    r = thaw.simulate_ge("ge-usa-tariff-can", data=sample, draws=40, seed=3)
    e = r.to_frame().set_index("economy")
    assert e.loc["CAN", "real_gdp_change_pct"] < -1
    assert e.loc["USA", "tariff_revenue_change"] > 0
    assert e.loc["CAN", "real_gdp_change_pct_p05"] <= e.loc["CAN", "real_gdp_change_pct_p95"]
    levels = r.to_frame("levels").set_index("economy")
    assert levels.loc["USA", "scenario_tariff_revenue"] > 0


def test_draws_do_not_depend_on_batching(sample: Path) -> None:
    spec, folder = load_ge_scenario("ge-can-chn-pta")
    frame = read_gravity_data(spec, folder, sample)
    arrays = build_arrays(spec, frame)
    coef, vcov, _ = cost_coefficients(spec, frame, arrays)
    ref = arrays.economies.index("DEU")
    a = _monte_carlo(arrays, coef, vcov, spec, ref, 30, 5, batch=7)
    b = _monte_carlo(arrays, coef, vcov, spec, ref, 30, 5, batch=256)
    pd.testing.assert_frame_equal(a, b)


def test_two_identical_sectors_give_the_one_sector_answer(sample: Path, tmp_path: Path) -> None:
    data = pd.read_csv(sample)
    two = pd.concat(
        [
            data.assign(sector="a"),
            data.assign(sector="b", trade=data.trade * 3, Y=data.Y * 3, E=data.E * 3),
        ]
    )
    two.to_csv(tmp_path / "two.csv", index=False)
    text = bundled_ge_scenarios()["ge-can-chn-pta"].read_text()
    text = text.replace("year = 2006", 'year = 2006\nsector = "sector"').replace(
        'file = "gegravity_sample_2006.csv"', 'file = "two.csv"'
    )
    (tmp_path / "s.toml").write_text(text)
    one = thaw.simulate_ge("ge-can-chn-pta", data=sample, draws=0).to_frame()
    both = thaw.simulate_ge(tmp_path / "s.toml", draws=0).to_frame()
    cols = ["real_gdp_change_pct", "welfare_change_pct", "foreign_exports_change_pct"]
    np.testing.assert_allclose(both[cols], one[cols], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (
            lambda t: t.replace('["CAN", "CHN"], ["CHN", "CAN"]', '["CAN", "CHA"]'),
            "did you mean .*CHN",
        ),
        (lambda t: t.replace('reference = "DEU"', 'reference = "XYZ"'), "reference economy"),
        (lambda t: t.replace("sigma = 5", "sigma = 0.5"), "model.sigma"),
        (lambda t: t.replace('variable = "pta"', 'variable = "rta"'), "not in [costs]"),
        (lambda t: t.split("[[change]]")[0], "nothing changes"),
    ],
)
def test_bad_scenarios_say_what_to_fix(tmp_path: Path, sample: Path, edit, fragment: str) -> None:  # type: ignore[no-untyped-def]
    text = edit(bundled_ge_scenarios()["ge-can-chn-pta"].read_text())
    (tmp_path / "s.toml").write_text(text)
    with pytest.raises(thaw.ThawError, match=fragment.replace("[", r"\[")):
        thaw.simulate_ge(tmp_path / "s.toml", data=sample, draws=0)


def test_missing_data_and_holes_in_the_data(tmp_path: Path, sample: Path) -> None:
    with pytest.raises(GEScenarioError, match="--data FILE"):
        thaw.simulate_ge("ge-can-chn-pta", draws=0)
    holes = pd.read_csv(sample).iloc[:-1]
    holes.to_csv(tmp_path / "holes.csv", index=False)
    with pytest.raises(GEScenarioError, match="every exporter-importer pair"):
        thaw.simulate_ge("ge-can-chn-pta", data=tmp_path / "holes.csv", draws=0)


def test_register_tariffs_are_trade_weighted_to_the_sector(sample: Path, db_path: Path) -> None:
    from thaw.data.bundle import bundle_dir, load_bundled_measures
    from thaw.scenarios.ge.load import register_tariffs
    from thaw.scenarios.register import flow_tariffs

    spec, folder = load_ge_scenario("ge-dispute-2025")
    reg = spec.from_register
    assert reg is not None
    measures = load_bundled_measures()
    arithmetic = reg.model_copy(update={"aggregation": "arithmetic"})
    tariffs, table = register_tariffs(arithmetic, folder, measures, sigma=spec.model.sigma)
    markets = pd.read_csv(bundle_dir() / "pe_markets_cad.csv", dtype={"product": str})
    can_chn = markets[(markets.exporter == "CAN") & (markets.importer == "CHN")].copy()
    can_chn["t1"] = flow_tariffs(measures, can_chn, reg.scenario)
    expected = (can_chn["t1"] * can_chn["value"]).sum() / 30000
    got = next(t for t in tariffs if (t.exporter, t.importer) == ("CAN", "CHN"))
    assert got.scenario == pytest.approx(expected)  # the CES default: test_tot_sigma_aggregation
    assert set(table["exporter"]) == {"CAN", "CHN"}
    r = thaw.simulate_ge("ge-dispute-2025", data=sample, draws=0, db=db_path)
    e = r.to_frame().set_index("economy")
    assert e.loc["CAN", "real_gdp_change_pct"] < 0 and e.loc["CHN", "real_gdp_change_pct"] < 0
    assert r.assumptions["register_tariffs"][0]["sector_trade"] == 30000


def test_pair_totals_below_the_covered_trade_are_refused(
    tmp_path: Path, db_path: Path, sample: Path
) -> None:
    text = (
        bundled_ge_scenarios()["ge-dispute-2025"]
        .read_text()
        .replace('"CAN>CHN" = 30000', '"CAN>CHN" = 300')
    )
    (tmp_path / "s.toml").write_text(text)
    with pytest.raises(GEScenarioError, match="below the trade"):
        thaw.simulate_ge(tmp_path / "s.toml", data=sample, draws=0, db=db_path)
