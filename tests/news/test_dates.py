"""Dates in news text: absolute as written, relative resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from thaw.news.dates import find_dates

PUB = dt.date(2025, 10, 27)  # a Monday


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("It happened on October 28, 2025.", "2025-10-28", "day"),
        ("It happened on 28 October 2025.", "2025-10-28", "day"),
        ("Filed 2024-09-09 with MOFCOM.", "2024-09-09", "day"),
        ("In December 2018, officials acted.", "2018-12-01", "month"),
        ("Joly confirmed in March that ...", "2025-03-01", "month"),
        ("Last October, Canada imposed a tariff.", "2024-10-01", "month"),
        ("Carney said Monday that ...", "2025-10-27", "day"),
        ("They met on Friday.", "2025-10-24", "day"),  # past tense: the Friday before
        ("He will travel on Friday.", "2025-10-31", "day"),  # future: the next Friday
        ("The meeting is later this week.", "2025-10-27", "week"),
        ("Exports fell last year.", "2024-01-01", "year"),
        ("He visited China in 2017.", "2017-01-01", "year"),
        ("The government's 2019 Indo-Pacific strategy.", "2019-01-01", "year"),
    ],
)
def test_dates_resolve(text: str, date: str, precision: str) -> None:
    found = find_dates(text, PUB)
    assert found, text
    assert found[0].date.isoformat() == date and found[0].precision == precision
    assert found[0].rule  # how it was resolved is recorded
    assert text[found[0].start : found[0].end] == found[0].text


def test_years_in_numbers_are_not_dates_and_spans_do_not_overlap() -> None:
    found = find_dates("Trade was $2017 million in December 2018 and 2019.", PUB)
    assert [d.text for d in found] == ["December 2018"]


def test_sentence_initial_forms_are_read() -> None:
    pub = dt.date(2025, 11, 1)
    assert [(d.text, d.date) for d in find_dates("In 2024, Ottawa acted.", pub)] == [
        ("In 2024", dt.date(2024, 1, 1))
    ]
    assert [d.date for d in find_dates("Since October, prices rose.", pub)] == [
        dt.date(2025, 10, 1)
    ]
    assert [d.date for d in find_dates("By March, the duty ended.", pub)] == [dt.date(2025, 3, 1)]


def test_the_date_field_records_its_rule() -> None:
    from thaw.news.dates import date_field

    f = date_field(find_dates("on Thursday", dt.date(2025, 11, 1)))
    assert f is not None and f["iso"] == "2025-10-30" and f["precision"] == "day" and f["rule"]
