"""A small TOML writer for scenario documents (tables, arrays of tables, scalars, dates, arrays
of scalars or of two-element arrays), so that the workbench can show and save the TOML a form
makes. Round-trips through ``tomllib`` (tested)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("TOML scenario values must be finite numbers")
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_scalar(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def _is_table_list(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def dumps(doc: dict[str, Any], header: str = "") -> str:
    """TOML text for ``doc``; ``header`` lines become comments at the top."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]

    def table(prefix: str, body: dict[str, Any], array: bool = False) -> None:
        scalars = {
            k: v for k, v in body.items() if not isinstance(v, dict) and not _is_table_list(v)
        }
        subs = {k: v for k, v in body.items() if isinstance(v, dict)}
        lists = {k: v for k, v in body.items() if _is_table_list(v)}
        if prefix and (scalars or array or not (subs or lists)):
            out.append("")
            out.append(f"[[{prefix}]]" if array else f"[{prefix}]")
        out.extend(f"{_key(k)} = {_scalar(v)}" for k, v in scalars.items())
        for k, v in subs.items():
            table(f"{prefix}.{_key(k)}" if prefix else _key(k), v)
        for k, items in lists.items():
            for item in items:
                table(f"{prefix}.{_key(k)}" if prefix else _key(k), item, array=True)

    table("", doc)
    return "\n".join(out).strip() + "\n"
