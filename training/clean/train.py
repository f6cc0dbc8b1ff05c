"""Train the content-line classifier shipped in src/lagebild/clean/data/line_model.json.

    python training/clean/train.py            # needs the dev extra (scikit-learn) and ../shared

Reproducible: fixed split (training/clean/labels.py: is_dev), deterministic solver. Prints the
snippet F1 of the classifier alone on the dev half; the full cleaner is scored by
bench/eval_dumps.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

from labels import is_dev, match_gold, silver_labels  # noqa: E402

from lagebild.clean.features import FEATURE_NAMES, line_features  # noqa: E402

OUT = HERE.parents[1] / "src" / "lagebild" / "clean" / "data" / "line_model.json"
# Gradient-boosted trees; on the dev half 100 trees x 15 leaves scored as well as 150x31 and 300x31
# (snippet F1 0.838 / 0.834 / 0.831 at threshold 0.4) and keep the shipped model small.
TREES, LEAVES, LEARNING_RATE = 100, 15, 0.1


def export_trees(clf) -> list[dict[str, list]]:
    """The fitted trees as flat node arrays (see lagebild.clean.classifier)."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [int(v) for v in nodes["feature_idx"]],
            "threshold": [round(float(v), 6) for v in nodes["num_threshold"]],
            "left": [int(v) for v in nodes["left"]],
            "right": [int(v) for v in nodes["right"]],
            "leaf": [int(v) for v in nodes["is_leaf"]],
            "value": [round(float(v), 6) for v in nodes["value"]],
        })
    return trees


def main() -> int:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    gold = match_gold()
    X, y = [], []
    for stem, g in sorted(gold.items()):
        if is_dev(stem):
            continue
        lines, labels = silver_labels(stem, g)
        X += line_features(lines)
        y += labels
    Xa, ya = np.array(X), np.array(y)
    clf = HistGradientBoostingClassifier(
        max_iter=TREES, max_leaf_nodes=LEAVES, learning_rate=LEARNING_RATE, random_state=0
    ).fit(Xa, ya)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "features": FEATURE_NAMES,
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "trees": export_trees(clf),
        "trained_on": "shared/data/extraction/trafilatura-de dumps, train half (silver labels from trafilatura)",
        "lines": len(ya), "positive": int(ya.sum()),
    }, separators=(",", ":")))
    print(f"trained on {len(ya)} lines ({int(ya.sum())} content); wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
