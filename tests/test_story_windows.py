"""Issue 21: a long collection's stories clustered by time window in partitions and stitched across
windows (corpus/story_windows.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lagebild import engines
from lagebild.corpus import story_windows
from lagebild.corpus.stories import cluster
from lagebild.corpus.story_windows import windowed, windows
from lagebild.engines import LocalEngine, using
from lagebild.model import Document, Published

from .conftest import ROOT

FLOOD = ("The river Velde burst its banks in Nordhafen and about 500 residents were evacuated from the old "
         "harbour quarter, the fire service said. Council leader Anna Velden said boats rescued elderly "
         "residents from upper floors of the flooded harbour houses.")
FESTIVAL = ("The Kesselried folk music festival opened with brass bands from twelve villages, and the organisers "
            "expected about 8,000 visitors over the weekend on the meadow below the castle. Jan Weber, who "
            "leads the festival, said tickets for the closing concert were sold out.")
ELECTION = ("Voters in Obermark elected a new district council, and the turnout of 61 percent was the highest "
            "since the district was formed. The Greens gained four seats, and the count of postal votes "
            "delayed the final result until Monday morning, the returning officer said.")


def _docs(rows: list[tuple[str, str, str]]) -> list[Document]:
    docs = []
    for i, (day, title, text) in enumerate(rows):
        doc = Document(id=f"d{i}", source=f"{i}.txt", format="text", raw=text, text=text, title=title, language="en")
        doc.published = Published(value=day, basis="explicit", evidence=day)
        docs.append(doc)
    return docs


def _collection() -> list[Document]:
    """A festival at the start, a flood whose reports straddle the first windows' boundary (days 27-30
    from the first article), an election three months on: three windows and more."""
    return _docs([
        ("2025-03-01", "Kesselried folk festival opens", FESTIVAL),
        ("2025-03-02", "Brass bands draw crowds to Kesselried", FESTIVAL.replace("opened", "began")),
        ("2025-03-28", "Velde floods Nordhafen", FLOOD),
        ("2025-03-28", "Hundreds evacuated in Nordhafen", FLOOD.replace("about 500", "hundreds of")),
        ("2025-03-29", "Nordhafen flood: boats rescue residents", FLOOD.replace("said boats", "said that boats")),
        ("2025-03-31", "Nordhafen counts the flood damage", FLOOD.replace("were evacuated", "had been evacuated")),
        ("2025-06-10", "Obermark elects a new council", ELECTION),
        ("2025-06-11", "Greens gain in Obermark", ELECTION.replace("four seats", "4 seats")),
    ])


def test_a_long_collection_is_cut_into_windows_and_a_story_across_their_boundary_stays_one() -> None:
    docs = _collection()
    parts = windows(docs)
    assert parts is not None and len(parts) >= 3  # spans more than MIN_WINDOWS windows
    window_of = {i: k for k, part in enumerate(parts) for i in part}
    assert window_of[3] != window_of[4]  # the flood's reports fall in two windows (day 28 starts the second)
    stories = sorted(sorted(g) for g in windowed(cluster)(docs, {}, []))
    assert stories == [[0, 1], [2, 3, 4, 5], [6, 7]]
    assert stories == sorted(sorted(g) for g in cluster(docs))  # here as clustered at once


def test_a_copy_joins_its_original_across_windows_and_partitions_run_in_processes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A reprint weeks later shares a passage with the first report: it joins that story although the
    decay keeps its words from doing so; two worker processes give what one does."""
    docs = _collection() + _docs([("2025-05-02", "Looking back: the Nordhafen flood", FLOOD)])
    docs[-1].id = "d8"
    links = {2: {8}, 8: {2}}
    alone = sorted(sorted(g) for g in windowed(cluster)(docs, {}, []))
    assert [8] in alone  # by its words alone the reprint is a story of its own
    linked = windowed(cluster)(docs, links, [])
    assert sorted(sorted(g) for g in linked) == [[0, 1], [2, 3, 4, 5, 8], [6, 7]]
    engine = LocalEngine(workers=2)
    monkeypatch.setattr(engines, "PARTS_PER_WAVE", 2)  # the windows in waves of two
    try:
        with using(engine):
            assert windowed(cluster)(docs, links, []) == linked
    finally:
        engine.close()


def test_a_collection_of_weeks_is_clustered_at_once() -> None:
    docs = _collection()[2:6]
    assert windows(docs) is None and windows(docs, days=1) is not None
    assert windowed(cluster)(docs, {}, []) == cluster(docs)


def test_stitched_windows_keep_the_english_wire_stories() -> None:
    """Forced into windows of two weeks (the set spans about seven), the fictional English wire set's
    stories stay as clustered at once within one story (B-cubed F1 0.979 at once, 0.977 in windows)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_stories_en import evaluate

    folder = ROOT / "tests" / "data" / "stories_en_wire" / "dev"
    assert len(json.loads((folder / "events.json").read_text(encoding="utf-8"))) > 100
    _, _, whole = evaluate(folder)
    _, _, windowed_f1 = evaluate(folder, window=14)
    assert windowed_f1 >= whole - 0.01 and windowed_f1 >= 0.97


def test_the_pipeline_clusters_a_long_collection_by_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild import analyze

    calls = []
    stitch = story_windows.stitched
    monkeypatch.setattr(story_windows, "stitched", lambda *args: calls.append(1) or stitch(*args))

    for i, doc in enumerate(_collection()):
        (tmp_path / f"{i}.jsonl").write_text(json.dumps({"title": doc.title, "text": doc.text,
                                                         "published": doc.published.value}) + "\n",
                                             encoding="utf-8")
    one = analyze([str(tmp_path)], workers=1)
    assert len(one.stories) == 3
    assert analyze([str(tmp_path)], workers=2).to_json() == one.to_json()
    assert len(calls) == 2
