"""Trade-cost coefficients by PPML with exporter and importer fixed effects (structural gravity).

``trade_ij = exp(pi_i + chi_j + b'x_ij) + e_ij`` estimated by Poisson pseudo-maximum likelihood
(Santos Silva & Tenreyro 2006) with pyfixest's ``fepois``, whose point estimates match Stata's
``ppmlhdfe``. Standard errors: heteroskedasticity-robust, with the small-sample factor
``n / (n - 1)`` that ``ppmlhdfe`` uses (pyfixest's own default also counts the fixed effects), so
that they reproduce ``ppmlhdfe``'s numbers. The fixed effects absorb output, expenditure and the
multilateral resistances; the GE model uses ``b`` only, through ``T_ij = exp(b'x_ij)``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from thaw.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PPMLEstimate:
    """Coefficients ``coef`` (by variable), their covariance ``vcov`` (rows and columns in
    ``names`` order) and the estimation sample size."""

    names: tuple[str, ...]
    coef: FloatArray
    vcov: FloatArray
    nobs: int

    @property
    def std_error(self) -> FloatArray:
        return np.asarray(np.sqrt(np.diag(self.vcov)), dtype=np.float64)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"variable": self.names, "coefficient": self.coef, "std_error": self.std_error}
        )


def estimate_ppml(
    frame: pd.DataFrame,
    variables: list[str],
    *,
    trade: str = "trade",
    exporter: str = "exporter",
    importer: str = "importer",
) -> PPMLEstimate:
    """PPML of ``trade`` on ``variables`` with exporter and importer fixed effects."""
    missing = [c for c in (trade, exporter, importer, *variables) if c not in frame.columns]
    if missing:
        raise ModelInputError(f"the gravity data lack column(s) {', '.join(missing)}")
    if not variables:
        raise ModelInputError("give at least one trade-cost variable to estimate")
    bad = [v for v in variables if not all(ch.isalnum() or ch == "_" for ch in v)]
    if bad:
        raise ModelInputError(f"variable names must be letters, digits and _: {bad}")
    if (frame[trade] < 0).any() or frame[trade].isna().any():
        raise ModelInputError(f"'{trade}' must be >= 0 and present for every pair")
    import pyfixest as pf

    data = frame[[trade, exporter, importer, *variables]].rename(
        columns={trade: "_trade", exporter: "_exporter", importer: "_importer"}
    )
    formula = f"_trade ~ {' + '.join(variables)} | _exporter + _importer"
    with warnings.catch_warnings():
        # pyfixest's own use of pandas raises deprecation warnings: not the user's concern
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        fit = pf.fepois(formula, data=data, vcov="hetero", ssc=pf.ssc(k_adj=False))
    names = tuple(str(v) for v in fit.coef().index)
    if set(names) != set(variables):
        dropped = sorted(set(variables) - set(names))
        raise ModelInputError(
            f"PPML dropped {dropped} (collinear with the fixed effects?): remove them"
        )
    n = int(fit._N)
    vcov = np.asarray(fit._vcov, dtype=np.float64) * n / (n - 1)
    order = [names.index(v) for v in variables]
    return PPMLEstimate(
        names=tuple(variables),
        coef=np.asarray(fit.coef().to_numpy(), dtype=np.float64)[order],
        vcov=vcov[np.ix_(order, order)],
        nobs=n,
    )
