"""One polite, bounded GET: robots.txt asked first, per-host pacing, redirects followed by hand (each
hop checked and counted), retries with backoff that honour Retry-After, conditional requests, a
content-type check before the body is read, and a body limit that counts decoded bytes as they are
decompressed (a gzip bomb stops at the limit, a 100 MB page is never held)."""

from __future__ import annotations

import email.utils
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from ..store.fetchlog import Attempt, now
from ._hosts import HostGate
from ._policy import Policy
from ._robots import RobotsCache

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/x-rss+xml", "text/plain")  # text/plain: sitemaps and feeds served as plain text
DECODE_CHUNK = 65_536


class BodyTooLarge(Exception):
    pass


@dataclass
class Fetched:
    """What one URL gave: `outcome` ok | not-modified | rejected | failed, with every request made."""

    url: str
    final_url: str
    outcome: str
    reason: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str = ""
    attempts: list[Attempt] = field(default_factory=list)


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.lower() or url


def retry_after(value: str | None, at: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - at)


class Fetcher:
    """Thread-safe: one client, one robots cache and one host gate shared by the collector's threads."""

    def __init__(self, policy: Policy, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy
        self.client = client or httpx.Client(
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(policy.timeout), follow_redirects=False, trust_env=False)
        self.gate = HostGate(policy.host_interval, policy.host_concurrency)
        self.robots = RobotsCache(self._robots_txt, policy.user_agent)
        self.sleep = sleep

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, accept: tuple[str, ...], etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET `url` following redirects; a redirect to another URL drops the conditional headers."""
        res = Fetched(url, url, "failed", "", fetched_at=now())
        seen = [url]
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return self._end(res, current, "rejected", f"not an http(s) URL: {current}")
            allowed, why = self.robots.allowed(current)
            if not allowed:
                return self._end(res, current, "rejected", why)
            cond = (etag, last_modified) if current == url else (None, None)
            step = self._request(res, current, accept, *cond)
            if step is None:
                return res
            if step in seen:
                chain = " -> ".join([*seen[seen.index(step):], step])
                return self._end(res, step, "failed", f"redirect loop: {chain}")
            seen.append(step)
            current = step
        return self._end(res, current, "failed",
                         f"more than {self.policy.max_redirects} redirects: {' -> '.join(seen)}")

    def _end(self, res: Fetched, url: str, outcome: str, reason: str, status: int | None = None) -> Fetched:
        res.final_url, res.outcome, res.reason = url, outcome, reason
        if status is not None:
            res.status = status
        res.attempts.append(Attempt(url, host_of(url), now(), status, 0, outcome, reason))
        return res

    def _request(self, res: Fetched, url: str, accept: tuple[str, ...], etag: str | None,
                 last_modified: str | None, robots: bool = True) -> str | None:
        """One URL with its retries. Returns the next URL of a redirect, or None when `res` is final."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = host_of(url)
        for attempt in range(self.policy.retries + 1):
            with self.gate.slot(host, self.robots.crawl_delay(url) if robots else None):
                started, at = time.monotonic(), now()
                try:
                    outcome = self._once(res, url, accept, headers, started)
                except httpx.TimeoutException as exc:
                    outcome = ("retry", None, 0, f"timed out after {self.policy.timeout:g} s ({type(exc).__name__})",
                               None)
                except httpx.HTTPError as exc:
                    outcome = ("retry", None, 0, f"network error: {type(exc).__name__}: {exc}", None)
            kind, status, nbytes, reason, wait = outcome
            last = attempt == self.policy.retries
            if kind == "retry" and wait is not None and wait > self.policy.max_retry_after:
                reason += f"; the server asks to wait {wait:g} s, longer than the {self.policy.max_retry_after:g} s" \
                          " lagebild waits"
                last = True
            final_kind = "failed" if kind == "retry" and last else kind
            res.attempts.append(Attempt(url, host, at, status, nbytes, final_kind, reason))
            if kind == "retry" and not last:
                self.sleep(wait if wait is not None else self.policy.backoff * 2 ** attempt)
                continue
            res.final_url, res.outcome, res.reason, res.status = url, final_kind, reason, status
            if final_kind == "redirect":
                return res.reason
            return None
        return None  # pragma: no cover  (the loop always returns)

    def _once(self, res: Fetched, url: str, accept: tuple[str, ...], headers: dict[str, str],
              started: float) -> tuple[str, int | None, int, str, float | None]:
        """(kind, status, bytes, reason or redirect target, seconds to wait before a retry)."""
        with self.client.stream("GET", url, headers=headers) as resp:
            status = resp.status_code
            if status in (301, 302, 303, 307, 308):
                location = resp.headers.get("Location")
                if not location:
                    return "failed", status, 0, f"HTTP {status} redirect without a Location header", None
                return "redirect", status, 0, urljoin(url, location), None
            if status == 304:
                return "not-modified", status, 0, "not modified since the last fetch (conditional request)", None
            if status in RETRY_STATUSES:
                wait = retry_after(resp.headers.get("Retry-After"), time.time())
                return "retry", status, 0, f"HTTP {status} {resp.reason_phrase}".rstrip(), wait
            if status >= 400:
                return "failed", status, 0, f"HTTP {status} {resp.reason_phrase}".rstrip(), None
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(accept):
                return "rejected", status, 0, f"content type {ctype} is not a web page or feed", None
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                return "rejected", status, 0, f"body of {int(declared):,} bytes is over the limit of " \
                                              f"{self.policy.max_bytes:,}", None
            try:
                body = self._read(resp, started)
            except BodyTooLarge as exc:
                return "rejected", status, self.policy.max_bytes, str(exc), None
            except TimeoutError as exc:
                return "retry", status, 0, str(exc), None
            res.body, res.content_type = body, ctype
            res.etag, res.last_modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
            return "ok", status, len(body), f"HTTP {status}", None

    def _read(self, resp: httpx.Response, started: float) -> bytes:
        """The body, decompressed here in bounded steps: httpx would inflate a whole network chunk at once."""
        coding = resp.headers.get("Content-Encoding", "identity").strip().lower()
        if coding in ("gzip", "x-gzip"):
            inflate: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            inflate = zlib.decompressobj()
        elif coding in ("identity", ""):
            inflate = None
        else:
            raise BodyTooLarge(f"unsupported content encoding {coding!r} (lagebild asks for gzip or deflate)")
        limit = self.policy.max_bytes
        parts: list[bytes] = []
        size = 0
        for chunk in resp.iter_raw(DECODE_CHUNK):
            if time.monotonic() - started > self.policy.total_timeout:
                raise TimeoutError(f"the body took longer than {self.policy.total_timeout:g} s")
            pieces = [chunk] if inflate is None else _inflate(inflate, chunk)
            for piece in pieces:
                size += len(piece)
                if size > limit:
                    what = "decompressed body" if inflate is not None else "body"
                    raise BodyTooLarge(f"{what} is over the limit of {limit:,} bytes (reading stopped there)")
                parts.append(piece)
        return b"".join(parts)

    def _robots_txt(self, url: str) -> tuple[int | None, str]:
        """(status, text) of a robots.txt, fetched with the same limits but no robots check of its own."""
        res = Fetched(url, url, "failed", "")
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            nxt = self._request(res, current, ("text/", "application/octet-stream"), None, None,
                                robots=False)
            if nxt is None:
                break
            current = nxt
        if res.outcome != "ok":
            return res.status, res.reason
        return res.status, res.body[: self.policy.max_bytes].decode("utf-8", "replace")


def _inflate(inflate: zlib._Decompress, chunk: bytes) -> Iterator[bytes]:
    """Decompress one raw chunk in pieces of at most DECODE_CHUNK bytes, lazily: the caller stops at the
    limit, so a bomb never inflates further than that."""
    yield inflate.decompress(chunk, DECODE_CHUNK)
    while inflate.unconsumed_tail:
        yield inflate.decompress(inflate.unconsumed_tail, DECODE_CHUNK)
