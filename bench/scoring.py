"""Scoring helpers shared by the evaluation scripts."""

from __future__ import annotations


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def count_tokens(counts: list[int], spans: list[tuple[int, int]], gold: list[bool],
                 predicted: list[tuple[int, int]]) -> None:
    """Add token-level tp / fp / fn to `counts`: a token is predicted when a predicted span covers it."""
    for (a, b), truth in zip(spans, gold, strict=True):
        hit = any(x <= a and b <= y for x, y in predicted)
        counts[0] += hit and truth
        counts[1] += hit and not truth
        counts[2] += truth and not hit
