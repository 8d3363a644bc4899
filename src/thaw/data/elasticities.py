"""Bundled elasticities for the partial-equilibrium models, each with its study and derivation.

``thaw/data/bundled/pe_elasticities.csv`` has one row per (product, economy, model, parameter):

* ``product``: an HS prefix (``1205`` covers ``12051090``) or ``*``; ``economy``: ISO3 or ``*``;
* ``model``: the models the row is for, space separated (``smart``, ``gsim``, ``armington``) or
  ``*``: SMART keeps the WITS defaults for substitution and export supply, the multi-market
  models use the literature values;
* ``parameter``: ``sigma`` (substitution between import sources, GSIM's E_s), ``import_demand``
  (composite import demand elasticity E_m, < 0) or ``export_supply`` (E_x, > 0);
* ``value`` and an optional range ``low``-``high``: the Monte Carlo draws a triangular
  distribution on the range with its mode at ``value``;
* ``derivation`` (empty when the value is read directly from the source), ``confidence``
  (H/M/L), ``study``, ``source_url``, ``publisher``, ``published``, ``locator``.

How each value was chosen is explained in ``docs/elasticities.md``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from thaw.errors import DataImportError

PARAMETERS = ("sigma", "import_demand", "export_supply")
MODELS = ("smart", "gsim", "armington")
COLUMNS = (
    "product",
    "label",
    "economy",
    "model",
    "parameter",
    "value",
    "low",
    "high",
    "derivation",
    "confidence",
    "study",
    "source_url",
    "publisher",
    "published",
    "locator",
)


def bundled_elasticities_file() -> Path:
    from thaw.data.bundle import bundle_dir

    return bundle_dir() / "pe_elasticities.csv"


def read_elasticity_table(path: str | Path | None = None) -> pd.DataFrame:
    """The elasticity table (long form), validated: every row sourced, values of the right sign,
    each range containing its value. Raises :class:`DataImportError` naming the row."""
    p = Path(path) if path is not None else bundled_elasticities_file()
    frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataImportError(f"{p}: missing column(s) {', '.join(missing)}")
    for col in ("value", "low", "high"):
        frame[col] = pd.to_numeric(frame[col].replace("", np.nan), errors="coerce")
    for i, row in frame.iterrows():
        where = f"{p} row {int(str(i)) + 2} ({row['product']} {row['parameter']})"
        if row["parameter"] not in PARAMETERS:
            raise DataImportError(f"{where}: parameter must be one of {', '.join(PARAMETERS)}")
        models = row["model"].split()
        if row["model"] != "*" and not set(models) <= set(MODELS):
            raise DataImportError(f"{where}: model must be '*' or among {', '.join(MODELS)}")
        for col in ("study", "source_url", "publisher", "published", "locator"):
            if not row[col].strip():
                raise DataImportError(f"{where}: {col} is empty; every value needs its source")
        v, lo, hi = row["value"], row["low"], row["high"]
        sign_ok = v < 0 if row["parameter"] == "import_demand" else v > 0
        if not (np.isfinite(v) and sign_ok):
            raise DataImportError(f"{where}: value {v} has the wrong sign or is not a number")
        problem = range_problem(row["parameter"], v, lo, hi)
        if problem is not None:
            raise DataImportError(f"{where}: {problem}")
    return frame


def range_problem(parameter: str, value: float, low: float, high: float) -> str | None:
    """What is wrong with an elasticity's Monte Carlo range ``low``..``high`` (NaN = none given)
    around its point ``value``, or None. The rules: both bounds or neither; ``low < high``; the
    point inside; and the sign rules of the parameter for the whole range (``sigma > 0``,
    ``import_demand <= 0``, ``export_supply > 0``). A reversed range would otherwise give a
    distribution with no spread at all, silently."""
    lo_missing, hi_missing = bool(np.isnan(low)), bool(np.isnan(high))
    if lo_missing and hi_missing:
        return None
    if lo_missing != hi_missing:
        return f"{parameter}: give both low and high, or neither (got {low}..{high})"
    if np.isnan(value):
        return f"{parameter}: a range {low}..{high} needs a point value"
    if not low < high:
        return f"{parameter}: low must be below high (got low {low}, high {high}; reversed?)"
    if not low <= value <= high:
        return f"{parameter}: the range {low}..{high} must contain the point value {value}"
    if parameter == "import_demand" and not high <= 0:
        return f"import_demand must be <= 0 over its whole range (got {low}..{high})"
    if parameter in ("sigma", "export_supply") and not low > 0:
        return f"{parameter} must be > 0 over its whole range (got {low}..{high})"
    return None


def elasticity_rows(model: str, path: str | Path | None = None) -> pd.DataFrame:
    """Rows for ``model`` in the wide form the PE datasets take: ``product, economy, sigma,
    import_demand, export_supply`` with ``<parameter>_low``/``_high`` ranges and a ``source``
    text per parameter (study and URL)."""
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}")
    long = read_elasticity_table(path)
    keep = long["model"].map(lambda m: m == "*" or model in m.split())
    long = long.loc[keep]
    out: dict[tuple[str, str], dict[str, object]] = {}
    for row in long.to_dict(orient="records"):
        key = (str(row["product"]), str(row["economy"]))
        rec = out.setdefault(key, {"product": key[0], "economy": key[1]})
        name = str(row["parameter"])
        rec[name] = row["value"]
        rec[f"{name}_low"] = row["low"]
        rec[f"{name}_high"] = row["high"]
        rec[f"{name}_source"] = f"{row['study']} <{row['source_url']}>"
    columns = ["product", "economy"]
    for name in PARAMETERS:
        columns += [name, f"{name}_low", f"{name}_high", f"{name}_source"]
    return pd.DataFrame(list(out.values()), columns=columns)
