"""What changes next: dated changes in a window with closed-form rates before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.measures._build import synthetic_measure
from thaw.errors import ThawError
from thaw.measures.model import Measure
from thaw.measures.upcoming import record_status, upcoming_changes

SRC = [{"url": "https://example.org/a", "publisher": "P", "published": "2025", "locator": "s.1"}]
D = dt.date.fromisoformat


def m(
    id: str,
    kind: str = "additional",
    rate: float | None = 100.0,
    hs: tuple[str, ...] = ("2306.41",),
    effective: str = "2025-03-20",
    **over: Any,
) -> Measure:
    return synthetic_measure(id, kind, rate, hs, effective, **over)


def snapback() -> list[Measure]:
    """MFN 5%, a 100% additional duty, and a suspension of it ending 2026-12-31."""
    return [
        m("mfn", "mfn", 5.0, effective="2024-01-01"),
        m("extra", rate=100.0),
        m(
            "pause",
            "suspension",
            rate=None,
            effective="2026-03-01",
            end="2026-12-31",
            suspends=["extra"],
        ),
    ]


def test_a_suspension_ending_brings_the_duty_back_the_day_after_its_last_day() -> None:
    u = upcoming_changes(snapback(), D("2026-12-03"), 60)
    assert [(c.measure_id, c.event) for c in u] == [("pause", "expires")]
    c = u.changes[0]
    assert c.date == D("2027-01-01") and c.last_day == D("2026-12-31")
    assert c.importer == "CHN" and c.exporter == "CAN" and c.hs == ("2306.41",)
    assert c.rate_before == {"2306.41": 5.0}  # MFN only while suspended
    assert c.rate_after == {"2306.41": 105.0}  # MFN + 100%
    assert c.rates[0].change == 100.0
    assert not c.renewal_known
    assert "2026-12-31" in c.what and "2027-01-01" in c.what and "extra (100%)" in c.what
    d = u.to_dicts()[0]
    assert d["rate_before"] == {"2306.41": 5.0} and d["sources"][0]["url"] == SRC[0]["url"]
    frame = u.to_frame()
    assert list(frame["rate_after"]) == [105.0] and list(frame["change"]) == [100.0]
    assert "5% -> 105%" in u.summary()


def test_a_renewal_in_the_register_is_known_and_keeps_the_rate() -> None:
    ms = [
        *snapback(),
        m(
            "pause-2027",
            "suspension",
            rate=None,
            effective="2027-01-01",
            end="2027-12-31",
            suspends=["extra"],
        ),
    ]
    u = upcoming_changes(ms, D("2026-12-03"), 60)
    ends = next(c for c in u if c.measure_id == "pause")
    assert ends.renewal_known and "continued by pause-2027" in ends.what
    assert ends.rate_before == ends.rate_after == {"2306.41": 5.0}
    starts = next(c for c in u if c.measure_id == "pause-2027")
    assert starts.event == "starts" and starts.date == D("2027-01-01")


@pytest.mark.parametrize(
    ("start", "days", "listed"),
    [
        ("2027-01-01", 1, True),  # change day is the first day of the window
        ("2026-12-02", 31, True),  # change day is the last day of the window
        ("2026-12-02", 30, False),  # the last day in force is the window's last day: next window
        ("2027-01-02", 30, False),  # one day too late
    ],
)
def test_edge_days_of_the_window(start: str, days: int, listed: bool) -> None:
    u = upcoming_changes(snapback(), D(start), days)
    assert (len(u) == 1) is listed
    assert u.last == D(start) + dt.timedelta(days=days - 1)


def test_starts_on_the_first_day_count_and_the_day_before_does_not() -> None:
    ms = [m("mfn", "mfn", 5.0, effective="2024-01-01"), m("new", rate=25.0, effective="2026-05-01")]
    (c,) = upcoming_changes(ms, D("2026-05-01"), 10).changes
    assert (c.event, c.rate_before, c.rate_after) == ("starts", {"2306.41": 5.0}, {"2306.41": 30.0})
    assert not upcoming_changes(ms, D("2026-05-02"), 10).changes
    assert not upcoming_changes(ms, D("2026-04-21"), 10).changes  # window ends 04-30
    assert upcoming_changes(ms, D("2026-04-21"), 11).changes


def test_a_replacement_is_a_scheduled_rate_change_and_an_end_returns_the_replaced() -> None:
    ms = [
        m("mfn", "mfn", 7.0, effective="2024-01-01"),
        m("other", rate=25.0, hs=("1514",)),  # China names CAN as a target
        m(
            "provisional",
            "mfn",
            5.0,
            effective="2027-01-01",
            end="2027-12-31",
            replaces=["mfn"],
        ),
    ]
    (c,) = upcoming_changes(ms, D("2026-12-15"), 30).changes
    assert c.event == "rate_change" and c.exporter == "CAN"  # ALL: the economies CHN names
    assert (c.rate_before, c.rate_after) == ({"2306.41": 7.0}, {"2306.41": 5.0})
    assert "replacing mfn (7%)" in c.what
    (e,) = upcoming_changes(ms, D("2027-12-31"), 5).changes
    assert e.event == "ends" and e.date == D("2028-01-01") and e.rate_after == {"2306.41": 7.0}


def test_all_partner_measures_without_named_partners_report_any_partner() -> None:
    ms = [
        m("mfn", "mfn", 5.0, effective="2024-01-01"),
        m("sfg", "safeguard", 20.0, effective="2026-06-01", targets="ALL"),
    ]
    (c,) = upcoming_changes(ms, D("2026-06-01"), 1).changes
    assert c.exporter is None and c.rate_after == {"2306.41": 25.0}
    (k,) = upcoming_changes(ms, D("2026-06-01"), 1, exporter="CAN").changes
    assert k.exporter == "CAN" and k.rate_before == {"2306.41": 5.0}


def test_filters_reviews_and_errors() -> None:
    ms = [
        *snapback(),
        m(
            "qq",
            rate=10.0,
            hs=("1514",),
            open_question="renewal unknown",
            review_by="2026-12-20",
        ),
    ]
    u = upcoming_changes(ms, D("2026-12-03"), 60)
    review = next(c for c in u if c.event == "review_due")
    assert review.date == D("2026-12-20") and not review.renewal_known
    assert review.open_question == "renewal unknown" and "renewal unknown" in review.what
    assert [c.event for c in u] == ["review_due", "expires"]  # date order
    assert not upcoming_changes(ms, D("2026-12-03"), 60, importer="CAN").changes
    assert not upcoming_changes(ms, D("2026-12-03"), 60, exporter="USA").changes
    with pytest.raises(ThawError, match="days"):
        upcoming_changes(ms, D("2026-12-03"), 0)


def test_record_status_as_of_open_questions_and_overdue_reviews() -> None:
    ms = [
        m("ma", verified="2026-11-30"),
        m("mb", verified="2026-12-02", open_question="rate?", review_by="2026-12-01"),
        m("mc", open_question="scope?", review_by="2027-02-01"),
    ]
    s = record_status(ms, D("2026-12-03"))
    assert s.as_of == D("2026-12-02") and s.verified == 2 and s.measures == 3
    assert [o.measure_id for o in s.open_questions] == ["mb", "mc"]
    assert [o.measure_id for o in s.overdue] == ["mb"]
    d = s.to_dict()
    assert d["open_questions"] == 2 and d["reviews_overdue"][0]["review_by"] == "2026-12-01"
    assert d["next_changes"]["start"] == "2026-12-03"
    assert "Record as of 2026-12-02" in s.summary()
    assert record_status([m("mx")], D("2026-12-03")).as_of is None
