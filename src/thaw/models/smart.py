"""SMART: the World Bank WITS single-market partial-equilibrium model.

One importing market, one product, imports from partners k that are imperfect substitutes
(Armington), as described by Jammes & Olarreaga (2005), "Explaining SMART and GSIM" (World Bank),
and the WITS online help (SMART > Presentation; SMART > Results). Inputs follow WITS: import
values M_k (world prices normalised to 1, so values are quantities), tariffs before and after, a
product-level import demand elasticity ``E_m`` (< 0), a substitution elasticity ``sigma``
(WITS default 1.5) and an export supply elasticity ``E_x`` common to all partners (WITS default
99, i.e. nearly fixed world prices).

The effects, each derived from those assumptions (thaw's derivation; the closed forms are tested
against hand-worked cases in ``tests/models/test_smart.py``):

* **Price effect**: with supply ``E_x`` and demand ``E_m``, partner k's world price moves by
  ``p*^_k = E_m t^_k / (E_x - E_m)``, ``t^_k = (t1_k - t0_k) / (1 + t0_k)``.
* **Trade creation** (the change in k's exports from the change in its own delivered price at
  unchanged relative prices): ``TC_k = M_k E_m t^_k E_x / (E_x - E_m)``, i.e.
  ``E_m (t^_k + p*^_k) M_k``.
* **Trade diversion** (reallocation between partners, total imports held fixed): partners whose
  delivered price falls relative to the import-weighted average of the others are beneficiaries.
  A beneficiary's gain follows from the arc definition of the substitution elasticity over its
  import ratio with the rest: ``TD_k = M_k M_o sigma x_k / (M_k + M_o + M_k sigma x_k)``, with
  ``M_o`` the other partners' imports and ``x_k`` the fall in k's relative price. The gains are
  taken from the other partners in proportion to their imports, so diversion nets to zero in the
  market and never exceeds existing trade (both properties stated in the WITS help).
* **Tariff revenue** ``TR1 - TR0 = sum t1 M1 - sum t0 M0`` (world-price bases).
* **Consumer surplus** in the importing market and **producer surplus** of each partner, by
  triangle approximations around each partner's price change, as in GSIM.

Two welfare figures, not to be confused:

* thaw's importer welfare (:attr:`SmartSolution.welfare_importer`, and ``welfare`` in thaw's
  results): consumer surplus plus the change in tariff revenue, the partners' producer surplus
  reported on their side;
* **WITS's "welfare"** (:func:`wits_welfare`, the ``wits_welfare`` column): the deadweight-loss
  triangle of each partner's tariff change, ``W = sum_k 1/2 |t1_k - t0_k| |dM_k|``, signed a
  gain where the tariff falls and a loss where it rises, with ``dM_k`` the change in imports
  from k (``trade_total``, quantities at world prices 1). This is the figure the WITS online
  help describes (SMART > Presentation, "Tariff revenue, consumer surplus and welfare": the
  reduction of the dead-weight loss when a tariff is cut from t0 to t1; WITS calls it welfare
  or, improperly, consumer surplus) and Jammes & Olarreaga (2005) explain. It leaves out the
  rectangle ``t1 dM`` on the existing tariff and every terms-of-trade effect, so it differs
  from thaw's welfare whenever the new tariff is not zero or world prices move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from thaw.errors import InfeasibleSolutionError, ModelInputError
from thaw.models.problem import FloatArray

WITS_SUBSTITUTION_ELASTICITY = 1.5
WITS_EXPORT_SUPPLY_ELASTICITY = 99.0


@dataclass(frozen=True, slots=True, eq=False)
class SmartSolution:
    """SMART effects per partner ``(k,)`` (money in the units of the import values) and totals.

    ``trade_total = trade_creation + trade_diversion``; ``price_effect`` is the change of each
    partner's world price (fraction); ``value1`` is the new import value at world prices.
    """

    trade_creation: FloatArray
    trade_diversion: FloatArray
    trade_total: FloatArray
    price_effect: FloatArray
    value1: FloatArray
    tariff_revenue0: float
    tariff_revenue1: float
    consumer_surplus: float
    producer_surplus: FloatArray

    @property
    def welfare_importer(self) -> float:
        """Importing market: consumer surplus plus the change in tariff revenue."""
        return self.consumer_surplus + self.tariff_revenue1 - self.tariff_revenue0

    def wits_welfare(self, tariff0: npt.ArrayLike, tariff1: npt.ArrayLike) -> float:
        """WITS's SMART welfare figure for these tariffs (see :func:`wits_welfare`)."""
        return float(wits_welfare(tariff0, tariff1, self.trade_total).sum())


def wits_welfare(
    tariff0: npt.ArrayLike, tariff1: npt.ArrayLike, import_change: npt.ArrayLike
) -> FloatArray:
    """WITS's SMART "welfare" per partner: ``1/2 |t1 - t0| |dM|``, positive (a gain) where the
    tariff falls, negative where it rises (module docstring). Tariffs as fractions; ``dM`` the
    change in imports (quantities, world prices 1)."""
    t0 = np.asarray(tariff0, dtype=np.float64)
    t1 = np.asarray(tariff1, dtype=np.float64)
    dm = np.asarray(import_change, dtype=np.float64)
    out: FloatArray = 0.5 * np.sign(t0 - t1) * np.abs(t1 - t0) * np.abs(dm)
    return out


def solve_smart(
    imports: npt.ArrayLike,
    tariff0: npt.ArrayLike,
    tariff1: npt.ArrayLike,
    *,
    import_demand: float,
    sigma: float = WITS_SUBSTITUTION_ELASTICITY,
    export_supply: float = WITS_EXPORT_SUPPLY_ELASTICITY,
) -> SmartSolution:
    """SMART for one importer and one product (closed forms; see the module docstring).

    ``imports``: baseline values by partner (> 0); tariffs as fractions (0.25 = 25%).
    """
    m = np.asarray(imports, dtype=np.float64)
    t0 = np.asarray(tariff0, dtype=np.float64)
    t1 = np.asarray(tariff1, dtype=np.float64)
    if m.ndim != 1 or m.shape != t0.shape or m.shape != t1.shape or m.size == 0:
        raise ModelInputError("imports, tariff0 and tariff1 must be 1-D arrays of equal length")
    if np.any(~(m > 0)) or np.any(t0 < 0) or np.any(t1 < 0):
        raise ModelInputError("imports must be > 0 and tariffs >= 0")
    if not import_demand < 0:
        raise ModelInputError(f"import_demand must be < 0 (e.g. -1.5); got {import_demand}")
    if not sigma > 0 or not export_supply > 0:
        raise ModelInputError("sigma and export_supply must be > 0")
    e_m, e_x = import_demand, export_supply
    t_hat = (t1 - t0) / (1.0 + t0)
    finite = np.isfinite(e_x)
    pass_through = e_x / (e_x - e_m) if finite else 1.0
    price_effect = e_m * t_hat / (e_x - e_m) if finite else np.zeros_like(t_hat)
    creation = m * e_m * t_hat * pass_through
    # delivered price relative to baseline, and diversion among partners
    rel = (1.0 + t_hat) * (1.0 + price_effect)
    diversion = np.zeros_like(m)
    if m.size > 1:
        total = m.sum()
        others = total - m
        avg_others = (m * rel).sum() - m * rel
        x = 1.0 - rel / (avg_others / others)  # fall of k's price relative to the others
        gain = np.where(x > 0, m * others * sigma * x / (m + others + m * sigma * x), 0.0)
        losers = x <= 0
        g = gain.sum()
        if g > 0 and losers.any():
            pool = m[losers].sum()
            diversion[losers] = -g * m[losers] / pool
            diversion += gain
    total_effect = creation + diversion
    value1 = (m + total_effect) * (1.0 + price_effect)
    if np.any(m + total_effect < 0):
        raise InfeasibleSolutionError(
            "SMART's closed forms give negative imports for this shock (a linear approximation); "
            "use the exact Armington model (model = 'armington') for shocks this large"
        )
    internal_change = rel - 1.0
    spend0 = m * (1.0 + t0)
    d_qty = total_effect
    consumer = float(-(spend0 * internal_change + 0.5 * d_qty * (1.0 + t0) * internal_change).sum())
    producer = m * price_effect + 0.5 * d_qty * price_effect
    return SmartSolution(
        trade_creation=creation,
        trade_diversion=diversion,
        trade_total=total_effect,
        price_effect=price_effect,
        value1=value1,
        tariff_revenue0=float((t0 * m).sum()),
        tariff_revenue1=float((t1 * value1).sum()),
        consumer_surplus=consumer,
        producer_surplus=producer,
    )
