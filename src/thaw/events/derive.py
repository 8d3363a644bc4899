"""Register milestones as events: a measure's announcement, entry into force and last day.

Derived at run time from the measures themselves (never copied into the events file), so a
change to the register shows up in the events table. Base rates (MFN, preferential) are not
milestones of the dispute and are left out. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thaw._typing import BASE_KINDS
from thaw.events.model import Event
from thaw.measures.model import Measure


def _event(m: Measure, day: dt.date, what: str, suffix: str, as_of: dt.date | None) -> Event:
    economies = (m.imposing, *(m.targets.economies or (str(m.targets),)))
    return Event(
        id=f"{m.id}.{suffix}",
        date=day,
        precision="day",
        type="trade_measure",
        title=f"{m.title} ({what})",
        participants=economies,
        status="scheduled" if as_of is not None and day > as_of else "occurred",
        confidence=m.confidence,
        notes=f"{m.kind}, {m.rate_text()}, status {m.status}; from the measure register",
        measure_id=m.id,
        sources=m.sources,
    )


def measure_events(measures: Iterable[Measure], *, as_of: dt.date | None = None) -> list[Event]:
    """One event per distinct milestone date of each non-base measure, in date order.

    ``announced`` and ``effective`` on the same day make one event; ``end`` is the last day in
    force. With ``as_of``, milestones after that day are ``scheduled``."""
    out: list[Event] = []
    for m in measures:
        if m.kind in BASE_KINDS:
            continue
        if m.announced is not None and m.announced == m.effective:
            out.append(_event(m, m.announced, "announced and in force", "announced", as_of))
        else:
            if m.announced is not None:
                out.append(_event(m, m.announced, "announced", "announced", as_of))
            if m.effective is not None:
                out.append(_event(m, m.effective, "in force", "effective", as_of))
        if m.end is not None:
            out.append(_event(m, m.end, "last day in force", "end", as_of))
    return sorted(out, key=lambda e: (e.date, e.id))
