"""Charts. Presentation only: inputs are result objects, nothing is computed here.

PNG charts use matplotlib (Agg backend, no display needed); HTML charts use plotly with its
JavaScript embedded in the file, so they open offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from thaw._io import save_atomic
from thaw.errors import ThawError


class _Stack(Protocol):
    @property
    def total_ad_valorem(self) -> float: ...
    @property
    def has_quota(self) -> bool: ...
    @property
    def components(self) -> Sequence[Any]: ...


class _Step(Protocol):
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date | None: ...
    @property
    def stack(self) -> _Stack: ...


class RateTimeline(Protocol):
    """What a timeline chart reads (:class:`thaw.measures.timeline.RateTimeline` has it). A
    protocol, so presentation never imports the register."""

    @property
    def importer(self) -> str: ...
    @property
    def exporter(self) -> str: ...
    @property
    def hs(self) -> str: ...
    @property
    def steps(self) -> Sequence[_Step]: ...


def _step_series(tl: RateTimeline) -> tuple[list[Any], list[float]]:
    xs: list[Any] = []  # dates; matplotlib's stubs want arrays
    ys: list[float] = []
    for s in tl.steps:
        xs.append(s.start)
        ys.append(s.stack.total_ad_valorem)
    if tl.steps:
        last = tl.steps[-1]
        xs.append(last.end or max(dt.date.today(), last.start + dt.timedelta(days=90)))
        ys.append(last.stack.total_ad_valorem)
    return xs, ys


def timeline_chart(tl: RateTimeline, path: str | Path | None = None) -> Any:
    """Draw the applied-rate step chart; write PNG or HTML by the suffix of ``path``.

    Returns the matplotlib Figure (PNG or no path) or the plotly Figure (HTML).
    """
    if not tl.steps:
        raise ThawError(
            f"no measures found for {tl.importer} HS {tl.hs} from {tl.exporter}; nothing to draw"
        )
    suffix = Path(path).suffix.lower() if path is not None else ".png"
    if suffix == ".html":
        return _timeline_html(tl, Path(path) if path else None)
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    return _timeline_png(tl, Path(path) if path else None)


def _title(tl: RateTimeline) -> str:
    from thaw.measures.hs import format_code

    return f"Applied duty: {tl.importer} on HS {format_code(tl.hs)} from {tl.exporter}"


def _timeline_png(tl: RateTimeline, path: Path | None) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs, ys = _step_series(tl)
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=120)
    ax.step(xs, ys, where="post", color="#b22222", linewidth=2)
    for s in tl.steps:
        label = f"{s.stack.total_ad_valorem:g}%"
        if s.stack.has_quota:
            label += " in quota"
        ax.annotate(
            label,
            (s.start, s.stack.total_ad_valorem),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=8,
        )
    today = dt.date.today()
    if xs[0] <= today <= xs[-1]:
        ax.axvline(today, color="#777", linestyle="--", linewidth=0.8)  # type: ignore[arg-type]
        ax.annotate("today", (today, 0), textcoords="offset points", xytext=(3, 3), fontsize=7,
                    color="#555")  # fmt: skip
    ax.set_ylabel("total duty, % ad valorem")
    ax.set_title(_title(tl), fontsize=11)
    ax.set_ylim(bottom=0, top=max(ys) * 1.15 + 1)
    ax.grid(alpha=0.3)
    sources = sorted({c.sources[0].publisher for s in tl.steps for c in s.stack.components})
    fig.text(0.01, 0.01, "Sources: " + "; ".join(sources)[:180], fontsize=6, color="#555")
    fig.autofmt_xdate()
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    if path is not None:
        save_atomic(path, fig.savefig)
        plt.close(fig)
    return fig


def _timeline_html(tl: RateTimeline, path: Path | None) -> Any:
    import plotly.graph_objects as go

    xs, ys = _step_series(tl)
    hover = []
    for s in tl.steps:
        parts = [
            f"{c.measure_id}: {c.rate_text} ({c.sources[0].publisher})" for c in s.stack.components
        ]
        hover.append("<br>".join(parts))
    hover.append(hover[-1])
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            line_shape="hv",
            hovertext=hover,
            hoverinfo="text+x+y",
            line={"color": "#b22222"},
        )
    )
    links = [
        f'<a href="{c.source_url}">{c.measure_id}</a>' for s in tl.steps for c in s.stack.components
    ]
    fig.update_layout(
        title=_title(tl), yaxis_title="total duty, % ad valorem", template="plotly_white"
    )
    if path is not None:
        html = fig.to_html(include_plotlyjs=True, full_html=True)
        footer = "<p>Sources: " + " · ".join(dict.fromkeys(links)) + "</p></body>"
        page = html.replace("</body>", footer, 1)
        save_atomic(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return fig


def pe_result_chart(result: Any, path: str | Path | None = None, fmt: str | None = None) -> Any:
    """Welfare by economy (bars, with p05-p95 whiskers when drawn) and the ten largest flow
    changes; PNG (matplotlib) or self-contained HTML (plotly) by the suffix of ``path`` (or
    ``fmt``, 'png' or 'html', when there is no path)."""
    econ = result.to_frame("economies")
    flows = result.flows.loc[result.largest_flows(10)]  # without reordering every flow
    labels = [
        f"{r['product']} {r['exporter']}→{r['importer']}" for r in flows.to_dict(orient="records")
    ]
    unit = f"{result.currency} {result.value_unit}"
    title = f"{result.scenario} ({result.model})"
    suffix = Path(path).suffix.lower() if path is not None else f".{fmt or 'png'}"
    if suffix == ".html":
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        fig = make_subplots(
            rows=1, cols=2, subplot_titles=(f"Welfare change, {unit}", "Largest flow changes, %")
        )
        err = None
        if result.draws:
            err = {
                "type": "data",
                "symmetric": False,
                "array": econ["welfare_p95"] - econ["welfare"],
                "arrayminus": econ["welfare"] - econ["welfare_p05"],
            }
        fig.add_trace(
            go.Bar(x=econ["economy"], y=econ["welfare"], error_y=err, name="welfare"), row=1, col=1
        )
        fig.add_trace(
            go.Bar(x=flows["change_pct"], y=labels, orientation="h", name="flow change"),
            row=1,
            col=2,
        )
        fig.update_layout(title=title, showlegend=False, template="plotly_white")
        if path is not None:
            target = Path(path)
            page = fig.to_html(include_plotlyjs=True, full_html=True)
            save_atomic(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
        return fig
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=120)
    yerr = None
    if result.draws:
        yerr = [econ["welfare"] - econ["welfare_p05"], econ["welfare_p95"] - econ["welfare"]]
    ax1.bar(econ["economy"], econ["welfare"], yerr=yerr, capsize=3, color="#4a7ab5")
    ax1.axhline(0, color="#333", linewidth=0.8)
    ax1.set_title(f"Welfare change, {unit}", fontsize=10)
    ax2.barh(labels[::-1], flows["change_pct"].to_numpy()[::-1], color="#b22222")
    ax2.axvline(0, color="#333", linewidth=0.8)
    ax2.set_title("Largest flow changes, %", fontsize=10)
    ax2.tick_params(axis="y", labelsize=7)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    if path is not None:
        target = Path(path)
        save_atomic(target, fig.savefig)
        plt.close(fig)
    return fig


def _save_figure(fig: Any, path: str | Path | None, html: bool) -> None:
    if path is None:
        return
    target = Path(path)
    if html:
        page = fig.to_html(include_plotlyjs=True, full_html=True)
        save_atomic(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    else:
        save_atomic(target, fig.savefig)


def ge_result_chart(
    result: Any, path: str | Path | None = None, top: int = 15, fmt: str | None = None
) -> Any:
    """Real GDP change by economy (the ``top`` largest movements, p05-p95 whiskers when drawn);
    PNG or self-contained HTML by the suffix of ``path``."""
    econ = result.to_frame("economies")
    econ = econ.reindex(econ["real_gdp_change_pct"].abs().sort_values(ascending=False).index)
    econ = econ.head(top).iloc[::-1]
    value = econ["real_gdp_change_pct"].to_numpy()
    lo = hi = None
    if result.draws:
        lo = value - econ["real_gdp_change_pct_p05"].to_numpy()
        hi = econ["real_gdp_change_pct_p95"].to_numpy() - value
    title = f"{result.scenario}: real GDP change, % (full GE)"
    suffix = Path(path).suffix.lower() if path is not None else f".{fmt or 'png'}"
    if suffix == ".html":
        import plotly.graph_objects as go

        err = None if lo is None else {"type": "data", "array": hi, "arrayminus": lo}
        fig = go.Figure(
            go.Bar(x=value, y=econ["economy"], orientation="h", error_x=err, name="real GDP")
        )
        fig.update_layout(title=title, template="plotly_white")
        _save_figure(fig, path, html=True)
        return fig
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.3 * len(econ) + 1.2), dpi=120)
    xerr = None if lo is None else [lo, hi]
    ax.barh(econ["economy"], value, xerr=xerr, capsize=3, color="#4a7ab5")
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    _save_figure(fig, path, html=False)
    plt.close(fig)
    return fig


def goal_chart(track: Any, path: str | Path | None = None) -> Any:
    """Observed non-US exports, the goal path, the trend and the trend with a scenario (nominal
    C$ billion); PNG or self-contained HTML by the suffix of ``path``."""
    obs = track.observed
    p = track.path
    title = (
        f"Canada's non-US exports vs the goal ({track.goal_growth_pct:.2f}%/yr to "
        f"{track.target_year}), nominal C$"
    )
    trend_kind = "fitted trend" if getattr(track, "trend_name", "") == "fit" else "trend"
    lines = [
        ("observed", obs["year"], obs["value"]),
        (f"goal path ({getattr(track, 'path_name', 'goal')})", p["year"], p["goal"]),
        (
            f"{trend_kind} {track.trend_years[0]}-{track.trend_years[1]} "
            f"({track.trend_growth_pct:.2f}%/yr)",
            p["year"],
            p["trend"],
        ),
    ]
    if track.scenario:
        lines.append((f"trend + {track.scenario}", p["year"], p["trend_with_scenario"]))
    suffix = Path(path).suffix.lower() if path is not None else ".png"
    if suffix == ".html":
        import plotly.graph_objects as go

        fig = go.Figure()
        for name, x, y in lines:
            fig.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines+markers"))
        fig.update_layout(title=title, yaxis_title="C$ billion, nominal", template="plotly_white")
        _save_figure(fig, path, html=True)
        return fig
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=120)
    styles = ["o-", "--", ":", "-."]
    for (name, x, y), style in zip(lines, styles, strict=False):
        ax.plot(x, y, style, label=name)
    ax.set_ylabel("C$ billion, nominal")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    _save_figure(fig, path, html=False)
    plt.close(fig)
    return fig


def news_timeline_chart(frame: Any, path: str | Path) -> Any:
    """Events and measures from the news on a time axis, one row per kind; PNG or HTML."""
    import pandas as pd

    f = frame.assign(date=pd.to_datetime(frame["date"]))
    suffix = Path(path).suffix.lower()
    if suffix == ".html":
        import plotly.express as px

        fig = px.scatter(
            f,
            x="date",
            y="kind",
            color="kind",
            hover_data=["what", "outlet", "sentence"],
            title="News evidence over time",
        )
        _save_figure(fig, path, html=True)
        return fig
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3), dpi=120)
    for i, (kind, part) in enumerate(f.groupby("kind")):
        ax.scatter(part["date"], [i] * len(part), label=kind, s=18)
    ax.set_yticks(range(f["kind"].nunique()), sorted(f["kind"].unique()))
    ax.set_title("News evidence over time", fontsize=10)
    fig.tight_layout()
    _save_figure(fig, path, html=False)
    plt.close(fig)
    return fig


PHASE_COLOURS = {
    "freeze": "#9ecae1",
    "low point": "#fc9272",
    "thaw": "#fdd49e",
    "turning point": "#a1d99b",
}


def _event_rows(listing: Any) -> tuple[list[str], dt.date, dt.date]:
    """Row labels (one per event type; register milestones last) and the axis's first and last
    day, covering every event and the phases shown."""
    evs = list(listing.events)
    types = sorted({e.type for e in evs if e.type != "trade_measure"})
    if any(e.type == "trade_measure" for e in evs):
        types.append("trade_measure")
    days = [e.date for e in evs] + [e.last_day for e in evs]
    days += [p.start for p in listing.phases] + [p.end for p in listing.phases if p.end]
    return types, min(days), max(days)


def _phase_bands(listing: Any, last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    return [(p.name, p.start, p.end or last) for p in listing.phases]


def events_chart(listing: Any, path: str | Path | None = None, fmt: str | None = None) -> Any:
    """Events and register milestones on one time axis, one row per event type, with the
    phases of the relationship as shaded bands; PNG or self-contained HTML by the suffix of
    ``path``. Day-precise events are filled markers; month/year ones hollow, with a line over
    the span they may fall in (and multi-day events a line to their end)."""
    if not listing.events:
        raise ThawError("no events in the chosen period and types; nothing to draw")
    rows, first, last = _event_rows(listing)
    title = "Canada–China: events, register milestones and phases"
    suffix = Path(path).suffix.lower() if path is not None else f".{fmt or 'png'}"
    if suffix == ".html":
        return _events_html(listing, rows, last, title, Path(path) if path else None)
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 0.42 * len(rows) + 2.2), dpi=120)
    for i, (name, a, b) in enumerate(_phase_bands(listing, last)):
        ax.axvspan(a, b, color=PHASE_COLOURS.get(name, "#ddd"), alpha=0.45, lw=0)  # type: ignore[arg-type]
        ax.annotate(name, (a, -0.75 + 0.35 * (i % 2)), fontsize=7, color="#333", xytext=(2, 0),
                    textcoords="offset points")  # fmt: skip
    for e in listing.events:
        y = rows.index(e.type)
        if e.last_day != e.date:
            ax.plot([e.date, e.last_day], [y, y], color="#555", linewidth=1.2)
        exact = e.precision == "day"
        ax.scatter([e.date], [y], s=22, zorder=3, edgecolors="#222",
                   facecolors="#222" if exact else "none")  # fmt: skip
    ax.set_yticks(range(len(rows)), [r.replace("_", " ") for r in rows])
    ax.set_ylim(len(rows) - 0.4, -1.0)  # first row at the top, phase names above it
    ax.set_xlim(first - dt.timedelta(days=30), last + dt.timedelta(days=30))  # type: ignore[arg-type]
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    n = len({s.url for e in listing.events for s in e.sources})
    fig.text(0.01, 0.01, f"{len(listing.events)} events, {n} sources (thaw events list --json); "
             "hollow markers: month or year precision", fontsize=6, color="#555")  # fmt: skip
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    if path is not None:
        save_atomic(Path(path), fig.savefig)
        plt.close(fig)
    return fig


def _event_hover(e: Any) -> str:
    import html

    text = f"{html.escape(e.title)}<br>{e.date_text()} ({e.precision}, {e.status})"
    text += f"<br>{html.escape(e.sources[0].publisher)}"
    return text + (f"<br>register: {e.measure_id}" if e.measure_id else "")


def _events_html(
    listing: Any, rows: list[str], last: dt.date, title: str, path: Path | None
) -> Any:
    import html as _html

    import plotly.graph_objects as go

    fig = go.Figure()
    for name, a, b in _phase_bands(listing, last):
        fig.add_vrect(
            x0=a, x1=b, fillcolor=PHASE_COLOURS.get(name, "#ddd"), opacity=0.45, line_width=0,
            annotation_text=name, annotation_position="top left",
        )  # fmt: skip
    for exact in (True, False):
        chosen = [e for e in listing.events if (e.precision == "day") is exact]
        if not chosen:
            continue
        fig.add_trace(
            go.Scatter(
                x=[e.date for e in chosen],
                y=[e.type.replace("_", " ") for e in chosen],
                mode="markers",
                name="exact day" if exact else "month or year only",
                marker={
                    "size": 9,
                    "color": "#222" if exact else "rgba(0,0,0,0)",
                    "line": {"color": "#222", "width": 1.5},
                },
                hovertext=[_event_hover(e) for e in chosen],
                hoverinfo="text",
            )
        )
    for e in listing.events:
        if e.last_day != e.date:
            y = e.type.replace("_", " ")
            fig.add_trace(
                go.Scatter(
                    x=[e.date, e.last_day], y=[y, y], mode="lines", showlegend=False,
                    line={"color": "#555", "width": 1.5}, hoverinfo="skip",
                )
            )  # fmt: skip
    fig.update_layout(
        title=title,
        template="plotly_white",
        yaxis={"categoryorder": "array", "categoryarray": [r.replace("_", " ") for r in rows]},
    )
    if path is not None:
        page = fig.to_html(include_plotlyjs=True, full_html=True)
        links = [
            f"<li>{p.name} ({p.start} to {p.end or '…'}): "
            + ", ".join(
                f'<a href="{_html.escape(s.url)}">{_html.escape(s.publisher)}</a>'
                for s in p.sources
            )
            + "</li>"
            for p in listing.phases
        ]
        footer = "<h3>Phases and their sources</h3><ul>" + "".join(links) + "</ul></body>"
        page = page.replace("</body>", footer, 1)
        save_atomic(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return fig


def tornado_chart(
    sensitivity: Any,
    path: str | Path | None = None,
    result: str = "welfare",
    economies: Sequence[str] | None = None,
    top: int = 12,
    fmt: str | None = None,
) -> Any:
    """Tornado chart of a :class:`~thaw.scenarios.pe.sensitivity.SensitivityResult`: for each
    economy (default: the two biggest losers) one panel, a bar per elasticity group from its
    ``result`` at the low to the high end of the range around the point value, the ``top``
    largest swings first; groups without a sourced range are marked "(no range)". PNG
    (matplotlib) or self-contained HTML (plotly) by the suffix of ``path`` (or ``fmt``)."""
    econs = list(economies) if economies else list(sensitivity.losers()[:2])
    if not econs:
        raise ThawError("no economy to chart: name economies (no economy loses at the point)")
    sw = sensitivity.swings(result)
    ranged = {p.name: p.ranged for p in sensitivity.parameters}
    panels = []
    for e in econs:
        rows = sw[sw["economy"] == e].head(top).iloc[::-1]
        labels = [f"{n}{'' if ranged.get(n, True) else ' (no range)'}" for n in rows["parameter"]]
        point = float(sensitivity.point(result).get(e, float("nan")))
        panels.append((e, rows, labels, point))
    unit = f"{sensitivity.currency} {sensitivity.value_unit}"
    title = f"{sensitivity.scenario} ({sensitivity.model}): {result} at each range's low and high"
    suffix = Path(path).suffix.lower() if path is not None else f".{fmt or 'png'}"
    if suffix == ".html":
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        fig = make_subplots(
            rows=1, cols=len(panels), subplot_titles=[f"{e}, {unit}" for e, *_ in panels]
        )
        for k, (_e, rows, labels, point) in enumerate(panels, start=1):
            for level, color in (("low", "#4a7ab5"), ("high", "#b22222")):
                fig.add_trace(
                    go.Bar(
                        y=labels,
                        x=rows[level] - point,
                        base=point,
                        orientation="h",
                        name=f"at {level}",
                        marker_color=color,
                        showlegend=k == 1,
                    ),
                    row=1,
                    col=k,
                )
            fig.add_vline(x=point, line_width=1, line_color="#333", row=1, col=k)
        fig.update_layout(title=title, barmode="overlay", template="plotly_white")
        _save_figure(fig, path, html=True)
        return fig
    if suffix != ".png":
        raise ThawError(f"chart file {path} must end in .png or .html")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(panels), figsize=(6.5 * len(panels), 5), dpi=120, squeeze=False)
    for ax, (e, rows, labels, point) in zip(axes[0], panels, strict=True):
        y = range(len(labels))
        ax.barh(y, rows["low"] - point, left=point, color="#4a7ab5", label="at low")
        ax.barh(y, rows["high"] - point, left=point, color="#b22222", alpha=0.8, label="at high")
        ax.axvline(point, color="#333", linewidth=0.8)
        ax.set_yticks(list(y), labels, fontsize=6)
        ax.set_title(f"{e}, {unit}", fontsize=10)
        ax.legend(fontsize=7)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    if path is not None:
        save_atomic(Path(path), fig.savefig)
        plt.close(fig)
    return fig
