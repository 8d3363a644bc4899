"""The goal tracker: Canada's non-US exports against a path that doubles them by 2035.

The goal (PM Carney, Ottawa, 2025-10-22): double Canada's exports to countries other than the
United States within a decade. How "a decade" maps onto years is a choice, so the path is named:

* ``"doubling"`` (default): from the base-year level (2024, the last full year before the goal
  was set) to twice it in the target year (2035), at the constant rate
  ``2^(1/(target - base)) - 1`` (2024 -> 2035: 11 years, 6.50% a year);
* ``"decade"``: the value stays at the base level until ``target - 10`` (2025) and doubles over
  the ten years to the target (2025-2035) at ``2^(1/10) - 1`` = 7.18% a year, so the path
  for 2025 is still the 2024 level.

The 2025 observation is reported as a gap to the path (it does not move the base). The observed
series is the bundled ``goal_non_us_exports.csv`` (merchandise exports, balance-of-payments
basis, **nominal** C$ billion, not deflated; every value derived from sourced totals and saying
how).

Next to the goal, the tracker shows where the trend would lead. The trend is named too:

* ``"fit"`` (default): a log-linear OLS fit, ``log(value) = a + b year``, on the observed years
  in the window (default 2014-2024: the years before the goal, ending at the base year; 2025 is
  left out as it is what is tracked against the path, and much of its rise is gold); its growth
  rate ``exp(b) - 1`` is carried forward from the base-year level, and its R^2 (on logs) and
  the years it used are reported;
* ``"endpoint"``: the constant rate between the window's first and last years' values.

A GE scenario's percent change in Canada's exports to partners other than the US (full-endowment
GE, comparative statics) is applied as a level shift to the trend, phased in by the target year.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from thaw.errors import ThawError
from thaw.scenarios.goal.load import observed_non_us_exports
from thaw.scenarios.goal.results import GoalTrack

GOAL_SOURCE = (
    "Goal announced in PM Carney's speech in Ottawa, 2025-10-22 (Bloomberg mirror, "
    "https://www.newstrenders.com/2025/10/23/carney-sets-goal-of-doubling-canadas-non-u-s-exports-in-a-decade"
    "; CP via InfoNews, https://infonews.ca/news/7396152/pm-carney-to-lay-groundwork-for-coming-"
    "federal-budget-in-speech)"
)
#: The goal paths: name -> what it is.
PATHS = {
    "doubling": "doubling from the base year to the target year at a constant rate",
    "decade": "held at the base level until ten years before the target year, then doubling "
    "over those ten years at a constant rate",
}
#: The trends: name -> what it is.
TRENDS = {
    "fit": "log-linear OLS fit on the observed years of the window, its growth rate carried "
    "forward from the base-year level",
    "endpoint": "constant growth between the window's first and last observed values, carried "
    "forward from the base-year level",
}
#: What the values are.
UNITS = "nominal C$ billion (current dollars, not adjusted for inflation)"


def non_us_export_effect(ge_result: Any, economy: str = "CAN", excluded: str = "USA") -> float:
    """Percent change in ``economy``'s exports to partners other than itself and ``excluded``
    in a GE result (full GE, exporters' values)."""
    pairs = ge_result.to_frame("pairs")
    mask = (
        (pairs["exporter"] == economy)
        & (pairs["importer"] != economy)
        & (pairs["importer"] != excluded)
    )
    if not mask.any():
        raise ThawError(
            f"the GE scenario has no exports from {economy} to partners besides {excluded}"
        )
    sel = pairs.loc[mask]
    return float(100 * (sel["scenario_trade"].sum() / sel["baseline_trade"].sum() - 1))


def _latest_note(obs: pd.DataFrame, year: int) -> str:
    """How the latest observed value was derived, with its caveat (the row's note)."""
    row = obs.loc[obs["year"] == year].iloc[0]
    note = str(row.get("note", "") or "")
    return f"{year}: {row['derivation']}" + (f". {note}" if note else "")


def log_linear_fit(years: np.ndarray, values: np.ndarray) -> tuple[float, float, float]:
    """OLS of ``log(values)`` on ``years``: (growth rate a year ``exp(b) - 1``, intercept ``a``,
    R^2 on logs)."""
    x = np.asarray(years, np.float64)
    y = np.log(np.asarray(values, np.float64))
    xc = x - x.mean()
    slope = float(xc @ (y - y.mean()) / (xc @ xc))
    intercept = float(y.mean() - slope * x.mean())
    resid = y - (intercept + slope * x)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - float(resid @ resid) / total if total > 0 else 1.0
    return float(np.expm1(slope)), intercept, r2


def _goal_rate(path: str, multiple: float, base_year: int, target_year: int, decade: int) -> float:
    if path == "doubling":
        return float(multiple ** (1.0 / (target_year - base_year)) - 1.0)
    return float(multiple ** (1.0 / decade) - 1.0)


def track_goal(
    *,
    base_year: int = 2024,
    target_year: int = 2035,
    multiple: float = 2.0,
    path: str = "doubling",
    trend: str = "fit",
    years_to_double: int = 10,
    trend_from: int = 2014,
    trend_to: int | None = None,
    scenario: str | None = None,
    scenario_effect_pct: float | None = None,
    observed: pd.DataFrame | None = None,
) -> GoalTrack:
    """The goal path ``path`` (:data:`PATHS`: ``multiple`` x the ``base_year`` value by
    ``target_year``; ``"decade"`` does it over the last ``years_to_double`` years), the trend
    ``trend`` (:data:`TRENDS`) over ``trend_from``-``trend_to`` (default: to the base year)
    carried forward from the base-year level, and the trend shifted by a scenario's percent
    effect. Values are nominal C$ billion."""
    if path not in PATHS:
        raise ThawError(f"unknown goal path {path!r}; choose from {', '.join(PATHS)}")
    if trend not in TRENDS:
        raise ThawError(f"unknown trend {trend!r}; choose from {', '.join(TRENDS)}")
    obs = observed_non_us_exports() if observed is None else observed
    by_year = obs.set_index("year")["value"]
    trend_to = base_year if trend_to is None else trend_to
    for year in (base_year, trend_from, trend_to):
        if year not in by_year.index:
            raise ThawError(
                f"no observed non-US exports for {year}; years available: "
                f"{', '.join(str(y) for y in by_year.index)}"
            )
    if not (trend_from < trend_to and trend_from < base_year < target_year):
        raise ThawError("need trend_from < trend_to, and trend_from < base_year < target_year")
    if path == "decade" and not 0 < years_to_double <= target_year - base_year:
        raise ThawError("the decade path needs 0 < years_to_double <= target_year - base_year")
    base = float(by_year[base_year])
    goal_rate = _goal_rate(path, multiple, base_year, target_year, years_to_double)
    window = by_year.loc[trend_from:trend_to]
    fit: dict[str, Any] = {
        "window": [trend_from, trend_to],
        "years": [int(y) for y in window.index],
    }
    if trend == "fit":
        if len(window) < 3:
            raise ThawError(
                f"a fitted trend needs 3 or more observed years in {trend_from}-"
                f"{trend_to}; there are {len(window)}"
            )
        trend_rate, intercept, r2 = log_linear_fit(window.index.to_numpy(), window.to_numpy())
        fit.update(
            {
                "r_squared": r2,
                "fitted_line_at_base_cad_billion": float(
                    np.exp(intercept + np.log1p(trend_rate) * base_year)
                ),
            }
        )
    else:
        trend_rate = float(
            (float(by_year[trend_to]) / float(by_year[trend_from]))
            ** (1.0 / (trend_to - trend_from))
            - 1.0
        )
    years = np.arange(base_year, target_year + 1)
    if path == "doubling":
        steps = years - base_year
    else:
        steps = np.clip(years - (target_year - years_to_double), 0, None)
    goal = base * (1.0 + goal_rate) ** steps
    trend_values = base * (1.0 + trend_rate) ** (years - base_year)
    effect = 0.0 if scenario_effect_pct is None else scenario_effect_pct / 100.0
    phase = (years - base_year) / (target_year - base_year)  # phased in linearly to the target
    observed_on_path = [float(by_year[y]) if y in by_year.index else np.nan for y in years]
    frame = pd.DataFrame(
        {
            "year": years,
            "goal": goal,
            "trend": trend_values,
            "trend_with_scenario": trend_values * (1.0 + effect * phase),
            "observed": observed_on_path,
            "gap_to_goal": np.asarray(observed_on_path) - goal,  # observed - path; > 0: ahead
        }
    )
    latest = int(max(y for y in by_year.index if y <= target_year))
    if path == "doubling":
        goal_text = (
            f"doubling from the base year to the target year: {multiple:g}x the {base_year} "
            f"level by {target_year}, over {target_year - base_year} years "
            f"({100 * goal_rate:.2f}% a year)"
        )
    else:
        start = target_year - years_to_double
        goal_text = (
            f"decade {start}-{target_year}: the {base_year} level held to {start}, then "
            f"{multiple:g}x by {target_year} over {years_to_double} years "
            f"({100 * goal_rate:.2f}% a year)"
        )
    if trend == "fit":
        trend_text = (
            f"log-linear OLS fit on the observed years {trend_from}-{trend_to} "
            f"({', '.join(str(y) for y in window.index)}): {100 * trend_rate:.2f}% a year, "
            f"R^2 {fit['r_squared']:.3f} (on logs); the rate is carried forward from the "
            f"{base_year} level"
        )
    else:
        trend_text = (
            f"endpoint growth {trend_from}-{trend_to} ({100 * trend_rate:.2f}% a year), "
            f"carried forward from the {base_year} level"
        )
    return GoalTrack(
        observed=obs,
        path=frame,
        base_year=base_year,
        base_value=base,
        target_year=target_year,
        goal_growth_pct=100 * goal_rate,
        trend_growth_pct=100 * trend_rate,
        trend_years=(trend_from, trend_to),
        scenario=scenario,
        scenario_effect_pct=scenario_effect_pct,
        latest_year=latest,
        path_name=path,
        path_definition=goal_text,
        trend_name=trend,
        trend_definition=trend_text,
        trend_fit=fit,
        units=UNITS,
        assumptions={
            "goal": goal_text,
            "goal_path": path,
            "goal_source": GOAL_SOURCE,
            "series": "Canada's merchandise exports to countries other than the US, nominal C$ "
            "billion (current dollars, not deflated), balance-of-payments basis (bundled "
            "goal_non_us_exports.csv)",
            "units": UNITS,
            "trend": trend_text,
            "trend_method": trend,
            "latest": _latest_note(obs, latest),
            "scenario": "GE percent change in exports to partners other than the US, applied "
            "to the trend as a level shift phased in linearly by the target year"
            if scenario
            else "none",
        },
    )
