"""Structural gravity in general equilibrium: baseline, conditional and full-endowment solves.

The model (Anderson & van Wincoop 2003; Yotov, Piermartini, Monteiro & Larch 2016, "An Advanced
Guide to Trade Policy Analysis", ch. 2). For each sector (independent of the others), economies
``i`` (exporters) and ``j`` (importers), ``n`` of each, elasticity of substitution ``sigma``:

    X_ij = B_i W_ij E_j / P_j^(1-sigma)        consumer value of j's purchases from i
    W_ij = T_ij tau_ij^(1-sigma)               T = t^(1-sigma) = exp(b'x): trade costs;
                                               tau = 1 + ad valorem tariff
    P_j^(1-sigma) = sum_i B_i W_ij             inward multilateral resistance (IMR), P_ref = 1
    S_ij = X_ij / tau_ij                       the exporter's receipts
    sum_j S_ij = Y_i                           market clearing: i's output
    E_j = A_j / (1 - sum_i s_ij (1 - 1/tau_ij)) spending incl. tariffs, A_j: absorption net of
                                               tariff revenue, s_ij = X_ij / E_j

``B_i = (beta_i p_i)^(1-sigma)``. The outward multilateral resistance (OMR) is defined by
``Pi_i^(1-sigma) = (Y_i / Y) / B_i`` with ``Y`` world output, which is Anderson-van Wincoop's
``sum_j (t_ij / P_j)^(1-sigma) E_j / Y`` when there are no tariffs.

* **Baseline**: given data ``Y_i``, expenditure shares ``e_j`` (``A_j = e_j Y``), costs and
  tariffs, solve for ``B`` (that is, the multilateral resistances).
* **Conditional GE**: new costs and tariffs, ``Y`` and ``A`` held fixed; ``B`` adjusts.
* **Full endowment GE**: factory-gate prices ``p_i`` adjust (``B'_i = B_i p_i^(1-sigma)``),
  output ``Y'_i = p_i Y_i``, absorption ``A'_j = phi_j Y'_j kappa`` with ``phi_j = A_j / Y_j``
  from the baseline and ``kappa = sum Y' / sum phi Y'`` so that world spending equals world
  output (imbalances stay proportional, as in the Advanced Guide's ``E_j = phi_j Y_j``).

All three are one problem: find ``q`` (log prices) so that every market clears, with the
reference importer's IMR fixed at 1. Newton's method on ``log(sales / target)`` with the analytic
Jacobian and a backtracking line search; the unknowns are logs, so prices and resistances are
positive by construction, and the solver raises instead of returning an unconverged answer.
Arrays carry a leading batch axis (sectors, or Monte Carlo draws): shapes ``(b, n)`` and
``(b, n, n)`` with exporters on axis 1 and importers on axis 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from thaw.errors import ModelInputError, NonConvergenceError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Income = Literal["fixed", "endowment"]

SIGMA_MIN = 1.01
"""The smallest elasticity of substitution the solver accepts. As ``sigma -> 1`` the trade costs
implied by given cost weights, ``t = T^(1/(1-sigma))``, and the price-index levels
``P = (P^(1-sigma))^(1/(1-sigma))`` grow without bound: on gegravity's 2006 sample the IMR
levels span 1e-10 to 6e61 at sigma 1.01 and overflow float64 at sigma 1.001 (``log P`` about
1,400). Changes are computed in logs, so they stay accurate down to this bound; above it a level
that still overflows is refused (``ModelInputError``), never returned."""


@dataclass(frozen=True)
class MarketSolution:
    """A solved market-clearing problem. ``q``: log prices (endowment) or log ``B / B0``-type
    multipliers divided by ``1 - sigma`` (fixed income); ``shares``, ``sales``, ``spending``
    (``E``), ``price_index`` (``P^(1-sigma)``) at the solution; diagnostics."""

    q: FloatArray
    shares: FloatArray
    sales: FloatArray
    spending: FloatArray
    absorption: FloatArray
    price_index: FloatArray
    log_index: FloatArray
    iterations: int
    max_residual: float


def _state(
    q: FloatArray,
    log_weights: FloatArray,
    tau: FloatArray,
    one_minus_sigma: FloatArray,
    output: FloatArray,
    phi: FloatArray,
    income: Income,
) -> tuple[FloatArray, ...]:
    """Shares, price index, absorption, spending, receipts and targets at log prices ``q``."""
    power = one_minus_sigma[:, None] * q  # (b, n)
    log_g = log_weights + power[:, :, None]
    top = log_g.max(axis=1, keepdims=True)
    g = np.exp(log_g - top)
    col = g.sum(axis=1, keepdims=True)
    shares = g / col  # (b, n_exp, n_imp), columns sum to 1
    log_index = np.log(col[:, 0, :]) + top[:, 0, :]  # log P_j^(1-sigma)
    rho = 1.0 - 1.0 / tau
    tariff_share = np.einsum("bij,bij->bj", shares, rho)
    if income == "endowment":
        value = output * np.exp(q)
        absorption = phi * value * (value.sum(axis=1) / (phi * value).sum(axis=1))[:, None]
        target = value
    else:
        absorption = phi * output.sum(axis=1, keepdims=True)  # phi = expenditure shares
        target = output
    spending = absorption / (1.0 - tariff_share)
    receipts = shares * (spending / 1.0)[:, None, :] / tau
    sales = receipts.sum(axis=2)
    return shares, log_index, absorption, spending, receipts, sales, target, rho, tariff_share


def _jacobian(
    q: FloatArray,
    shares: FloatArray,
    receipts: FloatArray,
    sales: FloatArray,
    rho: FloatArray,
    tariff_share: FloatArray,
    one_minus_sigma: FloatArray,
    output: FloatArray,
    phi: FloatArray,
    income: Income,
) -> FloatArray:
    """d log(sales_i / target_i) / d q_k, shape ``(b, n, n)`` (see module docstring)."""
    b, n = q.shape
    a = one_minus_sigma[:, None, None]
    # d log E_j / d q_k = d log A_j / d q_k + (1-sigma) s_kj (rho_kj - r_j) / (1 - r_j)
    m = np.swapaxes(shares * (rho - tariff_share[:, None, :]), 1, 2)  # (b, j, k)
    d_spend = a * m / (1.0 - tariff_share)[:, :, None]
    eye = np.broadcast_to(np.eye(n), (b, n, n))
    if income == "endowment":
        value = output * np.exp(q)
        w_y = value / value.sum(axis=1, keepdims=True)
        w_a = phi * value / (phi * value).sum(axis=1, keepdims=True)
        d_spend = d_spend + eye + (w_y - w_a)[:, None, :]
    # d sales_i / d q_k = (1-sigma) (delta_ik sales_i - sum_j S_ij s_kj) + sum_j S_ij dlogE_jk
    d_sales = a * (eye * sales[:, :, None] - receipts @ np.swapaxes(shares, 1, 2))
    d_sales = d_sales + receipts @ d_spend
    jac = d_sales / sales[:, :, None]
    if income == "endowment":
        jac = jac - eye
    return jac


def _sinkhorn_start(
    weights: FloatArray,
    tau: FloatArray,
    one_minus_sigma: FloatArray,
    output: FloatArray,
    shares: FloatArray,
    sweeps: int = 8,
) -> FloatArray:
    """A starting point for the fixed-income problem: a few alternating (Sinkhorn) updates of
    the demand shifters ``B`` and the price indexes, ignoring tariff revenue (Newton corrects)."""
    world = output.sum(axis=1, keepdims=True)
    receipts_w = weights / tau  # receipts per unit of B and spending / P^(1-sigma)
    b_shift = np.ones_like(output)
    for _ in range(sweeps):
        index = np.einsum("bij,bi->bj", weights, b_shift)
        b_shift = output / np.einsum("bij,bj->bi", receipts_w, shares * world / index)
    return np.asarray(np.log(b_shift) / one_minus_sigma[:, None], dtype=np.float64)


CHUNK_BYTES = 4_000_000  # batch members solved together: about this much per (b, n, n) array


def clear_markets(
    weights: FloatArray,
    tau: FloatArray,
    sigma: FloatArray,
    output: FloatArray,
    phi: FloatArray,
    reference: int,
    *,
    income: Income,
    q0: FloatArray | None = None,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> MarketSolution:
    """Find log prices ``q`` ``(b, n)`` clearing every market, with the reference importer's
    price index ``sum_i weights_i,ref exp((1-sigma) q_i)`` equal to 1.

    ``weights`` ``(b, n, n)`` > 0: demand weights (``B_i W_ij``); ``tau`` tariff factors >= 1;
    ``sigma`` ``(b,)`` >= :data:`SIGMA_MIN`; ``output`` ``(b, n)`` > 0: ``Y_i`` (fixed income)
    or baseline ``Y_i`` (endowment); ``phi``: expenditure shares (fixed) or absorption/output ratios
    (endowment). ``tol`` bounds the largest ``|log(sales / target)|``. Large batches are solved
    in chunks whose arrays stay in the CPU cache (measured: faster than one huge batch).
    """
    b, n = output.shape
    chunk = max(1, CHUNK_BYTES // (8 * n * n))
    sig = np.broadcast_to(np.asarray(sigma, dtype=np.float64), (b,))
    parts = [
        _clear_markets(
            weights[k : k + chunk],
            tau[k : k + chunk],
            sig[k : k + chunk],
            output[k : k + chunk],
            phi[k : k + chunk],
            reference,
            income=income,
            q0=None if q0 is None else q0[k : k + chunk],
            tol=tol,
            max_iter=max_iter,
        )
        for k in range(0, b, chunk)
    ]
    if len(parts) == 1:
        return parts[0]
    return MarketSolution(
        q=np.concatenate([p.q for p in parts]),
        shares=np.concatenate([p.shares for p in parts]),
        sales=np.concatenate([p.sales for p in parts]),
        spending=np.concatenate([p.spending for p in parts]),
        absorption=np.concatenate([p.absorption for p in parts]),
        price_index=np.concatenate([p.price_index for p in parts]),
        log_index=np.concatenate([p.log_index for p in parts]),
        iterations=max(p.iterations for p in parts),
        max_residual=max(p.max_residual for p in parts),
    )


def _clear_markets(
    weights: FloatArray,
    tau: FloatArray,
    sigma: FloatArray,
    output: FloatArray,
    phi: FloatArray,
    reference: int,
    *,
    income: Income,
    q0: FloatArray | None = None,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> MarketSolution:
    """One chunk of :func:`clear_markets` (same arguments)."""
    b, n = output.shape
    one_minus_sigma = 1.0 - np.asarray(sigma, dtype=np.float64)
    if weights.shape != (b, n, n) or tau.shape != (b, n, n):
        raise ModelInputError(f"weights and tariffs must have shape {(b, n, n)}")
    if not (np.all(np.isfinite(weights)) and np.all(weights > 0)):
        raise ModelInputError("trade cost weights must be finite and > 0 for every pair")
    if np.any(~(tau >= 1.0)):
        raise ModelInputError("tariff factors (1 + rate) must be >= 1")
    if np.any(~(output > 0)) or np.any(~(phi > 0)):
        raise ModelInputError("output and expenditure must be > 0 for every economy")
    if np.any(~(np.asarray(sigma) >= SIGMA_MIN)):
        raise ModelInputError(
            f"sigma must be >= {SIGMA_MIN} (got {float(np.min(sigma)):g}): as sigma -> 1 the "
            "price-index levels (sum ...)^(1/(1-sigma)) and the trade costs implied by the cost "
            "coefficients grow without bound and overflow; use sigma >= "
            f"{SIGMA_MIN} (a near-Cobb-Douglas economy)"
        )
    log_weights = np.log(weights)
    if q0 is not None:
        q = q0.copy()
    elif income == "fixed":
        q = _sinkhorn_start(weights, tau, one_minus_sigma, output, phi)
    else:
        q = np.zeros((b, n))

    def residual(q: FloatArray, idx: IntArray) -> tuple[FloatArray, tuple[FloatArray, ...]]:
        """Residuals and state of batch members ``idx`` at their log prices ``q`` (a trial
        point that under- or overflows gets a non-finite residual: the line search rejects it
        and the final check refuses it)."""
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            st = _state(
                q, log_weights[idx], tau[idx], one_minus_sigma[idx], output[idx], phi[idx], income
            )
            sales, target, log_index = st[5], st[6], st[1]
            f = np.log(sales) - np.log(target)
        f[:, reference] = log_index[:, reference]  # normalisation: P_ref = 1
        return f, st

    everyone = np.arange(b)
    f, st = residual(q, everyone)
    iterations = 0
    # Newton steps for the members not yet converged only (each converges at its own pace)
    active = np.flatnonzero(np.max(np.abs(f), axis=1) > tol)
    st_active = tuple(x[active] for x in st)
    while active.size and iterations < max_iter:
        shares, _, _, _, receipts, sales, _, rho, tshare = st_active
        oms = one_minus_sigma[active]
        jac = _jacobian(
            q[active],
            shares,
            receipts,
            sales,
            rho,
            tshare,
            oms,
            output[active],
            phi[active],
            income,
        )
        jac[:, reference, :] = oms[:, None] * shares[:, :, reference]
        f_act = f[active]
        try:
            step = np.linalg.solve(jac, -f_act[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            raise NonConvergenceError(
                "the market-clearing Jacobian is singular: check for economies with no trade",
                iterations=iterations,
                max_residual=float(np.max(np.abs(f))),
            ) from None
        norm0 = np.sqrt((f_act**2).sum(axis=1))
        t = np.ones(active.size)
        for _ in range(30):  # backtracking, per batch member
            trial = q[active] + t[:, None] * step
            f_new, st_new = residual(trial, active)
            norm1 = np.sqrt((f_new**2).sum(axis=1))
            bad = ~(norm1 <= (1 - 1e-4 * t) * norm0)
            if not bad.any():
                break
            t = np.where(bad, t / 2, t)
        q[active], f[active] = trial, f_new
        iterations += 1
        still = np.max(np.abs(f_new), axis=1) > tol
        active = active[still]
        st_active = tuple(x[still] for x in st_new)
    worst = float(np.max(np.abs(f)))
    if not np.isfinite(worst) or worst > tol:
        raise NonConvergenceError(
            f"markets did not clear to tol={tol:g} within {max_iter} Newton steps (largest "
            f"log residual {worst:.3g}); check the data for economies without trade",
            iterations=iterations,
            max_residual=worst,
        )
    f, st = residual(q, everyone)
    shares, log_index, absorption, spending, _, sales, _, _, _ = st
    return MarketSolution(
        q=q,
        shares=shares,
        sales=sales,
        spending=spending,
        absorption=absorption,
        price_index=np.exp(log_index),
        log_index=log_index,
        iterations=iterations,
        max_residual=worst,
    )


@dataclass(frozen=True)
class GEState:
    """An equilibrium in levels. Shapes ``(b, n)`` unless noted.

    ``price``: factory-gate prices (baseline 1); ``output`` ``Y``; ``spending`` ``E`` (incl.
    tariffs); ``absorption`` (``E`` less tariff revenue); ``imr`` ``P`` and ``omr`` ``Pi``
    (not raised to ``1 - sigma``) and their logs ``log_imr``, ``log_omr`` (what changes are
    computed from); ``trade`` ``(b, n, n)`` consumer values ``X``; ``receipts``
    ``(b, n, n)`` the exporters' values ``X / tau``; ``tariff_revenue``.
    """

    price: FloatArray
    output: FloatArray
    spending: FloatArray
    absorption: FloatArray
    imr: FloatArray
    omr: FloatArray
    trade: FloatArray
    receipts: FloatArray
    tariff_revenue: FloatArray
    iterations: int
    max_residual: float
    log_imr: FloatArray
    log_omr: FloatArray


@dataclass(frozen=True)
class GEBaseline:
    """The calibrated baseline: its state plus what counterfactuals hold fixed."""

    state: GEState
    demand_shifter: FloatArray  # B_i = (beta_i p_i)^(1-sigma), (b, n)
    trade_cost: FloatArray  # T = t^(1-sigma), (b, n, n)
    tau: FloatArray  # (b, n, n)
    sigma: FloatArray  # (b,)
    phi: FloatArray  # absorption / output, (b, n)
    reference: int


def _levels(
    sol: MarketSolution,
    sigma: FloatArray,
    output: FloatArray,
    demand_shifter: FloatArray,
    tau: FloatArray,
    price: FloatArray,
) -> GEState:
    """Levels at a solution; resistances from their logs (``log P = log P^(1-sigma) /
    (1-sigma)``), and every array checked finite: an overflow is refused, not returned."""
    one_minus_sigma = (1.0 - sigma)[:, None]
    world = output.sum(axis=1, keepdims=True)
    trade = sol.shares * sol.spending[:, None, :]
    receipts = trade / tau
    log_imr = sol.log_index / one_minus_sigma
    log_omr = (np.log(output / world) - np.log(demand_shifter)) / one_minus_sigma
    with np.errstate(over="ignore"):
        state = GEState(
            price=price,
            output=output,
            spending=sol.spending,
            absorption=sol.absorption,
            imr=np.exp(log_imr),
            omr=np.exp(log_omr),
            trade=trade,
            receipts=receipts,
            tariff_revenue=(trade - receipts).sum(axis=1),
            iterations=sol.iterations,
            max_residual=sol.max_residual,
            log_imr=log_imr,
            log_omr=log_omr,
        )
    for name in ("price", "output", "spending", "imr", "omr", "trade", "tariff_revenue"):
        values = getattr(state, name)
        if not np.all(np.isfinite(values)):
            raise ModelInputError(
                f"the equilibrium's {name} is not finite (largest log IMR "
                f"{float(np.max(np.abs(log_imr))):.3g}): sigma {float(np.min(sigma)):g} is too "
                "close to 1 for these trade costs (the price-index levels overflow); raise sigma "
                "or check the cost variables for extreme values"
            )
    return state


def _batch(sigma: npt.ArrayLike, b: int) -> FloatArray:
    return np.broadcast_to(np.asarray(sigma, dtype=np.float64), (b,)).copy()


def solve_baseline(
    trade_cost: FloatArray,
    output: FloatArray,
    expenditure: FloatArray,
    sigma: npt.ArrayLike,
    reference: int,
    tau: FloatArray | None = None,
    *,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> GEBaseline:
    """Calibrate the baseline: multilateral resistances for trade costs ``trade_cost``
    (``t^(1-sigma)``, ``(b, n, n)``), output ``(b, n)``, expenditure ``(b, n)`` (only its shares
    matter: absorption is ``share x world output``), with ``P_ref = 1``."""
    b, n = output.shape
    tau = np.ones((b, n, n)) if tau is None else tau
    sig = _batch(sigma, b)
    shares = expenditure / expenditure.sum(axis=1, keepdims=True)
    weights = trade_cost * tau ** (1.0 - sig)[:, None, None]
    sol = clear_markets(
        weights, tau, sig, output, shares, reference, income="fixed", tol=tol, max_iter=max_iter
    )
    demand_shifter = np.exp((1.0 - sig)[:, None] * sol.q)
    state = _levels(sol, sig, output, demand_shifter, tau, np.ones((b, n)))
    return GEBaseline(
        state=state,
        demand_shifter=demand_shifter,
        trade_cost=trade_cost,
        tau=tau,
        sigma=sig,
        phi=state.absorption / output,
        reference=reference,
    )


def solve_counterfactual(
    baseline: GEBaseline,
    trade_cost: FloatArray | None = None,
    tau: FloatArray | None = None,
    *,
    closure: Literal["full", "conditional"] = "full",
    tol: float = 1e-12,
    max_iter: int = 100,
) -> GEState:
    """The equilibrium with new trade costs and/or tariffs (defaults: the baseline's).

    ``full``: endowment economy, factory-gate prices adjust. ``conditional``: output and
    absorption fixed at the baseline, only the multilateral resistances adjust.
    """
    t1 = baseline.trade_cost if trade_cost is None else trade_cost
    tau1 = baseline.tau if tau is None else tau
    sig = baseline.sigma
    base = baseline.state
    w1 = t1 * tau1 ** (1.0 - sig)[:, None, None]
    if closure == "conditional":
        shares = base.absorption / base.absorption.sum(axis=1, keepdims=True)
        q0 = np.log(baseline.demand_shifter) / (1.0 - sig)[:, None]
        sol = clear_markets(
            w1,
            tau1,
            sig,
            base.output,
            shares,
            baseline.reference,
            income="fixed",
            q0=q0,
            tol=tol,
            max_iter=max_iter,
        )
        shifter = np.exp((1.0 - sig)[:, None] * sol.q)
        return _levels(sol, sig, base.output, shifter, tau1, np.ones_like(base.output))
    if closure != "full":
        raise ValueError("closure must be 'full' or 'conditional'")
    weights = baseline.demand_shifter[:, :, None] * w1
    sol = clear_markets(
        weights,
        tau1,
        sig,
        base.output,
        baseline.phi,
        baseline.reference,
        income="endowment",
        tol=tol,
        max_iter=max_iter,
    )
    price = np.exp(sol.q)
    shifter = baseline.demand_shifter * price ** (1.0 - sig)[:, None]
    return _levels(sol, sig, base.output * price, shifter, tau1, price)


@dataclass(frozen=True)
class GEOutcome:
    """Changes by economy (percent, shape ``(n,)``), summed over sectors where that is
    meaningful; see :func:`economy_changes` for the definitions."""

    factory_gate_price: FloatArray
    imr: FloatArray
    omr: FloatArray
    real_gdp: FloatArray
    welfare: FloatArray
    terms_of_trade: FloatArray
    export_price: FloatArray
    import_price: FloatArray
    output: FloatArray
    foreign_exports: FloatArray
    foreign_imports: FloatArray
    intranational_trade: FloatArray
    tariff_revenue: FloatArray  # change in levels, data units
    trade: FloatArray  # (n, n) percent change of each pair's trade (exporter receipts)


def trade_price_indexes(
    base_receipts: FloatArray, price_ratio: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Laspeyres export and import price indexes at world prices, by economy ``(n,)``.

    ``base_receipts`` ``(b, n, n)``: baseline foreign trade at exporters' values (tariff
    exclusive, so the weights are world-price values); ``price_ratio`` ``(b, n)``: each sector's
    new over baseline factory-gate price. With iceberg trade costs an exporter's world (f.o.b.)
    price is its factory-gate price on every route, so

        PX_i = sum_{s, j != i} S0_sij (p1_si / p0_si) / sum_{s, j != i} S0_sij
        PM_j = sum_{s, k != j} S0_skj (p1_sk / p0_sk) / sum_{s, k != j} S0_skj

    (own trade excluded; tariffs never enter: they are a wedge, not a world price).
    """
    n = base_receipts.shape[1]
    foreign = base_receipts * (~np.eye(n, dtype=bool))
    exports = foreign.sum(axis=(0, 2))
    imports = foreign.sum(axis=(0, 1))
    if np.any(~(exports > 0)) or np.any(~(imports > 0)):
        raise ModelInputError(
            "an economy has no foreign trade: its trade price indexes are undefined"
        )
    px = np.einsum("bij,bi->i", foreign, price_ratio) / exports
    pm = np.einsum("bij,bi->j", foreign, price_ratio) / imports
    return np.asarray(px, dtype=np.float64), np.asarray(pm, dtype=np.float64)


def economy_changes(base: GEState, new: GEState) -> GEOutcome:
    """Percent changes from ``base`` to ``new`` by economy.

    With several sectors (batch axis), sectors are aggregated with a Cobb-Douglas upper tier
    whose weights are the baseline expenditure shares of the sectors: the consumer price index
    is ``prod_s P_s^alpha_s``; factory-gate prices are output-weighted. Definitions follow the
    Advanced Guide: real GDP ``Y / P``; welfare: real expenditure ``E / P`` (with tariff
    revenue); foreign exports and imports exclude own trade; trade at exporters' values.
    Price indexes are aggregated in logs, so changes stay accurate when the levels are huge.

    Terms of trade: ``PX / PM``, the Laspeyres export price index over the Laspeyres import
    price index, both at world (tariff-exclusive) prices with baseline foreign-trade weights
    (:func:`trade_price_indexes`). It does not depend on the normalisation (scaling every price
    leaves it unchanged). gegravity's "terms of trade" ``p / P`` is not reported: in one sector
    it equals real GDP per unit of output.
    """
    alpha = base.spending / base.spending.sum(axis=0, keepdims=True)
    log_p0 = (alpha * base.log_imr).sum(axis=0)
    log_p1 = (alpha * new.log_imr).sum(axis=0)
    y0, y1 = base.output.sum(axis=0), new.output.sum(axis=0)
    e0, e1 = base.spending.sum(axis=0), new.spending.sum(axis=0)
    w_out = base.output / base.output.sum(axis=0, keepdims=True)
    price = (w_out * new.price / base.price).sum(axis=0)
    log_omr = (w_out * (new.log_omr - base.log_omr)).sum(axis=0)
    px, pm = trade_price_indexes(base.receipts, new.price / base.price)
    n = base.output.shape[1]
    foreign = ~np.eye(n, dtype=bool)
    x0, x1 = base.receipts.sum(axis=0), new.receipts.sum(axis=0)

    def pct(a: FloatArray, b: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100.0 * (b / a - 1.0)

    def pct_log(d: FloatArray) -> FloatArray:
        with np.errstate(over="ignore"):
            return np.asarray(100.0 * np.expm1(d), dtype=np.float64)

    out = GEOutcome(
        factory_gate_price=100.0 * (price - 1.0),
        imr=pct_log(log_p1 - log_p0),
        omr=pct_log(log_omr),
        real_gdp=pct_log(np.log(y1 / y0) - (log_p1 - log_p0)),
        welfare=pct_log(np.log(e1 / e0) - (log_p1 - log_p0)),
        terms_of_trade=pct(pm, px),
        export_price=100.0 * (px - 1.0),
        import_price=100.0 * (pm - 1.0),
        output=pct(y0, y1),
        foreign_exports=pct((x0 * foreign).sum(axis=1), (x1 * foreign).sum(axis=1)),
        foreign_imports=pct((x0 * foreign).sum(axis=0), (x1 * foreign).sum(axis=0)),
        intranational_trade=pct(np.diag(x0), np.diag(x1)),
        tariff_revenue=(new.tariff_revenue - base.tariff_revenue).sum(axis=0),
        trade=pct(x0, x1),
    )
    for name, values in vars(out).items():
        if not np.all(np.isfinite(values)):
            raise ModelInputError(
                f"the change in {name} is not finite for economy "
                f"{int(np.argwhere(~np.isfinite(np.atleast_1d(values)))[0][0])}: an economy "
                "has no trade in the baseline, or the shock is too large for sigma "
                "(the change overflows)"
            )
    return out
