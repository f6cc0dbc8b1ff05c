"""The stories of a store as its runs left them (corpus/story_growth.py): each story's state (members,
summed term vector, dates), the stories indexed under their top terms, every term's document frequency,
and which story each document is in. A run that adds documents reads what they touch and writes what
changed. The same tables in SQLite and PostgreSQL (migration 55 in both), written by the same statements
(`store.sql`)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..corpus.stories import TOP_TERMS
from ..corpus.story_growth import Changes
from .base import CorpusStore
from .pg_schema import pg_migration
from .sqlite import execute_statements, migration

TABLES = """
    CREATE TABLE story_state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE story_state_docs (doc TEXT PRIMARY KEY, story INTEGER NOT NULL);
    CREATE TABLE story_state (story INTEGER PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE story_state_terms (term TEXT NOT NULL, story INTEGER NOT NULL, PRIMARY KEY (term, story));
    CREATE INDEX story_state_terms_story ON story_state_terms(story);
    CREATE TABLE story_state_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
"""
NAMES = ("story_state_meta", "story_state_docs", "story_state", "story_state_terms", "story_state_df")
# Terms per statement when a JSON list of them is handed to one (a new document has a few hundred).
CHUNK = 5000


@migration(55, "kept story state")
def _tables(db: sqlite3.Connection) -> None:
    execute_statements(db, TABLES)


@pg_migration(55, "kept story state")
def _pg_tables(conn: Any) -> None:
    execute_statements(conn, TABLES)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class StoredStories:
    """corpus.story_growth.StoryState over a store's tables."""

    def __init__(self, store: CorpusStore) -> None:
        self.store = store
        self.sql = store.sql

    def meta(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.sql.execute("SELECT key, value FROM story_state_meta")}

    def assignments(self) -> dict[str, int]:
        return {str(d): int(s) for d, s in self.sql.execute("SELECT doc, story FROM story_state_docs")}

    def _by_terms(self, statement: str, terms: list[str]) -> list[Any]:
        rows: list[Any] = []
        for k in range(0, len(terms), CHUNK):
            rows += self.sql.execute(statement, (_json(terms[k : k + CHUNK]),)).fetchall()
        return rows

    def df(self, terms: list[str]) -> dict[str, int]:
        return {str(w): int(n) for w, n in self._by_terms(
            "SELECT term, df FROM story_state_df WHERE term IN (SELECT value FROM json_each(?))", terms)}

    def stories_with(self, terms: list[str]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for w, s in self._by_terms("SELECT term, story FROM story_state_terms "
                                   "WHERE term IN (SELECT value FROM json_each(?)) ORDER BY story", terms):
            found.setdefault(str(w), []).append(int(s))
        return found

    def story(self, key: int) -> dict[str, Any] | None:
        row = self.sql.execute("SELECT data FROM story_state WHERE story = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def save(self, changes: Changes, expected_documents: int | None) -> None:
        """Write the changes in one transaction; none if another run changed the state since this one read
        it (`expected_documents` no longer the count kept: the next run clusters from scratch)."""
        with self.store.transaction():
            db = self.sql
            if changes.everything:
                for table in NAMES:
                    db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
            elif expected_documents is not None:
                row = db.execute("SELECT value FROM story_state_meta WHERE key = 'documents'").fetchone()
                if row is None or row[0] != str(expected_documents):
                    db.execute("DELETE FROM story_state_meta")  # the state no longer matches: next run starts over
                    return
            gone = sorted(changes.gone | set(changes.stories))
            if not changes.everything:
                for table in ("story_state", "story_state_terms"):
                    db.executemany(f"DELETE FROM {table} WHERE story = ?", ((s,) for s in gone))  # noqa: S608
            db.executemany("INSERT INTO story_state VALUES (?, ?)",
                           ((s, _json(data)) for s, data in sorted(changes.stories.items())))
            db.executemany("INSERT INTO story_state_terms VALUES (?, ?)",
                           ((w, s) for s, data in sorted(changes.stories.items())
                            for w in dict.fromkeys(w for w, _ in data["terms"][:TOP_TERMS])))
            for table, key, value, rows in (("story_state_docs", "doc", "story", changes.documents),
                                            ("story_state_df", "term", "df", changes.df),
                                            ("story_state_meta", "key", "value", changes.meta)):
                db.executemany(f"INSERT INTO {table} VALUES (?, ?) ON CONFLICT ({key}) "  # noqa: S608 (fixed names)
                               f"DO UPDATE SET {value} = excluded.{value}", sorted(rows.items()))

