"""Tariff-rate quotas: the three regimes, and tariff equivalence of a binding quota."""

from __future__ import annotations

import numpy as np
import pytest

from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem
from thaw.models.quota import QuotaSpec, solve_with_quotas


def ev_market(t1_china: float = 0.061) -> PEProblem:
    """Importer 3 buys from 0 (the quota partner), 1 and 2; tariff on 0 drops from 1.061."""
    return PEProblem.build(
        product=[0, 0, 0],
        exporter=[0, 1, 2],
        importer=[3, 3, 3],
        value=[10.0, 40.0, 50.0],
        tariff0=[1.061, 0.0, 0.0],
        tariff1=[t1_china, 0.0, 0.0],
        sigma=4.0,
        import_demand=-1.2,
        export_supply=[[3.0, 5.0, 5.0, 1.0]],
    )


@pytest.mark.parametrize("solver", [solve_armington, solve_gsim])
def test_slack_quota_changes_nothing(solver) -> None:  # type: ignore[no-untyped-def]
    prob = ev_market(0.2)
    free = solver(prob)
    sol, out = solve_with_quotas(prob, QuotaSpec.build([0], [1e6], [0.2], [np.inf]), solver)
    assert out.regime == ("slack",) and out.rent[0] == 0
    assert np.allclose(sol.quantity_change, free.quantity_change)


def test_binding_quota_is_met_exactly_and_equals_its_tariff_equivalent() -> None:
    prob = ev_market()
    free = solve_armington(prob)
    demand = 10.0 * (1 + free.quantity_change[0])
    cap = 0.6 * demand
    sol, out = solve_with_quotas(
        prob, QuotaSpec.build([0], [cap], [0.061], [np.inf]), solve_armington, tol=1e-12
    )
    assert out.regime == ("binding",)
    assert out.imports[0] == pytest.approx(cap, rel=1e-10)
    tau = out.tariff_equivalent[0]
    assert tau > 0.061
    # independent check: an ad valorem tariff at tau gives the same equilibrium
    t1 = prob.tariff1.copy()
    t1[0] = tau
    same = solve_armington(prob.replace(tariff1=t1))
    assert np.allclose(same.world_price_change, sol.world_price_change, rtol=1e-9)
    world = 1 + sol.world_price_change[prob.supplier[0]]
    assert out.rent[0] == pytest.approx((tau - 0.061) * world * cap)
    # revenue on the quota flow is the in-quota rate on the quota volume (others pay no tariff)
    assert sol.tariff_revenue1[0] == pytest.approx(0.061 * world * cap)


def test_exceeded_quota_charges_the_out_of_quota_rate() -> None:
    prob = ev_market()
    sol_out = solve_armington(prob.replace(tariff1=np.array([0.3, 0.0, 0.0])))
    q_at_out = 10.0 * (1 + sol_out.quantity_change[0])
    cap = 0.5 * q_at_out
    sol, out = solve_with_quotas(prob, QuotaSpec.build([0], [cap], [0.061], [0.3]), solve_armington)
    assert out.regime == ("exceeded",)
    assert out.imports[0] == pytest.approx(q_at_out)
    world = 1 + sol.world_price_change[prob.supplier[0]]
    assert out.rent[0] == pytest.approx((0.3 - 0.061) * world * cap)
    expected_rev = world * (0.061 * cap + 0.3 * (q_at_out - cap))
    assert sol.tariff_revenue1[0] == pytest.approx(expected_rev)


def test_quota_between_regimes_is_binding_with_tau_inside_the_band() -> None:
    prob = ev_market()
    q_in = 10.0 * (1 + solve_armington(prob).quantity_change[0])
    q_out = 10.0 * (
        1 + solve_armington(prob.replace(tariff1=np.array([0.5, 0, 0]))).quantity_change[0]
    )
    cap = 0.5 * (q_in + q_out)
    _, out = solve_with_quotas(prob, QuotaSpec.build([0], [cap], [0.061], [0.5]), solve_armington)
    assert out.regime == ("binding",)
    assert 0.061 < out.tariff_equivalent[0] < 0.5


def test_bad_quota_specs() -> None:
    with pytest.raises(ValueError, match="> 0"):
        QuotaSpec.build([0], [0.0], [0.0], [1.0])
    with pytest.raises(ValueError, match="below the in-quota"):
        QuotaSpec.build([0], [1.0], [0.5], [0.1])


def test_rent_holder_is_one_flag_per_quota() -> None:
    assert QuotaSpec.build(
        [0, 1], [1.0, 1.0], [0.0, 0.0], [1.0, 1.0]
    ).rent_to_exporter.tolist() == [
        False,
        False,
    ]
    both = QuotaSpec.build([0, 1], [1.0, 1.0], [0.0, 0.0], [1.0, 1.0], rent_to_exporter=True)
    assert both.rent_to_exporter.tolist() == [True, True]
    mixed = QuotaSpec.build([0, 1], [1.0, 1.0], [0.0, 0.0], [1.0, 1.0], [True, False])
    assert mixed.rent_to_exporter.tolist() == [True, False]
    # who holds the rent does not change the solution
    prob = ev_market()
    a, out_a = solve_with_quotas(prob, QuotaSpec.build([0], [8.0], [0.061], [np.inf]), solve_gsim)
    b, out_b = solve_with_quotas(
        prob, QuotaSpec.build([0], [8.0], [0.061], [np.inf], True), solve_gsim
    )
    assert np.allclose(a.quantity_change, b.quantity_change) and out_a.rent == pytest.approx(
        out_b.rent
    )
