"""The GE scenario schema, pure (no file or database access).

GE scenario files (TOML): gravity data, sigma, reference, trade costs, and what changes.

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
from typing import Literal

from pydantic import Field, field_validator, model_validator

from thaw.errors import ThawError
from thaw.models.ge import SIGMA_MIN
from thaw.scenarios._base import StrictModel


class GEScenarioError(ThawError):
    """A GE scenario file cannot be read or is invalid; the message names file and field."""


class GEInfo(StrictModel):
    name: str = Field(min_length=1)
    description: str = ""


class GEData(StrictModel):
    file: str = Field(min_length=1)
    exporter: str = "exporter"
    importer: str = "importer"
    trade: str = "trade"
    output: str | None = None
    expenditure: str | None = None
    sector: str | None = None
    year: int | None = None
    year_column: str = "year"


class GEModel(StrictModel):
    sigma: float = Field(le=50, description=f"elasticity of substitution, >= {SIGMA_MIN}")
    reference: str = Field(min_length=1, description="reference importer: its IMR is 1")
    sigma_source: str = ""

    @field_validator("sigma")
    @classmethod
    def _sigma(cls, v: float) -> float:
        if not v >= SIGMA_MIN:
            raise ValueError(
                f"sigma must be >= {SIGMA_MIN} (got {v:g}): as sigma -> 1 the price-index "
                "levels (sum ...)^(1/(1-sigma)) and the trade costs implied by the cost "
                "coefficients grow without bound (sigma 1.001 overflows on gegravity's sample); "
                f"for a near-Cobb-Douglas economy use sigma = {SIGMA_MIN}"
            )
        return v

    @field_validator("reference")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class GECosts(StrictModel):
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


class GEChange(StrictModel):
    variable: str
    value: float
    pairs: tuple[tuple[str, str], ...] = Field(min_length=1)

    @field_validator("pairs")
    @classmethod
    def _codes(cls, v: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple(_pair(p) for p in v)


class GETariff(StrictModel):
    exporter: str
    importer: str
    baseline: float = Field(0.0, ge=0, le=1000, description="percent")
    scenario: float = Field(ge=0, le=1000, description="percent")
    sector: str | None = None

    @field_validator("exporter", "importer")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class GERegister(StrictModel):
    """Tariffs from the measure register, aggregated to the GE sector.

    For every (exporter, importer) pair in the product ``flows`` file (``product`` HS code,
    ``exporter``, ``importer``, ``value``: trade before the tariffs), with ``V`` the pair's total
    trade in the sector (``pair_totals`` as ``"EXP>IMP"``, same units as ``value``; without it,
    the products in the file stand for the whole sector; trade not in the file has no tariff on
    either date), the baseline rate is the trade-weighted mean ``T0 = sum_p t0_p v_p / V``.
    The scenario rate ``T1`` depends on ``aggregation``:

    * ``"ces"`` (default): the CES-consistent uniform equivalent, the uniform change giving the
      same change in the pair's CES price index over its products, with the model's sigma and
      baseline (tariff-inclusive) expenditure shares ``theta_p = v_p (1 + t0_p) / sum``:
      ``(1 + T1) / (1 + T0) = [sum_p theta_p ((1 + t1_p) / (1 + t0_p))^(1-sigma)]^(1/(1-sigma))``.
    * ``"arithmetic"``: ``T1 = sum_p t1_p v_p / V``, the pre-tariff trade-weighted mean. It
      overstates the shock to the sector (a prohibitive tariff on a few products counts at its
      full rate, although buyers switch to the other products), and is never below ``"ces"``.
    """

    aggregation: Literal["ces", "arithmetic"] = "ces"
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


class GEMonteCarlo(StrictModel):
    draws: int = Field(0, ge=0, le=100_000)
    seed: int = 0


class GESolver(StrictModel):
    tol: float = Field(1e-12, gt=0, le=1e-4)
    max_iter: int = Field(100, ge=1, le=10_000)


class GEScenario(StrictModel):
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
