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

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from thaw.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


_INDEX = frozenset({"product", "exporter", "importer", "n_products", "n_regions"})
#: Cached properties of PEProblem and the fields they are computed from.
_CACHE_INPUTS: dict[str, frozenset[str]] = {
    "_unique_flows": _INDEX,
    "_markets": _INDEX,
    "_suppliers": _INDEX,
    "blocks": _INDEX,
    "internal_value0": _INDEX | {"value", "tariff0"},
    "expenditure0": _INDEX | {"value", "tariff0"},
    "theta0": _INDEX | {"value", "tariff0"},
    "sales0": _INDEX | {"value"},
    "share0": _INDEX | {"value"},
    "sigma_m": _INDEX | {"sigma"},
    "import_demand_m": _INDEX | {"import_demand"},
    "sigma_f": _INDEX | {"sigma"},
    "coupling_f": _INDEX | {"sigma", "import_demand"},
    "export_supply_s": _INDEX | {"export_supply"},
}


def segment_sum(values: FloatArray, keys: IntArray, n: int) -> FloatArray:
    """Sum ``values`` by integer ``keys`` in ``0..n-1`` (vectorised ``groupby().sum()``)."""
    return np.bincount(keys, weights=values, minlength=n).astype(np.float64, copy=False)


#: Key spaces of up to this many entries per flow (plus 2**16) are indexed with a dense lookup
#: table, in linear time, rather than sorted: 4 for the int64 position table of
#: :func:`sorted_index` (32 bytes a flow), 32 for the bit table of :func:`has_duplicates`.
_DENSE_KEYS_PER_FLOW = 4


def _dense_ok(size: int, n: int, per_flow: int = _DENSE_KEYS_PER_FLOW) -> bool:
    return size <= per_flow * n + (1 << 16)


def sorted_index(keys: IntArray, size: int) -> tuple[IntArray, IntArray]:
    """``np.unique(keys, return_inverse=True)`` for integer keys in ``0..size-1``: the sorted
    distinct keys and each key's position among them. Linear time through a lookup table of
    ``size`` entries when that is small against ``keys`` (the markets and suppliers of a world:
    ``n_products * n_regions`` keys for millions of flows), else a sort."""
    if not _dense_ok(size, keys.size):
        uniq, inverse = np.unique(keys, return_inverse=True)
        return np.asarray(uniq, np.int64), np.asarray(inverse, np.int64).reshape(-1)
    present = np.zeros(size, dtype=bool)
    present[keys] = True
    uniq = np.flatnonzero(present)
    lookup = np.empty(size, dtype=np.int64)
    lookup[uniq] = np.arange(uniq.size)
    return uniq.astype(np.int64, copy=False), lookup[keys]


def has_duplicates(keys: IntArray, size: int) -> bool:
    """Whether integer ``keys`` in ``0..size-1`` repeat: one pass when they are increasing (data
    sorted by product, exporter, importer), a bit table when ``size`` is small enough, else a
    sort."""
    if keys.size < 2 or bool(np.all(keys[1:] > keys[:-1])):
        return False
    if _dense_ok(size, keys.size, 8 * _DENSE_KEYS_PER_FLOW):
        seen = np.zeros(size, dtype=bool)
        seen[keys] = True
        return int(np.count_nonzero(seen)) != keys.size
    ordered = np.sort(keys)
    return bool(np.any(ordered[1:] == ordered[:-1]))


#: Products with more suppliers than this are solved iteratively (GMRES), not block by block.
BLOCK_MAX = 512
#: Entries of the dense (suppliers x markets) arrays of one chunk of products.
_CHUNK_ENTRIES = 1 << 21


class BlockLayout(NamedTuple):
    """Where each flow sits in dense per-product blocks, for direct solves of the market-clearing
    Jacobian (block diagonal: one block per product). Products are taken in order of their
    number of suppliers and grouped in chunks of ``count`` products padded to ``S`` suppliers
    and ``M`` markets (``chunk_shape[c] = (count, S, M)``). The flows of chunk ``c`` are
    ``perm[chunk_flows[c]:chunk_flows[c + 1]]``; ``idx_a``/``idx_b`` give each (permuted) flow's
    flat position in the chunk's ``(count, S, M)`` and ``(count, M, S)`` arrays; ``slots[
    chunk_slots[c]:chunk_slots[c + 1]]`` the supplier in each of the chunk's ``count * S``
    rows (-1 for padding). No chunks (``chunk_shape`` of shape (0, 3)) when a product has more
    than :data:`BLOCK_MAX` suppliers."""

    perm: IntArray
    idx_a: IntArray
    idx_b: IntArray
    chunk_flows: IntArray
    chunk_shape: IntArray
    slots: IntArray
    chunk_slots: IntArray


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
        # every (product, importer) and (product, exporter) a flow uses, once each
        sigma_m, e_m, e_x = self.sigma_m, self.import_demand_m, self.export_supply_s
        if np.any(~(sigma_m > 0)) or np.any(~np.isfinite(sigma_m)):
            raise ModelInputError("substitution elasticities (sigma) must be finite and > 0")
        if np.any(~(e_m <= 0)) or np.any(~np.isfinite(e_m)):
            raise ModelInputError(
                "import demand elasticities (E_m) must be finite and <= 0 (e.g. -1.5)"
            )
        if np.any(~(e_x > 0)):
            raise ModelInputError("export supply elasticities (E_x) must be > 0 (inf allowed)")
        if not self._unique_flows:
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
        names = [f.name for f in fields(self)]
        unknown = sorted(changes.keys() - set(names))
        if unknown:
            raise TypeError(f"PEProblem has no field(s) {', '.join(unknown)}")
        new = object.__new__(type(self))
        for name in names:
            object.__setattr__(new, name, changes.get(name, getattr(self, name)))
        # reused structures go in before validation, which then needs not rebuild them
        for name, inputs in _CACHE_INPUTS.items():
            if name in self.__dict__ and not inputs & changes.keys():
                new.__dict__[name] = self.__dict__[name]
        new.__post_init__()
        return new

    # -- derived index structures (cached; the problem is immutable) ------------------------
    @cached_property
    def _unique_flows(self) -> bool:
        """No (product, exporter, importer) appears twice (checked once per index)."""
        n_r = self.n_regions
        keys = self.market * n_r + self.exporter  # (market, exporter) names a flow
        return not has_duplicates(keys, self.n_markets * n_r)

    @cached_property
    def _markets(self) -> tuple[IntArray, IntArray]:
        size = self.n_products * self.n_regions
        return sorted_index(self.product * self.n_regions + self.importer, size)

    @cached_property
    def _suppliers(self) -> tuple[IntArray, IntArray]:
        size = self.n_products * self.n_regions
        return sorted_index(self.product * self.n_regions + self.exporter, size)

    @cached_property
    def blocks(self) -> BlockLayout:
        """The flows' places in dense per-product blocks (:class:`BlockLayout`)."""
        return _block_layout(self)

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
    def sigma_f(self) -> FloatArray:
        """sigma of each flow's market, ``(n,)``."""
        return self.sigma_m[self.market]

    @cached_property
    def coupling_f(self) -> FloatArray:
        """``sigma + E_m`` of each flow's market, ``(n,)`` (the weight of the price index in
        the flow's demand)."""
        return (self.sigma_m + self.import_demand_m)[self.market]

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


def _block_layout(problem: PEProblem) -> BlockLayout:
    n_p, n_r = problem.n_products, problem.n_regions
    products = np.arange(n_p + 1) * n_r
    sup_start = np.searchsorted(problem.supplier_keys, products)  # suppliers sorted by product
    mkt_start = np.searchsorted(problem.market_keys, products)
    n_sup, n_mkt = np.diff(sup_start), np.diff(mkt_start)
    empty = np.zeros(0, np.int64)
    if int(n_sup.max()) > BLOCK_MAX:
        return BlockLayout(empty, empty, empty, empty, np.zeros((0, 3), np.int64), empty, empty)
    # products by number of suppliers, so that a chunk pads little; greedy chunks
    order = np.argsort(n_sup, kind="stable")
    order = order[n_sup[order] > 0]
    chunk_of = np.zeros(n_p, np.int64)
    pos_of = np.zeros(n_p, np.int64)
    shapes: list[tuple[int, int, int]] = []
    start = 0
    while start < order.size:
        stop, s_max, m_max = start, 0, 0
        while stop < order.size:
            s_new = max(s_max, int(n_sup[order[stop]]))
            m_new = max(m_max, int(n_mkt[order[stop]]))
            if stop > start and (stop - start + 1) * s_new * m_new > _CHUNK_ENTRIES:
                break
            s_max, m_max, stop = s_new, m_new, stop + 1
        chunk_of[order[start:stop]] = len(shapes)
        pos_of[order[start:stop]] = np.arange(stop - start)
        shapes.append((stop - start, s_max, m_max))
        start = stop
    shape = np.array(shapes, dtype=np.int64).reshape(-1, 3)
    flow_chunk = chunk_of[problem.product]
    kind = np.int16 if shape.shape[0] < 2**15 else np.int64  # int16: a radix sort
    perm = np.argsort(flow_chunk.astype(kind), kind="stable")
    chunk_flows = np.searchsorted(flow_chunk[perm], np.arange(shape.shape[0] + 1))
    # flat positions (k * S + s_loc) * M + m_loc and (k * M + m_loc) * S + s_loc, written as
    # supplier * M + market + a per-product offset (s_loc, m_loc: places within the product)
    s_pad, m_pad = shape[chunk_of, 1], shape[chunk_of, 2]
    off_a = (pos_of * s_pad - sup_start[:-1]) * m_pad - mkt_start[:-1]
    off_b = (pos_of * m_pad - mkt_start[:-1]) * s_pad - sup_start[:-1]
    prod = problem.product[perm]
    sup, mkt = problem.supplier[perm], problem.market[perm]
    idx_a = sup * m_pad[prod]
    idx_a += mkt
    idx_a += off_a[prod]
    idx_b = mkt * s_pad[prod]
    idx_b += sup
    idx_b += off_b[prod]
    slot_parts = []
    for c, (count, s_max, _) in enumerate(shapes):
        members = order[chunk_of[order] == c]
        rows = np.full((count, s_max), -1, dtype=np.int64)
        local = np.arange(s_max)
        filled = local[None, :] < n_sup[members][:, None]
        rows[filled] = (sup_start[members][:, None] + local[None, :])[filled]
        slot_parts.append(rows.reshape(-1))
    chunk_slots = np.concatenate([[0], np.cumsum(shape[:, 0] * shape[:, 1])]).astype(np.int64)
    return BlockLayout(
        perm=perm.astype(np.int64, copy=False),
        idx_a=idx_a,
        idx_b=idx_b,
        chunk_flows=chunk_flows.astype(np.int64),
        chunk_shape=shape,
        slots=np.concatenate(slot_parts),
        chunk_slots=chunk_slots,
    )
