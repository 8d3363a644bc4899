"""``thaw sensitivity``: one-at-a-time elasticity sensitivity (tornado) of a PE scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from thaw.cli._common import JsonOption, ModelOption, errors, out, print_json, state


def sensitivity_cmd(
    scenario: Annotated[
        Path,
        typer.Argument(help="Scenario TOML file, or a bundled scenario's name (thaw scenarios)."),
    ],
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter",
            help="Move these cells together: parameter[:products[:economy]], e.g. "
            "export_supply:canola_seed,lobster:CAN (repeatable; default: every group).",
        ),
    ] = None,
    model: ModelOption = None,
    top: Annotated[int, typer.Option(help="Groups shown per economy.")] = 8,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the tornado chart (.png or .html).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Which elasticities move the result: each group at its range's low and high.
    Example: thaw sensitivity dispute-2025 --out tornado.html"""
    from thaw.api import sensitivity

    with errors():
        result = sensitivity(scenario, parameters=parameter or None, model=model, db=state.db)
        if out_file is not None:
            result.plot(out_file)
    if as_json:
        print_json(result.to_dict())
        return
    unit = f"{result.currency} {result.value_unit}"
    point = result.point("welfare")
    sw = result.swings("welfare")
    ranges = {p.name: p for p in result.parameters}
    for econ in result.losers()[:2]:
        t = Table(title=f"{econ}: welfare {point[econ]:,.1f} {unit} at the point")
        for col in ("elasticity group", "range", "at low", "at high", "swing"):
            t.add_column(col, justify="left" if col == "elasticity group" else "right")
        for r in sw[sw["economy"] == econ].head(top).to_dict(orient="records"):
            p = ranges[str(r["parameter"])]
            rng = f"[{p.low:g}, {p.high:g}]" + ("" if p.ranged else " no range")
            t.add_row(
                str(r["parameter"]),
                rng,
                f"{r['low']:,.1f}",
                f"{r['high']:,.1f}",
                f"{r['swing']:,.1f}",
            )
        out.print(t)
    if result.ranking_flips:
        for f in result.ranking_flips:
            pairs = "; ".join(f"{b} loses more than {a}" for a, b in f.swapped)
            out.print(f"ranking flips: {f.parameter} at {f.level}: {pairs}")
    else:
        out.print("no range flips the ranking of losers")
    out.print(
        "ranges without a source: "
        + "; ".join(f"{k}: {v}" for k, v in result.assumptions["no_range"].items())
    )
    if out_file is not None:
        out.print(f"wrote {out_file}")
