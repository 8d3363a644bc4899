"""The bundled data: every record validates and carries its sources; key facts check out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from thaw.data.bundle import bundled_flows_file, load_bundled_flows, load_bundled_measures
from thaw.measures.stack import stack_rates

MEASURES = load_bundled_measures()


def test_every_bundled_measure_has_well_formed_sources() -> None:
    assert len(MEASURES) >= 40
    for m in MEASURES:
        assert m.sources, m.id
        for s in m.sources:
            assert s.url.startswith(("http://", "https://")) and s.publisher and s.locator, m.id


def test_cross_references_resolve() -> None:
    ids = {m.id for m in MEASURES}
    for m in MEASURES:
        for ref in (*m.suspends, *m.replaces, *m.remits):
            assert ref in ids, f"{m.id} refers to unknown {ref}"


def test_the_dispute_measures_are_all_there() -> None:
    """Fact-sheet rows C1-C7, P1-P6 and U1-U3 each have at least one register entry."""
    expected = {
        "C1": "can-ev-surtax-2024",
        "C2": "can-steel-aluminum-surtax-2024",
        "C3": "can-surtax-remission-2025",
        "C4": "can-steel-trq-2025",
        "C5": "can-melt-pour-surtax-2025",
        "C6": "can-steel-derivatives-2025",
        "C7": "can-ev-quota-2026",
        "P1": "chn-antidiscrimination-investigation-2024",
        "P2": "chn-additional-100pct-2025",
        "P3": "chn-additional-25pct-2025",
        "P4": "chn-canola-ad-deposit-2025",
        "P5": "chn-butyl-rubber-ad-deposit-2025",
        "P6": "chn-pea-starch-ad-investigation-2025",
        "U1": "usa-ieepa-2025-03-04",
        "U2": "usa-s232-steel-aluminum-50",
        "U3": "usa-s232-autos-2025",
    }
    ids = {m.id for m in MEASURES}
    assert set(expected.values()) <= ids


@pytest.mark.parametrize(
    ("importer", "exporter", "hs", "on", "total"),
    [
        # Canada's own figures (fact sheet §2.2, §5 #1): "about 85%" before, "about 15%" after
        ("CHN", "CAN", "12051090", "2025-09-01", 84.8),
        ("CHN", "CAN", "12051090", "2026-03-01", 14.9),
        ("CHN", "CAN", "12051090", "2025-08-13", 9.0),
        # EV surtax: 100% on top of the 6.1% MFN = 106.1% (fact sheet C1)
        ("CAN", "CHN", "87038000", "2024-10-01", 106.1),
        ("CAN", "CHN", "87038000", "2026-02-28", 106.1),
        ("CAN", "CHN", "87038000", "2026-03-01", 6.1),
        # canola meal and peas: 100% from 2025-03-20, suspended 2026-03-01 to 2026-12-31
        ("CHN", "CAN", "230641", "2025-03-20", 105.0),
        ("CHN", "CAN", "230641", "2026-06-01", 5.0),
        ("CHN", "CAN", "230641", "2027-01-01", 105.0),
        ("CHN", "CAN", "07131090", "2026-06-01", 5.0),
        # canola oil stays at 100%
        ("CHN", "CAN", "151419", "2026-06-01", 109.0),
        # frozen pork stays at 25% on top of the 12% MFN
        ("CHN", "CAN", "020329", "2026-06-01", 37.0),
        # live snow crab: 25% suspended in 2026
        ("CHN", "CAN", "0306339910", "2025-06-01", 32.0),
        ("CHN", "CAN", "0306339910", "2026-06-01", 7.0),
        # other countries' canola seed pays only MFN
        ("CHN", "AUS", "12051090", "2025-09-01", 9.0),
    ],
)
def test_bundled_stack_matches_the_published_figures(
    importer: str, exporter: str, hs: str, on: str, total: float
) -> None:
    s = stack_rates(
        MEASURES, importer=importer, exporter=exporter, hs=hs, on=dt.date.fromisoformat(on)
    )
    assert s.total_ad_valorem == pytest.approx(total)


def test_ev_quota_reports_the_quota() -> None:
    s = stack_rates(MEASURES, importer="CAN", exporter="CHN", hs="87038000", on=dt.date(2026, 6, 1))
    assert s.has_quota
    assert s.total_in_quota == pytest.approx(6.1)
    assert s.total_out_of_quota is None  # unresolved in the sources (fact sheet §5 #16)


@pytest.mark.skipif(not bundled_flows_file().exists(), reason="flows.csv not bundled yet")
def test_every_bundled_flow_is_sourced_and_valid() -> None:
    frame = load_bundled_flows()
    assert len(frame) >= 40
    for col in ("source_url", "publisher", "published", "locator"):
        assert frame[col].notna().all(), col
    assert (frame["value"].notna() | frame["quantity"].notna()).all()
    derived = frame[frame["derived_from"].notna()]
    assert (derived["confidence"].isin(["L", "M"])).all()


def test_rates_in_the_register_appear_in_the_fact_sheet(shared: Path) -> None:
    """Each additional duty's rate is a figure the project's fact sheet, or the record of
    2026-12-03 that corrects and extends it (e.g. the 13.8% butyl-rubber duty, M1), reports."""
    facts = (shared / "docs" / "facts.md").read_text(encoding="utf-8")
    numbers = {float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", facts)}
    record = shared / "docs" / "record-2026.md"
    if record.exists():  # the record writes "13.8 %" with a space
        text = record.read_text(encoding="utf-8")
        numbers |= {float(x) for x in re.findall(r"(\d+(?:\.\d+)?)\s?%", text)}
    for m in MEASURES:
        if (
            m.kind in {"surtax", "additional", "antidumping_deposit", "antidumping_duty"}
            and m.rate
            and m.rate.ad_valorem is not None
        ):
            assert m.rate.ad_valorem in numbers, m.id
