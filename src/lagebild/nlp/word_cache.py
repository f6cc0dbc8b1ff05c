"""Bounded caches of per-word (and per-sentence) results of the document stages, kept in one registry so
that a run can empty them once the document stages are done.

At 100,000 articles every one of them is full (tens of MB each: the name tagger's score rows, the speech
tagger's features) and the corpus stages, which read what the document stages found, ask few of them
again; emptied, their memory serves the corpus stages instead of adding to the run's peak
(`bench/bench_memory.py` measures the run's memory stage by stage).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import Any, TypeVar

T = TypeVar("T")

_CACHES: weakref.WeakSet[_lru_cache_wrapper[Any]] = weakref.WeakSet()


def word_cache(maxsize: int) -> Callable[[Callable[..., T]], _lru_cache_wrapper[T]]:
    """`functools.lru_cache(maxsize)`, registered so that `clear_word_caches` can empty it."""
    def deco(func: Callable[..., T]) -> _lru_cache_wrapper[T]:
        cached = lru_cache(maxsize=maxsize)(func)
        _CACHES.add(cached)
        return cached

    return deco


def clear_word_caches() -> int:
    """Empty every registered cache; the number of entries dropped. What is asked again is computed again."""
    dropped = 0
    for cached in list(_CACHES):
        dropped += cached.cache_info().currsize
        cached.cache_clear()
    return dropped
