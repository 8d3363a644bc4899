"""Where GSIM and the exact Armington model part ways: one taxed source among three.

A market buys from three sources (values 50, 30, 120; sigma 4, E_m -1.2, E_x 3 for every
exporter). The tariff on the first source rises from 0 to ``t``; the script solves both models for
t = 0..150% and plots the change of the taxed flow. GSIM is the first-order approximation of the
exact model: the two agree for small shocks and diverge as the shock grows; from about 70 points
GSIM would imply negative trade and thaw refuses to report it. Writes docs/figures/gsim_vs_exact.png
and prints the table.

    python bench/gsim_vs_exact.py
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from thaw.errors import InfeasibleSolutionError
from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem


def main() -> None:
    rates = np.linspace(0, 1.5, 31)
    exact, linear = [], []
    for t in rates:
        prob = PEProblem.build(
            product=[0, 0, 0],
            exporter=[0, 1, 2],
            importer=[3, 3, 3],
            value=[50.0, 30.0, 120.0],
            tariff0=[0.0, 0.0, 0.0],
            tariff1=[t, 0.0, 0.0],
            sigma=4.0,
            import_demand=-1.2,
            export_supply=3.0,
        )
        exact.append(100 * solve_armington(prob).quantity_change[0])
        try:
            linear.append(100 * solve_gsim(prob).quantity_change[0])
        except InfeasibleSolutionError:
            linear.append(np.nan)
    print(f"{'tariff %':>9} {'exact %':>9} {'GSIM %':>9}")
    for t, e, g in zip(rates, exact, linear, strict=True):
        print(f"{100 * t:9.0f} {e:9.1f} {g:9.1f}")
    fig, ax = plt.subplots(figsize=(7, 4), dpi=120)
    ax.plot(100 * rates, exact, label="exact Armington (levels)", color="#1f4e79")
    ax.plot(
        100 * rates, linear, label="GSIM (proportional change)", color="#b22222", linestyle="--"
    )
    ax.axhline(-100, color="#777", linewidth=0.8)
    ax.set_xlabel("new tariff on the taxed source, %")
    ax.set_ylabel("change in the taxed flow, %")
    ax.set_title("GSIM vs the exact model (sigma 4, E_m -1.2, E_x 3)", fontsize=10)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(__file__).resolve().parents[1] / "docs" / "figures" / "gsim_vs_exact.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
