"""Benchmark: news extraction throughput on a generated corpus.

Corpus: articles of 25 lines drawn (fixed seed) from the lines of the articles in ../shared/news
(when present) and those written for the tests (tests/news/articles), with numbers, economies
and weekdays varied: about the length and mix of the articles in ../shared/news. Prints articles
per second for one core (Dask's synchronous scheduler), for Dask's process scheduler on every
core, and per core.
Goal: at least 200 articles per second per core.

    python bench/news_throughput.py [--articles 4000]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from thaw.news.ingest import extract_corpus

ROOT = Path(__file__).resolve().parents[1]
POOLS = [ROOT.parent / "shared" / "news", ROOT / "tests" / "news" / "articles"]


def corpus(n: int, seed: int = 11) -> list[tuple[str, str]]:
    pool = [
        s
        for folder in POOLS
        if folder.exists()
        for p in sorted(folder.glob("*.txt"))
        for s in p.read_text().splitlines()
        if s.strip()
    ]
    rng = random.Random(seed)
    econ = ["China", "Canada", "Beijing", "Ottawa"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    out = []
    for i in range(n):
        lines = []
        for _ in range(25):
            s = rng.choice(pool)
            s = s.replace("100", str(rng.choice([10, 25, 50, 100]))).replace(
                "Friday", rng.choice(days)
            )
            s = s.replace("China", rng.choice(econ)) if rng.random() < 0.3 else s
            lines.append(s)
        out.append((f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "\n".join(lines)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=4000)
    args = ap.parse_args()
    docs = corpus(args.articles)
    size = sum(len(t) for _, t in docs) / len(docs)
    t = time.perf_counter()
    items = extract_corpus(docs[: args.articles // 4], scheduler="sync", partitions=4)
    one = (args.articles // 4) / (time.perf_counter() - t)
    cores = os.cpu_count() or 1
    t = time.perf_counter()
    extract_corpus(docs, scheduler="processes", partitions=4 * cores)
    many = args.articles / (time.perf_counter() - t)
    per = sum(len(x) for x in items) / len(items)
    print(f"{args.articles} articles of {size:,.0f} characters, {per:.0f} items each")
    print(f"one core (sync scheduler): {one:,.0f} articles/s")
    print(
        f"{cores} cores (process scheduler): {many:,.0f} articles/s, {many / cores:,.0f} per core"
    )


if __name__ == "__main__":
    main()
