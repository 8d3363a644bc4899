"""Loading a GE scenario: the file (or a bundled name), its gravity data, and tariffs from the
register trade-weighted to the sector. The schema is :mod:`thaw.scenarios.ge.schema`; the
arrays are built in :mod:`thaw.scenarios.ge.dataset`; running is :mod:`thaw.scenarios.ge.run`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def register_tariffs(
    reg: GERegister, folder: Path, measures: list[Any]
) -> tuple[list[GETariff], pd.DataFrame]:
    """``[[tariff]]`` entries from the register (see :class:`GERegister`), and a table of how
    each was weighted (pair, products, covered trade, sector total, rates)."""
    path = resolve(folder, reg.flows)
    if not path.exists():
        raise GEScenarioError(f"[register] flows file {path} not found")
    flows = pd.read_csv(path, dtype={"product": str})
    missing = [c for c in ("product", "exporter", "importer", "value") if c not in flows.columns]
    if missing:
        raise GEScenarioError(f"{path}: lacks column(s) {', '.join(missing)}")
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
        t0 = float((part["t0"] * part["value"]).sum() / total)
        t1 = float((part["t1"] * part["value"]).sum() / total)
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
                "tariff0_pct": t0,
                "tariff1_pct": t1,
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
