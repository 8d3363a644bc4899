"""``thaw serve``: the web workbench."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thaw.cli._common import (
    errors,
    out,
    state,
)
from thaw.errors import ThawError


def serve_cmd(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="THAW_TOKEN", help="Token for writes and runs ($THAW_TOKEN)."),
    ] = None,
    scenario_dir: Annotated[
        Path | None, typer.Option(help="Where saved scenarios go (default: a temp folder).")
    ] = None,
    ge_data: Annotated[
        Path | None, typer.Option(help="Gravity data file for GE runs (CSV/Parquet).")
    ] = None,
) -> None:
    """The web workbench: measures, flows, scenario builder, results, GE and the goal.
    Example: thaw serve --port 8000 --ge-data sample_data_set.dlm"""
    import uvicorn

    from thaw.web.app import LOOPBACK, WebSettings, create_app

    with errors():
        if ge_data is not None and not ge_data.exists():
            raise ThawError(f"--ge-data {ge_data}: file not found")
        settings = WebSettings(
            db=state.db,
            token=token,
            open_network=host not in LOOPBACK,
            scenario_dir=scenario_dir,
            ge_data=ge_data,
        )
        web = create_app(settings)
    if settings.open_network and not token:
        out.print("[yellow]listening beyond loopback without --token: read-only[/]")
    out.print(f"thaw workbench on http://{host}:{port}/")
    uvicorn.run(web, host=host, port=port, log_level="warning")
