"""``thaw.events()`` and ``thaw.phases()``: the typed result, filters, user files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import thaw
from thaw.errors import EventValidationError


def test_events_result_is_typed_and_filtered(db_path: Path) -> None:
    everything = thaw.events(db=db_path)
    assert isinstance(everything, thaw.EventList) and len(everything) == len(list(everything))
    assert any(e.measure_id == "can-ev-quota-2026" for e in everything)
    no_register = thaw.events(include_measures=False)
    assert all(e.measure_id is None for e in no_register)
    assert len(no_register) < len(everything)
    window = thaw.events("2026-06-15", "2026-06-20", include_measures=False)
    assert "joly-china-visit-2026-06" in {e.id for e in window}  # month precision overlaps
    assert [p.name for p in window.phases] == ["turning point"]
    frame = everything.to_frame()
    assert {"date", "type", "title", "phase", "source_url"} <= set(frame.columns)
    summary = everything.summary()
    assert summary["events"] == len(everything) and summary["from_register"] > 10
    assert "apec-shenzhen-2026-11" in summary["not_confirmed"]
    meetings = thaw.events(type="meeting", include_measures=False)
    assert {e.type for e in meetings} == {"meeting"}


def test_an_event_spanning_two_phases_gets_none(db_path: Path) -> None:
    listing = thaw.events("2026-01-01", "2026-01-31", include_measures=False)
    by_id = {e.id: e for e in listing}
    assert listing.phase(by_id["roadmap-working-groups-2026"]) is None  # year precision
    assert listing.phase(by_id["carney-xi-beijing-2026-01-16"]) == "turning point"


def test_phases_come_with_their_sources() -> None:
    phases = thaw.phases()
    assert phases[0].start == dt.date(2018, 12, 1) and all(p.sources for p in phases)


def test_a_user_events_file_adds_events(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(
        """
[[event]]
id = "my-visit"
date = 2026-09-01
precision = "month"
type = "visit"
title = "A provincial mission"
[[event.sources]]
url = "https://example.org/mission"
publisher = "Example"
published = "2026-09-03"
locator = "paragraph 1"
""",
        encoding="utf-8",
    )
    listing = thaw.events(file=f, include_measures=False)
    assert "my-visit" in {e.id for e in listing}
    f.write_text(f.read_text().replace('type = "visit"', 'type = "tour"'), encoding="utf-8")
    with pytest.raises(EventValidationError, match=r"mine\.toml, record my-visit, field type"):
        thaw.events(file=f, include_measures=False)


def test_bad_filters_are_errors() -> None:
    with pytest.raises(thaw.ThawError, match="unknown event type"):
        thaw.events(type=["meeting", "summit"], include_measures=False)
    with pytest.raises(thaw.ThawError, match="before start"):
        thaw.events("2026-01-02", "2026-01-01", include_measures=False)
