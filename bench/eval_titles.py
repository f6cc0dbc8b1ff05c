"""Titles found in text dumps, against the page titles of ../shared/data/extraction/trafilatura-de/gold.json.

A title counts as right when, case and spacing aside, it equals the gold title, or one holds the other
and the longer one adds at most a site name or a kicker (the shorter has at least 60% of its words).
Prints the share of right titles for the train half (where the title rules were tuned), the dev half
and all pages with a gold title.

    python bench/eval_titles.py [--wrong]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "clean"))

from labels import DATA, is_dev, match_gold  # noqa: E402

MIN_WORD_SHARE = 0.6


def norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def right(found: str, gold: str) -> bool:
    a, b = norm(found), norm(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short in long and len(short.split()) >= MIN_WORD_SHARE * len(long.split())


def evaluate(wrong: bool = False) -> dict[str, tuple[int, int]]:
    from lagebild.clean.dump import clean_dump
    from lagebild.ingest.decode import decode_bytes

    counts = {"train": [0, 0], "dev": [0, 0]}
    for stem, gold in sorted(match_gold().items()):
        if not gold.get("title"):
            continue
        found = clean_dump(decode_bytes((DATA / "dumps" / f"{stem}.txt").read_bytes())).title
        split = "dev" if is_dev(stem) else "train"
        ok = right(found, gold["title"])
        counts[split][0] += ok
        counts[split][1] += 1
        if wrong and not ok and split == "train":
            print(f"{stem[:10]}  found {found[:60]!r}  gold {gold['title'][:60]!r}")
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wrong", action="store_true", help="list the wrong titles of the train half")
    args = ap.parse_args()
    res = evaluate(args.wrong)
    total = [sum(v[i] for v in res.values()) for i in (0, 1)]
    for split, (ok, n) in [*res.items(), ("all", tuple(total))]:
        print(f"{split:6s} {ok:4d} / {n:4d} right  ({ok / n:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
