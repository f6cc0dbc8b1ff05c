"""The corpus in SQLite: every analysed document is committed as soon as it is done, keyed by the
hash of its content, so a second run skips what the store has and a killed run resumes where it
stopped, losing and duplicating nothing. The schema is changed only by registered migrations,
recorded in a table of their own."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..model import Document, InputFormat, RawInput

MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = []


def migration(version: int, name: str) -> Callable[[Callable[[sqlite3.Connection], None]], Callable[..., None]]:
    def deco(func: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
        MIGRATIONS.append((version, name, func))
        return func

    return deco


@migration(1, "documents")
def _initial(db: sqlite3.Connection) -> None:
    db.executescript("""
        CREATE TABLE documents (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            raw TEXT NOT NULL,
            record TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
    """)


def content_hash(item: RawInput) -> str:
    """Same text and same given fields = same document, wherever the file lies."""
    h = hashlib.sha256(item.content.encode("utf-8"))
    h.update(json.dumps(item.fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


class Store:
    """`Store(path)` opens (and migrates) a corpus database; `":memory:"` for tests."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA journal_mode=WAL" if str(path) != ":memory:" else "PRAGMA journal_mode=MEMORY")
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, "
                        "applied_at TEXT)")
        done = {v for (v,) in self.db.execute("SELECT version FROM migrations")}
        for version, name, func in sorted(MIGRATIONS):
            if version not in done:
                with self.db:
                    func(self.db)
                    self.db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))

    def has(self, item: RawInput) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(item),)).fetchone() \
            is not None

    def next_id(self) -> str:
        (seq,) = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()
        return f"d{seq}"

    def add(self, item: RawInput, doc: Document, also: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """Store one analysed document; committed at once, so a crash keeps what is done. `also` writes
        what belongs with it (the fetch log) in the same transaction."""
        with self.db:
            self.db.execute(
                "INSERT INTO documents (content_hash, source, format, raw, record, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (content_hash(item), doc.source, doc.format, item.content,
                 json.dumps(doc.to_dict(), ensure_ascii=False), _now()),
            )
            if also is not None:
                also(self.db)

    def documents(self) -> Iterator[Document]:
        """The stored documents in the order they were added, read one at a time."""
        for raw, fmt, record in self.db.execute("SELECT raw, format, record FROM documents ORDER BY seq"):
            f: InputFormat = "html" if fmt == "html" else ("record" if fmt == "record" else "text")
            yield Document.from_dict(json.loads(record), raw=raw, fmt=f)

    def count(self) -> int:
        (n,) = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(n)

    def close(self) -> None:
        self.db.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
