"""``thaw report``: a self-contained report of a run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thaw.cli._common import (
    ModelOption,
    errors,
    out,
    state,
)
from thaw.cli._render import SimulationProgress


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
    from thaw.api import events, simulate, simulate_ge
    from thaw.report.report import write_report
    from thaw.scenarios.ge.load import bundled_ge_scenarios

    with errors():
        is_ge = str(scenario) in bundled_ge_scenarios() or (
            scenario.exists() and "[costs]" in scenario.read_text(encoding="utf-8")
        )
        from thaw.data.database import open_store

        with open_store(state.db) as s:
            register = list(s.measures())
            timeline = events(store=s)
        if is_ge:
            result = simulate_ge(scenario, data=data, draws=draws, register=register)
        else:
            with SimulationProgress(scenario.name) as progress:
                result = simulate(
                    scenario, model=model, draws=draws, progress=progress, register=register
                )
        from thaw.scenarios._files import bundled_files

        path = scenario if scenario.exists() else bundled_files("*.toml").get(str(scenario))
        text = path.read_text(encoding="utf-8") if path is not None else ""
        write_report(result, output, text, register, events=timeline)
    out.print(f"wrote {output}")
