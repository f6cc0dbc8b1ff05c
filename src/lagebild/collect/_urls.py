"""URL keys: one spelling per page, so that tracking parameters, a fragment, the host's case or a
default port do not make a second copy; and the page's own <link rel="canonical">."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say where a reader came from (campaign tracking), never which page.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|wt_mc|wt_zmc|ref|at_\w+)$", re.I)
CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.I)
HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.I)


def normalize(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def canonical_link(html: str, base: str) -> str | None:
    """The page's rel=canonical URL (absolute, normalized), if it names an http(s) page."""
    m = CANONICAL.search(html[:200_000])
    if not m:
        return None
    href = HREF.search(m.group(0))
    if not href:
        return None
    url = urljoin(base, href.group(1).strip())
    return normalize(url) if urlsplit(url).scheme in ("http", "https") else None
