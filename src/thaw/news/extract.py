"""Evidence from news text: measures, events, quotes and figures, each tied to its sentence and
character span. Rules state general patterns of news English (a verb class, an economy's noun or
adjective form, a rate, a quote's attribution), never phrases of particular articles; the rules
are written down in ``docs/news.md`` and measured against hand annotations.

Pure functions: text and a publication date in, items out. No I/O.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from thaw.news import dates as _dates
from thaw.news._scan import prefiltered
from thaw.news.dates import DateMention, find_dates

# -- sentences --------------------------------------------------------------------------------
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\bU\.S|\bMr|\bMrs|\bMs|\bDr|\bSt|\bNo|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul|\bAug|"
    r"\bSep|\bSept|\bOct|\bNov|\bDec|\bLtd|\bInc|\bCorp|\bCo|\bProf|\bSen|\bRep|\bGov|\bGen|"
    r"\bOnt|\bQue|\bSask|\bAlta|\bMan|\bJr|\bSr|\bvs|\b[A-Z])\.$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets: a break after ., ! or ? (and closing quotes) before a
    capital, a digit or an opening quote, and at line breaks; a period after a common
    abbreviation or an initial (U.S., Mr., Oct.) does not end a sentence."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group(0) and _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        inside = text[pos : m.start()]
        if "\n" not in m.group(0) and (
            inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1
        ):
            continue  # no break inside a quotation
        closing = re.match(r"[\"”’)]*", text[m.start() :])
        _add(out, text, pos, m.start() + (len(closing.group(0)) if closing else 0))
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, a: int, b: int) -> None:
    seg = text[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        out.append(Sentence(a + lead, a + lead + len(seg), seg))


# -- vocabularies -----------------------------------------------------------------------------
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
_ECON_RE = prefiltered(
    r"\b("
    + "|".join(
        sorted((re.escape(n) for ns in ECONOMIES.values() for n in ns), key=len, reverse=True)
    )
    + r")(?:[’']s)?(?![\w])"
)
_ECON_OF = {n: code for code, ns in ECONOMIES.items() for n in ns}


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


MEASURE_WORD = prefiltered(
    r"\b(tariffs?|surtax(?:es)?|levy|levies|dut(?:y|ies)|anti-dumping|countervailing|quotas?|"
    r"trade barriers?|import bans?|export bans?|"
    r"(?<=% )deposits?|deposits?(?=\s+of\s+\d)|"
    r"(?:provisional|cash|security|anti-dumping|dumping|duty|canola|seed)\s+deposits?|"
    r"(?:suspension|reprieve|exemption|waiver|moratorium)(?=\s+(?:of|on|into|until|beyond|past)\s)|"
    r"measures?(?=[^.]{0,40}\b(?:took effect|takes? effect|came into force|comes? into force)))\b",
    re.I,
)
RATE = prefiltered(r"(\d+(?:\.\d+)?)(?:\s*|-)(?:%|per[ -]?cent\b|percent\b)", re.I)
# verb classes of change (docs/news.md, annotation rules); the one nearest the measure word wins
_RELIEF = r"(?:suspension|exemption|reprieve|pause|waiver|moratorium|relief)"
DIRECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (  # a new, lower level: "will drop to 75%", "fell to 12.5%", "came down"
        "lowered",
        prefiltered(
            r"\b(?:drop\w*|f[ae]ll(?:s|ing|en)?)\s+to\s+(?=\d)|\bfallen\s+to\b|"
            r"\b(?:come|comes|came|coming|bring|brings|bringing|brought)\s+(?:\w+\s+)?down\b",
            re.I,
        ),
    ),
    (
        "suspended",
        prefiltered(
            r"\b(suspend\w*|paus\w*|waiv\w*|(?:stop(?:s|ped|ping)?|not)\s+collecting|"
            r"(?:free|exempt)\s+(?:of|from)\b(?=[^.;]*\b(?:until|for another|through)\b)|"
            rf"extend\w*\s+(?:\w+\s+){{0,3}}?{_RELIEF}|"
            r"(?:suspension|reprieve|moratorium|waiver|pause)\s+(?:of|on)\s+(?=\S))\b",
            re.I,
        ),
    ),
    (
        "lifted",
        prefiltered(
            r"\b(lift\w*|drop\w*|remov\w*|scrap\w*|axe[sd]?|axing|(?<!the )end(?:s|ed|ing)?|"
            r"eliminat\w*|repeal\w*|abolish\w*|phas\w*\s+(?:\w+\s+){0,3}?out|"
            r"struck down|strik\w* down|overturn\w*|expir\w*|lapse[sd]?|replac\w*|swap\w*)\b",
            re.I,
        ),
    ),
    (
        "lowered",
        prefiltered(
            r"\b(lower\w*|cut|cuts|cutting|reduc\w*|down from|halv\w*|trim\w*|"
            r"eas(?:e|es|ed|ing)|roll\w*\s+(?:\w+\s+){0,3}?back|scal\w*\s+back|"
            r"f[ae]ll(?:s|ing|en)?\s+to\s+(?=\d))\b",
            re.I,
        ),
    ),
    (
        "raised",
        prefiltered(
            r"\b(rais\w*|increas\w*|hik\w*|doubl\w*|up from|"
            r"(?:rise|rises|rising|rose)\s+to\s+(?=\d))\b",
            re.I,
        ),
    ),
    (
        "imposed",
        prefiltered(
            r"\b((?:re)?impos(?:e|ed|ing|ition)|(?:re)?introduc\w*|slap\w*|levied|placed|"
            r"respond\w* with|retaliat(?:e|es|ed|ing)|announc\w*|threaten\w*|reinstat\w*|"
            r"charg(?:e|ed|ing)|snap\w*\s*back|requir\w*\s+(?:[\w-]+\s+){0,6}?to\s+(?:post|pay)|"
            r"approv\w*|(?:bring|brings|bringing|brought|put|puts|putting)\s+back|"
            r"(?:come|comes|came|coming)\s+back|"
            r"(?:put|puts|putting|set|sets|setting)\s+(?=(?:[\w%.-]+\s+){0,3}?(?:tariffs?|surtax\w*|"
            r"dut(?:y|ies)|levy|levies|quotas?|deposits?)\b)|"
            r"propos(?:e|es|ed|ing)|float(?:s|ed|ing)|"
            r"phas\w*\s+in|extend\w*|will return|would return|consider\w*|weigh\w*|mull\w*|"
            r"set\s+(?=(?:[\w’']+\s+){0,3}?at\s+\d))\b",
            re.I,
        ),
    ),
    (
        "in_force",
        prefiltered(
            r"\b(face[sd]?|facing|continue to|remain(?:s|ed)?|stay(?:s|ed)?|still appl\w*|exempt|"
            r"charges|imposes|appl(?:y|ies)|runs?\s+(?:for|until|through)|"
            r"pay|paying|subject to|changes? to|keep\w*|maintain\w*|took effect|takes? effect|"
            r"leav(?:e|es|ing)|"
            r"in place|in force|unchanged)\b",
            re.I,
        ),
    ),
)
NEGATION = prefiltered(
    r"\b((?:did|does|do|would|will|could|should|has|have|had|is|are|was|were)\s+not|"
    r"\w+n[’']t|not yet|yet to|no immediate|no\s+\w+\s+changes?|without\s+\w+ing|refus\w*|"
    r"declin\w* to|whether)\b",
    re.I,
)
PROPOSAL = prefiltered(
    r"\b(urg\w*|call(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:for|on)|propos\w*|should|as soon as|"
    r"consider\w*|open to|left the door open|"
    r"could|might|(?-i:may)|would|possible|potential|ask\w*\s+(?:\w+\s+){0,3}?(?:for|to)\b|"
    r"pressur\w*|if\b|demand\w*|"
    r"hoping|wants?|expect\w*|forecast\w*|predict\w*|weigh\w*|mull\w*|prepared to|"
    r"ready to|only after|press\w*\s+\w+\s+to|suggest\w*|recommend\w*|(?:is|are)\s+to)\b",
    re.I,
)
FUTURE = prefiltered(
    r"\b(will|is set to|are set to|plans? to|scheduled|later this week|upcoming)\b", re.I
)


@dataclass
class Item:
    """One piece of evidence. ``kind``: measure, event, quote or figure; ``start``/``end``:
    character span of the sentence in the article; ``fields``: what was extracted."""

    kind: str
    start: int
    end: int
    sentence: str
    fields: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (``fields`` is shared, not copied: items are fresh per extraction)."""
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "fields": self.fields,
        }


def _economies(text: str) -> list[tuple[int, str, str]]:
    """(offset, code, surface form) of every economy mention."""
    return [(m.start(), _ECON_OF[m.group(1)], m.group(1)) for m in _ECON_RE.finditer(text)]


@lru_cache(maxsize=1)
def _product_scanner() -> re.Pattern[str]:
    """All vocabulary terms in one alternation, in vocabulary order (longer terms such as
    "canola seed" come before "canola"), one named group per term."""
    parts = []
    for i, (pat, _, _) in enumerate(product_vocabulary()):
        body = pat.pattern
        if not pat.flags & re.I:
            body = f"(?-i:{body})"
        parts.append(f"(?P<p{i}>{body})")
    return prefiltered("|".join(parts), re.I)


def _products(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    vocab = product_vocabulary()
    out = []
    for m in _product_scanner().finditer(text):
        i = int(str(m.lastgroup)[1:])
        out.append((m.start(), vocab[i][1], vocab[i][2]))
    return out


def _date(mentions: list[DateMention]) -> dict[str, Any] | None:
    if not mentions:
        return None
    d = mentions[0]
    return {"text": d.text, "date": d.date.isoformat(), "precision": d.precision, "rule": d.rule}


def _status(text: str, direction: str = "in_force") -> str:
    """Negation (outside quotation marks) of a change makes it undecided; a measure merely in
    force stays decided ("no changes to the tariffs"). Proposal cues count inside quotation marks
    too (scare quotes)."""
    outside = LEXICAL_NOT.sub("collecting", _strip_quotes(text))  # "not collecting": suspended
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
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


@lru_cache(maxsize=4096)
def _strip_quotes(text: str) -> str:
    return QUOTED.sub(" ", text)


ON_AGAINST = prefiltered(r"\b(on|against)\b")
# one alternative per separator (a few lookaheads per space, not one per clause word)
CLAUSE = re.compile(
    r"\s—\s|;\s|"
    # the comma, when there is one, ends the clause before
    r",?\s+(?=(?:but|while|whereas|then|which|though|although|even though|and that|"
    r"in (?:exchange|return) for)\s)|"
    # the comma stays with the clause before
    r"\s(?=(?:if|in (?:retaliation|response) (?:for|to)|(?:only\s+)?(?:after|once|unless)|"
    r"by\s+\w+ing|until\s+(?:[A-Z]\w+|it|they|he|she|we|the\s+(?!end\b)\w+)\s+\w+)\s)|"
    # an apposition restating the measure: ", a duty that remains in force"
    r",\s+(?=(?:a|an|the)\s+(?:[\w%.-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|levy|levies|surtax\w*|"
    r"quotas?)\s+(?:that|which)\s)"
)
# clauses that depend on the one before for their modality: "would cut ... only after Canada
# removes", "will drop ..., while keeping those", "tariffs, which Beijing wants removed"
SUBORDINATE = re.compile(
    r"(?:only\s+)?(?:after|once|unless|while|whereas|which|until)\b|by\s+\w+ing\b|"
    r"in (?:exchange|return) for\b",
    re.I,
)
# "... will halve its tariff and extend the suspension of ...": a second verb of change with
# the same subject; its clause keeps the first one's modal and negation cues
COORDINATION = re.compile(r"(?:,\s+|\s)(?=(?:and|then)\s)")
# what may stand between "and" and the verb of a coordinated predicate: modals, adverbs and
# "a year later" (not a new subject: "tariff on lobster and crab will return" is one clause)
LEAD_IN = re.compile(
    r"(?:and|then)\s+(?:(?:it|they)\s+)?(?:(?:will|would|could|can|may|might|should|must|to|be|been|also|then|later|"
    r"soon|now|\w+ly|(?:a|an|one|two|three|\w+)\s+(?:days?|weeks?|months?|years?)\s+later),?\s+)"
    r"{0,3}",
    re.I,
)
SAYS = re.compile(r"\b(?:said|says|told|added|stated)\b", re.I)
PRONOUN = re.compile(r"\b(it|them|those|which)\b")
OWN_SUBJECT = re.compile(r"(?:and|then)\s+(?:it|they)\s", re.I)
# a coordinated predicate with no measure word of its own shares the one before
ELLIPSIS = re.compile(r"\s*(and|then)\b")
# the object of a verb standing between it and the measure word: "suspend its WTO case against
# China's duties" changes the case, not the duties
OTHER_OBJECT = re.compile(
    r"\b(cases?|complaints?|challenges?|disputes?|talks|investigations?|probes?|reviews?|"
    r"appeals?|negotiations?|exports|shipments|imports|sales|prices|crush|production|output|"
    r"jobs|staff|workers|shifts|capacity|purchases|forecasts?)\b",
    re.I,
)
# a determiner or possessive naming a particular measure: "the duties", "its quotas", "EU duties"
DEFINITE = re.compile(
    r"\b(?:the|its|their|these|those|this|that|both|[A-Z]{2,}|\w+[’']s)\s+(?:[\w-]+\s+){0,3}$"
)
TO_ZERO = re.compile(r"\bto (?:zero|nil|0(?:\.0+)?\s?%)", re.I)
# "raised the tariffs with Chinese officials": brought them up, no change
RAISED_WITH = re.compile(
    r"\s+with\s+(?:[\w’'-]+\s+){0,3}?(?:officials?|counterparts?|ministers?|leaders?|"
    r"president|premier|government|Beijing|Ottawa|Washington|Tokyo|Brussels)\b",
    re.I,
)
CAUSE = re.compile(r"\s*in (?:retaliation|response) (?:for|to)\s", re.I)
PARTICIPLE = re.compile(
    r"\s*(?:(?:each|both)\s+\w+\s+|(?-i:[A-Z])[\w.]*\s+|(?:it|they|he|she|we)\s+)?(?:\w+ly\s+)?"
    r"(impos\w*|introduc\w*|levied|put in place|slapped|placed)\b",
    re.I,
)
# a participle set off by a comma, or a relative clause, after the measure: "the 25% duty,
# imposed in March 2025, ..."; "a 10% tariff that Washington introduced in February"
DESCRIBING = re.compile(r"(?:,\s+(?:\w+ly\s+)?|\b(?:that|which|what)\s+(?:[\w.]+\s+){0,3})$")
NOUN_BEFORE = prefiltered(
    r"\b(?:rates?|tariffs?|dut(?:y|ies)|levy|levies|surtax\w*|quotas?)\s+$", re.I
)
COMMA_BEFORE = prefiltered(r",\s+(?:\w+ly\s+)?$")
RELATIVE = re.compile(r"\b(?:that|which|what)\s+(?:[\w.]+\s+){0,3}$")
TARGET_NOUN = re.compile(
    r"\s+(?:\w+\s+)?(exports|goods|products|imports|industries|producers|farmers|companies)\b"
)


def measure_items(sent: Sentence, published: dt.date, context: str = "") -> list[Item]:
    """Measures stated in one sentence: a measure word, with products, a rate or a direction;
    one per clause (split at "if", "in retaliation for", dashes and semicolons) that holds a
    measure word, merged when the clauses say the same thing.

    Imposing economy: the noun form acting in the clause (Canada, Ottawa, Beijing), the
    possessive before a measure word (``Canada's levies``) or the adjective right before it
    (``Chinese tariffs``); targeted economy: the adjective before the products or before
    exports/goods/industries (``Chinese electric vehicles``, ``Canadian exports``), or
    ``on``/``from`` + the noun. Direction: the change verb nearest the measure word, not counting
    a participle that only describes it (``tariffs imposed by``); none means in force. Status:
    negation of a change verb -> undecided; proposal or conditional cues (in quotation marks
    too: scare quotes such as "left the door open") -> proposed; future -> announced; else
    decided. A list item inherits the proposal cue of the sentence that introduced the list
    (``context``).
    """
    text = sent.text
    if MEASURE_WORD.search(text) is None or is_headline(text):
        return []
    items: list[Item] = []
    pos = 0
    # (start, end, takes the cues of what comes before: coordinated or subordinate)
    pieces: list[tuple[int, int, bool]] = []
    dependent = False
    lead = CONDITION.match(text)  # "If Beijing does not extend the pause, the tariffs return"
    if lead is not None and MEASURE_WORD.search(text, lead.end()):
        pieces.append((0, lead.end(), False))
        pos = lead.end()
    for m in CLAUSE.finditer(text):
        pieces.append((pos, m.start(), dependent))
        pos = m.end()
        dependent = bool(SUBORDINATE.match(text, pos))
    pieces.append((pos, len(text), dependent))
    pieces = [part for a, b, d in pieces for part in _coordinated(text, a, b, d)]
    previous: Item | None = None
    for n, (a, b, coordinated) in enumerate(pieces):
        clause = text[a:b]
        item = _measure_in(
            clause,
            sent,
            published,
            context,
            cues=text[:b] if coordinated else clause,
            previous=previous,
        )
        if (
            item is not None
            and previous is not None
            and DESCRIBES.match(clause)
            and (
                item.fields["direction"] == "in_force"
                or (item.fields["direction"] == "lifted" and EXPIRY.search(clause))
            )
        ):
            # "the tariff, which has been in place since 2025", "..., which expires on Dec. 31":
            # a relative clause saying what the measure stated before is, or when it ends
            item = None
        if (
            item is not None
            and (
                (n + 1 < len(pieces) and CONDITIONAL.match(text, pieces[n + 1][0]))
                or (n == 1 and lead is not None)
            )
            and item.fields["status"] in ("decided", "announced")
        ):
            # "will cut the tariff only if Ottawa ...", "If Ottawa drops it, China will cut ..."
            item.fields["status"] = "proposed"
        previous = item or previous
        for found in (item, _substitute(item, clause)):
            if found is not None and not any(
                (i.fields["imposing"], i.fields["direction"], i.fields["status"])
                == (found.fields["imposing"], found.fields["direction"], found.fields["status"])
                for i in items
            ):
                items.append(found)
    return items


DESCRIBES = re.compile(r"\s*which\b", re.I)
EXPIRY = re.compile(r"\b(?:expir\w*|laps\w*|runs? out|ran out)\b", re.I)
# a condition after the clause makes its change a proposal
CONDITIONAL = re.compile(r"(?:only\s+)?(?:if|unless)\b|only\s+(?:after|once|when)\b", re.I)

# "replaced its surtax with a quota", "swapped the surtax for a quota": one measure lifted,
# another imposed in its place
SUBSTITUTION = prefiltered(
    r"\b(?:replac\w*|swap\w*|substitut\w*)\b[^;]*?\b(?:with|for|by)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:[\w,.%-]+\s+){0,5}?(tariffs?|surtax(?:es)?|levy|levies|dut(?:y|ies)|quotas?)\b",
    re.I,
)


def _substitute(item: Item | None, clause: str) -> Item | None:
    """The measure put in place of the one a clause lifts by substitution, with the same
    status: "replaced its 100% surtax with a quota of 49,000 vehicles" -> the quota, imposed."""
    if item is None or item.fields["direction"] != "lifted":
        return None
    m = SUBSTITUTION.search(_strip_quotes(clause))
    if m is None:
        return None
    noun = m.group(1).lower()
    kind = (
        "quota" if noun.startswith("quota") else "surtax" if noun.startswith("surtax") else "tariff"
    )
    after = clause[m.start(1) :]
    fields = {
        **item.fields,
        "direction": "imposed",
        "kind": kind,
        "rates": [float(r.group(1)) for r in RATE.finditer(after)],
    }
    return Item("measure", item.start, item.end, item.sentence, fields)


def _coordinated(text: str, a: int, b: int, dependent: bool) -> list[tuple[int, int, bool]]:
    """Split ``text[a:b]`` before "and"/"then" when a verb of change follows within four
    words: ``halve its tariff | and extend the suspension``."""
    out: list[tuple[int, int, bool]] = []
    start, coordinated = a, dependent
    for m in COORDINATION.finditer(text, a, b):
        window = text[m.end() : min(b, m.end() + 60)]
        verb = any(
            (v := pat.search(window)) is not None and LEAD_IN.fullmatch(window[: v.start()])
            for name, pat in DIRECTIONS
            if name != "in_force"
        )
        if verb and text[start : m.start()].strip():
            out.append((start, m.start(), coordinated))
            # "..., and it removed ...": a subject of its own, a modality of its own
            start, coordinated = m.end(), OWN_SUBJECT.match(text, m.end()) is None
    out.append((start, b, coordinated))
    return out


def _measure_in(
    clause: str,
    sent: Sentence,
    published: dt.date,
    context: str,
    *,
    cues: str | None = None,
    previous: Item | None = None,
) -> Item | None:
    """The measure one clause states; ``cues``: the text whose modal, negation and future cues
    set its status (the clause, or for a coordinated clause the sentence up to its end);
    ``previous``: the measure of an earlier clause of the sentence, which a pronoun ("it",
    "them", "those", "which") in this one refers to."""
    body = _strip_quotes(clause)
    hit = MEASURE_WORD.search(body)
    if hit is None and MEASURE_WORD.search(clause):
        body = clause  # a quoted statement of the measure: "The surtax will stay," she said.
        hit = MEASURE_WORD.search(body)
        cues = clause.replace("“", " ").replace("”", " ").replace('"', " ")
    pronoun = hit is None and previous is not None
    swap = SUBSTITUTION.search(body) if hit is not None and previous is not None else None
    if swap is not None and (it := PRONOUN.search(body, swap.start(), swap.start(1))):
        hit, pronoun = it, True  # "... and replaced it with a quota": "it" is what is lifted
    if pronoun:
        hit = PRONOUN.search(body)  # "... reinstated a 10% tariff, then let it lapse"
        # an elided object or subject: "were imposed in 2020 and lifted in 2023"
        hit = hit or ELLIPSIS.match(body)
    if hit is None:
        return None
    products = _products(body)
    rates = [float(m.group(1)) for m in RATE.finditer(body)]
    direction = "in_force"
    best = None
    cause = CAUSE.match(body)  # "in retaliation for Canada's surtaxes": the cause, in force
    for name, pat in DIRECTIONS:
        for m in pat.finditer(body):
            if cause and m.start() < cause.end():
                continue
            if m.end() <= hit.start() and OTHER_OBJECT.search(body[m.end() : hit.start()]):
                continue
            if name == "raised" and m.end() <= hit.start() and RAISED_WITH.match(body, hit.end()):
                continue
            between = body[min(m.start(), hit.end()) : max(m.start(), hit.end())]
            if (
                m.start() >= hit.end()
                and (
                    PARTICIPLE.fullmatch(between + m.group(0))
                    or (
                        not pronoun
                        and DESCRIBING.search(body[: m.start()])
                        and m.group(0).lower().endswith("ed")
                    )
                    or (  # "the same rate charged on cars from most countries"
                        m.group(0).lower().endswith("ed") and NOUN_BEFORE.search(body[: m.start()])
                    )
                    or (  # "the duty, in place since 2023, ...": set off by commas
                        not pronoun
                        and name == "in_force"
                        and COMMA_BEFORE.search(body[: m.start()])
                    )
                    or (  # "a 25% surtax that Canada charges": says what it is
                        not pronoun and name == "imposed" and RELATIVE.search(body[: m.start()])
                    )
                )
            ):
                continue  # "tariffs imposed by", "the duty, introduced last year,": describes it
            gap = abs(m.start() - hit.start())
            if best is None or gap < best:
                best, direction = gap, name
    if (
        not products
        and not rates
        and best is None
        and not ON_AGAINST.search(body)
        and not DEFINITE.search(body, max(0, hit.start() - 40), hit.start())
    ):
        return None  # a bare, generic mention ("problems that had nothing to do with tariffs")
    econ = _economies(body)
    target = imposing = owner = None
    hit_body = hit
    for off, code, form in econ:
        end = off + len(form)
        after = body[end : end + 60]
        near_product = any(off < p_off <= end + 40 for p_off, _, _ in products)
        if form in ADJECTIVES and hit_body is not None and 0 <= hit_body.start() - end <= 12:
            imposing = imposing or code  # "Chinese tariffs"
        elif form in ADJECTIVES and (near_product or TARGET_NOUN.match(after)):
            target = target or code
        elif re.match(
            r"[’']s\s+(\d+(?:\.\d+)? ?(?:%|per cent)\s+)?([\w-]+\s+){0,2}"
            r"(tariffs?|surtax|levy|levies|dut|trade barrier)",
            after,
        ):
            owner = owner or code  # "Canada's surtax": the owner wins over the clause's subject
        elif form not in ADJECTIVES and re.search(
            rf"\b(?:on|from|against)\s+(?:the\s+)?{re.escape(form)}", body
        ):
            target = target or code
        elif form not in ADJECTIVES:
            imposing = imposing or code
    imposing = owner or imposing
    if imposing == target:
        imposing = None
    if imposing is None and target is not None:
        imposing = next((c for _, c, f in econ if c != target and f not in ADJECTIVES), None)
    if direction == "lowered" and TO_ZERO.search(body):
        direction = "lifted"  # "cut the tariff to zero"
    if previous is not None and hit.group(1).lower() in (
        "it",
        "them",
        "those",
        "which",
        "and",
        "then",
    ):
        imposing = imposing or previous.fields["imposing"]
        target = target or previous.fields["targeted"]
    # a mere mention, with no verb of change or of standing, states that the measure exists:
    # modal and future cues in the clause belong to other verbs ("will look at the quota")
    status = "decided" if best is None else _status(cues if cues is not None else clause, direction)
    if (
        status == "decided"
        and PROPOSAL.search(context)
        and re.match(r"\s*(?:\d+\.|[-•*])?\s*[A-Z][a-z]+ing\b", clause)
    ):
        status = "proposed"
    kind = "tariff"
    lowered = hit.group(1).lower()
    if "dumping" in body.lower():
        kind = "antidumping"
    elif lowered.startswith("surtax"):
        kind = "surtax"
    elif lowered.startswith("quota"):
        kind = "quota"
    fields = {
        "imposing": imposing,
        "targeted": target,
        "products": sorted({p for _, p, _ in products}),
        "hs": sorted({h for _, _, hs in products for h in hs}),
        "rates": rates,
        "kind": kind,
        "retaliatory": bool(
            re.search(r"\bretaliat\w*|\bresponded\b|\bin response\b", sent.text, re.I)
        ),
        "direction": direction,
        "status": status,
        "clause": clause.strip(),
        "date": _date(find_dates(clause, published)),
    }
    return Item("measure", sent.start, sent.end, sent.text, fields)


# event type -> the words that state it (whole words; ``\w*`` for inflections)
EVENT_TYPES: tuple[tuple[str, str], ...] = (
    (
        "meeting",
        r"(?:meet|meets)(?!\s+(?:[\w-]+\s+){0,2}(?:rules|requirements|standards|criteria|"
        r"conditions|demand|targets?|needs|deadlines?)\b)|met|meeting|meetings|talks|"
        r"spoke (?:privately|with(?!\s+(?:us|me|reporters|journalists)\b)|on)|handshake",
    ),
    (
        "visit",
        r"visit\w*|travel\w*|trip|due in|arriv(?:e|es|ed|ing) in|"
        r"(?:went|goes|go|going)\s+to\s+(?-i:[A-Z])\w*|return(?:s|ed|ing)?\s+from\s+(?-i:[A-Z])\w*|"
        r"delegations?|trade missions?",
    ),
    (
        "agreement",
        r"agreement|agreed|deal|accord|framework|arrangement|joint statement|"
        r"signed\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,5}?(?:roadmaps?|memorand\w*|treat(?:y|ies)|"
        r"pacts?|declarations?)|signed(?=\s+(?:in|at|by|on|last|this|earlier)\b)|"
        r"(?-i:CPTPP|CUSMA|USMCA|NAFTA|CETA|RCEP)",
    ),
    ("detention", r"arrest\w*|detain\w*|detention|imprison\w*|jailed|in custody"),
    ("release", r"releas\w*|freed"),
    (
        "ruling",
        r"death penalty|sentenc\w*|execut(?:ed|ion)|ruling|ruled|verdict|determination|struck down|"
        r"strikes? down|overturn\w*",
    ),
    ("investigation", r"investigat\w*|inquiry|probe"),
    ("policy", r"strategy|white paper|policy statement"),
)
EVENT_SCAN = prefiltered(
    r"\b(?:" + "|".join(f"(?P<{k}>{words})" for k, words in EVENT_TYPES) + r")\b", re.I
)
# an event word under a close negation or expectation: "no meeting", "while waiting for a
# deal", "that probe has not concluded"
DENIED_BEFORE = re.compile(
    r"\b(?:no|never|not|without|waiting for|awaiting)\s+(?:[\w-]+\s+)?$", re.I
)
DENIED_AFTER = re.compile(r"\s+(?:has|have|had|was|were|is|are)\s+not\b", re.I)
EVENT_NEGATION = prefiltered(r"\b(no|not|without|never|failed to|none)\b", re.I)
# an event that is asked about, denied or unconfirmed is not asserted: "whether a deal was
# discussed", "denied a report that a visit had been scheduled", "would not confirm whether"
UNASSERTED = prefiltered(
    r"\b(?:whether\b(?=(?:\s+[\w’'-]+){0,8}?\s+(?:will|would|could|might|can|may|should)\b)|"
    r"denied\s+(?:a\s+|the\s+)?(?:reports?\s+|claims?\s+)?that\b)(?:\s+[\w’'-]+){0,8}\s*$",
    re.I,
)
ASKED_AFTER = re.compile(
    r"\s+(?:was|were|is|are|had been|has been)\s+(?:discussed|considered|scheduled|planned|"
    r"possible|likely|on the table)\b",
    re.I,
)
WHETHER_BEFORE = prefiltered(r"\bwhether\b(?:\s+[\w’'-]+){0,8}\s*$", re.I)
# "release" as a document, not the freeing of a person: "the press release", "a statement
# released after the meeting", "released its figures"
NOT_RELEASE = prefiltered(
    r"(?:\b(?:press|news|media)\s+releases?\b)|(?:\breleases?\s+(?:said|says|stated|added|noted)\b)|"
    r"(?:\b(?:according\s+to|in)\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?releases?\b)|"
    r"(?:\b(?:government|province|ministry|department|office|company|council)[’']s\s+releases?\b)|(?:\b(?:statements?|reports?|data|figures|lists?|notices?|details|results|"
    r"papers?|plans?|guidance|documents?|roadmaps?|backgrounders?|readouts?|summar(?:y|ies))\s+"
    r"(?:was\s+|were\s+|had\s+been\s+)?released)|(?:released\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:statements?|reports?|data|figures|lists?|notices?|details|results|"
    r"papers?|plans?|guidance|documents?|roadmaps?|backgrounders?|readouts?|summar(?:y|ies))\b)",
    re.I,
)
# the verb of an agreement outside quotation marks, its name inside: reached a "joint arrangement"
QUOTED_AGREEMENT = prefiltered(
    r"\b(?:reach\w*|struck|strik\w*|sign\w*|seal\w*|conclud\w*)\s+(?:an?\s+|the\s+)?[“\"][^”\"]*"
    r"\b(?:agreement|deal|accord|arrangement|framework)\b",
    re.I,
)
EVENT_PLANNED = prefiltered(r"\b(invited|hoping to|will host)\b", re.I)
EVENT_PROPOSED = prefiltered(r"\b(urg\w*|hoping|possible|potential|negotiating)\b", re.I)
PLACE = prefiltered(r"\b(?:in|at|to)\s+((?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,4})")
PERSON = prefiltered(
    r"\b(?:(?:Prime Minister|President|Premier|Minister|Ambassador|Foreign Affairs Minister|"
    r"Secretary)\s+)?((?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+|[A-Z]\.)){1,4})\b"
)
NOT_PERSON = re.compile(
    r"\b(Prime|Minister|President|Premier|South|North|United|Asia|Pacific|Economic|Cooperation|"
    r"General|Assembly|Association|Southeast|Asian|Nations|Kuala|Lumpur|Foreign|Affairs|Global|"
    r"National|Canadian|Chinese|Indo|Office|Press|Reuters|Related|Post|Looking|Ahead|Trade|"
    r"Repairing|From|Rebuilding|Major|Policy|Cautious|Thaw|Breaking|Leave|Comment|Liberal|"
    r"Huawei|Arctic|Gyeongju|Vancouver|Beijing|Ottawa|Singapore|Korea|Malaysia|Saskatchewan|"
    r"Manitoba|Alberta|Washington|Canada|China|Tuesday|Monday|Friday|Still|While|Both|After|"
    r"Agriculture|Finance|Industry|Deputy|Secretary|Ambassador|Chief|Minister|"
    r"In|The|Carney’s|Trudeau’s)\b"
)


def _people(text: str) -> list[str]:
    out = []
    for m in PERSON.finditer(text):
        name = m.group(1)
        words = [w for w in name.split() if not NOT_PERSON.fullmatch(w)]
        if len(words) >= 2 and name not in out:
            out.append(" ".join(words))
    return out


WORD = re.compile(r"[A-Za-z][\w’']*")


def is_headline(text: str) -> bool:
    """A title or section heading: no closing punctuation and most words capitalised."""
    words = WORD.findall(text)
    if not words or text.rstrip()[-1:] in '.!?:”"':
        return False
    caps = sum(w[0].isupper() for w in words if len(w) > 3)
    return bool(caps >= 0.6 * max(1, sum(len(w) > 3 for w in words)))


def event_items(sent: Sentence, published: dt.date) -> list[Item]:
    """Events stated in one sentence, one per event type: the verb or noun class of the type
    outside quotation marks; status planned (future cues), proposed (proposal cues),
    negated (negation), else reported. Negated ones are dropped: "no deal was reached" is not an
    agreement."""
    body = _strip_quotes(sent.text)
    first: dict[str, re.Match[str]] = {}
    negated: set[str] = set()
    for hit in EVENT_SCAN.finditer(body):
        kind = str(hit.lastgroup)
        if kind in first:
            continue
        if kind == "release" and any(
            m.start() <= hit.start() < m.end() for m in NOT_RELEASE.finditer(body)
        ):
            continue
        if kind in ("meeting", "visit", "agreement") and (
            UNASSERTED.search(body, max(0, hit.start() - 80), hit.start())
            or (
                WHETHER_BEFORE.search(body, max(0, hit.start() - 80), hit.start())
                and ASKED_AFTER.match(body, hit.end())
            )
        ):
            continue
        first[kind] = hit
        if (
            DENIED_BEFORE.search(body, max(0, hit.start() - 20), hit.start())
            or DENIED_AFTER.match(body, hit.end())
            or (
                kind == "agreement"
                and EVENT_NEGATION.search(body[max(0, hit.start() - 60) : hit.end() + 40])
            )
        ):
            negated.add(kind)  # "no agreement was reached", "that probe has not concluded"
    if "agreement" not in first and ("“" in sent.text or '"' in sent.text):
        q = QUOTED_AGREEMENT.search(sent.text)
    else:
        q = None
    if q is not None:
        first["agreement"] = q
    if not first or is_headline(sent.text) or sent.text.rstrip(' ”"').endswith("?"):
        return []  # titles and questions assert no event
    dates = find_dates(sent.text, published)
    planned = bool(FUTURE.search(body) or EVENT_PLANNED.search(body))
    proposed = bool(EVENT_PROPOSED.search(body))
    place = PLACE.search(body)
    people = _people(body)
    out = []
    for kind, _ in EVENT_TYPES:
        m = first.get(kind)
        if m is None:
            continue
        if kind in negated:
            continue
        status = "planned" if planned else "reported"
        if kind in ("meeting", "agreement") and proposed:
            status = "proposed"
        out.append(
            Item(
                "event",
                sent.start,
                sent.end,
                sent.text,
                {
                    "type": kind,
                    "status": status,
                    "participants": people,
                    "place": place.group(1) if place else None,
                    "date": _date(dates),
                },
            )
        )
    return out


QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
SAID = r"(?:said|says|told|added|stated|noted|wrote|asked|warned|argued)"
SAID_AFTER = prefiltered(rf"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?|he|she|He|She)\s+{SAID}\b")
SAID_BEFORE = prefiltered(rf"\b{SAID}\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
NAME_OR_PRONOUN = prefiltered(r"\b(he|she|He|She)\b|\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")
CAPITALISED = prefiltered(r"\b[A-Z][a-z]+\b")


def quote_items(text: str, sents: list[Sentence]) -> list[Item]:
    """Quoted passages of three words or more with their speaker, a person:

    * the subject of a verb of saying in the sentence (``..., Carney said``; ``Joly said``);
    * else the first person or pronoun outside the quotation marks (``he "didn't rule out"``);
    * else, for a sentence that is only a quotation, the speaker of the previous quotation or
      of the sentence before it when that ended with a colon.

    Surnames and pronouns resolve to the full names met earlier in the article (the last one
    named for a pronoun); organisations are not speakers.
    """
    out: list[Item] = []
    known: dict[str, str] = {}  # surname -> full name
    last_person: str | None = None
    last_speaker: str | None = None
    for s in sents:
        outside = _strip_quotes(s.text)
        for p in _people(outside):
            known[p.split()[-1]] = p
        quotes = [q for q in QUOTE.finditer(s.text) if len(q.group(1).split()) >= 3]
        speaker = None
        said = SAID_AFTER.search(outside) or SAID_BEFORE.search(outside)
        speaker = _person(said.group(1), known, last_person) if said else None
        if speaker is None and quotes:
            for m in NAME_OR_PRONOUN.finditer(outside):
                speaker = _person(m.group(0), known, last_person)
                if speaker:
                    break
        if speaker is None and quotes and not outside.strip(" ,.;:—-"):
            speaker = last_speaker
        out.extend(
            Item(
                "quote",
                s.start + q.start(),
                s.start + q.end(),
                s.text,
                {"speaker": speaker, "text": q.group(1).strip()},
            )
            for q in quotes
        )
        if quotes:
            last_speaker = speaker
        mentioned = (
            [who for w in CAPITALISED.findall(outside) if (who := _person(w, known, None))]
            if known
            else []
        )
        if mentioned:
            last_person = mentioned[-1]
        if s.text.rstrip().endswith(":"):
            last_speaker = speaker or (mentioned[-1] if mentioned else last_speaker)
    return out


def _person(word: str | None, known: dict[str, str], last: str | None) -> str | None:
    """A full name for a pronoun (the last person named), a surname or a full name; None for
    anything that is not a known person."""
    if word is None:
        return None
    if word.lower() in ("he", "she"):
        return last
    if word in known.values():
        return word
    return known.get(word.split()[-1]) if word.split()[-1] in known else None


def _full_name(short: str, people: list[str], last: str | None) -> str:
    for p in [*people, last or ""]:
        if p and (p == short or p.endswith(" " + short) or p.startswith(short + " ")):
            return p
    return short


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
    r"cargoes|shipments|containers)\b))?",
    re.I,
)


YEAR = re.compile(r"(19|20)\d{2}")
PER_CENT = re.compile(r"^per[ -]?cent$|^percent$")
WHAT = re.compile(
    r"\s*(?:of\s+)?(?:the\s+)?([a-z][\w -]{2,40}?)(?:[,.;]|\s(?:on|in|for|to|from|that|which)\b|$)"
)


def figure_items(text: str, sents: list[Sentence]) -> list[Item]:
    """Numbers with a unit (percent, money, counts and durations of named things), with what
    they measure (the unit's noun, or the noun phrase after a rate); years and dates are not
    figures."""
    out = []
    for s in sents:
        for m in HYPHEN_FIGURE.finditer(s.text):  # "a three-day visit": a duration
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
                        "text": m.group(0),
                        "measures": "duration",
                    },
                )
            )
        for m in FIGURE.finditer(s.text):
            num = m.group("num")
            if not m.group("unit") and not m.group("cur"):
                continue  # a bare number: no unit, no currency
            if num.lower() in NUMBER_WORDS and (m.group("unit") or "").lower() in (
                "%",
                "percent",
                "per cent",
            ):
                continue
            if YEAR.fullmatch(num) and not m.group("cur"):
                continue
            word = NUMBER_WORDS.get(num.lower())
            value = float(word if word is not None else num.replace(",", ""))
            unit = (m.group("unit") or "").strip().lower()
            unit = PER_CENT.sub("%", unit)
            after = s.text[m.end() : m.end() + 50]
            what = WHAT.match(after)
            out.append(
                Item(
                    "figure",
                    s.start + m.start(),
                    s.start + m.end(),
                    s.text,
                    {
                        "value": value,
                        "unit": ("money " + m.group("cur") + " " + unit).strip()
                        if m.group("cur")
                        else unit,
                        "text": m.group(0).strip(),
                        "measures": what.group(1)
                        if what and unit in ("%", "billion", "million")
                        else unit,
                    },
                )
            )
    return out


def _is_title(text: str, first: Sentence) -> bool:
    line = text[: text.find("\n")] if "\n" in text else text
    return line.strip() == first.text and first.text[-1:] not in '.!?"”:'


def clear_caches() -> None:
    """Forget memoised quote stripping and date finding (they help within an article and across
    repeated boilerplate; benchmarks clear them to measure unrepeated text)."""
    _strip_quotes.cache_clear()
    _dates.clear_cache()


def extract(text: str, published: dt.date) -> list[Item]:
    """Every measure, event, quote and figure in an article, in text order. The first line,
    when it has no closing punctuation, is the title: no measures or events are read from it
    (titles compress and sensationalise; the body states the same facts)."""
    sents = sentences(text)
    sents_body = sents[1:] if sents and _is_title(text, sents[0]) else sents
    items: list[Item] = []
    intro, since = "", 99
    for s in sents_body:
        items += measure_items(s, published, intro if since <= 3 else "")
        items += event_items(s, published)
        since += 1
        if s.text.rstrip().endswith(":"):
            intro, since = s.text, 0
    items += quote_items(text, sents)
    items += figure_items(text, sents)
    return sorted(items, key=lambda it: (it.start, it.kind))
