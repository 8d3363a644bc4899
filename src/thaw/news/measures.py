"""Measures in register units: one item per imposer x target x product group x rate x action in a
sentence (docs/news.md).

Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from thaw.news._scan import lower_same_length, prefiltered
from thaw.news.attributes import (
    ADJECTIVES,
    CONDITION,
    PROPOSAL,
    action_of,
    basis_of,
    economy_mentions,
    is_person,
    product_mentions,
    status_of,
)
from thaw.news.candidates import (
    CLAUSE,
    DIRECTIONS,
    DIRECTIONS_LOW,
    MEASURE_GATE,
    MEASURE_WORD,
    RATE,
    SUBORDINATE,
    coordinated,
)
from thaw.news.dates import date_field, find_dates, nearest
from thaw.news.item import Item
from thaw.news.sentences import Sentence, is_headline, strip_quotes

ON_AGAINST = prefiltered(r"\b(on|against)\b")
# one alternative per separator (a few lookaheads per space, not one per clause word)
SAYS = re.compile(r"\b(?:said|says|told|added|stated)\b", re.I)
PRONOUN = re.compile(r"\b(it|them|those|which)\b")
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
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]hese|[Tt]hose|[Tt]his|[Tt]hat|[Bb]oth|[A-Z]{2,}|\w+[’']s)\s+"
    r"(?:[\w-]+\s+){0,3}$"
)
# an economy owning the measure word: "at a time of U.S. tariffs", "Chinese duties" (a measure,
# not the generic word)
OWNED_BEFORE = re.compile(
    r"(?:\bU\.S\.|\bEU\b|\b(?:" + "|".join(sorted(ADJECTIVES)) + r")\b)\s+(?:[\w-]+\s+)?$"
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


def _clause_measures(sent: Sentence, published: dt.date, context: str = "") -> list[Item]:
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
    low = lower_same_length(text)
    gate = MEASURE_GATE.search(low) if low is not None else MEASURE_WORD.search(text)
    if gate is None or is_headline(text):
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
    pieces = [part for a, b, d in pieces for part in coordinated(text, a, b, d)]
    previous: Item | None = None
    for n, (a, b, dependent_piece) in enumerate(pieces):
        clause = text[a:b]
        item = _measure_in(
            clause,
            sent,
            published,
            context,
            cues=text[:b] if dependent_piece else clause,
            previous=previous,
        )
        if (
            item is not None
            and previous is not None
            and DESCRIBES.match(clause)
            # a rate of its own: "..., which is itself taxing our exports at 25%" is a measure
            and not (item.fields["rates"] and item.fields["rates"] != previous.fields["rates"])
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
        if (
            item is not None
            and n > 0  # a clause after another, not a sentence opening "Until May, ..."
            and UNTIL.match(clause)
            and item.fields["direction"] != "in_force"
            and item.fields["status"] in ("decided", "announced")
        ):
            # "... stay until the other side's tariffs are withdrawn": a change still to come
            item.fields["status"] = "proposed"
        after_colon = text[max(0, a - 2) : a].startswith(":")
        if (
            item is not None
            and previous is not None
            and after_colon
            and item.fields["direction"] == "in_force"
        ):
            # "the levies Ottawa announced: a 100% surtax on EVs and ...": the components
            # inherit the action of the package named before the colon
            item.fields["direction"] = previous.fields["direction"]
            item.fields["status"] = previous.fields["status"]
            if not previous.fields["hs"]:
                previous.fields["products"] = item.fields["products"]
                previous.fields["hs"] = item.fields["hs"]
        previous = item or previous
        lead_ws = len(clause) - len(clause.lstrip())
        span = (sent.start + a + lead_ws, sent.start + a + len(clause.rstrip()))
        for found in (item, _substitute(item, clause)):
            if found is not None:
                found.start, found.end = span
                found.fields["_cues"] = text[:b] if dependent_piece else clause
                items.append(found)
    return items


TARGET_BEFORE = re.compile(
    r"\b(?:on|from|against|into|(?:built|made|produced|manufactured|assembled|originating)\s+in|"
    r"(?:imports|goods|products|exports)\s+(?:from|of))\s+(?:the\s+)?(?:rest\s+of\s+)?$",
    re.I,
)
OWNER = re.compile(
    r"[’']s\s+(?:own\s+)?(\d+(?:\.\d+)?[ -]?(?:%|per[ -]?cent|percent)\s+)?([\w-]+\s+){0,2}"
    r"(tariffs?|surtax|levy|levies|dut|trade barrier|counter-tariffs?|measures?)"
)
SIDE_OWNER = re.compile(r"\s+(?:side|government|authorities)[’']s\b")
SAYS_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:said|says|told|added|noted|stated)\b")
EVERY_ORIGIN = prefiltered(
    r"\b(?:global|worldwide|across-the-board|most-favou?red-nation|MFN|Section 232|"
    r"on imported|from any (?:country|origin|source)|(?:countries|partners) without an? free "
    r"trade|non-FTA|on all (?:countries|"
    r"imports|trading partners|origins)|from all (?:countries|origins|sources)|every country)\b",
    re.I,
)
DESCRIBES = re.compile(r"\s*which\b", re.I)
EXPIRY = re.compile(r"\b(?:expir\w*|laps\w*|runs? out|ran out)\b", re.I)
UNTIL = re.compile(r"\s*[“\"]?until\b", re.I)
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
    m = SUBSTITUTION.search(strip_quotes(clause))
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


_RATE_IN_GAP = re.compile(r"(?:\d+(?:\.\d+)?[ -]?(?:%|per[ -]?cent|percent)[ -]?)")


def _attributive(gap: str) -> bool:
    """Whether an economy ending right before the measure word modifies it: at most 12
    characters between them apart from a rate ("Chinese tariffs", "the U.S. 25 per cent tariff"),
    no comma."""
    return "," not in gap and len(_RATE_IN_GAP.sub("", gap)) <= 12 and gap[:1] in (" ", "-")


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
    body = strip_quotes(clause)
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
    products = product_mentions(body)
    rates = [float(m.group(1)) for m in RATE.finditer(body)]
    direction = "in_force"
    best = None
    cause = CAUSE.match(body)  # "in retaliation for Canada's surtaxes": the cause, in force
    low_body = lower_same_length(body)
    classes = DIRECTIONS_LOW if low_body is not None else DIRECTIONS
    scanned = low_body if low_body is not None else body
    verbs = [(name, m) for name, pat in classes for m in pat.finditer(scanned)]
    for name, m in verbs:
        if any(
            o is not m
            and o.start() <= m.start()
            and m.end() <= o.end()
            and o.end() - o.start() > m.end() - m.start()
            for _, o in verbs
        ):
            continue  # "stop charging": the longer phrase holding the verb decides
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
                    not pronoun and name == "in_force" and COMMA_BEFORE.search(body[: m.start()])
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
        and not BOTH_SIDES.search(body)
        and not OWNED_BEFORE.search(body, max(0, hit.start() - 30), hit.start())
        and not FINAL.search(body)
    ):
        return None  # a bare, generic mention ("problems that had nothing to do with tariffs")
    econ = economy_mentions(body)
    target = imposing = owner = person = None
    hit_body = hit
    for off, code, form in econ:
        end = off + len(form)
        after = body[end : end + 60]
        if body[off - 1 : off] == "(" and body[end : end + 1] == ")":
            continue  # "$2.6 billion (U.S.)": a currency, not an economy
        near_product = any(off < p_off <= end + 40 for p_off, _, _ in products)
        if body[max(0, off - 4) : off].lower() == "non-":
            continue  # "non-American content": no economy
        lead = body[end : hit_body.start()] if hit_body is not None else ","
        if form in ADJECTIVES and _attributive(lead):
            imposing = imposing or code  # "Chinese tariffs"
        elif not is_person(form) and _attributive(lead):
            owner = owner or code  # "at a time of U.S. tariffs": the name modifying the measure
        elif OWNER.match(after) or (form in ADJECTIVES and SIDE_OWNER.match(after)):
            owner = owner or code  # "Canada's surtax": the owner wins over the clause's subject
        elif (form in ADJECTIVES and (near_product or TARGET_NOUN.match(after))) or (
            form not in ADJECTIVES and TARGET_BEFORE.search(body, max(0, off - 40), off)
        ):
            target = target or code  # "Chinese EVs", "on Canada"
        elif form not in ADJECTIVES and is_person(form) and SAYS_AFTER.match(after):
            person = person or code  # "Trump said ...": the speaker, a fallback
        elif form not in ADJECTIVES:
            imposing = imposing or code
    imposing = owner or imposing or (person if person != target else None)
    if imposing == target:
        imposing = None
    if target is None and EVERY_ORIGIN.search(body):
        target = "ALL"  # "a 10% global tariff", "on all countries", the MFN tariff
    if imposing is None and target is not None:
        imposing = next(
            (
                c
                for off, c, f in econ
                if c != target and f not in ADJECTIVES and body[off - 1 : off] != "("
            ),
            None,
        )
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
    status = (
        "decided" if best is None else status_of(cues if cues is not None else clause, direction)
    )
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
        "date": date_field(nearest(find_dates(clause, published), hit.start())),
    }
    return Item("measure", sent.start, sent.end, sent.text, fields)


# -- register units ---------------------------------------------------------------------------
# "from 25% to 10%", "to 10% from 25%", "10%, up from 5%": the new level is the change's rate,
# the old one an item of its own (the measure as it stands)
_N = r"(?:about\s+|around\s+|roughly\s+|nearly\s+)?(\d+(?:\.\d+)?)\s*(?:%|per[ -]?cent|percent)"
FROM_TO = re.compile(
    rf"\bfrom\s+{_N}\s+to\s+{_N}|\bto\s+{_N}[^.;]{{0,50}}?\b(?:from|down from|up from)\s+{_N}|"
    rf"{_N},?\s+(?:up|down)\s+from\s+{_N}",
    re.I,
)
# a range is one item with no single rate: "deposits of 26.2 to 40.5 per cent"
RANGE = re.compile(
    r"(?<!from )(?<!from about )\b(\d+(?:\.\d+)?)(?:\s*(?:%|per[ -]?cent|percent))?\s*(?:to|-|–)\s*"
    r"(\d+(?:\.\d+)?)\s*(?:%|per[ -]?cent|percent)",
    re.I,
)
# each side imposing on the other: "both sides", "the two governments traded tariffs"
BOTH_SIDES = prefiltered(
    r"\b(?:both\s+(?:sides|countries|governments|nations|capitals)|each\s+(?:side|country|other)|"
    r"the\s+two\s+(?:sides|countries|governments|nations|capitals)|tit-for-tat|"
    r"(?:traded|exchanged|trading)\s+(?:\w+\s+){0,2}?(?:tariffs|duties|levies))\b",
    re.I,
)
# a back-reference to a measure named before: "its own duties", "the levies", "those tariffs"
BACK_REFERENCE = prefiltered(
    r"\b(?:its|their)\s+own\b|\b(?:the|those|these|this|that|its|their|such)\s+(?:\w+\s+)?"
    r"(?:tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?|measures?)\b",
    re.I,
)
FINAL = prefiltered(
    r"\b(?:final|definitive)\s+(?:anti-dumping\s+)?(?:duty|duties|rates?|decision|determination)\b",
    re.I,
)
PENDING = prefiltered(
    r"\b(?:not\s+yet|will|could|would|may|months?\s+away|weeks?\s+away|expected|due)\b", re.I
)
FURTHER = prefiltered(
    r"\b(?:extra|further|additional)\s+(?:\d+(?:\.\d+)?[ -]?(?:%|per[ -]?cent|percent)\s+)?"
    r"(?:tariffs?|dut(?:y|ies)|levy|levies|surtax\w*)\b",
    re.I,
)
PLURAL = re.compile(r"(?:tariffs|duties|levies|surtaxes|measures|own)$", re.I)
TARGET_LIST = prefiltered(r"\b(?:on|against|from|to)\s+(?:imports\s+from\s+)?(?=[A-Z])")
LIST_SEPARATOR = re.compile(r"\s*(?:,\s*and|,\s*or|,|and|or)\s+(?:the\s+)?")
ADDITIONAL = prefiltered(r"\b(?:additional|extra|further|new)\s+(?:[\w%.-]+\s+){0,2}?$", re.I)
RETALIATORY_WORD = prefiltered(r"\b(?:retaliatory|counter)[\s-]+(?:[\w%.-]+\s+){0,2}?$", re.I)
FUTURE_TENSE = re.compile(r"\b(?:will|is set to|are set to|plans? to|scheduled)\b", re.I)


def _rate_groups(clause: str, rates: list[float]) -> list[tuple[float | None, int, int, bool]]:
    """(rate, segment start, segment end, the old rate of a move) per rate of a clause: for a
    move from one rate to another the new rate and the old one (a mention of the measure as it
    stands); one group without a rate for a range; else one per distinct rate."""
    n = len(clause)
    if "%" not in clause and "cent" not in clause:
        return [(rates[0] if rates else None, 0, n, False)]
    ft = FROM_TO.search(clause)
    if ft is not None:
        g = ft.groups()
        new, old = (g[1], g[0]) if g[0] else (g[2], g[3]) if g[2] else (g[4], g[5])
        return [(float(new), 0, n, False), (float(old), 0, n, True)]
    if RANGE.search(clause):
        return [(None, 0, n, False)]
    found = list(RATE.finditer(clause))
    if len(found) <= 1 or len({float(m.group(1)) for m in found}) <= 1:
        return [(rates[0] if rates else None, 0, n, False)]
    out: list[tuple[float | None, int, int, bool]] = []
    for i, m in enumerate(found):
        a = 0 if i == 0 else m.start()
        b = found[i + 1].start() if i + 1 < len(found) else n
        out.append((float(m.group(1)), a, b, False))
    return out


def _targets(clause: str) -> list[str]:
    """A list of targeted economies by name: "duties on Canada, Mexico and China"."""
    for m in TARGET_LIST.finditer(clause):
        codes: list[str] = []
        pos = m.end()
        while True:
            e = next(iter(economy_mentions(clause[pos : pos + 40])), None)
            if e is None or e[0] != 0 or e[2] in ADJECTIVES or is_person(e[2]):
                break
            if e[1] not in codes:
                codes.append(e[1])
            pos += len(e[2])
            sep = LIST_SEPARATOR.match(clause, pos)
            if sep is None:
                break
            pos = sep.end()
        if len(codes) >= 2:
            return codes
    return []


def _basis(clause: str, code: str | None) -> str | None:
    if code is None:
        return None
    for _, c, form in economy_mentions(clause):
        if c == code:
            return basis_of(form)
    return "context"


def _kind(old: str, clause: str, start: int) -> str:
    if old == "tariff":
        hit = MEASURE_WORD.search(clause, start) or MEASURE_WORD.search(clause)
        before = clause[: hit.start()] if hit else clause
        if RETALIATORY_WORD.search(before):
            return "retaliatory"
        if ADDITIONAL.search(before):
            return "additional"
        return "unspecified"
    return old


# a measure named as a whole before its components: "the levies Ottawa announced: a 100%
# surtax ... and a 25% surtax ...", "duties on A, B and C, including a 75% tariff on A"
PACKAGE = prefiltered(
    r"\b(?:levies|tariffs|duties|surtaxes|measures|package|countermeasures|counter-tariffs)\b", re.I
)
INCLUDING = prefiltered(r"\b(?:including|among them|notably)\b", re.I)


def _package(clause: str, groups: list[tuple[float | None, int, int, bool]]) -> bool:
    """Whether the clause names a package of measures besides its components: a plural
    measure noun before the first of several rates, or a component after "including"."""
    rates = [g for g in groups if g[0] is not None and not g[3]]
    if not rates:
        return False
    first = RATE.search(clause)
    if first is None:
        return False
    before = clause[: first.start()]
    if len(rates) >= 2 and PACKAGE.search(before) and ":" in before:
        return True
    inc = INCLUDING.search(clause)
    return (
        inc is not None
        and inc.start() < first.start()
        and PACKAGE.search(clause, 0, inc.start()) is not None
    )


# a change to a measure named before, by a pronoun: "he paused them for 30 days", "Ottawa
# could lift part of them", "if Ottawa lifts the one on cars"
PRONOUN_CHANGE = prefiltered(
    r"\b(?P<verb>paus\w*|suspend\w*|lift\w*|drop\w*|remov\w*|scrap\w*|repeal\w*|rais\w*|"
    r"cut|cuts|cutting|lower\w*|halv\w*|waiv\w*|reinstat\w*|impos\w*|extend\w*)\s+"
    r"(?:(?:part|some|all|most)\s+of\s+)?(?:it|them|the\s+one|those)\b(?!\s+(?:to|who|that)\b)",
    re.I,
)
_VERB_CLASS = (
    ("suspended", re.compile(r"paus|suspend|waiv|extend", re.I)),
    ("lifted", re.compile(r"lift|drop|remov|scrap|repeal", re.I)),
    ("raised", re.compile(r"rais", re.I)),
    ("lowered", re.compile(r"cut|lower|halv", re.I)),
    ("imposed", re.compile(r"reinstat|impos", re.I)),
)


def _pronoun_measures(sent: Sentence, published: dt.date, last: dict[str, Any]) -> list[Item]:
    """A measure changed by a pronoun in a sentence that names none: the last measure of the
    article, with the change of the verb (its economies and products marked inferred)."""
    text = sent.text
    if " it" not in text and " them" not in text and " one" not in text and "those" not in text:
        return []
    m = PRONOUN_CHANGE.search(text)
    if m is None or is_headline(text):
        return []
    direction = next(d for d, pat in _VERB_CLASS if pat.match(m.group("verb")))
    a = max((c.end() for c in CLAUSE.finditer(text, 0, m.start())), default=0)
    nxt = CLAUSE.search(text, m.end())
    b = nxt.start() if nxt else len(text)
    clause = text[a:b].strip()
    fields = {
        "imposing": last["imposing"],
        "targeted": last["targeted"],
        "products": list(last["products"]),
        "hs": list(last["hs"]),
        "rates": [],
        "kind": "tariff",
        "retaliatory": False,
        "direction": direction,
        "status": status_of(text[:b], direction),
        "clause": clause,
        "date": date_field(find_dates(clause, published)),
        "_cues": text[:b],
        "_pronoun": True,
    }
    item = Item("measure", sent.start + a, sent.start + b, text, fields)
    lead = len(text[a:b]) - len(text[a:b].lstrip())
    item.start += lead
    return [item]


def measure_items(
    sent: Sentence,
    published: dt.date,
    context: str = "",
    memory: dict[str, Any] | None = None,
) -> list[Item]:
    """Measures of one sentence in register units: one item per imposer x target x product
    group x rate x action, each with its clause's span; ``memory`` (one dict per article) carries
    the economies and products of earlier measures for back-references, marked inferred."""
    mem = memory if memory is not None else {}
    mem["turn"] = mem.get("turn", 0) + 1  # sentences seen, for "the sentence just before"
    out: list[Item] = []
    seen: set[tuple[Any, ...]] = set()
    found = _clause_measures(sent, published, context)
    if not found and mem.get("last") is not None:
        found = _pronoun_measures(sent, published, mem["last"])
    # every sentence counts: the economies an article is about stand for an unnamed side (read
    # only when a measure needs them, see _economy_counts)
    mem.setdefault("unread", []).append(sent.text)
    found = [alt for raw in found for alt in _choices(raw)]
    for raw in found:
        f = raw.fields
        clause = f["clause"]
        cues = f.pop("_cues", clause)
        groups = _rate_groups(clause, f["rates"])
        package = _package(clause, groups)
        if package:  # "the levies Ottawa announced: a 100% surtax on EVs and a 25% one on steel"
            groups = [(None, 0, len(clause), False), *groups]
        targets = _targets(clause) or [f["targeted"]]
        pairs = [(f["imposing"], t) for t in targets]
        if f["imposing"] is None and f["targeted"] is None and BOTH_SIDES.search(clause):
            a, b = mem.get("pair") or (None, None)
            if a and b:
                pairs = [(a, b), (b, a)]
        split = len(groups) > 1 and any(gb - ga < len(clause) for _, ga, gb, _ in groups)
        own_products = split and any(product_mentions(clause[ga:gb]) for _, ga, gb, _ in groups)
        for rate, ga, gb, standing in groups:
            seg = clause[ga:gb]
            whole = package and rate is None and ga == 0 and gb == len(clause)
            prods = product_mentions(seg) if len(groups) > 1 and not whole else []
            if prods or (own_products and not whole and gb - ga < len(clause)):
                # a rate's segment names its own products, or none: "a 25% tariff on most
                # goods, with a 10% rate on energy" gives energy to the 10% alone
                names = sorted({p for _, p, _ in prods})
                hs = sorted({h for _, _, c in prods for h in c})
            else:
                names, hs = f["products"], f["hs"]
            for imposing, target in pairs:
                item = _unit(raw, sent, clause, cues, rate, names, hs, imposing, target, mem)
                if len(groups) > 1 and not whole:  # a component: the date of its own segment
                    own = find_dates(seg, published)
                    if own:
                        item.fields["date"] = date_field(own)
                if standing:  # "from 25%": the measure as it stands before the change
                    item.fields.update(
                        action="in_force_mentioned", hedged=False, hedge=None, direction="in_force"
                    )
                key = (
                    item.fields["imposing"],
                    item.fields["targeted"],
                    tuple(item.fields["hs"]),
                    item.fields["rate_pct"],
                    item.fields["action"],
                    item.fields["hedged"],
                )
                if key not in seen:
                    seen.add(key)
                    out.append(item)
    for item in out:
        _derive_old_keys(item.fields)
        g = item.fields
        if g["imposing"] and g["targeted"] and g["targeted"] != "ALL":
            pairs_seen = mem.setdefault("pairs", {})
            pair = (g["imposing"], g["targeted"])
            pairs_seen[pair] = pairs_seen.get(pair, 0) + 1
            mem["pair"] = max(pairs_seen, key=lambda k: pairs_seen[k])
        mem["last"] = g
        mem["last_turn"] = mem["turn"]
        if (
            g["hs"]
            and g["imposing"]
            and g["targeted"]
            and g["targeted"] != "ALL"
            and not g["economies_inferred"]
        ):
            for h in g["hs"]:
                mem.setdefault("by_hs", {})[h] = (g["imposing"], g["targeted"])
        if (
            g["kind"] in ("surtax", "quota", "antidumping")
            and g["imposing"]
            and g["targeted"]
            and g["targeted"] != "ALL"
            and not g["economies_inferred"]
        ):
            mem.setdefault("by_kind", {})[g["kind"]] = (g["imposing"], g["targeted"])
        if g["hs"] and g["imposing"] and not g["products_from_context"] and not g["hedged"]:
            names, codes = mem.setdefault("products", {}).get(g["imposing"], ([], []))
            mem["products"][g["imposing"]] = (
                sorted({*names, *g["products"]}),
                sorted({*codes, *g["hs"]}),
            )
            mem.setdefault("last_products", {})[g["imposing"]] = (g["products"], g["hs"])
    return out


# "could raise, lower or confirm the rate": a choice of changes, one item per change named
CHOICE = prefiltered(
    r"\b((?:raise|lower|cut|increase|reduce|confirm|keep|maintain)(?:\s*,\s*[a-z]+)*,?\s+or\s+"
    r"(?:raise|lower|cut|increase|reduce|confirm|keep|maintain))\b",
    re.I,
)
_CHOICE_DIRECTION = {
    "raise": "raised",
    "increase": "raised",
    "lower": "lowered",
    "cut": "lowered",
    "reduce": "lowered",
}


def _choices(raw: Item) -> list[Item]:
    """``raw``, or one copy per change a choice of verbs names (keeping it as it is names no
    change): "a final decision could raise, lower or confirm the rate" -> raised, lowered."""
    m = CHOICE.search(raw.fields["clause"])
    if m is None:
        return [raw]
    verbs = re.findall(r"[a-z]+", m.group(1).lower())
    directions = list(dict.fromkeys(_CHOICE_DIRECTION[v] for v in verbs if v in _CHOICE_DIRECTION))
    if len(directions) < 2:
        return [raw]
    status = raw.fields["status"]
    status = status if status in ("proposed", "undecided") else "proposed"
    return [
        Item(
            raw.kind,
            raw.start,
            raw.end,
            raw.sentence,
            {**raw.fields, "direction": d, "status": status},
        )
        for d in directions
    ]


def _derive_old_keys(f: dict[str, Any]) -> None:
    """The old keys from the action and hedge: ``direction`` (a threat, consideration or
    proposal names an imposition; a mention is in force) and ``status`` (hedged: proposed or
    undecided; else decided, or announced in the future tense)."""
    action = f["action"]
    if action == "in_force_mentioned":
        f["direction"] = "in_force"
    elif action in ("proposed", "considered", "threatened"):
        f["direction"] = "imposed"
    else:
        f["direction"] = action
    if f["hedged"] and f["status"] not in ("proposed", "undecided"):
        f["status"] = "proposed"
    elif not f["hedged"] and f["status"] not in ("decided", "announced"):
        f["status"] = "announced" if FUTURE_TENSE.search(f["clause"]) else "decided"


def collapse_chapters(hs: list[str]) -> list[str]:
    """Codes of several headings of one chapter named together ("snow crab, shrimp, halibut
    and clams": 0306, 0307, 03) stand for the chapter ("03")."""
    by_chapter: dict[str, set[str]] = {}
    for code in hs:
        by_chapter.setdefault(code[:2], set()).add(code[:4])
    out = set(hs)
    for chapter, headings in by_chapter.items():
        if len(headings) >= 2 and chapter == "03":
            out = {c for c in out if c[:2] != chapter} | {chapter}
    return sorted(out)


# an economy named as what lies outside the measure: "our best buyer outside the United States"
EXCEPT_BEFORE = re.compile(r"\b(?:outside|beyond|except|besides|than)\s+(?:the\s+)?$", re.I)
# a possessive pronoun before an office or agency: the economy of the one that acted before
ITS_OFFICE = prefiltered(
    r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:ministry|ministries|commission|government|cabinet|"
    r"customs|authorities|officials|regulators?|agency|department|spokes(?:person|man|woman))\b",
    re.I,
)


def _economy_counts(mem: dict[str, Any]) -> dict[str, int]:
    """Mentions per economy in the article's sentences so far (counted on first need)."""
    counts: dict[str, int] = mem.setdefault("economies", {})
    for text in mem.pop("unread", []):
        for _, code, _form in economy_mentions(text):
            counts[code] = counts.get(code, 0) + 1
    return counts


def _other_side(mem: dict[str, Any], known: str) -> str | None:
    """The other economy of a measure whose one side is ``known``: the other member of the
    article's last stated pair, else the economy the article names most, other than ``known``."""
    a, b = mem.get("pair") or (None, None)
    other = b if a == known else a if b == known else None
    if other is None:
        counts = {c: n for c, n in _economy_counts(mem).items() if c != known}
        other = max(counts, key=lambda c: counts[c]) if counts else None
    return other


def _unit(
    raw: Item,
    sent: Sentence,
    clause: str,
    cues: str,
    rate: float | None,
    names: list[str],
    hs: list[str],
    imposing: str | None,
    target: str | None,
    mem: dict[str, Any],
) -> Item:
    f = dict(raw.fields)
    pronoun = bool(f.pop("_pronoun", False))
    inferred = pronoun
    from_context = pronoun
    by_hs = mem.get("by_hs", {})
    known = [by_hs[h] for h in hs if h in by_hs]
    if imposing is None and target is None and known:
        imposing, target = known[-1]
        inferred = True
    by_kind = mem.get("by_kind", {})
    if imposing is None and target is None and f["kind"] in by_kind:
        # "the surtaxes", "its quota": the last measure named of that specific kind
        imposing, target = by_kind[f["kind"]]
        inferred = True
    if (imposing is None) != (target is None):
        # the other economy named in the sentence: "... Canada’s surtax ..., said Beijing"
        have = imposing or target
        other = next(
            (
                c
                for off, c, _f in economy_mentions(sent.text)
                if c not in (have, "ALL")
                and sent.text[off - 1 : off] != "("
                and not EXCEPT_BEFORE.search(sent.text, max(0, off - 20), off)
            ),
            None,
        )
        if other is not None and have != "ALL":
            if imposing is None:
                imposing = other
            else:
                target = other
    if imposing is None and target is None and mem.get("last") is not None:
        last = mem["last"]
        if (
            not hs
            or set(hs) & set(last["hs"])
            or ITS_OFFICE.search(sent.text)
            or mem.get("last_turn") == mem.get("turn", 0) - 1
        ):
            # the same products, "its ministry", "their customs agency", or a measure in the
            # sentence just before: the economies that acted last
            imposing, target, inferred = last["imposing"], last["targeted"], True
        elif mem.get("pair"):
            imposing, target = mem["pair"]
            inferred = True
    elif imposing is None and target is not None:
        other = _other_side(mem, target)
        if other is not None:
            imposing, inferred = other, True
    elif target is None and imposing is not None and imposing != "ALL":
        other = _other_side(mem, imposing)
        if other is not None:
            target, inferred = other, True
    ref = BACK_REFERENCE.search(clause) if not hs else None
    if ref is not None and imposing in mem.get("products", {}):
        plural = PLURAL.search(ref.group(0)) is not None
        names, hs = mem["products" if plural else "last_products"][imposing]
        from_context = True
    hs = collapse_chapters(list(hs))
    action, hedged, hedge = action_of(f["direction"], f["status"], cues, clause)
    if action == "in_force_mentioned" and FINAL.search(clause):
        # "not yet a final duty", "the final rate will show": the final measure, still to come
        action, hedged = "imposed", True
        hedge = hedge or (PENDING.search(clause) or FINAL.search(clause)).group(0)  # type: ignore[union-attr]
    if action in ("imposed", "in_force_mentioned") and FURTHER.search(clause):
        action = "raised"  # "an extra 10% tariff", "a further 10% tariff"
    f.update(
        {
            "imposing": imposing,
            "targeted": target,
            "products": list(names),
            "hs": list(hs),
            "rates": [rate] if rate is not None else [],
            "rate_pct": rate,
            "kind": _kind(f["kind"], clause, 0),
            "action": action,
            "hedged": hedged,
            "hedge": hedge,
            "products_from_context": from_context,
            "economies_inferred": inferred,
            "imposing_basis": "context" if inferred and imposing else _basis(clause, imposing),
            "targeted_basis": "context" if inferred and target else _basis(clause, target),
        }
    )
    return Item("measure", raw.start, raw.end, sent.text, f)
