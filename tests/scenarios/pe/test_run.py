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
