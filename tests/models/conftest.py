"""Small PE worlds for model tests, and an independent dense reference of the exact model."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import root

from thaw.models.problem import PEProblem


def random_world(
    seed: int,
    n_products: int = 2,
    n_regions: int = 4,
    shock: float = 0.02,
    base_tariff: float = 0.1,
    domestic: bool = True,
) -> dict[str, Any]:
    """All bilateral pairs (and domestic shipments) of a random world; tariffs change by
    ``shock`` times a uniform(-1, 1) draw on each international flow."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(n_products):
        for e in range(n_regions):
            for i in range(n_regions):
                if e == i and not domestic:
                    continue
                t0 = 0.0 if e == i else rng.uniform(0, base_tariff)
                t1 = 0.0 if e == i else max(0.0, t0 + shock * rng.uniform(-1, 1))
                rows.append((p, e, i, rng.uniform(1, 100), t0, t1))
    arr = np.array(rows)
    return {
        "product": arr[:, 0].astype(int),
        "exporter": arr[:, 1].astype(int),
        "importer": arr[:, 2].astype(int),
        "value": arr[:, 3],
        "tariff0": arr[:, 4],
        "tariff1": arr[:, 5],
        "sigma": rng.uniform(1.5, 6, (n_products, n_regions)),
        "import_demand": -rng.uniform(0.3, 2.5, (n_products, n_regions)),
        "export_supply": rng.uniform(0.5, 10, (n_products, n_regions)),
    }


def dense_exact_reference(problem: PEProblem) -> np.ndarray:
    """World price ratios p*1/p*0 of the exact model, solved product by product with SciPy's
    root finder on the equations written out densely (a separate code path from thaw's)."""
    out = np.ones((problem.n_products, problem.n_regions))
    for p in range(problem.n_products):
        sel = problem.product == p
        e, i, v = problem.exporter[sel], problem.importer[sel], problem.value[sel]
        t0, t1 = problem.tariff0[sel], problem.tariff1[sel]
        exporters = np.unique(e)

        def excess(
            logp: np.ndarray, e=e, i=i, v=v, t0=t0, t1=t1, exporters=exporters, p=p
        ) -> np.ndarray:
            price = dict(zip(exporters, np.exp(logp), strict=True))
            demand = dict.fromkeys(exporters, 0.0)
            for m in np.unique(i):
                fl = np.flatnonzero(i == m)
                sig, em = problem.sigma[p, m], problem.import_demand[p, m]
                spend0 = v[fl] * (1 + t0[fl])
                theta = spend0 / spend0.sum()
                rho = (1 + t1[fl]) / (1 + t0[fl]) * np.array([price[x] for x in e[fl]])
                index = (theta @ rho ** (1 - sig)) ** (1 / (1 - sig))
                for k, f in enumerate(fl):
                    demand[e[f]] += v[f] * rho[k] ** -sig * index ** (sig + em)
            return np.array(
                [
                    np.log(demand[x])
                    - np.log(v[e == x].sum())
                    - problem.export_supply[p, x] * np.log(price[x])
                    for x in exporters
                ]
            )

        sol = root(excess, np.zeros(exporters.size), method="hybr", tol=1e-13)
        assert np.max(np.abs(excess(sol.x))) < 1e-11, sol.message
        out[p, exporters] = np.exp(sol.x)
    return out
