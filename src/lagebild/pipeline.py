"""Stage registry and the run over documents and the corpus.

A document stage is `stage(doc) -> None` that sets fields on one Document; a corpus stage is
`stage(dossier, settings) -> None` over all documents. Each declares what it needs and what it sets,
so the order can be checked. A stage that fails on one document records the failure on that
document (`problems`) and the batch goes on. A corpus stage that fails is run again without the
documents it fails on alone: those are left out of that stage (each with the reason on the document),
everything else is computed. A stage that runs past its time budget on one document fails on it.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .model import Document, Dossier
from .settings import Settings


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[..., None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    corpus: bool


DOCUMENT_STAGES: dict[str, Stage] = {}
CORPUS_STAGES: dict[str, Stage] = {}


def _register(table: dict[str, Stage], corpus: bool, name: str, requires: tuple[str, ...],
              assigns: tuple[str, ...]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def deco(func: Callable[..., None]) -> Callable[..., None]:
        if name in table:
            raise ValueError(f"stage {name!r} is registered twice")
        table[name] = Stage(name, func, requires, assigns, corpus)
        return func

    return deco


def document_stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Any:
    return _register(DOCUMENT_STAGES, False, name, requires, assigns)


def corpus_stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Any:
    return _register(CORPUS_STAGES, True, name, requires, assigns)


def check_order(stages: list[Stage], given: tuple[str, ...] = ("raw",)) -> None:
    """Raise if a stage needs something no earlier stage sets."""
    have = set(given)
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ValueError(f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage assigns")
        have.update(st.assigns)


def selected(table: dict[str, Stage], names: tuple[str, ...] | None) -> list[Stage]:
    if names is None:
        return list(table.values())
    unknown = [n for n in names if n not in table and n not in DOCUMENT_STAGES and n not in CORPUS_STAGES]
    if unknown:
        known = ", ".join([*DOCUMENT_STAGES, *CORPUS_STAGES])
        raise ValueError(f"unknown stage(s): {', '.join(unknown)}; known: {known}")
    return [table[n] for n in names if n in table]


# A stage's time on one document, past which it is stopped and the document's problem recorded: a
# safety net for input no rule foresaw. Ordinary articles take well under a second per stage; time grows
# linearly, and the costliest stage (extract) takes 14-18 CPU s per MB of hostile input on this machine
# (`bench/bench_pathological.py --stages`), so this is more than twice any honest input's.
BUDGET_BASE_S = 60.0
BUDGET_PER_MB_S = 50.0


class StageTimeout(Exception):
    """A stage ran past its time budget on one document."""


def time_budget(text: str) -> float:
    return BUDGET_BASE_S + BUDGET_PER_MB_S * len(text) / 1_000_000


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise `StageTimeout` in the block once `seconds` of CPU time have passed. Only where signals can
    be had (the main thread of a POSIX process); elsewhere the block runs unbounded."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise StageTimeout(f"stopped after {seconds:.0f} CPU seconds")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def run_document(doc: Document, settings: Settings) -> Document:
    for st in selected(DOCUMENT_STAGES, settings.stages):
        try:
            with budget(time_budget(doc.raw)):
                st.func(doc)
        except Exception as exc:  # one document's failure must not stop the batch
            doc.problems.append(f"stage {st.name} failed: {type(exc).__name__}: {exc}")
    return doc


def run_corpus(dossier: Dossier, settings: Settings) -> Dossier:
    for st in selected(CORPUS_STAGES, settings.stages):
        started, cpu = time.monotonic(), time.process_time()
        if settings.progress:  # on a large corpus a stage takes minutes: say which one runs
            print(f"{st.name} ({len(dossier.documents)} documents) ...", end="", file=sys.stderr, flush=True)
        try:
            st.func(dossier, settings)
        except Exception as exc:
            _run_without_failing(st, dossier, settings, exc)
        if settings.progress:
            # CPU seconds too: on a shared machine the wall time says more about the other jobs
            print(f" {time.monotonic() - started:.1f} s ({time.process_time() - cpu:.1f} CPU s)", file=sys.stderr,
                  flush=True)
    return dossier


def _run_without_failing(st: Stage, dossier: Dossier, settings: Settings, error: Exception) -> None:
    """Run a corpus stage that failed again, without each document it fails on by itself."""
    failing: set[str] = set()
    alone = _Alone(dossier)
    for doc in dossier.documents:
        try:
            st.func(alone.slice(doc), settings)
        except Exception as exc:
            failing.add(doc.id)
            doc.problems.append(f"left out of corpus stage {st.name}: {type(exc).__name__}: {exc}")
    rest = _slice(dossier, {d.id for d in dossier.documents} - failing)
    before = {name: id(getattr(rest, name)) for name in _LISTS}
    try:
        st.func(rest, settings)
    except Exception as exc:  # fails only with several documents together: nothing to single out
        reason = exc if failing else error
        dossier.problems.append({"doc": None, "stage": st.name,
                                 "problem": f"corpus stage {st.name} failed: {type(reason).__name__}: {reason}"})
        return
    for name in _LISTS:
        if id(getattr(rest, name)) != before[name]:  # what the stage assigned
            setattr(dossier, name, getattr(rest, name))


_LISTS = ("reuse", "stories", "entities", "quotes", "quantities", "times", "claims", "timeline", "doc_facts")


def _slice(dossier: Dossier, ids: set[str]) -> Dossier:
    """The dossier as if only the documents `ids` were in it (records shared, not copied, so what a stage
    changes on them is changed in the whole dossier)."""
    def mine(items: list[Any]) -> list[Any]:
        return [x for x in items if x.get("doc") in ids]

    return Dossier(
        documents=[d for d in dossier.documents if d.id in ids],
        reuse=[r for r in dossier.reuse if all(s.doc in ids for s in r.spans)],
        stories=[{**s, "documents": [d for d in s["documents"] if d in ids]} for s in dossier.stories
                 if any(d in ids for d in s["documents"])],
        entities=dossier.entities if len(ids) == len(dossier.documents) else [],
        quotes=mine(dossier.quotes), quantities=mine(dossier.quantities), times=mine(dossier.times),
        claims=[c for c in dossier.claims if all(v["doc"] in ids for v in c.get("values", []))],
        timeline=dossier.timeline, doc_facts=[f for f in dossier.doc_facts if f.doc.id in ids],
    )


class _Alone:
    """`_slice(dossier, {doc.id})` for each document in turn, from records indexed by document once: filtering
    every list for every document was quadratic (at 100,000 articles a failed stage took days to run again)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.records: dict[str, dict[str, list[Any]]] = {}
        for name in ("quotes", "quantities", "times"):
            for x in getattr(dossier, name):
                self._of(x.get("doc"), name).append(x)
        for f in dossier.doc_facts:
            self._of(f.doc.id, "doc_facts").append(f)
        for r in dossier.reuse:
            if len(docs := {sp.doc for sp in r.spans}) == 1:
                self._of(docs.pop(), "reuse").append(r)
        for c in dossier.claims:
            if len(docs := {v["doc"] for v in c.get("values", [])}) <= 1:
                for d in docs or [d.id for d in dossier.documents]:  # a claim without values is in every slice
                    self._of(d, "claims").append(c)
        for story in dossier.stories:
            for d in story["documents"]:
                self._of(d, "stories").append({**story, "documents": [d]})

    def _of(self, doc: Any, name: str) -> list[Any]:
        return self.records.setdefault(doc, {}).setdefault(name, [])

    def slice(self, doc: Document) -> Dossier:
        mine = self.records.get(doc.id, {})

        def own(name: str) -> list[Any]:  # a list of its own, as _slice gives: a stage may change it
            return list(mine.get(name, []))

        return Dossier(
            documents=[doc], reuse=own("reuse"), stories=own("stories"),
            entities=self.dossier.entities if len(self.dossier.documents) == 1 else [],
            quotes=own("quotes"), quantities=own("quantities"), times=own("times"), claims=own("claims"),
            timeline=self.dossier.timeline, doc_facts=own("doc_facts"),
        )
