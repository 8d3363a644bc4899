"""Benchmark: the GE solver on 200 economies x 50 sectors (2 million sector-pairs).

Synthetic world, fixed seed: economies on a plane (log distance from random coordinates), a
border dummy, output and expenditure log-normal by economy and sector; trade costs
``T = exp(-0.8 ln dist - 2.5 border)``. Solves the baseline, then a counterfactual in which one
economy puts a 25% tariff on another's goods in every sector and a group of ten removes the
border among themselves; prints seconds and peak memory for each, and the residuals. Baseline
for the ratio, measured in the same run: the same solves sector by sector in a Python loop.

    python bench/ge_scale.py [--economies 200 --sectors 50]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np

from thaw.models.ge import solve_baseline, solve_counterfactual


def world(n: int, s: int, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 100, (n, 2))
    dist = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) + 1.0
    border = 1.0 - np.eye(n)
    cost = np.exp(-0.8 * np.log(dist) - 2.5 * border)
    size = rng.lognormal(0, 1.5, n)
    sector = rng.lognormal(0, 0.7, (s, n))
    output = size[None] * sector
    expenditure = size[None] * sector * rng.lognormal(0, 0.1, (s, n))
    free = border.copy()
    free[np.ix_(range(10), range(10))] = 0.0
    cost1 = np.exp(-0.8 * np.log(dist) - 2.5 * free)
    tau1 = np.ones((s, n, n))
    tau1[:, 1, 0] = 1.25
    return {
        "cost": np.broadcast_to(cost, (s, n, n)).copy(),
        "cost1": np.broadcast_to(cost1, (s, n, n)).copy(),
        "tau1": tau1,
        "output": output,
        "expenditure": expenditure,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--economies", type=int, default=200)
    ap.add_argument("--sectors", type=int, default=50)
    args = ap.parse_args()
    w = world(args.economies, args.sectors)
    t = time.perf_counter()
    base = solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0)
    t_base = time.perf_counter() - t
    t = time.perf_counter()
    full = solve_counterfactual(base, w["cost1"], w["tau1"])
    t_full = time.perf_counter() - t
    tracemalloc.start()  # a second run for the peak memory (tracing slows numpy down)
    solve_counterfactual(
        solve_baseline(w["cost"], w["output"], w["expenditure"], 5.0, 0), w["cost1"], w["tau1"]
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{args.economies} economies x {args.sectors} sectors: baseline {t_base:.2f} s "
        f"({base.state.iterations} Newton steps, residual {base.state.max_residual:.1e}); "
        f"full GE counterfactual {t_full:.2f} s ({full.iterations} steps, residual "
        f"{full.max_residual:.1e}); together {t_base + t_full:.2f} s, peak {peak / 2**30:.2f} GiB"
    )
    t = time.perf_counter()
    for k in range(args.sectors):
        sl = slice(k, k + 1)
        b = solve_baseline(w["cost"][sl], w["output"][sl], w["expenditure"][sl], 5.0, 0)
        solve_counterfactual(b, w["cost1"][sl], w["tau1"][sl])
    t_loop = time.perf_counter() - t
    print(
        f"sector-by-sector loop: {t_loop:.2f} s ({t_loop / (t_base + t_full):.1f}x the batched "
        f"solve); lowest factory-gate price {full.price.min():.4f}"
    )


if __name__ == "__main__":
    main()
