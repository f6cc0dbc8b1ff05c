"""robots.txt per origin (protego), fetched once per run and shared by the threads. As RFC 9309
says: a missing file (4xx) allows everything; an unreachable one (5xx, network failure) forbids
everything until a later run can read it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego


class RobotsCache:
    def __init__(self, fetch: Callable[[str], tuple[int | None, str]], user_agent: str,
                 max_delay: float = 30.0) -> None:
        self._fetch, self.user_agent, self.max_delay = fetch, user_agent, max_delay
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, Protego | str | None] = {}  # None: allow all; str: why all is forbidden

    def _load(self, url: str) -> Protego | str | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin, the other threads wait for it
            if origin not in self._rules:
                status, text = self._fetch(origin + "/robots.txt")
                if status is not None and 200 <= status < 300:
                    self._rules[origin] = Protego.parse(text)
                elif status is not None and 400 <= status < 500:
                    self._rules[origin] = None
                else:
                    self._rules[origin] = f"robots.txt of {origin} could not be read ({text}); " \
                                          "a site whose rules are unknown is not fetched (RFC 9309)"
            return self._rules[origin]

    def allowed(self, url: str) -> tuple[bool, str]:
        rules = self._load(url)
        if isinstance(rules, str):
            return False, rules
        if rules is not None and not rules.can_fetch(url, self.user_agent):
            return False, "disallowed by robots.txt"
        return True, ""

    def crawl_delay(self, url: str) -> float | None:
        rules = self._load(url)
        if isinstance(rules, Protego):
            delay = rules.crawl_delay(self.user_agent)
            return min(float(delay), self.max_delay) if delay else None
        return None
