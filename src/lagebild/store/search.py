"""Full-text search over the stored documents: SQLite FTS5 over word stems, German or English by each
document's language (Snowball stemmers), so that "Bürgermeisterin" finds "Bürgermeisterinnen" and
"elections" finds "election". A query is FTS5's own syntax (words, "phrases", prefix*, AND / OR / NOT,
parentheses); its words are stemmed the way the index was, as German and as English."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache

import snowballstemmer

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


def match_expression(query: str) -> str:
    """The user's query as an FTS5 MATCH expression over stems; "" when nothing searchable is left.
    Unbalanced parentheses and dangling operators are dropped instead of failing the request."""
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
            term = _phrase(tok.strip('"')) if tok.startswith('"') else _term(tok)
            if term:
                operand_follows()
                out.append(term)
    while out and (out[-1] in OPERATORS or out[-1] == "("):
        if out.pop() == "(":
            depth -= 1
    out += [")"] * depth
    expr = " ".join(out)
    return "" if expr.replace("(", "").replace(")", "").strip() == "" else expr


def index_documents(db: sqlite3.Connection, docs: Iterable[tuple[str, str, str, str | None]]) -> int:
    """Add (id, title, text, language) rows that the index does not have yet; returns how many."""
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


def search(db: sqlite3.Connection, query: str, limit: int = 50, offset: int = 0) -> list[tuple[str, float]]:
    """Document ids matching the query, best first (bm25, the title counting five times the text)."""
    expr = match_expression(query)
    if not expr:
        return []
    rows = db.execute("SELECT doc, bm25(search_index, 0, 5.0, 1.0) AS rank FROM search_index "
                      "WHERE search_index MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (expr, limit, offset))
    return [(doc, float(rank)) for doc, rank in rows]
