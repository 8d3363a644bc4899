"""PPML with exporter and importer fixed effects against published ppmlhdfe estimates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thaw.errors import ModelInputError
from thaw.models.ppml import estimate_ppml

PUBLISHED = pd.read_csv(
    Path(__file__).parent / "data" / "gegravity_published_coefficients.csv", index_col="variable"
).drop(index="constant")


def test_matches_ppmlhdfe_coefficients_and_robust_errors(shared: Path) -> None:
    data = pd.read_csv(shared / "data" / "gegravity_sample_2006.csv")
    est = estimate_ppml(data, list(PUBLISHED.index))
    coef = PUBLISHED["coefficient"].to_numpy()
    se = PUBLISHED["std_error"].to_numpy()
    # published to 6 decimals (half a unit: 5e-7), and the solvers' tolerances differ by ~1e-7
    np.testing.assert_allclose(est.coef, coef, rtol=0, atol=6e-7)
    np.testing.assert_allclose(est.std_error, se, rtol=2e-5)
    assert est.nobs == 900 and list(est.to_frame()["variable"]) == list(PUBLISHED.index)


def test_bad_inputs() -> None:
    frame = pd.DataFrame(
        {"exporter": ["A", "B"], "importer": ["B", "A"], "trade": [1.0, -2.0], "d": [1.0, 2.0]}
    )
    with pytest.raises(ModelInputError, match=">= 0"):
        estimate_ppml(frame, ["d"])
    with pytest.raises(ModelInputError, match="lack column"):
        estimate_ppml(frame, ["distance"])
