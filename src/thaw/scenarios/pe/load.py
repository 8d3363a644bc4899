"""Loading a PE scenario: the file (or a bundled name), then the :class:`PEDataset` it describes.

Flows and elasticities tables are read relative to the scenario file (``thaw:NAME`` for a file
bundled with thaw); with ``[register]`` the tariffs of both states come from the measure
register. The schema itself is :mod:`thaw.scenarios.pe.schema`; running is
:mod:`thaw.scenarios.pe.run`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from thaw.errors import ThawError
from thaw.measures.io import load_measures_file, measure_from_dict
from thaw.measures.model import Measure
from thaw.scenarios._files import bundled_files, load_spec, resolve
from thaw.scenarios.pe.dataset import FLOW_COLUMNS, ElasticityDefaults, PEDataset
from thaw.scenarios.pe.schema import RegisterSpec, ScenarioError, ScenarioSpec, Scope
from thaw.scenarios.register import RateChange, flow_tariffs, register_quotas, scenario_register


def bundled_scenarios() -> dict[str, Path]:
    """The PE scenarios shipped with thaw, by name (``thaw simulate dispute-2025``)."""
    return bundled_files("*.toml", exclude_prefix="ge-")


def load_scenario(path: str | Path) -> tuple[ScenarioSpec, Path]:
    """Parse and validate a scenario TOML file, or a bundled scenario by name; returns the spec
    and its folder."""
    return load_spec(
        path, ScenarioSpec, bundled_scenarios(), ScenarioError, "thaw.scenarios.pe.schema"
    )


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
        keep &= flows["product"].astype(str).str.startswith(tuple(scope.products))
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
    from thaw.data.periods import check_annual_periods

    try:  # a part-year value is refused, never read as a year (thaw.data.periods)
        check_annual_periods(flows, file=str(resolve(folder, spec.data.flows)))
    except ThawError as exc:
        raise ScenarioError(str(exc)) from None
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
                "rent": q.rent,
            }
            for q in spec.quota
        ],
        columns=["product", "exporter", "importer", "volume", "in_rate", "out_rate", "rent"],
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
            welfare=spec.scenario.welfare,
        )
    except ThawError as exc:
        raise ScenarioError(f"{resolve(folder, spec.data.flows)}: {exc}") from None
