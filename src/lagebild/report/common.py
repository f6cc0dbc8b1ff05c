"""What the Markdown and HTML reports share: the sources table rows and reuse per document."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Document, Dossier


@dataclass(frozen=True)
class SourceRow:
    doc: Document
    outlet: str
    date: str
    translation: str
    reuse_partners: list[str]


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
        rows.append(SourceRow(d, outlet, date, translation_label(d), sorted(partners[d.id])))
    return rows
