"""Publication-date inference on articles made undated: how close the inferred date comes.

    python bench/news_pubdate.py            # summary over every development article
    python bench/news_pubdate.py --rows     # and one row per article (error, evidence)

Every dated article of the development sets (tests/news/real/dev, the synthetic rounds
tests/news/articles*, ../shared/news) is made undated: the lines the page stage
(:func:`thaw.news.page.body`) drops as a dateline, date line or byline are cut out, and so is
any line near the top that :func:`thaw.news.pubdate.page_date` still reads a date from. The
truly undated dev articles (manifest ``published`` empty) are taken as they are, with the true
date from their gold file. Each text then goes through the ingest path (the page, then the
text, the events table and the register: ``_dated`` and ``redate`` in
:mod:`thaw.news.ingest`) with no date given. Reported: count, share within 7 days, median and
maximum error in days, share with no date. The held-out set is never read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

from thaw.data.bundle import load_bundled_measures
from thaw.data.events import load_bundled_events
from thaw.events.model import Event
from thaw.measures.model import Measure
from thaw.news.ingest import Article, _dated, content_id, redate
from thaw.news.page import body
from thaw.news.pubdate import page_date

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "tests" / "news"
SHARED = ROOT.parent / "shared" / "news"
_CUT = ("dateline", "date line", "byline")


def undated(text: str) -> str:
    """``text`` with its datelines, date lines and bylines cut out (blank lines left)."""
    chars = list(text)
    for a, b, why in body(text).dropped:
        if why in _CUT:
            chars[a:b] = " " * (b - a)
    out = "".join(chars)
    for _ in range(10):  # what the publication-date stage still reads off the page
        found = page_date(out)
        if found is None:
            break
        lines = out.split("\n")
        hit = [i for i, ln in enumerate(lines) if found.evidence[:40] in ln.strip()]
        if not hit:
            break
        lines[hit[0]] = ""
        out = "\n".join(lines)
    return out


def _manifest(folder: Path) -> dict[str, str]:
    path = folder / "MANIFEST.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["file"]: (r.get("published") or "").strip() for r in csv.DictReader(fh)}


def corpus() -> list[tuple[str, str, dt.date, bool]]:
    """(name, text, true date, truly undated) of every development article."""
    folders = [NEWS / "real" / "dev", *sorted(NEWS.glob("articles*"))]
    if SHARED.exists():
        folders.append(SHARED)
    out = []
    for folder in folders:
        for name, published in sorted(_manifest(folder).items()):
            path = folder / name
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            if published:
                out.append(
                    (
                        f"{folder.name}/{name}",
                        undated(text),
                        dt.date.fromisoformat(published),
                        False,
                    )
                )
                continue
            gold = folder / "gold" / (path.stem + ".json")
            if gold.exists():
                true = json.loads(gold.read_text(encoding="utf-8")).get("published")
                if true:
                    out.append((f"{folder.name}/{name}", text, dt.date.fromisoformat(true), True))
    return out


def infer(
    text: str, events: list[Event], measures: list[Measure]
) -> tuple[dt.date | None, str, str]:
    """The ingest path with no date given: (date, basis, evidence)."""
    art = Article(article_id=content_id(text), text=text, **_dated(text, None, events))
    art = redate(art, measures, events)
    return art.published, art.published_basis, art.published_evidence or ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", action="store_true", help="one row per article")
    args = ap.parse_args()
    events, measures = load_bundled_events(), load_bundled_measures()
    results: dict[str, list[int | None]] = {"real pages": [], "synthetic rounds": []}
    undated_rows: list[str] = []
    for name, text, true, truly in corpus():
        got, basis, evidence = infer(text, events, measures)
        err = None if got is None else abs((got - true).days)
        part = "synthetic rounds" if name.startswith("articles") else "real pages"
        results[part].append(err)
        line = f"{'*' if truly else ' '} {name}: true {true} got {got} ({basis}) err {err}"
        if truly:
            undated_rows.append(line)
        if args.rows:
            print(line + f"\n      {evidence[:300]}")
    results["all"] = results["real pages"] + results["synthetic rounds"]
    for part, errs in results.items():
        print(_summary(part, errs))
    print("truly undated dev articles:")
    for line in undated_rows:
        print(line)
    sys.stdout.flush()


def _summary(part: str, errs: list[int | None]) -> str:
    n = len(errs)
    known = [e for e in errs if e is not None]
    within = sum(1 for e in known if e <= 7)
    line = f"{part}: articles {n}  within 7 days {within / n:.2f} ({within})"
    line += f"  no date {(n - len(known)) / n:.2f} ({n - len(known)})"
    if known:
        line += f"  error days median {statistics.median(known):g} max {max(known)}"
    return line


if __name__ == "__main__":
    main()
