"""Routes over the measure register and the trade flows: what applies, since when, on
what source; adding measures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam

import thaw
from thaw.web.deps import MAX_ROWS, WRITE, ServerDep, row
from thaw.web.schemas import TomlIn

router = APIRouter()


@router.get("/api/health")
async def health(server: ServerDep) -> dict[str, Any]:
    return {"status": "ok", "version": thaw.__version__, "measures": len(server.register)}


@router.get("/api/measures")
async def api_measures(
    server: ServerDep,
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
    return {"measures": [row(r) for r in ms.to_frame().to_dict(orient="records")]}


@router.get("/api/measures/{measure_id}")
async def api_measure(
    server: ServerDep, measure_id: Annotated[str, PathParam(max_length=100)]
) -> dict[str, Any]:
    with server.lock:
        m = thaw.measure(measure_id, store=server.store)
    return dict(m.model_dump(mode="json"))


@router.get("/api/rate")
async def api_rate(
    server: ServerDep,
    importer: Annotated[str, Query(min_length=1, max_length=40)],
    exporter: Annotated[str, Query(min_length=1, max_length=40)],
    hs: Annotated[str, Query(min_length=1, max_length=20)],
    on: dt.date | None = None,
) -> dict[str, Any]:
    with server.lock:
        stack = thaw.applied_rate(importer, exporter, hs, on, store=server.store)
    return dict(stack.to_dict())


@router.get("/api/timeline")
async def api_timeline(
    server: ServerDep,
    importer: Annotated[str, Query(min_length=1, max_length=40)],
    exporter: Annotated[str, Query(min_length=1, max_length=40)],
    hs: Annotated[str, Query(min_length=1, max_length=20)],
) -> dict[str, Any]:
    with server.lock:
        tl = thaw.rate_timeline(importer, exporter, hs, store=server.store)
    return dict(tl.to_dict())


@router.get("/api/flows")
async def api_flows(
    server: ServerDep,
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
    return {"flows": [row(r) for r in table.to_dicts()]}


@router.post("/api/measures", status_code=201, dependencies=WRITE)
def api_add_measures(server: ServerDep, body: TomlIn) -> dict[str, Any]:
    """Add ``[[measure]]`` tables (TOML) to the register: all or none."""
    from thaw.measures.io import parse_measures_toml

    ms = parse_measures_toml(body.toml, file="request body")
    with server.lock:
        server.store.add_measures(ms, origin="web")
        server.register = list(server.store.measures())
    return {"added": [m.id for m in ms]}
