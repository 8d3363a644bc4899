"""GE scenario files (TOML): gravity data, sigma, reference, trade costs, and what changes.

Example (``thaw/scenarios/bundled/ge-can-chn-pta.toml``)::

    [scenario]
    name = "Canada-China preferential agreement"

    [data]
    file = "gegravity_sample_2006.csv"   # relative to this file; `thaw ge --data FILE` overrides
    output = "Y"                         # optional: exporter output (default: sum of trade)
    expenditure = "E"                    # optional: importer expenditure (default: sum of trade)
    year = 2006                          # optional: keep this year (column `year`)

    [model]
    sigma = 5
    reference = "DEU"

    [costs]
    variables = ["pta", "contiguity", "common_language", "lndist", "international"]
    coefficients = "estimate"            # or a table {pta = 0.47, ...}
    # std_errors = {pta = 0.11, ...}     # with given coefficients, for Monte Carlo

    [[change]]                           # set a cost variable for listed pairs
    variable = "pta"
    value = 1
    pairs = [["CAN", "CHN"], ["CHN", "CAN"]]   # [exporter, importer]

    [[tariff]]                           # an ad valorem tariff on a pair, percent
    exporter = "CAN"
    importer = "USA"
    baseline = 0
    scenario = 25

    [monte_carlo]
    draws = 500
    seed = 1

Columns default to ``exporter``, ``importer``, ``trade``; a ``sector`` column makes the model
multi-sector (sectors independent, coefficients estimated per sector).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from thaw.errors import ThawError
from thaw.scenarios._files import bundled_files, load_spec, resolve


class GEScenarioError(ThawError):
    """A GE scenario file cannot be read or is invalid; the message names file and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GEInfo(_Strict):
    name: str = Field(min_length=1)
    description: str = ""


class GEData(_Strict):
    file: str = Field(min_length=1)
    exporter: str = "exporter"
    importer: str = "importer"
    trade: str = "trade"
    output: str | None = None
    expenditure: str | None = None
    sector: str | None = None
    year: int | None = None
    year_column: str = "year"


class GEModel(_Strict):
    sigma: float = Field(gt=1, le=50, description="elasticity of substitution")
    reference: str = Field(min_length=1, description="reference importer: its IMR is 1")
    sigma_source: str = ""

    @field_validator("reference")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class GECosts(_Strict):
    variables: tuple[str, ...] = Field(min_length=1)
    coefficients: Literal["estimate"] | dict[str, float] = "estimate"
    std_errors: dict[str, float] = Field(default_factory=dict)
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> GECosts:
        if isinstance(self.coefficients, dict):
            missing = [v for v in self.variables if v not in self.coefficients]
            if missing:
                raise ValueError(f"coefficients missing for {missing}")
        extra = [v for v in self.std_errors if v not in self.variables]
        if extra:
            raise ValueError(f"std_errors for variables not in `variables`: {extra}")
        if any(not x > 0 for x in self.std_errors.values()):
            raise ValueError("std_errors must be > 0")
        return self


def _pair(v: tuple[str, str]) -> tuple[str, str]:
    return (v[0].upper(), v[1].upper())


class GEChange(_Strict):
    variable: str
    value: float
    pairs: tuple[tuple[str, str], ...] = Field(min_length=1)

    @field_validator("pairs")
    @classmethod
    def _codes(cls, v: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple(_pair(p) for p in v)


class GETariff(_Strict):
    exporter: str
    importer: str
    baseline: float = Field(0.0, ge=0, le=1000, description="percent")
    scenario: float = Field(ge=0, le=1000, description="percent")
    sector: str | None = None

    @field_validator("exporter", "importer")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class GERegister(_Strict):
    """Tariffs from the measure register, trade-weighted to the GE sector.

    For every (exporter, importer) pair in the product ``flows`` file (``product`` HS code,
    ``exporter``, ``importer``, ``value``), the sector tariff on a date is
    ``sum_p t_p v_p / V``: the register's applied rate on each product weighted by its trade,
    over ``V``, the pair's total trade in the sector (``pair_totals`` as ``"EXP>IMP"``, same units
    as ``value``; without it, the products in the file stand for the whole sector)."""

    baseline: dt.date
    scenario: dt.date
    flows: str
    pair_totals: dict[str, float] = Field(default_factory=dict)
    totals_source: str = ""
    sector: str | None = None

    @field_validator("pair_totals")
    @classmethod
    def _pairs(cls, v: dict[str, float]) -> dict[str, float]:
        for key, value in v.items():
            if key.count(">") != 1 or not value > 0:
                raise ValueError(
                    f'pair_totals entries look like "CAN>CHN" = 30000 (> 0); got {key}'
                )
        return {k.upper(): x for k, x in v.items()}


class GEMonteCarlo(_Strict):
    draws: int = Field(0, ge=0, le=100_000)
    seed: int = 0


class GESolver(_Strict):
    tol: float = Field(1e-12, gt=0, le=1e-4)
    max_iter: int = Field(100, ge=1, le=10_000)


class GEScenario(_Strict):
    scenario: GEInfo
    data: GEData
    model: GEModel
    costs: GECosts
    change: tuple[GEChange, ...] = ()
    tariff: tuple[GETariff, ...] = ()
    from_register: GERegister | None = Field(default=None, alias="register")
    monte_carlo: GEMonteCarlo = GEMonteCarlo()
    solver: GESolver = GESolver()

    @model_validator(mode="after")
    def _known_variables(self) -> GEScenario:
        unknown = [c.variable for c in self.change if c.variable not in self.costs.variables]
        if unknown:
            raise ValueError(f"[[change]] names variables not in [costs] variables: {unknown}")
        if not self.change and not self.tariff and self.from_register is None:
            raise ValueError("nothing changes: add a [[change]], a [[tariff]] or [register]")
        return self


def bundled_ge_scenarios() -> dict[str, Path]:
    """GE scenarios shipped with thaw, by name (``thaw ge ge-can-chn-pta --data FILE``)."""
    return bundled_files("ge-*.toml")


def load_ge_scenario(path: str | Path) -> tuple[GEScenario, Path]:
    """Parse and validate a GE scenario file (or a bundled one by name); returns the spec and
    the folder its relative paths start from."""
    return load_spec(path, GEScenario, bundled_ge_scenarios(), GEScenarioError, __name__)


def register_tariffs(
    reg: GERegister, folder: Path, measures: list[Any]
) -> tuple[list[GETariff], pd.DataFrame]:
    """``[[tariff]]`` entries from the register (see :class:`GERegister`), and a table of how
    each was weighted (pair, products, covered trade, sector total, rates)."""
    from thaw.scenarios.register import flow_tariffs

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
