"""How the bundled NER model's F1 grows with its training data: the CRF of train.py (same features, the
shipped word table) trained on 1/8, 1/4, 1/2 and all of the tuning training part (the training sentences
but the last 1,000), scored on the tuning split (those 1,000 + the development sentences; never the
held-out 500), 4 main types, exact spans.

    python training/ner/learning_curve.py        (about a minute)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import spans, splits  # noqa: E402
from train import four_types, train_crf  # noqa: E402

from lagebild.extract.common_nouns import noun_contexts  # noqa: E402
from lagebild.extract.name_tagger import LEXICON_PATH, FeatureMaker, Lexicon  # noqa: E402

FRACTIONS = (0.125, 0.25, 0.5, 1.0)


def main() -> int:
    import pycrfsuite

    parts = splits()
    pool, tuning = parts["train"][:-1000], parts["train"][-1000:] + parts["dev"]
    features = FeatureMaker(Lexicon.load(LEXICON_PATH), noun_contexts())
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in FRACTIONS:
            train = pool[: int(len(pool) * fraction)]
            model = Path(tmp) / f"ner_{fraction}.crf"
            train_crf(features, train, model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            n_gold = n_pred = n_right = 0
            for sent in tuning:
                gold = set(spans([four_types(t) for _, t in sent]))
                pred = set(spans(tagger.tag(features.sentence([w for w, _ in sent]))))
                n_gold, n_pred, n_right = n_gold + len(gold), n_pred + len(pred), n_right + len(gold & pred)
            p, r = n_right / n_pred, n_right / n_gold
            print(f"{len(train):5d} sentences ({fraction:5.3f})  P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
