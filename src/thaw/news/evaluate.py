"""Precision and recall of the extractor against gold annotations under the one convention
(``thaw-news-gold/2``: ``tests/news/real/README.md`` and ``../shared/docs/news-annotation.md``),
with 95% Wilson intervals. Matching is by character-span overlap in register units (below).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thaw.news.extract import Item, extract
from thaw.news.gold import GoldArticle, GoldItem, parse_gold

# -- the one convention (thaw-news-gold/2): span overlap, register units ----------------------
#
# An extracted item matches a gold item of its kind when their character spans overlap. Among
# overlapping pairs, each gold item takes at most one extracted item and vice versa, chosen
# greedily by how many attributes agree (then by overlap length), so that two items of one
# sentence (two rates, both sides) pair with their own gold. Views reported:
#   measure                 span overlap (one per imposer x target x product group x rate x action)
#   measure, action+hedge   and the same action and hedge
#   event                   span overlap;  event, type: and the same type
#   quote                   span overlap (the quoted words);  figure: overlap and the same value
# Attribute accuracies are over matched pairs: imposer and target, rate, HS codes, measure
# date, quote speaker, event date. Intervals are Wilson 95% intervals on the counts.

GOLD_VIEWS = (
    "measure",
    "measure, action+hedge",
    "event",
    "event, type",
    "quote",
    "figure",
)


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion ``hits / n`` (95% by default); (0, 1) when n = 0."""
    if n <= 0:
        return (0.0, 1.0)
    p = hits / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / d
    return (max(0.0, c - h), min(1.0, c + h))


@dataclass
class Counts:
    """True positives, false positives, false negatives of one view, with P, R and intervals."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def precision_interval(self) -> tuple[float, float]:
        return wilson(self.tp, self.tp + self.fp)

    def recall_interval(self) -> tuple[float, float]:
        return wilson(self.tp, self.tp + self.fn)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class GoldReport:
    """Scores of the extractor on a gold set: ``views`` (Counts per view), ``attributes``
    (hits, total) per attribute over matched pairs, ``published`` (one row per article whose
    date had to be inferred: true date, inferred date, basis, error in days), ``errors`` (per
    article: missed and false items, for development sets)."""

    articles: int = 0
    views: dict[str, Counts] = field(default_factory=lambda: {v: Counts() for v in GOLD_VIEWS})
    attributes: dict[str, list[int]] = field(default_factory=dict)
    published: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def attribute(self, name: str) -> float:
        hits, total = self.attributes.get(name, [0, 0])
        return hits / total if total else 1.0

    def to_frame(self) -> Any:
        """One row per view and attribute: counts, precision and recall (or accuracy) with
        their 95% Wilson intervals."""
        import pandas as pd

        rows = []
        for name, c in self.views.items():
            lo_p, hi_p = c.precision_interval()
            lo_r, hi_r = c.recall_interval()
            rows.append(
                {
                    "view": name,
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                    "precision": c.precision,
                    "precision_95": f"[{lo_p:.2f}, {hi_p:.2f}]",
                    "recall": c.recall,
                    "recall_95": f"[{lo_r:.2f}, {hi_r:.2f}]",
                }
            )
        for name, (hits, total) in self.attributes.items():
            lo, hi = wilson(hits, total)
            rows.append(
                {
                    "view": f"{name} (accuracy over matched)",
                    "tp": hits,
                    "fp": total - hits,
                    "fn": None,
                    "precision": hits / total if total else None,
                    "precision_95": f"[{lo:.2f}, {hi:.2f}]",
                    "recall": None,
                    "recall_95": None,
                }
            )
        return pd.DataFrame(rows)

    def summary(self) -> str:
        lines = [f"{self.articles} articles"]
        for name, c in self.views.items():
            lo_p, hi_p = c.precision_interval()
            lo_r, hi_r = c.recall_interval()
            lines.append(
                f"{name:<24} P {c.precision:.2f} [{lo_p:.2f}, {hi_p:.2f}]  "
                f"R {c.recall:.2f} [{lo_r:.2f}, {hi_r:.2f}]  (tp {c.tp}, fp {c.fp}, fn {c.fn})"
            )
        for name, (hits, total) in self.attributes.items():
            lines.append(f"{name:<24} {hits}/{total} = {hits / total if total else 1:.2f}")
        lines.extend(
            f"published {p['article']}: true {p['true']}, inferred {p['inferred']} "
            f"({p['basis']}), error {p['error_days']} days"
            for p in self.published
        )
        return "\n".join(lines)


def _codes(value: Any) -> frozenset[str]:
    if not value:
        return frozenset()
    return frozenset(str(v).replace(".", "").strip() for v in value)


def _measure_view(item: Item) -> dict[str, Any]:
    """An extracted measure in the convention's terms (the item contract; older extractor
    fields ``direction``/``status`` mapped when ``action``/``hedged`` are absent)."""
    f = item.fields
    action = f.get("action")
    if action is None:
        direction = f.get("direction")
        action = "in_force_mentioned" if direction in (None, "in_force") else direction
    hedged = f.get("hedged")
    if hedged is None:
        hedged = f.get("status") not in (None, "decided")
    rate = f.get("rate_pct")
    if rate is None and f.get("rates"):
        rate = f["rates"][0]
    return {
        "imposer": f.get("imposing"),
        "target": f.get("targeted"),
        "action": action,
        "hedged": bool(hedged),
        "rate": None if rate is None else float(rate),
        "hs": _codes(f.get("hs")),
        "date": (f.get("date") or {}).get("iso") if isinstance(f.get("date"), dict) else None,
    }


def _same_rate(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def _gold_date(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _date_agrees(extracted: str | None, gold: str | None) -> bool:
    """Dates agree when equal at the gold's precision (``2025-03`` agrees with any day of it)."""
    if gold is None or extracted is None:
        return gold is None and extracted is None
    return extracted.startswith(gold) or gold.startswith(extracted)


def _agreement(kind: str, item: Item, gold: GoldItem) -> dict[str, bool]:
    g = gold.attrs
    if kind == "measure":
        m = _measure_view(item)
        return {
            "imposer and target": m["imposer"] == g.get("imposer")
            and m["target"] == g.get("target"),
            "action+hedge": m["action"] == g.get("action")
            and m["hedged"] == bool(g.get("hedged", False)),
            "rate": _same_rate(m["rate"], g.get("rate_pct")),
            "hs": g.get("hs") is None or m["hs"] == _codes(g.get("hs")),
            "measure date": _date_agrees(m["date"], _gold_date(g.get("date"))),
        }
    if kind == "event":
        d = item.fields.get("date")
        iso = d.get("iso") if isinstance(d, dict) else None
        return {
            "type": item.fields.get("type") == g.get("type"),
            "event date": _date_agrees(iso, _gold_date(g.get("date"))),
        }
    if kind == "quote":
        return {"quote speaker": item.fields.get("speaker") == g.get("speaker")}
    try:
        same = abs(float(item.fields["value"]) - float(g["value"])) < 1e-9
    except (KeyError, TypeError, ValueError):
        same = False
    return {"value": same}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def match_gold(
    kind: str, golds: list[GoldItem], found: list[Item]
) -> list[tuple[GoldItem, Item, dict[str, bool]]]:
    """One-to-one pairs of overlapping gold and extracted items of one kind, greedily by the
    number of agreeing attributes, then by overlap length."""
    pairs = []
    for gi, g in enumerate(golds):
        for fi, it in enumerate(found):
            ov = _overlap(g.start, g.end, it.start, it.end)
            if ov > 0:
                agree = _agreement(kind, it, g)
                if kind == "figure" and not agree["value"]:
                    continue
                pairs.append((-sum(agree.values()), -ov, gi, fi, agree))
    pairs.sort(key=lambda p: p[:4])
    used_g: set[int] = set()
    used_f: set[int] = set()
    out = []
    for _, _, gi, fi, agree in pairs:
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        out.append((golds[gi], found[fi], agree))
    return out


def score_gold_article(
    text: str, gold: GoldArticle, items: list[Item], report: GoldReport | None = None
) -> GoldReport:
    """Add one article's scores to ``report`` (a new one if None)."""
    report = report or GoldReport()
    report.articles += 1
    missed: list[str] = []
    false: list[str] = []
    attribute_views = {
        "measure": ("imposer and target", "rate", "hs", "measure date"),
        "event": ("event date",),
        "quote": ("quote speaker",),
        "figure": (),
    }
    for kind in ("measure", "event", "quote", "figure"):
        golds = gold.of(kind)
        found = [it for it in items if it.kind == kind]
        pairs = match_gold(kind, golds, found)
        c = report.views[kind]
        c.tp += len(pairs)
        c.fn += len(golds) - len(pairs)
        c.fp += len(found) - len(pairs)
        strict = {"measure": "action+hedge", "event": "type"}.get(kind)
        if strict:
            s = report.views[f"{kind}, {strict}"]
            ok = sum(agree[strict] for _, _, agree in pairs)
            s.tp += ok
            s.fn += len(golds) - ok
            s.fp += len(found) - ok
        for name in attribute_views[kind]:
            hit_total = report.attributes.setdefault(name, [0, 0])
            for _, _, agree in pairs:
                hit_total[0] += int(agree[name])
                hit_total[1] += 1
        got = {id(g) for g, _, _ in pairs}
        took = {id(it) for _, it, _ in pairs}
        missed += [f"{kind}: {text[g.start : g.end][:90]!r}" for g in golds if id(g) not in got]
        false += [f"{kind}: {text[it.start : it.end][:90]!r}" for it in found if id(it) not in took]
    report.errors.append({"article": gold.article, "missed": missed, "false": false})
    return report


def read_gold_set(folder: Path, gold_folder: Path | None = None) -> list[tuple[str, GoldArticle]]:
    """Every gold file of a corpus folder (``folder/gold/*.json`` unless ``gold_folder``), with
    its article's text (the article is read from ``folder``)."""
    gold_folder = gold_folder or folder / "gold"
    out = []
    for path in sorted(gold_folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = (folder / record["article"]).read_text(encoding="utf-8")
        out.append((text, parse_gold(record, text, where=str(path))))
    return out


def manifest_dates(folder: Path) -> dict[str, dt.date | None]:
    """``file -> published`` from a corpus folder's MANIFEST.csv (None where it is empty)."""
    import csv

    path = folder / "MANIFEST.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            r["file"]: dt.date.fromisoformat(r["published"]) if r.get("published") else None
            for r in csv.DictReader(fh)
        }


def score_gold(
    folder: Path,
    gold_folder: Path | None = None,
    *,
    extractor: Callable[[str, dt.date], list[Item]] = extract,
    infer_published: Callable[[str], tuple[dt.date | None, str]] | None = None,
) -> GoldReport:
    """Score ``extractor`` on a corpus folder under ``thaw-news-gold/2``.

    Each article is extracted with its manifest date; where the manifest has none, with the
    date ``infer_published(text)`` returns (``(date, basis)``; by default the package's
    publication-date stage), and the inferred date's error against the gold date is reported.
    """
    if infer_published is None:
        infer_published = _default_infer
    dates = manifest_dates(folder)
    report = GoldReport()
    for text, gold in read_gold_set(folder, gold_folder):
        published = dates.get(gold.article)
        if published is None:
            inferred, basis = infer_published(text)
            report.published.append(
                {
                    "article": gold.article,
                    "true": gold.published,
                    "inferred": inferred,
                    "basis": basis,
                    "error_days": None
                    if inferred is None or gold.published is None
                    else abs((inferred - gold.published).days),
                }
            )
            published = inferred or gold.published or dt.date.today()
        score_gold_article(text, gold, extractor(text, published), report)
    return report


def _default_infer(text: str) -> tuple[dt.date | None, str]:
    """The ingest path's date for an undated page (:func:`thaw.news.ingest.infer_published`),
    with the bundled events table and register, as ``thaw news ingest`` dates it."""
    from thaw.news.ingest import infer_published

    got = infer_published(text, *_bundled_reference())
    return got.date, got.basis


@functools.cache
def _bundled_reference() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The bundled events table and register measures, loaded once."""
    from thaw.data.bundle import load_bundled_measures
    from thaw.data.events import load_bundled_events

    return tuple(load_bundled_events()), tuple(load_bundled_measures())
