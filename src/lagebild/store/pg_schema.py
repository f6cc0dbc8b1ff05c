"""The registry of PostgreSQL schema changes, apart from `store.postgres` so that a module with tables of
its own (the fetch log, the extractions, the snapshot) registers its PostgreSQL migrations beside its
SQLite ones without importing psycopg (an optional dependency)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The language configuration of PostgreSQL's own full-text search for each document: English for English
# documents, German for every other one (lagebild's main language), as the SQLite search index does.
TEXT_SEARCH_CONFIG = ("CASE WHEN (record::jsonb ->> 'language') = 'en' THEN 'english'::regconfig "
                      "ELSE 'german'::regconfig END")
PgMigration = Callable[[Any], None]  # called with the psycopg connection, inside the migration's transaction
PG_MIGRATIONS: list[tuple[int, str, PgMigration]] = []
MODULE_OF: dict[int, str] = {}


def pg_migration(version: int, name: str) -> Callable[[PgMigration], PgMigration]:
    """Register a PostgreSQL schema change; `func(conn)` runs inside the migration's transaction. Versions
    are those of the same change in SQLite where there is one (1-49 the core's)."""

    def deco(func: PgMigration) -> PgMigration:
        if any(v == version for v, _, _ in PG_MIGRATIONS):
            raise ValueError(f"PostgreSQL migration {version} is registered twice")
        PG_MIGRATIONS.append((version, name, func))
        MODULE_OF[version] = func.__module__
        return func

    return deco

