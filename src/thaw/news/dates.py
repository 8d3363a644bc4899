"""Dates in news text: absolute ones as written, relative ones resolved against the publication
date, each with the rule that resolved it and its precision (day, month, year, week).

General patterns, not phrases of particular articles:

* absolute: ``October 28, 2025``, ``28 October 2025``, ``2025-10-28``, ``December 2018``,
  ``Oct. 31`` (year from the publication date), ``in 2017``;
* month names alone: ``in March``, ``early September`` -> that month of the publication year,
  or of the year before when the month is after the publication month and the verb is past;
  ``last October`` -> the most recent October strictly before the publication month;
* weekdays: ``Monday`` / ``on Friday`` -> the nearest such day within the week before the
  publication date (news reports past days), or after it when the sentence is in the future
  (``will``, ``is set to``, ``plans to``);
* ``this week`` / ``later this week`` / ``next week`` / ``last week``, ``this year`` /
  ``last year`` / ``next year``, ``today`` / ``yesterday`` / ``tomorrow``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from thaw.news._scan import prefiltered

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
FUTURE = re.compile(
    r"\b(will|is set to|are set to|plans? to|planned|later this|next|upcoming|due to|"
    r"expected to|scheduled|starts?|begins?|takes? effect|comes? into force)\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    """A date in the text: ``start``/``end`` character offsets, the resolved ``date`` (first
    day of the period), its ``precision`` ('day', 'week', 'month', 'year') and the ``rule``."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str
    rule: str


def _month_year(month: int, published: dt.date, future: bool, last: bool) -> int:
    if last:
        return published.year if month < published.month else published.year - 1
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", prefiltered(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month day, year", prefiltered(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
    ("day month year", prefiltered(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b")),
    ("month year", prefiltered(rf"\b{_MONTH}\s+(\d{{4}})\b")),
    ("month day", prefiltered(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,\d]*\s*\d{{4}})")),
    ("last month", prefiltered(rf"\blast\s+{_MONTH}\b", re.I)),
    (
        "month",
        prefiltered(
            rf"\b(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough)\s+"
            rf"(?:early\s+|late\s+|mid-)?{_MONTH}\b(?!\s+\d)"
        ),
    ),
    (
        "relative week",
        prefiltered(r"\b(later this week|earlier this week|this week|next week|last week)\b", re.I),
    ),
    ("relative year", prefiltered(r"\b(this year|last year|next year)\b", re.I)),
    ("relative day", prefiltered(r"\b(today|yesterday|tomorrow)\b", re.I)),
    ("weekday", prefiltered(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    (
        "year",
        prefiltered(
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|of|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough|[Ee]arly|[Ll]ate)"
            r"\s+((?:19|20)\d{2})\b"
        ),
    ),
    # a year naming a thing: "the 2026 APEC summit", "the government's 2019 strategy"
    (
        "year modifier",
        prefiltered(r"(?:\b(?:the|a|its|their)|[’']s)\s+((?:19|20)\d{2})\s+(?=[A-Za-z])"),
    ),
]


# a cheap necessary condition for any pattern: a digit, a capitalised month or weekday, or a
# relative word (case-sensitive apart from the relative words' first letter: much faster)
_ANY = prefiltered(
    r"\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)|\b(?:[Ww]eek|[Yy]ear|[Tt]oday|[Yy]esterday|[Tt]omorrow|[Ll]ast|"
    r"LAST|TODAY)"
)


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date mention in ``text`` (one sentence or more), resolved against ``published``;
    overlapping matches keep the most specific (earliest pattern in :data:`PATTERNS`)."""
    if _ANY.search(text) is None:
        return []
    return list(_find_dates(text, published))


def has_date(text: str) -> bool:
    """A cheap necessary condition for a date in ``text`` (a digit, a month or weekday name, or
    a relative word): no date can be found where this is False."""
    return _ANY.search(text) is not None


def clear_cache() -> None:
    """Forget memoised date mentions (see :func:`thaw.news.extract.clear_caches`)."""
    _find_dates.cache_clear()


@lru_cache(maxsize=8192)
def _find_dates(text: str, published: dt.date) -> tuple[DateMention, ...]:
    sentence_future: bool | None = None  # found on first need
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    gates = {
        "digit": _DIGIT.search(text) is not None,
        "month": _MONTH_GATE.search(text) is not None,
        "weekday": _WEEKDAY_GATE.search(text) is not None,
        "relative": _RELATIVE_GATE.search(text) is not None,
    }
    for rule, pat in PATTERNS:
        if not all(gates[need] for need in _NEEDS[rule]):
            continue  # a cheap necessary condition fails: the pattern cannot match
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < b and e > a for a, b in taken):
                continue
            if sentence_future is None:
                sentence_future = bool(FUTURE.search(text))
            found = _resolve(rule, m, published, _tense(text, s, sentence_future))
            if found is None:
                continue
            date, precision, how = found
            taken.append((s, e))
            out.append(DateMention(s, e, m.group(0), date, precision, how))
    return tuple(sorted(out, key=lambda d: d.start))


_DIGIT = re.compile(r"\d")
_MONTH_GATE = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
)
_WEEKDAY_GATE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_RELATIVE_GATE = re.compile(r"[Ww]eek|[Yy]ear|[Tt]oday|[Yy]esterday|[Tt]omorrow|WEEK|YEAR|TODAY")
# what each pattern needs in the text to match at all
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",),
    "month day, year": ("digit", "month"),
    "day month year": ("digit", "month"),
    "month year": ("digit", "month"),
    "month day": ("digit", "month"),
    "last month": ("month",),
    "month": ("month",),
    "relative week": ("relative",),
    "relative year": ("relative",),
    "relative day": ("relative",),
    "weekday": ("weekday",),
    "year": ("digit",),
    "year modifier": ("digit",),
}


# past-tense verbs that, nearer a date than any future cue, make it a past date
PAST = re.compile(
    r"\b(?:took|came|began|was|were|had|did|said|announced|met|signed|\w{3,}ed)\b", re.I
)


def _tense(text: str, at: int, default: bool) -> bool:
    """Whether the date at ``at`` is read in the future: the nearer of a future cue and a past
    verb in the 60 characters before it decides; else the sentence's tense (``default``)."""
    window = text[max(0, at - 60) : at]
    fut = [m.end() for m in FUTURE.finditer(window)]
    past = [m.end() for m in PAST.finditer(window)]
    if not fut and not past:
        return default
    return max(fut, default=-1) > max(past, default=-1)


def _resolve(
    rule: str, m: re.Match[str], published: dt.date, future: bool
) -> tuple[dt.date, str, str] | None:
    g = m.groups()
    try:
        if rule == "iso":
            return dt.date(int(g[0]), int(g[1]), int(g[2])), "day", "as written"
        if rule == "month day, year":
            return dt.date(int(g[2]), MONTHS[g[0].lower()], int(g[1])), "day", "as written"
        if rule == "day month year":
            return dt.date(int(g[2]), MONTHS[g[1].lower()], int(g[0])), "day", "as written"
        if rule == "month year":
            return dt.date(int(g[1]), MONTHS[g[0].lower()], 1), "month", "as written"
        if rule == "month day":
            month = MONTHS[g[0].lower()]
            year = _month_year(month, published, future, last=False)
            return dt.date(year, month, int(g[1])), "day", f"year {year} from the publication date"
        if rule == "last month":
            month = MONTHS[g[0].lower()]
            year = _month_year(month, published, future, last=True)
            return dt.date(year, month, 1), "month", "'last <month>': the latest before publication"
        if rule == "month":
            month = MONTHS[g[0].lower()]
            year = _month_year(month, published, future, last=False)
            tense = "future" if future else "past"
            return dt.date(year, month, 1), "month", f"month alone, {tense} tense: {year}"
        if rule == "relative week":
            phrase = g[0].lower()
            monday = published - dt.timedelta(days=published.weekday())
            shift = {"next week": 7, "last week": -7}.get(phrase, 0)
            return (
                monday + dt.timedelta(days=shift),
                "week",
                f"'{phrase}' from the publication date",
            )
        if rule == "relative year":
            phrase = g[0].lower()
            year = published.year + {"last year": -1, "next year": 1}.get(phrase, 0)
            return dt.date(year, 1, 1), "year", f"'{phrase}' from the publication year"
        if rule == "relative day":
            phrase = g[0].lower()
            day = published + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(phrase, 0))
            return day, "day", f"'{phrase}' from the publication date"
        if rule == "weekday":
            target = WEEKDAYS.index(g[0].lower())
            delta = (target - published.weekday()) % 7
            if future:
                day = published + dt.timedelta(days=delta)
                how = "the next such day (future tense)"
            else:
                day = published - dt.timedelta(days=(published.weekday() - target) % 7)
                how = "the latest such day on or before publication"
            return day, "day", how
        if rule in ("year", "year modifier"):
            return dt.date(int(g[0]), 1, 1), "year", "as written"
    except ValueError:
        return None
    return None


def date_field(mentions: list[DateMention] | tuple[DateMention, ...]) -> dict[str, Any] | None:
    """The item contract's ``date`` of the first mention: ``iso`` (also under the old key
    ``date``), ``precision``, ``rule`` and the phrase ``text``; None without a mention."""
    if not mentions:
        return None
    d = mentions[0]
    iso = d.date.isoformat()
    return {"iso": iso, "date": iso, "text": d.text, "precision": d.precision, "rule": d.rule}


def nearest(mentions: list[DateMention] | tuple[DateMention, ...], at: int) -> list[DateMention]:
    """``mentions`` ordered by their distance from offset ``at`` (a date after it first on a
    tie): an item's date is the one of its own phrase, not the sentence's first."""
    return sorted(mentions, key=lambda d: (min(abs(d.start - at), abs(d.end - at)), d.start < at))
