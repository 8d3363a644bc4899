"""``thaw events``: dated, sourced events of the Canada–China relationship, and its phases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer
from rich.table import Table

from thaw.cli._common import JsonOption, errors, out, print_json, state
from thaw.cli._render import References


class _Cited(NamedTuple):
    """One source, in the shape :class:`References` cites."""

    sources: tuple[Any, ...]


events_app = typer.Typer(
    help="Dated events of the Canada–China relationship, with sources, and its phases.",
    no_args_is_help=True,
)


@events_app.command("list")
def events_list(
    start: Annotated[
        str | None, typer.Option("--from", help="Events that can fall on or after YYYY-MM-DD.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Events that can fall on or before YYYY-MM-DD.")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Event type, e.g. meeting, visit, trade_measure (repeatable)."),
    ] = None,
    measures: Annotated[
        bool,
        typer.Option(
            "--measures/--no-measures", help="Include register milestones (announced, in force)."
        ),
    ] = True,
    file: Annotated[
        Path | None, typer.Option("--file", help="Your own events TOML, added to the bundled.")
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write a chart with the phases: .png or .html.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List events in date order, each with its sources and phase.

    Example: thaw events list --from 2025-01-01 --type meeting
    """
    from thaw.api import events

    with errors():
        result = events(start, end, event_type, measures, file=file, db=state.db)
        if out_file is not None:
            result.plot(out_file)
    if as_json:
        print_json(result.to_dicts())
        return
    refs = References()
    t = Table(title=f"{len(result)} events")
    for col in ("date", "type", "event", "phase", "conf.", "source"):
        t.add_column(col, overflow="fold")
    for e in result:
        title = e.title if e.status == "occurred" else f"{e.title} [yellow]({e.status})[/]"
        t.add_row(
            e.date_text(),
            e.type,
            title,
            result.phase(e) or "-",
            e.confidence or "-",
            refs.cite(e),
        )
    out.print(t)
    refs.print()
    if out_file is not None:
        out.print(f"chart written to {out_file}")


@events_app.command("phases")
def events_phases(as_json: JsonOption = False) -> None:
    """The phases of the relationship, each opened by a sourced event.

    Example: thaw events phases
    """
    from thaw.api import phases

    with errors():
        found = phases()
    if as_json:
        print_json([p.model_dump(mode="json") for p in found])
        return
    refs = References()
    t = Table(title="Phases of the Canada–China relationship")
    for col in ("phase", "from", "to", "opened by", "what", "source"):
        t.add_column(col, overflow="fold")
    for p in found:
        t.add_row(
            p.name,
            p.start.isoformat(),
            "…" if p.end is None else p.end.isoformat(),
            p.start_event,
            p.description,
            " ".join(refs.cite(_Cited((s,))) for s in p.sources),
        )
    out.print(t)
    refs.print()
