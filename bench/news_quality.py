"""Quality of the news extractor against two annotators, and their agreement.

For each round of articles written for the tests (tests/news/articlesN), prints precision /
recall of: the second annotator against the first (inter-annotator agreement; the second
annotated blind, from the written rules alone), the extractor against the first, and the
extractor against the second; "pooled" sums the rounds that have both annotators. Views:
"measure" (sentence, direction and status), "measure sentence" (a sentence holding a measure)
and "event" (sentence and type).

    python bench/news_quality.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from thaw.news.evaluate import DETECTION, Score, agreement, score_corpus

HERE = Path(__file__).resolve().parents[1] / "tests" / "news"
ROUNDS = [
    ("articles", "dev2"),
    ("articles2", "dev3"),
    ("articles3", "dev4"),
    ("articles4", "dev5"),
    ("articles5", "dev6"),
    ("articles6", "dev7"),
    ("articles7", "dev8"),
    ("articles8", "dev9"),
    ("articles9", "dev10"),
    ("articles10", "dev11"),
]
VIEWS = ("measure", DETECTION, "event")


def _fmt(s: Score) -> str:
    return f"{s.precision:.2f} / {s.recall:.2f}"


def _add(total: dict[str, Score], part: dict[str, Score]) -> None:
    for k in VIEWS:
        t, p = total[k], part[k]
        t.true_positives += p.true_positives
        t.false_positives += p.false_positives
        t.false_negatives += p.false_negatives


def _second_as_gold(second: Path, out: Path) -> Path:
    """The second annotator's files with empty quotes and figures, for ``score_corpus``."""
    for p in second.glob("*.json"):
        ann = json.loads(p.read_text(encoding="utf-8"))
        ann.setdefault("quotes", [])
        ann.setdefault("figures", [])
        (out / p.name).write_text(json.dumps(ann), encoding="utf-8")
    return out


def main() -> None:
    header = "| round | who | " + " | ".join(VIEWS) + " |"
    print(header)
    print("|" + "---|" * (2 + len(VIEWS)))
    totals = {w: {k: Score(k) for k in VIEWS} for w in ("B vs A", "thaw vs A", "thaw vs B")}
    for n, (articles, first) in enumerate(ROUNDS, start=1):
        if not (HERE / first).exists():
            continue
        second = HERE / "second" / articles
        rows: dict[str, dict[str, Score]] = {}
        rows["thaw vs A"] = score_corpus(HERE / articles, HERE / first)
        if second.exists():
            rows["B vs A"] = agreement(HERE / first, second)
            with tempfile.TemporaryDirectory() as tmp:
                rows["thaw vs B"] = score_corpus(
                    HERE / articles, _second_as_gold(second, Path(tmp))
                )
        for who in ("B vs A", "thaw vs A", "thaw vs B"):
            if who in rows:
                print(f"| {n} | {who} | " + " | ".join(_fmt(rows[who][k]) for k in VIEWS) + " |")
                if second.exists():
                    _add(totals[who], rows[who])
    for who, t in totals.items():
        print(f"| pooled | {who} | " + " | ".join(_fmt(t[k]) for k in VIEWS) + " |")


if __name__ == "__main__":
    main()
