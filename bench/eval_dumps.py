"""Text-dump cleaning scored like trafilatura's evaluation on ../shared/data/extraction/trafilatura-de.

Per page, each gold `with` snippet found in the clean text is a true positive (else a false
negative); each `without` snippet found is a false positive. Prints precision, recall and F1 for
the dev half (never trained on), the train half and all pages.

    python bench/eval_dumps.py [--html] [--misses]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "clean"))
sys.path.insert(0, str(ROOT / "bench"))

from labels import DATA, is_dev, match_gold  # noqa: E402
from scoring import prf  # noqa: E402


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def evaluate(html: bool = False, misses: bool = False) -> dict[str, tuple[float, float, float]]:
    from lagebild.clean.dump import clean_dump
    from lagebild.clean.html import clean_html
    from lagebild.ingest.decode import decode_bytes

    counts = {"dev": [0, 0, 0], "train": [0, 0, 0]}
    for stem, gold in sorted(match_gold().items()):
        if html:
            text = clean_html(decode_bytes((DATA / "pages" / f"{stem}.html").read_bytes())).clean.text
        else:
            text = clean_dump(decode_bytes((DATA / "dumps" / f"{stem}.txt").read_bytes())).text
        out = norm(text)
        c = counts["dev" if is_dev(stem) else "train"]
        for s in gold["with"]:
            hit = norm(s) in out
            c[0 if hit else 2] += 1
            if misses and not hit and is_dev(stem):
                print(f"lost   {stem[:8]} {s[:70]}")
        for s in gold["without"]:
            if norm(s) in out:
                c[1] += 1
                if misses and is_dev(stem):
                    print(f"kept   {stem[:8]} {s[:70]}")
    total = [a + b for a, b in zip(counts["dev"], counts["train"], strict=True)]
    return {"dev": prf(*counts["dev"]), "train": prf(*counts["train"]), "all": prf(*total)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html", action="store_true", help="score the HTML path on the pages instead of the dumps")
    ap.add_argument("--misses", action="store_true", help="list lost and kept snippets of the dev half")
    args = ap.parse_args()
    res = evaluate(args.html, args.misses)
    print(f"{'split':6s} {'P':>6s} {'R':>6s} {'F1':>6s}   ({'HTML' if args.html else 'text dumps'})")
    for split, (p, r, f) in res.items():
        print(f"{split:6s} {p:6.3f} {r:6.3f} {f:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
