"""Dated relationship events and the phases they bound (pydantic, strict: unknown fields refused).

An :class:`Event` is one dated thing that happened between Canada and China (or around them: a
US measure, the CUSMA review) with the sources that date it. ``date`` is the first day the
sources support at ``precision``: a ``month`` event is dated the first of its month, a ``year``
event the first of January, so a month-precision date never pretends to know the day. ``end``
is the last day of a multi-day event (inclusive).

A :class:`Phase` is a stretch of the relationship (freeze, low point, thaw, turning point) whose
first day is the date of one sourced event (``start_event``); its bounds and sources are data.
Pure: no I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from thaw._typing import Confidence
from thaw.measures.model import Source

EventType = Literal[
    "meeting",
    "visit",
    "detention",
    "release",
    "legal",
    "trade_measure",
    "market_access",
    "tourism_visa",
    "agreement",
    "statement",
    "policy",
    "trade_statistics",
    "review",
    "business",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[str, ...] = get_args(Precision)

#: ``occurred``: the sources report it happened; ``scheduled``: dated ahead of the sources;
#: ``not_confirmed``: planned or due, and no source says whether (or how) it happened.
EventStatus = Literal["occurred", "scheduled", "not_confirmed"]
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)

PhaseName = Literal["freeze", "low point", "thaw", "turning point"]
PHASE_NAMES: tuple[str, ...] = get_args(PhaseName)

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
_TERM = re.compile(r"^[a-z0-9][a-z0-9 .'’-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_id(v: str) -> str:
    if not _ID.match(v):
        raise ValueError(
            f"id {v!r} must be 2-100 characters of lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return v


def parse_terms(terms: str) -> tuple[tuple[str, ...], ...]:
    """``"carney;xi;apec|gyeongju"`` -> ``(("carney",), ("xi",), ("apec", "gyeongju"))``: every
    group must occur, any one term of a group will do."""
    groups = tuple(tuple(t.strip() for t in g.split("|")) for g in terms.split(";"))
    for g in groups:
        for t in g:
            if not _TERM.match(t):
                raise ValueError(
                    f"terms {terms!r}: each term is lower-case words ('a;b|c': a, and b or c), "
                    f"got {t!r}"
                )
    return groups


class Event(_Strict):
    """One dated, sourced event. See ``docs/events.md`` for every field."""

    id: str
    date: dt.date = Field(description="first day; the 1st of the month/year at coarser precision")
    precision: Precision
    end: dt.date | None = Field(default=None, description="last day of a multi-day event")
    type: EventType
    title: str = Field(min_length=3)
    participants: tuple[str, ...] = ()
    place: str | None = None
    status: EventStatus = "occurred"
    terms: str | None = Field(
        default=None,
        description="news matching: 'a;b|c' means a, and b or c (word starts, lower case)",
    )
    confidence: Confidence | None = None
    notes: str | None = None
    measure_id: str | None = Field(
        default=None, description="the register measure a derived milestone comes from"
    )
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        return _check_id(v)

    @field_validator("terms")
    @classmethod
    def _terms(cls, v: str | None) -> str | None:
        if v is not None:
            parse_terms(v)
        return v

    @model_validator(mode="after")
    def _dates(self) -> Event:
        d = self.date
        if self.precision == "month" and d.day != 1:
            raise ValueError(
                f"precision 'month' needs the first of the month as date (got {d}); "
                "use precision 'day' if the day is known"
            )
        if self.precision == "year" and (d.month, d.day) != (1, 1):
            raise ValueError(
                f"precision 'year' needs January 1 as date (got {d}); "
                "use precision 'month' or 'day' if more is known"
            )
        if self.end is not None and self.end < d:
            raise ValueError(f"end {self.end} is before the event's date {d} ({self.precision})")
        return self

    @property
    def first_day(self) -> dt.date:
        return self.date

    @property
    def last_day(self) -> dt.date:
        """The last day the event can fall on, given its precision (or its ``end``)."""
        if self.end is not None:
            return self.end
        d = self.date
        if self.precision == "month":
            return d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if self.precision == "year":
            return d.replace(month=12, day=31)
        return d

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """True if the event can fall within ``start``..``end`` (either open)."""
        return (start is None or self.last_day >= start) and (end is None or self.date <= end)

    def date_text(self) -> str:
        """The date as precisely as it is known: ``2017-12``, ``2026-01-14..2026-01-17``."""
        d = self.date
        first = {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}[
            self.precision
        ]
        return first if self.end is None else f"{first}..{self.end.isoformat()}"

    @property
    def term_groups(self) -> tuple[tuple[str, ...], ...]:
        return () if self.terms is None else parse_terms(self.terms)

    def mentioned_in(self, text: str) -> bool:
        """True if every term group has a term starting a word of ``text`` (case-insensitive)."""
        groups = self.term_groups
        low = text.lower()
        return bool(groups) and all(
            any(re.search(r"(?<![\w])" + re.escape(t), low) for t in g) for g in groups
        )

    def years(self) -> range:
        """The calendar years the event spans."""
        return range(self.date.year, self.last_day.year + 1)


class Phase(_Strict):
    """A stretch of the relationship, from the date of its ``start_event`` to ``end``."""

    id: str
    name: PhaseName
    start: dt.date
    end: dt.date | None = Field(default=None, description="last day; none while it lasts")
    start_event: str = Field(description="id of the event whose date opens the phase")
    description: str = Field(min_length=10)
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("id", "start_event")
    @classmethod
    def _id(cls, v: str) -> str:
        return _check_id(v)

    @model_validator(mode="after")
    def _order(self) -> Phase:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def phase_of(day: dt.date, phases: tuple[Phase, ...] | list[Phase]) -> Phase | None:
    """The phase ``day`` falls in, if any."""
    return next((p for p in phases if p.contains(day)), None)


def check_phases(phases: list[Phase] | tuple[Phase, ...]) -> list[str]:
    """Problems with a phase sequence: out of order, overlapping, gaps, open before the last."""
    e: list[str] = []
    for a, b in itertools.pairwise(phases):
        if a.end is None:
            e.append(f"phase {a.id!r} has no end but is followed by {b.id!r}")
            continue
        if b.start <= a.end:
            e.append(f"phase {b.id!r} starts {b.start}, on or before {a.id!r} ends ({a.end})")
        elif b.start != a.end + dt.timedelta(days=1):
            e.append(f"gap between {a.id!r} (ends {a.end}) and {b.id!r} (starts {b.start})")
    return e
