"""A small builder of synthetic measures for the register's unit tests."""

from __future__ import annotations

from typing import Any

from thaw.measures.model import Measure

SOURCE = [{"url": "https://example.org/a", "publisher": "P", "published": "2025", "locator": "s.1"}]


def synthetic_measure(
    id: str,
    kind: str = "additional",
    rate: float | None = 10.0,
    hs: tuple[str, ...] = ("1205",),
    effective: str = "2025-01-01",
    **over: Any,
) -> Measure:
    """A validated CHN measure on Canada (or on all partners for kind 'mfn')."""
    rec: dict[str, Any] = {
        "id": id,
        "title": f"measure {id}",
        "imposing": "CHN",
        "targets": "ALL" if kind == "mfn" else ["CAN"],
        "products": {"hs": list(hs), "description": "test goods"},
        "kind": kind,
        "status": "in_force",
        "effective": effective,
        "sources": SOURCE,
    }
    if rate is not None:
        rec["rate"] = {"ad_valorem": rate}
    rec.update(over)
    return Measure.model_validate(rec)
