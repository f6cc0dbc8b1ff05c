"""The dossier of a slice of a corpus store: a time window, an outlet, a query, one story. Documents
are chosen in SQL over the stored records (SQLite's JSON functions), only those are loaded, and the
corpus stages run over them alone, so a week out of a large store costs what that week costs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from . import stages as _stages  # noqa: F401  (registers the stages)
from .errors import SettingsError
from .model import Document, Dossier, InputFormat
from .pipeline import run_corpus
from .settings import Settings
from .store import Store, story_index
from .store.base import CorpusStore, open_store

# The day a document belongs to: its publication date, else the day it was fetched.
DAY = "COALESCE(json_extract(record, '$.published.value'), substr(json_extract(record, '$.fetched'), 1, 10))"
PG_DAY = "COALESCE(record::jsonb #>> '{published,value}', substr(record::jsonb ->> 'fetched', 1, 10))"


@dataclass(frozen=True)
class Slice:
    story: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None
    outlet: str | None = None

    @classmethod
    def parse(cls, **given: str | None) -> Slice:
        for key in ("since", "until"):
            value = given.get(key)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise SettingsError(f"--{key} must be a date YYYY-MM-DD, not {value!r}") from None
        story = given.get("story")
        if story is not None and not re.fullmatch(r"s?\d+", story):
            raise SettingsError(f"--story must be a story id like s3, not {story!r}")
        return cls(**given)

    def describe(self) -> str:
        parts = [f"{k} {v}" for k, v in vars(self).items() if v is not None]
        return ", ".join(parts) or "the whole store"

    def where(self) -> tuple[str, list[Any]]:
        """The selection in SQLite's SQL; its query words are a cheap first cut, checked again in Python."""
        has_word = "instr(lower(json_extract(record, '$.text')), ?) > 0"
        words = [(has_word, [w.lower()]) for w in (self.query or "").split()]
        return self._where(DAY, "lower(json_extract(record, '$.outlet')) = lower(?)", "?", words)

    def pg_where(self) -> tuple[str, list[Any]]:
        """The same selection in PostgreSQL; its query goes to PostgreSQL's own full-text search (German
        and English stems, websearch syntax: words, "phrases", or, -word) instead of substrings."""
        search = ("search @@ (websearch_to_tsquery('german', %s) || websearch_to_tsquery('english', %s))",
                  [self.query, self.query])
        return self._where(PG_DAY, "lower(record::jsonb ->> 'outlet') = lower(%s)", "%s",
                           [search] if self.query else [])

    def _where(self, day: str, outlet: str, param: str, query: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
        given = [(f"{day} >= {param}", [self.since]) if self.since else None,
                 (f"{day} <= {param}", [self.until]) if self.until else None,
                 (outlet, [self.outlet]) if self.outlet else None, *query]
        clauses = [c for c in given if c is not None]
        params = [v for _, values in clauses for v in values]
        return (" WHERE " + " AND ".join(c for c, _ in clauses)) if clauses else "", params

    def keeps(self, doc: Document) -> bool:
        if not self.query:
            return True
        hay = f"{doc.title}\n{doc.text}".casefold()
        return all(w.casefold() in hay for w in self.query.split())


def select(store: CorpusStore, sl: Slice, ids: list[str] | None = None) -> list[Document]:
    if not isinstance(store, Store):  # PostgreSQL
        return _pg_select(store, sl, ids)
    where, params = sl.where()
    if ids is not None:  # a story's documents, by the ids the store gave them
        where += f"{' AND' if where else ' WHERE'} doc_id IN ({','.join('?' for _ in ids)})"
        params = [*params, *ids]
    docs = []
    # in the order Store.documents() reads them, so that a slice's stories are the whole store's
    rows = store.db.execute(f"SELECT doc_id, raw, format, record FROM documents{where} ORDER BY source, content_hash",
                            params)
    for doc_id, raw, fmt, record in rows:
        f: InputFormat = "html" if fmt == "html" else ("record" if fmt == "record" else "text")
        doc = Document.from_dict(json.loads(record), raw=raw, fmt=f)
        doc.id = doc_id
        if sl.keeps(doc):
            doc.pack()
            docs.append(doc)
    return docs


def _pg_select(store: Any, sl: Slice, ids: list[str] | None) -> list[Document]:
    where, params = sl.pg_where()
    if ids is not None:
        where += f"{' AND' if where else ' WHERE'} doc_id = ANY(%s)"
        params = [*params, ids]
    docs = []
    for doc in store.select(where, params):
        doc.pack()
        docs.append(doc)
    return docs


def _story_members(store: CorpusStore, sid: str, cfg: Settings) -> list[str]:
    """From the index `analyze --db` saved, else by computing the whole store's stories (slow on a large
    store: run `lagebild analyze --db` once after adding documents)."""
    found = story_index.members(store, sid)
    if found is None:
        whole = Dossier(documents=select(store, Slice()))
        run_corpus(whole, replace(cfg, progress=False))
        found = next((s["documents"] for s in whole.stories if s["id"] == sid), [])
    if not found:
        raise SettingsError(f"no story {sid} in this store (see the stories of `lagebild analyze --db`)")
    return list(found)


def report_slice(db: str, sl: Slice, **settings: Any) -> Dossier:
    """The dossier of the documents in `sl`; a story is the one the whole store's dossier numbers so."""
    cfg = Settings.from_kwargs(**settings)
    store = open_store(db)
    try:
        ids = None
        if sl.story is not None:
            ids = _story_members(store, sl.story if sl.story.startswith("s") else f"s{sl.story}", cfg)
        dossier = Dossier(documents=select(store, sl, ids))
    finally:
        store.close()
    run_corpus(dossier, cfg)
    if sl == Slice():  # the whole store: its stories are the ones --story names
        story_index.save(db, dossier.stories, len(dossier.documents))
    return dossier
