"""Gold annotations under the one convention (``thaw-news-gold/2``; ``tests/news/real/README.md``
and ``../shared/docs/news-annotation.md``): the schema, checked, and each item's character span.

Pure: a parsed JSON object and the article's text in, validated records out. Reading the files
is :func:`thaw.news.evaluate.read_gold_set`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from thaw.errors import ThawError

SCHEMA = "thaw-news-gold/2"
ACTIONS = (
    "imposed",
    "raised",
    "lowered",
    "suspended",
    "lifted",
    "proposed",
    "considered",
    "threatened",
    "in_force_mentioned",
)
MEASURE_KINDS = ("surtax", "antidumping", "additional", "retaliatory", "quota", "unspecified")
EVENT_TYPES = (
    "meeting",
    "visit",
    "agreement",
    "detention",
    "release",
    "investigation",
    "ruling",
    "announcement",
    "policy_release",
    "other",
)
PUBLISHED_BASES = ("manifest", "dateline", "byline", "inferred")


class GoldError(ThawError):
    """A gold file that does not follow ``thaw-news-gold/2``."""


@dataclass(frozen=True)
class GoldItem:
    """One annotated item: ``kind`` (measure, event, quote, figure), its span ``[start, end)``
    in the article's text, and the annotated attributes (the JSON record as written)."""

    kind: str
    start: int
    end: int
    attrs: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class GoldArticle:
    article: str
    published: dt.date | None
    published_basis: str | None
    genre: str | None
    items: tuple[GoldItem, ...]

    def of(self, kind: str) -> list[GoldItem]:
        return [g for g in self.items if g.kind == kind]


def span_of(text: str, quote: str, occurrence: int = 1, where: str = "") -> tuple[int, int]:
    """The ``occurrence``-th (1-based) span of ``quote`` in ``text``; a GoldError if absent."""
    if not quote:
        raise GoldError(f"{where}: empty quote; give the exact words of the article")
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise GoldError(
                f"{where}: {quote[:60]!r} (occurrence {occurrence}) is not in the article; "
                "quote its exact characters (curly quotes included)"
            )
    return pos, pos + len(quote)


def _check(value: object, allowed: tuple[str, ...], what: str, where: str) -> None:
    if value is not None and value not in allowed:
        raise GoldError(f"{where}: {what} {value!r} is not one of {', '.join(allowed)}")


def parse_gold(record: dict[str, Any], text: str, where: str = "gold") -> GoldArticle:
    """Validate one gold record against the article ``text`` and resolve every span.

    Measures, events and contradictions are located by ``quote`` (+ ``occurrence``); quotes by
    ``text`` (the quoted words) and figures by ``text``, both at their first unused occurrence.
    """
    if record.get("schema") != SCHEMA:
        raise GoldError(f"{where}: schema is {record.get('schema')!r}, expected {SCHEMA!r}")
    published = record.get("published")
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError as exc:
        raise GoldError(f"{where}: published {published!r} is not an ISO date") from exc
    _check(record.get("published_basis"), PUBLISHED_BASES, "published_basis", where)
    items: list[GoldItem] = []
    for i, m in enumerate(record.get("measures", [])):
        w = f"{where}: measures[{i}]"
        _check(m.get("action"), ACTIONS, "action", w)
        _check(m.get("kind"), MEASURE_KINDS, "kind", w)
        if m.get("action") is None:
            raise GoldError(f"{w}: action is missing")
        a, b = span_of(text, m.get("quote", ""), int(m.get("occurrence", 1)), w)
        items.append(GoldItem("measure", a, b, m))
    for i, e in enumerate(record.get("events", [])):
        w = f"{where}: events[{i}]"
        _check(e.get("type"), EVENT_TYPES, "type", w)
        a, b = span_of(text, e.get("quote", ""), int(e.get("occurrence", 1)), w)
        items.append(GoldItem("event", a, b, e))
    for i, c in enumerate(record.get("contradictions", [])):
        w = f"{where}: contradictions[{i}]"
        a, b = span_of(text, c.get("quote", ""), int(c.get("occurrence", 1)), w)
        items.append(GoldItem("contradiction", a, b, c))
    for kind, key in (("quote", "quotes"), ("figure", "figures")):
        used: dict[str, int] = {}
        for i, q in enumerate(record.get(key, [])):
            w = f"{where}: {key}[{i}]"
            words = str(q.get("text", ""))
            n = used.get(words, 0) + 1
            try:
                a, b = span_of(text, words, n, w)
            except GoldError:
                a, b = span_of(text, words, 1, w)  # the same words annotated twice
            used[words] = n
            items.append(GoldItem(kind, a, b, q))
    return GoldArticle(
        article=str(record.get("article", "")),
        published=day,
        published_basis=record.get("published_basis"),
        genre=record.get("genre"),
        items=tuple(items),
    )
