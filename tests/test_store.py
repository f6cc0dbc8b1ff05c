"""The SQLite store: migrations recorded, known documents skipped, a killed run resumes exactly."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from lagebild import analyze
from lagebild.store import Store
from lagebild.store.sqlite import MIGRATIONS

from .conftest import EXAMPLES, kill_when, write

BASE = (EXAMPLES / "fiktiv_02_morgenblatt.txt").read_text(encoding="utf-8")


def make_corpus(folder: Path, n: int) -> Path:
    for i in range(n):  # distinct documents: each carries its own number
        write(folder, f"doc{i:03d}.txt", BASE.replace("zwölf Menschen", f"{i + 2} Menschen"))
    return folder


def stored(db: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(str(db))
    rows = con.execute("SELECT content_hash, source, record FROM documents ORDER BY seq").fetchall()
    con.close()
    return [(h, Path(s).name, json.dumps({k: v for k, v in json.loads(r).items() if k != "source"}))
            for h, s, r in rows]


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    Store(db).close()
    Store(db).close()
    con = sqlite3.connect(str(db))
    recorded = con.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
    assert recorded == [(v, n) for v, n, _ in sorted(MIGRATIONS)]  # each once
    assert recorded[:2] == [(1, "documents"), (2, "document ids from the content hash")]
    assert (100, "corpus snapshot") in recorded


def test_second_run_skips_known_documents_and_adds_new_ones(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite")
    first = analyze([EXAMPLES / "fiktiv_01_velde-bote.txt"], db=db)
    second = analyze([EXAMPLES], db=db)
    assert [d.id for d in first.documents] == [second.documents[0].id]
    assert len(second.documents) == 6
    assert second.documents[0].text == first.documents[0].text
    assert Store(db).count() == 6


def test_killed_run_resumes_to_the_same_store_as_an_uninterrupted_one(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 150)
    whole, resumed = tmp_path / "whole.sqlite", tmp_path / "resumed.sqlite"
    cmd = [sys.executable, "-m", "lagebild.cli", "analyze", str(corpus), "--out", str(tmp_path / "o"), "-q"]
    subprocess.run([*cmd, "--db", str(whole)], check=False, timeout=600)
    proc = subprocess.Popen([*cmd, "--db", str(resumed)], env={**os.environ, "PYTHONUNBUFFERED": "1"})
    killed_at = kill_when(proc, lambda: sqlite3.connect(str(resumed)).execute("SELECT COUNT(*) FROM documents")
                          .fetchone()[0] if resumed.exists() else 0, 20, (sqlite3.OperationalError,))
    assert 20 <= killed_at < 150, "the run was not interrupted halfway"
    subprocess.run([*cmd, "--db", str(resumed)], check=False, timeout=600)
    assert stored(resumed) == stored(whole)
    assert len(stored(whole)) == 150
