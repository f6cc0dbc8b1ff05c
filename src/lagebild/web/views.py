"""What each page shows, computed from the store's records (no HTML here except the marked article text,
built by `report.passages` with everything escaped)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..model import Document, Dossier, Span
from ..report.common import translation_label, who_said_what
from ..report.passages import Mark, marked_html, passage_marks, span_anchor
from .charts import bar_chart

CONTEXT = 90  # characters of text shown on each side of a claim value


def doc_href(doc: str, start: int | None = None, end: int | None = None) -> str:
    return f"/doc/{doc}" + (f"#{span_anchor(doc, start, end)}" if start is not None and end is not None else "")


@dataclass
class CoverageRow:
    doc: Document
    role: str  # original | copy | translation | original (copied) ...
    copies_of: list[str]
    agencies: str


def coverage(d: Dossier) -> list[CoverageRow]:
    """Who reported when; a document sharing a passage with an earlier one (by date, then by order) is a
    copy of it, a translated document a translation."""
    order = {doc.id: (doc.published.value or "9999", n) for n, doc in enumerate(d.documents)}
    earlier: dict[str, set[str]] = {doc.id: set() for doc in d.documents}
    copied: set[str] = set()
    for r in d.reuse:
        a, b = sorted((r.spans[0].doc, r.spans[1].doc), key=lambda x: order.get(x, ("9999", 0)))
        earlier.setdefault(b, set()).add(a)
        copied.add(a)
    rows = []
    for doc in sorted(d.documents, key=lambda x: order[x.id]):
        if doc.translation is not None:
            role = translation_label(doc)
        elif earlier.get(doc.id):
            role = "copy"
        else:
            role = "original, copied" if doc.id in copied else "original"
        rows.append(CoverageRow(doc, role, sorted(earlier.get(doc.id, ())), ", ".join(doc.agencies)))
    return rows


def excerpt(doc: Document, start: int, end: int) -> Markup:
    """The passage with some text around it, the passage marked (escaped)."""
    lo, hi = max(0, start - CONTEXT), min(len(doc.text), end + CONTEXT)
    mark = Mark(start, end, "claim", span_anchor(doc.id, start, end) + "-x")
    body = marked_html(doc.text, lo, hi, [mark], seen={mark.anchor})  # no id: the article page has it
    return Markup(("…" if lo else "") + body + ("…" if hi < len(doc.text) else ""))


def story_page(d: Dossier, story: dict[str, Any]) -> dict[str, Any]:
    docs = {doc.id: doc for doc in d.documents}
    claims = sorted(d.claims, key=lambda c: (c["status"] != "conflict", c["status"] != "agree"))
    claim_rows = [{"claim": c, "values": [{"v": v, "doc": docs[v["doc"]], "excerpt": excerpt(docs[v["doc"]], v["start"],
                                                                                         v["end"])}
                                          for v in c["values"] if v["doc"] in docs]} for c in claims]
    days = Counter(ev["date"][:10] for ev in d.timeline if ev.get("date"))
    return {
        "story": story, "docs": docs, "coverage": coverage(d), "claims": claim_rows,
        "timeline": d.timeline, "timeline_chart": bar_chart(sorted(days.items()), "events per day"),
        "speakers": who_said_what(d),
        "actors": sorted(d.entities, key=lambda e: -len(e["mentions"]))[:30],
    }


def article_html(d: Dossier, doc: Document) -> list[dict[str, Any]]:
    """The kept paragraphs of the document, marked; each with its kind and input lines."""
    marks = passage_marks(d, entity_href=lambda e: f"/actor/{e}", reuse_href=_reuse_href(d),
                          docs={doc.id}).get(doc.id, [])
    seen: set[str] = set()
    return [{"kind": seg.kind, "lines": (seg.first, seg.last),
             "html": Markup(marked_html(doc.text, seg.start, seg.end, marks, seen))}
            for seg in doc.segments if seg.kept and seg.start is not None and seg.end is not None]


def _reuse_href(d: Dossier) -> Any:
    def href(n: int, other: Span) -> str:
        r = d.reuse[n]
        this = r.spans[0].doc if r.spans[1] == other else r.spans[1].doc
        return f"/compare?a={this}&b={other.doc}#pair-{n}"

    return href


def audit_rows(doc: Document) -> list[dict[str, Any]]:
    lines = doc.input_lines()
    return [{"seg": seg, "kept": seg.kept, "text": "\n".join(lines[seg.first - 1 : seg.last])} for seg in doc.segments]


def compare_page(d: Dossier, a: Document, b: Document) -> dict[str, Any]:
    """Shared passages of two documents as aligned rows (in the order of the first), and both texts with
    the passages marked and linked to their row."""
    pairs: list[dict[str, Any]] = []
    marks: dict[str, list[Mark]] = {a.id: [], b.id: []}
    for n, r in enumerate(d.reuse):
        sa, sb = r.spans if r.spans[0].doc == a.id else (r.spans[1], r.spans[0])
        if sa.doc != a.id or sb.doc != b.id:
            continue
        pairs.append({"n": n, "kind": r.kind, "similarity": r.similarity, "a": a.text[sa.start : sa.end],
                      "b": b.text[sb.start : sb.end], "a_span": sa, "b_span": sb})
        marks[a.id].append(Mark(sa.start, sa.end, "reuse", f"A-{n}", f"#pair-{n}", r.kind))
        marks[b.id].append(Mark(sb.start, sb.end, "reuse", f"B-{n}", f"#pair-{n}", r.kind))
    pairs.sort(key=lambda p: p["a_span"].start)

    def paragraphs(doc: Document) -> list[Markup]:
        seen: set[str] = set()
        return [Markup(marked_html(doc.text, s.start, s.end, marks[doc.id], seen))
                for s in doc.segments if s.kept and s.start is not None and s.end is not None]

    shared = sum(p["a_span"].end - p["a_span"].start for p in pairs)
    return {"a": a, "b": b, "pairs": pairs, "a_text": paragraphs(a), "b_text": paragraphs(b),
            "shared_share": shared / max(len(a.text), 1)}
