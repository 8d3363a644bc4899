"""GSIM: the global simulation model of Francois & Hall (2003), proportional-change form.

J. Francois and H. K. Hall (2003), "Global simulation analysis of industry-level trade policy",
World Bank / GSIM documentation. For each product, every importer v buys from every source r
(domestic shipments included where known) with

    own-price elasticity    N_rr = theta_rv E_m,v - (1 - theta_rv) E_s,v
    cross-price elasticity  N_rk = theta_kv (E_m,v + E_s,v)

so that the proportional change of imports is
``M^_rv = sum_k N_rk (T^_kv + P*^_k) = (E_m,v + E_s,v) P^_v - E_s,v (T^_rv + P*^_r)`` with
``P^_v = sum_k theta_kv (T^_kv + P*^_k)`` the change of the composite import price,
``T^ = (t1 - t0) / (1 + t0)`` the change of the tariff factor, and ``theta`` expenditure shares at
internal (tariff-inclusive) prices. World prices clear every exporter's market:
``E_x,r P*^_r = sum_v s_rv M^_rv`` with ``s_rv`` the shares of r's sales (world prices). The system
is linear in ``P*^``; it is solved exactly (directly, product block by product block; GMRES to
``tol`` for products with very many suppliers).

Welfare, as in GSIM, by second-order (triangle) approximations:

* consumer surplus in market v: ``-R_v (P^_v + E_m,v P^_v^2 / 2)``, R_v = expenditure at internal
  prices: the area under the linearised demand curve, exact to second order whichever way the
  price moves (``welfare="exact"``, the default). GSIM's spreadsheet (Francois & Hall's worked
  example, as transcribed by the public R replication cited in ``docs/elasticities.md``)
  computes ``-R_v (P^_v - sign(P^_v) E_m,v P^_v^2 / 2)`` with the composite price change
  ``P^_v = sum_k theta_kv ((1 + T^_kv)(1 + P*^_k) - 1)`` (the cross term included). Where the
  price falls the two triangles agree; where it rises the spreadsheet's has the wrong sign and
  overstates the loss (Japan -34.49 against thaw's -34.21 in the worked example).
  ``welfare="gsim"`` reproduces the spreadsheet's published numbers;
* producer surplus of exporter r: ``S_r (P*^_r + E_x,r P*^_r^2 / 2)``, S_r = sales at world prices;
* tariff revenue: ``sum t1 x value1`` against ``sum t0 x value0`` (world-price bases).

Being linear, GSIM can give negative trade for large shocks (a 100% surtax with a high
elasticity). The solver refuses such answers (:class:`~thaw.errors.InfeasibleSolutionError`):
use :func:`thaw.models.armington.solve_armington`, which is exact.
"""

from __future__ import annotations

import numpy as np

from thaw.errors import InfeasibleSolutionError, NonConvergenceError
from thaw.models._linear import apply_prepared, prepare_jacobian, solve_prepared
from thaw.models.problem import PEProblem, segment_sum
from thaw.models.solution import PESolution


def _demand_change(
    problem: PEProblem, tariff_hat: np.ndarray, p_star: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pi^ per flow, P^ per market, M^ per flow) for world-price changes ``p_star``."""
    pi = p_star[problem.supplier]
    pi += tariff_hat
    p_index = segment_sum(problem.theta0 * pi, problem.market, problem.n_markets)
    m_hat = p_index[problem.market]
    m_hat *= problem.coupling_f
    m_hat -= problem.sigma_f * pi
    return pi, p_index, m_hat


GSIM_WELFARE = ("exact", "gsim")


def solve_gsim(
    problem: PEProblem, *, tol: float = 1e-10, max_iter: int = 1000, welfare: str = "exact"
) -> PESolution:
    """Solve GSIM for every product at once. ``tol`` bounds the market-clearing residual relative
    to each exporter's sales; ``max_iter`` bounds GMRES iterations. ``welfare``: the consumer
    surplus convention, ``"exact"`` (thaw's second-order area) or ``"gsim"`` (the GSIM
    spreadsheet's; see the module docstring).

    Raises :class:`NonConvergenceError` if the tolerance is not met and
    :class:`InfeasibleSolutionError` if the linear model implies negative trade or prices.
    """
    if not tol > 0 or max_iter < 1:
        raise ValueError(f"tol must be > 0 and max_iter >= 1 (got {tol}, {max_iter})")
    if welfare not in GSIM_WELFARE:
        raise ValueError(f"welfare must be one of {', '.join(GSIM_WELFARE)}; got {welfare!r}")
    tariff_hat = (problem.tariff1 - problem.tariff0) / (1.0 + problem.tariff0)
    free = np.flatnonzero(np.isfinite(problem.export_supply_s))
    zero = np.zeros(problem.n_suppliers)
    _, _, m_hat0 = _demand_change(problem, tariff_hat, zero)
    # residual at P*^ = 0 (relative to sales): sum_f s_f M^_f
    r0 = segment_sum(problem.share0 * m_hat0, problem.supplier, problem.n_suppliers)
    jac = prepare_jacobian(problem, problem.share0, problem.theta0)
    p_star, ok, iterations = solve_prepared(
        problem, jac, -r0, free, tol=tol * 1e-2, max_iter=max_iter
    )
    residual = r0 + apply_prepared(problem, jac, p_star)
    max_res = float(np.max(np.abs(residual[free]))) if free.size else 0.0
    if not ok or max_res > tol:
        raise NonConvergenceError(
            f"GSIM did not clear markets to tol={tol:g} within {max_iter} iterations "
            f"(largest residual {max_res:.3g}); raise max_iter or loosen tol",
            iterations=iterations,
            max_residual=max_res,
        )
    pi, p_index, m_hat = _demand_change(problem, tariff_hat, p_star)
    if np.any(1.0 + p_star <= 0):
        raise InfeasibleSolutionError(
            "GSIM implies a non-positive world price; the shock is too large for the linear "
            "model: use the exact Armington model (model = 'armington')"
        )
    negative = 1.0 + m_hat < 0
    if np.any(negative):
        worst = int(np.argmin(m_hat))
        raise InfeasibleSolutionError(
            f"GSIM's linear approximation gives negative trade for {int(negative.sum())} flow(s) "
            f"(worst change {100 * m_hat[worst]:.0f}%, flow #{worst}); the shock is too large "
            "for the linear model: use the exact Armington model (model = 'armington')"
        )
    value1 = problem.value * (1.0 + m_hat) * (1.0 + p_star[problem.supplier])
    expenditure = problem.expenditure0
    e_m = problem.import_demand_m
    if welfare == "gsim":  # the spreadsheet's composite price and sign(P^) triangle
        compound = (1.0 + tariff_hat) * (1.0 + p_star[problem.supplier]) - 1.0
        sheet = segment_sum(problem.theta0 * compound, problem.market, problem.n_markets)
        consumer_surplus = -expenditure * (sheet - 0.5 * np.sign(sheet) * e_m * sheet**2)
    else:
        consumer_surplus = -expenditure * (p_index + 0.5 * e_m * p_index**2)
    e_x = np.where(np.isfinite(problem.export_supply_s), problem.export_supply_s, 0.0)
    producer_surplus = problem.sales0 * (p_star + 0.5 * e_x * p_star**2)
    return PESolution(
        model="gsim",
        quantity_change=m_hat,
        value1=value1,
        internal_price_change=pi,
        price_index_change=p_index,
        consumer_surplus=consumer_surplus,
        tariff_revenue0=segment_sum(
            problem.tariff0 * problem.value, problem.market, problem.n_markets
        ),
        tariff_revenue1=segment_sum(problem.tariff1 * value1, problem.market, problem.n_markets),
        world_price_change=p_star,
        producer_surplus=producer_surplus,
        converged=True,
        iterations=iterations,
        max_residual=max_res,
    )
