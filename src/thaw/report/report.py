"""Self-contained reports of a PE or GE run: summary with bands, charts, flows, diagnostics, every
assumption and every source, in one HTML file (plotly's JavaScript inlined once; nothing is
fetched when it is opened). PDF is printed from that HTML by a headless Chromium, if installed.

The same report is what ``thaw report`` writes and what the workbench's Results page downloads.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thaw._io import jsonable, save_atomic
from thaw.errors import ThawError
from thaw.measures.model import Measure

CSS = """
body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;
color:#222;line-height:1.4}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right}th{background:#f3f5f8}
td.l,th.l{text-align:left}.band{color:#777;font-size:.9em}pre{background:#f6f6f6;padding:.7em;
overflow:auto;font-size:.8em}a{color:#1f5fa8}
"""


def _esc(x: Any) -> str:
    return html.escape(str(x))


def _num(x: Any, digits: int = 1) -> str:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return _esc(x)
    if v != v:
        return ""
    return f"{v:,.{digits}f}"


def _table(rows: list[dict[str, Any]], cols: list[tuple[str, str]], digits: int = 1) -> str:
    head = "".join(
        f"<th class='{'l' if i == 0 else ''}'>{_esc(t)}</th>" for i, (_, t) in enumerate(cols)
    )
    body = []
    for r in rows:
        cells = []
        for i, (key, _) in enumerate(cols):
            v = r.get(key, "")
            text = _num(v, digits) if isinstance(v, int | float) and i else _esc(v)
            band_lo, band_hi = r.get(f"{key}_p05"), r.get(f"{key}_p95")
            if band_lo is not None and band_hi is not None and i:
                band = f"{_num(band_lo, digits)}..{_num(band_hi, digits)}"
                text += f"<br><span class='band'>{band}</span>"
            cells.append(f"<td class='{'l' if i == 0 else ''}'>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _sources(result: Any, register: Sequence[Measure] | None) -> list[dict[str, Any]]:
    """The register measures behind the run's tariffs, with their sources (PE runs that take
    their tariffs from the register)."""
    reg = result.assumptions.get("register")
    if not reg or register is None or not hasattr(result, "flows"):
        return []
    from thaw.measures.stack import stack_rates

    dates = {
        d for d in (reg.get("data_date"), reg.get("baseline"), reg.get("scenario")) if d is not None
    }
    seen: dict[str, dict[str, Any]] = {}
    for f in result.flows.to_dict(orient="records"):
        if f["exporter"] == f["importer"] or "ROW" in (f["exporter"], f["importer"]):
            continue
        for day in dates:
            on = dt.date.fromisoformat(str(day))
            stack = stack_rates(
                register,
                importer=f["importer"],
                exporter=f["exporter"],
                hs=str(f["product"]),
                on=on,
            )
            for c in stack.components:
                seen.setdefault(
                    c.measure_id,
                    {
                        "id": c.measure_id,
                        "title": c.title,
                        "rate": c.rate_text,
                        "legal_instrument": c.legal_instrument or "",
                        "sources": [(s.publisher, s.url, str(s.published)) for s in c.sources],
                    },
                )
    return sorted(seen.values(), key=lambda r: r["id"])


def _record_section(register: Sequence[Measure], on: dt.date) -> list[str]:
    """How fresh the register behind the run is, and what changes in it in the next 60 days."""
    from thaw.measures.upcoming import record_status

    rec = record_status(register, on)
    as_of = "no record carries a verified day" if rec.as_of is None else rec.as_of.isoformat()
    text = (
        f"<p>Register as of {_esc(as_of)} ({rec.verified} of {rec.measures} records verified); "
        f"{len(rec.open_questions)} open question(s); {len(rec.overdue)} review(s) overdue on "
        f"{on.isoformat()}. Changes from {rec.upcoming.start.isoformat()} to "
        f"{rec.upcoming.last.isoformat()}: rates are the total applied rate the day before and "
        "on the change day.</p>"
    )
    rows = [
        {
            "date": c.date.isoformat(),
            "event": c.event,
            "measure": c.measure_id,
            "who": f"{c.importer} on {c.exporter or 'any partner'}",
            "rates": "; ".join(f"{r.hs}: {r.rate_before:g} to {r.rate_after:g}%" for r in c.rates),
            "renewal": "known" if c.renewal_known else "not known",
            "what": c.what,
        }
        for c in rec.upcoming
    ]
    cols = [
        ("date", "change day"),
        ("event", "event"),
        ("measure", "measure"),
        ("who", "importer on exporter"),
        ("rates", "HS: before to after"),
        ("renewal", "renewal"),
        ("what", "what"),
    ]
    body = _table(rows, cols) if rows else "<p>No change in the register in this window.</p>"
    return ["<h2>Record as of / what changes next</h2>", text, body]


def report_html(
    result: Any,
    scenario_toml: str = "",
    register: Sequence[Measure] | None = None,
    *,
    on: dt.date | None = None,
    events: Any = None,
) -> str:
    """The report of a PE (:class:`PEResult`) or GE (:class:`GEResult`) run as one HTML page.

    With ``register`` (the measures behind the run, passed in: the report reads no database) it
    says how fresh the register is on ``on`` (default: today) and what changes next. With
    ``events`` (an :class:`thaw.api.EventList`) it draws the relationship's events, the register's
    milestones and its phases on one time axis."""
    from thaw.report.charts import ge_result_chart, pe_result_chart

    is_ge = not hasattr(result, "flows")
    fig = (
        ge_result_chart(result, None, fmt="html")
        if is_ge
        else pe_result_chart(result, None, fmt="html")
    )
    chart = fig.to_html(include_plotlyjs="inline", full_html=False)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{_esc(result.scenario)}: thaw report</title><style>{CSS}</style></head><body>",
        f"<h1>{_esc(result.scenario)}</h1>",
        f"<p>thaw report, {dt.date.today().isoformat()}. "
        + (
            "General equilibrium (structural gravity)."
            if is_ge
            else f"Model: {_esc(result.assumptions.get('model', result.model))}."
        )
        + (
            f" {result.draws} Monte Carlo draws; bands are the 5th and 95th percentiles."
            if result.draws
            else ""
        )
        + "</p>",
        "<h2>Summary by economy</h2>",
    ]
    econ = [
        {k: jsonable(v) for k, v in r.items()}
        for r in result.to_frame("economies").to_dict(orient="records")
    ]
    if is_ge:
        cols = [
            ("economy", "economy"),
            ("real_gdp_change_pct", "real GDP %"),
            ("welfare_change_pct", "welfare %"),
            ("terms_of_trade_change_pct", "terms of trade %"),
            ("factory_gate_price_change_pct", "factory-gate price %"),
            ("foreign_exports_change_pct", "foreign exports %"),
            ("foreign_imports_change_pct", "foreign imports %"),
            ("imr_change_pct", "IMR %"),
            ("omr_change_pct", "OMR %"),
        ]
        parts.append(_table(econ, cols, digits=3))
    else:
        unit = f"{result.currency} {result.value_unit}"
        cols = [
            ("economy", "economy"),
            ("welfare", f"welfare ({unit})"),
            ("consumer_surplus", "consumer surplus"),
            ("producer_surplus", "producer surplus"),
            ("tariff_revenue", "tariff revenue"),
            ("quota_rent", "quota rent"),
            ("exports_change", "exports"),
            ("imports_change", "imports"),
        ]
        parts.append(_table(econ, cols))
    parts += ["<h2>Charts</h2>", chart]
    if not is_ge:
        flows = [
            {k: jsonable(v) for k, v in r.items()}
            for r in result.to_frame("flows").to_dict(orient="records")
        ]
        parts += [
            "<h2>Flows</h2>",
            _table(
                flows,
                [
                    ("product", "product"),
                    ("exporter", "exporter"),
                    ("importer", "importer"),
                    ("baseline_value", "baseline"),
                    ("scenario_value", "scenario"),
                    ("change_pct", "change %"),
                    ("tariff0", "tariff0 %"),
                    ("tariff1", "tariff1 %"),
                ],
            ),
        ]
        if not result.quotas.empty:
            parts += ["<h2>Quotas</h2>", result.quotas.to_html(index=False)]
    diagnostics = {k: jsonable(v) for k, v in result.diagnostics.items()}
    parts += [
        "<h2>Solver diagnostics</h2>",
        f"<pre>{_esc(json.dumps(diagnostics, indent=2))}</pre>",
        "<h2>Assumptions</h2>",
        f"<pre>{_esc(json.dumps(result.assumptions, indent=2, default=str))}</pre>",
    ]
    sources = _sources(result, register)
    if sources:
        items = []
        for s in sources:
            links = "; ".join(
                f"{_esc(pub)}, {_esc(date)}: <a href='{_esc(url)}'>{_esc(url)}</a>"
                for pub, url, date in s["sources"]
            )
            legal = f" - {_esc(s['legal_instrument'])}" if s["legal_instrument"] else ""
            items.append(
                f"<li><b>{_esc(s['id'])}</b>: {_esc(s['title'])} ({_esc(s['rate'])}){legal}"
                f"<br>{links}</li>"
            )
        parts += ["<h2>Measures and their sources</h2>", "<ol>" + "".join(items) + "</ol>"]
    if register is not None:
        parts += _record_section(register, on or dt.date.today())
    if events is not None and len(events):
        from thaw.report.charts import events_chart

        timeline = events_chart(events, None, fmt="html")
        parts += [
            "<h2>The relationship over time</h2>",
            "<p>Events (sourced; <code>thaw events list</code>), the register's milestones and "
            "the phases of the relationship on one time axis.</p>",
            timeline.to_html(include_plotlyjs=False, full_html=False),
        ]
    if scenario_toml:
        parts += ["<h2>Scenario file</h2>", f"<pre>{_esc(scenario_toml)}</pre>"]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(
    result: Any,
    path: str | Path,
    scenario_toml: str = "",
    register: Sequence[Measure] | None = None,
    *,
    on: dt.date | None = None,
    events: Any = None,
) -> Path:
    """Write the report to ``path`` (``.html``, or ``.pdf`` printed by a headless Chromium)."""
    target = Path(path)
    page = report_html(result, scenario_toml, register, on=on, events=events)
    suffix = target.suffix.lower()
    if suffix == ".html":
        save_atomic(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
        return target
    if suffix != ".pdf":
        raise ThawError(f"report file {path} must end in .html or .pdf")
    browser = next(
        (
            shutil.which(b)
            for b in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(b)
        ),
        None,
    )
    if browser is None:
        raise ThawError(
            "a PDF report needs Chromium to print it (Debian: apt-get install chromium); "
            "an .html report needs nothing"
        )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(page, encoding="utf-8")

        def print_pdf(out: Path) -> None:
            done = subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    f"--print-to-pdf={out}",
                    "--no-pdf-header-footer",
                    src.as_uri(),
                ],
                capture_output=True,
                timeout=120,
                check=False,
            )
            if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
                raise ThawError(f"Chromium could not print the PDF: {done.stderr.decode()[-300:]}")

        save_atomic(target, print_pdf)
    return target
