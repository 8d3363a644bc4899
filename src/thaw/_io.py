"""Small I/O helpers shared across layers: atomic file writes and JSON-ready values."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np


def save_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary file next to ``path``, then move it into place: a failure
    never leaves a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def jsonable(value: Any) -> Any:
    """A JSON-ready copy of a scalar: NaN and infinities become None, numpy scalars Python
    numbers, dates ISO strings."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, dt.date | dt.datetime) or hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def content_id(path: Path) -> str:
    """Import id of a file: the first 16 hex digits of the SHA-256 of its bytes (streamed), so
    the same content is recognised whatever the file is called."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()[:16]
