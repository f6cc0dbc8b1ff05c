"""Spelling keys of names: two spellings of one name get one key (case, hyphens, umlauts and the
usual German/English transliterations: Tschechow / Chekhov, Juri / Yuri)."""

from __future__ import annotations

import re

TRANSLITERATION = [("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"), ("ü", "u"), ("ö", "o"), ("ä", "a"),
                   ("ß", "ss"), ("j", "y"), ("w", "v"), ("ie", "i"), ("ou", "u")]


def token_key(token: str) -> str:
    t = token.casefold()
    for a, b in TRANSLITERATION:
        t = t.replace(a, b)
    return t


def name_key(name: str) -> tuple[str, ...]:
    return tuple(token_key(t) for t in re.split(r"[\s-]+", name.strip()) if t)
