"""``thaw measures``: the register: what applies, since when, on what source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from thaw.cli._common import (
    JsonOption,
    errors,
    out,
    print_json,
    state,
)
from thaw.cli._render import References, render_timeline

measures_app = typer.Typer(
    help="The measure register: what applies, since when, on what source.", no_args_is_help=True
)


@measures_app.command("list")
def measures_list(
    importer: Annotated[str | None, typer.Option(help="Imposing economy (ISO alpha-3).")] = None,
    exporter: Annotated[str | None, typer.Option(help="Targeted exporter (ISO alpha-3).")] = None,
    hs: Annotated[str | None, typer.Option(help="HS code; any overlap with the scope.")] = None,
    on: Annotated[str | None, typer.Option(help="Only measures in force on YYYY-MM-DD.")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Measure kind (repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List register entries.

    Example: thaw measures list --importer CHN --exporter CAN --on 2025-09-01
    """
    from thaw.api import measures

    with errors():
        result = measures(
            importer=importer, exporter=exporter, hs=hs, on=on, kind=kind, db=state.db
        )
    if as_json:
        print_json(result.to_dicts())
        return
    t = Table(title=f"{len(result)} measures", show_lines=False)
    for col in ("id", "imposer", "on", "kind", "rate", "effective", "end", "status"):
        t.add_column(col, overflow="fold")
    for m in result:
        t.add_row(
            m.id,
            m.imposing,
            str(m.targets),
            m.kind,
            m.rate_text(),
            str(m.effective or "-"),
            str(m.end or "-"),
            m.status,
        )
    out.print(t)


@measures_app.command("show")
def measures_show(
    measure_id: Annotated[str, typer.Argument(help="Measure id, as in `thaw measures list`.")],
    as_json: JsonOption = False,
) -> None:
    """Everything about one measure. Example: thaw measures show chn-canola-ad-deposit-2025"""
    from thaw.api import measure

    with errors():
        m = measure(measure_id, db=state.db)
    if as_json:
        print_json(m.model_dump(mode="json"))
        return
    out.print(f"[bold]{m.title}[/]  ({m.id})")
    rows = [
        ("imposing", m.imposing),
        ("targets", str(m.targets)),
        ("kind", m.kind),
        ("rate", m.rate_text()),
        ("products", ", ".join(m.products.hs) or "-"),
        (
            "product scope",
            m.products.description + ("" if m.products.complete else " [incomplete list]"),
        ),
        ("announced", str(m.announced or "-")),
        ("effective", str(m.effective or "-")),
        ("end (last day)", str(m.end or "-")),
        ("status", m.status),
        ("legal instrument", m.legal_instrument or "-"),
        ("condition", m.condition or "-"),
        ("confidence", m.confidence or "-"),
        ("notes", m.notes or "-"),
    ]
    for k, v in rows:
        out.print(f"  [bold]{k:>16}[/]  {v}")
    for s in m.sources:
        out.print(f"  [bold]{'source':>16}[/]  {s.publisher}, {s.published}, {s.locator}: {s.url}")


@measures_app.command("rate")
def measures_rate(
    importer: Annotated[str, typer.Option(help="Importing (imposing) economy, ISO alpha-3.")],
    exporter: Annotated[str, typer.Option(help="Exporting economy, ISO alpha-3.")],
    hs: Annotated[str, typer.Option(help="HS code or national tariff line (2-10 digits).")],
    on: Annotated[str | None, typer.Option(help="Date YYYY-MM-DD (default: today).")] = None,
    unit_value: Annotated[
        float | None, typer.Option(help="Unit value to convert specific duties to ad valorem.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The duty stack on a date, with sources.
    Example: thaw measures rate --importer CHN --exporter CAN --hs 120510 --on 2025-09-01"""
    from thaw.api import applied_rate

    with errors():
        stack = applied_rate(importer, exporter, hs, on, unit_value=unit_value, db=state.db)
    if as_json:
        print_json(stack.to_dict())
        return
    from thaw.measures.hs import format_code

    refs = References()
    t = Table(
        title=f"{stack.importer} duties on HS {format_code(stack.hs)} from "
        f"{stack.exporter}, {stack.date.isoformat()}"
    )
    for col in ("layer", "kind", "rate", "effective", "end", "measure \\[source]"):
        t.add_column(col, overflow="fold")
    for c in stack.components:
        t.add_row(
            c.role,
            c.kind,
            c.rate_text,
            str(c.effective or "-"),
            str(c.end or "-"),
            f"{c.measure_id} {refs.cite(c)}",
        )
    for c in stack.other:
        t.add_row(
            f"[dim]{c.role}[/]",
            f"[dim]{c.kind}[/]",
            f"[dim]{c.rate_text}[/]",
            str(c.effective or "-"),
            str(c.end or "-"),
            f"[dim]{c.measure_id}[/] {refs.cite(c)}",
        )
    out.print(t)
    refs.print()
    total = f"[bold]Total: {stack.total_ad_valorem:g}% ad valorem[/]"
    if stack.has_quota:
        o = stack.total_out_of_quota
        total += f" in quota; out of quota: {'unknown' if o is None else f'{o:g}%'}"
    out.print(total)
    for n in stack.notes:
        out.print(f"[yellow]note:[/] {n}")


@measures_app.command("timeline")
def measures_timeline(
    importer: Annotated[str, typer.Option(help="Importing (imposing) economy, ISO alpha-3.")],
    exporter: Annotated[str, typer.Option(help="Exporting economy, ISO alpha-3.")],
    hs: Annotated[str, typer.Option(help="HS code or national tariff line.")],
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write a chart: .png or .html.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The applied rate over time, as a table and optionally a chart.
    Example: thaw measures timeline --importer CAN --exporter CHN --hs 870380 --out ev.html"""
    from thaw.api import rate_timeline

    with errors():
        tl = rate_timeline(importer, exporter, hs, start=start, end=end, db=state.db)
        if out_file is not None:
            tl.plot(out_file)
    if as_json:
        print_json(tl.to_dict())
        return
    render_timeline(tl)
    if out_file is not None:
        out.print(f"chart written to {out_file}")


@measures_app.command("upcoming")
def measures_upcoming(
    start: Annotated[
        str | None, typer.Option("--from", help="First day YYYY-MM-DD (default: today).")
    ] = None,
    days: Annotated[int, typer.Option(help="Length of the window in days.", min=1)] = 60,
    importer: Annotated[str | None, typer.Option(help="Imposing economy (ISO alpha-3).")] = None,
    exporter: Annotated[str | None, typer.Option(help="Targeted exporter (ISO alpha-3).")] = None,
    as_json: JsonOption = False,
) -> None:
    """What changes next: starts, ends, expiries, rate changes and reviews in a window, with the
    total applied rate before and on the change day.
    Example: thaw measures upcoming --from 2026-12-03 --days 60"""
    from thaw.api import upcoming

    with errors():
        result = upcoming(start, days, importer=importer, exporter=exporter, db=state.db)
    if as_json:
        print_json(result.to_dicts())
        return
    refs = References()
    t = Table(
        title=f"What changes next, {result.start.isoformat()} to {result.last.isoformat()} "
        f"({result.days} days)"
    )
    for col in ("#", "date", "event", "measure \\[source]", "who", "HS: before -> after %"):
        t.add_column(col, overflow="fold")
    notes = []
    for i, c in enumerate(result, start=1):
        rates = "\n".join(f"{r.hs}: {r.rate_before:g} -> {r.rate_after:g}" for r in c.rates)
        t.add_row(
            str(i),
            c.date.isoformat()
            + (f"\n[dim](last day {c.last_day.isoformat()})[/]" if c.last_day else ""),
            c.event,
            f"{c.measure_id} {refs.cite(c)}",
            f"{c.importer} on {c.exporter or 'any partner'}",
            rates or "-",
        )
        what = f"({i}) {c.what}"
        if c.event in {"ends", "expires"} and not c.renewal_known:
            what += " [yellow]Renewal: not known.[/]"
        if c.open_question:
            what += f" [dim]Open question: {c.open_question}[/]"
        notes.append(what)
    out.print(t)
    for n in notes:
        out.print(n, soft_wrap=True)
    refs.print()
    if not len(result):
        out.print("no change in the register in this window")


@measures_app.command("add")
def measures_add(
    file: Annotated[
        Path, typer.Argument(help="TOML file of \\[\\[measure]] tables, or a register export.")
    ],
) -> None:
    """Validate a measure file (.toml, or a .parquet/.csv register export) and add it to the
    register: all records or none.
    Example: thaw measures add my_measures.toml"""
    from thaw.api import add_measures

    with errors():
        added = add_measures(file, db=state.db)
    out.print(f"added {len(added)} measure(s): {', '.join(m.id for m in added)}")
