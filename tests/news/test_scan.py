"""The first-character prefilter must not change what any extractor pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaw.news import (
    attributes,
    candidates,
    dates,
    events,
    figures,
    measures,
    page,
    quotes,
    sentences,
)
from thaw.news._scan import first_characters, prefiltered

WORDS = [
    "tariff",
    "Tariffs",
    "surtax",
    "canola",
    "Canola seed",
    "EVs",
    "evs",
    "met",
    "meeting",
    "Visit",
    "deal",
    "C$",
    "US$",
    "25%",
    "12.5 per cent",
    "three",
    "Three-day",
    "2024",
    "March 3",
    "last week",
    "Friday",
    "China's",
    "Ottawa",
    "U.S.",
    "Mr. Li",
    "Anne Marie Roy",
    "said",
    "“not now”",
    '"we will"',
    "would not",
    "if",
    "—",
    ";",
    "é",
    "İ",
    "\n",
]
text = st.lists(st.sampled_from(WORDS) | st.text(max_size=4), max_size=25).map(" ".join)


def _patterns() -> list[re.Pattern[str]]:
    found = [
        v
        for m in (attributes, candidates, dates, events, figures, measures, page, quotes, sentences)
        for v in vars(m).values()
        if isinstance(v, re.Pattern)
    ]
    found += [p for _, p in dates.PATTERNS] + [p for _, p in candidates.DIRECTIONS]
    found.append(attributes._product_scanner())
    return [p for p in found if p.pattern.startswith("(?=[")]


def test_the_extractor_uses_prefiltered_patterns() -> None:
    assert len(_patterns()) >= 20


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: p.pattern[:40])
@settings(max_examples=100, deadline=None)
@given(s=text)
def test_a_prefiltered_pattern_matches_exactly_what_the_plain_one_does(
    pattern: re.Pattern[str], s: str
) -> None:
    plain = re.compile(pattern.pattern.split("])(?:", 1)[1][:-1], pattern.flags)
    got = [(m.span(), m.groups()) for m in pattern.finditer(s)]
    assert got == [(m.span(), m.groups()) for m in plain.finditer(s)]


def test_first_characters_are_bounded_or_refused() -> None:
    assert first_characters(r"\b(?:tariffs?|(?:new )?levy)\b") == "lnt"
    assert first_characters(r"(?:C\$\s?)?\d+") == "C\\d"
    assert first_characters(r"x?") is None  # can match empty
    assert first_characters(r".b") is None
    assert first_characters(r"[^a]b") is None
    assert first_characters(r"(?i)ab") is None  # global flags stay where they are
    assert prefiltered(r"(?i)ab").pattern == r"(?i)ab"
    # inline case-insensitivity folds the letters it covers
    assert set(first_characters(r"(?i:a)|b") or "") == {"a", "A", "b"}
