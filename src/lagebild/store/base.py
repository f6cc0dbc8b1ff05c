"""What the pipeline asks of a corpus store, and `open_store`, which picks the back-end from the address.

Two back-ends keep the same schema (documents keyed by the hash of their content, ids taken from that
hash) and the same semantics (a document is committed as soon as it is done; a second run skips what
the store has; concurrent writers never duplicate or lose a document):

- a file path: SQLite (`store.sqlite.Store`), for one machine;
- `postgresql://user@host:port/dbname`: PostgreSQL (`store.postgres.PostgresStore`, psycopg 3), for a
  team or many workers writing to one corpus.

Modules with tables of their own (the fetch log, the per-document extractions, the workspace's snapshot)
write through `store.sql`: SQLite's statements with `?` placeholders, which both back-ends run (portable
SQL: `INSERT ... ON CONFLICT`, no `INSERT OR ...`); `store.dialect` names the back-end where the two
differ (the full-text search).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import StoreError
from ..model import Document, InputFormat, RawInput

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_MODULE_NAME = re.compile(r"lagebild(\.[A-Za-z_][A-Za-z0-9_]*)+")


class Sql(Protocol):
    """A connection (or a transaction on it) that runs SQLite-style statements: an `sqlite3.Connection`,
    or `store.postgres.PgSql` over psycopg."""

    def execute(self, statement: str, params: Sequence[Any] = ...) -> Any: ...

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> Any: ...


Dialect = Literal["sqlite", "postgres"]


class CorpusStore(Protocol):
    path: str
    dialect: Dialect

    @property
    def sql(self) -> Sql:
        """The store's connection for portable statements (see the module's docstring)."""

    def transaction(self) -> Any:
        """`with store.transaction():` the statements on `store.sql` inside commit together, or none."""

    def has(self, item: RawInput) -> bool:
        """True if a document with this content is stored."""

    def add(self, item: RawInput, doc: Document, also: Callable[[Sql], None] | None = None) -> bool:
        """Store one analysed document under the id its content hash gives (set on `doc`), committed at
        once; False if it was stored already (by this or another run). `also(sql)` writes what belongs
        with it (its extraction, the fetch log) in the same transaction."""

    def documents(self) -> Iterator[Document]:
        """Every stored document, by source and then content hash, read one at a time."""

    def count(self) -> int: ...

    def close(self) -> None: ...


def is_postgres(address: str | Path) -> bool:
    return str(address).startswith(POSTGRES_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def open_store(address: str | Path) -> CorpusStore:
    """The store at `address`: PostgreSQL for a `postgresql://` URL, else the SQLite file at that path."""
    if is_postgres(address):
        try:
            from .postgres import PostgresStore  # psycopg is imported only when PostgreSQL is used
        except ImportError:
            raise StoreError(address, "PostgreSQL needs psycopg: pip install 'lagebild[postgres]'") from None

        return PostgresStore(str(address))
    from .sqlite import Store

    return Store(address)


def check_known(where: object, recorded: Iterable[tuple[int, str, str | None]],
                known: Sequence[tuple[int, str, object]]) -> None:
    """Refuse a store with a migration (version, name, module) this code does not know: a newer lagebild
    wrote it. The module that registered it is imported first (it registers its migrations into `known`)."""
    for version, name, module in recorded:
        if any(v == version for v, _, _ in known):
            continue
        if module and _MODULE_NAME.fullmatch(module):
            try:
                importlib.import_module(module)
            except ImportError:
                pass
        if not any(v == version for v, _, _ in known):
            raise StoreError(where, f"a newer lagebild changed its schema (migration {version} "
                             f"'{name}' is unknown here); update lagebild to use it")


def stored_document(doc_id: str, raw: str, fmt: str, record: str) -> Document:
    """A document as a store keeps it (its dossier record and raw input) back as a Document."""
    f: InputFormat = "html" if fmt == "html" else ("record" if fmt == "record" else "text")
    doc = Document.from_dict(json.loads(record), raw=raw, fmt=f)
    doc.id = doc_id
    return doc
