"""GoalTrack: the observed series, the goal path, the trend and the scenario-shifted trend."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from thaw._io import jsonable


@dataclass(frozen=True, eq=False)
class GoalTrack:
    """The goal path, the observed series, the trend and (optionally) a scenario's shift.

    ``path``: one row per year from the base year to the target year with ``goal``, ``trend``
    and ``trend_with_scenario`` (nominal C$ billion), and ``observed`` and ``gap_to_goal`` (observed
    minus goal; positive: ahead of the path) where a year is observed. ``latest_year`` is the
    last observed year."""

    observed: pd.DataFrame
    path: pd.DataFrame
    base_year: int
    base_value: float
    target_year: int
    goal_growth_pct: float
    trend_growth_pct: float
    trend_years: tuple[int, int]
    scenario: str | None = None
    scenario_effect_pct: float | None = None
    latest_year: int | None = None
    path_name: str = "doubling"
    path_definition: str = ""
    trend_name: str = "fit"
    trend_definition: str = ""
    trend_fit: dict[str, Any] = field(default_factory=dict)
    units: str = "nominal C$ billion (current dollars, not adjusted for inflation)"
    assumptions: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        end = self.path.iloc[-1]
        out = {
            "units": self.units,
            "goal_path": self.path_name,
            "goal_path_definition": self.path_definition,
            "trend": self.trend_name,
            "trend_definition": self.trend_definition,
            "base_year": self.base_year,
            "base_value_cad_billion": self.base_value,
            "target_year": self.target_year,
            "target_value_cad_billion": float(end["goal"]),
            "goal_growth_pct_per_year": self.goal_growth_pct,
            "trend_growth_pct_per_year": self.trend_growth_pct,
            "trend_years": list(self.trend_years),
            "trend_fit_years": list(self.trend_fit.get("years", [])),
            "trend_r_squared": self.trend_fit.get("r_squared"),
            "trend_value_at_target_cad_billion": float(end["trend"]),
            "gap_at_target_cad_billion": float(end["goal"] - end["trend"]),
        }
        if self.latest_year is not None:
            obs = self.observed.set_index("year")["value"]
            row = self.path.loc[self.path["year"] == self.latest_year]
            out["latest_year"] = self.latest_year
            out["latest_observed_cad_billion"] = float(obs[self.latest_year])
            if self.latest_year - 1 in obs.index:
                out["latest_growth_pct"] = float(
                    100 * (obs[self.latest_year] / obs[self.latest_year - 1] - 1)
                )
            if not row.empty:
                out["goal_path_at_latest_cad_billion"] = float(row["goal"].iloc[0])
                out["latest_gap_to_goal_cad_billion"] = float(row["gap_to_goal"].iloc[0])
        if self.scenario is not None and self.scenario_effect_pct is not None:
            extra = float(end["trend_with_scenario"] - end["trend"])
            out.update(
                {
                    "scenario": self.scenario,
                    "scenario_effect_pct": self.scenario_effect_pct,
                    "scenario_adds_cad_billion_at_target": extra,
                    "scenario_share_of_gap_pct": 100 * extra / (end["goal"] - end["trend"])
                    if end["goal"] > end["trend"]
                    else float("nan"),
                }
            )
        return out

    def to_frame(self, kind: str = "path") -> pd.DataFrame:
        """``kind``: 'path' or 'observed'."""
        if kind == "path":
            return self.path.copy()
        if kind == "observed":
            return self.observed.copy()
        raise ValueError("kind must be 'path' or 'observed'")

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "summary": {k: jsonable(v) for k, v in self.summary().items()},
            "path": [
                {k: jsonable(v) for k, v in r.items()} for r in self.path.to_dict(orient="records")
            ],
            "observed": [
                {k: jsonable(v) for k, v in r.items()}
                for r in self.observed.to_dict(orient="records")
            ],
            "assumptions": self.assumptions,
        }

    def plot(self, path: str | Path | None = None) -> Any:
        from thaw.report.charts import goal_chart

        return goal_chart(self, path)
