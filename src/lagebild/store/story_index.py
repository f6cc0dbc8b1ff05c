"""Which documents each story of the whole store's dossier holds, saved when `analyze --db` computes
it, so that `report --story ID` reads a story's documents instead of clustering the whole store
again. The saved index is used only while the store holds the documents it was made from. The same
two tables in SQLite (migration 53 here) and PostgreSQL (migration 4 in postgres.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from .base import CorpusStore, open_store
from .sqlite import _now, execute_statements, migration


@migration(53, "story membership")
def _stories(db: sqlite3.Connection) -> None:
    execute_statements(db, """
        CREATE TABLE story_members (story TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (story, doc));
        CREATE TABLE story_index (documents INTEGER NOT NULL, made_at TEXT NOT NULL);
    """)


def save(address: str, stories: Iterable[dict[str, Any]], documents: int) -> None:
    store = open_store(address)
    try:
        with store.transaction():
            store.sql.execute("DELETE FROM story_members")
            store.sql.execute("DELETE FROM story_index")
            store.sql.executemany("INSERT INTO story_members VALUES (?, ?)",
                                  ((s["id"], d) for s in stories for d in s["documents"]))
            store.sql.execute("INSERT INTO story_index VALUES (?, ?)", (documents, _now()))
    finally:
        store.close()


def members(store: CorpusStore, story: str) -> list[str] | None:
    """The story's document ids, or None when no index matches the store's current documents."""
    row = store.sql.execute("SELECT documents FROM story_index").fetchone()
    if row is None or row[0] != store.count():
        return None
    return [d for (d,) in store.sql.execute("SELECT doc FROM story_members WHERE story = ?", (story,))]
