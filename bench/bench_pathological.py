"""CPU seconds per MB for each class of pathological input (issue #20, item 8), on one core.

    python bench/bench_pathological.py                       # every class at 0.25, 0.5, 1, 2, 4 MB
    python bench/bench_pathological.py --sizes 1 --only prose_line
    python bench/bench_pathological.py --calls                 # the cheap form: work per byte, 12 and 48 KB
    python bench/bench_pathological.py --stages --sizes 0.25   # where the time goes, per stage

Each input is one file written by a generator below (invented words only) and analysed in this
process with `lagebild.analyze`; the figure is the process's CPU time for that call. Targets: every
1 MB input in <= 5 CPU s, and the time growing linearly from 0.25 to 4 MB.
A class whose analysis recorded a problem (facts read from the first EXTRACT_MAX_CHARS only, nlp/pieces.py;
a time budget ran out; a stage left the document out) is marked with `!`, one whose input was rejected
(so not analysed) with `x`.

`--calls` counts work instead of time: the Python calls and returns while one input is analysed, per byte,
at 48 KB over 12 KB. Unlike time it is the same on any machine and load, so tests/test_gates.py holds it: work
per KB that grows with the input is a loop over the whole text (or piece) for each item found in it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000
WORDS = ("nordhafen", "brücke", "rat", "stadt", "bericht", "woche", "hafen", "straße", "antrag", "frage",
         "bürger", "sitzung", "plan", "jahr", "ufer")
NAMES = ("Anna", "Velden", "Nordbote", "Karla", "Brandt", "Ostmark", "Jonas", "Weller", "Hallenberg", "Mira")


def _fill(unit: Callable[[random.Random], str], size: int, sep: str = "") -> str:
    rng = random.Random(20)
    parts: list[str] = []
    n = 0
    while n < size:
        part = unit(rng)
        parts.append(part)
        n += len(part.encode("utf-8")) + len(sep)
    return sep.join(parts)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return f"Der {' '.join(words)} {rng.choice(NAMES)} sagte am Montag, es gehe um {rng.randint(2, 900)} Euro."


def quote_lines(size: int) -> str:
    """Paragraphs of prose in which every sentence opens a quotation and none closes it."""
    return "Nordhafen im Rat\n\n" + _fill(lambda r: " ".join(f"„{_sentence(r)}" for _ in range(5)), size, "\n\n")


def capitalised_line(size: int) -> str:
    """One line of capitalised words (a name list without end)."""
    return "Heute sprachen " + _fill(lambda r: r.choice(NAMES), size, " ") + " im Rat.\n"


def dates_numbers(size: int) -> str:
    """Lines of dates, clock times, amounts and ranges."""
    def unit(r: random.Random) -> str:
        return (f"Am {r.randint(1, 28)}.{r.randint(1, 12)}.{r.randint(1990, 2030)} um {r.randint(0, 23)}:"
                f"{r.randint(10, 59)} Uhr kamen {r.randint(2, 999)} bis {r.randint(1000, 9999)} Menschen, "
                f"{r.randint(1, 99)},{r.randint(1, 9)} Prozent mehr, {r.randint(1, 500)} Millionen Euro.")
    return _fill(unit, size, "\n")


def prose_line(size: int) -> str:
    """Article prose without one line break."""
    return "Nordhafen: Bericht aus dem Rat\n\n" + _fill(_sentence, size, " ") + "\n"


def html_paragraphs(size: int) -> str:
    """An HTML page of many short paragraphs."""
    body = _fill(lambda r: f"<p>{_sentence(r)}</p>", size, "\n")
    return f"<!doctype html><html><head><title>Nordbote</title></head><body><article>{body}</article></body></html>"


def nested_html(size: int) -> str:
    """An article inside wrappers nested as deep as the size allows (about 90k levels per MB)."""
    body = "".join(f"<p>{_sentence(random.Random(k))}</p>" for k in range(40))
    depth = max(1, (size - len(body)) // len("<div></div>"))
    return (f"<!doctype html><html><head><title>Nordbote</title></head><body>{'<div>' * depth}<article>{body}"
            f"</article>{'</div>' * depth}</body></html>")


CLASSES: dict[str, tuple[Callable[[int], str], str]] = {
    "quote_lines": (quote_lines, ".txt"),
    "capitalised_line": (capitalised_line, ".txt"),
    "dates_numbers": (dates_numbers, ".txt"),
    "prose_line": (prose_line, ".txt"),
    "html_paragraphs": (html_paragraphs, ".html"),
    "nested_html": (nested_html, ".html"),
}


def measure(name: str, megabytes: float, folder: Path) -> tuple[float, str]:
    from lagebild import analyze

    make, suffix = CLASSES[name]
    path = folder / f"{name}-{megabytes}{suffix}"
    path.write_text(make(int(megabytes * MB)), encoding="utf-8")
    started = time.process_time()
    dossier = analyze([path], max_bytes=50 * MB)
    spent = time.process_time() - started
    path.unlink()
    return spent, "x" if dossier.rejected else "!" if dossier.problem_list() else " "


def by_stage(name: str, megabytes: float, folder: Path) -> dict[str, float]:
    """CPU seconds per stage (the extraction split into what it runs) while the class's input is analysed."""
    import dataclasses
    import importlib

    from lagebild import pipeline

    spent: dict[str, float] = {}

    def timed(label: str, func: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started
        return run

    parts = {"quotations": ("lagebild.extract.attribution", "quotations"),
             "names": ("lagebild.extract.entities", "find_mentions"),
             "times": ("lagebild.extract.timex", "find_times"), "quantities": ("lagebild.corpus.facts", "amounts")}
    saved = [(table, dict(table)) for table in (pipeline.DOCUMENT_STAGES, pipeline.CORPUS_STAGES)]
    modules = {label: importlib.import_module(module) for label, (module, _) in parts.items()}
    originals = {label: getattr(modules[label], attr) for label, (_, attr) in parts.items()}
    try:
        for table, _ in saved:
            for key, st in table.items():
                table[key] = dataclasses.replace(st, func=timed(key, st.func))
        for label, (_, attr) in parts.items():
            setattr(modules[label], attr, timed(label, originals[label]))
        spent.clear()
        measure(name, megabytes, folder)
    finally:
        for table, copy in saved:
            table.update(copy)
        for label, (_, attr) in parts.items():
            setattr(modules[label], attr, originals[label])
    spent["extract"] -= sum(spent.get(label, 0.0) for label in parts)  # what is left of it: the pieces' bookkeeping
    return spent


def calls(name: str, size: int, folder: Path) -> int:
    """Python calls and returns (profiler events) while the class's input of `size` bytes is analysed."""
    from lagebild import analyze

    make, suffix = CLASSES[name]
    path = folder / f"{name}-{size}{suffix}"
    path.write_text(make(size), encoding="utf-8")
    n = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal n
        n += 1

    sys.setprofile(count)
    try:
        analyze([path], max_bytes=MB, workers=1)
    finally:
        sys.setprofile(None)
    path.unlink()
    return n


def work_growth(name: str, small: int = 12_000, large: int = 48_000) -> float:
    """Work per byte at `large` over work per byte at `small` (1.0: linear). Both sizes are one piece
    (nlp/pieces.py), so a loop over the piece for each item in it shows in full."""
    with tempfile.TemporaryDirectory() as tmp:
        calls(name, small, Path(tmp))  # models loaded and caches filled outside the count
        a, b = calls(name, small, Path(tmp)), calls(name, large, Path(tmp))
    return (b / large) / (a / small)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2, 4], help="input sizes in MB")
    ap.add_argument("--only", nargs="+", choices=sorted(CLASSES), help="classes to run (default: all)")
    ap.add_argument("--calls", action="store_true", help="work (Python calls) per byte at 48 KB over 12 KB")
    ap.add_argument("--stages", action="store_true", help="CPU s per MB of each stage, at the first size")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from lagebild import analyze

    analyze([Path(__file__)], max_bytes=MB)  # load the models once, outside the figures
    if args.calls:
        for name in args.only or CLASSES:
            print(f"{name:<18} {work_growth(name):.2f}   (work per byte at 48 KB / at 12 KB; 1.00 = linear)")
        return 0
    if args.stages:
        with tempfile.TemporaryDirectory() as tmp:
            for name in args.only or CLASSES:
                top = sorted(by_stage(name, args.sizes[0], Path(tmp)).items(), key=lambda kv: -kv[1])
                print(f"{name:<18}" + ", ".join(f"{k} {v / args.sizes[0]:.1f}" for k, v in top if v >= 0.005),
                      flush=True)
        return 0
    print(f"{'class':<18}" + "".join(f"{s:>9g} MB" for s in args.sizes)
          + "   (CPU s per MB; ! = a problem recorded, x = rejected)")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or CLASSES:
            cells = []
            for size in args.sizes:
                spent, mark = measure(name, size, Path(tmp))
                cells.append(f"{spent / size:>11.2f}{mark}")
            print(f"{name:<18}" + "".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
