"""Running a GE scenario: gravity data to arrays, trade costs (given or PPML), the baseline, the
conditional and full-endowment counterfactuals, and Monte Carlo over the cost coefficients.

Monte Carlo (as gegravity's MonteCarloGE): coefficients are drawn from a multivariate normal
with the PPML covariance (or independent normals from given standard errors); every draw
recalibrates the baseline and solves the counterfactual. Draws are solved together as one batch
(the solver is vectorised over its leading axis), so a thousand draws cost about as much as a
few dozen single solves.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from thaw.errors import ModelInputError, ThawError
from thaw.models.ge import (
    GEBaseline,
    GEState,
    economy_changes,
    solve_baseline,
    solve_counterfactual,
)
from thaw.models.ppml import PPMLEstimate, estimate_ppml
from thaw.scenarios.ge_results import ECONOMY_COLUMNS, GEResult
from thaw.scenarios.ge_spec import GEScenario, GEScenarioError, GETariff

BAND_PERCENTILES = (5.0, 50.0, 95.0)


@dataclass(frozen=True)
class GravityArrays:
    """Square arrays of one scenario: ``economies`` (n), ``sectors`` (s); ``x`` cost variables
    ``(s, n, n, k)`` baseline and ``x1`` scenario; ``output``, ``expenditure`` ``(s, n)``;
    ``tau0``, ``tau1`` tariff factors ``(s, n, n)``; ``observed`` trade ``(s, n, n)``."""

    economies: tuple[str, ...]
    sectors: tuple[str, ...]
    variables: tuple[str, ...]
    x: np.ndarray
    x1: np.ndarray
    output: np.ndarray
    expenditure: np.ndarray
    tau0: np.ndarray
    tau1: np.ndarray
    observed: np.ndarray


def read_gravity_data(
    spec: GEScenario, folder: Path, data: str | Path | None = None
) -> pd.DataFrame:
    """The gravity data file (CSV or Parquet), filtered to the scenario's year."""
    path = Path(data) if data is not None else folder / spec.data.file
    if not path.exists():
        raise GEScenarioError(
            f"gravity data {path} not found: give it with --data FILE (for the bundled "
            "scenarios: gegravity's public sample, sample_data_set.dlm in the USITC gegravity "
            "repository, or any file with the same columns)"
        )
    try:
        frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise GEScenarioError(f"{path}: cannot read the gravity data ({exc})") from None
    d = spec.data
    if d.year is not None:
        if d.year_column not in frame.columns:
            raise GEScenarioError(f"{path}: no column '{d.year_column}' to select year {d.year}")
        frame = frame.loc[frame[d.year_column] == d.year]
        if frame.empty:
            raise GEScenarioError(f"{path}: no rows for year {d.year}")
    return frame.reset_index(drop=True)


def build_arrays(
    spec: GEScenario, frame: pd.DataFrame, extra_tariffs: Sequence[GETariff] = ()
) -> GravityArrays:
    """Square the data: every (sector, exporter, importer) exactly once, all economies both
    exporters and importers; apply the scenario's changes and tariffs (and ``extra_tariffs``,
    e.g. from the register)."""
    d = spec.data
    variables = tuple(spec.costs.variables)
    cols = [d.exporter, d.importer, d.trade, *variables]
    cols += [c for c in (d.output, d.expenditure, d.sector) if c]
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise GEScenarioError(f"the gravity data lack column(s) {', '.join(missing)}")
    f = frame.copy()
    f[d.exporter] = f[d.exporter].astype(str).str.upper()
    f[d.importer] = f[d.importer].astype(str).str.upper()
    sector_col = d.sector or "_sector"
    if not d.sector:
        f[sector_col] = "all"
    f[sector_col] = f[sector_col].astype(str)
    economies = tuple(sorted(set(f[d.exporter]) | set(f[d.importer])))
    sectors = tuple(sorted(f[sector_col].unique()))
    n, s, k = len(economies), len(sectors), len(variables)
    pos = {e: i for i, e in enumerate(economies)}
    spos = {x: i for i, x in enumerate(sectors)}
    ii = f[d.exporter].map(pos).to_numpy()
    jj = f[d.importer].map(pos).to_numpy()
    ss = f[sector_col].map(spos).to_numpy()
    key = (ss * n + ii) * n + jj
    if np.unique(key).size != len(f):
        raise GEScenarioError("a (sector, exporter, importer) pair appears more than once")
    if len(f) != s * n * n:
        raise GEScenarioError(
            f"the gravity data must hold every exporter-importer pair (own trade included): "
            f"{len(f)} rows for {s} sector(s) x {n} x {n} economies"
        )
    values = f[list(variables)].astype(float).to_numpy()
    if not np.all(np.isfinite(values)):
        raise GEScenarioError("cost variables must be numbers for every pair")
    x = np.zeros((s, n, n, k))
    x[ss, ii, jj] = values
    observed = np.zeros((s, n, n))
    observed[ss, ii, jj] = f[d.trade].astype(float).to_numpy()

    def by(col: str | None, axis: int, index: np.ndarray) -> np.ndarray:
        out = np.zeros((s, n))
        if col is None:
            return np.asarray(observed.sum(axis=axis), dtype=np.float64)
        out[ss, index] = f[col].astype(float).to_numpy()
        return out

    output = by(d.output, 2, ii)
    expenditure = by(d.expenditure, 1, jj)
    if np.any(~(output > 0)) or np.any(~(expenditure > 0)):
        bad = economies[int(np.argwhere(~((output > 0) & (expenditure > 0)))[0][1])]
        raise GEScenarioError(f"{bad} has no output or no expenditure; drop it from the data")
    x1 = x.copy()
    for ch in spec.change:
        v = variables.index(ch.variable)
        for exp_code, imp_code in ch.pairs:
            x1[:, _where(exp_code, pos), _where(imp_code, pos), v] = ch.value
    tau0 = np.ones((s, n, n))
    tau1 = np.ones((s, n, n))
    for t in (*spec.tariff, *extra_tariffs):
        sel = slice(None) if t.sector is None else spos.get(t.sector)
        if sel is None:
            raise GEScenarioError(f"[[tariff]] sector {t.sector!r} is not in the data")
        e_pos, i_pos = _where(t.exporter, pos), _where(t.importer, pos)
        if e_pos == i_pos:
            raise GEScenarioError(
                f"[[tariff]] {t.exporter}->{t.importer}: a tariff needs two economies"
            )
        tau0[sel, e_pos, i_pos] = 1.0 + t.baseline / 100.0
        tau1[sel, e_pos, i_pos] = 1.0 + t.scenario / 100.0
    if spec.model.reference not in pos:
        raise GEScenarioError(_unknown(spec.model.reference, pos, "reference"))
    return GravityArrays(
        economies, sectors, variables, x, x1, output, expenditure, tau0, tau1, observed
    )


def _unknown(code: str, pos: dict[str, int], what: str) -> str:
    near = difflib.get_close_matches(code, list(pos), n=3)
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    return f"{what} economy {code!r} is not in the gravity data{hint}"


def _where(code: str, pos: dict[str, int]) -> int:
    if code not in pos:
        raise GEScenarioError(_unknown(code, pos, "pair"))
    return pos[code]


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
    return GEState(
        price=state.price[sl],
        output=state.output[sl],
        spending=state.spending[sl],
        absorption=state.absorption[sl],
        imr=state.imr[sl],
        omr=state.omr[sl],
        trade=state.trade[sl],
        receipts=state.receipts[sl],
        tariff_revenue=state.tariff_revenue[sl],
        iterations=state.iterations,
        max_residual=state.max_residual,
    )


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
    levels = pd.DataFrame(
        {
            "economy": arrays.economies,
            "baseline_output": base.output.sum(axis=0),
            "scenario_output": full.output.sum(axis=0),
            "baseline_imr": base.imr.mean(axis=0) if s == 1 else np.nan,
            "scenario_imr": full.imr.mean(axis=0) if s == 1 else np.nan,
            "baseline_omr": base.omr.mean(axis=0) if s == 1 else np.nan,
            "scenario_omr": full.omr.mean(axis=0) if s == 1 else np.nan,
            "scenario_factory_gate_price": full.price.mean(axis=0) if s == 1 else np.nan,
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
        "sectors": "independent; aggregated with a Cobb-Douglas upper tier"
        if s > 1
        else "one sector",
    }
    info.update(assumptions or {})
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
