"""The store's semantics on both back-ends (an SQLite file, a PostgreSQL database on a server the
session starts): migrations once, resume, the same dossier, the per-document extractions kept for
incremental runs, concurrent writers and a killed writer losing and duplicating nothing (neither a
document nor its extraction). The fetch log on both: tests/test_watch.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild import analyze, stages
from lagebild.errors import StoreError
from lagebild.store import extractions, open_store

from .conftest import EXAMPLES, kill_when
from .test_store import make_corpus


def migrations(address: str) -> list[tuple[int, str]]:
    store = open_store(address)
    try:
        rows = store.db.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()  # type: ignore[attr-defined]
    finally:
        store.close()
    return [(int(v), str(n)) for v, n in rows if int(v) < 50]  # the core's; other modules add theirs


def contents(address: str) -> list[tuple[str, str, str]]:
    store = open_store(address)
    try:
        return [(d.id, Path(d.source).name, d.text) for d in store.documents()]
    finally:
        store.close()


def count(address: str) -> int:
    store = open_store(address)
    try:
        return store.count()
    finally:
        store.close()


def extracted(address: str) -> list[str]:
    """The ids of the stored documents whose extraction the store keeps (made by this code)."""
    store = open_store(address)
    try:
        return [d.id for d in extractions.attach(store.sql, store.documents()) if d.extracted is not None]
    finally:
        store.close()


def test_migrations_are_recorded_once(store_address: str) -> None:
    open_store(store_address).close()
    open_store(store_address).close()  # a second opening applies none again
    recorded = migrations(store_address)
    assert recorded[:2] == [(1, "documents"), (2, "document ids from the content hash")]
    if store_address.startswith("postgresql"):  # the search index and story index live in the core schema there
        assert recorded[2:] == [(3, "full-text search"), (4, "story membership")]


def test_second_run_skips_known_documents_and_adds_new_ones(store_address: str) -> None:
    first = analyze([EXAMPLES / "fiktiv_01_velde-bote.txt"], db=store_address)
    second = analyze([EXAMPLES], db=store_address)
    assert [d.id for d in first.documents] == [second.documents[0].id]
    assert len(second.documents) == 6 == count(store_address)
    assert second.documents[0].text == first.documents[0].text


def test_a_grown_store_extracts_only_its_new_documents(store_address: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run reads the first run's extractions back from the store: the corpus stages extract
    no document again, and the dossier equals one run over all the documents."""
    first, second = sorted(EXAMPLES.glob("*.txt"))[:3], sorted(EXAMPLES.glob("*.txt"))[3:]
    analyze(first, db=store_address)
    again: list[str] = []
    found = stages.times_and_quantities  # what the corpus stages call for a document without its extraction
    monkeypatch.setattr(stages, "times_and_quantities", lambda doc: again.append(doc.id) or found(doc))
    grown = analyze(second, db=store_address)
    assert again == []
    assert (grown.added, grown.known) == (len(second), 0)
    assert sorted(extracted(store_address)) == sorted(d.id for d in grown.documents)
    monkeypatch.undo()
    assert grown.to_json() == analyze([*first, *second], db=str(tmp_path / "scratch.sqlite")).to_json()


def test_a_grown_store_keeps_the_corpus_results_its_next_run_uses(store_address: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: the corpus memo (store/memo.py) on both back-ends: kept by one run, read by the next,
    and the grown store's dossier is the one of a run from scratch."""
    from lagebild.store import memo

    monkeypatch.setattr(memo, "WRITE_EVERY", 3)  # new results written in many transactions during the run
    analyze([EXAMPLES / "fiktiv_01_velde-bote.txt"], db=store_address)
    grown = analyze([EXAMPLES], db=store_address)
    assert grown.to_json() == analyze([EXAMPLES], db=str(tmp_path / "fresh.sqlite")).to_json()
    store = open_store(store_address)
    try:
        kinds = dict(store.db.execute("SELECT kind, COUNT(*) FROM corpus_memo GROUP BY kind").fetchall())  # type: ignore[attr-defined]
    finally:
        store.close()
    assert kinds["paragraphs"] == len(grown.documents) and kinds["summary"] == len(grown.stories)


def test_both_back_ends_give_the_same_dossier(tmp_path: Path, postgres_url: str) -> None:
    lite = analyze([EXAMPLES], db=str(tmp_path / "c.sqlite"))
    pg = analyze([EXAMPLES], db=postgres_url)
    assert pg.to_json() == lite.to_json()


def test_two_runs_replacing_the_snapshot_at_once_take_turns(postgres_url: str) -> None:
    """The end of two `analyze --db` runs at once: the second waits for the first one's transaction, then
    replaces what it wrote (both deleting the old rows first, then both inserting, was a duplicate key)."""
    import threading

    from lagebild.store import snapshot

    dossier = analyze([EXAMPLES], db=postgres_url)
    done: list[str] = []

    def replace_it() -> None:
        snapshot.write_snapshot(postgres_url, dossier)
        done.append("written")

    first = open_store(postgres_url)
    try:
        with first.transaction():
            snapshot._write(first.sql, dossier)
            second = threading.Thread(target=replace_it)
            second.start()
            second.join(timeout=2)
            assert second.is_alive()  # waiting for the first
        second.join(timeout=120)
        (rows,) = first.sql.execute("SELECT COUNT(*) FROM snap_docs").fetchone()
    finally:
        first.close()
    assert done == ["written"]
    assert rows == len(dossier.documents)  # one snapshot, not two


def test_a_store_being_created_by_another_writer_is_not_refused(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as con:  # as a writer leaves it before migration 1
        con.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TIMESTAMPTZ, "
                    "module TEXT)")
    open_store(postgres_url).close()
    assert [v for v, _ in migrations(postgres_url)] == [1, 2, 3, 4]


def test_a_database_of_another_program_is_refused(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="another program's database"):
        open_store(postgres_url)


def test_an_unreachable_server_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be reached"):
        open_store(f"postgresql://nobody:secret@/x?host={tmp_path}&port=1")
    with pytest.raises(StoreError) as err:
        open_store(f"postgresql://nobody:secret@/x?host={tmp_path}&port=1")
    assert "secret" not in str(err.value)  # the password is never printed


CMD = [sys.executable, "-m", "lagebild.cli", "analyze", "-q"]


def test_two_concurrent_writers_neither_duplicate_nor_lose(tmp_path: Path, store_address: str) -> None:
    corpus = make_corpus(tmp_path / "in", 40)
    alone = str(tmp_path / "alone.sqlite")
    subprocess.run([*CMD, str(corpus), "--out", str(tmp_path / "o0"), "--db", alone], check=False, timeout=600)
    writers = [subprocess.Popen([*CMD, str(corpus), "--out", str(tmp_path / f"o{i}"), "--db", store_address])
               for i in (1, 2)]
    try:
        codes = [w.wait(timeout=600) for w in writers]
    finally:
        for w in writers:
            w.kill()
    assert all(code in (0, 3) for code in codes)  # 3: a problem noted, nothing failed
    assert contents(store_address) == contents(alone)
    assert len(contents(alone)) == 40
    assert len(extracted(store_address)) == 40  # each document with its extraction, once


def test_a_writer_killed_mid_write_resumes_to_the_whole_store(tmp_path: Path, store_address: str) -> None:
    corpus = make_corpus(tmp_path / "in", 80)
    whole = str(tmp_path / "whole.sqlite")
    cmd = [*CMD, str(corpus), "--out", str(tmp_path / "o")]
    subprocess.run([*cmd, "--db", whole], check=False, timeout=600)
    proc = subprocess.Popen([*cmd, "--db", store_address], env={**os.environ, "PYTHONUNBUFFERED": "1"})
    killed_at = kill_when(proc, lambda: count(store_address), 10, (StoreError,))  # StoreError: being migrated
    assert 10 <= killed_at < 80, "the run was not interrupted halfway"
    # a document and its extraction are written in one transaction: the kill left neither without the other
    assert sorted(extracted(store_address)) == sorted(doc_id for doc_id, _, _ in contents(store_address))
    subprocess.run([*cmd, "--db", store_address], check=False, timeout=600)
    assert contents(store_address) == contents(whole)
    assert len(contents(whole)) == 80
    assert len(extracted(store_address)) == 80  # written in the document's transaction: none half-written
