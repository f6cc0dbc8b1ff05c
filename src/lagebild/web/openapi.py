"""The OpenAPI description of the workspace's JSON API (`/api/openapi.json`)."""

from __future__ import annotations

from typing import Any


def _get(summary: str, params: list[dict[str, Any]], returns: str) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": params,
                    "responses": {"200": {"description": returns, "content": {"application/json": {}}},
                                  "404": {"description": "no such record"},
                                  "503": {"description": "the query took too long"}}}}


def _q(name: str, description: str, where: str = "query", required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "description": description,
            "schema": {"type": "string"}}


SEARCH = "full-text query (SQLite FTS5 syntax: words, \"phrases\", prefix*, AND/OR/NOT; German and English stems)"
DOSSIER = "the records of dossier.json (schema lagebild/dossier@1) cut to these documents"

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "lagebild workspace", "version": "1",
             "description": "Read-only API over a lagebild corpus store; each HTML page has its twin here."},
    "paths": {
        "/api/stories": _get("stories, filtered and sorted", [
            _q("q", SEARCH), _q("date_from", "YYYY-MM-DD"), _q("date_to", "YYYY-MM-DD"), _q("outlet", "outlet name"),
            _q("language", "language code"), _q("actor", "entity id"),
            _q("sort", "date | size | outlets | title"), _q("page", "1-based page of 50")], "stories"),
        "/api/story/{id}": _get("one story", [_q("id", "story id", "path")], DOSSIER),
        "/api/doc/{id}": _get("one document", [_q("id", "document id", "path")], DOSSIER),
        "/api/actor/{id}": _get("one entity, its mentions and quotes", [_q("id", "entity id", "path")],
                                "entity and quotes"),
        "/api/search": _get("documents matching a query", [_q("q", SEARCH, required=True), _q("page", "page")],
                            "documents"),
        "/api/compare": _get("two documents and what they share", [_q("a", "document id", required=True),
                                                                   _q("b", "document id", required=True)], DOSSIER),
        "/export/story/{id}.{fmt}": _get("a story as a dossier file", [_q("id", "story id", "path"),
                                                                        _q("fmt", "json | md | html", "path")],
                                         "dossier file"),
        "/export/search.{fmt}": _get("the first 200 documents of a search as a dossier file",
                                     [_q("q", SEARCH, required=True), _q("fmt", "json | md | html", "path")],
                                     "dossier file"),
    },
}
