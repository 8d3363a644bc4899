"""The goal tracker's observed series: Canada's non-US exports (bundled, or a file you name)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from thaw.errors import ThawError


def observed_non_us_exports(path: str | Path | None = None) -> pd.DataFrame:
    """The bundled observed series (year, value in C$ billion, basis, derivation, source)."""
    if path is None:
        from thaw.data.bundle import bundle_dir

        path = bundle_dir() / "goal_non_us_exports.csv"
    frame = pd.read_csv(path)
    for col in ("source_url", "publisher", "published", "locator", "derivation"):
        if frame[col].isna().any():
            raise ThawError(f"{path}: every row needs its {col}")
    return frame.sort_values("year").reset_index(drop=True)
