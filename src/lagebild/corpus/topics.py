"""A claim's topic as words of the text: the longest run of words that the sources' clauses around
their figures share ("ballistische Raketen mit einer Reichweite"), not a bag of keywords."""

from __future__ import annotations

import re

from ..clean.features import stopwords
from ..nlp.numbers import NUMBER_WORDS

WORD = re.compile(r"[\wÄÖÜäöüß][\wÄÖÜäöüß-]*")
MAX_WORDS = 7  # a topic longer than this is a sentence, not a noun phrase
GAP = "\x00"  # stands for the figure itself: no topic runs across it
NEAR = 3  # a topic ends or starts at most this many words from the figure (what it counts or dates)


def window(text: str, start: int, end: int, clause: tuple[int, int]) -> list[str]:
    """The words of the clause around a figure, its number replaced by a gap (its unit kept:
    "zwölf Menschen" -> [GAP, "Menschen"])."""
    out: list[str] = []
    a, b = clause
    for m in WORD.finditer(text, a, b):
        w = m.group(0)
        inside = start <= m.start() < end
        if inside and (w[0].isdigit() or w.lower() in NUMBER_WORDS or not w[0].isupper()):
            if not out or out[-1] != GAP:
                out.append(GAP)
            continue
        out.append(w)
    return out


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    sw = stopwords()
    lo, hi = 0, len(words)
    while lo < hi and (words[lo].lower() in sw or words[lo][0].isdigit()):
        lo += 1
    while hi > lo and (words[hi - 1].lower() in sw or words[hi - 1][0].isdigit()):
        hi -= 1
    return words[lo:hi]


def shared_phrase(windows: list[tuple[str, list[str]]], skip: frozenset[str] = frozenset()) -> str | None:
    """The phrase next to the figures the sources share (see _shared), else one anywhere in their
    clauses; never one made only of `skip` words (the unit the label already names)."""
    return _shared(windows, skip, NEAR) or _shared(windows, skip, None)


def _shared(windows: list[tuple[str, list[str]]], skip: frozenset[str], near: int | None) -> str | None:
    """The longest word run (up to MAX_WORDS, ending in a noun, not starting with a function word, next
    to the figure) that the clauses of the most documents share; `windows` are (document, words) pairs."""
    best: tuple[int, int, str] | None = None  # (documents, length, phrase)
    for n in range(MAX_WORDS, 0, -1):
        docs_of: dict[tuple[str, ...], set[str]] = {}
        first: dict[tuple[str, ...], tuple[str, ...]] = {}
        for doc, words in windows:
            gaps = [i for i, w in enumerate(words) if w == GAP]
            for i in range(len(words) - n + 1):
                gram = tuple(words[i : i + n])
                if GAP in gram or (near is not None and not any(i - near <= g <= i + n - 1 + near for g in gaps)):
                    continue
                trimmed = _trim(gram)
                if not trimmed or not trimmed[-1][0].isupper() or all(w.lower() in skip for w in trimmed):
                    continue  # a German noun phrase ends in its noun
                key = tuple(w.lower() for w in trimmed)
                docs_of.setdefault(key, set()).add(doc)
                first.setdefault(key, trimmed)
        for key, docs in sorted(docs_of.items()):
            if len(docs) >= 2:
                cand = (len(docs), len(key), " ".join(first[key]))
                if best is None or cand[:2] > best[:2]:
                    best = cand
    return best[2] if best else None
