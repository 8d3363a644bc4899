"""The Python API: plain functions over the default store (or one you name).

Each function takes ``db=`` (a path) or ``store=`` (an open :class:`~thaw.data.store.Store`);
with neither, it opens the default database (``$THAW_DB`` or the user data directory), creating
it from the bundled data on first use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thaw.data.database import open_store
from thaw.data.store import Store, rows_as_dicts
from thaw.economies import normalize_economy
from thaw.errors import NotFoundError, ThawError
from thaw.events.model import Event, Phase, phase_of
from thaw.measures.hs import Coverage, normalize_code, scope_coverage
from thaw.measures.io import load_measures_file, measures_from_records
from thaw.measures.model import Measure
from thaw.measures.stack import RateStack, stack_rates
from thaw.measures.timeline import RateTimeline, build_timeline
from thaw.measures.upcoming import RecordStatus, UpcomingChanges, record_status, upcoming_changes


@contextlib.contextmanager
def _using(store: Store | None, db: str | Path | None, read_only: bool = False) -> Iterator[Store]:
    if store is not None:
        yield store
        return
    s = open_store(db, read_only=read_only)
    try:
        yield s
    finally:
        s.close()


def _date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ThawError(f"date {value!r} is not YYYY-MM-DD") from None


def applied_rate(
    importer: str,
    exporter: str,
    hs: str,
    date: dt.date | str | None = None,
    *,
    unit_value: float | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> RateStack:
    """Duties on ``hs`` from ``exporter`` into ``importer`` on ``date`` (default: today).

    Returns the :class:`~thaw.measures.stack.RateStack`: the base rate plus every additional
    duty in force, each with its sources, and the total ad valorem (percent).
    """
    imp, exp = (
        normalize_economy(importer, allow_aggregates=False),
        normalize_economy(exporter, allow_aggregates=False),
    )
    code = normalize_code(hs)
    with _using(store, db) as s:
        return stack_rates(
            s.measures(), importer=imp, exporter=exp, hs=code, on=_date(date), unit_value=unit_value
        )


def upcoming(
    start: dt.date | str | None = None,
    days: int = 60,
    *,
    importer: str | None = None,
    exporter: str | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> UpcomingChanges:
    """What changes next: every start, end, expiry, scheduled rate change and review date in the
    ``days`` from ``start`` (default: today), each with the total applied rate (the stack of
    :func:`applied_rate`) the day before and on the change day, per product and exporter. See
    :mod:`thaw.measures.upcoming`."""
    imp = None if importer is None else normalize_economy(importer, allow_aggregates=False)
    exp = None if exporter is None else normalize_economy(exporter, allow_aggregates=False)
    with _using(store, db) as s:
        return upcoming_changes(s.measures(), _date(start), days, importer=imp, exporter=exp)


def record_freshness(
    on: dt.date | str | None = None,
    days: int = 60,
    *,
    db: str | Path | None = None,
    store: Store | None = None,
) -> RecordStatus:
    """How fresh the register is on ``on`` (default: today): its "as of" day (the latest
    ``verified``), open questions, reviews overdue, and the changes in the next ``days``."""
    with _using(store, db) as s:
        return record_status(s.measures(), _date(on), days)


def rate_timeline(
    importer: str,
    exporter: str,
    hs: str,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> RateTimeline:
    """The applied rate over time (see :func:`thaw.measures.timeline.build_timeline`)."""
    imp, exp = (
        normalize_economy(importer, allow_aggregates=False),
        normalize_economy(exporter, allow_aggregates=False),
    )
    with _using(store, db) as s:
        return build_timeline(
            s.measures(),
            importer=imp,
            exporter=exp,
            hs=normalize_code(hs),
            start=None if start is None else _date(start),
            end=None if end is None else _date(end),
        )


@dataclass(frozen=True, slots=True)
class MeasureList:
    """Measures matching a query, in register order."""

    measures: tuple[Measure, ...]

    def __len__(self) -> int:
        return len(self.measures)

    def __iter__(self) -> Iterator[Measure]:
        return iter(self.measures)

    def to_frame(self) -> Any:
        """One row per measure: id, kind, economies, rate, dates, status, first source."""
        import pandas as pd

        return pd.DataFrame(
            [_measure_row(m) for m in self.measures],
            columns=[
                "id",
                "imposing",
                "targets",
                "kind",
                "rate",
                "products",
                "announced",
                "effective",
                "end",
                "status",
                "source_url",
            ],
        )

    def to_dicts(self) -> list[dict[str, Any]]:
        return [m.model_dump(mode="json") for m in self.measures]


def _measure_row(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id,
        "imposing": m.imposing,
        "targets": str(m.targets),
        "kind": m.kind,
        "rate": m.rate_text(),
        "products": ", ".join(m.products.hs) if m.products.hs else m.products.description,
        "announced": m.announced,
        "effective": m.effective,
        "end": m.end,
        "status": m.status,
        "source_url": m.sources[0].url,
    }


def measures(
    *,
    importer: str | None = None,
    exporter: str | None = None,
    hs: str | None = None,
    on: dt.date | str | None = None,
    kind: str | Sequence[str] | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> MeasureList:
    """Register entries filtered by imposing economy, targeted exporter, HS code (any overlap),
    date in force and kind."""
    imp = None if importer is None else normalize_economy(importer, allow_aggregates=False)
    exp = None if exporter is None else normalize_economy(exporter, allow_aggregates=False)
    code = None if hs is None else normalize_code(hs)
    day = None if on is None else _date(on)
    kinds = {kind} if isinstance(kind, str) else set(kind) if kind else None
    if kinds:
        from thaw._typing import MEASURE_KINDS

        unknown = sorted(kinds - set(MEASURE_KINDS))
        if unknown:
            raise ThawError(
                f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(MEASURE_KINDS)}"
            )
    with _using(store, db) as s:
        out = []
        for m in s.measures():
            if imp and m.imposing != imp:
                continue
            if exp and not m.targets.covers(exp):
                continue
            if kinds and m.kind not in kinds:
                continue
            if day and not m.in_force(day):
                continue
            if code and (
                m.products.unresolved
                or scope_coverage(code, m.products.include_patterns, m.products.exclude_patterns)
                is Coverage.NONE
            ):
                continue
            out.append(m)
        return MeasureList(tuple(out))


def measure(
    measure_id: str, *, db: str | Path | None = None, store: Store | None = None
) -> Measure:
    """One register entry by id."""
    with _using(store, db) as s:
        return s.measure(measure_id)


def add_measures(
    path: str | Path, *, db: str | Path | None = None, store: Store | None = None
) -> list[Measure]:
    """Validate a measure file and insert every record, or none.

    ``.toml`` files hold ``[[measure]]`` tables; ``.parquet``/``.csv`` files are register exports
    (``thaw data export measures FILE``) whose ``record`` column holds each measure.
    """
    p = Path(path)
    if p.suffix.lower() in {".parquet", ".pq", ".csv"}:
        with _using(store, db) as s:
            frame = s.read_table_file(p)
        if "record" not in frame.columns:
            raise ThawError(f"{p}: no 'record' column; export one with `thaw data export measures`")
        if "origin" in frame.columns:  # bundled rows ship with thaw itself
            frame = frame[frame["origin"] != "bundled"]
        ms = measures_from_records(frame["record"].tolist(), file=str(p))
        if not ms:
            raise ThawError(f"{p}: no user measures in this export (bundled ones are skipped)")
    else:
        ms = load_measures_file(p)
    with _using(store, db) as s:
        s.add_measures(ms, origin=str(path))
    return ms


@dataclass(frozen=True, slots=True)
class FlowTable:
    """Trade flows matching a query; every row carries its source."""

    frame: Any

    def __len__(self) -> int:
        return len(self.frame)

    def to_frame(self) -> Any:
        return self.frame.copy()

    def to_dicts(self) -> list[dict[str, Any]]:
        return rows_as_dicts(self.frame)


def flows(
    *,
    reporter: str | None = None,
    partner: str | None = None,
    hs: str | None = None,
    year: int | None = None,
    flow: str | None = None,
    dataset: str | None = None,
    preferred_only: bool = False,
    limit: int | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> FlowTable:
    """Trade flows filtered by reporter, partner, HS code (prefix, either way), year, direction
    (export/import) and dataset (bundled, baci, comtrade)."""
    rep = None if reporter is None else normalize_economy(reporter)
    par = None if partner is None else normalize_economy(partner)
    code = None
    if hs is not None:
        code = "TOTAL" if hs.upper() == "TOTAL" else normalize_code(hs)
    if flow is not None and flow not in ("export", "import"):
        raise ThawError(f"flow must be export or import, got {flow!r}")
    with _using(store, db) as s:
        return FlowTable(
            s.query_flows(
                reporter=rep,
                partner=par,
                hs=code,
                year=year,
                flow=flow,
                dataset=dataset,
                preferred_only=preferred_only,
                limit=limit,
            )
        )


@dataclass(frozen=True, slots=True)
class EventList:
    """Dated events in date order (the bundled table, a user file's, register milestones) and
    the phases of the relationship that the queried period touches."""

    events: tuple[Event, ...]
    phases: tuple[Phase, ...]

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def phase(self, event: Event) -> str | None:
        """The name of the phase the event falls in: that of its first day when the day is
        known, else the phase holding its whole month or year (none if that spans two)."""
        p = phase_of(event.date, self.phases)
        if p is None or (event.precision != "day" and not p.contains(event.last_day)):
            return None
        return p.name

    def to_dicts(self) -> list[dict[str, Any]]:
        out = []
        for e in self.events:
            d = e.model_dump(mode="json")
            d["date_text"] = e.date_text()
            d["phase"] = self.phase(e)
            out.append(d)
        return out

    def to_frame(self) -> Any:
        """One row per event: dates, precision, type, title, phase, first source."""
        import pandas as pd

        rows = [
            {
                "id": e.id,
                "date": e.date,
                "end": e.end,
                "precision": e.precision,
                "type": e.type,
                "title": e.title,
                "participants": ", ".join(e.participants),
                "place": e.place,
                "status": e.status,
                "confidence": e.confidence,
                "phase": self.phase(e),
                "measure_id": e.measure_id,
                "source_url": e.sources[0].url,
            }
            for e in self.events
        ]
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else ["id", "date", "type"])

    def summary(self) -> dict[str, Any]:
        by_type: dict[str, int] = {}
        by_phase: dict[str, int] = {}
        for e in self.events:
            by_type[e.type] = by_type.get(e.type, 0) + 1
            name = self.phase(e) or "(none)"
            by_phase[name] = by_phase.get(name, 0) + 1
        return {
            "events": len(self.events),
            "first": None if not self.events else self.events[0].date.isoformat(),
            "last": None if not self.events else max(e.last_day for e in self.events).isoformat(),
            "from_register": sum(e.measure_id is not None for e in self.events),
            "by_type": dict(sorted(by_type.items())),
            "by_phase": by_phase,
            "phases": [
                {"name": p.name, "start": p.start.isoformat(), "end": p.end and p.end.isoformat()}
                for p in self.phases
            ],
            "not_confirmed": [e.id for e in self.events if e.status == "not_confirmed"],
        }

    def plot(self, path: str | Path | None = None) -> Any:
        """Events and register milestones on one time axis, phases shaded; .png or .html."""
        from thaw.report.charts import events_chart

        return events_chart(self, path)


def events(
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    type: str | Sequence[str] | None = None,
    include_measures: bool = True,
    *,
    file: str | Path | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> EventList:
    """Dated, sourced events of the Canada–China relationship that can fall within
    ``start``..``end``, of the given type(s): the bundled table (``docs/events.md``), a user
    events ``file``, and (``include_measures``) the register's milestones (announced, in force,
    last day) from the store."""
    from thaw.data.events import load_bundled_events, load_bundled_phases, load_events_file
    from thaw.events.derive import measure_events
    from thaw.events.model import EVENT_TYPES

    first = None if start is None else _date(start)
    last = None if end is None else _date(end)
    if first and last and last < first:
        raise ThawError(f"end {last} is before start {first}")
    types = {type} if isinstance(type, str) else set(type) if type else None
    if types:
        unknown = sorted(types - set(EVENT_TYPES))
        if unknown:
            raise ThawError(
                f"unknown event type(s) {', '.join(unknown)}; choose from {', '.join(EVENT_TYPES)}"
            )
    found = load_bundled_events()
    milestones: list[Event] = []
    if include_measures:
        with _using(store, db) as s:
            milestones = measure_events(s.measures(), as_of=dt.date.today())
    if file is not None:
        extra, user_phases = load_events_file(file, known=[*found, *milestones])
        if user_phases:
            raise ThawError(f"{file}: phases come from the bundled table; remove the [[phase]]s")
        found = [*found, *extra]
    chosen = sorted(
        (
            e
            for e in [*found, *milestones]
            if e.overlaps(first, last) and (types is None or e.type in types)
        ),
        key=lambda e: (e.date, e.id),
    )
    spans = tuple(
        p
        for p in load_bundled_phases()
        if (last is None or p.start <= last) and (first is None or p.end is None or p.end >= first)
    )
    return EventList(tuple(chosen), spans)


def phases() -> tuple[Phase, ...]:
    """The phases of the relationship (freeze, low point, thaw, turning point), in order, each
    opened by a sourced event and carrying its own sources."""
    from thaw.data.events import load_bundled_phases

    return tuple(load_bundled_phases())


def simulate(
    scenario: str | Path,
    *,
    model: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
    scheduler: Any = None,
    progress: Any = None,
    db: str | Path | None = None,
    store: Store | None = None,
    register: Sequence[Measure] | None = None,
) -> Any:
    """Run a scenario file; returns an immutable :class:`~thaw.scenarios.results.PEResult`.

    ``model`` and ``draws``/``seed`` override the file; ``scheduler`` is a Dask scheduler
    address (or Client) for the Monte Carlo draws (default: local threads). ``db``/``store``
    give the register for scenarios that take their tariffs from it (or ``register``, the
    measures themselves, e.g. a snapshot held by a server).
    """
    from thaw.scenarios.pe.load import load_scenario
    from thaw.scenarios.pe.run import run_pe

    spec, folder = load_scenario(scenario)
    chosen = model or spec.scenario.model
    dataset = _pe_dataset(spec, folder, chosen, register, store, db)
    mc = spec.monte_carlo
    return run_pe(
        dataset,
        model=chosen,
        scenario=spec.scenario.name,
        tol=spec.solver.tol,
        max_iter=spec.solver.max_iter,
        draws=mc.draws if draws is None else draws,
        seed=mc.seed if seed is None else seed,
        cv=mc.cv,
        scheduler=scheduler,
        progress=progress,
        assumptions={
            "scenario_file": str(scenario),
            "description": spec.scenario.description,
            "quotas": [q.model_dump() for q in spec.quota],
            "register": None
            if spec.from_register is None
            else spec.from_register.model_dump(mode="json"),
        },
    )


def _pe_dataset(
    spec: Any,
    folder: Path,
    model: str,
    register: Sequence[Measure] | None,
    store: Store | None,
    db: str | Path | None,
) -> Any:
    """The PE dataset of a loaded scenario: its tariffs from ``register`` when given, else from
    the store when the scenario takes them from the register, else from its own files."""
    from thaw.scenarios.pe.load import build_dataset

    if spec.from_register is None:
        return build_dataset(spec, folder, model=model)
    if register is not None:
        return build_dataset(spec, folder, list(register), model=model)
    with _using(store, db) as s:
        return build_dataset(spec, folder, s.measures(), model=model)


def sensitivity(
    scenario: str | Path,
    parameters: Sequence[str] | None = None,
    results: Sequence[str] = ("welfare",),
    points: int = 3,
    db: str | Path | None = None,
    *,
    model: str | None = None,
    store: Store | None = None,
    register: Sequence[Measure] | None = None,
) -> Any:
    """One-at-a-time elasticity sensitivity of a PE scenario: a
    :class:`~thaw.scenarios.pe.sensitivity.SensitivityResult` with each economy's welfare (and
    the other ``results``, economy metrics) with each elasticity group at the low, point and
    high of its range, every other elasticity at its point; ``.ranking_flips`` lists the ranges
    that reorder the losers. ``parameters``: selectors ``"parameter[:product[:economy]]"``
    moving their cells together (default: one group per elasticity number the scenario uses).
    Elasticities without a sourced range move over documented defaults (the result's
    ``assumptions``). ``points`` is 3 (low, point, high), the only design so far."""
    from thaw.scenarios.pe.load import load_scenario
    from thaw.scenarios.pe.sensitivity import run_sensitivity

    if points != 3:
        raise ThawError("points must be 3 (low, point, high)")
    spec, folder = load_scenario(scenario)
    chosen = model or spec.scenario.model
    dataset = _pe_dataset(spec, folder, chosen, register, store, db)
    return run_sensitivity(
        dataset,
        model=chosen,
        scenario=spec.scenario.name,
        parameters=parameters,
        results=results,
        tol=spec.solver.tol,
        max_iter=spec.solver.max_iter,
        assumptions={"scenario_file": str(scenario), "description": spec.scenario.description},
    )


def simulate_ge(
    scenario: str | Path,
    *,
    data: str | Path | None = None,
    draws: int | None = None,
    seed: int | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
    register: Sequence[Measure] | None = None,
) -> Any:
    """Run a general-equilibrium (structural gravity) scenario file, or a bundled one by name;
    returns an immutable :class:`~thaw.scenarios.ge_results.GEResult`. ``data`` names the
    gravity data file (overriding the scenario's); ``draws``/``seed`` override its Monte Carlo;
    ``db``/``store`` give the register for scenarios with a ``[register]`` section.
    """
    from thaw.scenarios.ge.load import load_ge_scenario, read_gravity_data, register_tariffs
    from thaw.scenarios.ge.run import run_ge

    spec, folder = load_ge_scenario(scenario)
    frame = read_gravity_data(spec, folder, data)
    extra: list[Any] = []
    info: dict[str, Any] = {
        "scenario_file": str(scenario),
        "description": spec.scenario.description,
    }
    if spec.from_register is not None:
        if register is not None:
            extra, weights = register_tariffs(
                spec.from_register, folder, list(register), sigma=spec.model.sigma
            )
        else:
            with _using(store, db) as s:
                extra, weights = register_tariffs(
                    spec.from_register, folder, list(s.measures()), sigma=spec.model.sigma
                )
        info["register_tariffs"] = weights.to_dict(orient="records")
        info["register_totals_source"] = spec.from_register.totals_source
    return run_ge(spec, frame, draws=draws, seed=seed, assumptions=info, extra_tariffs=extra)


def track_goal(
    *,
    ge: str | Path | None = None,
    data: str | Path | None = None,
    base_year: int = 2024,
    target_year: int = 2035,
    path: str = "doubling",
    trend: str = "fit",
    trend_from: int = 2014,
    trend_to: int | None = None,
) -> Any:
    """Canada's non-US exports (nominal C$ billion) against the path that doubles them by
    ``target_year``; with ``ge`` (a GE scenario, and ``data`` its gravity file), what that
    scenario would add. ``path``: ``"doubling"`` (base year to target year, the default) or
    ``"decade"`` (held to ``target_year - 10``, then doubling over the decade); ``trend``:
    ``"fit"`` (log-linear OLS over ``trend_from``-``trend_to``, default to the base year) or
    ``"endpoint"`` (growth between the window's end values). Returns a
    :class:`~thaw.scenarios.goal.GoalTrack`."""
    from thaw.scenarios.goal.track import non_us_export_effect
    from thaw.scenarios.goal.track import track_goal as _track

    effect = name = None
    if ge is not None:
        result = simulate_ge(ge, data=data, draws=0)
        effect, name = non_us_export_effect(result), result.scenario
    return _track(
        base_year=base_year,
        target_year=target_year,
        path=path,
        trend=trend,
        trend_from=trend_from,
        trend_to=trend_to,
        scenario=name,
        scenario_effect_pct=effect,
    )


def news_ingest(
    paths: Sequence[str | Path],
    *,
    manifest: str | Path | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> dict[str, Any]:
    """Read articles, extract their evidence, match measures to the register and store it all:
    each article once (by content hash), all of it or none of it."""
    from thaw.data.events import load_bundled_events
    from thaw.news.ingest import item_rows, read_articles, redate

    dated = load_bundled_events()
    articles = read_articles(paths, manifest, events=dated)
    with _using(store, db) as s:
        register = list(s.measures())
        articles = [redate(a, register, dated) for a in articles]
        prepared = [(a, item_rows(a, register, dated)) for a in articles]
        stored = [s.add_article(a.record(), rows) for a, rows in prepared]
    kinds: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    for (_, rows), new in zip(prepared, stored, strict=True):
        if not new:
            continue
        for r in rows:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
            if r["verdict"]:
                verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
    bases: dict[str, int] = {}
    for a in articles:
        bases[a.published_basis] = bases.get(a.published_basis, 0) + 1
    return {
        "read": len(articles),
        "new": sum(stored),
        "already_stored": len(articles) - sum(stored),
        "items": kinds,
        "verdicts": verdicts,
        "published_basis": bases,
        "warnings": [w for a in articles if (w := a.warning)],
    }


def news_items(
    kind: str | None = None, *, db: str | Path | None = None, store: Store | None = None
) -> Any:
    """Stored evidence items (with their article's date, outlet and URL) as a frame."""
    if kind is not None and kind not in ("measure", "event", "quote", "figure"):
        raise ThawError(f"kind must be measure, event, quote or figure; got {kind!r}")
    with _using(store, db) as s:
        return s.news_items(kind)


def news_extract(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
) -> dict[str, Any]:
    """Extract evidence from a large corpus of JSON-lines files (``text`` and ``published`` per
    line, optional ``url``) into ``out/part-*.parquet`` without the store: on this process
    (``workers=1``), on a local Dask cluster of ``workers`` processes, or on the Dask cluster at
    ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``). All of it or nothing."""
    import time

    from thaw.news.ingest import extract_corpus_to_parquet

    if workers < 1:
        raise ThawError("workers must be at least 1")
    start = time.perf_counter()
    if scheduler is None and workers == 1:
        parts = extract_corpus_to_parquet(paths, out, scheduler="sync")
    else:
        from distributed import Client, LocalCluster

        cluster = (
            None
            if scheduler is not None
            else LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        )
        try:
            with Client(scheduler if scheduler is not None else cluster):  # type: ignore[no-untyped-call]
                parts = extract_corpus_to_parquet(paths, out)  # the client is Dask's default
        finally:
            if cluster is not None:
                cluster.close()
    import pyarrow.parquet as pq

    meta = [pq.read_metadata(p) for p in parts]
    return {
        "out": str(out),
        "parts": len(parts),
        "items": sum(m.num_rows for m in meta),
        "seconds": round(time.perf_counter() - start, 3),
    }


#: the decisions `thaw news review` takes: the short forms act, the older ones only record
NEWS_DECISIONS = ("accept", "edit", "reject", "accepted", "rejected", "edited")


def news_queue(
    *, include_reviewed: bool = False, db: str | Path | None = None, store: Store | None = None
) -> dict[str, Any]:
    """The review queue (:func:`thaw.news.queue.review_queue`): measure claims ranked by the
    change they may make to the register, grouped across outlets, confirmations counted."""
    from thaw.news.queue import review_queue

    with _using(store, db) as s:
        rows = [{str(k): v for k, v in r.items()} for r in s.news_items().to_dict("records")]
    return review_queue(rows, include_reviewed=include_reviewed)


def news_review(
    item_id: str,
    decision: str,
    *,
    draft: str | Path | None = None,
    file: str | Path | None = None,
    values: dict[str, Any] | None = None,
    note: str | None = None,
    db: str | Path | None = None,
    store: Store | None = None,
) -> dict[str, Any]:
    """Decide on an extracted measure.

    ``accept``: write a ``[[measure]]`` file from the item (``file``, default
    ``news-measures/news-<item>.toml`` beside the database) with the article as its source, and
    add it to the register the way ``thaw measures add`` does (validated, all or nothing);
    ``edit``: the same with ``values`` (id, title, imposing, targeted, hs, rate, kind, status,
    announced, effective, end, description, source_url, publisher) over the extracted ones;
    ``reject``: record the decision (and ``note``). The older ``accepted``, ``rejected`` and
    ``edited`` only record it; with ``draft`` they write a draft for the person to complete
    and add with ``thaw measures add``. Bad input changes nothing."""
    import json

    if decision not in NEWS_DECISIONS:
        raise ThawError(
            f"decision must be accept, edit or reject (or accepted, rejected, edited); "
            f"got {decision!r}"
        )
    if decision == "edit" and not values:
        raise ThawError("edit needs the values to change (e.g. --rate 25 --effective 2026-03-01)")
    with _using(store, db) as s:
        items = s.news_items("measure")
        row = items[items["item_id"] == item_id]
        if row.empty:
            known = s.news_items()
            if (known["item_id"] == item_id).any():
                raise ThawError(
                    f"{item_id} is not an extracted measure; only measures are reviewed"
                )
            raise NotFoundError(f"no news item {item_id!r}; see `thaw news review` for the queue")
        r = {str(k): v for k, v in row.iloc[0].to_dict().items()}
        if decision in ("accept", "edit"):
            return _news_accept(s, r, decision, file, values or {}, note)
        recorded = {"reject": "rejected"}.get(decision, decision)
        s.set_review(item_id, recorded, note)
    if draft is not None:
        _news_draft(r, Path(draft), json.loads(r["fields"]))
    return {"item_id": item_id, "decision": recorded, "file": str(draft) if draft else None}


def _news_accept(
    s: Store,
    r: dict[str, Any],
    decision: str,
    file: str | Path | None,
    values: dict[str, Any],
    note: str | None,
) -> dict[str, Any]:
    from thaw._io import save_atomic
    from thaw.measures.io import parse_measures_toml
    from thaw.news.queue import DraftError, draft_measure
    from thaw.scenarios.toml_out import dumps

    concerns = None if r.get("measure_id") is None else str(r["measure_id"])
    if concerns == "nan":
        concerns = None
    try:
        record = draft_measure(r, values, suspends=concerns, replaces=concerns)
    except DraftError as exc:
        raise ThawError(f"{r['item_id']}: {exc}; nothing was written") from None
    path = Path(file) if file else s.path.parent / "news-measures" / f"{record['id']}.toml"
    if path.exists():
        raise ThawError(f"{path} exists; name another file (--file) or remove it")
    text = dumps(
        {"measure": [record]},
        header=f"From news item {r['item_id']}, {decision}ed in `thaw news review`",
    )
    ms = parse_measures_toml(text, file=str(path))  # the validation `thaw measures add` runs
    s.check_new_measures(ms, origin=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    save_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    try:
        ms = load_measures_file(path)
        s.set_review(
            str(r["item_id"]),
            "accepted" if decision == "accept" else "edited",
            note or f"added {ms[0].id} from {path}",
            measures=ms,
            origin=str(path),
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return {
        "item_id": r["item_id"],
        "decision": "accepted" if decision == "accept" else "edited",
        "file": str(path),
        "measure_id": ms[0].id,
    }


def _news_draft(r: dict[str, Any], draft: Path, f: dict[str, Any]) -> None:
    from thaw._io import save_atomic
    from thaw.news.match import item_action, item_hs, item_rates
    from thaw.scenarios.toml_out import dumps

    when = (f.get("date") or {}).get("iso") or (f.get("date") or {}).get("date")
    when = when or (str(r["published"])[:10] if _known(r.get("published")) else None)
    kinds = {"antidumping": "antidumping_duty", "surtax": "surtax", "quota": "tariff_rate_quota"}
    rates = item_rates(f)
    measure: dict[str, Any] = {
        "id": f"news-{r['item_id']}",
        "title": f"DRAFT from the news: {r['sentence'][:120]}",
        "imposing": f.get("imposing") or "XXX",
        "targets": [f.get("targeted") or "XXX"],
        "kind": kinds.get(str(f.get("kind")), "additional"),
        "status": {"decided": "in_force", "announced": "announced"}.get(
            str(f.get("status")), "proposed"
        ),
        "effective": dt.date.fromisoformat(str(when)[:10]) if when else dt.date.today(),
        "confidence": "L",
        "notes": f"Drafted from a news item ({item_action(f)}, {f.get('status')}); check every "
        "field against an official source before adding it.",
        "products": {
            "hs": item_hs(f) or ["0000"],
            "description": ", ".join(f.get("products") or []) or "?",
        },
        "sources": [
            {
                "url": r["url"]
                if _known(r.get("url"))
                else "https://example.org/replace-with-the-article-url",
                "publisher": r["outlet"] if _known(r.get("outlet")) else "unknown outlet",
                "published": str(r["published"])[:10] if _known(r.get("published")) else "undated",
                "locator": r["sentence"][:300],
            }
        ],
    }
    if rates:
        measure["rate"] = {"ad_valorem": float(rates[0])}
    text = dumps(
        {"measure": [measure]},
        header="Draft measure from thaw news review: edit, then `thaw measures add`",
    )
    save_atomic(draft, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _known(v: Any) -> bool:
    return v is not None and str(v) not in ("", "nan", "NaT", "None")


def news_timeline(*, db: str | Path | None = None, store: Store | None = None) -> Any:
    """Events and measures over time: the date the text gives (resolved), else the article's."""
    import json

    import pandas as pd

    with _using(store, db) as s:
        items = s.news_items()
    rows = []
    for r in items.to_dict(orient="records"):
        if r["kind"] not in ("event", "measure"):
            continue
        f = json.loads(r["fields"])
        own = f.get("date") or {}
        when = own.get("iso") or own.get("date")
        basis = "item"
        if not when and _known(r.get("published")):
            when = str(r["published"])[:10]
            inferred = r.get("published_basis") == "inferred"
            basis = "published (inferred)" if inferred else "published"
        if not when:
            continue  # an undated article's item with no date of its own
        rates = "/".join(f"{float(x):g}%" for x in f.get("rates") or [])
        what = (
            f"{f.get('type')} ({f.get('status')})"
            if r["kind"] == "event"
            else f"{f.get('imposing') or '?'} on {f.get('targeted') or '?'}: "
            f"{f.get('action') or f.get('direction')} {', '.join(f.get('products') or [])} "
            f"{rates} ({f.get('status')})"
        )
        rows.append(
            {
                "date": when,
                "date_basis": basis,
                "kind": r["kind"],
                "what": what,
                "verdict": r["verdict"],
                "outlet": r["outlet"],
                "url": r["url"],
                "sentence": r["sentence"],
            }
        )
    return pd.DataFrame(
        rows,
        columns=["date", "date_basis", "kind", "what", "verdict", "outlet", "url", "sentence"],
    ).sort_values("date")
