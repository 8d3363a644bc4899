"""thaw: trade-dispute analysis. Measure register, trade flows, partial- and
general-equilibrium simulation.

Start with :func:`applied_rate`, :func:`rate_timeline`, :func:`measures`, :func:`flows`,
:func:`simulate` (PE) and :func:`simulate_ge` (GE).
"""

from __future__ import annotations

from thaw.api import (
    FlowTable,
    MeasureList,
    add_measures,
    applied_rate,
    flows,
    measure,
    measures,
    news_extract,
    news_ingest,
    news_items,
    news_review,
    news_timeline,
    rate_timeline,
    simulate,
    simulate_ge,
    track_goal,
)
from thaw.data.database import open_store
from thaw.data.store import Store
from thaw.errors import ThawError
from thaw.measures.model import Measure
from thaw.measures.stack import RateComponent, RateStack
from thaw.measures.timeline import RateTimeline

__version__ = "0.1.0"

__all__ = [
    "FlowTable",
    "Measure",
    "MeasureList",
    "RateComponent",
    "RateStack",
    "RateTimeline",
    "Store",
    "ThawError",
    "__version__",
    "add_measures",
    "applied_rate",
    "flows",
    "measure",
    "measures",
    "news_extract",
    "news_ingest",
    "news_items",
    "news_review",
    "news_timeline",
    "open_store",
    "rate_timeline",
    "simulate",
    "simulate_ge",
    "track_goal",
]
