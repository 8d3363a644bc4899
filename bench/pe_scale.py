"""Benchmark: GSIM and the exact model on a synthetic BACI-shaped world.

World: ``--products`` HS6 products x ``--economies`` economies. Each product has a random set of
active exporters (10 to 70, about 40 on average) and each ships to a random share of importers
(15-40%), giving about 11 million non-zero flows at the defaults (5.5% of all pairs), as in a year
of BACI. Values are log-normal; baseline tariffs uniform on [0, 20%]; the scenario adds 10 points
on every flow from economy 0 (a broad retaliation). Elasticities: sigma U[1.5, 6],
E_m U[-2, -0.5], E_x U[1, 10]. Fixed seed (20261123).

Prints seconds and peak memory (RSS of this process) for GSIM and the exact model on the whole
world, and the ratio against a plain per-product ``scipy.optimize.root`` loop on the exact model's
dense equations, measured in the same run on a sample of products and scaled to the world.
The exact model is timed twice: ``cold``, on a fresh problem (its validation, which indexes
markets and suppliers, timed apart), so that the solve includes building the product blocks and
per-flow constants, and ``warm``, on the problem GSIM has already solved (all of those cached),
as in earlier runs.

    python bench/pe_scale.py                      # 5,000 x 200, ~11M flows
    python bench/pe_scale.py --products 500       # smaller
    python bench/pe_scale.py --scipy-sample 0     # the solvers only
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import numpy as np
from scipy.optimize import root

from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem

SEED = 20261123


def world_flows(
    n_products: int, n_econ: int, rng: np.random.Generator, max_exporters: int = 71
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A synthetic world's flows as (product, exporter, importer) positions: each product has
    10 to ``max_exporters`` - 1 exporters, each reaching a random share of importers (about 27%
    on average); no economy trades with itself."""
    prods, exps, imps = [], [], []
    for p in range(n_products):
        k = int(rng.integers(10, max_exporters))
        exporters = rng.choice(n_econ, size=k, replace=False)
        reach = rng.random((k, n_econ)) < rng.uniform(0.15, 0.40)
        e_idx, i_idx = np.nonzero(reach)
        prods.append(np.full(e_idx.size, p))
        exps.append(exporters[e_idx])
        imps.append(i_idx)
    product = np.concatenate(prods)
    exporter = np.concatenate(exps)
    importer = np.concatenate(imps)
    keep = exporter != importer
    return product[keep], exporter[keep], importer[keep]


def make_world(n_products: int, n_econ: int, rng: np.random.Generator) -> PEProblem:
    product, exporter, importer = world_flows(n_products, n_econ, rng)
    n = product.size
    t0 = rng.uniform(0, 0.2, n)
    t1 = t0 + np.where(exporter == 0, 0.10, 0.0)
    return PEProblem.build(
        product=product,
        exporter=exporter,
        importer=importer,
        value=rng.lognormal(2.0, 2.0, n),
        tariff0=t0,
        tariff1=t1,
        sigma=rng.uniform(1.5, 6, (n_products, n_econ)),
        import_demand=-rng.uniform(0.5, 2.0, (n_products, n_econ)),
        export_supply=rng.uniform(1, 10, (n_products, n_econ)),
        n_products=n_products,
        n_regions=n_econ,
    )


def scipy_product(problem: PEProblem, p: int) -> np.ndarray:
    """The exact model for one product with scipy.optimize.root on dense equations."""
    sel = problem.product == p
    e, i, v = problem.exporter[sel], problem.importer[sel], problem.value[sel]
    t0, t1 = problem.tariff0[sel], problem.tariff1[sel]
    exporters, e_pos = np.unique(e, return_inverse=True)
    markets, m_pos = np.unique(i, return_inverse=True)
    sig = problem.sigma[p, markets][m_pos]
    em = problem.import_demand[p, markets][m_pos]
    ex = problem.export_supply[p, exporters]
    spend0 = v * (1 + t0)
    theta = spend0 / np.bincount(m_pos, weights=spend0)[m_pos]
    sales0 = np.bincount(e_pos, weights=v)

    def excess(logp: np.ndarray) -> np.ndarray:
        rho = (1 + t1) / (1 + t0) * np.exp(logp[e_pos])
        idx = np.bincount(m_pos, weights=theta * rho ** (1 - sig))[m_pos] ** (1 / (1 - sig))
        q = v * rho**-sig * idx ** (sig + em)
        return np.log(np.bincount(e_pos, weights=q)) - np.log(sales0) - ex * logp

    sol = root(excess, np.zeros(exporters.size), method="hybr")
    x: np.ndarray = np.asarray(sol.x)
    return x


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--economies", type=int, default=200)
    ap.add_argument("--scipy-sample", type=int, default=20)
    args = ap.parse_args()
    rng = np.random.default_rng(SEED)
    t = time.perf_counter()
    world = make_world(args.products, args.economies, rng)
    print(
        f"world: {args.products:,} products x {args.economies} economies, "
        f"{world.value.size:,} flows (built in {time.perf_counter() - t:.1f} s); "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    fields: tuple[str, ...] = ("product", "exporter", "importer", "value", "tariff0", "tariff1")
    fields += ("sigma", "import_demand", "export_supply", "n_products", "n_regions")
    t = time.perf_counter()
    fresh = PEProblem(**{name: getattr(world, name) for name in fields})
    t_check = time.perf_counter() - t
    t = time.perf_counter()
    cold = solve_armington(fresh)
    t_cold = time.perf_counter() - t
    print(
        f"exact, cold: {t_cold:6.1f} s (a fresh problem, validated in {t_check:.1f} s: the solve "
        "builds the product blocks and per-flow constants), "
        f"{cold.iterations} Newton steps, max residual {cold.max_residual:.1e}, "
        f"peak RSS so far {peak_gib():.2f} GiB"
    )
    del fresh, cold

    t = time.perf_counter()
    g = solve_gsim(world)
    t_gsim = time.perf_counter() - t
    print(
        f"GSIM:  {t_gsim:6.1f} s, {g.iterations} linear-solver iterations (1: a direct solve), "
        f"max residual {g.max_residual:.1e}, peak RSS so far {peak_gib():.2f} GiB"
    )
    t = time.perf_counter()
    a = solve_armington(world)
    t_exact = time.perf_counter() - t
    print(
        f"exact, warm (after GSIM): {t_exact:6.1f} s, {a.iterations} Newton steps, "
        f"max residual {a.max_residual:.1e}, peak RSS so far {peak_gib():.2f} GiB"
    )

    if args.scipy_sample <= 0:
        return
    sample = rng.choice(args.products, size=min(args.scipy_sample, args.products), replace=False)
    t = time.perf_counter()
    worst = 0.0
    keys = world.supplier_keys
    for p in sample:
        x = scipy_product(world, int(p))
        ours = np.log1p(a.world_price_change[keys // world.n_regions == p])
        worst = max(worst, float(np.max(np.abs(ours - x))))
    per_product = (time.perf_counter() - t) / sample.size
    t_scipy = per_product * args.products
    print(
        f"scipy.optimize.root loop: {per_product * 1000:.0f} ms per product on "
        f"{sample.size} sampled products -> {t_scipy:,.0f} s for the world "
        f"(agreement with thaw's exact solve: max |log p| gap {worst:.1e})"
    )
    print(
        f"ratio scipy loop / thaw exact: {t_scipy / t_exact:.1f}x; "
        f"scipy loop / thaw GSIM: {t_scipy / t_gsim:.1f}x; peak RSS {peak_gib():.2f} GiB"
    )


if __name__ == "__main__":
    main()
