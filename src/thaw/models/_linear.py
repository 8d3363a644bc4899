"""The market-clearing linear systems shared by the GSIM and exact Armington solvers.

Both models lead to systems in one unknown per supplier (product, exporter) of the form

    (J v)_s = sum_{f in s} w_f [ -sigma_m v_{s_f} + (sigma_m + E_m,m) sum_{g in m} th_g v_{s_g} ]
              - E_x,s v_s

(``w``: weights of flows in their supplier's sales, ``th``: shares of flows in their market),
the derivative of log demand minus log supply in log world prices. GSIM solves it once at the
baseline; the exact model inside each Newton step. ``J`` is block diagonal, one block per
product (a product's suppliers meet only its own markets): it is solved directly, block by
block, with the blocks formed densely in chunks of similar products (``J_p = A_p B_p -
diag(own)``, ``A_p`` the coupled weights of the product's suppliers in its markets, ``B_p`` the
suppliers' shares of each market; batched BLAS products and LAPACK solves). Products with more
than :data:`~thaw.models.problem.BLOCK_MAX` suppliers use GMRES with ``J`` applied matrix-free
(segment sums, never formed) instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    own = segment_sum(weights * problem.sigma_f, problem.supplier, problem.n_suppliers)
    ex = problem.export_supply_s
    finite = np.isfinite(ex)
    own[finite] += ex[finite]
    return Jacobian(own=own, coupled=weights * problem.coupling_f, shares=shares)


def apply_prepared(problem: PEProblem, jac: Jacobian, v: FloatArray) -> FloatArray:
    """``J v`` with a prepared Jacobian: two gathers and two segment sums."""
    market_avg = segment_sum(jac.shares * v[problem.supplier], problem.market, problem.n_markets)
    coupled = segment_sum(
        jac.coupled * market_avg[problem.market], problem.supplier, problem.n_suppliers
    )
    return coupled - jac.own * v


def _diagonal(problem: PEProblem, jac: Jacobian) -> FloatArray:
    return segment_sum(jac.coupled * jac.shares, problem.supplier, problem.n_suppliers) - jac.own


DENSE_MAX = 256
#: Solve larger systems product block by product block (False: always GMRES; for tests).
DIRECT_BLOCKS = True


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
    block-by-block direct solves of the product blocks (:func:`solve_blocks`), else (a product
    with more than ``BLOCK_MAX`` suppliers, or a singular block) Jacobi-preconditioned GMRES.
    Returns (v, converged, matvecs; 1 for a direct solve). ``tol`` and ``max_iter`` bound GMRES;
    a direct solve is exact to rounding."""
    if free.size == 0:
        return np.zeros(problem.n_suppliers), True, 0
    return solve_prepared(
        problem, prepare_jacobian(problem, weights, shares), rhs, free, tol=tol, max_iter=max_iter
    )


def solve_prepared(
    problem: PEProblem,
    jac: Jacobian,
    rhs: FloatArray,
    free: IntArray,
    *,
    tol: float,
    max_iter: int,
    block_dtype: type[np.floating[Any]] = np.float64,
) -> tuple[FloatArray, bool, int]:
    """:func:`solve_jacobian` with the Jacobian already prepared; ``block_dtype``: the
    precision of direct block solves (:func:`solve_blocks`)."""
    n = problem.n_suppliers
    v = np.zeros(n)
    if free.size == 0:
        return v, True, 0
    small = n <= DENSE_MAX and problem.n_markets <= DENSE_MAX
    if not small and DIRECT_BLOCKS and problem.blocks.chunk_shape.shape[0]:
        try:
            v = solve_blocks(problem, jac, rhs, free, block_dtype)
        except np.linalg.LinAlgError:
            pass  # a singular block: GMRES below says whether the system can be solved
        else:
            return v, bool(np.all(np.isfinite(v))), 1
    diag = _diagonal(problem, jac)[free]
    if np.any(diag >= 0):
        # d(log demand - log supply)/d(log own price) must be negative for a stable market
        raise ValueError("market-clearing Jacobian has a non-negative diagonal")
    if small:
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


#: Largest ``m * n * k`` of one BLAS product. OpenBLAS runs smaller products on one thread; on a
#: machine whose cores are busy, threads waiting for each other made the stacked products of a
#: world's blocks 10-20x slower (70 x 200 x 70 blocks: 0.3-0.4 s a chunk against 0.03 s split).
_BLAS_SINGLE = 1 << 18


def _stacked_product(a: FloatArray, b: FloatArray) -> FloatArray:
    """``a @ b`` for stacks ``(count, S, M)`` and ``(count, M, S)``, summed over slices of ``M``
    small enough for single-threaded BLAS calls (:data:`_BLAS_SINGLE`)."""
    s, m = a.shape[1], a.shape[2]
    step = max(1, _BLAS_SINGLE // max(1, s * s))
    out: FloatArray = np.matmul(a[:, :, :step], b[:, :step, :])
    for j in range(step, m, step):
        out += np.matmul(a[:, :, j : j + step], b[:, j : j + step, :])
    return out


def solve_blocks(
    problem: PEProblem,
    jac: Jacobian,
    rhs: FloatArray,
    free: IntArray,
    dtype: type[np.floating[Any]] = np.float64,
) -> FloatArray:
    """``J v = rhs`` for the ``free`` suppliers (others 0), solved directly product by product:
    each chunk of products (:class:`~thaw.models.problem.BlockLayout`) is scattered into dense
    ``(count, S, M)`` and ``(count, M, S)`` arrays, multiplied (``J_p = A_p B_p - diag(own)``)
    and solved with LAPACK. Rows and columns of fixed-price suppliers and of padding are those
    of the identity. Raises ``numpy.linalg.LinAlgError`` for a singular block. ``dtype``: the
    precision of the blocks (``float32`` halves the work: enough for a Newton step, whose
    convergence is judged on the exact residual)."""
    layout = problem.blocks
    is_free = np.zeros(problem.n_suppliers, dtype=bool)
    is_free[free] = True
    v = np.zeros(problem.n_suppliers)
    shapes = layout.chunk_shape.tolist()
    size = max(count * s_pad * m_pad for count, s_pad, m_pad in shapes)
    a_buf, b_buf = np.empty(size, dtype), np.empty(size, dtype)  # reused by every chunk
    for c, (count, s_pad, m_pad) in enumerate(shapes):
        lo, hi = layout.chunk_flows[c], layout.chunk_flows[c + 1]
        a, b = a_buf[: count * s_pad * m_pad], b_buf[: count * s_pad * m_pad]
        a.fill(0.0)
        flows = layout.perm[lo:hi]
        a[layout.idx_a[lo:hi]] = jac.coupled[flows]
        b.fill(0.0)
        b[layout.idx_b[lo:hi]] = jac.shares[flows]
        block = _stacked_product(a.reshape(count, s_pad, m_pad), b.reshape(count, m_pad, s_pad))
        slots = layout.slots[layout.chunk_slots[c] : layout.chunk_slots[c + 1]]
        real = slots >= 0
        sup = np.where(real, slots, 0)
        active = (real & is_free[sup]).reshape(count, s_pad)
        diag = block.reshape(count, s_pad * s_pad)[:, :: s_pad + 1]
        diag -= np.where(real, jac.own[sup], 0.0).reshape(count, s_pad)
        if np.any(diag[active] >= 0):
            raise ValueError("market-clearing Jacobian has a non-negative diagonal")
        if not active.all():  # fixed-price suppliers and padding: identity rows and columns
            block *= active[:, :, None]
            block *= active[:, None, :]
            diag += ~active
        b_rhs = np.where(active.reshape(-1), rhs[sup], 0.0).reshape(count, s_pad, 1)
        x = np.linalg.solve(block, b_rhs.astype(dtype, copy=False)).reshape(-1)
        v[slots[real]] = x[real]
    return v
