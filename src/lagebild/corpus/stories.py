"""Stories: documents about one event, clustered online, each with a short summary whose every
sentence cites all the documents that report its content.

Clustering reads the documents in order; a document joins the story whose centroid (TF-IDF over
content words, IDF from the collection) is most similar, if similar enough and not dated far from
it, else it starts a story. Candidate stories come from an inverted index of each story's top
terms, so the work per document does not grow with the number of stories.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..clean.features import stopwords
from ..model import Document, Dossier, Excerpt, Span
from ..nlp.sentences import sentence_spans
from .related import content_words, jaccard

TERM = re.compile(r"\b[\wäöüß-]{4,}")
# A document joins a story from this similarity to its centroid on (cosine less the strongest shared
# term; IDF from background counts + corpus). Calibrated with bench/eval_stories.py (seeds + examples +
# 10kGNAD, B-cubed F1): 0.984 / 0.993 / 0.993 at 0.25 / 0.30 / 0.35.
JOIN_COSINE = 0.30
# The weight in every document's length of its terms no other document has. At 0 (as before) a small
# corpus of unrelated long texts looked alike through the few everyday words they share; at 1 (exact
# cosine) the seeds' five reports of one event fell apart at this threshold. bench/eval_stories.py at 0.30:
# B-cubed F1 0.993 (weight 0), 0.993 (0.3), 0.995 (0.5), 0.996 (1.0); seeds one story up to 0.5.
UNSHARED_WEIGHT = 0.5
# Articles dated further apart than this report different events, however similar their words.
MAX_DAYS_APART = 7
TOP_TERMS = 40  # terms of a story indexed, and of a document looked up, to find candidate stories
# A term among the top terms of more stories than this does not find candidates: such a common word
# alone never decides a story, and a fixed cap keeps the work per document bounded however large the
# corpus (a cap growing with the corpus made the search quadratic again).
COMMON_TERM_STORIES = 50
# Only the stories sharing the most weight of a document's top terms are compared in full: in a corpus
# of 100k articles a document has up to 2,000 candidates, most sharing one middling word. Same stories
# as comparing all candidates on bench/eval_stories.py and the 10k corpus of bench/bench_full.py.
CANDIDATE_STORIES = 20
SUMMARY_MAX, SUMMARY_MIN = 5, 3
MMR_LAMBDA = 0.7  # centrality against redundancy (Carbonell & Goldstein 1998)
# A document reports a summary sentence when one of its sentences shares this much of its content words.
SOURCE_JACCARD = 0.25
MAX_DOCS_SUMMARIZED, MAX_SENTENCES_PER_DOC = 30, 25  # bounds the pairwise sentence comparison


def _terms(text: str) -> Counter[str]:
    sw = stopwords()
    return Counter(w.lower() for w in TERM.findall(text) if w.lower() not in sw and not w.isdigit())


@lru_cache(maxsize=1)
def _background() -> tuple[int, dict[str, int]]:
    """Document frequencies of German words (training/idf/build_idf.py), so that IDF is sensible
    even when the corpus at hand is five articles."""
    data = json.loads(resources.files("lagebild.corpus").joinpath("data/idf_de.json").read_text("utf-8"))
    return int(data["documents"]), data["df"]


def _date(doc: Document) -> date | None:
    v = doc.published.value
    return date.fromisoformat(v) if v and len(v) == 10 else None


class _Vocabulary:
    """Terms as dense ids with their corpus document frequency, and each document's term counts packed
    in two arrays: a corpus of 100k articles has about a million distinct terms, and dicts of strings per
    document would take gigabytes."""

    def __init__(self, docs: list[Document]) -> None:
        self.ids: dict[str, int] = {}
        self.df = array("i")
        self.tfs: list[tuple[array[int], array[int]]] = []
        for doc in docs:
            tf = _terms(doc.text)
            ids = array("i", (self.ids.setdefault(w, len(self.ids)) for w in tf))
            self.df.extend([0] * (len(self.ids) - len(self.df)))
            for t in ids:
                self.df[t] += 1
            self.tfs.append((ids, array("i", tf.values())))
        bg_docs, bg_df = _background()
        total = bg_docs + len(docs)
        self.idf = array("d", (math.log(total / (bg_df.get(w, 0) + self.df[t])) for w, t in self.ids.items()))

    def vector(self, i: int) -> tuple[dict[int, float], float]:
        """TF-IDF of document i, unit length, over the terms that occur in more than one document (no other
        document can share the rest), and the squared length of the rest (it counts in every norm: left
        out, a small corpus of unrelated long texts looked alike through the few words they share)."""
        ids, counts = self.tfs[i]
        v: dict[int, float] = {}
        rest = 0.0
        for t, c in zip(ids, counts, strict=True):
            x = (1 + math.log(c)) * self.idf[t]
            if self.df[t] > 1:
                v[t] = x
            else:
                rest += x * x
        rest *= UNSHARED_WEIGHT
        norm = math.sqrt(sum(x * x for x in v.values()) + rest) or 1.0
        return {t: x / norm for t, x in v.items()}, rest / norm / norm


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    # the sum of the member vectors as term ids and weights, heaviest first (the centroid is total / norm)
    terms: array[int] = field(default_factory=lambda: array("i"))
    weights: array[float] = field(default_factory=lambda: array("d"))
    norm: float = 1.0
    rest: float = 0.0  # the squared weight of the members' terms no other document has

    def add(self, i: int, vec: dict[int, float], rest: float, when: date | None) -> None:
        self.members.append(i)
        total = dict(zip(self.terms, self.weights, strict=True))
        for t, x in vec.items():
            total[t] = total.get(t, 0.0) + x
        order = sorted(total, key=total.__getitem__, reverse=True)
        self.terms, self.weights = array("i", order), array("d", (total[t] for t in order))
        self.rest += rest
        self.norm = math.sqrt(sum(x * x for x in self.weights) + self.rest) or 1.0
        if when:
            self.dates.append(when)

    def similarity(self, vec: dict[int, float]) -> float:
        """Cosine to the centroid without the single shared term that contributes most: two stories
        about one town or one leader share that name, one story shares many words."""
        parts = [x * vec[t] for t, x in zip(self.terms, self.weights, strict=True) if t in vec]
        return (sum(parts) - max(parts, default=0.0)) / self.norm


def cluster(docs: list[Document]) -> list[list[int]]:
    """Indices of the documents of each story, in order of their first document."""
    vocabulary = _Vocabulary(docs)
    stories: list[_Story] = []
    index: dict[int, array[int]] = {}  # term -> stories that had it among their top terms
    for i, doc in enumerate(docs):
        vec, rest = vocabulary.vector(i)
        when = _date(doc)
        top = sorted(vec, key=vec.__getitem__, reverse=True)[:TOP_TERMS]
        shared: dict[int, float] = {}  # story -> weight of the document's top terms it shares
        for t in top:
            stories_with = index.get(t, ())
            if len(stories_with) <= COMMON_TERM_STORIES:
                for s in stories_with:
                    shared[s] = shared.get(s, 0.0) + vec[t]
        best, best_sim = None, JOIN_COSINE
        for s in sorted(sorted(shared, key=shared.__getitem__, reverse=True)[:CANDIDATE_STORIES]):
            story = stories[s]
            if when and story.dates and min(abs((when - d).days) for d in story.dates) > MAX_DAYS_APART:
                continue
            sim = story.similarity(vec)
            if sim >= best_sim:
                best, best_sim = s, sim
        if best is None:
            best = len(stories)
            stories.append(_Story())
        story = stories[best]
        indexed = set(story.terms[:TOP_TERMS])
        story.add(i, vec, rest, when)
        for t in story.terms[:TOP_TERMS]:
            if t not in indexed:
                index.setdefault(t, array("i")).append(best)
    return [s.members for s in stories]


@dataclass(frozen=True)
class _Sentence:
    doc: str
    start: int
    end: int
    text: str
    words: frozenset[str]


def _sentences(doc: Document) -> list[_Sentence]:
    out = []
    for seg in doc.segments:
        if seg.kind in ("lead", "body") and seg.start is not None and seg.end is not None:
            for a, b in sentence_spans(doc.text, seg.start, seg.end):
                words = frozenset(content_words(doc.text[a:b]))
                if len(words) >= 5:
                    out.append(_Sentence(doc.id, a, b, doc.text[a:b], words))
    return out


def _support(s: _Sentence, by_doc: dict[str, list[_Sentence]]) -> dict[str, _Sentence]:
    """For each other document, its sentence that reports what `s` says (if any)."""
    out = {}
    for doc, sents in by_doc.items():
        if doc == s.doc:
            continue
        match = max(sents, key=lambda x: jaccard(set(x.words), set(s.words)), default=None)
        if match is not None and jaccard(set(match.words), set(s.words)) >= SOURCE_JACCARD:
            out[doc] = match
    return out


def summarize(docs: list[Document], copies: set[str], fact_spans: dict[str, list[tuple[int, int]]]
              ) -> list[Excerpt]:
    """3-5 sentences by MMR: what most sources report, not redundant, preferring facts and originals."""
    by_doc = {d.id: _sentences(d)[:MAX_SENTENCES_PER_DOC] for d in docs[:MAX_DOCS_SUMMARIZED]}
    sents = [s for ss in by_doc.values() for s in ss]
    if not sents:
        return []
    weight = Counter(w for s in sents for w in s.words)
    support = {s: _support(s, by_doc) for s in sents}

    def centrality(s: _Sentence) -> float:
        score = sum(weight[w] for w in s.words) / (len(s.words) * max(len(docs), 1))
        score *= 1 + len({d for d in support[s] if d not in copies})  # reported by several sources
        if any(a < s.end and s.start < b for a, b in fact_spans.get(s.doc, [])):
            score *= 1.2  # a sentence with a date or a number tells the reader more
        if s.doc in copies:
            score *= 0.9  # the original over its copy
        return score

    scored = {s: centrality(s) for s in sents}
    top = max(scored.values()) or 1.0
    chosen: list[_Sentence] = []
    while len(chosen) < SUMMARY_MAX:
        best, best_val = None, -1.0
        for s, c in scored.items():
            if s in chosen:
                continue
            redundancy = max((jaccard(set(s.words), set(x.words)) for x in chosen), default=0.0)
            val = MMR_LAMBDA * c / top - (1 - MMR_LAMBDA) * redundancy
            if val > best_val:
                best, best_val = s, val
        if best is None or (len(chosen) >= SUMMARY_MIN and best_val <= 0.3):
            break
        chosen.append(best)
    text_of = {d.id: d.text for d in docs}
    out = []
    for s in chosen:
        sources = [Span(s.doc, s.start, s.end)] + [Span(d, m.start, m.end) for d, m in support[s].items()]
        out.append(Excerpt(text_of[s.doc], s.start, s.end, sources))
    return out


def build_stories(dossier: Dossier) -> list[dict[str, Any]]:
    docs = dossier.documents
    copies = {r.spans[1].doc for r in dossier.reuse}  # the later document of each shared passage
    fact_spans: dict[str, list[tuple[int, int]]] = {}
    for item in dossier.times + dossier.quantities:
        fact_spans.setdefault(item["doc"], []).append((item["start"], item["end"]))
    stories = []
    for n, members in enumerate(cluster(docs), 1):
        group = [docs[i] for i in members]
        dates = Counter(d.published.value for d in group if d.published.value and len(d.published.value) == 10)
        summary = summarize(group, copies, fact_spans)
        # the title of the original the summary cites most
        cited = Counter(src["doc"] for sent in summary for src in sent["sources"] if src["doc"] not in copies)
        title_doc = next((d for d in group if cited and d.id == cited.most_common(1)[0][0]), group[0])
        stories.append({
            "id": f"s{n}", "documents": [d.id for d in group], "title": title_doc.title,
            "date": dates.most_common(1)[0][0] if dates else None, "summary": summary,
        })
    return stories
