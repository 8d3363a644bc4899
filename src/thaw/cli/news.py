"""``thaw news``: articles in, sourced measures and events out, through review."""

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

    with errors():
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
