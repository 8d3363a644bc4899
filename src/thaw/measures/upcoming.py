"""What changes next: the register's dated changes in a window, with the rate before and after.

Pure functions over a list of :class:`~thaw.measures.model.Measure` (no I/O). For a window of
``days`` days from ``start`` (``start`` to ``start + days - 1``, both included) every change
whose **change day** falls in the window is listed:

``starts``
    a measure takes effect on its ``effective`` day;
``rate_change``
    a measure that ``replaces`` another takes effect (a scheduled rate change);
``planned_start``
    a measure whose status never took effect (announced, proposed, threatened) names an
    effective day: listed, but the stack does not apply it, so the rates do not move;
``ends``
    a measure's last day in force (``end``) is the day before the change day;
``expires``
    the same for a suspension or a remission: from the change day the duties it suspended or
    remitted apply again (unless the register records a renewal);
``review_due``
    a record's ``review_by`` day (look again at its open question).

Because ``end`` is the last day in force, an end is reported on the day after it (``date``), with
the last day itself in ``last_day``. A measure ending on the last day of the window changes the
rate the day after the window and is therefore listed in the next window, not this one.

``rate_before`` and ``rate_after`` are the **total** applied rates from
:func:`~thaw.measures.stack.stack_rates` (the stack behind ``thaw.applied_rate``) on the day
before the change day and on the change day, for every HS pattern of the measure's scope (a
range is evaluated at its first code) and every exporter it targets. They include everything
else that changes the same day. For a measure on all partners (``targets = "ALL"``) the
exporters are the economies that the importer's other measures in the register name as targets
(minus the measure's exclusions): those are the partners the register follows. When the importer
names none, the rates are for "any partner" (the stack's MFN path: only measures on all
partners apply), reported with ``exporter = None``.

``renewal_known`` says whether the register records what follows an end: true when a measure
that replaces it, or a suspension of the same duties, starts on the change day; false otherwise
(an open question stays open). Starts and rate changes are known by definition; a review due is
not (its question is open).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from thaw._typing import NEVER_APPLIED
from thaw.errors import ThawError
from thaw.measures.hs import format_code
from thaw.measures.model import Measure, Source
from thaw.measures.stack import ONE_DAY, stack_rates

#: Events in the order they are listed on the same day.
EVENTS = ("expires", "ends", "rate_change", "starts", "planned_start", "review_due")
#: The exporter label used in queries for "any partner" (no register measure targets it).
ANY_PARTNER = "WLD"


@dataclass(frozen=True, slots=True)
class ProductRate:
    """The total applied rate on one product, the day before a change and on the change day.

    ``hs`` is the pattern as the measure writes it; ``code`` the code that was queried (a
    range's first code). Totals are percent ad valorem (in-quota totals where a quota applies).
    """

    hs: str
    code: str
    rate_before: float
    rate_after: float
    notes: tuple[str, ...] = ()

    @property
    def change(self) -> float:
        return round(self.rate_after - self.rate_before, 10)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hs": self.hs,
            "code": self.code,
            "rate_before": self.rate_before,
            "rate_after": self.rate_after,
            "change": self.change,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One dated change: a measure starting, ending, expiring or due for review.

    ``date`` is the day the change applies; ``last_day`` (ends and expiries) is the measure's
    last day in force, the day before ``date``. ``exporter`` is None for "any partner"."""

    measure_id: str
    date: dt.date
    event: str
    what: str
    importer: str
    exporter: str | None
    hs: tuple[str, ...]
    rates: tuple[ProductRate, ...]
    renewal_known: bool
    open_question: str | None
    review_by: dt.date | None
    sources: tuple[Source, ...]
    last_day: dt.date | None = None
    title: str = ""

    @property
    def rate_before(self) -> dict[str, float]:
        """Total applied rate per HS pattern on the day before ``date``."""
        return {r.hs: r.rate_before for r in self.rates}

    @property
    def rate_after(self) -> dict[str, float]:
        """Total applied rate per HS pattern on ``date``."""
        return {r.hs: r.rate_after for r in self.rates}

    @property
    def source_url(self) -> str:
        return self.sources[0].url

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure_id": self.measure_id,
            "date": self.date.isoformat(),
            "last_day": None if self.last_day is None else self.last_day.isoformat(),
            "event": self.event,
            "what": self.what,
            "importer": self.importer,
            "exporter": self.exporter,
            "hs": list(self.hs),
            "rate_before": self.rate_before,
            "rate_after": self.rate_after,
            "rates": [r.to_dict() for r in self.rates],
            "renewal_known": self.renewal_known,
            "open_question": self.open_question,
            "review_by": None if self.review_by is None else self.review_by.isoformat(),
            "sources": [s.model_dump() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class UpcomingChanges:
    """The register's changes from ``start`` to ``last`` (both included), in date order."""

    start: dt.date
    days: int
    changes: tuple[Change, ...]

    @property
    def last(self) -> dt.date:
        """The last day of the window."""
        return self.start + dt.timedelta(days=self.days - 1)

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Any:
        return iter(self.changes)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.changes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "last": self.last.isoformat(),
            "days": self.days,
            "changes": self.to_dicts(),
        }

    def to_frame(self) -> Any:
        """One row per change and product: date, event, measure, exporter, HS, before, after."""
        import pandas as pd

        cols = [
            "date",
            "last_day",
            "event",
            "measure_id",
            "importer",
            "exporter",
            "hs",
            "rate_before",
            "rate_after",
            "change",
            "renewal_known",
            "open_question",
            "source_url",
        ]
        rows = []
        for c in self.changes:
            base: dict[str, Any] = {
                "date": c.date,
                "last_day": c.last_day,
                "event": c.event,
                "measure_id": c.measure_id,
                "importer": c.importer,
                "exporter": c.exporter,
                "renewal_known": c.renewal_known,
                "open_question": c.open_question,
                "source_url": c.source_url,
            }
            if not c.rates:
                rows.append({**base, "hs": None, "rate_before": None, "rate_after": None})
            rows.extend(
                {
                    **base,
                    "hs": r.hs,
                    "rate_before": r.rate_before,
                    "rate_after": r.rate_after,
                    "change": r.change,
                }
                for r in c.rates
            )
        return pd.DataFrame(rows, columns=cols)

    def summary(self) -> str:
        """Plain text: one block per change, a line per product with the rates."""
        head = (
            f"What changes next, {self.start.isoformat()} to {self.last.isoformat()} "
            f"({self.days} days): {len(self.changes)} change(s)"
        )
        lines = [head]
        for c in self.changes:
            who = f"{c.importer} on {c.exporter or 'any partner'}"
            lines.append(f"{c.date.isoformat()}  {c.event:<13} {c.measure_id} ({who})")
            lines.append(f"    {c.what}")
            lines.extend(
                f"    HS {r.hs}: {r.rate_before:g}% -> {r.rate_after:g}% ({r.change:+g} points)"
                for r in c.rates
            )
            if not c.renewal_known and c.event in {"ends", "expires"}:
                lines.append("    renewal: not known")
            if c.open_question:
                lines.append(f"    open question: {c.open_question}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _exporters(m: Measure, measures: Sequence[Measure], exporter: str | None) -> list[str | None]:
    """The exporters to report rates for (None: any partner); see the module docstring."""
    if exporter is not None:
        return [exporter] if m.targets.covers(exporter) else []
    if not m.targets.all:
        return list(m.targets.economies)
    named = sorted(
        {
            e
            for o in measures
            if o.imposing == m.imposing and not o.targets.all
            for e in o.targets.economies
            if m.targets.covers(e)
        }
    )
    return list(named) if named else [None]


def _product_rates(
    measures: Sequence[Measure], m: Measure, exporter: str | None, on: dt.date
) -> tuple[ProductRate, ...]:
    out = []
    query = exporter or ANY_PARTNER
    for pattern in m.products.include_patterns:
        code = pattern.low
        before = stack_rates(
            measures, importer=m.imposing, exporter=query, hs=code, on=on - ONE_DAY
        )
        after = stack_rates(measures, importer=m.imposing, exporter=query, hs=code, on=on)
        notes = tuple(dict.fromkeys((*before.notes, *after.notes)))
        if pattern.low != pattern.high:
            notes = (f"range: rates shown for its first code {format_code(code)}", *notes)
        out.append(
            ProductRate(
                hs=str(pattern),
                code=code,
                rate_before=before.total_ad_valorem,
                rate_after=after.total_ad_valorem,
                notes=notes,
            )
        )
    return tuple(out)


def _successor(m: Measure, measures: Sequence[Measure], day: dt.date) -> Measure | None:
    """A record that continues ``m`` from ``day``: it replaces ``m``, or (for a suspension) it
    suspends the same duties."""
    for o in measures:
        if o.id == m.id or o.effective != day or o.status in NEVER_APPLIED:
            continue
        if m.id in o.replaces:
            return o
        if m.kind == "suspension" and o.kind == "suspension" and set(m.suspends) <= set(o.suspends):
            return o
        if m.kind == "remission" and o.kind == "remission" and set(m.remits) <= set(o.remits):
            return o
    return None


def _rates_of(ids: Sequence[str], by_id: dict[str, Measure]) -> str:
    return ", ".join(f"{i} ({by_id[i].rate_text()})" if i in by_id else i for i in ids)


def _what(
    m: Measure, event: str, day: dt.date, by_id: dict[str, Measure], successor: Measure | None
) -> str:
    scope = m.products.description
    if event in {"starts", "rate_change", "planned_start"}:
        text = f"{m.title} takes effect ({m.rate_text()}; {scope})"
        if event == "rate_change":
            text += f", replacing {_rates_of(m.replaces, by_id)}"
        if event == "planned_start":
            text += f"; status {m.status!r}: the register does not apply it until it takes effect"
        return text + "."
    if event == "review_due":
        return f"Review of {m.id} due: {m.open_question or 'look again at the record'}."
    last = (day - ONE_DAY).isoformat()
    if event == "expires":
        relieved = m.suspends if m.kind == "suspension" else m.remits
        verb = "suspended" if m.kind == "suspension" else "remitted"
        text = (
            f"{m.title} ends (last day in force {last}): "
            f"from {day.isoformat()} the {verb} duties {_rates_of(relieved, by_id)} apply again"
            f" on {scope}"
        )
    else:
        text = (
            f"{m.title} ends (last day in force {last}); "
            f"from {day.isoformat()} it no longer applies"
        )
        if m.replaces:
            text += f" and {_rates_of(m.replaces, by_id)} applies again"
    if m.condition:
        text += f" (conditional: {m.condition}; the totals do not include it)"
    if successor is not None:
        return text + f"; continued by {successor.id} from {day.isoformat()}."
    return text + (", unless renewed (no renewal in the register)." if event == "expires" else ".")


def upcoming_changes(
    measures: Sequence[Measure],
    start: dt.date,
    days: int = 60,
    *,
    importer: str | None = None,
    exporter: str | None = None,
) -> UpcomingChanges:
    """Every start, end, expiry, scheduled rate change and review date whose change day falls in
    ``start`` .. ``start + days - 1``, with the total rates before and after (module docstring).

    ``importer`` keeps the measures it imposes; ``exporter`` those that target it (and reports
    rates for it alone)."""
    if days < 1:
        raise ThawError(f"days must be 1 or more, got {days}")
    last = start + dt.timedelta(days=days - 1)
    by_id = {m.id: m for m in measures}

    def inside(d: dt.date | None) -> bool:
        return d is not None and start <= d <= last

    found: list[tuple[Measure, str, dt.date]] = []
    for m in measures:
        if importer is not None and m.imposing != importer:
            continue
        if exporter is not None and not m.targets.covers(exporter):
            continue
        applied = m.status not in NEVER_APPLIED
        if inside(m.effective):
            assert m.effective is not None
            event = "planned_start" if not applied else "rate_change" if m.replaces else "starts"
            found.append((m, event, m.effective))
        if applied and m.end is not None and inside(m.end + ONE_DAY):
            event = "expires" if m.kind in {"suspension", "remission"} else "ends"
            found.append((m, event, m.end + ONE_DAY))
        if inside(m.review_by):
            assert m.review_by is not None
            found.append((m, "review_due", m.review_by))

    changes: list[Change] = []
    for m, event, day in found:
        successor = _successor(m, measures, day) if event in {"ends", "expires"} else None
        renewal_known = (
            successor is not None
            if event in {"ends", "expires"}
            else event != "review_due" or m.open_question is None
        )
        what = _what(m, event, day, by_id, successor)
        changes.extend(
            Change(
                measure_id=m.id,
                date=day,
                event=event,
                what=what,
                importer=m.imposing,
                exporter=x,
                hs=m.products.hs,
                rates=_product_rates(measures, m, x, day),
                renewal_known=renewal_known,
                open_question=m.open_question,
                review_by=m.review_by,
                sources=m.sources,
                last_day=day - ONE_DAY if event in {"ends", "expires"} else None,
                title=m.title,
            )
            for x in _exporters(m, measures, exporter)
        )
    changes.sort(key=lambda c: (c.date, EVENTS.index(c.event), c.measure_id, c.exporter or ""))
    return UpcomingChanges(start=start, days=days, changes=tuple(changes))


@dataclass(frozen=True, slots=True)
class OpenRecord:
    """A record with an open question (or a review date)."""

    measure_id: str
    question: str | None
    review_by: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure_id": self.measure_id,
            "open_question": self.question,
            "review_by": None if self.review_by is None else self.review_by.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RecordStatus:
    """How fresh the register is on ``on``: the latest ``verified`` day ("as of"), its open
    questions, the reviews whose ``review_by`` day has passed, and what changes next."""

    on: dt.date
    measures: int
    as_of: dt.date | None
    verified: int
    open_questions: tuple[OpenRecord, ...]
    overdue: tuple[OpenRecord, ...]
    upcoming: UpcomingChanges

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "measures": self.measures,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "verified": self.verified,
            "open_questions": len(self.open_questions),
            "open": [o.to_dict() for o in self.open_questions],
            "reviews_overdue": [o.to_dict() for o in self.overdue],
            "next_changes": self.upcoming.to_dict(),
        }

    def to_frame(self) -> Any:
        """The next changes (see :meth:`UpcomingChanges.to_frame`)."""
        return self.upcoming.to_frame()

    def summary(self) -> str:
        as_of = "never verified" if self.as_of is None else self.as_of.isoformat()
        lines = [
            f"Record as of {as_of} ({self.verified} of {self.measures} records carry a verified "
            f"day); {len(self.open_questions)} open question(s); "
            f"{len(self.overdue)} review(s) overdue on {self.on.isoformat()}"
        ]
        lines.extend(
            f"  overdue since {o.review_by}: {o.measure_id}: {o.question or '-'}"
            for o in self.overdue
        )
        lines.append(self.upcoming.summary())
        return "\n".join(lines)


def record_status(measures: Sequence[Measure], on: dt.date, days: int = 60) -> RecordStatus:
    """The register's freshness on ``on`` and its changes in the ``days`` from ``on``."""
    verified = [m.verified for m in measures if m.verified is not None]
    open_q = tuple(
        OpenRecord(m.id, m.open_question, m.review_by)
        for m in sorted(measures, key=lambda m: (m.review_by or dt.date.max, m.id))
        if m.open_question
    )
    overdue = tuple(
        OpenRecord(m.id, m.open_question, m.review_by)
        for m in sorted(measures, key=lambda m: (m.review_by or dt.date.max, m.id))
        if m.review_by is not None and m.review_by < on
    )
    return RecordStatus(
        on=on,
        measures=len(measures),
        as_of=max(verified) if verified else None,
        verified=len(verified),
        open_questions=open_q,
        overdue=overdue,
        upcoming=upcoming_changes(measures, on, days),
    )
