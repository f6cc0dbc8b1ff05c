"""`lagebild report` (issue 19): the dossier of a slice of a store holds that slice only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lagebild import analyze
from lagebild.cli import main

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    db = str(tmp_path_factory.mktemp("slice") / "c.sqlite")
    whole = json.loads(analyze([EXAMPLES], db=db).to_json())
    return db, whole


def report(tmp_path: Path, db: str, *args: str) -> dict[str, object]:
    assert main(["report", "--db", db, "--out", str(tmp_path), "-q", *args]) == 0
    return json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))


def docs_of(out: dict[str, object]) -> list[dict[str, object]]:
    return out["documents"]  # type: ignore[return-value]


def test_outlet_slice_holds_that_outlets_documents_only(tmp_path: Path, store: tuple[str, dict[str, object]]) -> None:
    db, whole = store
    out = report(tmp_path, db, "--outlet", "velde-bote")
    expected = [d["id"] for d in docs_of(whole) if d["outlet"] == "Velde-Bote"]
    assert [d["id"] for d in docs_of(out)] == expected and len(expected) == 2
    cited = {q["doc"] for q in out["quotes"]} | {m["doc"] for e in out["entities"] for m in e["mentions"]}  # type: ignore[attr-defined,index]
    assert cited <= set(expected)
    assert (tmp_path / "dossier.html").exists() and (tmp_path / "dossier.md").exists()


def test_date_and_query_slices(tmp_path: Path, store: tuple[str, dict[str, object]]) -> None:
    db, whole = store
    con = sqlite3.connect(db)  # the date a document gives itself; the corpus's inferred dates do not count
    dated = [json.loads(r)["id"] for (r,) in con.execute("SELECT record FROM documents ORDER BY seq")
             if json.loads(r)["published"]["value"]]
    con.close()
    assert [d["id"] for d in docs_of(report(tmp_path, db, "--since", "2000-01-01", "--until", "2099-12-31"))] == dated
    assert dated and main(["report", "--db", db, "--out", str(tmp_path), "-q", "--until", "1999-12-31"]) == 4
    hits = [d["id"] for d in docs_of(whole) if "busfahrplan" in str(d["text"]).lower()]
    assert [d["id"] for d in docs_of(report(tmp_path, db, "--query", "Busfahrplan"))] == hits and hits


def test_story_slice_is_the_story_of_the_whole_store(tmp_path: Path, store: tuple[str, dict[str, object]]) -> None:
    db, whole = store
    story = max(whole["stories"], key=lambda s: len(s["documents"]))  # type: ignore[arg-type,call-overload]
    out = report(tmp_path, db, "--story", story["id"])
    assert sorted(d["id"] for d in docs_of(out)) == sorted(story["documents"])  # a story lists them by date
    con = sqlite3.connect(db)  # without the index analyze saved, the stories are computed again: same slice
    with con:
        con.execute("DELETE FROM story_index")
    con.close()
    assert docs_of(report(tmp_path / "again", db, "--story", story["id"])) == docs_of(out)
    report(tmp_path / "whole", db)  # a report of the whole store saves the index again
    con = sqlite3.connect(db)
    assert con.execute("SELECT documents FROM story_index").fetchone() == (len(docs_of(whole)),)
    con.close()


def test_bad_slice_arguments_are_usage_errors(tmp_path: Path, store: tuple[str, dict[str, object]]) -> None:
    db, _ = store
    assert main(["report", "--db", db, "--out", str(tmp_path), "--since", "gestern"]) == 2
    assert main(["report", "--db", db, "--out", str(tmp_path), "--story", "s999"]) == 2
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path)]) == 2


def test_postgres_slices_match_sqlite_and_search_by_stems(tmp_path: Path, store: tuple[str, dict[str, object]],
                                                          postgres_url: str) -> None:
    """The same slices out of a PostgreSQL store; its query is PostgreSQL's own full-text search, so a
    plural finds the singular the text uses (German stems), as the workspace's search does."""
    db, whole = store
    analyze([EXAMPLES], db=postgres_url)
    for args in (("--outlet", "velde-bote"), ("--since", "2000-01-01", "--until", "2099-12-31")):
        assert docs_of(report(tmp_path / "pg", postgres_url, *args)) == docs_of(report(tmp_path / "lite", db, *args))
    story = max(whole["stories"], key=lambda s: len(s["documents"]))  # type: ignore[arg-type,call-overload]
    out = report(tmp_path / "story", postgres_url, "--story", story["id"])  # from the index analyze saved
    assert sorted(d["id"] for d in docs_of(out)) == sorted(story["documents"])
    hits = [d["id"] for d in docs_of(whole) if "busfahrplan" in str(d["text"]).lower()]
    assert [d["id"] for d in docs_of(report(tmp_path / "q", postgres_url, "--query", "Busfahrpläne"))] == hits and hits
    nothing = ["report", "--db", postgres_url, "--out", str(tmp_path / "none"), "-q", "--query", "Zeppelinwerft"]
    assert main(nothing) == 4
