"""How the speech tagger's token F1 grows with its training data: the CRF of train.py trained on every
8th, 4th, 2nd and every one of its training files (the tuning quarter of the newspaper samples left
out), scored token by token on that tuning quarter (the held-out half is never used here).

    python training/speech/learning_curve.py     (about 3 minutes)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pycrfsuite  # noqa: E402
from train import PARAMS, sequences, training_files  # noqa: E402

sys.path.insert(0, str(HERE.parents[1] / "bench"))
from eval_speech import samples  # noqa: E402

STEPS = (8, 4, 2, 1)


def f1(right: int, predicted: int, gold: int) -> float:
    return 2 * right / (predicted + gold) if predicted + gold else 0.0


def main() -> int:
    tuning = set(samples()[0::2][1::2])
    files = [p for p in training_files() if p not in tuning]
    with tempfile.TemporaryDirectory() as tmp:
        for step in STEPS:
            trainer = pycrfsuite.Trainer(verbose=False)
            n_tokens = 0
            for path in files[::step]:
                for feats, labels in sequences(path):
                    trainer.append(feats, labels)
                    n_tokens += len(labels)
            trainer.set_params(PARAMS)
            model = str(Path(tmp) / f"speech_{step}.crf")
            trainer.train(model)
            tagger = pycrfsuite.Tagger()
            tagger.open(model)
            counts = {label: [0, 0, 0] for label in "DI"}
            for path in sorted(tuning):
                for feats, gold in sequences(path):
                    for g, p in zip(gold, tagger.tag(feats), strict=True):
                        for label in "DI":
                            counts[label][0] += g == label and p == label
                            counts[label][1] += p == label
                            counts[label][2] += g == label
            print(f"1/{step} of the files ({n_tokens} tokens): direct {f1(*counts['D']):.3f}, "
                  f"indirect {f1(*counts['I']):.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
