"""The corpus of the last analysis, kept in the store for the workspace (`lagebild serve`): stories,
entities and their mentions, quotes, claims, timeline, reuse, times and quantities, each with the
documents it touches, plus the full-text index. The corpus stages are recomputed over the whole store on
every run, so the snapshot is replaced as a whole (with what they change on documents: dates inferred from
related articles, problems of corpus stages), in one transaction; the search index only grows
(documents never change once stored). The same tables in SQLite and PostgreSQL, written by the same
statements (`store.sql`); PostgreSQL's full-text index is its own (a generated column of the documents)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from ..model import Dossier, plain
from .base import Sql, open_store
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
    for table in SNAPSHOT_TABLES:
        db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    story_of = {d: s["id"] for s in dossier.stories for d in s["documents"]}
    stored = dict(db.execute("SELECT doc_id, seq FROM documents"))  # where each one lies
    db.executemany("INSERT INTO snap_docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (d.id, n, stored.get(d.id), d.title, d.outlet, d.language, d.published.value, story_of.get(d.id),
         _json({"published": d.published.to_dict(), "problems": d.problems}))
        for n, d in enumerate(dossier.documents)))
    docs = {d.id: d for d in dossier.documents}
    for n, st in enumerate(dossier.stories):
        members = [docs[d] for d in st["documents"] if d in docs]
        dates = sorted(d.published.value for d in members if d.published.value)
        outlets = {d.outlet for d in members if d.outlet}
        db.execute("INSERT INTO snap_stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (st["id"], n, st["title"], st["date"], dates[0] if dates else st["date"],
                    dates[-1] if dates else st["date"] or "", len(members), len(outlets), _json(st)))
    for n, e in enumerate(dossier.entities):
        record = {k: v for k, v in dict(e).items() if k != "mentions"}
        mentions = e["mentions"]
        db.execute("INSERT INTO snap_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (e["id"], n, e["name"], e["type"], len(mentions), len({m["doc"] for m in mentions}),
                    _json(record)))
        db.executemany("INSERT INTO snap_mentions VALUES (?, ?, ?, ?, ?)",
                       ((e["id"], m["doc"], m["start"], m["end"], m["text"]) for m in mentions))
    db.executemany("INSERT INTO snap_quotes VALUES (?, ?, ?, ?, ?)",
                   ((q["id"], n, q["doc"], q.get("speaker"), _json(q)) for n, q in enumerate(dossier.quotes)))
    for n, c in enumerate(dossier.claims):
        db.execute("INSERT INTO snap_claims VALUES (?, ?, ?)", (n, c["status"], _json(c)))
        db.executemany("INSERT INTO snap_claim_docs VALUES (?, ?)",
                       ((n, d) for d in dict.fromkeys(v["doc"] for v in c["values"])))
    for n, ev in enumerate(dossier.timeline):
        db.execute("INSERT INTO snap_timeline VALUES (?, ?, ?)", (n, ev["date"], _json(ev)))
        db.executemany("INSERT INTO snap_timeline_docs VALUES (?, ?)",
                       ((n, d) for d in dict.fromkeys(s["doc"] for s in ev["sources"])))
    db.executemany("INSERT INTO snap_reuse VALUES (?, ?, ?, ?)",
                   ((n, r.spans[0].doc, r.spans[1].doc, _json(r.to_dict())) for n, r in enumerate(dossier.reuse)))
    db.executemany("INSERT INTO snap_facts VALUES (?, ?, ?)",  # generators: no copy of a large corpus's facts
                   chain(((t["doc"], "time", _json(t)) for t in dossier.times),
                         ((q["doc"], "quantity", _json(q)) for q in dossier.quantities)))
    db.executemany("INSERT INTO snap_meta VALUES (?, ?)", [
        ("written_at", datetime.now(UTC).isoformat(timespec="seconds")),
        ("documents", str(len(dossier.documents))),
        ("rejected", _json([r.to_dict() for r in dossier.rejected]))])
