"""The per-document stages in N processes of this machine (the local engine's `--workers N`). Results
come back in input order and each document is analysed alone, so the output is the same for any number
of workers."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from .model import Document, RawInput, Rejected
from .settings import Settings

# Fewer inputs than this are analysed in this process: starting workers costs more than they save.
MIN_POOL_INPUTS = 8
# Inputs handed out ahead of the one awaited, per worker: enough to keep each busy, few enough that a
# large corpus is never read into memory at once.
AHEAD_PER_WORKER = 4

Task = Callable[[RawInput, Settings], "Document | Rejected"]
Result = tuple[int, RawInput, "Document | Rejected"]


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


PR_SET_PDEATHSIG = 1  # Linux prctl option: the signal a process gets when its parent ends


def die_with_parent(parent: int) -> None:
    """Worker initializer: a worker ends when the run that started it is killed. Otherwise it lives on
    with the run's inherited database connection open, and the store's locks stay held. (Linux sends the
    signal when the thread that forked the worker ends: a pool is used and closed by the thread that
    made it, as `analyze()` does.)"""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the run ended before the worker got this far
        os._exit(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers (they start with the loaded models instead of importing and loading them
    again) that end with the run that started them."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


def _one(task: Task, item: RawInput, settings: Settings) -> Document | Rejected:
    try:
        return task(item, settings)
    except Exception as exc:  # one input's failure must not stop the batch
        from .engines import failure

        return failure(item, 1, exc)


def in_processes(task: Task, items: Iterable[tuple[int, RawInput]], settings: Settings) -> Iterator[Result]:
    """Every numbered input analysed by `task`, in `settings.workers` processes (default: the cores
    available), given back in input order."""
    workers = settings.workers or available_cores()
    it = iter(items)
    first = list(islice(it, MIN_POOL_INPUTS))
    if workers <= 1 or len(first) < MIN_POOL_INPUTS:
        for index, item in chain(first, it):
            yield index, item, _one(task, item, settings)
        return
    with process_pool(workers) as pool:
        pending: deque[tuple[int, RawInput, Future[Document | Rejected]]] = deque()
        for index, item in chain(first, it):
            pending.append((index, item, pool.submit(_one, task, item, settings)))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                index0, item0, future = pending.popleft()
                yield index0, item0, future.result()
        while pending:
            index0, item0, future = pending.popleft()
            yield index0, item0, future.result()
