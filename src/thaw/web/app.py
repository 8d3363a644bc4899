"""The web workbench: server-rendered pages over a JSON API (FastAPI), for analysts who do not
use a terminal. Every number comes from the Python API; nothing here computes economics.

This module assembles the application: the shared state, the body limit, the error handler,
the OpenAPI schema, and the routers (one module per area under ``thaw.web.routes``).

Safety: reads are open to anyone; anything that writes (saving scenarios, adding measures) or
spends CPU (runs) needs the server's token when one is set, and is refused outright when the
server listens beyond loopback without one. Request bodies, draws and queued runs are bounded;
inputs are validated with messages that say what to fix; a failed run changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import thaw
from thaw.errors import NotFoundError, ThawError
from thaw.web.deps import LOOPBACK, MAX_BODY, Server, WebSettings
from thaw.web.jobs import TooManyJobs
from thaw.web.routes import news, pages, register, runs, scenarios

__all__ = ["LOOPBACK", "WebSettings", "create_app"]

_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "invalid input (the message says what to fix)", **_ERROR},
    401: {"description": "this action needs the server's token", **_ERROR},
    403: {"description": "writes are off on this server", **_ERROR},
    404: {"description": "no such measure, scenario, run or file", **_ERROR},
    409: {"description": "conflict (a bundled name, no GE data)", **_ERROR},
    413: {"description": "request body too large", **_ERROR},
    429: {"description": "too many runs queued", **_ERROR},
}


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The workbench application (``thaw serve`` runs it with uvicorn)."""
    server = Server(settings or WebSettings())

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        server.jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        responses=_RESPONSES,
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

    # the order here is the order of the paths in the OpenAPI schema
    for module in (register, scenarios, runs, news, pages):
        app.include_router(module.router)
    return app
