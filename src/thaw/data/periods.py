"""Periods of PE market flows: a flow is a year's trade, or it is refused.

A PE dataset compares a baseline year with a scenario, so every flow must cover twelve months.
A flows table may carry a ``period`` column (as ``pe_markets_cad.csv`` does). Accepted values:

* ``annual`` (or a bare year such as ``2024``): a calendar (or fiscal) year's value, as
  published;
* ``annualised from <span>`` (or ``annualized``): a part-year or off-calendar value scaled to
  twelve months by the file's author, who must state the method and the original value in a
  non-empty ``derivation`` column (for example ``389 (Jan-Oct) x 12/10, pro rata``).

Anything else (``Jan-Oct``, ``Q1``, ``average 2019-2023``) is refused with the row named: thaw
never treats a part-year value as a year, and never scales one silently. A table without a
``period`` column is taken as annual (the flow columns documented in ``docs/models.md``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thaw.errors import DataImportError

if TYPE_CHECKING:
    import pandas as pd

ANNUAL = "annual"
_YEAR = re.compile(r"^\d{4}$")
_ANNUALISED = re.compile(r"^annuali[sz]ed from \S.*$", re.IGNORECASE)


def period_problem(period: object, derivation: object) -> str | None:
    """Why a flow's ``period`` (with its ``derivation``) is not a usable twelve-month value, or
    ``None`` when it is. Missing values (``None``/NaN) count as empty."""
    text = "" if period is None or period != period else str(period).strip()
    how = "" if derivation is None or derivation != derivation else str(derivation).strip()
    if text.lower() == ANNUAL or _YEAR.match(text):
        return None
    if _ANNUALISED.match(text):
        if not how:
            return (
                f"period {text!r} is scaled to a year but the derivation is empty; "
                "state the original value and the method (e.g. '389 (Jan-Oct) x 12/10, pro rata')"
            )
        return None
    return (
        f"period {text!r} is not a year; PE flows are annual. Give a twelve-month value, or "
        f"scale it and label the period 'annualised from {text or '<span>'}' with the original "
        "value and the method in the derivation column"
    )


def check_annual_periods(frame: pd.DataFrame, *, file: str) -> None:
    """Raise :class:`DataImportError` naming the first row of ``frame`` whose ``period`` is not
    annual or stated-annualised (see the module docstring). Row numbers count the header as row
    1, as a spreadsheet does. A frame without a ``period`` column passes."""
    if "period" not in frame.columns:
        return
    derivations = (
        frame["derivation"] if "derivation" in frame.columns else [None] * len(frame.index)
    )
    for i, (period, how) in enumerate(zip(frame["period"], derivations, strict=True), start=2):
        problem = period_problem(period, how)
        if problem is not None:
            rec = frame.iloc[i - 2]
            what = " ".join(
                str(rec[c]) for c in ("product", "exporter", "importer") if c in frame.columns
            )
            raise DataImportError(f"{file}: row {i} ({what}): {problem}")
