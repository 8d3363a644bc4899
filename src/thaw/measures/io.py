"""Reading measures from TOML files, with errors that name the file, record and field.

A measure file holds one or more ``[[measure]]`` tables (see ``docs/register.md`` and
``examples/measure.toml``). Loading is all or nothing: the first invalid record stops the load
and nothing is returned.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thaw._validation import summarize
from thaw.errors import MeasureValidationError
from thaw.measures.model import Measure


def measure_from_dict(data: dict[str, Any], *, file: str, index: int) -> Measure:
    """Validate one record; raise :class:`MeasureValidationError` naming file, record and field."""
    record = str(data.get("id") or f"#{index + 1}")
    try:
        return Measure.model_validate(data)
    except ValidationError as exc:
        field, msg, more = summarize(
            exc,
            unknown_field="unknown field (check the spelling; see docs/register.md for the fields)",
        )
        if more:
            msg += f" (and {more} more problem{'s' if more > 1 else ''} in this record)"
        raise MeasureValidationError(msg, file=file, record=record, field=field) from None


def parse_measures_toml(text: str, *, file: str) -> list[Measure]:
    """Parse TOML text holding ``[[measure]]`` tables into validated measures."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MeasureValidationError(f"not valid TOML: {exc}", file=file) from None
    unknown = set(doc) - {"measure", "schema"}
    if unknown:
        raise MeasureValidationError(
            f"unknown top-level key(s) {sorted(unknown)}; a measure file holds [[measure]] tables",
            file=file,
        )
    records = doc.get("measure")
    if not isinstance(records, list) or not records:
        raise MeasureValidationError("no [[measure]] tables found", file=file)
    measures = [measure_from_dict(r, file=file, index=i) for i, r in enumerate(records)]
    seen: dict[str, int] = {}
    for i, m in enumerate(measures):
        if m.id in seen:
            raise MeasureValidationError(
                f"duplicate id {m.id!r} (also record #{seen[m.id] + 1})",
                file=file,
                record=m.id,
                field="id",
            )
        seen[m.id] = i
    return measures


def load_measures_file(path: str | Path) -> list[Measure]:
    """Read and validate a measure TOML file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MeasureValidationError("file not found", file=str(p)) from None
    except UnicodeDecodeError:
        raise MeasureValidationError("not a UTF-8 text file", file=str(p)) from None
    return parse_measures_toml(text, file=str(p))


def load_measures_files(paths: Iterable[str | Path]) -> list[Measure]:
    """Read several files; ids must be unique across them."""
    out: list[Measure] = []
    origin: dict[str, str] = {}
    for p in paths:
        for m in load_measures_file(p):
            if m.id in origin:
                raise MeasureValidationError(
                    f"duplicate id {m.id!r} (also in {origin[m.id]})",
                    file=str(p),
                    record=m.id,
                    field="id",
                )
            origin[m.id] = str(p)
            out.append(m)
    return out


def measures_from_records(records: Iterable[str | dict[str, Any]], *, file: str) -> list[Measure]:
    """Validate exported register rows (JSON text or dicts, as in the ``record`` column)."""
    import json

    out: list[Measure] = []
    for i, rec in enumerate(records):
        try:
            data = json.loads(rec) if isinstance(rec, str) else rec
        except json.JSONDecodeError as exc:
            raise MeasureValidationError(
                f"record is not JSON ({exc})", file=file, record=f"#{i + 1}", field="record"
            ) from None
        if not isinstance(data, dict):
            raise MeasureValidationError(
                "record is not an object", file=file, record=f"#{i + 1}", field="record"
            )
        out.append(measure_from_dict(data, file=file, index=i))
    ids = [m.id for m in out]
    dupes = sorted({x for x in ids if ids.count(x) > 1})
    if dupes:
        raise MeasureValidationError(f"duplicate id(s) {', '.join(dupes)}", file=file)
    return out
