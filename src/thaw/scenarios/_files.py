"""Shared plumbing of scenario files: bundled scenarios by name, TOML validation with file and
field in every message, and paths relative to the scenario or bundled with thaw."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from thaw._validation import summarize
from thaw.errors import ThawError

SpecT = TypeVar("SpecT", bound=BaseModel)


def bundled_files(pattern: str, exclude_prefix: str | None = None) -> dict[str, Path]:
    """Scenario files shipped in ``thaw/scenarios/bundled`` matching ``pattern``, by stem."""
    folder = Path(str(resources.files("thaw.scenarios") / "bundled"))
    return {
        p.stem: p
        for p in sorted(folder.glob(pattern))
        if exclude_prefix is None or not p.stem.startswith(exclude_prefix)
    }


def load_spec(
    path: str | Path,
    model: type[SpecT],
    bundled: dict[str, Path],
    error: type[ThawError],
    module: str,
) -> tuple[SpecT, Path]:
    """Read ``path`` (or the bundled file of that name), validate it as ``model``; every problem
    is raised as ``error`` naming the file and field. Returns the spec and its folder."""
    p = Path(path)
    if not p.exists() and str(path) in bundled:
        p = bundled[str(path)]
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{p}: file not found (bundled: {', '.join(bundled)})") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{p}: not valid TOML: {exc}") from None
    try:
        spec = model.model_validate(doc)
    except ValidationError as exc:
        field, msg, _ = summarize(exc, unknown_field=f"unknown field (see {module} for the format)")
        raise error(f"{p}: field {field}: {msg}") from None
    except ThawError as exc:  # e.g. an unknown economy raised inside a validator
        raise error(f"{p}: {exc}") from None
    return spec, p.parent


def resolve(folder: Path, name: str) -> Path:
    """A path relative to the scenario file, or ``thaw:NAME`` for a file bundled with thaw."""
    if name.startswith("thaw:"):
        from thaw.data.bundle import bundle_dir

        return bundle_dir() / name.removeprefix("thaw:")
    return folder / name
