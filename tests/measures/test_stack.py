"""Stacking rules (docs/register.md), each checked on small synthetic registers."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.measures._build import synthetic_measure
from thaw.measures.model import Measure
from thaw.measures.stack import change_dates, stack_rates

SRC = [{"url": "https://example.org/a", "publisher": "P", "published": "2025", "locator": "s.1"}]
D = dt.date


m = synthetic_measure  # the register tests build their measures with one helper


def stack(
    ms: list[Measure], on: str = "2025-06-01", hs: str = "120510", exporter: str = "CAN", **kw: Any
) -> Any:
    return stack_rates(ms, importer="CHN", exporter=exporter, hs=hs, on=D.fromisoformat(on), **kw)


def test_base_plus_duties_add() -> None:
    s = stack([m("mfn", "mfn", 9.0), m("ad", "antidumping_deposit", 75.8)])
    assert s.total_ad_valorem == pytest.approx(84.8)
    assert [c.role for c in s.components] == ["base", "duty"]


def test_measures_outside_their_window_or_for_other_partners_do_not_apply() -> None:
    ms = [
        m("mfn", "mfn", 9.0),
        m("late", rate=50, effective="2025-07-01"),
        m("ended", rate=20, end="2025-05-31"),
        m("usa", rate=30, targets=["USA"]),
    ]
    assert stack(ms).measure_ids == ("mfn",)
    assert stack(ms, exporter="USA").total_ad_valorem == pytest.approx(39.0)


def test_most_specific_mfn_wins_and_preferential_beats_mfn() -> None:
    ms = [m("mfn4", "mfn", 9.0, hs=("1205",)), m("mfn8", "mfn", 3.0, hs=("1205.10.90",))]
    assert stack(ms, hs="12051090").base.measure_id == "mfn8"
    ms.append(m("fta", "preferential", 0.0, hs=("1205",), targets=["CAN"]))
    assert stack(ms, hs="12051090").base.measure_id == "fta"
    assert stack(ms, hs="12051090", exporter="USA").base.measure_id == "mfn8"


def test_missing_base_is_flagged() -> None:
    s = stack([m("dd", rate=25)])
    assert s.base_missing
    assert s.total_ad_valorem == 25
    assert any("no base" in n for n in s.notes)


def test_suspension_removes_only_where_it_covers_the_whole_code() -> None:
    duty = m("add", rate=100, hs=("2306.41", "0713.10", "1514"))
    susp = m(
        "susp",
        "suspension",
        rate=None,
        hs=("2306.41", "0713.10"),
        suspends=["add"],
        effective="2025-05-01",
        end="2025-12-31",
    )
    ms = [duty, susp]
    assert stack(ms, hs="230641").total_ad_valorem == 0
    assert stack(ms, hs="151419").total_ad_valorem == 100
    assert stack(ms, hs="230641", on="2026-01-01").total_ad_valorem == 100  # lapsed
    roles = {c.measure_id: c.role for c in stack(ms, hs="230641").other}
    assert roles == {"susp": "suspension", "add": "suspended"}


def test_replacement_drops_the_replaced_measure() -> None:
    dep = m("dep", "antidumping_deposit", 75.8)
    final = m("final", "antidumping_duty", 5.9, effective="2025-03-01", replaces=["dep"])
    s = stack([dep, final])
    assert s.total_ad_valorem == pytest.approx(5.9)
    assert [c.role for c in s.other] == ["replaced"]


def test_conditional_duties_are_listed_not_added() -> None:
    firm = Measure.model_validate(
        {
            **m("xx").model_dump(),
            "id": "firm",
            "kind": "antidumping_deposit",
            "rate": {"ad_valorem_range": [26.2, 40.5]},
            "condition": "firm-specific",
        }
    )
    s = stack([m("mfn", "mfn", 5.0), firm])
    assert s.total_ad_valorem == 5.0
    assert [(c.measure_id, c.role) for c in s.other] == [("firm", "conditional")]


def test_unconditional_remission_scales_the_remitted_duty() -> None:
    ms = [
        m("sur", "surtax", 100),
        m("rem", "remission", rate=None, remits=["sur"], remitted_share=40),
    ]
    assert stack(ms).total_ad_valorem == pytest.approx(60)
    conditional = [
        m("sur", "surtax", 100),
        m(
            "rem",
            "remission",
            rate=None,
            remits=["sur"],
            remitted_share=100,
            condition="case by case",
        ),
    ]
    assert stack(conditional).total_ad_valorem == pytest.approx(100)


def test_quota_gives_in_and_out_of_quota_totals() -> None:
    quota = {
        "volume": 49000,
        "unit": "vehicles",
        "period": "annual",
        "in_quota_rate": 0.0,
        "out_quota_rate": 50.0,
    }
    ms = [
        m("mfn", "mfn", 6.1),
        m("quota", "tariff_rate_quota", rate=None, quota=quota),
        m("other", rate=10),
    ]
    s = stack(ms)
    assert s.has_quota
    assert s.total_in_quota == pytest.approx(16.1)
    assert s.total_out_of_quota == pytest.approx(66.1)
    assert s.total_ad_valorem == s.total_in_quota
    replace = {**quota, "in_quota_rate": 6.1, "out_quota_rate": None, "rates_replace_base": True}
    s2 = stack([m("mfn", "mfn", 9.0), m("quota", "tariff_rate_quota", rate=None, quota=replace)])
    assert s2.total_in_quota == pytest.approx(6.1)
    assert s2.total_out_of_quota is None


def test_specific_duties_need_a_unit_value() -> None:
    spec = Measure.model_validate(
        {
            **m("xx").model_dump(),
            "id": "spec",
            "rate": {"specific": 50.0, "specific_unit": "t", "currency": "CNY"},
        }
    )
    s = stack([m("mfn", "mfn", 5.0), spec])
    assert s.total_ad_valorem == 5.0
    assert any("specific" in n for n in s.notes)
    s2 = stack([m("mfn", "mfn", 5.0), spec], unit_value=1000.0)
    assert s2.total_ad_valorem == pytest.approx(10.0)


def test_partial_coverage_is_reported() -> None:
    s = stack([m("ad", "antidumping_deposit", 75.8, hs=("1205.10.90",))], hs="120510")
    assert s.partial
    assert s.components[0].coverage == "partial"


def test_never_applied_statuses_are_ignored() -> None:
    s = stack([m("threat", rate=100, status="threatened", effective=None)])
    assert s.components == ()


# --- properties ------------------------------------------------------------------------------
rates = st.floats(min_value=0, max_value=200, allow_nan=False).map(lambda r: round(r, 3))
days = st.integers(min_value=0, max_value=900).map(lambda n: D(2024, 1, 1) + dt.timedelta(days=n))


@st.composite
def registers(draw: st.DrawFn) -> list[Measure]:
    n = draw(st.integers(min_value=0, max_value=6))
    out = [m("mfn", "mfn", draw(rates), effective="2024-01-01")]
    for i in range(n):
        start = draw(days)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
        end = None if length is None else (start + dt.timedelta(days=length)).isoformat()
        kind = draw(st.sampled_from(["additional", "surtax", "antidumping_deposit", "safeguard"]))
        out.append(
            m(
                f"d{i}",
                kind,
                draw(rates),
                effective=start.isoformat(),
                end=end,
                hs=(draw(st.sampled_from(["1205", "1205.10", "1205.10.90", "12"])),),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(registers(), days)
def test_total_is_base_plus_duties_in_force(ms: list[Measure], on: dt.date) -> None:
    s = stack_rates(ms, importer="CHN", exporter="CAN", hs="12051090", on=on)
    expected = sum(x.rate.ad_valorem for x in ms if x.in_force(on) and x.rate)  # type: ignore[misc]
    assert s.total_ad_valorem == pytest.approx(expected)


@settings(max_examples=100, deadline=None)
@given(registers(), days, st.randoms(use_true_random=False))
def test_stack_does_not_depend_on_register_order(ms: list[Measure], on: dt.date, rnd: Any) -> None:
    a = stack_rates(ms, importer="CHN", exporter="CAN", hs="12051090", on=on)
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    b = stack_rates(shuffled, importer="CHN", exporter="CAN", hs="12051090", on=on)
    assert a.total_ad_valorem == pytest.approx(b.total_ad_valorem)
    assert set(a.measure_ids) == set(b.measure_ids)


@settings(max_examples=100, deadline=None)
@given(registers(), rates)
def test_adding_a_duty_never_lowers_the_total(ms: list[Measure], extra: float) -> None:
    on = D(2025, 6, 1)
    before = stack_rates(ms, importer="CHN", exporter="CAN", hs="12051090", on=on)
    after = stack_rates(
        [*ms, m("extra", rate=extra, effective="2025-01-01")],
        importer="CHN",
        exporter="CAN",
        hs="12051090",
        on=on,
    )
    assert after.total_ad_valorem >= before.total_ad_valorem - 1e-9


@settings(max_examples=100, deadline=None)
@given(registers())
def test_the_stack_only_changes_on_change_dates(ms: list[Measure]) -> None:
    dates = change_dates(ms, importer="CHN", exporter="CAN", hs="12051090")
    for a, b in itertools.pairwise(dates):
        first = stack_rates(ms, importer="CHN", exporter="CAN", hs="12051090", on=a)
        last = stack_rates(
            ms, importer="CHN", exporter="CAN", hs="12051090", on=b - dt.timedelta(days=1)
        )
        assert first.measure_ids == last.measure_ids
