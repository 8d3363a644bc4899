"""``thaw simulate``, ``thaw compare`` and ``thaw scenarios``: partial-equilibrium runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from thaw.cli._common import (
    JsonOption,
    ModelOption,
    OutDirOption,
    SeedOption,
    errors,
    out,
    print_json,
    state,
)
from thaw.cli._render import (
    SimulationProgress,
    print_result_json,
    render_result,
    write_outputs,
    write_result_json,
)
from thaw.errors import ThawError


def _run_simulation(
    scenario: Path, model: str | None, draws: int | None, seed: int | None, scheduler: str | None
) -> Any:
    from thaw.api import simulate

    with SimulationProgress(scenario.name) as progress:
        return simulate(
            scenario,
            model=model,
            draws=draws,
            seed=seed,
            scheduler=scheduler,
            progress=progress,
            db=state.db,
        )


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
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json-file",
            help="Write the whole result as JSON, every flow included, to this file "
            "(--json leaves the flow list out above 10,000 flows).",
        ),
    ] = None,
) -> None:
    """Simulate a scenario: trade, prices, revenue and welfare by economy and flow.
    Example: thaw simulate dispute-2025 --draws 1000 --out results/"""
    with errors():
        result = _run_simulation(scenario, model, draws, seed, scheduler)
        written = write_outputs(result, out_dir) if out_dir is not None else []
        if json_file is not None:
            written.append(write_result_json(result, json_file))
    if as_json:
        print_result_json(result)
        return
    render_result(result)
    if out_dir is not None:
        out.print(f"wrote {len(written) - (json_file is not None)} files to {out_dir}")
    if json_file is not None:
        out.print(f"wrote {json_file}")


def scenarios_cmd(
    as_json: JsonOption = False,
) -> None:
    """The scenarios bundled with thaw: name, title and the question each answers.
    Example: thaw scenarios"""
    from thaw.scenarios.ge.load import bundled_ge_scenarios, load_ge_scenario
    from thaw.scenarios.pe.load import bundled_scenarios, load_scenario

    rows = []
    with errors():
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
        print_json(rows)
        return
    table = Table(title="Bundled scenarios")
    for col in ("name", "kind", "title", "description"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["name"], r["kind"], r["title"], r["description"])
    out.print(table)


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
    with errors():
        if len(scenarios) < 2:
            raise ThawError("compare needs at least two scenario files")
        results = [_run_simulation(s, model, draws, None, None) for s in scenarios]
    if as_json:
        print_json([r.to_dict() for r in results])
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
