"""Which article URLs a feed or a sitemap lists. Feeds (RSS, Atom, also broken XML, which feedparser
reads as far as it can) by feedparser; sitemaps, sitemap indexes and Google News sitemaps by lxml."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import feedparser
from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap gives: article entries (url, stamp, fields for the document) and, for a
    sitemap index, further sitemaps. `problem` names what was wrong with a document read only in part."""

    kind: str  # "feed" | "sitemap" | "sitemap index"
    entries: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    problem: str | None = None


def sniff(body: bytes) -> str:
    """'sitemap', 'feed', 'html' or 'other' from the first bytes of a body."""
    head = body[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return "html"
    return "other"


def read_feed(body: bytes, base: str, content_type: str = "application/xml") -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": base, "content-type": content_type})
    entries = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        fields = {k: v for k, v in (("title", e.get("title")), ("published", e.get("published")),
                                     ("outlet", parsed.feed.get("title"))) if isinstance(v, str) and v.strip()}
        own = e.keys()  # asking for a missing 'updated' makes feedparser warn
        stamp = str((e["updated"] if "updated" in own else None) or e.get("published") or e.get("id") or "")
        entries.append((link, stamp, fields))
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"malformed feed ({type(exc).__name__}: {exc}); read {len(entries)} entries up to the error"
    return Listing("feed", entries, problem=problem)


def read_sitemap(body: bytes) -> Listing:
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                                                      huge_tree=False))
    except etree.XMLSyntaxError as exc:
        return Listing("sitemap", problem=f"unreadable sitemap XML: {exc}")
    if root is None:
        return Listing("sitemap", problem="empty sitemap")
    if etree.QName(root).localname == "sitemapindex":
        return Listing("sitemap index", sitemaps=[loc.strip() for loc in _texts(root, "sitemap", "loc")])
    entries = []
    for url in root.iter(f"{{{SITEMAP_NS}}}url", "url"):
        loc = _child(url, "loc")
        if not loc:
            continue
        fields: dict[str, Any] = {}
        news = url.find(f"{{{NEWS_NS}}}news")
        if news is not None:
            for key, tag in (("title", "title"), ("published", "publication_date")):
                value = news.findtext(f"{{{NEWS_NS}}}{tag}")
                if value and value.strip():
                    fields[key] = value.strip()
            name = news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name")
            if name and name.strip():
                fields["outlet"] = name.strip()
        stamp = _child(url, "lastmod") or fields.get("published", "")
        entries.append((loc, stamp, fields))
    return Listing("sitemap", entries)


def _child(el: Any, name: str) -> str:
    found = el.find(f"{{{SITEMAP_NS}}}{name}")
    if found is None:
        found = el.find(name)
    return (found.text or "").strip() if found is not None else ""


def _texts(root: Any, parent: str, name: str) -> list[str]:
    return [t for t in (_child(el, name) for el in root.iter(f"{{{SITEMAP_NS}}}{parent}", parent)) if t]
