"""Which documents are about the same thing, cheaply: cosine of their name vocabularies.

Until story clustering exists, this tells the facts stage which dated articles can anchor an
undated one and which sentences can state the same fact."""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from functools import lru_cache

from ..clean.features import stopwords
from ..model import Document
from . import memo

NAME = re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]{2,}")
CONTENT = re.compile(r"\b[\wäöüß-]{4,}")
# Two articles on one event share most of their names; measured on the seed corpus (0.35-0.6) and on
# 10kGNAD pairs of different events (< 0.15).
RELATED_COSINE = 0.25


def name_vector(text: str) -> Counter[str]:
    sw = stopwords()
    return Counter(w.lower() for w in NAME.findall(text) if w.lower() not in sw)


TOP_NAMES = 8  # candidates share one of their most frequent names (an inverted index, not all pairs)
# A name among the top names of more documents than this is too common to find related articles by
# ("Regierung" in a big corpus); a fixed cap keeps the work per document bounded, the search linear.
COMMON_NAME_DOCS = 50


class _NameVectors:
    """Every document's name counts as name ids and counts in two small arrays: dicts of strings for
    100k articles held about half a gigabyte at once."""

    def __init__(self, docs: list[Document]) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[tuple[array[int], array[int]]] = []
        self.norms = array("d")
        for d in docs:
            counts = name_vector(d.text)
            self.names.append((array("i", (self.ids.setdefault(w, len(self.ids)) for w in counts)),
                               array("i", counts.values())))
            self.norms.append(math.sqrt(sum(c * c for c in counts.values())))

    def top(self, i: int) -> list[int]:
        """The ids of the document's most frequent names; ties in order of first occurrence."""
        ids, counts = self.names[i]
        order = sorted(range(len(ids)), key=counts.__getitem__, reverse=True)[:TOP_NAMES]
        return [ids[k] for k in order]

    def dot(self, counts_of: dict[int, int], j: int) -> int:
        ids, counts = self.names[j]
        return sum(c * counts_of.get(t, 0) for t, c in zip(ids, counts, strict=True))


def related_documents(docs: list[Document]) -> dict[str, list[str]]:
    vectors = _NameVectors(docs)
    top = [vectors.top(i) for i in range(len(docs))]
    index: dict[int, array[int]] = {}
    for i, names in enumerate(top):
        for name in names:
            index.setdefault(name, array("i")).append(i)
    out: dict[str, list[str]] = {}
    position = {d.id: i for i, d in enumerate(docs)}
    for i, d in enumerate(docs):
        candidates = sorted({o for name in top[i] if len(index[name]) <= COMMON_NAME_DOCS for o in index[name]
                             if o != i})

        # each pair is compared once per store (a document's names are its own): a document that gets new
        # candidates is compared with those only
        known: dict[str, bool] = memo.recall("related", [d.id], dict, dict, dict)
        new = [o for o in candidates if docs[o].id not in known]
        if new:
            counts_of = dict(zip(*vectors.names[i], strict=True))
            n = vectors.norms[i]
            for o in new:
                known[docs[o].id] = vectors.dot(counts_of, o) >= RELATED_COSINE * n * vectors.norms[o] > 0
            memo.keep("related", [d.id], known)
        found = [docs[o].id for o in candidates if known[docs[o].id]]
        out[d.id] = sorted(found, key=lambda o: (_number(o), position[o]))
    return out


def _number(doc_id: str) -> int:
    return int(doc_id[1:]) if doc_id[1:].isdigit() else 0


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The stoplist without its nouns and names: the German one is a list of frequent Wikipedia words and holds
    "münchen", "präsident", "regierung", "vertrag" and "krieg", which carry a news sentence's content. A word
    that the unlabeled text writes with a capital more often than in lower case is a noun or a name."""
    from ..clean.features import ENGLISH_STOPWORDS
    from ..extract.name_tagger import bundled

    lexicon = bundled().features.lexicon
    out = set(ENGLISH_STOPWORDS)
    for word in stopwords() - ENGLISH_STOPWORDS:
        lower, capital = lexicon.lookup(word), lexicon.lookup(word[:1].upper() + word[1:])
        # (a function word is capitalised where it opens a sentence: "Außerdem" a third as often as "außerdem")
        if (capital[1] if capital else 0) < NOUN_CAPITAL_RATIO * (lower[1] if lower else 0):
            out.add(word)
    return frozenset(out)


NOUN_CAPITAL_RATIO = 3.0


def content_words(text: str) -> set[str]:
    """Words that carry the content of a sentence (no function words, no numbers)."""
    sw = function_words()
    return {w.lower() for w in CONTENT.findall(text) if w.lower() not in sw and not w.isdigit()}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
