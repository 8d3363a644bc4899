"""``thaw flows``: the trade flows the measures hit."""

from __future__ import annotations

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

flows_app = typer.Typer(
    help="Trade flows the measures hit (bundled, sourced; or your imports).", no_args_is_help=True
)


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

    with errors():
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
        print_json(table.to_dicts())
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
