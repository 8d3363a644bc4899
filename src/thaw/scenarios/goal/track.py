"""The goal tracker: Canada's non-US exports against the path that doubles them by 2035.

The goal (PM Carney, Ottawa, 2025-10-22): double Canada's exports to countries other than the
United States within a decade. Doubling in ten years needs ``2^(1/10) - 1`` = 7.18% a year; the
path starts from the 2024 level (the last full year before the goal was set) and reaches twice
it in 2035: the decade runs 2025-2035, so the path for 2025 is still the 2024 level, and the
2025 observation is reported as a gap to that path (it does not move the base). The observed
series is the bundled ``goal_non_us_exports.csv`` (merchandise exports, balance-of-payments
basis, C$ billion; every value derived from sourced totals and saying how).

Next to the goal, the tracker shows where the 2014-2024 trend would lead, and how a GE scenario
would shift it: the scenario's percent change in Canada's exports to partners other than the US
(full-endowment GE, comparative statics) is applied as a level shift to the trend by 2035.
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


def track_goal(
    *,
    base_year: int = 2024,
    target_year: int = 2035,
    multiple: float = 2.0,
    years_to_double: int = 10,
    trend_from: int = 2014,
    scenario: str | None = None,
    scenario_effect_pct: float | None = None,
    observed: pd.DataFrame | None = None,
) -> GoalTrack:
    """The goal path from ``base_year`` (value ``multiple`` x base by ``target_year``, at the
    constant rate that multiplies it in ``years_to_double`` years), the ``trend_from``-to-base
    trend carried forward, and the trend shifted by a scenario's percent effect."""
    obs = observed_non_us_exports() if observed is None else observed
    by_year = obs.set_index("year")["value"]
    for year in (base_year, trend_from):
        if year not in by_year.index:
            raise ThawError(
                f"no observed non-US exports for {year}; years available: "
                f"{', '.join(str(y) for y in by_year.index)}"
            )
    if not trend_from < base_year < target_year:
        raise ThawError("need trend_from < base_year < target_year")
    base = float(by_year[base_year])
    goal_rate = multiple ** (1.0 / years_to_double) - 1.0
    trend_rate = (base / float(by_year[trend_from])) ** (1.0 / (base_year - trend_from)) - 1.0
    years = np.arange(base_year, target_year + 1)
    start = target_year - years_to_double  # the decade over which the value doubles
    goal = base * (1.0 + goal_rate) ** np.clip(years - start, 0, None)
    trend = base * (1.0 + trend_rate) ** (years - base_year)
    effect = 0.0 if scenario_effect_pct is None else scenario_effect_pct / 100.0
    phase = (years - base_year) / (target_year - base_year)  # phased in linearly to the target
    observed_on_path = [float(by_year[y]) if y in by_year.index else np.nan for y in years]
    path = pd.DataFrame(
        {
            "year": years,
            "goal": goal,
            "trend": trend,
            "trend_with_scenario": trend * (1.0 + effect * phase),
            "observed": observed_on_path,
            "gap_to_goal": np.asarray(observed_on_path) - goal,  # observed - path; > 0: ahead
        }
    )
    latest = int(max(y for y in by_year.index if y <= target_year))
    return GoalTrack(
        observed=obs,
        path=path,
        base_year=base_year,
        base_value=base,
        target_year=target_year,
        goal_growth_pct=100 * goal_rate,
        trend_growth_pct=100 * trend_rate,
        trend_years=(trend_from, base_year),
        scenario=scenario,
        scenario_effect_pct=scenario_effect_pct,
        latest_year=latest,
        assumptions={
            "goal": f"{multiple:g}x non-US exports by {target_year}, from the {base_year} level, "
            f"over {years_to_double} years ({100 * goal_rate:.2f}% a year)",
            "goal_source": GOAL_SOURCE,
            "series": "Canada's merchandise exports to countries other than the US, C$ billion, "
            "balance-of-payments basis (bundled goal_non_us_exports.csv)",
            "trend": f"constant growth {trend_from}-{base_year}, carried forward",
            "latest": _latest_note(obs, latest),
            "scenario": "GE percent change in exports to partners other than the US, applied "
            "to the trend as a level shift phased in linearly by the target year"
            if scenario
            else "none",
        },
    )
