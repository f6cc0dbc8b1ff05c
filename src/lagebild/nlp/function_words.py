"""Which of German and English a text reads as, by their commonest function words: for rules that must
choose a language's words (a tense, a plan, an English attribution) where no document language is given."""

from __future__ import annotations

import re

ENGLISH_WORDS = frozenset("the and of to is was that with for are were has have".split())
GERMAN_WORDS = frozenset("der die das und ist nicht mit ein eine sich auf".split())
WORD = re.compile(r"\w+")


def reads_english(text: str, margin: float = 1.0, extra: int = 0) -> bool:
    """More than `margin` times as many English function words as German ones, plus `extra`."""
    words = WORD.findall(text.lower())
    return sum(w in ENGLISH_WORDS for w in words) > margin * sum(w in GERMAN_WORDS for w in words) + extra
