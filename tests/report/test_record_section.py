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
