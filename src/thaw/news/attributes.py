"""Attributes of an item: economies (name, adjective, capital, possessive, person or office),
products (the bundled, sourced vocabulary), hedges (negation, modals, conditionals, subordinators,
proposal nouns) and the register action they give.

Pure functions; the bundled data files are read through importlib.resources.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thaw.news._scan import lower_same_length, prefiltered
from thaw.news.sentences import strip_quotes

ECONOMIES: dict[str, tuple[str, ...]] = {
    "CAN": ("Canada", "Ottawa", "Canadian", "Canadians"),
    "CHN": ("China", "Beijing", "Chinese"),
    "USA": ("United States", "U.S.", "US", "Washington", "American", "Americans"),
    "JPN": ("Japan", "Tokyo", "Japanese"),
    "AUS": ("Australia", "Canberra", "Australian"),
    "EUN": ("European Union", "EU", "Brussels", "European"),
    "MEX": ("Mexico", "Mexican"),
    "KOR": ("South Korea", "Seoul", "Korean"),
}
ADJECTIVES = {
    "Canadian",
    "Canadians",
    "Chinese",
    "American",
    "Americans",
    "Japanese",
    "Australian",
    "European",
    "Mexican",
    "Korean",
}
CAPITALS = {"Ottawa", "Beijing", "Washington", "Tokyo", "Canberra", "Brussels", "Seoul"}
# institutions and offices that stand for their economy ("the Commerce Ministry said ...")
OFFICES: dict[str, str] = {
    "MOFCOM": "CHN",
    "Commerce Ministry": "CHN",
    "Ministry of Commerce": "CHN",
    "Customs Tariff Commission": "CHN",
    "State Council": "CHN",
    "White House": "USA",
    "USTR": "USA",
    "Global Affairs Canada": "CAN",
    "Finance Canada": "CAN",
    "CBSA": "CAN",
}


@dataclass(frozen=True)
class OfficeHolder:
    """A row of the bundled, sourced ``office_holders.csv``."""

    surname: str
    name: str
    economy: str
    office: str
    start: dt.date | None
    end: dt.date | None
    source_url: str


@lru_cache(maxsize=1)
def office_holders() -> tuple[OfficeHolder, ...]:
    """The office holders of 2024-2026 (surname keyed; Chinese names family name first)."""
    path = resources.files("thaw.news") / "office_holders.csv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    return tuple(
        OfficeHolder(
            r["surname"],
            r["name"],
            r["economy"],
            r["office"],
            dt.date.fromisoformat(r["start"]) if r["start"] else None,
            dt.date.fromisoformat(r["end"]) if r["end"] else None,
            r["source_url"],
        )
        for r in rows
    )


def _person_forms() -> dict[str, tuple[str, str]]:
    """Surface form -> (economy, surname) for every office holder: full name and surname
    (a two-word Chinese surname key such as "Wang Yi" only in full)."""
    out: dict[str, tuple[str, str]] = {}
    for h in office_holders():
        out[h.name] = (h.economy, h.surname)
        if " " not in h.surname:
            out[h.surname] = (h.economy, h.surname)
    return out


PERSONS = _person_forms()
_ECON_OF = {n: code for code, ns in ECONOMIES.items() for n in ns}
_ECON_OF.update(OFFICES)
_ECON_OF.update({form: code for form, (code, _) in PERSONS.items()})
_ECON_RE = prefiltered(
    r"\b("
    + "|".join(sorted((re.escape(n) for n in _ECON_OF), key=len, reverse=True))
    + r")(?:[’']s)?(?![\w])"
)


def basis_of(form: str) -> str:
    """How an economy was read from its surface form: name, adjective, capital, office or
    person:<surname>."""
    if form in ADJECTIVES:
        return "adjective"
    if form in CAPITALS:
        return "capital"
    if form in OFFICES:
        return "office"
    if form in PERSONS:
        return "person:" + PERSONS[form][1]
    return "name"


def is_person(form: str) -> bool:
    """Whether a surface form names a person (an office holder) rather than an economy."""
    return form in PERSONS or form in OFFICES


@lru_cache(maxsize=1)
def product_vocabulary() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """(pattern, product, HS codes) from the bundled, sourced ``vocabulary.csv``."""
    path = resources.files("thaw.news") / "vocabulary.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    return tuple(
        (
            re.compile(
                rf"\b(?:{r['pattern']})\b",
                re.I if r["pattern"] != "electric vehicles?|electric cars?|EVs?" else 0,
            ),
            r["product"],
            tuple(r["hs"].split()),
        )
        for r in rows
    )


NEGATION = prefiltered(
    r"\b((?:did|does|do|would|will|could|should|has|have|had|is|are|was|were)\s+not|"
    r"\w+n[’']t|not yet|yet to|no immediate|no\s+\w+\s+changes?|without\s+\w+ing|refus\w*|"
    r"declin\w* to|whether|no (?:sign|indication|plans?|intention)|unlikely to)\b",
    re.I,
)
PROPOSAL = prefiltered(
    r"\b(urg\w*|call(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:for|on)|propos\w*|should|must|as soon as|"
    r"request\w*|willing to|"
    r"consider\w*|open to|left the door open|"
    r"could|might|(?-i:may)|would|possible|potential|ask\w*\s+(?:\w+\s+){0,3}?(?:for|to)\b|"
    r"pressur\w*|if\b|demand\w*|"
    r"hoping|wants?|expect\w*|forecast\w*|predict\w*|weigh\w*|mull\w*|prepared to|"
    r"ready to|only after|press\w*\s+\w+\s+to|suggest\w*|recommend\w*|(?:is|are)\s+to|"
    # proposal nouns and subordinators: "a push to", "efforts to cut", "talks on lowering"
    r"push\w*\s+(?:for|to)|efforts?\s+to|bids?\s+to|aim\w*\s+to|seek\w*\s+to|unless|"
    r"(?:talks|negotiations?|discussions?)\s+(?:on|to|about|over|aimed)|in\s+exchange\s+for)\b",
    re.I,
)
FUTURE = prefiltered(
    r"\b(will|is set to|are set to|plans? to|scheduled|later this week|upcoming)\b", re.I
)


def economy_mentions(text: str) -> list[tuple[int, str, str]]:
    """(offset, code, surface form) of every economy mention."""
    return list(_economy_mentions(text))


@lru_cache(maxsize=2048)
def _economy_mentions(text: str) -> tuple[tuple[int, str, str], ...]:
    return tuple((m.start(), _ECON_OF[m.group(1)], m.group(1)) for m in _ECON_RE.finditer(text))


@lru_cache(maxsize=1)
def _product_scanner() -> re.Pattern[str]:
    """All vocabulary terms in one alternation, in vocabulary order (longer terms such as
    "canola seed" come before "canola"), one named group per term."""
    parts = []
    for i, (pat, _, _) in enumerate(product_vocabulary()):
        body = _unbounded(pat.pattern)
        if not pat.flags & re.I:
            body = f"(?-i:{body})"
        parts.append(f"(?P<p{i}>{body})")
    # the word boundaries outside the alternation: tried once per position, not once per term
    return prefiltered(r"\b(?:" + "|".join(parts) + r")\b", re.I)


def _unbounded(pattern: str) -> str:
    """A vocabulary pattern ``\\b(?:...)\\b`` without its word boundaries."""
    assert pattern.startswith(r"\b(?:") and pattern.endswith(r")\b"), pattern
    return pattern[2:-2]


@lru_cache(maxsize=1)
def _product_scanner_low() -> re.Pattern[str]:
    """The same alternation for lowercased text (two to three times faster); the one
    case-sensitive term, "EV", is checked on the original text."""
    parts = [
        f"(?P<p{i}>{_unbounded(pat.pattern).lower()})"
        for i, (pat, _, _) in enumerate(product_vocabulary())
    ]
    return prefiltered(r"\b(?:" + "|".join(parts) + r")\b")


_EV = re.compile(r"evs?")


def product_mentions(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, product, HS codes) of every vocabulary term in ``text``."""
    return list(_product_mentions(text))


def clear_cache() -> None:
    """Forget memoised economy and product mentions (benchmarks measure unrepeated text)."""
    _economy_mentions.cache_clear()
    _product_mentions.cache_clear()


@lru_cache(maxsize=2048)
def _product_mentions(text: str) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    vocab = product_vocabulary()
    out = []
    low = lower_same_length(text)
    if low is None:
        for m in _product_scanner().finditer(text):
            i = int(str(m.lastgroup)[1:])
            out.append((m.start(), vocab[i][1], vocab[i][2]))
        return tuple(out)
    for m in _product_scanner_low().finditer(low):
        if _EV.fullmatch(m.group(0)) and not text[m.start() : m.end()].startswith("EV"):
            continue  # "ev" in lowercase is not the abbreviation
        i = int(str(m.lastgroup)[1:])
        out.append((m.start(), vocab[i][1], vocab[i][2]))
        out += _elided(low, m.group(0), m.end())
    return tuple(out)


# the rest of a coordination after a two-word product: "canola oil, meal and peas"
_COORDINATED_WORDS = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)([a-z]+)\b")


def _elided(low: str, term: str, end: int) -> list[tuple[int, str, tuple[str, ...]]]:
    """Products named by ellipsis after a two-word term: in "canola oil, meal and peas" the
    bare "meal" is canola meal (the modifier carried over when "<modifier> <word>" is itself a
    vocabulary term; "peas", a term of its own, is found by the scanner)."""
    words = term.split()
    if len(words) != 2:
        return []
    out = []
    pos = end
    while (m := _COORDINATED_WORDS.match(low, pos)) is not None:
        word = m.group(1)
        full = f"{words[0]} {word}"
        hit = _product_scanner_low().fullmatch(full)
        if hit is None:
            break  # the coordination moves on to something else
        i = int(str(hit.lastgroup)[1:])
        vocab = product_vocabulary()
        out.append((m.start(1), vocab[i][1], vocab[i][2]))
        pos = m.end()
    return out


def status_of(text: str, direction: str = "in_force") -> str:
    """Negation (outside quotation marks) of a change makes it undecided; a measure merely in
    force stays decided ("no changes to the tariffs"). Proposal cues count inside quotation marks
    too (scare quotes)."""
    outside = LEXICAL_NOT.sub("collecting", strip_quotes(text))  # "not collecting": suspended
    condition = CONDITION.match(outside)  # "If it does not, ...": negated condition, not change
    if direction != "in_force" and NEGATION.search(outside, condition.end() if condition else 0):
        return "undecided"
    cues = list(PROPOSAL.finditer(text))
    if cues and not all(
        m.group(0).lower() == "would" and REPORTED.search(text, 0, m.start()) for m in cues
    ):
        return "proposed"
    if cues or FUTURE.search(outside):  # "said it would impose": the future, reported
        return "announced"
    return "decided"


LEXICAL_NOT = re.compile(r"\bnot\s+collecting\b", re.I)
# a verb of saying before "would" makes it the reported future, not a proposal
REPORTED = re.compile(
    r"\b(?:said|says|announced|confirmed|stated|told\s+\w+|added)\b(?:\s+(?:that|on\s+\w+))?"
    r"(?:\s+[\w’']+){0,3}\s+$",
    re.I,
)
CONDITION = re.compile(r"\s*(?:if|unless)\b[^,]{0,80},", re.I)


# the words that hedge a change, for the ``hedge`` field
_HEDGE = prefiltered(
    "(?:" + NEGATION.pattern + ")|(?:" + PROPOSAL.pattern + r")|\b(?:if|threaten\w*)\b", re.I
)
# a reply not yet given: a counter-measure threatened
RETALIATION = prefiltered(
    r"\b(?:respond\w*\s+with|answer\w*\s+with|retaliat\w*|hit\w*\s+back|end\s+in\s+"
    r"(?:duties|tariffs|levies)|ready\s+to\s+respond)\b",
    re.I,
)
THREAT = prefiltered(r"\bthreat\w*\b", re.I)
CONSIDER = prefiltered(
    r"\b(?:consider\w*|weigh\w*|mull\w*|look\w* at|review\w*|possible|potential)\b", re.I
)
PROPOSE = prefiltered(r"\b(?:propos\w*|float\w*)\b", re.I)


def hedge_of(cues: str) -> str | None:
    """The first hedging cue in ``cues`` (outside quotation marks where possible), or None."""
    m = _HEDGE.search(strip_quotes(cues)) or _HEDGE.search(cues)
    return m.group(0) if m else None


def action_of(
    direction: str, status: str, cues: str, own: str | None = None
) -> tuple[str, bool, str | None]:
    """(action, hedged, hedge) of a measure from its direction, status and the text of its
    cues: a noun-phrase mention is ``in_force_mentioned``; a threat, a consideration or a
    proposal of a new measure is ``threatened``/``considered``/``proposed``; any other negated,
    modal, conditional or proposed change is the change named, hedged."""
    outside = strip_quotes(cues)
    mine = strip_quotes(own) if own is not None else outside  # the item's own clause
    hedge = hedge_of(cues) if status in ("proposed", "undecided") else None
    if direction == "imposed" and THREAT.search(mine):
        return "threatened", True, THREAT.search(mine).group(0)  # type: ignore[union-attr]
    if direction == "in_force" and CONSIDER.search(outside):
        return "considered", True, CONSIDER.search(outside).group(0)  # type: ignore[union-attr]
    if direction == "in_force":
        return "in_force_mentioned", hedge is not None, hedge
    if status in ("proposed", "undecided") and RETALIATION.search(mine):
        return "threatened", True, hedge  # "whether Ottawa would respond with duties of its own"
    if direction == "imposed" and status == "proposed":
        if CONSIDER.search(outside):
            return "considered", True, hedge
        if PROPOSE.search(outside):
            return "proposed", True, hedge
    if status in ("proposed", "undecided"):
        return direction, True, hedge
    return direction, False, None
