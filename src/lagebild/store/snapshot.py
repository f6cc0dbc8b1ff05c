"""The corpus of the last analysis, kept in the store for the workspace (`lagebild serve`): stories,
entities and their mentions, quotes, claims, timeline, reuse, times and quantities, each with the
documents it touches, plus the full-text index. The snapshot is replaced in one transaction (with what the
corpus stages change on documents: dates inferred from related articles, problems of corpus stages), by
writing the rows that changed (changed_rows.py); the search index only grows
(documents never change once stored). The same tables in SQLite and PostgreSQL, written by the same
statements (`store.sql`); PostgreSQL's full-text index is its own (a generated column of the documents)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model import Dossier, plain
from .base import Sql, open_store
from .changed_rows import by_group, by_key, by_order
from .pg_schema import pg_migration
from .search import index_documents
from .sqlite import execute_statements, migration

# The tables in both back-ends. {rowid}: PostgreSQL's column for the order rows were written in, which
# SQLite keeps on its own (`ORDER BY rowid` reads the same in both); {nocase}: the titles' case-blind order.
SNAPSHOT = """
    CREATE TABLE snap_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE snap_docs (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, seq INTEGER, title TEXT,
                            outlet TEXT, language TEXT, published TEXT, story TEXT, state TEXT);
    CREATE INDEX snap_docs_story ON snap_docs(story);
    CREATE INDEX snap_docs_outlet ON snap_docs(outlet, story);
    CREATE INDEX snap_docs_language ON snap_docs(language, story);
    CREATE TABLE snap_stories (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, title TEXT, date TEXT,
                               first_date TEXT, last_date TEXT, n_docs INTEGER, n_outlets INTEGER,
                               record TEXT NOT NULL);
    CREATE INDEX snap_stories_last ON snap_stories(last_date, pos);
    CREATE INDEX snap_stories_size ON snap_stories(n_docs, pos);
    CREATE INDEX snap_stories_outlets ON snap_stories(n_outlets, pos);
    CREATE INDEX snap_stories_title ON snap_stories({nocase}, pos);
    CREATE TABLE snap_entities (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, name TEXT, type TEXT,
                                n_mentions INTEGER, n_docs INTEGER, record TEXT NOT NULL);
    CREATE INDEX snap_entities_rank ON snap_entities(n_docs DESC, n_mentions DESC);
    CREATE TABLE snap_mentions (entity TEXT NOT NULL, doc TEXT NOT NULL, start INTEGER, "end" INTEGER,
                                text TEXT{rowid});
    CREATE INDEX snap_mentions_doc ON snap_mentions(doc);
    CREATE INDEX snap_mentions_entity ON snap_mentions(entity);
    CREATE TABLE snap_quotes (id TEXT PRIMARY KEY, pos INTEGER NOT NULL, doc TEXT NOT NULL, speaker TEXT,
                              record TEXT NOT NULL);
    CREATE INDEX snap_quotes_doc ON snap_quotes(doc);
    CREATE INDEX snap_quotes_speaker ON snap_quotes(speaker);
    CREATE TABLE snap_claims (pos INTEGER PRIMARY KEY, status TEXT, record TEXT NOT NULL);
    CREATE TABLE snap_claim_docs (claim INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX snap_claim_docs_doc ON snap_claim_docs(doc);
    CREATE TABLE snap_timeline (pos INTEGER PRIMARY KEY, date TEXT, record TEXT NOT NULL);
    CREATE TABLE snap_timeline_docs (event INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX snap_timeline_docs_doc ON snap_timeline_docs(doc);
    CREATE TABLE snap_reuse (pos INTEGER PRIMARY KEY, doc_a TEXT NOT NULL, doc_b TEXT NOT NULL,
                             record TEXT NOT NULL);
    CREATE INDEX snap_reuse_a ON snap_reuse(doc_a);
    CREATE INDEX snap_reuse_b ON snap_reuse(doc_b);
    CREATE TABLE snap_facts (doc TEXT NOT NULL, kind TEXT NOT NULL, record TEXT NOT NULL{rowid});
    CREATE INDEX snap_facts_doc ON snap_facts(doc);
"""
# How a story list sorted by title orders them, in each back-end (the index above serves it).
TITLE_ORDER = {"sqlite": "title COLLATE NOCASE", "postgres": "lower(title)"}


@migration(100, "corpus snapshot")
def _snapshot_tables(db: sqlite3.Connection) -> None:
    execute_statements(db, SNAPSHOT.format(rowid="", nocase=TITLE_ORDER["sqlite"]))


@pg_migration(100, "corpus snapshot")
def _pg_snapshot_tables(conn: Any) -> None:
    execute_statements(conn, SNAPSHOT.format(rowid=", rowid BIGSERIAL", nocase=TITLE_ORDER["postgres"]))


@migration(101, "full-text index")
def _search_index(db: sqlite3.Connection) -> None:
    # the columns hold word stems (store.search.index_text); diacritics folded after stemming
    db.execute("CREATE VIRTUAL TABLE search_index USING fts5(doc UNINDEXED, title, body, "
               "tokenize = 'unicode61 remove_diacritics 2')")


SNAPSHOT_TABLES = ("snap_meta", "snap_docs", "snap_stories", "snap_entities", "snap_mentions", "snap_quotes",
                   "snap_claims", "snap_claim_docs", "snap_timeline", "snap_timeline_docs", "snap_reuse",
                   "snap_facts")


def _json(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, default=plain)


def write_snapshot(path: str | Path, dossier: Dossier) -> None:
    """Replace the store's snapshot with this dossier's corpus (one transaction: a reader sees the old
    snapshot or the new one) and index the documents the search index does not have yet."""
    store = open_store(path)
    try:
        with store.transaction():
            _write(store.sql, dossier)
            if store.dialect == "sqlite":
                index_documents(store.sql, ((d.id, d.title, d.text, d.language) for d in dossier.documents))
    finally:
        store.close()


def _write(db: Sql, dossier: Dossier) -> None:
    """The snapshot's tables as this dossier has them, writing only the rows that changed (changed_rows.py):
    a run that adds documents to a large store changes the rows of what they touch."""
    story_of = {d: s["id"] for s in dossier.stories for d in s["documents"]}
    stored = dict(db.execute("SELECT doc_id, seq FROM documents"))  # where each one lies
    by_key(db, "snap_docs", DOC_COLUMNS, (
        (d.id, n, stored.get(d.id), d.title, d.outlet, d.language, d.published.value, story_of.get(d.id),
         _json({"published": d.published.to_dict(), "problems": d.problems}))
        for n, d in enumerate(dossier.documents)))
    by_key(db, "snap_stories", STORY_COLUMNS, _story_rows(dossier))
    by_key(db, "snap_entities", ("id", "pos", "name", "type", "n_mentions", "n_docs", "record"), (
        (e["id"], n, e["name"], e["type"], len(e["mentions"]), len({m["doc"] for m in e["mentions"]}),
         _json({k: v for k, v in dict(e).items() if k != "mentions"})) for n, e in enumerate(dossier.entities)))
    by_group(db, "snap_mentions", ("entity", "doc", "start", "end", "text"),
             ((e["id"], m["doc"], m["start"], m["end"], m["text"]) for e in dossier.entities for m in e["mentions"]))
    by_key(db, "snap_quotes", ("id", "pos", "doc", "speaker", "record"),
           ((q["id"], n, q["doc"], q.get("speaker"), _json(q)) for n, q in enumerate(dossier.quotes)))
    by_key(db, "snap_claims", ("pos", "status", "record"),
           ((n, c["status"], _json(c)) for n, c in enumerate(dossier.claims)))
    by_group(db, "snap_claim_docs", ("claim", "doc"), ((n, d) for n, c in enumerate(dossier.claims)
                                                       for d in dict.fromkeys(v["doc"] for v in c["values"])),
             ordered=False)
    by_key(db, "snap_timeline", ("pos", "date", "record"),
           ((n, ev["date"], _json(ev)) for n, ev in enumerate(dossier.timeline)))
    by_group(db, "snap_timeline_docs", ("event", "doc"), ((n, d) for n, ev in enumerate(dossier.timeline)
                                                          for d in dict.fromkeys(s["doc"] for s in ev["sources"])),
             ordered=False)
    by_key(db, "snap_reuse", ("pos", "doc_a", "doc_b", "record"),
           ((n, r.spans[0].doc, r.spans[1].doc, _json(r.to_dict())) for n, r in enumerate(dossier.reuse)))
    by_order(db, "snap_facts", ("doc", "kind", "record"), _fact_rows(dossier))
    by_key(db, "snap_meta", ("key", "value"), [
        ("written_at", datetime.now(UTC).isoformat(timespec="seconds")),
        ("documents", str(len(dossier.documents))),
        ("rejected", _json([r.to_dict() for r in dossier.rejected]))])


DOC_COLUMNS = ("id", "pos", "seq", "title", "outlet", "language", "published", "story", "state")
STORY_COLUMNS = ("id", "pos", "title", "date", "first_date", "last_date", "n_docs", "n_outlets", "record")


def _story_rows(dossier: Dossier) -> Iterator[tuple[Any, ...]]:
    docs = {d.id: d for d in dossier.documents}
    for n, st in enumerate(dossier.stories):
        members = [docs[d] for d in st["documents"] if d in docs]
        dates = sorted(d.published.value for d in members if d.published.value)
        outlets = {d.outlet for d in members if d.outlet}
        yield (st["id"], n, st["title"], st["date"], dates[0] if dates else st["date"],
               dates[-1] if dates else st["date"] or "", len(members), len(outlets), _json(st))


def _fact_rows(dossier: Dossier) -> Iterator[tuple[str, str, str]]:
    """Each document's times, then its quantities, in the order of the documents (read back `ORDER BY
    rowid`, each kind keeps the dossier's order; a grown store's new documents come last)."""
    facts: dict[str, list[tuple[str, str, str]]] = {}
    for kind, records in (("time", dossier.times), ("quantity", dossier.quantities)):
        for r in records:
            facts.setdefault(r["doc"], []).append((r["doc"], kind, _json(r)))
    for d in dossier.documents:
        yield from facts.pop(d.id, ())
    for rows in facts.values():  # (records of no document of the dossier: none)
        yield from rows
