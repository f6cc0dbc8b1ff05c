"""Where a run's memory goes: resident memory after the document stages, after each corpus stage and
after each report file, with the peak during each step, and the bytes per article each dossier section
holds at the end.

    python bench/bench_memory.py --size 10000 [--kind mixed|copies]

The articles are those of `bench_full.py` (the 1,028 real 10kGNAD articles, then mixed or perturbed ones),
analysed in this process on one core as `lagebild analyze DIR --workers 1` does. The peak of a step is
read from the kernel's high-water mark, reset before the step (Linux: /proc/self/clear_refs); the
section sizes count each object once (sections in the order printed, so text a record only points at is
counted with the documents).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_full import mixed_corpus  # noqa: E402
from bench_pipeline import corpus  # noqa: E402

SECTIONS = ("documents", "reuse", "stories", "entities", "quotes", "quantities", "times", "claims", "timeline")


def resident_mb() -> tuple[int, int]:
    """(resident now, high-water mark since the last reset) in MB."""
    now = peak = 0
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) // 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) // 1024
    return now, peak


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def deep_size(obj: Any, seen: set[int]) -> int:
    """Bytes of `obj` and everything it holds that `seen` does not yet have."""
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        return size + sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    if isinstance(obj, (list, tuple, set, frozenset)):
        return size + sum(deep_size(x, seen) for x in obj)
    if isinstance(obj, (str, bytes, int, float)) or obj is None:
        return size
    if hasattr(obj, "__dict__"):
        size += deep_size(vars(obj), seen)
    for cls in type(obj).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if slot != "__weakref__" and hasattr(obj, slot):
                size += deep_size(getattr(obj, slot), seen)
    return size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--kind", choices=["copies", "mixed"], default="mixed")
    args = ap.parse_args()

    import lagebild.pipeline as pipeline
    import lagebild.stages  # noqa: F401  (registers the stages)
    from lagebild.api import analyze

    steps: list[tuple[str, int, int]] = []

    def measured(name: str, func: Callable[..., None]) -> Callable[..., None]:
        def run(*a: Any) -> None:
            if not steps:
                steps.append(("document stages", *resident_mb()))
            reset_peak()
            func(*a)
            steps.append((name, *resident_mb()))
        return run

    for name, st in list(pipeline.CORPUS_STAGES.items()):
        pipeline.CORPUS_STAGES[name] = pipeline.Stage(st.name, measured(name, st.func), st.requires, st.assigns,
                                                      st.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        texts = mixed_corpus(args.size) if args.kind == "mixed" else corpus(args.size)
        for i, text in enumerate(texts):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        del texts
        cpu = time.process_time()
        reset_peak()
        dossier = analyze([tmp], workers=1)
        out = Path(tmp) / "out"
        out.mkdir()
        for name, write in (("dossier.json", dossier.write_json), ("dossier.md", dossier.write_markdown),
                            ("dossier.html", dossier.write_html)):
            measured(name, write)(out / name)
        cpu = time.process_time() - cpu
    n = len(dossier.documents)
    print(f"{n} articles kept of {args.size} ({args.kind}), {cpu:.0f} CPU s, {n / cpu:.1f} articles/s")
    print(f"{'after':16s} {'resident MB':>11s} {'peak during':>11s}")
    for name, now, peak in steps:
        print(f"{name:16s} {now:11d} {peak:11d}", flush=True)
    print(f"{'section':16s} {'records':>11s} {'bytes/article':>13s}")
    seen: set[int] = set()
    for section in SECTIONS:
        records = getattr(dossier, section)
        print(f"{section:16s} {len(records):11d} {deep_size(records, seen) / max(n, 1):13.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
