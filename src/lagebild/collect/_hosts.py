"""Per-host pacing: at most `concurrency` requests to one host at a time, and at least `interval`
seconds between the starts of two of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostGate:
    def __init__(self, interval: float, concurrency: int) -> None:
        self.interval, self.concurrency = interval, concurrency
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float | None = None) -> Iterator[None]:
        """Wait for a turn at `host`; `delay` (robots.txt Crawl-delay) lengthens the interval."""
        with self._lock:
            sem = self._slots.setdefault(host, threading.Semaphore(self.concurrency))
        with sem:
            gap = max(self.interval, delay or 0.0)
            with self._lock:
                start = max(time.monotonic(), self._next.get(host, 0.0))
                self._next[host] = start + gap
            wait = start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield
