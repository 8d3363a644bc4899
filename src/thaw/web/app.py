"""The web workbench: server-rendered pages over a JSON API (FastAPI), for analysts who do not
use a terminal. Every number comes from the Python API; nothing here computes economics.

Safety: reads are open to anyone; anything that writes (saving scenarios, adding measures) or
spends CPU (runs) needs the server's token when one is set, and is refused outright when the
server listens beyond loopback without one. Request bodies, draws and queued runs are bounded;
inputs are validated with messages that say what to fix; a failed run changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
import threading
import tomllib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field

import thaw
from thaw._io import jsonable
from thaw.data.store import Store
from thaw.errors import NotFoundError, ThawError
from thaw.scenarios.toml_out import dumps as toml_dumps
from thaw.web.jobs import Job, JobManager, TooManyJobs

MAX_BODY = 256 * 1024  # bytes
MAX_DRAWS = 5000
MAX_ROWS = 2000
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
FILES = {
    "economies.csv",
    "economies.parquet",
    "flows.csv",
    "flows.parquet",
    "scenario.toml",
    "report.html",
    "result.json",
}


@dataclass
class WebSettings:
    """How the server runs: the database, the token, whether it listens beyond loopback, where
    saved scenarios go, and the gravity data GE runs use."""

    db: Path | None = None
    token: str | None = None
    open_network: bool = False
    scenario_dir: Path | None = None
    ge_data: Path | None = None
    workers: int = 2
    max_active_runs: int = 8
    store: Store | None = field(default=None, repr=False)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TomlIn(_Strict):
    toml: str = Field(min_length=1, max_length=MAX_BODY)


class SaveIn(_Strict):
    name: str = Field(pattern=NAME.pattern)
    toml: str = Field(min_length=1, max_length=MAX_BODY)


class ModifyIn(_Strict):
    id: str = Field(min_length=1, max_length=100)
    ad_valorem: float = Field(ge=0, le=1000)


class QuotaIn(_Strict):
    product: str = Field(min_length=1, max_length=20)
    exporter: str = Field(min_length=2, max_length=3)
    importer: str = Field(min_length=2, max_length=3)
    volume: float = Field(gt=0, le=1e12)
    unit: str = Field("units", max_length=40)
    unit_value: float = Field(gt=0, le=1e9)
    in_rate: float = Field(ge=0, le=1000)
    out_rate: float | None = Field(default=None, ge=0, le=1000)


class OverrideIn(_Strict):
    product: str = Field("*", min_length=1, max_length=20)
    economy: str = Field("*", min_length=1, max_length=3)
    sigma: float | None = Field(default=None, gt=0, le=50)
    import_demand: float | None = Field(default=None, lt=0, ge=-50)
    export_supply: float | None = Field(default=None, gt=0, le=1000)


class BuildIn(_Strict):
    base: str = Field(min_length=1, max_length=64)
    name: str | None = Field(default=None, max_length=200)
    model: Literal["smart", "gsim", "armington"] | None = None
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**31)
    remove: list[str] = Field(default_factory=list, max_length=100)
    modify: list[ModifyIn] = Field(default_factory=list, max_length=100)
    quotas: list[QuotaIn] = Field(default_factory=list, max_length=20)
    overrides: list[OverrideIn] = Field(default_factory=list, max_length=50)


class RunIn(_Strict):
    scenario: str | None = Field(default=None, max_length=64)
    toml: str | None = Field(default=None, max_length=MAX_BODY)
    model: Literal["smart", "gsim", "armington"] | None = None
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**31)


class GERunIn(_Strict):
    scenario: str = Field(min_length=1, max_length=64)
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)


class _Server:
    """State shared by the request handlers: one store behind a lock, a snapshot of the
    register for runs, the job manager."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self.store = settings.store or thaw.open_store(settings.db)
        self.register = list(self.store.measures())
        self.jobs = JobManager(settings.workers, settings.max_active_runs)
        default_dir = Path(tempfile.gettempdir()) / "thaw-scenarios"
        self.scenario_dir = settings.scenario_dir or default_dir

    def saved(self) -> dict[str, Path]:
        if not self.scenario_dir.exists():
            return {}
        return {p.stem: p for p in sorted(self.scenario_dir.glob("*.toml"))}


def _error(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The workbench application (``thaw serve`` runs it with uvicorn)."""
    settings = settings or WebSettings()
    server = _Server(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        server.jobs.shutdown()

    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    app = FastAPI(
        lifespan=lifespan,
        responses={
            400: {"description": "invalid input (the message says what to fix)", **error},
            401: {"description": "this action needs the server's token", **error},
            403: {"description": "writes are off on this server", **error},
            404: {"description": "no such measure, scenario, run or file", **error},
            409: {"description": "conflict (a bundled name, no GE data)", **error},
            413: {"description": "request body too large", **error},
            429: {"description": "too many runs queued", **error},
        },
        title="thaw workbench API",
        version=thaw.__version__,
        description="Measures, flows, PE and GE scenarios, runs and the export goal. Reads are "
        "open; writes and runs need the server's token when one is set.",
        docs_url=None,  # the Swagger page would load JavaScript from a CDN
        redoc_url=None,
    )
    app.state.server = server

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    templates = Jinja2Templates(directory=str(resources.files("thaw.web") / "templates"))

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return JSONResponse({"detail": f"request body over {MAX_BODY} bytes"}, status_code=413)
        if request.method in ("POST", "PUT") and length is None:
            body = await request.body()
            if len(body) > MAX_BODY:
                return JSONResponse(
                    {"detail": f"request body over {MAX_BODY} bytes"}, status_code=413
                )
        return await call_next(request)

    @app.exception_handler(ThawError)
    async def thaw_error(request: Request, exc: ThawError) -> JSONResponse:
        status = 404 if isinstance(exc, NotFoundError) else 400
        if isinstance(exc, TooManyJobs):
            status = 429
        return JSONResponse({"detail": str(exc)}, status_code=status)

    def writer(request: Request) -> None:
        """Writes and runs: the token when one is set; refused beyond loopback without one."""
        token = settings.token
        given = request.headers.get("x-thaw-token") or request.headers.get(
            "authorization", ""
        ).removeprefix("Bearer ")
        if token:
            if given != token:
                raise _error(401, "this action needs the server's token (header X-Thaw-Token)")
        elif settings.open_network:
            raise _error(
                403,
                "the server listens beyond loopback without a token: writes and runs are off "
                "(start it with --token)",
            )

    write = [Depends(writer)]

    # -- register and flows ------------------------------------------------------------------
    @app.get("/api/health")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": thaw.__version__, "measures": len(server.register)}

    @app.get("/api/measures")
    async def api_measures(
        importer: Annotated[str | None, Query(max_length=40)] = None,
        exporter: Annotated[str | None, Query(max_length=40)] = None,
        hs: Annotated[str | None, Query(max_length=20)] = None,
        kind: Annotated[str | None, Query(max_length=40)] = None,
        on: dt.date | None = None,
    ) -> dict[str, Any]:
        with server.lock:
            ms = thaw.measures(
                importer=importer or None,
                exporter=exporter or None,
                hs=hs or None,
                kind=kind or None,
                on=on,
                store=server.store,
            )
        return {"measures": [_row(r) for r in ms.to_frame().to_dict(orient="records")]}

    @app.get("/api/measures/{measure_id}")
    async def api_measure(measure_id: Annotated[str, PathParam(max_length=100)]) -> dict[str, Any]:
        with server.lock:
            m = thaw.measure(measure_id, store=server.store)
        return dict(m.model_dump(mode="json"))

    @app.get("/api/rate")
    async def api_rate(
        importer: Annotated[str, Query(min_length=1, max_length=40)],
        exporter: Annotated[str, Query(min_length=1, max_length=40)],
        hs: Annotated[str, Query(min_length=1, max_length=20)],
        on: dt.date | None = None,
    ) -> dict[str, Any]:
        with server.lock:
            stack = thaw.applied_rate(importer, exporter, hs, on, store=server.store)
        return dict(stack.to_dict())

    @app.get("/api/timeline")
    async def api_timeline(
        importer: Annotated[str, Query(min_length=1, max_length=40)],
        exporter: Annotated[str, Query(min_length=1, max_length=40)],
        hs: Annotated[str, Query(min_length=1, max_length=20)],
    ) -> dict[str, Any]:
        with server.lock:
            tl = thaw.rate_timeline(importer, exporter, hs, store=server.store)
        return dict(tl.to_dict())

    @app.get("/api/flows")
    async def api_flows(
        reporter: Annotated[str | None, Query(max_length=40)] = None,
        partner: Annotated[str | None, Query(max_length=40)] = None,
        hs: Annotated[str | None, Query(max_length=20)] = None,
        year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 500,
    ) -> dict[str, Any]:
        with server.lock:
            table = thaw.flows(
                reporter=reporter or None,
                partner=partner or None,
                hs=hs or None,
                year=year,
                limit=limit,
                store=server.store,
            )
        return {"flows": [_row(r) for r in table.to_dicts()]}

    @app.post("/api/measures", status_code=201, dependencies=write)
    def api_add_measures(body: TomlIn) -> dict[str, Any]:
        """Add ``[[measure]]`` tables (TOML) to the register: all or none."""
        from thaw.measures.io import parse_measures_toml

        ms = parse_measures_toml(body.toml, file="request body")
        with server.lock:
            server.store.add_measures(ms, origin="web")
            server.register = list(server.store.measures())
        return {"added": [m.id for m in ms]}

    # -- scenarios ---------------------------------------------------------------------------
    @app.get("/api/scenarios")
    def api_scenarios() -> dict[str, Any]:
        from thaw.scenarios.ge_spec import bundled_ge_scenarios, load_ge_scenario
        from thaw.scenarios.spec import bundled_scenarios, load_scenario

        def listing(files: dict[str, Path], load: Any) -> list[dict[str, str]]:
            out = []
            for name, path in files.items():
                info = load(path)[0].scenario
                out.append({"name": name, "title": info.name, "description": info.description})
            return out

        pe = listing(bundled_scenarios(), load_scenario)
        ge = listing(bundled_ge_scenarios(), load_ge_scenario)
        return {"pe": pe, "ge": ge, "saved": list(server.saved())}

    @app.get("/api/scenarios/{name}")
    def api_scenario(name: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        path = _scenario_path(server, name)
        return {"name": name, "toml": path.read_text(encoding="utf-8")}

    @app.post("/api/scenarios/validate")
    def api_validate(body: TomlIn) -> dict[str, Any]:
        try:
            _validated(body.toml)
        except ThawError as exc:
            return {"valid": False, "error": str(exc)}
        return {"valid": True, "error": None}

    @app.post("/api/scenarios/build")
    def api_build(body: BuildIn) -> dict[str, Any]:
        return {"toml": _build(server, body)}

    @app.post("/api/scenarios/save", status_code=201, dependencies=write)
    def api_save(body: SaveIn) -> dict[str, Any]:
        from thaw.scenarios.spec import bundled_scenarios

        if body.name in bundled_scenarios():
            raise _error(409, f"{body.name} is a bundled scenario; choose another name")
        _validated(body.toml)
        server.scenario_dir.mkdir(parents=True, exist_ok=True)
        target = server.scenario_dir / f"{body.name}.toml"
        from thaw._io import save_atomic

        save_atomic(target, lambda tmp: tmp.write_text(body.toml, encoding="utf-8"))
        return {"name": body.name}

    # -- runs --------------------------------------------------------------------------------
    @app.post("/api/runs", status_code=202, dependencies=write)
    def api_run(body: RunIn) -> dict[str, Any]:
        if (body.scenario is None) == (body.toml is None):
            raise _error(400, "give exactly one of scenario (a name) or toml (a scenario text)")
        text = (
            body.toml
            if body.toml is not None
            else _scenario_path(server, str(body.scenario)).read_text()
        )
        spec = _validated(text)
        draws = body.draws if body.draws is not None else spec.monte_carlo.draws
        if draws > MAX_DRAWS:
            raise _error(400, f"draws must be <= {MAX_DRAWS} on this server")
        base = _scenario_path(server, str(body.scenario)).parent if body.scenario else None

        def work(job: Job) -> Any:
            def progress(done: int, total: int) -> None:
                job.done, job.total = done, total

            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "scenario.toml"
                path.write_text(text, encoding="utf-8")
                if base is not None:  # relative data files next to the original scenario
                    _copy_relative(spec, base, Path(tmp))
                return thaw.simulate(
                    path,
                    model=body.model,
                    draws=draws,
                    seed=body.seed,
                    progress=progress,
                    register=server.register,
                )

        job = server.jobs.submit("pe", spec.scenario.name, work, scenario_toml=text)
        return job.public()

    @app.get("/api/runs")
    async def api_runs() -> dict[str, Any]:
        return {"runs": [j.public() for j in server.jobs.all()]}

    @app.get("/api/runs/{run_id}")
    async def api_run_status(run_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        job = _job(server, run_id)
        out = job.public()
        if job.status == "done":
            if "summary" not in job.cache:
                job.cache["summary"] = _summary(job.result, job.kind)
            out["summary"] = job.cache["summary"]
        return out

    @app.get("/api/runs/{run_id}/result")
    def api_run_result(run_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        job = _finished(server, run_id)
        return dict(job.result.to_dict())

    @app.get("/api/runs/{run_id}/files/{name}")
    def api_run_file(
        run_id: Annotated[str, PathParam(max_length=40)],
        name: Annotated[str, PathParam(max_length=40)],
    ) -> Response:
        job = _finished(server, run_id)
        if name not in FILES or (job.kind == "ge" and name.startswith("flows")):
            raise _error(404, f"no file {name}; files: {', '.join(sorted(FILES))}")
        return _file(job, name, server.register)

    @app.get("/api/compare")
    def api_compare(runs: Annotated[str, Query(min_length=1, max_length=400)]) -> dict[str, Any]:
        ids = [r for r in runs.split(",") if r]
        if len(ids) < 2:
            raise _error(400, "compare needs at least two run ids, comma separated")
        jobs = [_finished(server, i) for i in ids]
        if any(j.kind != "pe" for j in jobs):
            raise _error(400, "compare takes PE runs")
        table: dict[str, dict[str, Any]] = {}
        for j in jobs:
            for row in j.result.to_frame("economies").to_dict(orient="records"):
                table.setdefault(row["economy"], {"economy": row["economy"]})[j.id] = jsonable(
                    row["welfare"]
                )
        return {
            "runs": [{"id": j.id, "label": j.label, "model": j.result.model} for j in jobs],
            "currency": jobs[0].result.currency,
            "value_unit": jobs[0].result.value_unit,
            "welfare": sorted(table.values(), key=lambda r: r["economy"]),
        }

    @app.post("/api/ge/runs", status_code=202, dependencies=write)
    def api_ge_run(body: GERunIn) -> dict[str, Any]:
        from thaw.scenarios.ge_spec import bundled_ge_scenarios

        if body.scenario not in bundled_ge_scenarios():
            raise _error(404, f"no GE scenario {body.scenario!r}; see /api/scenarios")
        if settings.ge_data is None:
            raise _error(
                409,
                "this server has no gravity data for GE runs: start it with --ge-data FILE "
                "(e.g. gegravity's sample_data_set.dlm)",
            )

        def work(job: Job) -> Any:
            job.total = max(1, body.draws or 0)
            out = thaw.simulate_ge(
                body.scenario, data=settings.ge_data, draws=body.draws, register=server.register
            )
            job.done = job.total
            return out

        return server.jobs.submit("ge", body.scenario, work).public()

    @app.get("/api/news/items")
    async def api_news_items(
        kind: Annotated[Literal["measure", "event", "quote", "figure"] | None, Query()] = None,
        verdict: Annotated[Literal["confirms", "contradicts", "new"] | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 500,
    ) -> dict[str, Any]:
        """News evidence items with their sentence, article (date, outlet, URL) and verdict."""
        import json as _json

        with server.lock:
            frame = thaw.news_items(kind, store=server.store)
        if verdict:
            frame = frame[frame["verdict"] == verdict]
        rows = []
        for r in frame.head(limit).to_dict(orient="records"):
            row = _row({k: v for k, v in r.items() if k != "fields"})
            row["fields"] = jsonable_tree(_json.loads(r["fields"]))
            rows.append(row)
        return {"items": rows}

    @app.get("/api/news/timeline")
    async def api_news_timeline() -> dict[str, Any]:
        """Events and measures from the news over time, each with its source."""
        with server.lock:
            frame = thaw.news_timeline(store=server.store)
        return {"timeline": [_row(r) for r in frame.to_dict(orient="records")]}

    @app.get("/api/goal")
    async def api_goal() -> dict[str, Any]:
        return dict(thaw.track_goal().to_dict())

    # -- pages -------------------------------------------------------------------------------
    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"settings": settings, **context})

    simple_pages = {
        "/": ("home.html", "thaw workbench"),
        "/measures": ("measures.html", "Measures"),
        "/rate": ("rate.html", "Duties over time"),
        "/flows": ("flows.html", "Flows"),
        "/scenarios": ("scenarios.html", "Scenario builder"),
        "/compare": ("compare.html", "Compare runs"),
        "/ge": ("ge.html", "General equilibrium"),
        "/goal": ("goal.html", "The export goal"),
        "/evidence": ("evidence.html", "News evidence"),
    }
    for route, (template, title) in simple_pages.items():

        def handler(request: Request, template: str = template, title: str = title) -> HTMLResponse:
            return page(request, template, title=title)

        app.add_api_route(
            route, handler, methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )

    @app.get("/measures/{measure_id}", response_class=HTMLResponse, include_in_schema=False)
    def measure_page(request: Request, measure_id: str) -> HTMLResponse:
        with server.lock:
            m = thaw.measure(measure_id, store=server.store)
        return page(request, "measure.html", title=m.id, m=m.model_dump(mode="json"))

    @app.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
    def run_page(request: Request, run_id: str) -> HTMLResponse:
        _job(server, run_id)
        return page(request, "run.html", title="Results", run_id=run_id)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name == "plotly.min.js":
            from plotly.offline import get_plotlyjs

            return Response(get_plotlyjs(), media_type="application/javascript")
        folder = resources.files("thaw.web") / "static"
        target = folder / name
        if not re.fullmatch(r"[a-z]+\.(js|css)", name) or not target.is_file():
            raise _error(404, "no such file")
        media = "application/javascript" if name.endswith(".js") else "text/css"
        return Response(target.read_text(encoding="utf-8"), media_type=media)

    return app


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {str(k): jsonable(v) for k, v in r.items()}


def _scenario_path(server: _Server, name: str) -> Path:
    from thaw.scenarios.spec import bundled_scenarios

    found = {**bundled_scenarios(), **server.saved()}
    if name not in found:
        raise NotFoundError(f"no scenario {name!r}; see /api/scenarios")
    return found[name]


def _validated(text: str) -> Any:
    """The PE scenario spec a TOML text describes, or a ThawError that says what is wrong."""
    from thaw.scenarios._files import load_spec
    from thaw.scenarios.spec import ScenarioError, ScenarioSpec

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.toml"
        path.write_text(text, encoding="utf-8")
        spec, _ = load_spec(path, ScenarioSpec, {}, ScenarioError, "thaw.scenarios.spec")
    return spec


def _copy_relative(spec: Any, base: Path, target: Path) -> None:
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


def _build(server: _Server, body: BuildIn) -> str:
    """The TOML of a bundled or saved scenario (or ``blank``: the bundled markets with the
    register on 2025-09-01 as both baseline and scenario) with the form's changes."""
    doc: dict[str, Any]
    if body.base == "blank":
        import copy

        doc = copy.deepcopy(BLANK)
    else:
        doc = tomllib.loads(_scenario_path(server, body.base).read_text(encoding="utf-8"))
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
    _validated(text)
    return text


def _job(server: _Server, run_id: str) -> Job:
    job = server.jobs.get(run_id)
    if job is None:
        raise NotFoundError(f"no run {run_id!r} (runs are kept while the server runs)")
    return job


def _finished(server: _Server, run_id: str) -> Job:
    job = _job(server, run_id)
    if job.status != "done":
        raise ThawError(f"run {run_id} is {job.status}" + (f": {job.error}" if job.error else ""))
    return job


def _summary(result: Any, kind: str) -> dict[str, Any]:
    if kind == "ge":
        return {
            "scenario": result.scenario,
            "economies": [_row(r) for r in result.to_frame("economies").to_dict(orient="records")],
            "diagnostics": {k: jsonable(v) for k, v in result.diagnostics.items()},
        }
    return {
        "scenario": result.scenario,
        "model": result.model,
        "currency": result.currency,
        "value_unit": result.value_unit,
        "draws": result.draws,
        "economies": [_row(r) for r in result.to_frame("economies").to_dict(orient="records")],
        "flows": [_row(r) for r in result.to_frame("flows").to_dict(orient="records")],
        "quotas": [_row(r) for r in result.to_frame("quotas").to_dict(orient="records")],
        "diagnostics": {k: jsonable(v) for k, v in result.diagnostics.items()},
        "assumptions": jsonable_tree(result.assumptions),
    }


def jsonable_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable_tree(v) for v in value]
    return jsonable(value)


def _file(job: Job, name: str, register: list[Any]) -> Response:
    import json

    result = job.result
    if name == "scenario.toml":
        return Response(job.scenario_toml, media_type="application/toml")
    if name == "result.json":
        return Response(json.dumps(result.to_dict(), default=str), media_type="application/json")
    if name == "report.html":
        from thaw.report.report import report_html

        return HTMLResponse(report_html(result, job.scenario_toml, register))
    kind, ext = name.split(".")
    frame = result.to_frame(kind)
    if ext == "csv":
        return Response(frame.to_csv(index=False), media_type="text/csv")
    buf = io.BytesIO()
    frame.astype({c: str for c in frame.columns if frame[c].dtype == object}).to_parquet(
        buf, index=False
    )
    return Response(buf.getvalue(), media_type="application/vnd.apache.parquet")
