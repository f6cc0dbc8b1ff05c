"""A fictional news site for the collector tests, served by pytest-httpserver on 127.0.0.1 only."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

TOWNS = ["Nordhafen", "Velden", "Ostmark", "Hallenberg", "Wendeburg", "Lindholm", "Seebrück", "Altwalde"]


def article(n: int, version: int = 1) -> str:
    """A news page with a distinct text per number (and per version)."""
    town = TOWNS[n % len(TOWNS)]
    return f"""<!DOCTYPE html><html><head><title>Neue Fähre für {town} Nummer {n}</title>
<link rel="canonical" href="/artikel/{n}.html"><meta name="author" content="Anna Velden"></head>
<body><nav>Startseite | Politik | Sport</nav><article><h1>Neue Fähre für {town} Nummer {n}</h1>
<p>Die Gemeinde {town} hat am Dienstag eine neue Fähre in Betrieb genommen, wie der Nordbote berichtet.
Das Schiff mit der Nummer {n} fasst {100 + n} Fahrgäste und {n + version} Autos und soll die Insel
künftig im Halbstundentakt anbinden.</p>
<p>„Wir haben lange auf diesen Tag gewartet“, sagte Bürgermeisterin Anna Velden bei der Taufe im Hafen.
Die Kosten lagen nach Angaben der Verwaltung bei {n + 3} Millionen Euro, Fassung {version}.</p>
</article><footer>Impressum Datenschutz</footer></body></html>"""


def rss(base: str, numbers: list[int], broken: bool = False) -> str:
    items = "".join(f"<item><title>Fähre {n}</title><link>{base}/artikel/{n}.html?utm_source=rss</link>"
                    f"<pubDate>Tue, 18 Jun 2024 0{n % 10}:00:00 +0200</pubDate><guid>a{n}</guid></item>"
                    for n in numbers)
    text = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nordbote</title>
<link>{base}/</link><description>Nachrichten</description>{items}</channel></rss>"""
    return text[: text.rindex("</item>") + 7] + "<item><title>kaputt" if broken else text


def atom(base: str, numbers: list[int]) -> str:
    entries = "".join(f"<entry><title>Fähre {n}</title><link href='{base}/artikel/{n}.html'/><id>urn:a{n}</id>"
                      f"<updated>2024-06-18T10:00:00Z</updated></entry>" for n in numbers)
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Velder Rundschau</title><id>urn:feed</id><updated>2024-06-18T10:00:00Z</updated>{entries}</feed>"""


def news_sitemap(base: str, numbers: list[int]) -> str:
    urls = "".join(f"""<url><loc>{base}/artikel/{n}.html</loc><news:news><news:publication>
<news:name>Ostmark Echo</news:name><news:language>de</news:language></news:publication>
<news:publication_date>2024-06-18T08:00:00+02:00</news:publication_date><news:title>Fähre {n}</news:title>
</news:news></url>""" for n in numbers)
    return f"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>"""


def sitemap_index(base: str, paths: list[str]) -> str:
    maps = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>"""


def zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """`total` bytes made one chunk at a time (a 100 MB body is never held by the test)."""
    sent = 0
    while sent < total:
        n = min(chunk, total - sent)
        sent += n
        yield b"<p>" + b"x" * (n - 3) if sent == n else b"x" * n


def gzip_bomb(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """A gzip stream that inflates to `total` bytes, compressed lazily (about 1,000:1)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for piece in zeros(total, chunk):
        out = comp.compress(piece)
        if out:
            yield out
    yield comp.flush()
