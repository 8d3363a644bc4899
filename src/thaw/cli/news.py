"""``thaw news``: articles in, sourced measures and events out, through review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from thaw.cli._common import (
    JsonOption,
    errors,
    out,
    print_json,
    state,
)
from thaw.errors import ThawError

news_app = typer.Typer(
    help="News evidence: articles in, sourced measures and events out.", no_args_is_help=True
)


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

    with errors():
        summary = news_ingest(paths, manifest=manifest, db=state.db)
    if as_json:
        print_json(summary)
        return
    out.print(
        f"{summary['read']} articles read, {summary['new']} new, {summary['already_stored']} "
        f"already stored; items {summary['items']}; measures vs register {summary['verdicts']}"
    )
    for w in summary.get("warnings", []):
        from rich.markup import escape

        out.print(f"[yellow]warning[/yellow] {escape(w)}", highlight=False)


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

    with errors():
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

    with errors():
        frame = news_items(kind, db=state.db)
    if as_json:
        from thaw.data.store import rows_as_dicts

        print_json(rows_as_dicts(frame))
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
                "action",
                "direction",
                "status",
                "speaker",
                "value",
                "unit",
            )
        }
        basis, published = r.get("published_basis"), str(r.get("published"))
        when = "unknown" if published in ("NaT", "None", "nan") else published[:10]
        t.add_row(
            r["item_id"],
            when + (" (inferred)" if basis == "inferred" else ""),
            r["kind"],
            str(what),
            (r["verdict"] or "") + (f" {r['measure_id']}" if r["measure_id"] else ""),
            r["sentence"][:90],
        )
    out.print(t)


@news_app.command("review")
def news_review_cmd(
    item_id: Annotated[
        str | None, typer.Argument(help="Item id; none lists the review queue.")
    ] = None,
    decision: Annotated[
        str | None,
        typer.Argument(help="accept, edit or reject (accepted, rejected, edited only record)."),
    ] = None,
    draft: Annotated[
        Path | None, typer.Option(help="With accepted: write a measure draft (TOML) here.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option(help="accept/edit: the measure file to write.")
    ] = None,
    imposing: Annotated[str | None, typer.Option(help="edit: imposing economy (ISO3).")] = None,
    targeted: Annotated[str | None, typer.Option(help="edit: targeted economy, or ALL.")] = None,
    hs: Annotated[str | None, typer.Option(help="edit: HS codes, comma-separated.")] = None,
    rate: Annotated[float | None, typer.Option(help="edit: ad valorem rate, percent.")] = None,
    kind: Annotated[str | None, typer.Option(help="edit: register kind.")] = None,
    status: Annotated[str | None, typer.Option(help="edit: register status.")] = None,
    announced: Annotated[str | None, typer.Option(help="edit: YYYY-MM-DD.")] = None,
    effective: Annotated[str | None, typer.Option(help="edit: YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="edit: last day in force.")] = None,
    measure_id: Annotated[str | None, typer.Option("--id", help="edit: measure id.")] = None,
    title: Annotated[str | None, typer.Option(help="edit: measure title.")] = None,
    source_url: Annotated[str | None, typer.Option(help="The article's address.")] = None,
    publisher: Annotated[str | None, typer.Option(help="The article's outlet.")] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the decision).")] = None,
    include_reviewed: Annotated[
        bool, typer.Option("--all", help="List decided items too.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """The review queue, or a decision on one item; accept adds a measure to the register.
    Example: thaw news review; thaw news review 3f2a9c1b7d0e accept"""
    from thaw.api import news_queue, news_review

    if item_id is None:
        with errors():
            queue = news_queue(include_reviewed=include_reviewed, db=state.db)
        if as_json:
            print_json(queue)
        else:
            _print_queue(queue)
        return
    if decision is None:
        with errors():
            raise ThawError("give a decision after the item: accept, edit or reject")
    values = {
        "imposing": imposing,
        "targeted": targeted,
        "hs": [c.strip() for c in hs.split(",") if c.strip()] if hs else None,
        "rate": rate,
        "kind": kind,
        "status": status,
        "announced": announced,
        "effective": effective,
        "end": end,
        "id": measure_id,
        "title": title,
        "source_url": source_url,
        "publisher": publisher,
    }
    values = {k: v for k, v in values.items() if v is not None}
    with errors():
        done = news_review(
            item_id, str(decision), draft=draft, file=file, values=values, note=note, db=state.db
        )
    if as_json:
        print_json(done)
        return
    if done.get("measure_id"):
        out.print(
            f"{item_id}: {done['decision']}; wrote {done['file']}, added {done['measure_id']}"
        )
        return
    if draft is not None:
        out.print(f"wrote {draft}: complete it, then `thaw measures add {draft}`")
    out.print(
        f"{item_id}: {done['decision']}"
        + (
            "; add it with `thaw measures add FILE` (with its sources)"
            if decision == "accepted"
            else ""
        )
    )


def _print_queue(queue: dict[str, Any]) -> None:
    from rich.markup import escape

    if not queue["queue"]:
        out.print("Nothing to review.")
    for g in queue["queue"]:
        claim = f"{g['imposing'] or '?'} on {g['targeted'] or '?'}, {', '.join(g['hs']) or '-'}"
        outlets = ", ".join(g["outlets"])
        out.print(
            f"[bold]#{g['rank']} {g['verdict'].upper()}[/bold] {escape(claim)}: {g['action']}"
            f" ({escape(outlets)})"
        )
        for d in g["disagreements"]:
            out.print(f"  [yellow]disagree[/yellow] {escape(d)}")
        for e in g["entries"]:
            out.print(
                f"  {e['item_id']} {e['verdict']}  {escape(e['before'])}"
                f"[reverse]{escape(e['clause_text'])}[/reverse]{escape(e['after'])}"
            )
            facts = [
                f"{e['outlet'] or 'unknown outlet'}" + (f" <{e['url']}>" if e["url"] else ""),
                f"published {e['published'] or 'unknown'} ({e['published_basis']})",
            ]
            if e["speaker"]:
                facts.append(f"speaker {e['speaker']}")
            if e["hedged"]:
                facts.append(f"hedged: {e['hedge'] or 'yes'}")
            if e["inferred"]:
                facts.append("inferred: " + ", ".join(e["inferred"]))
            out.print("    " + escape("; ".join(facts)))
            if e["register_diff"]:
                out.print("    " + escape(str(e["register_diff"])))
    out.print(
        f"{queue['confirmed']} confirmation(s) in {queue['confirmed_groups']} claim(s) folded; "
        f"{queue['reviewed']} decided. Decide: thaw news review ITEM accept|edit|reject"
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

    with errors():
        frame = news_timeline(db=state.db)
        if chart is not None:
            news_timeline_chart(frame, chart)
    if as_json:
        from thaw.data.store import rows_as_dicts

        print_json(rows_as_dicts(frame))
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
