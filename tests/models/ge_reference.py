"""An independent high-precision solver for the full-endowment GE model, for tests.

It follows the Advanced Guide's procedure instead of thaw's Newton method: solve the
multilateral resistances for given output and expenditure shares by alternating fixed-point
(Sinkhorn) updates, update factory-gate prices from the change in outward resistance and output
share, and repeat until prices stop moving (here to 1e-13, not the book's 0.01). No code is
shared with thaw.models.ge.
"""

from __future__ import annotations

import numpy as np


def resistances(
    cost: np.ndarray, y: np.ndarray, e: np.ndarray, ref: int, tol: float = 1e-15
) -> tuple[np.ndarray, np.ndarray]:
    """``(Pi^(1-sigma), P^(1-sigma))`` with ``P_ref = 1``; ``cost`` = t^(1-sigma) (n, n)."""
    inv_omr = np.ones(len(y))  # 1 / Pi^(1-sigma)
    inv_imr = np.ones(len(y))  # 1 / P^(1-sigma)
    for _ in range(200_000):
        new_omr = 1.0 / (cost @ (e * inv_imr))
        new_imr = 1.0 / (cost.T @ (y * new_omr))
        scale = new_imr[ref]  # P_ref = 1: move the scale to the OMRs
        new_imr, new_omr = new_imr / scale, new_omr * scale
        done = max(np.max(np.abs(new_omr / inv_omr - 1)), np.max(np.abs(new_imr / inv_imr - 1)))
        inv_omr, inv_imr = new_omr, new_imr
        if done < tol:
            break
    return 1.0 / inv_omr, 1.0 / inv_imr


def full_ge(
    cost0: np.ndarray,
    cost1: np.ndarray,
    output: np.ndarray,
    expenditure: np.ndarray,
    sigma: float,
    ref: int,
    tol: float = 1e-13,
) -> dict[str, np.ndarray]:
    """Factory-gate prices, IMR and OMR (levels) after a change of trade costs ``cost0`` ->
    ``cost1``, with expenditure ``phi x output`` (shares renormalised) and ``P_ref = 1``."""
    a = 1.0 - sigma
    y0 = output / output.sum()
    e0 = expenditure / expenditure.sum()
    omr0, imr0 = resistances(cost0, y0, e0, ref)
    phi = expenditure / output
    price = np.ones(len(output))
    for _ in range(10_000):
        out = price * output
        y = out / out.sum()
        e = phi * out / (phi * out).sum()
        omr, imr = resistances(cost1, y, e, ref)
        new = ((y / y0) * omr0 / omr) ** (1.0 / a)
        if np.max(np.abs(new / price - 1)) < tol:
            price = new
            break
        price = new
    return {
        "price": price,
        "imr": imr ** (1 / a),
        "omr": omr ** (1 / a),
        "imr0": imr0 ** (1 / a),
        "omr0": omr0 ** (1 / a),
    }
