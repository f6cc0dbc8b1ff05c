"""The workspace and the static report in a real browser: Playwright driving the distribution's Chromium
(`apt-get install chromium`; browsers cannot be downloaded here). Screenshots go to
$LAGEBILD_SCREENSHOTS or to the session's temporary folder (printed at the end of the run).

Skipped only where /usr/bin/chromium (or Playwright) is missing and CI is not set; in CI they must run."""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
HIGHLIGHT = "rgb(255, 229, 138)"  # :target background in web/static/style.css


def _require_browser() -> Any:
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is not installed (pip install -e '.[dev]')"
    if missing is None and not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    return sync_playwright


@pytest.fixture(scope="module")
def server(workspace_store: Path) -> Iterator[str]:
    import uvicorn

    from lagebild.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(workspace_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the workspace did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ["LAGEBILD_SCREENSHOTS"]) if os.environ.get("LAGEBILD_SCREENSHOTS") \
        else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watch:
    """A page that records every dialog (alert, confirm: script ran) and every request leaving the server."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: None if r.url.startswith((origin, "data:", "file:", "about:"))
                     else self.outside.append(r.url))

    def no_script_ran(self) -> None:
        assert self.dialogs == [] and self.outside == []
        assert self.page.evaluate("document.scripts.length") == 0
        handlers = self.page.evaluate("""Array.from(document.querySelectorAll('*')).flatMap(e =>
            Array.from(e.attributes).filter(a => a.name.startsWith('on') ||
            /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))""")
        assert handlers == []


def _db(store: Path, sql: str, *args: str) -> tuple:
    row = sqlite3.connect(store).execute(sql, args).fetchone()
    assert row is not None
    return tuple(row)


def test_stories_list_and_a_story(browser: Any, server: str, shots: Path) -> None:
    w = Watch(browser, server)
    w.page.goto(server + "/?sort=size")
    rows = w.page.locator("#stories tbody tr")
    assert rows.count() >= 4
    w.page.screenshot(path=str(shots / "stories.png"), full_page=True)
    w.page.locator("#stories tbody tr").first.locator("a").click()
    w.page.wait_for_url("**/story/*")
    for section in ("summary", "coverage", "claims", "timeline", "speakers"):
        assert w.page.locator(f"#{section}").is_visible()
    assert w.page.locator("#coverage tbody tr").count() >= 2
    assert w.page.locator("svg.chart rect").count() >= 1  # the timeline, drawn on the server
    w.page.screenshot(path=str(shots / "story.png"), full_page=True)
    w.no_script_ran()


def test_article_quote_is_highlighted_when_reached_from_its_anchor(browser: Any, server: str, shots: Path,
                                                                    workspace_store: Path) -> None:
    qid, doc = _db(workspace_store, "SELECT id, doc FROM snap_quotes ORDER BY pos DESC")
    w = Watch(browser, server)
    (story,) = _db(workspace_store, "SELECT story FROM snap_docs WHERE id = ?", doc)
    w.page.goto(f"{server}/story/{story}")
    w.page.locator(f'a[href="/doc/{doc}#{qid}"]').first.click()  # from "who said what" to the passage
    w.page.wait_for_url(f"**/doc/{doc}#{qid}")
    target = w.page.locator(":target")
    assert target.get_attribute("id") == qid and "quote" in (target.get_attribute("class") or "")
    w.page.wait_for_timeout(2100)  # the arrival animation ends on the highlight colour
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    w.page.screenshot(path=str(shots / "article-quote.png"))
    w.no_script_ran()


def test_search_from_the_header(browser: Any, server: str, shots: Path) -> None:
    w = Watch(browser, server)
    w.page.goto(server + "/")
    w.page.fill("#q-top", "Brücken")
    w.page.press("#q-top", "Enter")
    w.page.wait_for_url("**/search?q=*")
    hits = w.page.locator("ol.hits li a[href^='/doc/']")
    assert hits.count() >= 3
    w.page.screenshot(path=str(shots / "search.png"), full_page=True)
    w.no_script_ran()


def test_compare_shows_shared_passages_side_by_side(browser: Any, server: str, shots: Path,
                                                    workspace_store: Path) -> None:
    a, b = _db(workspace_store, "SELECT doc_a, doc_b FROM snap_reuse")
    w = Watch(browser, server)
    w.page.goto(f"{server}/compare?a={a}&b={b}")
    assert w.page.locator("table.pairs tr[id^='pair-']").count() >= 1
    left, right = w.page.locator(".columns .col").all()
    assert left.locator("a.reuse").count() >= 1 and right.locator("a.reuse").count() >= 1
    lbox, rbox = left.bounding_box(), right.bounding_box()
    assert lbox and rbox and rbox["x"] > lbox["x"] + lbox["width"] / 2  # side by side
    w.page.locator("table.pairs tr[id^='pair-'] td a").first.click()
    assert (w.page.locator(":target").get_attribute("id") or "").startswith("A-")
    w.page.screenshot(path=str(shots / "compare.png"), full_page=True)
    w.no_script_ran()


def test_keyboard_only_from_search_to_an_article(browser: Any, server: str, shots: Path) -> None:
    w = Watch(browser, server)
    w.page.goto(server + "/")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.className") == "skip"  # skip link first
    for _ in range(10):  # on to the search field
        if w.page.evaluate("document.activeElement.id") == "q-top":
            break
        w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.id") == "q-top"
    w.page.keyboard.type("Fähre")
    w.page.keyboard.press("Enter")
    w.page.wait_for_url("**/search?q=*")
    for _ in range(30):  # on to the first result
        w.page.keyboard.press("Tab")
        if (w.page.evaluate("document.activeElement.getAttribute('href')") or "").startswith("/doc/"):
            break
    outline = w.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    w.page.screenshot(path=str(shots / "keyboard-focus.png"))
    w.page.keyboard.press("Enter")
    w.page.wait_for_url("**/doc/*")
    assert w.page.locator("#audit").count() == 1
    w.no_script_ran()


def test_hostile_corpus_runs_no_script_in_workspace_and_report(browser: Any, server: str, shots: Path,
                                                               workspace_store: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(workspace_store)
    hostile = [d for (d,) in db.execute("SELECT id FROM snap_docs WHERE title LIKE '%<%' OR outlet LIKE '%<%'")]
    assert len(hostile) == 2
    stories = {s for (s,) in db.execute("SELECT story FROM snap_docs WHERE id IN (?, ?)", hostile)}
    actors = [e for (e,) in db.execute("SELECT DISTINCT entity FROM snap_mentions WHERE doc IN (?, ?)", hostile)]
    urls = [*(f"/doc/{d}" for d in hostile), *(f"/story/{s}" for s in stories), *(f"/actor/{e}" for e in actors),
            "/search?q=F%C3%A4hre", "/?q=alert", f"/compare?a={hostile[0]}&b={hostile[1]}"]
    w = Watch(browser, server)
    for url in urls:
        w.page.goto(server + url)
        w.no_script_ran()
    w.page.goto(f"{server}/doc/{hostile[0]}")
    assert "<script>" in w.page.locator("h1").inner_text()  # shown as text, not run
    w.page.screenshot(path=str(shots / "hostile-article.png"), full_page=True)

    from lagebild.web.queries import Corpus

    report = tmp_path / "dossier.html"
    corpus = Corpus(workspace_store)
    ids = [r["id"] for r in corpus.search("Fähre OR Brücke", limit=50)]
    assert set(hostile) <= set(ids)
    report.write_text(corpus.dossier(ids, raw=True).to_html(), encoding="utf-8")
    w.page.goto(report.as_uri())
    w.no_script_ran()
    w.page.screenshot(path=str(shots / "hostile-report.png"))


def test_static_report_links_land_on_highlighted_passages(browser: Any, workspace_store: Path, tmp_path: Path,
                                                          shots: Path) -> None:
    from lagebild import analyze

    from .conftest import EXAMPLES

    report = tmp_path / "dossier.html"
    analyze([EXAMPLES]).write_html(report)
    w = Watch(browser, "file:")
    w.page.set_viewport_size({"width": 390, "height": 844})  # a phone: the viewport tag keeps it readable
    w.page.goto(report.as_uri())
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 420
    link = w.page.locator("#who-said-what ~ ul a[href^='#q']").first
    qid = (link.get_attribute("href") or "")[1:]
    link.click()
    target = w.page.locator(":target")
    assert target.get_attribute("id") == qid
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    w.page.screenshot(path=str(shots / "report-phone-quote.png"))
    w.no_script_ran()


def test_screenshots_were_written(browser: Any, shots: Path) -> None:
    names = {p.name for p in shots.glob("*.png")}
    print(f"\nscreenshots: {shots}")
    assert {"stories.png", "story.png", "article-quote.png", "search.png", "compare.png"} <= names
