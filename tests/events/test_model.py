"""The event and phase records: dates at their precision, sources required, unknown fields
refused, news terms parsed, phase sequences checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from thaw.events import Event, Phase, check_phases, measure_events, phase_of
from thaw.measures.model import Measure

SOURCE = {
    "url": "https://example.org/report",
    "publisher": "Example Wire",
    "published": "2025-10-31",
    "locator": "second paragraph",
}


def event(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "leaders-meet",
        "date": dt.date(2025, 10, 31),
        "precision": "day",
        "type": "meeting",
        "title": "Leaders meet",
        "sources": [SOURCE],
    }
    return base | over


def phase(**over: Any) -> Phase:
    base: dict[str, Any] = {
        "id": "thaw",
        "name": "thaw",
        "start": dt.date(2025, 10, 31),
        "start_event": "leaders-meet",
        "description": "From the leaders' meeting on.",
        "sources": [SOURCE],
    }
    return Phase.model_validate(base | over)


def test_a_valid_event_and_its_dates() -> None:
    e = Event.model_validate(event(terms="carney;xi;apec|gyeongju"))
    assert e.date_text() == "2025-10-31" and e.last_day == e.date
    assert e.term_groups == (("carney",), ("xi",), ("apec", "gyeongju"))
    assert e.mentioned_in("Carney met Xi at APEC on Friday")
    assert not e.mentioned_in("Carney met Xi in Beijing")
    assert not e.mentioned_in("Carney took a taxi to APEC")  # terms start words


@pytest.mark.parametrize(
    ("precision", "day", "message"),
    [
        ("month", dt.date(2026, 6, 15), "first of the month"),
        ("year", dt.date(2026, 3, 1), "January 1"),
        ("week", dt.date(2026, 6, 1), "precision"),
    ],
)
def test_a_date_finer_than_its_precision_is_refused(
    precision: str, day: dt.date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Event.model_validate(event(date=day, precision=precision))


def test_month_and_year_precision_span_their_period() -> None:
    m = Event.model_validate(event(date=dt.date(2026, 6, 1), precision="month"))
    assert m.last_day == dt.date(2026, 6, 30) and m.date_text() == "2026-06"
    assert m.overlaps(dt.date(2026, 6, 20), None) and not m.overlaps(dt.date(2026, 7, 1), None)
    y = Event.model_validate(event(date=dt.date(2026, 1, 1), precision="year"))
    assert y.last_day == dt.date(2026, 12, 31) and y.date_text() == "2026"


def test_end_before_the_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the event's date"):
        Event.model_validate(event(end=dt.date(2025, 10, 30)))
    multi = Event.model_validate(event(end=dt.date(2025, 11, 2)))
    assert multi.date_text() == "2025-10-31..2025-11-02" and list(multi.years()) == [2025]


def test_sources_are_required_and_checked() -> None:
    with pytest.raises(ValidationError, match="at least 1"):
        Event.model_validate(event(sources=[]))
    no_sources = event()
    del no_sources["sources"]
    with pytest.raises(ValidationError, match="sources"):
        Event.model_validate(no_sources)
    with pytest.raises(ValidationError, match="http"):
        Event.model_validate(event(sources=[SOURCE | {"url": "example.org"}]))


def test_unknown_fields_types_and_bad_terms_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Event.model_validate(event(outcome="agreed"))
    with pytest.raises(ValidationError, match="type"):
        Event.model_validate(event(type="summit"))
    with pytest.raises(ValidationError, match="terms"):
        Event.model_validate(event(terms="Carney;;xi"))
    with pytest.raises(ValidationError, match="id"):
        Event.model_validate(event(id="Leaders Meet"))


def test_phase_sequences_must_be_ordered_and_contiguous() -> None:
    a = phase(id="low", name="low point", start=dt.date(2025, 3, 8), end=dt.date(2025, 10, 30))
    b = phase()
    assert check_phases([a, b]) == []
    assert phase_of(dt.date(2025, 10, 30), [a, b]) is a
    assert phase_of(dt.date(2030, 1, 1), [a, b]) is b and phase_of(dt.date(2020, 1, 1), [a]) is None
    gap = phase(start=dt.date(2025, 11, 2))
    assert "gap" in check_phases([a, gap])[0]
    overlap = phase(start=dt.date(2025, 10, 1))
    assert "on or before" in check_phases([a, overlap])[0]
    assert "no end" in check_phases([b, phase(id="later", start=dt.date(2026, 1, 1))])[0]
    with pytest.raises(ValidationError, match="name"):
        phase(name="spring")
    with pytest.raises(ValidationError, match="before start"):
        phase(end=dt.date(2025, 1, 1))


def test_measure_milestones_become_events() -> None:
    m = Measure.model_validate(
        {
            "id": "chn-test-2025",
            "title": "China tariff on canola oil",
            "imposing": "CHN",
            "targets": "CAN",
            "products": {"hs": ["1514"], "description": "canola oil"},
            "kind": "additional",
            "status": "ended",
            "rate": {"ad_valorem": 100},
            "announced": dt.date(2025, 3, 8),
            "effective": dt.date(2025, 3, 20),
            "end": dt.date(2026, 12, 31),
            "confidence": "H",
            "sources": [SOURCE],
        }
    )
    mfn = m.model_copy(update={"id": "chn-mfn-x", "kind": "mfn"})
    evs = measure_events([m, mfn], as_of=dt.date(2026, 12, 3))
    assert [e.id for e in evs] == [
        "chn-test-2025.announced",
        "chn-test-2025.effective",
        "chn-test-2025.end",
    ]
    assert {e.type for e in evs} == {"trade_measure"} and all(e.measure_id == m.id for e in evs)
    assert evs[0].sources == m.sources and evs[0].participants == ("CHN", "CAN")
    assert [e.status for e in evs] == ["occurred", "occurred", "scheduled"]
    same_day = m.model_copy(update={"effective": m.announced, "end": None})
    (one,) = measure_events([same_day])
    assert "announced and in force" in one.title
