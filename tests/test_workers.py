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
