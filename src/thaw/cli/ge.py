"""``thaw ge`` and ``thaw goal``: general equilibrium and the export goal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from thaw.cli._common import (
    JsonOption,
    OutDirOption,
    SeedOption,
    errors,
    out,
    print_json,
    state,
)
from thaw.cli._render import SimulationProgress, render_ge, write_outputs


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

    with errors():
        with SimulationProgress(scenario.name) as _:
            result = simulate_ge(scenario, data=data, draws=draws, seed=seed, db=state.db)
        written = (
            write_outputs(result, out_dir, ("economies", "pairs", "levels", "coefficients"))
            if out_dir is not None
            else []
        )
    if as_json:
        print_json(result.to_dict())
        return
    render_ge(result, [e.upper() for e in show] if show else None)
    if written:
        out.print(f"wrote {len(written)} files to {out_dir}")


def goal_cmd(
    ge: Annotated[
        str | None, typer.Option(help="A GE scenario whose effect to add (file or bundled name).")
    ] = None,
    data: Annotated[Path | None, typer.Option(help="Gravity data file for --ge.")] = None,
    chart: Annotated[
        Path | None, typer.Option("--out", help="Write the chart here (.png or .html).")
    ] = None,
    goal_path: Annotated[
        str,
        typer.Option(
            "--path",
            help="Goal path: 'doubling' (base year to target year, 2024-2035: 6.50%/yr) or "
            "'decade' (2024 level held in 2025, doubling over 2025-2035: 7.18%/yr).",
        ),
    ] = "doubling",
    trend: Annotated[
        str,
        typer.Option(
            help="Trend: 'fit' (log-linear OLS over the window) or 'endpoint' (growth between "
            "the window's first and last values)."
        ),
    ] = "fit",
    trend_from: Annotated[int, typer.Option(help="First year of the trend window.")] = 2014,
    trend_to: Annotated[
        int | None, typer.Option(help="Last year of the trend window (default: the base year).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Canada's non-US exports (nominal C$) against the path that doubles them by 2035.
    Example: thaw goal --ge ge-can-chn-pta --data sample_data_set.dlm --out goal.png"""
    from thaw.api import track_goal

    with errors():
        track = track_goal(
            ge=ge,
            data=data,
            path=goal_path,
            trend=trend,
            trend_from=trend_from,
            trend_to=trend_to,
        )
        if chart is not None:
            track.plot(chart)
    if as_json:
        print_json(track.to_dict())
        return
    s = track.summary()
    t = Table(title="Canada's non-US exports, nominal C$ billion (balance-of-payments basis)")
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
        f"goal path ({s['goal_path']}): {s['goal_path_definition']}; reaches "
        f"{s['target_value_cad_billion']:,.1f} in {s['target_year']}"
    )
    out.print(
        f"trend ({s['trend']}): {s['trend_definition']}; reaches "
        f"{s['trend_value_at_target_cad_billion']:,.1f} in {s['target_year']}: a gap of "
        f"{s['gap_at_target_cad_billion']:,.1f}"
    )
    out.print(f"[dim]values: {s['units']}[/]")
    if ge:
        out.print(
            f"{s['scenario']}: non-US exports {s['scenario_effect_pct']:+.2f}% (full GE), "
            f"+{s['scenario_adds_cad_billion_at_target']:,.1f} by {s['target_year']}, "
            f"{s['scenario_share_of_gap_pct']:.1f}% of the gap"
        )
    if "latest_gap_to_goal_cad_billion" in s:
        gap = s["latest_gap_to_goal_cad_billion"]
        growth = s.get("latest_growth_pct")
        out.print(
            f"{s['latest_year']}: observed {s['latest_observed_cad_billion']:,.1f}"
            + (f" ({growth:+.1f}% on the year before)" if growth is not None else "")
            + f" against a goal path of {s['goal_path_at_latest_cad_billion']:,.1f}: "
            f"{abs(gap):,.1f} {'ahead of' if gap >= 0 else 'behind'} the path"
        )
    note = track.observed.loc[track.observed["year"] == s.get("latest_year"), "note"]
    if not note.empty and note.iloc[0]:
        out.print(f"[dim]{note.iloc[0]}[/]")
    out.print("[dim]sources: thaw/data/bundled/goal_non_us_exports.csv[/]")
    if chart is not None:
        out.print(f"wrote {chart}")
