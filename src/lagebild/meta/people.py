"""Names in bylines, author boxes and contributor lines."""

from __future__ import annotations

import re

NAME_TOKEN = r"[A-ZÄÖÜ][\w'’\-]*\.?"
NAME = re.compile(rf"{NAME_TOKEN}(?:\s?{NAME_TOKEN}){{0,4}}")
# words that start with a capital in German but are not names in these lines
NOT_NAMES = frozenset("Von By Text Autor Autorin Mitarbeit Foto Fotos Redaktion Und Der Die Das Zur Zum Über In Im Mit "
                      "Interview Gespräch Kommentar Analyse Reportage Par".split())


def leading_name(text: str) -> str | None:
    """The name at the start of `text` ("Lyric Li in Seoul ..." -> "Lyric Li")."""
    words = text.strip().split()
    while words and words[0].rstrip(":") in NOT_NAMES:
        words = words[1:]
    m = NAME.match(" ".join(words))
    if not m:
        return None
    name = m.group(0).strip(" .")
    # A single capitalised word is a name only with an initial ("A.Parker")
    if " " not in name and "." not in name:
        return None
    return name


def names_in_list(text: str) -> list[str]:
    """Names in "A, B und C ..." lines."""
    parts = re.split(r",\s*|\s+(?:und|and|&)\s+", text)
    out = []
    for part in parts:
        name = leading_name(part)
        if name and name not in out:
            out.append(name)
    return out
