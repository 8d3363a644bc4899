"""Structural gravity GE: gegravity's documented example, the Advanced Guide's published
"trade without borders" results, an independent solver, and the model's invariants."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.ge_reference import full_ge
from thaw.errors import ModelInputError
from thaw.models.ge import SIGMA_MIN, economy_changes, solve_baseline, solve_counterfactual

HERE = Path(__file__).resolve().parent
GEGRAVITY = pd.read_csv(HERE / "data" / "gegravity_can_jpn_pta.csv", index_col="country")
PUBLISHED = (  # gegravity's documented ppmlhdfe estimates (the constant only scales levels)
    pd.read_csv(HERE / "data" / "gegravity_published_coefficients.csv")
    .set_index("variable")["coefficient"]
    .to_dict()
)


def square(frame: pd.DataFrame, columns: dict[str, float]) -> dict[str, np.ndarray]:
    """T = exp(b'x) (n, n), output and expenditure (n,), economy codes, from a gravity frame."""
    codes = sorted(frame["exporter"].unique())
    pos = {c: i for i, c in enumerate(codes)}
    i = frame["exporter"].map(pos).to_numpy()
    j = frame["importer"].map(pos).to_numpy()
    n = len(codes)
    cost = np.zeros((n, n))
    cost[i, j] = np.exp(sum(b * frame[v].to_numpy() for v, b in columns.items()))
    out, exp_ = np.zeros(n), np.zeros(n)
    out[i], exp_[j] = frame["Y"], frame["E"]
    return {"cost": cost, "output": out, "expenditure": exp_, "codes": np.array(codes)}


@pytest.fixture
def sample(shared: Path) -> pd.DataFrame:
    return pd.read_csv(shared / "data" / "gegravity_sample_2006.csv").assign(constant=1.0)


def test_reproduces_gegravity_baseline_and_conditional_ge(sample: pd.DataFrame) -> None:
    """gegravity's documented example: CAN-JPN PTA, sigma 5, reference DEU, published
    coefficients. Its multilateral resistances, baseline and conditional, to 1e-6."""
    base = square(sample, PUBLISHED)
    codes = list(base["codes"])
    exp_ = sample.copy()
    exp_.loc[
        exp_.exporter.isin(["CAN", "JPN"])
        & exp_.importer.isin(["CAN", "JPN"])
        & (exp_.exporter != exp_.importer),
        "pta",
    ] = 1
    new = square(exp_, PUBLISHED)
    b = solve_baseline(
        base["cost"][None], base["output"][None], base["expenditure"][None], 5.0, codes.index("DEU")
    )
    c = solve_counterfactual(b, new["cost"][None], closure="conditional")
    ref = GEGRAVITY.loc[codes]
    for got, col in [
        (b.state.imr[0], "baseline imr"),
        (b.state.omr[0], "baseline omr"),
        (c.imr[0], "conditional imr"),
        (c.omr[0], "conditional omr"),
    ]:
        np.testing.assert_allclose(got, ref[col].to_numpy(), rtol=1e-6, err_msg=col)


def test_gegravity_full_ge_keeps_baseline_incomes_in_the_resistances(sample: pd.DataFrame) -> None:
    """gegravity's reported "experiment" equals the conditional resistances with prices
    p = Pi / Pi_conditional (to 1e-6 percentage points: gegravity solves its resistances to
    about 3e-9, so changes of a few thousandths of a percent agree to ~1e-7 points, not 1e-6
    relative): it does not update output and expenditure shares in the
    resistance equations, so its trade does not add up to output. thaw's full GE does."""
    base = square(sample, PUBLISHED)
    codes = list(base["codes"])
    exp_ = sample.copy()
    both = exp_.exporter.isin(["CAN", "JPN"]) & exp_.importer.isin(["CAN", "JPN"])
    exp_.loc[both & (exp_.exporter != exp_.importer), "pta"] = 1
    new = square(exp_, PUBLISHED)
    b = solve_baseline(
        base["cost"][None], base["output"][None], base["expenditure"][None], 5.0, codes.index("DEU")
    )
    c = solve_counterfactual(b, new["cost"][None], closure="conditional")
    gg_price = b.state.omr[0] / c.omr[0]
    ref = GEGRAVITY.loc[codes]
    np.testing.assert_allclose(
        100 * (gg_price - 1), ref["factory gate price change (percent)"], rtol=0, atol=1e-6
    )
    np.testing.assert_allclose(
        100 * (gg_price * b.state.imr[0] / c.imr[0] - 1),
        ref["GDP change (percent)"],
        rtol=0,
        atol=1e-6,
    )
    # its experiment trade: E'_j y'_i T'_ij / (Pi_c P_c)^(1-sigma), with updated Y' and E'
    out1 = gg_price * base["output"]
    exp1 = gg_price * base["expenditure"]
    trade = (
        new["cost"]
        * exp1[None, :]
        * (out1 / out1.sum())[:, None]
        * (c.omr[0] ** -(1 - 5.0))[:, None]
        * (c.imr[0] ** -(1 - 5.0))[None, :]
    )
    gap = np.max(np.abs(trade.sum(axis=1) / out1 - 1))
    assert gap > 1e-4  # gegravity's full GE: sales differ from output
    full = solve_counterfactual(b, new["cost"][None])
    np.testing.assert_allclose(full.receipts[0].sum(axis=1), full.output[0], rtol=1e-12)


@pytest.fixture
def ylmp(shared: Path) -> pd.DataFrame:
    return pd.read_csv(shared / "data" / "ylmp2016_ch2_trade_without_border_2006.csv")


def test_trade_without_borders_matches_an_independent_solve_and_the_book(
    ylmp: pd.DataFrame, shared: Path
) -> None:
    """The Advanced Guide, ch. 2, application 1 (69 countries, sigma 7, reference DEU, PPML on
    log distance, contiguity and the border; then no international borders). thaw against an
    independent fixed-point solve to 1e-9, and against the book's loosely converged numbers."""
    from thaw.models.ppml import estimate_ppml

    est = estimate_ppml(ylmp, ["ln_DIST", "CNTG", "INTL_BRDR"])
    coef = dict(zip(est.names, est.coef, strict=True))
    base = square(ylmp, coef)
    codes = list(base["codes"])
    ref = codes.index("DEU")
    new = square(ylmp.assign(INTL_BRDR=0), coef)
    b = solve_baseline(
        base["cost"][None], base["output"][None], base["expenditure"][None], 7.0, ref
    )
    full = solve_counterfactual(b, new["cost"][None])
    cond = solve_counterfactual(b, new["cost"][None], closure="conditional")
    assert full.price.min() > 0 and full.imr.min() > 0  # gegravity reports negative prices here
    other = full_ge(base["cost"], new["cost"], base["output"], base["expenditure"], 7.0, ref)
    np.testing.assert_allclose(full.price[0], other["price"], rtol=1e-9)
    np.testing.assert_allclose(full.imr[0], other["imr"], rtol=1e-9)
    book = pd.read_csv(shared / "data" / "ylmp2016_ch2_published_ge_results.csv")
    book = book[book.application == "ch2_app1_trade_without_border"].set_index("country").loc[codes]
    full_ch = economy_changes(b.state, full)
    cond_ch = economy_changes(b.state, cond)
    # the conditional GE is solved exactly by the book too: agreement to 1e-4 percentage points
    np.testing.assert_allclose(cond_ch.foreign_exports, book["change_Xi_CDL"], atol=1e-4)
    # full GE: the book stops when prices move by less than 0.01, about 1 percentage point
    np.testing.assert_allclose(full_ch.factory_gate_price, book["change_price_FULL"], atol=1.0)
    np.testing.assert_allclose(full_ch.imr, book["change_IMR_FULL"], atol=1.0)
    np.testing.assert_allclose(full_ch.real_gdp, book["change_rGDP_FULL"], atol=1.0)
    np.testing.assert_allclose(
        (100 + full_ch.foreign_exports) / (100 + book["change_Xi_FULL"]), 1.0, atol=0.03
    )
    assert np.median(np.abs(full_ch.factory_gate_price - book["change_price_FULL"])) < 0.15


def world(seed: int, n: int = 5, b: int = 2) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    cost = rng.uniform(0.05, 1.0, (b, n, n))
    cost[:, np.arange(n), np.arange(n)] = 1.0
    return {
        "cost": cost,
        "output": rng.uniform(10, 100, (b, n)),
        "expenditure": rng.uniform(10, 100, (b, n)),
    }


def test_no_shock_changes_nothing() -> None:
    w = world(1)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 6.0, 0)
    for closure in ("full", "conditional"):
        s = solve_counterfactual(b, closure=closure)  # type: ignore[arg-type]
        np.testing.assert_allclose(s.price, 1.0, atol=1e-12)
        np.testing.assert_allclose(s.receipts, b.state.receipts, rtol=1e-10)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.1, 10.0), st.floats(-0.5, 0.5))
def test_homogeneity_adding_up_and_market_clearing(seed: int, scale: float, shock: float) -> None:
    w = world(seed)
    rng = np.random.default_rng(seed + 1)
    new_cost = w["cost"] * np.exp(shock * rng.uniform(0, 1, w["cost"].shape))
    tau = 1.0 + rng.uniform(0, 0.3, w["cost"].shape)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 2)
    s = solve_counterfactual(b, new_cost, tau)
    # market clearing and adding up at the solution
    np.testing.assert_allclose(s.receipts.sum(axis=2), s.output, rtol=1e-10)
    np.testing.assert_allclose(s.trade.sum(axis=1), s.spending, rtol=1e-10)
    np.testing.assert_allclose(
        (s.spending - s.tariff_revenue).sum(axis=1), s.output.sum(axis=1), rtol=1e-10
    )
    np.testing.assert_allclose(s.imr[:, 2], 1.0, rtol=1e-10)
    # rescaling all values leaves prices and percent changes unchanged and scales trade
    b2 = solve_baseline(w["cost"], scale * w["output"], scale * w["expenditure"], 5.0, 2)
    s2 = solve_counterfactual(b2, new_cost, tau)
    np.testing.assert_allclose(s2.price, s.price, rtol=1e-9)
    np.testing.assert_allclose(s2.receipts, scale * s.receipts, rtol=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.permutations(range(5)))
def test_results_do_not_depend_on_the_order_of_economies(seed: int, perm: list[int]) -> None:
    w = world(seed, b=1)
    rng = np.random.default_rng(seed)
    new_cost = w["cost"] * rng.uniform(0.8, 1.3, w["cost"].shape)
    ref = 3
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 4.0, ref)
    s = solve_counterfactual(b, new_cost)
    p = np.array(perm)
    bp = solve_baseline(
        w["cost"][:, p][:, :, p],
        w["output"][:, p],
        w["expenditure"][:, p],
        4.0,
        int(np.flatnonzero(p == ref)[0]),
    )
    sp = solve_counterfactual(bp, new_cost[:, p][:, :, p])
    np.testing.assert_allclose(sp.price, s.price[:, p], rtol=1e-9)
    np.testing.assert_allclose(sp.receipts, s.receipts[:, p][:, :, p], rtol=1e-9)


def test_a_tariff_cuts_that_pair_and_raises_revenue() -> None:
    w = world(4, b=1)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0)
    tau = np.ones_like(w["cost"])
    tau[0, 1, 2] = 1.25
    s = solve_counterfactual(b, tau=tau)
    assert s.receipts[0, 1, 2] < b.state.receipts[0, 1, 2]
    assert s.tariff_revenue[0, 2] == pytest.approx(0.25 * s.receipts[0, 1, 2])
    assert s.tariff_revenue[0, np.arange(5) != 2].max() == 0


def test_bad_inputs_are_refused() -> None:
    w = world(2, b=1)
    bad = w["cost"].copy()
    bad[0, 0, 1] = 0
    with pytest.raises(ModelInputError, match="> 0"):
        solve_baseline(bad, w["output"], w["expenditure"], 5.0, 0)
    with pytest.raises(ModelInputError, match="sigma"):
        solve_baseline(w["cost"], w["output"], w["expenditure"], 1.0, 0)
    tau = np.full_like(w["cost"], 0.9)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0)
    with pytest.raises(ModelInputError, match="tariff"):
        solve_counterfactual(b, tau=tau)


def test_terms_of_trade_is_export_over_import_prices_at_world_prices() -> None:
    """ToT = PX / PM (Laspeyres, baseline foreign trade at exporters' values): a zero shock gives
    0; scaling one economy's prices by lam gives it lam - 1 and each partner j
    1 / (1 + w_0j (lam - 1)) - 1 with w_0j its import share from 0; scaling every price by the
    same factor (a change of numeraire) leaves everyone's ToT at 0."""
    w = world(7, b=1)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0)
    base = b.state
    same = economy_changes(base, solve_counterfactual(b))
    np.testing.assert_allclose(same.terms_of_trade, 0.0, atol=1e-9)
    lam = 1.1
    price = np.ones_like(base.price)
    price[0, 0] = lam
    out = economy_changes(base, dataclasses.replace(base, price=price))
    foreign = base.receipts[0] * (1 - np.eye(5))
    share = foreign[0] / foreign.sum(axis=0)  # j's imports from 0 over j's imports
    expected = 100 * (1 / (1 + share * (lam - 1)) - 1)
    expected[0] = 100 * (lam - 1)
    np.testing.assert_allclose(out.terms_of_trade, expected, rtol=1e-12)
    np.testing.assert_allclose(out.export_price[0], 100 * (lam - 1), rtol=1e-12)
    scaled = economy_changes(base, dataclasses.replace(base, price=np.full_like(price, 1.3)))
    np.testing.assert_allclose(scaled.terms_of_trade, 0.0, atol=1e-12)


def test_a_tariff_improves_the_importers_terms_of_trade_not_just_its_real_gdp() -> None:
    """In one sector gegravity's p / P equals real GDP; the ToT here is a different number: the
    importer imposing a tariff gains (its export prices rise against its import prices), the
    taxed exporter loses."""
    w = world(4, b=1)
    b = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0)
    tau = np.ones_like(w["cost"])
    tau[0, 1, 2] = 1.25
    out = economy_changes(b.state, solve_counterfactual(b, tau=tau))
    assert out.terms_of_trade[2] > 0 > out.terms_of_trade[1]
    assert not np.allclose(out.terms_of_trade, out.real_gdp)
    np.testing.assert_allclose(
        1 + out.terms_of_trade / 100, (1 + out.export_price / 100) / (1 + out.import_price / 100)
    )


def test_sigma_close_to_one_is_refused_and_at_the_bound_every_number_is_finite() -> None:
    """sigma = 1.001 used to return overflowed (inf/nan) resistances as a converged answer."""
    w = world(3, b=1)
    with pytest.raises(ModelInputError, match=r"sigma must be >= 1\.01"):
        solve_baseline(w["cost"], w["output"], w["expenditure"], 1.001, 0)
    cost = w["cost"] ** 3  # a wide spread of trade costs: P levels far from 1 at sigma 1.01
    b = solve_baseline(cost, w["output"], w["expenditure"], SIGMA_MIN, 0)
    tau = np.ones_like(cost)
    tau[0, 1, 2] = 1.25
    s = solve_counterfactual(b, tau=tau)
    out = economy_changes(b.state, s)
    for values in (*vars(out).values(), s.imr, s.omr, b.state.imr, b.state.omr):
        assert np.all(np.isfinite(values))
    # changes from logs agree with changes from levels where the levels are representable
    np.testing.assert_allclose(out.imr, 100 * (s.imr[0] / b.state.imr[0] - 1), rtol=1e-8)


def test_levels_that_overflow_are_refused_not_returned() -> None:
    w = world(3, b=1)
    huge = w["cost"] * np.exp(-10.0 * (1 - np.eye(5)))  # T = e^-10 abroad: log P near 850
    with pytest.raises(ModelInputError, match="not finite"):
        solve_baseline(huge, w["output"], w["expenditure"], SIGMA_MIN, 0)
