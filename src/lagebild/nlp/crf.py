"""Decoding a trained python-crfsuite model with numpy: the best label sequence (Viterbi) and each token's
label probabilities (forward-backward), for one sequence or many at once.

Why our own decoder, for the name tagger: python-crfsuite turns every feature string of every token into a
C++ string and looks it up in the model's dictionary on every call, while the name tagger's word features do
not depend on the sentence: here a token's score per label is a sum of weight rows that the tagger computes
once per word, and the sentences of a text are decoded together, one numpy step per position of the longest
instead of one per token (names of 1,028 news articles: 22 % less CPU). The quotation CRFs stay with
crfsuite: their features depend on the context, and a text is one long sequence, where a numpy step per token
is no faster than crfsuite. Training stays with crfsuite; the model file is the one it writes, read once
through its own API. The labels are crfsuite's; its marginals differ by up to about 1e-5 (its exp is an
approximation), tests/test_crf.py compares both.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np


class LinearChainCRF:
    """A first-order linear-chain CRF: state weights per (attribute, label), transition weights per label pair."""

    def __init__(self, labels: list[str], attributes: dict[str, int], state: np.ndarray, transitions: np.ndarray
                 ) -> None:
        self.labels = labels
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.attributes = attributes  # attribute -> row of `state`; the last row (zeros) is for unknown ones
        self.state = state
        self.transitions = transitions
        self._exp_transitions = np.exp(transitions)

    @classmethod
    def load(cls, path: Path | str) -> LinearChainCRF:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        labels = sorted(info.labels, key=lambda label: int(info.labels[label]))  # crfsuite's own order
        index = {label: i for i, label in enumerate(labels)}
        attributes: dict[str, int] = {}
        for attribute, _ in info.state_features:
            attributes.setdefault(attribute, len(attributes))
        state = np.zeros((len(attributes) + 1, len(labels)))
        for (attribute, label), weight in info.state_features.items():
            state[attributes[attribute], index[label]] = weight
        transitions = np.zeros((len(labels), len(labels)))
        for (before, after), weight in info.transitions.items():
            transitions[index[before], index[after]] = weight
        tagger.close()
        return cls(labels, attributes, state, transitions)

    # --- scores per token -------------------------------------------------------------------------------

    def weights_of(self, attributes: Sequence[str]) -> np.ndarray:
        """The summed state weights of some attributes (per label): a token's score, or a part of it."""
        return self.scores([attributes])[0]

    def scores(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """(tokens, labels) state scores of a sequence given as each token's attribute strings (or the sums of
        any groups of attributes, one row each)."""
        unknown = len(self.attributes)
        get = self.attributes.get
        rows = [get(a, unknown) for a in chain.from_iterable(items)]
        starts = np.zeros(len(items), dtype=np.intp)
        np.cumsum([len(item) for item in items[:-1]], out=starts[1:])
        weights = self.state[rows + [unknown]]  # a zero row last: a token without attributes sums to zero
        return np.add.reduceat(weights, starts, axis=0) * (np.diff(starts, append=len(rows)) > 0)[:, None]

    # --- decoding ---------------------------------------------------------------------------------------

    def viterbi(self, scores: np.ndarray) -> list[int]:
        """The best label sequence (label indices) of one sequence's state scores. Ties go to the lower label
        index, as in crfsuite."""
        n, labels = scores.shape
        if n == 0:
            return []
        back = np.empty((n, labels), dtype=np.intp)
        best = scores[0].copy()
        step = np.empty((labels, labels))
        column = best[:, None]  # a view: each step writes into `best` in place
        for t in range(1, n):  # four numpy calls a token, into arrays made once (a long text is one sequence)
            np.add(column, self.transitions, out=step)
            step.argmax(axis=0, out=back[t])
            step.max(axis=0, out=best)
            best += scores[t]
        path = [int(best.argmax())]
        pointer = back.item
        for t in range(n - 1, 0, -1):
            path.append(pointer(t, path[-1]))
        return path[::-1]

    def viterbi_many(self, many: Sequence[np.ndarray]) -> list[list[int]]:
        """The best label sequence of each of many sequences, decoded side by side (one numpy step per
        position of the longest; the sequences go longest first, so that those still running at a position
        are the first rows). Ties go to the lower label index, as in crfsuite."""
        if not many:
            return []
        order, scores, running = _longest_first(many, len(self.labels))
        width = scores.shape[1]
        best = scores[:, 0, :].copy()
        back = np.zeros((len(many), width, len(self.labels)), dtype=np.intp)
        for t in range(1, width):
            k = running[t]
            step = best[:k, :, None] + self.transitions  # [sequence, from, to]
            back[:k, t, :] = step.argmax(axis=1)
            best[:k] = step.max(axis=1) + scores[:k, t, :]
        last = best.argmax(axis=1).tolist()
        out: list[list[int]] = [[] for _ in many]
        for row, s in enumerate(order.tolist()):
            path = [last[row]]
            pointers = back[row].tolist()
            for t in range(len(many[s]) - 1, 0, -1):
                path.append(pointers[t][path[-1]])
            out[s] = path[::-1]
        return out

    def marginals(self, scores: np.ndarray) -> np.ndarray:
        """(tokens, labels): the probability of each label at each token, given the whole sequence."""
        n, labels = scores.shape
        state = np.exp(scores - scores.max(axis=1, keepdims=True))
        forward = np.empty_like(state)
        backward = np.empty_like(state)
        forward[0] = state[0] / state[0].sum()
        for t in range(1, n):
            row = forward[t]
            np.dot(forward[t - 1], self._exp_transitions, out=row)
            row *= state[t]
            row /= row.sum()
        backward[n - 1] = 1.0
        after = np.empty(labels)
        for t in range(n - 2, -1, -1):
            row = backward[t]
            np.multiply(backward[t + 1], state[t + 1], out=after)
            np.dot(self._exp_transitions, after, out=row)
            row /= row.sum()
        joint = forward * backward
        return joint / joint.sum(axis=1, keepdims=True)

    def marginals_many(self, many: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The marginals of each of many sequences (forward-backward, each step's vector rescaled to sum 1 as
        crfsuite does; longest first as in viterbi_many)."""
        if not many:
            return []
        order, scores, running = _longest_first(many, len(self.labels))
        width = scores.shape[1]
        # exp of the state scores, each token's row divided by its largest (cancels out in the normalisation)
        state = np.exp(scores - scores.max(axis=2, keepdims=True))
        forward = np.empty_like(state)
        alpha = state[:, 0, :] / state[:, 0, :].sum(axis=1, keepdims=True)
        forward[:, 0, :] = alpha
        for t in range(1, width):
            k = running[t]
            a = (alpha[:k] @ self._exp_transitions) * state[:k, t, :]
            alpha[:k] = a / a.sum(axis=1, keepdims=True)
            forward[:k, t, :] = alpha[:k]
        backward = np.empty_like(state)
        beta = np.ones((len(many), len(self.labels)))
        backward[:, width - 1, :] = beta
        for t in range(width - 2, -1, -1):
            k, going = running[t], running[t + 1]  # rows going..k end at t: their backward pass starts there
            b = (beta[:going] * state[:going, t + 1, :]) @ self._exp_transitions.T
            beta[:going] = b / b.sum(axis=1, keepdims=True)
            beta[going:k] = 1.0
            backward[:k, t, :] = beta[:k]
        out: list[np.ndarray] = [scores[0, :0]] * len(many)
        for row, s in enumerate(order.tolist()):  # past its end a row holds what the arrays held before
            joint = forward[row, : len(many[s])] * backward[row, : len(many[s])]
            out[s] = joint / joint.sum(axis=1, keepdims=True)
        return out


def _longest_first(many: Sequence[np.ndarray], labels: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """The sequences' order longest first, their scores padded in that order, and for each position how many of
    them reach it (the first rows)."""
    lengths = np.array([len(s) for s in many])
    order = np.argsort(-lengths, kind="stable")
    width = int(lengths[order[0]])
    scores = np.zeros((len(many), width, labels))
    for row, s in enumerate(order.tolist()):
        scores[row, : lengths[s]] = many[s]
    running = np.searchsorted(-lengths[order], -np.arange(width), side="left").tolist()
    # running[t]: rows with length > t, i.e. -length < -t
    return order, scores, running
