"""The mention filter: one learned decision over every name candidate the tagger and the rule mentions
propose - keep it as a name, or drop it (a fragment, a common noun, a role).

German capitalises every noun, so a capital letter is no evidence of a name. The features say what is:
the tagger's own confidence (its marginal probability over the span), where the span stands (sentence
start, after an article, an adjective or a preposition), how the unlabeled text of ../shared/data/text
uses its words (written in lower case? after an indefinite article or an adjective, like a common
noun? - `NounContexts`, built by training/ner/noun_contexts.py), the name lists, the span's shape, and
the head of a compound ("-ministerium", "-krieg"). A logistic regression trained by
training/ner/train_filter.py on GermEval 2014 candidates (the tagger cross-trained, so that it is as
unsure on them as on new text) weighs them; it ships as data/mention_filter.json.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .common_nouns import ADJECTIVE_CONTEXT, DEFINITE_CONTEXT, INDEFINITE_CONTEXT, NounContexts, context_of
from .name_tagger import NAME_LISTS, Lexicon

DATA = Path(__file__).resolve().parent / "data"
FILTER_PATH = DATA / "mention_filter.json"

@dataclass(frozen=True, slots=True)
class Candidate:
    """A name candidate with where it came from ("tagger", "repeated", "agency", "org-word", "role", "speaker")
    and the tagger's mean marginal probability of its labels (1.0 for rule mentions)."""

    start: int
    end: int
    type: str
    source: str
    confidence: float = 1.0


SOURCES = ("tagger", "repeated", "agency", "org-word", "role", "speaker")
TYPES = ("PER", "LOC", "ORG", "MISC")
# Heads of compounds that name an event, a period or an abstract thing, not an actor or a place
EVENT_HEADS = ("krieg", "kriege", "kriegs", "gipfel", "wahl", "wahlen", "krise", "angriff", "einmarsch", "konflikt",
               "konferenz", "treffen", "besuch", "abkommen", "vertrag", "spiele", "meisterschaft", "cup", "pokal",
               "liga", "turnier", "reform", "gesetz", "plan", "programm", "festival", "preis", "affäre", "skandal",
               "prozess", "streik", "protest", "proteste", "revolution", "invasion", "offensive", "zeitalter",
               "epoche")
ORG_HEADS = ("ministerium", "behörde", "agentur", "amt", "rat", "gericht", "kommission", "parlament", "partei",
             "verband", "konzern", "universität", "institut", "bank", "stiftung", "gewerkschaft", "regierung",
             "zentrum", "polizei", "armee", "militär", "verwaltung")
NAMED_MODIFIERS = ("bundes", "landes", "staats", "europa", "welt")
PREPOSITIONS = frozenset("in im nach aus von vom bei beim an am auf für mit gegen zwischen über unter durch".split())
ROLE_LIKE = ("minister", "präsident", "sprecher", "chef", "kanzler", "leiter", "direktor", "führer")


def features(text: str, c: Candidate, lexicon: Lexicon, nouns: NounContexts, sentence_start: bool) -> list[float]:
    """The candidate's feature vector (FEATURE_NAMES)."""
    words = text[c.start:c.end].split()
    first, last = words[0], words[-1]
    before = text[max(0, c.start - 40):c.start].split()
    prev = before[-1] if before else ""
    after = text[c.end:c.end + 3]
    f: list[float] = [1.0]
    f += [float(c.source == s) for s in SOURCES]
    f += [float(c.type == t) for t in TYPES]
    f.append(c.confidence)
    f.append(c.confidence * float(c.source == "tagger"))
    f += [float(c.confidence < 0.5), float(c.confidence < 0.7)]  # the model unsure: mostly no name
    f += [float(len(words) == 1), float(len(words) == 2), float(len(words) >= 3)]
    # the first word's case statistics, and the common-noun contexts of the last word (or its head)
    cap = lexicon.lookup(first)
    low = lexicon.lookup(first.lower())
    n_cap, n_low = (cap[1] if cap else 0), (low[1] if low else 0)
    f.append(math.log10(n_cap + 1))
    f.append(math.log10((n_low + 1) / (n_cap + 1)))
    seen = nouns.lookup(last) or (nouns.head(last) if len(last) > 8 else None)
    f.append(float(seen is None))
    total = seen[0] if seen else 0
    for col in (1, 2, 3):
        f.append((seen[col] + 0.1) / (total + 1) if seen else 0.0)
    f.append(math.log10(total + 1))
    names = 0
    for w in words:
        found = lexicon.lookup(w) or (lexicon.lookup(w[:-1]) if w.endswith("s") else None)
        names |= found[2] if found else 0
    f += [float(bool(names >> bit & 1)) for bit in range(len(NAME_LISTS))]
    low_last = last.lower().rstrip("s")
    f.append(float(low_last.endswith(EVENT_HEADS) or last.lower().endswith(EVENT_HEADS)))
    f.append(float(low_last.endswith(ORG_HEADS) or last.lower().endswith(ORG_HEADS)))
    f.append(float(len(words) == 1 and first.lower().startswith(NAMED_MODIFIERS)))
    f.append(float("-" in first and first.split("-")[0].isupper()))  # "UN-Sicherheitsrat"
    f.append(float(any(r in first.lower() for r in ROLE_LIKE)))
    f.append(float(sentence_start))
    f.append(float(sentence_start and len(words) == 1))  # "Krach vor ...": a capitalised first word
    kind = context_of(prev) if prev else 0
    f += [float(kind == INDEFINITE_CONTEXT), float(kind == ADJECTIVE_CONTEXT), float(kind == DEFINITE_CONTEXT)]
    f.append(float(prev.lower() in PREPOSITIONS))
    # a fragment: a last word like an initial ("Anna K") or a two-letter word alone ("Mo"); not an acronym ("EU",
    # "Nordbote TV", "Nordbau AG") nor the short last part of a longer name ("Li Wen Yu")
    initial = last[:1].isupper() and (len(last) == 1 or (len(words) == 1 and len(last) == 2 and not last.isupper()))
    f.append(float(after[:1] == "." and initial))  # "Daniel K." cut before its initial's dot
    f.append(float(initial))
    f.append(float(first.isupper() and len(first) > 1))
    f.append(float(any(ch.isdigit() for ch in text[c.start:c.end])))
    f.append(float(last.endswith("s") and len(words) == 1))
    f.append(float("-" in text[c.start:c.end]))
    f.append(float(after[:1] == "-" or (after[:1] == " " and after[1:2].isupper())))  # runs on into a name
    f.append(float(all(w[:1].isupper() for w in words)))
    return f


FEATURE_NAMES = (
    ["bias", *(f"src={s}" for s in SOURCES), *(f"type={t}" for t in TYPES), "confidence", "tagger_confidence",
     "confidence<0.5", "confidence<0.7",
     "one_word", "two_words", "3+_words", "log_cap_count", "lower_ratio", "noun_unknown", "after_indefinite",
     "after_adjective", "after_definite", "log_noun_seen", *(f"list={n}" for n in NAME_LISTS), "event_head",
     "org_head", "named_modifier", "acronym_modifier", "role_like", "sentence_start", "first_word_alone",
     "prev_indefinite",
     "prev_adjective", "prev_definite", "prev_preposition", "initial_cut", "fragment_last", "all_caps", "digit",
     "genitive_s", "hyphen", "runs_on", "all_capitalised"])


@dataclass(frozen=True)
class MentionFilter:
    weights: np.ndarray
    threshold: float

    def keep_probability(self, x: list[float]) -> float:
        z = float(np.dot(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def bundled_filter() -> MentionFilter | None:
    """The trained filter, or None where it was not trained yet (then every candidate is kept)."""
    if not FILTER_PATH.exists():
        return None
    data = json.loads(FILTER_PATH.read_text(encoding="utf-8"))
    if data["features"] != FEATURE_NAMES:
        raise RuntimeError("mention_filter.json was trained on other features than mention_filter.py defines; "
                           "retrain with `python training/ner/train_filter.py`")
    return MentionFilter(np.array(data["weights"], dtype=np.float64), float(data["threshold"]))
