"""The result of a PE simulation: immutable, labelled, with ``.summary()``, ``.to_frame()``,
``.to_dict()`` and ``.plot()``.

Money is in ``currency`` x ``value_unit`` at world prices; changes in percent. Economy-level
welfare = consumer surplus + producer surplus + change in tariff revenue + quota rents, summed
over the products in the scenario (partial equilibrium: other markets are held fixed).
``wits_welfare`` (SMART runs only, NaN otherwise) is the figure WITS reports as SMART's welfare,
the deadweight-loss triangle ``1/2 |dt| |dM|`` (:func:`thaw.models.smart.wits_welfare`); it is
not thaw's ``welfare`` (consumer surplus + change in tariff revenue, plus producer surplus).

With Monte Carlo draws every banded result also has ``<name>_point_percentile``: where the point
estimate (all elasticities at their preferred values) sits among the draws. Points outside the
5-95% band are listed in ``diagnostics["outside_band"]`` with the reason in
``diagnostics["outside_band_note"]`` (the results are nonlinear in the elasticities and the
elasticity distributions skewed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from thaw._io import jsonable

ECONOMY_METRICS = (
    "consumer_surplus",
    "producer_surplus",
    "tariff_revenue",
    "quota_rent",
    "welfare",
    "exports_change",
    "imports_change",
    "wits_welfare",
)
BAND_PERCENTILES = (5.0, 50.0, 95.0)


@dataclass(frozen=True, eq=False)
class PEResult:
    """Outcome of one scenario under one model.

    ``flows``: one row per flow (product, exporter, importer, baseline_value, scenario_value,
    change_pct, tariff0, tariff1, world_price_change_pct). ``economies``: one row per economy
    with :data:`ECONOMY_METRICS`. ``bands``: when Monte Carlo draws were run, percentiles
    (p05, p50, p95) of every economy metric and of each flow's scenario value, baseline value
    and change, each with ``_point_percentile`` (the point estimate's place among the draws).
    """

    scenario: str
    model: str
    flows: pd.DataFrame
    economies: pd.DataFrame
    quotas: pd.DataFrame
    diagnostics: dict[str, Any]
    assumptions: dict[str, Any]
    draws: int = 0
    economy_bands: pd.DataFrame | None = None
    flow_bands: pd.DataFrame | None = None
    currency: str = "USD"
    value_unit: str = "million"
    extra: dict[str, Any] = field(default_factory=dict)

    # -- presentation ------------------------------------------------------------------------
    def to_frame(self, kind: str = "economies") -> pd.DataFrame:
        """``kind``: 'economies', 'flows', 'products' or 'quotas' (copies; tidy columns)."""
        if kind == "economies":
            frame = self.economies.copy()
            if self.economy_bands is not None:
                frame = frame.merge(self.economy_bands, on="economy", how="left")
            return frame
        if kind == "flows":
            frame = self.flows.copy()
            if self.flow_bands is not None:
                frame = pd.concat([frame, self.flow_bands.reset_index(drop=True)], axis=1)
            return frame
        if kind == "products":
            g = self.flows.groupby("product", as_index=False)[
                ["baseline_value", "scenario_value"]
            ].sum()
            g["change_pct"] = 100 * (g["scenario_value"] / g["baseline_value"] - 1)
            return g
        if kind == "quotas":
            return self.quotas.copy()
        raise ValueError(f"kind must be economies, flows, products or quotas; got {kind!r}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: flows, economies (with bands when drawn), quotas, diagnostics,
        assumptions."""
        flows = []
        fb = self.flow_bands
        for i, r in enumerate(self.flows.to_dict(orient="records")):
            row = {k: jsonable(v) for k, v in r.items()}
            if fb is not None:
                for name in ("scenario_value", "baseline_value", "change_pct"):
                    band = {
                        f"p{int(p):02d}": jsonable(fb.iloc[i][f"{name}_p{int(p):02d}"])
                        for p in BAND_PERCENTILES
                    }
                    point = f"{name}_point_percentile"
                    if point in fb.columns:
                        band["point_percentile"] = jsonable(fb.iloc[i][point])
                    row[f"{name}_band"] = band
            flows.append(row)
        economies = []
        for r in self.economies.to_dict(orient="records"):
            row = {k: jsonable(v) for k, v in r.items()}
            if self.economy_bands is not None:
                bands = self.economy_bands.set_index("economy").loc[r["economy"]]
                row["bands"] = {
                    m: {
                        **{
                            f"p{int(p):02d}": jsonable(bands[f"{m}_p{int(p):02d}"])
                            for p in BAND_PERCENTILES
                        },
                        "point_percentile": jsonable(bands.get(f"{m}_point_percentile")),
                    }
                    for m in ECONOMY_METRICS
                }
            economies.append(row)
        return {
            "scenario": self.scenario,
            "model": self.model,
            "currency": self.currency,
            "value_unit": self.value_unit,
            "draws": self.draws,
            "flows": flows,
            "economies": economies,
            "quotas": [
                {k: jsonable(v) for k, v in r.items()}
                for r in self.quotas.to_dict(orient="records")
            ],
            "diagnostics": {k: jsonable(v) for k, v in self.diagnostics.items()},
            "assumptions": self.assumptions,
        }

    def summary(self) -> str:
        """A plain-text table by economy, then the largest flow changes."""
        unit = f"{self.currency} {self.value_unit}"
        lines = [
            f"{self.scenario} — model {self.model}"
            + (f", {self.draws} Monte Carlo draws" if self.draws else ""),
            f"Welfare by economy ({unit}):",
        ]
        e = self.to_frame("economies")
        for r in e.to_dict(orient="records"):
            band = ""
            if self.draws:
                band = f"  [{r['welfare_p05']:,.2f} .. {r['welfare_p95']:,.2f}]"
            lines.append(
                f"  {r['economy']:<4} welfare {r['welfare']:>12,.2f}{band}  CS "
                f"{r['consumer_surplus']:>10,.2f}  PS {r['producer_surplus']:>10,.2f}  "
                f"revenue {r['tariff_revenue']:>10,.2f}  rent {r['quota_rent']:>8,.2f}"
            )
        lines.append("Largest flow changes:")
        f = self.flows.reindex(self.flows["change_pct"].abs().sort_values(ascending=False).index)
        lines.extend(
            f"  {r['product']:<10} {r['exporter']}->{r['importer']}  "
            f"{r['baseline_value']:>10,.2f} -> {r['scenario_value']:>10,.2f} "
            f"({r['change_pct']:+.1f}%)"
            for r in f.head(8).to_dict(orient="records")
        )
        d = self.diagnostics
        lines.append(
            f"Solver: converged={d['converged']}, iterations={d['iterations']}, "
            f"max residual={d['max_residual']:.2e}"
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def plot(self, path: str | Path | None = None) -> Any:
        """Welfare by economy (with bands) and flow changes; .png or .html by suffix."""
        from thaw.report.charts import pe_result_chart

        return pe_result_chart(self, path)
