"""NER quality on the held-out GermEval sentences (training/ner/prepare.py: the last 500 of test_a,
never trained or tuned on): exact span + type F1, outer level, for the 4 main types (PER, LOC, ORG,
OTH; -deriv/-part spans left out on both sides) and for all 12 classes.

    python training/ner/evaluate.py [SPACY_PIPELINE]      (default: the bundled CRF model)
    python training/ner/evaluate.py --pipeline            (the NER stage as lagebild runs it on text)

--pipeline joins each sentence's words with spaces and runs `find_mentions` on it: lagebild's own
tokens and sentences, the span clean-up and the rule mentions; the 4 main types only (OTH = MISC). The names
that stand only as a compound's first part ("SPD-Fraktion" -> "SPD", compound_parts.py) are words GermEval marks
-part, left out of the 4 types on both sides; a second line scores them against those words (a hyphenated word
marked PERpart / LOCpart / ORGpart whose first part is the mention).
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


def predicted(sents: list[list[str]], model: str | None) -> list[list[tuple[int, int, str]]]:
    """Token spans each sentence's names get from the bundled model, or from a spaCy pipeline."""
    if model is None:
        from lagebild.extract.name_tagger import bio_spans, bundled

        tagger = bundled()
        return [list(bio_spans(tagger.tag_words(words))) for words in sents]
    from spacy.tokens import Doc

    from lagebild.extract.entities import load

    nlp = load(model)
    docs = nlp.pipe(Doc(nlp.vocab, words=words) for words in sents)
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def evaluate(model: str | None = None) -> dict[str, tuple[float, float, float]]:
    gold12: set[tuple] = set()
    pred12: set[tuple] = set()
    sents = splits()["test"]
    for i, (sent, found) in enumerate(zip(sents, predicted([[w for w, _ in s] for s in sents], model), strict=True)):
        for a, b, label in spans([t for _, t in sent]):
            gold12.add((i, a, b, label))
        for a, b, label in found:
            pred12.add((i, a, b, label))
    return {"4 main types": prf({g for g in gold12 if g[3] in MAIN}, {p for p in pred12 if p[3] in MAIN}),
            "12 classes": prf(gold12, pred12)}


def evaluate_pipeline() -> tuple[float, float, float]:
    from lagebild.extract.entities import find_mentions

    dossier_type = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
    gold: set[tuple] = set()
    pred: set[tuple] = set()
    sents = splits()["test"]
    texts = [" ".join(w for w, _ in s) for s in sents]
    gold_parts: set[tuple] = set()
    pred_parts: set[tuple] = set()
    for i, (sent, found, whole) in enumerate(zip(sents, find_mentions(texts), find_mentions(texts, parts=False),
                                                strict=True)):
        starts = [0]
        for w, _ in sent:
            starts.append(starts[-1] + len(w) + 1)
        for a, b, label in spans([t for _, t in sent]):
            if label in MAIN:
                gold.add((i, starts[a], starts[b] - 1, dossier_type[label]))
        for k, (w, tag) in enumerate(sent):
            if tag[2:] in ("PERpart", "LOCpart", "ORGpart") and "-" in w and w[:1].isupper():
                gold_parts.add((i, starts[k]))
        pred |= {(i, m.start, m.end, m.type) for m in whole}
        pred_parts |= {(i, m.start) for m in set(found) - set(whole)}
    return prf(gold, pred), prf(gold_parts, pred_parts)


def main() -> int:
    if "--pipeline" in sys.argv:
        (p, r, f), (pp, pr, pf) = evaluate_pipeline()
        print(f"NER stage     P {p:.3f} R {r:.3f} F1 {f:.3f}   (held-out GermEval, 500 sentences, 4 main types)")
        print(f"compound parts P {pp:.3f} R {pr:.3f} F1 {pf:.3f}   (names in front of a hyphen, against the words "
              "GermEval marks PER/LOC/ORG-part)")
        return 0
    for name, (p, r, f) in evaluate(sys.argv[1] if len(sys.argv) > 1 else None).items():
        print(f"{name:13s} P {p:.3f} R {r:.3f} F1 {f:.3f}   (held-out GermEval, 500 sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
