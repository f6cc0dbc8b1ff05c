"""Article text with its passages marked: every quote, mention, time, quantity, claim value and shared
passage becomes an element with an id, so that a link can point at the exact characters (and `:target`
highlights them on arrival). Used by the static report and by the workspace's article page.

Passages may nest (a name inside a quote) but not cross; a passage that would cross an open one is
kept as an empty anchor at its start, so that its link still lands on the right place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from ..model import Dossier, Span


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # quote | mention | time | quantity | claim | reuse | passage (CSS class)
    name: str | None = None  # element id, unique on the page; None: the passage's own (see `anchor`)
    href: str | None = None  # where the passage links to, if anywhere
    title: str = ""  # tooltip
    doc: str = ""  # the document, for the passage's own id

    @property
    def anchor(self) -> str:  # made when written: a corpus's report holds millions of marks
        return self.name if self.name is not None else span_anchor(self.doc, self.start, self.end)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _open(m: Mark, anchor: str | None, link: bool) -> str:
    ident = f' id="{_e(anchor)}"' if anchor else ""
    title = f' title="{_e(m.title)}"' if m.title else ""
    if link and m.href:
        return f'<a class="{_e(m.kind)}"{ident}{title} href="{_e(m.href)}">'
    return f'<mark class="{_e(m.kind)}"{ident}{title}>'


def _close(m: Mark, link: bool) -> str:
    return "</a>" if link and m.href else "</mark>"


def marked_html(text: str, lo: int, hi: int, marks: Iterable[Mark], seen: set[str] | None = None) -> str:
    """text[lo:hi] escaped, with the marks that touch it as nested elements (ids given once: `seen`
    collects the anchors already placed on the page; a mark cut by the end of a paragraph keeps its id
    in the paragraph where it starts). Links are not nested in links."""
    seen = set() if seen is None else seen
    inside = sorted((m for m in marks if m.start < hi and m.end > lo and m.end > m.start),
                    key=lambda m: (max(m.start, lo), -min(m.end, hi)))
    out: list[str] = []
    pos = lo
    stack: list[tuple[Mark, int, bool]] = []  # open mark, its end here, rendered as a link

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][1] <= limit:
            m, end, link = stack.pop()
            out.append(_e(text[pos:end]) + _close(m, link))
            pos = end

    for m in inside:
        s, e = max(m.start, lo), min(m.end, hi)
        close_until(s)
        out.append(_e(text[pos:s]))
        pos = s
        anchor: str | None = m.anchor if m.start >= lo else None
        if anchor in seen:
            anchor = None
        if anchor:
            seen.add(anchor)
        if stack and e > stack[-1][1]:  # would cross the open passage: an anchor only
            if anchor:
                out.append(f'<span class="anchor" id="{_e(anchor)}"></span>')
            continue
        link = bool(m.href) and not any(lk for _, _, lk in stack)
        out.append(_open(m, anchor, link))
        stack.append((m, e, link))
    close_until(hi)
    out.append(_e(text[pos:hi]))
    return "".join(out)


def span_anchor(doc: str, start: int, end: int) -> str:
    """The id of a passage of a document, the same in the report and the workspace."""
    return f"{doc}-{start}-{end}"


MENTION_DOCS = 12  # an actor's row in the report links the first mention in each of this many documents


def first_mentions(entity: dict) -> dict[str, dict]:
    """The entity's first mention in each document (in order), as many as an actor's row links."""
    first: dict[str, dict] = {}
    for m in entity["mentions"]:
        first.setdefault(m["doc"], m)
    return first


def quoted_where(dossier: Dossier) -> dict[str, tuple[int, dict[str, str]]]:
    """Per speaking entity: how many quotes, and the id of its first quote in each document (as many as an
    actor's row links), so that the actors table says where each actor is quoted."""
    out: dict[str, tuple[int, dict[str, str]]] = {}
    for q in dossier.quotes:
        if q.get("speaker"):
            n, first = out.get(q["speaker"], (0, {}))
            if len(first) < MENTION_DOCS:
                first.setdefault(q["doc"], q["id"])
            out[q["speaker"]] = (n + 1, first)
    return out


def passage_marks(dossier: Dossier, entity_href: Callable[[str], str],
                  reuse_href: Callable[[int, Span], str], docs: set[str] | None = None,
                  everything: bool = True) -> dict[str, list[Mark]]:
    """Every passage the dossier points at, per document: quotes (id = the quote's id), mentions (linked
    to their entity), times, quantities, claim values, the sentences of summaries and the timeline, and
    shared passages (linked to the other document's passage). `docs`: only these documents.
    `everything=False` (the report of a whole corpus): of mentions only those an actor's row links to, and
    no times or quantities but those claims compare, so that a corpus of 100k articles does not hold a
    record for each of its millions of names and numbers."""
    out: dict[str, list[Mark]] = {}

    def add(doc: str, start: int, end: int, kind: str, anchor: str | None = None, href: str | None = None,
            title: str = "") -> None:
        if docs is None or doc in docs:
            out.setdefault(doc, []).append(Mark(start, end, kind, anchor, href, title, doc))

    for q in dossier.quotes:
        speaker = q.get("speaker_text") or "?"
        add(q["doc"], q["start"], q["end"], "quote", q["id"], title=f"{q['kind']} quote: {speaker}")
    for e in dossier.entities:
        title, href = f"{e['name']} ({e['type']})", entity_href(e["id"])  # one string per entity, not per mention
        linked = e["mentions"] if everything else list(first_mentions(e).values())[:MENTION_DOCS]
        for m in linked:
            add(m["doc"], m["start"], m["end"], "mention", href=href, title=title)
    for t in dossier.times if everything else ():
        add(t["doc"], t["start"], t["end"], "time", title=str(t["value"]))
    for n in dossier.quantities if everything else ():
        add(n["doc"], n["start"], n["end"], "quantity", title=f"{n['value']} {n['unit']}")
    for c in dossier.claims:
        for v in c["values"]:
            add(v["doc"], v["start"], v["end"], "claim", title=f"{c['status']}: {c['topic']}")
    for src in [s for st in dossier.stories for sent in st["summary"] for s in sent["sources"]] + \
            [s for ev in dossier.timeline for s in ev["sources"]]:
        add(src["doc"], src["start"], src["end"], "passage")
    for i, r in enumerate(dossier.reuse):
        a, b = r.spans
        add(a.doc, a.start, a.end, "reuse", f"r{i}-{a.doc}", reuse_href(i, b), f"{r.kind} with {b.doc}")
        add(b.doc, b.start, b.end, "reuse", f"r{i}-{b.doc}", reuse_href(i, a), f"{r.kind} with {a.doc}")
    return out
