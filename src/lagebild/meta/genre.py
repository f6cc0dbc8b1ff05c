"""Whether an article reports the news or gives a view of it. Newspapers label their comment pieces, columns,
analyses and blogs - in a label before the title ("Kommentar: …", "Opinion: …"), in the kicker above it, in
the section of the address (/meinung/, /opinion/) - and the story summary and title read such a piece as
someone's view, not as the report of what happened (corpus/summary.py, corpus/stories.py)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ..model import Document

# The labels German and English outlets give pieces that are views or background rather than reports
VIEW_LABELS = (r"kommentar|gastkommentar|meinung|leitartikel|kolumne|glosse|standpunkt|essay|gastbeitrag|"
               r"einwurf|analyse|hintergrund|pro\s+(?:und|&)\s+contra|opinion|comment|commentary|editorial|op-ed|"
               r"column|analysis|explainer|viewpoint|blog")
LABELLED_TITLE = re.compile(rf"^\s*(?:{VIEW_LABELS})\s*[:|–—-]\s*\S", re.I)
LABEL_ONLY = re.compile(rf"^\s*(?:{VIEW_LABELS})\s*[:.]?\s*$", re.I)
# a kicker may say what the view is about: "Meinung zur Wendebrücke", "Kommentar zum Haushalt"
LABELLED_KICKER = re.compile(rf"^\s*(?:{VIEW_LABELS})(?:\s*[:.]|\s+(?:zu[mr]?|über|on|about)\b|\s*$)", re.I)
BLOG_WORD = re.compile(r"\bblog\b", re.I)
VIEW_SECTION = re.compile(r"/(?:meinung|kommentare?|kolumnen?|leitartikel|glossen?|standpunkte?|gastbeitraege|"
                          r"opinions?|commentisfree|comment|editorials?|columns?|blogs?)(?:/|$)", re.I)


def genre(doc: Document) -> str | None:
    """"view" for a comment piece, column, analysis, explainer or blog entry the page labels so; None
    otherwise."""
    categories = doc.html_meta.categories if doc.html_meta is not None else []
    if LABELLED_TITLE.match(doc.title or "") or LABELLED_KICKER.match(doc.kicker or "") or \
            any(LABEL_ONLY.match(x or "") for x in categories):
        return "view"
    for address in (doc.url, doc.html_meta.url if doc.html_meta is not None else None):
        if address and VIEW_SECTION.search(urlparse(address).path):
            return "view"
    host = urlparse(doc.url or "").hostname or ""
    if host.startswith("blog.") or ".blog." in host or BLOG_WORD.search(doc.outlet or ""):
        return "view"
    return None
