"""A labelled PE dataset: flows of named products between named economies, with elasticities.

This is what a scenario hands to the models: tidy frames with labels, turned into the integer
arrays of :class:`~thaw.models.problem.PEProblem` by :meth:`PEDataset.to_problem` (and back by
the results). Tariffs are in percent here (as in the register), fractions in the models.
"""

from __future__ import annotations

import hashlib
import numbers
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from thaw.data.elasticities import range_problem
from thaw.economies import normalize_economy
from thaw.errors import ModelInputError
from thaw.models.problem import PEProblem
from thaw.models.quota import QuotaSpec

FLOW_COLUMNS = ("product", "exporter", "importer", "value", "tariff0", "tariff1")
PARAMETERS = ("sigma", "import_demand", "export_supply")
ELASTICITY_COLUMNS = ("product", "economy", *PARAMETERS)
WELFARE_CONVENTIONS = ("exact", "gsim")


@dataclass(frozen=True)
class ElasticityDefaults:
    """Values used where no (product, economy) row is given, with where they come from."""

    sigma: float
    import_demand: float
    export_supply: float
    source: str


@dataclass(frozen=True, eq=False)
class PEDataset:
    """Flows ``(product, exporter, importer, value, tariff0, tariff1)`` with tariffs in percent
    and values in ``currency`` units at world prices; elasticities by (product, economy);
    optional quotas ``(product, exporter, importer, volume, in_rate, out_rate[, rent])``
    (percent, ``out_rate`` NaN = barred or unknown; ``rent``: who holds the quota rent,
    ``"importer"`` (absent or NaN) or ``"exporter"``). ``welfare`` is the scenario's
    consumer-surplus convention (``exact``, thaw's; ``gsim``, the GSIM spreadsheet's), carried
    with the data so that :func:`thaw.scenarios.pe.run.run_pe` applies what the scenario file
    asks for."""

    flows: pd.DataFrame
    elasticities: pd.DataFrame
    defaults: ElasticityDefaults | None
    currency: str = "USD"
    value_unit: str = "million"
    quotas: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["product", "exporter", "importer", "volume", "in_rate", "out_rate"]
        )
    )
    welfare: str = "exact"

    def __post_init__(self) -> None:
        if self.welfare not in WELFARE_CONVENTIONS:
            raise ModelInputError(
                f"welfare must be one of {', '.join(WELFARE_CONVENTIONS)}; got {self.welfare!r}"
            )
        f = self.flows.copy()  # the caller's frame is never changed
        object.__setattr__(self, "flows", f)
        missing = [c for c in FLOW_COLUMNS if c not in f.columns]
        if missing:
            raise ModelInputError(f"flows lack column(s) {', '.join(missing)}")
        if f.empty:
            raise ModelInputError("no flows in the dataset")
        for col in ("exporter", "importer"):
            f[col] = normalize_codes(f[col])
        num = f[["value", "tariff0", "tariff1"]].astype(float)
        if not np.all(np.isfinite(num.to_numpy())):
            raise ModelInputError("flow values and tariffs must be numbers")
        if (num["value"] <= 0).any():
            bad = f.loc[num["value"] <= 0].iloc[0]
            raise ModelInputError(
                f"flow {bad['product']} {bad['exporter']}->{bad['importer']} has value "
                f"{bad['value']}; values must be > 0 (drop zero flows)"
            )
        if ((num["tariff0"] < 0) | (num["tariff1"] < 0)).any():
            raise ModelInputError("tariffs must be >= 0 percent")
        prod, exp, imp = self._codes
        n_r = len(self.economies)
        dup = pd.Series((prod.astype(np.int64) * n_r + exp) * n_r + imp).duplicated().to_numpy()
        if dup.any():
            d = f.loc[dup].iloc[0]
            raise ModelInputError(
                f"flow {d['product']} {d['exporter']}->{d['importer']} appears twice"
            )
        e = self.elasticities
        missing_e = [c for c in ELASTICITY_COLUMNS if c not in e.columns]
        if missing_e:
            raise ModelInputError(f"elasticities lack column(s) {', '.join(missing_e)}")
        _ = self._grids  # every elasticity a flow needs is known, or a clear error now

    @cached_property
    def _labels(self) -> tuple[list[str], list[str]]:
        """Sorted product and economy labels."""
        f = self.flows
        products = {str(p) for p in pd.unique(f["product"].astype(str))}
        economies = {str(r) for col in ("exporter", "importer") for r in pd.unique(f[col])}
        return sorted(products), sorted(economies)

    @cached_property
    def _codes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each flow's product row and exporter and importer columns in the model arrays
        (computed once, over the unique labels, not per flow)."""
        products, economies = self._labels
        f = self.flows

        def positions(col: pd.Series, labels: list[str]) -> np.ndarray:
            codes, uniques = pd.factorize(col)
            where = pd.Index(labels).get_indexer(pd.Index([str(u) for u in uniques]))
            return np.asarray(where, dtype=np.intp)[codes]

        return (
            positions(f["product"].astype(str), products),
            positions(f["exporter"], economies),
            positions(f["importer"], economies),
        )

    @property
    def products(self) -> list[str]:
        return list(self._labels[0])

    @property
    def economies(self) -> list[str]:
        return list(self._labels[1])

    @cached_property
    def _positions(self) -> tuple[dict[str, int], dict[str, int]]:
        """Row of each product and column of each economy in the model arrays."""
        return (
            {p: i for i, p in enumerate(self.products)},
            {r: i for i, r in enumerate(self.economies)},
        )

    @cached_property
    def _grids(self) -> dict[str, np.ndarray]:
        """Value, low and high ``(n_products, n_regions)`` grids of each parameter."""
        p_index, r_index = self._positions
        shape = (len(p_index), len(r_index))
        d = self.defaults
        out: dict[str, np.ndarray] = {}
        for name in PARAMETERS:
            out[name] = np.full(shape, np.nan if d is None else float(getattr(d, name)))
            out[f"{name}_low"] = np.full(shape, np.nan)
            out[f"{name}_high"] = np.full(shape, np.nan)
        for _, rec, cells in elasticity_rows_by_precedence(self.elasticities, p_index, r_index):
            for name in PARAMETERS:
                value = rec.get(name)
                lo = _number_or_nan(rec.get(f"{name}_low"))
                hi = _number_or_nan(rec.get(f"{name}_high"))
                point = np.nan if value is None or pd.isna(value) else float(value)
                problem = range_problem(name, point, lo, hi)
                if problem is not None:
                    raise ModelInputError(
                        f"elasticity row for product {rec['product']}, economy "
                        f"{rec['economy']}: {problem}"
                    )
                if np.isnan(point):
                    continue
                out[name][cells] = point
                ranged = not (np.isnan(lo) or np.isnan(hi))
                out[f"{name}_low"][cells] = lo if ranged else np.nan
                out[f"{name}_high"][cells] = hi if ranged else np.nan
        self._check_complete(out)
        return out

    def _check_complete(self, grids: dict[str, np.ndarray]) -> None:
        """Every elasticity a flow uses must be known (no silent fallback)."""
        prod, exp, imp = self._codes
        for name, col in (
            ("sigma", "importer"),
            ("import_demand", "importer"),
            ("export_supply", "exporter"),
        ):
            econ = imp if col == "importer" else exp
            gap = np.isnan(grids[name][prod, econ])
            if gap.any():
                k = int(np.flatnonzero(gap)[0])
                raise ModelInputError(
                    f"no {name} elasticity for product {self.flows['product'].iloc[k]} and "
                    f"{col} {self.flows[col].iloc[k]}: add a row for it "
                    "(or [elasticities.defaults])"
                )

    def elasticity_grid(self) -> dict[str, np.ndarray]:
        """``(n_products, n_regions)`` arrays of sigma, import_demand, export_supply: defaults,
        overridden by rows for a product (``*`` = all; an HS prefix covers the codes it starts)
        and economy (``*`` = all). Your rows beat bundled rows (``origin == 'bundled'``); among
        rows of the same origin the more specific wins (economy first, then the longer product
        prefix)."""
        return {name: self._grids[name].copy() for name in PARAMETERS}

    def elasticity_ranges(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """``(low, high)`` grids per parameter where the winning row gave a range (NaN
        elsewhere): the Monte Carlo draws triangular distributions on them."""
        g = self._grids
        return {name: (g[f"{name}_low"].copy(), g[f"{name}_high"].copy()) for name in PARAMETERS}

    def draw_keys(self, by_product: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
        """``(n_products, n_regions)`` uint64 keys of each parameter's cells, from the labels
        (product, economy, parameter) alone: the Monte Carlo keys every draw to them, so a
        cell's draws do not depend on which other products or economies are in the data.
        Parameters in ``by_product`` get one key per product (economy ``*``): one draw shared
        by every economy, as SMART's common export supply elasticity needs."""
        p_index, r_index = self._positions
        out = {}
        for name in PARAMETERS:
            keys = np.empty((len(p_index), len(r_index)), dtype=np.uint64)
            for p, i in p_index.items():
                for r, j in r_index.items():
                    keys[i, j] = cell_key(p, "*" if name in by_product else r, name)
            out[name] = keys
        return out

    def to_problem(self, elasticities: dict[str, np.ndarray] | None = None) -> PEProblem:
        """The model arrays (tariffs as fractions); ``elasticities`` overrides the grid."""
        p_index, r_index = self._positions
        grid = elasticities if elasticities is not None else self.elasticity_grid()
        f = self.flows
        prod, exp, imp = self._codes
        return PEProblem.build(
            product=prod,
            exporter=exp,
            importer=imp,
            value=f["value"].astype(float).to_numpy(),
            tariff0=f["tariff0"].astype(float).to_numpy() / 100.0,
            tariff1=f["tariff1"].astype(float).to_numpy() / 100.0,
            sigma=grid["sigma"],
            import_demand=grid["import_demand"],
            export_supply=grid["export_supply"],
            n_products=len(p_index),
            n_regions=len(r_index),
        )

    def tariff_data(self) -> np.ndarray | None:
        """Tariffs (fractions) under which the flow values were observed, when they differ from
        the baseline's (column ``tariff_data``, percent): the models then simulate the baseline
        from the data first (:func:`thaw.scenarios.run.rebase`)."""
        if "tariff_data" not in self.flows.columns:
            return None
        data = self.flows["tariff_data"].astype(float).to_numpy()
        if np.allclose(data, self.flows["tariff0"].astype(float).to_numpy()):
            return None
        if not np.all(np.isfinite(data)) or np.any(data < 0):
            raise ModelInputError("tariff_data must be >= 0 percent for every flow")
        return data / 100.0

    def quota_spec(self) -> QuotaSpec | None:
        """Quotas mapped onto flow indices (volumes in value units at baseline prices)."""
        if self.quotas.empty:
            return None
        p_index, r_index = self._positions
        prod, exp, imp = self._codes
        n_r = len(r_index)
        flow_key = pd.Index((prod.astype(np.int64) * n_r + exp) * n_r + imp)
        idx, vol, t_in, t_out, to_exporter = [], [], [], [], []
        for q in self.quotas.to_dict(orient="records"):
            k = (
                str(q["product"]),
                normalize_economy(q["exporter"]),
                normalize_economy(q["importer"]),
            )
            n = -1
            if k[0] in p_index and k[1] in r_index and k[2] in r_index:
                code = (p_index[k[0]] * n_r + r_index[k[1]]) * n_r + r_index[k[2]]
                n = int(flow_key.get_indexer([code])[0])
            if n < 0:
                raise ModelInputError(f"quota on {k[0]} {k[1]}->{k[2]}: no such flow in the data")
            idx.append(n)
            vol.append(float(q["volume"]))
            t_in.append(float(q["in_rate"]) / 100.0)
            out = q.get("out_rate")
            t_out.append(np.inf if pd.isna(out) else float(out) / 100.0)
            holder = q.get("rent")
            holder = "importer" if holder is None or pd.isna(holder) else str(holder)
            if holder not in ("importer", "exporter"):
                raise ModelInputError(
                    f"quota on {k[0]} {k[1]}->{k[2]}: rent must be 'importer' or 'exporter'"
                )
            to_exporter.append(holder == "exporter")
        return QuotaSpec.build(idx, vol, t_in, t_out, to_exporter)

    def describe(self) -> dict[str, Any]:
        return {
            "products": self.products,
            "economies": self.economies,
            "flows": len(self.flows),
            "currency": self.currency,
            "value_unit": self.value_unit,
            "elasticity_defaults": None if self.defaults is None else vars(self.defaults),
        }


def normalize_codes(codes: pd.Series) -> Any:
    """Economy codes normalised (:func:`thaw.economies.normalize_economy`) once per distinct
    code, not per flow; the first unknown code in row order raises, as a row loop would."""
    index, uniques = pd.factorize(codes, use_na_sentinel=False)
    text = isinstance(codes.dtype, pd.StringDtype)
    mapped = pd.array([normalize_economy(str(u)) for u in uniques], dtype="str" if text else object)
    return mapped.take(index)


def cell_key(product: str, economy: str, parameter: str) -> int:
    """A stable 64-bit key of one elasticity cell (BLAKE2b of its labels; the same on every
    machine and Python version, unlike ``hash``)."""
    text = f"{product}\x1f{economy}\x1f{parameter}".encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")


def _number_or_nan(x: object) -> float:
    return float(x) if isinstance(x, numbers.Real) and not np.isnan(float(x)) else np.nan


def elasticity_rows_by_precedence(
    rows: pd.DataFrame, p_index: dict[str, int], r_index: dict[str, int]
) -> Iterator[tuple[int, pd.Series, tuple[np.ndarray, ...]]]:
    """Each elasticity row (its position in ``rows``, the row, and the ``np.ix_`` cells of the
    (product, economy) grid it names) from the weakest to the strongest: bundled before the
    user's, any economy before one economy, any product before a prefix before a longer one.
    Writing the rows in this order leaves each cell with the most specific row that names it."""
    origin = rows["origin"] if "origin" in rows.columns else pd.Series("user", index=rows.index)
    rank = [
        1000 * (o != "bundled") + 100 * (str(e) != "*") + (0 if str(p) == "*" else len(str(p)))
        for p, e, o in zip(rows["product"], rows["economy"], origin, strict=True)
    ]
    prefixes = hs_prefixes(p_index)
    for i in np.argsort(np.asarray(rank, dtype=np.int64), kind="stable"):
        rec = rows.iloc[int(i)]
        ps = _products_matching(str(rec["product"]), p_index, prefixes)
        rs = _positions_of(str(rec["economy"]), r_index)
        yield int(i), rec, np.ix_(ps, rs)


def hs_prefixes(index: dict[str, int]) -> dict[str, list[int]]:
    """Every numeric prefix (2 digits and up) of the numeric product codes in ``index``, with
    the positions of the codes that start with it: built once, so matching a row is a look-up."""
    table: dict[str, list[int]] = {}
    for code, i in index.items():
        if code.isdigit():
            for n in range(2, len(code) + 1):
                table.setdefault(code[:n], []).append(i)
    return table


def _products_matching(
    label: str, index: dict[str, int], prefixes: dict[str, list[int]] | None = None
) -> list[int]:
    """Products a row's product names: all for ``*``, the label itself, or, for a numeric HS
    prefix, every product code that starts with it (``prefixes``: :func:`hs_prefixes` of
    ``index``, to avoid a scan per row)."""
    if label == "*":
        return list(index.values())
    if label.isdigit():
        if prefixes is not None:
            found = prefixes.get(label)
            if found is not None or len(label) >= 2:
                return sorted({*(found or ()), *([index[label]] if label in index else [])})
        return [i for p, i in index.items() if p == label or (p.isdigit() and p.startswith(label))]
    return [index[label]] if label in index else []


def _positions_of(label: str, index: dict[str, int]) -> list[int]:
    """All positions for the wildcard ``*``, the label's position, or none if it is absent."""
    if label == "*":
        return list(index.values())
    return [index[label]] if label in index else []
