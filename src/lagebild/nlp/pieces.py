"""Long texts read in pieces cut at a paragraph, line or sentence end, with the offsets of what is found
mapped back to the whole text. Some rules look back over the text before each match, which is nothing
on an article (the longest of the 1,028 10kGNAD articles has 32,600 characters, the longest seed 8,837:
none is cut) but quadratic on a megabyte of marks or names without a paragraph break
(bench/bench_pathological.py).

Facts are read from the first EXTRACT_MAX_CHARS of a text only: far more than any news article, and the
safety net that keeps a megabyte of hostile input within seconds (the rest of the text is still cleaned,
stored, searched and compared for reuse; the extract stage records the cut as a problem)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

PIECE_CHARS = 50_000
# About four times the longest of the 1,028 10kGNAD articles (32,600 characters); at the ~22 CPU s per MB
# of ordinary news this bounds the extraction of any input at about 3 CPU s (bench_pathological.py)
EXTRACT_MAX_CHARS = 125_000


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` up to extraction_end(text) in order; the whole text when it is not
    too long."""
    if len(text) <= PIECE_CHARS:
        return [(0, text)]
    out = []
    a = 0
    limit = extraction_end(text)
    while a < limit:
        b = _cut(text, a, min(limit, a + PIECE_CHARS))
        out.append((a, text[a:b]))
        a = b
    return out


def extraction_end(text: str) -> int:
    """Where the facts of `text` are read to: its end, or the last separator before EXTRACT_MAX_CHARS."""
    return len(text) if len(text) <= EXTRACT_MAX_CHARS else _cut(text, 0, EXTRACT_MAX_CHARS)


def _cut(text: str, a: int, b: int) -> int:
    """`b`, or where the last paragraph, line, sentence or word before it ends (in its second half)."""
    if b < len(text):
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, a + (b - a) // 2, b)
            if cut >= 0:
                return cut + len(sep)
    return b


def in_pieces(text: str, find: Callable[[str], list[Any]]) -> list[Any]:
    """`find(text)` for each piece of a long text, its items' `start`/`end` moved to the whole text."""
    return [x for off, piece in pieces(text) for x in shifted(find(piece), off)]


def shifted(items: list[Any], offset: int) -> list[Any]:
    return [replace(x, start=x.start + offset, end=x.end + offset) for x in items] if offset else items
