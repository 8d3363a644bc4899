"""Scenario files (TOML) for data you bring: a flows table and elasticities by region.

Example (``examples/scenario_own_data.toml``)::

    [scenario]
    name = "EV-for-canola swap, illustrative"
    model = "armington"               # smart | gsim | armington

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

    [monte_carlo]
    draws = 1000
    seed = 42
    cv = 0.25

Paths are relative to the scenario file. Validation refuses unknown fields and names the file
and field of any problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from thaw.economies import normalize_economy
from thaw.errors import ThawError
from thaw.measures.io import load_measures_file, measure_from_dict
from thaw.measures.model import Measure
from thaw.scenarios._files import bundled_files, load_spec, resolve
from thaw.scenarios.dataset import FLOW_COLUMNS, ElasticityDefaults, PEDataset


class ScenarioError(ThawError):
    """A scenario file cannot be read or is invalid; the message names file and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScenarioInfo(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    model: Literal["smart", "gsim", "armington"] = "armington"


class DataSpec(_Strict):
    flows: str
    currency: str = "USD"
    value_unit: str = "million"


class Defaults(_Strict):
    sigma: float = Field(1.5, gt=0)
    export_supply: float = Field(99.0, gt=0)
    import_demand: float = Field(lt=0)
    source: str = Field(min_length=1)


class Override(_Strict):
    product: str = "*"
    economy: str = "*"
    sigma: float | None = Field(default=None, gt=0)
    import_demand: float | None = Field(default=None, lt=0)
    export_supply: float | None = Field(default=None, gt=0)

    @field_validator("economy")
    @classmethod
    def _economy(cls, v: str) -> str:
        return v if v == "*" else normalize_economy(v)


class ElasticitySpec(_Strict):
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


class QuotaEntry(_Strict):
    product: str
    exporter: str
    importer: str
    volume: float = Field(gt=0)
    unit: str = "value units"
    unit_value: float = Field(1.0, gt=0, description="value units per unit of volume")
    in_rate: float = Field(ge=0)
    out_rate: float | None = Field(default=None, ge=0)

    @field_validator("exporter", "importer")
    @classmethod
    def _econ(cls, v: str) -> str:
        return normalize_economy(v)


class RegisterModify(_Strict):
    id: str
    ad_valorem: float = Field(ge=0, le=1000, description="percent")


class RegisterSpec(_Strict):
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


class Scope(_Strict):
    """Flows kept: products starting with one of ``products`` (HS prefixes; all if empty) whose
    exporter and importer are both in ``economies`` or ROW (all if empty)."""

    products: tuple[str, ...] = ()
    economies: tuple[str, ...] = ()

    @field_validator("economies")
    @classmethod
    def _codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_economy(c) for c in v)


class MonteCarlo(_Strict):
    draws: int = Field(0, ge=0, le=100_000)
    seed: int = 0
    cv: float = Field(0.25, gt=0, lt=5)


class SolverSpec(_Strict):
    tol: float = Field(1e-10, gt=0, le=1e-2)
    max_iter: int = Field(200, ge=1, le=100_000)


class ScenarioSpec(_Strict):
    """A validated scenario file."""

    scenario: ScenarioInfo
    data: DataSpec
    elasticities: ElasticitySpec
    quota: tuple[QuotaEntry, ...] = ()
    from_register: RegisterSpec | None = Field(default=None, alias="register")
    scope: Scope = Scope()
    monte_carlo: MonteCarlo = MonteCarlo()
    solver: SolverSpec = SolverSpec()


def bundled_scenarios() -> dict[str, Path]:
    """The PE scenarios shipped with thaw, by name (``thaw simulate dispute-2025``)."""
    return bundled_files("*.toml", exclude_prefix="ge-")


def load_scenario(path: str | Path) -> tuple[ScenarioSpec, Path]:
    """Parse and validate a scenario TOML file, or a bundled scenario by name; returns the spec
    and its folder."""
    return load_spec(path, ScenarioSpec, bundled_scenarios(), ScenarioError, __name__)


def _read_table(path: Path, what: str, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise ScenarioError(f"{what} file {path} not found (paths are relative to the scenario)")
    try:
        frame = (
            pd.read_csv(path, dtype={"product": str})  # HS codes keep their leading zeros
            if path.suffix.lower() != ".parquet"
            else pd.read_parquet(path)
        )
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise ScenarioError(f"{path}: cannot read {what} ({exc})") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ScenarioError(
            f"{path}: {what} lack column(s) {', '.join(missing)}; expected {', '.join(columns)}"
        )
    return frame


def _scenario_state(
    reg: RegisterSpec, folder: Path, measures: Sequence[Measure]
) -> tuple[list[Measure], dt.date]:
    """The register after a scenario's changes, and the date it is read on."""
    from thaw.scenarios.register import RateChange, scenario_register

    added: list[Measure] = []
    if reg.add_file:
        added = load_measures_file(folder / reg.add_file)
    added += [
        measure_from_dict(m, file=f"{folder}/[register.add]", index=i)
        for i, m in enumerate(reg.add)
    ]
    after = scenario_register(
        measures,
        remove=reg.remove,
        add=added,
        modify=[RateChange(m.id, m.ad_valorem) for m in reg.modify],
    )
    on = reg.scenario or reg.baseline
    assert on is not None  # validated
    return after, on


def _register_tariffs(
    spec: ScenarioSpec, folder: Path, flows: pd.DataFrame, measures: Sequence[Measure]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill tariff0/tariff1 from the register; return flows and register quotas."""
    from thaw.scenarios.register import flow_tariffs, register_quotas

    reg = spec.from_register
    assert reg is not None  # checked by the caller
    if {"tariff0", "tariff1"} & set(flows.columns):
        raise ScenarioError(
            f"{folder / spec.data.flows}: give tariffs either as columns or "
            "through [register], not both"
        )
    after, on1 = _scenario_state(reg, folder, measures)
    if reg.baseline_scenario is not None:
        other, other_folder = load_scenario(folder / reg.baseline_scenario)
        if other.from_register is None:
            raise ScenarioError(
                f"{folder / reg.baseline_scenario}: a baseline scenario must "
                "take its tariffs from the register ([register])"
            )
        before, on0 = _scenario_state(other.from_register, other_folder, measures)
    else:
        assert reg.baseline is not None  # validated: one of the two is given
        before, on0 = list(measures), reg.baseline
    flows["tariff0"] = flow_tariffs(before, flows, on0)
    flows["tariff1"] = flow_tariffs(after, flows, on1)
    if reg.data_date is not None:
        flows["tariff_data"] = flow_tariffs(measures, flows, reg.data_date)
    quotas = register_quotas(after, flows, on1, reg.unit_values) if reg.quotas else None
    if quotas is None or quotas.empty:
        return flows, pd.DataFrame()
    return flows, quotas.drop(columns=["measure"])


def _apply_scope(scope: Scope, flows: pd.DataFrame) -> pd.DataFrame:
    keep = pd.Series(True, index=flows.index)
    if scope.products:
        keep &= flows["product"].map(lambda p: any(p.startswith(x) for x in scope.products))
    if scope.economies:
        allowed = {*scope.economies, "ROW"}
        for col in ("exporter", "importer"):
            keep &= flows[col].astype(str).str.upper().isin(allowed)
    if not keep.any():
        raise ScenarioError("no flows left after [scope]; check the products and economies")
    return flows.loc[keep].reset_index(drop=True)


def build_dataset(
    spec: ScenarioSpec,
    folder: Path,
    measures: Sequence[Measure] | None = None,
    model: str | None = None,
) -> PEDataset:
    """The :class:`PEDataset` a scenario describes (files read relative to ``folder``).

    With a ``[register]`` section, ``measures`` (the register) supply the tariffs. ``model``
    (default: the scenario's) picks the bundled elasticities when ``bundled = true``.
    """
    wanted = FLOW_COLUMNS if spec.from_register is None else FLOW_COLUMNS[:4]
    flows = _read_table(resolve(folder, spec.data.flows), "flows", wanted)
    flows["product"] = flows["product"].astype(str)
    flows = _apply_scope(spec.scope, flows)
    register_quota_rows = pd.DataFrame()
    if spec.from_register is not None:
        if measures is None:
            raise ScenarioError("this scenario takes tariffs from the register: open a store")
        for col in ("exporter", "importer"):
            flows[col] = flows[col].astype(str).str.upper()
        try:
            flows, register_quota_rows = _register_tariffs(spec, folder, flows, measures)
        except ScenarioError:
            raise
        except ThawError as exc:
            raise ScenarioError(f"{folder}: [register]: {exc}") from None
    rows: list[dict[str, Any]] = []
    if spec.elasticities.bundled:
        from thaw.data.elasticities import elasticity_rows

        bundled = elasticity_rows(model or spec.scenario.model)
        rows.extend(
            {**{str(k): v for k, v in r.items()}, "origin": "bundled"}
            for r in bundled.to_dict(orient="records")
        )
    if spec.elasticities.file:
        extra = _read_table(
            resolve(folder, spec.elasticities.file), "elasticities", ("product", "economy")
        )
        rows.extend(
            {**{str(k): v for k, v in r.items()}, "origin": "user"}
            for r in extra.to_dict(orient="records")
        )
    rows.extend({**o.model_dump(), "origin": "user"} for o in spec.elasticities.override)
    columns = ["product", "economy", "sigma", "import_demand", "export_supply", "origin"]
    extra_cols = sorted({k for r in rows for k in r} - set(columns))
    elasticities = pd.DataFrame(rows, columns=columns + extra_cols)
    elasticities["product"] = elasticities["product"].astype(str)
    d = spec.elasticities.defaults
    quotas = pd.DataFrame(
        [
            {
                "product": q.product,
                "exporter": q.exporter,
                "importer": q.importer,
                "volume": q.volume * q.unit_value,
                "in_rate": q.in_rate,
                "out_rate": float("nan") if q.out_rate is None else q.out_rate,
            }
            for q in spec.quota
        ],
        columns=["product", "exporter", "importer", "volume", "in_rate", "out_rate"],
    )
    if not register_quota_rows.empty:
        quotas = pd.concat([quotas, register_quota_rows], ignore_index=True)
    try:
        return PEDataset(
            flows=flows,
            elasticities=elasticities,
            defaults=None
            if d is None
            else ElasticityDefaults(d.sigma, d.import_demand, d.export_supply, d.source),
            currency=spec.data.currency,
            value_unit=spec.data.value_unit,
            quotas=quotas,
        )
    except ThawError as exc:
        raise ScenarioError(f"{resolve(folder, spec.data.flows)}: {exc}") from None
