"""One-at-a-time sensitivity of a PE scenario to its elasticities (a tornado analysis).

For each group of elasticity cells the scenario uses, the deterministic model is re-run with the
group at the low and at the high end of its range, every other elasticity at its point value;
each economy's welfare (and any other requested headline) is reported at low, point and high.

**Groups.** A group is one number of the elasticity tables as the scenario uses it: the cells
(parameter, product, economy) whose winning row gives the same point value, range and source.
Canada's export supply elasticity of 1.5 for canola seed, meal, oil and lobster is one group
(one assumption), each product's sigma another. ``parameters`` instead names selectors
``"parameter[:product[:economy]]"`` (``*`` = any; products are codes, HS prefixes or market
names, comma-separated), each
moving every matching cell together, each to its own low or high.

**Ranges.** A sourced range is used as it is. A cell without one is reported as
``"assumption, no range"`` and moved over a documented default (:data:`DEFAULT_RANGES`):
sigma and import demand by x0.5 and x2; export supply over [1, 99], unit-elastic supply at one
end and 99, SMART's stand-in for infinitely elastic supply (fixed world price), at the other.

**Ranking flips.** The ranking of losers (economies with negative welfare) at the point is
compared with the ranking at each level: a pair of economies that swaps places (Canada losing
more than China at the point, China more than Canada at the high end, say) is a flip.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from thaw._io import jsonable
from thaw.errors import ThawError
from thaw.scenarios.pe.dataset import PARAMETERS, PEDataset, elasticity_rows_by_precedence
from thaw.scenarios.pe.results import ECONOMY_METRICS
from thaw.scenarios.pe.run import run_pe

LEVELS = ("low", "point", "high")
NO_RANGE = "assumption, no range"
#: Default sensitivity for an elasticity without a sourced range: ("scale", low, high) multiplies
#: the point value; ("bounds", low, high) replaces it (export supply: unit-elastic to 99, SMART's
#: infinitely elastic supply).
DEFAULT_RANGES: dict[str, tuple[str, float, float]] = {
    "sigma": ("scale", 0.5, 2.0),
    "import_demand": ("scale", 0.5, 2.0),
    "export_supply": ("bounds", 1.0, 99.0),
}
_ECONOMY_OF = {"sigma": "importer", "import_demand": "importer", "export_supply": "exporter"}


def default_range_text(parameter: str) -> str:
    kind, lo, hi = DEFAULT_RANGES[parameter]
    if kind == "scale":
        return f"{NO_RANGE}: default x{lo:g} and x{hi:g} the point value"
    return (
        f"{NO_RANGE}: default [{lo:g}, {hi:g}] (unit-elastic supply to 99, SMART's stand-in "
        "for infinitely elastic supply at a fixed world price)"
    )


@dataclass(frozen=True, slots=True)
class SensitivityParameter:
    """One group of elasticity cells moved together: its cells, values and where they come
    from. ``ranged`` is False where the range is thaw's default (``range_note`` says which)."""

    name: str
    parameter: str
    products: tuple[str, ...]
    economies: tuple[str, ...]
    cells: tuple[tuple[str, str], ...]
    point: float
    low: float
    high: float
    ranged: bool
    range_note: str
    source: str


@dataclass(frozen=True, slots=True)
class RankingFlip:
    """At ``level`` of ``parameter`` the losers rank ``order`` instead of ``point_order``;
    ``swapped`` pairs ``(a, b)``: a lost more than b at the point, b loses more here."""

    parameter: str
    level: str
    point_order: tuple[str, ...]
    order: tuple[str, ...]
    swapped: tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Welfare (and other headlines) by economy with each elasticity group at low, point and
    high. ``values``: the long table (see :meth:`to_frame`); ``failed``: runs that did not
    solve, with the reason (their values are NaN)."""

    scenario: str
    model: str
    results: tuple[str, ...]
    parameters: tuple[SensitivityParameter, ...]
    values: pd.DataFrame
    ranking_flips: tuple[RankingFlip, ...]
    assumptions: dict[str, Any]
    currency: str = "USD"
    value_unit: str = "million"
    failed: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        """Long table: one row per parameter x level (low/point/high) x economy x result, with
        the elasticity value of the level (the point value where the group's cells differ, as
        for selectors), whether the range is sourced, and the value."""
        return self.values.copy()

    def swings(self, result: str = "welfare") -> pd.DataFrame:
        """One row per parameter x economy: low, point, high and swing (max - min), largest
        swing first."""
        v = self.values[self.values["result"] == result]
        wide = v.pivot_table(
            index=["parameter", "economy"], columns="level", values="value", aggfunc="first"
        ).reset_index()
        wide.columns.name = None
        for lv in LEVELS:
            if lv not in wide:
                wide[lv] = np.nan
        wide["swing"] = wide[list(LEVELS)].max(axis=1) - wide[list(LEVELS)].min(axis=1)
        return wide.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)[
            ["parameter", "economy", *LEVELS, "swing"]
        ]

    def point(self, result: str = "welfare") -> pd.Series:
        """Each economy's ``result`` at the point elasticities (= ``simulate(..., draws=0)``)."""
        v = self.values[(self.values["result"] == result) & (self.values["level"] == "point")]
        return v.drop_duplicates("economy").set_index("economy")["value"]

    def losers(self) -> tuple[str, ...]:
        """Economies with negative welfare at the point, biggest loss first."""
        p = self.point("welfare")
        return tuple(p[p < 0].sort_values(kind="stable").index)

    def summary(self, top: int = 5) -> str:
        unit = f"{self.currency} {self.value_unit}"
        point = self.point("welfare")
        lines = [
            f"Sensitivity of {self.scenario} ({self.model}) to {len(self.parameters)} "
            f"elasticity groups, one at a time; welfare in {unit}",
            "Point: "
            + ", ".join(f"{e} {point[e]:,.0f}" for e in self.losers())
            + " (losers, biggest first)",
        ]
        sw = self.swings("welfare")
        for econ in self.losers()[:3]:
            lines.append(f"{econ}: largest swings")
            for r in sw[sw["economy"] == econ].head(top).to_dict(orient="records"):
                par = self._parameter(str(r["parameter"]))
                lines.append(
                    f"  {r['parameter']} [{par.low:g}, {par.high:g}]: {r['low']:,.0f} / "
                    f"{r['point']:,.0f} / {r['high']:,.0f}"
                    + ("" if par.ranged else f" ({NO_RANGE})")
                )
        if self.ranking_flips:
            lines.append("Ranking of losers flips:")
            for f in self.ranking_flips:
                pairs = "; ".join(f"{b} loses more than {a}" for a, b in f.swapped)
                lines.append(f"  {f.parameter} at {f.level}: {pairs}")
        else:
            lines.append("No range flips the ranking of losers.")
        if self.failed:
            lines.append(f"{len(self.failed)} runs did not solve (values NaN): see .failed")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _parameter(self, name: str) -> SensitivityParameter:
        return next(p for p in self.parameters if p.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "model": self.model,
            "results": list(self.results),
            "currency": self.currency,
            "value_unit": self.value_unit,
            "parameters": [
                {k: jsonable(v) if not isinstance(v, tuple) else list(v) for k, v in d.items()}
                for d in (dataclasses.asdict(p) for p in self.parameters)
            ],
            "values": [
                {k: jsonable(v) for k, v in r.items()}
                for r in self.values.to_dict(orient="records")
            ],
            "ranking_flips": [
                {
                    "parameter": f.parameter,
                    "level": f.level,
                    "point_order": list(f.point_order),
                    "order": list(f.order),
                    "swapped": [list(s) for s in f.swapped],
                }
                for f in self.ranking_flips
            ],
            "failed": [dict(f) for f in self.failed],
            "assumptions": {k: jsonable(v) for k, v in self.assumptions.items()},
        }

    def plot(
        self,
        path: str | Path | None = None,
        result: str = "welfare",
        economies: Sequence[str] | None = None,
        top: int = 12,
    ) -> Any:
        """Tornado chart of ``result`` for ``economies`` (default: the two biggest losers);
        .png or .html by suffix."""
        from thaw.report.charts import tornado_chart

        return tornado_chart(self, path, result=result, economies=economies, top=top)


# -- groups ------------------------------------------------------------------------------------


def _winning_rows(dataset: PEDataset) -> dict[str, np.ndarray]:
    """Index (into ``dataset.elasticities``) of the row that sets each cell of each parameter
    (-1: a default), by the dataset's own precedence (see ``PEDataset.elasticity_grid``)."""
    p_index, r_index = dataset._positions
    shape = (len(p_index), len(r_index))
    out = {name: np.full(shape, -1, dtype=np.int64) for name in PARAMETERS}
    for i, rec, cells in elasticity_rows_by_precedence(dataset.elasticities, p_index, r_index):
        for name in PARAMETERS:
            value = rec.get(name)
            if value is not None and not pd.isna(value):
                out[name][cells] = i
    return out


def _text(x: object) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _source(dataset: PEDataset, parameter: str, row: int) -> str:
    if row < 0:
        d = dataset.defaults
        return "" if d is None else f"[elasticities.defaults]: {d.source}"
    rec = dataset.elasticities.iloc[row]
    text = _text(rec.get(f"{parameter}_source")) or _text(rec.get("note"))
    url = _text(rec.get("source_url"))
    return f"{text} ({url})" if url and url not in text else text or "no source given"


def _cell_range(parameter: str, point: float, lo: float, hi: float) -> tuple[float, float, bool]:
    if not (np.isnan(lo) or np.isnan(hi)):
        return float(lo), float(hi), True
    kind, a, b = DEFAULT_RANGES[parameter]
    if kind == "scale":
        pair = sorted((point * a, point * b))  # keeps the sign of import demand
        return pair[0], pair[1], False
    return min(a, point), max(b, point), False


@dataclass(frozen=True, slots=True)
class _Cell:
    parameter: str
    product: str
    economy: str
    i: int
    j: int
    point: float
    low: float
    high: float
    ranged: bool
    source: str


def _cells(dataset: PEDataset) -> list[_Cell]:
    """Every elasticity cell a flow uses, with its range (sourced or default) and source."""
    p_index, r_index = dataset._positions
    grid = dataset.elasticity_grid()
    ranges = dataset.elasticity_ranges()
    winners = _winning_rows(dataset)
    f = dataset.flows
    out: list[_Cell] = []
    for name in PARAMETERS:
        seen: set[tuple[str, str]] = set()
        for p, r in zip(f["product"].astype(str), f[_ECONOMY_OF[name]], strict=True):
            if (p, r) in seen:
                continue
            seen.add((p, r))
            i, j = p_index[p], r_index[r]
            point = float(grid[name][i, j])
            lo, hi, ranged = _cell_range(
                name, point, float(ranges[name][0][i, j]), float(ranges[name][1][i, j])
            )
            out.append(
                _Cell(
                    name,
                    p,
                    r,
                    i,
                    j,
                    point,
                    lo,
                    hi,
                    ranged,
                    _source(dataset, name, winners[name][i, j]),
                )
            )
    return out


def _product_labels(dataset: PEDataset) -> dict[str, str]:
    f = dataset.flows
    if "market" not in f.columns:
        return {}
    return {str(p): str(m) for p, m in zip(f["product"], f["market"], strict=True)}


def _group(
    key: str, parameter: str, members: list[_Cell], labels: dict[str, str]
) -> SensitivityParameter:
    products = tuple(dict.fromkeys(c.product for c in members))
    economies = tuple(dict.fromkeys(c.economy for c in members))
    points = {c.point for c in members}
    lows, highs = {c.low for c in members}, {c.high for c in members}
    ranged = all(c.ranged for c in members)
    if ranged:
        note = "sourced range"
    elif not any(c.ranged for c in members):
        note = default_range_text(parameter)
    else:
        note = "sourced ranges where given; elsewhere " + default_range_text(parameter)
    one = len(points) == 1 and len(lows) == 1 and len(highs) == 1
    return SensitivityParameter(
        name=key,
        parameter=parameter,
        products=products,
        economies=economies,
        cells=tuple((c.product, c.economy) for c in members),
        point=members[0].point if one else float("nan"),
        low=members[0].low if one else float("nan"),
        high=members[0].high if one else float("nan"),
        ranged=ranged,
        range_note=note,
        source="; ".join(dict.fromkeys(c.source for c in members)),
    )


def _name(
    parameter: str, products: Sequence[str], economies: Sequence[str], labels: dict[str, str]
) -> str:
    prods = ", ".join(labels.get(p, p) for p in products)
    return f"{parameter} | {prods} | {', '.join(economies)}"


def parameter_groups(
    dataset: PEDataset, parameters: Sequence[str] | None = None
) -> list[tuple[SensitivityParameter, list[_Cell]]]:
    """The groups a sensitivity run moves (see the module docstring)."""
    cells = _cells(dataset)
    labels = _product_labels(dataset)
    out: list[tuple[SensitivityParameter, list[_Cell]]] = []
    if parameters is None:
        groups: dict[tuple[Any, ...], list[_Cell]] = {}
        for c in cells:
            groups.setdefault((c.parameter, c.point, c.low, c.high, c.ranged, c.source), []).append(
                c
            )
        for (name, *_), members in groups.items():
            prods = list(dict.fromkeys(c.product for c in members))
            econs = list(dict.fromkeys(c.economy for c in members))
            key = _name(name, prods, econs, labels) + f" ({members[0].point:g})"
            out.append((_group(key, name, members, labels), members))
        return out
    for sel in parameters:
        parts = str(sel).split(":")
        if not 1 <= len(parts) <= 3 or parts[0] not in PARAMETERS:
            raise ThawError(
                f"parameter selector {sel!r}: give parameter[:product[:economy]] with parameter "
                f"one of {', '.join(PARAMETERS)} (e.g. export_supply:*:CAN)"
            )
        prods = (parts[1] if len(parts) > 1 and parts[1] else "*").split(",")
        econ = parts[2].upper() if len(parts) > 2 and parts[2] else "*"
        members = [
            c
            for c in cells
            if c.parameter == parts[0]
            and any(
                x == "*" or c.product.startswith(x) or labels.get(c.product) == x for x in prods
            )
            and (econ == "*" or c.economy == econ)
        ]
        if not members:
            raise ThawError(f"parameter selector {sel!r} matches no elasticity the scenario uses")
        out.append((_group(str(sel), parts[0], members, labels), members))
    return out


# -- runs --------------------------------------------------------------------------------------


def _moved(dataset: PEDataset, members: list[_Cell], level: str) -> PEDataset:
    """The dataset with ``members`` at their ``level`` value: override rows (origin
    ``sensitivity``) appended last, so they win over every row for the same cell."""
    extra = pd.DataFrame(
        [
            {
                "product": c.product,
                "economy": c.economy,
                c.parameter: c.low if level == "low" else c.high,
                "origin": "sensitivity",
            }
            for c in members
        ]
    )
    rows = pd.concat([dataset.elasticities, extra], ignore_index=True)
    return dataclasses.replace(dataset, elasticities=rows)


def _ranking(welfare: pd.Series, among: Sequence[str]) -> tuple[str, ...]:
    w = welfare.reindex(list(among))
    return tuple(w.sort_values(kind="stable").index)


def ranking_flips(
    point: pd.Series, levels: dict[tuple[str, str], pd.Series]
) -> tuple[RankingFlip, ...]:
    """Flips of the losers' ranking between the point welfare and each (parameter, level)."""
    flips: list[RankingFlip] = []
    point_losers = set(point[point < 0].index)
    for (name, level), w in levels.items():
        if w.isna().any():
            continue
        among = sorted(point_losers | set(w[w < 0].index))
        base = _ranking(point, among)
        now = _ranking(w, among)
        swapped = tuple(
            (a, b)
            for k, a in enumerate(base)
            for b in base[k + 1 :]
            if (a in point_losers or b in point_losers) and w[b] < w[a] and (w[b] < 0)
        )
        if swapped:
            flips.append(RankingFlip(name, level, base, now, swapped))
    return tuple(flips)


def run_sensitivity(
    dataset: PEDataset,
    *,
    model: str = "armington",
    scenario: str = "scenario",
    parameters: Sequence[str] | None = None,
    results: Sequence[str] = ("welfare",),
    tol: float = 1e-10,
    max_iter: int = 200,
    assumptions: dict[str, Any] | None = None,
) -> SensitivityResult:
    """One-at-a-time sensitivity of ``dataset`` under ``model`` (module docstring)."""
    wanted = tuple(results)
    bad = [r for r in wanted if r not in ECONOMY_METRICS]
    if not wanted or bad:
        raise ThawError(
            f"results must be among {', '.join(ECONOMY_METRICS)}; got {', '.join(bad) or 'none'}"
        )
    metrics = tuple(dict.fromkeys(("welfare", *wanted)))

    def solve(ds: PEDataset) -> pd.DataFrame:
        r = run_pe(ds, model=model, scenario=scenario, tol=tol, max_iter=max_iter, draws=0)
        return r.economies.set_index("economy")[list(metrics)]

    central = solve(dataset)
    groups = parameter_groups(dataset, parameters)
    records: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    by_level: dict[tuple[str, str], pd.Series] = {}
    for par, members in groups:
        for level in LEVELS:
            if level == "point":
                frame = central
            else:
                try:
                    frame = solve(_moved(dataset, members, level))
                except ThawError as exc:
                    failed.append({"parameter": par.name, "level": level, "error": str(exc)})
                    frame = central * np.nan
                by_level[(par.name, level)] = frame["welfare"]
            value = {"low": par.low, "point": par.point, "high": par.high}[level]
            records.extend(
                {
                    "parameter": par.name,
                    "kind": par.parameter,
                    "level": level,
                    "elasticity": value,
                    "ranged": par.ranged,
                    "economy": econ,
                    "result": res,
                    "value": float(row[res]),
                }
                for econ, row in frame.iterrows()
                for res in wanted
            )
    info = {
        "method": "one at a time: each group at the low and high of its range, every other "
        "elasticity at its point value; deterministic model (no draws)",
        "groups": "one per number of the elasticity tables as used (same point, range and source)"
        if parameters is None
        else "the selectors given, each moving its cells together",
        "no_range": {name: default_range_text(name) for name in PARAMETERS},
        "ranking": "losers (welfare < 0) ordered by welfare; a flip is a pair that swaps",
        **(assumptions or {}),
    }
    return SensitivityResult(
        scenario=scenario,
        model=model,
        results=wanted,
        parameters=tuple(p for p, _ in groups),
        values=pd.DataFrame(
            records,
            columns=[
                "parameter",
                "kind",
                "level",
                "elasticity",
                "ranged",
                "economy",
                "result",
                "value",
            ],
        ),
        ranking_flips=ranking_flips(central["welfare"], by_level),
        assumptions=info,
        currency=dataset.currency,
        value_unit=dataset.value_unit,
        failed=tuple(failed),
    )
