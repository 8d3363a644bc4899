"""The result of a GE scenario: immutable, labelled, with ``.summary()``, ``.to_frame()``,
``.to_dict()`` and ``.plot()``. Changes are in percent (full-endowment GE unless the column says
``conditional``); levels in the data's units."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from thaw._io import jsonable

ECONOMY_COLUMNS = (
    "real_gdp_change_pct",
    "welfare_change_pct",
    "factory_gate_price_change_pct",
    "terms_of_trade_change_pct",
    "export_price_change_pct",
    "import_price_change_pct",
    "foreign_exports_change_pct",
    "foreign_imports_change_pct",
    "intranational_trade_change_pct",
    "imr_change_pct",
    "omr_change_pct",
    "output_change_pct",
    "tariff_revenue_change",
    "conditional_foreign_exports_change_pct",
    "conditional_foreign_imports_change_pct",
    "conditional_imr_change_pct",
    "conditional_omr_change_pct",
)


@dataclass(frozen=True, eq=False)
class GEResult:
    """``economies``: one row per economy with :data:`ECONOMY_COLUMNS`; ``pairs``: observed,
    baseline (model), conditional and scenario trade for every (sector, exporter, importer);
    ``levels``: output, multilateral resistances, prices and tariff revenue before and after;
    ``coefficients``: the trade-cost coefficients used; ``bands``: p05/p50/p95 of every
    economy column when Monte Carlo draws were run."""

    scenario: str
    economies: pd.DataFrame
    pairs: pd.DataFrame
    levels: pd.DataFrame
    coefficients: pd.DataFrame
    diagnostics: dict[str, Any]
    assumptions: dict[str, Any]
    draws: int = 0
    bands: pd.DataFrame | None = None

    def to_frame(self, kind: str = "economies") -> pd.DataFrame:
        """``kind``: 'economies' (with bands when drawn), 'pairs', 'levels' or 'coefficients'."""
        if kind == "economies":
            frame = self.economies.copy()
            if self.bands is not None:
                frame = frame.merge(self.bands, on="economy")
            return frame
        if kind in ("pairs", "levels", "coefficients"):
            return getattr(self, kind).copy()  # type: ignore[no-any-return]
        raise ValueError(f"kind must be economies, pairs, levels or coefficients; got {kind!r}")

    def summary(self, economies: list[str] | None = None) -> pd.DataFrame:
        """The headline columns for some economies (default: all), sorted by real GDP change."""
        cols = [
            "economy",
            "real_gdp_change_pct",
            "welfare_change_pct",
            "factory_gate_price_change_pct",
            "foreign_exports_change_pct",
            "foreign_imports_change_pct",
        ]
        frame = self.to_frame("economies")
        if economies:
            frame = frame[frame["economy"].isin(economies)]
        extra = [c for c in frame.columns if c.startswith("real_gdp_change_pct_p")]
        return frame[cols + extra].sort_values("real_gdp_change_pct", ascending=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per economy the documented fields (with bands when drawn), per pair the
        trade values, coefficients, diagnostics and every assumption."""
        economies = []
        bands = None if self.bands is None else self.bands.set_index("economy")
        for r in self.economies.to_dict(orient="records"):
            row = {k: jsonable(v) for k, v in r.items()}
            if bands is not None:
                b = bands.loc[r["economy"]]
                row["bands"] = {
                    c: {p: jsonable(b[f"{c}_{p}"]) for p in ("p05", "p50", "p95")}
                    for c in ECONOMY_COLUMNS
                }
            economies.append(row)
        return {
            "scenario": self.scenario,
            "draws": self.draws,
            "economies": economies,
            "pairs": [
                {k: jsonable(v) for k, v in r.items()} for r in self.pairs.to_dict(orient="records")
            ],
            "levels": [
                {k: jsonable(v) for k, v in r.items()}
                for r in self.levels.to_dict(orient="records")
            ],
            "coefficients": [
                {k: jsonable(v) for k, v in r.items()}
                for r in self.coefficients.to_dict(orient="records")
            ],
            "diagnostics": {k: jsonable(v) for k, v in self.diagnostics.items()},
            "assumptions": {k: jsonable(v) for k, v in self.assumptions.items()},
        }

    def plot(self, path: str | Path | None = None, top: int = 15) -> Any:
        """Bar chart of real GDP change by economy (the ``top`` largest movements), with bands
        when drawn; PNG or self-contained HTML by suffix. Returns the figure."""
        from thaw.report.charts import ge_result_chart

        return ge_result_chart(self, path, top=top)
