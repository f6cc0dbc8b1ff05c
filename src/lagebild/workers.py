"""The per-document stages in N processes. Results come back in input order and each document is
analysed alone, so the output is the same for any number of workers."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from .model import Document, RawInput, Rejected
from .settings import Settings

# Fewer inputs than this are analysed in this process: starting workers costs more than they save.
MIN_POOL_INPUTS = 8
# Inputs handed out ahead of the one awaited, per worker: enough to keep each busy, few enough that a
# large corpus is never read into memory at once.
AHEAD_PER_WORKER = 4

Result = Rejected | tuple[RawInput, Document]


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _one(item: RawInput | Rejected, settings: Settings) -> Result:
    if isinstance(item, Rejected):
        return item
    from .api import analyse_raw

    doc = analyse_raw(item, settings)
    return doc if isinstance(doc, Rejected) else (item, doc)


def analyse_each(items: Iterable[RawInput | Rejected], settings: Settings) -> Iterator[Result]:
    """Rejections pass through; every raw input comes back analysed (or rejected), in input order."""
    workers = settings.workers or available_cores()
    it = iter(items)
    first = list(islice(it, MIN_POOL_INPUTS))
    if workers <= 1 or len(first) < MIN_POOL_INPUTS:
        for item in first:
            yield _one(item, settings)
        for item in it:
            yield _one(item, settings)
        return
    # fork: the workers start with the loaded models instead of importing and loading them again
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque[Future[Result]] = deque()
        for item in chain(first, it):
            pending.append(pool.submit(_one, item, settings))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
