"""GSIM against cases solvable by hand, and its invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.conftest import random_world
from thaw.errors import InfeasibleSolutionError, ModelInputError
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem


def test_one_flow_closed_form() -> None:
    """One exporter, one importer: M^ = E_m (T^ + P*^) and E_x P*^ = M^."""
    e_m, e_x, t0, t1 = -2.0, 3.0, 0.05, 0.155
    prob = PEProblem.build(
        product=[0],
        exporter=[0],
        importer=[1],
        value=[100.0],
        tariff0=[t0],
        tariff1=[t1],
        sigma=4.0,
        import_demand=e_m,
        export_supply=e_x,
    )
    sol = solve_gsim(prob)
    t_hat = (t1 - t0) / (1 + t0)
    p_star = e_m * t_hat / (e_x - e_m)
    assert sol.world_price_change[0] == pytest.approx(p_star, rel=1e-12)
    assert sol.quantity_change[0] == pytest.approx(e_m * (t_hat + p_star), rel=1e-12)
    assert sol.tariff_revenue1[0] == pytest.approx(
        t1 * 100 * (1 + sol.quantity_change[0]) * (1 + p_star)
    )
    # surplus triangles
    p_hat = t_hat + p_star
    assert sol.consumer_surplus[0] == pytest.approx(-105 * (p_hat + 0.5 * e_m * p_hat**2))
    assert sol.producer_surplus[0] == pytest.approx(100 * (p_star + 0.5 * e_x * p_star**2))


def test_infinite_supply_elasticity_fixes_world_prices() -> None:
    """E_x = inf: P*^ = 0, M^_r = (E_m + E_s) P^ - E_s T^_r with P^ = sum theta T^."""
    values, t0, t1 = np.array([60.0, 40.0]), np.array([0.0, 0.1]), np.array([0.0, 0.32])
    e_m, e_s = -1.2, 3.0
    prob = PEProblem.build(
        product=[0, 0],
        exporter=[0, 1],
        importer=[2, 2],
        value=values,
        tariff0=t0,
        tariff1=t1,
        sigma=e_s,
        import_demand=e_m,
        export_supply=np.inf,
    )
    sol = solve_gsim(prob)
    theta = values * (1 + t0) / (values * (1 + t0)).sum()
    t_hat = (t1 - t0) / (1 + t0)
    p_hat = theta @ t_hat
    assert np.allclose(sol.world_price_change, 0)
    assert np.allclose(sol.quantity_change, (e_m + e_s) * p_hat - e_s * t_hat, rtol=1e-12)
    assert sol.quantity_change[0] > 0 > sol.quantity_change[1]  # diversion to the untaxed source


def test_zero_shock_changes_nothing() -> None:
    w = random_world(3, shock=0.0)
    sol = solve_gsim(PEProblem.build(**w))
    for arr in (
        sol.quantity_change,
        sol.world_price_change,
        sol.consumer_surplus,
        sol.producer_surplus,
        sol.tariff_revenue1 - sol.tariff_revenue0,
    ):
        assert np.allclose(arr, 0, atol=1e-12)


def test_large_shock_is_refused_with_a_pointer_to_the_exact_model() -> None:
    prob = PEProblem.build(
        product=[0, 0],
        exporter=[0, 1],
        importer=[2, 2],
        value=[50, 50],
        tariff0=[0, 0],
        tariff1=[1.0, 0],
        sigma=6.0,
        import_demand=-1.0,
        export_supply=5.0,
    )
    with pytest.raises(InfeasibleSolutionError, match="exact Armington"):
        solve_gsim(prob)


def test_bad_inputs_are_refused() -> None:
    base = {
        "product": [0],
        "exporter": [0],
        "importer": [1],
        "value": [1.0],
        "tariff0": [0.0],
        "tariff1": [0.1],
        "sigma": 2.0,
        "import_demand": -1.0,
        "export_supply": 2.0,
    }
    for over, msg in [
        ({"value": [0.0]}, "> 0"),
        ({"import_demand": 1.0}, "<= 0"),
        ({"sigma": 0.0}, "sigma"),
        ({"tariff1": [-0.1]}, ">= 0"),
        ({"export_supply": 0.0}, "E_x"),
    ]:
        with pytest.raises(ModelInputError, match=msg):
            PEProblem.build(**{**base, **over})
    with pytest.raises(ValueError, match="tol"):
        solve_gsim(PEProblem.build(**base), tol=0)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.permutations(range(4)))
def test_results_do_not_depend_on_region_or_flow_order(seed: int, perm: list[int]) -> None:
    w = random_world(seed)
    sol = solve_gsim(PEProblem.build(**w))
    relabel = np.array(perm)
    order = np.random.default_rng(seed).permutation(len(w["value"]))
    w2 = {
        k: (v[order] if k in ("product", "value", "tariff0", "tariff1") else v)
        for k, v in w.items()
    }
    w2["exporter"] = relabel[w["exporter"][order]]
    w2["importer"] = relabel[w["importer"][order]]
    inv = np.argsort(relabel)
    for k in ("sigma", "import_demand", "export_supply"):
        w2[k] = w[k][:, inv]
    sol2 = solve_gsim(PEProblem.build(**w2))
    assert np.allclose(sol2.quantity_change, sol.quantity_change[order], atol=1e-10)
    assert np.isclose(sol2.consumer_surplus.sum(), sol.consumer_surplus.sum())


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.001, 0.05))
def test_a_higher_tariff_never_raises_that_flow(seed: int, extra: float) -> None:
    w = random_world(seed, shock=0.0)
    target = int(np.flatnonzero(w["exporter"] != w["importer"])[seed % 12])
    w["tariff1"] = w["tariff0"].copy()
    w["tariff1"][target] += extra
    sol = solve_gsim(PEProblem.build(**w))
    assert sol.quantity_change[target] < 0
    assert sol.value1[target] < w["value"][target]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.1, 1000))
def test_homogeneity_in_values(seed: int, scale: float) -> None:
    """Scaling every baseline value scales money results and leaves changes unchanged."""
    w = random_world(seed)
    a = solve_gsim(PEProblem.build(**w))
    b = solve_gsim(PEProblem.build(**{**w, "value": w["value"] * scale}))
    assert np.allclose(a.quantity_change, b.quantity_change, atol=1e-10)
    assert np.allclose(a.consumer_surplus * scale, b.consumer_surplus, rtol=1e-8, atol=1e-9)
    assert np.allclose(a.producer_surplus * scale, b.producer_surplus, rtol=1e-8, atol=1e-9)


def test_reproduces_the_francois_hall_four_region_example() -> None:
    """Francois & Hall (2003)'s worked example: four regions (US, JP, EU, RW; own shipments and
    RW's intra-regional tariff included), E_m = -1.25, E_s = 5, E_x = 1.5, a US-EU agreement
    removing their bilateral tariffs. Its reported world-price changes (as transcribed with a
    public R replication of the example) are +7.92% (US), -3.16% (JP), +4.80% (EU), -1.84% (RW).
    """
    flows = np.array(  # exporters in rows, importers in columns
        [[0, 50, 200, 300], [500, 0, 150, 200], [300, 100, 200, 200], [50, 100, 110, 20]], float
    )
    power0 = np.array(
        [
            [1.00, 1.21, 1.41, 1.22],
            [1.37, 1.00, 1.31, 1.23],
            [1.32, 1.36, 1.00, 1.18],
            [1.57, 1.41, 1.25, 1.15],
        ]
    )
    power1 = power0.copy()
    power1[0, 2] = power1[2, 0] = 1.0
    e, i = np.nonzero(flows)
    prob = PEProblem.build(
        product=np.zeros(e.size, int),
        exporter=e,
        importer=i,
        value=flows[e, i],
        tariff0=power0[e, i] - 1,
        tariff1=power1[e, i] - 1,
        sigma=5.0,
        import_demand=-1.25,
        export_supply=1.5,
        n_regions=4,
    )
    sol = solve_gsim(prob)
    np.testing.assert_allclose(
        sol.world_price_change, [0.0792, -0.0316, 0.0480, -0.0184], atol=5e-5
    )


def _four_region_example() -> PEProblem:
    flows = np.array(
        [[0, 50, 200, 300], [500, 0, 150, 200], [300, 100, 200, 200], [50, 100, 110, 20]], float
    )
    power0 = np.array(
        [
            [1.00, 1.21, 1.41, 1.22],
            [1.37, 1.00, 1.31, 1.23],
            [1.32, 1.36, 1.00, 1.18],
            [1.57, 1.41, 1.25, 1.15],
        ]
    )
    power1 = power0.copy()
    power1[0, 2] = power1[2, 0] = 1.0
    e, i = np.nonzero(flows)
    return PEProblem.build(
        product=np.zeros(e.size, int),
        exporter=e,
        importer=i,
        value=flows[e, i],
        tariff0=power0[e, i] - 1,
        tariff1=power1[e, i] - 1,
        sigma=5.0,
        import_demand=-1.25,
        export_supply=1.5,
        n_regions=4,
    )


def test_gsim_welfare_option_reproduces_the_published_four_region_welfare() -> None:
    """The same example's welfare (US, JP, EU, RW) as GSIM's spreadsheet computes it, in the
    public R replication of the example (the same source as the world prices above): consumer
    surplus with the sign(P^) triangle on the compound composite price change. Net welfare
    18.21, -34.49, 14.54, -40.80. thaw's exact area gives Japan -34.21 instead: Japan's
    composite price rises, where the spreadsheet's triangle has the wrong sign."""
    prob = _four_region_example()
    sheet = solve_gsim(prob, welfare="gsim")
    exact = solve_gsim(prob)
    tr = sheet.tariff_revenue1 - sheet.tariff_revenue0
    np.testing.assert_allclose(sheet.consumer_surplus, [110.60, -8.88, 68.56, -32.86], atol=0.005)
    np.testing.assert_allclose(sheet.producer_surplus, [46.14, -26.24, 39.82, -5.07], atol=0.005)
    np.testing.assert_allclose(tr, [-138.52, 0.62, -93.84, -2.87], atol=0.005)
    welfare = sheet.consumer_surplus + sheet.producer_surplus + tr
    np.testing.assert_allclose(welfare, [18.21, -34.49, 14.54, -40.80], atol=0.005)
    exact_welfare = exact.consumer_surplus + exact.producer_surplus + tr
    assert exact_welfare[1] == pytest.approx(-34.21, abs=0.005)
    # everything but consumer surplus is the same solution
    np.testing.assert_array_equal(sheet.world_price_change, exact.world_price_change)
    with pytest.raises(ValueError, match="welfare"):
        solve_gsim(prob, welfare="wits")
