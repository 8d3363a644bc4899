"""The report's "Record as of / what changes next" section: from the register passed in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import thaw
from thaw.report.report import report_html


def test_report_says_how_fresh_the_register_is_and_what_changes_next(db_path: Path) -> None:
    register = list(thaw.measures(db=db_path))
    result = thaw.simulate("arrangement-2026", draws=0, register=register)
    page = report_html(result, "", register, on=dt.date(2026, 12, 3))
    assert "Record as of / what changes next" in page
    assert "chn-suspension-2026" in page and "2027-01-01" in page and "not known" in page
    assert "2026-12-03" in page and "2027-01-31" in page
    assert "Record as of" not in report_html(result, "")  # no register given: no section


def test_report_draws_the_events_on_one_time_axis_when_given_them(db_path: Path) -> None:
    register = list(thaw.measures(db=db_path))
    listing = thaw.events(start="2025-01-01", db=db_path)
    result = thaw.simulate("snapback-2027", draws=0, register=register)
    page = report_html(result, "", register, events=listing)
    assert "The relationship over time" in page
    # one point per event in the chart's data, and the phases as bands
    assert page.count("The relationship over time") == 1
    assert "turning point" in page
    assert "The relationship over time" not in report_html(result, "", register)
