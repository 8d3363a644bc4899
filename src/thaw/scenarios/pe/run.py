"""Running a PE dataset through a model, with optional Monte Carlo over elasticities.

Models: ``smart`` (WITS SMART, one importing market at a time, imports only), ``gsim``
(Francois & Hall 2003, all markets at once, linear) and ``armington`` (exact levels model).

Monte Carlo (:func:`draw_elasticities`): each elasticity of each (product, economy) has its own
marginal distribution. Where its row gives a range (the bundled elasticities do, from the spread
of the studies), the triangular distribution on that range with its mode at the point value;
otherwise a log-normal distribution whose median is the point value and whose coefficient of
variation is ``cv`` (default 0.25). Signs are kept and infinite export supply elasticities stay
infinite. For the multi-market models sigma and E_m are drawn jointly: sigma first, then E_m
from its distribution truncated to ``[-sigma, 0]`` (inverse CDF on the truncated range), so that
``sigma + E_m >= 0`` in every draw: a tax on one supplier never lowers its rivals' sales (the
cross-price elasticity ``theta (E_m + sigma)`` stays >= 0). SMART keeps independent draws (its
rivals gain through trade diversion whatever E_m).

Every number is keyed to what it is for: the uniform behind draw ``i`` of a cell is a
counter-based hash (SplitMix64's finaliser) of the scenario seed, ``i`` and a stable key of the
cell's labels (product, economy, parameter; :func:`thaw.scenarios.pe.dataset.cell_key`). A draw
depends neither on how draws are split across partitions or workers nor on which other flows,
products or economies are in the data: adding an unrelated flow leaves every other market's
draws, and so its bands, unchanged. Draws run
through Dask: a local scheduler by default (synchronous for problems under
``SMALL_PROBLEM_FLOWS`` flows, where threads only contend for the GIL; threaded above), or a
``distributed`` cluster when
``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from thaw.errors import InfeasibleSolutionError, ModelInputError, NonConvergenceError, ThawError
from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem, segment_sum
from thaw.models.quota import QuotaOutcome, QuotaSpec, solve_with_quotas
from thaw.models.smart import solve_smart, wits_welfare
from thaw.models.solution import PESolution
from thaw.scenarios.pe.dataset import PARAMETERS, WELFARE_CONVENTIONS, PEDataset, cell_key
from thaw.scenarios.pe.results import BAND_PERCENTILES, ECONOMY_METRICS, PEResult

PEModel = Literal["smart", "gsim", "armington"]
PE_MODELS: tuple[str, ...] = ("smart", "gsim", "armington")
MODEL_DESCRIPTIONS = {
    "smart": "WITS SMART single-market model (Jammes & Olarreaga 2005): Armington varieties by "
    "partner, trade creation and diversion, finite export supply; closed forms",
    "gsim": "GSIM (Francois & Hall 2003): all importers and exporters of a product at once, "
    "proportional-change (linear) form, world prices clear every exporter's market",
    "armington": "Exact multi-market Armington model in levels: CES import demand by market, "
    "constant-elasticity export supply, solved by Newton's method",
}
MAX_FAILED_SHARE = 0.05
OUTSIDE_BAND_NOTE = (
    "the point estimate (every elasticity at its preferred value) lies outside the 5-95% band "
    "of the draws. The results are nonlinear in the elasticities (a 100% tariff's effect is "
    "far from linear in sigma), and the elasticity distributions are skewed where a preferred "
    "value sits at the edge of its literature range (mode at the edge of a triangular range): "
    "the draws then centre away from the point. Read the point as 'with the preferred "
    "elasticities' and the band as 'over the literature's range'."
)
SMALL_PROBLEM_FLOWS = 100_000


def _solve_smart_all(problem: PEProblem, tol: float = 0.0, max_iter: int = 0) -> PESolution:
    """SMART in every importing market separately (domestic flows are left unchanged)."""
    n = problem.value.size
    value1 = problem.value.copy()
    q_change = np.zeros(n)
    p_change_flow = np.zeros(n)
    cs = np.zeros(problem.n_markets)
    ps_flow = np.zeros(n)
    # flows within a region (exporter == importer) are not SMART partners: held fixed
    tr0 = segment_sum(problem.tariff0 * problem.value, problem.market, problem.n_markets)
    tr1 = tr0.copy()
    imported = np.flatnonzero(problem.exporter != problem.importer)
    by_market = imported[np.argsort(problem.market[imported], kind="stable")]
    starts = np.searchsorted(problem.market[by_market], np.arange(problem.n_markets + 1))
    for m in range(problem.n_markets):
        fl = by_market[starts[m] : starts[m + 1]]
        if fl.size == 0:
            continue
        suppliers_ex = problem.export_supply_s[problem.supplier[fl]]
        if not np.allclose(suppliers_ex, suppliers_ex[0]):
            raise ModelInputError(
                "SMART needs one export supply elasticity for all partners of a market; "
                "give export_supply for the product with economy '*' or use model 'gsim'"
            )
        sol = solve_smart(
            problem.value[fl],
            problem.tariff0[fl],
            problem.tariff1[fl],
            import_demand=float(problem.import_demand_m[m]),
            sigma=float(problem.sigma_m[m]),
            export_supply=float(suppliers_ex[0]),
        )
        value1[fl] = sol.value1
        q_change[fl] = sol.trade_total / problem.value[fl]
        p_change_flow[fl] = sol.price_effect
        cs[m] = sol.consumer_surplus
        ps_flow[fl] = sol.producer_surplus
        tr1[m] = sol.tariff_revenue1
    ps = segment_sum(ps_flow, problem.supplier, problem.n_suppliers)
    # SMART has one price effect per partner and market; report the sales-weighted mean
    w = segment_sum(problem.value * p_change_flow, problem.supplier, problem.n_suppliers)
    return PESolution(
        model="smart",
        quantity_change=q_change,
        value1=value1,
        internal_price_change=(1 + problem.tariff1) / (1 + problem.tariff0) * (1 + p_change_flow)
        - 1,
        price_index_change=np.full(problem.n_markets, np.nan),
        consumer_surplus=cs,
        tariff_revenue0=tr0,
        tariff_revenue1=tr1,
        world_price_change=w / problem.sales0,
        producer_surplus=ps,
        converged=True,
        iterations=0,
        max_residual=0.0,
    )


SOLVERS: dict[str, Callable[..., PESolution]] = {
    "smart": _solve_smart_all,
    "gsim": solve_gsim,
    "armington": solve_armington,
}


def _solver(model: str, welfare: str = "exact") -> Callable[..., PESolution]:
    """The solver of ``model`` with the consumer-surplus convention ``welfare``."""
    if welfare == "exact":
        return SOLVERS[model]
    if model != "gsim":
        raise ModelInputError(
            f"welfare = {welfare!r} is the GSIM spreadsheet's consumer surplus and applies to "
            f"model 'gsim' only; got model {model!r} (use welfare = 'exact')"
        )
    return partial(solve_gsim, welfare=welfare)


@dataclass(frozen=True, slots=True)
class _Outcome:
    solution: PESolution
    quotas: QuotaOutcome | None
    problem: PEProblem  # the problem solved: rebased to the baseline when the data are not


def rebase(
    problem: PEProblem,
    tariff_data: np.ndarray,
    model: str,
    tol: float,
    max_iter: int,
    welfare: str = "exact",
) -> tuple[PEProblem, np.ndarray]:
    """The problem with its baseline values simulated from data observed under other tariffs.

    ``problem`` holds the observed values with ``tariff0`` = the baseline's tariffs; the model
    first moves the data from ``tariff_data`` to ``tariff0`` and the solved values become the
    baseline. Returns the rebased problem and each flow's factor converting quantities in data
    units (value at data prices) to rebased units (value at baseline prices). For the exact
    model the two steps equal one direct solve; for GSIM they are the usual re-basing of a
    linear model.
    """
    step = problem.replace(tariff0=tariff_data, tariff1=problem.tariff0)
    sol = _solver(model, welfare)(step, tol=tol, max_iter=max_iter)
    price = 1.0 + sol.world_price_change[problem.supplier]
    return problem.replace(value=sol.value1), price


def _solve(
    problem: PEProblem,
    quotas: QuotaSpec | None,
    model: str,
    tol: float,
    max_iter: int,
    tariff_data: np.ndarray | None = None,
    welfare: str = "exact",
) -> _Outcome:
    solver = _solver(model, welfare)
    if tariff_data is not None:
        problem, price = rebase(problem, tariff_data, model, tol, max_iter, welfare)
        if quotas is not None:  # volumes were converted at data prices
            quotas = dataclasses.replace(quotas, volume=quotas.volume * price[quotas.flow])
    if quotas is None:
        return _Outcome(solver(problem, tol=tol, max_iter=max_iter), None, problem)
    if model == "smart":
        raise ModelInputError("quotas need a multi-market model: use 'gsim' or 'armington'")
    sol, out = solve_with_quotas(problem, quotas, solver, tol=tol, max_iter=max_iter)
    return _Outcome(sol, out, problem)


def _flow_frame(f: pd.DataFrame, problem: PEProblem, sol: PESolution) -> pd.DataFrame:
    """One row per flow, in the dataset's order: its labels (the dataset's own string columns,
    not copied element by element) and the solution's arrays (percent where named so)."""

    def labels(col: str) -> Any:
        c = f[col]
        return (c if isinstance(c.dtype, pd.StringDtype) else c.astype(str)).array

    def percent(x: np.ndarray, minus_one: bool = False) -> np.ndarray:
        out = x - 1.0 if minus_one else x.copy()
        out *= 100.0
        return out

    value0 = problem.value
    return pd.DataFrame(
        {
            "product": labels("product"),
            "exporter": labels("exporter"),
            "importer": labels("importer"),
            "baseline_value": value0,
            "scenario_value": sol.value1,
            "change_pct": percent(sol.value1 / value0, minus_one=True),
            "quantity_change_pct": percent(sol.quantity_change),
            "tariff0": f["tariff0"].to_numpy(dtype=np.float64),
            "tariff1": f["tariff1"].to_numpy(dtype=np.float64),
            "world_price_change_pct": percent(sol.world_price_change[problem.supplier]),
        },
        copy=False,
    )


def _product_totals(products: list[str], problem: PEProblem, sol: PESolution) -> pd.DataFrame:
    """Baseline and scenario value summed by product (sorted labels, as ``groupby``), from the
    flows' integer product positions."""
    n_p = problem.n_products
    base = np.bincount(problem.product, weights=problem.value, minlength=n_p)
    scen = np.bincount(problem.product, weights=sol.value1, minlength=n_p)
    used = np.bincount(problem.product, minlength=n_p) > 0
    frame = pd.DataFrame(
        {
            "product": pd.array(products, dtype="str")[used],
            "baseline_value": base[used],
            "scenario_value": scen[used],
        }
    )
    frame["change_pct"] = 100 * (frame["scenario_value"] / frame["baseline_value"] - 1)
    return frame


def _economy_metrics(outcome: _Outcome, quotas: QuotaSpec | None) -> np.ndarray:
    """``(n_regions, len(ECONOMY_METRICS))`` aggregates of one solution."""
    sol = outcome.solution
    problem = outcome.problem
    r = problem.n_regions
    market_region = problem.market_keys % r
    supplier_region = problem.supplier_keys % r
    cs = np.bincount(market_region, weights=sol.consumer_surplus, minlength=r)
    tr = np.bincount(market_region, weights=sol.tariff_revenue1 - sol.tariff_revenue0, minlength=r)
    ps = np.bincount(supplier_region, weights=sol.producer_surplus, minlength=r)
    rent: np.ndarray = np.zeros(r)
    if outcome.quotas is not None and quotas is not None:
        holders = np.where(  # per quota: the exporter (VER, licences abroad) or the importer
            quotas.rent_to_exporter, problem.exporter[quotas.flow], problem.importer[quotas.flow]
        )
        rent = np.bincount(holders, weights=outcome.quotas.rent, minlength=r)
    foreign = problem.exporter != problem.importer
    delta = (sol.value1 - problem.value) * foreign
    exports = np.bincount(problem.exporter, weights=delta, minlength=r)
    imports = np.bincount(problem.importer, weights=delta, minlength=r)
    welfare = cs + ps + tr + rent
    wits = np.full(r, np.nan)  # WITS's SMART welfare figure: SMART runs only
    if sol.model == "smart":
        d_qty = sol.quantity_change * problem.value
        per_flow = wits_welfare(problem.tariff0, problem.tariff1, d_qty) * foreign
        wits = np.bincount(problem.importer, weights=per_flow, minlength=r)
    return np.column_stack([cs, ps, tr, rent, welfare, exports, imports, wits])


Ranges = dict[str, tuple[np.ndarray, np.ndarray]]
Keys = dict[str, np.ndarray]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64's output function on uint64 arrays (wrapping arithmetic): a bijection whose
    outputs for consecutive or related inputs are statistically independent."""
    x = np.asarray(x, dtype=np.uint64) + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _MIX1
    x = (x ^ (x >> np.uint64(27))) * _MIX2
    out: np.ndarray = x ^ (x >> np.uint64(31))
    return out


def _uniforms(keys: np.ndarray, seed: int, draw: int) -> np.ndarray:
    """Uniforms in (0, 1), one per cell, for draw ``draw``: a function of (seed, draw, cell key)
    only (counter-based; see the module docstring)."""
    seed_word = np.uint64(cell_key(str(seed), "seed", "monte-carlo"))
    counter = _mix64(np.array([seed_word ^ _mix64(np.array([draw], dtype=np.uint64))[0]]))[0]
    bits = _mix64(keys ^ counter) >> np.uint64(11)
    out: np.ndarray = (bits.astype(np.float64) + 0.5) * 2.0**-53
    return out


@lru_cache(maxsize=8)
def positional_keys(shape: tuple[int, int]) -> Keys:
    """Keys of a bare problem's cells by position (products and economies unnamed); datasets
    key cells by their labels instead (:meth:`PEDataset.draw_keys`)."""
    rows, cols = np.indices(shape)
    return {
        name: np.array(
            [
                cell_key(str(i), str(j), name)
                for i, j in zip(rows.ravel(), cols.ravel(), strict=True)
            ],
            dtype=np.uint64,
        ).reshape(shape)
        for name in PARAMETERS
    }


def _triangular(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Inverse CDF of the triangular distribution on ``[low, high]`` with mode ``mode``."""
    width = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        split = np.where(width > 0, (mode - low) / width, 0.0)
        left = low + np.sqrt(u * width * (mode - low))
        right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(width > 0, np.where(u < split, left, right), mode)


def _triangular_cdf(
    x: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """CDF of the triangular distribution on ``[low, high]`` with mode ``mode``."""
    width = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        left = (x - low) ** 2 / (width * (mode - low))
        right = 1.0 - (high - x) ** 2 / (width * (high - mode))
    inner = np.where(x <= mode, left, right)
    return np.where(x <= low, 0.0, np.where(x >= high, 1.0, inner))


def _marginal(
    u: np.ndarray, point: np.ndarray, low: np.ndarray, high: np.ndarray, cv: float
) -> np.ndarray:
    """Inverse CDF of a parameter's marginal: triangular where a range is given, else
    log-normal with median ``point`` and coefficient of variation ``cv`` (sign kept)."""
    s = np.sqrt(np.log1p(cv**2))
    with np.errstate(invalid="ignore", over="ignore"):
        value = point * np.exp(s * ndtri(u))
    ok = np.isfinite(low) & np.isfinite(high)
    if ok.any():
        tri = _triangular(u, np.where(ok, low, 0.0), point, np.where(ok, high, 0.0))
        value = np.where(ok, tri, value)
    out: np.ndarray = value
    return out


def _import_demand_given_sigma(
    u: np.ndarray,
    point: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    sigma: np.ndarray,
    cv: float,
) -> np.ndarray:
    """E_m drawn from its marginal truncated to ``[-sigma, 0]`` (inverse CDF on the truncated
    range), so that ``sigma + E_m >= 0`` holds in the draw by construction. Where the whole
    range lies below ``-sigma`` the draw is ``-sigma``, the nearest admissible value."""
    s = np.sqrt(np.log1p(cv**2))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # log-normal: |E_m| = |point| exp(s z) <= sigma  <=>  z <= log(sigma / |point|) / s
        z_max = np.log(sigma / np.abs(point)) / s
        value = point * np.exp(s * ndtri(u * ndtr(z_max)))
        value = np.where(point == 0, 0.0, value)
        ok = np.isfinite(low) & np.isfinite(high)
        if ok.any():
            lo, hi = np.where(ok, low, -1.0), np.where(ok, high, 0.0)
            a = np.maximum(lo, -sigma)
            f_a = _triangular_cdf(a, lo, point, hi)
            tri = _triangular(f_a + u * (1.0 - f_a), lo, point, hi)
            tri = np.where(a >= hi, -sigma, np.maximum(tri, -sigma))
            value = np.where(ok, tri, value)
    return np.where(np.isfinite(sigma), np.clip(value, -sigma, 0.0), value)


def draw_elasticities(
    problem: PEProblem,
    seed: int,
    draw: int,
    cv: float,
    ranges: Ranges | None = None,
    keys: Keys | None = None,
    joint: bool = True,
) -> PEProblem:
    """The problem with the elasticities of Monte Carlo draw ``draw`` (see module docstring):
    triangular on ``ranges[name] = (low, high)`` where those are finite, else log-normal; with
    ``joint``, E_m given sigma within ``[-sigma, 0]``. ``keys``: each cell's stable key
    (default: by position)."""
    shape = problem.sigma.shape
    keys = keys if keys is not None else positional_keys(shape)
    nan = np.full(shape, np.nan)
    bounds = {name: (ranges or {}).get(name, (nan, nan)) for name in PARAMETERS}
    u = {name: _uniforms(keys[name], seed, draw) for name in PARAMETERS}
    drawn = {
        name: _marginal(u[name], getattr(problem, name), *bounds[name], cv)
        for name in ("sigma", "export_supply")
    }
    if joint:
        drawn["import_demand"] = _import_demand_given_sigma(
            u["import_demand"],
            problem.import_demand,
            *bounds["import_demand"],
            drawn["sigma"],
            cv,
        )
    else:
        drawn["import_demand"] = _marginal(
            u["import_demand"], problem.import_demand, *bounds["import_demand"], cv
        )
    return problem.replace(**drawn)


@dataclass(frozen=True)
class _DrawSetup:
    """Everything a batch of Monte Carlo draws needs besides the problem."""

    quotas: QuotaSpec | None
    model: str
    tol: float
    max_iter: int
    seed: int
    cv: float
    ranges: Ranges | None
    tariff_data: np.ndarray | None
    keys: Keys | None = None
    welfare: str = "exact"


def _draw_batch(problem: PEProblem, setup: _DrawSetup, draws: Sequence[int]) -> list[Any]:
    out: list[Any] = []
    joint = setup.model != "smart"
    for d in draws:
        drawn = draw_elasticities(
            problem, setup.seed, d, setup.cv, setup.ranges, setup.keys, joint=joint
        )
        try:
            o = _solve(
                drawn,
                setup.quotas,
                setup.model,
                setup.tol,
                setup.max_iter,
                setup.tariff_data,
                setup.welfare,
            )
        except (NonConvergenceError, InfeasibleSolutionError) as exc:
            out.append((d, None, None, None, str(exc)))
            continue
        values = np.stack([o.problem.value, o.solution.value1])
        out.append((d, values, _economy_metrics(o, setup.quotas), None, None))
    return out


def _run_draws(
    problem: PEProblem,
    setup: _DrawSetup,
    draws: int,
    scheduler: Any,
    partitions: int | None,
    progress: Callable[[int, int], None] | None,
) -> list[Any]:
    from dask.base import compute
    from dask.delayed import delayed

    n_parts = partitions or max(1, min(draws, 32))
    chunks = [list(c) for c in np.array_split(np.arange(draws), n_parts) if len(c)]
    tasks = [delayed(_draw_batch)(problem, setup, c) for c in chunks]
    results: list[Any] = []
    if scheduler is None:
        # Small problems (a dispute's few dozen flows) spend their time in Python, where threads
        # contend for the GIL: Dask's synchronous scheduler is faster (1,000 draws of the
        # bundled dispute scenario: 1.9 s against 2.9 s threaded). Large ones use threads.
        scheduler = "sync" if problem.value.size < SMALL_PROBLEM_FLOWS else "threads"
    if scheduler in ("threads", "sync", "processes"):
        from dask.callbacks import Callback

        done = [0]

        class _Progress(Callback):
            def _posttask(self, key: Any, result: Any, dsk: Any, state: Any, id: Any) -> None:
                if isinstance(result, list) and progress is not None:
                    done[0] += len(result)
                    progress(done[0], draws)

        with _Progress():
            parts = compute(*tasks, scheduler=scheduler)
        for p in parts:
            results.extend(p)
    else:
        from distributed import Client, as_completed

        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
        try:
            futures = client.compute(tasks)
            for fut in as_completed(futures):
                part = fut.result()
                results.extend(part)
                if progress is not None:
                    progress(len(results), draws)
        finally:
            if not isinstance(scheduler, Client):
                client.close()
    return sorted(results, key=lambda t: t[0])


def point_percentile(draws: np.ndarray, point: np.ndarray) -> np.ndarray:
    """Where ``point`` sits among ``draws`` (axis 0), as a percentile: the share of draws below
    it plus half the share equal to it, times 100 (NaN where the point is NaN)."""
    below = (draws < point).mean(axis=0)
    equal = (draws == point).mean(axis=0)
    out: np.ndarray = np.where(np.isnan(point), np.nan, 100.0 * (below + 0.5 * equal))
    return out


def _is_outside(point: np.ndarray, pct: np.ndarray) -> np.ndarray:
    """Points strictly outside ``[p05, p95]`` (``pct``: the band percentiles on axis 0), by more
    than rounding."""
    low, high = pct[0], pct[-1]
    slack = 1e-9 * np.maximum(1.0, np.abs(point))
    with np.errstate(invalid="ignore"):
        out: np.ndarray = (point < low - slack) | (point > high + slack)
    return out


def _outside(point: float, pct: np.ndarray) -> dict[str, Any]:
    return {
        "point": float(point),
        "p05": float(pct[0]),
        "p95": float(pct[-1]),
        "side": "above" if point > pct[-1] else "below",
    }


def _joint_point_problems(dataset: PEDataset, problem: PEProblem) -> list[str]:
    """Markets whose point estimates break ``sigma + E_m >= 0``, which every joint draw keeps
    (a user's sigma below the bundled |E_m|, say): the point then lies outside the draws'
    support, and the result says so rather than refuse a run the user asked for."""
    gap = problem.sigma_m + problem.import_demand_m
    out = []
    for m in np.flatnonzero(gap < -1e-12):
        k = int(problem.market_keys[m])
        out.append(
            f"product {dataset.products[k // problem.n_regions]}, importer "
            f"{dataset.economies[k % problem.n_regions]}: sigma {problem.sigma_m[m]:g} + E_m "
            f"{problem.import_demand_m[m]:g} < 0 at the point; the draws keep E_m within "
            "[-sigma, 0], so the point lies outside their support"
        )
    return out


def run_pe(
    dataset: PEDataset,
    *,
    model: str = "armington",
    scenario: str = "scenario",
    tol: float = 1e-10,
    max_iter: int = 200,
    draws: int = 0,
    seed: int = 0,
    cv: float = 0.25,
    scheduler: Any = None,
    partitions: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    assumptions: dict[str, Any] | None = None,
    welfare: str | None = None,
) -> PEResult:
    """Solve ``dataset`` with ``model`` at the point elasticities, then ``draws`` Monte Carlo
    draws; return the labelled :class:`PEResult`. ``welfare``: the consumer-surplus convention,
    ``"exact"`` (thaw's) or ``"gsim"`` (GSIM's spreadsheet; model ``gsim`` only); default: the
    dataset's (the scenario file's ``[scenario] welfare``)."""
    if model not in PE_MODELS:
        raise ThawError(f"model must be one of {', '.join(PE_MODELS)}; got {model!r}")
    if draws < 0 or not 0 < cv < 5:
        raise ThawError("draws must be >= 0 and cv in (0, 5)")
    welfare = dataset.welfare if welfare is None else welfare
    if welfare not in WELFARE_CONVENTIONS:
        raise ThawError(f"welfare must be one of {', '.join(WELFARE_CONVENTIONS)}; got {welfare!r}")
    _solver(model, welfare)  # refuses a convention the model does not have, before any work
    problem = dataset.to_problem()
    quotas = dataset.quota_spec()
    tariff_data = dataset.tariff_data()
    central = _solve(problem, quotas, model, tol, max_iter, tariff_data, welfare)
    metrics = _economy_metrics(central, quotas)
    regions = dataset.economies
    products = dataset.products
    sol = central.solution
    flows = _flow_frame(dataset.flows, central.problem, sol)
    economies = pd.DataFrame(metrics, columns=list(ECONOMY_METRICS))
    economies.insert(0, "economy", regions)
    quota_frame = pd.DataFrame(
        columns=[
            "product",
            "exporter",
            "importer",
            "regime",
            "fill",
            "tariff_equivalent_pct",
            "rent",
            "rent_holder",
            "imports",
        ]
    )
    if central.quotas is not None and quotas is not None:
        q = central.quotas
        quota_frame = pd.DataFrame(
            {
                "product": [products[problem.product[i]] for i in quotas.flow],
                "exporter": [regions[problem.exporter[i]] for i in quotas.flow],
                "importer": [regions[problem.importer[i]] for i in quotas.flow],
                "regime": list(q.regime),
                "fill": q.fill,
                "tariff_equivalent_pct": 100 * q.tariff_equivalent,
                "rent": q.rent,
                "rent_holder": np.where(quotas.rent_to_exporter, "exporter", "importer"),
                "imports": q.imports,
            }
        )
    diagnostics: dict[str, Any] = {
        "converged": sol.converged,
        "iterations": sol.iterations,
        "max_residual": sol.max_residual,
        "tol": tol,
        "max_iter": max_iter,
    }
    economy_bands = flow_bands = None
    if draws:
        out = _run_draws(
            problem,
            _DrawSetup(
                quotas,
                model,
                tol,
                max_iter,
                seed,
                cv,
                dataset.elasticity_ranges(),
                tariff_data,
                # SMART: one export supply elasticity per product, so one draw for all partners
                dataset.draw_keys(by_product=("export_supply",) if model == "smart" else ()),
                welfare,
            ),
            draws,
            scheduler,
            partitions,
            progress,
        )
        ok = [t for t in out if t[1] is not None]
        failed = [t for t in out if t[1] is None]
        diagnostics["draws_failed"] = len(failed)
        if len(failed) > MAX_FAILED_SHARE * draws:
            raise ThawError(
                f"{len(failed)} of {draws} Monte Carlo draws failed ({failed[0][4]}); lower cv, "
                "or use model 'armington' for large shocks"
            )
        vals = np.stack([t[1] for t in ok])  # (draws, 2, flows): baseline and scenario values
        mets = np.stack([t[2] for t in ok])
        pct = np.percentile(mets, BAND_PERCENTILES, axis=0)  # (3, regions, metrics)
        where = point_percentile(mets, metrics)  # (regions, metrics)
        cols: dict[str, Any] = {"economy": regions}
        outside: list[dict[str, Any]] = []
        for j, name in enumerate(ECONOMY_METRICS):
            for k, p in enumerate(BAND_PERCENTILES):
                cols[f"{name}_p{int(p):02d}"] = pct[k, :, j]
            cols[f"{name}_point_percentile"] = where[:, j]
            outside += [
                {"economy": regions[i], "metric": name, **_outside(metrics[i, j], pct[:, i, j])}
                for i in np.flatnonzero(_is_outside(metrics[:, j], pct[:, :, j]))
            ]
        economy_bands = pd.DataFrame(cols)
        per_flow = {
            "scenario_value": (vals[:, 1], sol.value1),
            # varies by draw only when the baseline is simulated
            "baseline_value": (vals[:, 0], central.problem.value),
            "change_pct": (
                100 * (vals[:, 1] / vals[:, 0] - 1),
                100 * (sol.value1 / central.problem.value - 1),
            ),
        }
        flow_cols: dict[str, Any] = {}
        for name, (x, point) in per_flow.items():
            pc = np.percentile(x, BAND_PERCENTILES, axis=0)
            for k, p in enumerate(BAND_PERCENTILES):
                flow_cols[f"{name}_p{int(p):02d}"] = pc[k]
            flow_cols[f"{name}_point_percentile"] = point_percentile(x, point)
            if name != "baseline_value":
                outside += [
                    {
                        "flow": f"{flows['product'].iloc[i]} {flows['exporter'].iloc[i]}->"
                        f"{flows['importer'].iloc[i]}",
                        "metric": name,
                        **_outside(point[i], pc[:, i]),
                    }
                    for i in np.flatnonzero(_is_outside(point, pc))
                ]
        flow_bands = pd.DataFrame(flow_cols)
        diagnostics["outside_band"] = outside
        diagnostics["point_outside_joint_support"] = (
            [] if model == "smart" else _joint_point_problems(dataset, problem)
        )
        diagnostics["outside_band_note"] = OUTSIDE_BAND_NOTE if outside else ""
    info = {
        "model": MODEL_DESCRIPTIONS[model],
        "welfare": "consumer surplus + producer surplus + change in tariff revenue + quota rents",
        "consumer_surplus": (
            "GSIM spreadsheet convention -R (P^ - sign(P^) E_m P^^2 / 2), to compare with "
            "published GSIM numbers (overstates losses where prices rise)"
            if welfare == "gsim"
            else "thaw's exact area for the model's demand curves"
        ),
        "elasticity_defaults": None if dataset.defaults is None else vars(dataset.defaults),
        "elasticities": dataset.elasticities.to_dict(orient="records"),
        "monte_carlo": (
            f"{draws} draws, seed={seed}: triangular on each elasticity's sourced range "
            f"(mode at the point value) where it has one, else log-normal with median at the "
            f"point value and cv={cv}; "
            + (
                "independent draws (SMART)"
                if model == "smart"
                else "sigma first, then E_m truncated to [-sigma, 0] (sigma + E_m >= 0 in "
                "every draw)"
            )
            + "; each number keyed to (seed, draw, product, economy, parameter)"
            if draws
            else "none"
        ),
        "currency": dataset.currency,
        "value_unit": dataset.value_unit,
    }
    info.update(assumptions or {})
    return PEResult(
        product_totals=_product_totals(products, central.problem, sol),
        scenario=scenario,
        model=model,
        flows=flows,
        economies=economies,
        quotas=quota_frame,
        diagnostics=diagnostics,
        assumptions=info,
        draws=draws,
        economy_bands=economy_bands,
        flow_bands=flow_bands,
        currency=dataset.currency,
        value_unit=dataset.value_unit,
    )
