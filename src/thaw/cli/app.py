"""The ``thaw`` command line: assembles the command groups; each lives in its own module.

No economics here or in the command modules: each parses arguments, calls one library
function and renders the result. Errors are one line on stderr with a non-zero exit;
``--debug`` shows the traceback. Heavy modules are imported inside commands so
``thaw --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from thaw.cli import (
    data,
    demo,
    events,
    flows,
    ge,
    measures,
    news,
    report,
    sensitivity,
    serve,
    simulate,
)
from thaw.cli._common import DbOption, state

app = typer.Typer(
    name="thaw",
    help="thaw: trade measures, trade flows and what they do. Example: "
    "thaw measures rate --importer CHN --exporter CAN --hs 120510 --on 2025-09-01",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _main(
    db: DbOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    state.db = db
    state.debug = debug


# the order here is the order in `thaw --help`
app.command("simulate")(simulate.simulate_cmd)
app.command("ge")(ge.ge_cmd)
app.command("goal")(ge.goal_cmd)
app.command("serve")(serve.serve_cmd)
app.command("report")(report.report_cmd)
app.command("scenarios")(simulate.scenarios_cmd)
app.command("compare")(simulate.compare_cmd)
app.command("sensitivity")(sensitivity.sensitivity_cmd)
app.command("demo")(demo.demo)
app.add_typer(measures.measures_app, name="measures")
app.add_typer(flows.flows_app, name="flows")
app.add_typer(data.data_app, name="data")
app.add_typer(news.news_app, name="news")
app.add_typer(events.events_app, name="events")


def main() -> None:
    """Entry point of the ``thaw`` script."""
    app()


if __name__ == "__main__":
    main()
