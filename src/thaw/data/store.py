"""The DuckDB store: one database file holding the measure register and trade flows.

Where the database lives: ``--db PATH`` on the CLI (``path=`` here), else the ``THAW_DB``
environment variable, else ``thaw.duckdb`` in the user data directory (platformdirs). Creating a
database from the bundled data is a step above the store (:mod:`thaw.data.database`). The
schema is versioned
(:mod:`thaw.data.schema`); older databases are migrated forward in one transaction, newer ones
are refused.

All SQL in thaw lives in this package.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import platformdirs

from thaw._io import jsonable, save_atomic
from thaw.data.schema import FLOW_COLUMNS, MIGRATIONS, SCHEMA_VERSION
from thaw.errors import (
    DuplicateMeasureError,
    MeasureValidationError,
    NotFoundError,
    SchemaVersionError,
    StoreError,
)
from thaw.measures.model import Measure

if TYPE_CHECKING:
    import pandas as pd


ENV_VAR = "THAW_DB"
TABLES = ("measures", "flows", "imports", "news_articles", "news_items")


def default_db_path() -> Path:
    """``$THAW_DB`` if set, else ``<user data dir>/thaw/thaw.duckdb``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("thaw", appauthor=False)) / "thaw.duckdb"


def measure_fingerprint(m: Measure) -> str:
    """Content key for duplicate detection: the measure without its id, notes and sources."""
    import hashlib

    body = m.model_dump(
        mode="json",
        exclude={
            "id",
            "notes",
            "sources",
            "title",
            "confidence",
            "verified",
            "open_question",
            "review_by",
            "disagreement",
        },
    )
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class StoreInfo:
    path: Path
    schema_version: int
    bundle_version: str | None
    counts: dict[str, int]


class Store:
    """An open thaw database. Use :func:`thaw.open_store` to get one (``Store.open`` opens an
    existing file without touching the bundled data)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._con = con
        self.path = path
        self._measures_cache: tuple[Measure, ...] | None = None

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        """Open an existing database and migrate it forward (read-only: check its version).

        This is the store alone: it neither creates a database nor loads the bundled data. Use
        :func:`thaw.open_store` for that (it builds a missing database from the bundle and
        refreshes a stale bundle).
        """
        p = Path(path).expanduser() if path is not None else default_db_path()
        if not p.exists():
            raise NotFoundError(f"no thaw database at {p}; run any thaw command once to create it")
        try:
            con = duckdb.connect(str(p), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {p}: {exc}") from exc
        store = cls(con, p)
        if read_only:
            store._check_version()
            return store
        store.migrate()
        return store

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()
        if not exists or exists[0] == 0:
            return 0
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self) -> int:
        v = self.schema_version()
        if v > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"database {self.path} has schema version {v}, newer than this thaw "
                f"({SCHEMA_VERSION}); upgrade thaw or point --db at another file"
            )
        return v

    def migrate(self) -> int:
        """Apply pending migrations in one transaction; return the resulting version."""
        v = self._check_version()
        pending = [m for m in MIGRATIONS if m.version > v]
        if not pending:
            return v
        with self.transaction():
            for mig in pending:
                for stmt in mig.statements:
                    self._con.execute(stmt)
                self.set_meta("schema_version", str(mig.version))
                self.set_meta(f"migration_{mig.version}", mig.description)
        return SCHEMA_VERSION

    def set_meta(self, key: str, value: str) -> None:
        self._con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def get_meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block: commits on success, rolls back on any exception."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            self._measures_cache = None
            raise
        self._con.execute("COMMIT")
        self._measures_cache = None

    def info(self) -> StoreInfo:
        counts = {}
        for t in TABLES:
            row = self._con.execute(f"SELECT count(*) FROM {t}").fetchone()
            counts[t] = int(row[0]) if row else 0
        return StoreInfo(self.path, self.schema_version(), self.get_meta("bundle_version"), counts)

    # -- news ---------------------------------------------------------------------------------
    def add_article(self, article: dict[str, Any], items: Sequence[dict[str, Any]]) -> bool:
        """Store an article and its items in one transaction; False (and nothing written) when an
        article with the same content hash is already stored."""
        row = self._con.execute(
            "SELECT 1 FROM news_articles WHERE article_id = ?", [article["article_id"]]
        ).fetchone()
        if row:
            return False
        with self.transaction():
            cols = ("article_id", "published", "outlet", "url", "title", "path", "text")
            extra = ("published_basis", "published_evidence")
            self._con.execute(
                f"INSERT INTO news_articles ({', '.join(cols + extra)}) "
                f"VALUES ({', '.join('?' * len(cols + extra))})",
                [article[k] for k in cols] + [article.get(k) for k in extra],
            )
            item_cols = (
                "item_id",
                "article_id",
                "kind",
                "span_start",
                "span_end",
                "sentence",
                "fields",
                "verdict",
                "measure_id",
                "register_diff",
                "sentence_start",
            )
            for it in items:
                self._con.execute(
                    f"INSERT INTO news_items ({', '.join(item_cols)}) "
                    f"VALUES ({', '.join('?' * len(item_cols))})",
                    [it.get(k) for k in item_cols],
                )
        return True

    def news_items(self, kind: str | None = None) -> pd.DataFrame:
        """Items with their article's date, outlet and URL, in date order."""
        sql = (
            "SELECT i.*, a.published, a.outlet, a.url, a.published_basis, a.published_evidence, "
            "a.title FROM news_items i JOIN news_articles a USING (article_id)"
            + (" WHERE i.kind = ?" if kind else "")
            + " ORDER BY a.published, i.article_id, i.span_start"
        )
        return self._con.execute(sql, [kind] if kind else []).df()

    def set_review(
        self,
        item_id: str,
        review: str,
        note: str | None = None,
        measures: Sequence[Measure] = (),
        origin: str | None = None,
    ) -> None:
        """Record a person's decision on a candidate measure (accepted, rejected, edited), with
        the measures it adds to the register (checked first), all in one transaction."""
        found = self._con.execute(
            "SELECT 1 FROM news_items WHERE item_id = ?", [item_id]
        ).fetchone()
        if not found:
            raise NotFoundError(f"no news item {item_id!r}; see `thaw news review`")
        if measures:
            self.check_new_measures(measures, origin=origin or "news review")
        with self.transaction():
            if measures:
                self.insert_measures(measures, origin=origin or "news review")
            self._con.execute(
                "UPDATE news_items SET review = ?, review_note = ? WHERE item_id = ?",
                [review, note, item_id],
            )

    # -- measures ----------------------------------------------------------------------------
    def measures(self) -> tuple[Measure, ...]:
        """Every measure in the register (cached until the next write)."""
        if self._measures_cache is None:
            rows = self._con.execute("SELECT record FROM measures ORDER BY measure_id").fetchall()
            self._measures_cache = tuple(Measure.model_validate_json(r[0]) for r in rows)
        return self._measures_cache

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures():
            if m.id == measure_id:
                return m
        raise NotFoundError(f"no measure with id {measure_id!r}; see `thaw measures list`")

    def measure_origins(self) -> dict[str, str]:
        """Measure id -> where it came from ('bundled' or the file it was added from)."""
        rows = self._con.execute("SELECT measure_id, origin FROM measures").fetchall()
        return {str(i): str(o) for i, o in rows}

    def measure_origin(self, measure_id: str) -> str | None:
        row = self._con.execute(
            "SELECT origin FROM measures WHERE measure_id = ?", [measure_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def check_new_measures(self, measures: Sequence[Measure], *, origin: str) -> None:
        """Raise :class:`DuplicateMeasureError` if any measure (by id or content) exists already,
        or appears twice in ``measures``; check references to other measures resolve."""
        existing = {m.id: m for m in self.measures()}
        fps = {measure_fingerprint(m): m.id for m in existing.values()}
        seen: dict[str, str] = {}
        for m in measures:
            if m.id in existing:
                raise DuplicateMeasureError(
                    f"measure id {m.id!r} is already in the register; choose another id",
                    file=origin,
                    record=m.id,
                    field="id",
                )
            fp = measure_fingerprint(m)
            if fp in fps:
                raise DuplicateMeasureError(
                    f"identical to measure {fps[fp]!r} already in the register "
                    "(same economies, products, kind, rate and dates)",
                    file=origin,
                    record=m.id,
                )
            if fp in seen or m.id in seen.values():
                raise DuplicateMeasureError(
                    f"appears twice in this file (also as {seen.get(fp, m.id)!r})",
                    file=origin,
                    record=m.id,
                )
            seen[fp] = m.id
        known = set(existing) | {m.id for m in measures}
        for m in measures:
            for field_name in ("suspends", "replaces", "remits"):
                for ref in getattr(m, field_name):
                    if ref not in known:
                        raise MeasureValidationError(
                            f"refers to unknown measure {ref!r}; add that measure first "
                            "or fix the id",
                            file=origin,
                            record=m.id,
                            field=field_name,
                        )

    def add_measures(self, measures: Sequence[Measure], *, origin: str) -> int:
        """Insert validated measures, all or nothing. Returns the number inserted."""
        self.check_new_measures(measures, origin=origin)
        with self.transaction():
            self.insert_measures(measures, origin=origin)
        return len(measures)

    def insert_measures(self, measures: Sequence[Measure], *, origin: str) -> None:
        """Insert without checks; call inside :meth:`transaction` after validating."""
        for m in measures:
            self._con.execute(
                'INSERT INTO measures (measure_id, imposing, kind, status, effective, "end", '
                "fingerprint, record, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    m.id,
                    m.imposing,
                    m.kind,
                    m.status,
                    m.effective,
                    m.end,
                    measure_fingerprint(m),
                    m.model_dump_json(),
                    origin,
                ],
            )

    def delete_bundled(self) -> None:
        """Remove rows that came from the bundled data (inside a caller's transaction)."""
        self._con.execute("DELETE FROM measures WHERE origin = 'bundled'")
        self._con.execute("DELETE FROM flows WHERE dataset = 'bundled'")

    # -- flows -------------------------------------------------------------------------------
    def add_flows_frame(
        self, frame: pd.DataFrame, constants: Mapping[str, object] | None = None
    ) -> int:
        """Append rows to ``flows``; call inside a transaction.

        ``frame`` holds the columns that vary by row; ``constants`` gives the value of every other
        column of :data:`FLOW_COLUMNS` (the same for all rows, e.g. the source of an import), so
        bulk imports do not repeat them in memory. Returns the number of rows written.
        """
        constants = dict(constants or {})
        missing = [c for c in FLOW_COLUMNS if c not in frame.columns and c not in constants]
        if missing:
            raise StoreError(f"flows frame lacks columns {missing}")
        select: list[str] = []
        params: dict[str, object] = {}
        for i, col in enumerate(FLOW_COLUMNS):
            if col in frame.columns:
                select.append(f'"{col}"')
            else:
                select.append(f"$c{i}")
                params[f"c{i}"] = constants[col]
        import pyarrow as pa

        view = frame[[c for c in FLOW_COLUMNS if c in frame.columns]]
        # Arrow is scanned about 2x faster than a pandas frame with string columns
        self._con.register("_incoming_flows", pa.Table.from_pandas(view, preserve_index=False))
        try:
            self._con.execute(
                f"INSERT INTO flows ({', '.join(FLOW_COLUMNS)}) "
                f"SELECT {', '.join(select)} FROM _incoming_flows",
                params,
            )
        except duckdb.Error as exc:
            raise StoreError(f"cannot write flows: {exc}") from exc
        finally:
            self._con.unregister("_incoming_flows")
        return len(view)

    def record_import(
        self,
        *,
        import_id: str,
        dataset: str,
        file: str,
        rows_read: int,
        rows_rejected: int,
        rows_kept: int,
    ) -> None:
        self._con.execute(
            "INSERT INTO imports (import_id, dataset, file, rows_read, rows_rejected, rows_kept) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [import_id, dataset, file, rows_read, rows_rejected, rows_kept],
        )

    def import_exists(self, import_id: str) -> str | None:
        row = self._con.execute(
            "SELECT file FROM imports WHERE import_id = ?", [import_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def query_flows(
        self,
        *,
        reporter: str | None = None,
        partner: str | None = None,
        hs: str | None = None,
        year: int | None = None,
        flow: str | None = None,
        dataset: str | None = None,
        preferred_only: bool = False,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Flows matching every given filter; ``hs`` matches codes that start with it."""
        where: list[str] = []
        params: dict[str, object] = {}
        for col, val in (
            ("reporter", reporter),
            ("partner", partner),
            ("year", year),
            ("flow", flow),
            ("dataset", dataset),
        ):
            if val is not None:
                where.append(f"{col} = ${col}")
                params[col] = val
        if hs is not None:
            # a row's hs may join several codes with '+'; match if any of them nests with hs
            where.append(
                "len(list_filter(string_split(hs, '+'), "
                "lambda c: starts_with(c, $hs) OR starts_with($hs, c))) > 0"
            )
            params["hs"] = hs
        if preferred_only:
            where.append("preferred")
        sql = "SELECT * FROM flows"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY reporter, partner, hs, year, flow, dataset"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._con.execute(sql, params).df()

    # -- export / import of whole tables -----------------------------------------------------
    def export_table(self, table: str, path: Path) -> int:
        """Write a table to Parquet or CSV (by suffix), atomically. Returns rows written."""
        if table not in TABLES:
            raise NotFoundError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        fmt = _format_of(path)
        cols = "* EXCLUDE (record), record::VARCHAR AS record" if table == "measures" else "*"
        opts = "(FORMAT PARQUET)" if fmt == "parquet" else "(FORMAT CSV, HEADER)"
        save_atomic(
            path,
            lambda tmp: self._con.execute(
                f"COPY (SELECT {cols} FROM {table}) TO '{_sql_path(tmp)}' {opts}"
            ),
        )
        row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def read_table_file(self, path: Path) -> pd.DataFrame:
        """Read a Parquet or CSV file (by suffix) into a DataFrame through DuckDB."""
        fmt = _format_of(path)
        if not path.exists():
            raise NotFoundError(f"no file {path}")
        fn = "read_parquet" if fmt == "parquet" else "read_csv_auto"
        return self._con.execute(f"SELECT * FROM {fn}('{_sql_path(path)}')").df()


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".parquet", ".pq"}:
        return "parquet"
    if suffix == ".csv":
        return "csv"
    raise StoreError(f"{path}: use a .parquet or .csv file name")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def rows_as_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-friendly records (NaN -> None, dates -> ISO strings, numpy -> Python)."""
    return [
        {str(k): jsonable(v) for k, v in rec.items()} for rec in frame.to_dict(orient="records")
    ]
