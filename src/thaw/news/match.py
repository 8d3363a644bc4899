"""Extracted measures against the register on their publication date, and claims across
articles.

A measure item is about the register measures of the same imposing economy (when the text names
it), covering the targeted economy (when named) and one of its HS codes, of a kind consistent
with the text (:func:`candidates`). Only those in force, suspended or announced on the
publication date are candidates (:func:`link_measure`); one that ended before is named in the
diff, never confirmed. Every verdict carries a ``register_diff`` ("article 75%; register 75.8%
provisional deposit since 2025-08-14 (chn-canola-ad-deposit-2025)"):

* ``confirms``: a measure in force on that date with the rate the text gives (or no rate given),
  or a change the register already records;
* ``contradicts``: the register contradicts the claim on that date: a rate it does not have for
  that imposer, target and product, or a measure it has ended;
* ``lifted``, ``suspended``, ``raised``, ``lowered``: a change the article reports against a
  measure in force; ``announced``: a change it reports as ahead;
* ``new``: the register has nothing for these economies, products and kind.

Nothing enters the register unreviewed (``thaw news review``). Across articles,
:func:`group_claims` groups items making the same claim and lists where outlets disagree.
Extracted events are checked against the dated events table (:func:`check_event`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from thaw._typing import NEVER_APPLIED
from thaw.events.model import Event
from thaw.measures.hs import Coverage, scope_coverage
from thaw.measures.model import Measure
from thaw.news.extract import Item

_DUTIES = {
    "additional",
    "surtax",
    "antidumping_deposit",
    "antidumping_duty",
    "safeguard",
    "countervailing",
}
#: the register kinds an item of each news kind can be (an unknown kind: any)
DUTY_KINDS: dict[str, set[str]] = {
    "tariff": _DUTIES | {"tariff_rate_quota"},
    "unspecified": _DUTIES | {"tariff_rate_quota"},
    "retaliatory": {"additional", "surtax"},
    "additional": {"additional", "surtax", "safeguard"},
    "surtax": {"surtax", "additional"},
    "antidumping": {"antidumping_deposit", "antidumping_duty", "investigation"},
    "quota": {"tariff_rate_quota"},
}
#: how a register kind reads in a diff
KIND_WORDS = {
    "antidumping_deposit": "provisional deposit",
    "antidumping_duty": "anti-dumping duty",
    "additional": "additional duty",
    "surtax": "surtax",
    "safeguard": "safeguard duty",
    "countervailing": "countervailing duty",
    "tariff_rate_quota": "quota",
    "investigation": "investigation",
    "suspension": "suspension",
}
#: verdicts that report a possible change to the register, in review order
CHANGE_VERDICTS = (
    "new",
    "contradicts",
    "lifted",
    "suspended",
    "raised",
    "lowered",
    "announced",
)
VERDICTS = (*CHANGE_VERDICTS, "confirms")
_PROSPECTIVE = {"proposed", "considered", "threatened"}
_ENDED = {"ended", "terminated", "struck_down"}


@dataclass(frozen=True, slots=True)
class RegisterLink:
    """An item's register verdict: the measure it confirms or concerns (a ``confirms`` always
    names a measure in force on the publication date, or none), the diff between what the
    article says and what the register holds on that date, and every register id involved."""

    verdict: str | None
    measure_id: str | None
    register_diff: str
    register_ids: tuple[str, ...] = ()


def _fields(item: Item | dict[str, Any]) -> dict[str, Any]:
    return item.fields if isinstance(item, Item) else item


def item_hs(fields: dict[str, Any]) -> list[str]:
    """The item's HS codes as digits (the extractor may give ``8703.80`` or ``870380``)."""
    return ["".join(ch for ch in str(c) if ch.isdigit()) for c in fields.get("hs") or []]


def item_rates(fields: dict[str, Any]) -> list[float]:
    """The rates the item states (``rates``, else ``rate_pct``)."""
    rates = fields.get("rates")
    if rates:
        return [float(r) for r in rates]
    one = fields.get("rate_pct")
    return [] if one is None else [float(one)]


def item_action(fields: dict[str, Any]) -> str:
    """The item's action; from the older ``direction`` and ``status`` when absent."""
    action = fields.get("action")
    if action:
        return str(action)
    status = fields.get("status")
    if status == "proposed":
        return "proposed"
    if status == "undecided":
        return "considered"
    direction = str(fields.get("direction") or "in_force")
    return "in_force_mentioned" if direction == "in_force" else direction


def prospective(fields: dict[str, Any]) -> bool:
    """A change the article reports as ahead: proposed, considered, threatened or announced."""
    return item_action(fields) in _PROSPECTIVE or fields.get("status") in ("announced", "proposed")


def item_date(fields: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the item's own date (``{"iso", "precision"}``; the older
    ``{"date", "precision"}``), or None."""
    d = fields.get("date")
    if not isinstance(d, dict):
        return None
    iso = d.get("iso") or d.get("date")
    try:
        first = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None
    precision = d.get("precision") or "day"
    if precision == "year":
        return first.replace(month=1, day=1), first.replace(month=12, day=31)
    if precision == "month":
        last = calendar.monthrange(first.year, first.month)[1]
        return first.replace(day=1), first.replace(day=last)
    if precision == "week":
        return first, first + dt.timedelta(days=6)
    return first, first


def _rate(m: Measure) -> float | None:
    return None if m.rate is None else m.rate.ad_valorem


def _rates_match(m: Measure, rates: Sequence[float]) -> bool:
    r = _rate(m)
    if r is not None and any(abs(r - x) < 0.05 for x in rates):
        return True
    band = None if m.rate is None else m.rate.ad_valorem_range
    if band is not None and any(band[0] - 0.05 <= x <= band[1] + 0.05 for x in rates):
        return True
    if m.quota is not None:
        q = [x for x in (m.quota.in_quota_rate, m.quota.out_quota_rate) if x is not None]
        return any(abs(r - x) < 0.05 for r in q for x in rates)
    return False


def _covers(m: Measure, hs: Sequence[str]) -> bool:
    return any(
        scope_coverage(code, m.products.include_patterns, m.products.exclude_patterns)
        is not Coverage.NONE
        for code in hs
    )


def _all_goods(m: Measure) -> bool:
    """The measure's scope spans the tariff (chapters 01 to 97, exclusions aside)."""
    inc = m.products.include_patterns
    return all(scope_coverage(c, inc, ()) is Coverage.FULL for c in ("01", "50", "97"))


def candidates(
    item: Item | dict[str, Any], measures: Sequence[Measure], *, any_product: bool = False
) -> list[Measure]:
    """Register measures an item can be about, whatever their dates: same imposing economy
    (when named), covering the targeted one (when named) and one of its HS codes, of a kind
    consistent with the text. MFN and preferential lines, remissions and suspensions are not
    candidates (suspensions are read through :func:`suspension_of`); an item naming no product
    is only about measures on every good, unless ``any_product``."""
    f = _fields(item)
    kinds = DUTY_KINDS.get(str(f.get("kind")), set())
    imposing, targeted, hs = f.get("imposing"), f.get("targeted"), item_hs(f)
    if not hs and not imposing:
        return []
    out = []
    for m in measures:
        if m.kind in ("mfn", "preferential", "remission", "suspension"):
            continue
        if imposing and m.imposing != imposing:
            continue
        if targeted and not m.targets.covers(str(targeted)):
            continue
        if kinds and m.kind not in kinds:
            continue
        if hs and not _covers(m, hs):
            continue
        if not hs and not any_product and not _all_goods(m):
            continue  # an item naming no product is about a measure on every good
        out.append(m)
    return out


def suspension_of(
    m: Measure, on: dt.date, measures: Sequence[Measure], hs: Sequence[str] = ()
) -> Measure | None:
    """A suspension in force on ``on`` that suspends ``m`` (for one of ``hs``, when given)."""
    for s in measures:
        ok = s.kind == "suspension" and m.id in s.suspends and s.in_force(on)
        if ok and (not hs or _covers(s, hs)):
            return s
    return None


def _announced(m: Measure, on: dt.date) -> bool:
    """Announced (or proposed, threatened) by ``on`` and not yet in force on it."""
    if m.announced is not None and m.announced > on:
        return False
    if m.status in _ENDED and m.effective is None:
        return False  # withdrawn before it took effect
    if m.status in NEVER_APPLIED:
        return True
    return m.announced is not None and m.effective is not None and m.effective > on


def _state(m: Measure, on: dt.date, measures: Sequence[Measure], hs: Sequence[str]) -> str:
    rate = "" if m.rate_text() == "-" else m.rate_text() + " "
    what = f"{rate}{KIND_WORDS.get(m.kind, m.kind)}"
    if m.in_force(on):
        s = suspension_of(m, on, measures, hs)
        since = f"since {m.effective}" + (f" until {m.end}" if m.end else "")
        if s is not None:
            until = f" until {s.end}" if s.end else ""
            return f"{what} {since}, suspended from {s.effective}{until} by {s.id} ({m.id})"
        return f"{what} {since} ({m.id})"
    if _announced(m, on):
        word = "threatened" if m.status == "threatened" else "announced"
        when = f" {m.announced}" if m.announced else ""
        start = f", from {m.effective}" if m.effective else ""
        return f"{what} {word}{when}{start} ({m.id})"
    if m.effective is not None and m.effective > on:
        return f"{what} from {m.effective} ({m.id})"
    ended = f"ended {m.end}" if m.end else m.status.replace("_", " ")
    return f"{what} {m.effective}..{m.end or ''}, {ended} ({m.id})"


def _article_text(f: dict[str, Any]) -> str:
    rates = item_rates(f)
    said = ", ".join(f"{x:g}%" for x in rates) if rates else "no rate"
    action = item_action(f)
    if action not in ("imposed", "in_force_mentioned"):
        said += f", {action}"
    if f.get("hedged"):
        said += f" (hedged: {f.get('hedge') or 'yes'})"
    return f"article {said}"


def link_measure(
    item: Item | dict[str, Any], published: dt.date | None, measures: Sequence[Measure]
) -> RegisterLink:
    """The register verdict for one extracted measure on its publication date.

    Candidates are the measures in force, suspended or announced on ``published``; a measure
    that ended before is named in the diff but never confirmed. ``confirms`` only a measure in
    force then (same rate, or no rate given); ``contradicts`` a rate or a standing the register
    does not have on that date; ``lifted``, ``suspended``, ``raised``, ``lowered`` a change the
    article reports against an in-force measure; ``announced`` a change it reports as ahead;
    ``new`` when the register has nothing for these economies, products and kind. Without a
    publication date there is no verdict."""
    f = _fields(item)
    said = _article_text(f)
    if published is None:
        return RegisterLink(None, None, f"{said}; publication date unknown: not compared")
    hs = item_hs(f)
    base = candidates(f, measures)
    rates, action = item_rates(f), item_action(f)
    if not hs and not any(m.in_force(published) or _announced(m, published) for m in base):
        # no product named and no measure on every good: a reference ("the deposit", "its
        # own duties") to a measure of these economies and kind, found by its rate if it
        # gives one; the record cannot contradict a claim it cannot place
        loose = candidates(f, measures, any_product=True)
        base = [m for m in loose if not rates or _rates_match(m, rates)]
    live = [m for m in base if m.in_force(published)]
    running = [m for m in live if suspension_of(m, published, measures, hs) is None]
    paused = [m for m in live if m not in running]
    ahead = [m for m in base if _announced(m, published)]
    gone = sorted(
        (m for m in base if m.end is not None and m.end < published),
        key=lambda m: m.end or published,
        reverse=True,
    )

    def diff(ms: Sequence[Measure]) -> str:
        if not ms:
            where = ", ".join(hs) or ", ".join(f.get("products") or []) or "any product"
            who = f"{f.get('imposing') or '?'} on {f.get('targeted') or '?'}"
            return f"{said}; register: nothing for {who}, {where} on {published}"
        return f"{said}; register " + "; ".join(_state(m, published, measures, hs) for m in ms)

    def link(verdict: str, m: Measure | None, ms: Sequence[Measure]) -> RegisterLink:
        return RegisterLink(verdict, m.id if m else None, diff(ms), tuple(x.id for x in ms))

    matching = [m for m in running if not rates or _rates_match(m, rates)]
    if prospective(f):
        if matching and action not in ("lifted", "suspended", "lowered", "raised"):
            return link("confirms", matching[0], matching)
        about = [*ahead, *running]
        return link("announced", about[0] if about else None, about or gone[:1])
    if action in ("imposed", "in_force_mentioned"):
        own = item_date(f)
        if matching:
            return link("confirms", matching[0], matching)
        if own is not None and own[0] <= published:
            then = [
                m
                for m in base
                if m.effective is not None
                and m.effective <= own[1]
                and (m.end is None or m.end >= own[0])
                and m.status not in NEVER_APPLIED
            ]
            if then and (not rates or any(_rates_match(m, rates) for m in then)):
                # a past fact the register records; confirmed only through a measure in force
                return link("confirms", None, then)
        if running or paused:
            near = _nearest(running or paused, rates)
            rated = [m for m in running if m is not near and (not rates or _rate(m) is not None)]
            return link("contradicts", near, [near, *rated])
        if ahead:
            return link("announced", ahead[0], ahead)
        if gone:
            return link("contradicts", None, gone[:2])
        return link("new", None, [])
    if action in ("raised", "lowered"):
        fresh = [m for m in matching if _recent(m, published, f)]
        if fresh:
            return link("confirms", fresh[0], fresh)
        if running or paused:
            return link(action, (running or paused)[0], running or paused)
        if ahead:
            return link("announced", ahead[0], ahead)
        return link("new", None, gone[:1])
    if action in ("suspended", "lifted"):
        said_of = [m for m in paused + running + gone if not rates or _rates_match(m, rates)]
        first = said_of[0] if said_of else (paused + running + [None])[0]
        if first is None:
            return link("new", None, [])
        if first in paused:
            s = suspension_of(first, published, measures, hs)
            if action == "suspended" and s is not None:
                return link("confirms", s, [first])
            return link(action, first, [first])
        if first in running:
            return link(action, first, [first])
        # the register already ends it: confirmed through its in-force successor, if any
        after = [m for m in measures if first.id in m.replaces and m.in_force(published)]
        return link("confirms", after[0] if after else None, [first, *after])
    return link("new", None, [])


def _nearest(ms: Sequence[Measure], rates: Sequence[float]) -> Measure:
    with_rate = [m for m in ms if _rate(m) is not None]
    if not rates or not with_rate:
        return ms[0]
    return min(with_rate, key=lambda m: min(abs((_rate(m) or 0) - x) for x in rates))


def _recent(m: Measure, published: dt.date, f: dict[str, Any]) -> bool:
    """The register's rate took effect lately (within 60 days, or in the item's own dates)."""
    if m.effective is None:
        return False
    own = item_date(f)
    if own is not None and own[0] <= m.effective <= own[1]:
        return True
    return dt.timedelta(0) <= published - m.effective <= dt.timedelta(days=60)


def match_measure(
    item: Item | dict[str, Any], published: dt.date | None, measures: Sequence[Measure]
) -> tuple[str | None, str | None, str]:
    """(verdict, register measure id or None, register diff) for one extracted measure: see
    :func:`link_measure`."""
    got = link_measure(item, published, measures)
    return got.verdict, got.measure_id, got.register_diff


def _claim_key(f: dict[str, Any]) -> tuple[Any, ...]:
    hs = tuple(sorted(set(item_hs(f))))
    what = hs or tuple(sorted(str(p).lower() for p in f.get("products") or []))
    return (f.get("imposing"), f.get("targeted"), what, item_action(f))


def group_claims(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Measure items (store rows with ``fields``, ``outlet``, ``url``) grouped by claim: the same
    imposing and targeted economies, HS codes (else product names) and action. Each group lists
    its claims, its outlets and where the claims disagree (rates, dates, hedges, verdicts); the
    largest groups first."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r["kind"] != "measure":
            continue
        f = json.loads(r["fields"]) if isinstance(r["fields"], str) else r["fields"]
        key = _claim_key(f)
        g = groups.setdefault(
            key,
            {
                "imposing": key[0],
                "targeted": key[1],
                "products": list(f.get("products") or []),
                "hs": list(item_hs(f)),
                "action": key[3],
                "direction": f.get("direction"),
                "claims": [],
            },
        )
        date = f.get("date") if isinstance(f.get("date"), dict) else None
        g["claims"].append(
            {
                "item_id": r.get("item_id"),
                "outlet": r.get("outlet"),
                "url": r.get("url"),
                "published": r.get("published"),
                "rates": item_rates(f),
                "status": f.get("status"),
                "hedged": bool(f.get("hedged")),
                "date": (date or {}).get("iso") or (date or {}).get("date"),
                "verdict": r.get("verdict"),
                "sentence": r["sentence"],
            }
        )
    out = []
    for g in groups.values():
        claims = g["claims"]
        g["outlets"] = sorted({str(c["outlet"] or "unknown outlet") for c in claims})
        g["item_ids"] = [c["item_id"] for c in claims if c["item_id"]]
        rates = {tuple(sorted(c["rates"])) for c in claims if c["rates"]}
        g["disagreement"] = (
            "rates differ: " + " vs ".join(", ".join(f"{x:g}%" for x in r) for r in sorted(rates))
            if len(rates) > 1
            else None
        )
        g["disagreements"] = [x for x in (g["disagreement"], *_other_differences(claims)) if x]
        out.append(g)
    return sorted(out, key=lambda g: -len(g["claims"]))


def _other_differences(claims: Sequence[dict[str, Any]]) -> list[str]:
    out = []
    for key, label in (("date", "dates"), ("verdict", "verdicts"), ("status", "statuses")):
        seen = sorted({str(c[key]) for c in claims if c[key]})
        if len(seen) > 1:
            out.append(f"{label} differ: " + " vs ".join(seen))
    hedges = {c["hedged"] for c in claims}
    if len(hedges) > 1:
        by = sorted(str(c["outlet"] or "unknown outlet") for c in claims if c["hedged"])
        out.append("hedged in " + ", ".join(by) + " only")
    return out


#: the event types of the events table an extracted event of each news type is checked against
NEWS_EVENT_TYPES: dict[str, frozenset[str]] = {
    "meeting": frozenset({"meeting"}),
    "visit": frozenset({"visit"}),
    "agreement": frozenset({"agreement"}),
    "detention": frozenset({"detention"}),
    "release": frozenset({"release"}),
    "ruling": frozenset({"legal"}),
    "policy": frozenset({"policy", "statement"}),
    "policy_release": frozenset({"policy", "statement"}),
    "investigation": frozenset({"legal", "trade_measure"}),
    "announcement": frozenset({"statement", "market_access", "tourism_visa"}),
}


def check_event(item: Item, events: Sequence[Event]) -> tuple[str | None, str | None]:
    """(verdict, note) for an extracted event against the events table (``thaw.data.events``).

    An event of the table is a candidate when its type fits the item's (``NEWS_EVENT_TYPES``)
    and the sentence holds every group of its ``terms`` (``a;b|c``: a, and b or c). The year the
    text gives then agrees with a candidate's years (``confirms``) or with none of them
    (``contradicts``: "2019 Indo-Pacific strategy" against 2022). Items with no candidate, or
    no date in the text, get no verdict."""
    date = item.fields.get("date")
    if not date:
        return None, None
    types = NEWS_EVENT_TYPES.get(str(item.fields.get("type")), frozenset())
    found = [e for e in events if e.type in types and e.terms and e.mentioned_in(item.sentence)]
    if not found:
        return None, None
    iso = date.get("iso") or date.get("date")
    if not iso:
        return None, None
    said = int(str(iso)[:4])
    for e in found:
        if said in e.years():
            return "confirms", f"{e.title}, {e.date_text()} ({e.sources[0].publisher})"
    e = found[0]
    src = e.sources[0]
    return "contradicts", (
        f"text gives {date.get('text')!r} ({said}); {e.title}: {e.date_text()} "
        f"({src.publisher}, {src.url})"
    )
