"""Exact multi-market Armington model (levels, not linearised).

For each product and importing market v: CES demand over sources with substitution elasticity
``sigma_v`` inside a composite whose demand has constant elasticity ``E_m,v`` (<= 0):

    q_rv = q0_rv (p_rv / p0_rv)^(-sigma_v) (P_v / P0_v)^(sigma_v + E_m,v)
    P_v / P0_v = ( sum_r theta_rv (p_rv / p0_rv)^(1 - sigma_v) )^(1 / (1 - sigma_v))

with ``p_rv = (1 + t_rv) p*_r`` and ``theta`` baseline expenditure shares at internal prices.
Each exporter supplies ``S_r = S0_r (p*_r)^(E_x,r)``; world prices ``p*`` (baseline 1) clear
``sum_v q_rv = S_r``. Solved by Newton's method in log world prices with the analytic Jacobian
(applied matrix-free, GMRES inside each step) and a backtracking line search. Prices stay
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

from dataclasses import dataclass

import numpy as np

from thaw.errors import InfeasibleSolutionError, NonConvergenceError
from thaw.models._linear import solve_jacobian
from thaw.models.problem import FloatArray, IntArray, PEProblem, segment_sum
from thaw.models.solution import PESolution


@dataclass(frozen=True, slots=True)
class _Constants:
    """Per-flow quantities that do not change during a solve."""

    log_rel_tariff: FloatArray
    log_theta: FloatArray
    sigma: FloatArray
    coupling: FloatArray
    order: IntArray  # flows sorted by market
    starts: IntArray  # first sorted position of each market

    @classmethod
    def of(cls, problem: PEProblem) -> _Constants:
        order = np.argsort(problem.market, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(problem.market[order]) != 0])
        return cls(
            log_rel_tariff=np.log1p(problem.tariff1) - np.log1p(problem.tariff0),
            log_theta=np.log(problem.theta0),
            sigma=problem.sigma_m[problem.market],
            coupling=(problem.sigma_m + problem.import_demand_m)[problem.market],
            order=order,
            starts=starts,
        )


def _state(problem: PEProblem, c: _Constants, log_p: FloatArray) -> dict[str, FloatArray]:
    """Quantities and prices at log world prices ``log_p`` (per supplier)."""
    log_rho = c.log_rel_tariff + log_p[problem.supplier]  # log relative internal price
    # share-weighted CES aggregation in logs, shifted by each market's maximum for stability
    z = c.log_theta + (1.0 - c.sigma) * log_rho
    zmax = np.maximum.reduceat(z[c.order], c.starts)
    acc = segment_sum(np.exp(z - zmax[problem.market]), problem.market, problem.n_markets)
    log_sum = zmax + np.log(acc)
    unit = np.isclose(problem.sigma_m, 1.0)
    safe_div = np.where(unit, 1.0, 1.0 - problem.sigma_m)
    log_pi = np.where(
        unit,
        segment_sum(problem.theta0 * log_rho, problem.market, problem.n_markets),
        log_sum / safe_div,
    )
    log_q = -c.sigma * log_rho + c.coupling * log_pi[problem.market]
    quantity = problem.value * np.exp(log_q)
    demand = segment_sum(quantity, problem.supplier, problem.n_suppliers)
    # current market shares (for the Jacobian): theta * rho^(1-sigma) / sum(...)
    shares = np.exp(z - log_sum[problem.market])
    return {
        "log_rho": log_rho,
        "log_pi": log_pi,
        "log_q": log_q,
        "quantity": quantity,
        "demand": demand,
        "shares": shares,
    }


def _residual(problem: PEProblem, log_p: FloatArray, st: dict[str, FloatArray]) -> FloatArray:
    """log demand - log supply per supplier (0 at the solution); 0 for fixed-price suppliers."""
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    res = np.log(st["demand"]) - np.log(problem.sales0)
    res[finite] -= ex[finite] * log_p[finite]
    res[~finite] = 0.0
    return res


def solve_armington(problem: PEProblem, *, tol: float = 1e-10, max_iter: int = 100) -> PESolution:
    """Solve the exact model for every product at once.

    ``tol`` bounds ``|log demand - log supply|`` for every exporter (a relative error);
    ``max_iter`` bounds Newton steps. Raises :class:`NonConvergenceError` if not met.
    """
    if not tol > 0 or max_iter < 1:
        raise ValueError(f"tol must be > 0 and max_iter >= 1 (got {tol}, {max_iter})")
    free = np.flatnonzero(np.isfinite(problem.export_supply_s))
    log_p = np.zeros(problem.n_suppliers)
    consts = _Constants.of(problem)
    st = _state(problem, consts, log_p)
    res = _residual(problem, log_p, st)
    max_res = float(np.max(np.abs(res))) if res.size else 0.0
    iterations = 0
    while max_res > tol and iterations < max_iter:
        iterations += 1
        weights = st["quantity"] / st["demand"][problem.supplier]
        step, _, _ = solve_jacobian(
            problem, weights, st["shares"], -res, free, tol=1e-12, max_iter=500
        )
        # backtracking line search on the largest residual
        alpha = 1.0
        while True:
            trial = log_p + alpha * step
            st_trial = _state(problem, consts, trial)
            res_trial = _residual(problem, trial, st_trial)
            trial_max = float(np.max(np.abs(res_trial)))
            if np.isfinite(trial_max) and (trial_max < max_res or alpha < 1e-4):
                break
            alpha *= 0.5
        log_p, st, res, max_res = trial, st_trial, res_trial, trial_max
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
    value1 = st["quantity"] * p_star[problem.supplier]
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
        quantity_change=np.exp(st["log_q"]) - 1.0,
        value1=value1,
        internal_price_change=np.exp(st["log_rho"]) - 1.0,
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
