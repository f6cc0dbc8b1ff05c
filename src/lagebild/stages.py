"""The registered stages, in run order. Each is a thin adapter from a Document to the module that
does the work, so that `pipeline` stays generic and each concern has its own module."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .clean.dump import clean_dump
from .clean.html import clean_html
from .corpus.claims import find_claims
from .corpus.facts import DocFacts, amounts, infer_anchors, quantity_records, time_records
from .corpus.resolve import link_speakers, resolve_entities
from .corpus.reuse import find_reuse
from .corpus.stories import build_stories
from .corpus.timeline import build_timeline
from .extract.entities import Mentions, find_mentions
from .extract.quotes import Quote, direct_quotations, reported_speech
from .extract.timex import find_times
from .meta import extract_metadata
from .model import Document, Dossier
from .pipeline import budget, corpus_stage, document_stage, time_budget
from .settings import Settings

T = TypeVar("T")


def per_document(stage: str, doc: Document, work: Callable[[Document], T], instead: T) -> T:
    """One document's share of a corpus stage, within its time budget. If it fails, the document is left
    out of that stage (`instead` stands for its result) and the reason recorded on it."""
    try:
        with budget(time_budget(doc.text)):
            return work(doc)
    except Exception as exc:
        doc.problems.append(f"left out of corpus stage {stage}: {type(exc).__name__}: {exc}")
        return instead


@document_stage("clean", requires=("raw",), assigns=("lines", "segments", "text"))
def clean(doc: Document) -> None:
    if doc.format == "html":
        res = clean_html(doc.raw)
        doc.cleaning, doc.html_meta, doc.lines = res.clean, res.meta, res.lines
        doc.line_basis = "rendered HTML blocks"
    else:
        doc.cleaning = clean_dump(doc.raw, given_title=doc.given.get("title"))
    doc.segments, doc.text = doc.cleaning.segments, doc.cleaning.text


@document_stage("metadata", requires=("segments", "text"), assigns=("title", "outlet", "published", "language"))
def metadata(doc: Document) -> None:
    extract_metadata(doc)


@corpus_stage("reuse", requires=("text",), assigns=("reuse",))
def reuse(dossier: Dossier, settings: Settings) -> None:
    dossier.reuse = find_reuse(dossier.documents, min_chars=settings.reuse_min_chars)


@corpus_stage("facts", requires=("text", "published"), assigns=("times", "quantities", "timeline"))
def facts(dossier: Dossier, settings: Settings) -> None:
    def extract(d: Document) -> DocFacts:
        times = find_times(d.text)
        return DocFacts(d, times, amounts(d.text, times, d.language or "de"))

    found = [per_document("facts", d, extract, DocFacts(d, [], [])) for d in dossier.documents]
    infer_anchors(found)
    dossier.times = time_records(found)
    dossier.quantities = quantity_records(found)
    dossier.doc_facts = found
    dossier.timeline = build_timeline(found)


@corpus_stage("stories", requires=("text", "reuse", "times"), assigns=("stories",))
def stories(dossier: Dossier, settings: Settings) -> None:
    dossier.stories = build_stories(dossier)


@corpus_stage("claims", requires=("times", "quantities", "stories"), assigns=("claims",))
def claims(dossier: Dossier, settings: Settings) -> None:
    """Facts are compared only between articles of one story: related articles about two different
    matches or two phone models give different figures without contradicting each other."""
    same_story = {doc: [o for o in s["documents"] if o != doc] for s in dossier.stories for doc in s["documents"]}
    dossier.claims = find_claims(dossier.doc_facts, same_story)
    dossier.doc_facts = []  # working data, done with


@corpus_stage("quotes", requires=("text", "language"), assigns=("quotes",))
def quotes(dossier: Dossier, settings: Settings) -> None:
    out: list[dict[str, object]] = []

    def find(doc: Document) -> list[Quote]:
        direct = direct_quotations(doc.text)
        indirect = reported_speech(doc.text, direct, doc.language)
        for q in direct:  # a quotation inside a reported statement is the reporter's source speaking
            if q.speaker_text is None:
                outer = next((r for r in indirect if r.start <= q.start and q.end <= r.end and r.speaker_text), None)
                q.speaker_text = outer.speaker_text if outer else None
        return [*direct, *indirect]

    nothing: list[Quote] = []
    for doc in dossier.documents:
        for q in per_document("quotes", doc, find, nothing):
            out.append({"id": f"q{len(out) + 1}", "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                        "kind": q.kind, "speaker": None, "speaker_text": q.speaker_text, "cue": q.cue, "via": q.via})
    dossier.quotes = out


@corpus_stage("entities", requires=("text", "quotes"), assigns=("entities",))
def entities(dossier: Dossier, settings: Settings) -> None:
    docs = dossier.documents
    mentions = [per_document("entities", d, lambda d: find_mentions([d.text], settings.ner_model,
                                                                    languages=[d.language])[0], Mentions(d.text, []))
                for d in docs]
    dossier.entities = resolve_entities(docs, mentions)
    link_speakers(dossier.quotes, dossier.entities)
