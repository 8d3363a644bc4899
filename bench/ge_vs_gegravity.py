"""Benchmark: thaw's GE solver against USITC gegravity, in the same run, on the same data.

Cases: gegravity's 30-country sample (its documented CAN-JPN PTA, sigma 5, reference DEU,
published coefficients) and the Advanced Guide's 69-country "trade without borders" data (PPML
coefficients on log distance, contiguity and the border, sigma 7, reference DEU; the border is
removed). For each: seconds for the baseline, for a counterfactual, and per Monte Carlo trial
(baseline + counterfactual for new coefficients), the ratios, and the lowest factory-gate price
each reports. Needs ../shared beside the checkout; gegravity is optional (``pip install
gegravity==0.3``, the ``bench`` extra): without it only thaw's times are printed.

    python bench/ge_vs_gegravity.py
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from gegravity_reference import gegravity_model, published

from thaw.models.ge import solve_baseline, solve_counterfactual
from thaw.models.ppml import estimate_ppml

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def best(f: Any, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def thaw_case(
    data: pd.DataFrame, experiment: pd.DataFrame, coef: dict[str, float], sigma: float
) -> dict[str, float]:
    codes = sorted(data["exporter"].unique())
    pos = {c: i for i, c in enumerate(codes)}
    i = data["exporter"].map(pos).to_numpy()
    j = data["importer"].map(pos).to_numpy()
    n = len(codes)

    def cost(frame: pd.DataFrame, b: dict[str, float]) -> np.ndarray:
        m = np.zeros((1, n, n))
        m[0, i, j] = np.exp(sum(v * frame[k].to_numpy() for k, v in b.items()))
        return m

    out, exp_ = np.zeros((1, n)), np.zeros((1, n))
    out[0, i], exp_[0, j] = data["Y"], data["E"]
    ref = pos["DEU"]
    t0, t1 = cost(data, coef), cost(experiment, coef)
    base = solve_baseline(t0, out, exp_, sigma, ref)
    t_base = best(lambda: solve_baseline(t0, out, exp_, sigma, ref))
    t_cf = best(lambda: solve_counterfactual(base, t1))
    full = solve_counterfactual(base, t1)
    draws = 200
    rng = np.random.default_rng(0)
    coefs = [
        {k: v * (1 + 0.05 * rng.standard_normal()) for k, v in coef.items()} for _ in range(draws)
    ]
    t0s = np.concatenate([cost(data, c) for c in coefs])
    t1s = np.concatenate([cost(experiment, c) for c in coefs])
    outs, exps = np.repeat(out, draws, 0), np.repeat(exp_, draws, 0)

    def trials() -> None:
        b = solve_baseline(t0s, outs, exps, sigma, ref)
        solve_counterfactual(b, t1s)

    t_mc = best(trials, repeat=2) / draws
    return {
        "baseline": t_base,
        "counterfactual": t_cf,
        "trial": t_mc,
        "min_price": float(full.price.min()),
    }


def gegravity_case(
    data: pd.DataFrame,
    change: Callable[[pd.DataFrame], pd.DataFrame],
    coef: dict[str, tuple[float, float]],
    sigma: float,
) -> dict[str, float] | None:
    try:
        import gegravity  # noqa: F401
    except ImportError:
        return None
    warnings.simplefilter("ignore")

    def model() -> Any:
        return gegravity_model(data, coef, sigma)

    failed = []
    for factor in (1, 10, 100, 1000, 10_000, 0.1, 0.01, 0.001):  # gegravity needs a hand-tuned
        m = model()  # rescale factor for its outward resistances: try them in turn
        t = time.perf_counter()
        try:
            m.build_baseline(omr_rescale=factor)
        except ValueError:
            failed.append(factor)
            continue
        t_base = time.perf_counter() - t
        break
    else:
        print(f"  gegravity: no omr_rescale in {failed} solved the baseline")
        return None
    if failed:
        print(f"  gegravity: baseline failed with omr_rescale {failed}; solved with {factor}")
    m.define_experiment(change(m.baseline_data.copy()))
    t = time.perf_counter()
    m.simulate()
    t_cf = time.perf_counter() - t
    prices = m.country_results["factory gate price change (percent)"] / 100 + 1
    ok = m.solver_diagnostics.get("full_GE")
    return {
        "baseline": t_base,
        "counterfactual": t_cf,
        "trial": t_base + t_cf,
        "min_price": float(prices.min()),
        "success": float(bool(getattr(ok, "success", False))),
    }


def report(name: str, ours: dict[str, float], theirs: dict[str, float] | None) -> None:
    print(f"\n{name}")
    for key in ("baseline", "counterfactual", "trial"):
        line = f"  {key:>14}: thaw {ours[key] * 1000:8.2f} ms"
        if theirs:
            line += (
                f"   gegravity {theirs[key] * 1000:9.1f} ms   ratio {theirs[key] / ours[key]:7.0f}x"
            )
        print(line)
    line = f"  lowest factory-gate price: thaw {ours['min_price']:.4f}"
    if theirs:
        ok = bool(theirs["success"])
        line += f"; gegravity {theirs['min_price']:.4f} (its solver reports success: {ok})"
    print(line)


def main() -> None:
    sample = pd.read_csv(SHARED / "gegravity_sample_2006.csv").assign(constant=1.0)

    def pta(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        both = out.exporter.isin(["CAN", "JPN"]) & out.importer.isin(["CAN", "JPN"])
        out.loc[both & (out.exporter != out.importer), "pta"] = 1
        return out

    report(
        "gegravity sample, 30 countries, CAN-JPN PTA (sigma 5)",
        thaw_case(sample, pta(sample), {k: b for k, (b, _) in published().items()}, 5.0),
        gegravity_case(sample, pta, published(), 5.0),
    )
    ylmp = pd.read_csv(SHARED / "ylmp2016_ch2_trade_without_border_2006.csv")
    est = estimate_ppml(ylmp, ["ln_DIST", "CNTG", "INTL_BRDR"])
    coef = dict(zip(est.names, zip(est.coef, est.std_error, strict=True), strict=True))
    report(
        "Advanced Guide, 69 countries, trade without borders (sigma 7)",
        thaw_case(ylmp, ylmp.assign(INTL_BRDR=0), {k: b for k, (b, _) in coef.items()}, 7.0),
        gegravity_case(ylmp, lambda f: f.assign(INTL_BRDR=0), coef, 7.0),
    )


if __name__ == "__main__":
    main()
