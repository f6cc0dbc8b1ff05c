"""The workspace: `create_app(store)` is a Starlette application over a store that `lagebild analyze
--db` wrote. Every page is rendered on the server from Jinja2 templates with autoescaping; every page has
a JSON twin under `/api/...` returning the records of dossier.json; a story or a search exports as
dossier.json / .md / .html. Nothing a request names reaches the file system: the templates and the
style sheet are loaded from the package at start. Endpoints are plain functions: Starlette runs them in its
thread pool, so a slow query does not hold up the other requests."""

from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..model import Dossier
from ..report.passages import span_anchor
from ..store.base import redact
from . import views
from .charts import bar_chart
from .openapi import OPENAPI
from .queries import PAGE_SIZE, QUERY_SECONDS, Corpus, NotFound, StoryFilter
from .security import Guard

MAX_PAGE = 10_000
MAX_PARAM = 500  # characters of one query parameter
MAX_LISTED = 300  # quotes and articles listed on an actor's page (all in its JSON twin)
EXPORTS = {"json": "application/json", "md": "text/markdown", "html": "text/html"}


def _templates() -> Environment:
    folder = files("lagebild.web") / "templates"
    sources = {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".html")}
    env = Environment(loader=DictLoader(sources), autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(doc_href=views.doc_href, span_anchor=span_anchor, PAGE_SIZE=PAGE_SIZE)
    return env


STYLE = (files("lagebild.web") / "static" / "style.css").read_bytes()


def _param(request: Request, name: str, default: str = "") -> str:
    return request.query_params.get(name, default)[:MAX_PARAM]


def _page(request: Request) -> int:
    raw = _param(request, "page", "1")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isascii() and raw.isdigit() else 1


def _filter(request: Request) -> StoryFilter:
    return StoryFilter(q=_param(request, "q"), date_from=_param(request, "date_from"),
                       date_to=_param(request, "date_to"), outlet=_param(request, "outlet"),
                       language=_param(request, "language"), actor=_param(request, "actor"),
                       sort=_param(request, "sort", "date"), page=_page(request))


def create_app(store: str | Path, token: str | None = None, hosts: set[str] | None = None,
               query_seconds: float = QUERY_SECONDS) -> Guard:
    """The application over `store`; `token`: required on every request; `hosts`: names the Host header
    may give besides the local ones; `query_seconds`: time limit of one database query."""
    corpus = Corpus(store, query_seconds)
    env = _templates()

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        api = "/api/stories" if request.url.path == "/" else "/api" + request.url.path  # the page's JSON twin
        query = request.url.query
        html = env.get_template(name).render(request_path=request.url.path, api=api + (f"?{query}" if query else ""),
                                             **context)
        return HTMLResponse(html, status_code=status)

    def stories(request: Request) -> Response:
        f = _filter(request)
        rows, total = corpus.stories(f)
        params = {k: v for k, v in vars(f).items() if v and k != "page"}
        return page(request, "stories.html", stories=rows, total=total, f=f, facets=corpus.facets(),
                    query=urlencode(params), pages=(total + PAGE_SIZE - 1) // PAGE_SIZE)

    def story(request: Request) -> Response:
        story = corpus.story(request.path_params["id"])
        d = corpus.dossier(story["documents"])
        return page(request, "story.html", **views.story_page(d, story))

    def document(request: Request) -> Response:
        doc_id = request.path_params["id"]
        doc = corpus.document(doc_id)
        d = corpus.dossier([doc_id])
        d.documents, d.reuse = [doc], corpus.reuse_of(doc_id)
        related = [r.spans[1].doc if r.spans[0].doc == doc_id else r.spans[0].doc for r in d.reuse]
        return page(request, "doc.html", doc=doc, d=d, paragraphs=views.article_html(d, doc),
                    audit=views.audit_rows(doc), related=sorted(set(related)),
                    story=d.stories[0] if d.stories else None)

    def compare(request: Request) -> Response:
        a, b = _param(request, "a"), _param(request, "b")
        if not a or not b:
            return page(request, "compare.html", a=None, b=None, a_id=a, b_id=b)
        d = corpus.dossier([a, b])
        return page(request, "compare.html", a_id=a, b_id=b, **views.compare_page(d, d.documents[0], d.documents[1]))

    def actor(request: Request) -> Response:
        entity, quotes = corpus.actor(request.path_params["id"])
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for m in entity["mentions"]:
            by_doc.setdefault(m["doc"], []).append(m)
        rows = corpus.doc_rows(list(by_doc))
        stories = corpus.story_titles(sorted({r["story"] for r in rows if r["story"]}))
        chart = bar_chart(corpus.mentions_by_date(entity["id"]), f"mentions of {entity['name']} per day")
        return page(request, "actor.html", e=entity, quotes=quotes[:MAX_LISTED], docs=rows[:MAX_LISTED],
                    n_docs=len(rows), by_doc=by_doc, stories=stories, chart=chart)

    def search(request: Request) -> Response:
        q = _param(request, "q")
        hits = corpus.search(q, page=_page(request)) if q.strip() else []
        return page(request, "search.html", q=q, hits=hits, page_no=_page(request), query=urlencode({"q": q}))

    # --- JSON twins -----------------------------------------------------------------------------------

    def api_stories(request: Request) -> Response:
        rows, total = corpus.stories(_filter(request))
        return JSONResponse({"total": total, "page": _page(request), "stories": rows})

    def api_story(request: Request) -> Response:
        story = corpus.story(request.path_params["id"])
        return JSONResponse(corpus.dossier(story["documents"]).to_dict())

    def api_document(request: Request) -> Response:
        return JSONResponse(corpus.dossier([request.path_params["id"]]).to_dict())

    def api_actor(request: Request) -> Response:
        entity, quotes = corpus.actor(request.path_params["id"])
        return JSONResponse({"entity": entity, "quotes": quotes})

    def api_search(request: Request) -> Response:
        q = _param(request, "q")
        return JSONResponse({"q": q, "page": _page(request),
                             "documents": corpus.search(q, page=_page(request)) if q.strip() else []})

    def api_compare(request: Request) -> Response:
        return JSONResponse(corpus.dossier([_param(request, "a"), _param(request, "b")]).to_dict())

    def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI)

    # --- exports --------------------------------------------------------------------------------------

    def export(d: Dossier, fmt: str, name: str) -> Response:
        if fmt not in EXPORTS:
            raise NotFound(f"no export format {fmt!r}; use json, md or html")
        body = d.to_json() if fmt == "json" else d.to_markdown() if fmt == "md" else d.to_html()
        return Response(body, media_type=EXPORTS[fmt],
                        headers={"content-disposition": f'attachment; filename="{name}.{fmt}"'})

    def export_story(request: Request) -> Response:
        story = corpus.story(request.path_params["id"])
        return export(corpus.dossier(story["documents"], raw=True), request.path_params["fmt"], "dossier")

    def export_search(request: Request) -> Response:
        q = _param(request, "q")
        ids = [r["id"] for r in corpus.search(q, limit=200)] if q.strip() else []
        return export(corpus.dossier(ids, raw=True), request.path_params["fmt"], "dossier")

    def style(request: Request) -> Response:
        return Response(STYLE, media_type="text/css", headers={"cache-control": "max-age=3600"})

    # --- errors ---------------------------------------------------------------------------------------

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=404)
        return page(request, "error.html", status=404, message=str(exc) if isinstance(exc, NotFound) else "not found")

    async def database_error(request: Request, exc: Exception) -> Response:
        interrupted = "interrupt" in str(exc) or "statement timeout" in str(exc)  # SQLite's, PostgreSQL's
        message = "the query took too long and was stopped" if interrupted else "the store could not answer"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=503)
        return page(request, "error.html", status=503, message=message)

    routes = [
        Route("/", stories), Route("/story/{id}", story), Route("/doc/{id}", document), Route("/compare", compare),
        Route("/actor/{id}", actor), Route("/search", search),
        Route("/api/stories", api_stories), Route("/api/story/{id}", api_story),
        Route("/api/doc/{id}", api_document), Route("/api/actor/{id}", api_actor),
        Route("/api/search", api_search), Route("/api/compare", api_compare), Route("/api/openapi.json", openapi),
        Route("/export/story/{id}.{fmt}", export_story), Route("/export/search.{fmt}", export_search),
        Route("/static/style.css", style),
    ]
    handlers: dict[Any, Any] = {NotFound: not_found, 404: not_found, sqlite3.OperationalError: database_error}
    if corpus.dialect == "postgres":
        import psycopg

        handlers[psycopg.Error] = database_error
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, token=token, hosts=hosts)


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          open_browser: bool = False) -> None:
    """Run the workspace with uvicorn (one process; the store is only read)."""
    import threading
    import webbrowser

    import uvicorn

    app = create_app(store, token=token, hosts={host})
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"lagebild: serving {redact(str(store))} at http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5, limit_concurrency=64,
                h11_max_incomplete_event_size=16_384, server_header=False)
