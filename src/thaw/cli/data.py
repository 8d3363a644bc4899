"""``thaw data``: the database: status, imports, exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from thaw.cli._common import (
    JsonOption,
    err,
    errors,
    out,
    print_json,
    state,
)

data_app = typer.Typer(
    help="The database: status, imports (BACI, Comtrade), exports.", no_args_is_help=True
)


@data_app.command("status")
def data_status(
    on: Annotated[
        str | None, typer.Option(help="Judge review dates on YYYY-MM-DD (default: today).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Where the database is, its schema version, row counts, and how fresh the register is
    (as of, open questions, reviews overdue, the next 60 days' changes).
    Example: thaw data status --on 2026-12-03"""
    from thaw.api import record_freshness
    from thaw.data.bundle import bundle_version
    from thaw.data.database import open_store

    with errors(), open_store(state.db) as s:
        info = s.info()
        record = record_freshness(on, store=s)
    payload = {
        "path": str(info.path),
        "schema_version": info.schema_version,
        "bundle_version": info.bundle_version,
        "bundle_available": bundle_version(),
        "counts": info.counts,
    }
    if as_json:
        print_json({**payload, "record": record.to_dict()})
        return
    for k, v in payload.items():
        out.print(f"{k:>17}: {v}")
    if info.bundle_version != payload["bundle_available"]:
        out.print("[yellow]the bundled data are newer: run `thaw data refresh-bundled`[/]")
    _print_record(record)


def _print_record(record: Any) -> None:
    as_of = "no record carries a verified day" if record.as_of is None else record.as_of
    out.print(f"{'record as of':>17}: {as_of} ({record.verified} of {record.measures} verified)")
    out.print(f"{'open questions':>17}: {len(record.open_questions)}")
    late = record.overdue
    out.print(f"{'reviews overdue':>17}: {len(late)} on {record.on.isoformat()}")
    for o in late:
        out.print(f"  [yellow]{o.measure_id}[/] review by {o.review_by}: {o.question or '-'}")
    nxt = record.upcoming
    out.print(
        f"{'next changes':>17}: {len(nxt)} from {nxt.start.isoformat()} to "
        f"{nxt.last.isoformat()} (thaw measures upcoming)"
    )
    seen: set[tuple[str, str, str]] = set()
    for c in nxt:
        key = (c.date.isoformat(), c.event, c.measure_id)
        if key in seen:  # one line per change, not per exporter
            continue
        seen.add(key)
        moved = [r for r in c.rates if r.change]
        rates = "; ".join(f"{r.hs} {r.rate_before:g}->{r.rate_after:g}%" for r in moved)
        renewal = (
            "" if c.renewal_known or c.event not in {"ends", "expires"} else ", renewal unknown"
        )
        out.print(f"  {key[0]} {c.event} {c.measure_id}{renewal}" + (f": {rates}" if rates else ""))


@data_app.command("refresh-bundled")
def data_refresh_bundled() -> None:
    """Replace the bundled measures and flows with this thaw's; your own rows are kept.
    Example: thaw data refresh-bundled"""
    from thaw.data.bundle import load_bundle_into
    from thaw.data.database import open_store

    with errors(), open_store(state.db) as s:
        load_bundle_into(s)
        info = s.info()
    out.print(f"bundled data {info.bundle_version} loaded: {info.counts}")


def _progress_import(kind: str, file: Path, **kwargs: Any) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from thaw.data import importers
    from thaw.data.database import open_store

    fn = importers.import_baci if kind == "baci" else importers.import_comtrade
    with (
        errors(),
        open_store(state.db) as s,
        Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(f"importing {file.name}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = fn(s, file, progress=progress, **kwargs)
    out.print(
        f"{report.dataset} {report.file}: read {report.rows_read:,}, "
        f"rejected {report.rows_rejected:,}, kept {report.rows_kept:,}"
    )
    for reason, n in sorted(report.rejected_reasons.items(), key=lambda kv: -kv[1]):
        out.print(f"  rejected {n:,}: {reason}")


import_app = typer.Typer(help="Import public bulk trade data.", no_args_is_help=True)
data_app.add_typer(import_app, name="import")


@import_app.command("baci")
def import_baci_cmd(
    file: Annotated[Path, typer.Argument(help="BACI CSV (t,i,j,k,v,q), plain or .gz.")],
    countries: Annotated[
        Path | None, typer.Option(help="BACI country_codes_*.csv to map country codes.")
    ] = None,
    hs_revision: Annotated[
        str | None, typer.Option(help="e.g. HS17 (default: from the name).")
    ] = None,
) -> None:
    """Import a CEPII BACI file. Example: thaw data import baci BACI_HS17_Y2022_V202401.csv"""
    _progress_import("baci", file, countries=countries, hs_revision=hs_revision)


@import_app.command("comtrade")
def import_comtrade_cmd(
    file: Annotated[Path, typer.Argument(help="UN Comtrade bulk CSV/TSV, plain or .gz.")],
) -> None:
    """Import a UN Comtrade bulk file. Example: thaw data import comtrade comtrade_CAN_2024.csv"""
    _progress_import("comtrade", file)


@data_app.command("export")
def data_export(
    table: Annotated[str, typer.Argument(help="measures, flows or imports.")],
    file: Annotated[Path, typer.Argument(help="Output .parquet or .csv.")],
) -> None:
    """Export a table to Parquet or CSV. Example: thaw data export flows flows.parquet"""
    from thaw.data.database import open_store

    with errors(), open_store(state.db) as s:
        n = s.export_table(table, file)
    out.print(f"wrote {n:,} rows to {file}")


@data_app.command("import-flows")
def data_import_flows(
    file: Annotated[
        Path, typer.Argument(help="Sourced flows .csv or .parquet (columns as flows.csv).")
    ],
) -> None:
    """Add your own sourced flows (same columns as the bundled flows.csv; all rows or none).
    Example: thaw data import-flows my_flows.csv"""
    from thaw.data.database import open_store
    from thaw.data.flows import import_sourced_flows

    with errors(), open_store(state.db) as s:
        n = import_sourced_flows(s, file)
    out.print(f"added {n} flows from {file}")
