"""How the unlabeled text of ../shared/data/text uses each capitalised word: German capitalises every noun,
so a capital letter is no evidence of a name, but the words in front are - a name rarely follows an
indefinite article or quantifier ("eine Allianz", "mehrere Behörden") or a lower-case adjective ("die neue
Allianz"), a common noun often does. Built by training/ner/noun_contexts.py; used by the name tagger's
features, the mention filter and the spelling rules.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..nlp.word_cache import word_cache
from .name_tagger import flat_ints, key_row, word_key

NOUNS_PATH = Path(__file__).resolve().parent / "data" / "ner_nouns.npz"

# What stands in front of a capitalised word in the unlabeled text (NounContexts columns 1-3).
INDEFINITE = frozenset("""ein eine einen einem einer eines kein keine keinen keinem keiner keines jede jeder jedes
jeden jedem mehrere viele vielen einige einigen manche solche solchen diese dieser diesen diesem dieses jene jener
seine seinen seinem seiner ihre ihren ihrem ihrer unsere unseren unserem unserer meine meinen deren dessen
a an some many""".split())
DEFINITE = frozenset("der die das den dem des the".split())
NOT_ADJECTIVES = frozenset("""oder aber wieder über unter hinter immer sowie außer später weiter sehr mehr gegen ohne
nachdem wenn denen haben werden wurden worden sollen wollen können müssen waren sagte sagten hatte hatten gegenüber
zwischen neben innerhalb außerhalb während wegen seit""".split())
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
INDEFINITE_CONTEXT, ADJECTIVE_CONTEXT, DEFINITE_CONTEXT = 1, 2, 3


def context_of(previous: str) -> int:
    """The kind of word in front of a capitalised word: an indefinite article or quantifier (1), a lower-case
    adjective (2), a definite article (3), anything else (0)."""
    low = previous.lower()
    if low in INDEFINITE:
        return INDEFINITE_CONTEXT
    if low in DEFINITE:
        return DEFINITE_CONTEXT
    if previous.isalpha() and previous.islower() and len(previous) >= 4 and previous.endswith(ADJECTIVE_ENDINGS) \
            and previous not in NOT_ADJECTIVES:
        return ADJECTIVE_CONTEXT
    return 0


class NounContexts:
    """Per capitalised word: times seen inside a sentence, and of those after an indefinite article, an
    adjective, a definite article. Stored sorted by 64-bit word hash."""

    def __init__(self, keys: np.ndarray, counts: np.ndarray) -> None:
        self.keys, self.counts = keys, counts
        self.key_index: dict[int, int] | None = None  # see name_tagger.key_row
        # a text repeats its words, and `head` looks up every tail of a compound: a hash and a search each
        # time were a twentieth of the time on a line of names (bench/bench_pathological.py)
        self.lookup = word_cache(20_000)(self._lookup)
        # the name tagger, the mention filter and the quotation rules each ask for the head of the same words
        self.head = word_cache(20_000)(self._head)
        self._rows = flat_ints(counts)

    @classmethod
    def build(cls, counts: dict[str, list[int]]) -> NounContexts:
        table = sorted((word_key(w), c) for w, c in counts.items())
        return cls(np.array([k for k, _ in table], dtype=np.uint64),
                   np.array([c for _, c in table], dtype=np.uint32).reshape(-1, 4))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, keys=self.keys, counts=self.counts)

    @classmethod
    def load(cls, path: Path) -> NounContexts:
        with np.load(path) as data:
            return cls(data["keys"], data["counts"])

    def _lookup(self, word: str) -> tuple[int, int, int, int] | None:
        i = key_row(self, word)
        if i is None:
            return None
        seen, indefinite, adjective, definite = self._rows[4 * i : 4 * i + 4]
        return seen, indefinite, adjective, definite

    def _head(self, word: str, min_seen: int = 20) -> tuple[int, int, int, int] | None:
        """The counts of the longest known head of a compound ("Raumfahrtbehörde" -> "Behörde")."""
        for k in range(3, len(word) - 3):
            found = self.lookup(word[k].upper() + word[k + 1:])
            if found and found[0] >= min_seen:
                return found
        return None


# A word seen after an indefinite article or an adjective this often (share of its uses inside sentences) is used
# like a common noun. Read off the unlabeled text: names "Russland" 0.09, "Berlin" 0.02, a president's surname
# 0.20 ("der russische Präsident X"); nouns "Allianz" 0.33, "Behörde" 0.54, "Partei" 0.39 - but "Corona" 0.07
# passes.
COMMON_NOUN_SHARE = 0.25


def used_as_common_noun(word: str, nouns: NounContexts) -> bool:
    seen = nouns.lookup(word)
    return seen is not None and (seen[1] + seen[2]) / seen[0] >= COMMON_NOUN_SHARE


# How many sightings of its compound head a word's own count is weighed against: "Triebwerk", seen 13
# times (2 after an adjective), is a compound of "Werk" (a common noun in a third of its 1,500 uses).
HEAD_PRIOR_WEIGHT = 20


@word_cache(20_000)
def is_common_noun(word: str) -> bool:
    """A word the unlabeled text uses as a common noun; a rare word is judged with its compound head."""
    nouns = noun_contexts()
    own = nouns.lookup(word) or (0, 0, 0, 0)
    head = nouns.head(word)
    prior = (head[1] + head[2]) / head[0] if head else 0.0
    return (own[1] + own[2] + HEAD_PRIOR_WEIGHT * prior) / (own[0] + HEAD_PRIOR_WEIGHT) >= COMMON_NOUN_SHARE


@lru_cache(maxsize=1)
def noun_contexts() -> NounContexts:
    return NounContexts.load(NOUNS_PATH)


