"""The events chart: events and register milestones on one axis, phases as bands."""

from __future__ import annotations

from pathlib import Path

import pytest

import thaw
from thaw.errors import ThawError
from thaw.report.charts import events_chart


def test_the_events_chart_writes_html_and_png(db_path: Path, tmp_path: Path) -> None:
    listing = thaw.events(db=db_path)
    html = tmp_path / "events.html"
    png = tmp_path / "events.png"
    fig = listing.plot(html)
    page = html.read_text(encoding="utf-8")
    assert "<script src=" not in page  # plotly inlined
    assert "Phases and their sources" in page and "turning point" in page
    assert len(fig.layout.shapes) == len(listing.phases) == 4
    events_chart(listing, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_empty_selection_or_a_bad_suffix_is_an_error(db_path: Path, tmp_path: Path) -> None:
    empty = thaw.events("2010-01-01", "2010-12-31", include_measures=False)
    with pytest.raises(ThawError, match="nothing to draw"):
        empty.plot(tmp_path / "x.png")
    with pytest.raises(ThawError, match=r"\.png or \.html"):
        thaw.events(include_measures=False).plot(tmp_path / "x.svg")
