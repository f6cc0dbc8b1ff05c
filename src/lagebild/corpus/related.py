"""Which documents are about the same thing, cheaply: cosine of their name vocabularies.

Until story clustering exists, this tells the facts stage which dated articles can anchor an
undated one and which sentences can state the same fact."""

from __future__ import annotations

import math
import re
from collections import Counter

from ..clean.features import stopwords
from ..model import Document

NAME = re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]{2,}")
CONTENT = re.compile(r"\b[\wäöüß-]{4,}")
# Two articles on one event share most of their names; measured on the seed corpus (0.35-0.6) and on
# 10kGNAD pairs of different events (< 0.15).
RELATED_COSINE = 0.25


def name_vector(text: str) -> Counter[str]:
    sw = stopwords()
    return Counter(w.lower() for w in NAME.findall(text) if w.lower() not in sw)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    return _dot(a, b) / (_norm(a) * _norm(b))


def _dot(a: Counter[str], b: Counter[str]) -> float:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * big.get(k, 0) for k, v in small.items())


def _norm(a: Counter[str]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


TOP_NAMES = 8  # candidates share one of their most frequent names (an inverted index, not all pairs)
# A name among the top names of more documents than this is too common to find related articles by
# ("Regierung" in a big corpus); a fixed cap keeps the work per document bounded, the search linear.
COMMON_NAME_DOCS = 50


def related_documents(docs: list[Document]) -> dict[str, list[str]]:
    vectors = {d.id: name_vector(d.text) for d in docs}
    norms = {k: _norm(v) for k, v in vectors.items()}
    top = {d.id: [name for name, _ in vectors[d.id].most_common(TOP_NAMES)] for d in docs}
    index: dict[str, list[str]] = {}
    for d in docs:
        for name in top[d.id]:
            index.setdefault(name, []).append(d.id)
    out: dict[str, list[str]] = {d.id: [] for d in docs}
    for d in docs:
        candidates = {o for name in top[d.id] if len(index[name]) <= COMMON_NAME_DOCS for o in index[name]
                      if o != d.id}
        v, n = vectors[d.id], norms[d.id]
        out[d.id] = sorted((o for o in candidates if _dot(v, vectors[o]) >= RELATED_COSINE * n * norms[o] > 0),
                           key=lambda o: int(o[1:]) if o[1:].isdigit() else 0)
    return out


def content_words(text: str) -> set[str]:
    """Words that carry the content of a sentence (no stopwords, no numbers)."""
    sw = stopwords()
    return {w.lower() for w in CONTENT.findall(text) if w.lower() not in sw and not w.isdigit()}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
