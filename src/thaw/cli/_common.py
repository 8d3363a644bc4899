"""What every command shares: the global options' state, the consoles, the error
boundary and JSON printing."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from thaw.errors import ThawError

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _State:
    db: Path | None = None
    debug: bool = False


state = _State()

# options shared by several commands
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
SeedOption = Annotated[int | None, typer.Option(help="Seed for the draws.")]
OutDirOption = Annotated[
    Path | None,
    typer.Option("--out", help="Write CSV/Parquet tables, PNG/HTML charts and JSON here."),
]

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Database file (default: $THAW_DB or the user data directory).",
        envvar="THAW_DB",
        show_envvar=True,
    ),
]

ModelOption = Annotated[
    str | None, typer.Option("--model", help="smart, gsim or armington (default: the scenario's).")
]


@contextlib.contextmanager
def errors() -> Iterator[None]:
    """Turn thaw and input errors into one line and exit code 1 (traceback with --debug)."""
    try:
        yield
    except (ThawError, OSError) as exc:
        if state.debug:
            raise
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, default=str) + "\n")
