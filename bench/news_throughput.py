"""Benchmark: news extraction throughput on a generated corpus.

Corpus: articles of 25 lines drawn (fixed seed) from the lines of the articles in ../shared/news
(when present) and those written for the tests (tests/news/articles), with numbers, economies,
months and weekdays varied. Prints articles per second on one core (Dask's synchronous
scheduler), with the extractor's caches cleared between articles so that lines repeated across
the generated corpus do not flatter the figure; then on every core (JSON lines read by the
workers of a dask.distributed LocalCluster, each partition writing Parquet, as a large corpus
would run), and per core.
Goal: at least 200 articles per second per core.

    python bench/news_throughput.py [--articles 8000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

from thaw.news import ingest
from thaw.news.extract import Item, clear_caches
from thaw.news.ingest import extract_corpus, extract_corpus_to_parquet

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
    months = ["January", "March", "May", "June", "October", "November"]
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
            # other digits after the first of each number: few sentences repeat, so the
            # extractor's caches do not flatter the figure
            s = re.sub(
                r"(?<=\d)\d",
                lambda _: str(rng.randrange(10)),
                s.replace(rng.choice(months), rng.choice(months)),
            )
            lines.append(s)
        out.append((f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "\n".join(lines)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=8000)
    args = ap.parse_args()
    docs = corpus(args.articles)
    size = sum(len(t) for _, t in docs) / len(docs)
    extract_corpus(docs[:50], scheduler="sync", partitions=1)  # warm: imports, compiled rules
    n_one = max(1, args.articles // 4)
    cached = ingest.extract

    def uncached(text: str, published: dt.date) -> list[Item]:
        clear_caches()
        return cached(text, published)

    ingest.extract = uncached  # type: ignore[assignment]
    t = time.perf_counter()
    items = extract_corpus(docs[:n_one], scheduler="sync", partitions=4)
    one = n_one / (time.perf_counter() - t)
    ingest.extract = cached  # type: ignore[assignment]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.jsonl"
        corpus_file.write_text(
            "\n".join(json.dumps({"published": d, "text": t}) for d, t in docs), encoding="utf-8"
        )
        blocksize = max(1, corpus_file.stat().st_size // (4 * cores))
        with (
            LocalCluster(
                n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: __import__("thaw.news.ingest"))  # workers started and warm
            t = time.perf_counter()
            extract_corpus_to_parquet([corpus_file], Path(tmp) / "items", blocksize=blocksize)
            many = args.articles / (time.perf_counter() - t)
    per = sum(len(x) for x in items) / len(items)
    lines = [line for _, t in docs for line in t.splitlines()]
    print(
        f"{args.articles} articles of {size:,.0f} characters, {per:.0f} items each; "
        f"{len(set(lines)) / len(lines):.0%} of their {len(lines):,} lines distinct"
    )
    print(
        f"one core (extract_corpus, sync scheduler, caches cleared per article, {n_one} "
        f"articles): {one:,.0f} articles/s"
    )
    print(
        f"{cores} workers (extract_corpus_to_parquet from JSON lines on a dask.distributed "
        f"LocalCluster): {many:,.0f} articles/s, {many / cores:,.0f} per core"
    )
    print(f"goal: 200 articles/s per core; one-core ratio to goal {one / 200:.2f}")


if __name__ == "__main__":
    main()
