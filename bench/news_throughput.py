"""Benchmark: news extraction throughput on a generated corpus.

Corpus: articles of 25 lines drawn (fixed seed) from the lines of the articles in ../shared/news
(when present) and those written for the tests (tests/news/articles), with numbers, economies,
months and weekdays varied. Prints the CPU model and core count, then, three runs each (median
and range), articles per CPU second on one core for

* the bulk path: ``extract_corpus`` on Dask's synchronous scheduler, the extractor's caches
  cleared between articles so that lines repeated across the generated corpus do not flatter
  the figure (goal: at least 200 articles per second per core);
* the review path: the publication-date stage, every extraction stage and the item dicts the
  review queue stores (goal: at least 20).

CPU time rather than wall time, because the machine may be shared. ``--cluster`` also runs the
corpus as JSON lines on a dask.distributed LocalCluster writing Parquet (wall time, all cores).

    python bench/news_throughput.py [--articles 2000] [--cluster]
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
from collections.abc import Callable
from pathlib import Path

from distributed import Client, LocalCluster

from thaw.news import ingest
from thaw.news.extract import Item, clear_caches, extract
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


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def bulk_rate(docs: list[tuple[str, str]]) -> float:
    """Articles per CPU second (one core) through ``extract_corpus`` (sync scheduler), the
    extractor's caches cleared per article. CPU time, not wall time: the machine is shared, and
    per-core throughput is what the goal states."""
    cached: Callable[[str, dt.date], list[Item]] = vars(ingest)["extract"]  # as ingest calls it

    def uncached(text: str, published: dt.date) -> list[Item]:
        clear_caches()
        return cached(text, published)

    vars(ingest)["extract"] = uncached
    try:
        t = time.process_time()
        extract_corpus(docs, scheduler="sync", partitions=4)
        return len(docs) / (time.process_time() - t)
    finally:
        vars(ingest)["extract"] = cached


def review_rate(docs: list[tuple[str, str]]) -> float:
    """Articles per CPU second (one core) for the review path: the publication-date stage, every
    extraction stage, and item dicts as the queue stores them."""
    from thaw.news.pubdate import publication_date

    t = time.process_time()
    for published, text in docs:
        clear_caches()
        publication_date(text)
        [it.to_dict() for it in extract(text, dt.date.fromisoformat(published))]
    return len(docs) / (time.process_time() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--cluster", action="store_true", help="also run a dask LocalCluster")
    args = ap.parse_args()
    docs = corpus(args.articles)
    size = sum(len(t) for _, t in docs) / len(docs)
    extract_corpus(docs[:50], scheduler="sync", partitions=1)  # warm: imports, compiled rules
    cores = os.cpu_count() or 1
    print(f"{cpu_model()}, {cores} cores; {args.articles} articles of {size:,.0f} characters")
    bulk = sorted(bulk_rate(docs) for _ in range(3))
    review = sorted(review_rate(docs[: max(1, args.articles // 4)]) for _ in range(3))
    print(
        f"bulk path, per core (extract_corpus, sync, caches cleared, CPU time): "
        f"median {bulk[1]:,.0f} "
        f"articles/s (three runs {bulk[0]:,.0f}-{bulk[2]:,.0f}); goal 200"
    )
    print(
        f"review path, per core (publication date, all stages, CPU time): median {review[1]:,.0f} "
        f"articles/s (three runs {review[0]:,.0f}-{review[2]:,.0f}); goal 20"
    )
    if not args.cluster:
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.jsonl"
        corpus_file.write_text(
            "\n".join(json.dumps({"published": d, "text": t}) for d, t in docs), encoding="utf-8"
        )
        blocksize = max(1, corpus_file.stat().st_size // (4 * cores))
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            client.run(lambda: __import__("thaw.news.ingest"))  # workers started and warm
            t = time.perf_counter()
            extract_corpus_to_parquet([corpus_file], Path(tmp) / "items", blocksize=str(blocksize))
            many = args.articles / (time.perf_counter() - t)
    print(
        f"{cores} workers (extract_corpus_to_parquet from JSON lines on a dask.distributed "
        f"LocalCluster): {many:,.0f} articles/s, {many / cores:,.0f} per core"
    )


if __name__ == "__main__":
    main()
