"""Where the per-document work runs: in this process (`local`, the default) or as Ray tasks on a
local or remote Ray cluster (`ray`, `pip install 'lagebild[ray]'`).

Both engines take the same task function and the same numbered inputs and yield
`(index, item, result)` as results arrive; the caller stores each at once and restores the input
order for the dossier, so the two engines give the same dossier. A task that fails (an exception, a
worker that died) is retried; an input whose task still fails is given back as a `Rejected` with
the reason, and the run goes on.

The Ray engine sends inputs in batches (one task per batch: a task costs about a millisecond of
scheduling, an article's document stages several milliseconds) and keeps at most `in_flight` batches submitted
(back-pressure: inputs are read only as fast as the cluster works them off, so the driver never
holds the whole archive). A batch that fails after its retries is split into single inputs, so only
the input that fails by itself is rejected.

Corpus stages that allow it hand their partitions to the engine of the run (`partitions`, reached
through `current()` while the corpus stages run): Ray tasks, or the local engine's processes (one part,
or one worker, runs in this process). What merges the partitions stays in the driver (see README).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol, TypeVar

from .errors import SettingsError
from .model import Document, RawInput, Rejected
from .settings import Settings

P = TypeVar("P")
R = TypeVar("R")
Task = Callable[[RawInput, Settings], "Document | Rejected"]
Result = tuple[int, RawInput, "Document | Rejected"]
ENGINES = ("local", "ray")
# Inputs per Ray task and batches in flight per CPU of the cluster: a batch of 16 news articles is
# about 0.1 s of document stages (5-6 ms each, bench/bench_engines.py), long against Ray's per-task
# cost of about a millisecond, short enough that a retried batch loses little; 2 batches per CPU keep
# every worker busy while results come back. Not tuned further.
BATCH = 16
IN_FLIGHT_PER_CPU = 2
MAX_RETRIES = 2


class Engine(Protocol):
    def map(self, task: Task, items: Iterable[tuple[int, RawInput]], cfg: Settings) -> Iterator[Result]: ...

    def partitions(self, func: Callable[[P], R], parts: list[P]) -> list[R]:
        """`[func(part) for part in parts]`, the parts worked at once where the engine can."""
        ...

    def close(self) -> None: ...


_current: ContextVar[Engine | None] = ContextVar("engine", default=None)


@contextmanager
def using(engine: Engine) -> Iterator[None]:
    """`engine` is the one the corpus stages hand their partitions to (`current()`)."""
    token = _current.set(engine)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Engine:
    """The engine of the run, or, outside one (a corpus stage called on its own), this process alone."""
    return _current.get() or LocalEngine(workers=1)


# Partitions sent at once: enough to keep a few dozen workers busy, few enough that the driver never
# holds more than a few hundred MB of their inputs.
PARTS_PER_WAVE = 32


def in_partitions(engine: Engine, func: Callable[[P], list[R]], items: list[int], size: int,
                  make: Callable[[list[int]], P]) -> list[R]:
    """`func` over the items in partitions of `size` (`make` gives a partition its inputs), the results
    in the items' order. Partitions are made a wave of PARTS_PER_WAVE at a time: the driver holds the
    inputs of one wave, not copies of the whole corpus's texts."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    out: list[R] = []
    for w in range(0, len(chunks), PARTS_PER_WAVE):
        out += [r for part in engine.partitions(func, [make(c) for c in chunks[w : w + PARTS_PER_WAVE]]) for r in part]
    return out


def failure(item: RawInput, attempts: int, exc: BaseException) -> Rejected:
    return Rejected(item.source, f"its analysis failed {attempts} time(s): {_describe(exc)}")


def _describe(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)  # a RayTaskError carries the task's own exception
    if isinstance(cause, BaseException):
        exc = cause
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}".rstrip(": ")


class LocalEngine:
    """Every input on this machine, in `cfg.workers` processes (default: the cores available; one
    process for a handful of inputs), given back in input order (workers.py). Partitions of a corpus
    stage run in `workers` processes (default: the cores available), kept until `close()`."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def map(self, task: Task, items: Iterable[tuple[int, RawInput]], cfg: Settings) -> Iterator[Result]:
        from .workers import in_processes

        yield from in_processes(task, items, cfg)

    def partitions(self, func: Callable[[P], R], parts: list[P]) -> list[R]:
        from .workers import available_cores, process_pool

        workers = self.workers or available_cores()
        if min(workers, len(parts)) <= 1:
            return [func(part) for part in parts]
        if self.pool is None:
            self.pool = process_pool(workers)
        return list(self.pool.map(func, parts))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None


def _run_batch(task: Task, batch: list[RawInput], cfg: Settings) -> list[Document | Rejected]:
    return [task(item, cfg) for item in batch]


class RayEngine:
    """Inputs as Ray tasks. `address`: None starts Ray in this machine (or uses the one `ray.init` has
    started), "auto" joins the cluster this machine belongs to, "ray://host:10001" a remote one."""

    def __init__(self, address: str | None = None, batch: int = BATCH, in_flight: int | None = None,
                 max_retries: int = MAX_RETRIES) -> None:
        try:
            import ray
        except ImportError:
            raise SettingsError("the Ray engine needs Ray: pip install 'lagebild[ray]'") from None
        self.ray = ray
        self.started = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            except Exception as exc:  # no cluster at that address, a version mismatch, ...
                raise SettingsError(f"cannot start or reach Ray{f' at {address}' if address else ''}: "
                                    f"{_describe(exc)}") from None
            self.started = True
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.batch = batch
        self.in_flight = in_flight or IN_FLIGHT_PER_CPU * cpus
        self.max_retries = max_retries
        # retry_exceptions: an exception is retried too, not only a dead worker (max_retries alone)
        self.remote = ray.remote(max_retries=max_retries, retry_exceptions=True)(_run_batch)
        self.remotes: dict[Callable[..., Any], Any] = {}

    def map(self, task: Task, items: Iterable[tuple[int, RawInput]], cfg: Settings) -> Iterator[Result]:
        ray = self.ray
        task_ref, cfg_ref = ray.put(task), ray.put(cfg)
        source = iter(items)
        retry: deque[list[tuple[int, RawInput]]] = deque()  # batches split after a failure
        pending: dict[Any, list[tuple[int, RawInput]]] = {}
        exhausted = False
        while True:
            while len(pending) < self.in_flight and (retry or not exhausted):
                if retry:
                    batch = retry.popleft()
                else:
                    batch = [x for _, x in zip(range(self.batch), source, strict=False)]
                    exhausted = len(batch) < self.batch
                    if not batch:
                        break
                pending[self.remote.remote(task_ref, [item for _, item in batch], cfg_ref)] = batch
            if not pending:
                return
            (ref,), _ = ray.wait(list(pending), num_returns=1)
            batch = pending.pop(ref)
            try:
                results = ray.get(ref)
            except Exception as exc:
                if len(batch) > 1:  # find the input that fails by itself; the others are worked again
                    retry.extend([x] for x in batch)
                else:
                    index, item = batch[0]
                    yield index, item, failure(item, self.max_retries + 1, exc)
                continue
            for (index, item), result in zip(batch, results, strict=True):
                yield index, item, result

    def partitions(self, func: Callable[[P], R], parts: list[P]) -> list[R]:
        """One Ray task per part, retried as the batches are; a part that still fails fails the stage
        (pipeline.py then runs it again without the documents it fails on)."""
        if func not in self.remotes:  # registered with Ray once, not at every wave of partitions
            self.remotes[func] = self.ray.remote(max_retries=self.max_retries, retry_exceptions=True)(func)
        remote = self.remotes[func]
        return list(self.ray.get([remote.remote(part) for part in parts]))

    def close(self) -> None:
        if self.started:  # only a Ray this engine started; one the caller started stays up
            self.ray.shutdown()
            self.started = False


def make_engine(name: str, address: str | None = None, workers: int | None = None) -> Engine:
    if name == "local":
        if address:
            raise SettingsError("--address is for the Ray engine (--engine ray)")
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(address)
    raise SettingsError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
