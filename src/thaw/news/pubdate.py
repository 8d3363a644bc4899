"""An article's publication date: given with it, read off the page, or inferred from the text.

Pure. :func:`publication_date` tries, in order:

1. **manifest**: the date given with the article (manifest row or JSON record);
2. **dateline**: ``OTTAWA, Oct. 27, 2025 (CP) —`` at the start of a line near the top;
3. **byline**: ``Published 3:14 p.m. ET Oct 28, 2025``, ``Updated: 2026-03-02`` (``Published``
   wins over ``Updated``), else a date alone on a line near the top or on a byline line
   (``By ...``, ``Staff | Outlet | Sept. 10, 2024``);
4. **inferred**: the latest absolute date the text reports, leaving out dates just after a
   forward-looking cue ("will", "is set to", "expires", "from", ...); the dated events of the
   events table the text reports as past (on or before publication) or looks forward to
   ("plans to meet ... later this week": the same week, before the event; "next week": the
   week before); a dated fact (an event of the table, or a register measure the caller found
   in the sentence) reported with the weekday it fell on ("came into force on Tuesday"): that
   day or later; then moved forward to the latest bare weekday the text reports ("said
   Monday"), read as the first such day on or after three days before that date, since news
   reports the days of its own week. A text naming only years, or months, is dated to the last
   day of the latest month it names (precision ``month``) or not at all.

Every result carries its basis and the evidence (the words it came from). Nothing found: basis
``unknown`` and ``date`` None, never an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from thaw.events.model import Event

BASES = ("manifest", "dateline", "byline", "inferred", "unknown")

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for name in names
}
_MON_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MON_NAMES})\.?"
_MON = rf"(?:{_MON_NAMES})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
#: day-precision forms: "Oct. 27, 2025", "27 October 2025", "2025-10-27", "Oct 27" (no year)
_DAY_FORMS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)(?![.,]?\d)"),
)
_MONTH_FORM = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")
_YEAR_FORM = re.compile(r"\b(?:19|20)\d\d\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(
    r"\b(?:(?P<q>last|next|this|coming|every)\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")s?\b",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"\b(?:will|would|shall|set to|is due|are due|due to|scheduled|expires?|expiring|until|"
    r"deadline|plans? to|is expected|are expected|next|upcoming|later this|from|starting|"
    r"beginning|effective|takes? effect)\b|’ll\b|'ll\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"(?:\b(?:" + _MON_NAMES + r"|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|No|Gen|Lt|Jr|Sr)|\b[A-Z]|U\.S)\.$"
)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?,\s*(?P<date>[^()—–\n]{4,40}?)\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-)"
)
_BYLINE = re.compile(
    r"\b(?P<kind>first published|published|posted|last updated|updated)\b\s*:?\s*(?:on\s+)?"
    r"(?P<rest>.{0,60})",
    re.IGNORECASE,
)
_HEAD_LINES = 15
_WINDOW = 60  # characters before a date or weekday searched for a forward-looking cue


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date with its basis (manifest | dateline | byline | inferred | unknown),
    the words it came from, and its precision (day, month, or none when unknown)."""

    date: dt.date | None
    basis: str
    evidence: str
    precision: str = "day"

    @property
    def inferred(self) -> bool:
        return self.basis == "inferred"

    @property
    def known(self) -> bool:
        return self.date is not None

    def label(self) -> str:
        """``2025-10-28``, ``2025-10-28 (inferred)`` or ``unknown``."""
        if self.date is None:
            return "unknown"
        return self.date.isoformat() + (" (inferred)" if self.inferred else "")


@dataclass(frozen=True, slots=True)
class _Found:
    date: dt.date
    start: int
    text: str
    has_year: bool


def _day_dates(text: str, default_year: int | None = None) -> list[_Found]:
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for form in _DAY_FORMS:
        for m in form.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            year = int(g["year"]) if g.get("year") else default_year
            if year is None:
                continue
            month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["mon"]]
            try:
                day = dt.date(year, month, int(g["day"]))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            out.append(_Found(day, m.start(), m.group(0), bool(g.get("year"))))
    return out


def parse_date_text(text: str, default_year: int | None = None) -> dt.date | None:
    """The first day-precision date written in ``text`` (``Oct 28, 2025``, ``2026-03-02``)."""
    found = sorted(_day_dates(text, default_year), key=lambda f: f.start)
    return found[0].date if found else None


def page_date(text: str) -> PublicationDate | None:
    """The dateline or byline date in the first lines of a page, if any."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:_HEAD_LINES]
    years = [int(y) for y in _YEAR_FORM.findall(text)]
    default_year = max(years) if years else None
    for ln in lines:
        m = _DATELINE.match(ln)
        if m:
            day = parse_date_text(m.group("date"), default_year)
            if day is not None:
                return PublicationDate(day, "dateline", m.group(0).strip())
    bylines: dict[str, PublicationDate] = {}
    for ln in lines:
        for m in _BYLINE.finditer(ln):
            day = parse_date_text(m.group("rest"), default_year)
            if day is not None:
                kind = "updated" if "updated" in m.group("kind").lower() else "published"
                bylines.setdefault(kind, PublicationDate(day, "byline", ln.strip()[:120]))
    if bylines:
        return bylines.get("published") or bylines["updated"]
    for ln in lines[:8]:
        found = [f for f in _day_dates(ln) if f.has_year]
        short = bool(found) and len(ln.strip()) <= len(found[0].text) + 30
        byline = re.match(r"\s*By\s+[A-Z]", ln) or re.search(r"\s[|·•]\s", ln)
        if found and len(ln) <= 160 and (short or byline):
            return PublicationDate(found[0].date, "byline", ln.strip()[:120])
    return None


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each sentence: a break after ``.``/``!``/``?`` before a capital (not
    after an abbreviation such as ``Oct.`` or ``Mr.``), and at every line end."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == "." and _ABBREV.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        if text[start : m.end()].strip():
            out.append((start, text[start : m.end()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


#: a dated fact a sentence reports: (its date, what it is, the sentence's text)
Fact = tuple[dt.date, str, str]


def infer_date(
    text: str, events: Sequence[Event] = (), facts: Sequence[Fact] = ()
) -> PublicationDate | None:
    """The publication date inferred from the dates, dated events (``events``: the events
    table), dated facts (``facts``: register measures the sentences report) and weekdays the
    text reports (see the module docstring), or None."""
    sents = _sentences(text)
    # the year of a date written without one: that of the latest past date written with one
    # (years merely mentioned, "imports in 2023", say nothing about the article's own year)
    yeared = [
        f.date.year
        for _, s in sents
        for f in _day_dates(s)
        if f.has_year and not _forward(s, f.start)
    ]
    default_year = max(yeared) if yeared else None
    past: list[_Found] = []
    every: list[_Found] = []
    for start, s in sents:
        for f in _day_dates(s, default_year):
            every.append(_Found(f.date, start + f.start, f.text, f.has_year))
            if not _forward(s, f.start):
                past.append(every[-1])
    pool = past or every
    low: dt.date | None = None
    evidence: list[str] = []
    if pool:
        latest = max(pool, key=lambda f: f.date)
        low = latest.date
        evidence.append(f"latest date reported: {latest.text!r}")
    low, high = _event_bounds(text, sents, events, low, evidence)
    anchor = _anchor(sents, events, facts)
    if anchor is not None and (low is None or anchor[0] > low):
        low = anchor[0]
        evidence.append(anchor[1])
        if high is not None and high < low:
            high = None
    if low is None:
        return _month_only(sents)
    day = low
    for _, s in sents:
        for m in _WEEKDAY.finditer(s):
            if m.group("q") or _forward(s, m.start()) or _attached_to_date(s, m):
                continue
            wd = _WEEKDAYS.index(m.group("wd").capitalize())
            floor = low - dt.timedelta(days=3)
            when = floor + dt.timedelta(days=(wd - floor.weekday()) % 7)
            if when > day and (high is None or when <= high):
                day = when
                evidence.append(f"{m.group(0).strip()!r} after it: {when.isoformat()}")
    return PublicationDate(day, "inferred", "; ".join(evidence), "day")


def _event_bounds(
    text: str,
    sents: list[tuple[int, str]],
    events: Sequence[Event],
    low: dt.date | None,
    evidence: list[str],
) -> tuple[dt.date | None, dt.date | None]:
    """Bounds from dated events the text reports: one a sentence reports as past is on or
    before publication; one the text looks forward to ("plans to meet ... later this week") is
    after it, in the same week with "this week", the week before with "next week"."""
    behind = [
        e
        for e in events
        if e.status == "occurred"
        and e.terms
        and any(e.mentioned_in(s) for _, s in sents)
        and not _ahead(e, sents)
    ]
    if behind:
        e = max(behind, key=lambda e: e.last_day)
        if low is None or e.last_day > low:
            low = e.last_day
            evidence.append(f"reports {e.title!r} ({e.date_text()}, events table)")
    ahead = sorted(
        (e for e in events if e.terms and e.mentioned_in(text) and _ahead(e, sents)),
        key=lambda e: e.date,
    )
    ahead = [e for e in ahead if low is None or e.date > low]
    if not ahead:
        return low, None
    e = ahead[0]
    high = e.date - dt.timedelta(days=1)
    monday = e.date - dt.timedelta(days=e.date.weekday())
    if re.search(r"\bthis week\b", text, re.IGNORECASE):
        start, cue = monday, "this week"
    elif re.search(r"\bnext week\b", text, re.IGNORECASE):
        start, cue = monday - dt.timedelta(days=7), "next week"
        high = min(high, monday - dt.timedelta(days=1))
    else:
        if low is not None:
            evidence.append(f"before {e.title!r} ({e.date_text()}), which it looks forward to")
        return low, high
    if start > high:
        return low, None
    evidence.append(f"looks forward to {e.title!r} ({e.date_text()}, events table) {cue!r}")
    return (start if low is None or start > low else low), high


def _anchor(
    sents: list[tuple[int, str]], events: Sequence[Event], facts: Sequence[Fact]
) -> tuple[dt.date, str] | None:
    """The latest dated fact a sentence reports with the weekday it fell on ("came into force
    on Tuesday" for a measure in force from a Tuesday): the article is from that week or
    later."""
    found = list(facts)
    for e in events:
        if e.precision == "day" and e.terms:
            found += [(e.date, e.title, s) for _, s in sents if e.mentioned_in(s)]
    best: tuple[dt.date, str] | None = None
    for day, what, sentence in found:
        for m in _WEEKDAY.finditer(sentence):
            if m.group("q") or _forward(sentence, m.start()) or _attached_to_date(sentence, m):
                continue
            same_day = _WEEKDAYS.index(m.group("wd").capitalize()) == day.weekday()
            if same_day and (best is None or day > best[0]):
                best = (day, f"{m.group(0).strip()!r} with {what!r} ({day.isoformat()})")
    return best


def _ahead(e: Event, sents: list[tuple[int, str]]) -> bool:
    """The text looks forward to the event: a sentence naming one of its terms has a
    forward-looking cue."""
    terms = [t for g in e.term_groups for t in g]
    for _, s in sents:
        if _FORWARD.search(s):
            low = s.lower()
            if any(re.search(r"(?<![\w])" + re.escape(t), low) for t in terms):
                return True
    return False


def _month_only(sents: list[tuple[int, str]]) -> PublicationDate | None:
    months = [
        (dt.date(int(m.group("year")), _MONTHS[m.group("mon")], 1), m.group(0))
        for _, s in sents
        for m in _MONTH_FORM.finditer(s)
        if not _forward(s, m.start())
    ]
    if not months:
        return None
    first, said = max(months)
    day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return PublicationDate(
        day, "inferred", f"latest month reported: {said!r} (the month's last day)", "month"
    )


def _forward(sentence: str, at: int) -> bool:
    """A forward-looking cue ("will", "expires", "until") in the words just before ``at``, or
    "by" right before it ("by 2030")."""
    before = sentence[max(0, at - _WINDOW) : at]
    return bool(_FORWARD.search(before) or re.search(r"\b(?:by|before)\s+$", before))


def _attached_to_date(sentence: str, m: re.Match[str]) -> bool:
    """A weekday written with its date ("Monday, Oct. 27" or "Oct. 27 (Monday)")."""
    after = sentence[m.end() : m.end() + 16]
    before = sentence[max(0, m.start() - 18) : m.start()]
    return bool(
        re.match(rf"\s*,?\s*(?:{_MON}\s+\d|\d{{1,2}}\s+{_MON})", after)
        or re.search(rf"{_MON}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*[,(]\s*(?:a\s+)?$", before)
    )


def publication_date(
    text: str,
    given: dt.date | None = None,
    events: Sequence[Event] = (),
    facts: Sequence[Fact] = (),
) -> PublicationDate:
    """The article's publication date: ``given`` (manifest), else the page's dateline or byline,
    else inferred from the text, the dated ``events`` and the register ``facts`` it reports;
    ``unknown`` (date None) when nothing dates it."""
    if given is not None:
        return PublicationDate(given, "manifest", "given with the article")
    found = page_date(text) or infer_date(text, events, facts)
    if found is not None:
        return found
    years = sorted({int(y) for y in _YEAR_FORM.findall(text)})
    said = f" (it names only the years {', '.join(map(str, years))})" if years else ""
    return PublicationDate(
        None, "unknown", f"no dateline, byline or dated event in the text{said}", "none"
    )


def infer_publication_date(text: str, events: Sequence[Event] = ()) -> tuple[dt.date | None, str]:
    """``(date, basis)`` for a page the manifest does not date (the evaluator's form of
    :func:`publication_date`)."""
    got = publication_date(text, None, events)
    return got.date, got.basis
