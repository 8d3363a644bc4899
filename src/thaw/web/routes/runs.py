"""Routes for runs: PE and GE runs in the background, their status, results, files and
comparison."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

import thaw
from thaw._io import jsonable
from thaw.errors import NotFoundError, ThawError
from thaw.web.deps import FILES, MAX_DRAWS, WRITE, Server, ServerDep, error, jsonable_tree, row
from thaw.web.jobs import Job
from thaw.web.routes.scenarios import copy_relative, scenario_path, validated_scenario
from thaw.web.schemas import GERunIn, RunIn

router = APIRouter()


@router.post("/api/runs", status_code=202, dependencies=WRITE)
def api_run(server: ServerDep, body: RunIn) -> dict[str, Any]:
    if (body.scenario is None) == (body.toml is None):
        raise error(400, "give exactly one of scenario (a name) or toml (a scenario text)")
    text = (
        body.toml
        if body.toml is not None
        else scenario_path(server, str(body.scenario)).read_text()
    )
    spec = validated_scenario(text)
    draws = body.draws if body.draws is not None else spec.monte_carlo.draws
    if draws > MAX_DRAWS:
        raise error(400, f"draws must be <= {MAX_DRAWS} on this server")
    base = scenario_path(server, str(body.scenario)).parent if body.scenario else None

    def work(job: Job) -> Any:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scenario.toml"
            path.write_text(text, encoding="utf-8")
            if base is not None:  # relative data files next to the original scenario
                copy_relative(spec, base, Path(tmp))
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


@router.get("/api/runs")
async def api_runs(server: ServerDep) -> dict[str, Any]:
    return {"runs": [j.public() for j in server.jobs.all()]}


@router.get("/api/runs/{run_id}")
async def api_run_status(
    server: ServerDep, run_id: Annotated[str, PathParam(max_length=40)]
) -> dict[str, Any]:
    job = run_job(server, run_id)
    out = job.public()
    if job.status == "done":
        if "summary" not in job.cache:
            job.cache["summary"] = _summary(job.result, job.kind)
        out["summary"] = job.cache["summary"]
    return out


@router.get("/api/runs/{run_id}/result")
def api_run_result(
    server: ServerDep, run_id: Annotated[str, PathParam(max_length=40)]
) -> dict[str, Any]:
    job = finished_run(server, run_id)
    return dict(job.result.to_dict())


@router.get("/api/runs/{run_id}/files/{name}")
def api_run_file(
    server: ServerDep,
    run_id: Annotated[str, PathParam(max_length=40)],
    name: Annotated[str, PathParam(max_length=40)],
) -> Response:
    job = finished_run(server, run_id)
    if name not in FILES or (job.kind == "ge" and name.startswith("flows")):
        raise error(404, f"no file {name}; files: {', '.join(sorted(FILES))}")
    return _file(job, name, server.register)


@router.get("/api/compare")
def api_compare(
    server: ServerDep, runs: Annotated[str, Query(min_length=1, max_length=400)]
) -> dict[str, Any]:
    ids = [r for r in runs.split(",") if r]
    if len(ids) < 2:
        raise error(400, "compare needs at least two run ids, comma separated")
    jobs = [finished_run(server, i) for i in ids]
    if any(j.kind != "pe" for j in jobs):
        raise error(400, "compare takes PE runs")
    table: dict[str, dict[str, Any]] = {}
    for j in jobs:
        for rec in j.result.to_frame("economies").to_dict(orient="records"):
            table.setdefault(rec["economy"], {"economy": rec["economy"]})[j.id] = jsonable(
                rec["welfare"]
            )
    return {
        "runs": [{"id": j.id, "label": j.label, "model": j.result.model} for j in jobs],
        "currency": jobs[0].result.currency,
        "value_unit": jobs[0].result.value_unit,
        "welfare": sorted(table.values(), key=lambda r: r["economy"]),
    }


@router.post("/api/ge/runs", status_code=202, dependencies=WRITE)
def api_ge_run(server: ServerDep, body: GERunIn) -> dict[str, Any]:
    from thaw.scenarios.ge.load import bundled_ge_scenarios

    if body.scenario not in bundled_ge_scenarios():
        raise error(404, f"no GE scenario {body.scenario!r}; see /api/scenarios")
    if server.settings.ge_data is None:
        raise error(
            409,
            "this server has no gravity data for GE runs: start it with --ge-data FILE "
            "(e.g. gegravity's sample_data_set.dlm)",
        )

    def work(job: Job) -> Any:
        job.total = max(1, body.draws or 0)
        out = thaw.simulate_ge(
            body.scenario, data=server.settings.ge_data, draws=body.draws, register=server.register
        )
        job.done = job.total
        return out

    return server.jobs.submit("ge", body.scenario, work).public()


def run_job(server: Server, run_id: str) -> Job:
    job = server.jobs.get(run_id)
    if job is None:
        raise NotFoundError(f"no run {run_id!r} (runs are kept while the server runs)")
    return job


def finished_run(server: Server, run_id: str) -> Job:
    job = run_job(server, run_id)
    if job.status != "done":
        raise ThawError(f"run {run_id} is {job.status}" + (f": {job.error}" if job.error else ""))
    return job


def _summary(result: Any, kind: str) -> dict[str, Any]:
    if kind == "ge":
        return {
            "scenario": result.scenario,
            "economies": [row(r) for r in result.to_frame("economies").to_dict(orient="records")],
            "diagnostics": {k: jsonable(v) for k, v in result.diagnostics.items()},
        }
    return {
        "scenario": result.scenario,
        "model": result.model,
        "currency": result.currency,
        "value_unit": result.value_unit,
        "draws": result.draws,
        "economies": [row(r) for r in result.to_frame("economies").to_dict(orient="records")],
        "flows": [row(r) for r in result.to_frame("flows").to_dict(orient="records")],
        "quotas": [row(r) for r in result.to_frame("quotas").to_dict(orient="records")],
        "diagnostics": {k: jsonable(v) for k, v in result.diagnostics.items()},
        "assumptions": jsonable_tree(result.assumptions),
    }


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
