"""The corpus stages' results per story, per document and per document pair, kept in the store under a
hash of everything they are computed from (`corpus.memo` makes the keys), so that a run which adds k
documents to a store of N computes again only what the new documents touch: the summaries of the stories
they join, the passages they share, the related articles of the documents that name what they name.
A result is the function of its key, so a run with the memo gives the output of a run without it.

Rows a run did not use (a story that changed, a document pair no longer compared) are deleted after it,
so the table holds one run's worth. The same table in SQLite (migration 54 here) and PostgreSQL
(migration 54 in postgres.py)."""

from __future__ import annotations

import sqlite3
from typing import Any

from .sqlite import Store, migration

# New results written per transaction while a run goes on: a first run over a large store makes about 6 KB
# of them per document, which must not all wait in memory for its end.
WRITE_EVERY = 20_000


@migration(54, "corpus memo")
def _memo(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE corpus_memo (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, "
               "PRIMARY KEY (kind, key))")


class StoredMemo:
    """Results looked up one key at a time (a large corpus's results are never loaded at once); new ones
    written in batches of WRITE_EVERY and by `save`, which also deletes those the run did not use."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.sqlite = isinstance(store, Store)
        self.used: set[tuple[str, str]] = set()
        self.new: dict[tuple[str, str], str] = {}
        self.hits = self.misses = 0

    def _sql(self, statement: str) -> str:
        return statement if self.sqlite else statement.replace("?", "%s")

    def get(self, kind: str, key: str) -> str | None:
        self.used.add((kind, key))
        row = self.store.db.execute(self._sql("SELECT data FROM corpus_memo WHERE kind = ? AND key = ?"),
                                    (kind, key)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return str(row[0])

    def put(self, kind: str, key: str, data: str) -> None:
        self.used.add((kind, key))
        self.new[(kind, key)] = data
        if len(self.new) >= WRITE_EVERY:
            with self.store.transaction():
                self._write_new()

    def _write_new(self) -> None:
        new = [(k, key, data) for (k, key), data in sorted(self.new.items())]
        if self.sqlite:
            self.store.db.executemany("INSERT OR REPLACE INTO corpus_memo VALUES (?, ?, ?)", new)
        else:
            with self.store.db.cursor() as cur:
                cur.executemany("INSERT INTO corpus_memo VALUES (%s, %s, %s) ON CONFLICT (kind, key) "
                                "DO UPDATE SET data = EXCLUDED.data", new)
        self.new.clear()

    def save(self) -> None:
        """The new results, and the deletion of those this run did not use, in one transaction."""
        db = self.store.db
        with self.store.transaction():
            self._write_new()
            db.execute("CREATE TEMPORARY TABLE IF NOT EXISTS memo_used (kind TEXT, key TEXT, PRIMARY KEY (kind, key))")
            db.execute("DELETE FROM memo_used")
            rows = sorted(self.used)
            if self.sqlite:
                db.executemany("INSERT INTO memo_used VALUES (?, ?)", rows)
            else:
                with db.cursor() as cur:
                    cur.executemany("INSERT INTO memo_used VALUES (%s, %s)", rows)
            db.execute("DELETE FROM corpus_memo WHERE NOT EXISTS (SELECT 1 FROM memo_used u "
                       "WHERE u.kind = corpus_memo.kind AND u.key = corpus_memo.key)")
            db.execute("DELETE FROM memo_used")
