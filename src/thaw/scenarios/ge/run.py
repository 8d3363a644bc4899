"""Running a GE scenario: trade costs (given or PPML), the baseline, the
conditional and full-endowment counterfactuals, and Monte Carlo over the cost coefficients.

Monte Carlo (as gegravity's MonteCarloGE): coefficients are drawn from a multivariate normal
with the PPML covariance (or independent normals from given standard errors); every draw
recalibrates the baseline and solves the counterfactual. Draws are solved together as one batch
(the solver is vectorised over its leading axis), so a thousand draws cost about as much as a
few dozen single solves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thaw.errors import ModelInputError, ThawError
from thaw.models.ge import (
    SIGMA_MIN,
    GEBaseline,
    GEState,
    economy_changes,
    solve_baseline,
    solve_counterfactual,
)
from thaw.models.ppml import PPMLEstimate, estimate_ppml
from thaw.scenarios.ge.dataset import GravityArrays, build_arrays
from thaw.scenarios.ge.results import ECONOMY_COLUMNS, GEResult
from thaw.scenarios.ge.schema import GEScenario, GEScenarioError, GETariff

BAND_PERCENTILES = (5.0, 50.0, 95.0)


def cost_coefficients(
    spec: GEScenario, frame: pd.DataFrame, arrays: GravityArrays
) -> tuple[np.ndarray, np.ndarray, list[PPMLEstimate]]:
    """Coefficients ``(s, k)`` and covariances ``(s, k, k)``: estimated by PPML per sector, or
    the given ones (covariance from given standard errors, else zero)."""
    k = len(arrays.variables)
    s = len(arrays.sectors)
    if isinstance(spec.costs.coefficients, dict):
        coef = np.array([spec.costs.coefficients[v] for v in arrays.variables])
        se = np.array([spec.costs.std_errors.get(v, 0.0) for v in arrays.variables])
        return np.tile(coef, (s, 1)), np.tile(np.diag(se**2), (s, 1, 1)), []
    d = spec.data
    estimates = []
    coef = np.zeros((s, k))
    vcov = np.zeros((s, k, k))
    for i, sector in enumerate(arrays.sectors):
        part = frame if not d.sector else frame.loc[frame[d.sector].astype(str) == sector]
        try:
            est = estimate_ppml(
                part,
                list(arrays.variables),
                trade=d.trade,
                exporter=d.exporter,
                importer=d.importer,
            )
        except ModelInputError as exc:
            raise GEScenarioError(f"estimating trade costs (sector {sector}): {exc}") from None
        estimates.append(est)
        coef[i], vcov[i] = est.coef, est.vcov
    return coef, vcov, estimates


def _trade_cost(x: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """``T = exp(b'x)``, ``(s, n, n)`` from ``x`` ``(s, n, n, k)`` and ``coef`` ``(s, k)``."""
    return np.asarray(np.exp(np.einsum("snmk,sk->snm", x, coef)), dtype=np.float64)


@dataclass(frozen=True)
class GESolve:
    baseline: GEBaseline
    conditional: GEState
    full: GEState


def solve_scenario(
    arrays: GravityArrays, coef: np.ndarray, sigma: float, reference: int, tol: float, max_iter: int
) -> GESolve:
    """Baseline, conditional and full GE for coefficients ``coef`` ``(b, k)`` where ``b`` is a
    multiple of the number of sectors (draws stacked sector-fastest)."""
    reps = coef.shape[0] // len(arrays.sectors)

    def tile(a: np.ndarray) -> np.ndarray:
        return np.tile(a, (reps,) + (1,) * (a.ndim - 1))

    x, x1 = tile(arrays.x), tile(arrays.x1)
    base = solve_baseline(
        _trade_cost(x, coef),
        tile(arrays.output),
        tile(arrays.expenditure),
        sigma,
        reference,
        tile(arrays.tau0),
        tol=tol,
        max_iter=max_iter,
    )
    t1, tau1 = _trade_cost(x1, coef), tile(arrays.tau1)
    cond = solve_counterfactual(base, t1, tau1, closure="conditional", tol=tol, max_iter=max_iter)
    full = solve_counterfactual(base, t1, tau1, closure="full", tol=tol, max_iter=max_iter)
    return GESolve(base, cond, full)


def _split(state: GEState, draw: int, s: int) -> GEState:
    sl = slice(draw * s, (draw + 1) * s)
    arrays = {
        f.name: getattr(state, f.name)[sl]
        for f in dataclasses.fields(state)
        if isinstance(getattr(state, f.name), np.ndarray)
    }
    return dataclasses.replace(state, **arrays)


def _economy_matrix(sol: GESolve, s: int, draw: int = 0) -> np.ndarray:
    """``(n, len(ECONOMY_COLUMNS))``: the economy columns of one draw."""
    base = _split(sol.baseline.state, draw, s)
    full = economy_changes(base, _split(sol.full, draw, s))
    cond = economy_changes(base, _split(sol.conditional, draw, s))
    return np.column_stack(
        [
            full.real_gdp,
            full.welfare,
            full.factory_gate_price,
            full.terms_of_trade,
            full.export_price,
            full.import_price,
            full.foreign_exports,
            full.foreign_imports,
            full.intranational_trade,
            full.imr,
            full.omr,
            full.output,
            full.tariff_revenue,
            cond.foreign_exports,
            cond.foreign_imports,
            cond.imr,
            cond.omr,
        ]
    )


def _economy_frame(economies: tuple[str, ...], sol: GESolve, s: int) -> pd.DataFrame:
    frame = pd.DataFrame(_economy_matrix(sol, s), columns=list(ECONOMY_COLUMNS))
    frame.insert(0, "economy", list(economies))
    return frame


TERMS_OF_TRADE = (
    "terms_of_trade_change_pct = PX / PM - 1: Laspeyres export over Laspeyres import price "
    "index, both at world (tariff-exclusive, f.o.b. = factory-gate) prices, weighted by "
    "baseline foreign trade at exporters' values (export_price_change_pct, "
    "import_price_change_pct); real GDP (Y / P) is reported separately"
)
AGGREGATION = {
    "ces": "CES-consistent uniform equivalent: the pair's sector rate changes so that its CES "
    "price index over the register's products (model sigma, baseline tariff-inclusive "
    "expenditure shares, trade outside the products untaxed) changes as with the product "
    "rates; baseline rate = trade-weighted mean",
    "arithmetic": "pre-tariff trade-weighted arithmetic mean of the product rates on each date "
    "(overstates the shock: it is never below the CES equivalent)",
}
SECTOR_PROXY = (
    "a proxy: the register's product tariffs are applied to a broad GE sector (the bundled "
    "data: 2006 aggregate manufacturing) as one uniform rate on all of the pair's trade in it. "
    "The model then cannot show the large falls in the tariffed products themselves nor "
    "substitution among products within the sector, and it spreads the shock over the 2006 "
    "sector's structure and trade shares"
)


def _require_finite(name: str, table: pd.DataFrame) -> None:
    """Refuse a result with a number that is not finite, naming where it is."""
    numbers = table.select_dtypes("number")
    bad = ~np.isfinite(numbers.to_numpy(dtype=np.float64))
    if bad.any():
        row, col = (int(x) for x in np.argwhere(bad)[0])
        raise ThawError(
            f"the GE result's {name} table has a non-finite {numbers.columns[col]} (row {row}): "
            "check the data for economies without trade, or raise sigma"
        )


def run_ge(
    spec: GEScenario,
    frame: pd.DataFrame,
    *,
    draws: int | None = None,
    seed: int | None = None,
    assumptions: dict[str, Any] | None = None,
    extra_tariffs: Sequence[GETariff] = (),
) -> GEResult:
    """Solve a GE scenario on ``frame``; with draws, Monte Carlo over the cost coefficients."""
    arrays = build_arrays(spec, frame, extra_tariffs)
    coef, vcov, estimates = cost_coefficients(spec, frame, arrays)
    ref = arrays.economies.index(spec.model.reference)
    s = len(arrays.sectors)
    tol, max_iter = spec.solver.tol, spec.solver.max_iter
    central = solve_scenario(arrays, coef, spec.model.sigma, ref, tol, max_iter)
    economies = _economy_frame(arrays.economies, central, s)
    base, full = central.baseline.state, central.full
    n = len(arrays.economies)
    ex, im = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    pairs = pd.DataFrame(
        {
            "sector": np.repeat(arrays.sectors, n * n),
            "exporter": np.tile(np.array(arrays.economies)[ex.ravel()], s),
            "importer": np.tile(np.array(arrays.economies)[im.ravel()], s),
            "observed_trade": arrays.observed.reshape(-1),
            "baseline_trade": base.receipts.reshape(-1),
            "conditional_trade": central.conditional.receipts.reshape(-1),
            "scenario_trade": full.receipts.reshape(-1),
            "tariff0_pct": 100 * (arrays.tau0.reshape(-1) - 1),
            "tariff1_pct": 100 * (arrays.tau1.reshape(-1) - 1),
        }
    )
    pairs["change_pct"] = 100 * (pairs["scenario_trade"] / pairs["baseline_trade"] - 1)
    alpha = base.spending / base.spending.sum(axis=0, keepdims=True)  # sector weights
    w_out = base.output / base.output.sum(axis=0, keepdims=True)
    levels = pd.DataFrame(
        {
            "economy": arrays.economies,
            "baseline_output": base.output.sum(axis=0),
            "scenario_output": full.output.sum(axis=0),
            "baseline_imr": np.exp((alpha * base.log_imr).sum(axis=0)),
            "scenario_imr": np.exp((alpha * full.log_imr).sum(axis=0)),
            "baseline_omr": np.exp((w_out * base.log_omr).sum(axis=0)),
            "scenario_omr": np.exp((w_out * full.log_omr).sum(axis=0)),
            "scenario_factory_gate_price": (w_out * full.price).sum(axis=0),
            "baseline_tariff_revenue": base.tariff_revenue.sum(axis=0),
            "scenario_tariff_revenue": full.tariff_revenue.sum(axis=0),
        }
    )
    diagnostics: dict[str, Any] = {
        "converged": True,
        "baseline_iterations": base.iterations,
        "conditional_iterations": central.conditional.iterations,
        "full_iterations": full.iterations,
        "max_residual": max(base.max_residual, central.conditional.max_residual, full.max_residual),
        "tol": tol,
        "min_factory_gate_price": float(full.price.min()),
    }
    bands = None
    n_draws = spec.monte_carlo.draws if draws is None else draws
    rng_seed = spec.monte_carlo.seed if seed is None else seed
    if n_draws:
        if not np.any(vcov):
            raise ThawError(
                "Monte Carlo needs the coefficients' uncertainty: estimate them, or give "
                "[costs] std_errors"
            )
        bands = _monte_carlo(arrays, coef, vcov, spec, ref, n_draws, rng_seed)
        diagnostics["draws"] = n_draws
    coefficients = pd.DataFrame(
        {
            "sector": np.repeat(arrays.sectors, len(arrays.variables)),
            "variable": list(arrays.variables) * s,
            "coefficient": coef.reshape(-1),
            "std_error": np.sqrt(np.diagonal(vcov, axis1=1, axis2=2)).reshape(-1),
        }
    )
    info = {
        "model": "Structural gravity, endowment economy (Anderson & van Wincoop 2003; Yotov et "
        "al. 2016, ch. 2): CES demand with elasticity sigma, trade costs T = exp(b'x), "
        "expenditure = phi x output with imbalances kept proportional; full GE = factory-gate "
        "prices adjust; conditional GE = output and expenditure fixed",
        "sigma": spec.model.sigma,
        "sigma_source": spec.model.sigma_source or "given in the scenario file",
        "reference_importer": spec.model.reference,
        "normalisation": f"inward multilateral resistance of {spec.model.reference} = 1",
        "coefficients": "estimated by PPML with exporter and importer fixed effects (pyfixest)"
        if estimates
        else (spec.costs.source or "given in the scenario file"),
        "changes": [c.model_dump() for c in spec.change],
        "tariffs": [t.model_dump() for t in (*spec.tariff, *extra_tariffs)],
        "monte_carlo": f"{n_draws} draws of the coefficients from N(b, V), seed {rng_seed}"
        if n_draws
        else "none",
        "sectors": "independent; aggregated with a Cobb-Douglas upper tier (levels: "
        "resistances as geometric means with baseline spending / output weights)"
        if s > 1
        else "one sector",
        "sigma_rule": f"sigma >= {SIGMA_MIN}: closer to 1 the price-index levels overflow; "
        "changes are computed in logs",
        "terms_of_trade": TERMS_OF_TRADE,
    }
    if spec.from_register is not None:
        info["register_aggregation"] = AGGREGATION[spec.from_register.aggregation]
        info["register_sector_proxy"] = SECTOR_PROXY
    info.update(assumptions or {})
    for name, table in (("economies", economies), ("pairs", pairs), ("levels", levels)):
        _require_finite(name, table)
    if bands is not None:
        _require_finite("bands", bands)
    return GEResult(
        scenario=spec.scenario.name,
        economies=economies,
        pairs=pairs,
        levels=levels,
        coefficients=coefficients,
        diagnostics=diagnostics,
        assumptions=info,
        draws=n_draws,
        bands=bands,
    )


def _monte_carlo(
    arrays: GravityArrays,
    coef: np.ndarray,
    vcov: np.ndarray,
    spec: GEScenario,
    ref: int,
    draws: int,
    seed: int,
    batch: int = 256,
) -> pd.DataFrame:
    """Percentiles of every economy column over ``draws`` coefficient draws. Draw ``d`` uses
    ``default_rng([seed, d])``, so results do not depend on the batching."""
    s = coef.shape[0]
    rows: list[np.ndarray] = []
    for start in range(0, draws, batch):
        ids = range(start, min(draws, start + batch))
        stacked = np.concatenate(
            [
                np.stack(
                    [
                        np.random.default_rng([seed, d, sector]).multivariate_normal(
                            coef[sector], vcov[sector], method="eigh"
                        )
                        for sector in range(s)
                    ]
                )
                for d in ids
            ]
        )
        sol = solve_scenario(
            arrays, stacked, spec.model.sigma, ref, spec.solver.tol, spec.solver.max_iter
        )
        rows.extend(_economy_matrix(sol, s, j) for j in range(len(ids)))
    values = np.stack(rows)  # (draws, n, metrics)
    pct = np.percentile(values, BAND_PERCENTILES, axis=0)
    out: dict[str, Any] = {"economy": list(arrays.economies)}
    for m, name in enumerate(ECONOMY_COLUMNS):
        for q, p in enumerate(BAND_PERCENTILES):
            out[f"{name}_p{int(p):02d}"] = pct[q, :, m]
    return pd.DataFrame(out)
