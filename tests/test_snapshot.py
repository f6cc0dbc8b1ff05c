"""The corpus snapshot the workspace reads: written by every `analyze --db`, replaced as a whole, with the
search index growing by the new documents only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lagebild import analyze
from lagebild.store.search import index_text, match_expression

from .conftest import EXAMPLES, write
from .workspace_corpus import ENGLISH


def _count(db: Path, table: str) -> int:
    (n,) = sqlite3.connect(db).execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    return int(n)


def test_snapshot_holds_the_last_analysis_and_the_index_each_document_once(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    first = analyze([EXAMPLES], db=str(db))
    assert _count(db, "snap_stories") == len(first.stories)
    assert _count(db, "snap_quotes") == len(first.quotes)
    assert _count(db, "snap_mentions") == sum(len(e["mentions"]) for e in first.entities)
    assert _count(db, "search_index") == len(first.documents)
    second = analyze([EXAMPLES, write(tmp_path, "in/en.txt", ENGLISH)], db=str(db))
    assert len(second.documents) == len(first.documents) + 1
    assert _count(db, "snap_docs") == len(second.documents) == _count(db, "search_index")
    assert _count(db, "snap_stories") == len(second.stories)
    assert _count(db, "snap_claims") == len(second.claims)


def test_index_and_query_stem_the_same_way() -> None:
    assert index_text("Die Bürgermeisterinnen", "de") == index_text("die Bürgermeisterin", "de")
    assert index_text("elections", "en") == index_text("election", "en")
    assert match_expression("Wahlen") in ('"wahl"', '("wahl" OR "wahlen")')
    assert match_expression("") == "" and match_expression("()") == ""
