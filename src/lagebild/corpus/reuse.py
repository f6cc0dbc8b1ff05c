"""Passages shared between documents: verbatim copies, lightly edited copies, and two translations
of one original.

1. Candidates: every paragraph gets a MinHash of its 3-word shingles (datasketch), and a
   MinHashLSH index returns earlier paragraphs with a similar shingle set. Paragraph-level (not
   document-level) hashing finds a few shared paragraphs inside otherwise different articles; the
   index grows with the corpus, the rest of the work is per pair.
2. Alignment: inside a candidate pair of paragraphs, sentences are paired by the overlap of their
   words outside quotation marks (two outlets quoting the same speaker have not copied each other).
3. Runs of aligned sentences become passages, labelled by how much of the wording survived.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..model import Document, Reuse, Span
from ..nlp.sentences import sentence_spans

NUM_PERM = 32
SHINGLE = 3
# Paragraph pairs whose estimated 3-shingle Jaccard is above this are aligned. Two machine
# translations of one English paragraph share 0.25-0.6 of their shingles; rewritten reports of one
# event share < 0.05 (measured on the seed corpus and 10kGNAD near-copies). Low, because step 2 decides.
LSH_THRESHOLD = 0.2
# Sentence pairs whose word-set Dice (words outside quotes) reaches this are the same sentence.
# Independent reports of one event stay below 0.4; different translations of one sentence reach 0.5-0.8.
SENTENCE_DICE = 0.5
MIN_SENTENCE_WORDS = 6
# Ratio of the token sequences (difflib): verbatim means the same words in the same order; lightly
# edited copies (a word added, a number changed) stay above 0.8, rewrites and translations below.
VERBATIM_RATIO = 1.0
NEAR_VERBATIM_RATIO = 0.8
# A document is aligned with at most this many partners per paragraph (keeps mass syndication linear).
MAX_PARTNERS = 10

WORD = re.compile(r"\w+")
QUOTED = re.compile(r"[„“\"»«‚‘][^„“\"»«‚‘]{0,400}[“”\"«»‘’]")


@dataclass(frozen=True)
class _Para:
    doc: int
    start: int
    end: int


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
    out = []
    for s, e in sentence_spans(text, a, b):
        own = set(_words(QUOTED.sub(" ", text[s:e])))
        if len(own) >= MIN_SENTENCE_WORDS:
            out.append((s, e, own))
    return out


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _align(ta: str, pa: _Para, tb: str, pb: _Para) -> list[tuple[tuple[int, int], tuple[int, int], float]]:
    """Runs of aligned sentences: ((start_a, end_a), (start_b, end_b), mean Dice)."""
    sa, sb = _sentence_words(ta, pa.start, pa.end), _sentence_words(tb, pb.start, pb.end)
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
        out.append(((a0, a1), (b0, b1), sum(r[2] for r in run) / len(run)))
    return out


def _kind(text_a: str, text_b: str, translated: bool) -> tuple[str, float]:
    ratio = difflib.SequenceMatcher(None, _words(text_a), _words(text_b), autojunk=False).ratio()
    if ratio >= VERBATIM_RATIO:
        return "verbatim", ratio
    if ratio >= NEAR_VERBATIM_RATIO:
        return "near-verbatim", ratio
    return ("same-source translation" if translated else "paraphrase"), ratio


def find_reuse(documents: list[Document], min_chars: int = 60) -> list[Reuse]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    # permutations are drawn once: creating them per MinHash would cost more than the hashing
    template = MinHash(num_perm=NUM_PERM, seed=1)
    paras: list[_Para] = []
    candidates: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for d, doc in enumerate(documents):
        keys = []
        for start, end in _paragraphs(doc, min_chars):
            words = _words(doc.text[start:end])
            if len(words) < MIN_SENTENCE_WORDS:
                continue
            mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme)
            mh.update_batch(list(_shingles(words)))
            idx = len(paras)
            paras.append(_Para(d, start, end))
            hits = [k for k in lsh.query(mh) if paras[k].doc != d]
            for k in sorted(hits)[:MAX_PARTNERS]:
                candidates[(paras[k].doc, d)].add((k, idx))
            keys.append((idx, mh))
        for idx, mh in keys:  # insert after querying, so a document is not its own candidate
            lsh.insert(idx, mh)
    found: list[Reuse] = []
    for (da, db), pairs in sorted(candidates.items()):
        a, b = documents[da], documents[db]
        translated = a.translation is not None or b.translation is not None
        seen: set[tuple[int, int, int, int]] = set()
        for ka, kb in sorted(pairs):
            for (a0, a1), (b0, b1), _ in _align(a.text, paras[ka], b.text, paras[kb]):
                if (a0, a1, b0, b1) in seen:
                    continue
                seen.add((a0, a1, b0, b1))
                kind, sim = _kind(a.text[a0:a1], b.text[b0:b1], translated)
                found.append(Reuse(kind, sim, (Span(a.id, a0, a1), Span(b.id, b0, b1))))
    return _merge_adjacent(found, documents)


def _merge_adjacent(items: list[Reuse], documents: list[Document]) -> list[Reuse]:
    """Passages of one document pair that follow each other in both texts become one passage,
    labelled again on the whole of it."""
    docs = {d.id: d for d in documents}
    items = sorted(items, key=lambda r: (r.spans[0].doc, r.spans[1].doc, r.spans[0].start))
    runs: list[list[Reuse]] = []
    for r in items:
        prev = runs[-1][-1] if runs else None
        if (prev and prev.spans[0].doc == r.spans[0].doc and prev.spans[1].doc == r.spans[1].doc
                and _gap(docs[r.spans[0].doc].text, prev.spans[0].end, r.spans[0].start)
                and _gap(docs[r.spans[1].doc].text, prev.spans[1].end, r.spans[1].start)):
            runs[-1].append(r)
        else:
            runs.append([r])
    out = []
    for run in runs:
        if len(run) == 1:
            out.append(run[0])
            continue
        a = Span(run[0].spans[0].doc, run[0].spans[0].start, run[-1].spans[0].end)
        b = Span(run[0].spans[1].doc, run[0].spans[1].start, run[-1].spans[1].end)
        da, db = docs[a.doc], docs[b.doc]
        kind, sim = _kind(da.text[a.start : a.end], db.text[b.start : b.end],
                          da.translation is not None or db.translation is not None)
        out.append(Reuse(kind, sim, (a, b)))
    return out


def _gap(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= 3 and not text[end:start].strip()
