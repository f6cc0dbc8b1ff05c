"""NER quality on the held-out GermEval sentences (training/ner/prepare.py: the last 500 of test_a,
never trained or tuned on): exact span + type F1, outer level, for the 4 main types (PER, LOC, ORG,
OTH; -deriv/-part spans left out on both sides) and for all 12 classes.

    python training/ner/evaluate.py [MODEL_DIR]      (default: the bundled model)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import spans, splits  # noqa: E402

MAIN = {"PER", "LOC", "ORG", "OTH"}


def prf(gold: set[tuple], pred: set[tuple]) -> tuple[float, float, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(model: str | None = None) -> dict[str, tuple[float, float, float]]:
    from spacy.tokens import Doc

    from lagebild.extract.entities import load

    nlp = load(model)
    gold12: set[tuple] = set()
    pred12: set[tuple] = set()
    sents = splits()["test"]
    docs = [Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents]
    for i, (sent, doc) in enumerate(zip(sents, nlp.pipe(docs), strict=True)):
        for a, b, label in spans([t for _, t in sent]):
            gold12.add((i, a, b, label))
        for e in doc.ents:
            pred12.add((i, e.start, e.end, e.label_))
    return {"4 main types": prf({g for g in gold12 if g[3] in MAIN}, {p for p in pred12 if p[3] in MAIN}),
            "12 classes": prf(gold12, pred12)}


def main() -> int:
    for name, (p, r, f) in evaluate(sys.argv[1] if len(sys.argv) > 1 else None).items():
        print(f"{name:13s} P {p:.3f} R {r:.3f} F1 {f:.3f}   (held-out GermEval, 500 sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
