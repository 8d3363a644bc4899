"""Page -> body text: what on a news page is not body text (title, subtitle, headings, date
lines, datelines, bylines, image credits and captions, navigation, related links, share,
subscribe and comment furniture) is left out; the body is a list of segments with their offsets
in the original text, so every later span points into the page as fetched.

A dateline ("OTTAWA (Agency) —", "KUALA LUMPUR —") and a date line or byline date are returned
for the publication-date stage. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thaw.news.dates import MONTHS
from thaw.news.sentences import is_headline

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# "OTTAWA (Reuters) —", "KUALA LUMPUR —", "BEIJING, Oct. 28 (Xinhua) --"
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+){0,2})"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?))?"
    r"(?:\s*\((?P<agency>[^()\n]{2,40})\))?\s*(?:—|–|--|-)\s+"
)
# a line that is only a date: "Tuesday, October 28, 2025", "Published Oct. 28, 2025 5:00 p.m."
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE_LINE = re.compile(
    rf"(?:(?:Published|Updated|Posted|Last updated)(?:\s+on)?:?\s+)?(?:{_DAY},?\s+)?"
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    r"(?:\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*\.?",
    re.I,
)
BYLINE = re.compile(
    r"(?:By\s+[A-Z][\w.’'-]+(?:\s+(?:[A-Z][\w.’'-]+|and|de|van))*(?:,.*)?|"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\s*(?:\||·|—)\s*.*|"
    r"(?:Staff|Special to|Reporter|Correspondent|Contributor)\b.*)"
)
# an image credit or a caption ending in one: "(Name/Pool/Reuters - image credit)"
CREDIT_END = re.compile(
    r"\((?:[^()\n]*(?:/|image credit|photo|file|getty|handout|illustration)[^()\n]*)\)\s*$", re.I
)
CREDIT_START = re.compile(
    r"(?:Photo|Image|Illustration|Credit|Caption|File photo|Video)\s*(?::|by\b)", re.I
)
FURNITURE = re.compile(
    r"(?:Share(?:\s+(?:this|on)\b.*)?|Tweet|Email|Print|Copy link|Subscribe\b.*|Sign up\b.*|"
    r"Related(?:\s+\w+)?:?.*|Read (?:more|also|next)\b.*|Also read\b.*|More from\b.*|"
    r"Recommended\b.*|Most (?:read|popular)\b.*|Top stories|Trending\b.*|Advertisement|"
    r"Comments?\b.*|Leave a (?:comment|reply)\b.*|Join the conversation\b.*|Follow us\b.*|"
    r"Click here\b.*|Skip to\b.*|Menu|Home|Watch:.*|Listen\b.*|Report an error\b.*|"
    r"(?:Facebook|Twitter|X|LinkedIn|WhatsApp|Reddit)(?:\s*[|·,]\s*\w+)*|"
    r"[^.!?]{1,40}(?:\s[·|•]\s[^.!?]{1,40}){1,}|Sponsored\b.*|Editor[’']s note:.*|"
    r"This article (?:was|is|first)\b.*|© .*|Copyright\b.*)",
    re.I,
)
_LINE = re.compile(r"[^\n]+")
LIST_ITEM = re.compile(r"(?:\d+[.)]|[-•*·])\s")


@dataclass(frozen=True)
class Segment:
    """A stretch of body text: ``text[start:end]`` of the page."""

    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """A dateline or date line: the place, the agency and the date it gives (if any)."""

    text: str
    place: str | None
    agency: str | None
    date: dt.date | None
    basis: str  # "dateline", "date line" or "byline"


@dataclass(frozen=True)
class Body:
    """The page's body segments (offsets in the page), its title, and the dateline found."""

    segments: tuple[Segment, ...]
    title: str | None
    dateline: Dateline | None
    dropped: tuple[tuple[int, int, str], ...]  # (start, end, why) of each line left out


def _date(month: str, day: str, year: str | None) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(int(year), MONTHS[month.rstrip(".").lower()], int(day))
    except (KeyError, ValueError):
        return None


def classify(line: str, first: bool) -> str | None:
    """Why a stripped line of a page is not body text (None: it is body text)."""
    short = len(line) < 120
    if short and DATE_LINE.fullmatch(line):
        return "date line"
    ends = line[-1:] in '.!?:”"’)'
    if not ends and len(line) < 100 and BYLINE.fullmatch(line):
        return "byline"
    if short and FURNITURE.fullmatch(line):
        return "furniture"
    if (line.endswith(")") and CREDIT_END.search(line, max(0, len(line) - 160))) or (
        CREDIT_START.match(line)
    ):
        return "caption"
    if not ends and (first or is_headline(line)):
        return "title" if first else "heading"
    words = len(line.split())
    if not ends and words <= 14 and not LIST_ITEM.match(line):
        return "heading"  # a short line without closing punctuation
    if line.endswith("?") and words <= 10 and not line.startswith(("“", '"')):
        return "heading"  # "Will Ottawa drop the surtax?"
    return None


def body(text: str) -> Body:
    """The body of a page: every line that is not furniture, a dateline cut from the line it
    opens; lines before the first dateline (title, subtitle, captions) are left out too."""
    kept: list[Segment] = []
    dropped: list[tuple[int, int, str]] = []
    title: str | None = None
    dateline: Dateline | None = None
    page_date: Dateline | None = None
    first = True
    for m in _LINE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if not line:
            continue
        a, b = m.start() + lead, m.start() + lead + len(line)
        why = classify(line, first)
        first = False
        if why == "title" and title is None:
            title = line
        if why == "date line" and page_date is None:
            d = DATE_LINE.fullmatch(line)
            if d is not None:
                day = _date(d.group("month"), d.group("day"), d.group("year"))
                page_date = Dateline(line, None, None, day, "date line")
        if why is not None:
            dropped.append((a, b, why))
            continue
        dl = DATELINE.match(line) if dateline is None else None
        if dl is not None and dl.group("place") and len(dl.group("place")) >= 4:
            if kept:  # the story starts here: what came before is title and subtitle
                dropped.extend((s.start, s.end, "before the dateline") for s in kept)
                kept = []
            when = None
            if dl.group("date"):
                md = re.match(rf"({_MONTH})\s+(\d{{1,2}})(?:,\s+(\d{{4}}))?", dl.group("date"))
                if md is not None:
                    when = _date(md.group(1), md.group(2), md.group(3))
            place = dl.group("place").split(",")[0].title()
            dateline = Dateline(dl.group(0).strip(), place, dl.group("agency"), when, "dateline")
            dropped.append((a, a + dl.end(), "dateline"))
            a += dl.end()
        kept.append(Segment(a, b))
    top = [d for d in dropped[:8] if d[2] in ("byline", "date line")]
    if top and dateline is None:
        cut = top[0][1]  # masthead, title and subtitle come before the byline
        early = [s for s in kept if s.end <= cut]
        dropped.extend((s.start, s.end, "before the byline") for s in early)
        kept = [s for s in kept if s.end > cut]
    if dateline is not None and dateline.date is None and page_date is not None:
        dateline = Dateline(
            dateline.text, dateline.place, dateline.agency, page_date.date, "date line"
        )
    return Body(tuple(kept), title, dateline or page_date, tuple(dropped))


def publication_date(text: str) -> tuple[dt.date | None, str | None]:
    """(date, basis) the page itself gives: a dateline's or date line's date; (None, None)
    when the page states none (the caller then infers it: ``dates.infer_published``)."""
    found = body(text).dateline
    if found is None or found.date is None:
        return None, None
    return found.date, found.basis
