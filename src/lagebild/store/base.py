"""What the pipeline asks of a corpus store, and `open_store`, which picks the back-end from the address.

Two back-ends keep the same schema (documents keyed by the hash of their content, ids taken from that
hash) and the same semantics (a document is committed as soon as it is done; a second run skips what
the store has; concurrent writers never duplicate or lose a document):

- a file path: SQLite (`store.sqlite.Store`), for one machine;
- `postgresql://user@host:port/dbname`: PostgreSQL (`store.postgres.PostgresStore`, psycopg 3), for a
  team or many workers writing to one corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..errors import StoreError
from ..model import Document, RawInput

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class CorpusStore(Protocol):
    def has(self, item: RawInput) -> bool:
        """True if a document with this content is stored."""

    def add(self, item: RawInput, doc: Document) -> bool:
        """Store one analysed document under the id its content hash gives (set on `doc`), committed at
        once; False if it was stored already (by this or another run)."""

    def documents(self) -> Iterator[Document]:
        """Every stored document, by source and then content hash, read one at a time."""

    def count(self) -> int: ...

    def close(self) -> None: ...


def is_postgres(address: str | Path) -> bool:
    return str(address).startswith(POSTGRES_SCHEMES)


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
