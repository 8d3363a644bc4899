"""Running scenarios: labelled results, Monte Carlo bands, invariance to how draws are split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thaw.errors import ThawError
from thaw.scenarios.pe.dataset import ElasticityDefaults, PEDataset
from thaw.scenarios.pe.run import run_pe

ONE_ROW = pd.DataFrame(
    {
        "product": ["*"],
        "economy": ["*"],
        "sigma": [4.0],
        "import_demand": [-1.2],
        "export_supply": [3.0],
    }
)


def dataset(**kw: object) -> PEDataset:
    flows = pd.DataFrame(
        {
            "product": ["ev", "ev", "ev", "canola", "canola", "canola"],
            "exporter": ["CHN", "USA", "KOR", "CAN", "AUS", "CAN"],
            "importer": ["CAN", "CAN", "CAN", "CHN", "CHN", "JPN"],
            "value": [2200.0, 2700.0, 1200.0, 3290.0, 150.0, 500.0],
            "tariff0": [106.1, 0, 0, 84.8, 9, 0],
            "tariff1": [6.1, 0, 0, 14.9, 9, 0],
        }
    )
    return PEDataset(
        flows=flows,
        elasticities=ONE_ROW,
        defaults=ElasticityDefaults(1.5, -1.5, 99.0, "test"),
        **kw,
    )  # type: ignore[arg-type]


def test_result_frames_and_adding_up() -> None:
    r = run_pe(dataset(), model="armington", scenario="swap")
    e = r.to_frame("economies").set_index("economy")
    parts = e[["consumer_surplus", "producer_surplus", "tariff_revenue", "quota_rent"]].sum(axis=1)
    assert np.allclose(parts, e["welfare"])
    flows = r.to_frame("flows")
    # exports of an economy = sum of its flows' changes; imports likewise
    delta = flows.assign(d=flows.scenario_value - flows.baseline_value)
    assert e.loc["CAN", "exports_change"] == pytest.approx(
        delta[delta.exporter == "CAN"]["d"].sum()
    )
    assert e.loc["CAN", "imports_change"] == pytest.approx(
        delta[delta.importer == "CAN"]["d"].sum()
    )
    assert set(r.to_frame("products")["product"]) == {"ev", "canola"}
    js = r.to_dict()
    f0 = js["flows"][0]
    assert {
        "product",
        "exporter",
        "importer",
        "baseline_value",
        "scenario_value",
        "change_pct",
    } <= set(f0)
    assert {"consumer_surplus", "producer_surplus", "tariff_revenue", "welfare"} <= set(
        js["economies"][0]
    )
    assert js["diagnostics"]["converged"] and "model" in js["assumptions"]


def test_draws_do_not_depend_on_partitions() -> None:
    a = run_pe(dataset(), model="gsim", draws=40, seed=7, partitions=1)
    b = run_pe(dataset(), model="gsim", draws=40, seed=7, partitions=7)
    assert a.economy_bands is not None and b.economy_bands is not None
    pd.testing.assert_frame_equal(a.economy_bands, b.economy_bands)
    c = run_pe(dataset(), model="gsim", draws=40, seed=8)
    assert not a.economy_bands.equals(c.economy_bands)


def test_bands_bracket_the_central_estimate_and_widen_with_cv() -> None:
    narrow = run_pe(dataset(), model="armington", draws=60, seed=1, cv=0.05)
    wide = run_pe(dataset(), model="armington", draws=60, seed=1, cv=0.5)
    n, w = narrow.to_frame("economies"), wide.to_frame("economies")
    can_n = n[n.economy == "CAN"].iloc[0]
    can_w = w[w.economy == "CAN"].iloc[0]
    assert can_n.welfare_p05 <= can_n.welfare <= can_n.welfare_p95
    assert (can_w.welfare_p95 - can_w.welfare_p05) > (can_n.welfare_p95 - can_n.welfare_p05)


def test_two_worker_local_cluster_gives_the_same_draws() -> None:
    from distributed import Client, LocalCluster

    local = run_pe(dataset(), model="armington", draws=24, seed=3)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        remote = run_pe(dataset(), model="armington", draws=24, seed=3, scheduler=client)
    assert local.economy_bands is not None and remote.economy_bands is not None
    pd.testing.assert_frame_equal(local.economy_bands, remote.economy_bands)


def test_quota_in_a_scenario_and_smart_refuses_quotas() -> None:
    quotas = pd.DataFrame(
        {
            "product": ["ev"],
            "exporter": ["CHN"],
            "importer": ["CAN"],
            "volume": [1500.0],
            "in_rate": [6.1],
            "out_rate": [np.nan],
        }
    )
    r = run_pe(dataset(quotas=quotas), model="armington")
    q = r.to_frame("quotas").iloc[0]
    assert q.regime == "binding" and q.imports == pytest.approx(1500.0)
    can = r.to_frame("economies").set_index("economy").loc["CAN"]
    assert can.quota_rent == pytest.approx(q.rent)
    with pytest.raises(ThawError, match="multi-market"):
        run_pe(dataset(quotas=quotas), model="smart")


def test_quota_rent_to_the_exporter_moves_it_from_the_importer() -> None:
    quotas = pd.DataFrame(
        {
            "product": ["ev"],
            "exporter": ["CHN"],
            "importer": ["CAN"],
            "volume": [1500.0],
            "in_rate": [6.1],
            "out_rate": [np.nan],
        }
    )
    home = run_pe(dataset(quotas=quotas), model="armington")
    abroad = run_pe(dataset(quotas=quotas.assign(rent="exporter")), model="armington")
    q = home.to_frame("quotas").iloc[0]
    assert q.rent > 0 and q.rent_holder == "importer"
    assert abroad.to_frame("quotas").iloc[0].rent_holder == "exporter"
    assert abroad.to_frame("quotas").iloc[0].rent == pytest.approx(q.rent)  # same equilibrium
    e0 = home.to_frame("economies").set_index("economy")
    e1 = abroad.to_frame("economies").set_index("economy")
    assert e1.loc["CAN", "welfare"] == pytest.approx(e0.loc["CAN", "welfare"] - q.rent)
    assert e1.loc["CHN", "welfare"] == pytest.approx(e0.loc["CHN", "welfare"] + q.rent)
    assert e1.loc["CHN", "quota_rent"] == pytest.approx(q.rent)
    assert e1.loc["CAN", "quota_rent"] == pytest.approx(0.0)
    others = [c for c in e0.index if c not in ("CAN", "CHN")]
    assert np.allclose(e1.loc[others, "welfare"], e0.loc[others, "welfare"])
    assert e1["welfare"].sum() == pytest.approx(e0["welfare"].sum())  # a transfer
    cols = ["consumer_surplus", "producer_surplus", "tariff_revenue"]
    assert np.allclose(e1[cols].to_numpy(), e0[cols].to_numpy())
    with pytest.raises(ThawError, match="rent must be"):
        run_pe(dataset(quotas=quotas.assign(rent="nobody")), model="armington")


def test_smart_runs_market_by_market() -> None:
    r = run_pe(dataset(), model="smart")
    ev = r.flows[r.flows["product"] == "ev"]
    assert ev.loc[ev.exporter == "CHN", "change_pct"].iloc[0] > 0
    with pytest.raises(ThawError, match="model must be one of"):
        run_pe(dataset(), model="cge")


def test_triangular_draws_stay_in_their_range_with_the_right_mean() -> None:
    from thaw.scenarios.pe.run import draw_elasticities

    problem = dataset().to_problem()
    low = np.full(problem.sigma.shape, 2.0)
    high = np.full(problem.sigma.shape, 9.0)
    ranges = {"sigma": (low, high)}
    draws = np.array(
        [draw_elasticities(problem, 5, d, 0.25, ranges).sigma[0, 0] for d in range(4000)]
    )
    mode = problem.sigma[0, 0]
    assert draws.min() >= 2.0 and draws.max() <= 9.0
    assert draws.mean() == pytest.approx((2.0 + mode + 9.0) / 3, rel=0.03)
    # parameters without a range keep the log-normal draw (median at the point value)
    e_m = np.array(
        [draw_elasticities(problem, 5, d, 0.25, ranges).import_demand[0, 0] for d in range(2000)]
    )
    assert np.median(e_m) == pytest.approx(problem.import_demand[0, 0], rel=0.05)


def _with_data_tariffs(frame: pd.DataFrame) -> PEDataset:
    return PEDataset(flows=frame, elasticities=ONE_ROW, defaults=None)


def test_rebasing_the_exact_model_is_path_independent() -> None:
    """Data observed under tariffs D; baseline B; scenario S. Simulating B from D and then S
    from B must give the same scenario values as simulating S from D directly."""
    base = dataset().flows.copy()
    data = base.assign(tariff_data=[6.1, 0, 0, 9.0, 9, 0])
    chained = run_pe(_with_data_tariffs(data), model="armington")
    direct = run_pe(_with_data_tariffs(base.assign(tariff0=data["tariff_data"])), model="armington")
    np.testing.assert_allclose(
        chained.flows["scenario_value"], direct.flows["scenario_value"], rtol=1e-9
    )
    # and the baseline is the model's own picture of B, not the observed data
    assert not np.allclose(chained.flows["baseline_value"], base["value"])
    # tariffs of the data equal to the baseline's: no rebasing at all
    same = run_pe(_with_data_tariffs(base.assign(tariff_data=base["tariff0"])), model="armington")
    np.testing.assert_allclose(same.flows["baseline_value"], base["value"])


def test_welfare_of_the_exact_model_is_a_state_function() -> None:
    """Going B -> S and then S -> B gives back exactly what was gained (the exact model's
    surplus measures are path independent)."""
    base = dataset().flows.copy()
    forward = run_pe(_with_data_tariffs(base), model="armington").to_frame("economies")
    back_flows = base.assign(
        tariff0=base["tariff1"], tariff1=base["tariff0"], tariff_data=base["tariff0"]
    )
    back = run_pe(_with_data_tariffs(back_flows), model="armington").to_frame("economies")
    np.testing.assert_allclose(forward["welfare"], -back["welfare"], atol=1e-6)


# -- honest bands (issue 17, finding 2) ----------------------------------------------------------

RANGED = pd.DataFrame(
    {
        "product": ["*"],
        "economy": ["*"],
        "sigma": [2.5],
        "sigma_low": [1.2],
        "sigma_high": [9.0],
        "import_demand": [-1.8],
        "import_demand_low": [-6.0],
        "import_demand_high": [-0.5],
        "export_supply": [3.0],
    }
)


def _ranged(flows: pd.DataFrame | None = None, rows: pd.DataFrame = RANGED) -> PEDataset:
    return PEDataset(
        flows=dataset().flows if flows is None else flows, elasticities=rows, defaults=None
    )


def test_sigma_plus_import_demand_is_non_negative_in_every_draw() -> None:
    """E_m is drawn given sigma, within [-sigma, 0]: a tax on one supplier never lowers its
    rivals' sales. Independent draws broke this in a share of draws; both the triangular
    (ranged) and the log-normal (unranged) cases must hold it."""
    from thaw.scenarios.pe.run import draw_elasticities

    for ds, cv in ((_ranged(), 0.25), (dataset(), 0.6)):
        problem = ds.to_problem()
        ranges = ds.elasticity_ranges()
        for d in range(400):
            drawn = draw_elasticities(problem, 11, d, cv, ranges)
            gap = drawn.sigma_m + drawn.import_demand_m
            assert np.all(gap >= 0), (d, gap.min())
            assert np.all(drawn.import_demand_m <= 0)


def test_an_unrelated_flow_leaves_the_other_flows_bands_unchanged() -> None:
    """Draws are keyed to (seed, draw, product, economy, parameter), not to grid positions: a
    new product traded between new economies changes no other flow's band."""
    base = dataset().flows
    extra = pd.DataFrame(
        {
            "product": ["aaa"],  # sorts first: every product's grid row moves
            "exporter": ["BRA"],  # and a new economy moves every column
            "importer": ["ARG"],
            "value": [50.0],
            "tariff0": [0.0],
            "tariff1": [10.0],
        }
    )
    a = run_pe(_ranged(base), model="armington", draws=30, seed=4)
    b = run_pe(
        _ranged(pd.concat([base, extra], ignore_index=True)), model="armington", draws=30, seed=4
    )
    fa, fb = a.to_frame("flows"), b.to_frame("flows").iloc[: len(base)]
    band_cols = [c for c in fa.columns if c.endswith(("_p05", "_p50", "_p95"))]
    assert band_cols
    np.testing.assert_allclose(fb[band_cols].to_numpy(), fa[band_cols].to_numpy(), rtol=1e-9)


@pytest.mark.parametrize(
    ("column", "low", "high", "message"),
    [
        ("import_demand", -0.5, -3.0, "low must be below high"),  # reversed: zero variance
        ("import_demand", -3.0, -2.0, "must contain the point"),  # point -1.8 outside
        ("import_demand", -3.0, 0.5, "<= 0"),  # sign rule over the range
        ("sigma", -1.0, 9.0, "> 0"),
        ("export_supply", 0.0, 5.0, "> 0"),
        ("sigma", 1.0, np.nan, "both low and high"),
    ],
)
def test_bad_ranges_are_refused_clearly(column: str, low: float, high: float, message: str) -> None:
    rows = RANGED.assign(**{f"{column}_low": [low], f"{column}_high": [high]})
    with pytest.raises(ThawError, match=message):
        _ranged(rows=rows)


def test_each_result_reports_where_its_point_estimate_sits() -> None:
    r = run_pe(_ranged(), model="armington", draws=40, seed=2)
    e, f = r.to_frame("economies"), r.to_frame("flows")
    for col in ("welfare_point_percentile", "consumer_surplus_point_percentile"):
        assert col in e.columns and e[col].between(0, 100).all()
    for col in ("scenario_value_point_percentile", "change_pct_point_percentile"):
        assert col in f.columns and f[col].between(0, 100).all()
    assert "outside_band" in r.diagnostics
    for o in r.diagnostics["outside_band"]:
        assert not o["p05"] <= o["point"] <= o["p95"]
        assert "nonlinear" in r.diagnostics["outside_band_note"]
    js = r.to_dict()
    assert "point_percentile" in js["economies"][0]["bands"]["welfare"]
    assert set(js["flows"][0]["change_pct_band"]) == {"p05", "p50", "p95", "point_percentile"}


def test_a_point_estimate_outside_the_joint_support_is_reported() -> None:
    """A user's sigma below |E_m| (the web workbench's overrides allow it): the run goes ahead,
    every draw still keeps sigma + E_m >= 0, and the diagnostics name the market."""
    rows = ONE_ROW.assign(sigma=[1.0], import_demand=[-2.0])
    ds = PEDataset(flows=dataset().flows, elasticities=rows, defaults=None)
    r = run_pe(ds, model="armington", draws=5)
    problems = r.diagnostics["point_outside_joint_support"]
    assert problems and "[-sigma, 0]" in problems[0] and "importer CAN" in " ".join(problems)
    assert (
        run_pe(dataset(), model="armington", draws=5).diagnostics["point_outside_joint_support"]
        == []
    )


# -- welfare labels (issue 17, finding 7) --------------------------------------------------------


def test_smart_reports_the_wits_welfare_figure_as_its_own_column() -> None:
    r = run_pe(dataset(), model="smart")
    e = r.to_frame("economies").set_index("economy")
    f = r.to_frame("flows")
    ev = f[(f["product"] == "ev") & (f.importer == "CAN")]
    d_qty = ev.quantity_change_pct / 100 * ev.baseline_value
    dt = (ev.tariff1 - ev.tariff0) / 100
    expected = (0.5 * np.sign(-dt) * dt.abs() * d_qty.abs()).sum()
    assert e.loc["CAN", "wits_welfare"] == pytest.approx(expected)
    assert e.loc["CAN", "wits_welfare"] != pytest.approx(e.loc["CAN", "welfare"])
    gsim = run_pe(dataset(), model="gsim").to_frame("economies")
    assert gsim["wits_welfare"].isna().all()  # a SMART figure only


def test_the_gsim_welfare_convention_is_a_gsim_option() -> None:
    exact = run_pe(dataset(), model="gsim").to_frame("economies").set_index("economy")
    sheet = run_pe(dataset(), model="gsim", welfare="gsim").to_frame("economies")
    sheet = sheet.set_index("economy")
    assert not np.allclose(exact["consumer_surplus"], sheet["consumer_surplus"])
    np.testing.assert_allclose(exact["producer_surplus"], sheet["producer_surplus"])
    with pytest.raises(ThawError, match="model 'gsim' only"):
        run_pe(dataset(), model="armington", welfare="gsim")
    carried = PEDataset(flows=dataset().flows, elasticities=ONE_ROW, defaults=None, welfare="gsim")
    via_data = run_pe(carried, model="gsim").to_frame("economies").set_index("economy")
    np.testing.assert_allclose(via_data["consumer_surplus"], sheet["consumer_surplus"])


def test_smart_monte_carlo_shares_one_export_supply_draw_per_product() -> None:
    """SMART needs one E_x for all partners of a market: its draws are keyed by product."""
    r = run_pe(dataset(), model="smart", draws=12, seed=5)
    assert r.diagnostics["draws_failed"] == 0
    e = r.to_frame("economies").set_index("economy")
    assert e.loc["CAN", "wits_welfare_p05"] <= e.loc["CAN", "wits_welfare_p95"]


def test_largest_flows_and_product_totals_equal_the_pandas_ways() -> None:
    """``largest_flows`` (a partition) equals a stable descending sort of |change %| (ties in
    row order, NaN last); the run's product table equals grouping the flows by product."""
    from thaw.scenarios.pe.results import PEResult

    rng = np.random.default_rng(3)
    for _ in range(100):
        n = int(rng.integers(1, 60))
        x = rng.integers(-4, 5, n).astype(float)
        x[rng.random(n) < 0.2] = np.nan
        flows = pd.DataFrame({"change_pct": x}, index=rng.permutation(10 * n)[:n])
        r = PEResult("s", "m", flows, pd.DataFrame(), pd.DataFrame(), {}, {})
        for k in (1, 3, n, n + 2):
            ref = flows["change_pct"].abs().sort_values(ascending=False, kind="stable")
            assert list(r.largest_flows(k)) == list(ref.index[:k])
    run = run_pe(dataset(), model="gsim")
    grouped = run.flows.groupby("product", as_index=False)[["baseline_value", "scenario_value"]]
    ref_products = grouped.sum()
    ours = run.to_frame("products")
    assert list(ours["product"]) == list(ref_products["product"])
    np.testing.assert_allclose(ours["scenario_value"], ref_products["scenario_value"])
    np.testing.assert_allclose(ours["baseline_value"], ref_products["baseline_value"])
