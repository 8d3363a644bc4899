"""SMART closed forms against hand-worked cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaw.errors import InfeasibleSolutionError, ModelInputError
from thaw.models.smart import solve_smart


def test_mfn_cut_single_partner_by_hand() -> None:
    """M = 100, tariff 20% -> 10%, E_m = -1.5, E_x = 99: t^ = -1/12.
    pass-through 99/100.5, TC = 100 * -1.5 * -1/12 * 99/100.5 = 12.3134..."""
    sol = solve_smart([100.0], [0.2], [0.1], import_demand=-1.5)
    t_hat = -0.1 / 1.2
    assert sol.trade_creation[0] == pytest.approx(100 * 1.5 / 12 * 99 / 100.5)
    assert sol.price_effect[0] == pytest.approx(-1.5 * t_hat / 100.5)
    assert sol.trade_diversion[0] == 0
    assert sol.tariff_revenue0 == pytest.approx(20.0)


def test_preferential_cut_diverts_from_the_other_partner_by_hand() -> None:
    """Partners A (preference) and B, 50 each, 10% -> 0% for A only; sigma 1.5; fixed world
    prices. A's relative price falls by x = 1 - 1/1.1 = 1/11.
    TD_A = 50*50*1.5*(1/11) / (100 + 50*1.5/11) = 340.909.../106.818... = 3.1915..."""
    sol = solve_smart(
        [50.0, 50.0], [0.1, 0.1], [0.0, 0.1], import_demand=-1.0, export_supply=np.inf
    )
    x = 1 / 11
    td = 50 * 50 * 1.5 * x / (100 + 50 * 1.5 * x)
    assert sol.trade_diversion[0] == pytest.approx(td)
    assert sol.trade_diversion[1] == pytest.approx(-td)
    assert sol.trade_creation[0] == pytest.approx(50 * -1.0 * (-0.1 / 1.1))
    assert sol.trade_creation[1] == 0
    assert np.all(sol.price_effect == 0)


def test_diversion_never_exceeds_existing_trade() -> None:
    sol = solve_smart([99.0, 1.0], [0.5, 0.5], [0.0, 0.5], import_demand=-0.5, sigma=50.0)
    assert sol.trade_diversion[1] >= -1.0
    assert sol.trade_diversion.sum() == pytest.approx(0, abs=1e-12)


def test_no_change_without_a_shock_and_bad_inputs() -> None:
    sol = solve_smart([10.0, 20.0], [0.1, 0.0], [0.1, 0.0], import_demand=-2.0)
    assert np.all(sol.trade_total == 0) and sol.consumer_surplus == 0
    with pytest.raises(ModelInputError, match="< 0"):
        solve_smart([1.0], [0.0], [0.1], import_demand=1.0)
    with pytest.raises(InfeasibleSolutionError, match="exact Armington"):
        solve_smart([1.0], [0.0], [5.0], import_demand=-3.0)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(1, 1000), min_size=2, max_size=6),
    st.floats(0.0, 0.3),
    st.floats(-2.5, -0.2),
    st.floats(0.5, 8.0),
)
def test_diversion_nets_to_zero_and_cuts_raise_imports(
    values: list[float], cut: float, e_m: float, sigma: float
) -> None:
    m = np.array(values)
    t0 = np.full(m.size, 0.3)
    t1 = t0.copy()
    t1[0] -= cut
    sol = solve_smart(m, t0, t1, import_demand=e_m, sigma=sigma)
    assert sol.trade_diversion.sum() == pytest.approx(0, abs=1e-9)
    assert sol.trade_total[0] >= -1e-12  # the partner whose tariff is cut never loses
    assert np.all(sol.trade_total[1:] <= 1e-12)


def test_wits_welfare_is_the_deadweight_triangle_by_hand() -> None:
    """M = 100, 20% -> 10%, E_m = -1.5, E_x = 99: TC = 12.3134 (first test); WITS's welfare is
    1/2 x 0.1 x 12.3134 = 0.6157, a gain; thaw's importer welfare (CS + change in revenue) is a
    different figure. A rise back from 10% to 20% is a loss of the same kind."""
    from thaw.models.smart import wits_welfare

    sol = solve_smart([100.0], [0.2], [0.1], import_demand=-1.5)
    tc = 100 * 1.5 / 12 * 99 / 100.5
    assert sol.wits_welfare([0.2], [0.1]) == pytest.approx(0.5 * 0.1 * tc)
    assert sol.welfare_importer != pytest.approx(sol.wits_welfare([0.2], [0.1]))
    up = solve_smart([100.0], [0.1], [0.2], import_demand=-1.5)
    assert up.wits_welfare([0.1], [0.2]) < 0
    assert wits_welfare([0.1, 0.0], [0.1, 0.0], [5.0, -3.0]).tolist() == [0.0, 0.0]
