"""The dossier as one self-contained HTML page: no scripts, no external requests, all text escaped."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ..model import Dossier
from .common import contents, problem_lines, shortened, source_rows, who_said_what
from .passages import MENTION_DOCS, first_mentions, marked_html, passage_marks, quoted_where, span_anchor

CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #ccc;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#f3f3f3}.wide{overflow-x:auto}
mark{background:transparent;color:inherit}mark.quote{background:#fff3b0}mark.time{background:#dff3e4}
mark.quantity{background:#e3ecff}a.mention{color:inherit;text-decoration:none;border-bottom:1px dotted #7a3db8}
a.reuse,mark.reuse{color:inherit;text-decoration:none;box-shadow:inset 0 -2px 0 #e08a00}
mark.claim{box-shadow:inset 0 -2px 0 #c00}
:target{background:#ffd54a!important;outline:2px solid #e08a00;scroll-margin-top:1rem}
details{margin:.2rem 0;color:#666;font-size:13px}details pre{white-space:pre-wrap;background:#f7f7f7;padding:.4rem}
.kind{font-variant:small-caps;color:#555}.doc{border-top:2px solid #ddd;margin-top:2rem}
h3.sub{font-size:1rem;margin:1rem 0 .3rem}.rejected li{color:#a00}.reuse a{margin-right:.4rem}
.conflict{background:#fde2e2;border-left:4px solid #c00;padding:.2rem .5rem;margin:.3rem 0}
.agree{border-left:4px solid #2a2;padding:.2rem .5rem;margin:.3rem 0}
.timeline{border-left:3px solid #888;margin-left:6rem;padding-left:1rem}.timeline li{list-style:none;position:relative;
margin:.4rem 0}.timeline .date{position:absolute;left:-7.3rem;width:6rem;text-align:right;font-weight:600}
nav.toc{background:#f7f7f9;border:1px solid #ddd;padding:.4rem 1rem;font-size:14px}nav.toc ul{margin:.2rem 0;
padding-left:1.2rem}nav.toc li{margin:.1rem 0}
@media (max-width:40rem){body{margin:1rem auto}.timeline{margin-left:0}.timeline .date{position:static;display:block;
text-align:left}}
@media print{nav.toc{display:none}a{color:inherit;text-decoration:none}details{display:block}
.doc{break-before:page}table,.conflict,.agree{break-inside:avoid}}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _at(doc: str, start: int, end: int) -> str:
    return f"#{_e(span_anchor(doc, start, end))}"


def render_html(dossier: Dossier) -> str:
    return "".join(html_chunks(dossier))


def _toc(dossier: Dossier) -> list[str]:
    out = ['<nav class="toc" aria-label="contents"><b>Contents</b><ul>']
    out += [f'<li><a href="#{key}">{label}</a></li>' for key, label in contents(dossier)]
    return [*out, "</ul></nav>"]


def html_chunks(dossier: Dossier) -> Iterator[str]:
    """The HTML dossier in pieces (the head, then one per document), as `markdown_chunks`."""
    marks = passage_marks(dossier, entity_href=lambda e: f"#{e}", reuse_href=lambda n, other: f"#r{n}-{other.doc}",
                          everything=False)
    h = ["<!DOCTYPE html>", '<html lang="de"><head><meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
         f"<title>Lagebild dossier</title><style>{CSS}</style></head><body>", "<h1>Lagebild dossier</h1>",
         *_toc(dossier)]
    h += ['<h2 id="sources">Sources</h2><div class="wide"><table><tr><th>id</th><th>outlet</th><th>title</th>'
          "<th>published</th><th>language</th><th>translation</th><th>authors / agencies</th><th>reuse with</th></tr>"]
    for row in source_rows(dossier):
        d = row.doc
        partners = " ".join(f'<a href="#{_e(p)}">{_e(p)}</a>' for p in row.reuse_partners)
        h.append(f'<tr><td><a href="#{_e(d.id)}">{_e(d.id)}</a></td><td>{_e(row.outlet)}</td><td>{_e(row.title)}</td>'
                 f"<td>{_e(row.date)}</td><td>{_e(d.language or '')}</td><td>{_e(row.translation)}</td>"
                 f"<td>{_e(', '.join(d.authors + d.agencies))}</td><td>{partners}</td></tr>")
    h.append("</table></div>")
    if dossier.rejected:
        h.append('<h2 id="rejected">Rejected inputs</h2><ul class="rejected">')
        h += [f"<li><code>{_e(r.source)}</code>: {_e(r.reason)}</li>" for r in dossier.rejected]
        h.append("</ul>")
    problems = problem_lines(dossier)
    if problems:
        h.append('<h2 id="problems">Left out (problems)</h2><ul class="rejected">')
        h += [f"<li><code>{_e(where)}</code>: {_e(what)}</li>" for where, what in problems]
        h.append("</ul>")
    if dossier.reuse:
        h.append('<h2 id="reuse">Shared passages</h2><ul class="reuse">')
        for n, r in enumerate(dossier.reuse):
            a, b = r.spans
            h.append(f'<li><span class="kind">{_e(r.kind)}</span> ({r.similarity:.2f}): '
                     f'<a href="#r{n}-{_e(a.doc)}">{_e(a.doc)}</a> ↔ <a href="#r{n}-{_e(b.doc)}">{_e(b.doc)}</a> '
                     f"“{_e(dossier.document(a.doc).text[a.start:a.end][:140])}…”</li>")
        h.append("</ul>")
    for line in h:  # line by line, as markdown_chunks
        yield line + "\n"
    del h
    for line in _facts(dossier):
        yield line + "\n"
    yield '<h2 id="documents">Articles</h2>\n'
    for d in dossier.documents:
        seen: set[str] = set()
        doc_marks = marks.get(d.id, [])
        h = [f'<section class="doc" id="{_e(d.id)}"><h2>{_e(d.id)}: {_e(d.title)}</h2>']
        h.append(f"<p><small>Source: <code>{_e(d.source)}</code></small></p>")
        for seg in d.segments:
            if seg.kept and seg.start is not None and seg.end is not None:
                inner = marked_html(d.text, seg.start, seg.end, doc_marks, seen)
                tag = {"title": "h3", "subheading": "h3"}.get(seg.kind, "p")
                cls = ' class="sub"' if seg.kind == "subheading" else ""
                h.append(f"<{tag}{cls} title=\"lines {seg.first}-{seg.last}: {_e(seg.kind)}\">{inner}</{tag}>")
            else:
                removed = d.segment_text(seg)
                h.append(f"<details><summary>removed lines {seg.first}-{seg.last}: {_e(seg.kind)} — "
                         f"{_e(seg.reason)}</summary><pre>{_e(removed)}</pre></details>")
        h.append("</section>")
        yield "\n".join(h) + "\n"
    yield "</body></html>\n"


def _stories(dossier: Dossier) -> Iterator[str]:
    if dossier.stories:
        yield '<h2 id="stories">Stories</h2>'
        for st in dossier.stories:
            docs = " ".join(f'<a href="#{_e(d)}">{_e(d)}</a>' for d in st["documents"])
            when = _e(st["date"] or "undated")
            yield f"<h3>{_e(st['id'])}: {_e(st['title'])} <small>({when}; {docs})</small></h3><ul>"
            for sent in st["summary"]:
                srcs = ", ".join(f'<a href="{_at(s["doc"], s["start"], s["end"])}">{_e(s["doc"])}</a>'
                                 for s in sent["sources"])
                yield f"<li>{_e(sent['text'])} <small>[{srcs}]</small></li>"
            for c in st.get("conflicts", ()):
                values = "; ".join(f'<a href="#{_e(v["doc"])}">{_e(v["doc"])}</a> “{_e(v["text"])}”'
                                   for v in c["values"])
                yield f"<li><b>sources differ</b> on summary sentence {int(c['sentence']) + 1}: {values}</li>"
            yield "</ul>"


def _who_said_what(dossier: Dossier) -> Iterator[str]:
    if not dossier.quotes:
        return
    yield '<h2 id="who-said-what">Who said what</h2>'
    outlets = {d.id: d.outlet or "" for d in dossier.documents}
    for group in who_said_what(dossier):
        role = f" <small>{_e(group.role)}</small>" if group.role else ""
        name = f'<a href="#{_e(group.entity)}">{_e(group.name)}</a>' if group.entity else _e(group.name)
        yield f"<h3>{name}{role}</h3><ul>"
        for st in group.statements:
            sources = "; ".join(
                f'<a href="#{_e(r["id"])}" title="{_e(r["doc"])} [{r["start"]}:{r["end"]}]">{_e(r["doc"])}'
                f'{" " + _e(outlets[r["doc"]]) if outlets.get(r["doc"]) else ""}</a> ({_e(r["cue"] or "no cue")}'
                f'{", via " + _e(", ".join(r["via"])) if r["via"] else ""})' for r in st.reports)
            yield f'<li><span class="kind">{_e(st.kind)}</span> {_e(shortened(st.text, 300))} — {sources}</li>'
        yield "</ul>"


def _actors(dossier: Dossier) -> Iterator[str]:
    """One compact row per actor: mentions, documents, roles, quoted or not; the documents link to the
    first mention in each."""
    if not dossier.entities:
        return
    quoted = quoted_where(dossier)
    yield ('<h2 id="actors">Actors</h2><div class="wide"><table><tr><th>entity</th><th>type</th><th>mentions</th>'
           "<th>first seen</th><th>roles</th><th>quoted</th><th>also written</th><th>where</th></tr>")
    # events, products, currencies (no actors: "actor" is false) come last
    ranked = sorted(dossier.entities, key=lambda e: (not e.get("actor", True), -len({m["doc"] for m in e["mentions"]}),
                                                     -len(e["mentions"])))
    for e in ranked:
        first = first_mentions(e)
        where = " ".join(f'<a href="{_at(m["doc"], m["start"], m["end"])}">{_e(doc)}</a>'
                         for doc, m in list(first.items())[:MENTION_DOCS])
        more = f" +{len(first) - MENTION_DOCS}" if len(first) > MENTION_DOCS else ""
        n, first_quotes = quoted.get(e["id"], (0, {}))
        said = f"{n}× in " + " ".join(f'<a href="#{_e(q)}">{_e(d)}</a>' for d, q in first_quotes.items()) if n else ""
        yield (f'<tr id="{_e(e["id"])}"><td>{_e(e["name"])}</td><td>{_e(e["type"])}</td>'
               f"<td>{len(e['mentions'])} in {len(first)}</td><td>{_e(e.get('first_seen') or '')}</td>"
               f"<td>{_e('; '.join(e['descriptions'][:3]))}</td>"
               f"<td>{said}</td><td>{_e(', '.join(e['aliases'][:6]))}</td><td>{where}{more}</td></tr>")
    yield "</table></div>"


def _facts(dossier: Dossier) -> Iterator[str]:
    """The sections about the corpus, line by line: at 100k articles their lines took hundreds of MB."""
    yield from _stories(dossier)
    yield from _actors(dossier)
    yield from _who_said_what(dossier)
    if dossier.claims:
        yield '<h2 id="claims">Numbers and dates across sources</h2>'
        for c in sorted(dossier.claims, key=lambda c: c["status"] != "conflict"):
            links = " ".join(f'<a href="{_at(v["doc"], v["start"], v["end"])}">{_e(v["doc"])}: “{_e(v["text"])}”</a>'
                             for v in c["values"])
            yield (f'<div class="{_e(c["status"])}"><b>{_e(c["status"])}</b> — {_e(c["topic"])}<br>{links}<br>'
                   f"<small>{_e(c['explanation'])}</small></div>")
    if dossier.timeline:
        yield '<h2 id="timeline">Timeline</h2><ul class="timeline">'
        for ev in dossier.timeline:
            srcs = ", ".join(f'<a href="{_at(s["doc"], s["start"], s["end"])}">{_e(s["doc"])}</a>'
                             for s in ev["sources"])
            status = f" <i>{_e(ev['status'])}</i>" if ev.get("status") and ev["status"] != "happened" else ""
            yield (f'<li><span class="date">{_e(ev["date"])}</span>{_e(shortened(ev["event"], 240))}{status} '
                   f"<small>({srcs})</small></li>")
        yield "</ul>"
