"""Stage registry and the run over documents and the corpus.

A document stage is `stage(doc) -> None` that sets fields on one Document; a corpus stage is
`stage(dossier, settings) -> None` over all documents. Each declares what it needs and what it sets,
so the order can be checked. A stage that fails on one document records the failure on that
document (`problems`) and the batch goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
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


def run_document(doc: Document, settings: Settings) -> Document:
    for st in selected(DOCUMENT_STAGES, settings.stages):
        try:
            st.func(doc)
        except Exception as exc:  # one document's failure must not stop the batch
            doc.problems.append(f"stage {st.name} failed: {type(exc).__name__}: {exc}")
    return doc


def run_corpus(dossier: Dossier, settings: Settings) -> Dossier:
    for st in selected(CORPUS_STAGES, settings.stages):
        started = time.monotonic()
        if settings.progress:  # on a large corpus a stage takes minutes: say which one runs
            print(f"{st.name} ({len(dossier.documents)} documents) ...", end="", file=sys.stderr, flush=True)
        try:
            st.func(dossier, settings)
        except Exception as exc:
            for doc in dossier.documents:
                doc.problems.append(f"corpus stage {st.name} failed: {type(exc).__name__}: {exc}")
        if settings.progress:
            print(f" {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    return dossier
