"""Figures: numbers with units, not years, not a measure's own rate."""

from __future__ import annotations

import datetime as dt

from thaw.news.extract import extract
from thaw.news.figures import figure_items
from thaw.news.sentences import sentences


def test_money_scales_durations_and_counts() -> None:
    text = "Exports of $2.2 billion fell, 4,000 workers left and a four-day visit began."
    got = [(f.fields["value"], f.fields["unit"]) for f in figure_items(text, sentences(text))]
    assert got == [(2.2e9, "money $ billion"), (4000.0, "workers"), (4.0, "days")]


def test_number_words_multiples_and_one_period_count() -> None:
    text = "Exports rose three per cent, more than double, within a year."
    got = [(f.fields["text"], f.fields["value"]) for f in figure_items(text, sentences(text))]
    assert got == [("three per cent", 3.0), ("double", 2.0), ("within a year", 1.0)]


def test_years_and_measure_rates_are_not_figures() -> None:
    text = "In 2024, Ottawa imposed a 100% surtax on Chinese EVs; prices rose 5%."
    figs = [i.fields["text"] for i in extract(text, dt.date(2025, 1, 1)) if i.kind == "figure"]
    assert figs == ["5%"]
