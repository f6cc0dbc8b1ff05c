"""The corpus in SQLite: every analysed document is committed as soon as it is done, keyed by the
hash of its content, so a second run skips what the store has and a killed run resumes where it
stopped, losing and duplicating nothing. The schema is changed only by registered migrations,
recorded in a table of their own, each applied in one transaction.

Several runs may write to one store at once: a document's id comes from its content hash and is
checked inside the transaction that inserts it, a document another run stored meanwhile is left
alone (never duplicated), and a writer waits for a busy store instead of failing. The dossier of a
store lists its documents in one order (by source, then content), so it does not depend on which
run stored what first.

A store is marked as lagebild's (`PRAGMA application_id`); a database of another program, a file
that is no database, and a store written by a newer lagebild (a migration this code does not know)
are refused with a message that says so, before anything is changed.

Modules that keep tables of their own register migrations with `@migration(version, name)`
(versions 1-49 are the core's); a store records which module registered each migration, and opening
it imports that module, so every run knows every migration of the store it opens."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Document, RawInput
from .base import Dialect, Sql, check_known, stored_document

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []
_MODULE_OF: dict[int, str] = {}

# "LAGE" in ASCII: the mark a lagebild store carries in its header (PRAGMA application_id).
APPLICATION_ID = 0x4C414745
# How long a writer waits for another run's transaction before giving up (seconds). A document's
# transaction takes milliseconds; waiting long only matters when many runs start at once.
BUSY_TIMEOUT_S = 120.0
# Hex digits of the content hash in a document id: 48 bits, a collision one in 10^5 at 10^5
# documents, and then resolved by a longer id (see `_free_id`).
ID_HEX_DIGITS = 12
_SQLITE_HEADER = b"SQLite format 3\x00"


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register a schema change. `func(db)` runs inside the migration's transaction: use
    `db.execute` statement by statement (`executescript` would commit on its own)."""

    def deco(func: Migration) -> Migration:
        if any(v == version for v, _, _ in MIGRATIONS):
            raise ValueError(f"migration {version} is registered twice")
        MIGRATIONS.append((version, name, func))
        _MODULE_OF[version] = func.__module__
        return func

    return deco


def execute_statements(db: Sql | Any, script: str) -> None:
    """A migration's DDL statement by statement, inside its transaction (plain DDL: no ";" in literals);
    on an SQLite or a psycopg connection."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration(1, "documents")
def _initial(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TABLE documents (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            raw TEXT NOT NULL,
            record TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""")


@migration(2, "document ids from the content hash")
def _document_ids(db: sqlite3.Connection) -> None:
    """Ids used to be the next free number, read before the insert: two runs took the same ones."""
    db.execute("ALTER TABLE documents ADD COLUMN doc_id TEXT")
    db.execute(f"UPDATE documents SET doc_id = 'd' || substr(content_hash, 1, {ID_HEX_DIGITS})")
    db.execute("CREATE UNIQUE INDEX documents_doc_id ON documents (doc_id)")
    db.execute("CREATE INDEX documents_order ON documents (source, content_hash)")


def content_hash(item: RawInput) -> str:
    """Same text and same given fields = same document, wherever the file lies."""
    h = hashlib.sha256(item.content.encode("utf-8", "surrogatepass"))
    h.update(json.dumps(item.fields, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _check_file(path: Path) -> None:
    """Refuse what cannot be a store before SQLite touches it (it would add its tables to any file)."""
    if path.is_dir():
        raise StoreError(path, "it is a directory; give a file name such as corpus.sqlite")
    if path.exists():
        try:
            with open(path, "rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            raise StoreError(path, f"cannot read it ({exc.strerror or type(exc).__name__})") from None
        if head and not head.startswith(_SQLITE_HEADER):
            raise StoreError(path, "it is not an SQLite database (another kind of file)")
        if head and len(head) < 100:
            raise StoreError(path, "it is a truncated SQLite database")
    elif not path.parent.is_dir():
        raise StoreError(path, f"its folder {path.parent} does not exist")


class Store:
    """`Store(path)` opens (and migrates) a corpus database; `":memory:"` for tests."""

    dialect: Dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if not memory:
            _check_file(Path(path))
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        for attempt in itertools.count():
            try:
                self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                self.sql: Sql = self.db  # SQLite runs the portable statements as they are
                self._open(memory)
                return
            except sqlite3.DatabaseError as exc:
                if getattr(self, "db", None) is not None:
                    self.db.close()
                # Some lock conflicts come back at once instead of after the busy timeout (switching to WAL or
                # recovering its index while another run opens or writes the store): wait and open it again
                busy = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise StoreError(path, f"SQLite cannot use it ({exc})") from None
                time.sleep(min(2.0, 0.05 * 2**attempt))

    def _open(self, memory: bool) -> None:
        db = self.db
        self._check_owner()  # before anything is written, even the journal mode
        if not memory:  # WAL: readers never block the writer; switching needs no open transaction
            db.execute("PRAGMA journal_mode=WAL")
        with self._transaction():
            self._check_owner()
            db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, "
                       "applied_at TEXT)")
            if "module" not in {row[1] for row in db.execute("PRAGMA table_info(migrations)")}:
                db.execute("ALTER TABLE migrations ADD COLUMN module TEXT")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._check_newer()
        for version, name, func in sorted(MIGRATIONS):
            with self._transaction():  # one transaction each, checked again inside: another run may be here too
                if db.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                    continue
                func(db)
                db.execute("INSERT INTO migrations (version, name, applied_at, module) VALUES (?, ?, ?, ?)",
                           (version, name, _now(), _MODULE_OF.get(version)))
                db.execute(f"PRAGMA user_version = {max(version, self._user_version())}")

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def transaction(self) -> _Transaction:
        """`with store.transaction():` one write transaction (BEGIN IMMEDIATE; the connection commits
        nothing on its own, so `with store.db:` would not be one)."""
        return _Transaction(self.db)

    def _user_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _check_owner(self) -> None:
        (app_id,) = self.db.execute("PRAGMA application_id").fetchone()
        if app_id == APPLICATION_ID:
            return
        if app_id:
            raise StoreError(self.path, f"it belongs to another program (application id {app_id:#x})")
        tables = {n for (n,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables.discard("sqlite_sequence")
        # a store made before the mark is adopted; one that another run is creating right now may have only
        # lagebild's `migrations` table yet (seen with four writers starting at once on a loaded machine)
        if tables and not ("migrations" in tables and self._our_migrations_table()):
            raise StoreError(self.path, f"it is another program's database (tables: {', '.join(sorted(tables))})")

    def _our_migrations_table(self) -> bool:
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(migrations)")}
        return {"version", "name", "applied_at"} <= columns

    def _check_newer(self) -> None:
        """A migration recorded in the store and unknown here: a newer lagebild wrote it."""
        check_known(self.path, self.db.execute("SELECT version, name, module FROM migrations").fetchall(), MIGRATIONS)

    def has(self, item: RawInput) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(item),)).fetchone() \
            is not None

    def add(self, item: RawInput, doc: Document, also: Callable[[Sql], None] | None = None) -> bool:
        """Store one analysed document under the id its content hash gives (set on `doc`); committed at
        once, so a crash keeps what is done. False if another run stored it meanwhile. `also` writes what
        belongs with it (the fetch log, its extraction) in the same transaction."""
        digest = content_hash(item)
        with self._transaction():
            if self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone():
                return False
            doc.id = self._free_id(digest)
            self.db.execute(
                "INSERT INTO documents (content_hash, source, format, raw, record, added_at, doc_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (digest, doc.source, doc.format, item.content,
                 json.dumps(doc.to_dict(), ensure_ascii=False), _now(), doc.id),
            )
            if also is not None:
                also(self.db)
        return True

    def _free_id(self, digest: str) -> str:
        for digits in range(ID_HEX_DIGITS, len(digest) + 1):
            if not self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (f"d{digest[:digits]}",)).fetchone():
                return f"d{digest[:digits]}"
        raise StoreError(self.path, f"two documents have the content hash {digest}")  # not reached: hash is UNIQUE

    def documents(self) -> Iterator[Document]:
        """The stored documents by source and content, read one at a time."""
        rows = self.db.execute("SELECT doc_id, raw, format, record FROM documents ORDER BY source, content_hash")
        for row in rows:
            yield stored_document(*row)

    def count(self) -> int:
        (n,) = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(n)

    def close(self) -> None:
        self.db.close()


class _Transaction:
    """`BEGIN IMMEDIATE` ... `COMMIT` (or `ROLLBACK` on an error): the write lock is taken at the start,
    so two runs never both read "not there yet" and then both insert."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
