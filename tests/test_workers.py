"""`--workers N` (issue 19): the per-document stages in N processes give the same dossier as one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild import analyze
from lagebild.store import Store, extractions

from .conftest import EXAMPLES


def test_two_workers_write_the_same_dossier_as_one(tmp_path: Path, shared: Path) -> None:
    inputs = [EXAMPLES, *sorted((shared / "seeds").glob("*.txt"))]
    one = analyze(inputs, workers=1)
    two = analyze(inputs, workers=2)
    assert len(one.documents) >= 8  # enough inputs for the pool to start
    assert two.to_json() == one.to_json()
    assert two.to_markdown() == one.to_markdown() and two.to_html() == one.to_html()


def test_two_workers_fill_a_store_as_one_does(tmp_path: Path, shared: Path) -> None:
    inputs = [EXAMPLES, *sorted((shared / "seeds").glob("*.txt")), EXAMPLES / "fiktiv_01_velde-bote.txt"]
    one = analyze(inputs, workers=1, db=str(tmp_path / "one.sqlite"))
    two = analyze(inputs, workers=2, db=str(tmp_path / "two.sqlite"))
    assert two.to_json() == one.to_json()
    ids = [d.id for d in two.documents]
    assert len(set(ids)) == len(ids) and two.known == 1  # the repeat skipped


def test_a_store_grown_in_two_runs_gives_the_dossier_of_one_run(tmp_path: Path, shared: Path) -> None:
    """Issue 19: the second run extracts only its new documents (the first run's extractions are read
    back from the store) and the dossier equals a from-scratch run on the same documents."""
    first, second = sorted(EXAMPLES.glob("*.txt")), sorted((shared / "seeds").glob("*.txt"))
    db = str(tmp_path / "grown.sqlite")
    analyze(first, db=db)
    grown = analyze(second, db=db)
    scratch = analyze([*first, *second], db=str(tmp_path / "scratch.sqlite"))  # the same, in one run
    assert grown.to_json() == scratch.to_json()
    assert (grown.added, grown.known) == (len(second), 0)
    again = analyze([*first, *second], db=db)
    assert (again.added, again.known) == (0, len(first) + len(second))  # said by the CLI: skipped as already stored
    store = Store(db)
    read_back = list(extractions.attach(store.db, store.documents()))
    store.close()
    assert len(read_back) == len(grown.documents) and all(d.extracted is not None for d in read_back)


def test_a_grown_store_computes_again_only_what_its_new_documents_touch(tmp_path: Path, shared: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, the incremental corpus: results the corpus stages kept in the store (summaries, paragraph
    hashes, passages, compared pairs, facts) are used where their inputs are unchanged, and the dossier is
    still the one of a run from scratch."""
    from lagebild.corpus import stories

    summarized: list[tuple[list[str], frozenset[str]]] = []

    def counting(group: list[Any], ctx: Any) -> Any:
        summarized.append(([d.id for d in group], ctx.common))
        return summarize(group, ctx)

    summarize = stories.summarize
    monkeypatch.setattr(stories, "summarize", counting)
    first, second = sorted(EXAMPLES.glob("*.txt")), sorted((shared / "seeds").glob("*.txt"))
    db = str(tmp_path / "grown.sqlite")
    before = analyze(first, db=db)
    common_before = {tuple(group): common for group, common in summarized}
    summarized.clear()
    grown = analyze(second, db=db)
    new = {d.id for d in grown.documents} - {d.id for d in before.documents}
    untouched = [s for s in grown.stories if not new & set(s["documents"])]
    assert new and untouched  # else this test would show nothing
    # a story is summarized again if it has a new member or the words all stories share have changed
    assert all(new & set(group) or common != common_before[tuple(group)] for group, common in summarized)
    summarized.clear()
    again = analyze([*first, *second], db=db)  # nothing new: nothing summarized again
    assert summarized == [] and again.to_json() == grown.to_json()
    scratch = analyze([*first, *second], db=str(tmp_path / "scratch.sqlite"))
    assert grown.to_json() == scratch.to_json()
    store = Store(db)
    kinds = dict(store.db.execute("SELECT kind, COUNT(*) FROM corpus_memo GROUP BY kind").fetchall())
    store.close()
    assert kinds["summary"] == len(grown.stories) and kinds["paragraphs"] == len(grown.documents)


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table of Linux")
def test_workers_end_with_a_killed_run(tmp_path: Path) -> None:
    """A worker that outlived its killed run kept the run's database connection and its locks open: the next
    run on a PostgreSQL store waited for them."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from .test_store import make_corpus

    corpus = make_corpus(tmp_path / "in", 60)
    run = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "analyze", "-q", str(corpus), "--out",
                            str(tmp_path / "o"), "--workers", "2", "--db", str(tmp_path / "s.sqlite")])
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
        workers = _children(run.pid)
    assert len(workers) >= 2, "the run started no workers"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 20
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert alive == []
