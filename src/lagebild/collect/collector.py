"""Fetch seeds (feeds, sitemaps, pages) and the articles they list into the corpus store.

URLs wait in the store's `pending` table until their outcome is written, in the same transaction as
the document they give: a killed run picks up the queue where it stopped. Pages are fetched by a
thread pool (per-host pacing in the fetcher); analysis and every database write happen in the
calling thread, in the order the URLs were queued."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from ..api import analyze_item
from ..errors import InputRejected
from ..ingest.decode import decode_bytes
from ..model import RawInput, Rejected
from ..settings import Settings
from ..store import extractions, open_store
from ..store.fetchlog import Attempt, FetchLog, Pending
from ._discover import read_feed, read_sitemap, sniff
from ._http import FEED_TYPES, HTML_TYPES, RETRY_STATUSES, Fetched, Fetcher, host_of
from ._policy import Policy
from ._urls import canonical_link, normalize

# What the CLI reports, in this order: new documents first, then what was skipped, then problems.
OUTCOMES = ("stored", "discovered", "not-modified", "unchanged", "duplicate", "rejected", "failed", "retry")


@dataclass
class Tally:
    """Counts of one run by outcome, and one line per URL that had an outcome worth reading."""

    counts: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)

    def add(self, outcome: str, url: str, reason: str) -> None:
        self.counts[outcome] += 1
        self.lines.append(f"{outcome:<12} {url}  {reason}")

    def summary(self) -> str:
        c = self.counts
        return (f"{c['stored']} new, {c['not-modified'] + c['unchanged'] + c['duplicate']} skipped as already stored "
                f"({c['not-modified']} not modified, {c['unchanged']} unchanged, {c['duplicate']} duplicates), "
                f"{c['rejected']} rejected, {c['failed']} failed to fetch, {c['retry']} to retry later; "
                f"{c['discovered']} feeds or sitemaps read")


class Collector:
    """`Collector(db)` over a corpus store; `run(seeds)` fetches them and what they list."""

    def __init__(self, db: str, policy: Policy | None = None, settings: Settings | None = None,
                 client: httpx.Client | None = None, on_line: Callable[[str], None] | None = None) -> None:
        self.policy = policy or Policy()
        self.settings = settings or Settings()
        self.store = open_store(db)
        self.log = FetchLog(self.store.sql)
        self.fetcher = Fetcher(self.policy, client)
        self.on_line = on_line

    def close(self) -> None:
        self.fetcher.close()
        self.store.close()

    def run(self, seeds: Iterable[str]) -> Tally:
        """Queue the seeds, then fetch everything due until the queue holds nothing due this round."""
        tally = Tally()
        with self.store.transaction():
            for url in seeds:
                self.log.enqueue(self.store.sql, normalize(url), "seed")
        handled: set[str] = set()
        while True:
            batch = [p for p in self.log.due(time.time()) if p.url not in handled]
            if not batch:
                return tally
            handled.update(p.url for p in batch)
            self._fetch_batch(batch, tally)

    def _fetch_batch(self, batch: list[Pending], tally: Tally) -> None:
        window = self.policy.threads * 4  # bodies fetched ahead of the one handled: bounded memory
        with ThreadPoolExecutor(self.policy.threads, thread_name_prefix="lagebild-fetch") as pool:
            futures: list[tuple[Pending, Future[Fetched]]] = []
            for p in batch:
                futures.append((p, pool.submit(self._fetch, p, self.log.page(p.url))))
                if len(futures) >= window:
                    self._handle(*_result(futures.pop(0)), tally)
            for item in futures:
                self._handle(*_result(item), tally)

    def _fetch(self, p: Pending, state: Any) -> Fetched:
        accept = HTML_TYPES + FEED_TYPES if p.kind == "seed" else HTML_TYPES
        try:
            etag, modified = (state.etag, state.last_modified) if state else (None, None)
            return self.fetcher.get(p.url, accept, etag, modified)
        except Exception as exc:  # one URL's failure must not stop the others
            res = Fetched(p.url, p.url, "failed", f"{type(exc).__name__}: {exc}")
            res.attempts.append(Attempt(p.url, host_of(p.url), res.fetched_at, None, 0, "failed", res.reason))
            return res

    # outcomes
    def _handle(self, p: Pending, res: Fetched, tally: Tally) -> None:
        if res.outcome == "ok":
            kind = "html" if res.content_type.startswith(HTML_TYPES) else sniff(res.body)
            if kind == "html":
                return self._article(p, res, tally)
            if p.kind == "seed" and kind in ("feed", "sitemap"):
                return self._listing(p, res, kind, tally)
            what = res.content_type or "no content type"
            return self._finish(p, res, tally, "rejected", f"not an HTML page, feed or sitemap ({what})")
        if res.outcome == "not-modified":
            return self._finish(p, res, tally, "not-modified", res.reason, page=(None, None))
        if res.outcome == "failed" and (res.status is None or res.status in RETRY_STATUSES) \
                and p.tries + 1 < self.policy.max_tries and "redirect" not in res.reason:
            due = time.time() + self.policy.backoff * 60 * 2 ** p.tries
            reason = f"{res.reason}; tried again in a later round ({p.tries + 1} of {self.policy.max_tries} tries)"
            attempts = [*res.attempts[:-1], replace(res.attempts[-1], outcome="retry", reason=reason)]
            with self.store.transaction():
                self.log.record(self.store.sql, attempts)
                self.log.postpone(self.store.sql, p.url, due)
            tally.add("retry", p.url, reason)
            return None
        reason = res.reason if res.outcome != "failed" or p.tries == 0 else \
            f"{res.reason}; given up after {p.tries + 1} tries"
        return self._finish(p, res, tally, res.outcome, reason)

    def _finish(self, p: Pending, res: Fetched, tally: Tally, outcome: str, reason: str, doc: str | None = None,
                page: tuple[str | None, str | None] | None = None) -> None:
        """Write the attempts (the last one with the final outcome) and take the URL off the queue."""
        attempts = list(res.attempts)
        if attempts:
            attempts[-1] = replace(attempts[-1], outcome=outcome, reason=reason, doc=doc)
        with self.store.transaction():
            self.log.record(self.store.sql, attempts)
            if page is not None:
                self.log.set_page(self.store.sql, p.url, res.etag, res.last_modified, *page)
            self.log.done(self.store.sql, p.url)
        tally.add(outcome, p.url, reason)
        if self.on_line:
            self.on_line(tally.lines[-1])

    def _listing(self, p: Pending, res: Fetched, kind: str, tally: Tally) -> None:
        listing = read_feed(res.body, res.final_url, res.content_type or "application/xml") if kind == "feed" \
            else read_sitemap(res.body)
        new = 0
        with self.store.transaction():  # entries first: the feed's ETag is saved only once they are queued
            for url, stamp, fields in listing.entries:
                key = normalize(url)
                if self.log.is_new_entry(self.store.sql, key, stamp):
                    new += self.log.enqueue(self.store.sql, key, "article", fields)
            for sitemap in listing.sitemaps:
                self.log.enqueue(self.store.sql, normalize(sitemap), "seed")
        reason = f"{listing.kind}: {len(listing.entries) + len(listing.sitemaps)} entries, {new} new queued"
        if listing.problem:
            reason += f"; {listing.problem}"
        self._finish(p, res, tally, "discovered", reason, page=(None, None))

    def _article(self, p: Pending, res: Fetched, tally: Tally) -> None:
        try:
            text = decode_bytes(res.body)
        except InputRejected as exc:
            return self._finish(p, res, tally, "rejected", str(exc))
        canonical = canonical_link(text, res.final_url) or normalize(res.final_url)
        body_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        owner = self.log.content_owner(body_hash)
        if owner is not None:
            url, doc_id = owner
            same = url in (p.url, canonical)
            return self._finish(p, res, tally, "unchanged" if same else "duplicate",
                                f"content unchanged since {doc_id}" if same else f"same content as {doc_id} ({url})",
                                doc=doc_id, page=(body_hash, None))
        item = RawInput(p.url, "html", text, {**p.fields, "url": canonical})
        if self.store.has(item):
            return self._finish(p, res, tally, "duplicate", "already stored", page=(body_hash, None))
        result = analyze_item(item, self.settings)
        if isinstance(result, Rejected):
            return self._finish(p, res, tally, "rejected", result.reason, page=(body_hash, None))
        doc = result
        doc.fetched = res.fetched_at
        earlier = self.log.page(p.url) or (self.log.page(canonical) if canonical != p.url else None)
        reason = f"new version of {earlier.doc}" if earlier and earlier.doc else "new document"

        def write(db: Any) -> None:  # inside the store's transaction, once the store has given doc its id
            attempts = list(res.attempts)
            if attempts:
                attempts[-1] = replace(attempts[-1], outcome="stored", reason=f"{reason} {doc.id}", doc=doc.id)
            self.log.record(db, attempts)
            self.log.set_page(db, p.url, res.etag, res.last_modified, body_hash, doc.id)
            if canonical != p.url:
                self.log.set_page(db, canonical, None, None, body_hash, doc.id)
            self.log.done(db, p.url)
            extractions.save(db, doc)

        if not self.store.add(item, doc, also=write):  # another run stored it meanwhile
            return self._finish(p, res, tally, "duplicate", "already stored", page=(body_hash, None))
        tally.add("stored", p.url, f"{reason} -> {doc.id}")
        if self.on_line:
            self.on_line(tally.lines[-1])
        return None


def _result(item: tuple[Pending, Future[Fetched]]) -> tuple[Pending, Fetched]:
    return item[0], item[1].result()
