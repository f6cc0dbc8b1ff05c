"""The compiled decoder against python-crfsuite on the same model: same labels, same marginals, one sequence or
many decoded together."""

from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from lagebild.extract.name_tagger import MODEL_PATH, TAG_TOKEN, bundled, sentences_and_lines
from lagebild.nlp.crf import LinearChainCRF

TEXT = ("Die Reederei Nordwerk aus Velden meldete am Montag, dass Anna Berg in Nordhafen war. "
        "Der Bürgermeister Jan Weber sagte der Nordpress, die Stadt werde den Hafen ausbauen.\n"
        "Velnix\n"
        "In Ostmark, Südholm und Kronberg stehen am Wochenende Wahlen an, teilte die Partei NPV mit. "
        "Das sei „ein großer Tag für die Demokratie“, so Weber.")


def _sentences() -> list[list[str]]:
    return [[TEXT[a:b] for a, b in (m.span() for m in TAG_TOKEN.finditer(TEXT, s0, s1))]
            for s0, s1 in sentences_and_lines(TEXT)]


def test_labels_and_marginals_are_crfsuites() -> None:
    tagger = bundled()
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL_PATH))
    sentences = _sentences()
    assert len(sentences) == 5 and len({len(s) for s in sentences}) > 1  # sequences of different lengths
    read = tagger.read(sentences)
    for words, (labels, marginals) in zip(sentences, read, strict=True):
        features = tagger.features.sentence(words)
        assert labels == reference.tag(features)
        expected = np.array([[reference.marginal(label, i) for label in tagger.crf.labels]
                             for i in range(len(words))])
        assert np.abs(marginals - expected).max() < 1e-9
        # the per-word sums are the sums over the sentence's feature strings
        assert np.allclose(tagger.scores([words]), tagger.crf.scores(features))
        # one sequence alone is decoded as in the batch
        assert [tagger.crf.labels[k] for k in tagger.crf.viterbi(tagger.scores([words]))] == labels
        assert np.allclose(tagger.crf.marginals(tagger.scores([words])), marginals)
    assert any(label != "O" for labels, _ in read for label in labels)


def test_a_tie_goes_to_the_lower_label_and_unknown_attributes_weigh_nothing() -> None:
    state = np.array([[1.0, 1.0], [0.0, 2.0], [0.0, 0.0]])  # rows: "a", "b", unknown
    crf = LinearChainCRF(["X", "Y"], {"a": 0, "b": 1}, state, np.zeros((2, 2)))
    scores = crf.scores([["a"], ["a", "zzz"], [], ["b"]])
    assert scores.tolist() == [[1.0, 1.0], [1.0, 1.0], [0.0, 0.0], [0.0, 2.0]]
    assert crf.viterbi(scores) == [0, 0, 0, 1]
    assert crf.viterbi_many([scores, scores[:2]]) == [[0, 0, 0, 1], [0, 0]]
    marginals = crf.marginals(scores)
    assert marginals[0].tolist() == pytest.approx([0.5, 0.5])
    assert marginals[3, 1] == pytest.approx(np.exp(2) / (1 + np.exp(2)))
    assert [m.shape for m in crf.marginals_many([scores, scores[:1]])] == [(4, 2), (1, 2)]
