"""What the route modules share: the server's settings and state, its limits, the
dependencies that hand a handler the state and guard writes, and JSON helpers."""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

import thaw
from thaw._io import jsonable
from thaw.data.store import Store
from thaw.web.jobs import JobManager

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


class Server:
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


def get_server(request: Request) -> Server:
    """The application's :class:`Server` (set by ``create_app``)."""
    server: Server = request.app.state.server
    return server


ServerDep = Annotated[Server, Depends(get_server)]


def error(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def writer(request: Request) -> None:
    """Writes and runs: the token when one is set; refused beyond loopback without one."""
    settings = get_server(request).settings
    token = settings.token
    given = request.headers.get("x-thaw-token") or request.headers.get(
        "authorization", ""
    ).removeprefix("Bearer ")
    if token:
        if given != token:
            raise error(401, "this action needs the server's token (header X-Thaw-Token)")
    elif settings.open_network:
        raise error(
            403,
            "the server listens beyond loopback without a token: writes and runs are off "
            "(start it with --token)",
        )


WRITE = [Depends(writer)]


def row(r: dict[str, Any]) -> dict[str, Any]:
    """One record with JSON-safe values (NaN -> None, dates -> ISO strings)."""
    return {str(k): jsonable(v) for k, v in r.items()}


def jsonable_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable_tree(v) for v in value]
    return jsonable(value)
