"""Routes for PE scenarios: the bundled and saved ones, validation, the builder, saving."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi import Path as PathParam

from thaw.errors import NotFoundError, ThawError
from thaw.scenarios.toml_out import dumps as toml_dumps
from thaw.web.deps import WRITE, Server, ServerDep, error
from thaw.web.schemas import BuildIn, SaveIn, TomlIn

router = APIRouter()


@router.get("/api/scenarios")
def api_scenarios(server: ServerDep) -> dict[str, Any]:
    from thaw.scenarios.ge.load import bundled_ge_scenarios, load_ge_scenario
    from thaw.scenarios.pe.load import bundled_scenarios, load_scenario

    def listing(files: dict[str, Path], load: Any) -> list[dict[str, str]]:
        out = []
        for name, path in files.items():
            info = load(path)[0].scenario
            out.append({"name": name, "title": info.name, "description": info.description})
        return out

    pe = listing(bundled_scenarios(), load_scenario)
    ge = listing(bundled_ge_scenarios(), load_ge_scenario)
    return {"pe": pe, "ge": ge, "saved": list(server.saved())}


@router.get("/api/scenarios/{name}")
def api_scenario(
    server: ServerDep, name: Annotated[str, PathParam(max_length=64)]
) -> dict[str, Any]:
    path = scenario_path(server, name)
    return {"name": name, "toml": path.read_text(encoding="utf-8")}


@router.post("/api/scenarios/validate")
def api_validate(body: TomlIn) -> dict[str, Any]:
    try:
        validated_scenario(body.toml)
    except ThawError as exc:
        return {"valid": False, "error": str(exc)}
    return {"valid": True, "error": None}


@router.post("/api/scenarios/build")
def api_build(server: ServerDep, body: BuildIn) -> dict[str, Any]:
    return {"toml": _build(server, body)}


@router.post("/api/scenarios/save", status_code=201, dependencies=WRITE)
def api_save(server: ServerDep, body: SaveIn) -> dict[str, Any]:
    from thaw.scenarios.pe.load import bundled_scenarios

    if body.name in bundled_scenarios():
        raise error(409, f"{body.name} is a bundled scenario; choose another name")
    validated_scenario(body.toml)
    server.scenario_dir.mkdir(parents=True, exist_ok=True)
    target = server.scenario_dir / f"{body.name}.toml"
    from thaw._io import save_atomic

    save_atomic(target, lambda tmp: tmp.write_text(body.toml, encoding="utf-8"))
    return {"name": body.name}


def scenario_path(server: Server, name: str) -> Path:
    from thaw.scenarios.pe.load import bundled_scenarios

    found = {**bundled_scenarios(), **server.saved()}
    if name not in found:
        raise NotFoundError(f"no scenario {name!r}; see /api/scenarios")
    return found[name]


def validated_scenario(text: str) -> Any:
    """The PE scenario spec a TOML text describes, or a ThawError that says what is wrong."""
    from thaw.scenarios._files import load_spec
    from thaw.scenarios.pe.schema import ScenarioError, ScenarioSpec

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.toml"
        path.write_text(text, encoding="utf-8")
        spec, _ = load_spec(path, ScenarioSpec, {}, ScenarioError, "thaw.scenarios.pe.schema")
    return spec


def copy_relative(spec: Any, base: Path, target: Path) -> None:
    """Copy the data files a saved scenario names relative to itself next to its temporary copy."""
    import shutil

    for name in (
        spec.data.flows,
        spec.elasticities.file,
        getattr(spec.from_register, "add_file", None),
    ):
        if name and not name.startswith("thaw:") and (base / name).is_file():
            shutil.copy(base / name, target / Path(name).name)


BLANK: dict[str, Any] = {
    "scenario": {"name": "New scenario", "model": "armington"},
    "data": {"flows": "thaw:pe_markets_cad.csv", "currency": "CAD", "value_unit": "million"},
    "register": {"baseline": dt.date(2025, 9, 1), "scenario": dt.date(2025, 9, 1)},
    "elasticities": {"bundled": True, "file": "thaw:pe_markets_cad_supply.csv"},
    "monte_carlo": {"draws": 200, "seed": 1},
}


def _build(server: Server, body: BuildIn) -> str:
    """The TOML of a bundled or saved scenario (or ``blank``: the bundled markets with the
    register on 2025-09-01 as both baseline and scenario) with the form's changes."""
    doc: dict[str, Any]
    if body.base == "blank":
        import copy

        doc = copy.deepcopy(BLANK)
    else:
        doc = tomllib.loads(scenario_path(server, body.base).read_text(encoding="utf-8"))
    if body.name:
        doc["scenario"]["name"] = body.name
    if body.model:
        doc["scenario"]["model"] = body.model
    mc = doc.setdefault("monte_carlo", {})
    if body.draws is not None:
        mc["draws"] = body.draws
    if body.seed is not None:
        mc["seed"] = body.seed
    if body.remove or body.modify or body.quotas:
        reg = doc.get("register")
        if reg is None:
            raise ThawError(f"{body.base} does not take its tariffs from the register")
        known = {m.id for m in server.register}
        unknown = [x for x in [*body.remove, *(m.id for m in body.modify)] if x not in known]
        if unknown:
            raise ThawError(f"unknown measure id(s) {', '.join(unknown)}; see /api/measures")
        reg["remove"] = sorted({*reg.get("remove", []), *body.remove})
        if body.modify:
            reg["modify"] = [*reg.get("modify", []), *(m.model_dump() for m in body.modify)]
    if body.quotas:
        doc["quota"] = [
            *doc.get("quota", []),
            *({k: v for k, v in q.model_dump().items() if v is not None} for q in body.quotas),
        ]
    if body.overrides:
        el = doc.setdefault("elasticities", {})
        el["override"] = [
            *el.get("override", []),
            *({k: v for k, v in o.model_dump().items() if v is not None} for o in body.overrides),
        ]
    text = toml_dumps(doc, header=f"Built in the thaw workbench from {body.base}")
    validated_scenario(text)
    return text
