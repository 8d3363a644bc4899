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

import numpy as np
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
    #: ``to_frame("products")`` computed by the run from integer product positions (the same
    #: table as grouping ``flows`` by product); ``None``: grouped on demand.
    product_totals: pd.DataFrame | None = field(default=None, repr=False)

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
            if self.product_totals is not None:
                return self.product_totals.copy()
            g = self.flows.groupby("product", as_index=False)[
                ["baseline_value", "scenario_value"]
            ].sum()
            g["change_pct"] = 100 * (g["scenario_value"] / g["baseline_value"] - 1)
            return g
        if kind == "quotas":
            return self.quotas.copy()
        raise ValueError(f"kind must be economies, flows, products or quotas; got {kind!r}")

    def largest_flows(self, n: int) -> pd.Index:
        """Row labels of the ``n`` flows with the largest absolute change (in percent), largest
        first, ties in row order, NaN last (as a stable descending sort, without sorting all
        the flows: the candidates are found by partition)."""
        size = np.abs(self.flows["change_pct"].to_numpy(dtype=np.float64))
        size = np.where(np.isnan(size), -np.inf, size)
        n = max(0, min(n, size.size))
        if n == 0:
            return self.flows.index[:0]
        if n < size.size:
            # the n-th largest (selecting among the smallest of -size: fast even when many
            # flows tie, as unshocked products' zeros do, where selecting near the top is not)
            cut = -np.partition(-size, n - 1)[n - 1]
            candidates = np.flatnonzero(size >= cut)
        else:
            candidates = np.arange(size.size)
        order = candidates[np.argsort(-size[candidates], kind="stable")][:n]
        return self.flows.index[order]

    def flow_records(self, rows: Any = None) -> list[dict[str, Any]]:
        """JSON-ready flow rows (all, or the row labels ``rows``), with their bands when
        drawn; built column by column, not cell by cell."""
        frame = self.flows if rows is None else self.flows.loc[rows]
        columns = {c: _json_column(frame[c]) for c in frame.columns}
        fb = self.flow_bands
        if fb is not None:
            fb = fb.reset_index(drop=True)
            fb = fb if rows is None else fb.iloc[self.flows.index.get_indexer(rows)]
            for name in ("scenario_value", "baseline_value", "change_pct"):
                keys = [f"p{int(p):02d}" for p in BAND_PERCENTILES]
                parts = [_json_column(fb[f"{name}_{k}"]) for k in keys]
                point = f"{name}_point_percentile"
                if point in fb.columns:
                    keys.append("point_percentile")
                    parts.append(_json_column(fb[point]))
                columns[f"{name}_band"] = [
                    dict(zip(keys, v, strict=True)) for v in zip(*parts, strict=True)
                ]
        names = list(columns)
        return [dict(zip(names, v, strict=True)) for v in zip(*columns.values(), strict=True)]

    def to_dict(self, max_flows: int | None = None) -> dict[str, Any]:
        """JSON-ready: flows, economies (with bands when drawn), quotas, diagnostics,
        assumptions. With more than ``max_flows`` flows, ``flows`` is left out and
        ``largest_flows`` holds the 20 largest changes, with ``flows_total`` and
        ``flows_note``."""
        n = len(self.flows)
        bounded = max_flows is not None and n > max_flows
        flows = self.flow_records(self.largest_flows(20) if bounded else None)
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
            **(
                {
                    "flows_total": n,
                    "flows_note": f"{n:,} flows; only the 20 largest changes are listed "
                    "(largest_flows): use --json-file FILE or --out DIR for all",
                    "largest_flows": flows,
                }
                if bounded
                else {"flows": flows}
            ),
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
        f = self.flows.loc[self.largest_flows(8)]
        lines.extend(
            f"  {r['product']:<10} {r['exporter']}->{r['importer']}  "
            f"{r['baseline_value']:>10,.2f} -> {r['scenario_value']:>10,.2f} "
            f"({r['change_pct']:+.1f}%)"
            for r in f.to_dict(orient="records")
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


def _json_column(col: pd.Series) -> list[Any]:
    """A column as JSON-ready Python values (NaN and infinities None), vectorised for numbers."""
    if pd.api.types.is_bool_dtype(col.dtype) and not col.hasnans:
        return list(col.to_numpy(dtype=bool).tolist())
    if pd.api.types.is_integer_dtype(col.dtype) and not col.hasnans:
        return list(col.to_numpy(dtype=np.int64).tolist())
    if pd.api.types.is_float_dtype(col.dtype):
        x = col.to_numpy(dtype=float)
        values: list[Any] = x.tolist()
        for i in np.flatnonzero(~np.isfinite(x)):
            values[i] = None
        return values
    if isinstance(col.dtype, pd.StringDtype) and not col.hasnans:
        return list(col.to_numpy(dtype=object).tolist())
    return [jsonable(v) for v in col.to_numpy(dtype=object)]
