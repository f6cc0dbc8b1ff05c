"""Decoding the trained python-crfsuite models (names, quotation spans and roles, speech): each token's state
scores, the best label sequence (Viterbi) and each token's label probabilities (forward-backward), for one
sequence or many at once, in loops compiled by numba.

Why our own decoder: python-crfsuite turns every feature string of every token into a C++ string and looks it
up in the model's dictionary on every call (the three CRFs of the document stage were about a sixth of a run's
CPU). Here a feature string is one lookup in a Python dict and the rest runs compiled; the name tagger's word
features do not depend on the sentence, so it sums a word's weights once per word (name_tagger.py). Whole
pipeline over 1,028 news articles on one core: 44.8-45.3 -> 39.6-40.3 CPU s, dossiers byte-identical.
Training stays with crfsuite; the model file is the one it writes: its weights read as stored, its labels and
attribute strings from crfsuite's dump of it. The labels and the marginals are crfsuite's (the same weights,
sums in the same order and tie-break; the marginals agree to about 1e-14): tests/test_crf.py compares both.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np
from numba import njit

# A feature as crfsuite stores it: kind (0 state: attribute -> label, 1 transition: label -> label), from, to, weight
FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])


class LinearChainCRF:
    """A first-order linear-chain CRF: state weights per (attribute, label), transition weights per label pair."""

    def __init__(self, labels: list[str], attributes: dict[str, int], state: np.ndarray, transitions: np.ndarray
                 ) -> None:
        self.labels = labels
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.attributes = attributes  # attribute -> row of `state`; the last row (zeros) is for unknown ones
        self._row = _Rows(attributes, len(attributes)).__getitem__  # a C-level lookup with that default
        self.state = state
        self.transitions = transitions
        self._exp_transitions = np.exp(transitions)

    @classmethod
    def load(cls, path: Path | str) -> LinearChainCRF:
        """A model file crfsuite wrote: its weights read from the file as stored (python-crfsuite's `info()`
        gives them rounded to six decimals), its labels and attribute strings from crfsuite's dump of it."""
        raw = Path(path).read_bytes()
        magic, *header = struct.unpack_from("<4s11I", raw)
        if magic != b"lCRF":
            raise ValueError(f"{path}: not a CRFsuite model")
        at = header[6]  # the offset of the features chunk
        chunk, _, count = struct.unpack_from("<4sII", raw, at)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no features where the header says")
        features = np.frombuffer(raw, dtype=FEATURE, count=count, offset=at + 12)
        labels, names = _dumped_names(path)
        state_features = features[features["type"] == 0]
        transition_features = features[features["type"] == 1]
        used = np.unique(state_features["source"])  # attributes with weights, in crfsuite's order
        row = np.full(len(names), len(used))
        row[used] = np.arange(len(used))
        state = np.zeros((len(used) + 1, len(labels)))
        state[row[state_features["source"]], state_features["target"]] = state_features["weight"]
        transitions = np.zeros((len(labels), len(labels)))
        transitions[transition_features["source"], transition_features["target"]] = transition_features["weight"]
        return cls(labels, {names[a]: r for r, a in enumerate(used.tolist())}, state, transitions)

    # --- scores per token -------------------------------------------------------------------------------

    def weights_of(self, attributes: Sequence[str]) -> np.ndarray:
        """The summed state weights of some attributes (per label): a token's score, or a part of it."""
        return self.scores([attributes])[0]

    def scores(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """(tokens, labels) state scores of a sequence given as each token's attribute strings (or the sums of
        any groups of attributes, one row each); attributes the model does not know weigh nothing."""
        rows = np.fromiter(map(self._row, chain.from_iterable(items)), dtype=np.int64)
        starts = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum([len(item) for item in items], out=starts[1:])
        return _summed_rows(rows, starts, self.state)

    def tag(self, items: Sequence[Sequence[str]]) -> list[str]:
        """The best labels of a sequence given as each token's attribute strings (as crfsuite's Tagger.tag)."""
        return [self.labels[k] for k in self.viterbi(self.scores(items))] if items else []

    # --- decoding ---------------------------------------------------------------------------------------

    def viterbi(self, scores: np.ndarray) -> list[int]:
        """The best label sequence (label indices) of one sequence's state scores. Ties go to the lower label
        index, as in crfsuite."""
        return self.viterbi_many([scores])[0]

    def viterbi_many(self, many: Sequence[np.ndarray]) -> list[list[int]]:
        """The best label sequence of each of many sequences."""
        if not many:
            return []
        offsets = _offsets(many)
        path = _viterbi(np.concatenate(many), self.transitions, offsets).tolist()
        return [path[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]

    def marginals(self, scores: np.ndarray) -> np.ndarray:
        """(tokens, labels): the probability of each label at each token, given the whole sequence."""
        return self.marginals_many([scores])[0]

    def marginals_many(self, many: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The marginals of each of many sequences."""
        if not many:
            return []
        offsets = _offsets(many)
        joint = _marginals(np.concatenate(many), self._exp_transitions, offsets)
        return np.split(joint, offsets[1:-1])


def _dumped_names(path: Path | str) -> tuple[list[str], list[str]]:
    """The labels and the attribute strings of a model, by their ids, from crfsuite's text dump of it."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "model.txt"
        tagger.dump(str(dump))
        text = dump.read_text(encoding="utf-8")
    tagger.close()
    out = []
    for section in ("LABELS", "ATTRIBUTES"):
        start = text.index(f"\n{section} = {{\n") + len(section) + 6
        lines = text[start : text.index("\n}\n", start)].split("\n")
        out.append([line.split(": ", 1)[1] for line in lines])  # "%5d: %s", ids from 0 in order
    return out[0], out[1]


class _Rows(dict[str, int]):
    """attribute -> row, the row of zeros for an attribute the model does not know."""

    def __init__(self, rows: dict[str, int], unknown: int) -> None:
        super().__init__(rows)
        self.unknown = unknown

    def __missing__(self, attribute: str) -> int:
        return self.unknown


def _offsets(many: Sequence[np.ndarray]) -> np.ndarray:
    offsets = np.zeros(len(many) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in many], out=offsets[1:])
    return offsets


# The loops, compiled by numba (cached beside this file after the first run). The sums go in crfsuite's order
# (attribute after attribute), and its comparisons are kept (strictly greater: the lower label wins a tie).

@njit(cache=True)
def _summed_rows(rows: np.ndarray, starts: np.ndarray, state: np.ndarray) -> np.ndarray:  # pragma: no cover
    n, labels = len(starts) - 1, state.shape[1]
    out = np.zeros((n, labels))
    for t in range(n):
        for k in range(starts[t], starts[t + 1]):
            row = rows[k]
            for j in range(labels):
                out[t, j] += state[row, j]
    return out


@njit(cache=True)
def _viterbi(scores: np.ndarray, transitions: np.ndarray, offsets: np.ndarray) -> np.ndarray:  # pragma: no cover
    n, labels = scores.shape
    path = np.zeros(n, dtype=np.int64)
    back = np.zeros((n, labels), dtype=np.int64)
    best = np.empty(labels)
    step = np.empty(labels)
    for s in range(len(offsets) - 1):
        a, b = offsets[s], offsets[s + 1]
        if a == b:
            continue
        for j in range(labels):
            best[j] = scores[a, j]
        for t in range(a + 1, b):
            for j in range(labels):
                top, came = best[0] + transitions[0, j], 0
                for i in range(1, labels):
                    score = best[i] + transitions[i, j]
                    if score > top:
                        top, came = score, i
                step[j] = top + scores[t, j]
                back[t, j] = came
            best[:] = step
        last = 0
        for j in range(1, labels):
            if best[j] > best[last]:
                last = j
        path[b - 1] = last
        for t in range(b - 1, a, -1):
            path[t - 1] = back[t, path[t]]
    return path


@njit(cache=True)
def _marginals(scores: np.ndarray, exp_transitions: np.ndarray, offsets: np.ndarray
               ) -> np.ndarray:  # pragma: no cover
    # forward-backward with each step's vector rescaled to sum 1, as crfsuite does; the exp of each token's
    # scores is taken after subtracting their largest, which the normalisation cancels
    n, labels = scores.shape
    state = np.empty((n, labels))
    for t in range(n):
        top = scores[t].max()
        for j in range(labels):
            state[t, j] = np.exp(scores[t, j] - top)
    forward = np.zeros((n, labels))
    backward = np.zeros((n, labels))
    out = np.zeros((n, labels))
    for s in range(len(offsets) - 1):
        a, b = offsets[s], offsets[s + 1]
        if a == b:
            continue
        forward[a] = state[a] / state[a].sum()
        for t in range(a + 1, b):
            for j in range(labels):
                total = 0.0
                for i in range(labels):
                    total += forward[t - 1, i] * exp_transitions[i, j]
                forward[t, j] = total * state[t, j]
            forward[t] /= forward[t].sum()
        backward[b - 1] = 1.0
        for t in range(b - 2, a - 1, -1):
            for i in range(labels):
                total = 0.0
                for j in range(labels):
                    total += exp_transitions[i, j] * state[t + 1, j] * backward[t + 1, j]
                backward[t, i] = total
            backward[t] /= backward[t].sum()
        for t in range(a, b):
            joint = forward[t] * backward[t]
            out[t] = joint / joint.sum()
    return out
