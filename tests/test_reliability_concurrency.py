"""Issue #20: several runs writing to one store at once, and runs killed while writing the dossier.

Two and four writer processes on one SQLite store, with disjoint and with overlapping inputs: every
document is stored once, ids are unique, and the dossier of the store is the one a single run gives.
A run killed while it rewrites the dossier leaves the previous files or complete new ones."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES, write

BASE = (EXAMPLES / "fiktiv_02_morgenblatt.txt").read_text(encoding="utf-8")
N_DOCS = 8


def make_corpus(folder: Path, n: int) -> list[Path]:
    return [write(folder, f"doc{i:03d}.txt", BASE.replace("zwölf Menschen", f"{i + 2} Menschen")) for i in range(n)]


def run(inputs: list[Path], db: Path, out: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "lagebild.cli", "analyze", *map(str, inputs), "--out", str(out), "--db", str(db),
           "-q"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def dossier_of(out: Path) -> str:
    """The dossier with each document's source as its file name (the runs read different folders)."""
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    for d in data["documents"]:
        d["source"] = Path(d["source"]).name
    return json.dumps(data, sort_keys=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], str]:
    """The inputs and the dossier of one run over all of them."""
    tmp = tmp_path_factory.mktemp("single")
    files = make_corpus(tmp / "in", N_DOCS)
    proc = run(files, tmp / "single.sqlite", tmp / "o")
    assert proc.wait(timeout=600) == 0, proc.stderr.read() if proc.stderr else ""
    return files, dossier_of(tmp / "o")


@pytest.mark.parametrize("writers", [2, 4])
@pytest.mark.parametrize("overlap", [False, True], ids=["disjoint", "overlapping"])
def test_concurrent_writers_store_every_document_once(writers: int, overlap: bool, tmp_path: Path,
                                                      corpus: tuple[list[Path], str]) -> None:
    files, single = corpus
    db = tmp_path / "c.sqlite"
    if overlap:  # each writer takes all files, starting at a different one
        shares = [files[k * N_DOCS // writers:] + files[: k * N_DOCS // writers] for k in range(writers)]
    else:
        shares = [files[k::writers] for k in range(writers)]
    procs = [run(share, db, tmp_path / f"o{k}") for k, share in enumerate(shares)]
    for p in procs:
        assert p.wait(timeout=600) == 0, p.stderr.read() if p.stderr else ""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT content_hash, doc_id FROM documents").fetchall()
    con.close()
    assert len(rows) == N_DOCS
    assert len({h for h, _ in rows}) == N_DOCS and len({i for _, i in rows}) == N_DOCS
    final = run(files[:1], db, tmp_path / "final")  # nothing new: the dossier of the store as it is now
    final.wait(timeout=600)
    assert dossier_of(tmp_path / "final") == single


def test_run_killed_while_writing_the_dossier_leaves_old_or_new_whole(tmp_path: Path) -> None:
    """The dossier of a large corpus takes a moment to write; kill runs at different moments of it."""
    files = make_corpus(tmp_path / "in", 24)
    out = tmp_path / "o"
    first = run(files[:1], tmp_path / "c.sqlite", out)
    assert first.wait(timeout=600) == 0
    old = {name: (out / name).read_bytes() for name in ("dossier.json", "dossier.md", "dossier.html")}
    outcomes = set()
    for delay in (0.0, 0.05):
        proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "analyze", *map(str, files), "--out",
                                 str(out), "-q"], stderr=subprocess.DEVNULL)
        started = time.time()
        while proc.poll() is None and time.time() - started < 600:
            if any(p.name.startswith(".dossier") for p in out.iterdir()) and time.time() - started > delay:
                proc.send_signal(signal.SIGKILL)  # a temporary file is there: the dossier is being written
                break
            time.sleep(0.005)
        proc.wait()
        for name, before in old.items():
            now = (out / name).read_bytes()
            if now == before:
                outcomes.add("old")
                continue
            outcomes.add("new")
            if name == "dossier.json":
                assert len(json.loads(now)["documents"]) == 24
            else:
                assert now.rstrip().endswith(b"</html>" if name.endswith("html") else b"")
        for leftover in out.glob(".dossier*"):
            os.unlink(leftover)  # a killed run may leave its temporary file; never the dossier itself
    assert "old" in outcomes  # at least one kill hit the writing
