"""The ``thaw`` command line. Parses arguments, calls one library function, renders the result.

No economics here. Errors are one line on stderr with a non-zero exit; ``--debug`` shows the
traceback. Heavy modules are imported inside commands so ``thaw --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from thaw.errors import ThawError

app = typer.Typer(
    name="thaw",
    help="thaw: trade measures, trade flows and what they do. Example: "
    "thaw measures rate --importer CHN --exporter CAN --hs 120510 --on 2025-09-01",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
measures_app = typer.Typer(
    help="The measure register: what applies, since when, on what source.", no_args_is_help=True
)
flows_app = typer.Typer(
    help="Trade flows the measures hit (bundled, sourced; or your imports).", no_args_is_help=True
)
data_app = typer.Typer(
    help="The database: status, imports (BACI, Comtrade), exports.", no_args_is_help=True
)
app.add_typer(measures_app, name="measures")
app.add_typer(flows_app, name="flows")
app.add_typer(data_app, name="data")
news_app = typer.Typer(
    help="News evidence: articles in, sourced measures and events out.", no_args_is_help=True
)
app.add_typer(news_app, name="news")

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


@app.callback()
def _main(
    db: DbOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    state.db = db
    state.debug = debug


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn thaw and input errors into one line and exit code 1 (traceback with --debug)."""
    try:
        yield
    except (ThawError, OSError) as exc:
        if state.debug:
            raise
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, default=str) + "\n")


# ----------------------------------------------------------------------------------- measures
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

    with _errors():
        result = measures(
            importer=importer, exporter=exporter, hs=hs, on=on, kind=kind, db=state.db
        )
    if as_json:
        _print_json(result.to_dicts())
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

    with _errors():
        m = measure(measure_id, db=state.db)
    if as_json:
        _print_json(m.model_dump(mode="json"))
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

    with _errors():
        stack = applied_rate(importer, exporter, hs, on, unit_value=unit_value, db=state.db)
    if as_json:
        _print_json(stack.to_dict())
        return
    from thaw.measures.hs import format_code

    refs = _References()
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

    with _errors():
        tl = rate_timeline(importer, exporter, hs, start=start, end=end, db=state.db)
        if out_file is not None:
            tl.plot(out_file)
    if as_json:
        _print_json(tl.to_dict())
        return
    _render_timeline(tl)
    if out_file is not None:
        out.print(f"chart written to {out_file}")


def _render_timeline(tl: Any) -> None:
    from thaw.measures.hs import format_code

    refs = _References()
    t = Table(title=f"Applied rate: {tl.importer} on HS {format_code(tl.hs)} from {tl.exporter}")
    for col in ("from", "to", "total %", "out of quota %", "layers \\[source]"):
        t.add_column(col, overflow="fold")
    for s in tl.steps:
        o = s.stack.total_out_of_quota
        t.add_row(
            s.start.isoformat(),
            "…" if s.end is None else s.end.isoformat(),
            f"{s.stack.total_ad_valorem:g}",
            ("?" if o is None else f"{o:g}") if s.stack.has_quota else "-",
            "\n".join(
                [f"{c.measure_id} {c.rate_text} {refs.cite(c)}" for c in s.stack.components]
                + [f"[dim]({c.role}) {c.measure_id}[/] {refs.cite(c)}" for c in s.stack.other]
            ),
        )
    out.print(t)
    refs.print()


class _References:
    """Numbered source references printed under a table (URLs do not fit in cells)."""

    def __init__(self) -> None:
        self._order: dict[str, tuple[int, Any]] = {}

    def cite(self, component: Any) -> str:
        src = component.sources[0]
        if src.url not in self._order:
            self._order[src.url] = (len(self._order) + 1, src)
        return f"\\[{self._order[src.url][0]}]"

    def print(self) -> None:
        for n, src in self._order.values():
            out.print(
                f"  [{n}] {src.publisher}, {src.published}, {src.locator}: {src.url}",
                overflow="ignore",
                crop=False,
                soft_wrap=True,
            )


@measures_app.command("add")
def measures_add(
    file: Annotated[
        Path, typer.Argument(help="TOML file of [[measure]] tables, or a register export.")
    ],
) -> None:
    """Validate a measure file (.toml, or a .parquet/.csv register export) and add it to the
    register: all records or none.
    Example: thaw measures add my_measures.toml"""
    from thaw.api import add_measures

    with _errors():
        added = add_measures(file, db=state.db)
    out.print(f"added {len(added)} measure(s): {', '.join(m.id for m in added)}")


# -------------------------------------------------------------------------------------- flows
@flows_app.command("show")
def flows_show(
    reporter: Annotated[str | None, typer.Option(help="Reporting economy.")] = None,
    partner: Annotated[str | None, typer.Option(help="Partner economy (WLD: world).")] = None,
    hs: Annotated[str | None, typer.Option(help="HS code (prefix) or TOTAL.")] = None,
    year: Annotated[int | None, typer.Option(help="Year.")] = None,
    flow: Annotated[str | None, typer.Option(help="export or import.")] = None,
    dataset: Annotated[str | None, typer.Option(help="bundled, baci or comtrade.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    as_json: JsonOption = False,
) -> None:
    """Trade flows with their sources.

    Example: thaw flows show --reporter CAN --partner CHN --hs 1205
    """
    from thaw.api import flows

    with _errors():
        table = flows(
            reporter=reporter,
            partner=partner,
            hs=hs,
            year=year,
            flow=flow,
            dataset=dataset,
            limit=limit,
            db=state.db,
        )
    if as_json:
        _print_json(table.to_dicts())
        return
    t = Table(title=f"{len(table)} flows")
    for col in (
        "hs",
        "product",
        "reporter",
        "partner",
        "flow",
        "year",
        "period",
        "value",
        "quantity",
        "pref.",
        "source",
    ):
        t.add_column(col, overflow="fold")
    for r in table.to_dicts():
        value = "-" if r["value"] is None else f"{r['currency']} {r['value']:,.0f}"
        qty = "-" if r["quantity"] is None else f"{r['quantity']:,.0f} {r['quantity_unit']}"
        t.add_row(
            r["hs"],
            r["product"] or "",
            r["reporter"],
            r["partner"],
            r["flow"],
            str(r["year"]),
            r["period"],
            value,
            qty,
            "yes" if r["preferred"] else "no",
            f"{r['publisher']} ({r['published']})",
        )
    out.print(t)


# --------------------------------------------------------------------------------------- data
@data_app.command("status")
def data_status(
    as_json: JsonOption = False,
) -> None:
    """Where the database is, its schema version and row counts. Example: thaw data status"""
    from thaw.data.bundle import bundle_version
    from thaw.data.store import open_store

    with _errors(), open_store(state.db) as s:
        info = s.info()
    payload = {
        "path": str(info.path),
        "schema_version": info.schema_version,
        "bundle_version": info.bundle_version,
        "bundle_available": bundle_version(),
        "counts": info.counts,
    }
    if as_json:
        _print_json(payload)
        return
    for k, v in payload.items():
        out.print(f"{k:>17}: {v}")
    if info.bundle_version != payload["bundle_available"]:
        out.print("[yellow]the bundled data are newer: run `thaw data refresh-bundled`[/]")


@data_app.command("refresh-bundled")
def data_refresh_bundled() -> None:
    """Replace the bundled measures and flows with this thaw's; your own rows are kept.
    Example: thaw data refresh-bundled"""
    from thaw.data.bundle import load_bundle_into
    from thaw.data.store import open_store

    with _errors(), open_store(state.db) as s:
        load_bundle_into(s)
        info = s.info()
    out.print(f"bundled data {info.bundle_version} loaded: {info.counts}")


def _progress_import(kind: str, file: Path, **kwargs: Any) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from thaw.data import importers
    from thaw.data.store import open_store

    fn = importers.import_baci if kind == "baci" else importers.import_comtrade
    with (
        _errors(),
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
    from thaw.data.store import open_store

    with _errors(), open_store(state.db) as s:
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
    from thaw.data.flows import import_sourced_flows
    from thaw.data.store import open_store

    with _errors(), open_store(state.db) as s:
        n = import_sourced_flows(s, file)
    out.print(f"added {n} flows from {file}")


# ----------------------------------------------------------------------------------- simulate
class _SimulationProgress:
    """One live display on stderr (only on a terminal): a spinner while solving, then a bar for
    the Monte Carlo draws once they report. Piped output and error lines stay clean."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.draws_task: Any = None

    def __enter__(self) -> _SimulationProgress:
        if err.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                SpinnerColumn(),
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            self.bar.start()
            self.bar.add_task(f"solving {self.label}", total=None)
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            return
        if self.draws_task is None:
            self.draws_task = self.bar.add_task("Monte Carlo draws", total=total)
        self.bar.update(self.draws_task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _run_simulation(
    scenario: Path, model: str | None, draws: int | None, seed: int | None, scheduler: str | None
) -> Any:
    from thaw.api import simulate

    with _SimulationProgress(scenario.name) as progress:
        return simulate(
            scenario,
            model=model,
            draws=draws,
            seed=seed,
            scheduler=scheduler,
            progress=progress,
            db=state.db,
        )


def _render_result(result: Any) -> None:
    unit = f"{result.currency} {result.value_unit}"
    t = Table(
        title=f"{result.scenario} — {result.model}"
        + (f", {result.draws} draws (p05..p95)" if result.draws else "")
    )
    for col in (
        "economy",
        f"welfare ({unit})",
        "consumer surplus",
        "producer surplus",
        "tariff revenue",
        "quota rent",
        "exports",
        "imports",
    ):
        t.add_column(col, justify="right" if col != "economy" else "left")
    econ = result.to_frame("economies")
    for r in econ.to_dict(orient="records"):

        def cell(name: str, r: dict[str, Any] = r) -> str:
            text = f"{r[name]:,.1f}"
            if result.draws:
                text += f"\n[dim]{r[name + '_p05']:,.1f}..{r[name + '_p95']:,.1f}[/]"
            return text

        t.add_row(
            r["economy"],
            cell("welfare"),
            cell("consumer_surplus"),
            cell("producer_surplus"),
            cell("tariff_revenue"),
            cell("quota_rent"),
            cell("exports_change"),
            cell("imports_change"),
        )
    out.print(t)
    f = Table(title="Flows")
    for col in (
        "product",
        "exporter",
        "importer",
        "baseline",
        "scenario",
        "change %",
        "tariff0 %",
        "tariff1 %",
    ):
        f.add_column(col)
    for r in result.flows.to_dict(orient="records"):
        f.add_row(
            str(r["product"]),
            r["exporter"],
            r["importer"],
            f"{r['baseline_value']:,.1f}",
            f"{r['scenario_value']:,.1f}",
            f"{r['change_pct']:+.1f}",
            f"{r['tariff0']:g}",
            f"{r['tariff1']:g}",
        )
    out.print(f)
    if not result.quotas.empty:
        out.print(result.quotas.to_string(index=False))
    d = result.diagnostics
    out.print(
        f"solver: converged={d['converged']} iterations={d['iterations']} "
        f"max residual={d['max_residual']:.1e}"
        + (f" failed draws={d['draws_failed']}" if "draws_failed" in d else "")
    )
    out.print(f"[dim]model: {result.assumptions['model']}[/]")


def _write_outputs(
    result: Any, folder: Path, kinds: tuple[str, ...] = ("economies", "flows", "products", "quotas")
) -> list[Path]:
    import json as _json
    from functools import partial

    from thaw._io import save_atomic

    written = []
    for kind in kinds:
        frame = result.to_frame(kind)
        as_text = frame.astype({c: str for c in frame.columns if frame[c].dtype == object})
        for path, write in (
            (folder / f"{kind}.csv", partial(frame.to_csv, index=False)),
            (folder / f"{kind}.parquet", partial(as_text.to_parquet, index=False)),
        ):
            save_atomic(path, write)
            written.append(path)
    for suffix in (".png", ".html"):
        path = folder / f"result{suffix}"
        result.plot(path)
        written.append(path)
    js = folder / "result.json"
    text = _json.dumps(result.to_dict(), indent=2, default=str)
    save_atomic(js, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    written.append(js)
    return written


ModelOption = Annotated[
    str | None, typer.Option("--model", help="smart, gsim or armington (default: the scenario's).")
]


@app.command("simulate")
def simulate_cmd(
    scenario: Annotated[
        Path,
        typer.Argument(help="Scenario TOML file, or a bundled scenario's name (thaw scenarios)."),
    ],
    model: ModelOption = None,
    draws: Annotated[
        int | None, typer.Option(help="Monte Carlo draws (default: the file's).")
    ] = None,
    seed: SeedOption = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address for the draws, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    out_dir: OutDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Simulate a scenario: trade, prices, revenue and welfare by economy and flow.
    Example: thaw simulate dispute-2025 --draws 1000 --out results/"""
    with _errors():
        result = _run_simulation(scenario, model, draws, seed, scheduler)
        written = _write_outputs(result, out_dir) if out_dir is not None else []
    if as_json:
        _print_json(result.to_dict())
        return
    _render_result(result)
    if written:
        out.print(f"wrote {len(written)} files to {out_dir}")


@app.command("ge")
def ge_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="GE scenario TOML file, or a bundled GE scenario's name.")
    ],
    data: Annotated[
        Path | None, typer.Option(help="Gravity data file (CSV/Parquet); overrides the file's.")
    ] = None,
    draws: Annotated[
        int | None, typer.Option(help="Monte Carlo draws of the cost coefficients.")
    ] = None,
    seed: SeedOption = None,
    show: Annotated[
        list[str] | None, typer.Option("--economy", help="Economies to show (default: largest).")
    ] = None,
    out_dir: OutDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """General equilibrium (structural gravity): real GDP, welfare, prices and trade by economy.
    Example: thaw ge ge-can-chn-pta --data sample_data_set.dlm --draws 500"""
    from thaw.api import simulate_ge

    with _errors():
        with _SimulationProgress(scenario.name) as _:
            result = simulate_ge(scenario, data=data, draws=draws, seed=seed, db=state.db)
        written = (
            _write_outputs(result, out_dir, ("economies", "pairs", "levels", "coefficients"))
            if out_dir is not None
            else []
        )
    if as_json:
        _print_json(result.to_dict())
        return
    _render_ge(result, [e.upper() for e in show] if show else None)
    if written:
        out.print(f"wrote {len(written)} files to {out_dir}")


def _render_ge(result: Any, economies: list[str] | None) -> None:
    frame = result.to_frame("economies")
    if economies:
        frame = frame[frame["economy"].isin(economies)]
    else:
        frame = frame.reindex(
            frame["real_gdp_change_pct"].abs().sort_values(ascending=False).index
        ).head(12)
    t = Table(
        title=f"{result.scenario}: full GE, % change"
        + (f", {result.draws} draws (p05..p95)" if result.draws else "")
    )
    cols = {
        "real GDP": "real_gdp_change_pct",
        "welfare": "welfare_change_pct",
        "factory-gate price": "factory_gate_price_change_pct",
        "foreign exports": "foreign_exports_change_pct",
        "foreign imports": "foreign_imports_change_pct",
        "IMR": "imr_change_pct",
        "OMR": "omr_change_pct",
    }
    t.add_column("economy")
    for label in cols:
        t.add_column(label, justify="right")
    for r in frame.to_dict(orient="records"):
        cells = []
        for name in cols.values():
            text = f"{r[name]:+.3f}"
            if result.draws:
                text += f"\n[dim]{r[name + '_p05']:+.3f}..{r[name + '_p95']:+.3f}[/]"
            cells.append(text)
        t.add_row(r["economy"], *cells)
    out.print(t)
    d = result.diagnostics
    out.print(
        f"solver: converged={d['converged']} Newton steps baseline/conditional/full="
        f"{d['baseline_iterations']}/{d['conditional_iterations']}/{d['full_iterations']} "
        f"max residual={d['max_residual']:.1e}"
    )
    a = result.assumptions
    out.print(
        f"[dim]sigma={a['sigma']} ({a['sigma_source']}); {a['normalisation']}; "
        f"coefficients: {a['coefficients']}[/]"
    )


@app.command("goal")
def goal_cmd(
    ge: Annotated[
        str | None, typer.Option(help="A GE scenario whose effect to add (file or bundled name).")
    ] = None,
    data: Annotated[Path | None, typer.Option(help="Gravity data file for --ge.")] = None,
    chart: Annotated[
        Path | None, typer.Option("--out", help="Write the chart here (.png or .html).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Canada's non-US exports against the path that doubles them by 2035.
    Example: thaw goal --ge ge-can-chn-pta --data sample_data_set.dlm --out goal.png"""
    from thaw.api import track_goal

    with _errors():
        track = track_goal(ge=ge, data=data)
        if chart is not None:
            track.plot(chart)
    if as_json:
        _print_json(track.to_dict())
        return
    s = track.summary()
    t = Table(title="Canada's non-US exports, C$ billion (balance-of-payments basis)")
    for col in ("year", "observed", "goal path", "trend", *(["trend + scenario"] if ge else [])):
        t.add_column(col, justify="right")
    observed = dict(zip(track.observed["year"], track.observed["value"], strict=True))
    years = sorted(set(observed) | set(track.path["year"]))
    path = track.path.set_index("year")
    for y in years:
        row = [str(y), f"{observed[y]:,.1f}" if y in observed else ""]
        if y in path.index:
            row += [f"{path.loc[y, 'goal']:,.1f}", f"{path.loc[y, 'trend']:,.1f}"]
            if ge:
                row.append(f"{path.loc[y, 'trend_with_scenario']:,.1f}")
        else:
            row += [""] * (3 if ge else 2)
        t.add_row(*row)
    out.print(t)
    out.print(
        f"goal: {s['target_value_cad_billion']:,.1f} in {s['target_year']} "
        f"({s['goal_growth_pct_per_year']:.2f}%/yr); trend {s['trend_years'][0]}-"
        f"{s['trend_years'][1]} ({s['trend_growth_pct_per_year']:.2f}%/yr) reaches "
        f"{s['trend_value_at_target_cad_billion']:,.1f}: a gap of "
        f"{s['gap_at_target_cad_billion']:,.1f}"
    )
    if ge:
        out.print(
            f"{s['scenario']}: non-US exports {s['scenario_effect_pct']:+.2f}% (full GE), "
            f"+{s['scenario_adds_cad_billion_at_target']:,.1f} by {s['target_year']}, "
            f"{s['scenario_share_of_gap_pct']:.1f}% of the gap"
        )
    out.print(
        "[dim]2025 has no same-basis world total yet; sources: thaw/data/bundled/"
        "goal_non_us_exports.csv[/]"
    )
    if chart is not None:
        out.print(f"wrote {chart}")


@app.command("serve")
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

    with _errors():
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


@app.command("report")
def report_cmd(
    scenario: Annotated[
        Path, typer.Argument(help="Scenario TOML file, or a bundled scenario's name.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="report.html or report.pdf")],
    model: ModelOption = None,
    draws: Annotated[int | None, typer.Option(help="Monte Carlo draws.")] = None,
    data: Annotated[Path | None, typer.Option(help="Gravity data file, for a GE scenario.")] = None,
) -> None:
    """A self-contained report of a scenario run: summary, charts, assumptions, sources.
    Example: thaw report arrangement-2026 -o report.html"""
    from thaw.api import simulate, simulate_ge
    from thaw.report.report import write_report
    from thaw.scenarios.ge_spec import bundled_ge_scenarios

    with _errors():
        is_ge = str(scenario) in bundled_ge_scenarios() or (
            scenario.exists() and "[costs]" in scenario.read_text(encoding="utf-8")
        )
        from thaw.data.store import open_store

        with open_store(state.db) as s:
            register = list(s.measures())
        if is_ge:
            result = simulate_ge(scenario, data=data, draws=draws, register=register)
        else:
            with _SimulationProgress(scenario.name) as progress:
                result = simulate(
                    scenario, model=model, draws=draws, progress=progress, register=register
                )
        from thaw.scenarios._files import bundled_files

        path = scenario if scenario.exists() else bundled_files("*.toml").get(str(scenario))
        text = path.read_text(encoding="utf-8") if path is not None else ""
        write_report(result, output, text, register)
    out.print(f"wrote {output}")


@news_app.command("ingest")
def news_ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Articles: .txt, .html, .jsonl or folders.")],
    manifest: Annotated[
        Path | None,
        typer.Option(help="CSV with file,published,outlet,url (default: MANIFEST.csv)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles, extract measures, events, quotes and figures, match them to the register.
    Example: thaw news ingest ../shared/news"""
    from thaw.api import news_ingest

    with _errors():
        summary = news_ingest(paths, manifest=manifest, db=state.db)
    if as_json:
        _print_json(summary)
        return
    out.print(
        f"{summary['read']} articles read, {summary['new']} new, {summary['already_stored']} "
        f"already stored; items {summary['items']}; measures vs register {summary['verdicts']}"
    )


@news_app.command("extract")
def news_extract_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help="JSON-lines files: text and published per line.")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="New folder for the Parquet item files.")],
    workers: Annotated[int, typer.Option(help="Local worker processes.")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    ] = None,
) -> None:
    """Extract evidence from a large corpus into Parquet, on this machine or a Dask cluster
    (the store is not touched; `thaw news ingest` is for articles to review).
    Example: thaw news extract corpus/*.jsonl --out items --workers 4"""
    from thaw.api import news_extract

    with _errors():
        summary = news_extract(paths, out_dir, workers=workers, scheduler=scheduler)
    out.print(
        f"{summary['items']:,} items in {summary['parts']} files under {summary['out']} "
        f"({summary['seconds']:.1f} s)"
    )


@news_app.command("items")
def news_items_cmd(
    kind: Annotated[str | None, typer.Option(help="measure, event, quote or figure.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The stored evidence, each item with its sentence, article and verdict.
    Example: thaw news items --kind measure"""
    import json as _json

    from thaw.api import news_items

    with _errors():
        frame = news_items(kind, db=state.db)
    if as_json:
        from thaw.data.store import rows_as_dicts

        _print_json(rows_as_dicts(frame))
        return
    t = Table(title=f"News evidence{f' ({kind})' if kind else ''}")
    for col in ("item", "date", "kind", "what", "verdict", "sentence"):
        t.add_column(col)
    for r in frame.to_dict(orient="records"):
        f = _json.loads(r["fields"])
        what = {
            k: v
            for k, v in f.items()
            if k
            in (
                "type",
                "imposing",
                "targeted",
                "products",
                "rates",
                "direction",
                "status",
                "speaker",
                "value",
                "unit",
            )
        }
        t.add_row(
            r["item_id"],
            str(r["published"])[:10],
            r["kind"],
            str(what),
            (r["verdict"] or "") + (f" {r['measure_id']}" if r["measure_id"] else ""),
            r["sentence"][:90],
        )
    out.print(t)


@news_app.command("review")
def news_review_cmd(
    item_id: Annotated[str, typer.Argument(help="Item id from `thaw news items`.")],
    decision: Annotated[str, typer.Argument(help="accepted, rejected or edited.")],
    draft: Annotated[
        Path | None, typer.Option(help="Write a [[measure]] TOML draft from the item here.")
    ] = None,
) -> None:
    """Decide on an extracted measure; nothing enters the register without a person.
    Example: thaw news review 3f2a9c1b7d0e accepted --draft measure.toml"""
    from thaw.api import news_review

    with _errors():
        news_review(item_id, decision, draft=draft, db=state.db)
        if draft is not None:
            out.print(f"wrote {draft}: complete it, then `thaw measures add {draft}`")
    out.print(
        f"{item_id}: {decision}"
        + (
            "; add it with `thaw measures add FILE` (with its sources)"
            if decision == "accepted"
            else ""
        )
    )


@news_app.command("timeline")
def news_timeline_cmd(
    as_json: JsonOption = False,
    chart: Annotated[Path | None, typer.Option("--out", help="Chart file (.png or .html).")] = None,
) -> None:
    """Events and measures from the news over time, with their sources.
    Example: thaw news timeline --out news.html"""
    from thaw.api import news_timeline
    from thaw.report.charts import news_timeline_chart

    with _errors():
        frame = news_timeline(db=state.db)
        if chart is not None:
            news_timeline_chart(frame, chart)
    if as_json:
        from thaw.data.store import rows_as_dicts

        _print_json(rows_as_dicts(frame))
        return
    t = Table(title="News timeline")
    for col in ("date", "kind", "what", "verdict", "outlet"):
        t.add_column(col)
    for r in frame.to_dict(orient="records"):
        t.add_row(
            *(
                str(r[c]) if isinstance(r[c], str) else ""
                for c in ("date", "kind", "what", "verdict", "outlet")
            )
        )
    out.print(t)


@app.command("scenarios")
def scenarios_cmd(
    as_json: JsonOption = False,
) -> None:
    """The scenarios bundled with thaw: name, title and the question each answers.
    Example: thaw scenarios"""
    from thaw.scenarios.ge_spec import bundled_ge_scenarios, load_ge_scenario
    from thaw.scenarios.spec import bundled_scenarios, load_scenario

    rows = []
    with _errors():
        ge_names = bundled_ge_scenarios()
        for name, path in bundled_scenarios().items():
            if name in ge_names:
                continue
            spec, _ = load_scenario(path)
            rows.append(
                {
                    "name": name,
                    "kind": "PE (thaw simulate)",
                    "title": spec.scenario.name,
                    "description": spec.scenario.description,
                    "file": str(path),
                }
            )
        for name, path in ge_names.items():
            ge_spec, _ = load_ge_scenario(path)
            rows.append(
                {
                    "name": name,
                    "kind": "GE (thaw ge)",
                    "title": ge_spec.scenario.name,
                    "description": ge_spec.scenario.description,
                    "file": str(path),
                }
            )
    if as_json:
        _print_json(rows)
        return
    table = Table(title="Bundled scenarios")
    for col in ("name", "kind", "title", "description"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["name"], r["kind"], r["title"], r["description"])
    out.print(table)


@app.command("compare")
def compare_cmd(
    scenarios: Annotated[
        list[Path], typer.Argument(help="Two or more scenario TOML files or bundled names.")
    ],
    model: ModelOption = None,
    draws: Annotated[int | None, typer.Option(help="Monte Carlo draws for each.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Scenarios side by side: welfare by economy in each.
    Example: thaw compare a.toml b.toml --model gsim"""
    with _errors():
        if len(scenarios) < 2:
            raise ThawError("compare needs at least two scenario files")
        results = [_run_simulation(s, model, draws, None, None) for s in scenarios]
    if as_json:
        _print_json([r.to_dict() for r in results])
        return
    economies = sorted({e for r in results for e in r.economies["economy"]})
    t = Table(title="Welfare by economy")
    t.add_column("economy")
    for r in results:
        t.add_column(f"{r.scenario}\n({r.model}, {r.currency} {r.value_unit})", justify="right")
    for e in economies:
        cells = []
        for r in results:
            row = r.economies[r.economies["economy"] == e]
            cells.append("-" if row.empty else f"{float(row['welfare'].iloc[0]):,.1f}")
        t.add_row(e, *cells)
    out.print(t)


# --------------------------------------------------------------------------------------- demo
@app.command("demo")
def demo() -> None:
    """The dispute in three timelines (canola seed and meal into China, EVs into Canada), the
    canola trade they hit, what the measures and the 2026 arrangement do (PE), and the export
    goal. Example: thaw demo"""
    from thaw.api import flows, rate_timeline, simulate, track_goal

    with _errors():
        for imp, exp, hs in (
            ("CHN", "CAN", "120510"),
            ("CAN", "CHN", "870380"),
            ("CHN", "CAN", "230641"),
        ):
            _render_timeline(rate_timeline(imp, exp, hs, db=state.db))
        table = flows(
            reporter="CAN", partner="CHN", hs="1205", preferred_only=True, db=state.db
        ).to_frame()
    out.print("[bold]Canada's canola exports to China (bundled; preferred figures):[/]")
    for r in table.sort_values(["year", "hs"]).to_dict(orient="records"):
        value = "" if r["value"] != r["value"] else f"{r['currency']} {r['value'] / 1e9:,.2f}B"
        qty = "" if r["quantity"] != r["quantity"] else f"{r['quantity'] / 1e6:,.2f} Mt"
        out.print(
            f"  {r['year']} {r['product']:<22} {r['period']:<28} {value:>12} {qty:>9}  "
            f"{r['publisher']}",
            overflow="ignore",
            crop=False,
            soft_wrap=True,
        )
    with _errors():
        results = [
            simulate(name, draws=0, db=state.db) for name in ("dispute-2025", "arrangement-2026")
        ]
        goal = track_goal().summary()
    out.print("[bold]What the measures do (exact Armington model, bundled elasticities):[/]")
    for r in results:
        e = r.to_frame("economies").set_index("economy")
        out.print(
            f"  {r.scenario}: welfare Canada {e.loc['CAN', 'welfare']:+,.0f}, China "
            f"{e.loc['CHN', 'welfare']:+,.0f}, United States {e.loc['USA', 'welfare']:+,.0f} "
            f"({r.currency} {r.value_unit})"
        )
    out.print(
        f"[bold]The export goal:[/] non-US exports C${goal['base_value_cad_billion']:,.1f}B in "
        f"{goal['base_year']}; doubling needs {goal['goal_growth_pct_per_year']:.1f}%/yr to "
        f"C${goal['target_value_cad_billion']:,.1f}B in {goal['target_year']}; the 2014-2024 "
        f"trend reaches C${goal['trend_value_at_target_cad_billion']:,.1f}B"
    )
    out.print("Try: thaw scenarios; thaw simulate dispute-2025; thaw goal; thaw ge --help")


def main() -> None:
    """Entry point of the ``thaw`` script."""
    app()


if __name__ == "__main__":
    main()
