"""What the collector keeps in the corpus store: every fetch attempt, the URLs waiting to be fetched,
the feed and sitemap entries already seen, and per URL what a conditional request needs (ETag,
Last-Modified) and which content it last gave. A stored document and the log lines about it are
written in one transaction (`Store.add(..., also=...)`), so a killed run loses and duplicates nothing.
The same tables in SQLite and PostgreSQL, written and read by the same statements (`store.sql`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .base import Sql
from .pg_schema import pg_migration
from .sqlite import execute_statements, migration

# The tables in both back-ends; {id}, {real} and {queued} are the column types that differ. PostgreSQL's
# `pending.rowid` is the order the URLs were queued in, which SQLite keeps on its own, so that
# `ORDER BY rowid` reads the queue the same way in both.
ATTEMPTS = """
    CREATE TABLE fetches (
        id {id},
        url TEXT NOT NULL,
        host TEXT NOT NULL,
        at TEXT NOT NULL,
        status INTEGER,
        bytes BIGINT NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL,
        doc TEXT
    );
    CREATE INDEX fetches_outcome ON fetches (outcome);
"""
STATE = """
    CREATE TABLE pending (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        fields TEXT NOT NULL,
        tries INTEGER NOT NULL DEFAULT 0,
        due {real} NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL{queued}
    );
    CREATE TABLE seen_entries (url TEXT NOT NULL, stamp TEXT NOT NULL, PRIMARY KEY (url, stamp));
    CREATE TABLE pages (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        doc TEXT,
        checked_at TEXT NOT NULL
    );
    CREATE TABLE page_contents (body_hash TEXT PRIMARY KEY, url TEXT NOT NULL, doc TEXT NOT NULL);
"""
SQLITE_TYPES = {"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL", "queued": ""}
PG_TYPES = {"id": "BIGSERIAL PRIMARY KEY", "real": "DOUBLE PRECISION", "queued": ",\n        rowid BIGSERIAL"}


@migration(50, "fetch attempts")
def _attempts(db: sqlite3.Connection) -> None:
    execute_statements(db, ATTEMPTS.format(**SQLITE_TYPES))


@migration(51, "collector state")
def _state(db: sqlite3.Connection) -> None:
    execute_statements(db, STATE.format(**SQLITE_TYPES))


@pg_migration(50, "fetch attempts")
def _pg_attempts(conn: Any) -> None:
    execute_statements(conn, ATTEMPTS.format(**PG_TYPES))


@pg_migration(51, "collector state")
def _pg_state(conn: Any) -> None:
    execute_statements(conn, STATE.format(**PG_TYPES))


@dataclass(frozen=True, slots=True)
class Attempt:
    """One HTTP request (or a decision not to make one) and how it ended."""

    url: str
    host: str
    at: str
    status: int | None
    bytes: int
    outcome: str  # stored | not-modified | unchanged | duplicate | discovered | rejected | failed | retry
    reason: str
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Pending:
    url: str
    kind: str  # "seed" (a feed, sitemap or page) or "article"
    fields: dict[str, Any]
    tries: int


@dataclass(frozen=True, slots=True)
class PageState:
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    doc: str | None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FetchLog:
    """The collector's tables on a store's connection (`store.sql`). Methods that take `db` write into a
    transaction the caller opened; the others commit themselves."""

    def __init__(self, db: Sql) -> None:
        self.db = db

    # the queue
    def enqueue(self, db: Sql, url: str, kind: str, fields: dict[str, Any] | None = None) -> bool:
        cur = db.execute("INSERT INTO pending (url, kind, fields, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         (url, kind, json.dumps(fields or {}, ensure_ascii=False), now()))
        return cur.rowcount > 0

    def due(self, at: float) -> list[Pending]:
        rows = self.db.execute("SELECT url, kind, fields, tries FROM pending WHERE due <= ? ORDER BY rowid", (at,))
        return [Pending(u, k, json.loads(f), t) for u, k, f, t in rows]

    def pending_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0])

    def next_due(self) -> float | None:
        (due,) = self.db.execute("SELECT MIN(due) FROM pending").fetchone()
        return None if due is None else float(due)

    def done(self, db: Sql, url: str) -> None:
        db.execute("DELETE FROM pending WHERE url = ?", (url,))

    def postpone(self, db: Sql, url: str, due: float) -> None:
        db.execute("UPDATE pending SET tries = tries + 1, due = ? WHERE url = ?", (due, url))

    # feed and sitemap entries
    def is_new_entry(self, db: Sql, url: str, stamp: str) -> bool:
        return db.execute("INSERT INTO seen_entries VALUES (?, ?) ON CONFLICT DO NOTHING", (url, stamp)).rowcount > 0

    # per-URL state for conditional requests and duplicates
    def page(self, url: str) -> PageState | None:
        row = self.db.execute("SELECT etag, last_modified, body_hash, doc FROM pages WHERE url = ?", (url,)).fetchone()
        return PageState(*row) if row else None

    def content_owner(self, body_hash: str) -> tuple[str, str] | None:
        """(url, doc) of the stored page with this content, if any."""
        row = self.db.execute("SELECT url, doc FROM page_contents WHERE body_hash = ?", (body_hash,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_page(self, db: Sql, url: str, etag: str | None, last_modified: str | None,
                 body_hash: str | None, doc: str | None) -> None:
        db.execute("""INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET
                      etag = COALESCE(excluded.etag, pages.etag),
                      last_modified = COALESCE(excluded.last_modified, pages.last_modified),
                      body_hash = COALESCE(excluded.body_hash, pages.body_hash),
                      doc = COALESCE(excluded.doc, pages.doc),
                      checked_at = excluded.checked_at""",
                   (url, etag, last_modified, body_hash, doc, now()))
        if body_hash and doc:
            db.execute("INSERT INTO page_contents VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (body_hash, url, doc))

    # the attempts
    def record(self, db: Sql, attempts: Iterable[Attempt]) -> None:
        db.executemany("INSERT INTO fetches (url, host, at, status, bytes, outcome, reason, doc) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(a.url, a.host, a.at, a.status, a.bytes, a.outcome, a.reason, a.doc) for a in attempts])

    def attempts(self, limit: int | None = None, problems_only: bool = False) -> list[Attempt]:
        where = "WHERE outcome IN ('rejected', 'failed', 'retry')" if problems_only else ""
        most = "" if limit is None else f"LIMIT {int(limit)}"
        rows = self.db.execute(f"SELECT url, host, at, status, bytes, outcome, reason, doc FROM fetches {where} "
                               f"ORDER BY id DESC {most}")
        return [Attempt(*r) for r in rows]

    def summary(self) -> dict[str, Any]:
        """Counts for `lagebild status`: attempts by outcome, by host, the queue, fetched documents."""
        by_outcome = {o: int(n) for o, n in self.db.execute(
            "SELECT outcome, COUNT(*) FROM fetches GROUP BY outcome ORDER BY 2 DESC, 1")}
        hosts: dict[str, dict[str, int]] = {}
        for host, outcome, n in self.db.execute("SELECT host, outcome, COUNT(*) FROM fetches GROUP BY host, outcome"):
            hosts.setdefault(host, {})[outcome] = int(n)
        (last,) = self.db.execute("SELECT MAX(at) FROM fetches").fetchone()
        (fetched_docs,) = self.db.execute("SELECT COUNT(*) FROM page_contents").fetchone()
        return {"attempts": sum(by_outcome.values()), "by_outcome": by_outcome, "by_host": hosts,
                "last_attempt": last, "pending": self.pending_count(), "fetched_documents": int(fetched_docs)}
