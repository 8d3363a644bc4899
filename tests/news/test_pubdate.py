"""Publication dates: given, read off the page (dateline, byline), or inferred from the text
and the dated events it reports; never an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from thaw.data.events import load_bundled_events
from thaw.news.pubdate import infer_publication_date, publication_date


def test_the_manifest_date_wins() -> None:
    got = publication_date("OTTAWA, Oct. 27, 2025 (CP) — text.", dt.date(2025, 10, 28))
    assert (got.date, got.basis) == (dt.date(2025, 10, 28), "manifest")


def test_dateline_and_byline_forms() -> None:
    got = publication_date("Headline here\nOTTAWA, Oct. 27, 2025 (CP) — Canada said on Monday.")
    assert (got.date, got.basis) == (dt.date(2025, 10, 27), "dateline")
    assert "OTTAWA, Oct. 27, 2025" in got.evidence
    page = (
        "Trade news\nBy Jane Doe\nUpdated 5:00 p.m. ET Oct 29, 2025\n"
        "Published 3:14 p.m. ET Oct 28, 2025\nBody text about Dec. 31, 2026."
    )
    got = publication_date(page)
    assert (got.date, got.basis) == (dt.date(2025, 10, 28), "byline")  # Published over Updated
    assert publication_date("Title\nUpdated: 2026-03-02\nBody.").date == dt.date(2026, 3, 2)
    staff = "Outlet\nA title\nStaff | Grain Report | September 10, 2024\nBody on Aug. 26."
    assert publication_date(staff).date == dt.date(2024, 9, 10)


def test_inferred_from_the_latest_reported_date_and_a_weekday() -> None:
    text = (
        "China imposed duties on Aug. 12, 2025. The ministers met in Ottawa on Oct. 14, 2025.\n"
        "Officials said on Thursday that talks went well. The quota expires Dec. 31, 2026, and "
        "the next round will start from Nov. 20."
    )
    got = publication_date(text)
    # the latest past date is Oct 14 (a Tuesday); "said on Thursday" moves it to Oct 16;
    # the forward-looking Dec 31 and Nov 20 are not publication evidence
    assert got.basis == "inferred" and got.inferred and got.date == dt.date(2025, 10, 16)
    assert "Oct. 14, 2025" in got.evidence and "Thursday" in got.evidence
    assert got.label() == "2025-10-16 (inferred)"


def test_inferred_from_a_dated_event_the_text_looks_forward_to() -> None:
    text = (
        "Prime Minister Mark Carney plans to meet Xi Jinping at APEC in Gyeongju later this week.\n"
        "“We are resetting expectations,” Carney said Monday."
    )
    got = publication_date(text, events=load_bundled_events())
    # the events table dates the Gyeongju meeting 2025-10-31 (a Friday): "this week" puts the
    # article in that week before it, "said Monday" on its Monday
    assert (got.date, got.basis) == (dt.date(2025, 10, 27), "inferred")
    assert "events table" in got.evidence
    assert publication_date(text).date is None  # without the events table nothing dates it


def test_a_real_undated_wire_story_is_dated_within_a_week(shared: Path) -> None:
    path = shared / "news" / "2025-10-27-canadian-press-carney-to-meet-xi.txt"
    got = publication_date(path.read_text(encoding="utf-8"), events=load_bundled_events())
    assert got.basis == "inferred" and got.date is not None
    assert abs((got.date - dt.date(2025, 10, 27)).days) <= 7


def test_nothing_to_go_on_is_unknown_not_an_error() -> None:
    got = publication_date("Tariffs were discussed in 2024 and 2025, officials said.")
    assert got.date is None and got.basis == "unknown" and not got.known
    assert "2024, 2025" in got.evidence and got.label() == "unknown"
    assert infer_publication_date("Nothing dated here.") == (None, "unknown")
    month = publication_date("Ministers met in October 2025 to talk.")
    assert (month.date, month.precision) == (dt.date(2025, 10, 31), "month")
