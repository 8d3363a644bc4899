"""Benchmark: 1,000 Monte Carlo draws of each bundled dispute scenario.

Runs the four bundled scenarios (``thaw scenarios``: dispute-2025, both-lift, arrangement-2026,
escalation; 21 flows each, bundled elasticities drawn over their sourced ranges) with the exact
Armington model, and prints seconds per scenario and in all. Baselines measured in the same run:
Dask's threaded scheduler instead of the default for small problems, and the iterative (GMRES)
linear solver instead of the dense direct one.

    python bench/mc_draws.py --draws 1000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from thaw.api import _using
from thaw.models import _linear
from thaw.scenarios.pe.dataset import PEDataset
from thaw.scenarios.pe.load import build_dataset, load_scenario
from thaw.scenarios.pe.run import run_pe

NAMES = ("dispute-2025", "both-lift", "arrangement-2026", "escalation")


def datasets(db: Path) -> dict[str, tuple[PEDataset, str]]:
    out = {}
    with _using(None, db) as store:
        measures = store.measures()
        for name in NAMES:
            spec, folder = load_scenario(name)
            out[name] = (build_dataset(spec, folder, measures), spec.scenario.model)
    return out


def timed(ds: PEDataset, model: str, draws: int, scheduler: str | None = None) -> float:
    t = time.perf_counter()
    r = run_pe(ds, model=model, draws=draws, seed=1, scheduler=scheduler)
    assert r.diagnostics["draws_failed"] == 0
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sets = datasets(Path(tmp) / "thaw.duckdb")
    total = {"default": 0.0, "threads": 0.0, "gmres": 0.0}
    for name, (ds, model) in sets.items():
        t_default = timed(ds, model, args.draws)
        t_threads = timed(ds, model, args.draws, "threads")
        old = _linear.DENSE_MAX
        _linear.DENSE_MAX = 0
        try:
            t_gmres = timed(ds, model, args.draws)
        finally:
            _linear.DENSE_MAX = old
        total["default"] += t_default
        total["threads"] += t_threads
        total["gmres"] += t_gmres
        print(
            f"{name:>17}: {len(ds.flows)} flows, {args.draws} draws ({model}) in "
            f"{t_default:.2f} s; threaded scheduler {t_threads:.2f} s "
            f"({t_threads / t_default:.1f}x); GMRES solver {t_gmres:.2f} s "
            f"({t_gmres / t_default:.1f}x)"
        )
    print(
        f"{'all four':>17}: {total['default']:.2f} s; threaded {total['threads']:.2f} s; "
        f"GMRES {total['gmres']:.2f} s"
    )


if __name__ == "__main__":
    main()
