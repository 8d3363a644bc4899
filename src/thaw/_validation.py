"""Turning pydantic validation errors into one clear line (field path and message)."""

from __future__ import annotations

from pydantic import ValidationError


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('sources', 0, 'url')`` -> ``sources[0].url`` (pydantic's internal steps dropped)."""
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        elif p.startswith("function-") or p in {"tagged-union"}:
            continue
        else:
            parts.append(("." if parts else "") + p)
    return "".join(parts) or "(record)"


def summarize(exc: ValidationError, *, unknown_field: str) -> tuple[str, str, int]:
    """``(field path, message, number of other problems)`` of the most telling error.

    An unknown field is usually a typo that also explains a "missing" one, so it is reported
    first; ``unknown_field`` is the message used for it.
    """
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = unknown_field
    elif err["type"] == "missing":
        msg = "required field is missing"
    return field_path(tuple(err["loc"])), msg, len(errors) - 1
