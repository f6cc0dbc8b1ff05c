"""Corpus results remembered between runs of one store (issue 19: a store grows by k documents at a time).

A result is kept under the hash of everything it is computed from (its inputs, named by the stage, and
this code): a story's summary under its members with their dates and facts, a document's paragraph
hashes under the document, the passages of a document pair under the pair and its candidate paragraphs.
So a remembered result is the one the stage would compute, and a grown store gives the dossier of a
run from scratch. Inputs name documents by id, which in a store is the hash of their content: the memo
is used only there (`using` in api.py), never for documents numbered by input order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]
# What a corpus result cannot depend on: the report writers, the web workspace, caches of the interpreter.
NOT_INPUTS = ("web", "report", "__pycache__")


class Memo(Protocol):
    def get(self, kind: str, key: str) -> str | None: ...

    def put(self, kind: str, key: str, data: str) -> None: ...


_active: ContextVar[Memo | None] = ContextVar("corpus_memo", default=None)


@contextmanager
def setting(var: ContextVar[T | None], value: T) -> Iterator[None]:
    """`var` set to `value` within the block (a store's memo, its kept stories)."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def using(memo: Memo) -> AbstractContextManager[None]:
    return setting(_active, memo)


@contextmanager
def unused() -> Iterator[None]:
    """No memo within the block: a partition worked in a forked process must not use the store's
    connection it inherited."""
    token = _active.set(None)
    try:
        yield
    finally:
        _active.reset(token)


def active() -> bool:
    return _active.get() is not None


@lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the package's code and data: after an upgrade nothing remembered is used."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if path.is_file() and path.suffix != ".pyc" and rel.parts[0] not in NOT_INPUTS:
            h.update(str(rel).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def key_of(inputs: Any) -> str:
    text = json.dumps(inputs, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{code_key()}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


def recall(kind: str, inputs: Any, compute: Callable[[], T], encode: Callable[[T], Any],
           decode: Callable[[Any], T]) -> T:
    """`compute()`, or what it gave for the same inputs in an earlier run of this store."""
    return recall_many(kind, [inputs], lambda missing: [compute() for _ in missing], encode, decode)[0]


def recall_many(kind: str, inputs: list[Any], compute: Callable[[list[int]], list[T]],
                encode: Callable[[T], Any], decode: Callable[[Any], T]) -> list[T]:
    """`recall` for several results at once: `compute(positions)` gives those not remembered together
    (so that they can be computed in partitions), in the order of `positions`."""
    memo = _active.get()
    if memo is None:
        return compute(list(range(len(inputs))))
    keys = [key_of(x) for x in inputs]
    found: list[Any] = [memo.get(kind, key) for key in keys]
    missing = [i for i, data in enumerate(found) if data is None]
    out = [None if data is None else decode(json.loads(data)) for data in found]
    for i, value in zip(missing, compute(missing), strict=True):
        memo.put(kind, keys[i], json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")))
        out[i] = value
    return out  # type: ignore[return-value]


def keep(kind: str, inputs: Any, value: Any) -> None:
    """Remember `value` (plain JSON data) for these inputs, replacing what was kept (a result that grows as
    the store does, such as the pairs of documents already compared)."""
    memo = _active.get()
    if memo is not None:
        memo.put(kind, key_of(inputs), json.dumps(value, ensure_ascii=False, separators=(",", ":")))
