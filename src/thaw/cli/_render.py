"""Tables, progress displays and output files shared by several commands (no economics)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table

from thaw.cli._common import (
    err,
    out,
)


def render_timeline(tl: Any) -> None:
    from thaw.measures.hs import format_code

    refs = References()
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


class References:
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


class SimulationProgress:
    """One live display on stderr (only on a terminal): a spinner while solving, then a bar for
    the Monte Carlo draws once they report. Piped output and error lines stay clean."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.draws_task: Any = None

    def __enter__(self) -> SimulationProgress:
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


# Above these sizes the terminal shows the largest flow changes only and ``--json`` (and the
# result.json of ``--out``) leave the flow list out (docs/models.md, "Scale through the user
# path"); ``--out`` tables and ``--json-file`` always hold every flow.
TERMINAL_MAX_FLOWS = 50
TERMINAL_TOP_FLOWS = 20
JSON_MAX_FLOWS = 10_000
FAST_CSV_ROWS = 100_000  # larger tables are written by pyarrow's CSV writer


def render_result(result: Any) -> None:
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
    n_flows = len(result.flows)
    shown = result.flows
    if n_flows > TERMINAL_MAX_FLOWS:
        shown = result.flows.loc[result.largest_flows(TERMINAL_TOP_FLOWS)]
        f.title = f"Flows: the {TERMINAL_TOP_FLOWS} largest changes (by |change %|)"
    for r in shown.to_dict(orient="records"):
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
    if n_flows > TERMINAL_MAX_FLOWS:
        out.print(f"{n_flows:,} flows; use --out for all")
    if not result.quotas.empty:
        out.print(result.quotas.to_string(index=False))
    d = result.diagnostics
    out.print(
        f"solver: converged={d['converged']} iterations={d['iterations']} "
        f"max residual={d['max_residual']:.1e}"
        + (f" failed draws={d['draws_failed']}" if "draws_failed" in d else "")
    )
    out.print(f"[dim]model: {result.assumptions['model']}[/]")


def write_outputs(
    result: Any, folder: Path, kinds: tuple[str, ...] = ("economies", "flows", "products", "quotas")
) -> list[Path]:
    import json as _json
    from concurrent.futures import Future, ThreadPoolExecutor
    from functools import partial

    from thaw._io import save_atomic

    written: list[Path] = []
    pending: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=2) as pool:  # large tables, beside the charts
        for kind in kinds:
            frame = result.to_frame(kind)
            as_text = frame.astype({c: str for c in frame.columns if frame[c].dtype == object})
            paths = (folder / f"{kind}.csv", folder / f"{kind}.parquet")
            written.extend(paths)
            if len(frame) > FAST_CSV_ROWS:
                pending += _write_large(pool, as_text, *paths)
                continue
            save_atomic(paths[0], partial(frame.to_csv, index=False))
            save_atomic(paths[1], partial(as_text.to_parquet, index=False))
        for suffix in (".png", ".html"):
            path = folder / f"result{suffix}"
            result.plot(path)
            written.append(path)
        js = folder / "result.json"
        bounded = hasattr(result, "flow_records")  # a PE result: flows are in the tables
        payload = result.to_dict(max_flows=JSON_MAX_FLOWS) if bounded else result.to_dict()
        text = _json.dumps(payload, indent=2, default=str)
        save_atomic(js, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        written.append(js)
        for task in pending:
            task.result()
    return written


def _write_large(pool: Any, frame: Any, csv: Path, parquet: Path) -> list[Any]:
    """A large table to CSV and Parquet by pyarrow, on ``pool``'s threads (pyarrow releases
    the GIL): one Arrow table for both; Parquet in row groups of 2^20 rows; the CSV in slices
    of 2^20 rows formatted two at a time and written in order."""
    from functools import partial

    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from thaw._io import save_atomic

    table = pa.Table.from_pandas(frame, preserve_index=False)
    step = 1 << 20

    def piece(start: int) -> Any:
        sink = pa.BufferOutputStream()
        options = pacsv.WriteOptions(include_header=start == 0)
        pacsv.write_csv(table.slice(start, step), sink, write_options=options)
        return sink.getvalue()

    def write_csv(tmp: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        with tmp.open("wb") as fh, ThreadPoolExecutor(max_workers=2) as fmt:
            window: list[Any] = []
            for start in range(0, table.num_rows, step):
                window.append(fmt.submit(piece, start))
                if len(window) > 2:
                    fh.write(window.pop(0).result())
            for task in window:
                fh.write(task.result())

    return [
        pool.submit(save_atomic, parquet, partial(pq.write_table, table, row_group_size=step)),
        pool.submit(save_atomic, csv, write_csv),
    ]


def print_result_json(result: Any) -> None:
    """``--json``: the whole result, or, above :data:`JSON_MAX_FLOWS` flows, everything but
    the flow list (economies, quotas, diagnostics, assumptions, the 20 largest flow changes
    and a note)."""
    from thaw.cli._common import print_json

    print_json(result.to_dict(max_flows=JSON_MAX_FLOWS))


def write_result_json(result: Any, path: Path) -> Path:
    """``--json-file``: the whole result with every flow, written in chunks (one flow a line)
    so that a million flows never sit in memory as one string."""
    import json as _json

    from thaw._io import save_atomic

    head = result.to_dict(max_flows=0)
    for key in ("flows_total", "flows_note", "largest_flows"):
        head.pop(key, None)
    head["flows"] = []
    text = _json.dumps(head, indent=2, default=str)
    before, after = text.split('"flows": []', 1)
    n, step = len(result.flows), 100_000

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(before + '"flows": [')
            for start in range(0, n, step):
                rows = result.flow_records(result.flows.index[start : start + step])
                fh.write(
                    ("," if start else "")
                    + "\n    "
                    + ",\n    ".join(_json.dumps(r, default=str) for r in rows)
                )
            fh.write("\n  ]" + after + "\n")

    save_atomic(path, write)
    return path


def render_ge(result: Any, economies: list[str] | None) -> None:
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
