"""The exact Armington model: against an independent dense solve, against GSIM for small shocks,
and its invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.conftest import dense_exact_reference, random_world
from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem, segment_sum


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("shock", [0.02, 1.0])
def test_matches_an_independent_dense_solver(seed: int, shock: float) -> None:
    prob = PEProblem.build(**random_world(seed, shock=shock))
    sol = solve_armington(prob)
    ref = dense_exact_reference(prob)
    keys = prob.supplier_keys
    ours = 1 + sol.world_price_change
    assert np.allclose(ours, ref[keys // prob.n_regions, keys % prob.n_regions], rtol=1e-9)


def test_markets_clear_at_the_solution() -> None:
    prob = PEProblem.build(**random_world(5, shock=0.8))
    sol = solve_armington(prob)
    quantity = prob.value * (1 + sol.quantity_change)
    demand = segment_sum(quantity, prob.supplier, prob.n_suppliers)
    supply = prob.sales0 * (1 + sol.world_price_change) ** prob.export_supply_s
    assert np.allclose(demand, supply, rtol=1e-9)
    assert sol.converged and sol.max_residual < 1e-10


def test_agrees_with_gsim_to_second_order() -> None:
    """Halving the shock quarters the gap between the exact model and GSIM."""
    gaps = []
    for shock in (0.02, 0.01, 0.005):
        w = random_world(11, shock=shock, base_tariff=0.0)
        prob = PEProblem.build(**w)
        g, a = solve_gsim(prob), solve_armington(prob)
        assert np.allclose(g.world_price_change, a.world_price_change, atol=5 * shock**2)
        gaps.append(np.max(np.abs(g.quantity_change - a.quantity_change)))
    assert gaps[1] / gaps[0] == pytest.approx(0.25, abs=0.05)
    assert gaps[2] / gaps[1] == pytest.approx(0.25, abs=0.05)


def test_large_shock_stays_meaningful() -> None:
    """A 100-point surtax on one source: its trade falls but stays positive."""
    prob = PEProblem.build(
        product=[0, 0, 0],
        exporter=[0, 1, 2],
        importer=[2, 2, 2],
        value=[50.0, 30.0, 120.0],
        tariff0=[0.061, 0.0, 0.0],
        tariff1=[1.061, 0.0, 0.0],
        sigma=6.0,
        import_demand=-1.0,
        export_supply=[[2.0, 3.0, 1.0]],
    )
    sol = solve_armington(prob)
    assert -1 < sol.quantity_change[0] < 0
    assert sol.quantity_change[1] > 0 and sol.quantity_change[2] > 0
    assert sol.world_price_change[0] < 0  # the taxed exporter absorbs part of the tariff
    # with perfectly elastic supply nobody absorbs it, so the taxed flow falls further
    rigid = solve_armington(prob.replace(export_supply=np.full_like(prob.export_supply, np.inf)))
    assert -1 < rigid.quantity_change[0] < sol.quantity_change[0]
    # with infinite supply elasticity the closed form holds: q = rho^-sigma * P^(sigma + E_m)
    theta = np.array([50 * 1.061, 30, 120]) / (50 * 1.061 + 150)
    rho = 2.061 / 1.061
    index = (theta[0] * rho**-5 + theta[1:].sum()) ** (-1 / 5)
    assert rigid.quantity_change[0] == pytest.approx(rho**-6 * index**5 - 1, rel=1e-10)


def test_infinite_supply_and_unit_elasticities() -> None:
    prob = PEProblem.build(
        product=[0, 0],
        exporter=[0, 1],
        importer=[2, 2],
        value=[1.0, 3.0],
        tariff0=[0.0, 0.0],
        tariff1=[0.5, 0.0],
        sigma=1.0,
        import_demand=-1.0,
        export_supply=np.inf,
    )
    sol = solve_armington(prob)
    assert np.allclose(sol.world_price_change, 0)
    # Cobb-Douglas composite with unit demand elasticity: spending per source is constant
    assert sol.quantity_change[0] == pytest.approx(1 / 1.5 - 1)
    assert sol.quantity_change[1] == pytest.approx(0, abs=1e-12)
    assert sol.consumer_surplus[0] == pytest.approx(-4 * np.log(1.5**0.25))


def test_world_loses_from_a_new_tariff() -> None:
    """From free trade, a tariff lowers world welfare (CS + PS + revenue summed)."""
    w = random_world(4, base_tariff=0.0, shock=0.0)
    w["tariff1"] = np.where(w["exporter"] != w["importer"], 0.3, 0.0)
    sol = solve_armington(PEProblem.build(**w))
    world = (
        sol.consumer_surplus.sum()
        + sol.producer_surplus.sum()
        + (sol.tariff_revenue1 - sol.tariff_revenue0).sum()
    )
    assert world < 0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.01, 2.0))
def test_a_higher_tariff_never_raises_that_flow(seed: int, extra: float) -> None:
    w = random_world(seed, shock=0.0)
    target = int(np.flatnonzero(w["exporter"] != w["importer"])[seed % 12])
    w["tariff1"] = w["tariff0"].copy()
    w["tariff1"][target] += extra
    sol = solve_armington(PEProblem.build(**w))
    assert sol.quantity_change[target] < 0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_zero_shock_is_the_baseline(seed: int) -> None:
    sol = solve_armington(PEProblem.build(**random_world(seed, shock=0.0)))
    assert sol.iterations == 0
    assert np.allclose(sol.quantity_change, 0) and np.allclose(sol.consumer_surplus, 0)


def test_the_shifted_aggregation_equals_the_direct_one(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Markets whose CES sum would overflow or underflow are aggregated in logs, shifted by
    their largest term; forced everywhere, that path gives the same solution."""
    import thaw.models.armington as armington

    problem = PEProblem.build(**random_world(8, n_products=3, n_regions=5, shock=0.2))
    direct = solve_armington(problem)
    monkeypatch.setattr(armington, "_SAFE_SUM", (np.inf, np.inf))
    shifted = solve_armington(problem)
    np.testing.assert_allclose(shifted.value1, direct.value1, rtol=1e-12)
    np.testing.assert_allclose(shifted.world_price_change, direct.world_price_change, atol=1e-12)


def test_a_prohibitive_shock_with_high_sigma_stays_finite(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """theta rho^(1 - sigma) of every supplier of a market far below 1e-280 (sigma 150, tariffs
    up 10,000 points): the shifted path is taken, the shares stay finite and markets clear."""
    import thaw.models.armington as armington

    used = []
    real_order = armington._Constants.order
    monkeypatch.setattr(
        armington._Constants, "order", lambda self: used.append(1) or real_order(self)
    )
    w = random_world(9, n_products=1, n_regions=4, domestic=False)
    w["sigma"] = np.full_like(w["sigma"], 150.0)
    w["import_demand"] = np.full_like(w["import_demand"], -0.5)
    importer_zero = w["importer"] == 0
    w["tariff1"] = np.where(importer_zero, w["tariff0"] + 100.0, w["tariff0"])
    sol = solve_armington(PEProblem.build(**w))
    assert used  # the shifted aggregation
    assert sol.converged and sol.max_residual <= 1e-10
    assert np.all(np.isfinite(sol.value1)) and np.all(sol.value1 >= 0)
    change = sol.quantity_change[importer_zero]
    assert np.all((change > -1) & (change < -0.5))  # imports fall, none below zero
