"""The HTML pages (server-rendered templates; their data comes from the JSON API) and the
static files they load. None is in the OpenAPI schema."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

import thaw
from thaw.web.deps import ServerDep, error, get_server
from thaw.web.routes.runs import run_job

router = APIRouter()
templates = Jinja2Templates(directory=str(resources.files("thaw.web") / "templates"))

SIMPLE_PAGES = {
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


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    settings = get_server(request).settings
    return templates.TemplateResponse(request, name, {"settings": settings, **context})


for _route, (_template, _title) in SIMPLE_PAGES.items():

    def _handler(request: Request, template: str = _template, title: str = _title) -> HTMLResponse:
        return page(request, template, title=title)

    router.add_api_route(
        _route, _handler, methods=["GET"], response_class=HTMLResponse, include_in_schema=False
    )


@router.get("/measures/{measure_id}", response_class=HTMLResponse, include_in_schema=False)
def measure_page(request: Request, server: ServerDep, measure_id: str) -> HTMLResponse:
    with server.lock:
        m = thaw.measure(measure_id, store=server.store)
    return page(request, "measure.html", title=m.id, m=m.model_dump(mode="json"))


@router.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
def run_page(request: Request, server: ServerDep, run_id: str) -> HTMLResponse:
    run_job(server, run_id)
    return page(request, "run.html", title="Results", run_id=run_id)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name == "plotly.min.js":
        from plotly.offline import get_plotlyjs

        return Response(get_plotlyjs(), media_type="application/javascript")
    folder = resources.files("thaw.web") / "static"
    target = folder / name
    if not re.fullmatch(r"[a-z]+\.(js|css)", name) or not target.is_file():
        raise error(404, "no such file")
    media = "application/javascript" if name.endswith(".js") else "text/css"
    return Response(target.read_text(encoding="utf-8"), media_type=media)
