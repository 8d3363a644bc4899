"""The review queue: extracted measures ranked by the change they may make to the register,
grouped across outlets, and the measure record a person's decision drafts. Pure.

Order: ``new``, ``contradicts``, ``lifted``, ``suspended``, ``raised``, ``lowered``,
``announced``, then ``unchecked`` (an article nothing dates: no verdict); plain confirmations
are folded into a count. Within a rank: claims stated outright before hedged ones, claims
more outlets make first, then the latest publication. Each entry shows its sentence with the
item's clause marked, outlet and address, publication date and basis, the speaker of a quote
in the sentence, the hedge, what was inferred, and the register diff.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from thaw.news.match import (
    CHANGE_VERDICTS,
    group_claims,
    item_action,
    item_date,
    item_hs,
    item_rates,
    prospective,
)

UNCHECKED = "unchecked"
RANKS: tuple[str, ...] = (*CHANGE_VERDICTS, UNCHECKED)

#: the register kind an item's kind drafts to (a quota needs its volume: not drafted)
DRAFT_KINDS = {
    "antidumping": "antidumping_duty",
    "surtax": "surtax",
    "additional": "additional",
    "retaliatory": "additional",
    "unspecified": "additional",
}


class DraftError(ValueError):
    """A decision that cannot make a valid measure; the message says which value to give."""


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("NaT", "nan")


def iso_day(v: Any) -> str | None:
    """A date-like value (date, Timestamp, ISO text, NaT/None) as ``YYYY-MM-DD`` or None."""
    return None if _missing(v) else str(v)[:10]


def _fields(row: Mapping[str, Any]) -> dict[str, Any]:
    f = row.get("fields") or {}
    return dict(json.loads(f) if isinstance(f, str) else f)


def clause_in_sentence(row: Mapping[str, Any]) -> tuple[int, int]:
    """The item's clause as offsets into its sentence: from the stored sentence start, else
    the clause or quoted text found in the sentence, else the whole sentence."""
    sentence = str(row.get("sentence") or "")
    s0, a, b = row.get("sentence_start"), row.get("span_start"), row.get("span_end")
    if s0 is not None and a is not None and b is not None and not _missing(s0):
        lo, hi = int(a) - int(s0), int(b) - int(s0)
        if 0 <= lo < hi <= len(sentence):
            return lo, hi
    f = _fields(row)
    for key in ("clause", "text", "trigger"):
        said = f.get(key)
        if isinstance(said, str) and said and said in sentence:
            at = sentence.index(said)
            return at, at + len(said)
    return 0, len(sentence)


def _speakers(rows: Sequence[Mapping[str, Any]]) -> dict[tuple[Any, str], str]:
    out: dict[tuple[Any, str], str] = {}
    for r in rows:
        if r.get("kind") == "quote":
            who = _fields(r).get("speaker")
            if who:
                out.setdefault((r.get("article_id"), str(r.get("sentence"))), str(who))
    return out


def queue_entry(row: Mapping[str, Any], speaker: str | None = None) -> dict[str, Any]:
    """One measure item as the queue shows it."""
    f = _fields(row)
    sentence = str(row.get("sentence") or "")
    lo, hi = clause_in_sentence(row)
    basis = None if _missing(row.get("published_basis")) else str(row.get("published_basis"))
    published = iso_day(row.get("published"))
    inferred = []
    if f.get("economies_inferred"):
        inferred.append("economies")
    if f.get("products_from_context"):
        inferred.append("products")
    if basis == "inferred":
        inferred.append("publication date")
    verdict = None if _missing(row.get("verdict")) else str(row.get("verdict"))
    return {
        "item_id": row.get("item_id"),
        "article_id": row.get("article_id"),
        "verdict": verdict or UNCHECKED,
        "measure_id": None if _missing(row.get("measure_id")) else row.get("measure_id"),
        "register_diff": None if _missing(row.get("register_diff")) else row["register_diff"],
        "sentence": sentence,
        "clause": [lo, hi],
        "before": sentence[:lo],
        "clause_text": sentence[lo:hi],
        "after": sentence[hi:],
        "outlet": None if _missing(row.get("outlet")) else row.get("outlet"),
        "url": None if _missing(row.get("url")) else row.get("url"),
        "published": published,
        "published_basis": basis or ("manifest" if published else "unknown"),
        "published_label": (published or "date unknown")
        + (" (inferred)" if basis == "inferred" else ""),
        "speaker": speaker,
        "hedged": bool(f.get("hedged")),
        "hedge": f.get("hedge"),
        "inferred": inferred,
        "imposing": f.get("imposing"),
        "targeted": f.get("targeted"),
        "hs": item_hs(f),
        "products": list(f.get("products") or []),
        "rates": item_rates(f),
        "action": item_action(f),
        "kind": f.get("kind"),
        "review": None if _missing(row.get("review")) else row.get("review"),
    }


def _rank(verdict: str) -> int:
    return RANKS.index(verdict) if verdict in RANKS else len(RANKS)


def review_queue(
    rows: Sequence[Mapping[str, Any]], *, include_reviewed: bool = False
) -> dict[str, Any]:
    """The queue over stored items (every kind; quotes give speakers): groups of measure claims
    ranked by possible change, confirmations counted, decided items left out (kept with
    ``include_reviewed``)."""
    speakers = _speakers(rows)
    measures = [r for r in rows if r.get("kind") == "measure"]
    reviewed = [r for r in measures if not _missing(r.get("review"))]
    pending = measures if include_reviewed else [r for r in measures if _missing(r.get("review"))]
    entries = {
        r.get("item_id"): queue_entry(
            r, speakers.get((r.get("article_id"), str(r.get("sentence"))))
        )
        for r in pending
    }
    plain = [
        {
            **r,
            "fields": _fields(r),
            "published": iso_day(r.get("published")),
            "outlet": None if _missing(r.get("outlet")) else r.get("outlet"),
            "url": None if _missing(r.get("url")) else r.get("url"),
            "verdict": None if _missing(r.get("verdict")) else r.get("verdict"),
        }
        for r in pending
    ]
    groups, confirmed, confirmed_groups = [], 0, 0
    for g in group_claims(plain):
        members = sorted(
            (entries[i] for i in g["item_ids"] if i in entries),
            key=lambda e: (_rank(e["verdict"]), e["hedged"], _neg_day(e["published"])),
        )
        if not members:
            continue
        best = members[0]["verdict"]
        if best == "confirms":
            confirmed += len(members)
            confirmed_groups += 1
            continue
        groups.append(
            {
                "verdict": best,
                "imposing": g["imposing"],
                "targeted": g["targeted"],
                "hs": g["hs"],
                "products": g["products"],
                "action": g["action"],
                "outlets": g["outlets"],
                "disagreements": g["disagreements"],
                "hedged": all(e["hedged"] for e in members),
                "entries": members,
            }
        )
    groups.sort(
        key=lambda g: (
            _rank(g["verdict"]),
            g["hedged"],
            -len(g["outlets"]),
            _neg_day(max((e["published"] or "") for e in g["entries"]) or None),
        )
    )
    for n, g in enumerate(groups, start=1):
        g["rank"] = n
    return {
        "queue": groups,
        "confirmed": confirmed,
        "confirmed_groups": confirmed_groups,
        "reviewed": len(reviewed),
        "pending": len(pending),
    }


def _neg_day(iso: str | None) -> int:
    return 0 if not iso else -dt.date.fromisoformat(iso).toordinal()


def draft_measure(
    row: Mapping[str, Any],
    values: Mapping[str, Any] | None = None,
    *,
    suspends: str | None = None,
    replaces: str | None = None,
) -> dict[str, Any]:
    """A ``[[measure]]`` record (a dict for TOML) from a measure item, the article as its
    source; ``values`` (id, title, imposing, targeted, hs, rate, kind, status, announced,
    effective, end, description, source_url, publisher) override what was extracted. A lift or
    suspension becomes a suspension of the register measure it concerns (``suspends``: the
    register is added to, never edited), a raise or cut replaces it. Raises
    :class:`DraftError` naming the value to give."""
    v = {k: x for k, x in (values or {}).items() if x not in (None, "", [], ())}
    f = _fields(row)
    item_id = str(row.get("item_id"))
    action = item_action(f)
    published = iso_day(row.get("published"))
    imposing = v.get("imposing") or f.get("imposing")
    targeted = v.get("targeted") or f.get("targeted")
    if not imposing:
        raise DraftError("the item names no imposing economy: give it (--imposing CHN)")
    if not targeted:
        raise DraftError("the item names no targeted economy: give it (--targeted CAN)")
    hs = [str(c) for c in v.get("hs") or item_hs(f)]
    if not hs:
        raise DraftError("the item names no HS code: give one or more (--hs 120510)")
    suspend = action in ("lifted", "suspended") and "kind" not in v
    if suspend:
        kind = "suspension"
        if not suspends:
            raise DraftError(
                f"the item reports the measure {action}, but names no register measure it "
                "concerns: give the kind and values of a new record instead (--kind ...)"
            )
    else:
        kind = str(v.get("kind") or DRAFT_KINDS.get(str(f.get("kind")), ""))
        if not kind:
            raise DraftError(
                f"a {f.get('kind')} item cannot be drafted as it is: give the register kind "
                "(--kind additional, surtax, antidumping_duty, ...)"
            )
    own = item_date(f)
    own_day = own[0].isoformat() if own and own[0] == own[1] else None
    if "status" in v:
        status = str(v["status"])
    elif suspend or not prospective(f):
        status = "in_force"
    elif action == "threatened":
        status = "threatened"
    elif action in ("proposed", "considered"):
        status = "proposed"
    else:
        status = "announced"
    later = own_day if own_day and (not published or own_day > published) else None
    effective = v.get("effective") or (own_day or published if status == "in_force" else later)
    if status == "in_force" and not effective:
        raise DraftError("no date for it to take effect: give one (--effective YYYY-MM-DD)")
    rates = item_rates(f)
    rate = v.get("rate", rates[0] if rates else None)
    if kind != "suspension" and rate is None:
        raise DraftError("the item states no rate: give it (--rate 25)")
    url = v.get("source_url") or (None if _missing(row.get("url")) else row.get("url"))
    if not url:
        raise DraftError("the article has no URL to cite: give it (--source-url https://...)")
    publisher = v.get("publisher") or (None if _missing(row.get("outlet")) else row["outlet"])
    if not publisher:
        raise DraftError("the article has no outlet to cite: give it (--publisher NAME)")
    hedge = f" hedged ({f.get('hedge')})" if f.get("hedged") else ""
    diff = "" if _missing(row.get("register_diff")) else f" Register diff: {row['register_diff']}."
    record: dict[str, Any] = {
        "id": v.get("id") or f"news-{item_id}",
        "title": v.get("title") or f"From the news: {str(row.get('sentence'))[:120]}",
        "imposing": imposing,
        "targets": "ALL" if str(targeted).upper() == "ALL" else [targeted],
        "kind": kind,
        "status": status,
        "confidence": "L",
        "notes": f"From news item {item_id} ({action}{hedge}), decided in `thaw news review`."
        f"{diff} Check it against an official source.",
        "products": {
            "hs": hs,
            "description": v.get("description") or ", ".join(f.get("products") or []) or "?",
        },
        "sources": [
            {
                "url": url,
                "publisher": publisher,
                "published": published or "undated",
                "locator": str(row.get("sentence"))[:300],
            }
        ],
    }
    if not _missing(row.get("title")) and row.get("title"):
        record["sources"][0]["title"] = str(row["title"])[:200]
    for key in ("announced", "end"):
        if v.get(key):
            record[key] = _day(v[key], key)
    ahead = status in ("announced", "threatened", "proposed")
    if ahead and "announced" not in record and published:
        record["announced"] = _day(published, "announced")
    if effective:
        record["effective"] = _day(effective, "effective")
    if kind == "suspension":
        record["suspends"] = [suspends]
    elif rate is not None:
        record["rate"] = {"ad_valorem": float(rate)}
    if replaces and action in ("raised", "lowered") and kind != "suspension":
        record["replaces"] = [replaces]
    return record


def _day(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise DraftError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None
