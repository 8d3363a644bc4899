"""Database schema, as an ordered list of migrations. SQL lives in ``thaw.data`` only.

Rules: a migration is never edited once released; a new one is appended with the next version.
Migrations only add (tables, columns); nothing is dropped silently. The flows table has no ART
index on purpose: DuckDB's zone maps serve the filters, and an index slowed bulk imports (commit
of 1M rows 0.35 s with it, 0 s without; the filtered query 31-44 ms either way).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "measure register, trade flows, import log",
        (
            """CREATE TABLE IF NOT EXISTS meta (
                key VARCHAR PRIMARY KEY,
                value VARCHAR NOT NULL
            )""",
            """CREATE TABLE measures (
                measure_id VARCHAR PRIMARY KEY,
                imposing VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                status VARCHAR NOT NULL,
                effective DATE,
                "end" DATE,
                fingerprint VARCHAR NOT NULL UNIQUE,
                record JSON NOT NULL,
                origin VARCHAR NOT NULL,
                added_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )""",
            """CREATE TABLE flows (
                dataset VARCHAR NOT NULL,
                import_id VARCHAR NOT NULL,
                hs VARCHAR NOT NULL,
                hs_revision VARCHAR,
                product VARCHAR,
                reporter VARCHAR NOT NULL,
                partner VARCHAR NOT NULL,
                flow VARCHAR NOT NULL CHECK (flow IN ('export', 'import')),
                year INTEGER NOT NULL,
                period VARCHAR NOT NULL,
                value DOUBLE CHECK (value IS NULL OR value >= 0),
                currency VARCHAR,
                quantity DOUBLE CHECK (quantity IS NULL OR quantity >= 0),
                quantity_unit VARCHAR,
                basis VARCHAR,
                preferred BOOLEAN NOT NULL,
                confidence VARCHAR,
                derived_from VARCHAR,
                note VARCHAR,
                source_url VARCHAR NOT NULL,
                publisher VARCHAR NOT NULL,
                published VARCHAR NOT NULL,
                locator VARCHAR NOT NULL,
                CHECK (value IS NOT NULL OR quantity IS NOT NULL)
            )""",
            """CREATE TABLE imports (
                import_id VARCHAR PRIMARY KEY,
                dataset VARCHAR NOT NULL,
                file VARCHAR NOT NULL,
                rows_read BIGINT NOT NULL,
                rows_rejected BIGINT NOT NULL,
                rows_kept BIGINT NOT NULL,
                imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )""",
        ),
    ),
)

MIGRATIONS = (
    *MIGRATIONS,
    Migration(
        2,
        "news evidence: articles (once, by content hash) and the items extracted from them",
        (
            """CREATE TABLE news_articles (
                article_id VARCHAR PRIMARY KEY,
                published DATE NOT NULL,
                outlet VARCHAR,
                url VARCHAR,
                title VARCHAR,
                path VARCHAR,
                text VARCHAR NOT NULL,
                ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )""",
            """CREATE TABLE news_items (
                item_id VARCHAR PRIMARY KEY,
                article_id VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                span_start INTEGER NOT NULL,
                span_end INTEGER NOT NULL,
                sentence VARCHAR NOT NULL,
                fields JSON NOT NULL,
                verdict VARCHAR,
                measure_id VARCHAR,
                review VARCHAR
            )""",
        ),
    ),
)

MIGRATIONS = (
    *MIGRATIONS,
    Migration(
        3,
        "news: publication dates with their basis (undated articles allowed), register diffs, "
        "clause offsets and review notes",
        (
            "ALTER TABLE news_articles ALTER COLUMN published DROP NOT NULL",
            "ALTER TABLE news_articles ADD COLUMN published_basis VARCHAR DEFAULT 'manifest'",
            "ALTER TABLE news_articles ADD COLUMN published_evidence VARCHAR",
            "ALTER TABLE news_items ADD COLUMN register_diff VARCHAR",
            "ALTER TABLE news_items ADD COLUMN sentence_start INTEGER",
            "ALTER TABLE news_items ADD COLUMN review_note VARCHAR",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

#: Columns of a sourced flows table (the bundled flows.csv, user files): what, how much, source.
SOURCED_FLOW_COLUMNS: tuple[str, ...] = (
    "hs",
    "hs_revision",
    "product",
    "reporter",
    "partner",
    "flow",
    "year",
    "period",
    "value",
    "currency",
    "quantity",
    "quantity_unit",
    "basis",
    "preferred",
    "confidence",
    "derived_from",
    "note",
    "source_url",
    "publisher",
    "published",
    "locator",
)
#: Columns of the ``flows`` table: which import a row came from, then the sourced columns.
FLOW_COLUMNS: tuple[str, ...] = ("dataset", "import_id", *SOURCED_FLOW_COLUMNS)
