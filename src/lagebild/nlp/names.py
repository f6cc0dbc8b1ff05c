"""Spelling keys of names: two spellings of one name get one key (case, hyphens, umlauts and the
usual German/English transliterations: Tschechow / Chekhov, Juri / Yuri)."""

from __future__ import annotations

import re

from .word_cache import word_cache

TRANSLITERATION = [("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"), ("ü", "u"), ("ö", "o"), ("ä", "a"),
                   ("ß", "ss"), ("j", "y"), ("w", "v"), ("ie", "i"), ("ou", "u")]


@word_cache(65536)  # names repeat; resolution asks for the same keys again and again
def token_key(token: str) -> str:
    t = token.casefold()
    for a, b in TRANSLITERATION:
        t = t.replace(a, b)
    return t


NAME_PARTS = re.compile(r"[\s-]+")


@word_cache(65536)
def name_key(name: str) -> tuple[str, ...]:
    return tuple(token_key(t) for t in NAME_PARTS.split(name.strip()) if t)
