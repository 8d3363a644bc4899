"""GE measures and inputs: terms of trade at world prices, the sigma rule, data that structural
gravity cannot reproduce, and the CES-consistent register aggregation (issue 17, findings 3-5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thaw
from thaw.models.ge import SIGMA_MIN
from thaw.scenarios.ge.load import bundled_ge_scenarios, ces_uniform_equivalent
from thaw.scenarios.ge.schema import GEScenarioError


@pytest.fixture
def sample(shared: Path) -> Path:
    return shared / "data" / "gegravity_sample_2006.csv"


def test_a_us_tariff_on_canada_moves_the_terms_of_trade_not_like_real_gdp(sample: Path) -> None:
    """25% US tariff on Canada: US export prices rise and its import world prices fall (a ToT
    gain of about 2%), Canada's ToT falls with its factory-gate prices; the old measure was
    the real GDP change (US -0.146%) under another name."""
    r = thaw.simulate_ge("ge-usa-tariff-can", data=sample, draws=0)
    e = r.to_frame().set_index("economy")
    us, ca = e.loc["USA"], e.loc["CAN"]
    assert 1.5 < us["terms_of_trade_change_pct"] < 2.7
    assert us["export_price_change_pct"] > 0 > us["import_price_change_pct"]
    assert us["real_gdp_change_pct"] < 0  # real GDP is reported separately and differs
    assert ca["terms_of_trade_change_pct"] < -5
    tot = (1 + e["export_price_change_pct"] / 100) / (1 + e["import_price_change_pct"] / 100)
    np.testing.assert_allclose(1 + e["terms_of_trade_change_pct"] / 100, tot, rtol=1e-12)
    assert not np.allclose(e["terms_of_trade_change_pct"], e["real_gdp_change_pct"], atol=0.01)
    assert "Laspeyres" in r.assumptions["terms_of_trade"]
    assert "sigma" in r.assumptions["sigma_rule"]


def _edit_bundled(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = bundled_ge_scenarios()[name].read_text()
    assert old in text
    (tmp_path / "s.toml").write_text(text.replace(old, new))
    return tmp_path / "s.toml"


def test_sigma_just_above_one_is_refused_with_the_rule(tmp_path: Path, sample: Path) -> None:
    """sigma 1.001 used to return rc 0, converged, with null real GDP and welfare."""
    path = _edit_bundled(tmp_path, "ge-usa-tariff-can", "sigma = 5", "sigma = 1.001")
    with pytest.raises(thaw.ThawError, match=rf"model\.sigma.*>= {SIGMA_MIN}"):
        thaw.simulate_ge(path, data=sample, draws=0)


def test_at_the_sigma_bound_every_returned_number_is_finite(tmp_path: Path, sample: Path) -> None:
    path = _edit_bundled(tmp_path, "ge-usa-tariff-can", "sigma = 5", f"sigma = {SIGMA_MIN}")
    r = thaw.simulate_ge(path, data=sample, draws=0)
    for kind in ("economies", "pairs", "levels"):
        numbers = r.to_frame(kind).select_dtypes("number").to_numpy(dtype=float)
        assert np.isfinite(numbers).all(), kind
    assert r.to_frame().set_index("economy").loc["CAN", "real_gdp_change_pct"] < -1


def _flows(
    edit: Callable[[pd.DataFrame], pd.Series],
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out.loc[edit(out), "trade"] = 0.0
        return out

    return apply


def _set_value(value: float) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy().astype({"trade": float})
        out.loc[5, "trade"] = value
        return out

    return apply


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (_flows(lambda f: f.exporter == "CAN"), "CAN has output but no trade"),
        (
            _flows(
                lambda f: (
                    ((f.exporter == "CAN") | (f.importer == "CAN")) & (f.exporter != f.importer)
                )
            ),
            "CAN is in autarky",
        ),
        (_flows(lambda f: (f.exporter == "CAN") & (f.importer == "CAN")), "internal trade"),
        (_set_value(float("nan")), "must be a number >= 0"),
        (_set_value(-3.0), "must be a number >= 0"),
    ],
    ids=["zero-trade-exporter", "autarky", "zero-internal-trade", "nan", "negative"],
)
def test_data_gravity_cannot_reproduce_are_refused(
    tmp_path: Path,
    sample: Path,
    edit: Callable[[pd.DataFrame], pd.DataFrame],
    fragment: str,
) -> None:
    """These used to get a full answer with at most a library warning (or none)."""
    edit(pd.read_csv(sample)).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(GEScenarioError, match=fragment):
        thaw.simulate_ge("ge-usa-tariff-can", data=tmp_path / "bad.csv", draws=0)


def test_ces_equivalent_of_two_products_has_a_closed_form() -> None:
    # sigma 2: the CES index is a harmonic mean. Equal trade, 0% -> 0% and 0% -> 100%:
    # 1 + T1 = 1 / (0.5 / 1 + 0.5 / 2) = 4/3 (the arithmetic mean says 50%)
    t0, t1 = ces_uniform_equivalent([1.0, 1.0], [0.0, 0.0], [0.0, 100.0], sigma=2.0)
    assert t0 == 0.0 and t1 == pytest.approx(100 / 3, rel=1e-12)
    # with baseline tariffs the weights are tariff-inclusive spending: 3 x 1.1 and 1 x 1.0
    t0, t1 = ces_uniform_equivalent([3.0, 1.0], [10.0, 0.0], [10.0, 100.0], sigma=2.0)
    assert t0 == pytest.approx(7.5)
    assert t1 == pytest.approx(100 * (4.3 / 4 * 4.3 / 3.8 - 1), rel=1e-12)
    # trade outside the products (sector total 8) has no tariff on either date
    t0, t1 = ces_uniform_equivalent([1.0, 1.0], [0.0, 0.0], [0.0, 100.0], 2.0, total=8.0)
    assert t1 == pytest.approx(100 * (1 / (7 / 8 + 0.5 / 8) - 1), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.1, 100), st.floats(0, 30), st.floats(0, 300)),
        min_size=1,
        max_size=6,
    ),
    st.floats(1.5, 12),
    st.floats(1.0, 3.0),
    st.floats(0, 50),
)
def test_ces_equivalent_is_below_the_arithmetic_mean_and_equal_for_uniform_rates(
    rows: list[tuple[float, float, float]], sigma: float, scale: float, uniform: float
) -> None:
    v, t0, t1 = (np.array(x) for x in zip(*rows, strict=True))
    total = scale * v.sum()
    b0, ces = ces_uniform_equivalent(v, t0, t1, sigma, total)
    assert b0 == pytest.approx((v * t0).sum() / total)
    assert ces <= (v * t1).sum() / total + 1e-9  # Jensen: a power mean of order 1 - sigma < 1
    same = np.full_like(v, uniform)
    assert ces_uniform_equivalent(v, same, same * 2, sigma)[1] == pytest.approx(2 * uniform)


def test_canada_china_sector_rate_is_the_ces_equivalent(sample: Path, db_path: Path) -> None:
    """Canada->China on the bundled register: 1.72% -> 16.81% as a pre-tariff arithmetic mean
    (1.69% -> 16.71% before the Jan-Oct pork value was annualised),
    about +5 points as the CES equivalent at sigma 5 (the referee's 4.9 uses pre-tariff
    rather than tariff-inclusive weights); derived here from the product flows."""
    from thaw.data.bundle import bundle_dir, load_bundled_measures
    from thaw.scenarios.ge.load import load_ge_scenario, register_tariffs
    from thaw.scenarios.register import flow_tariffs

    spec, folder = load_ge_scenario("ge-dispute-2025")
    reg = spec.from_register
    assert reg is not None and reg.aggregation == "ces"
    measures = load_bundled_measures()
    tariffs, table = register_tariffs(reg, folder, measures, sigma=spec.model.sigma)
    m = pd.read_csv(bundle_dir() / "pe_markets_cad.csv", dtype={"product": str})
    can_chn = m[(m.exporter == "CAN") & (m.importer == "CHN")].copy()
    t0 = np.asarray(flow_tariffs(measures, can_chn, reg.baseline))
    t1 = np.asarray(flow_tariffs(measures, can_chn, reg.scenario))
    v = can_chn["value"].to_numpy()
    total = 30000.0
    theta = np.append(v * (1 + t0 / 100), total - v.sum())
    ratio = np.append((1 + t1 / 100) / (1 + t0 / 100), 1.0)
    index = (theta @ ratio ** (1 - 5.0) / theta.sum()) ** (1 / (1 - 5.0))
    base = (v * t0).sum() / total
    got = next(t for t in tariffs if (t.exporter, t.importer) == ("CAN", "CHN"))
    assert got.baseline == pytest.approx(base) and base == pytest.approx(1.72, abs=0.01)
    assert got.scenario == pytest.approx(100 * ((1 + base / 100) * index - 1), rel=1e-12)
    assert 4.5 < got.scenario - got.baseline < 5.5
    row = table.set_index(["exporter", "importer"]).loc[("CAN", "CHN")]
    assert row["tariff1_arithmetic_pct"] == pytest.approx((v * t1).sum() / total)
    assert row["tariff1_arithmetic_pct"] == pytest.approx(16.81, abs=0.01)
    # the arithmetic option gives the old, larger rate
    arith, _ = register_tariffs(
        reg.model_copy(update={"aggregation": "arithmetic"}), folder, measures, sigma=5.0
    )
    old = next(t for t in arith if (t.exporter, t.importer) == ("CAN", "CHN"))
    assert old.scenario == pytest.approx(row["tariff1_arithmetic_pct"])
    r = thaw.simulate_ge("ge-dispute-2025", data=sample, draws=0, db=db_path)
    assert "CES-consistent" in r.assumptions["register_aggregation"]
    assert "proxy" in r.assumptions["register_sector_proxy"]
    assert "aggregate manufacturing" in r.assumptions["register_sector_proxy"]


def test_the_aggregation_is_a_scenario_option(tmp_path: Path, sample: Path, db_path: Path) -> None:
    path = _edit_bundled(
        tmp_path, "ge-dispute-2025", 'aggregation = "ces"', 'aggregation = "arithmetic"'
    )
    r = thaw.simulate_ge(path, data=sample, draws=0, db=db_path)
    assert "arithmetic" in r.assumptions["register_aggregation"]
    rates = {(t["exporter"], t["importer"]): t["scenario"] for t in r.assumptions["tariffs"]}
    assert rates[("CAN", "CHN")] == pytest.approx(16.81, abs=0.01)
    bad = _edit_bundled(tmp_path, "ge-dispute-2025", 'aggregation = "ces"', 'aggregation = "mean"')
    with pytest.raises(GEScenarioError, match="aggregation"):
        thaw.simulate_ge(bad, data=sample, draws=0, db=db_path)
