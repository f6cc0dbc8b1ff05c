"""Long texts read in pieces cut at a paragraph, line or sentence end, with the offsets of what is found
mapped back to the whole text. Some rules look back over the text before each match, which is nothing
on an article (the longest of the 1,028 10kGNAD articles has 32,600 characters, the longest seed 8,837:
none is cut) but quadratic on a megabyte of marks or names without a paragraph break
(bench/bench_pathological.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

PIECE_CHARS = 50_000


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` in order; the whole text when it is not too long."""
    if len(text) <= PIECE_CHARS:
        return [(0, text)]
    out = []
    a = 0
    while a < len(text):
        b = min(len(text), a + PIECE_CHARS)
        if b < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, a + PIECE_CHARS // 2, b)
                if cut >= 0:
                    b = cut + len(sep)
                    break
        out.append((a, text[a:b]))
        a = b
    return out


def in_pieces(text: str, find: Callable[[str], list[Any]]) -> list[Any]:
    """`find(text)` for each piece of a long text, its items' `start`/`end` moved to the whole text."""
    return [x for off, piece in pieces(text) for x in shifted(find(piece), off)]


def shifted(items: list[Any], offset: int) -> list[Any]:
    return [replace(x, start=x.start + offset, end=x.end + offset) for x in items] if offset else items
