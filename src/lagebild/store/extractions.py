"""Each stored document's own extraction (times, quantities, quotations, name mentions), kept beside
it as JSON, so that a run that adds k documents to a store of N extracts k documents, not N. The
rows carry a key of the code and models that made them: after an upgrade they are made again. The same
table and statements in SQLite and PostgreSQL (`store.sql`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from ..extract.entities import Mention, Mentions
from ..extract.per_document import Extracted
from ..extract.quantities import Quantity
from ..extract.quotes import Quote
from ..extract.timex import TimeMention
from ..model import Document
from .base import Sql
from .pg_schema import pg_migration
from .sqlite import migration

PACKAGE = Path(__file__).resolve().parents[1]
# The code and data an extraction depends on; a change to any of them makes the stored rows stale.
MADE_BY = ("extract", "nlp", "corpus/facts.py", "clean/data", "meta")
TABLE = "CREATE TABLE extractions (doc TEXT PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL)"
# Documents whose extractions are read in one statement (a round trip each, on PostgreSQL).
READ_BATCH = 200


@migration(52, "per-document extractions")
def _extractions(db: sqlite3.Connection) -> None:
    db.execute(TABLE)


@pg_migration(52, "per-document extractions")
def _pg_extractions(conn: Any) -> None:
    conn.execute(TABLE)


@lru_cache(maxsize=1)
def code_key() -> str:
    h = hashlib.sha256()
    for name in MADE_BY:
        root = PACKAGE / name
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and path.suffix != ".pyc":
                h.update(str(path.relative_to(PACKAGE)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def to_json(ex: Extracted) -> str:
    return json.dumps({
        "times": [[t.start, t.end, t.text, t.kind, [list(f) for f in t.fields], t.tense] for t in ex.times],
        "quantities": [[q.start, q.end, q.text, q.value, q.unit, q.qualifier,
                        list(q.normalized) if q.normalized else None, q.unit_key] for q in ex.quantities],
        "quotes": [_quote(q) for q in ex.quotes],
        "mentions": [[m.start, m.end, m.type] for m in ex.mentions],
    }, ensure_ascii=False)


def _quote(q: Quote) -> list[Any]:
    return [q.start, q.end, q.text, q.kind, q.speaker_text, q.cue, q.via,
            list(q.speaker_span) if q.speaker_span else None, [list(c) for c in q.cue_spans]]


def _quote_from(row: list[Any]) -> Quote:
    start, end, text, kind, speaker_text, cue, via, speaker_span, cue_spans = row
    return Quote(start, end, text, kind, speaker_text, cue, via, tuple(speaker_span) if speaker_span else None,
                 [(a, b) for a, b in cue_spans])


def from_json(data: str, text: str) -> Extracted:
    d = json.loads(data)
    return Extracted(
        [TimeMention(a, b, t, k, tuple((f[0], f[1]) for f in fs), tense) for a, b, t, k, fs, tense in d["times"]],
        [Quantity(a, b, t, v, u, ql, (n[0], n[1]) if n else None, key) for a, b, t, v, u, ql, n, key
         in d["quantities"]],
        [_quote_from(q) for q in d["quotes"]],
        Mentions(text, [Mention(a, b, text[a:b], typ) for a, b, typ in d["mentions"]]))


def save(db: Sql, doc: Document) -> None:
    """Inside the transaction that stores the document (`store.add(..., also=...)`)."""
    if doc.extracted is not None:
        db.execute("INSERT INTO extractions VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET key = excluded.key, "
                   "data = excluded.data", (doc.id, code_key(), to_json(doc.extracted)))


def attach(db: Sql, docs: Iterable[Document]) -> Iterator[Document]:
    """The documents with their stored extraction, where one was made by this code (read a batch at a time,
    as the documents stream in)."""
    key = code_key()
    stream = iter(docs)
    while batch := list(islice(stream, READ_BATCH)):
        marks = ", ".join("?" for _ in batch)
        found = dict(db.execute(f"SELECT doc, data FROM extractions WHERE key = ? AND doc IN ({marks})",
                                (key, *(d.id for d in batch))))
        for doc in batch:
            if doc.id in found:
                doc.extracted = from_json(found[doc.id], doc.text)
            yield doc
