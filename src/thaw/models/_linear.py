"""Matrix-free linear algebra shared by the GSIM and exact Armington solvers.

Both models lead to systems in one unknown per supplier (product, exporter) of the form

    (J v)_s = sum_{f in s} w_f [ -sigma_m v_{s_f} + (sigma_m + E_m,m) sum_{g in m} th_g v_{s_g} ]
              - E_x,s v_s

(``w``: weights of flows in their supplier's sales, ``th``: shares of flows in their market),
the derivative of log demand minus log supply in log world prices. GSIM solves it once at the
baseline; the exact model inside each Newton step. It is applied with segment sums, never formed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse.linalg import LinearOperator, gmres

from thaw.models.problem import FloatArray, IntArray, PEProblem, segment_sum


@dataclass(frozen=True, slots=True)
class Jacobian:
    """``J`` prepared for repeated products: ``J v = -own * v + S(coupled * M(shares * v_f))``
    with ``S``/``M`` sums over suppliers/markets. ``own = sum_f w_f sigma + E_x`` per supplier;
    ``coupled = w_f (sigma + E_m)`` per flow (the own-price term needs no per-flow work)."""

    own: FloatArray
    coupled: FloatArray
    shares: FloatArray


def prepare_jacobian(problem: PEProblem, weights: FloatArray, shares: FloatArray) -> Jacobian:
    sig = problem.sigma_m[problem.market]
    coupling = (problem.sigma_m + problem.import_demand_m)[problem.market]
    own = segment_sum(weights * sig, problem.supplier, problem.n_suppliers)
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    own[finite] += ex[finite]
    return Jacobian(own=own, coupled=weights * coupling, shares=shares)


def apply_prepared(problem: PEProblem, jac: Jacobian, v: FloatArray) -> FloatArray:
    """``J v`` with a prepared Jacobian: two gathers and two segment sums."""
    market_avg = segment_sum(jac.shares * v[problem.supplier], problem.market, problem.n_markets)
    coupled = segment_sum(
        jac.coupled * market_avg[problem.market], problem.supplier, problem.n_suppliers
    )
    return coupled - jac.own * v


def jacobian_apply(
    problem: PEProblem, weights: FloatArray, shares: FloatArray, v: FloatArray
) -> FloatArray:
    """``J v`` for the current flow ``weights`` and market ``shares`` (see module docstring)."""
    return apply_prepared(problem, prepare_jacobian(problem, weights, shares), v)


def jacobian_diagonal(problem: PEProblem, weights: FloatArray, shares: FloatArray) -> FloatArray:
    """Diagonal of ``J`` (a flow's own market share enters through the price index)."""
    jac = prepare_jacobian(problem, weights, shares)
    return _diagonal(problem, jac)


def _diagonal(problem: PEProblem, jac: Jacobian) -> FloatArray:
    return segment_sum(jac.coupled * jac.shares, problem.supplier, problem.n_suppliers) - jac.own


DENSE_MAX = 256


def _dense(problem: PEProblem, jac: Jacobian) -> FloatArray:
    """``J`` as a dense ``(n_suppliers, n_suppliers)`` matrix: ``A @ B - diag(own)`` with
    ``A[s, m]`` the coupled weights of s's flows into m and ``B[m, s]`` s's share of m."""
    a = np.zeros((problem.n_suppliers, problem.n_markets))
    np.add.at(a, (problem.supplier, problem.market), jac.coupled)
    b = np.zeros((problem.n_markets, problem.n_suppliers))
    np.add.at(b, (problem.market, problem.supplier), jac.shares)
    out: FloatArray = a @ b
    out[np.diag_indices_from(out)] -= jac.own
    return out


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
    """Solve ``J v = rhs`` for the ``free`` suppliers (others held at 0): a dense direct solve
    for small systems (up to ``DENSE_MAX`` suppliers and markets, as in a dispute's handful of
    markets, where it is several times faster than an iterative method), else
    Jacobi-preconditioned GMRES. Returns (v, converged, matvecs; 1 for the direct solve)."""
    n = problem.n_suppliers
    v = np.zeros(n)
    if free.size == 0:
        return v, True, 0
    jac = prepare_jacobian(problem, weights, shares)
    diag = _diagonal(problem, jac)[free]
    if np.any(diag >= 0):
        # d(log demand - log supply)/d(log own price) must be negative for a stable market
        raise ValueError("market-clearing Jacobian has a non-negative diagonal")
    if n <= DENSE_MAX and problem.n_markets <= DENSE_MAX:
        dense = _dense(problem, jac)[np.ix_(free, free)]
        try:
            v[free] = np.linalg.solve(dense, rhs[free])
        except np.linalg.LinAlgError:
            return v, False, 1
        return v, bool(np.all(np.isfinite(v))), 1
    count = 0

    def matvec(x: FloatArray) -> FloatArray:
        nonlocal count
        count += 1
        full = np.zeros(n)
        full[free] = x / diag
        return apply_prepared(problem, jac, full)[free]

    op = LinearOperator((free.size, free.size), matvec=matvec, dtype=np.float64)
    y, info = gmres(op, rhs[free], rtol=tol, atol=0.0, restart=min(50, free.size), maxiter=max_iter)
    v[free] = y / diag
    return v, info == 0, count
