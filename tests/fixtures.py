"""Small, real-shaped inputs shared by several test modules."""

from __future__ import annotations

from pathlib import Path

#: A valid one-record measure file (a 10% duty by China on Canadian canola oil from 2026-05-01).
MEASURE_TOML = """
[[measure]]
id = "cli-test-duty"
title = "A CLI test duty"
imposing = "CHN"
targets = ["CAN"]
kind = "additional"
status = "in_force"
effective = 2026-05-01
[measure.products]
hs = ["1514"]
description = "canola oil"
[measure.rate]
ad_valorem = 10
[[measure.sources]]
url = "https://example.org/notice"
publisher = "Test"
published = "2026-04-30"
locator = "para 1"
"""


def table_counts(db: Path) -> dict[str, int]:
    """Row counts of the main tables, read through a separate read-only connection."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("measures", "flows", "imports")
        }
    finally:
        con.close()
