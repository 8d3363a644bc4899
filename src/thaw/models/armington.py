"""Exact multi-market Armington model (levels, not linearised).

For each product and importing market v: CES demand over sources with substitution elasticity
``sigma_v`` inside a composite whose demand has constant elasticity ``E_m,v`` (<= 0):

    q_rv = q0_rv (p_rv / p0_rv)^(-sigma_v) (P_v / P0_v)^(sigma_v + E_m,v)
    P_v / P0_v = ( sum_r theta_rv (p_rv / p0_rv)^(1 - sigma_v) )^(1 / (1 - sigma_v))

with ``p_rv = (1 + t_rv) p*_r`` and ``theta`` baseline expenditure shares at internal prices.
Each exporter supplies ``S_r = S0_r (p*_r)^(E_x,r)``; world prices ``p*`` (baseline 1) clear
``sum_v q_rv = S_r``. Solved by Newton's method in log world prices with the analytic Jacobian
(solved directly product block by product block inside each step, in single precision; GMRES
for products with very many suppliers: :mod:`thaw.models._linear`) and a backtracking line
search. Prices stay
positive and quantities positive by construction, so the model stays meaningful for the large
shocks of the dispute (100% surtaxes, a 75.8% deposit).

Its first-order approximation at the baseline is GSIM (Francois & Hall 2003): for small shocks
the two agree to second order in the shock (tested).

Welfare is measured exactly for these constant-elasticity curves:
consumer surplus ``-R_v ((P_v/P0_v)^(1 + E_m) - 1) / (1 + E_m)`` (``-R_v log(P_v/P0_v)`` when
E_m = -1); producer surplus ``S_r ((p*_r)^(1 + E_x) - 1) / (1 + E_x)``; tariff revenue at world
prices.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from thaw.errors import InfeasibleSolutionError, NonConvergenceError
from thaw.models._linear import Jacobian, solve_prepared
from thaw.models.problem import FloatArray, IntArray, PEProblem, segment_sum
from thaw.models.solution import PESolution


class _Constants:
    """Per-flow quantities that do not change during a solve."""

    def __init__(self, problem: PEProblem) -> None:
        self.problem = problem
        t0, t1 = problem.tariff0, problem.tariff1
        changed = np.flatnonzero(t1 != t0)  # log(1) = 0 needs no logarithm
        self.changed = changed
        self.rel_tariff = (1.0 + t1[changed]) / (1.0 + t0[changed])  # of the changed flows
        self.log_rel_tariff = np.zeros(t0.size)
        self.log_rel_tariff[changed] = np.log(self.rel_tariff)
        self.coupling_m = problem.sigma_m + problem.import_demand_m
        self.sigma = problem.sigma_f
        self.one_minus_sigma = 1.0 - problem.sigma_f
        self.coupling = problem.coupling_f
        self.unit = np.isclose(problem.sigma_m, 1.0)
        self.any_unit = bool(self.unit.any())
        self.safe_div = np.where(self.unit, 1.0, 1.0 - problem.sigma_m)
        self._order: tuple[IntArray, IntArray, FloatArray] | None = None

    def order(self) -> tuple[IntArray, IntArray, FloatArray]:
        """Flows sorted by market, each market's first sorted position and log theta (built on
        demand: only prohibitive price changes need them)."""
        if self._order is None:
            market = self.problem.market
            order = np.argsort(market, kind="stable")
            starts = np.flatnonzero(np.r_[True, np.diff(market[order]) != 0])
            self._order = (order, starts, np.log(self.problem.theta0))
        return self._order


#: Markets whose sum of ``theta rho^(1 - sigma)`` lies in this range are aggregated directly;
#: beyond it (a prohibitive price change), shifted by each market's largest term.
_SAFE_SUM = (1e-280, 1e280)


class _Work:
    """Per-flow arrays of one state, allocated once per solve and reused by every evaluation
    (fresh arrays of millions of flows cost page faults each time)."""

    def __init__(self, n: int) -> None:
        self.log_rho = np.empty(n)
        self.shares = np.empty(n)
        self.log_q = np.empty(n)
        self.quantity = np.empty(n)


def _state(
    problem: PEProblem, c: _Constants, log_p: FloatArray, work: _Work
) -> dict[str, FloatArray]:
    """Quantities and prices at log world prices ``log_p`` (per supplier), written into
    ``work``'s arrays (returned by name). With ``rho`` a flow's relative internal price and
    ``P`` its market's price index (relative to the baseline), the CES sum ``sum theta
    rho^(1 - sigma)`` gives ``P`` and the shares, and ``q = q0 rho^(-sigma) P^(sigma + E_m)``
    is formed as ``q0 rho^(1 - sigma) / rho`` times the market's ``P^(sigma + E_m)``: one
    exponential per flow."""
    market, n_m, supplier = problem.market, problem.n_markets, problem.supplier
    log_rho = np.take(log_p, supplier, out=work.log_rho, mode="clip")  # log relative price
    log_rho += c.log_rel_tariff
    power = np.multiply(c.one_minus_sigma, log_rho, out=work.shares)
    np.exp(power, out=power)  # rho^(1 - sigma)
    rho = np.take(np.exp(log_p), supplier, out=work.quantity, mode="clip")
    rho[c.changed] *= c.rel_tariff
    quantity = np.divide(power, rho, out=work.quantity)  # rho^(-sigma)
    quantity *= problem.value
    shares = power
    shares *= problem.theta0  # theta rho^(1 - sigma)
    acc = segment_sum(shares, market, n_m)
    if np.all((acc > _SAFE_SUM[0]) & (acc < _SAFE_SUM[1])):
        log_sum = np.log(acc)
        shares /= np.take(acc, market, out=work.log_q, mode="clip")
        log_pi = log_sum / c.safe_div
        if c.any_unit:
            geometric = segment_sum(problem.theta0 * log_rho, market, n_m)
            log_pi = np.where(c.unit, geometric, log_pi)
        index_term = np.exp(c.coupling_m * log_pi)  # P^(sigma + E_m), per market
        quantity *= np.take(index_term, market, out=work.log_q, mode="clip")
    else:  # in logs, shifted by each market's maximum, so that no term overflows
        order, starts, log_theta = c.order()
        z = c.one_minus_sigma * log_rho + log_theta
        zmax = np.maximum.reduceat(z[order], starts)
        acc = segment_sum(np.exp(z - zmax[market]), market, n_m)
        log_sum = zmax + np.log(acc)
        np.exp(z - log_sum[market], out=shares)
        log_pi = log_sum / c.safe_div
        if c.any_unit:
            geometric = segment_sum(problem.theta0 * log_rho, market, n_m)
            log_pi = np.where(c.unit, geometric, log_pi)
        log_q = np.take(log_pi, market, out=work.log_q, mode="clip")
        log_q *= c.coupling
        log_q -= c.sigma * log_rho
        np.exp(log_q, out=quantity)
        quantity *= problem.value
    demand = segment_sum(quantity, supplier, problem.n_suppliers)
    return {
        "log_rho": log_rho,
        "log_pi": log_pi,
        "quantity": quantity,
        "demand": demand,
        "shares": shares,  # current market shares, for the Jacobian
    }


def _residual(problem: PEProblem, log_p: FloatArray, st: dict[str, FloatArray]) -> FloatArray:
    """log demand - log supply per supplier (0 at the solution); 0 for fixed-price suppliers."""
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    res = np.log(st["demand"]) - np.log(problem.sales0)
    res[finite] -= ex[finite] * log_p[finite]
    res[~finite] = 0.0
    return res


#: Precision of the Newton steps' direct block solves: single precision halves their cost, and
#: an inexact step changes neither the convergence test (on the exact residual) nor the answer.
NEWTON_BLOCKS: type[np.floating[Any]] = np.float32


def solve_armington(problem: PEProblem, *, tol: float = 1e-10, max_iter: int = 100) -> PESolution:
    """Solve the exact model for every product at once.

    ``tol`` bounds ``|log demand - log supply|`` for every exporter (a relative error);
    ``max_iter`` bounds Newton steps. Raises :class:`NonConvergenceError` if not met.
    """
    if not tol > 0 or max_iter < 1:
        raise ValueError(f"tol must be > 0 and max_iter >= 1 (got {tol}, {max_iter})")
    free = np.flatnonzero(np.isfinite(problem.export_supply_s))
    log_p = np.zeros(problem.n_suppliers)
    consts = _Constants(problem)
    work, spare = _Work(problem.value.size), _Work(problem.value.size)
    ex = problem.export_supply_s
    st = _state(problem, consts, log_p, work)
    res = _residual(problem, log_p, st)
    max_res = float(np.max(np.abs(res))) if res.size else 0.0
    iterations = 0
    while max_res > tol and iterations < max_iter:
        iterations += 1
        # the Jacobian at this state (as prepare_jacobian), in the spare state's arrays: the
        # trial state overwrites them only once the step is solved
        weights, scratch = spare.log_q, spare.quantity
        np.take(st["demand"], problem.supplier, out=weights, mode="clip")
        np.divide(st["quantity"], weights, out=weights)  # each flow's share of its supplier
        np.multiply(weights, problem.sigma_f, out=scratch)
        own = segment_sum(scratch, problem.supplier, problem.n_suppliers)
        own[free] += ex[free]
        coupled = np.multiply(weights, problem.coupling_f, out=weights)
        jac = Jacobian(own=own, coupled=coupled, shares=st["shares"])
        step, _, _ = solve_prepared(
            problem, jac, -res, free, tol=1e-12, max_iter=500, block_dtype=NEWTON_BLOCKS
        )
        # backtracking line search on the largest residual
        alpha = 1.0
        while True:
            trial = log_p + alpha * step
            st_trial = _state(problem, consts, trial, spare)
            res_trial = _residual(problem, trial, st_trial)
            trial_max = float(np.max(np.abs(res_trial)))
            if np.isfinite(trial_max) and (trial_max < max_res or alpha < 1e-4):
                break
            alpha *= 0.5
        log_p, st, res, max_res = trial, st_trial, res_trial, trial_max
        work, spare = spare, work
    if not max_res <= tol:
        raise NonConvergenceError(
            f"exact Armington model did not clear markets to tol={tol:g} in {iterations} "
            f"Newton steps (largest residual {max_res:.3g}); raise max_iter or check elasticities",
            iterations=iterations,
            max_residual=max_res,
        )
    p_star = np.exp(log_p)
    if not (np.all(np.isfinite(p_star)) and np.all(p_star > 0) and np.all(st["quantity"] >= 0)):
        raise InfeasibleSolutionError("exact model reached a non-positive price or quantity")
    p_flow = p_star[problem.supplier]
    value1 = st["quantity"] * p_flow
    internal_change = p_flow  # (1 + t1) / (1 + t0) p* - 1, in place
    internal_change[consts.changed] *= consts.rel_tariff
    internal_change -= 1.0
    pi_ratio = np.exp(st["log_pi"])
    e_m = problem.import_demand_m
    unit_m = np.isclose(e_m, -1.0)
    cs_integral = np.where(
        unit_m,
        st["log_pi"],
        (pi_ratio ** (1.0 + e_m) - 1.0) / np.where(unit_m, 1.0, 1.0 + e_m),
    )
    e_x = problem.export_supply_s
    finite = np.isfinite(e_x)
    ps_integral = np.zeros(problem.n_suppliers)
    ps_integral[finite] = (p_star[finite] ** (1.0 + e_x[finite]) - 1.0) / (1.0 + e_x[finite])
    return PESolution(
        model="armington",
        quantity_change=st["quantity"] / problem.value - 1.0,
        value1=value1,
        internal_price_change=internal_change,
        price_index_change=pi_ratio - 1.0,
        consumer_surplus=-problem.expenditure0 * cs_integral,
        tariff_revenue0=segment_sum(
            problem.tariff0 * problem.value, problem.market, problem.n_markets
        ),
        tariff_revenue1=segment_sum(problem.tariff1 * value1, problem.market, problem.n_markets),
        world_price_change=p_star - 1.0,
        producer_surplus=problem.sales0 * ps_integral,
        converged=True,
        iterations=iterations,
        max_residual=max_res,
    )
