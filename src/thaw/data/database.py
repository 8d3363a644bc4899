"""Opening the thaw database: built from the bundled data when missing, its bundled rows
replaced when thaw ships a new bundle.

This is the step above the store (:mod:`thaw.data.store` knows nothing of the bundle). A missing
database is built in a temporary file and moved into place only when complete, so a failure
never leaves a half-written database; two processes creating it at once end with one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import warnings
from pathlib import Path

import duckdb

from thaw.data.bundle import bundle_version, load_bundle_into
from thaw.data.store import Store, default_db_path
from thaw.errors import ThawError


class BundleWarning(UserWarning):
    """The bundled data in a database could not be brought up to date."""


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the thaw database (``path``, else ``$THAW_DB``, else the user data directory).

    A missing database is created from the bundled data (unless ``read_only``); an existing one
    is migrated and, if thaw's bundle changed since, its bundled rows are replaced (user rows
    stay). If that refresh fails the database keeps its older bundle and a
    :class:`BundleWarning` says why.
    """
    p = Path(path).expanduser() if path is not None else default_db_path()
    if not p.exists() and not read_only:
        create_from_bundle(p)
    store = Store.open(p, read_only=read_only)
    if not read_only:
        refresh_bundle_if_stale(store)
    return store


def refresh_bundle_if_stale(store: Store) -> None:
    """After a thaw upgrade, replace the bundled rows with the new bundle (user rows stay)."""
    if store.get_meta("bundle_version") == bundle_version():
        return
    try:
        load_bundle_into(store)
    except ThawError as exc:
        warnings.warn(
            f"{store.path}: could not update the bundled data ({exc}); the database keeps "
            "the older bundle. Fix the cause, then run `thaw data refresh-bundled`.",
            BundleWarning,
            stacklevel=3,
        )


def create_from_bundle(path: Path) -> None:
    """Build a new database from the bundled data in a temp file, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".thaw-new-", suffix=".duckdb", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        store = Store(con, tmp)
        store.migrate()
        load_bundle_into(store)
        store.set_meta("created_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        con.close()
        if path.exists():  # another process won the race
            return
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
