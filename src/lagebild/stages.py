"""The registered stages, in run order. Each is a thin adapter from a Document to the module that
does the work, so that `pipeline` stays generic and each concern has its own module."""

from __future__ import annotations

from .clean.dump import clean_dump
from .clean.html import clean_html
from .corpus.attribution import resolve_in_documents
from .corpus.claims import find_claims
from .corpus.facts import run_facts
from .corpus.resolve import link_speakers, resolve_entities
from .corpus.reuse import find_reuse
from .corpus.stories import build_stories
from .corpus.timeline import build_timeline
from .extract.attribution import quotations
from .extract.entities import find_mentions
from .extract.per_document import extract_document
from .meta import extract_metadata
from .model import Document, Dossier
from .pipeline import corpus_stage, document_stage
from .settings import Settings


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


@document_stage("extract", requires=("text", "language"), assigns=("extracted",))
def extract(doc: Document) -> None:
    """Times, quantities, quotations and name mentions of the document alone; the corpus stages use them."""
    doc.extracted = extract_document(doc)


@corpus_stage("reuse", requires=("text",), assigns=("reuse",))
def reuse(dossier: Dossier, settings: Settings) -> None:
    dossier.reuse = find_reuse(dossier.documents, min_chars=settings.reuse_min_chars)


@corpus_stage("facts", requires=("text", "published"), assigns=("times", "quantities", "timeline"))
def facts(dossier: Dossier, settings: Settings) -> None:
    dossier.doc_facts = run_facts(dossier)
    dossier.timeline = build_timeline(dossier.doc_facts)


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
    for doc in dossier.documents:
        found = doc.extracted.quotes if doc.extracted is not None else quotations(doc.text, doc.language)
        for q in found:
            out.append({"id": f"q{len(out) + 1}", "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                        "kind": q.kind, "speaker": None, "speaker_text": q.speaker_text, "cue": q.cue, "via": q.via,
                        "speaker_span": list(q.speaker_span) if q.speaker_span else None})
    dossier.quotes = out


@corpus_stage("entities", requires=("text", "quotes"), assigns=("entities",))
def entities(dossier: Dossier, settings: Settings) -> None:
    docs = dossier.documents
    cached = settings.ner_model is None  # the document stage tags with the bundled model only
    todo = [d for d in docs if not cached or d.extracted is None]
    found = iter(find_mentions((d.text for d in todo), settings.ner_model, languages=[d.language for d in todo]))
    mentions = [d.extracted.mentions if cached and d.extracted is not None else next(found) for d in docs]
    dossier.entities = resolve_entities(docs, mentions)
    link_speakers(dossier.quotes, dossier.entities)
    resolve_in_documents(dossier.quotes, dossier.entities, {d.id: d.text for d in docs})
    for d in docs:
        d.extracted = None  # working data, done with
