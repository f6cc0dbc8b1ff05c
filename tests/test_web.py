"""The workspace (`lagebild serve`) in process: pages, their JSON twins, search, filters, exports, and
the guard (methods, sizes, Host, token, CSP, time limit). Browser tests are in test_browser.py."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lagebild.cli import main as cli
from lagebild.store.search import match_expression
from lagebild.web import create_app
from lagebild.web import queries as web_queries

from .workspace_corpus import ATTACKS, build_store

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client(workspace_store: Path) -> TestClient:
    return TestClient(create_app(workspace_store), base_url=LOCAL)


def _one(store: Path, sql: str) -> tuple:
    row = sqlite3.connect(store).execute(sql).fetchone()
    assert row is not None, sql
    return tuple(row)


def _pages(store: Path) -> list[str]:
    db = sqlite3.connect(store)
    urls = ["/", "/?sort=size", "/search?q=Fähre", "/compare"]
    urls += [f"/story/{s}" for (s,) in db.execute("SELECT id FROM snap_stories")]
    urls += [f"/doc/{d}" for (d,) in db.execute("SELECT id FROM snap_docs")]
    urls += [f"/actor/{e}" for (e,) in db.execute("SELECT id FROM snap_entities")]
    a, b = db.execute("SELECT doc_a, doc_b FROM snap_reuse").fetchone()
    return [*urls, f"/compare?a={a}&b={b}"]


def test_every_page_renders_with_a_csp_that_allows_no_script(client: TestClient, workspace_store: Path) -> None:
    for url in _pages(workspace_store):
        r = client.get(url)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        twin = re.search(r'<a href="([^"]+)">this page as JSON</a>', r.text)
        assert twin is not None, url
        assert client.get(twin.group(1).replace("&amp;", "&")).headers["content-type"] == "application/json", url


def test_hostile_text_is_escaped_in_every_page(client: TestClient, workspace_store: Path) -> None:
    for url in _pages(workspace_store):
        html = client.get(url).text
        assert "<script" not in html.lower(), url
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.I), url  # no event handler attribute
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), url
        assert not re.search(r"""(href|src)\s*=\s*["']?(https?:)?//""", html), url  # nothing external
    (doc,) = _one(workspace_store, "SELECT id FROM snap_docs WHERE title LIKE '%<script>%'")
    hostile = client.get(f"/doc/{doc}").text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in hostile or "&lt;script&gt;" in hostile


def test_api_returns_the_dossier_records_of_a_story(client: TestClient, workspace_store: Path) -> None:
    (story,) = _one(workspace_store, "SELECT id FROM snap_stories ORDER BY n_docs DESC")
    data = client.get(f"/api/story/{story}").json()
    assert data["schema"] == "lagebild/dossier@1"
    page_docs = set(re.findall(r'href="/doc/(d[0-9a-f]+)"', client.get(f"/story/{story}").text))
    assert {d["id"] for d in data["documents"]} == page_docs
    for q in data["quotes"]:  # every record points at exact characters of its document
        doc = next(d for d in data["documents"] if d["id"] == q["doc"])
        assert doc["text"][q["start"] : q["end"]] == q["text"]
    assert all(m["doc"] in page_docs for e in data["entities"] for m in e["mentions"])
    stored = dict(sqlite3.connect(workspace_store).execute("SELECT id, published FROM snap_docs"))
    assert {d["id"]: d["published"]["value"] for d in data["documents"]} == {d: stored[d] for d in page_docs}
    assert any(d["published"]["basis"] == "inferred" for d in data["documents"])  # as the corpus stages left it


def test_search_matches_german_and_english_word_forms(client: TestClient) -> None:
    def ids(q: str) -> set[str]:
        return {d["id"] for d in client.get("/api/search", params={"q": q}).json()["documents"]}

    bridge = ids("Brücken")  # German plural finds the singular "Brücke"
    assert bridge and ids("Brücke") == bridge
    english = ids("election")  # the text says "elections"
    assert len(english) == 1
    assert ids('"neue Fähre"') <= ids("Fähre") and ids('"neue Fähre"')
    assert ids("Fähre NOT Defekts") < ids("Fähre")
    assert ids("Hallenb*") >= bridge
    for broken in ['"', "((", "NOT", "AND OR", ":", ")(", "a" * 400]:
        assert client.get("/search", params={"q": broken}).status_code == 200
    assert match_expression("x (y OR z)") == '"x" AND ( "y" OR "z" )'


def test_the_workspace_on_postgresql_serves_what_it_serves_on_sqlite(client: TestClient, workspace_store: Path,
                                                                   postgres_url: str) -> None:
    """The same corpus analysed into PostgreSQL: every page renders, every JSON twin is the same, and
    search (PostgreSQL's own, German and English) finds the same documents as SQLite's FTS5 index."""
    build_store(workspace_store.parent, db=postgres_url)  # the same inputs (their paths are in the records)
    pg = TestClient(create_app(postgres_url), base_url=LOCAL)
    for url in _pages(workspace_store):
        page = pg.get(url)
        assert page.status_code == 200, url
        twin = re.search(r'<a href="([^"]+)">this page as JSON</a>', page.text)
        assert twin is not None, url
        api = twin.group(1).replace("&amp;", "&")
        assert pg.get(api).json() == client.get(api).json(), api
    for params in ({"sort": "title"}, {"sort": "outlets"}, {"q": "Fähre"}, {"language": "en"},
                   {"date_from": "2025-03-04"}):
        assert pg.get("/api/stories", params=params).json() == client.get("/api/stories", params=params).json()

    def ids(c: TestClient, q: str) -> set[str]:
        return {d["id"] for d in c.get("/api/search", params={"q": q}).json()["documents"]}

    for q in ["Brücken", "Brücke", "election", '"neue Fähre"', "Fähre", "Fähre NOT Defekts", "Hallenb*",
              "Fähre OR election", "(Fähre OR Brücke) AND Nordhafen"]:
        assert ids(pg, q) == ids(client, q), q
    assert ids(pg, "Fähre NOT Defekts") < ids(pg, "Fähre")
    for broken in ['"', "((", "NOT", "AND OR", ":", ")(", "a" * 400, "&|!<->:*", "'"]:
        assert pg.get("/search", params={"q": broken}).status_code == 200, broken


def test_a_query_over_its_time_limit_is_cancelled_by_postgresql(workspace_store: Path, postgres_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.store import search

    build_store(workspace_store.parent, db=postgres_url)
    monkeypatch.setattr(search, "PG_SEARCH", search.PG_SEARCH.replace("FROM documents, q", "FROM documents, q, "
                                                                      "pg_sleep(2)"))  # the test store is small
    c = TestClient(create_app(postgres_url, query_seconds=0.2), base_url=LOCAL)
    r = c.get("/api/search", params={"q": "Fähre"})
    assert r.status_code == 503 and "too long" in r.json()["error"]
    assert c.get("/api/stories").status_code == 200  # the next statement on that connection runs


def test_stories_filter_by_outlet_language_actor_and_date(client: TestClient, workspace_store: Path) -> None:
    def stories(**params: str) -> set[str]:
        return {s["id"] for s in client.get("/api/stories", params=params).json()["stories"]}

    everything = stories()
    (outlet, story) = _one(workspace_store, "SELECT outlet, story FROM snap_docs WHERE outlet = 'Rundschau am Abend'")
    assert stories(outlet=outlet) == {story}
    (en_story,) = _one(workspace_store, "SELECT story FROM snap_docs WHERE language = 'en'")
    assert stories(language="en") == {en_story}
    (actor,) = _one(workspace_store, "SELECT entity FROM snap_mentions m JOIN snap_docs d ON d.id = m.doc "
                                     "WHERE d.language = 'en' LIMIT 1")
    assert en_story in stories(actor=actor)
    assert stories(date_from="2099-01-01") == set()
    assert stories(q="Fähre") < everything
    sizes = [s["documents"] for s in client.get("/api/stories", params={"sort": "size"}).json()["stories"]]
    assert sizes == sorted(sizes, reverse=True)


def test_article_marks_quotes_and_mentions_with_anchors(client: TestClient, workspace_store: Path) -> None:
    qid, doc = _one(workspace_store, "SELECT id, doc FROM snap_quotes ORDER BY pos")
    html = client.get(f"/doc/{doc}").text
    assert f'id="{qid}"' in html and 'class="quote"' in html
    assert re.search(r'<a class="mention" id="[^"]+" title="[^"]+" href="/actor/e\d+">', html)
    assert "Every input line" in html  # the audit view, with the removed lines of the pages that had clutter
    docs = [d for (d,) in sqlite3.connect(workspace_store).execute("SELECT id FROM snap_docs")]
    assert any('<tr class="removed">' in client.get(f"/doc/{d}").text for d in docs)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_compare_aligns_the_shared_passages(client: TestClient, workspace_store: Path) -> None:
    a, b = _one(workspace_store, "SELECT doc_a, doc_b FROM snap_reuse")
    html = client.get("/compare", params={"a": a, "b": b}).text
    assert 'id="pair-0"' in html and 'id="A-0"' in html and 'id="B-0"' in html


def test_exports_are_dossier_files(client: TestClient, workspace_store: Path) -> None:
    (story,) = _one(workspace_store, "SELECT id FROM snap_stories ORDER BY n_docs DESC")
    r = client.get(f"/export/story/{story}.json")
    assert r.headers["content-disposition"] == 'attachment; filename="dossier.json"'
    assert json.loads(r.text)["schema"] == "lagebild/dossier@1"
    assert client.get(f"/export/story/{story}.md").text.startswith("# Lagebild dossier")
    assert "removed lines" in client.get("/export/search.html", params={"q": "Fähre"}).text  # with the audit
    assert client.get(f"/export/story/{story}.exe").status_code == 404


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/stories" in spec["paths"] and "/api/search" in spec["paths"]


def test_guard_refuses_what_the_workspace_does_not_serve(client: TestClient) -> None:
    assert client.post("/", content=b"x").status_code == 405
    assert client.get("/", headers={"content-length": "5"}).status_code == 413
    assert client.get("/search?q=" + "a" * 5000).status_code == 414
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400  # DNS rebinding
    for odd in ["page=%C2%B2", "page=-1", "page=99999999999999999999", "sort=x%27%3B--", "actor=%00"]:
        assert client.get(f"/?{odd}").status_code == 200, odd
    for path in ["/static/../../etc/passwd", "/static/..%2F..%2Fpyproject.toml", "/doc/..%2F..%2Fetc%2Fpasswd"]:
        r = client.get(path)
        assert r.status_code == 404 and "root:" not in r.text and "[project]" not in r.text


def test_token_is_checked_on_every_request(workspace_store: Path) -> None:
    c = TestClient(create_app(workspace_store, token="s3cret-Velden"), base_url="http://192.0.2.7")
    assert c.get("/").status_code == 401
    assert c.get("/api/stories").status_code == 401
    assert c.get("/static/style.css").status_code == 401
    assert c.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/", headers={"authorization": "Bearer s3cret-Velden"}).status_code == 200
    r = c.get("/?token=s3cret-Velden&sort=size", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?sort=size"  # the token leaves the URL
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    assert c.get("/?sort=size").status_code == 200  # now by the cookie


def test_a_query_over_its_time_limit_is_stopped(workspace_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_queries, "CHECK_EVERY", 1)  # the test store's queries are short
    c = TestClient(create_app(workspace_store, query_seconds=-1.0), base_url=LOCAL)
    r = c.get("/api/search", params={"q": "Brücke OR Fähre OR Hallenberg"})
    assert r.status_code == 503 and "too long" in r.json()["error"]
    assert c.get("/search", params={"q": "Brücke OR Fähre"}).status_code == 503


def test_serve_refuses_a_public_address_without_token_and_a_foreign_store(tmp_path: Path,
                                                                          workspace_store: Path) -> None:
    assert cli(["serve", "--db", str(workspace_store), "--host", "0.0.0.0"]) == 2
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)")
    assert cli(["serve", "--db", str(foreign)]) == 2
    assert cli(["serve", "--db", str(tmp_path / "missing.sqlite")]) == 2


def test_attack_strings_survive_as_text(client: TestClient, workspace_store: Path) -> None:
    """Escaping keeps the text: the hostile title reads as written."""
    (doc,) = _one(workspace_store, "SELECT id FROM snap_docs WHERE title LIKE '%<script>%'")
    html = client.get(f"/doc/{doc}").text
    assert ATTACKS[1].replace("<", "&lt;").replace(">", "&gt;") in html


def test_a_request_over_its_time_limit_gets_503(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from lagebild.web import security

    async def slow(request: object) -> PlainTextResponse:
        await asyncio.sleep(2)
        return PlainTextResponse("late")

    monkeypatch.setattr(security, "REQUEST_SECONDS", 0.1)
    c = TestClient(security.Guard(Starlette(routes=[Route("/", slow)])), base_url=LOCAL)
    r = c.get("/")
    assert r.status_code == 503 and "content-security-policy" in r.headers
