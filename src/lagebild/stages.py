"""The registered stages, in run order. Each is a thin adapter from a Document to the module that
does the work, so that `pipeline` stays generic and each concern has its own module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .clean.dump import clean_dump
from .clean.html import clean_html
from .corpus.attribution import resolve_in_documents
from .corpus.claims import find_claims
from .corpus.facts import DocFacts, infer_anchors, quantity_records, time_records
from .corpus.quote_checks import without_names
from .corpus.resolve import link_speakers, resolve_entities
from .corpus.reuse import find_reuse
from .corpus.stories import build_stories
from .corpus.story_growth import clustering
from .corpus.timeline import build_timeline
from .extract.attribution import quotations
from .extract.entities import Mention, Mentions, find_mentions, without_site_name
from .extract.per_document import Extracted, extract_document, times_and_quantities
from .extract.quotes import INTERVIEW, Quote
from .meta import extract_metadata
from .model import Document, Dossier, QuoteRecord
from .nlp.pieces import EXTRACT_MAX_CHARS, extraction_end, in_pieces
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


@document_stage("extract", requires=("text", "language"), assigns=("extracted",))
def extract(doc: Document) -> None:
    """Times, quantities, quotations and name mentions of the document alone; the corpus stages use them."""
    # while it runs, the document counts as having nothing to give: if the stage fails or runs past its time
    # budget, the corpus stages leave the document out (its problem is recorded) instead of doing it again
    doc.extracted = Extracted([], [], [], Mentions(doc.text, []))
    doc.extracted = extract_document(doc)
    end = extraction_end(doc.text)
    if end < len(doc.text):
        doc.problems.append(f"facts read from the first {end:,} of {len(doc.text):,} characters only (texts longer "
                            f"than {EXTRACT_MAX_CHARS:,} characters are cut; no news article is that long)")


@corpus_stage("reuse", requires=("text",), assigns=("reuse",))
def reuse(dossier: Dossier, settings: Settings) -> None:
    dossier.reuse = find_reuse(dossier.documents, min_chars=settings.reuse_min_chars)


@corpus_stage("facts", requires=("text", "published"), assigns=("times", "quantities", "timeline"))
def facts(dossier: Dossier, settings: Settings) -> None:
    def extract(d: Document) -> DocFacts:
        if d.extracted is not None:  # found by the document stage (in a worker process, or kept in the store)
            return DocFacts(d, d.extracted.times, d.extracted.quantities)
        return DocFacts(d, *times_and_quantities(d))

    found = [per_document("facts", d, extract, DocFacts(d, [], [])) for d in dossier.documents]
    infer_anchors(found)
    dossier.times = time_records(found)
    dossier.quantities = quantity_records(found)
    dossier.doc_facts = found
    dossier.timeline = build_timeline(found)


@corpus_stage("stories", requires=("text", "reuse", "times"), assigns=("stories",))
def stories(dossier: Dossier, settings: Settings) -> None:
    dossier.stories = build_stories(dossier, clustering())


@corpus_stage("claims", requires=("times", "quantities", "stories"), assigns=("claims",))
def claims(dossier: Dossier, settings: Settings) -> None:
    """Facts are compared only between articles of one story: related articles about two different
    matches or two phone models give different figures without contradicting each other."""
    same_story = {doc: [o for o in s["documents"] if o != doc] for s in dossier.stories for doc in s["documents"]}
    dossier.claims = find_claims(dossier.doc_facts, same_story)
    dossier.doc_facts = []  # working data, done with
    for d in dossier.documents:  # so are the times and figures the document stage found (now records)
        if d.extracted is not None:
            d.extracted.times, d.extracted.quantities = [], []


@corpus_stage("quotes", requires=("text", "language"), assigns=("quotes",))
def quotes(dossier: Dossier, settings: Settings) -> None:
    out: list[Any] = []  # QuoteRecords, read and set like the contract's dicts

    def find(doc: Document) -> list[Quote]:
        if doc.extracted is not None:
            return list(doc.extracted.quotes)
        return in_pieces(doc.text, lambda piece: quotations(piece, doc.language))

    nothing: list[Quote] = []
    for doc in dossier.documents:
        for q in per_document("quotes", doc, find, nothing):
            # an interview's question without a name ("Frage:", or none) is the outlet's, whose interviewer asks
            asks = q.cue == INTERVIEW and q.speaker_text is None
            speaker_text = doc.outlet if asks and doc.outlet else q.speaker_text
            out.append(QuoteRecord(f"q{len(out) + 1}", doc.id, q.start, q.end, q.text, doc.text, q.kind, None,
                                   speaker_text, q.cue, q.via, list(q.speaker_span) if q.speaker_span else None))
    dossier.quotes = out


@corpus_stage("entities", requires=("text", "quotes"), assigns=("entities",))
def entities(dossier: Dossier, settings: Settings) -> None:
    docs = dossier.documents
    for d in docs:  # the quotations the document stage found are records now: their memory serves this stage
        if d.extracted is not None:  # (freed here, not at the quotes stage's end: a stage that fails runs again)
            d.extracted.quotes = []
    cached = settings.ner_model is None  # the document stage tags with the bundled model only

    def mentions_of(d: Document) -> Mentions:
        if cached and d.extracted is not None:
            return d.extracted.mentions
        return Mentions(d.text, in_pieces(d.text, lambda piece: list(find_mentions(
            [piece], settings.ner_model, languages=[d.language])[0])))

    mentions = [without_site_name(per_document("entities", d, mentions_of, Mentions(d.text, [])), d.text, d.title)
                for d in docs]
    runs = [(d, run, region) for d, ms in zip(docs, mentions, strict=True) for run, region in _runs(ms, len(d.text))]
    dossier.entities = resolve_entities([d for d, _, _ in runs], [run for _, run, _ in runs],
                                        [region for _, _, region in runs])
    dossier.quotes = without_names(dossier.quotes, dossier.entities)
    link_speakers(dossier.quotes, dossier.entities)
    resolve_in_documents(dossier.quotes, dossier.entities, {d.id: d.text for d in docs})
    for d in docs:
        d.extracted = None  # working data, done with


# A document with more name mentions than this is resolved in runs of this many (a bare name then joins
# the full names of its own run only): resolution compares each mention with those before it, nothing
# for an article (a long 10kGNAD article has a few hundred) but quadratic on a list of 100k names.
RESOLVE_RUN = 2000


def _runs(mentions: Mentions, length: int) -> list[tuple[Sequence[Mention], tuple[int, int] | None]]:
    """The runs of a document's mentions, each with the region of the text it covers (from its first
    mention to the next run's), or the whole text for one run."""
    if len(mentions) <= RESOLVE_RUN:
        return [(mentions, None)]
    every = list(mentions)
    cuts = [0, *(every[k].start for k in range(RESOLVE_RUN, len(every), RESOLVE_RUN)), length]
    return [(every[k : k + RESOLVE_RUN], (cuts[i], cuts[i + 1]))
            for i, k in enumerate(range(0, len(every), RESOLVE_RUN))]
