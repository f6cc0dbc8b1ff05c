"""A logistic regression over sparse named features, shipped as a weight per feature name and a threshold
(the clause and marks classifiers of extract/attribution.py): training, the dev grid and the model file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Pairs = list[tuple[dict[str, float], int]]


def train(pairs: Pairs, c: float) -> dict[str, float]:
    """Weights by feature name (those of at least 1e-4), the intercept as "bias"."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in pairs])
    model = LogisticRegression(C=c, max_iter=3000).fit(x, [y for _, y in pairs])
    weights = {name: round(float(v), 5) for name, v in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(v) >= 1e-4}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    return weights


def tune(pairs: Pairs, cs: tuple[float, ...], thresholds: tuple[float, ...],
         install: Callable[[dict[str, Any]], None]) -> None:
    """The news corpus's dev figures of the quote stage for each regularisation and threshold: `install` puts
    a model in place of the shipped one."""
    from eval_news_quotes import evaluate

    for c in cs:
        weights = train(pairs, c)
        for threshold in thresholds:
            install({"weights": weights, "threshold": threshold})
            s = evaluate("dev", "pipeline")
            print(f"C {c} threshold {threshold}: msg F1 {s['f1_msg']:.4f} P {s['prec_msg']:.3f} "
                  f"R {s['rec_msg']:.3f}, speaker {s['speaker']:.4f} of {s['speaker_n']}", flush=True)


def save(path: Path, weights: dict[str, float], threshold: float) -> None:
    path.write_text(json.dumps({"weights": weights, "threshold": threshold}, indent=1, sort_keys=True,
                               ensure_ascii=False) + "\n", encoding="utf-8")
