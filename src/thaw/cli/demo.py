"""``thaw demo``: the dispute on the bundled data in one screen."""

from __future__ import annotations

from thaw.cli._common import (
    errors,
    out,
    state,
)
from thaw.cli._render import render_timeline


def demo() -> None:
    """The dispute in three timelines (canola seed and meal into China, EVs into Canada), the
    canola trade they hit, what the measures and the 2026 arrangement do (PE), and the export
    goal. Example: thaw demo"""
    from thaw.api import flows, rate_timeline, simulate, track_goal, upcoming

    with errors():
        for imp, exp, hs in (
            ("CHN", "CAN", "120510"),
            ("CAN", "CHN", "870380"),
            ("CHN", "CAN", "230641"),
        ):
            render_timeline(rate_timeline(imp, exp, hs, db=state.db))
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
    with errors():
        results = [
            simulate(name, draws=0, db=state.db)
            for name in ("dispute-2025", "arrangement-2026", "snapback-2027")
        ]
        goal = track_goal().summary()
        changes = upcoming(days=60, db=state.db)
    out.print(
        f"[bold]What changes next ({changes.start} to {changes.last}; thaw measures upcoming):[/]"
    )
    moves = [c for c in changes if c.event != "review_due"]
    for c in moves:
        shifts = sorted({f"{r.rate_before:g}% -> {r.rate_after:g}%" for r in c.rates})
        out.print(
            f"  {c.date} {c.measure_id} ({c.event}; {c.importer} on {c.exporter or 'all'}): "
            f"{', '.join(shifts) or 'no rate change'}"
            + ("" if c.renewal_known else "; renewal not known"),
            overflow="ignore",
            crop=False,
            soft_wrap=True,
        )
    if not moves:
        out.print("  no measure starts or ends in the next 60 days")
    reviews = len(changes) - len(moves)
    if reviews:
        out.print(f"  and {reviews} open question(s) due for review; see thaw data status")
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
