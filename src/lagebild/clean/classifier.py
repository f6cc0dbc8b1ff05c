"""The content-line classifier: gradient-boosted trees over `features.line_features`, trained by
training/clean/train.py and shipped as flat node arrays in data/line_model.json.

Inference walks all trees for all lines of a page at once with numpy (one step per tree level),
which keeps it at a few milliseconds per page without scikit-learn at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .features import FEATURE_NAMES, line_features


@dataclass(frozen=True)
class _Forest:
    feature: np.ndarray  # (trees, nodes)
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    baseline: float
    depth: int


@lru_cache(maxsize=1)
def _forest() -> _Forest:
    data = json.loads(resources.files("lagebild.clean").joinpath("data/line_model.json").read_text("utf-8"))
    if data["features"] != FEATURE_NAMES:
        raise RuntimeError(
            "line_model.json was trained on other features than lagebild.clean.features defines; "
            "retrain with `python training/clean/train.py`"
        )
    trees = data["trees"]
    width = max(len(t["feature"]) for t in trees)

    def pad(key: str, dtype: type, fill: float) -> np.ndarray:
        return np.array([t[key] + [fill] * (width - len(t[key])) for t in trees], dtype=dtype)

    return _Forest(
        feature=pad("feature", np.int64, 0), threshold=pad("threshold", np.float64, 0.0),
        left=pad("left", np.int64, 0), right=pad("right", np.int64, 0), leaf=pad("leaf", np.bool_, True),
        value=pad("value", np.float64, 0.0), baseline=float(data["baseline"]), depth=width,
    )


def content_probabilities(lines: list[str]) -> list[float]:
    """P(line is article content) for each (non-blank) line of a dump."""
    if not lines:
        return []
    f = _forest()
    x = np.asarray(line_features(lines), dtype=np.float64)  # (lines, features)
    n_trees = f.feature.shape[0]
    rows = np.arange(n_trees)[:, None]
    node = np.zeros((n_trees, len(lines)), dtype=np.int64)
    cols = np.arange(len(lines))[None, :]
    for _ in range(f.depth):
        at_leaf = f.leaf[rows, node]
        if at_leaf.all():
            break
        go_left = x[cols, f.feature[rows, node]] <= f.threshold[rows, node]
        nxt = np.where(go_left, f.left[rows, node], f.right[rows, node])
        node = np.where(at_leaf, node, nxt)
    raw = f.baseline + f.value[rows, node].sum(axis=0)
    return (1.0 / (1.0 + np.exp(-raw))).tolist()
