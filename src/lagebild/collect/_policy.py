"""The collector's limits in one validated object, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__
from ..errors import SettingsError

USER_AGENT = f"lagebild/{__version__} (news dossier collector; obeys robots.txt)"


@dataclass(frozen=True)
class Policy:
    """How politely and how far the collector fetches.

    user_agent: names the tool, so that a site can tell it apart and address it in robots.txt.
    timeout: seconds to connect and between two reads; total_timeout: seconds for a whole body.
    max_bytes: a body larger than this, counted after decompression, is rejected (default 5 MB: the
        largest news pages of the trafilatura evaluation set are under 2 MB).
    max_redirects: hops followed before giving up; a loop is named as such.
    retries: further tries after a timeout, a network error or HTTP 429/5xx, waiting backoff * 2**n
        seconds or what Retry-After asks, if that is at most max_retry_after (else it fails at once
        and the URL is tried again in a later round).
    host_interval: seconds between two requests to one host (robots.txt's Crawl-delay if longer);
        host_concurrency: requests to one host at a time; threads: requests in flight overall.
    max_tries: rounds in which a failing URL is tried again before it is given up.
    """

    user_agent: str = USER_AGENT
    timeout: float = 10.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 60.0
    host_interval: float = 1.0
    host_concurrency: int = 2
    threads: int = 8
    max_tries: int = 3
    max_crawl_delay: float = 30.0

    def __post_init__(self) -> None:
        for name in ("timeout", "total_timeout", "backoff", "max_retry_after", "host_interval", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must be 0 or more seconds, not {getattr(self, name)!r}")
        for name in ("max_bytes", "host_concurrency", "threads", "max_tries"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be 1 or more, not {getattr(self, name)!r}")
        if self.max_redirects < 0 or self.retries < 0:
            raise SettingsError("max_redirects and retries must be 0 or more")
