"""Matrix-free linear algebra shared by the GSIM and exact Armington solvers.

Both models lead to systems in one unknown per supplier (product, exporter) of the form

    (J v)_s = sum_{f in s} w_f [ -sigma_m v_{s_f} + (sigma_m + E_m,m) sum_{g in m} th_g v_{s_g} ]
              - E_x,s v_s

(``w``: weights of flows in their supplier's sales, ``th``: shares of flows in their market),
the derivative of log demand minus log supply in log world prices. GSIM solves it once at the
baseline; the exact model inside each Newton step. It is applied with segment sums, never formed.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse.linalg import LinearOperator, gmres

from thaw.models.problem import FloatArray, IntArray, PEProblem, segment_sum


def jacobian_apply(
    problem: PEProblem, weights: FloatArray, shares: FloatArray, v: FloatArray
) -> FloatArray:
    """``J v`` for the current flow ``weights`` and market ``shares`` (see module docstring)."""
    sig = problem.sigma_m[problem.market]
    coupling = problem.sigma_m + problem.import_demand_m
    v_f = v[problem.supplier]
    market_avg = segment_sum(shares * v_f, problem.market, problem.n_markets)
    per_flow = weights * (-sig * v_f + coupling[problem.market] * market_avg[problem.market])
    out = segment_sum(per_flow, problem.supplier, problem.n_suppliers)
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    out[finite] -= ex[finite] * v[finite]
    return out


def jacobian_diagonal(problem: PEProblem, weights: FloatArray, shares: FloatArray) -> FloatArray:
    """Diagonal of ``J`` (a flow's own market share enters through the price index)."""
    sig = problem.sigma_m[problem.market]
    coupling = (problem.sigma_m + problem.import_demand_m)[problem.market]
    diag = segment_sum(weights * (-sig + coupling * shares), problem.supplier, problem.n_suppliers)
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    diag[finite] -= ex[finite]
    return diag


def solve_jacobian(
    problem: PEProblem,
    weights: FloatArray,
    shares: FloatArray,
    rhs: FloatArray,
    free: IntArray,
    *,
    tol: float,
    max_iter: int,
) -> tuple[FloatArray, bool, int]:
    """Solve ``J v = rhs`` for the ``free`` suppliers (others held at 0), Jacobi-preconditioned
    GMRES. Returns (v, converged, matvecs)."""
    n = problem.n_suppliers
    v = np.zeros(n)
    if free.size == 0:
        return v, True, 0
    diag = jacobian_diagonal(problem, weights, shares)[free]
    if np.any(diag >= 0):
        # d(log demand - log supply)/d(log own price) must be negative for a stable market
        raise ValueError("market-clearing Jacobian has a non-negative diagonal")
    count = 0

    def matvec(x: FloatArray) -> FloatArray:
        nonlocal count
        count += 1
        full = np.zeros(n)
        full[free] = x / diag
        return jacobian_apply(problem, weights, shares, full)[free]

    op = LinearOperator((free.size, free.size), matvec=matvec, dtype=np.float64)
    y, info = gmres(op, rhs[free], rtol=tol, atol=0.0, restart=min(50, free.size), maxiter=max_iter)
    v[free] = y / diag
    return v, info == 0, count
