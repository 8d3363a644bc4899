"""thaw: trade-dispute analysis. Measure register, trade flows, partial- and
general-equilibrium simulation.

Start with :func:`applied_rate`, :func:`rate_timeline`, :func:`measures`, :func:`flows`,
:func:`simulate` (PE) and :func:`simulate_ge` (GE).
"""

from __future__ import annotations

from thaw.api import (
    EventList,
    FlowTable,
    MeasureList,
    add_measures,
    applied_rate,
    events,
    flows,
    measure,
    measures,
    news_extract,
    news_ingest,
    news_items,
    news_queue,
    news_review,
    news_timeline,
    phases,
    rate_timeline,
    record_freshness,
    sensitivity,
    simulate,
    simulate_ge,
    track_goal,
    upcoming,
)
from thaw.data.database import open_store
from thaw.data.store import Store
from thaw.errors import ThawError
from thaw.measures.model import Measure
from thaw.measures.stack import RateComponent, RateStack
from thaw.measures.timeline import RateTimeline
from thaw.measures.upcoming import RecordStatus, UpcomingChanges

__version__ = "0.1.0"

__all__ = [
    "EventList",
    "FlowTable",
    "Measure",
    "MeasureList",
    "RateComponent",
    "RateStack",
    "RateTimeline",
    "RecordStatus",
    "Store",
    "ThawError",
    "UpcomingChanges",
    "__version__",
    "add_measures",
    "applied_rate",
    "events",
    "flows",
    "measure",
    "measures",
    "news_extract",
    "news_ingest",
    "news_items",
    "news_queue",
    "news_review",
    "news_timeline",
    "open_store",
    "phases",
    "rate_timeline",
    "record_freshness",
    "sensitivity",
    "simulate",
    "simulate_ge",
    "track_goal",
    "upcoming",
]
