"""Tariff-rate quotas in the multi-market models (GSIM and exact Armington).

A quota covers one flow (product, exporter, importer): ``volume`` in baseline-value units (the
quantity that was worth ``volume`` at baseline world prices; convert physical units with a unit
value first), an in-quota tariff ``t_in`` and an out-of-quota tariff ``t_out`` (``inf`` when
imports above the quota are barred or the over-quota rate is unknown).

At the solution each quota is in one regime:

* **slack**: demand at ``t_in`` is within the quota; ``t_in`` applies, no rent;
* **exceeded**: demand at ``t_out`` is still above the quota; ``t_out`` applies at the margin,
  imports exceed the quota, and the quota rent is ``(t_out - t_in) p* Q``;
* **binding**: imports equal the quota; the tariff equivalent ``tau`` in ``[t_in, t_out]`` that
  clears it is found with the world prices, and the rent is ``(tau - t_in) p* Q``.

Tariff revenue on a quota flow is ``t_in`` on in-quota imports and ``t_out`` on imports above it.
Who holds the rent is set per quota by ``rent_to_exporter``: by default the importing economy
(licences held by importers, as with Canada's EV permits); set, the exporting economy (a
voluntary export restraint, or licences allocated to exporters abroad), whose welfare then gains
the rent that the importer's loses. The rent is a transfer: who holds it does not change the
equilibrium, prices, quantities or world welfare. The regime search is an outer loop on ``tau``
around the market-clearing solver (Newton on log(1 + tau) with the flow's own-price elasticity).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from thaw.errors import NonConvergenceError
from thaw.models.problem import FloatArray, IntArray, PEProblem, segment_sum
from thaw.models.solution import PESolution

Solver = Callable[..., PESolution]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True, eq=False)
class QuotaSpec:
    """Quotas on flows ``flow`` (indices into the problem's flows), arrays of shape ``(q,)``;
    ``rent_to_exporter`` (``(q,)`` booleans): the rent goes to the exporter, not the importer."""

    flow: IntArray
    volume: FloatArray
    in_quota_rate: FloatArray
    out_quota_rate: FloatArray
    rent_to_exporter: BoolArray

    @classmethod
    def build(
        cls,
        flow: list[int],
        volume: list[float],
        in_quota_rate: list[float],
        out_quota_rate: list[float],
        rent_to_exporter: bool | Sequence[bool] = False,
    ) -> QuotaSpec:
        """``rent_to_exporter``: one flag for every quota, or one per quota."""
        flows = np.asarray(flow, np.int64)
        holders = np.broadcast_to(np.asarray(rent_to_exporter, np.bool_), flows.shape).copy()
        spec = cls(
            flows,
            np.asarray(volume, np.float64),
            np.asarray(in_quota_rate, np.float64),
            np.asarray(out_quota_rate, np.float64),
            holders,
        )
        if np.any(spec.volume <= 0) or np.any(spec.in_quota_rate < 0):
            raise ValueError("quota volumes must be > 0 and in-quota rates >= 0")
        if np.any(spec.out_quota_rate < spec.in_quota_rate):
            raise ValueError("the out-of-quota rate cannot be below the in-quota rate")
        if np.unique(spec.flow).size != spec.flow.size:
            raise ValueError("one quota per flow")
        return spec


@dataclass(frozen=True, slots=True, eq=False)
class QuotaOutcome:
    """Per quota ``(q,)``: ``regime`` ('slack', 'binding', 'exceeded'), ``fill`` (imports /
    quota), ``tariff_equivalent`` (fraction), ``rent`` (money), ``imports`` (quantity)."""

    regime: tuple[str, ...]
    fill: FloatArray
    tariff_equivalent: FloatArray
    rent: FloatArray
    imports: FloatArray


def solve_with_quotas(
    problem: PEProblem,
    quotas: QuotaSpec,
    solver: Solver,
    *,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> tuple[PESolution, QuotaOutcome]:
    """Solve ``problem`` with ``solver`` (GSIM or exact) under the quotas; see module docstring.

    ``tol`` applies to market clearing and to ``|log(imports / quota)|`` of binding quotas.
    """
    f = quotas.flow
    t_in, t_out = quotas.in_quota_rate, quotas.out_quota_rate
    quota_qty = quotas.volume

    def run(tau: FloatArray) -> PESolution:
        t1 = problem.tariff1.copy()
        t1[f] = tau
        return solver(problem.replace(tariff1=t1), tol=tol, max_iter=max_iter)

    def imports(sol: PESolution) -> FloatArray:
        return np.asarray(problem.value[f] * (1.0 + sol.quantity_change[f]))

    sol = run(t_in.copy())
    q_in = imports(sol)
    over = q_in > quota_qty * (1 + tol)
    tau = t_in.copy()
    regime = np.where(over, "binding", "slack").astype(object)
    if np.any(over & np.isfinite(t_out)):
        probe = t_in.copy()
        probe[over] = np.where(np.isfinite(t_out[over]), t_out[over], t_in[over])
        sol_out = run(probe)
        exceeded = over & np.isfinite(t_out) & (imports(sol_out) >= quota_qty)
        regime[exceeded] = "exceeded"
        tau[exceeded] = t_out[exceeded]
    binding = regime == "binding"
    iterations = 0
    if np.any(binding):
        sol = run(tau)
        while True:
            q = imports(sol)
            gap = np.log(q[binding] / quota_qty[binding])
            if np.max(np.abs(gap)) <= tol:
                break
            if iterations >= max_iter:
                raise NonConvergenceError(
                    f"quota tariff equivalents did not converge in {max_iter} iterations "
                    f"(largest |log(imports/quota)| {np.max(np.abs(gap)):.3g})",
                    iterations=iterations,
                    max_residual=float(np.max(np.abs(gap))),
                )
            iterations += 1
            # own-price elasticity of the flow: theta E_m - (1 - theta) sigma (< 0)
            m = problem.market[f[binding]]
            theta = problem.theta0[f[binding]]
            own = theta * problem.import_demand_m[m] - (1 - theta) * problem.sigma_m[m]
            log_factor = np.log1p(tau[binding]) - gap / np.minimum(own, -1e-6)
            tau[binding] = np.expm1(log_factor)
            tau[binding] = np.clip(tau[binding], t_in[binding], t_out[binding])
            sol = run(tau)
    elif np.any(regime == "exceeded"):
        sol = run(tau)
    q1 = imports(sol)
    world = 1.0 + sol.world_price_change[problem.supplier[f]]
    in_qty = np.minimum(q1, quota_qty)
    over_qty = np.maximum(q1 - quota_qty, 0.0)
    # revenue on quota flows: in-quota rate on in-quota imports, out rate above the quota
    t_over = np.where(np.isfinite(t_out), t_out, 0.0)
    revenue_f = world * (t_in * in_qty + t_over * over_qty)
    rent = world * (tau - t_in) * in_qty
    rent[regime == "slack"] = 0.0
    fix = segment_sum(revenue_f - tau * sol.value1[f], problem.market[f], problem.n_markets)
    solution = dataclasses.replace(
        sol, tariff_revenue1=sol.tariff_revenue1 + fix, iterations=sol.iterations + iterations
    )
    outcome = QuotaOutcome(
        regime=tuple(str(r) for r in regime),
        fill=q1 / quota_qty,
        tariff_equivalent=tau,
        rent=rent,
        imports=q1,
    )
    return solution, outcome
