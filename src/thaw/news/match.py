"""Extracted measures against the register, and claims across articles.

A measure item is matched to register measures imposed by the same economy (when the text
names it), on the targeted economy (when named), covering at least one of the item's HS codes,
and of a kind consistent with the text. Verdicts:

* ``confirms``: a candidate's rate equals one the text gives (to 0.05 points), or the text gives
  no rate and the candidate's existence is all it claims;
* ``contradicts``: the text's rate differs from every candidate's (``75%`` against the
  register's 75.8%: the note says which);
* ``new``: no candidate: the item becomes a candidate for review (``thaw news review``);
  nothing enters the register unreviewed.

Across articles, :func:`group_claims` groups items making the same claim (kind, economies,
products, direction) and lists the ones whose rates disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from thaw.events.model import Event
from thaw.measures.hs import Coverage, scope_coverage
from thaw.measures.model import Measure
from thaw.news.extract import Item

DUTY_KINDS = {
    "tariff": {
        "additional",
        "surtax",
        "mfn",
        "antidumping_deposit",
        "antidumping_duty",
        "safeguard",
        "countervailing",
        "retaliatory",
    },
    "surtax": {"surtax", "additional"},
    "antidumping": {"antidumping_deposit", "antidumping_duty", "investigation"},
    "quota": {"tariff_rate_quota"},
}


def _rate(m: Measure) -> float | None:
    return None if m.rate is None else m.rate.ad_valorem


def candidates(item: Item, measures: Sequence[Measure]) -> list[Measure]:
    f = item.fields
    kinds = DUTY_KINDS.get(str(f["kind"]), set())
    out = []
    for m in measures:
        if f["imposing"] and m.imposing != f["imposing"]:
            continue
        if f["targeted"] and not m.targets.covers(str(f["targeted"])):
            continue
        if kinds and m.kind not in kinds:
            continue
        if m.kind == "mfn":
            continue  # news reports trade-war measures, not MFN lines
        hs = list(f["hs"])
        if hs and not any(
            scope_coverage(code, m.products.include_patterns, m.products.exclude_patterns)
            is not Coverage.NONE
            for code in hs
        ):
            continue
        if not hs and not f["imposing"]:
            continue
        out.append(m)
    return out


def match_measure(
    item: Item, published: dt.date, measures: Sequence[Measure]
) -> tuple[str, str | None, str]:
    """(verdict, register measure id or None, note) for one extracted measure."""
    found = candidates(item, measures)
    if not found:
        return "new", None, "no register measure with these economies, products and kind"
    rates = [float(r) for r in item.fields["rates"]]
    if not rates:
        return "confirms", found[0].id, f"mentions {len(found)} register measure(s), no rate given"
    for m in found:
        r = _rate(m)
        if r is not None and any(abs(r - x) < 0.05 for x in rates):
            return "confirms", m.id, f"rate {r:g}% as in the register"
    with_rate = [(m, _rate(m)) for m in found if _rate(m) is not None]
    if not with_rate:
        return "confirms", found[0].id, "the register gives no ad valorem rate to compare"
    m, r = min(with_rate, key=lambda mr: min(abs((mr[1] or 0) - x) for x in rates))
    said = ", ".join(f"{x:g}%" for x in rates)
    return "contradicts", m.id, f"text says {said}; the register has {r:g}% ({m.id})"


def group_claims(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items (store rows with ``fields`` JSON, ``outlet``, ``url``) grouped by claim; each group
    lists its outlets and, when rates differ between outlets, the disagreement."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r["kind"] != "measure":
            continue
        f = json.loads(r["fields"]) if isinstance(r["fields"], str) else r["fields"]
        key = (f["imposing"], f["targeted"], tuple(f["products"]), f["direction"])
        g = groups.setdefault(
            key,
            {
                "imposing": key[0],
                "targeted": key[1],
                "products": list(key[2]),
                "direction": key[3],
                "claims": [],
            },
        )
        g["claims"].append(
            {
                "outlet": r.get("outlet"),
                "url": r.get("url"),
                "rates": f["rates"],
                "status": f["status"],
                "sentence": r["sentence"],
            }
        )
    out = []
    for g in groups.values():
        rates = {tuple(sorted(c["rates"])) for c in g["claims"] if c["rates"]}
        g["disagreement"] = (
            "rates differ: " + " vs ".join(", ".join(f"{x:g}%" for x in r) for r in sorted(rates))
            if len(rates) > 1
            else None
        )
        out.append(g)
    return sorted(out, key=lambda g: -len(g["claims"]))


#: the event types of the events table an extracted event of each news type is checked against
NEWS_EVENT_TYPES: dict[str, frozenset[str]] = {
    "meeting": frozenset({"meeting"}),
    "visit": frozenset({"visit"}),
    "agreement": frozenset({"agreement"}),
    "detention": frozenset({"detention"}),
    "release": frozenset({"release"}),
    "ruling": frozenset({"legal"}),
    "policy": frozenset({"policy", "statement"}),
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
    types = NEWS_EVENT_TYPES.get(str(item.fields["type"]), frozenset())
    found = [e for e in events if e.type in types and e.terms and e.mentioned_in(item.sentence)]
    if not found:
        return None, None
    said = int(str(date["date"])[:4])
    for e in found:
        if said in e.years():
            return "confirms", f"{e.title}, {e.date_text()} ({e.sources[0].publisher})"
    e = found[0]
    src = e.sources[0]
    return "contradicts", (
        f"text gives {date['text']!r} ({said}); {e.title}: {e.date_text()} "
        f"({src.publisher}, {src.url})"
    )
