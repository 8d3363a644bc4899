"""Validation of sourced trade-flow tables (the bundled ``flows.csv`` and user files alike).

Every row names what it measures (HS code or ``TOTAL``, reporter, partner, direction, year,
period), its value and/or quantity with currency and unit, and its source: URL, publisher,
publication date and locator. Derived numbers say how in ``derived_from``. Where two sources
disagree, both rows are kept and exactly one is ``preferred``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from thaw.data.schema import SOURCED_FLOW_COLUMNS
from thaw.economies import is_known
from thaw.errors import DataImportError, HSCodeError
from thaw.measures.hs import normalize_code

if TYPE_CHECKING:
    import pandas as pd

    from thaw.data.store import Store

_PUBLISHED = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$")
_URL = re.compile(r"^https?://[^\s/]+\.\S+$")
#: Rows that agree on all of these measure the same thing (the basis, e.g. customs vs
#: balance of payments, is part of what is measured).
GROUP_KEY = (
    "hs",
    "reporter",
    "partner",
    "flow",
    "year",
    "period",
    "basis",
    "currency",
    "quantity_unit",
)


def _fail(file: str, row: int, field: str, msg: str) -> DataImportError:
    return DataImportError(f"{file}: row {row}: field {field}: {msg}; nothing was written")


def _check_hs(value: str) -> str:
    if value == "TOTAL":
        return value
    parts = value.split("+")
    return "+".join(normalize_code(p) for p in parts)


def read_sourced_flows(path: str | Path) -> pd.DataFrame:
    """Read and validate a sourced flows file (.csv or .parquet); raise
    :class:`DataImportError` on the first bad row.

    Row numbers in messages count the header as row 1, as a spreadsheet does.
    """
    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise DataImportError(f"{p}: file not found")
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(p, dtype=str, keep_default_na=False)
        elif suffix in {".parquet", ".pq"}:
            frame = pd.read_parquet(p)
            frame = frame.astype(object).where(frame.notna(), "").astype(str)
        else:
            raise DataImportError(f"{p}: use a .csv or .parquet file")
    except (pd.errors.ParserError, UnicodeDecodeError, OSError, ValueError) as exc:
        raise DataImportError(f"{p}: not a readable {suffix[1:]} file ({exc})") from None
    if "year" in frame.columns:  # a Parquet year column with gaps arrives as floats: "2024.0"
        frame["year"] = frame["year"].str.removesuffix(".0")
    return validate_sourced_flows(frame, file=str(p))


def validate_sourced_flows(frame: pd.DataFrame, *, file: str) -> pd.DataFrame:
    """Check every row (see module docstring); return a typed copy ready for the store."""
    import pandas as pd

    missing = [c for c in SOURCED_FLOW_COLUMNS if c not in frame.columns]
    if missing:
        raise DataImportError(
            f"{file}: missing column(s) {', '.join(missing)}; the header must be "
            f"{','.join(SOURCED_FLOW_COLUMNS)}"
        )
    extra = [c for c in frame.columns if c not in SOURCED_FLOW_COLUMNS]
    if extra:
        raise DataImportError(f"{file}: unknown column(s) {', '.join(map(str, extra))}")
    rows = []
    for i, rec in enumerate(frame.to_dict(orient="records"), start=2):
        r = {k: (str(v).strip() if v is not None else "") for k, v in rec.items()}
        try:
            r["hs"] = _check_hs(r["hs"])
        except HSCodeError as exc:
            raise _fail(file, i, "hs", str(exc)) from None
        for col in ("reporter", "partner"):
            r[col] = r[col].upper()
            if not is_known(r[col]):
                raise _fail(
                    file, i, col, f"unknown economy {r[col]!r} (use ISO alpha-3, WLD, ROW or EUN)"
                )
        if r["reporter"] == r["partner"]:
            raise _fail(file, i, "partner", "reporter and partner are the same economy")
        if r["flow"] not in ("export", "import"):
            raise _fail(file, i, "flow", f"must be export or import, got {r['flow']!r}")
        if not r["year"].isdigit() or not 1900 <= int(r["year"]) <= 2100:
            raise _fail(file, i, "year", f"must be a year such as 2024, got {r['year']!r}")
        values: dict[str, float | None] = {}
        for col in ("value", "quantity"):
            if r[col] == "":
                values[col] = None
                continue
            try:
                number = float(r[col])
            except ValueError:
                raise _fail(file, i, col, f"not a number: {r[col]!r}") from None
            values[col] = number
            if not number >= 0:  # also catches NaN
                raise _fail(file, i, col, f"must be zero or more, got {r[col]}")
        if values["value"] is None and values["quantity"] is None:
            raise _fail(file, i, "value", "a row needs a value or a quantity")
        if values["value"] is not None and r["currency"] not in ("CAD", "USD", "CNY", "EUR"):
            raise _fail(
                file,
                i,
                "currency",
                f"a value needs a currency (CAD, USD, CNY, EUR), got {r['currency']!r}",
            )
        if values["quantity"] is not None and not r["quantity_unit"]:
            raise _fail(file, i, "quantity_unit", "a quantity needs its unit")
        if r["preferred"].lower() not in ("true", "false"):
            raise _fail(file, i, "preferred", f"must be true or false, got {r['preferred']!r}")
        if r["confidence"] not in ("", "H", "M", "L"):
            raise _fail(file, i, "confidence", f"must be H, M, L or empty, got {r['confidence']!r}")
        if not _URL.match(r["source_url"]):
            raise _fail(
                file, i, "source_url", f"must be an http(s) address, got {r['source_url']!r}"
            )
        for col in ("publisher", "locator", "period"):
            if not r[col]:
                raise _fail(file, i, col, "must not be empty")
        if not _PUBLISHED.match(r["published"]):
            raise _fail(
                file,
                i,
                "published",
                f"must be YYYY-MM-DD, YYYY-MM, YYYY or undated, got {r['published']!r}",
            )
        rows.append(
            {
                **{k: (r[k] or None) for k in SOURCED_FLOW_COLUMNS},
                "year": int(r["year"]),
                "value": values["value"],
                "quantity": values["quantity"],
                "preferred": r["preferred"].lower() == "true",
            }
        )
    out = pd.DataFrame(rows, columns=list(SOURCED_FLOW_COLUMNS))
    _check_preferred(out, file)
    return out


def _check_preferred(frame: pd.DataFrame, file: str) -> None:
    """Within each group measuring the same thing, at most one row may be preferred."""
    if frame.empty:
        return
    key = [
        "|".join("" if v is None or v != v else str(v) for v in row)
        for row in frame[list(GROUP_KEY)].itertuples(index=False)
    ]
    counts = frame.assign(_k=key).groupby("_k")["preferred"].sum()
    bad = counts[counts > 1]
    if not bad.empty:
        raise DataImportError(
            f"{file}: {len(bad)} group(s) of rows measuring the same flow have more than one "
            f"preferred row, e.g. {bad.index[0]!r}; mark exactly one preferred=true"
        )


def import_sourced_flows(store: Store, path: str | Path) -> int:
    """Validate a sourced flows file and add all its rows (dataset ``user``), or none.

    The import is identified by the file's content hash, so the same file cannot be added twice.
    Returns the number of rows added.
    """
    p = Path(path)
    frame = read_sourced_flows(p)
    from thaw._io import content_id

    import_id = content_id(p)
    earlier = store.import_exists(import_id)
    if earlier is not None:
        raise DataImportError(
            f"{p} was already imported (same content as {earlier}); nothing was written"
        )
    with store.transaction():
        store.add_flows_frame(frame, {"dataset": "user", "import_id": import_id})
        store.record_import(
            import_id=import_id,
            dataset="user",
            file=str(p),
            rows_read=len(frame),
            rows_rejected=0,
            rows_kept=len(frame),
        )
    return len(frame)
