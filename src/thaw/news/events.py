"""Events: one item per distinct event per sentence, with its trigger, type, planned flag and the
date of its own phrase.

Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from thaw.news._scan import lower_same_length, lowered, prefiltered
from thaw.news.attributes import FUTURE
from thaw.news.dates import date_field, find_dates, has_date
from thaw.news.item import Item
from thaw.news.sentences import Sentence, is_headline, strip_quotes

EVENT_TYPES: tuple[tuple[str, str], ...] = (
    (
        "meeting",
        r"(?:meet|meets)(?!\s+(?:[\w-]+\s+){0,2}(?:rules|requirements|standards|criteria|"
        r"conditions|demand|targets?|needs|deadlines?)\b)|met|meeting|meetings|talks|"
        r"spoke (?:privately|with(?!\s+(?:us|me|reporters|journalists)\b)|on)|handshake|"
        r"conversations?|discussions?|discuss|(?:phone\s+)?call\s+with|summits?|(?:cabinet\s+)?retreat|"
        r"forums?|in touch|contacts?\s+with|dialogue|(?:annual\s+)?session|sit\s+down\s+with|"
        r"(?:speak|speaks|speaking|spoken)\s+(?:with|to)(?!\s+(?:us|me|reporters|journalists)\b)|"
        r"spoke\s+for|talking\s+(?:with|to)(?!\s+(?:us|me|reporters|journalists)\b)|"
        r"(?:will|to)\s+host",
    ),
    (
        "visit",
        r"visit\w*|travel\w*|trip|due in|arriv(?:e|es|ed|ing) in|"
        r"(?:went|goes|go|going)\s+to\s+(?-i:[A-Z])\w*|return(?:s|ed|ing)?\s+from\s+(?-i:[A-Z])\w*|"
        r"delegations?|trade missions?",
    ),
    (
        "agreement",
        r"agreements?|agreed|deals?|accord|framework|arrangement|joint statement|pact|partnership|"
        r"roadmap|truce|"
        r"signed\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,5}?(?:roadmaps?|memorand\w*|treat(?:y|ies)|"
        r"pacts?|declarations?)|signed(?=\s+(?:in|at|by|on|last|this|earlier)\b)|"
        r"(?-i:CPTPP|CUSMA|USMCA|NAFTA|CETA|RCEP)",
    ),
    ("detention", r"arrest\w*|detain\w*|detention|imprison\w*|jailed|in custody"),
    ("release", r"releas\w*|freed"),
    (
        "ruling",
        r"death penalty|sentenc\w*|execut(?:ed|ion)|ruling|ruled|verdict|determination|struck down|"
        r"(?:final|preliminary)\s+decision|"
        r"strikes? down|overturn\w*",
    ),
    (
        "investigation",
        r"investigat\w*|inquiry|probes?|(?:anti-)?dumping case|"
        r"(?:opened|launched)\s+(?:an?\s+)?case|looking\s+into",
    ),
    (
        "other",
        r"consultations?|consulting|review(?:ed)?|complaints?|disputes?|filing|application|"
        r"request for consultations|invit(?:e|es|ed|ing|ation)|challenge|cancel\w*|consult|"
        r"informed|welcomed|sworn\s+in|blocked|pulled|extended\s+(?:its|the)\s+(?:[\w-]+\s+)?"
        r"(?:investigation|probe|deadline)",
    ),
    ("policy_release", r"strateg(?:y|ies)|white paper|policy statement|action plan"),
    (
        "announcement",
        r"instruct\w*|reinstat\w*|restor(?:e|es|ed|ing)|unveil\w*|announc(?:e|es|ed|ing|ements?)|"
        r"published|set out|outlined|directed|signed\s+(?:an?\s+)?(?:executive\s+)?order|"
        r"customs notice|notice to importers|set\s+a\s+(?:goal|target)",
    ),
)
# the same alternation for lowercased text (the case-sensitive parts as their lowercase forms;
# a place after "went to" is checked for its capital on the original text)
EVENT_SCAN_LOW = lowered(
    r"\b(?:"
    + "|".join(
        f"(?P<{k}>{w})"
        for k, w in (
            (
                k,
                w.replace("(?-i:[A-Z])", "[a-z]").replace(
                    "(?-i:CPTPP|CUSMA|USMCA|NAFTA|CETA|RCEP)", "cptpp|cusma|usmca|nafta|rceps?"
                ),
            )
            for k, w in EVENT_TYPES
        )
    )
    + r")\b"
)
PLACE_AFTER = re.compile(r"(?:went|goes|go|going)\s+to\s+|return(?:s|ed|ing)?\s+from\s+")
EVENT_SCAN = prefiltered(
    r"\b(?:" + "|".join(f"(?P<{k}>{words})" for k, words in EVENT_TYPES) + r")\b", re.I
)
# an event word under a close negation or expectation: "no meeting", "while waiting for a
# deal", "that probe has not concluded"
DENIED_BEFORE = re.compile(
    r"\b(?:no|never|not|without|waiting for|awaiting)\s+(?:[\w-]+\s+)?$", re.I
)
DENIED_LONG = re.compile(
    r"\bno\s+(?:[\w-]+\s+){0,3}(?:has|have|had|was|were|is|are)\s+(?:yet\s+)?(?:been\s+)?$", re.I
)
# "announced" whose object is a measure, or in a relative clause after one, is the measure's
# verb ("announced a 10% tariff", "the levies Ottawa announced"), not an event of its own
ANNOUNCED_MEASURE_AFTER = re.compile(
    r"\s+(?:an?|the|its|their|new|further|additional|[\d.]+|\s)+(?:[\w%.-]+\s+){0,4}?"
    r"(?:tariffs?|surtax\w*|dut(?:y|ies)|levy|levies|quotas?)\b",
    re.I,
)
ANNOUNCED_MEASURE_BEFORE = re.compile(
    r"(?:\b(?:tariffs?|surtax\w*|dut(?:y|ies)|levy|levies|quotas?)\s+(?:[\w’'-]+\s+){0,2}|"
    r"\bthan\s+(?:first\s+|initially\s+|originally\s+)?)$",
    re.I,
)
# a date just before "announced": a dated announcement of its own ("on Saturday he announced")
DATED_BEFORE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Jan|Feb|Mar|Apr|May|Jun|"
    r"Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b,?\s+(?:[\w’'-]+\s+){0,3}$"
)
REFERENCE_BEFORE = re.compile(
    r"\b(?:commented\s+on|called|said|reviewing|welcomed|criticized|criticised|condemned|"
    r"rejected|appealed)\s+the\s+(?:[\w-]+\s+)?$",
    re.I,
)
GOAL_AROUND = re.compile(r"\bopen\s+to\s+(?:\w+\s+)?talks\b|\bdeal\s+to\s+be\s+had\b", re.I)
# an agreement named as a rule of origin: "goods that qualify under the free trade agreement"
UNDER_AGREEMENT = re.compile(r"\b(?:under|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
AGREEMENT_MODIFIER = re.compile(r"[-\s](?:compliant|qualifying|rules?)\b", re.I)
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
# every word DENIED_BEFORE, DENIED_LONG, DENIED_AFTER and EVENT_NEGATION can match on
_DENIAL_GATE = prefiltered(r"\b(?:no|not|never|without|waiting|awaiting|failed|none)\b")
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


def people(text: str) -> list[str]:
    """Full names (two capitalised words or more, titles and places left out) in ``text``."""
    return list(_people(text))


@lru_cache(maxsize=2048)
def _people(text: str) -> tuple[str, ...]:
    out = []
    for m in PERSON.finditer(text):
        name = m.group(1)
        words = [w for w in name.split() if not NOT_PERSON.fullmatch(w)]
        if len(words) >= 2 and name not in out:
            out.append(" ".join(words))
    return tuple(out)


def event_items(sent: Sentence, published: dt.date) -> list[Item]:
    """Events stated in one sentence, one per event type: the verb or noun class of the type
    outside quotation marks; status planned (future cues), proposed (proposal cues),
    negated (negation), else reported. Negated ones are dropped: "no deal was reached" is not an
    agreement."""
    if sent.text.rstrip(' ”"').endswith("?") or is_headline(sent.text):
        return []  # titles and questions assert no event
    body = strip_quotes(sent.text)
    hits: list[tuple[str, re.Match[str], tuple[int, int]]] = []  # kind, trigger, own phrase
    negated: set[int] = set()  # indices into hits
    low = lower_same_length(body)
    # cheap per-sentence gates: the words each rule below needs before it can match
    lowered_body = low if low is not None else body.lower()
    whether = "whether" in lowered_body
    unasserted = whether or "denied" in lowered_body
    denial = _DENIAL_GATE.search(lowered_body) is not None
    for hit in EVENT_SCAN_LOW.finditer(low) if low is not None else EVENT_SCAN.finditer(body):
        kind = str(hit.lastgroup)
        if low is not None and kind == "visit":
            place = PLACE_AFTER.match(low, hit.start())
            if place is not None and not body[place.end() : place.end() + 1].isupper():
                continue  # "going to say": not a trip to a place
        span = own_phrase(body, hit.start(), hit.end())
        same = [s for k, _, s in hits if k == kind]
        if span in same or (same and not has_date(body[span[0] : span[1]])):
            continue  # one item per distinct event: a second of a type needs a date of its own
        if kind == "release" and any(
            m.start() <= hit.start() < m.end() for m in NOT_RELEASE.finditer(body)
        ):
            continue
        if (
            unasserted
            and kind in ("meeting", "visit", "agreement")
            and (
                UNASSERTED.search(body, max(0, hit.start() - 80), hit.start())
                or (
                    whether
                    and WHETHER_BEFORE.search(body, max(0, hit.start() - 80), hit.start())
                    and ASKED_AFTER.match(body, hit.end())
                )
            )
        ):
            continue
        if kind == "announcement" and (
            (
                ANNOUNCED_MEASURE_AFTER.match(body, hit.end())
                and not DATED_BEFORE.search(body, max(0, hit.start() - 50), hit.start())
            )
            or ANNOUNCED_MEASURE_BEFORE.search(body, max(0, hit.start() - 40), hit.start())
        ):
            continue  # the measure's verb, unless the announcement is dated ("on Saturday")
        if kind in ("ruling", "announcement") and REFERENCE_BEFORE.search(
            body, max(0, hit.start() - 40), hit.start()
        ):
            continue  # "commented on the ruling": a reference to an event already reported
        if kind in ("meeting", "agreement") and GOAL_AROUND.search(
            body, max(0, hit.start() - 20), min(len(body), hit.end() + 20)
        ):
            continue  # "open to talks", "a deal to be had": a goal, not an event
        if kind == "agreement" and (
            UNDER_AGREEMENT.search(body, max(0, hit.start() - 40), hit.start())
            or AGREEMENT_MODIFIER.match(body, hit.end())
        ):
            continue
        hits.append((kind, hit, span))
        if denial and (
            DENIED_BEFORE.search(body, max(0, hit.start() - 20), hit.start())
            or DENIED_LONG.search(body, max(0, hit.start() - 60), hit.start())
            or DENIED_AFTER.match(body, hit.end())
            or (
                kind == "agreement"
                and EVENT_NEGATION.search(body[max(0, hit.start() - 60) : hit.end() + 40])
            )
        ):
            negated.add(len(hits) - 1)  # "no agreement was reached", "the probe has not ended"
    if not any(k == "agreement" for k, _, _ in hits) and ("“" in sent.text or '"' in sent.text):
        q = QUOTED_AGREEMENT.search(sent.text)
        if q is not None:
            hits.append(("agreement", q, own_phrase(body, q.start(), q.end())))
    if not hits:
        return []
    dates = find_dates(sent.text, published)
    who = people(body)
    out = []
    for n, (kind, m, (a, b)) in enumerate(hits):
        if n in negated:
            continue
        phrase = body[a:b]
        planned = bool(FUTURE.search(phrase) or EVENT_PLANNED.search(phrase))
        status = "planned" if planned else "reported"
        if kind in ("meeting", "agreement") and EVENT_PROPOSED.search(phrase):
            status = "proposed"
        place = PLACE.search(phrase)
        own = [d for d in dates if a <= d.start and d.end <= b]
        if own and (a, b) != (0, len(body)):  # the phrase's own tense resolves its dates
            own = [
                replace(d, start=a + d.start, end=a + d.end)
                for d in find_dates(sent.text[a:b], published)
            ]
        own.sort(key=lambda d: min(abs(d.start - m.end()), abs(m.start() - d.end)))
        out.append(
            Item(
                "event",
                sent.start + a,
                sent.start + b,
                sent.text,
                {
                    "type": kind,
                    "trigger": sent.text[m.start() : m.end()],
                    "planned": planned,
                    "status": status,
                    "participants": who,
                    "place": place.group(1) if place else None,
                    "date": date_field(own),
                },
            )
        )
    return out


@lru_cache(maxsize=256)
def _breaks(text: str) -> tuple[re.Match[str], ...]:
    return tuple(PHRASE_BREAK.finditer(text))


# where an event's own phrase ends: a semicolon, a dash, or a comma before a new clause
PHRASE_BREAK = re.compile(
    r";\s|\s[—–]\s|,\s+(?=(?:but|while|whereas|and|after|before|as|which|then|although|"
    r"though|following|ahead of|since|until)\s)|\s(?=(?:after|before|following|ahead of|since|"
    r"until)\s)|\s(?=and\s+(?:will|is|was|has|had|then|later|is\s+due)\s)",
    re.I,
)
MEASURE_HINT = prefiltered(r"\b(?:tariffs?|surtax\w*|dut(?:y|ies)|levy|levies|quotas?)\b", re.I)


def own_phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the phrase holding ``text[start:end]``: from the break before it to the
    break after it (the whole text when there is none)."""
    a, b = 0, len(text)
    for m in _breaks(text):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    seg = text[a:b]
    a += len(seg) - len(seg.lstrip())
    b = a + len(text[a:b].rstrip(" ,.;:"))
    return a, b
