"""The whole pipeline, as `lagebild analyze DIR --out OUT` runs it (read, every stage, dossier.json,
.md and .html written), over N 10kGNAD-sized text dumps on disk: articles/s on one core, peak memory.

    python bench/bench_full.py --sizes 1028 10000 [--kind copies|mixed]

Beyond the 1,028 real articles the corpus grows either by perturbed copies of them ("copies": every
article gets many near-duplicates, a stress test for reuse and story clustering) or by articles
mixed from the sentences of random real ones ("mixed": distinct articles, like a real news feed).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import SENTENCE, articles, as_dump, corpus  # noqa: E402


def mixed_corpus(size: int) -> list[str]:
    """The real articles, then distinct articles of as many sentences as a real one, each sentence
    taken from a random real article with half of its words swapped for random words of the corpus
    (so that no two articles share passages, as in a feed of different stories)."""
    base = articles()
    pool = [SENTENCE.split(t.strip()) for t in base]
    words = [w for t in base for w in t.split()]
    rng = random.Random(size)
    out = [as_dump(t) for t in base[:size]]
    while len(out) < size:
        n = len(pool[len(out) % len(pool)])
        sentences = []
        for _ in range(n):
            tokens = rng.choice(rng.choice(pool)).split()
            sentences.append(" ".join(rng.choice(words) if i and rng.random() < 0.5 else t
                                      for i, t in enumerate(tokens)))
        out.append(as_dump(" ".join(sentences)))
    return out


def run_one(size: int, kind: str) -> dict[str, float]:
    from lagebild.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(mixed_corpus(size) if kind == "mixed" else corpus(size)):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        out = Path(tmp) / "out"
        t0 = time.process_time()
        cli(["analyze", tmp, "--out", str(out), "--quiet", "--workers", "1"])  # one core: CPU of this process
        cpu = time.process_time() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        n = count_records(out / "dossier.json")
    return {"size": size, "cpu": cpu, "peak_mb": peak_mb, "documents": n["documents"], "stories": n["stories"],
            "reuse": n["reuse"], "claims": n["claims"]}


def count_records(path: Path) -> dict[str, int]:
    """Records per section of a dossier.json as `write_json` writes it (each record on a line of its own),
    counted without loading the file: at 100k articles json.loads would take several GB."""
    counts: dict[str, int] = {}
    section = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(' "') and line.rstrip().endswith("["):
                section = line.split('"')[1]
                counts[section] = 0
            elif line.startswith("  ") and section is not None:
                counts[section] += 1
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1028, 10_000])
    ap.add_argument("--kind", choices=["copies", "mixed"], default="copies")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.kind)))
        return 0
    print(f"{'articles':>9s} {'art/s':>7s} {'peak MB':>8s} {'stories':>8s} {'reuse':>7s} {'claims':>7s}  "
          "(CPU seconds, one core)")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--kind", args.kind], capture_output=True,
                             text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['size']:9d} {r['size'] / r['cpu']:7.0f} {r['peak_mb']:8.0f} {r['stories']:8d} {r['reuse']:7d} "
              f"{r['claims']:7d}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
