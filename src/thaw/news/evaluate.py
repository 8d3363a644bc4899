"""Precision and recall of the extractor against hand annotations (``docs/news.md`` gives the
annotation rules). An extracted item matches an annotated one when:

* measure: same sentence (the annotation quotes its first words), direction and status;
* event: same sentence and event type;
* quote: the annotated text is inside the extracted quote;
* figure: same sentence position in the text and value;
* "measure sentence" (a looser view, reported beside measures): a sentence holding a measure
  found, whatever direction and status were read.

Each annotated item matches at most one extracted item and vice versa. Attribute accuracy
(imposing and targeted economy of matched measures, speakers of matched quotes) is reported
next to precision and recall.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from thaw.news.extract import Item, extract

KINDS = ("measure", "event", "quote", "figure")
T = TypeVar("T")
# a looser view of measures: the sentence found, whatever direction and status were read
DETECTION = "measure sentence"


@dataclass
class Score:
    kind: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    attribute_hits: int = 0
    attribute_total: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def attribute_accuracy(self) -> float:
        return self.attribute_hits / self.attribute_total if self.attribute_total else 1.0


def _matches(kind: str, item: Item, gold: dict[str, Any], text: str) -> bool:
    f = item.fields
    if kind == DETECTION:
        return item.sentence.startswith(gold["sentence"])
    if kind == "measure":
        return bool(
            item.sentence.startswith(gold["sentence"])
            and f["direction"] == gold["direction"]
            and f["status"] == gold["status"]
        )
    if kind == "event":
        return item.sentence.startswith(gold["sentence"]) and f["type"] == gold["type"]
    if kind == "quote":
        return gold["text"] in f["text"]
    return (
        bool(gold["text"] in f["text"] or f["text"] in gold["text"])
        and abs(float(f["value"]) - float(gold["value"])) < 1e-9
    )


def _attribute(kind: str, item: Item, gold: dict[str, Any]) -> bool | None:
    if kind == "measure":
        return bool(
            item.fields["imposing"] == gold["imposing"]
            and item.fields["targeted"] == gold["targeted"]
        )
    if kind == "quote":
        return bool(item.fields["speaker"] == gold["speaker"])
    return None


def _pair(
    golds: list[dict[str, Any]], found: list[T], same: Callable[[T, dict[str, Any]], bool]
) -> list[tuple[dict[str, Any], T]]:
    """One-to-one matches, each annotated item with the first unused found item that is the
    same; the rest of either side are misses and false finds."""
    used: set[int] = set()
    hits = []
    for gold in golds:
        hit = next((i for i, f in enumerate(found) if i not in used and same(f, gold)), None)
        if hit is not None:
            used.add(hit)
            hits.append((gold, found[hit]))
    return hits


def score_article(text: str, annotation: dict[str, Any]) -> dict[str, Score]:
    items = extract(text, dt.date.fromisoformat(annotation["published"]))
    scores = {}
    for kind in (*KINDS, DETECTION):
        s = Score(kind)
        if kind == DETECTION:  # one per sentence on both sides
            found = list({it.start: it for it in items if it.kind == "measure"}.values())
            golds = list({g["sentence"]: g for g in annotation["measures"]}.values())
        else:
            found = [it for it in items if it.kind == kind]
            golds = annotation[kind + "s"]

        def same(it: Item, gold: dict[str, Any], kind: str = kind) -> bool:
            return _matches(kind, it, gold, text)

        hits = _pair(golds, found, same)
        s.true_positives = len(hits)
        s.false_negatives = len(golds) - len(hits)
        s.false_positives = len(found) - len(hits)
        for gold, it in hits:
            ok = _attribute(kind, it, gold)
            if ok is not None:
                s.attribute_total += 1
                s.attribute_hits += int(ok)
        scores[kind] = s
    return scores


def score_corpus(articles: Path, annotations: Path) -> dict[str, Score]:
    """Summed scores over every annotation file in ``annotations`` (articles read from
    ``articles``)."""
    total = {k: Score(k) for k in (*KINDS, DETECTION)}
    for path in sorted(annotations.glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        text = (articles / ann["article"]).read_text(encoding="utf-8")
        for kind, s in score_article(text, ann).items():
            t = total[kind]
            t.true_positives += s.true_positives
            t.false_positives += s.false_positives
            t.false_negatives += s.false_negatives
            t.attribute_hits += s.attribute_hits
            t.attribute_total += s.attribute_total
    return total


def same_sentence(a: str, b: str) -> bool:
    """Two annotations' openings of one sentence (either starts the other)."""
    a, b = a.strip(), b.strip()
    return a.startswith(b) or b.startswith(a)


def agreement(first: Path, second: Path) -> dict[str, Score]:
    """Inter-annotator agreement: the annotations in ``second`` scored against those in
    ``first`` (same file names; articles annotated by one only are skipped), with the matching
    rules of ``score_article``. Sentences match when either annotation's opening words start
    the other's (annotators quote openings of different length). Views: "measure" (direction
    and status), "measure sentence" (one per sentence) and "event" (type)."""
    views: dict[str, tuple[str, Callable[[dict[str, Any]], object]]] = {
        "measure": ("measures", lambda x: (x["direction"], x["status"])),
        DETECTION: ("measures", lambda x: None),
        "event": ("events", lambda x: x["type"]),
    }
    total = {k: Score(k) for k in views}
    for path in sorted(second.glob("*.json")):
        if not (first / path.name).exists():
            continue
        b = json.loads(path.read_text(encoding="utf-8"))
        a = json.loads((first / path.name).read_text(encoding="utf-8"))
        for kind, (field, key) in views.items():
            golds, found = a.get(field, []), b.get(field, [])
            if kind == DETECTION:
                golds = list({g["sentence"]: g for g in golds}.values())
                found = list({f["sentence"]: f for f in found}.values())

            def agree(
                f: dict[str, Any], gold: dict[str, Any], key: Callable[..., object] = key
            ) -> bool:
                return same_sentence(gold["sentence"], f["sentence"]) and key(gold) == key(f)

            hits = _pair(golds, found, agree)
            s = total[kind]
            s.true_positives += len(hits)
            s.false_negatives += len(golds) - len(hits)
            s.false_positives += len(found) - len(hits)
    return total
