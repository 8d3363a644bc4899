"""Figures: numbers with a unit (number words count); not dates, years, ordinals, nor a rate
that belongs to a measure item.

Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from thaw.news._scan import lower_same_length, lowered, prefiltered
from thaw.news.item import Item
from thaw.news.sentences import Sentence

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
HYPHEN_FIGURE = prefiltered(
    r"\b(?P<num>\d+|" + "|".join(NUMBER_WORDS) + r")-(?P<unit>day|week|month|year|hour|minute)\b",
    re.I,
)
FIGURE = prefiltered(
    r"(?:(?P<cur>C\$|US\$|\$|€|¥)\s?)?(?<![\w.])(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")(?:(?:-(?=per)|\s*)(?P<unit>%|percentage points?\b|per[ -]?cent\b|percent\b|"
    r"billion\b|million\b|trillion\b|"
    r"yuan\b|euros?\b|dollars?\b|"
    r"(?:(?!(?:in|for|of|to|and|the|from|by)\b)[a-z-]+\s){0,2}?(?:days?|minutes?|hours?|weeks?|"
    r"months?|years?|people|Canadians|citizens|tonnes|tons|vehicles|units|products|visitors|"
    r"tourists|farmers|workers|employees|executives|officials|delegates|jobs|cars|EVs|trucks|"
    r"cargoes|shipments|containers|exporters|importers|buyers|companies|firms|quarters|periods|"
    r"areas|investigations|items|initiatives|cases|decades?|cents)\b))?",
    re.I,
)


# number words of a multiple or a fraction, and "a year", "a week later": figures too
MULTIPLE = lowered(
    r"\b(?P<word>double[sd]?|doubling|triple[sd]?|tripling|half|three-quarters|two-thirds|"
    r"decade-long)\b"
)
MULTIPLES = {
    "double": (2.0, "times"),
    "triple": (3.0, "times"),
    "half": (0.5, "share"),
    "three-quarters": (0.75, "share"),
    "two-thirds": (2 / 3, "share"),
    "decade-long": (10.0, "years"),
}
ONE_PERIOD = lowered(
    r"\b(?:within|for|take|takes|took|taking|in|over|about|nearly|almost)\s+(?:a|an|one)\s+"
    r"(?P<unit>year|week|month|decade|hour)\b|\b(?:a|an)\s+(?P<later>year|week|month|day)\s+later\b"
)
_MULTIPLE_HINTS = ("doub", "tripl", "half", "quarters", "thirds", "decade")
_PERIOD_HINTS = ("year", "week", "month", "decade", "hour", "day")
_FIGURE_HINT = re.compile(
    r"[\d$€¥]|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
)
_OF_WHAT = ("%", "billion", "million")
SCALE = {"billion": 1e9, "million": 1e6, "trillion": 1e12}
YEAR = re.compile(r"(19|20)\d{2}")
PER_CENT = re.compile(r"^per[ -]?cent$|^percent$")
WHAT = re.compile(
    r"\s*(?:of\s+)?(?:the\s+)?([a-z][\w -]{2,40}?)(?:[,.;]|\s(?:on|in|for|to|from|that|which)\b|$)"
)


def figure_items(text: str, sents: list[Sentence], items: list[Item] | None = None) -> list[Item]:
    """Numbers with a unit (percent, money, counts and durations of named things), with what
    they measure (the unit's noun, or the noun phrase after a rate); years and dates are not
    figures, nor a rate that belongs to one of the measure ``items``."""
    rates = [
        (it.start, it.end, it.fields.get("rate_pct")) for it in items or [] if it.kind == "measure"
    ]
    found = _figures(sents)
    return [
        f
        for f in found
        if not (
            f.fields["unit"] == "%"
            and any(
                a <= f.start and f.end <= b and r in (f.fields["value"], None) for a, b, r in rates
            )
        )
    ]


# the same patterns for lowercased text (they hold no case-sensitive part): much faster
HYPHEN_LOW = lowered(HYPHEN_FIGURE.pattern.lower().replace("(?p<", "(?P<"))
FIGURE_LOW = lowered(FIGURE.pattern.lower().replace("(?p<", "(?P<"))


def _figure(s: Sentence, a: int, b: int, value: float, unit: str) -> Item:
    return Item(
        "figure",
        s.start + a,
        s.start + b,
        s.text,
        {"value": value, "unit": unit, "text": s.text[a:b], "measures": unit},
    )


def _figures(sents: list[Sentence]) -> list[Item]:
    out: list[Item] = []
    extra: list[Item] = []  # multiples and "a year": only where no number figure overlaps
    for s in sents:
        low = lower_same_length(s.text)
        hyphen: Iterable[re.Match[str]] = ()  # "a three-day visit" needs a hyphen
        if "-" in s.text:
            hyphen = HYPHEN_LOW.finditer(low) if low is not None else HYPHEN_FIGURE.finditer(s.text)
        if low is not None and _FIGURE_HINT.search(low) is None:
            figures: Iterable[re.Match[str]] = ()  # no digit, currency or number word
        else:
            figures = FIGURE_LOW.finditer(low) if low is not None else FIGURE.finditer(s.text)
        for m in hyphen:  # "a three-day visit": a duration
            n = m.group("num")
            word = NUMBER_WORDS.get(n.lower())
            out.append(
                Item(
                    "figure",
                    s.start + m.start(),
                    s.start + m.end(),
                    s.text,
                    {
                        "value": float(word if word is not None else n),
                        "unit": m.group("unit").lower() + "s",
                        "text": s.text[m.start() : m.end()],
                        "measures": "duration",
                    },
                )
            )
        scan = low or ""  # (the rare text whose lowercase changes length: no multiples read)
        multiples = MULTIPLE.finditer(scan) if any(w in scan for w in _MULTIPLE_HINTS) else ()
        periods = ONE_PERIOD.finditer(scan) if any(w in scan for w in _PERIOD_HINTS) else ()
        for m in multiples:
            said = m.group("word").lower()
            key = next(k for k in MULTIPLES if said.startswith(k[:4]))
            value, unit = MULTIPLES[key]
            extra.append(_figure(s, m.start(), m.end(), value, unit))
        for m in periods:
            unit = (m.group("unit") or m.group("later")).lower() + "s"
            extra.append(_figure(s, m.start(), m.end(), 1.0, unit))
        for m in figures:
            num = m.group("num")
            cur = s.text[m.start("cur") : m.end("cur")] if m.group("cur") else None
            if not m.group("unit") and not cur:
                continue  # a bare number: no unit, no currency
            if YEAR.fullmatch(num) and not cur:
                continue
            word = NUMBER_WORDS.get(num.lower())
            value = float(word if word is not None else num.replace(",", ""))
            scale = SCALE.get((m.group("unit") or "").strip().lower())
            if scale:
                value *= scale  # "$2.2 billion" -> 2.2e9, "4.5 million tonnes" -> 4.5e6
            unit = (m.group("unit") or "").strip().lower()
            unit = PER_CENT.sub("%", unit)
            # what a rate or an amount measures: the noun phrase after it
            what = WHAT.match(s.text, m.end(), m.end() + 50) if unit in _OF_WHAT else None
            out.append(
                Item(
                    "figure",
                    s.start + m.start(),
                    s.start + m.end(),
                    s.text,
                    {
                        "value": value,
                        "unit": ("money " + cur + " " + unit).strip() if cur else unit,
                        "text": s.text[m.start() : m.end()].strip(),
                        "measures": what.group(1) if what else unit,
                    },
                )
            )
    out.extend(e for e in extra if not any(e.start < f.end and f.start < e.end for f in out))
    return sorted(out, key=lambda f: f.start)
