"""Passages shared between documents: verbatim copies, lightly edited copies, and two translations
of one original.

1. Candidates: every paragraph gets a MinHash of its 3-word shingles (datasketch); paragraphs that
   share a bucket of an LSH band (`lsh.py`) have similar shingle sets. Each band is bucketed on its
   own (a partition), and the bands' buckets are pooled into each paragraph's earliest partners.
   Paragraph-level (not document-level) hashing finds a few shared paragraphs inside otherwise
   different articles; the rest of the work is per pair.
2. Alignment: inside a candidate pair of paragraphs, sentences are paired by the overlap of their
   words outside quotation marks (two outlets quoting the same speaker have not copied each other).
3. Runs of aligned sentences become passages, labelled by how much of the wording survived.
"""

from __future__ import annotations

import difflib
import re
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

import numpy as np
from datasketch import MinHash

from ..clean.features import stopwords
from ..engines import Engine, current, in_partitions
from ..model import Document, Reuse, Span
from ..nlp.sentences import sentence_spans
from . import memo
from .lsh import band_keys

SHINGLE = 3
# Paragraphs that share one of BANDS MinHash values (bands of one row) are aligned: a pair with 3-shingle
# Jaccard J becomes a candidate with probability 1 - (1 - J)^9, 0.77 at J = 0.15. Two machine
# translations of one English paragraph share 0.25-0.6 of their shingles; rewritten reports of one
# event share < 0.05 (measured on the seed corpus and 10kGNAD near-copies). Low, because step 2 decides.
# (9 bands of 1 row is the layout datasketch's MinHashLSH chooses for threshold 0.15 with 32 permutations;
# the first 9 of those 32 permutations are kept, so candidates are the same as with it.)
BANDS = 9
# Sentence pairs whose content-word Dice (outside quotes) reaches this are the same sentence.
# Independent reports of one event stay below 0.4; different translations of one sentence reach 0.5-0.8.
SENTENCE_DICE = 0.5
MIN_SENTENCE_WORDS = 6
# A sentence takes part in alignment with at least this many content words outside quotes: short
# generic sentences ("Das kommt darauf an.") match across unrelated articles (seen in 10kGNAD).
MIN_CONTENT_WORDS = 5
# A reworded passage (not from a translation) counts as reuse from this many aligned sentences on.
MIN_PARAPHRASE_SENTENCES = 2
# Ratio of the token sequences (difflib): verbatim means the same words in the same order; lightly
# edited copies (a word added, a number changed) stay above 0.8, rewrites and translations below.
VERBATIM_RATIO = 1.0
NEAR_VERBATIM_RATIO = 0.8
# A paragraph is aligned with at most this many earlier paragraphs (the earliest: the likely sources),
# which keeps mass syndication linear: the 100th copy of an agency text is linked to the first three.
MAX_PARTNERS = 3

# Documents hashed, and candidate document pairs aligned, per partition: about a second of work each
# (reuse is ~2.5 CPU ms per article in all, bench/bench_engines.py), long against starting a Ray task or
# handing work to a process; a corpus below one partition is worked in one. Not tuned further.
DOCS_PER_PART = 1000
PAIRS_PER_PART = 1000

WORD = re.compile(r"\w+")
QUOTED = re.compile(r"[„“\"»«‚‘][^„“\"»«‚‘]{0,400}[“”\"«»‘’]")


@dataclass(frozen=True)
class _Para:
    doc: int
    start: int
    end: int


class _Paragraphs:
    """The indexed paragraphs as three int arrays (a million paragraphs at 100k articles)."""

    def __init__(self) -> None:
        self.doc, self.start, self.end = array("i"), array("i"), array("i")

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, k: int) -> _Para:
        return _Para(self.doc[k], self.start[k], self.end[k])

    def append(self, para: _Para) -> None:
        self.doc.append(para.doc)
        self.start.append(para.start)
        self.end.append(para.end)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _shingles(words: list[str]) -> set[bytes]:
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(len(words) - SHINGLE + 1, 1))}


def _paragraphs(doc: Document, min_chars: int) -> list[tuple[int, int]]:
    return [
        (s.start, s.end) for s in doc.segments
        if s.kind in ("body", "lead") and s.start is not None and s.end is not None and s.end - s.start >= min_chars
    ]


def _sentence_words(text: str, a: int, b: int) -> list[tuple[int, int, set[str]]]:
    """Sentences with their content words outside quotation marks (function words are shared by
    any two sentences of a language and say nothing about copying)."""
    sw = stopwords()
    out = []
    for s, e in sentence_spans(text, a, b):
        own = {w for w in _words(QUOTED.sub(" ", text[s:e])) if w not in sw}
        if len(own) >= MIN_CONTENT_WORDS:
            out.append((s, e, own))
    return out


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _align(ta: str, pa: _Para, tb: str, pb: _Para,
           cache: dict[_Para, list[tuple[int, int, set[str]]]] | None = None,
           ) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    """Runs of aligned sentences: ((start_a, end_a), (start_b, end_b), number of sentences)."""
    para = ta[pa.start : pa.end]
    if para == tb[pb.start : pb.end] and 2 * len(_words(QUOTED.sub(" ", para))) >= len(_words(para)):
        return [((pa.start, pa.end), (pb.start, pb.end), max(len(sentence_spans(para)), 1))]  # copied, not a quote
    cache = {} if cache is None else cache
    if pa not in cache:
        cache[pa] = _sentence_words(ta, pa.start, pa.end)
    if pb not in cache:
        cache[pb] = _sentence_words(tb, pb.start, pb.end)
    sa, sb = cache[pa], cache[pb]
    pairs = []
    for i, (_, _, wa) in enumerate(sa):
        best, best_j = 0.0, -1
        for j, (_, _, wb) in enumerate(sb):
            d = _dice(wa, wb)
            if d > best:
                best, best_j = d, j
        if best >= SENTENCE_DICE:
            pairs.append((i, best_j, best))
    runs: list[list[tuple[int, int, float]]] = []
    for p in pairs:
        if runs and p[0] == runs[-1][-1][0] + 1 and p[1] > runs[-1][-1][1]:
            runs[-1].append(p)
        else:
            runs.append([p])
    out = []
    for run in runs:
        a0, a1 = sa[run[0][0]][0], sa[run[-1][0]][1]
        b0, b1 = sb[min(r[1] for r in run)][0], sb[max(r[1] for r in run)][1]
        out.append(((a0, a1), (b0, b1), len(run)))
    return out


def _kind(text_a: str, text_b: str, translated: bool) -> tuple[str, float]:
    if text_a == text_b:
        return "verbatim", 1.0
    ratio = difflib.SequenceMatcher(None, _words(text_a), _words(text_b), autojunk=False).ratio()
    if ratio >= VERBATIM_RATIO:
        return "verbatim", ratio
    if ratio >= NEAR_VERBATIM_RATIO:
        return "near-verbatim", ratio
    return ("same-source translation" if translated else "paraphrase"), ratio


def find_reuse(documents: list[Document], min_chars: int = 60, engine: Engine | None = None) -> list[Reuse]:
    """Each document compared with the earlier ones its paragraphs resemble, in three steps that run as
    partitions on the engine of the run (`engines.current()`), each merged here: the paragraphs' band
    keys (by documents), the buckets of each band (by band), the passages of the candidate document
    pairs (by pairs). The bands' candidates are pooled in between (`_candidates`), so the result is the
    one of a single LSH index over all bands that documents are added to in order."""
    engine = engine or current()
    per_doc = _all_keys(documents, min_chars, engine)
    paras = _Paragraphs()
    for d, (spans, _) in enumerate(per_doc):
        for start, end in spans:
            paras.append(_Para(d, start, end))
    if not paras:
        return []
    keys = np.concatenate([k for _, k in per_doc])
    docs = np.frombuffer(paras.doc, dtype=np.int32)
    del per_doc
    buckets = engine.partitions(_band_buckets, [(keys[:, band].copy(), docs) for band in range(BANDS)])
    return _aligned(documents, paras, _candidates(buckets, docs.tolist()), min_chars, engine)


Keys = tuple[list[tuple[int, int]], np.ndarray]  # a document's paragraphs (start, end) and their band keys


def _all_keys(documents: list[Document], min_chars: int, engine: Engine) -> list[Keys]:
    """Every document's paragraphs with their band keys, hashed once per stored document (the MinHash is
    most of the work of finding candidates) and in partitions of documents."""
    def compute(missing: list[int]) -> list[Keys]:
        return in_partitions(engine, _hash_part, missing, DOCS_PER_PART,
                              lambda chunk: [_paragraph_texts(documents[i], min_chars) for i in chunk])

    return memo.recall_many("paragraphs", [[doc.id, min_chars] for doc in documents], compute,
                            lambda found: [[a, b, k.tolist()] for (a, b), k in zip(*found, strict=True)],
                            lambda rows: ([(a, b) for a, b, _ in rows],
                                          np.array([k for _, _, k in rows], dtype=np.uint64).reshape(-1, BANDS)))


def _paragraph_texts(doc: Document, min_chars: int) -> list[tuple[int, int, str]]:
    return [(start, end, doc.text[start:end]) for start, end in _paragraphs(doc, min_chars)]


@lru_cache(maxsize=1)
def _hasher() -> tuple[MinHash, np.ndarray]:
    # permutations are drawn once: creating them per MinHash would cost more than the hashing
    template = MinHash(num_perm=32, seed=1, hashfunc=zlib.crc32)  # crc32: deterministic and fast
    return template, template.permutations[:, :BANDS]


def _hash_part(part: list[list[tuple[int, int, str]]]) -> list[Keys]:
    """A partition of documents: each one's paragraphs long enough to compare, with their band keys."""
    template, permutations = _hasher()
    out = []
    for paragraphs in part:
        spans, keys = [], []
        for start, end, text in paragraphs:
            words = _words(text)
            if len(words) < MIN_SENTENCE_WORDS:
                continue
            mh = MinHash(num_perm=BANDS, seed=1, permutations=permutations, scheme=template.scheme,
                         hashfunc=zlib.crc32)
            mh.update_batch(list(_shingles(words)))
            spans.append((start, end))
            keys.append(band_keys(mh.hashvalues))
        out.append((spans, np.array(keys, dtype=np.uint64).reshape(-1, BANDS)))
    return out


def _band_buckets(part: tuple[np.ndarray, np.ndarray]) -> list[list[int]]:
    """A partition of one band: its buckets with paragraphs of more than one document, each bucket's
    paragraphs in order (the band's candidate pairs: every two of a bucket from different documents)."""
    keys, docs = part
    order = np.argsort(keys, kind="stable")  # stable: a bucket's paragraphs stay in order
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    out = []
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        # paragraphs are numbered in document order, so the first and the last differ if any two do
        if b - a > 1 and docs[order[a]] != docs[order[b - 1]]:
            out.append(order[a:b].tolist())
    return out


def _candidates(bands: list[list[list[int]]], docs: list[int]) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """The bands' buckets pooled: each paragraph, in order, paired with the earliest MAX_PARTNERS
    paragraphs of earlier documents that share a bucket with it in any band and are themselves
    representatives. A paragraph that already has MAX_PARTNERS is not one, so that comparisons grow with
    distinct text, not with copies: the 100th copy of an agency text is linked to the first three.
    Returns the candidate paragraph pairs of each document pair (earlier doc, doc), by doc and earlier doc."""
    buckets_of: dict[int, list[int]] = defaultdict(list)  # paragraph -> its buckets, all bands numbered together
    n = 0
    for band in bands:
        for members in band:
            for p in members:
                buckets_of[p].append(n)
            n += 1
    representatives: list[list[int]] = [[] for _ in range(n)]  # per bucket, in order
    # (earlier doc, doc) -> (its paragraph, this paragraph)
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for d, group in groupby(sorted(buckets_of), key=docs.__getitem__):
        new = []
        for p in group:
            hits = sorted({k for b in buckets_of[p] for k in representatives[b][:MAX_PARTNERS]})
            for k in hits[:MAX_PARTNERS]:
                pairs[(docs[k], d)].append((k, p))
            if len(hits) < MAX_PARTNERS:
                new.append(p)
        for p in new:  # after the whole document: a document is not its own candidate
            for b in buckets_of[p]:
                representatives[b].append(p)
    return sorted(pairs.items(), key=lambda x: (x[0][1], x[0][0]))


class _Text(NamedTuple):
    """What aligning a document needs of it (a partition is sent these, not whole documents)."""
    id: str
    text: str
    translated: bool

    @classmethod
    def of(cls, doc: Document) -> _Text:
        return cls(doc.id, doc.text, doc.translation is not None)


def _aligned(documents: list[Document], paras: _Paragraphs,
             candidates: list[tuple[tuple[int, int], list[tuple[int, int]]]], min_chars: int,
             engine: Engine) -> list[Reuse]:
    """The passages of every candidate document pair, aligned once per stored pair and its candidate
    paragraphs, in partitions of pairs."""
    spans = [sorted(pairs) for _, pairs in candidates]

    def part(chunk: list[int]) -> tuple[dict[int, _Text], list[Job], int]:
        jobs = [(*candidates[i][0], [(paras[ka], paras[kb]) for ka, kb in spans[i]]) for i in chunk]
        return {d: _Text.of(documents[d]) for a, b, _ in jobs for d in (a, b)}, jobs, min_chars

    def compute(missing: list[int]) -> list[list[Reuse]]:
        return in_partitions(engine, _align_part, missing, PAIRS_PER_PART, part)

    inputs = [[documents[a].id, documents[b].id, min_chars,
               [[paras.start[ka], paras.end[ka], paras.start[kb], paras.end[kb]] for ka, kb in pairs]]
              for ((a, b), _), pairs in zip(candidates, spans, strict=True)]
    found = memo.recall_many("passages", inputs, compute,
                             lambda found: [[r.kind, r.similarity, [[x.doc, x.start, x.end] for x in r.spans]]
                                            for r in found],
                             lambda rows: [Reuse(kind, sim, (Span(*x), Span(*y))) for kind, sim, (x, y) in rows])
    return [r for pair in found for r in pair]


Job = tuple[int, int, list[tuple[_Para, _Para]]]  # earlier document, document, their candidate paragraphs


def _align_part(part: tuple[dict[int, _Text], list[Job], int]) -> list[list[Reuse]]:
    """A partition of candidate document pairs: the passages of each."""
    texts, jobs, min_chars = part
    out = []
    sentences: dict[_Para, list[tuple[int, int, set[str]]]] = {}  # per later document: memory stays flat
    for n, (a, b, pairs) in enumerate(jobs):
        if n and b != jobs[n - 1][1]:
            sentences = {}
        out.append(_align_pair(texts[a], texts[b], pairs, sentences, min_chars))
    return out


def _align_pair(a: _Text, b: _Text, pairs: list[tuple[_Para, _Para]],
                cache: dict[_Para, list[tuple[int, int, set[str]]]], min_chars: int) -> list[Reuse]:
    """Aligned passages of one document pair, adjacent ones merged, each labelled once."""
    runs: dict[tuple[int, int, int, int], int] = {}  # span pair -> number of aligned sentences
    for pa, pb in pairs:
        for (a0, a1), (b0, b1), n in _align(a.text, pa, b.text, pb, cache):
            runs[(a0, a1, b0, b1)] = n
    merged: list[list[int]] = []
    for (a0, a1, b0, b1), n in sorted(runs.items()):
        if merged and _gap(a.text, merged[-1][1], a0) and _gap(b.text, merged[-1][3], b0):
            merged[-1][1], merged[-1][3] = a1, b1
            merged[-1][4] += n
        else:
            merged.append([a0, a1, b0, b1, n])
    translated = a.translated or b.translated
    out = []
    for a0, a1, b0, b1, n in merged:
        if min(a1 - a0, b1 - b0) < min_chars:
            continue
        kind, sim = _kind(a.text[a0:a1], b.text[b0:b1], translated)
        if kind == "paraphrase" and n < MIN_PARAPHRASE_SENTENCES:
            continue  # one reworded sentence with the same names is a shared fact, not shared text
        out.append(Reuse(kind, sim, (Span(a.id, a0, a1), Span(b.id, b0, b1))))
    return out


def _gap(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= 3 and not text[end:start].strip()
