"""The GE dataset: a scenario's gravity data squared into arrays (every sector, exporter and
importer once), with its cost changes and tariffs applied. Pure: the data come in as a frame.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thaw.scenarios.ge.schema import GEScenario, GEScenarioError, GETariff


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
