"""`watch` and `status`: rounds go on past failing sites; a watch killed with SIGKILL and restarted
loses and duplicates nothing (issue 19), on both store back-ends (an SQLite file, a PostgreSQL database:
the fetch log lives in either). The server is local (127.0.0.1)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from lagebild.cli import main
from lagebild.collect import Collector, Policy, status, watch
from lagebild.errors import StoreError
from lagebild.store import open_store
from lagebild.store.base import is_postgres

from .collect_site import article, rss
from .conftest import kill_when

N_ARTICLES = 40


@pytest.fixture
def site() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    yield server
    server.clear()
    server.stop()


def slow_articles(site: HTTPServer, numbers: range) -> None:
    def page(request: Request) -> Response:
        time.sleep(0.05)
        n = int(request.path.rsplit("/", 1)[1].split(".")[0])
        return Response(article(n), content_type="text/html")

    for n in numbers:
        site.expect_request(f"/artikel/{n}.html").respond_with_handler(page)


def stored_urls(address: str) -> list[str]:
    store = open_store(address)
    try:
        return [json.loads(r)["url"] for (r,) in store.sql.execute("SELECT record FROM documents ORDER BY seq")]
    finally:
        store.close()


def test_watch_goes_on_past_a_failing_site(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/feed.xml").respond_with_data(rss(base, [1, 2]), content_type="application/rss+xml")
    site.expect_request("/weg.xml").respond_with_data("nein", status=404)
    slow_articles(site, range(1, 3))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# Nordbote\n{base}/weg.xml\n{base}/feed.xml\n", encoding="utf-8")
    rounds: list[dict[str, int]] = []
    c = Collector(str(tmp_path / "c.sqlite"), Policy(host_interval=0, backoff=0.01, retries=0))
    try:
        watch(c, feeds, every=0.01, rounds=2, report=lambda n, t: rounds.append(dict(t.counts)))
    finally:
        c.close()
    assert rounds[0]["stored"] == 2 and rounds[0]["failed"] == 1
    assert rounds[1].get("stored", 0) == 0 and rounds[1]["failed"] == 1 and rounds[1]["discovered"] == 1


def test_killed_watch_resumes_without_losing_or_duplicating(site: HTTPServer, tmp_path: Path, store_address: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/feed.xml").respond_with_data(rss(base, list(range(N_ARTICLES))),
                                                       content_type="application/rss+xml")
    slow_articles(site, range(N_ARTICLES))
    feeds, db = tmp_path / "feeds.txt", store_address
    feeds.write_text(f"{base}/feed.xml\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "lagebild.cli", "watch", "--feeds", str(feeds), "--db", db, "--once",
           "--host-interval", "0", "--threads", "2", "-q"]
    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stderr=subprocess.DEVNULL)
    # StoreError: being created or migrated by the watch
    killed_at = kill_when(proc, lambda: len(stored_urls(db)) if is_postgres(db) or Path(db).exists() else 0, 5,
                          (sqlite3.OperationalError, StoreError), timeout=120)
    assert 5 <= killed_at < N_ARTICLES, "the watch was not interrupted halfway"
    assert subprocess.run(cmd, timeout=300, stderr=subprocess.DEVNULL).returncode == 0
    urls = stored_urls(db)
    assert sorted(urls) == sorted(f"{base}/artikel/{n}.html" for n in range(N_ARTICLES))  # all, each once
    assert main(["status", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"{N_ARTICLES} documents ({N_ARTICLES} fetched from the web), 0 URLs queued" in out


def test_two_concurrent_watches_neither_duplicate_nor_lose(site: HTTPServer, tmp_path: Path,
                                                           store_address: str) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/feed.xml").respond_with_data(rss(base, list(range(N_ARTICLES))),
                                                       content_type="application/rss+xml")
    slow_articles(site, range(N_ARTICLES))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/feed.xml\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "lagebild.cli", "watch", "--feeds", str(feeds), "--db", store_address, "--once",
           "--host-interval", "0", "--threads", "2", "-q"]
    watches = [subprocess.Popen(cmd, stderr=subprocess.DEVNULL) for _ in range(2)]
    try:
        codes = [w.wait(timeout=300) for w in watches]
    finally:
        for w in watches:
            w.kill()
    assert codes == [0, 0]
    urls = stored_urls(store_address)
    assert sorted(urls) == sorted(f"{base}/artikel/{n}.html" for n in range(N_ARTICLES))  # all, each once
    assert status(store_address)["pending"] == 0
