"""Train the compound-part model (lagebild/extract/compound_parts.py) on GermEval 2014, one command:

    python training/ner/train_parts.py      (needs: pip install -e '.[dev]'; reuses train_filter.py's two fold
                                             CRFs in training/ner/.cache/, about 4 minutes more if they are missing)

1. every hyphenated word of the training sentences whose parts are capitalised ("NPV-Chef", "Corona-Krise") that is
   no whole name (GermEval's PER/LOC/ORG/OTH spans: "Berlin-Mitte", "Nordrhein-Westfalen") is an example; its label
   is 1 when GermEval marks it PERpart, LOCpart or ORGpart (the first part names an actor or a place), else 0
   ("Corona-Krise" O, "Facebook-Profil" OTHpart: a product)
2. its features (compound_parts.features) come from the fold CRF that never saw its sentence (train_filter.py), so
   that the tagger's view of the word alone is as unsure as on new text
3. a logistic regression (scikit-learn, L2); the threshold is the one with the best F1 over out-of-fold
   probabilities (5 folds) of the training examples - the development part has too few compounds (about 30)
4. written to lagebild/extract/data/compound_parts.json; then P/R/F1 on the development part's compounds
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import splits  # noqa: E402
from train_filter import best_threshold, fold_taggers  # noqa: E402

from lagebild.extract.common_nouns import noun_contexts  # noqa: E402
from lagebild.extract.compound_parts import (  # noqa: E402
    COMPOUND,
    FEATURE_NAMES,
    PART_TYPES,  # noqa: E402
    PARTS_PATH,
    features,
    type_features,
)
from lagebild.extract.name_tagger import NameTagger  # noqa: E402

PARTS = {"PERpart", "LOCpart", "ORGpart"}
WHOLE = {"PER", "LOC", "ORG", "OTH"}
C = 1.0
SEEN_MIN = 3


def examples(tagger: NameTagger, sents: list[list[tuple[str, str]]],
             typed: list[tuple[list[float], str]] | None = None) -> tuple[list[list[float]], list[int]]:
    """The decision's rows and labels; the type's rows and labels (of the names) go to `typed`."""
    nouns = noun_contexts()
    xs: list[list[float]] = []
    ys: list[int] = []
    for sent in sents:
        for word, tag in sent:
            m = COMPOUND.fullmatch(word)
            if m is None or tag[2:] in WHOLE:
                continue
            xs.append(features(m.group(1), m.group(2), tagger, nouns))
            ys.append(int(tag[2:] in PARTS))
            if typed is not None and tag[2:] in PARTS:
                typed.append((type_features(m.group(1), m.group(2), tagger, nouns), tag[2:5]))
    return xs, ys


def seen_types(sents: list[list[tuple[str, str]]]) -> dict[str, str]:
    """First parts the training sentences have in front of a hyphen at least SEEN_MIN times, mostly as one -part
    type: that type ("US-" LOCpart, though the tagger reads "US" alone as an organisation)."""
    counts: dict[str, Counter[str]] = {}
    for sent in sents:
        for word, tag in sent:
            m = COMPOUND.fullmatch(word)
            if m is not None:
                counts.setdefault(m.group(1), Counter())[tag[2:] or "O"] += 1
    out = {}
    for first, by_label in sorted(counts.items()):
        label, n = by_label.most_common(1)[0]
        if sum(by_label.values()) >= SEEN_MIN and label in PARTS and n * 2 > sum(by_label.values()):
            out[first] = label[:3]
    return out


def prf(probs: list[float], ys: list[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for p, y in zip(probs, ys, strict=True) if p >= threshold and y)
    kept = sum(1 for p in probs if p >= threshold)
    p = tp / kept if kept else 0.0
    r = tp / sum(ys) if sum(ys) else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    parts = splits()
    taggers = fold_taggers(parts["train"])
    xs: list[list[float]] = []
    ys: list[int] = []
    typed: list[tuple[list[float], str]] = []
    for k, tagger in enumerate(taggers):
        x, y = examples(tagger, [s for i, s in enumerate(parts["train"]) if i % 2 == k], typed)
        xs += x
        ys += y
    print(f"{len(ys)} training compounds, {sum(ys)} with a name in front", flush=True)
    model = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    oof = cross_val_predict(model, xs, ys, cv=5, method="predict_proba")[:, 1].tolist()
    threshold, f1 = best_threshold(oof, ys, sum(ys))
    print(f"out-of-fold F1 {f1:.3f} at threshold {threshold:.2f}")
    model.fit(xs, ys)
    # the type of a name in front: PER, LOC or ORG (multinomial, scikit-learn's classes in alphabetical order,
    # written in PART_TYPES's)
    tx, ty = [x for x, _ in typed], [t for _, t in typed]
    types = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    oof_types = cross_val_predict(types, tx, ty, cv=5)
    print(f"type accuracy out of fold {sum(a == b for a, b in zip(oof_types, ty, strict=True)) / len(ty):.3f} "
          f"({len(ty)} names)")
    types.fit(tx, ty)
    rows = {c: types.coef_[k].round(5).tolist() for k, c in enumerate(types.classes_)}
    PARTS_PATH.write_text(json.dumps({"features": FEATURE_NAMES, "weights": model.coef_[0].round(5).tolist(),
                                      "threshold": threshold, "type_weights": [rows[t] for t in PART_TYPES],
                                      "seen_types": seen_types(parts["train"])}, indent=0) + "\n", encoding="utf-8")
    for name, w in sorted(zip(FEATURE_NAMES, model.coef_[0], strict=True), key=lambda x: -abs(x[1]))[:12]:
        print(f"  {name:20s} {w:+.2f}")
    x, y = examples(taggers[0], parts["dev"])
    p, r, f = prf(model.predict_proba(x)[:, 1].tolist(), y, threshold)
    print(f"development part: {len(y)} compounds, {sum(y)} with a name in front: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
