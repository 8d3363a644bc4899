"""The partial-equilibrium problem: sparse bilateral flows of many products, with elasticities.

Notation (Francois & Hall 2003; the same symbols in every PE model here):

* flow ``f`` = (product p, exporter r, importer v), ``n`` flows in all; domestic shipments are
  flows with r == v and zero tariff;
* ``value``: baseline value at world (exporter) prices, any currency unit, > 0;
* ``tariff0``, ``tariff1``: ad valorem tariff as a fraction (0.25 = 25%) before and after;
* ``sigma[p, v]``: elasticity of substitution between sources in market (p, v) (E_s, > 0);
* ``import_demand[p, v]``: composite import demand elasticity (E_m, <= 0);
* ``export_supply[p, r]``: export supply elasticity of exporter r (E_x, > 0; ``inf`` = fixed
  world price).

Baseline world prices are normalised to 1, so baseline quantities equal baseline values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from thaw.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


_INDEX = frozenset({"product", "exporter", "importer", "n_products", "n_regions"})
#: Cached properties of PEProblem and the fields they are computed from.
_CACHE_INPUTS: dict[str, frozenset[str]] = {
    "_markets": _INDEX,
    "_suppliers": _INDEX,
    "internal_value0": _INDEX | {"value", "tariff0"},
    "expenditure0": _INDEX | {"value", "tariff0"},
    "theta0": _INDEX | {"value", "tariff0"},
    "sales0": _INDEX | {"value"},
    "share0": _INDEX | {"value"},
    "sigma_m": _INDEX | {"sigma"},
    "import_demand_m": _INDEX | {"import_demand"},
    "export_supply_s": _INDEX | {"export_supply"},
}


def segment_sum(values: FloatArray, keys: IntArray, n: int) -> FloatArray:
    """Sum ``values`` by integer ``keys`` in ``0..n-1`` (vectorised ``groupby().sum()``)."""
    return np.bincount(keys, weights=values, minlength=n).astype(np.float64, copy=False)


@dataclass(frozen=True, eq=False)
class PEProblem:
    """Validated inputs of a multi-market PE model. Shapes: flows ``(n,)``; elasticities
    ``(n_products, n_regions)``. Invariants are checked at construction."""

    product: IntArray
    exporter: IntArray
    importer: IntArray
    value: FloatArray
    tariff0: FloatArray
    tariff1: FloatArray
    sigma: FloatArray
    import_demand: FloatArray
    export_supply: FloatArray
    n_products: int = field(default=0)
    n_regions: int = field(default=0)

    def __post_init__(self) -> None:
        n = self.value.shape[0]
        for name in ("product", "exporter", "importer", "tariff0", "tariff1"):
            arr = getattr(self, name)
            if arr.shape != (n,):
                raise ModelInputError(f"{name} has shape {arr.shape}; expected ({n},) like value")
        if n == 0:
            raise ModelInputError("no flows: give at least one positive baseline flow")
        if not np.all(np.isfinite(self.value)) or np.any(self.value <= 0):
            raise ModelInputError("baseline values must be finite and > 0 (drop zero flows)")
        for name in ("tariff0", "tariff1"):
            arr = getattr(self, name)
            if not np.all(np.isfinite(arr)) or np.any(arr < 0):
                raise ModelInputError(f"{name} must be finite fractions >= 0 (0.25 = 25%)")
        shape = (self.n_products, self.n_regions)
        for name in ("sigma", "import_demand", "export_supply"):
            arr = getattr(self, name)
            if arr.shape != shape:
                raise ModelInputError(f"{name} has shape {arr.shape}; expected {shape}")
        if (
            self.product.min() < 0
            or self.product.max() >= self.n_products
            or min(self.exporter.min(), self.importer.min()) < 0
            or max(self.exporter.max(), self.importer.max()) >= self.n_regions
        ):
            raise ModelInputError("product or region index out of range")
        used_m = (self.product, self.importer)
        used_x = (self.product, self.exporter)
        if np.any(~(self.sigma[used_m] > 0)) or np.any(~np.isfinite(self.sigma[used_m])):
            raise ModelInputError("substitution elasticities (sigma) must be finite and > 0")
        if np.any(~(self.import_demand[used_m] <= 0)) or np.any(
            ~np.isfinite(self.import_demand[used_m])
        ):
            raise ModelInputError(
                "import demand elasticities (E_m) must be finite and <= 0 (e.g. -1.5)"
            )
        if np.any(~(self.export_supply[used_x] > 0)):
            raise ModelInputError("export supply elasticities (E_x) must be > 0 (inf allowed)")
        keys = (self.product * self.n_regions + self.exporter) * self.n_regions + self.importer
        if np.unique(keys).size != n:
            raise ModelInputError("a (product, exporter, importer) flow appears more than once")

    @classmethod
    def build(
        cls,
        *,
        product: npt.ArrayLike,
        exporter: npt.ArrayLike,
        importer: npt.ArrayLike,
        value: npt.ArrayLike,
        tariff0: npt.ArrayLike,
        tariff1: npt.ArrayLike,
        sigma: npt.ArrayLike,
        import_demand: npt.ArrayLike,
        export_supply: npt.ArrayLike,
        n_products: int | None = None,
        n_regions: int | None = None,
    ) -> PEProblem:
        """Coerce array-likes; scalar elasticities broadcast to every (product, region)."""
        prod = np.asarray(product, dtype=np.int64)
        exp = np.asarray(exporter, dtype=np.int64)
        imp = np.asarray(importer, dtype=np.int64)
        n_p = int(prod.max()) + 1 if n_products is None else n_products
        n_r = int(max(exp.max(), imp.max())) + 1 if n_regions is None else n_regions

        def grid(x: npt.ArrayLike) -> FloatArray:
            return np.broadcast_to(np.asarray(x, dtype=np.float64), (n_p, n_r)).copy()

        return cls(
            product=prod,
            exporter=exp,
            importer=imp,
            value=np.asarray(value, dtype=np.float64),
            tariff0=np.asarray(tariff0, dtype=np.float64),
            tariff1=np.asarray(tariff1, dtype=np.float64),
            sigma=grid(sigma),
            import_demand=grid(import_demand),
            export_supply=grid(export_supply),
            n_products=n_p,
            n_regions=n_r,
        )

    def replace(self, **changes: object) -> PEProblem:
        """A validated copy with some fields changed, reusing every cached structure whose
        inputs did not change (index structures survive changes of tariffs or elasticities)."""
        import dataclasses

        new = dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        for name, inputs in _CACHE_INPUTS.items():
            if name in self.__dict__ and not inputs & changes.keys():
                new.__dict__[name] = self.__dict__[name]
        return new

    # -- derived index structures (cached; the problem is immutable) ------------------------
    @cached_property
    def _markets(self) -> tuple[IntArray, IntArray]:
        keys, inverse = np.unique(
            self.product * self.n_regions + self.importer, return_inverse=True
        )
        return np.asarray(keys, np.int64), np.asarray(inverse, np.int64)

    @cached_property
    def _suppliers(self) -> tuple[IntArray, IntArray]:
        keys, inverse = np.unique(
            self.product * self.n_regions + self.exporter, return_inverse=True
        )
        return np.asarray(keys, np.int64), np.asarray(inverse, np.int64)

    @property
    def market(self) -> IntArray:
        """Index of the importing market (product, importer) of each flow, ``(n,)``."""
        return self._markets[1]

    @property
    def market_keys(self) -> IntArray:
        """Sorted keys ``product * n_regions + importer`` of the markets, ``(n_markets,)``."""
        return self._markets[0]

    @property
    def supplier(self) -> IntArray:
        """Index of the supplier (product, exporter) of each flow, ``(n,)``."""
        return self._suppliers[1]

    @property
    def supplier_keys(self) -> IntArray:
        """Sorted keys ``product * n_regions + exporter`` of the suppliers, ``(n_suppliers,)``."""
        return self._suppliers[0]

    @property
    def n_markets(self) -> int:
        return int(self.market_keys.size)

    @property
    def n_suppliers(self) -> int:
        return int(self.supplier_keys.size)

    @cached_property
    def sigma_m(self) -> FloatArray:
        """sigma of each market, ``(n_markets,)``."""
        k = self.market_keys
        return self.sigma[k // self.n_regions, k % self.n_regions]

    @cached_property
    def import_demand_m(self) -> FloatArray:
        k = self.market_keys
        return self.import_demand[k // self.n_regions, k % self.n_regions]

    @cached_property
    def export_supply_s(self) -> FloatArray:
        """E_x of each supplier, ``(n_suppliers,)``."""
        k = self.supplier_keys
        return self.export_supply[k // self.n_regions, k % self.n_regions]

    @cached_property
    def internal_value0(self) -> FloatArray:
        """Baseline value at internal (tariff-inclusive) prices, ``(n,)``."""
        return self.value * (1.0 + self.tariff0)

    @cached_property
    def expenditure0(self) -> FloatArray:
        """Baseline expenditure of each market at internal prices, ``(n_markets,)``."""
        return segment_sum(self.internal_value0, self.market, self.n_markets)

    @cached_property
    def theta0(self) -> FloatArray:
        """Baseline share of each flow in its market's expenditure (internal prices), ``(n,)``."""
        return self.internal_value0 / self.expenditure0[self.market]

    @cached_property
    def sales0(self) -> FloatArray:
        """Baseline sales of each supplier at world prices, ``(n_suppliers,)``."""
        return segment_sum(self.value, self.supplier, self.n_suppliers)

    @cached_property
    def share0(self) -> FloatArray:
        """Share of each flow in its supplier's sales (world prices), ``(n,)``."""
        return self.value / self.sales0[self.supplier]
