"""Benchmark: Monte Carlo throughput on the dispute's market structure.

Builds the PE dataset from the bundled C$ market data (thaw/data/bundled/pe_markets_cad.csv:
canola seed, meal and oil, peas, pork, lobster, EVs; 19 flows) with tariffs from the bundled
register (baseline 2025-09-01, scenario 2026-03-15: the January 2026 arrangement as implemented),
the EV quota left out, and runs 1,000 draws with each multi-market model on Dask's local threaded
scheduler. It reports seconds only: the elasticities here are PLACEHOLDERS (WITS SMART defaults
and a unit import demand elasticity), not sourced values, so the welfare numbers it would produce
are not results (see docs/elasticities.md).

    python bench/mc_draws.py --draws 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import pandas as pd

from thaw.data.bundle import bundle_dir, load_bundled_measures
from thaw.scenarios.dataset import ElasticityDefaults, PEDataset
from thaw.scenarios.register import flow_tariffs
from thaw.scenarios.run import run_pe


def dataset() -> PEDataset:
    markets = pd.read_csv(bundle_dir() / "pe_markets_cad.csv", dtype={"product": str})
    flows = markets[["product", "exporter", "importer", "value"]].copy()
    measures = load_bundled_measures()
    flows["tariff0"] = flow_tariffs(measures, flows, dt.date(2025, 9, 1))
    flows["tariff1"] = flow_tariffs(measures, flows, dt.date(2026, 3, 15))
    el = pd.DataFrame(columns=["product", "economy", "sigma", "import_demand", "export_supply"])
    return PEDataset(
        flows=flows,
        elasticities=el,
        currency="CAD",
        defaults=ElasticityDefaults(1.5, -1.0, 99.0, "placeholders for timing"),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=1000)
    args = ap.parse_args()
    ds = dataset()
    print(f"{len(ds.flows)} flows in {len(ds.products)} products, {len(ds.economies)} economies")
    for model in ("gsim", "armington"):
        t = time.perf_counter()
        r = run_pe(ds, model=model, draws=args.draws, seed=1)
        print(
            f"{model:>9}: {args.draws} draws in {time.perf_counter() - t:.2f} s "
            f"({r.diagnostics.get('draws_failed', 0)} failed)"
        )


if __name__ == "__main__":
    main()
