"""The corpus in PostgreSQL (psycopg 3): the SQLite store's schema and semantics on a server several
people and workers write to at once.

- Documents are keyed by their content hash (`UNIQUE`), their id is `d` + its first 12 hex digits
  (longer only if another document's id has taken them), exactly as in `store.sqlite`, so the same
  corpus gives the same ids and the same dossier in both back-ends.
- A document is inserted with `INSERT ... ON CONFLICT DO NOTHING` in its own transaction: two writers
  storing the same content at once leave one row, and a writer killed mid-insert leaves none (the
  server rolls its transaction back), so a resumed run adds it again.
- Schema changes are registered with `@pg_migration(version, name)` (versions 1-49 are the core's,
  as in SQLite), recorded in `migrations`, each applied in one transaction under an advisory lock so
  that writers opening a new database at once apply each migration once. A database with a migration
  this code does not know was changed by a newer lagebild and is refused before anything is written.
- Documents are listed by source and content hash in byte order (`COLLATE "C"`, as SQLite compares
  text), read through a server-side cursor so a large corpus is never held at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import psycopg

from ..errors import StoreError
from ..model import Document, RawInput
from .base import Dialect, Sql, check_known, redact, stored_document
from .pg_schema import MODULE_OF, PG_MIGRATIONS, TEXT_SEARCH_CONFIG, pg_migration
from .sqlite import ID_HEX_DIGITS, content_hash

# Rows fetched per round trip when the documents are read.
FETCH_ROWS = 500
CONNECT_TIMEOUT_S = 10


@pg_migration(1, "documents")
def _initial(conn: psycopg.Connection[Any]) -> None:
    conn.execute("""
        CREATE TABLE documents (
            seq BIGSERIAL PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            raw TEXT NOT NULL,
            record TEXT NOT NULL,
            added_at TIMESTAMPTZ NOT NULL
        )""")


@pg_migration(2, "document ids from the content hash")
def _document_ids(conn: psycopg.Connection[Any]) -> None:
    conn.execute("ALTER TABLE documents ADD COLUMN doc_id TEXT")
    conn.execute(f"UPDATE documents SET doc_id = 'd' || substr(content_hash, 1, {ID_HEX_DIGITS})")
    conn.execute("ALTER TABLE documents ADD CONSTRAINT documents_doc_id UNIQUE (doc_id)")
    conn.execute('CREATE INDEX documents_order ON documents (source COLLATE "C", content_hash COLLATE "C")')


@pg_migration(3, "full-text search")
def _full_text_search(conn: psycopg.Connection[Any]) -> None:
    """Title and text as a tsvector kept by the server itself (a generated column), with a GIN index:
    `report --query` finds "Bürgermeisterinnen" for "Bürgermeisterin", "election" for "elections"."""
    conn.execute(f"""
        ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
            to_tsvector({TEXT_SEARCH_CONFIG},
                        coalesce(record::jsonb ->> 'title', '') || ' ' || coalesce(record::jsonb ->> 'text', ''))
        ) STORED""")
    conn.execute("CREATE INDEX documents_search ON documents USING GIN (search)")


@pg_migration(4, "story membership")
def _story_index(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE story_members (story TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (story, doc))")
    conn.execute("CREATE TABLE story_index (documents INTEGER NOT NULL, made_at TEXT NOT NULL)")


@pg_migration(54, "corpus memo")
def _corpus_memo(conn: psycopg.Connection[Any]) -> None:
    """The corpus stages' results by the hash of their inputs (store/memo.py; SQLite's migration 54)."""
    conn.execute("CREATE TABLE corpus_memo (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, "
                 "PRIMARY KEY (kind, key))")


# The key of the advisory lock that serialises migrations ("LAGE" in ASCII, as SQLite's application id).
_LOCK_KEY = 0x4C414745
# The advisory lock `transaction()` holds ("LAGF").
_WRITER_LOCK_KEY = 0x4C414746


def connect_reader(url: str, statement_seconds: float) -> psycopg.Connection[Any]:
    """A connection that only reads (the workspace's), each statement cancelled after the time limit."""
    options = f"-c default_transaction_read_only=on -c statement_timeout={max(1, int(statement_seconds * 1000))}"
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, options=options)
    except psycopg.Error as exc:
        raise StoreError(redact(url), f"PostgreSQL cannot be reached ({str(exc).strip()})") from None


@lru_cache(maxsize=512)
def pg_statement(statement: str) -> str:
    """An SQLite-style statement in psycopg's placeholders (`?` -> `%s`; a literal `%` doubled), with
    SQLite's `json_each(?)` over a JSON array (its rows' `value`) as PostgreSQL's
    `json_array_elements_text`. The statements are lagebild's own: no `?` inside a string literal."""
    statement = statement.replace("json_each(?)", "json_array_elements_text(?::json)")
    return statement.replace("%", "%%").replace("?", "%s")


class PgSql:
    """`store.sql` of PostgreSQL: SQLite-style statements on the psycopg connection (see `store.base`)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, statement: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(pg_statement(statement), params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        cur = self.conn.cursor()
        cur.executemany(pg_statement(statement), rows)
        return cur


class PostgresStore:
    """`PostgresStore("postgresql://user@host:5432/corpus")` connects and migrates."""

    dialect: Dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.path = redact(url)
        try:
            self.db: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True,
                                                               connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(self.path, f"PostgreSQL cannot be reached ({str(exc).strip()})") from None
        self.sql = PgSql(self.db)
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(self.path, f"PostgreSQL refused the schema ({str(exc).strip()})") from None
        except StoreError:
            self.db.close()
            raise

    def _migrate(self) -> None:
        db = self.db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            self._check_owner()
            db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, "
                       "applied_at TIMESTAMPTZ, module TEXT)")
            self._check_newer()
        for version, name, func in sorted(PG_MIGRATIONS):
            with db.transaction():  # one each; the lock makes a second opener wait, then skip it
                db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                if db.execute("SELECT 1 FROM migrations WHERE version = %s", (version,)).fetchone():
                    continue
                func(db)
                db.execute("INSERT INTO migrations (version, name, applied_at, module) VALUES (%s, %s, %s, %s)",
                           (version, name, _now(), MODULE_OF.get(version)))

    def _check_owner(self) -> None:
        """A database that holds tables but no `migrations` table is another program's. (`documents`
        may be missing yet: another writer may be between the migrations table and migration 1.)"""
        tables = {n for (n,) in self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        if tables and "migrations" not in tables:
            raise StoreError(self.path, f"it is another program's database (tables: {', '.join(sorted(tables))})")

    def _check_newer(self) -> None:
        check_known(self.path, self.db.execute("SELECT version, name, module FROM migrations").fetchall(),
                    PG_MIGRATIONS)

    @contextmanager
    def _connected(self) -> Iterator[None]:
        """A server gone mid-run is the store's error (what was committed stays; a rerun resumes)."""
        try:
            yield
        except psycopg.OperationalError as exc:
            raise StoreError(self.path, f"the connection to PostgreSQL was lost ({str(exc).strip()}); "
                             "run again to resume") from None

    def has(self, item: RawInput) -> bool:
        with self._connected():
            return self.db.execute("SELECT 1 FROM documents WHERE content_hash = %s",
                                   (content_hash(item),)).fetchone() is not None

    def add(self, item: RawInput, doc: Document, also: Callable[[Sql], None] | None = None) -> bool:
        """Store one analysed document under the id its content hash gives (set on `doc`); committed at
        once. False if it was stored already (by this or another writer). `also(sql)` writes what belongs
        with it (its extraction, the fetch log) in the same transaction: a writer killed in between leaves
        neither."""
        with self._connected(), self.db.transaction():
            if not self._insert(content_hash(item), item, doc):
                return False
            if also is not None:
                also(self.sql)
            return True

    def _insert(self, digest: str, item: RawInput, doc: Document) -> bool:
        for digits in range(ID_HEX_DIGITS, len(digest) + 1):
            doc.id = f"d{digest[:digits]}"
            inserted = self.db.execute(
                "INSERT INTO documents (content_hash, source, format, raw, record, added_at, doc_id) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING seq",
                (digest, doc.source, doc.format, _text(item.content),
                 json.dumps(doc.to_dict(), ensure_ascii=False), _now(), doc.id),
            ).fetchone()
            if inserted is not None:
                return True
            if self.db.execute("SELECT 1 FROM documents WHERE content_hash = %s", (digest,)).fetchone():
                return False  # stored already: the conflict was on the content hash
            # else another document's id has these digits: take one more
        raise StoreError(self.path, f"two documents have the content hash {digest}")  # not reached: hash is UNIQUE

    def documents(self) -> Iterator[Document]:
        """The stored documents by source and content, read in pages through a server-side cursor."""
        with self._connected(), self.db.transaction(), self.db.cursor(name=f"docs_{id(self):x}") as cur:
            cur.itersize = FETCH_ROWS
            cur.execute('SELECT doc_id, raw, format, record FROM documents '
                        'ORDER BY source COLLATE "C", content_hash COLLATE "C"')
            for row in cur:
                yield stored_document(*row)

    def count(self) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """`with store.transaction():` one write transaction, one writer at a time (as SQLite's BEGIN
        IMMEDIATE): two runs replacing the snapshot or the story index at once would otherwise both
        delete the old rows and then both insert the new ones (a duplicate key). Documents are added
        outside it (`add`), by any number of writers at once."""
        with self._connected(), self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK_KEY,))
            yield

    def select(self, where: str, params: list[Any]) -> Iterator[Document]:
        """The documents that `where` (SQL over `record::jsonb` and `search`) keeps, in `documents()`' order."""
        with self._connected(), self.db.transaction(), self.db.cursor(name=f"slice_{id(self):x}") as cur:
            cur.itersize = FETCH_ROWS
            cur.execute(f'SELECT doc_id, raw, format, record FROM documents{where} '
                        'ORDER BY source COLLATE "C", content_hash COLLATE "C"', params)
            for row in cur:
                yield stored_document(*row)

    def close(self) -> None:
        self.db.close()


def _text(s: str) -> str:
    """PostgreSQL text holds no NUL character; SQLite does. Such input is stored with U+FFFD in its
    place (the content hash, and so the id, is still that of the input as read)."""
    return s.replace("\x00", "\ufffd") if "\x00" in s else s


def _now() -> datetime:
    return datetime.now(UTC)

