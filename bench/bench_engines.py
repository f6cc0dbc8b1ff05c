"""The per-document work on the local engine and on the Ray engine (1 and 2 CPUs) over the same N
articles (the 10kGNAD articles plus perturbed copies, as bench/bench_full.py builds its corpus), and
the corpus stages: reuse (partitioned by documents, LSH band and document pairs), stories (by time window,
the articles given dates over a year, and the summaries by story) and claims (by story), in the driver
alone and in partitions on each engine, then every stage once in the driver.

    python bench/bench_engines.py [--size 10000] [--cpus 1 2] [--corpus-only]

Reports wall seconds and articles/s per engine, the Ray engine's overhead against the local engine on
one CPU, and per-article costs (CPU seconds) of the document and the corpus stages, from which the
README's cluster estimate is derived. Inputs are read into memory first, so that only the engines'
work is timed; Ray's start-up is timed on its own. `--corpus-only` makes the documents in two local
processes and compares only the corpus stages.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import corpus  # noqa: E402


def timed_map(engine: object, items: list, cfg: object) -> tuple[float, list]:
    from lagebild.api import analyze_item

    t0 = time.perf_counter()
    results = sorted(engine.map(analyze_item, enumerate(items), cfg), key=lambda r: r[0])  # type: ignore[attr-defined]
    return time.perf_counter() - t0, [r for _, _, r in results]


def on_engines(name: str, run: Callable[[Any], list], cpus: list[int]) -> list:
    """`run(engine)`, a corpus stage's partitioned work, in the driver alone, then in partitions on the
    local engine (2 processes) and on Ray with each number of CPUs: wall and driver CPU seconds, and
    whether each gives what the driver alone gives (returned)."""
    import ray

    from lagebild.engines import LocalEngine, RayEngine

    def timed(engine: Any, label: str, alone: list | None = None) -> list:
        t0, cpu0 = time.perf_counter(), time.process_time()
        found = run(engine)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        same = "" if alone is None else f"; same as the driver alone: {found == alone}"
        print(f"  {name}, {label:26s} {wall:7.1f} s wall, {cpu:7.1f} CPU s in the driver, {len(found)} found"
              f"{same}; load average {os.getloadavg()[0]:.1f}", flush=True)
        return found

    alone = timed(LocalEngine(workers=1), "driver alone")
    local = LocalEngine(workers=2)
    timed(local, "local engine, 2 processes", alone)
    local.close()
    for n in cpus:
        ray.init(num_cpus=n, include_dashboard=False, log_to_driver=False)
        engine = RayEngine()
        ray.get([ray.remote(lambda: 0).remote() for _ in range(n)])  # workers started
        timed(engine, f"Ray, {n} CPU(s)", alone)
        ray.shutdown()
    return alone


def _stories(dossier: Any, engine: Any) -> list:
    from lagebild.corpus.stories import build_stories, cluster
    from lagebild.corpus.story_windows import windowed
    from lagebild.engines import using

    with using(engine):
        return [[s["documents"], [e.start for e in s["summary"]]] for s in build_stories(dossier, windowed(cluster))]


def documents(items: list, cfg: Any, cache: Path | None) -> list:
    """The documents of the document stages in two local processes, or those `--documents` kept."""
    from lagebild.api import analyze_item
    from lagebild.engines import LocalEngine

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    t0 = time.perf_counter()
    results = sorted(LocalEngine().map(analyze_item, enumerate(items), replace(cfg, workers=2)), key=lambda r: r[0])
    print(f"document stages, 2 local processes: {time.perf_counter() - t0:.1f} s", flush=True)
    docs = [r for _, _, r in results]
    if cache is not None:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--cpus", type=int, nargs="*", default=[1, 2], help="Ray engine runs (none: local only)")
    ap.add_argument("--corpus-only", action="store_true", help="skip the engines' document stages")
    ap.add_argument("--documents", type=Path, help="with --corpus-only: keep the analysed documents in this file "
                                                   "(read back if it exists)")
    args = ap.parse_args()

    import ray

    from lagebild import stages  # noqa: F401  (registers the stages)
    from lagebild.corpus.claims import find_claims
    from lagebild.corpus.reuse import find_reuse
    from lagebild.engines import LocalEngine, RayEngine
    from lagebild.ingest import expand_inputs, read_inputs
    from lagebild.model import Document, Dossier, Published
    from lagebild.pipeline import CORPUS_STAGES, run_corpus
    from lagebild.settings import Settings

    cfg = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(corpus(args.size)):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        items = list(read_inputs(list(expand_inputs([tmp])), cfg.max_bytes, None))
    print(f"{len(items)} articles; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")

    if args.corpus_only:
        local = documents(items, cfg, args.documents)
        doc_cpu = float("nan")
    else:
        cpu0 = time.process_time()
        wall, local = timed_map(LocalEngine(), items, replace(cfg, workers=1))
        doc_cpu = time.process_time() - cpu0
        print(f"{'local, 1 CPU':18s} {wall:8.1f} s {len(items) / wall:7.1f} art/s   "
              f"({doc_cpu / len(items) * 1000:.1f} CPU ms per article)", flush=True)
        base = wall
    for cpus in [] if args.corpus_only else args.cpus:
        t0 = time.perf_counter()
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
        engine = RayEngine()
        ray.get([ray.remote(lambda: 0).remote() for _ in range(cpus)])  # workers started
        start = time.perf_counter() - t0
        cpu0 = time.process_time()
        wall, got = timed_map(engine, items, cfg)
        driver = time.process_time() - cpu0
        ray.shutdown()
        same = [d.to_dict() for d in got] == [d.to_dict() for d in local]
        print(f"{f'ray, {cpus} CPU(s)':18s} {wall:8.1f} s {len(items) / wall:7.1f} art/s   "
              f"(start-up {start:.1f} s; wall x CPUs {wall / base * cpus - 1:+.0%} against local; driver "
              f"{driver / len(items) * 1000:.1f} CPU ms per article; same documents: {same})", flush=True)

    docs = [d for d in local if isinstance(d, Document)]
    for n, d in enumerate(docs, start=1):
        d.id = f"d{n}"
    reuse = on_engines("reuse", lambda engine: find_reuse(docs, engine=engine), args.cpus)
    # stories: the articles given publication dates spread over a year (the corpus has none), so that they
    # are clustered by time window in partitions and stitched (story_windows.py), and their summaries
    dated = [replace(d, published=Published(value=(date(2024, 1, 1) + timedelta(days=n * 366 // len(docs))).isoformat(),
                                            basis="explicit", evidence="bench")) for n, d in enumerate(docs)]
    on_engines("stories", lambda engine: _stories(Dossier(documents=dated, reuse=reuse), engine), args.cpus)
    dossier, corpus_cpu = Dossier(documents=docs), 0.0
    for name in CORPUS_STAGES:  # one at a time, in order, to see which one costs what
        if name == "claims":  # the facts grouped by story
            same_story = {d: [o for o in s["documents"] if o != d] for s in dossier.stories for d in s["documents"]}
            claims = on_engines("claims", lambda engine, related=same_story: find_claims(  # type: ignore[misc]
                dossier.doc_facts, related, engine=engine), args.cpus)
        t0, cpu0 = time.perf_counter(), time.process_time()
        run_corpus(dossier, replace(cfg, stages=(name,)))  # in the driver alone
        spent, wall = time.process_time() - cpu0, time.perf_counter() - t0
        corpus_cpu += spent
        print(f"  corpus stage {name:10s} {spent:7.1f} CPU s  {spent / len(docs) * 1000:6.1f} ms per article "
              f"({wall:.1f} s wall)", flush=True)
    assert dossier.reuse == reuse and dossier.claims == claims, "the stages gave what on_engines measured"
    print(f"corpus stages (driver, 1 CPU): {corpus_cpu:.1f} CPU s, {corpus_cpu / len(docs) * 1000:.1f} CPU ms "
          f"per article; document stages {doc_cpu / len(items) * 1000:.1f} CPU ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
