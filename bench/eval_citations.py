"""Calibration of the citation threshold (corpus/summary.py CITE_SIMILARITY): hand-labelled sentence pairs
of the fictional examples (tests/data/citation_pairs.tsv: every sentence's best match in each other
article of the bridge story with a stem Dice of 0.1 or more; `same` = 1 where the two say the same fact).
Prints precision, recall and F1 of "similarity >= threshold" for a range of thresholds.

    python bench/eval_citations.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from lagebild.corpus.summary import CITE_SIMILARITY, similarity

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "citation_pairs.tsv"


def main() -> None:
    with PAIRS.open(encoding="utf-8") as fh:
        rows = [(r["same"] == "1", similarity(r["a"], r["b"])) for r in csv.DictReader(fh, delimiter="\t")]
    print(f"{len(rows)} pairs, {sum(s for s, _ in rows)} saying the same; current threshold {CITE_SIMILARITY}")
    for th in (0.2, 0.3, 0.4, 0.45, 0.49, 0.5, 0.53, 0.55, 0.6, 0.7):
        tp = sum(s and v >= th for s, v in rows)
        fp = sum(not s and v >= th for s, v in rows)
        fn = sum(s and v < th for s, v in rows)
        p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
        print(f"threshold {th:.2f}: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")


if __name__ == "__main__":
    main()
