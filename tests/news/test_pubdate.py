"""Publication dates: given, read off the page (dateline, byline), or inferred from the text
and the dated events it reports; never an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from thaw.data.bundle import load_bundled_measures
from thaw.data.events import load_bundled_events
from thaw.news.evaluate import _default_infer
from thaw.news.ingest import infer_published
from thaw.news.pubdate import publication_date, tense


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
    nothing = publication_date("Nothing dated here.")
    assert (nothing.date, nothing.basis) == (None, "unknown")
    month = publication_date("Ministers met in October 2025 to talk.")
    assert (month.date, month.precision) == (dt.date(2025, 10, 31), "month")


def test_a_background_fact_does_not_win_over_the_latest_one() -> None:
    text = (
        "In December 2018, Canadian officials arrested a Huawei executive in Vancouver.\n"
        "China imposed a 25 per cent tariff on Canadian pork on March 20, 2025, the ministry "
        "said.\n"
    )
    got = publication_date(text, events=load_bundled_events())
    assert (got.date, got.basis) == (dt.date(2025, 3, 20), "inferred")
    assert "March 20, 2025" in got.evidence and "2018" not in got.evidence


def test_a_fact_reported_as_ahead_is_an_upper_bound() -> None:
    base = "China imposed duties on Canadian pork on March 3, 2025. Traders said on Thursday "
    base += "that orders had stopped.\n"
    # Monday March 3, then "on Thursday": March 6
    assert publication_date(base).date == dt.date(2025, 3, 6)
    # the quota that "will take effect on March 6" has not started: the article is before it
    ahead = publication_date(base + "The new quota will take effect on March 6, 2025.\n")
    assert ahead.date == dt.date(2025, 3, 3)
    assert "reported as ahead" in ahead.evidence
    # only a fact ahead, "next week": the week before it; "said Wednesday" in that week
    text = (
        "China's 100 per cent tariffs on Canadian canola oil will take effect on March 20, "
        "2025, next week.\nExporters said Wednesday they were rushing shipments.\n"
    )
    assert publication_date(text).date == dt.date(2025, 3, 12)


def test_a_weekday_after_a_dated_event_of_the_table() -> None:
    text = (
        "Foreign Affairs Minister Anita Anand met Wang Yi in Beijing, her office said.\n"
        "On Monday, Ottawa said it would send a trade delegation.\n"
    )
    # the meeting is 2025-10-17 (a Friday) in the events table; "On Monday ... said": Oct. 20
    got = publication_date(text, events=load_bundled_events())
    assert (got.date, got.basis) == (dt.date(2025, 10, 20), "inferred")
    assert "events table" in got.evidence and "Monday" in got.evidence
    assert publication_date(text).date is None


def test_tense_decides_past_or_ahead() -> None:
    s = "China suspended the tariffs until Dec. 31, 2026, and the duties ended on Jan. 1, 2024."
    assert tense(s, s.index("Dec.")) == "future"
    assert tense(s, s.index("Jan.")) == "past"
    s = "From March 1, 2026, Canada scrapped the surtax."
    assert tense(s, s.index("March")) == "past"
    s = "The duties would apply again from Jan. 1, 2027, the report warned."
    assert tense(s, s.index("Jan.")) == "future"


def test_the_register_dates_an_op_ed_past_its_background() -> None:
    measures = load_bundled_measures()
    events = load_bundled_events()
    text = (
        "Since Thursday, Beijing's 100 per cent tariff on canola oil and meal has shut the door "
        "on our buyers.\nIn 2019, Beijing blocked canola from two exporters. That dispute eased "
        "only after the 2021 release of Michael Kovrig and Michael Spavor.\n"
        "On Saturday, our growers met in Melfort.\n"
    )
    # without the register, the latest fact read is the 2021 release
    assert infer_published(text, events).date.year == 2021  # type: ignore[union-attr]
    # with it, the tariff in force from Thursday 2025-03-20; "On Saturday": March 22
    got = infer_published(text, events, measures)
    assert (got.date, got.basis) == (dt.date(2025, 3, 22), "inferred")
    assert "chn-additional-100pct-2025" in got.evidence
    # the scorer's default inference is the same one
    assert _default_infer(text) == (got.date, "inferred")
