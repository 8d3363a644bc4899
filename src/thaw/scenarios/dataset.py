"""A labelled PE dataset: flows of named products between named economies, with elasticities.

This is what a scenario hands to the models: tidy frames with labels, turned into the integer
arrays of :class:`~thaw.models.problem.PEProblem` by :meth:`PEDataset.to_problem` (and back by
the results). Tariffs are in percent here (as in the register), fractions in the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from thaw.economies import normalize_economy
from thaw.errors import ModelInputError
from thaw.models.problem import PEProblem
from thaw.models.quota import QuotaSpec

FLOW_COLUMNS = ("product", "exporter", "importer", "value", "tariff0", "tariff1")
ELASTICITY_COLUMNS = ("product", "economy", "sigma", "import_demand", "export_supply")


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
    optional quotas ``(product, exporter, importer, volume, in_rate, out_rate)`` (percent,
    ``out_rate`` NaN = barred or unknown)."""

    flows: pd.DataFrame
    elasticities: pd.DataFrame
    defaults: ElasticityDefaults
    currency: str = "USD"
    value_unit: str = "million"
    quotas: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=["product", "exporter", "importer", "volume", "in_rate", "out_rate"]
        )
    )

    def __post_init__(self) -> None:
        f = self.flows.copy()  # the caller's frame is never changed
        object.__setattr__(self, "flows", f)
        missing = [c for c in FLOW_COLUMNS if c not in f.columns]
        if missing:
            raise ModelInputError(f"flows lack column(s) {', '.join(missing)}")
        if f.empty:
            raise ModelInputError("no flows in the dataset")
        for col in ("exporter", "importer"):
            f[col] = [normalize_economy(str(x)) for x in f[col]]
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
        dup = f.duplicated(["product", "exporter", "importer"])
        if dup.any():
            d = f.loc[dup].iloc[0]
            raise ModelInputError(
                f"flow {d['product']} {d['exporter']}->{d['importer']} appears twice"
            )
        e = self.elasticities
        missing_e = [c for c in ELASTICITY_COLUMNS if c not in e.columns]
        if missing_e:
            raise ModelInputError(f"elasticities lack column(s) {', '.join(missing_e)}")

    @property
    def products(self) -> list[str]:
        return sorted(self.flows["product"].astype(str).unique())

    @property
    def economies(self) -> list[str]:
        return sorted(set(self.flows["exporter"]) | set(self.flows["importer"]))

    @cached_property
    def _positions(self) -> tuple[dict[str, int], dict[str, int]]:
        """Row of each product and column of each economy in the model arrays."""
        return (
            {p: i for i, p in enumerate(self.products)},
            {r: i for i, r in enumerate(self.economies)},
        )

    def elasticity_grid(self) -> dict[str, np.ndarray]:
        """``(n_products, n_regions)`` arrays of sigma, import_demand, export_supply: defaults,
        overridden by rows for a product (``*`` = all) and economy (``*`` = all), the more
        specific row winning."""
        p_index, r_index = self._positions
        shape = (len(p_index), len(r_index))
        out = {
            "sigma": np.full(shape, self.defaults.sigma),
            "import_demand": np.full(shape, self.defaults.import_demand),
            "export_supply": np.full(shape, self.defaults.export_supply),
        }
        rows = self.elasticities.copy()
        rows["_rank"] = (rows["product"].astype(str) != "*").astype(int) + 2 * (
            rows["economy"].astype(str) != "*"
        ).astype(int)
        for rec in rows.sort_values("_rank").to_dict(orient="records"):
            ps = _positions_of(str(rec["product"]), p_index)
            rs = _positions_of(str(rec["economy"]), r_index)
            for name in ("sigma", "import_demand", "export_supply"):
                value = rec.get(name)
                if not pd.isna(value):
                    out[name][np.ix_(ps, rs)] = float(value)
        return out

    def to_problem(self, elasticities: dict[str, np.ndarray] | None = None) -> PEProblem:
        """The model arrays (tariffs as fractions); ``elasticities`` overrides the grid."""
        p_index, r_index = self._positions
        grid = elasticities if elasticities is not None else self.elasticity_grid()
        f = self.flows
        return PEProblem.build(
            product=[p_index[str(p)] for p in f["product"]],
            exporter=[r_index[r] for r in f["exporter"]],
            importer=[r_index[r] for r in f["importer"]],
            value=f["value"].astype(float).to_numpy(),
            tariff0=f["tariff0"].astype(float).to_numpy() / 100.0,
            tariff1=f["tariff1"].astype(float).to_numpy() / 100.0,
            sigma=grid["sigma"],
            import_demand=grid["import_demand"],
            export_supply=grid["export_supply"],
            n_products=len(p_index),
            n_regions=len(r_index),
        )

    def quota_spec(self) -> QuotaSpec | None:
        """Quotas mapped onto flow indices (volumes in value units at baseline prices)."""
        if self.quotas.empty:
            return None
        key = {
            (str(p), e, i): n
            for n, (p, e, i) in enumerate(
                zip(
                    self.flows["product"].astype(str),
                    self.flows["exporter"],
                    self.flows["importer"],
                    strict=True,
                )
            )
        }
        idx, vol, t_in, t_out = [], [], [], []
        for q in self.quotas.to_dict(orient="records"):
            k = (
                str(q["product"]),
                normalize_economy(q["exporter"]),
                normalize_economy(q["importer"]),
            )
            if k not in key:
                raise ModelInputError(f"quota on {k[0]} {k[1]}->{k[2]}: no such flow in the data")
            idx.append(key[k])
            vol.append(float(q["volume"]))
            t_in.append(float(q["in_rate"]) / 100.0)
            out = q.get("out_rate")
            t_out.append(np.inf if pd.isna(out) else float(out) / 100.0)
        return QuotaSpec.build(idx, vol, t_in, t_out)

    def describe(self) -> dict[str, Any]:
        return {
            "products": self.products,
            "economies": self.economies,
            "flows": len(self.flows),
            "currency": self.currency,
            "value_unit": self.value_unit,
            "elasticity_defaults": vars(self.defaults),
        }


def _positions_of(label: str, index: dict[str, int]) -> list[int]:
    """All positions for the wildcard ``*``, the label's position, or none if it is absent."""
    if label == "*":
        return list(index.values())
    return [index[label]] if label in index else []
