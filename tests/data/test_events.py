"""The bundled events table: it loads, every event is sourced, the record's events are there at
the right precision, the phases tile the period from their sourced events, and user files fail
with the file, record and field named."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from thaw.data.bundle import load_bundled_measures
from thaw.data.events import (
    bundled_events_file,
    load_bundled_events,
    load_bundled_phases,
    load_events_file,
)
from thaw.errors import EventValidationError
from thaw.events import check_phases, measure_events

EVENTS = load_bundled_events()
PHASES = load_bundled_phases()
BY_ID = {e.id: e for e in EVENTS}


def test_the_bundled_table_loads_in_date_order() -> None:
    assert len(EVENTS) >= 30
    assert [e.date for e in EVENTS] == sorted(e.date for e in EVENTS)
    assert all(e.measure_id is None for e in EVENTS)  # milestones are derived, not copied


def test_every_event_and_phase_has_a_source_with_a_url() -> None:
    for item in [*EVENTS, *PHASES]:
        assert item.sources, item.id
        for s in item.sources:
            assert s.url.startswith(("http://", "https://")), item.id
            assert s.publisher and s.locator and s.published, item.id


def test_every_event_has_a_confidence() -> None:
    assert all(e.confidence in ("H", "M", "L") for e in EVENTS)


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        ("2018-12-01", "detention"),  # Meng Wanzhou
        ("2018-12-10", "detention"),  # Kovrig and Spavor
        ("2021-09-24", "release"),
        ("2025-10-31", "meeting"),  # Gyeongju
        ("2025-11-03", "tourism_visa"),  # ADS restored
        ("2026-01-16", "meeting"),  # Carney-Xi in Beijing
        ("2026-02-17", "tourism_visa"),  # visa-free entry
        ("2026-07-01", "review"),  # CUSMA joint review
    ],
)
def test_required_events_are_present_by_date(day: str, kind: str) -> None:
    when = dt.date.fromisoformat(day)
    assert any(e.date == when and e.type == kind for e in EVENTS), day


def test_the_record_s_other_events_and_their_precision() -> None:
    days = {(e.date.isoformat(), e.precision) for e in EVENTS}
    for expected in [
        ("2017-12-01", "month"),  # Trudeau's visit (was facts.csv)
        ("2022-11-27", "day"),  # Indo-Pacific Strategy (was facts.csv)
        ("2019-03-01", "day"),
        ("2019-06-01", "month"),
        ("2019-11-05", "day"),
        ("2021-12-01", "month"),  # beef ban
        ("2023-08-10", "day"),  # ADS exclusion
        ("2025-03-19", "day"),  # executions confirmed
        ("2025-06-03", "day"),
        ("2025-10-17", "day"),  # Anand-Wang Yi
        ("2025-10-22", "day"),  # the non-US export goal
        ("2026-01-01", "month"),  # beef reopening: reported 01-20, day not known
        ("2026-02-19", "day"),  # 2025 trade statistics
        ("2026-03-04", "day"),  # IEEPA refunds ordered
        ("2026-06-01", "month"),  # Joly's visit, mid-June
        ("2026-11-01", "month"),  # APEC Shenzhen
    ]:
        assert expected in days, expected
    visit = BY_ID["carney-beijing-visit-2026-01"]
    assert visit.end == dt.date(2026, 1, 17)
    assert BY_ID["visa-free-2026-02-17"].end == dt.date(2026, 12, 31)
    apec = BY_ID["apec-shenzhen-2026-11"]
    assert apec.status == "not_confirmed" and "not found" in (apec.notes or "")
    assert "annual" in BY_ID["cusma-joint-review-2026-07-01"].title


def test_news_terms_cover_the_old_dated_facts() -> None:
    with_terms = [e for e in EVENTS if e.terms]
    assert {"indo-pacific-strategy-2022-11-27", "trudeau-china-visit-2017-12"} <= {
        e.id for e in with_terms
    }
    assert BY_ID["carney-xi-gyeongju-2025-10-31"].mentioned_in("Carney met Xi at APEC")


def test_phases_are_ordered_contiguous_and_start_on_a_sourced_event() -> None:
    assert [p.name for p in PHASES] == ["freeze", "low point", "thaw", "turning point"]
    assert check_phases(PHASES) == []
    for a, b in itertools.pairwise(PHASES):
        assert a.end is not None and b.start == a.end + dt.timedelta(days=1)
    assert PHASES[-1].end is None  # still running on the record's date
    known = {e.id: e for e in [*EVENTS, *measure_events(load_bundled_measures())]}
    for p in PHASES:
        assert known[p.start_event].date == p.start, p.id
    assert PHASES[0].start == dt.date(2018, 12, 1)
    assert PHASES[2].start == dt.date(2025, 10, 31) and PHASES[3].start == dt.date(2026, 1, 16)


def test_register_milestones_are_derived_from_the_measures() -> None:
    milestones = {e.id: e for e in measure_events(load_bundled_measures())}
    ev = milestones["can-ev-surtax-2024.effective"]
    assert ev.date == dt.date(2024, 10, 1) and ev.type == "trade_measure"
    assert ev.measure_id == "can-ev-surtax-2024" and ev.sources
    assert milestones["chn-additional-100pct-2025.announced"].date == dt.date(2025, 3, 8)
    assert not any(k.startswith("chn-mfn-") for k in milestones)


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "mine.toml"
    p.write_text(body, encoding="utf-8")
    return p


GOOD = """
[[event]]
id = "my-event"
date = 2026-06-01
precision = "month"
type = "visit"
title = "A visit I know about"
[[event.sources]]
url = "https://example.org/visit"
publisher = "Example"
published = "2026-06-20"
locator = "paragraph 2"
"""


def test_a_user_file_loads_and_its_errors_name_file_record_and_field(tmp_path: Path) -> None:
    (e,), phases = load_events_file(_write(tmp_path, GOOD), known=EVENTS)
    assert e.id == "my-event" and phases == []
    bad_day = GOOD.replace("date = 2026-06-01", "date = 2026-06-15")
    with pytest.raises(EventValidationError) as exc:
        load_events_file(_write(tmp_path, bad_day))
    msg = str(exc.value)
    assert "mine.toml" in msg and "record my-event" in msg and "first of the month" in msg
    typo = GOOD.replace('title = "A', 'plase = "Ottawa"\ntitle = "A')
    with pytest.raises(EventValidationError, match=r"record my-event, field plase: unknown"):
        load_events_file(_write(tmp_path, typo))
    no_source = GOOD.split("[[event.sources]]")[0]
    with pytest.raises(EventValidationError, match="field sources: required"):
        load_events_file(_write(tmp_path, no_source))
    with pytest.raises(EventValidationError, match="duplicate id 'meng-arrest-2018-12-01'"):
        load_events_file(
            _write(tmp_path, GOOD.replace("my-event", "meng-arrest-2018-12-01")), known=EVENTS
        )
    with pytest.raises(EventValidationError, match="not valid TOML"):
        load_events_file(_write(tmp_path, "[[event]\n"))
    with pytest.raises(EventValidationError, match="file not found"):
        load_events_file(tmp_path / "nope.toml")


def test_a_phase_must_start_on_its_event(tmp_path: Path) -> None:
    body = (
        GOOD
        + """
[[phase]]
id = "my-phase"
name = "thaw"
start = 2026-06-02
start_event = "my-event"
description = "From my event onwards."
[[phase.sources]]
url = "https://example.org/visit"
publisher = "Example"
published = "2026"
locator = "whole article"
"""
    )
    with pytest.raises(EventValidationError, match=r"record my-phase, field start: .*not the date"):
        load_events_file(_write(tmp_path, body))
    with pytest.raises(EventValidationError, match="field start_event"):
        load_events_file(
            _write(tmp_path, body.replace('start_event = "my-event"', 'start_event = "zz"'))
        )


def test_the_bundled_file_is_the_one_shipped() -> None:
    assert bundled_events_file().name == "events.toml" and bundled_events_file().exists()
