"""The Ray engine on a local Ray instance (2 CPUs): the same dossier as the local engine (the corpus
stages' partitions run as Ray tasks too), a failing task retried and then its input rejected with the
reason, a killed worker losing no document, reuse in many partitions equal to the one-index stream;
the local engine's partitions in as many processes as it has workers, whatever the first wave's size."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebild import analyze
from lagebild.api import analyze_item
from lagebild.engines import LocalEngine
from lagebild.model import Document, RawInput, Rejected
from lagebild.settings import Settings

from .conftest import EXAMPLES, _required
from .test_store import make_corpus


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[object]:
    try:
        import ray
    except ImportError:
        _required("Ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_engine_gives_the_local_dossier_on_the_examples(ray_cluster: object) -> None:
    assert analyze([EXAMPLES], engine="ray").to_json() == analyze([EXAMPLES]).to_json()


def test_ray_engine_gives_the_local_dossier_on_the_seeds(ray_cluster: object, shared: Path) -> None:
    seeds = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    assert analyze(seeds, engine="ray").to_json() == analyze(seeds).to_json()


def test_a_failing_task_is_retried_then_its_input_rejected_with_the_reason(ray_cluster: object,
                                                                           tmp_path: Path) -> None:
    from lagebild.engines import RayEngine

    attempts = tmp_path / "attempts"
    attempts.mkdir()

    def task(item: RawInput, cfg: Settings) -> Document | Rejected:  # pickled by value into the workers
        (attempts / f"{item.source}.{time.monotonic_ns()}").touch()
        if "Gift" in item.content:
            raise ValueError("the parser choked on Gift")
        return Rejected(item.source, "fine")  # a stand-in result: only the engine is tested here

    items = [(i, RawInput(source=f"s{i}", format="text", content="Gift" if i == 2 else "gut")) for i in range(6)]
    got = {index: result for index, _, result in RayEngine(batch=1, max_retries=2).map(task, items, Settings())}
    assert sorted(got) == list(range(6))
    assert got[2].reason == "its analysis failed 3 time(s): ValueError: the parser choked on Gift"  # type: ignore[union-attr]
    assert len(list(attempts.glob("s2.*"))) == 3  # the first try and two retries
    assert all(got[i].reason == "fine" for i in got if i != 2)  # type: ignore[union-attr]
    # in a batch of several, only the input that fails by itself is rejected
    got = {index: result for index, _, result in RayEngine(batch=4, max_retries=1).map(task, items, Settings())}
    assert [i for i, r in sorted(got.items()) if r.reason != "fine"] == [2]  # type: ignore[union-attr]


def _kill_a_busy_worker(stop: threading.Event, killed: list[int]) -> None:
    """SIGKILL the first Ray worker seen working on a batch (its process title names the task)."""
    while not stop.is_set() and not killed:
        for pid in os.listdir("/proc"):
            try:
                title = (Path("/proc") / pid / "cmdline").read_bytes()
            except OSError:
                continue
            if pid.isdigit() and title.startswith(b"ray::_run_batch"):
                os.kill(int(pid), signal.SIGKILL)
                killed.append(int(pid))
                return
        time.sleep(0.005)


def test_a_killed_worker_loses_no_document(ray_cluster: object, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 60)
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_a_busy_worker, args=(stop, killed))
    killer.start()
    try:
        dossier = analyze([corpus], engine="ray", db=str(tmp_path / "ray.sqlite"))
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was seen working"
    assert not dossier.rejected
    local = analyze([corpus], db=str(tmp_path / "local.sqlite"))
    assert [(d.id, d.text) for d in dossier.documents] == [(d.id, d.text) for d in local.documents]
    assert len(dossier.documents) == 60


def test_analyze_item_runs_the_document_stages(tmp_path: Path) -> None:
    text = (EXAMPLES / "fiktiv_02_morgenblatt.txt").read_text(encoding="utf-8")
    doc = analyze_item(RawInput(source="a.txt", format="text", content=text), Settings())
    assert isinstance(doc, Document) and doc.text and not doc.raw  # cleaned, raw text packed


def test_reuse_partitioned_on_ray_equals_one_index_streamed_over_the_documents(
        ray_cluster: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.corpus import reuse
    from lagebild.engines import RayEngine

    from .test_reuse import streamed_reuse, synthetic_corpus

    docs = synthetic_corpus(250, seed=11)
    expected = streamed_reuse(docs)
    monkeypatch.setattr(reuse, "DOCS_PER_PART", 40)  # several partitions of each step
    monkeypatch.setattr(reuse, "PAIRS_PER_PART", 60)
    assert reuse.find_reuse(docs, engine=RayEngine()) == expected and len(expected) > 200


_MEET = multiprocessing.get_context("fork").Barrier(3)  # inherited by the engine's forked workers


def _meet(part: int) -> int:
    _MEET.wait(timeout=30)  # passes only once three parts run at the same time
    return part * 2


def test_the_local_engines_pool_keeps_its_workers_for_later_waves_of_more_parts() -> None:
    engine = LocalEngine(workers=3)
    try:
        assert engine.partitions(abs, [-1, -2]) == [1, 2]  # the pool starts with a wave of two parts
        assert engine.partitions(_meet, [1, 2, 3]) == [2, 4, 6]  # three at once: the pool has three workers
    finally:
        engine.close()


@pytest.fixture
def small_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus stage that allows it in many partitions: one story's facts, a few documents, a pair,
    the summary of a story or two."""
    from lagebild import engines
    from lagebild.corpus import claims, reuse, stories

    monkeypatch.setattr(claims, "FACTS_PER_PART", 1)
    monkeypatch.setattr(stories, "SUMMARY_DOCS_PER_PART", 1)
    monkeypatch.setattr(engines, "PARTS_PER_WAVE", 2)
    monkeypatch.setattr(reuse, "DOCS_PER_PART", 2)
    monkeypatch.setattr(reuse, "PAIRS_PER_PART", 1)


def _seeds_and_examples(shared: Path) -> list[str]:
    return [*sorted(str(p) for p in (shared / "seeds").glob("*.txt")), str(EXAMPLES)]  # several stories


def test_partitions_of_the_corpus_stages_give_the_dossier_of_one(shared: Path, small_partitions: None) -> None:
    paths = _seeds_and_examples(shared)
    one = analyze(paths, workers=1)  # every partition in this process, one after the other
    assert len([s for s in one.stories if len(s["documents"]) > 1]) >= 2 and len(one.claims) > 5
    assert analyze(paths, workers=2).to_json() == one.to_json()


def test_partitions_of_the_corpus_stages_on_ray_give_the_local_dossier(ray_cluster: object, shared: Path,
                                                                        small_partitions: None) -> None:
    paths = _seeds_and_examples(shared)
    assert analyze(paths, engine="ray").to_json() == analyze(paths, workers=1).to_json()
