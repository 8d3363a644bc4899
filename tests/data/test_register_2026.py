"""The register as corrected on 2026-12-03 (record 2026: errors E1-E6, additions M1-M11, stale
items S1-S10): each new or changed record is checked the day before and the day it starts or
ends, through the rate stack that ``thaw.applied_rate`` returns from a database built from the
bundle, with CUSMA-conditional legs listed as conditional and kept out of the totals."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import thaw
from thaw.data.bundle import load_bundled_measures
from thaw.data.store import Store
from thaw.measures.model import Measure
from thaw.measures.stack import RateStack

RECORD_DATE = dt.date(2026, 12, 3)
MEASURES = load_bundled_measures()
BY_ID = {m.id: m for m in MEASURES}

#: Records added on 2026-12-03 (their sources must all carry a title).
NEW_IDS = {
    "usa-ieepa-energy-non-cusma-2025-03-07",
    "usa-ieepa-potash-non-cusma-2025-03-07",
    "usa-s232-auto-parts-2025",
    "usa-s232-copper-2025",
    "usa-s232-lumber-2025",
    "usa-s232-upholstered-furniture-2025",
    "usa-s232-upholstered-furniture-2027",
    "usa-s232-cabinets-vanities-2025",
    "usa-s232-cabinets-vanities-2027",
    "usa-s232-trucks-2025",
    "usa-s232-truck-parts-2025",
    "usa-s232-buses-2025",
    "usa-s122-non-cusma-2026",
    "usa-s301-investigation-2026",
    "can-steel-trq-2025-08",
    "can-steel-trq-2025-12",
    "can-steel-derivatives-auto-aero-2025",
    "can-countertariff-usa-autos-2025",
    "chn-butyl-rubber-ad-duty-2026",
}

#: Records the record of 2026-12-03 did not re-check: no ``verified`` day.
NOT_RECHECKED = {
    "can-mfn-steel-7208-relief",
    "can-surtax-remission-2026",
    "can-countertariff-usa-2025-03-13",
    "can-countertariff-usa-autos-2025",
    "can-pref-ceta-vehicles",
    "can-pref-ckfta-vehicles",
    "can-pref-cusma-vehicles",
    "chn-pea-starch-ad-investigation-2025",
    "usa-s232-auto-parts-2025",
}


@pytest.fixture(scope="module")
def reg(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One copy of the bundled database for the module (read by every query below)."""
    target = tmp_path_factory.mktemp("register2026") / "thaw.duckdb"
    shutil.copy(template_db, target)
    s = Store.open(target)
    yield s
    s.close()


IEEPA35 = {"usa-ieepa-non-cusma-2025-08-01": 35.0}


def rate(store: Store, importer: str, exporter: str, hs: str, on: str) -> RateStack:
    return thaw.applied_rate(importer, exporter, hs, on, store=store)


def conditional(stack: RateStack) -> dict[str, float | None]:
    return {c.measure_id: c.rate for c in stack.other if c.role == "conditional"}


def in_total(stack: RateStack) -> dict[str, float | None]:
    return {c.measure_id: c.rate for c in stack.components}


# -- totals the day before and the day of each change -----------------------------------------
@pytest.mark.parametrize(
    ("importer", "exporter", "hs", "on", "total", "duties", "conditional_legs"),
    [
        # E1: IEEPA on non-CUSMA goods to 2026-02-23; the s.122 surcharge from 2026-02-24
        ("USA", "CAN", "8471", "2026-02-23", 0.0, {}, {"usa-ieepa-non-cusma-2025-08-01": 35.0}),
        ("USA", "CAN", "8471", "2026-02-24", 0.0, {}, {"usa-s122-non-cusma-2026": 10.0}),
        # E2: potash paid 25% for three days, then 10% (not 25%/35%) on non-CUSMA goods
        ("USA", "CAN", "3104.20", "2025-03-06", 25.0, {"usa-ieepa-2025-03-04": 25.0}, {}),
        (
            "USA",
            "CAN",
            "3104.20",
            "2025-03-07",
            0.0,
            {},
            {"usa-ieepa-potash-non-cusma-2025-03-07": 10.0},
        ),
        (
            "USA",
            "CAN",
            "3104.20",
            "2025-09-01",
            0.0,
            {},
            {"usa-ieepa-potash-non-cusma-2025-03-07": 10.0},
        ),
        # E3: energy stayed at 10% on non-CUSMA goods; exempt from the s.122 surcharge
        ("USA", "CAN", "2710", "2025-03-06", 10.0, {"usa-ieepa-energy-2025-03-04": 10.0}, {}),
        (
            "USA",
            "CAN",
            "2710",
            "2025-09-01",
            0.0,
            {},
            {"usa-ieepa-energy-non-cusma-2025-03-07": 10.0},
        ),
        (
            "USA",
            "CAN",
            "2710",
            "2026-02-23",
            0.0,
            {},
            {"usa-ieepa-energy-non-cusma-2025-03-07": 10.0},
        ),
        ("USA", "CAN", "2710", "2026-02-24", 0.0, {}, {}),
        # E4/M2: s.122 surcharge 2026-02-24 to 2026-07-24; CUSMA leg conditional, others pay 10%
        ("USA", "CAN", "8471", "2026-07-24", 0.0, {}, {"usa-s122-non-cusma-2026": 10.0}),
        ("USA", "CAN", "8471", "2026-07-25", 0.0, {}, {}),
        ("USA", "CHN", "8471", "2026-02-23", 0.0, {}, {}),
        ("USA", "CHN", "8471", "2026-02-24", 10.0, {"usa-s122-global-2026": 10.0}, {}),
        ("USA", "CHN", "8471", "2026-07-24", 10.0, {"usa-s122-global-2026": 10.0}, {}),
        ("USA", "CHN", "8471", "2026-07-25", 0.0, {}, {}),
        # s.232 goods and energy are not charged the surcharge
        ("USA", "CHN", "7408.11.30", "2026-03-01", 0.0, {}, {}),
        ("USA", "CHN", "2709", "2026-03-01", 0.0, {}, {}),
        ("USA", "CAN", "4407.11.00", "2026-03-01", 10.0, {"usa-s232-lumber-2025": 10.0}, {}),
        # S3: the announced "+10%" never applied: on 2026-01-01 only the 35% IEEPA leg
        ("USA", "CAN", "8471", "2026-01-01", 0.0, {}, {"usa-ieepa-non-cusma-2025-08-01": 35.0}),
        # M1/S1: butyl rubber deposits (firm-specific, conditional) to 2026-03-13, 13.8% after
        (
            "CHN",
            "CAN",
            "4002.39",
            "2026-03-13",
            0.0,
            {},
            {"chn-butyl-rubber-ad-deposit-2025": None},
        ),
        ("CHN", "CAN", "4002.39", "2026-03-14", 13.8, {"chn-butyl-rubber-ad-duty-2026": 13.8}, {}),
        ("CHN", "CAN", "4002.39", "2031-03-13", 13.8, {"chn-butyl-rubber-ad-duty-2026": 13.8}, {}),
        ("CHN", "CAN", "4002.39", "2031-03-14", 0.0, {}, {}),
        # S4: canola meal: suspended to 2026-12-31; the 100% returns on 2027-01-01 (5% MFN + 100%)
        ("CHN", "CAN", "2306.41", "2026-02-28", 105.0, {"chn-additional-100pct-2025": 100.0}, {}),
        ("CHN", "CAN", "2306.41", "2026-03-01", 5.0, {"chn-mfn-canola-meal": 5.0}, {}),
        ("CHN", "CAN", "2306.41", "2026-12-31", 5.0, {"chn-mfn-canola-meal": 5.0}, {}),
        ("CHN", "CAN", "2306.41", "2027-01-01", 105.0, {"chn-additional-100pct-2025": 100.0}, {}),
        # M4: copper 50% from 2025-08-01, no CUSMA exemption; nothing changes on 2027-01-01
        (
            "USA",
            "CAN",
            "7408.11.30",
            "2025-07-31",
            0.0,
            {},
            {"usa-ieepa-non-cusma-2025-03-07": 25.0},
        ),
        # (the copper duty is charged on top of the IEEPA duty, which stays a conditional leg)
        ("USA", "CAN", "7408.11.30", "2025-08-01", 50.0, {"usa-s232-copper-2025": 50.0}, IEEPA35),
        ("USA", "CAN", "7408.11.30", "2026-12-31", 50.0, {"usa-s232-copper-2025": 50.0}, {}),
        ("USA", "CAN", "7408.11.30", "2027-01-01", 50.0, {"usa-s232-copper-2025": 50.0}, {}),
        # M5: lumber 10% from 2025-10-14 (no scheduled rise)
        # (from 2025-10-14 wood goods owed no IEEPA duty: that non-stacking is not encoded, so the
        # conditional legs are not checked on those days; None = not checked)
        ("USA", "CAN", "4407.11.00", "2025-10-13", 0.0, {}, IEEPA35),
        ("USA", "CAN", "4407.11.00", "2025-10-14", 10.0, {"usa-s232-lumber-2025": 10.0}, None),
        ("USA", "CAN", "4407.11.00", "2026-12-31", 10.0, {"usa-s232-lumber-2025": 10.0}, {}),
        ("USA", "CAN", "4407.11.00", "2027-01-01", 10.0, {"usa-s232-lumber-2025": 10.0}, {}),
        # M5: upholstered furniture 25% from 2025-10-14, 30% from 2027-01-01
        ("USA", "CAN", "9401.61.4011", "2025-10-13", 0.0, {}, IEEPA35),
        (
            "USA",
            "CAN",
            "9401.61.4011",
            "2025-10-14",
            25.0,
            {"usa-s232-upholstered-furniture-2025": 25.0},
            None,
        ),
        (
            "USA",
            "CAN",
            "9401.61.4011",
            "2026-12-31",
            25.0,
            {"usa-s232-upholstered-furniture-2025": 25.0},
            {},
        ),
        (
            "USA",
            "CAN",
            "9401.61.4011",
            "2027-01-01",
            30.0,
            {"usa-s232-upholstered-furniture-2027": 30.0},
            {},
        ),
        # M5: kitchen cabinets and vanities 25%, 50% from 2027-01-01
        (
            "USA",
            "CAN",
            "9403.40.9060",
            "2026-12-31",
            25.0,
            {"usa-s232-cabinets-vanities-2025": 25.0},
            {},
        ),
        (
            "USA",
            "CAN",
            "9403.40.9060",
            "2027-01-01",
            50.0,
            {"usa-s232-cabinets-vanities-2027": 50.0},
            {},
        ),
        # M6: trucks 25% from 2025-11-01 (CUSMA trucks on non-US content: conditional)
        ("USA", "CAN", "8704.23", "2025-10-31", 0.0, {}, {"usa-ieepa-non-cusma-2025-08-01": 35.0}),
        (
            "USA",
            "CAN",
            "8704.23",
            "2025-11-01",
            0.0,
            {},
            {"usa-ieepa-non-cusma-2025-08-01": 35.0, "usa-s232-trucks-2025": 25.0},
        ),
        # M6: buses 10% from 2025-11-01 (no CUSMA treatment)
        ("USA", "CAN", "8702", "2025-10-31", 0.0, {}, {"usa-ieepa-non-cusma-2025-08-01": 35.0}),
        # (buses owe no IEEPA duty on Canada from 2025-11-01: non-stacking not encoded, not checked)
        ("USA", "CAN", "8702", "2025-11-01", 10.0, {"usa-s232-buses-2025": 10.0}, None),
    ],
)
def test_totals_around_each_change(
    reg: Store,
    importer: str,
    exporter: str,
    hs: str,
    on: str,
    total: float,
    duties: dict[str, float],
    conditional_legs: dict[str, float | None] | None,
) -> None:
    s = rate(reg, importer, exporter, hs, on)
    assert s.total_ad_valorem == pytest.approx(total), s.summary()
    got = in_total(s)
    for mid, r in duties.items():
        assert got.get(mid) == pytest.approx(r), s.summary()
    if conditional_legs is not None:
        assert conditional(s) == conditional_legs, s.summary()


def test_potash_is_no_longer_charged_the_general_ieepa_rate(reg: Store) -> None:
    for on in ("2025-03-07", "2025-09-01", "2026-02-23"):
        s = rate(reg, "USA", "CAN", "3104.20", on)
        listed = {c.measure_id for c in (*s.components, *s.other)}
        assert not listed & {"usa-ieepa-non-cusma-2025-03-07", "usa-ieepa-non-cusma-2025-08-01"}
    assert "usa-ieepa-potash-non-cusma-2025-03-07" not in conditional(
        rate(reg, "USA", "CAN", "3104.20", "2026-02-24")
    )


def test_conditional_cusma_legs_carry_their_condition(reg: Store) -> None:
    s = rate(reg, "USA", "CAN", "8471", "2026-03-01")
    (leg,) = [c for c in s.other if c.measure_id == "usa-s122-non-cusma-2026"]
    assert leg.role == "conditional" and leg.note and "CUSMA" in leg.note
    trucks = rate(reg, "USA", "CAN", "8704.23", "2026-03-01")
    (t,) = [c for c in trucks.other if c.measure_id == "usa-s232-trucks-2025"]
    assert t.role == "conditional" and t.note and "non-US content" in t.note


# -- record fields ----------------------------------------------------------------------------
def test_ieepa_and_s122_dates() -> None:
    for mid in (
        "usa-ieepa-non-cusma-2025-08-01",
        "usa-ieepa-energy-non-cusma-2025-03-07",
        "usa-ieepa-potash-non-cusma-2025-03-07",
    ):
        assert BY_ID[mid].end == dt.date(2026, 2, 23), mid
    for mid in ("usa-s122-global-2026", "usa-s122-non-cusma-2026"):
        m = BY_ID[mid]
        assert (m.effective, m.end, m.ad_valorem) == (
            dt.date(2026, 2, 24),
            dt.date(2026, 7, 24),
            10,
        )
        assert m.disagreement and "15%" in m.disagreement
        assert m.open_question and "2026-07-24" in m.open_question
    assert BY_ID["usa-s122-global-2026"].targets.exclude == ("CAN", "MEX")
    assert BY_ID["usa-s122-non-cusma-2026"].condition


def test_scheduled_rises_apply_and_replace() -> None:
    for new, old, r in (
        ("usa-s232-upholstered-furniture-2027", "usa-s232-upholstered-furniture-2025", 30.0),
        ("usa-s232-cabinets-vanities-2027", "usa-s232-cabinets-vanities-2025", 50.0),
    ):
        m = BY_ID[new]
        assert m.status == "in_force" and m.effective == dt.date(2027, 1, 1)
        assert m.replaces == (old,) and m.ad_valorem == r
        assert BY_ID[old].end == dt.date(2026, 12, 31)
        assert not m.in_force(dt.date(2026, 12, 31)) and m.in_force(dt.date(2027, 1, 1))


def test_steel_trq_steps_are_time_bounded() -> None:
    steps = ["can-steel-trq-2025", "can-steel-trq-2025-08", "can-steel-trq-2025-12"]

    def live(on: dt.date) -> list[str]:
        return [i for i in steps if BY_ID[i].in_force(on)]

    assert live(dt.date(2025, 7, 31)) == ["can-steel-trq-2025"]
    assert live(dt.date(2025, 8, 1)) == ["can-steel-trq-2025-08"]
    assert live(dt.date(2025, 12, 25)) == ["can-steel-trq-2025-08"]
    assert live(dt.date(2025, 12, 26)) == ["can-steel-trq-2025-12"]
    assert BY_ID["can-steel-trq-2025-08"].announced == dt.date(2025, 7, 16)
    assert BY_ID["can-steel-trq-2025-12"].announced == dt.date(2025, 11, 26)


def test_other_corrections() -> None:
    assert BY_ID["can-melt-pour-surtax-2025"].announced == dt.date(2025, 7, 16)  # E5
    deposit = BY_ID["chn-butyl-rubber-ad-deposit-2025"]  # S1
    assert deposit.status == "ended" and deposit.end == dt.date(2026, 3, 13)
    duty = BY_ID["chn-butyl-rubber-ad-duty-2026"]  # M1
    assert duty.confidence == "M" and duty.replaces == (deposit.id,)
    assert BY_ID["usa-plus10-announced-2025-10"].status == "announced"  # S3: never applied
    exception = BY_ID["can-steel-derivatives-auto-aero-2025"]  # S8
    assert exception.end == dt.date(2026, 6, 30) and exception.remits == (
        "can-steel-derivatives-2025",
    )
    s301 = BY_ID["usa-s301-investigation-2026"]  # M9
    assert s301.kind == "investigation" and s301.effective == dt.date(2026, 3, 12)
    for mid in (  # S4, S5, S10 and the remission instrument stay open
        "chn-suspension-2026",
        "can-ev-quota-2026",
        "chn-pea-starch-ad-investigation-2025",
        "can-surtax-remission-2026",
        "usa-s301-investigation-2026",
    ):
        assert BY_ID[mid].open_question, mid


def test_every_open_question_has_a_future_or_recent_review_day() -> None:
    open_records = [m for m in MEASURES if m.open_question]
    assert len(open_records) >= 8
    for m in open_records:
        assert m.review_by is not None, m.id
        assert m.review_by >= RECORD_DATE - dt.timedelta(days=30), m.id
        assert m.review_by <= RECORD_DATE + dt.timedelta(days=366), m.id


def _complete(m: Measure) -> list[str]:
    problems = []
    for s in m.sources:
        if not (s.url.startswith(("http://", "https://")) and s.publisher and s.locator):
            problems.append(f"{m.id}: incomplete source {s.url}")
        if not s.published:
            problems.append(f"{m.id}: no published date on {s.url}")
        if m.id in NEW_IDS and not s.title:
            problems.append(f"{m.id}: no title on {s.url}")
    return problems


def test_every_record_has_complete_sources() -> None:
    assert set(BY_ID) >= NEW_IDS
    problems = [p for m in MEASURES for p in _complete(m)]
    assert problems == []


def test_verified_days_follow_the_record() -> None:
    for m in MEASURES:
        if m.id in NOT_RECHECKED or m.id.startswith(("chn-mfn-", "chn-provisional-")):
            assert m.verified is None, m.id
        else:
            assert m.verified == RECORD_DATE, m.id
