"""What the workspace reads from a store: the documents and the snapshot of the last analysis, over a
read-only connection. Each page and its `/api/...` twin are the same query; every query has a time
limit (SQLite's progress handler interrupts it; PostgreSQL's `statement_timeout` cancels it). The
statements are SQLite's, which PostgreSQL runs through `store.postgres.PgSql`."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LagebildError, StoreError
from ..model import Document, Dossier, InputFormat, Rejected, Reuse, Span
from ..store.base import Dialect, Sql, is_postgres, redact
from ..store.search import search

QUERY_SECONDS = 5.0  # a query running longer is interrupted (the page answers 503)
CHECK_EVERY = 1000  # SQLite virtual-machine steps between two looks at the clock (at 100 a story list took 2x)
PAGE_SIZE = 50
# A story list by title: case-blind, as each back-end's index of snap_stories holds the titles (store/snapshot.py).
TITLE_SORT = {"sqlite": "s.title COLLATE NOCASE", "postgres": "lower(s.title)"}
EXPORT_LIMIT = 200  # documents in an exported search result


class StoreUnusable(LagebildError):
    """The store cannot be served (missing, not a lagebild store, or analysed before the workspace)."""


class NotFound(LookupError):
    pass


@dataclass
class StoryFilter:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    outlet: str = ""
    language: str = ""
    actor: str = ""
    sort: str = "date"
    page: int = 1

    # each order walks an index of snap_stories (ties: the later story first); {title}: the case-blind
    # title, as the back-end's index holds it
    SORTS = {"date": "s.last_date DESC, s.pos DESC", "size": "s.n_docs DESC, s.pos DESC",
             "outlets": "s.n_outlets DESC, s.pos DESC", "title": "{title} ASC, s.pos ASC"}


@dataclass
class Corpus:
    """The store (an SQLite file or a `postgresql://` URL), opened read-only; one connection per server
    thread."""

    path: Path | str
    query_seconds: float = QUERY_SECONDS
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def __post_init__(self) -> None:
        self.dialect: Dialect = "postgres" if is_postgres(self.path) else "sqlite"
        if self.dialect == "sqlite":
            self.path = Path(self.path)
            if not self.path.is_file():
                raise StoreUnusable(f"{self.path} is not a file; pass the store that `lagebild analyze --db` wrote")
        else:
            self.path = str(self.path)
        shown = self.path if self.dialect == "sqlite" else redact(str(self.path))
        try:
            tables = self._tables()
        except sqlite3.DatabaseError as exc:
            raise StoreUnusable(f"{shown} is not an SQLite database ({exc})") from exc
        if "documents" not in tables:
            raise StoreUnusable(f"{shown} is not a lagebild store (no documents table)")
        if "snap_stories" not in tables or (self.dialect == "sqlite" and "search_index" not in tables):
            raise StoreUnusable(f"{shown} was analysed by an older lagebild: run `lagebild analyze INPUT --db "
                                f"{shown} --out DIR` once to add the workspace's tables")

    def _tables(self) -> set[str]:
        db = self.db()
        self._local.deadline = float("inf")  # the check at start is not a request
        if self.dialect == "sqlite":
            return {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
        return {n for (n,) in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def db(self) -> Sql:
        if self.dialect == "postgres":
            return self._pg()
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            db.set_progress_handler(self._too_long, CHECK_EVERY)
            self._local.db = db
        self._local.deadline = time.monotonic() + self.query_seconds
        return db

    def _pg(self) -> Sql:
        """The thread's connection: read-only transactions, each statement cancelled after the time limit;
        made again after the server dropped it."""
        from ..store.postgres import PgSql, connect_reader

        sql: PgSql | None = getattr(self._local, "pg", None)
        if sql is None or sql.conn.closed:
            try:
                sql = PgSql(connect_reader(str(self.path), self.query_seconds))
            except StoreError as exc:
                raise StoreUnusable(str(exc)) from None
            self._local.pg = sql
        return sql

    def _too_long(self) -> int:
        return 1 if time.monotonic() > getattr(self._local, "deadline", float("inf")) else 0

    # --- stories -------------------------------------------------------------------------------------

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        db = self.db()
        return {
            "outlets": db.execute("SELECT outlet, COUNT(*) FROM snap_docs WHERE outlet IS NOT NULL AND outlet != '' "
                                  "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT 200").fetchall(),
            "languages": db.execute("SELECT language, COUNT(*) FROM snap_docs WHERE language IS NOT NULL "
                                    "GROUP BY language ORDER BY COUNT(*) DESC").fetchall(),
            "actors": db.execute("SELECT id, name FROM snap_entities WHERE type IN ('PER', 'ORG') "
                                 "ORDER BY n_docs DESC, n_mentions DESC LIMIT 100").fetchall(),
        }

    def stories(self, f: StoryFilter) -> tuple[list[dict[str, Any]], int]:
        """One page of stories matching the filter, and how many match in all."""
        clauses = [
            (f.date_from, "s.last_date >= ?"),
            (f.date_to, "s.first_date <= ?"),
            (f.outlet, "s.id IN (SELECT story FROM snap_docs WHERE outlet = ?)"),
            (f.language, "s.id IN (SELECT story FROM snap_docs WHERE language = ?)"),
            (f.actor, "s.id IN (SELECT d.story FROM snap_mentions m JOIN snap_docs d ON d.id = m.doc "
                      "WHERE m.entity = ?)"),
        ]
        where = [clause for value, clause in clauses if value]
        args = [value for value, _ in clauses if value]
        if f.q.strip():
            hits = [doc for doc, _ in search(self.db(), f.q, limit=5000, dialect=self.dialect)]
            where.append("s.id IN (SELECT story FROM snap_docs WHERE id IN (SELECT value FROM json_each(?)))")
            args.append(json.dumps(hits))
        sql_where = f"WHERE {' AND '.join(where)}" if where else ""
        order = StoryFilter.SORTS.get(f.sort, StoryFilter.SORTS["date"]).format(title=TITLE_SORT[self.dialect])
        db = self.db()
        (total,) = db.execute(f"SELECT COUNT(*) FROM snap_stories s {sql_where}", args).fetchone()
        rows = db.execute(f"SELECT s.id, s.title, s.date, s.first_date, s.last_date, s.n_docs, s.n_outlets "
                          f"FROM snap_stories s {sql_where} ORDER BY {order} LIMIT ? OFFSET ?",
                          [*args, PAGE_SIZE, (max(f.page, 1) - 1) * PAGE_SIZE]).fetchall()
        keys = ("id", "title", "date", "first_date", "last_date", "documents", "outlets")
        return [dict(zip(keys, r, strict=True)) for r in rows], int(total)

    def story(self, story_id: str) -> dict[str, Any]:
        row = self.db().execute("SELECT record FROM snap_stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story {story_id!r}")
        record: dict[str, Any] = json.loads(row[0])
        return record

    def story_titles(self, ids: list[str]) -> list[tuple[str, str]]:
        return self.db().execute("SELECT id, title FROM snap_stories WHERE id IN (SELECT value FROM json_each(?)) "
                                 "ORDER BY pos", (json.dumps(ids),)).fetchall()

    # --- documents ------------------------------------------------------------------------------------

    def doc_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        rows = self.db().execute("SELECT id, title, outlet, language, published, story FROM snap_docs "
                                 "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY pos", (json.dumps(ids),))
        keys = ("id", "title", "outlet", "language", "published", "story")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def document(self, doc_id: str, raw: bool = True) -> Document:
        row = self.db().execute(
            "SELECT CASE WHEN ? THEN d.raw ELSE '' END, d.format, d.record, s.state FROM snap_docs s "
            "JOIN documents d ON d.seq = s.seq WHERE s.id = ?", (raw, doc_id)).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id!r}")
        fmt: InputFormat = "html" if row[1] == "html" else "record" if row[1] == "record" else "text"
        record = json.loads(row[2])
        record.update(json.loads(row[3] or "{}"))  # as the corpus stages left it (inferred dates, problems)
        return Document.from_dict(record, raw=row[0], fmt=fmt)

    def search(self, query: str, page: int = 1, limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
        hits = search(self.db(), query, limit=limit, offset=(max(page, 1) - 1) * limit, dialect=self.dialect)
        rows = {r["id"]: r for r in self.doc_rows([d for d, _ in hits])}
        return [rows[d] for d, _ in hits if d in rows]

    # --- the corpus records of some documents, as dossier.json holds them -------------------------------

    def dossier(self, ids: list[str], raw: bool = False) -> Dossier:
        """The dossier of these documents: their records and every corpus record that touches them, cut to
        them (mentions, claim values and timeline sources of other documents left out)."""
        db = self.db()
        wanted = json.dumps(ids)
        keep = set(ids)
        d = Dossier(documents=[self.document(i, raw=raw) for i in ids])
        d.quotes = [json.loads(r) for (r,) in db.execute(
            "SELECT record FROM snap_quotes WHERE doc IN (SELECT value FROM json_each(?)) ORDER BY pos", (wanted,))]
        mentions: dict[str, list[dict[str, Any]]] = {}
        for ent, doc, start, end, text in db.execute(
                'SELECT entity, doc, start, "end", text FROM snap_mentions WHERE doc IN '
                "(SELECT value FROM json_each(?)) ORDER BY rowid", (wanted,)):
            mentions.setdefault(ent, []).append({"doc": doc, "start": start, "end": end, "text": text})
        for ent_id, record in db.execute("SELECT id, record FROM snap_entities WHERE id IN (SELECT value FROM "
                                         "json_each(?)) ORDER BY pos", (json.dumps(list(mentions)),)):
            d.entities.append({**json.loads(record), "mentions": mentions[ent_id]})
        d.reuse = [_reuse(r) for (r,) in db.execute(
            "SELECT record FROM snap_reuse WHERE doc_a IN (SELECT value FROM json_each(?)) "
            "AND doc_b IN (SELECT value FROM json_each(?)) ORDER BY pos", (wanted, wanted))]
        for (record,) in db.execute("SELECT record FROM snap_claims WHERE pos IN (SELECT claim FROM snap_claim_docs "
                                    "WHERE doc IN (SELECT value FROM json_each(?))) ORDER BY pos", (wanted,)):
            c = json.loads(record)
            c["values"] = [v for v in c["values"] if v["doc"] in keep]
            d.claims.append(c)
        for (record,) in db.execute("SELECT record FROM snap_timeline WHERE pos IN (SELECT event FROM "
                                    "snap_timeline_docs WHERE doc IN (SELECT value FROM json_each(?))) ORDER BY pos",
                                    (wanted,)):
            ev = json.loads(record)
            ev["sources"] = [s for s in ev["sources"] if s["doc"] in keep]
            d.timeline.append(ev)
        for kind, record in db.execute("SELECT kind, record FROM snap_facts WHERE doc IN "
                                       "(SELECT value FROM json_each(?)) ORDER BY rowid", (wanted,)):
            (d.times if kind == "time" else d.quantities).append(json.loads(record))
        for (record,) in db.execute("SELECT DISTINCT st.record FROM snap_stories st JOIN snap_docs sd ON "
                                    "sd.story = st.id WHERE sd.id IN (SELECT value FROM json_each(?))", (wanted,)):
            st = json.loads(record)
            st["documents"] = [x for x in st["documents"] if x in keep]
            d.stories.append(st)
        return d

    def reuse_of(self, doc_id: str) -> list[Reuse]:
        """Every passage the document shares with any other."""
        return [_reuse(r) for (r,) in self.db().execute(
            "SELECT record FROM snap_reuse WHERE doc_a = ? UNION ALL SELECT record FROM snap_reuse WHERE doc_b = ?",
            (doc_id, doc_id))]

    def rejected(self) -> list[Rejected]:
        row = self.db().execute("SELECT value FROM snap_meta WHERE key = 'rejected'").fetchone()
        return [Rejected(r["source"], r["reason"]) for r in json.loads(row[0])] if row else []

    # --- actors ---------------------------------------------------------------------------------------

    def actor(self, entity_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The entity's record with its mentions, and the quotes it is the speaker of."""
        db = self.db()
        row = db.execute("SELECT record FROM snap_entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"no actor {entity_id!r}")
        entity = json.loads(row[0])
        entity["mentions"] = [{"doc": doc, "start": s, "end": e, "text": t} for doc, s, e, t in db.execute(
            'SELECT doc, start, "end", text FROM snap_mentions WHERE entity = ? ORDER BY rowid', (entity_id,))]
        quotes = [json.loads(r) for (r,) in db.execute(
            "SELECT record FROM snap_quotes WHERE speaker = ? ORDER BY pos", (entity_id,))]
        return entity, quotes

    def mentions_by_date(self, entity_id: str) -> list[tuple[str, int]]:
        rows = self.db().execute("SELECT d.published, COUNT(*) FROM snap_mentions m JOIN snap_docs d ON d.id = m.doc "
                                 "WHERE m.entity = ? AND d.published IS NOT NULL GROUP BY d.published "
                                 "ORDER BY d.published", (entity_id,))
        return [(str(day), int(n)) for day, n in rows]


def _reuse(record: str) -> Reuse:
    r = json.loads(record)
    a, b = (Span(s["doc"], s["start"], s["end"]) for s in r["spans"])
    return Reuse(r["kind"], r["similarity"], (a, b))


def outlets_of(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(r["outlet"] for r in rows if r.get("outlet"))
