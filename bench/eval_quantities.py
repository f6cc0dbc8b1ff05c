"""Quantities against the hand-made gold set tests/data/quantities_10kgnad.tsv (every amount in 16
10kGNAD news articles; the file says what counts as an amount) and its held-out part (8 more
articles, annotated after the extractor's last change): value+unit precision, recall, F1.

    python bench/eval_quantities.py [--misses]

A found quantity matches a gold one when its span covers the gold amount's first character and
value and unit agree (units compared without case and inflection endings: "Punkten" ~ "Punkte")."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "text" / "10kgnad" / "test.csv"
GOLD = {"dev": ROOT / "tests" / "data" / "quantities_10kgnad.tsv",
        "held out": ROOT / "tests" / "data" / "quantities_10kgnad_heldout.tsv"}


def read_gold(split: str) -> dict[int, list[tuple[int, float, str]]]:
    gold: dict[int, list[tuple[int, float, str]]] = {}
    for line in GOLD[split].read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        article, start, value, unit = line.split("\t")
        gold.setdefault(int(article), []).append((int(start), float(value), unit))
    return gold


def unit_form(unit: str) -> str:
    u = unit.lower()
    for ending in ("en", "n", "e", "s"):
        if u.endswith(ending) and len(u) - len(ending) >= 4:
            return u[: -len(ending)]
    return u


def evaluate(split: str = "dev", misses: bool = False) -> tuple[float, float, float, int]:
    from lagebild.corpus.facts import amounts
    from lagebild.extract.timex import find_times

    with DATA.open(encoding="utf-8") as fh:
        texts = [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]
    tp = found = n_gold = 0
    for article, wanted in sorted(read_gold(split).items()):
        text = texts[article]
        got = amounts(text, find_times(text))
        found += len(got)
        n_gold += len(wanted)
        used: set[int] = set()
        for start, value, unit in wanted:
            hit = next((i for i, q in enumerate(got) if i not in used and q.start <= start < q.end
                        and abs(q.value - value) <= 1e-6 * max(1.0, abs(value))
                        and unit_form(q.unit) == unit_form(unit)), None)
            if hit is None:
                if misses:
                    near = [f"{q.text!r}={q.value:g} {q.unit}" for q in got if q.start <= start < q.end]
                    print(f"missed  {article}:{start} {value:g} {unit}  found: {near or '-'}")
                continue
            used.add(hit)
            tp += 1
        if misses:
            for i, q in enumerate(got):
                if i not in used and not any(q.start <= s < q.end for s, _, _ in wanted):
                    print(f"extra   {article}:{q.start} {q.text!r}={q.value:g} {q.unit}")
    p, r = tp / max(found, 1), tp / max(n_gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, n_gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    for split in GOLD:
        p, r, f, n = evaluate(split, args.misses and split == "dev")
        print(f"{split:9s} quantities (value+unit), {n} gold amounts: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
