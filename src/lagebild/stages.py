"""The registered stages, in run order. Each is a thin adapter from a Document to the module that
does the work, so that `pipeline` stays generic and each concern has its own module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from .clean.dump import clean_dump
from .clean.html import clean_html
from .corpus.claims import find_claims
from .corpus.facts import DocFacts, amounts, infer_anchors, quantity_records, time_records
from .corpus.resolve import link_speakers, resolve_entities
from .corpus.reuse import find_reuse
from .corpus.stories import build_stories
from .corpus.timeline import build_timeline
from .extract.entities import Mention, Mentions, find_mentions
from .extract.quantities import Quantity
from .extract.quotes import Quote, direct_quotations, reported_speech
from .extract.timex import TimeMention, find_times
from .meta import extract_metadata
from .model import Document, Dossier
from .pipeline import budget, corpus_stage, document_stage, time_budget
from .settings import Settings

T = TypeVar("T")
# Texts longer than this are read in pieces cut at a paragraph, line or sentence end (offsets mapped
# back): some rules look back over the text before each match, which is nothing on an article (the
# longest of the 1,028 10kGNAD articles has 32,600 characters, the longest seed 8,837: none is cut) but
# quadratic on a megabyte of marks or names without a paragraph break (bench/bench_pathological.py).
PIECE_CHARS = 50_000


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` in order; the whole text when it is not too long."""
    if len(text) <= PIECE_CHARS:
        return [(0, text)]
    out = []
    a = 0
    while a < len(text):
        b = min(len(text), a + PIECE_CHARS)
        if b < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, a + PIECE_CHARS // 2, b)
                if cut >= 0:
                    b = cut + len(sep)
                    break
        out.append((a, text[a:b]))
        a = b
    return out


def in_pieces(text: str, find: Callable[[str], list[Any]]) -> list[Any]:
    """`find(text)` for each piece of a long text, its items' `start`/`end` moved to the whole text."""
    return [x for off, piece in pieces(text) for x in shifted(find(piece), off)]


def shifted(items: list[Any], offset: int) -> list[Any]:
    return [replace(x, start=x.start + offset, end=x.end + offset) for x in items] if offset else items


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
        times: list[TimeMention] = []
        quantities: list[Quantity] = []
        for offset, piece in pieces(d.text):
            piece_times = find_times(piece)
            times += shifted(piece_times, offset)
            quantities += shifted(amounts(piece, piece_times, d.language or "de"), offset)
        return DocFacts(d, times, quantities)

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

    def find_in(text: str, language: str | None) -> list[Quote]:
        direct = direct_quotations(text)
        indirect = reported_speech(text, direct, language)
        for q in direct:  # a quotation inside a reported statement is the reporter's source speaking
            if q.speaker_text is None:
                outer = next((r for r in indirect if r.start <= q.start and q.end <= r.end and r.speaker_text), None)
                q.speaker_text = outer.speaker_text if outer else None
        return [*direct, *indirect]

    def find(doc: Document) -> list[Quote]:
        return in_pieces(doc.text, lambda piece: find_in(piece, doc.language))

    nothing: list[Quote] = []
    for doc in dossier.documents:
        for q in per_document("quotes", doc, find, nothing):
            out.append({"id": f"q{len(out) + 1}", "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                        "kind": q.kind, "speaker": None, "speaker_text": q.speaker_text, "cue": q.cue, "via": q.via})
    dossier.quotes = out


@corpus_stage("entities", requires=("text", "quotes"), assigns=("entities",))
def entities(dossier: Dossier, settings: Settings) -> None:
    docs = dossier.documents
    def mentions_of(d: Document) -> Mentions:
        return Mentions(d.text, in_pieces(d.text, lambda piece: list(find_mentions(
            [piece], settings.ner_model, languages=[d.language])[0])))

    mentions = [per_document("entities", d, mentions_of, Mentions(d.text, [])) for d in docs]
    runs = [(d, run) for d, ms in zip(docs, mentions, strict=True) for run in _runs(ms)]
    dossier.entities = resolve_entities([d for d, _ in runs], [run for _, run in runs])
    link_speakers(dossier.quotes, dossier.entities)


# A document with more name mentions than this is resolved in runs of this many (a bare name then joins
# the full names of its own run only): resolution compares each mention with those before it, nothing
# for an article (a long 10kGNAD article has a few hundred) but quadratic on a list of 100k names.
RESOLVE_RUN = 2000


def _runs(mentions: Mentions) -> list[Sequence[Mention]]:
    if len(mentions) <= RESOLVE_RUN:
        return [mentions]
    every = list(mentions)
    return [every[k : k + RESOLVE_RUN] for k in range(0, len(every), RESOLVE_RUN)]
