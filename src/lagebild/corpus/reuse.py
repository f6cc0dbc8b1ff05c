"""Passages shared between documents: verbatim copies, lightly edited copies, and two translations
of one original.

1. Candidates: every paragraph gets a MinHash of its 3-word shingles (datasketch), and an LSH
   index (`lsh.py`) returns earlier paragraphs with a similar shingle set. Paragraph-level (not
   document-level) hashing finds a few shared paragraphs inside otherwise different articles; the
   index grows with the corpus, the rest of the work is per pair.
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

import numpy as np
from datasketch import MinHash

from ..clean.features import stopwords
from ..model import Document, Reuse, Span
from ..nlp.sentences import sentence_spans
from . import memo
from .lsh import BandIndex, band_keys

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


def find_reuse(documents: list[Document], min_chars: int = 60) -> list[Reuse]:
    """Stream over the documents: each is compared with the earlier ones its paragraphs resemble."""
    index = BandIndex()
    # permutations are drawn once: creating them per MinHash would cost more than the hashing
    template = MinHash(num_perm=32, seed=1, hashfunc=zlib.crc32)  # crc32: deterministic and fast
    permutations = template.permutations[:, :BANDS]
    paras = _Paragraphs()
    found: list[Reuse] = []
    for d, doc in enumerate(documents):
        pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)  # earlier doc -> (its para, this para)
        new: list[tuple[int, np.ndarray]] = []
        for start, end, keys in _remembered_keys(doc, min_chars, template, permutations):
            idx = len(paras)
            paras.append(_Para(d, start, end))
            hits = sorted(k for k in index.query(keys) if paras.doc[k] != d)
            for k in hits[:MAX_PARTNERS]:
                pairs[paras.doc[k]].append((k, idx))
            # a paragraph that already has its representatives in the index is not added again, so
            # that the index and the number of comparisons grow with distinct text, not with copies
            if len(hits) < MAX_PARTNERS:
                new.append((idx, keys))
        for idx, keys in new:  # insert after querying, so a document is not its own candidate
            index.insert(idx, keys)
        sentences: dict[_Para, list[tuple[int, int, set[str]]]] = {}  # per document: memory stays flat
        for other in sorted(pairs):
            found += _remembered_pair(documents[other], doc, paras, pairs[other], sentences, min_chars)
    return found


def _paragraph_keys(doc: Document, min_chars: int, template: MinHash,
                    permutations: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    """The document's paragraphs long enough to compare, each with its LSH band keys."""
    out = []
    for start, end in _paragraphs(doc, min_chars):
        words = _words(doc.text[start:end])
        if len(words) < MIN_SENTENCE_WORDS:
            continue
        mh = MinHash(num_perm=BANDS, seed=1, permutations=permutations, scheme=template.scheme, hashfunc=zlib.crc32)
        mh.update_batch(list(_shingles(words)))
        out.append((start, end, band_keys(mh.hashvalues)))
    return out


def _remembered_keys(doc: Document, min_chars: int, template: MinHash,
                     permutations: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    """`_paragraph_keys`, hashed once per stored document (the MinHash is most of this stage's work)."""
    return memo.recall("paragraphs", [doc.id, min_chars],
                       lambda: _paragraph_keys(doc, min_chars, template, permutations),
                       lambda paras: [[a, b, keys.tolist()] for a, b, keys in paras],
                       lambda rows: [(a, b, np.array(keys, dtype=np.uint64)) for a, b, keys in rows])


def _remembered_pair(a: Document, b: Document, paras: _Paragraphs, pairs: list[tuple[int, int]],
                     cache: dict[_Para, list[tuple[int, int, set[str]]]], min_chars: int) -> list[Reuse]:
    """`_align_pair`, aligned once per stored document pair and its candidate paragraphs."""
    inputs = [a.id, b.id, min_chars, [[paras.start[ka], paras.end[ka], paras.start[kb], paras.end[kb]]
                                      for ka, kb in sorted(pairs)]]
    return memo.recall("passages", inputs, lambda: _align_pair(a, b, paras, pairs, cache, min_chars),
                       lambda found: [[r.kind, r.similarity, [[x.doc, x.start, x.end] for x in r.spans]]
                                      for r in found],
                       lambda rows: [Reuse(kind, sim, (Span(*x), Span(*y))) for kind, sim, (x, y) in rows])


def _align_pair(a: Document, b: Document, paras: _Paragraphs, pairs: list[tuple[int, int]],
                cache: dict[_Para, list[tuple[int, int, set[str]]]], min_chars: int) -> list[Reuse]:
    """Aligned passages of one document pair, adjacent ones merged, each labelled once."""
    runs: dict[tuple[int, int, int, int], int] = {}  # span pair -> number of aligned sentences
    for ka, kb in sorted(pairs):
        for (a0, a1), (b0, b1), n in _align(a.text, paras[ka], b.text, paras[kb], cache):
            runs[(a0, a1, b0, b1)] = n
    merged: list[list[int]] = []
    for (a0, a1, b0, b1), n in sorted(runs.items()):
        if merged and _gap(a.text, merged[-1][1], a0) and _gap(b.text, merged[-1][3], b0):
            merged[-1][1], merged[-1][3] = a1, b1
            merged[-1][4] += n
        else:
            merged.append([a0, a1, b0, b1, n])
    translated = a.translation is not None or b.translation is not None
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
