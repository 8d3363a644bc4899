"""Benchmark: stream a synthetic BACI-shaped file into a fresh store.

Generates ``--rows`` rows of (t, i, j, k, v, q) with a fixed seed over real ISO numeric codes
(pycountry) and 5,000 HS6 codes, writes the CSV, then times ``thaw.data.importers.import_baci``
and, in the same run, a baseline that loads the same file with DuckDB's own ``read_csv`` into a
plain table (no validation, no country mapping). Prints seconds, rows per second, peak memory of
the process and the ratio to the baseline.

    python bench/import_baci.py --rows 2000000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pycountry

from thaw.data.importers import import_baci
from thaw.data.store import Store


def make_file(path: Path, rows: int, seed: int = 20261123) -> None:
    rng = np.random.default_rng(seed)
    codes = np.array(sorted(int(c.numeric) for c in pycountry.countries))[:200]
    hs = rng.choice(np.arange(10101, 970600), size=5000, replace=False)
    i = rng.choice(codes, rows)
    j = rng.choice(codes, rows)
    j = np.where(i == j, codes[(np.searchsorted(codes, j) + 1) % len(codes)], j)
    k = rng.choice(hs, rows)
    v = np.round(rng.lognormal(3, 2, rows), 3)
    q = np.round(rng.lognormal(2, 2, rows), 3)
    with path.open("w") as f:
        f.write("t,i,j,k,v,q\n")
        for start in range(0, rows, 500_000):
            sl = slice(start, start + 500_000)
            lines = [
                f"2022,{a},{b},{c},{d},{e}"
                for a, b, c, d, e in zip(i[sl], j[sl], k[sl], v[sl], q[sl], strict=True)
            ]
            f.write("\n".join(lines) + "\n")


def _thaw_import(src: str, tmp: str) -> tuple[float, int, int, int]:
    path = Path(tmp) / "thaw.duckdb"
    con = duckdb.connect(str(path))
    store = Store(con, path)
    store.migrate()
    t0 = time.perf_counter()
    report = import_baci(store, src)
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed, report.rows_kept, report.rows_read, report.rows_rejected


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "BACI_HS17_Y2022_V202401.csv"
        make_file(src, args.rows)
        size = src.stat().st_size / 1e6

        con = duckdb.connect(str(Path(tmp) / "base.duckdb"))
        t0 = time.perf_counter()
        con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{src}')")
        baseline = time.perf_counter() - t0
        con.close()

        ctx = mp.get_context("spawn")
        with ctx.Pool(1) as pool:  # own process, so its peak memory is the import's alone
            elapsed, kept, read, rejected = pool.apply(_thaw_import, (str(src), tmp))

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"file: {args.rows:,} rows, {size:,.0f} MB")
    print(
        f"thaw import_baci: {elapsed:.2f} s, {kept / elapsed:,.0f} rows/s kept "
        f"({read:,} read, {rejected:,} rejected)"
    )
    print(f"baseline DuckDB read_csv (no validation): {baseline:.2f} s")
    print(
        f"ratio thaw / baseline: {elapsed / baseline:.1f}x; "
        f"peak RSS of the import process {peak:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
