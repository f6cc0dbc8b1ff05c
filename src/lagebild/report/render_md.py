"""The dossier as Markdown: sources, rejected inputs, shared passages, and each cleaned article."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Dossier
from .common import source_rows, who_said_what


def _safe(text: str) -> str:
    """Article text is untrusted: no raw HTML may reach a Markdown viewer."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _safe(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(dossier: Dossier) -> str:
    return "".join(markdown_chunks(dossier))


def markdown_chunks(dossier: Dossier) -> Iterator[str]:
    """The Markdown dossier in pieces (the head, then one per document), so that a large corpus can be
    written without holding the whole text in memory."""
    out = ["# Lagebild dossier", ""]
    out += ["## Sources", "", "| id | outlet | title | published | language | translation | authors | reuse with |",
            "|---|---|---|---|---|---|---|---|"]
    for row in source_rows(dossier):
        d = row.doc
        out.append("| " + " | ".join(_cell(x) for x in [
            d.id, row.outlet, d.title, row.date, d.language or "", row.translation,
            ", ".join(d.authors + d.agencies), ", ".join(row.reuse_partners)]) + " |")
    if dossier.rejected:
        out += ["", "## Rejected inputs", ""]
        out += [f"- `{_cell(r.source)}`: {_cell(r.reason)}" for r in dossier.rejected]
    if dossier.reuse:
        out += ["", "## Shared passages", ""]
        for r in dossier.reuse:
            a, b = r.spans
            ta = dossier.document(a.doc).text[a.start : a.end]
            out.append(f"- **{r.kind}** ({r.similarity:.2f}) {a.doc} [{a.start}:{a.end}] ↔ "
                       f"{b.doc} [{b.start}:{b.end}]: "
                       f"“{_cell(ta[:160])}{'…' if len(ta) > 160 else ''}”")
    # section by section and line by line: built and joined whole, the head of a 100k corpus held
    # several copies of hundreds of MB
    for line in out:
        yield line + "\n"
    del out
    for build in (_stories, _actors, _who_said_what, _claims_and_timeline):
        for line in build(dossier):
            yield line + "\n"
    for d in dossier.documents:
        out = ["", f"## {d.id}: {_safe(d.title) or '(untitled)'}", "", f"Source: `{_cell(d.source)}`", ""]
        for seg in d.segments:
            if seg.kept and seg.start is not None:
                text = d.text[seg.start : seg.end]
                if seg.kind == "title":
                    continue
                out += [f"### {_safe(text)}" if seg.kind == "subheading" else _safe(text), ""]
        removed = [s for s in d.segments if not s.kept]
        if removed:
            out += ["<details><summary>Removed segments</summary>", ""]
            out += [f"- lines {s.first}-{s.last}: {s.kind} ({_cell(s.reason)})" for s in removed]
            out += ["", "</details>"]
        yield "\n".join(out) + "\n"


def _stories(dossier: Dossier) -> Iterator[str]:
    if dossier.stories:
        yield from ["", "## Stories", ""]
        for st in dossier.stories:
            when, docs = st["date"] or "undated", ", ".join(st["documents"])
            yield from [f"### {st['id']}: {_cell(st['title'])} ({when}; {docs})", ""]
            for sent in st["summary"]:
                yield f"- {_cell(sent['text'])} [{', '.join(s['doc'] for s in sent['sources'])}]"


def _who_said_what(dossier: Dossier) -> Iterator[str]:
    if not dossier.quotes:
        return
    yield from ["", "## Who said what", ""]
    outlets = {d.id: d.outlet or "" for d in dossier.documents}
    for group in who_said_what(dossier):
        role = f" — {group.role}" if group.role else ""
        yield from [f"### {_cell(group.name)}{_cell(role)}", ""]
        for st in group.statements:
            sources = "; ".join(
                f"{r['doc']}{' ' + outlets[r['doc']] if outlets.get(r['doc']) else ''} ({r['cue'] or 'no cue'}"
                f"{', via ' + ', '.join(r['via']) if r['via'] else ''})" for r in st.reports)
            yield f"- {st.kind}: {_cell(st.text[:300])} — {_cell(sources)}"
        yield ""


def _actors(dossier: Dossier) -> Iterator[str]:
    if not dossier.entities:
        return
    yield from ["", "## Actors", "", "| entity | type | also written | descriptions | sources | mentions |",
                "|---|---|---|---|---|---|"]
    ranked = sorted(dossier.entities, key=lambda e: (-len({m["doc"] for m in e["mentions"]}), -len(e["mentions"])))
    for e in ranked:
        docs = sorted({m["doc"] for m in e["mentions"]})
        yield (f"| {_cell(e['name'])} | {e['type']} | {_cell(', '.join(e['aliases'][:6]))} | "
               f"{_cell('; '.join(e['descriptions'][:3]))} | {', '.join(docs)} | {len(e['mentions'])} |")


def _claims_and_timeline(dossier: Dossier) -> Iterator[str]:
    if dossier.claims:
        yield from ["", "## Numbers and dates across sources", ""]
        for c in sorted(dossier.claims, key=lambda c: c["status"] != "conflict"):
            mark = "**CONFLICT**" if c["status"] == "conflict" else c["status"]
            yield f"- {mark} — {_cell(c['topic'])}: {_cell(c['explanation'])}"
    if dossier.timeline:
        yield from ["", "## Timeline", "", "| date | event | sources |", "|---|---|---|"]
        for ev in dossier.timeline:
            sources = ", ".join(f"{s['doc']} [{s['start']}:{s['end']}]" for s in ev["sources"])
            yield f"| {ev['date']} | {_cell(ev['event'][:200])} | {sources} |"
