"""Sentence spans in German and English news text (rule-based: fast, no model, offsets exact)."""

from __future__ import annotations

import re
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence (generic German/English).
ABBREVIATIONS = frozenset(
    "z.b bzw ca dr prof nr st str vgl usw etc evtl ggf inkl jh jhd mio mrd tsd abs art bzw co dt engl "
    "frz gen hl ital jr sen lt max min mr mrs ms no vs u.a o.ä d.h u.s s.o sog sogen zit zb bspw".split()
)
BOUNDARY = re.compile(r"[.!?…]+[\"“”»«'’)]*(?=\s+[\"„“»«'‘(]*[A-ZÄÖÜ0-9])|\n\s*\n")
NOT_AN_END = re.compile(r"\d{1,2}|[a-zäöü]")  # "19. Juni", initials


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences in text[start:end], trimmed of surrounding white space."""
    return list(_sentence_spans(text, start, len(text) if end is None else end))


# The document stage splits each text three times (names, quotation models, quotation rules): the last
# few texts' spans are kept.
@lru_cache(maxsize=8)
def _sentence_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in BOUNDARY.finditer(text, start, end):
        cut = m.end() if m.group(0).strip() else m.start()
        if m.group(0).startswith("."):
            prev = _word_before(text, pos, m.start()).lower().rstrip(".").lstrip("([„\"'")  # "(19. Juni)"
            if prev in ABBREVIATIONS or NOT_AN_END.fullmatch(prev):
                continue  # "z.B.", "19. Juni", initials
        if text[pos:cut].strip():
            spans.append(_trim(text, pos, cut))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return tuple(spans)


def _word_before(text: str, start: int, at: int) -> str:
    i = at
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:at]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
