"""Names that stand only as the first part of a hyphenated compound: "Velnix-Chef", "NPV-Fraktionschefin",
"Nordhafen-Besuch". The article names the party, the company or the place (the complete gold counts it, GermEval
2014 labels such words ORGpart / LOCpart / PERpart), though no word of the text is the name alone.

One learned decision per compound (is its first part a name?): a logistic regression over how the tagger reads the
first part on its own, its case statistics and common-noun contexts in the unlabeled text, the name lists, its
shape (an acronym, a short part like "Ex-", a digit) and the compound's head (a role: "-Chef"), trained by
`python training/ner/train_parts.py` on GermEval's hyphenated words (label: -part of PER, LOC or ORG); it ships as
data/compound_parts.json. A first part the text names elsewhere as a name ("Velnix ... Velnix-Chef") is that name
without asking the model (one reading per text).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..nlp.word_cache import word_cache
from .common_nouns import NounContexts, noun_contexts
from .mention_filter import EVENT_HEADS, ORG_HEADS, ROLE_LIKE
from .name_patterns import ACRONYM_UNIT
from .name_tagger import NAME_LISTS, NameTagger

if TYPE_CHECKING:
    from .entities import Mention

PARTS_PATH = Path(__file__).resolve().parent / "data" / "compound_parts.json"
# a capitalised first part, a hyphen, a capitalised rest: "Velnix-Chef", "NPV-Landesvorsitzende", "US-Präsident"
COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w]*[\wäöüß])-(?=[A-ZÄÖÜ0-9])([\w-]*\w)")
PART_TYPES = ("PER", "LOC", "ORG")
# The type a part may name: organisations ("NPV-Vorsitzende", "Velnix-Aus"). A place in front is mostly an
# adjective's work ("US-Investoren", "Nordland-Chef von Velnix": the complete gold of the development pages counts
# none of them), a person in front a thing named after them ("Velden-Preis"); and a person or a place the text
# names elsewhere adds no entity, while with a role after it the compound names someone else ("die
# Velden-Vertreterin", "der Nordhafen-Sprecher"), whom a quotation's speaker must not be taken for.
NEW_TYPES = ("ORG",)
# A head that is a unit or an office of a party or association ("-Fraktionschef", "-Landesverband",
# "-Parteitag"): what stands in front is the organisation, whatever the type model reads in the word alone (the
# inflected "Linken-Fraktionschef" looks like a place to it); a place has no parliamentary group.
UNIT_HEAD = re.compile(r"(?:Bundestags|Landtags|Rats|Kreistags|Stadtrats)?(?:[Ff]raktion|Partei)|(?:Landes|Kreis|"
                       r"Orts|Bezirks|Bundes)(?:verband|vorstand)|Ortsverein|Landesgruppe|Generalsekretär")


def alone(tagger: NameTagger, word: str) -> tuple[float, str]:
    """How sure the tagger is that the word on its own is a name (1 - its marginal of O), and the type (of PER,
    LOC, ORG) with the most probability."""
    return _alone(tagger, word)


@word_cache(50_000)
def _alone(tagger: NameTagger, word: str) -> tuple[float, str]:
    mass = tagger.label_mass([word], (*PART_TYPES, "O"))
    return 1.0 - mass["O"], max(PART_TYPES, key=mass.__getitem__)


def type_masses(tagger: NameTagger, word: str) -> list[float]:
    """The tagger's probability of PER, LOC, ORG for the word on its own."""
    mass = tagger.label_mass([word], PART_TYPES)
    return [mass[t] for t in PART_TYPES]


def features(first: str, head: str, tagger: NameTagger, nouns: NounContexts) -> list[float]:
    """The feature vector (FEATURE_NAMES) of the compound first-head."""
    lexicon = tagger.features.lexicon
    sure, _ = alone(tagger, first)
    cap, low = lexicon.lookup(first), lexicon.lookup(first.lower())
    n_cap, n_low = (cap[1] if cap else 0), (low[1] if low else 0)
    names = cap[2] if cap else 0
    seen = nouns.lookup(first) or (nouns.head(first) if len(first) > 8 else None)
    total = seen[0] if seen else 0
    head_low = head.lower().split("-")[-1]
    f = [1.0, sure, float(sure >= 0.5), float(sure >= 0.9)]
    f += [float(first.isupper() and len(first) >= 2), float(len(first) <= 2), float(any(c.isdigit() for c in first)),
          float(any(c.isupper() for c in first[1:]) and not first.isupper())]
    f += [math.log10(n_cap + 1), math.log10((n_low + 1) / (n_cap + 1)), float(cap is None)]
    f += [float(seen is None), *(((seen[col] + 0.1) / (total + 1)) if seen else 0.0 for col in (1, 2, 3)),
          math.log10(total + 1)]
    f += [float(bool(names >> bit & 1)) for bit in range(len(NAME_LISTS))]
    f += [float(any(r in head_low for r in ROLE_LIKE)), float(head_low.rstrip("s").endswith(ORG_HEADS)),
          float(head_low.endswith(EVENT_HEADS)), float(first.endswith("s") and not first.isupper())]
    f.append(float(_country(first)))
    return f


@word_cache(50_000)
def _country(word: str) -> bool:
    """A country's name or abbreviation (corpus/aliases.py's table): "US-Präsident" names a place."""
    from ..corpus.aliases import country_key
    from ..nlp.names import name_key

    return country_key(name_key(word)) is not None


FEATURE_NAMES = ["bias", "alone", "alone>=0.5", "alone>=0.9", "acronym", "short", "digit", "camel_case",
                 "log_cap_count", "lower_ratio", "unknown_word", "noun_unknown", "after_indefinite", "after_adjective",
                 "after_definite", "log_noun_seen", *(f"list={n}" for n in NAME_LISTS), "head_role", "head_org",
                 "head_event", "linking_s", "country"]


def type_features(first: str, head: str, tagger: NameTagger, nouns: NounContexts) -> list[float]:
    """The features of the part's type: the decision's features and the tagger's mass per type."""
    return [*features(first, head, tagger, nouns), *type_masses(tagger, first)]


class PartModel:
    """The decision (a name in front?) and the type of the name; `seen_types`: the type of first parts the
    training sentences have often enough in front of a hyphen as one -part type."""

    def __init__(self, weights: np.ndarray, threshold: float, type_weights: np.ndarray,
                 seen_types: dict[str, str]) -> None:
        self.weights, self.threshold, self.type_weights = weights, threshold, type_weights
        self.seen_types = seen_types

    def probability(self, x: list[float]) -> float:
        z = float(np.dot(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def type_of(self, x: list[float]) -> str:
        return PART_TYPES[int(np.argmax(self.type_weights @ np.array(x)))]


@lru_cache(maxsize=1)
def bundled_parts() -> PartModel | None:
    if not PARTS_PATH.exists():
        return None
    data = json.loads(PARTS_PATH.read_text(encoding="utf-8"))
    if data["features"] != FEATURE_NAMES:
        raise RuntimeError("compound_parts.json was trained on other features than compound_parts.py defines; "
                           "retrain with `python training/ner/train_parts.py`")
    return PartModel(np.array(data["weights"], dtype=np.float64), float(data["threshold"]),
                     np.array(data["type_weights"], dtype=np.float64), data["seen_types"])


def _key(word: str) -> str:
    return word.casefold()


def part_mentions(text: str, kept: Iterable[Mention], tagger: NameTagger) -> list[Mention]:
    """The first parts of hyphenated compounds that are names, as mentions of their own, where no kept mention
    overlaps the compound: "Velnix-Chef" -> ORG "Velnix"."""
    from .entities import Mention

    model = bundled_parts()
    if model is None:
        return []
    kept = list(kept)
    spans = sorted((m.start, m.end) for m in kept)
    named: dict[str, str] = {}  # the text's names by their words: a part that is one has its type (NEW_TYPES only)
    for m in kept:
        if m.type in PART_TYPES:
            named.setdefault(_key(m.text), m.type)
            if m.type == "PER":  # "Anna Velden" ... "Velden-Affäre"
                named.setdefault(_key(m.text.split(" ")[-1]), m.type)
    nouns = noun_contexts()
    out = []
    units = {(m.start, m.end) for m in kept if m.type == "ORG" and ACRONYM_UNIT.match(m.text)}
    for c in COMPOUND.finditer(text):
        if (c.start(), c.end()) in units or any(m.start == c.start() and ACRONYM_UNIT.fullmatch(m.text[:c.end() -
                                                                                                    c.start()])
                                                for m in kept if (m.start, m.end) in units):
            # "NPV-Fraktion", "NPV-Landesverband Nordhafen": a unit of the party, which the text names too
            out.append(Mention(c.start(1), c.end(1), c.group(1), "ORG"))
            continue
        if any(a < c.end() and c.start() < b for a, b in spans):
            continue
        first = c.group(1)
        kind = named.get(_key(first)) or named.get(_key(first[:-1]) if first.endswith("s") else "")
        if kind is not None and kind not in NEW_TYPES:
            continue
        if kind is None:
            if model.probability(features(first, c.group(2), tagger, nouns)) < model.threshold:
                continue
            kind = model.seen_types.get(first) or ("ORG" if UNIT_HEAD.match(c.group(2)) else
                                                    model.type_of(type_features(first, c.group(2), tagger, nouns)))
            if kind not in NEW_TYPES:
                continue
        out.append(Mention(c.start(1), c.end(1), first, kind))
    return out
