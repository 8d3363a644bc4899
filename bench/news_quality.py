"""Quality of the news extractor under the one convention (``thaw-news-gold/2``; span overlap,
register units), per corpus, with counts and Wilson 95% intervals.

    python bench/news_quality.py              # development sets: real-page dev, shared, rounds
    python bench/news_quality.py --heldout    # and the held-out real-page set (report only;
                                              # never tune on what it prints)
    python bench/news_quality.py --errors dev # the missed and false items of one set

Sets: ``dev`` (tests/news/real/dev), ``shared`` (the three real articles in ../shared/news,
gold in tests/news/real/shared-gold), ``rounds`` (the synthetic rounds tests/news/articles* with
gold converted to the convention in tests/news/dev*), ``heldout`` (tests/news/real/heldout,
scored once on 2026-12-04), ``heldout2`` (tests/news/real/heldout2, written after that and not
yet scored: score it once, at the end of the next round, with ``--detail heldout2``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thaw.news.evaluate import GOLD_VIEWS, GoldReport, score_gold

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "tests" / "news"
SHARED = ROOT.parent / "shared" / "news"
ROUNDS = [("articles", "dev2")] + [(f"articles{n}", f"dev{n + 1}") for n in range(2, 11)]


def _merge(total: GoldReport, part: GoldReport) -> None:
    total.articles += part.articles
    for k, c in part.views.items():
        total.views[k].add(c)
    for k, (hits, n) in part.attributes.items():
        t = total.attributes.setdefault(k, [0, 0])
        t[0] += hits
        t[1] += n
    total.published += part.published
    total.errors += part.errors


def score_set(name: str) -> GoldReport:
    """The report of one named set (see the module docstring)."""
    if name == "dev":
        return score_gold(NEWS / "real" / "dev")
    if name.startswith("heldout"):  # heldout (scored once, 2026-12-04), heldout2 (unscored)
        return score_gold(NEWS / "real" / name)
    if name == "shared":
        if not SHARED.exists():
            raise SystemExit(f"{SHARED} is absent: the shared set needs ../shared beside the repo")
        return score_gold(SHARED, NEWS / "real" / "shared-gold")
    if name == "rounds":
        total = GoldReport()
        for articles, gold in ROUNDS:
            _merge(total, score_gold(NEWS / articles, NEWS / gold))
        return total
    raise SystemExit(f"unknown set {name!r}: use dev, shared, rounds, heldout or heldout2")


def _row(name: str, r: GoldReport) -> str:
    cells = []
    for v in GOLD_VIEWS:
        c = r.views[v]
        cells.append(f"{c.precision:.2f} / {c.recall:.2f} ({c.tp + c.fn})")
    acc = r.attributes.get("imposer and target", [0, 0])
    who = f"{acc[0] / acc[1]:.2f} ({acc[1]})" if acc[1] else "-"
    return f"| {name} | {r.articles} | " + " | ".join(cells) + f" | {who} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="also score the held-out set")
    ap.add_argument("--errors", metavar="SET", help="print the missed and false items of SET")
    ap.add_argument("--detail", metavar="SET", help="print one set's full summary")
    args = ap.parse_args()
    if args.errors:
        for e in score_set(args.errors).errors:
            print(f"## {e['article']}")
            for m in e["missed"]:
                print(f"  missed {m}")
            for f in e["false"]:
                print(f"  false  {f}")
        return
    if args.detail:
        print(score_set(args.detail).summary())
        return
    sets = ["dev", "shared", "rounds"] + (["heldout"] if args.heldout else [])
    print("P / R (gold items) per view; imposer and target accuracy over matched measures")
    print("| set | articles | " + " | ".join(GOLD_VIEWS) + " | imposer+target |")
    print("|" + "---|" * (3 + len(GOLD_VIEWS)))
    for s in sets:
        print(_row(s, score_set(s)))


if __name__ == "__main__":
    main()
