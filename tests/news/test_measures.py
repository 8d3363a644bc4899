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


def test_a_possessive_side_owns_the_measure_even_next_to_a_product() -> None:
    (f,) = _items("The review covers the Korean side’s 30% tariff on Japanese cars.")
    assert (f["imposing"], f["targeted"]) == ("KOR", "JPN")


def test_a_currency_in_parentheses_never_stands_in_as_the_imposer() -> None:
    got = _items("Seoul levied $1.2 billion (U.S.) of duties on Japanese steel.")
    assert all(f["imposing"] != "USA" for f in got)
    assert (got[0]["imposing"], got[0]["targeted"]) == ("KOR", "JPN")


def test_a_participial_response_clause_is_a_measure_of_its_own() -> None:
    got = _items(
        "Tokyo will impose tariffs on Korean pork, officials said, "
        "hitting back at the levies Seoul put on Japanese steel."
    )
    assert [(f["imposing"], f["targeted"], f["hs"]) for f in got] == [
        ("JPN", "KOR", ["0203"]),
        ("KOR", "JPN", ["72"]),
    ]


def test_an_unnamed_target_is_the_economy_the_article_names_most() -> None:
    memory: dict[str, Any] = {}
    _items("Exporters in South Korea have lost ground in Japan.", memory)
    _items("South Korea ships more pork to Japan than anyone.", memory)
    (f,) = _items("Tokyo’s 20% duty on pork remains.", memory)
    assert (f["imposing"], f["targeted"], f["economies_inferred"]) == ("JPN", "KOR", True)


def test_its_office_or_the_sentence_before_carries_the_economies_acting_last() -> None:
    memory: dict[str, Any] = {}
    _items("Seoul put a 25% tariff on Japanese cars.", memory)
    _items("Seoul added a 10% duty on Japanese cars.", memory)
    _items("Tokyo set a 5% duty on Korean steel.", memory)
    _items("Talks resumed on Monday.", memory)
    (f,) = _items("Its customs agency will then stop levying the 10% tariff on pork.", memory)
    assert (f["imposing"], f["targeted"]) == ("JPN", "KOR")
    # the sentence just before named the sides, not the article's most frequent pair
    (g,) = _items("Steel still pays 10 per cent.", memory)
    assert (g["imposing"], g["targeted"]) == ("JPN", "KOR")


def test_a_new_subject_after_and_starts_a_clause_of_its_own() -> None:
    got = _items(
        "Tokyo will cut its duties on pork only if Seoul drops its own, "
        "and Lee’s team has shown no sign it will lift the tariff on Japanese steel."
    )
    assert len(got) == 3
    assert got[-1]["hs"] == ["72"] and got[-1]["action"] == "lifted"
    (a, b) = _items("Beef faces the same rate, and pork and crab pay 30 per cent.")
    assert (a["hs"], b["hs"], b["rate_pct"]) == ([], ["0203", "0306"], 30.0)


def test_in_effect_states_a_measure_in_force() -> None:
    (f,) = _items("The Japanese tariffs are now in effect.")
    assert f["action"] == "in_force_mentioned"


def test_a_deposit_on_a_product_and_goods_that_stay_exempt_are_measures() -> None:
    (f,) = _items("Brokers expect a deposit on Korean pork within weeks.")
    assert f["hs"] == ["0203"]
    assert _items("Goods that meet the rules of origin stay exempt.") != []
    assert _items("Farm machinery is exempt from inspection.") == []


def test_an_economy_before_the_measure_word_makes_it_a_measure_not_the_generic_word() -> None:
    (f,) = _items("Exporters are cautious at a time of Japanese tariffs.")
    assert f["imposing"] == "JPN"
    assert _items("Exporters are cautious at a time of tariffs.") == []


def test_a_final_duty_still_to_come_is_a_hedged_imposition() -> None:
    (f,) = _items("It is not yet a final duty.")
    assert (f["action"], f["hedged"]) == ("imposed", True)


def test_a_relative_clause_with_a_rate_of_its_own_is_a_measure() -> None:
    got = _items(
        "The EV surtax shields carmakers that mostly sell to Japan, which is itself now taxing "
        "Korean goods at 15 per cent."
    )
    assert [f["rate_pct"] for f in got] == [None, 15.0]


def test_a_measure_withdrawn_until_some_day_is_a_prospective_lift() -> None:
    got = _items("Seoul’s counter-tariffs will stay until the Japanese trade action is withdrawn.")
    assert got[-1]["action"] == "lifted" and got[-1]["hedged"] is True


def test_an_economy_named_as_outside_a_measure_is_not_its_target() -> None:
    memory: dict[str, Any] = {}
    _items("South Korea and Japan trade more pork than South Korea and Mexico.", memory)
    (f,) = _items("Tokyo’s 20% duty on pork has shut out our best buyer outside Mexico.", memory)
    assert f["targeted"] == "KOR"


def test_a_rate_segment_keeps_its_own_products_only() -> None:
    got = _items("Seoul’s 25% tariff on most Japanese goods, with a 10% rate on energy.")
    assert [(f["rate_pct"], f["hs"]) for f in got] == [(25.0, []), (10.0, ["27"])]


def test_a_second_measure_joined_by_alongside_is_an_item_of_its_own() -> None:
    got = _items(
        "The levy, approved in May alongside the 15% surtax on Korean steel, starts in June."
    )
    assert len(got) == 2
    assert got[1]["rate_pct"] == 15.0 and got[1]["hs"] == ["72"]
    assert got[0]["rate_pct"] is None  # "The levy": definite at the start of a sentence too


def test_an_economy_name_modifying_the_measure_word_is_its_imposer() -> None:
    (f,) = _items("Xi met Lee to talk about closer ties at a time of U.S. tariffs.")
    assert f["imposing"] == "USA" and f["imposing_basis"] == "name"
    (g,) = _items("The U.S. 25 per cent tariff on Korean steel still applies.")
    assert (g["imposing"], g["targeted"]) == ("USA", "KOR")


def test_a_non_prefixed_adjective_names_no_economy() -> None:
    (f,) = _items("The U.S. tariff applies to the non-Japanese content of Korean steel.")
    assert (f["imposing"], f["targeted"]) == ("USA", "KOR")


def test_the_one_on_a_product_after_a_verb_of_change_is_a_measure() -> None:
    got = _items("Tokyo would drop its duties if Seoul lifts the one on steel.")
    assert got[-1]["hs"] == ["72"] and got[-1]["action"] == "lifted"
    assert _items("Seoul liked the one on the left.") == []


def test_a_choice_of_changes_gives_one_hedged_item_per_change() -> None:
    got = _items("A final ruling could raise, lower or confirm the rate on Korean pork.")
    assert [(f["action"], f["hedged"]) for f in got] == [("raised", True), ("lowered", True)]


def test_a_definite_surtax_refers_to_the_last_surtax_named() -> None:
    memory: dict[str, Any] = {}
    _items("Seoul put a 20% surtax on Japanese steel.", memory)
    _items("Tokyo set a 5% tariff on Korean pork.", memory)
    _items("Trade talks resumed on Monday.", memory)
    (f,) = _items("The surtaxes are imposed under a customs law.", memory)
    assert (f["imposing"], f["targeted"], f["economies_inferred"]) == ("KOR", "JPN", True)


def test_a_longer_verb_phrase_decides_over_the_verb_it_holds() -> None:
    (f,) = _items("Seoul agreed to stop charging its duties on Japanese pork in May.")
    assert f["action"] == "suspended"


def test_growth_to_an_approximate_figure_is_a_raise() -> None:
    (f,) = _items("The Korean quota could grow to about 80,000 cars within five years.")
    assert (f["action"], f["hedged"]) == ("raised", True)


def test_its_termination_is_the_lifting_of_the_measure_named_before() -> None:
    memory: dict[str, Any] = {}
    _items("Seoul’s 20% surtax on Japanese steel no longer applies.", memory)
    (f,) = _items("Seoul had announced its termination in May.", memory)
    assert (f["action"], f["imposing"], f["targeted"]) == ("lifted", "KOR", "JPN")
