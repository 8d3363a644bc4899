"""The goal tracker's observed series: Canada's non-US exports (bundled, or a file you name)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from thaw.errors import ThawError

#: Columns every row fills: the value's derivation and its source.
REQUIRED = ("source_url", "publisher", "published", "locator", "derivation")
#: Optional text columns: a caveat or cross-check (``note``) and further sources
#: (``also_sources``: "publisher, date, locator: URL" entries separated by " ; ").
OPTIONAL = ("note", "also_sources")


def observed_non_us_exports(path: str | Path | None = None) -> pd.DataFrame:
    """The bundled observed series (year, value in C$ billion, basis, derivation, source, and
    any note and further sources)."""
    if path is None:
        from thaw.data.bundle import bundle_dir

        path = bundle_dir() / "goal_non_us_exports.csv"
    frame = pd.read_csv(path)
    for col in REQUIRED:
        if col not in frame.columns or frame[col].isna().any():
            raise ThawError(f"{path}: every row needs its {col}")
    for col in OPTIONAL:
        frame[col] = frame[col].fillna("").astype(str) if col in frame.columns else ""
    if frame["year"].duplicated().any():
        raise ThawError(f"{path}: one row per year")
    return frame.sort_values("year").reset_index(drop=True)
