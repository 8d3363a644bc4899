"""The register link by publication date: candidates in force or announced then, "confirms" only
a measure in force then, every verdict with its register diff; claims grouped across outlets."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.news.fake_items import measure
from thaw.data.bundle import load_bundled_measures
from thaw.measures.model import Measure
from thaw.news.match import group_claims, link_measure, match_measure


@pytest.fixture(scope="module")
def register() -> tuple[Measure, ...]:
    return tuple(load_bundled_measures())


def test_the_diff_names_both_sides(register: tuple[Measure, ...]) -> None:
    f = measure(imposing="CHN", targeted="CAN", hs=["120510"], rates=[75.0], kind="antidumping")
    got = link_measure(f, dt.date(2025, 9, 1), register)
    assert got.verdict == "contradicts" and got.measure_id == "chn-canola-ad-deposit-2025"
    assert got.register_diff == (
        "article 75%; register 75.8% provisional deposit since 2025-08-14 until 2026-02-28 "
        "(chn-canola-ad-deposit-2025)"
    )
    # dotted codes as today's extractor gives them are read the same way
    same = link_measure({**f, "hs": ["1205.10"], "rates": [75.8]}, dt.date(2025, 9, 1), register)
    assert same.verdict == "confirms" and same.measure_id == "chn-canola-ad-deposit-2025"
    assert match_measure(f, dt.date(2025, 9, 1), register)[2] == got.register_diff


def test_no_confirmation_of_a_measure_that_ended(register: tuple[Measure, ...]) -> None:
    ieepa = measure(imposing="USA", targeted="CAN", rates=[25.0], action="in_force_mentioned")
    # in March 2025 the 25% IEEPA tariff was in force: confirmed
    march = link_measure(ieepa, dt.date(2025, 3, 5), register)
    assert (march.verdict, march.measure_id) == ("confirms", "usa-ieepa-2025-03-04")
    # in June 2026 it had ended (2026-02-23): never confirmed; the register's 10% contradicts
    june = link_measure(ieepa, dt.date(2026, 6, 10), register)
    assert june.verdict == "contradicts" and june.measure_id == "usa-s122-non-cusma-2026"
    assert "article 25%; register 10% additional duty since 2026-02-24" in june.register_diff
    # a past fact with its own date is recorded, confirmed through no ended measure
    dated = {**ieepa, "date": {"iso": "2025-03-04", "precision": "day", "text": "March 4"}}
    past = link_measure(dated, dt.date(2026, 6, 10), register)
    assert past.verdict == "confirms" and past.measure_id is None
    assert "usa-ieepa-2025-03-04" in past.register_diff and "ended 2025-03-06" in past.register_diff


def test_confirms_only_what_is_in_force_then(register: tuple[Measure, ...]) -> None:
    """Every economy pair, product, rate, action and date: a confirmed measure is in force."""
    by_id = {m.id: m for m in register}
    pairs = [("CHN", "CAN"), ("CAN", "CHN"), ("USA", "CAN")]
    products = [[], ["120510"], ["230641"], ["8703"], ["72"], ["0203"]]
    rates: list[list[float]] = [[], [25.0], [100.0], [75.8], [35.0]]
    actions = ["imposed", "in_force_mentioned", "lifted", "suspended", "raised", "proposed"]
    days = [dt.date(y, m, 15) for y in (2024, 2025, 2026) for m in (2, 6, 10)]
    confirmed = 0
    for (a, b), hs, r, act, day in itertools.product(pairs, products, rates, actions, days):
        got = link_measure(
            measure(imposing=a, targeted=b, hs=hs, rates=r, action=act), day, register
        )
        assert got.register_diff.startswith("article ")
        if got.verdict == "confirms" and got.measure_id is not None:
            confirmed += 1
            assert by_id[got.measure_id].in_force(day), (a, b, hs, r, act, day, got)
    assert confirmed > 20


def test_changes_against_the_register_state(register: tuple[Measure, ...]) -> None:
    meal = measure(imposing="CHN", targeted="CAN", hs=["230641"], rates=[100.0])
    suspended = link_measure({**meal, "action": "suspended"}, dt.date(2026, 3, 5), register)
    assert (suspended.verdict, suspended.measure_id) == ("confirms", "chn-suspension-2026")
    assert "suspended from 2026-03-01 until 2026-12-31" in suspended.register_diff
    lifted = link_measure({**meal, "action": "lifted"}, dt.date(2025, 10, 1), register)
    assert (lifted.verdict, lifted.measure_id) == ("lifted", "chn-additional-100pct-2025")
    ev = measure(imposing="CAN", targeted="CHN", hs=["8703"], rates=[100.0], kind="surtax")
    announced = link_measure(ev, dt.date(2024, 8, 26), register)
    assert (announced.verdict, announced.measure_id) == ("announced", "can-ev-surtax-2024")
    assert "announced 2024-08-26, from 2024-10-01" in announced.register_diff
    usa = measure(imposing="USA", targeted="CAN", action="raised")
    assert link_measure({**usa, "rates": [35.0]}, dt.date(2025, 8, 5), register).verdict == (
        "confirms"
    )
    raised = link_measure({**usa, "rates": [50.0]}, dt.date(2025, 8, 5), register)
    assert raised.verdict == "raised" and "35% additional duty" in raised.register_diff
    new = link_measure(
        measure(imposing="AUS", targeted="CHN", hs=["0203"], rates=[10.0]),
        dt.date(2025, 10, 27),
        register,
    )
    assert new.verdict == "new" and new.measure_id is None
    assert new.register_diff == "article 10%; register: nothing for AUS on CHN, 0203 on 2025-10-27"
    hedged = link_measure(
        {**meal, "action": "lifted", "hedged": True, "hedge": "no sign"},
        dt.date(2025, 10, 1),
        register,
    )
    assert hedged.register_diff.startswith("article 100%, lifted (hedged: no sign); register")


def test_an_undated_article_gets_no_verdict(register: tuple[Measure, ...]) -> None:
    f = measure(imposing="CHN", targeted="CAN", hs=["120510"], rates=[75.8], kind="antidumping")
    got = link_measure(f, None, register)
    assert got.verdict is None and got.measure_id is None
    assert "publication date unknown" in got.register_diff


def test_claims_are_grouped_across_outlets_with_their_disagreements() -> None:
    rows = []
    for n, (outlet, rate, hedged) in enumerate(
        (("A", 75.8, False), ("B", 75.8, True), ("C", 76.0, False))
    ):
        f = measure(
            imposing="CHN",
            targeted="CAN",
            hs=["120510" if n else "1205.10"],
            rates=[rate],
            kind="antidumping",
            hedged=hedged,
        )
        rows.append(
            {
                "item_id": f"i{n}",
                "kind": "measure",
                "fields": f,
                "outlet": outlet,
                "url": None,
                "sentence": f"s{n}",
                "verdict": "confirms",
            }
        )
    rows.append(
        {
            "item_id": "x",
            "kind": "measure",
            "outlet": "D",
            "url": None,
            "sentence": "s",
            "fields": measure(imposing="CHN", targeted="CAN", hs=["120510"], action="lifted"),
        }
    )
    groups = group_claims(rows)
    assert [len(g["claims"]) for g in groups] == [3, 1]  # "lifted" is another claim
    g = groups[0]
    assert g["outlets"] == ["A", "B", "C"] and g["item_ids"] == ["i0", "i1", "i2"]
    assert g["disagreement"] == "rates differ: 75.8% vs 76%"
    assert "hedged in B only" in g["disagreements"]


def test_a_reference_without_products_is_placed_by_kind_and_rate(
    register: tuple[Measure, ...],
) -> None:
    ref = measure(imposing="CHN", targeted="CAN", kind="antidumping", rates=[40.5])
    got = link_measure(ref, dt.date(2025, 9, 1), register)  # "deposits of up to 40.5%"
    assert (got.verdict, got.measure_id) == ("confirms", "chn-butyl-rubber-ad-deposit-2025")
    assert "26.2-40.5% provisional deposit" in got.register_diff
    odd = link_measure({**ref, "rates": [12.0]}, dt.date(2025, 9, 1), register)
    assert odd.verdict == "new"  # no measure of that kind and rate: a candidate, not a conflict
