"""Page -> body: furniture out, datelines cut, offsets kept."""

from __future__ import annotations

import datetime as dt

from thaw.news.page import body, classify, publication_date

PAGE = (
    "World News\n"
    "Ottawa weighs new duties on imported steel\n"
    "By Jane Roe\n"
    "Tuesday, October 28, 2025\n"
    "A worker at a mill. (Jane Roe/Agency - image credit)\n"
    "OTTAWA (Agency) — The government said on Monday it would act.\n"
    "Share this article\n"
    "Officials met in Ottawa.\n"
    "Related: Steel prices climb\n"
)


def test_furniture_is_left_out_and_offsets_point_into_the_page() -> None:
    b = body(PAGE)
    texts = [PAGE[s.start : s.end] for s in b.segments]
    assert texts == ["The government said on Monday it would act.", "Officials met in Ottawa."]
    assert b.dateline is not None and b.dateline.place == "Ottawa"
    assert b.dateline.agency == "Agency"


def test_a_date_line_gives_the_publication_date() -> None:
    assert publication_date(PAGE) == (dt.date(2025, 10, 28), "date line")
    assert publication_date("Officials met in Ottawa.") == (None, None)


def test_lines_are_classified() -> None:
    assert classify("By Jane Roe", first=False) == "byline"
    assert classify("Markets · Canola · Trade Policy", first=False) == "furniture"
    assert classify("Leave a comment", first=False) == "furniture"
    assert classify("The minister met her counterpart on Friday.", first=False) is None
    assert classify("Ottawa weighs new duties", first=True) == "title"


def test_short_unpunctuated_lines_and_short_questions_are_headings() -> None:
    assert classify("What the quota means", first=False) == "heading"
    assert classify("Will Ottawa drop the surtax?", first=False) == "heading"
    assert classify("1. Lifting the tariffs on steel", first=False) is None
    assert classify("Staff | Grain Report | September 10, 2024", first=False) == "byline"
