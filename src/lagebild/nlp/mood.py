"""Konjunktiv I, the mood of German reported speech, for any verb: besides the irregular forms listed in
speech_words ("sei", "habe", "könne"), a third-person singular in -e whose indicative in -t is a word
of the unlabelled news and Wikipedia text the NER word table was built from ("dominiere" beside
"dominiert", "herrsche" beside "herrscht"; not "große" or "gerne", which have no such twin)."""

from __future__ import annotations

import re

from ..extract.speech_words import KONJUNKTIV_I
from .word_cache import word_cache

# The indicative twin must occur at least this often in the word table's corpus (14M tokens): rarer
# "-t" words are typos and abbreviations. Chosen by reading the forms it admits on 10kGNAD text.
MIN_TWIN_COUNT = 5


def _lexicon():  # type: ignore[no-untyped-def]
    from ..extract.name_tagger import bundled

    return bundled().features.lexicon  # the NER model's word table, loaded once for both


@word_cache(50_000)
def is_konjunktiv_i(word: str) -> bool:
    """`word` (lower-cased) is a Konjunktiv-I form of the third person."""
    if word in KONJUNKTIV_I:
        return True
    if len(word) < 5 or not word.endswith("e") or not word.isalpha():
        return False
    found = _lexicon().lookup(word[:-1] + "t")
    if found is None and word.endswith("le"):  # "entwickle" / "entwickelt", "wandle" / "wandelt"
        found = _lexicon().lookup(word[:-2] + "elt")
    return found is not None and found[1] >= MIN_TWIN_COUNT


WORD = re.compile(r"\w+")


@word_cache(4096)  # asked of each sentence by the reported-speech rules and again by the attribution passes
def has_konjunktiv_i(text: str) -> bool:
    """Whether a verb of `text` is in Konjunktiv I. A capitalised word inside the text is a noun
    ("Veldens Reise"), not a verb ("sie reise"); its first word may be either."""
    words = WORD.findall(text)
    return any(is_konjunktiv_i(w) for w in _verbs(words)) or has_listed_konjunktiv_i(words)


def has_listed_konjunktiv_i(words: list[str]) -> bool:
    """Whether `words` (as written) hold a listed Konjunktiv-I form, or "habe", which is also the indicative of
    "ich": Konjunktiv I where no "ich" is its subject ("Die Stadt habe …"). A capitalised word after the first
    is a noun ("Signa in Sorge"), not the verb ("sie sorge")."""
    verbs = _verbs(words)
    return any(w in KONJUNKTIV_I for w in verbs) or ("habe" in verbs and "ich" not in verbs)


def _verbs(words: list[str]) -> list[str]:
    """The words (lower-cased) that may be verbs: not a capitalised word after the first, nor the verb of a
    comparison, which is in Konjunktiv I without reporting anything ("tut so, als habe er …", "als ob")."""
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        after_als = i > 0 and words[i - 1].lower() == "als"
        if after_als and low in ("ob", "wenn"):
            break  # "als ob es … gebe": the rest is the comparison
        if not after_als and (i == 0 or not w[:1].isupper()):
            out.append(low)
    return out
