"""Dated relationship events and phases (pure: no I/O). Loading lives in ``thaw.data.events``."""

from __future__ import annotations

from thaw.events.derive import measure_events
from thaw.events.model import (
    EVENT_TYPES,
    PHASE_NAMES,
    Event,
    EventType,
    Phase,
    PhaseName,
    check_phases,
    phase_of,
)

__all__ = [
    "EVENT_TYPES",
    "PHASE_NAMES",
    "Event",
    "EventType",
    "Phase",
    "PhaseName",
    "check_phases",
    "measure_events",
    "phase_of",
]
