"""Experiment: does a learned classifier read direction and status better than the rules?

For every sentence in which the extractor finds a measure (rounds 1-10 written for the tests and
the three shared articles), a logistic regression predicts which of the 24 (direction, status)
pairs the first annotator gave it. Features: words and word pairs of the sentence (conjoined
with the direction), modality cues (conjoined with the status) and, in the "rules + words"
variant, the pairs the rules produced. Evaluation is leave-one-round-out: trained on every other
round (both annotators' labels where there are two), scored on the held-out round against its
first annotator with the matching of ``thaw.news.evaluate`` (sentences the extractor misses
count as misses for every variant). Prints precision / recall per round and pooled.

    python bench/news_classifier.py [--l2 1.0] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from news_quality import HERE, ROUNDS  # the rounds of tests/news, one list
from scipy.optimize import minimize

from thaw.news.evaluate import same_sentence
from thaw.news.extract import extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "news"
DIRECTIONS = ("imposed", "raised", "lowered", "suspended", "lifted", "in_force")
STATUSES = ("decided", "announced", "proposed", "undecided")
PAIRS = [(d, s) for d in DIRECTIONS for s in STATUSES]
DIM = 2**18
TOKEN = re.compile(r"[a-z’']+|\d+(?:\.\d+)?%?|[?\"“”]")
CUES = {
    "negation": r"\b(?:not|n[’']t|never|no|refus\w*|declin\w*)\b",
    "whether": r"\bwhether\b",
    "condition": r"\b(?:if|unless)\b",
    "would": r"\bwould\b",
    "will": r"\bwill\b",
    "modal": r"\b(?:should|could|might|may)\b",
    "expect": r"\bexpect\w*\b",
    "question": r"\?\s*[\"”]?$",
    "said": r"\b(?:said|says|told)\b",
    "request": r"\b(?:urg\w*|call\w* (?:on|for)|ask\w*|want\w*|press\w*)\b",
}

Pair = tuple[str, str]


@dataclass
class Row:
    group: str
    sentence: str
    rules: set[Pair]
    first: set[Pair]
    second: set[Pair] | None


def load() -> tuple[list[Row], dict[str, int]]:
    """Detected measure sentences with the rules' pairs and the annotators' pairs; per group,
    the number of annotated items in sentences the extractor did not detect."""
    groups = [
        (f"round {i}", HERE / a, HERE / d, HERE / "second" / a)
        for i, (a, d) in enumerate(ROUNDS, start=1)
    ]
    if SHARED.exists():
        groups.insert(0, ("shared", SHARED, HERE / "annotations", None))
    rows: list[Row] = []
    missed: dict[str, int] = {}
    for name, articles, first_dir, second_dir in groups:
        for path in sorted(first_dir.glob("*.json")):
            ann = json.loads(path.read_text(encoding="utf-8"))
            text = (articles / ann["article"]).read_text(encoding="utf-8")
            other = second_dir / path.name if second_dir else None
            second = (
                json.loads(other.read_text(encoding="utf-8")) if other and other.exists() else None
            )
            found: dict[int, list] = {}
            for it in extract(text, dt.date.fromisoformat(ann["published"])):
                if it.kind == "measure":
                    found.setdefault(it.start, []).append(it)
            for items in found.values():
                sent = items[0].sentence
                rows.append(
                    Row(
                        name,
                        sent,
                        {(i.fields["direction"], i.fields["status"]) for i in items},
                        {
                            (g["direction"], g["status"])
                            for g in ann["measures"]
                            if sent.startswith(g["sentence"])
                        },
                        None
                        if second is None
                        else {
                            (g["direction"], g["status"])
                            for g in second["measures"]
                            if same_sentence(sent[: len(g["sentence"])], g["sentence"])
                        },
                    )
                )
            detected = [it[0].sentence for it in found.values()]
            missed[name] = missed.get(name, 0) + sum(
                not any(s.startswith(g["sentence"]) for s in detected) for g in ann["measures"]
            )
    return rows, missed


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode()) % DIM


def features(row: Row, with_rules: bool) -> list[list[int]]:
    low = row.sentence.lower()
    tokens = TOKEN.findall(low)
    bag = set(tokens) | {f"{a}_{b}" for a, b in itertools.pairwise(tokens)}
    cues = {k for k, pattern in CUES.items() if re.search(pattern, low)}
    directions = {d for d, _ in row.rules}
    statuses = {s for _, s in row.rules}
    out = []
    for d, s in PAIRS:
        f = [f"b|{d}|{s}", f"bd|{d}", f"bs|{s}"]
        f += [f"d|{d}|{t}" for t in bag] + [f"s|{s}|{c}" for c in cues]
        if with_rules:
            if (d, s) in row.rules:
                f += ["rule_pair", f"rule_pair|{d}|{s}"]
            if d in directions:
                f += ["rule_dir", f"rule_dir|{d}"]
            if s in statuses:
                f += ["rule_status", f"rule_status|{s}"]
            f += [f"rd|{d}|{x}" for x in directions] + [f"rs|{s}|{x}" for x in statuses]
        out.append([_h(x) for x in f])
    return out


def design(rows: list[Row], with_rules: bool) -> sp.csr_matrix:
    r, c = [], []
    n = 0
    for row in rows:
        for fs in features(row, with_rules):
            r += [n] * len(fs)
            c += fs
            n += 1
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, DIM))


def fit(x: sp.csr_matrix, y: np.ndarray, l2: float) -> np.ndarray:
    """L2-penalised logistic regression by L-BFGS."""

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-(x @ w)))
        eps = 1e-12
        value = -(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)).sum() + 0.5 * l2 * w @ w
        return float(value), x.T @ (p - y) + l2 * w

    return minimize(loss, np.zeros(DIM), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    rows, missed = load()
    names = ["rules", "words", "rules + words"]
    total = {n: [0, 0, 0] for n in names}
    print("| held out | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for group in dict.fromkeys(r.group for r in rows):
        train = [r for r in rows if r.group != group]
        test = [r for r in rows if r.group == group]
        extra = [Row(r.group, r.sentence, r.rules, r.second, None) for r in train if r.second]
        labelled = train + extra
        y = np.array([float(p in r.first) for r in labelled for p in PAIRS])
        predictions: dict[str, list[set[Pair]]] = {"rules": [r.rules for r in test]}
        for name, with_rules in (("words", False), ("rules + words", True)):
            w = fit(design(labelled, with_rules), y, args.l2)
            prob = (1 / (1 + np.exp(-(design(test, with_rules) @ w)))).reshape(len(test), -1)
            predictions[name] = [
                {PAIRS[j] for j in np.flatnonzero(p > args.threshold)} or {PAIRS[int(p.argmax())]}
                for p in prob
            ]
        cells = []
        for name in names:
            tp = sum(len(p & r.first) for p, r in zip(predictions[name], test, strict=True))
            fp = sum(len(p - r.first) for p, r in zip(predictions[name], test, strict=True))
            fn = sum(len(r.first - p) for p, r in zip(predictions[name], test, strict=True))
            fn += missed.get(group, 0)
            for i, v in enumerate((tp, fp, fn)):
                total[name][i] += v
            cells.append(f"{tp / max(tp + fp, 1):.2f} / {tp / max(tp + fn, 1):.2f}")
        print(f"| {group} | " + " | ".join(cells) + " |")
    cells = [f"{t[0] / (t[0] + t[1]):.2f} / {t[0] / (t[0] + t[2]):.2f}" for t in total.values()]
    print("| pooled | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
