"""The collector against a local HTTP server on 127.0.0.1: every attempt recorded with its reason,
limits that hold, nothing lost, the run goes on past a failing site (issue 19)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from lagebild.collect import Collector, Policy
from lagebild.collect.collector import Tally

from .collect_site import article, atom, gzip_bomb, news_sitemap, rss, sitemap_index, zeros

FAST = Policy(host_interval=0.0, timeout=2.0, total_timeout=10.0, retries=1, backoff=0.01, max_retry_after=3.0,
              max_bytes=1_000_000, threads=4)


@pytest.fixture
def site() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /privat/\n",
                                                           content_type="text/plain")
    yield server
    server.clear()
    server.stop()


def serve_articles(site: HTTPServer, numbers: range | list[int]) -> None:
    for n in numbers:
        site.expect_request(f"/artikel/{n}.html").respond_with_data(article(n), content_type="text/html; charset=utf-8")


def collect(db: Path, seeds: list[str], policy: Policy = FAST) -> Tally:
    c = Collector(str(db), policy)
    try:
        return c.run(seeds)
    finally:
        c.close()


def attempts(db: Path) -> list[tuple[str, int | None, str, str]]:
    con = sqlite3.connect(str(db))
    rows = con.execute("SELECT url, status, outcome, reason FROM fetches ORDER BY id").fetchall()
    con.close()
    return rows


def records(db: Path) -> list[dict[str, object]]:
    con = sqlite3.connect(str(db))
    rows = [json.loads(r) for (r,) in con.execute("SELECT record FROM documents ORDER BY seq")]
    con.close()
    return rows


def outcome_of(db: Path, path: str) -> list[tuple[str, str]]:
    return [(o, r) for u, _s, o, r in attempts(db) if u.endswith(path)]


def test_rss_feed_articles_are_stored_with_url_and_fetch_time(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/feed.xml").respond_with_data(rss(base, [1, 2, 3]), content_type="application/rss+xml")
    serve_articles(site, [1, 2, 3])
    tally = collect(tmp_path / "c.sqlite", [f"{base}/feed.xml"])
    assert tally.counts["stored"] == 3 and tally.counts["discovered"] == 1
    docs = records(tmp_path / "c.sqlite")
    assert [d["url"] for d in docs] == [f"{base}/artikel/{n}.html" for n in (1, 2, 3)]  # tracking parameter gone
    assert all(str(d["fetched"]).startswith("20") and "Fähre" in str(d["text"]) for d in docs)
    assert ("discovered", "feed: 3 entries, 3 new queued") in outcome_of(tmp_path / "c.sqlite", "/feed.xml")


def test_atom_feed_and_a_broken_feed_give_what_they_can(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/atom.xml").respond_with_data(atom(base, [4, 5]), content_type="application/atom+xml")
    site.expect_request("/kaputt.xml").respond_with_data(rss(base, [6, 7], broken=True), content_type="text/xml")
    serve_articles(site, [4, 5, 6, 7])
    tally = collect(tmp_path / "c.sqlite", [f"{base}/atom.xml", f"{base}/kaputt.xml"])
    assert tally.counts["stored"] == 4
    ((outcome, reason),) = outcome_of(tmp_path / "c.sqlite", "/kaputt.xml")
    assert outcome == "discovered" and "malformed feed" in reason and "2 entries" in reason


def test_sitemap_index_and_news_sitemap_give_articles_with_their_fields(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/sitemap.xml").respond_with_data(sitemap_index(base, ["/news.xml"]),
                                                          content_type="application/xml")
    site.expect_request("/news.xml").respond_with_data(news_sitemap(base, [8, 9]), content_type="application/xml")
    serve_articles(site, [8, 9])
    tally = collect(tmp_path / "c.sqlite", [f"{base}/sitemap.xml"])
    assert tally.counts["stored"] == 2 and tally.counts["discovered"] == 2
    docs = records(tmp_path / "c.sqlite")
    assert all(d["published"]["value"] == "2024-06-18" for d in docs)  # type: ignore[index]


def test_robots_disallow_is_recorded_and_the_others_are_fetched(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/privat/1.html").respond_with_data(article(1), content_type="text/html")
    serve_articles(site, [2])
    tally = collect(tmp_path / "c.sqlite", [f"{base}/privat/1.html", f"{base}/artikel/2.html"])
    assert tally.counts["stored"] == 1 and tally.counts["rejected"] == 1
    assert outcome_of(tmp_path / "c.sqlite", "/privat/1.html") == [("rejected", "disallowed by robots.txt")]
    assert not [r for r in site.log if r[0].path == "/privat/1.html"]  # never requested


def test_redirect_chain_is_followed_and_a_loop_is_named(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/alt/1").respond_with_data("", status=301, headers={"Location": "/alt/2"})
    site.expect_request("/alt/2").respond_with_data("", status=301, headers={"Location": f"{base}/artikel/3.html"})
    site.expect_request("/kreis/a").respond_with_data("", status=302, headers={"Location": "/kreis/b"})
    site.expect_request("/kreis/b").respond_with_data("", status=302, headers={"Location": "/kreis/a"})
    serve_articles(site, [3])
    tally = collect(tmp_path / "c.sqlite", [f"{base}/alt/1", f"{base}/kreis/a"])
    assert tally.counts["stored"] == 1 and tally.counts["failed"] == 1
    assert records(tmp_path / "c.sqlite")[0]["url"] == f"{base}/artikel/3.html"
    loop = [r for o, r in outcome_of(tmp_path / "c.sqlite", "/kreis/a") if o == "failed"]
    assert loop and loop[0].startswith("redirect loop:")


def test_http_errors_are_recorded_and_retry_after_is_honoured(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/fehlt.html").respond_with_data("nein", status=404)
    site.expect_request("/kaputt.html").respond_with_data("oops", status=500)
    calls: list[float] = []

    def busy_then_ok(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("zu viel", status=429, headers={"Retry-After": "1"})
        return Response(article(4), content_type="text/html")

    site.expect_request("/voll.html").respond_with_handler(busy_then_ok)
    site.expect_request("/lange.html").respond_with_data("", status=503, headers={"Retry-After": "3600"})
    db = tmp_path / "c.sqlite"
    tally = collect(db, [f"{base}/fehlt.html", f"{base}/kaputt.html", f"{base}/voll.html", f"{base}/lange.html"])
    assert tally.counts["stored"] == 1
    assert calls[1] - calls[0] >= 0.9  # waited as Retry-After asked
    assert outcome_of(db, "/fehlt.html") == [("failed", "HTTP 404 NOT FOUND")]
    assert [o for o, _ in outcome_of(db, "/kaputt.html")] == ["retry", "retry"]  # tried twice, then later
    assert "longer than the 3 s lagebild waits" in outcome_of(db, "/lange.html")[0][1]
    queued = sqlite3.connect(str(db)).execute("SELECT url, tries FROM pending ORDER BY url").fetchall()
    assert queued == [(f"{base}/kaputt.html", 1), (f"{base}/lange.html", 1)]  # nothing lost: tried again later


def test_slow_server_times_out_and_the_others_go_on(site: HTTPServer, tmp_path: Path) -> None:
    base = site.url_for("").rstrip("/")

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(article(5), content_type="text/html")

    site.expect_request("/langsam.html").respond_with_handler(slow)
    serve_articles(site, [6])
    policy = Policy(**{**vars(FAST), "timeout": 0.3, "retries": 0})
    tally = collect(tmp_path / "c.sqlite", [f"{base}/langsam.html", f"{base}/artikel/6.html"], policy)
    assert tally.counts["stored"] == 1
    ((outcome, reason),) = outcome_of(tmp_path / "c.sqlite", "/langsam.html")
    assert outcome == "retry" and reason.startswith("timed out after 0.3 s")


def test_huge_body_and_gzip_bomb_stop_at_the_limit(site: HTTPServer, tmp_path: Path) -> None:
    sent = {"huge": 0, "bomb": 0}

    def counted(name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for c in chunks:
            sent[name] += len(c)
            yield c

    site.expect_request("/riesig.html").respond_with_handler(
        lambda r: Response(counted("huge", zeros(100_000_000)), content_type="text/html", direct_passthrough=True))
    site.expect_request("/bombe.html").respond_with_handler(
        lambda r: Response(counted("bomb", gzip_bomb(1_000_000_000)), content_type="text/html",
                           headers={"Content-Encoding": "gzip"}, direct_passthrough=True))
    base = site.url_for("").rstrip("/")
    tally = collect(tmp_path / "c.sqlite", [f"{base}/riesig.html", f"{base}/bombe.html"])
    assert tally.counts["rejected"] == 2 and tally.counts["stored"] == 0
    assert "body is over the limit of 1,000,000 bytes" in outcome_of(tmp_path / "c.sqlite", "/riesig.html")[0][1]
    assert "decompressed body is over the limit" in outcome_of(tmp_path / "c.sqlite", "/bombe.html")[0][1]
    assert sent["huge"] < 100_000_000  # the client stopped reading


def test_non_html_content_is_rejected_by_its_type(site: HTTPServer, tmp_path: Path) -> None:
    site.expect_request("/bild.png").respond_with_data(b"\x89PNG\r\n" + b"\0" * 100, content_type="image/png")
    tally = collect(tmp_path / "c.sqlite", [site.url_for("/bild.png")])
    assert tally.counts["rejected"] == 1
    assert outcome_of(tmp_path / "c.sqlite", "/bild.png") == [("rejected", "content type image/png is not a web page "
                                                                           "or feed")]


def test_changed_page_is_a_new_version_and_an_unchanged_one_is_not_stored(site: HTTPServer, tmp_path: Path) -> None:
    version = {"n": 1}

    def page(request: Request) -> Response:
        etag = f'"v{version["n"]}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(article(7, version["n"]), content_type="text/html", headers={"ETag": etag})

    site.expect_request("/artikel/7.html").respond_with_handler(page)
    site.expect_request("/ohne-etag.html").respond_with_data(article(8), content_type="text/html")
    db, urls = tmp_path / "c.sqlite", [site.url_for("/artikel/7.html"), site.url_for("/ohne-etag.html")]
    assert collect(db, urls).counts["stored"] == 2
    second = collect(db, urls)
    assert second.counts["stored"] == 0 and second.counts["not-modified"] == 1 and second.counts["unchanged"] == 1
    version["n"] = 2
    third = collect(db, urls)
    assert third.counts["stored"] == 1
    first = outcome_of(db, "/artikel/7.html")[0]
    assert first[0] == "stored" and first[1].startswith("new document d")
    status, reason = outcome_of(db, "/artikel/7.html")[-1]  # the store's ids come from the content hash
    assert status == "stored" and reason.startswith(f"new version of {first[1].split()[-1]} d")
    assert [r["url"] for r in records(db)] == [urls[0], site.url_for("/artikel/8.html"), urls[0]]  # rel=canonical


def test_same_content_under_two_urls_is_stored_once(site: HTTPServer, tmp_path: Path) -> None:
    site.expect_request("/a.html").respond_with_data(article(9), content_type="text/html")
    site.expect_request("/b.html").respond_with_data(article(9), content_type="text/html")
    tally = collect(tmp_path / "c.sqlite", [site.url_for("/a.html"), site.url_for("/b.html")])
    assert tally.counts["stored"] == 1 and tally.counts["duplicate"] == 1
    stored = outcome_of(tmp_path / "c.sqlite", "/a.html")[0][1].split()[-1]
    assert outcome_of(tmp_path / "c.sqlite", "/b.html")[0][1].startswith(f"same content as {stored}")


def test_fetch_command_says_what_it_did(site: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lagebild.cli import main

    serve_articles(site, [1])
    site.expect_request("/fehlt.html").respond_with_data("nein", status=404)
    site.expect_request("/bild.png").respond_with_data(b"\x89PNG", content_type="image/png")
    db = str(tmp_path / "c.sqlite")
    args = [site.url_for("/artikel/1.html"), site.url_for("/fehlt.html"), site.url_for("/bild.png"), "--db", db,
            "--host-interval", "0"]
    assert main(["fetch", *args]) == 3
    err = capsys.readouterr().err
    assert "1 new, 0 skipped as already stored" in err and "1 rejected, 1 failed to fetch" in err
    assert "HTTP 404 NOT FOUND" in err and "content type image/png" in err
    assert main(["fetch", args[0], "--db", db, "--host-interval", "0", "-q"]) == 0
    assert "0 new, 1 skipped as already stored (0 not modified, 1 unchanged" in capsys.readouterr().err


def test_unreachable_robots_txt_forbids_the_site(tmp_path: Path) -> None:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        server.expect_request("/robots.txt").respond_with_data("kaputt", status=503)
        server.expect_request("/artikel/1.html").respond_with_data(article(1), content_type="text/html")
        tally = collect(tmp_path / "c.sqlite", [server.url_for("/artikel/1.html")])
    finally:
        server.clear()
        server.stop()
    assert tally.counts["rejected"] == 1
    ((outcome, reason),) = outcome_of(tmp_path / "c.sqlite", "/artikel/1.html")
    assert outcome == "rejected" and "could not be read (HTTP 503" in reason and "RFC 9309" in reason
