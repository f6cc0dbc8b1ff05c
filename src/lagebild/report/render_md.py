"""The dossier as Markdown: contents, sources, rejected inputs, shared passages, the corpus sections, and
each cleaned article with anchors at the passages the sections point to (quotes, claim values, the
sentences of summaries and the timeline)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Dossier
from .common import SECTIONS, contents, problem_lines, shortened, source_rows, who_said_what
from .passages import quoted_where, span_anchor

INLINE = re.compile(r"[\\`*_\[\]|~!]")  # links, images, emphasis, strike-through, code spans, table cells
LINE_START = re.compile(r"^([ \t]*)(?:([-+=#])|(\d+)([.)]))", re.M)  # list items, setext and ATX headings


def _safe(text: str) -> str:
    """Article text is untrusted: no raw HTML, link, image, emphasis or code span may reach a Markdown
    viewer, and no line of it may start a list or a heading."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = INLINE.sub(lambda m: "\\" + m.group(0), text)
    return LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                          text)


def _cell(text: str) -> str:
    return _safe(text).replace("\n", " ")


def _heading(key: str) -> list[str]:
    return ["", f'<a id="{key}"></a>', "", f"## {dict(SECTIONS)[key]}", ""]


def _anchors(dossier: Dossier) -> dict[str, dict[int, list[str]]]:
    """Per document: the positions where a section's link lands, with the anchor ids placed there."""
    out: dict[str, dict[int, list[str]]] = {}

    def add(doc: str, start: int, anchor: str) -> None:
        ids = out.setdefault(doc, {}).setdefault(start, [])
        if anchor not in ids:
            ids.append(anchor)

    for q in dossier.quotes:
        add(q["doc"], q["start"], q["id"])
    spans = [v for c in dossier.claims for v in c["values"]] + \
        [s for st in dossier.stories for sent in st["summary"] for s in sent["sources"]] + \
        [s for ev in dossier.timeline for s in ev["sources"]]
    for s in spans:
        add(s["doc"], s["start"], span_anchor(s["doc"], s["start"], s["end"]))
    return out


def _anchored(doc: Document, start: int, end: int, anchors: dict[int, list[str]]) -> str:
    cuts = sorted(p for p in anchors if start <= p < end)
    out, pos = [], start
    for p in cuts:
        out.append(_safe(doc.text[pos:p]))
        out.append("".join(f'<a id="{a}"></a>' for a in anchors[p]))
        pos = p
    out.append(_safe(doc.text[pos:end]))
    return "".join(out)


def _link(doc: str, start: int, end: int) -> str:
    return f"[{doc}](#{span_anchor(doc, start, end)})"


def render_markdown(dossier: Dossier) -> str:
    return "".join(markdown_chunks(dossier))


def markdown_chunks(dossier: Dossier) -> Iterator[str]:
    """The Markdown dossier in pieces (the head, then one per document), so that a large corpus can be
    written without holding the whole text in memory."""
    out = ["# Lagebild dossier", "", "Contents:", ""]
    out += [f"- [{label}](#{key})" for key, label in contents(dossier)]
    out += [*_heading("sources"), "| id | outlet | title | published | language | translation | authors | reuse with |",
            "|---|---|---|---|---|---|---|---|"]
    for row in source_rows(dossier):
        d = row.doc
        out.append(f"| [{d.id}](#{d.id}) | " + " | ".join(_cell(x) for x in [
            row.outlet, row.title, row.date, d.language or "", row.translation,
            ", ".join(d.authors + d.agencies), ", ".join(row.reuse_partners)]) + " |")
    if dossier.rejected:
        out += _heading("rejected")
        out += [f"- {_cell(r.source)}: {_cell(r.reason)}" for r in dossier.rejected]
    problems = problem_lines(dossier)
    if problems:
        out += _heading("problems")
        out += [f"- {_cell(where)}: {_cell(what)}" for where, what in problems]
    if dossier.reuse:
        out += _heading("reuse")
        for r in dossier.reuse:
            a, b = r.spans
            ta = dossier.document(a.doc).text[a.start : a.end]
            out.append(f"- **{r.kind}** ({r.similarity:.2f}) [{a.doc}](#{a.doc}) [{a.start}:{a.end}] ↔ "
                       f"[{b.doc}](#{b.doc}) [{b.start}:{b.end}]: "
                       f"“{_cell(ta[:160])}{'…' if len(ta) > 160 else ''}”")
    # section by section and line by line: built and joined whole, the head of a 100k corpus held
    # several copies of hundreds of MB
    for line in out:
        yield line + "\n"
    del out
    for build in (_stories, _actors, _who_said_what, _claims_and_timeline):
        for line in build(dossier):
            yield line + "\n"
    anchors = _anchors(dossier)
    if dossier.documents:
        yield "\n".join(_heading("documents")) + "\n"
    for d in dossier.documents:
        out = ["", f'<a id="{d.id}"></a>', "", f"### {d.id}: {_cell(d.title) or '(untitled)'}", "",
               f"Source: {_cell(d.source)}", ""]
        here = anchors.get(d.id, {})
        for seg in d.segments:
            if seg.kept and seg.start is not None and seg.end is not None:
                if seg.kind == "title":
                    continue
                text = _anchored(d, seg.start, seg.end, here)
                out += [f"#### {text}" if seg.kind == "subheading" else text, ""]
        removed = [s for s in d.segments if not s.kept]
        if removed:
            out += ["<details><summary>Removed segments</summary>", ""]
            out += [f"- lines {s.first}-{s.last}: {s.kind} ({_cell(s.reason)})" for s in removed]
            out += ["", "</details>"]
        yield "\n".join(out) + "\n"


def _stories(dossier: Dossier) -> Iterator[str]:
    if dossier.stories:
        yield from _heading("stories")
        for st in dossier.stories:
            when, docs = st["date"] or "undated", ", ".join(f"[{d}](#{d})" for d in st["documents"])
            yield from ["", f"### {st['id']}: {_cell(st['title'])} ({when}; {docs})", ""]
            for sent in st["summary"]:
                links = ", ".join(_link(s["doc"], s["start"], s["end"]) for s in sent["sources"])
                yield f"- {_cell(sent['text'])} ({links})"
            for c in st.get("conflicts", ()):
                values = "; ".join(f"[{v['doc']}](#{v['doc']}) “{_cell(v['text'])}”" for v in c["values"])
                yield f"- **sources differ** on summary sentence {c['sentence'] + 1}: {values}"


def _who_said_what(dossier: Dossier) -> Iterator[str]:
    if not dossier.quotes:
        return
    yield from _heading("who-said-what")
    outlets = {d.id: d.outlet or "" for d in dossier.documents}
    for group in who_said_what(dossier):
        role = f" — {group.role}" if group.role else ""
        yield from [f"### {_cell(group.name)}{_cell(role)}", ""]
        for st in group.statements:
            sources = "; ".join(
                f"[{r['doc']}](#{r['id']}){' ' + _cell(outlets[r['doc']]) if outlets.get(r['doc']) else ''} "
                f"({_cell(r['cue'] or 'no cue')}{', via ' + _cell(', '.join(r['via'])) if r['via'] else ''})"
                for r in st.reports)
            yield f"- {st.kind}: {_cell(shortened(st.text, 300))} — {sources}"
        yield ""


def _actors(dossier: Dossier) -> Iterator[str]:
    if not dossier.entities:
        return
    yield from [*_heading("actors"),
                "| entity | type | mentions | first seen | roles | quoted | also written | where |",
                "|---|---|---|---|---|---|---|---|"]
    quoted = quoted_where(dossier)
    # events, products, currencies (no actors: "actor" is false) come last
    ranked = sorted(dossier.entities, key=lambda e: (not e.get("actor", True), -len({m["doc"] for m in e["mentions"]}),
                                                     -len(e["mentions"])))
    for e in ranked:
        docs = list(dict.fromkeys(m["doc"] for m in e["mentions"]))
        n, first_quotes = quoted.get(e["id"], (0, {}))
        said = f"{n}× in " + ", ".join(f"[{d}](#{q})" for d, q in first_quotes.items()) if n else ""
        yield (f"| {_cell(e['name'])} | {e['type']} | {len(e['mentions'])} in {len(docs)} | "
               f"{_cell(e.get('first_seen') or '')} | "
               f"{_cell('; '.join(e['descriptions'][:3]))} | {said} | {_cell(', '.join(e['aliases'][:6]))} | "
               f"{', '.join(f'[{d}](#{d})' for d in docs[:12])}{' …' if len(docs) > 12 else ''} |")


def _claims_and_timeline(dossier: Dossier) -> Iterator[str]:
    if dossier.claims:
        yield from _heading("claims")
        for c in sorted(dossier.claims, key=lambda c: c["status"] != "conflict"):
            mark = "**CONFLICT**" if c["status"] == "conflict" else c["status"]
            values = "; ".join(f"{_link(v['doc'], v['start'], v['end'])} “{_cell(v['text'])}”" for v in c["values"])
            yield f"- {mark} — {_cell(c['topic'])}: {_cell(c['explanation'])} ({values})"
    if dossier.timeline:
        yield from [*_heading("timeline"), "| date | event | status | sources |", "|---|---|---|---|"]
        for ev in dossier.timeline:
            sources = ", ".join(_link(s["doc"], s["start"], s["end"]) for s in ev["sources"])
            event = _cell(shortened(ev["event"], 200))
            yield f"| {_cell(ev['date'])} | {event} | {_cell(ev.get('status') or '')} | {sources} |"
