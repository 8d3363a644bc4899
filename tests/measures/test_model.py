from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from thaw.measures.model import Measure

SOURCE = {
    "url": "https://example.org/notice",
    "publisher": "Gazette",
    "published": "2025-03-08",
    "locator": "s.2",
}


def record(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "test-duty",
        "title": "A test duty",
        "imposing": "CHN",
        "targets": ["CAN"],
        "products": {"hs": ["1514"], "description": "canola oil"},
        "kind": "additional",
        "status": "in_force",
        "rate": {"ad_valorem": 100},
        "effective": "2025-03-20",
        "sources": [SOURCE],
    }
    base.update(over)
    return base


def test_valid_record() -> None:
    m = Measure.model_validate(record())
    assert m.targets.covers("CAN")
    assert not m.targets.covers("USA")
    assert m.rate_text() == "100%"


@pytest.mark.parametrize(
    ("over", "fragment"),
    [
        ({"end": "2025-01-01"}, "end 2025-01-01 is before effective"),
        ({"announced": "2025-04-01"}, "before announced"),
        ({"imposing": "XXX"}, "unknown economy"),
        ({"targets": ["Canada"]}, "did you mean CAN"),
        ({"products": {"hs": ["15a4"], "description": "x"}}, "only digits"),
        ({"rate": {"ad_valorem": 1500}}, "less than or equal to 1000"),
        ({"rate": {"ad_valorem": -1}}, "greater than or equal to 0"),
        ({"sources": []}, "at least 1"),
        ({"sources": [{**SOURCE, "url": "example.org"}]}, "http"),
        ({"sources": [{**SOURCE, "published": "March 2025"}]}, "YYYY-MM-DD"),
        ({"kind": "tariff_rate_quota"}, "needs a \\[quota\\]"),
        ({"kind": "mfn"}, "applies to all partners"),
        ({"kind": "suspension", "rate": None}, "suspends"),
        ({"rate": None}, "needs a rate"),
        ({"targets": ["CHN"]}, "cannot target itself"),
        ({"colour": "red"}, "Extra inputs"),
        ({"id": "Bad Id"}, "lower-case"),
        ({"rate": {"ad_valorem_range": [30, 20]}, "condition": "firms"}, "low <= high"),
        ({"rate": {"ad_valorem_range": [20, 30]}}, "condition"),
        ({"status": "in_force", "effective": None}, "needs an effective date"),
    ],
)
def test_invalid_records_are_refused_with_the_rule(over: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Measure.model_validate(record(**over))


def test_threatened_measure_needs_no_effective_date_and_never_applies() -> None:
    m = Measure.model_validate(record(status="threatened", effective=None))
    assert not m.in_force(__import__("datetime").date(2026, 1, 1))


def test_end_is_inclusive() -> None:
    import datetime as dt

    m = Measure.model_validate(record(end="2025-12-31"))
    assert m.in_force(dt.date(2025, 12, 31))
    assert not m.in_force(dt.date(2026, 1, 1))
    assert not m.in_force(dt.date(2025, 3, 19))
    assert m.in_force(dt.date(2025, 3, 20))
