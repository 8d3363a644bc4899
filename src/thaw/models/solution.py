"""The result of a PE solve, as arrays aligned with a :class:`~thaw.models.problem.PEProblem`."""

from __future__ import annotations

from dataclasses import dataclass

from thaw.models.problem import FloatArray


@dataclass(frozen=True, slots=True, eq=False)
class PESolution:
    """Arrays of a solved PE problem. Money values are in the units of ``problem.value``.

    Per flow ``(n,)``: ``quantity_change`` (q1/q0 - 1), ``value1`` (new value at world prices),
    ``internal_price_change`` (p1/p0 - 1 of the tariff-inclusive price).
    Per market ``(n_markets,)``: ``price_index_change`` (composite import price),
    ``consumer_surplus`` (change), ``tariff_revenue0`` and ``tariff_revenue1``.
    Per supplier ``(n_suppliers,)``: ``world_price_change`` (p*1/p*0 - 1), ``producer_surplus``.
    Diagnostics: ``converged``, ``iterations``, ``max_residual`` (largest market-clearing error,
    relative to the supplier's baseline sales).
    """

    model: str
    quantity_change: FloatArray
    value1: FloatArray
    internal_price_change: FloatArray
    price_index_change: FloatArray
    consumer_surplus: FloatArray
    tariff_revenue0: FloatArray
    tariff_revenue1: FloatArray
    world_price_change: FloatArray
    producer_surplus: FloatArray
    converged: bool
    iterations: int
    max_residual: float
