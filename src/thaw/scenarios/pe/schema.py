"""The PE scenario schema, pure (no file or database access).

A scenario file (TOML) for data you bring: a flows table and elasticities by region.

Example (``examples/scenario_own_data.toml``)::

    [scenario]
    name = "EV-for-canola swap, illustrative"
    model = "armington"               # smart | gsim | armington
    welfare = "exact"                 # exact | gsim (GSIM spreadsheet convention; model gsim)

    [data]
    flows = "flows.csv"               # product, exporter, importer, value, tariff0, tariff1 (%)
    currency = "USD"
    value_unit = "million"

    [elasticities.defaults]           # used where no row below applies
    sigma = 1.5                       # WITS SMART default substitution elasticity
    export_supply = 99.0              # WITS SMART default (near-infinite)
    import_demand = -1.5              # yours: there is no universal default
    source = "WITS SMART defaults; import demand: my assumption"

    [[elasticities.override]]         # product or economy may be "*"
    product = "ev"
    economy = "CAN"
    sigma = 4.0

    [[quota]]
    product = "ev"
    exporter = "CHN"
    importer = "CAN"
    volume = 49000
    unit = "vehicles"
    unit_value = 0.045                # value units per vehicle (USD million), from your source
    in_rate = 6.1                     # percent; omit out_rate when imports above it are barred
    rent = "importer"                 # who holds the rent: "importer" or "exporter" (a VER)

    [monte_carlo]
    draws = 1000
    seed = 42
    cv = 0.25

Paths are relative to the scenario file. Validation refuses unknown fields and names the file
and field of any problem.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from thaw.economies import normalize_economy
from thaw.errors import ThawError
from thaw.scenarios._base import StrictModel


class ScenarioError(ThawError):
    """A scenario file cannot be read or is invalid; the message names file and field."""


class ScenarioInfo(StrictModel):
    name: str = Field(min_length=1)
    description: str = ""
    model: Literal["smart", "gsim", "armington"] = "armington"
    # consumer surplus: "exact" (thaw's second-order area, the default) or "gsim" (the GSIM
    # spreadsheet's sign(P^) form, to reproduce published GSIM numbers; model "gsim" only)
    welfare: Literal["exact", "gsim"] = "exact"


class DataSpec(StrictModel):
    flows: str
    currency: str = "USD"
    value_unit: str = "million"


class Defaults(StrictModel):
    sigma: float = Field(1.5, gt=0)
    export_supply: float = Field(99.0, gt=0)
    import_demand: float = Field(lt=0)
    source: str = Field(min_length=1)


class Override(StrictModel):
    product: str = "*"
    economy: str = "*"
    sigma: float | None = Field(default=None, gt=0)
    import_demand: float | None = Field(default=None, lt=0)
    export_supply: float | None = Field(default=None, gt=0)

    @field_validator("economy")
    @classmethod
    def _economy(cls, v: str) -> str:
        return v if v == "*" else normalize_economy(v)


class ElasticitySpec(StrictModel):
    """Elasticities by (product, economy). ``bundled = true`` starts from thaw's sourced table
    (``thaw/data/bundled/pe_elasticities.csv``); rows from ``file`` and ``[[override]]`` beat
    it; ``[defaults]`` fill what no row covers."""

    defaults: Defaults | None = None
    bundled: bool = False
    file: str | None = None
    override: tuple[Override, ...] = ()

    @model_validator(mode="after")
    def _some_source(self) -> ElasticitySpec:
        if self.defaults is None and not self.bundled and not self.file and not self.override:
            raise ValueError("give bundled = true, a file, overrides or [elasticities.defaults]")
        return self


class QuotaEntry(StrictModel):
    product: str
    exporter: str
    importer: str
    volume: float = Field(gt=0)
    unit: str = "value units"
    unit_value: float = Field(1.0, gt=0, description="value units per unit of volume")
    in_rate: float = Field(ge=0)
    out_rate: float | None = Field(default=None, ge=0)
    rent: Literal["importer", "exporter"] = Field(
        "importer",
        description="who holds the quota rent: the importer (licences held by importers) or "
        "the exporter (a voluntary export restraint, or licences held abroad)",
    )

    @field_validator("exporter", "importer")
    @classmethod
    def _econ(cls, v: str) -> str:
        return normalize_economy(v)


class RegisterModify(StrictModel):
    id: str
    ad_valorem: float = Field(ge=0, le=1000, description="percent")


class RegisterSpec(StrictModel):
    """Tariffs from the measure register instead of tariff columns in the flows file.

    The baseline is the register on ``baseline`` (a date), or the end state of another scenario
    file (``baseline_scenario``: its register after its changes, on its scenario date). The
    scenario is the register on ``scenario`` (default: the baseline date) after ``remove``,
    ``modify``, measures added from ``add_file`` and inline ``[[register.add]]`` tables.

    ``data_date`` is the date whose register the flow values were observed under (e.g. a day in
    the data year). When its tariffs differ from the baseline's, the model first simulates the
    baseline from the data, then the scenario from that baseline.
    """

    data_date: dt.date | None = None
    baseline: dt.date | None = None
    baseline_scenario: str | None = None
    scenario: dt.date | None = None
    remove: tuple[str, ...] = ()
    modify: tuple[RegisterModify, ...] = ()
    add_file: str | None = None
    add: tuple[dict[str, Any], ...] = ()
    quotas: bool = True
    unit_values: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_baseline(self) -> RegisterSpec:
        if (self.baseline is None) == (self.baseline_scenario is None):
            raise ValueError("give exactly one of baseline (a date) or baseline_scenario (a file)")
        if self.baseline is None and self.scenario is None:
            raise ValueError("with baseline_scenario, give the scenario date too")
        return self

    @field_validator("unit_values")
    @classmethod
    def _positive(cls, v: dict[str, float]) -> dict[str, float]:
        bad = {k: x for k, x in v.items() if not x > 0}
        if bad:
            raise ValueError(f"unit values must be > 0, got {bad}")
        return v


class Scope(StrictModel):
    """Flows kept: products starting with one of ``products`` (HS prefixes; all if empty) whose
    exporter and importer are both in ``economies`` or ROW (all if empty)."""

    products: tuple[str, ...] = ()
    economies: tuple[str, ...] = ()

    @field_validator("economies")
    @classmethod
    def _codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_economy(c) for c in v)


class MonteCarlo(StrictModel):
    draws: int = Field(0, ge=0, le=100_000)
    seed: int = 0
    cv: float = Field(0.25, gt=0, lt=5)


class SolverSpec(StrictModel):
    tol: float = Field(1e-10, gt=0, le=1e-2)
    max_iter: int = Field(200, ge=1, le=100_000)


class ScenarioSpec(StrictModel):
    """A validated scenario file."""

    scenario: ScenarioInfo
    data: DataSpec
    elasticities: ElasticitySpec
    quota: tuple[QuotaEntry, ...] = ()
    from_register: RegisterSpec | None = Field(default=None, alias="register")
    scope: Scope = Scope()
    monte_carlo: MonteCarlo = MonteCarlo()
    solver: SolverSpec = SolverSpec()
