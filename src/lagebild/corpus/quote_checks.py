"""Last checks on the quotations of a corpus, once names are resolved: a name in quotation marks is no
quotation. Newspapers, journals, programmes and terms are set in quotation marks ("sagte er dem Sender
»Nordfunk«", "im Fachblatt »Journal of Harbour Studies«"); read on pages the project had never seen,
they made up a good part of the wrong "quotations"."""

from __future__ import annotations

import re
from typing import Any

# A quotation of at most this many words that name mentions cover this much of is the name itself.
NAME_QUOTE_MAX_WORDS = 8
NAME_COVER = 0.8
MARKS = "„“”\"»«‚‘’' ."
WORD = re.compile(r"[\w'’-]+")


def without_names(quotes: list[dict[str, Any]], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The quotations that are not a name (of any kind: persons, places, organisations, works, events)
    written in quotation marks."""
    names: dict[str, list[tuple[int, int]]] = {}
    for e in entities:
        for m in e["mentions"]:
            names.setdefault(m["doc"], []).append((m["start"], m["end"]))
    return [q for q in quotes if not is_a_name(q, names.get(q["doc"], []))]


def is_a_name(q: dict[str, Any], names: list[tuple[int, int]]) -> bool:
    if q["kind"] not in ("direct", "partial") or len(WORD.findall(q["text"])) > NAME_QUOTE_MAX_WORDS:
        return False
    text, a, b = q["text"], 0, len(q["text"])
    while a < b and text[a] in MARKS:
        a += 1
    while b > a and text[b - 1] in MARKS:
        b -= 1
    if b <= a:
        return False
    a, b = a + q["start"], b + q["start"]
    covered = sum(max(0, min(b, e) - max(a, s)) for s, e in names)
    return covered >= NAME_COVER * (b - a)
