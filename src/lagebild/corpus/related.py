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
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


TOP_NAMES = 8  # candidates share one of their most frequent names (an inverted index, not all pairs)


def related_documents(docs: list[Document]) -> dict[str, list[str]]:
    vectors = {d.id: name_vector(d.text) for d in docs}
    index: dict[str, list[str]] = {}
    for d in docs:
        for name, _ in vectors[d.id].most_common(TOP_NAMES):
            index.setdefault(name, []).append(d.id)
    out: dict[str, list[str]] = {d.id: [] for d in docs}
    for d in docs:
        candidates = {o for name, _ in vectors[d.id].most_common(TOP_NAMES) for o in index[name] if o != d.id}
        out[d.id] = sorted((o for o in candidates if cosine(vectors[d.id], vectors[o]) >= RELATED_COSINE),
                           key=lambda o: int(o[1:]) if o[1:].isdigit() else 0)
    return out


def content_words(text: str) -> set[str]:
    """Words that carry the content of a sentence (no stopwords, no numbers)."""
    sw = stopwords()
    return {w.lower() for w in CONTENT.findall(text) if w.lower() not in sw and not w.isdigit()}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
