"""What the Markdown and HTML reports share: the sources table rows and reuse per document."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..extract.speech_words import PRONOUN_SPEAKERS
from ..model import Document, Dossier


@dataclass(frozen=True)
class SourceRow:
    doc: Document
    outlet: str
    title: str  # with "(view)" for a comment piece, column or blog entry (meta/genre.py)
    date: str
    translation: str
    reuse_partners: list[str]


SECTIONS = [("sources", "Sources"), ("rejected", "Rejected inputs"), ("problems", "Left out (problems)"),
            ("reuse", "Shared passages"),
            ("stories", "Stories"), ("actors", "Actors"), ("who-said-what", "Who said what"),
            ("claims", "Numbers and dates across sources"), ("timeline", "Timeline"), ("documents", "Articles")]


def contents(dossier: Dossier) -> list[tuple[str, str]]:
    """The sections of a report this dossier fills, as (anchor, heading), in report order."""
    filled = {"sources": True, "rejected": dossier.rejected, "problems": dossier.problem_list(), "reuse": dossier.reuse,
              "stories": dossier.stories,
              "actors": dossier.entities, "who-said-what": dossier.quotes, "claims": dossier.claims,
              "timeline": dossier.timeline, "documents": dossier.documents}
    return [(key, label) for key, label in SECTIONS if filled[key]]


def problem_lines(dossier: Dossier) -> list[tuple[str, str]]:
    """What the run left out, as (where, what): a document's own problems, then the corpus's."""
    return [(f"{p['doc']} ({p['source']})" if p.get("doc") else "the corpus", p["problem"])
            for p in dossier.problem_list()]


def translation_label(doc: Document) -> str:
    t = doc.translation
    if t is None:
        return ""
    how = "machine" if t.machine else "human"
    return f"{how} translation from {t.source_language or '?'}"


def source_rows(dossier: Dossier) -> list[SourceRow]:
    partners: dict[str, set[str]] = defaultdict(set)
    for r in dossier.reuse:
        a, b = r.spans[0].doc, r.spans[1].doc
        partners[a].add(b)
        partners[b].add(a)
    rows = []
    for d in dossier.documents:
        outlet = d.outlet or ""
        if d.original and d.original.outlet:
            outlet = f"{outlet} (original: {d.original.outlet})" if outlet else f"original: {d.original.outlet}"
        date = d.published.value or ""
        if date and d.published.basis == "inferred":
            date += " (inferred)"
        title = f"{d.title} (view)" if d.genre == "view" else d.title
        rows.append(SourceRow(d, outlet, title, date, translation_label(d), sorted(partners[d.id])))
    return rows


@dataclass
class Statement:
    """One statement of a speaker, as one or more outlets report it."""
    kind: str
    text: str  # as the first report gives it
    reports: list[dict]  # the quote records, one per document


@dataclass
class SpeakerGroup:
    name: str  # the entity's name, else the speaker as the text names them, else NOT_NAMED
    role: str  # the entity's first description, if any
    entity: str | None
    statements: list[Statement]


SAME_STATEMENT = 0.6  # word overlap (of the shorter statement) from which two reports are one statement
SIGNATURE_WORDS, RECENT = 3, 20  # the longest words a statement is found by; the latest statements per word
WORDS = re.compile(r"\w+")


def _same(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME_STATEMENT


NOT_NAMED = "(speaker not named in the text)"
# Words that open a speaker the text only describes ("der Sprecher", "ein Experte", "die Behörden"):
# such a speaker is grouped per article.
DESCRIBED = frozenset("der die das den dem des ein eine einer einem einen the a an".split())


def who_said_what(dossier: Dossier) -> list[SpeakerGroup]:
    """Quotes grouped by speaker (the linked entity, else the speaker's words), and within a speaker the
    same statement reported by several outlets grouped together; direct quotes first, speakers with the
    most statements first, unnamed speakers last."""
    entities = {e["id"]: e for e in dossier.entities}
    by_speaker: dict[str, list[dict]] = {}
    for q in dossier.quotes:
        key: str = q["speaker"] if q.get("speaker") in entities else q.get("speaker_text") or ""
        if key.casefold() in PRONOUN_SPEAKERS:
            key = ""  # a pronoun nobody was found for: "er" in one article is not "er" in the next
        elif key not in entities and key.split()[:1] and key.split()[0].casefold() in DESCRIBED:
            key = f"{key} ({q['doc']})"  # "der Sprecher" of one article is not the one of the next
        by_speaker.setdefault(key, []).append(q)
    groups = []
    for key, quotes in by_speaker.items():
        statements: list[tuple[set[str], Statement]] = []
        # a statement is compared only with earlier ones that share one of its longest words (linear in
        # the number of quotes: the unnamed speaker of a 100k corpus has hundreds of thousands)
        postings: dict[str, list[int]] = {}
        for q in sorted(quotes, key=lambda q: (q["kind"] != "direct", q["doc"], q["start"])):
            words = set(WORDS.findall(q["text"].lower()))
            signature = sorted(words, key=lambda w: (-len(w), w))[:SIGNATURE_WORDS]
            seen = {i for w in signature for i in postings.get(w, [])[-RECENT:]}
            found = next((statements[i] for i in sorted(seen) if statements[i][1].kind == q["kind"]
                          and _same(words, statements[i][0])), None)
            # one article may repeat a statement word for word (its headline, a teaser): the same statement
            if found is not None and (all(r["doc"] != q["doc"] for r in found[1].reports) or found[0] == words):
                found[1].reports.append(q)
            else:
                for w in signature:
                    postings.setdefault(w, []).append(len(statements))
                statements.append((words, Statement(q["kind"], q["text"], [q])))
        entity = entities.get(key)
        name = entity["name"] if entity else key or NOT_NAMED
        role = entity["descriptions"][0] if entity and entity["descriptions"] else ""
        groups.append(SpeakerGroup(name, role, entity["id"] if entity else None, [s for _, s in statements]))
    return sorted(groups, key=lambda g: (g.name.startswith("("), -len(g.statements), g.name))


def shortened(text: str, limit: int) -> str:
    """Text for a list or table cell: whole up to `limit` characters, else cut after the last sentence or
    clause that fits (a word boundary if none does), with "…" for what is left out: never inside a word."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for marks in (".!?", ",;:–"):
        cut = max(head.rfind(m + " ") for m in marks)
        if cut >= limit // 3:
            return head[: cut + 1] + " …"
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else head).rstrip() + " …"

