"""Events: inventory, triggers, own-phrase dates, planned and negated events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thaw.news.events import event_items, own_phrase
from thaw.news.sentences import Sentence

PUB = dt.date(2025, 11, 1)  # a Saturday


def _events(text: str) -> list[dict[str, Any]]:
    return [i.fields for i in event_items(Sentence(0, len(text), text), PUB)]


def test_each_event_takes_the_date_of_its_own_phrase() -> None:
    got = {
        f["type"]: f["date"]["iso"]
        for f in _events(
            "The premier arrived in Lima on Tuesday, after the ministers met in March 2024."
        )
    }
    assert got == {"visit": "2025-10-28", "meeting": "2024-03-01"}


def test_announcements_consultations_and_policy_releases_are_events() -> None:
    assert [f["type"] for f in _events("The minister announced on Monday a new plan.")] == [
        "announcement"
    ]
    assert [f["type"] for f in _events("Ottawa opened a consultation on batteries.")] == ["other"]
    assert "policy_release" in [f["type"] for f in _events("Seoul released its 2022 strategy.")]


def test_planned_and_negated_events() -> None:
    (f,) = _events("The two leaders will meet in Lima next week.")
    assert f["planned"] and f["trigger"] == "meet"
    assert _events("No agreement has been reached.") == []


def test_own_phrase_stops_at_a_new_clause() -> None:
    text = "They met on Monday, but the talks failed"
    a, b = own_phrase(text, 5, 8)
    assert text[a:b] == "They met on Monday"


def test_an_announced_measure_is_not_an_announcement_event() -> None:
    assert _events("The president announced a 10% tariff on steel.") == []
    found = {f["type"] for f in _events("The minister announced on Monday that talks failed.")}
    assert found == {"announcement", "meeting"}
    assert _events("No follow-up meeting has been announced.") == []


def test_an_agreement_named_as_a_rule_of_origin_is_not_an_event() -> None:
    assert _events("Goods that qualify under the free trade agreement are exempt.") == []


def test_two_dated_events_of_one_type_in_a_sentence_are_two_items() -> None:
    got = _events("Ng arrived in Lima on Wednesday and will travel to Quito on Saturday.")
    assert [(f["type"], f["date"]["iso"]) for f in got] == [
        ("visit", "2025-10-29"),
        ("visit", "2025-11-01"),
    ]


def test_a_reference_to_a_reported_ruling_and_a_goal_are_not_events() -> None:
    assert _events("The minister commented on the ruling.") == []
    assert _events("Both governments say they are open to talks.") == []
