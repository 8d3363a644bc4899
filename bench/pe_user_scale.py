"""Benchmark: a user's own world HS6 flows file through the whole ``thaw simulate`` path.

Writes a synthetic world (``--products`` HS6 products x ``--economies`` ISO economies, seeded:
each product has 10-70 active exporters each reaching 15-40% of importers, about 5.5% of all
pairs, so 500 x 200 gives about 1.1 million flows, as a year of BACI for 500 products) as a CSV
(or Parquet) flows file, an elasticities file (one sigma and E_m row per product) and a scenario
TOML (``[elasticities.defaults]`` for the rest; the scenario adds 10 points on every flow from
the first economy), all in a temporary folder. Then, in a fresh process per repeat, it times
every stage of the user path, as ``thaw simulate`` runs it:

  read      the flows and elasticities files (``pd.read_csv`` / ``read_parquet``)
  validate  :class:`PEDataset` (economy codes, values, duplicates, elasticity grids)
  build     the rest of ``build_dataset`` (scope, elasticity rows, quotas)
  solve     ``run_pe``: problem arrays, solver, labelled result
  terminal  ``render_result`` (the default output; lines printed are counted)
  json      ``--json`` (what it prints, to a file here)
  out       ``--out DIR`` (tables, charts, result.json)

and prints seconds per stage (median and min-max over ``--repeats`` runs) and the peak RSS of
the process (``resource.getrusage``). With ``--cli`` each repeat also runs the command itself,
``thaw simulate world.toml --out DIR`` (start-up, imports and all), timing its wall clock and
peak RSS (``os.wait4``).

    python bench/pe_user_scale.py                         # 1.1M flows (500 x 200), gsim
    python bench/pe_user_scale.py --flows 11000000        # ~11M flows (5,000 x 200)
    python bench/pe_user_scale.py --products 50 --model armington --stages terminal,out
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pe_scale import world_flows as world_positions  # the solver-only bench's world

SEED = 20261204
STAGES = ("read", "validate", "build", "solve", "terminal", "json", "out")


def world_flows(n_products: int, n_econ: int, seed: int = SEED) -> pd.DataFrame:
    """A labelled synthetic world: HS6 codes (with leading zeros) x ISO alpha-3 economies."""
    import pycountry

    rng = np.random.default_rng(seed)
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    if n_econ > len(codes):
        raise SystemExit(f"at most {len(codes)} economies")
    econ = np.array(codes[:n_econ])
    hs = np.array(
        [f"{x:06d}" for x in np.sort(rng.choice(np.arange(10100, 970000), n_products, False))]
    )
    product, exporter, importer = world_positions(n_products, n_econ, rng, min(71, n_econ))
    n = product.size
    t0 = np.round(rng.uniform(0, 20, n), 2)
    t1 = t0 + np.where(exporter == 0, 10.0, 0.0)
    return pd.DataFrame(
        {
            "product": hs[product],
            "exporter": econ[exporter],
            "importer": econ[importer],
            "value": np.round(rng.lognormal(2.0, 2.0, n), 4) + 1e-3,
            "tariff0": t0,
            "tariff1": t1,
        }
    )


def write_world(folder: Path, n_products: int, n_econ: int, model: str, fmt: str) -> Path:
    flows = world_flows(n_products, n_econ)
    rng = np.random.default_rng(SEED + 1)
    products = np.unique(flows["product"].to_numpy())
    elasticities = pd.DataFrame(
        {
            "product": products,
            "economy": "*",
            "sigma": np.round(rng.uniform(1.5, 6, products.size), 3),
            "import_demand": np.round(rng.uniform(-2, -0.5, products.size), 3),
        }
    )
    name = f"flows.{fmt}"
    if fmt == "csv":
        flows.to_csv(folder / name, index=False)
    else:
        flows.to_parquet(folder / name, index=False)
    elasticities.to_csv(folder / "elasticities.csv", index=False)
    toml = folder / "world.toml"
    toml.write_text(
        f"""[scenario]
name = "Synthetic world {n_products} x {n_econ}"
description = "bench/pe_user_scale.py: {len(flows)} flows"
model = "{model}"

[data]
flows = "{name}"
currency = "USD"
value_unit = "thousand"

[elasticities]
file = "elasticities.csv"

[elasticities.defaults]
sigma = 3.0
import_demand = -1.0
export_supply = 5.0
source = "bench/pe_user_scale.py (synthetic)"
""",
        encoding="utf-8",
    )
    print(f"wrote {len(flows):,} flows ({n_products} x {n_econ}) to {folder / name}", flush=True)
    return toml


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(toml: Path, stages: tuple[str, ...]) -> dict[str, Any]:
    """One run of the user path in this process: seconds per stage and peak RSS."""
    # the bench times what the command does, so it imports the CLI's renderers
    from thaw.cli import _common  # noqa: TID251
    from thaw.cli._render import render_result, write_outputs  # noqa: TID251
    from thaw.scenarios.pe import load
    from thaw.scenarios.pe.run import run_pe

    times = dict.fromkeys(STAGES, 0.0)
    real_read, real_dataset = load._read_table, load.PEDataset

    def timed(stage: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                times[stage] += time.perf_counter() - t

        return wrapper

    load._read_table = timed("read", real_read)  # type: ignore[assignment]
    load.PEDataset = timed("validate", real_dataset)  # type: ignore[misc]
    start = time.perf_counter()
    spec, folder = load.load_scenario(toml)
    dataset = load.build_dataset(spec, folder)
    times["build"] = time.perf_counter() - start - times["read"] - times["validate"]
    t = time.perf_counter()
    result = run_pe(dataset, model=spec.scenario.model, scenario=spec.scenario.name)
    times["solve"] = time.perf_counter() - t
    peak: dict[str, float] = {"solve": _peak_mib()}
    lines = json_bytes = 0
    tmp = Path(tempfile.mkdtemp(prefix="thaw-user-out-"))
    if "terminal" in stages:
        t = time.perf_counter()
        with open(tmp / "terminal.txt", "w", encoding="utf-8") as fh:
            saved = _common.out.file
            _common.out.file = fh
            try:
                render_result(result)
            finally:
                _common.out.file = saved
        times["terminal"] = time.perf_counter() - t
        lines = len((tmp / "terminal.txt").read_text(encoding="utf-8").splitlines())
        peak["terminal"] = _peak_mib()
    if "json" in stages:
        t = time.perf_counter()
        with (
            open(tmp / "stdout.json", "w", encoding="utf-8") as fh,
            contextlib.redirect_stdout(fh),
        ):
            from thaw.cli import _render  # noqa: TID251

            if hasattr(_render, "print_result_json"):  # bounded --json (after issue 17)
                _render.print_result_json(result)
            else:
                _common.print_json(result.to_dict())
        times["json"] = time.perf_counter() - t
        json_bytes = (tmp / "stdout.json").stat().st_size
        peak["json"] = _peak_mib()
    if "out" in stages:
        t = time.perf_counter()
        write_outputs(result, tmp / "out")
        times["out"] = time.perf_counter() - t
        peak["out"] = _peak_mib()
    return {
        "flows": len(result.flows),
        "times": times,
        "total": sum(times.values()),
        "peak_mib": _peak_mib(),
        "peak_after": peak,
        "terminal_lines": lines,
        "json_bytes": json_bytes,
        "out_dir": str(tmp),
    }


def cli_run(toml: Path, timeout: float) -> tuple[float, float] | None:
    """Wall seconds and peak RSS (MiB) of ``thaw simulate TOML --out DIR`` as a user runs it."""
    thaw = Path(sys.executable).with_name("thaw")
    out_dir = Path(tempfile.mkdtemp(prefix="thaw-user-cli-"))
    t = time.perf_counter()
    with open(out_dir / "terminal.txt", "wb") as fh:
        proc = subprocess.Popen(
            [str(thaw), "simulate", str(toml), "--out", str(out_dir)], stdout=fh
        )
        deadline = t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                proc.wait()
                return None
            time.sleep(0.05)
    if status != 0:
        raise SystemExit(f"thaw simulate failed ({status})")
    seconds = time.perf_counter() - t
    shutil.rmtree(out_dir, ignore_errors=True)
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--products", type=int, default=None, help="default: from --flows")
    ap.add_argument("--economies", type=int, default=200)
    ap.add_argument("--flows", type=int, default=1_100_000, help="approximate; sets --products")
    ap.add_argument("--model", default="gsim", choices=("gsim", "armington", "smart"))
    ap.add_argument("--format", default="csv", choices=("csv", "parquet"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--stages", default="terminal,json,out", help="outputs to time")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run")
    ap.add_argument("--cli", action="store_true", help="also time `thaw simulate --out`")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    stages = tuple(s for s in args.stages.split(",") if s)
    if args.worker is not None:
        print(json.dumps(worker(args.worker, stages)))
        return
    # ~5.5% of the 200 x 200 pairs per product -> about 2,200 flows a product
    products = args.products or max(1, round(args.flows / (0.055 * args.economies**2)))
    folder = Path(tempfile.mkdtemp(prefix="thaw-user-scale-"))
    toml = write_world(folder, products, args.economies, args.model, args.format)
    runs = []
    for i in range(args.repeats):
        cmd = [sys.executable, __file__, "--worker", str(toml), "--stages", ",".join(stages)]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=args.timeout, check=True
            )
        except subprocess.TimeoutExpired:
            print(f"run {i + 1}: did not finish in {args.timeout:.0f} s", flush=True)
            continue
        except subprocess.CalledProcessError as exc:
            print(exc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(1) from None
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        shutil.rmtree(r["out_dir"], ignore_errors=True)
        if args.cli:
            r["cli"] = cli_run(toml, args.timeout)
        runs.append(r)
        print(
            f"run {i + 1}: {r['total']:.1f} s, peak RSS {r['peak_mib'] / 1024:.2f} GiB "
            f"({', '.join(f'{k} {v:.2f}' for k, v in r['times'].items() if v)}); "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
    shutil.rmtree(folder, ignore_errors=True)
    if not runs:
        return
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    print(
        f"\n{runs[0]['flows']:,} flows ({products} products x {args.economies} economies), "
        f"model {args.model}, {args.format}; {len(runs)} runs; {cpu}, {os.cpu_count()} cores"
    )
    print(f"{'stage':<10}{'median s':>10}{'min':>9}{'max':>9}")
    for stage in (*STAGES, "total"):
        xs = [r["total"] if stage == "total" else r["times"][stage] for r in runs]
        if not any(xs):
            continue
        print(f"{stage:<10}{statistics.median(xs):>10.2f}{min(xs):>9.2f}{max(xs):>9.2f}")
    cli = [r["cli"] for r in runs if r.get("cli")]
    if cli:
        secs = [c[0] for c in cli]
        mem = [c[1] / 1024 for c in cli]
        print(
            f"thaw simulate --out (whole command): median {statistics.median(secs):.2f} s "
            f"({min(secs):.2f}-{max(secs):.2f}), peak RSS {statistics.median(mem):.2f} GiB "
            f"({min(mem):.2f}-{max(mem):.2f})"
        )
    peaks = [r["peak_mib"] / 1024 for r in runs]
    print(
        f"peak RSS GiB: median {statistics.median(peaks):.2f} ({min(peaks):.2f}-{max(peaks):.2f})"
    )
    print(f"terminal lines: {runs[0]['terminal_lines']:,}; --json bytes: {runs[0]['json_bytes']:,}")


if __name__ == "__main__":
    main()
