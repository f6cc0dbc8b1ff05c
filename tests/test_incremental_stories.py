"""Issue 19, the incremental corpus: a grown store's new documents join the stories kept in the store
(corpus/story_growth.py, store/story_state.py) instead of the whole store being clustered again."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from lagebild import analyze
from lagebild.corpus import memo, story_growth
from lagebild.store import open_store
from lagebild.store.story_state import StoredStories

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT / "tests" / "data" / "stories_en_wire" / "dev"


def kept(address: str) -> dict[str, Any]:
    """The kept state: each story's data by key, each document's story, the meta values."""
    store = open_store(address)
    try:
        stories = {int(k): json.loads(v) for k, v in store.sql.execute("SELECT story, data FROM story_state")}
        docs = {str(d): int(s) for d, s in store.sql.execute("SELECT doc, story FROM story_state_docs")}
        meta = {str(k): str(v) for k, v in store.sql.execute("SELECT key, value FROM story_state_meta")}
        index = sorted((str(w), int(s)) for w, s in store.sql.execute("SELECT term, story FROM story_state_terms"))
    finally:
        store.close()
    return {"stories": stories, "docs": docs, "meta": meta, "index": index}


def groups(dossier: Any) -> list[list[str]]:
    return [s["documents"] for s in dossier.stories]


def count_clustering_at_once(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents of each run that clusters its store all at once, from now on."""
    counts: list[int] = []
    clustered = story_growth.clustered

    def counting(docs: list[Any], *args: Any) -> Any:
        counts.append(len(docs))
        return clustered(docs, *args)

    monkeypatch.setattr(story_growth, "clustered", counting)
    return counts


def test_a_grown_store_assigns_new_documents_to_the_kept_stories(store_address: str, tmp_path: Path, shared: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run clusters only its new documents (never the whole store) and gives the stories of
    one run over all documents; the stories it did not touch are not written again. Both back-ends."""
    first, second = sorted(EXAMPLES.glob("*.txt")), sorted((shared / "seeds").glob("*.txt"))
    db = store_address
    analyze(first, db=db)
    before = kept(db)
    assert sorted(before["docs"]) == sorted(d for s in before["stories"].values() for d in s["members"])

    def no_whole_store(*args: Any) -> Any:
        raise AssertionError("the whole store clustered again")

    monkeypatch.setattr(story_growth, "clustered", no_whole_store)
    grown = analyze(second, db=db)
    monkeypatch.undo()
    after = kept(db)
    scratch = analyze([*first, *second], db=str(tmp_path / "scratch.sqlite"))
    assert grown.to_json() == scratch.to_json()
    new = set(after["docs"]) - set(before["docs"])
    assert len(new) == len(second) and after["meta"]["documents"] == str(len(first) + len(second))
    untouched = [k for k, s in after["stories"].items() if not new & set(s["members"])]
    assert untouched and all(after["stories"][k] == before["stories"][k] for k in untouched)
    assert {after["docs"][d] for d in before["docs"]} <= set(before["stories"])  # the old documents stay put


@pytest.mark.parametrize("batch", [1, 3])
def test_a_store_grown_in_several_runs_gives_the_stories_of_one_run(tmp_path: Path, shared: Path, batch: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples and the seeds added a few at a time (the examples' one story arriving over several
    runs, a date inferred from related articles only once they are stored) give the dossier of one run
    over the same documents; only the first run clusters its documents all at once."""
    inputs = [*sorted(EXAMPLES.glob("*.txt")), *sorted((shared / "seeds").glob("*.txt"))]
    db = str(tmp_path / "grown.sqlite")
    at_once = count_clustering_at_once(monkeypatch)
    for k in range(0, len(inputs), batch):
        grown = analyze(inputs[k : k + batch], db=db)
    assert at_once == [batch]
    monkeypatch.undo()
    scratch = analyze(inputs, db=str(tmp_path / "scratch.sqlite"))
    assert len(kept(db)["docs"]) == len(scratch.documents)
    assert groups(grown) == groups(scratch) and grown.to_json() == scratch.to_json()


def test_a_run_with_nothing_new_leaves_the_kept_stories_as_they_are(store_address: str) -> None:
    db = store_address
    first = analyze([EXAMPLES], db=db)
    state = kept(db)
    again = analyze([EXAMPLES], db=db)
    assert kept(db) == state and again.to_json() == first.to_json()


@pytest.mark.parametrize("stale", ["code", "documents"])
def test_a_kept_state_that_does_not_match_is_made_again_from_scratch(tmp_path: Path, shared: Path, stale: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade of lagebild, or when another run changed the kept state meanwhile, the whole store
    is clustered again (and its state kept anew) rather than new documents joining stories that no longer
    match."""
    first, second = sorted(EXAMPLES.glob("*.txt")), sorted((shared / "seeds").glob("*.txt"))
    db = str(tmp_path / "c.sqlite")
    analyze(first, db=db)
    if stale == "code":
        monkeypatch.setattr(memo, "code_key", lambda: "another version")
    else:
        store = open_store(db)
        with store.transaction():
            store.sql.execute("DELETE FROM story_state_docs WHERE doc = (SELECT MIN(doc) FROM story_state_docs)")
        store.close()
    scratch_runs = count_clustering_at_once(monkeypatch)
    grown = analyze(second, db=db)
    assert scratch_runs == [len(first) + len(second)]
    state = kept(db)
    assert len(state["docs"]) == len(grown.documents) and state["meta"]["documents"] == str(len(grown.documents))


def test_a_store_grown_in_batches_keeps_most_of_the_stories_of_one_run(tmp_path: Path) -> None:
    """The larger fictional English wire set (104 articles of 40 events, shuffled) added 20 at a time: the
    online decisions may differ from clustering everything at once, and how much is measured here (and on
    10kGNAD by bench/eval_stories.py --grown, in the README)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_stories import bcubed

    rows = WIRE.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
    random.Random(1).shuffle(rows)
    batches = []
    for k in range(0, len(rows), 20):
        path = tmp_path / f"batch{k:03d}.jsonl"
        path.write_text("\n".join(rows[k : k + 20]) + "\n", encoding="utf-8")
        batches.append(path)
    db = str(tmp_path / "grown.sqlite")
    for path in batches:
        grown = analyze([path], db=db)
    scratch = analyze(batches, db=str(tmp_path / "scratch.sqlite"))
    assert sorted(d.id for d in grown.documents) == sorted(d.id for d in scratch.documents)
    as_scratch = {d: s["id"] for s in scratch.stories for d in s["documents"]}
    p, r, f = bcubed(groups(grown), as_scratch)
    events = json.loads(WIRE.joinpath("events.json").read_text(encoding="utf-8"))
    title_of = {d.id: d.title for d in scratch.documents}
    gold = {d: events[t] for d, t in title_of.items() if t in events}
    grown_f = bcubed([[d for d in g if d in gold] for g in groups(grown)], gold)[2]
    scratch_f = bcubed([[d for d in g if d in gold] for g in groups(scratch)], gold)[2]
    print(f"grown against scratch P {p:.3f} R {r:.3f} F1 {f:.3f}; against the events {grown_f:.3f} / {scratch_f:.3f}")
    assert len(gold) == len(rows)
    assert f >= 0.9 and grown_f >= scratch_f - 0.05



def test_a_slice_of_the_store_is_clustered_at_once_and_leaves_the_kept_stories_alone(tmp_path: Path) -> None:
    """A corpus stage run again without the documents it failed on (pipeline.py) sees part of the store: its
    stories are those of the part, and the kept state, which the next run grows, is not rewritten."""
    db = str(tmp_path / "c.sqlite")
    dossier = analyze(sorted(EXAMPLES.glob("*.txt")), db=db)
    state = kept(db)
    part = dossier.documents[1:]
    store = open_store(db)
    try:
        with story_growth.using(StoredStories(store)):
            stories = story_growth.grow(part, {}, [])
    finally:
        store.close()
    assert stories == story_growth.cluster(part)
    assert kept(db) == state
