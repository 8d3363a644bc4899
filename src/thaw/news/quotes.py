"""Quotes: quoted words attributed to a speaker or a document, of any length.

Pure functions.
"""

from __future__ import annotations

import re

from thaw.news._scan import prefiltered
from thaw.news.attributes import PERSONS, office_holders
from thaw.news.events import people
from thaw.news.item import Item
from thaw.news.sentences import Sentence, strip_quotes

QUOTE = re.compile(r"[“\"]([^”\"]+?)[”\"]")
SAID = (
    r"(?:said|says|told|added|stated|noted|wrote|asked|warned|argued|called|described|vowed|"
    r"promised|pledged|insisted|replied|declared|posted|tweeted)"
)
# a name: a capital, then letters ending in a lowercase one ("Joly", "MacAulay", "LeBlanc")
_NAME = r"[A-Z][\w’'-]*[a-zà-ÿ]"
SAID_AFTER = prefiltered(rf"\b({_NAME}(?:\s{_NAME})?|he|she|He|She)\s+{SAID}\b")
SAID_BEFORE = prefiltered(rf"\b{SAID}\s+({_NAME}(?:\s{_NAME})?)")
NAME_OR_PRONOUN = prefiltered(rf"\b(he|she|He|She)\b|\b({_NAME}(?:\s{_NAME})?)\b")
CAPITALISED = prefiltered(rf"\b{_NAME}\b")
# a speaker described, not named: "a senior Canadian official said", "said a Vancouver exporter"
_ROLE = (
    r"(?:officials?|spokes(?:person|man|woman)|exporters?|marketers?|economists?|packers?|"
    r"ministry|embassy|analysts?|executives?|farmers?|producers?|association|source|diplomats?|"
    r"traders?|growers?|lawyers?|negotiators?)"
)
DESCRIBED = prefiltered(
    rf"\b(?:an?|the|one)\s+((?:[\w’'-]+\s+){{0,3}}{_ROLE}(?:\s+in\s+{_NAME})?)\b(?=[^.”\"]{{0,40}}"
    rf"\b{SAID}\b)|\b{SAID}\s+(?:an?|the|one)\s+((?:[\w’'-]+\s+){{0,3}}{_ROLE}(?:\s+in\s+{_NAME})?)\b"
)
NOT_A_NAME = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Organization",
        "Organisation",
    ]
)


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
    previous = ""
    for s in sents:
        outside = strip_quotes(s.text)
        for p in people(outside):
            known[p.split()[-1]] = p
        quotes = list(QUOTE.finditer(s.text)) if ("“" in s.text or '"' in s.text) else []
        speaker = None
        colon = s.text.rstrip().endswith(":")
        said = (
            (SAID_AFTER.search(outside) or SAID_BEFORE.search(outside)) if quotes or colon else None
        )
        speaker = _person(said.group(1), known, last_person) if said else None
        if speaker is None and quotes:
            for m in NAME_OR_PRONOUN.finditer(outside):
                speaker = _person(m.group(0), known, last_person)
                if speaker:
                    break
        if speaker is None and quotes and not outside.strip(" ,.;:—-"):
            # a quotation standing alone: the one who spoke in the sentence before, else the
            # speaker of the quotation before
            before = strip_quotes(previous) if previous else ""
            said_before = SAID_AFTER.search(before) or SAID_BEFORE.search(before)
            sayer = _person(said_before.group(1), known, last_person) if said_before else None
            speaker = sayer or last_speaker
        if speaker is None and quotes:
            org = ORG_SAID.search(outside)
            speaker = OWNER_PREFIX.sub("", org.group(1)) if org else None
        if speaker is None and quotes:
            # an economy as the speaker: "Beijing called the talks “constructive.”"
            state = ECONOMY_SAID.search(outside)
            speaker = state.group(1) if state else None
        if quotes and (speaker is None or speaker.split()[-1] in ORG_WORDS_TITLE):
            role = DESCRIBED.search(outside)
            if role is not None:
                speaker = (role.group(1) or role.group(2)).strip()
        attributed = speaker is not None and ATTRIBUTION.search(outside) is not None
        quotes = [q for q in quotes if len(q.group(1).split()) >= 3 or attributed]
        out.extend(
            Item(
                "quote",
                s.start + q.start(1),
                s.start + q.end(1),
                s.text,
                {"speaker": surname(speaker), "text": q.group(1).strip(), "full_name": speaker},
            )
            for q in quotes
        )
        if quotes:
            last_speaker = speaker
        mentioned = [known[w] for w in CAPITALISED.findall(outside) if w in known] if known else []
        if mentioned:
            last_person = mentioned[-1]
        if s.text.rstrip().endswith(":"):
            last_speaker = speaker or (mentioned[-1] if mentioned else last_speaker)
        previous = s.text
    return out


def _person(word: str | None, known: dict[str, str], last: str | None) -> str | None:
    """A full name for a pronoun (the last person named), a surname or a full name; None for
    anything that is not a known person."""
    if word is None:
        return None
    if word.lower() in ("he", "she"):
        return last
    if word in NOT_A_NAME:
        return None
    holder = PERSONS.get(word)
    if holder is not None and word not in known:
        return next((h.name for h in office_holders() if h.surname == holder[1]), word)
    if word in known.values():
        return word
    return known.get(word.split()[-1]) if word.split()[-1] in known else None


ATTRIBUTION = prefiltered(
    rf"\b(?:{SAID}|according to|in (?:a|his|her|their) (?:statement|post|speech)|calling|"
    r"describ\w*|call\w*\s+(?:it|them|the\s+\w+)|as\s+saying)\b",
    re.I,
)
# an organisation or document the words are attributed to: "the ministry said"
ORG_SAID = prefiltered(
    r"\b((?:[Tt]he\s+)?(?:[A-Z][\w.’'-]*\s+|(?:commerce|foreign|finance|trade|industry)\s+){0,4}"
    r"(?:[Mm]inistry|[Dd]epartment|[Oo]ffice|[Ee]mbassy|"
    r"[Ss]tatement|[Gg]overnment|[Ss]pokesperson|MOFCOM|[Cc]ommission|[Cc]ouncil|[Rr]eadout|"
    r"[Rr]eport|[Nn]otice|[Aa]gency))\s+(?:said|says|stated|added|noted|wrote|announced)\b"
)
OWNER_PREFIX = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w.-]*[’']s\s+)")
ECONOMY_SAID = prefiltered(
    rf"\b(China|Beijing|Canada|Ottawa|Washington|the United States|Japan|Tokyo|the European Union|"
    rf"Brussels|Mexico)\s+(?:has\s+|had\s+)?{SAID}\b"
)
# family names written first: a Chinese name's surname is its first word ("Xi Jinping" -> "Xi")
FAMILY_FIRST = frozenset(
    [
        "Xi",
        "Li",
        "Wang",
        "Zhao",
        "Mao",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Huang",
        "Zhou",
        "Wu",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
        "Hu",
        "Guo",
        "He",
        "Lin",
        "Gao",
        "Luo",
        "Zheng",
        "Liang",
        "Xie",
        "Song",
        "Tang",
        "Han",
        "Feng",
        "Deng",
        "Cao",
        "Peng",
        "Zeng",
        "Xiao",
        "Tian",
        "Dong",
        "Pan",
        "Yuan",
        "Cai",
        "Jiang",
        "Yu",
        "Du",
        "Ye",
        "Cheng",
        "Wei",
        "Su",
        "Lu",
        "Ding",
        "Ren",
        "Shen",
        "Yao",
        "Fu",
        "Zhong",
        "Qian",
        "Meng",
        "Lai",
        "Hua",
        "Qin",
        "Bai",
        "Kong",
    ]
)


def surname(name: str | None) -> str | None:
    """The key of a speaker: the surname, family name first for Chinese names ("Xi Jinping" ->
    "Xi", "Mark Carney" -> "Carney"); an organisation or document as written."""
    if name is None:
        return None
    words = name.split()
    if not words or not words[0][:1].isupper() or len(words) > 3:
        return name.removeprefix("the ").removeprefix("The ")
    if any(w.lower() in ORG_WORDS or w[:1].islower() for w in words[1:]):
        return name.removeprefix("the ").removeprefix("The ")
    if len(words) >= 2 and words[0] in FAMILY_FIRST:
        return words[0]
    return words[-1]


ORG_WORDS_TITLE = frozenset({"spokesperson", "Spokesperson"})
ORG_WORDS = frozenset(
    [
        "ministry",
        "department",
        "office",
        "embassy",
        "statement",
        "government",
        "spokesperson",
        "mofcom",
        "commission",
        "council",
        "readout",
        "report",
        "notice",
        "agency",
    ]
)
