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
    flows = pd.to_numeric(f[d.trade], errors="coerce").to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(flows) & (flows >= 0)):
        k_bad = int(np.flatnonzero(~(np.isfinite(flows) & (flows >= 0)))[0])
        raise GEScenarioError(
            f"trade column '{d.trade}' must be a number >= 0 for every pair: "
            f"{f[d.exporter].iloc[k_bad]}->{f[d.importer].iloc[k_bad]} is "
            f"{f[d.trade].iloc[k_bad]}; fix or fill that flow (0 for no trade)"
        )
    observed = np.zeros((s, n, n))
    observed[ss, ii, jj] = flows

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
    _check_trade(observed, economies, sectors, estimate=spec.costs.coefficients == "estimate")
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


def _check_trade(
    observed: np.ndarray, economies: tuple[str, ...], sectors: tuple[str, ...], *, estimate: bool
) -> None:
    """Refuse trade data that structural gravity cannot reproduce, saying what to fix. With
    finite trade costs the model has every economy sell to and buy from every economy, itself
    included: an economy with output but no sales, with spending but no purchases, or with no
    foreign trade at all (autarky) has no equilibrium that matches its data. When the costs are
    estimated, internal trade must be positive too: PPML with exporter and importer fixed
    effects identifies the border from it (the Advanced Guide builds it as output less exports).
    """
    n = len(economies)
    foreign = observed * ~np.eye(n, dtype=bool)
    internal = np.diagonal(observed, axis1=1, axis2=2)
    checks = [
        (
            ~(observed.sum(axis=2) > 0),
            "{c} has output but no trade{w}: every {c}->* flow is 0; give its flows (internal "
            "trade included) or drop it from the data",
        ),
        (
            ~(observed.sum(axis=1) > 0),
            "{c} has expenditure but buys nothing{w}: every *->{c} flow is 0; give its flows or "
            "drop it from the data",
        ),
        (
            ~(foreign.sum(axis=2) + foreign.sum(axis=1) > 0),
            "{c} is in autarky in the data{w}: it neither exports to nor imports from any other "
            "economy, which structural gravity with finite trade costs cannot reproduce; drop "
            "it or merge it into a rest-of-world aggregate",
        ),
    ]
    if estimate:
        checks.append(
            (
                ~(internal > 0),
                "{c}'s internal trade ({c}->{c}) is 0{w}: estimating trade costs needs it (the "
                "border effect is identified from internal trade); fill it in as output less "
                "exports, or drop the economy",
            )
        )
    for bad, message in checks:
        if bad.any():
            k, i = (int(x) for x in np.argwhere(bad)[0])
            w = "" if len(sectors) == 1 else f" in sector {sectors[k]}"
            raise GEScenarioError(message.format(c=economies[i], w=w))


def _unknown(code: str, pos: dict[str, int], what: str) -> str:
    near = difflib.get_close_matches(code, list(pos), n=3)
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    return f"{what} economy {code!r} is not in the gravity data{hint}"


def _where(code: str, pos: dict[str, int]) -> int:
    if code not in pos:
        raise GEScenarioError(_unknown(code, pos, "pair"))
    return pos[code]
