"""The whole pipeline (`lagebild.analyze`: read, clean, metadata, reuse, facts, claims, timeline,
stories) over N 10kGNAD-sized text dumps on disk: articles/s on one core and peak memory.

    python bench/bench_full.py --sizes 1028 10000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import corpus  # noqa: E402


def run_one(size: int) -> dict[str, float]:
    from lagebild import analyze

    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(corpus(size)):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        t0 = time.process_time()
        d = analyze([tmp])
        cpu = time.process_time() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "cpu": cpu, "peak_mb": peak_mb, "documents": len(d.documents), "stories": len(d.stories),
            "reuse": len(d.reuse), "claims": len(d.claims)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1028, 10_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(f"{'articles':>9s} {'art/s':>7s} {'peak MB':>8s} {'stories':>8s} {'reuse':>7s} {'claims':>7s}  "
          "(CPU seconds, one core)")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['size']:9d} {r['size'] / r['cpu']:7.0f} {r['peak_mb']:8.0f} {r['stories']:8d} {r['reuse']:7d} "
              f"{r['claims']:7d}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
