"""Dev-only: run USITC gegravity's documented example and store its numbers for thaw's tests.

The example (gegravity examples/examples_OneSectorGE.py): the 30-country 2006 sample, sigma 5,
reference importer DEU, the published PPML coefficients, and a Canada-Japan PTA (pta = 1 both
ways). Writes tests/models/data/gegravity_can_jpn_pta.csv: per country the baseline, conditional
and experiment multilateral resistances and gegravity's reported changes. Needs gegravity
(``pip install gegravity==0.3``, the ``bench`` extra) and ../shared beside the checkout.

    python bench/gegravity_reference.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "gegravity_sample_2006.csv"
OUT = ROOT / "tests" / "models" / "data" / "gegravity_can_jpn_pta.csv"
COEFFICIENTS = ROOT / "tests" / "models" / "data" / "gegravity_published_coefficients.csv"


def published() -> dict[str, tuple[float, float]]:
    """gegravity's published ppmlhdfe coefficients and robust s.e. (examples_OneSectorGE.py)."""
    c = pd.read_csv(COEFFICIENTS)
    return {
        str(v): (float(b), float(s))
        for v, b, s in zip(c["variable"], c["coefficient"], c["std_error"], strict=True)
    }


def gegravity_model(data: pd.DataFrame, coef: dict[str, tuple[float, float]], sigma: float) -> Any:
    """A gegravity OneSectorGE on ``data`` with costs ``coef`` (variable: (beta, s.e.))."""
    import gegravity as ge

    ests = pd.DataFrame(
        [(k, b, s) for k, (b, s) in coef.items()], columns=["var", "beta", "stderr"]
    )
    baseline = ge.BaselineData(
        data,
        imp_var_name="importer",
        exp_var_name="exporter",
        year_var_name="year",
        trade_var_name="trade",
        expend_var_name="E",
        output_var_name="Y",
    )
    costs = ge.CostCoeffs(
        estimates=ests, identifier_col="var", coeff_col="beta", stderr_col="stderr"
    )
    return ge.OneSectorGE(
        baseline=baseline,
        cost_coeff_values=costs,
        cost_variables=list(coef),
        year="2006",
        reference_importer="DEU",
        sigma=sigma,
        quiet=True,
    )


def main() -> None:
    data = pd.read_csv(DATA)
    data["constant"] = 1
    model = gegravity_model(data, published(), 5.0)
    model.build_baseline(omr_rescale=1)
    experiment = model.baseline_data.copy()
    for exp, imp in (("CAN", "JPN"), ("JPN", "CAN")):
        experiment.loc[(experiment.exporter == exp) & (experiment.importer == imp), "pta"] = 1
    model.define_experiment(experiment)
    model.simulate()
    out = model.country_mr_terms.join(model.country_results)
    out.index.name = "country"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(OUT, float_format="%.12g")
    print(f"wrote {OUT} ({len(out)} countries)")


if __name__ == "__main__":
    main()
