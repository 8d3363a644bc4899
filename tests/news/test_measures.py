"""Measures in register units: rates, targets, both sides, back-references, spans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thaw.news.measures import measure_items
from thaw.news.sentences import Sentence

PUB = dt.date(2025, 11, 1)


def _items(text: str, memory: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [i.fields for i in measure_items(Sentence(0, len(text), text), PUB, "", memory)]


def test_two_rates_give_two_items_with_their_products() -> None:
    got = _items("Seoul put a 20% tariff on steel and a 5% levy on pork.")
    assert [(f["rate_pct"], f["hs"]) for f in got] == [(20.0, ["72"]), (5.0, ["0203"])]


def test_a_move_from_one_rate_to_another_gives_the_change_and_the_old_level() -> None:
    got = _items("Seoul cut its tariff on pork from 25% to 10%.")
    assert [(f["rate_pct"], f["action"]) for f in got] == [
        (10.0, "lowered"),
        (25.0, "in_force_mentioned"),
    ]
    (f,) = _items("Seoul set deposits of 26.2 to 40.5 per cent on pork.")
    assert f["rate_pct"] is None  # a range: no single rate


def test_a_list_of_targets_gives_one_item_per_target() -> None:
    got = _items("Washington imposed a 25% tariff on Canada, Mexico and China.")
    assert [(f["imposing"], f["targeted"]) for f in got] == [
        ("USA", "CAN"),
        ("USA", "MEX"),
        ("USA", "CHN"),
    ]


def test_both_sides_take_the_pair_from_earlier_measures() -> None:
    memory: dict[str, Any] = {}
    _items("Tokyo imposed a 10% tariff on Korean steel.", memory)
    got = _items("Both sides have since traded tariffs.", memory)
    assert {(f["imposing"], f["targeted"]) for f in got} == {("JPN", "KOR"), ("KOR", "JPN")}


def test_a_back_reference_takes_products_and_economies_from_context() -> None:
    memory: dict[str, Any] = {}
    _items("Tokyo imposed a 10% tariff on Korean steel.", memory)
    (f,) = _items("Last week the duties were lifted.", memory)
    assert (f["imposing"], f["targeted"], f["economies_inferred"]) == ("JPN", "KOR", True)
    assert f["action"] == "lifted"


def test_a_hedged_change_keeps_its_verb_and_the_span_is_the_clause() -> None:
    text = "Prices rose, but Ottawa has given no sign it will repeal the surtax on steel."
    (item,) = measure_items(Sentence(0, len(text), text), PUB)
    f = item.fields
    assert (f["action"], f["hedged"], f["kind"]) == ("lifted", True, "surtax")
    assert "Ottawa has given" in text[item.start : item.end]
    assert f["imposing_basis"] == "capital"


def test_taking_effect_imposes_and_a_rate_paid_is_a_measure() -> None:
    (f,) = _items("The 10% duty on Korean steel takes effect on Monday.")
    assert (f["action"], f["hedged"]) == ("imposed", False)
    (g,) = _items("Pork pays 25 per cent at the border.")
    assert (g["rate_pct"], g["action"]) == (25.0, "in_force_mentioned")


def test_an_unanswered_reply_is_a_threat_and_a_pending_final_duty_is_hedged() -> None:
    (f,) = _items("He did not say whether Seoul would respond with duties of its own.")
    assert (f["action"], f["hedged"]) == ("threatened", True)
    (g,) = _items("A final duty on Korean steel is months away.")
    assert (g["action"], g["hedged"]) == ("imposed", True)


def test_extra_duties_raise_and_every_origin_is_all() -> None:
    (f,) = _items("Tokyo added an extra 10% tariff on Korean steel.")
    assert f["action"] == "raised"
    (g,) = _items("Washington imposed a 10% global tariff.")
    assert (g["imposing"], g["targeted"]) == ("USA", "ALL")


def test_several_headings_of_chapter_03_stand_for_the_chapter() -> None:
    from thaw.news.measures import collapse_chapters

    assert collapse_chapters(["0306", "0307", "0203"]) == ["0203", "03"]
    assert collapse_chapters(["0306", "0203"]) == ["0203", "0306"]


def test_a_person_or_a_made_in_phrase_gives_the_economies() -> None:
    (f,) = _items("Trump imposed a 25% tariff on cars made in Japan.")
    assert (f["imposing"], f["targeted"], f["imposing_basis"]) == ("USA", "JPN", "person:Trump")


def test_a_package_and_its_components_are_items_of_their_own() -> None:
    got = _items(
        "Ottawa set the levies: a 100% surtax on Chinese EVs and a 25% surtax on Chinese steel."
    )
    assert [f["rate_pct"] for f in got] == [None, 100.0, 25.0]
    assert got[0]["hs"] == ["72", "8703"]
    assert {f["action"] for f in got} == {"imposed"}  # the components inherit the action


def test_a_pronoun_after_a_measure_is_changed_with_the_measure_inferred() -> None:
    memory: dict[str, Any] = {}
    _items("Tokyo imposed a 10% tariff on Korean steel.", memory)
    (f,) = _items("Two days later he paused them for 30 days.", memory)
    assert (f["action"], f["imposing"], f["economies_inferred"]) == ("suspended", "JPN", True)
    assert _items("He paused them.") == []  # nothing named before: no measure
