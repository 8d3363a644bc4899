"""Loading a GE scenario: the file (or a bundled name), its gravity data, and tariffs from the
register aggregated to the sector (CES-consistent by default). The schema is
:mod:`thaw.scenarios.ge.schema`; the arrays are built in :mod:`thaw.scenarios.ge.dataset`;
running is :mod:`thaw.scenarios.ge.run`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from thaw.scenarios._files import bundled_files, load_spec, resolve
from thaw.scenarios.ge.schema import GERegister, GEScenario, GEScenarioError, GETariff
from thaw.scenarios.register import flow_tariffs


def bundled_ge_scenarios() -> dict[str, Path]:
    """GE scenarios shipped with thaw, by name (``thaw ge ge-can-chn-pta --data FILE``)."""
    return bundled_files("ge-*.toml")


def load_ge_scenario(path: str | Path) -> tuple[GEScenario, Path]:
    """Parse and validate a GE scenario file (or a bundled one by name); returns the spec and
    the folder its relative paths start from."""
    return load_spec(
        path, GEScenario, bundled_ge_scenarios(), GEScenarioError, "thaw.scenarios.ge.schema"
    )


def ces_uniform_equivalent(
    values: npt.ArrayLike,
    t0: npt.ArrayLike,
    t1: npt.ArrayLike,
    sigma: float,
    total: float | None = None,
) -> tuple[float, float]:
    """Baseline and scenario sector rates (percent) of products with pre-tariff trade
    ``values`` and rates ``t0``, ``t1`` (percent), in a sector of pre-tariff trade ``total``
    (default: the products' sum; the rest has no tariff). ``T0`` is the trade-weighted mean;
    ``T1`` gives the same change in the CES price index over the products as the product rates
    (see :class:`GERegister`), so ``(1 + T1) / (1 + T0)`` is a power mean of order
    ``1 - sigma`` of the products' ratios, never above their arithmetic mean (Jensen)."""
    v = np.asarray(values, dtype=np.float64)
    r0 = 1.0 + np.asarray(t0, dtype=np.float64) / 100.0
    r1 = 1.0 + np.asarray(t1, dtype=np.float64) / 100.0
    total = float(v.sum()) if total is None else total
    rest = total - float(v.sum())  # trade outside the products: no tariff on either date
    spend0 = float((v * r0).sum()) + rest
    theta, ratio = v * r0 / spend0, r1 / r0
    power = 1.0 - sigma
    index = (float((theta * ratio**power).sum()) + rest / spend0) ** (1.0 / power)
    base = spend0 / total
    return 100.0 * (base - 1.0), 100.0 * (base * index - 1.0)


def register_tariffs(
    reg: GERegister, folder: Path, measures: list[Any], *, sigma: float | None = None
) -> tuple[list[GETariff], pd.DataFrame]:
    """``[[tariff]]`` entries from the register (see :class:`GERegister`), and a table of how
    each was aggregated (pair, products, covered trade, sector total, rates, both
    aggregations). ``sigma`` (the scenario's) is needed for ``aggregation = "ces"``."""
    if reg.aggregation == "ces" and sigma is None:
        raise GEScenarioError('[register] aggregation = "ces" needs the model\'s sigma')
    path = resolve(folder, reg.flows)
    if not path.exists():
        raise GEScenarioError(f"[register] flows file {path} not found")
    flows = pd.read_csv(path, dtype={"product": str})
    from thaw.data.periods import check_annual_periods
    from thaw.errors import DataImportError

    try:  # part-year weights are refused, never read as a year (thaw.data.periods)
        check_annual_periods(flows, file=str(path))
    except DataImportError as exc:
        raise GEScenarioError(str(exc)) from None
    missing = [c for c in ("product", "exporter", "importer", "value") if c not in flows.columns]
    if missing:
        raise GEScenarioError(f"{path}: lacks column(s) {', '.join(missing)}")
    if not (np.all(np.isfinite(flows["value"])) and np.all(flows["value"] >= 0)):
        raise GEScenarioError(f"{path}: every 'value' must be a number >= 0")
    flows = flows[flows["exporter"] != flows["importer"]].copy()
    flows["t0"] = flow_tariffs(measures, flows, reg.baseline)
    flows["t1"] = flow_tariffs(measures, flows, reg.scenario)
    rows, tariffs = [], []
    for (exp_code, imp_code), part in flows.groupby(["exporter", "importer"]):
        if imp_code == "ROW" or exp_code == "ROW":
            continue
        covered = float(part["value"].sum())
        total = reg.pair_totals.get(f"{exp_code}>{imp_code}", covered)
        if total < covered:
            raise GEScenarioError(
                f"[register] pair_totals {exp_code}>{imp_code} = {total:g} is below the trade "
                f"in the flows file ({covered:g})"
            )
        if not covered > 0:
            continue
        t0 = float((part["t0"] * part["value"]).sum() / total)
        t1_arith = float((part["t1"] * part["value"]).sum() / total)
        t1_ces = t1_arith
        if sigma is not None:
            t1_ces = ces_uniform_equivalent(part["value"], part["t0"], part["t1"], sigma, total)[1]
        t1 = t1_ces if reg.aggregation == "ces" else t1_arith
        if abs(t1 - t0) < 1e-12:
            continue
        tariffs.append(
            GETariff(
                exporter=str(exp_code),
                importer=str(imp_code),
                baseline=t0,
                scenario=t1,
                sector=reg.sector,
            )
        )
        rows.append(
            {
                "exporter": exp_code,
                "importer": imp_code,
                "products": ", ".join(sorted(part["product"].astype(str))),
                "covered_trade": covered,
                "sector_trade": total,
                "aggregation": reg.aggregation,
                "tariff0_pct": t0,
                "tariff1_pct": t1,
                "tariff1_arithmetic_pct": t1_arith,
                **({} if sigma is None else {"tariff1_ces_pct": t1_ces}),
            }
        )
    return tariffs, pd.DataFrame(rows)


def read_gravity_data(
    spec: GEScenario, folder: Path, data: str | Path | None = None
) -> pd.DataFrame:
    """The gravity data file (CSV or Parquet), filtered to the scenario's year."""
    path = Path(data) if data is not None else folder / spec.data.file
    if not path.exists():
        raise GEScenarioError(
            f"gravity data {path} not found: give it with --data FILE (for the bundled "
            "scenarios: gegravity's public sample, sample_data_set.dlm in the USITC gegravity "
            "repository, or any file with the same columns)"
        )
    try:
        frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise GEScenarioError(f"{path}: cannot read the gravity data ({exc})") from None
    d = spec.data
    if d.year is not None:
        if d.year_column not in frame.columns:
            raise GEScenarioError(f"{path}: no column '{d.year_column}' to select year {d.year}")
        frame = frame.loc[frame[d.year_column] == d.year]
        if frame.empty:
            raise GEScenarioError(f"{path}: no rows for year {d.year}")
    return frame.reset_index(drop=True)
