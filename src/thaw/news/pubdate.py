"""An article's publication date: given with it, read off the page, or inferred from the text.

Pure. :func:`publication_date` tries, in order:

1. **manifest**: the date given with the article (manifest row or JSON record);
2. **dateline**: ``OTTAWA, Oct. 27, 2025 (CP) —`` at the start of a line near the top;
3. **byline**: ``Published 3:14 p.m. ET Oct 28, 2025``, ``Updated: 2026-03-02`` (``Published``
   wins over ``Updated``), else a date alone on a line near the top or on a byline line
   (``By ...``, ``Staff | Outlet | Sept. 10, 2024``);
4. **inferred** (:func:`infer_date`): a lower bound from the latest fact the text reports as
   past: an absolute date in a past-tense clause, a dated event of the events table it
   reports as having happened, a register measure (``facts``, found by the caller) it reports
   as announced, imposed or in force (its announcement or start); an upper bound from the
   earliest fact it reports as ahead ("will meet on", "takes effect March 20", "until Dec.
   31", a planned event); then the relative cues of those facts' sentences ("yesterday",
   "last week", "this week"; a fact ahead "next week") and the bare weekdays the text reports
   ("said Monday": the first such day on or after three days before the lower bound, never
   past the upper bound) place the date after the lower bound. The clause around each date
   decides past or ahead (:func:`tense`). An old background fact (a 2018 arrest) never wins
   over a later one; where a sentence may name several events or measures, the earliest is
   the bound it gives unless the weekday it names picks one out; an event the text reports
   both as past and as ahead bounds nothing. A text naming only years, or months, is dated to
   the last day of the latest month it reports as past (precision ``month``) or not at all.

Every result carries its basis and the evidence (the words it came from). Nothing found: basis
``unknown`` and ``date`` None, never an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

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


class Fact(NamedTuple):
    """A register fact a sentence reports: a measure's announcement (``kind`` "announced": on
    or before publication whatever the tense) or start ("start": on or before publication when
    the sentence reports it as past or in force, after it when the sentence looks forward to
    it). ``measure`` groups a measure's dates; ``loose``: matched on economy and rate alone."""

    date: dt.date
    what: str
    sentence: str
    measure: str = ""
    kind: str = "start"
    loose: bool = False
    at: int | None = None  # where in the sentence the item reporting it starts


#: words that make a clause look forward: modals, schedules, plans
_FUTURE = re.compile(
    r"\b(?:will|shall|would|going to|(?:is|are) (?:set|due|expected|scheduled|slated|poised|"
    r"planning|to)\b|plans? to|intends? to|aims? to|takes? effect|comes? into (?:force|effect)|"
    r"kicks? in|upcoming|later this|next (?:week|month|year|round|meeting)|won[’']t|"
    r"wants? to|hopes? to|in the coming|coming (?:days|weeks|months)|soon|starts|begins)\b|"
    r"[’']ll\b",
    re.IGNORECASE,
)
#: words that make it report the past (a finite past verb)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|came|took|began|begun|met|held|went|made|put|set|saw|"
    r"fell|rose|won|lost|told|gave|left|ran|hit|cut|struck|ended|expired|lapsed|has|have|"
    r"(?!(?:scheduled|expected|proposed|planned|slated|related|based|united|limited|"
    r"red|need|feed|seed|speed|bed|led)\b)[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
#: an end date: "until Dec. 31, 2026", "expires March 1", "by 2030"
_END = re.compile(
    r"\b(?:until|till|through|to|expires?|expiring|runs?|lasts?|deadline(?: of)?|by|before|"
    r"no later than)\s+(?:on\s+|the\s+)?$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r";|:\s|\s[—–]\s|,\s+(?:and|but|while|whereas|although)\s|\bbut\b")
_CONDITIONAL = re.compile(r"\b(?:could|might|may|would|if|unless)\b", re.IGNORECASE)


def _clause_span(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` holding ``[a, b)`` lies: between the nearest breaks."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE.finditer(sentence):
        if m.end() <= a:
            lo = m.end()
        elif m.start() >= b:
            hi = m.start()
            break
    return lo, hi


def _clause(sentence: str, a: int, b: int) -> str:
    """The clause of ``sentence`` holding ``[a, b)``."""
    lo, hi = _clause_span(sentence, a, b)
    return sentence[lo:hi]


def tense(sentence: str, a: int, b: int | None = None, *, said: bool = False) -> str:
    """``past`` or ``future``: how ``sentence`` reports the date (or fact) at ``[a, b)``. An
    end date ("until ...", "expires ...") is future unless its clause reports the end as
    past ("ended", "expired", "ran until"); a start ("from ...", "effective ...") is future
    unless its clause has a past verb ("From March 1, Canada scrapped ..."); else a clause
    with a modal or schedule ("will", "is set to", "takes effect", "next week") is future
    (with ``said``, a day named before the past verb that reports it is past: "On Monday,
    Ottawa said it would ..."), and any other is past (news reports what has happened)."""
    b = a if b is None else b
    lo, hi = _clause_span(sentence, a, b)
    clause = sentence[lo:hi]
    before = sentence[max(0, a - 30) : a]
    if _END.search(before):
        ended = re.search(r"\b(?:ended|expired|lapsed|ran|lasted|was|were|had)\b", clause, re.I)
        return "past" if ended else "future"
    if re.search(r"\b(?:from|starting|beginning|effective|as of)\s+(?:on\s+)?$", before, re.I):
        rest = re.sub(r"\b(?:scheduled|expected|proposed|planned)\b", "", clause, flags=re.I)
        return "past" if _PAST.search(rest) and not _FUTURE.search(clause) else "future"
    ahead = _FUTURE.search(clause)
    if ahead is None:
        return "past"
    # reported speech: "On Monday, Ottawa said it would ..." reports Monday as past
    told = _PAST.search(clause, 0, ahead.start()) if said else None
    return "past" if told and a - lo < told.start() else "future"


@dataclass(frozen=True, slots=True)
class _Bound:
    date: dt.date
    why: str
    sentence: int  # index of the sentence it comes from
    strong: bool = True  # a written date, or a fact matched by its products or its weekday
    exact: bool = True  # known to the day (not an event dated only to its month or year)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _term_span(e: Event, sentence: str) -> tuple[int, int]:
    """Where the event's words lie in the sentence: from the first to the last group's word."""
    low = sentence.lower()
    spots = []
    for g in e.term_groups:
        at = [m.start() for t in g for m in [re.search(r"(?<![\w])" + re.escape(t), low)] if m]
        if at:
            spots.append(min(at))
    return (min(spots), max(spots)) if spots else (0, 0)


def _weekday_cues(sentence: str) -> list[tuple[int, re.Match[str]]]:
    """The bare weekdays of a sentence (not "next Monday", not "Monday, Oct. 27")."""
    out = []
    for m in _WEEKDAY.finditer(sentence):
        if m.group("q") or _attached_to_date(sentence, m):
            continue
        out.append((_WEEKDAYS.index(m.group("wd").capitalize()), m))
    return out


def infer_date(
    text: str, events: Sequence[Event] = (), facts: Sequence[Fact] = ()
) -> PublicationDate | None:
    """The publication date inferred from what the text reports (see the module docstring):
    a lower bound from the latest fact it reports as past (a written date, a dated event of
    ``events``, a register ``fact``), an upper bound from the earliest it reports as ahead,
    then relative cues ("on Monday", "last week", "this week", "yesterday") placing it after
    the lower bound. None when nothing dated is reported."""
    sents = _sentences(text)
    yeared = [
        f.date.year
        for _, s in sents
        for f in _day_dates(s)
        if f.has_year and tense(s, f.start, f.start + len(f.text)) == "past"
    ]
    default_year = max(yeared) if yeared else None
    lows: list[_Bound] = []
    highs: list[_Bound] = []
    for i, (_, s) in enumerate(sents):
        for f in _day_dates(s, default_year):
            side = tense(s, f.start, f.start + len(f.text))
            if f.has_year or side == "past":  # a future date without a year is a guess
                (lows if side == "past" else highs).append(_Bound(f.date, repr(f.text), i))
    _event_facts(sents, events, lows, highs)
    _register_facts(sents, facts, lows, highs)
    if not lows:
        week = _week_before_ahead(sents, highs)
        if week is None:
            return _month_only(sents)
        lows.append(week[0])
        highs.append(week[1])
    low = max(lows, key=lambda b: b.date)
    evidence = [f"latest fact reported as past: {low.why} ({low.date.isoformat()})"]
    ahead = [h for h in highs if h.date > low.date]
    high = min(ahead, key=lambda h: h.date) if ahead else None
    if high is not None:
        evidence.append(f"before {high.why} ({high.date.isoformat()}), reported as ahead")
    first, last = _relative(sents, low, high, evidence)
    day = first
    for _, s in sents:
        for wd, m in _weekday_cues(s):
            if tense(s, m.start(), m.end(), said=True) == "future":
                continue
            floor = low.date - dt.timedelta(days=3)
            when = floor + dt.timedelta(days=(wd - floor.weekday()) % 7)
            if when > day and when <= last:
                day = when
                evidence.append(f"{m.group(0).strip()!r} after it: {when.isoformat()}")
    return PublicationDate(day, "inferred", "; ".join(evidence), "day")


def _event_facts(
    sents: list[tuple[int, str]],
    events: Sequence[Event],
    lows: list[_Bound],
    highs: list[_Bound],
) -> None:
    """Dated events of the table the sentences report: one reported as past (a past verb in
    its clause, and the event occurred) is on or before publication, one looked forward to is
    after it; one the text reports both ways is evidence of neither (its words name two
    things). Where a sentence names several, the earliest is the bound it gives (a later event
    with the same words is not evidence), unless a weekday in the sentence picks one out ("met
    on Friday"), which also makes it strong."""
    sides: dict[str, set[str]] = {}
    found: list[tuple[int, Event, str, bool]] = []
    for i, (_, s) in enumerate(sents):
        days = {wd for wd, _ in _weekday_cues(s)}
        for e in events:
            if not (e.terms and e.mentioned_in(s)):
                continue
            a, b = _term_span(e, s)
            clause = _clause(s, a, b)
            side = tense(s, a, b)
            by_day = e.precision == "day" and e.last_day.weekday() in days
            if side == "past" and not (e.status == "occurred" and _PAST.search(clause)):
                continue
            if side == "future" and by_day and e.status == "occurred" and _PAST.search(clause):
                side = "past"  # "On Monday, the ministry announced that China would ..."
            sides.setdefault(e.id, set()).add(side)
            found.append((i, e, side, by_day))
    for i in sorted({i for i, *_ in found}):
        here = [(e, side, by_day) for j, e, side, by_day in found if j == i]
        past = [(e, by_day) for e, side, by_day in here if side == "past"]
        picked = [e for e, by_day in past if by_day]
        if past:
            e = (
                max(picked, key=lambda e: e.last_day)
                if picked
                else min((e for e, _ in past), key=lambda e: e.last_day)
            )
            if not picked and sides[e.id] != {"past"}:
                continue  # the earliest event it may name is also reported as ahead
            why = f"{e.title!r} (events table, {e.date_text()})"
            exact = e.precision == "day"  # else its month's or year's last day, no week cues
            lows.append(_Bound(e.last_day, why, i, bool(picked), exact))
        ahead = [e for e, side, _ in here if side == "future" and sides[e.id] == {"future"}]
        if ahead:
            e = max(ahead, key=lambda e: e.date)
            highs.append(_Bound(e.date, f"{e.title!r} (events table, {e.date_text()})", i, False))


_ANNOUNCING = re.compile(
    r"\b(?:announc\w*|unveil\w*|propos\w*|plan\w*|decid\w*|threat\w*|said it would|"
    r"preliminary|ruling)\b",
    re.IGNORECASE,
)


def _register_facts(
    sents: list[tuple[int, str]],
    facts: Sequence[Fact | tuple[dt.date, str, str]],
    lows: list[_Bound],
    highs: list[_Bound],
) -> None:
    """Register facts of a sentence: a measure announced is so on or before publication; one
    the sentence reports as in force or past (and not only as announced) started on or before
    it; one it looks forward to starts after it. Of several measures a sentence may mean, the
    earliest gives the lower bound and the latest the upper bound, unless the weekday the
    sentence names picks one out ("came into force on Tuesday"). Strong unless every measure
    was matched on economy and rate alone and no weekday picks one."""
    grouped: dict[str, dict[str, list[Fact]]] = {}
    for raw in facts:
        f = raw if isinstance(raw, Fact) else Fact(*raw)
        kind = (
            f.kind
            if isinstance(raw, Fact)
            else ("announced" if f.what.endswith("announced") else "start")
        )
        f = f._replace(kind=kind, measure=f.measure or f.what.split(" ")[0])
        grouped.setdefault(f.sentence, {}).setdefault(f.measure, []).append(f)
    index = {s.strip(): i for i, (_, s) in enumerate(sents)}
    for sentence, measures in grouped.items():
        i = index.get(sentence.strip(), -1)
        ats = [f.at for fs in measures.values() for f in fs if f.at is not None]
        at = min(ats) if ats else len(sentence) // 2
        side = tense(sentence, at)
        announcing = bool(_ANNOUNCING.search(sentence))
        conditional = bool(_CONDITIONAL.search(sentence))
        days = {wd for wd, _ in _weekday_cues(sentence)}
        low_options: list[tuple[Fact, bool]] = []
        high_options: list[Fact] = []
        for found in measures.values():
            starts = [f for f in found if f.kind == "start"]
            announced = [f for f in found if f.kind == "announced"]
            if side == "past" and not announcing and not conditional and starts:
                pick = max(starts, key=lambda f: f.date)
            elif announced and not conditional:
                pick = min(announced, key=lambda f: f.date)
            elif starts and not conditional:  # announced on a day the register does not give
                pick = min(starts, key=lambda f: f.date)
            else:
                pick = None
            if pick is not None:  # a weekday naming any of its dates picks the measure out
                low_options.append((pick, any(f.date.weekday() in days for f in found)))
            if side == "future" and starts:
                high_options += starts
        if low_options:
            by_day = [f for f, hit in low_options if hit]
            f = (
                max(by_day, key=lambda f: f.date)
                if by_day
                else min((f for f, _ in low_options), key=lambda f: f.date)
            )
            strong = bool(by_day) or not all(g.loose for g, _ in low_options)
            how = "register" if not f.loose else "register, by economy and rate"
            lows.append(_Bound(f.date, f"{f.what} ({how})", i, strong))
        if high_options:
            f = max(high_options, key=lambda f: f.date)
            highs.append(_Bound(f.date, f"{f.what} (register)", i, False))


def _week_before_ahead(
    sents: list[tuple[int, str]], highs: list[_Bound]
) -> tuple[_Bound, _Bound] | None:
    """With nothing reported as past: a fact ahead "this week" or "next week" (the cue in its
    own sentence) puts the article in its week, or the week before."""
    for h in sorted(highs, key=lambda h: h.date):
        if h.sentence < 0:
            continue
        s = sents[h.sentence][1]
        monday = _monday(h.date)
        if re.search(r"\b(?:this|later this) week\b", s, re.IGNORECASE):
            low = _Bound(monday, f"{h.why} 'this week'", h.sentence)
        elif re.search(r"\bnext week\b", s, re.IGNORECASE):
            low = _Bound(monday - dt.timedelta(days=7), f"{h.why} 'next week'", h.sentence)
        else:
            continue
        if low.date < h.date:
            return low, h
    return None


def _relative(
    sents: list[tuple[int, str]],
    low: _Bound,
    high: _Bound | None,
    evidence: list[str],
) -> tuple[dt.date, dt.date]:
    """The first and last day the article can be from, given its lower bound, upper bound and
    the relative cues of their sentences: "yesterday" (the day after), "today" (that day),
    "last week" / "last month" (the week / month after), "this week" / "earlier this month"
    (the same week / month); a fact ahead "next week" (the week before it), "this week" (its
    week)."""
    first = low.date
    last = (high.date - dt.timedelta(days=1)) if high is not None else dt.date.max
    s = sents[low.sentence][1] if 0 <= low.sentence < len(sents) and low.exact else ""
    if re.search(r"\byesterday\b", s, re.IGNORECASE):
        first = max(first, low.date + dt.timedelta(days=1))
        last = min(last, low.date + dt.timedelta(days=1))
        evidence.append("'yesterday'")
    elif re.search(r"\blast week\b", s, re.IGNORECASE):
        first = max(first, _monday(low.date) + dt.timedelta(days=7))
        last = min(last, _monday(low.date) + dt.timedelta(days=13))
        evidence.append("'last week': the week after")
    elif re.search(r"\b(?:today|tonight|this morning)\b", s, re.IGNORECASE):
        last = min(last, low.date)
        evidence.append("'today': that day")
    elif re.search(r"\b(?:earlier |late |so far )?this week\b", s, re.IGNORECASE):
        last = min(last, _monday(low.date) + dt.timedelta(days=6))
        evidence.append("'this week': the same week")
    elif re.search(r"\blast month\b", s, re.IGNORECASE):
        end = low.date.replace(day=calendar.monthrange(low.date.year, low.date.month)[1])
        first = max(first, end + dt.timedelta(days=1))
        evidence.append("'last month': the month after")
    elif re.search(r"\b(?:earlier|so far|late|later) this month\b", s, re.IGNORECASE):
        end = low.date.replace(day=calendar.monthrange(low.date.year, low.date.month)[1])
        last = min(last, end)
        evidence.append("'this month': the same month")
    if high is not None and 0 <= high.sentence < len(sents):
        h = sents[high.sentence][1]
        monday = _monday(high.date)
        if re.search(r"\bnext week\b", h, re.IGNORECASE):
            first = max(first, monday - dt.timedelta(days=7))
            last = min(last, monday - dt.timedelta(days=1))
            evidence.append("the week before it ('next week')")
        elif re.search(r"\b(?:this|later this) week\b", h, re.IGNORECASE):
            first = max(first, monday)
            evidence.append("its week ('this week')")
    if last < first:
        last = first
    return first, last


def _month_only(sents: list[tuple[int, str]]) -> PublicationDate | None:
    months = [
        (dt.date(int(m.group("year")), _MONTHS[m.group("mon")], 1), m.group(0))
        for _, s in sents
        for m in _MONTH_FORM.finditer(s)
        if tense(s, m.start(), m.end()) == "past"
    ]
    if not months:
        return None
    first, said = max(months)
    day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return PublicationDate(
        day, "inferred", f"latest month reported: {said!r} (the month's last day)", "month"
    )


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
