"""Throughput and peak memory of clean + metadata + reuse on 10kGNAD-sized articles.

    python bench/bench_pipeline.py                 # 1k (the 1,028 articles), 10k and 100k
    python bench/bench_pipeline.py --sizes 1000    # one size

Each article of ../shared/data/text/10kgnad/test.csv is written out as a text dump (its sentences in
paragraphs of three, with a cookie line, share buttons and a comment header around them, as
scraped pages have). Larger corpora are copies with light perturbation (about 3 % of the words
dropped or swapped, seeded), so the reuse stage has real near-duplicates to align. Each size runs
in its own process so that its peak resident memory is its own. Prints one table row per size:
articles/s and words/s on one core (document stages, the reuse stage, and the whole), peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "text" / "10kgnad" / "test.csv"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")


def articles() -> list[str]:
    with DATA.open(encoding="utf-8") as fh:
        return [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]


def as_dump(text: str) -> str:
    sentences = SENTENCE.split(text.strip())
    title, rest = sentences[0], sentences[1:]
    paras = [" ".join(rest[i : i + 3]) for i in range(0, len(rest), 3)]
    return "\n\n".join(["Wir verwenden Cookies. Mit der Nutzung der Seite stimmen Sie zu.", title, *paras,
                        "Teilen", "12 Kommentare"]) + "\n"


def perturb(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        x = rng.random()
        if x < rate / 2:
            continue
        if x < rate and out:
            out[-1], w = w, out[-1]
        out.append(w)
    return " ".join(out)


def corpus(size: int) -> list[str]:
    base = articles()
    rng = random.Random(size)
    out = [as_dump(t) for t in base[:size]]
    while len(out) < size:
        out.append(as_dump(perturb(base[len(out) % len(base)], rng)))
    return out


def run_one(size: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from lagebild.corpus.reuse import find_reuse
    from lagebild.meta import extract_metadata
    from lagebild.model import Document
    from lagebild.stages import clean

    dumps = corpus(size)
    words = sum(len(d.split()) for d in dumps)
    t0 = time.process_time()
    docs = []
    for i, raw in enumerate(dumps):
        doc = Document(id=f"d{i + 1}", source=f"bench/{i}.txt", format="text", raw=raw)
        clean(doc)
        extract_metadata(doc)
        doc.raw = ""  # the raw dump is not needed after cleaning; keep memory to the clean text
        doc.lines = []
        docs.append(doc)
    t1 = time.process_time()
    reuse = find_reuse(docs)
    t2 = time.process_time()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "words": words, "doc_s": t1 - t0, "reuse_s": t2 - t1, "reuse_items": len(reuse),
            "peak_mb": peak_mb}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1028, 10_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(f"{'articles':>9s} {'words':>11s} {'docs/s':>8s} {'words/s':>9s} {'reuse/s':>8s} "
          f"{'total art/s':>11s} {'peak MB':>8s} {'reuse items':>11s}   (CPU seconds, one core)")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        total = r["doc_s"] + r["reuse_s"]
        print(f"{r['size']:9d} {r['words']:11d} {r['size'] / r['doc_s']:8.0f} {r['words'] / r['doc_s']:9.0f} "
              f"{r['size'] / max(r['reuse_s'], 1e-9):8.0f} {r['size'] / total:11.0f} {r['peak_mb']:8.0f} "
              f"{r['reuse_items']:11d}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
