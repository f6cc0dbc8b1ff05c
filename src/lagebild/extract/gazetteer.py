"""Name-list features for the bundled NER model: a spaCy component that tells the model, for every
capitalised token, whether it is a known first name, surname, city, country or landscape name.

The lists come from ../shared/data/gazetteers and are built into the model by the training recipe
(`initialize`); the model stores only 64-bit hashes of the names and their classes, not the lists.
The classes go into the token's LEMMA slot, which the bundled pipeline uses for nothing else, so
that spaCy's hash embedding can read them as one more feature next to NORM, PREFIX, SUFFIX, SHAPE."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LOWER  # type: ignore[attr-defined]
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc
from spacy.vocab import Vocab

CLASSES = ("FIRST", "SUR", "CITY", "COUNTRY", "PLACE")
SOURCES = {
    "FIRST": "prenames-germany/vornamen_aggregated.tsv",
    "SUR": "ler/personennamen.list",
    "CITY": "ler/stadtnamen.list",
    "COUNTRY": "ler/laendernamen.list",
    "PLACE": "ler/landschaftsbezeichnungen.list",
}
# First names given fewer times than this are mostly rare spellings that collide with words.
MIN_FIRST_NAME_COUNT = 5


def feature_label(mask: int) -> str:
    return f"GAZ{mask}"


def _names(root: Path, cls: str) -> Iterable[str]:
    path = root / SOURCES[cls]
    if cls == "FIRST":
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if int(row.get("count") or 0) >= MIN_FIRST_NAME_COUNT:
                    yield row["name"]
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if cls == "COUNTRY":  # official long forms: their last word is the country's name
            name = name.split()[-1] if name else name
        if name and " " not in name:
            yield name


class Gazetteer:
    """`drop` hides a known name from the model at this rate, at random; the training recipe sets it so
    that the model does not learn that names are always on the lists (foreign names mostly are not)."""

    def __init__(self, vocab: Vocab, drop: float = 0.0) -> None:
        self.vocab = vocab
        self.drop = drop
        self._rng = np.random.default_rng(0)
        self.keys = np.zeros(0, dtype=np.uint64)
        self.masks = np.zeros(0, dtype=np.uint8)
        for mask in range(1, 2 ** len(CLASSES)):
            vocab.strings.add(feature_label(mask))

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   lists: str = "") -> None:
        table: dict[int, int] = {}
        for bit, cls in enumerate(CLASSES):
            for name in _names(Path(lists), cls):
                key = hash_string(name.lower())
                table[key] = table.get(key, 0) | (1 << bit)
        self._set(table)

    def _set(self, table: dict[int, int]) -> None:
        keys = sorted(table)
        self.keys = np.array(keys, dtype=np.uint64)
        self.masks = np.array([table[k] for k in keys], dtype=np.uint8)

    def __call__(self, doc: Doc) -> Doc:
        strings = self.vocab.strings
        hidden = self._rng.random(len(doc)) < self.drop if self.drop else None
        if not len(doc) or not len(self.keys):
            return doc
        # the lists are looked up for all tokens at once (a Python loop over the tokens cost a tenth of
        # the NER stage); only the few tokens found are touched one by one
        lower = doc.to_array(LOWER)
        at = np.minimum(np.searchsorted(self.keys, lower), len(self.keys) - 1)
        masks = np.where(self.keys[at] == lower, self.masks[at], 0)
        for i in np.flatnonzero(masks).tolist():
            token = doc[i]
            if token.text[:1].isupper() and (hidden is None or not hidden[i]):
                token.lemma = strings[feature_label(int(masks[i]))]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.save(path / "keys.npy", self.keys)
        np.save(path / "masks.npy", self.masks)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Gazetteer:
        path = Path(path)
        self.keys, self.masks = np.load(path / "keys.npy"), np.load(path / "masks.npy")  # saved sorted by key
        return self


@Language.factory("lagebild_gazetteer", default_config={"drop": 0.0})
def make_gazetteer(nlp: Language, name: str, drop: float) -> Gazetteer:
    return Gazetteer(nlp.vocab, drop)
