"""Full-text search over the stored documents, German or English by each document's language (Snowball
stemmers), so that "Bürgermeisterin" finds "Bürgermeisterinnen" and "elections" finds "election". A
query is FTS5's syntax (words, "phrases", prefix*, AND / OR / NOT, parentheses) on both back-ends:

- SQLite: an FTS5 table over word stems; the query's words are stemmed the way the index was, as German
  and as English;
- PostgreSQL: its own full-text search over the documents' `search` column (a tsvector of title and text
  in the `german` or `english` configuration, `store/postgres.py`); the same query parsed into a
  `tsquery` (`&`, `|`, `!`, `<->` for phrases, `:*` for a prefix), stemmed by the server as German and
  as English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import snowballstemmer

from .base import Dialect, Sql
from .pg_schema import TEXT_SEARCH_CONFIG

WORD = re.compile(r"\w+", re.UNICODE)
QUERY_TOKEN = re.compile(r'"[^"]*"?|\(|\)|\w+\*?')
OPERATORS = {"AND", "OR", "NOT"}
MAX_QUERY_TERMS = 32  # a longer query is cut: each term is one more index lookup per request

_STEMMERS = {"de": snowballstemmer.stemmer("german"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return str(_STEMMERS[language].stemWord(word.casefold()))


def _language(language: str | None) -> str:
    return "en" if language == "en" else "de"


def index_text(text: str, language: str | None) -> str:
    """The text as the index holds it: its words' stems, in order (phrases still match)."""
    lang = _language(language)
    return " ".join(stem(w, lang) for w in WORD.findall(text))


def _alternatives(variants: Iterable[str]) -> str:
    parts = [f'"{v}"' for v in dict.fromkeys(variants) if v]
    return "" if not parts else parts[0] if len(parts) == 1 else f"({' OR '.join(parts)})"


def _term(word: str) -> str:
    if word.endswith("*"):  # a prefix: the stem where it is a prefix of the word, else the word
        w = word[:-1].casefold()
        s = stem(w, "de")
        return f'"{s if w.startswith(s) else w}"*'
    return _alternatives(stem(word, lang) for lang in ("de", "en"))


def _phrase(text: str) -> str:
    words = WORD.findall(text)
    return _alternatives(" ".join(stem(w, lang) for w in words) for lang in ("de", "en"))


def _tsquery_term(word: str) -> str:
    return f"{word[:-1]}:*" if word.endswith("*") else word


def _tsquery_phrase(text: str) -> str:
    words = WORD.findall(text)
    return "" if not words else words[0] if len(words) == 1 else f"({' <-> '.join(words)})"


# The operators of each syntax: FTS5's own words; a tsquery's symbols (binding as FTS5's: NOT, AND, OR).
FTS5_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT"}
TSQUERY_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}


def match_expression(query: str, dialect: Dialect = "sqlite") -> str:
    """The user's query as an FTS5 MATCH expression over stems (SQLite) or as the text of a `tsquery` whose
    words the server stems (PostgreSQL); "" when nothing searchable is left. Unbalanced parentheses and
    dangling operators are dropped instead of failing the request."""
    term, phrase = (_term, _phrase) if dialect == "sqlite" else (_tsquery_term, _tsquery_phrase)
    out: list[str] = []
    depth = 0

    def operand_follows() -> None:  # FTS5 has implicit AND only between plain phrases: make it explicit
        if out and out[-1] not in OPERATORS and out[-1] != "(":
            out.append("AND")

    for tok in QUERY_TOKEN.findall(query)[: MAX_QUERY_TERMS * 2]:
        if tok in OPERATORS:
            if out and out[-1] not in OPERATORS and out[-1] != "(":
                out.append(tok)
        elif tok == "(":
            operand_follows()
            out.append(tok)
            depth += 1
        elif tok == ")":
            if depth and out and out[-1] != "(":
                while out and out[-1] in OPERATORS:
                    out.pop()
                out.append(tok)
                depth -= 1
        else:
            operand = phrase(tok.strip('"')) if tok.startswith('"') else term(tok)
            if operand:
                operand_follows()
                out.append(operand)
    while out and (out[-1] in OPERATORS or out[-1] == "("):
        if out.pop() == "(":
            depth -= 1
    out += [")"] * depth
    symbols = FTS5_OPERATORS if dialect == "sqlite" else TSQUERY_OPERATORS
    expr = " ".join(symbols.get(tok, tok) for tok in out)
    return "" if expr.replace("(", "").replace(")", "").strip() == "" else expr


def index_documents(db: Sql, docs: Iterable[tuple[str, str, str, str | None]]) -> int:
    """Add (id, title, text, language) rows that the FTS5 index does not have yet; returns how many.
    (PostgreSQL keeps its index itself: a generated column of the documents.)"""
    have = {d for (d,) in db.execute("SELECT doc FROM search_index")}
    added = 0

    def rows() -> Iterator[tuple[str, str, str]]:  # one at a time: a large corpus's stems are never all held
        nonlocal added
        for doc_id, title, text, lang in docs:
            if doc_id not in have:
                added += 1
                yield doc_id, index_text(title, lang), index_text(text, lang)

    db.executemany("INSERT INTO search_index (doc, title, body) VALUES (?, ?, ?)", rows())
    return added


# PostgreSQL's ranking: the title's match counts five times the text's, as bm25's weights do in SQLite.
PG_SEARCH = ("WITH q AS (SELECT to_tsquery('german', ?) || to_tsquery('english', ?) AS q) "
             "SELECT doc_id, -(ts_rank(search, q.q) + 4 * ts_rank(to_tsvector(" + TEXT_SEARCH_CONFIG + ", "
             "coalesce(record::jsonb ->> 'title', '')), q.q)) AS rank FROM documents, q WHERE search @@ q.q "
             "ORDER BY rank, doc_id LIMIT ? OFFSET ?")


def search(db: Sql, query: str, limit: int = 50, offset: int = 0, dialect: Dialect = "sqlite") \
        -> list[tuple[str, float]]:
    """Document ids matching the query, best first (the title counting five times the text; lower rank is
    better, as bm25 gives it)."""
    expr = match_expression(query, dialect)
    if not expr:
        return []
    if dialect == "postgres":
        rows = db.execute(PG_SEARCH, (expr, expr, limit, offset))
    else:
        rows = db.execute("SELECT doc, bm25(search_index, 0, 5.0, 1.0) AS rank FROM search_index "
                          "WHERE search_index MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (expr, limit, offset))
    return [(doc, float(rank)) for doc, rank in rows]
