"""The living corpus: `--workers` speed-up, growing a store, and a slice report (issue 19).

    python bench/bench_incremental.py workers [--size 1028]          # wall time, --workers 1 vs 2
    python bench/bench_incremental.py share [--size 1028]            # CPU share of the per-document stages
    python bench/bench_incremental.py grow --base 10000 --add 1000   # add 1,000 to a store of 10,000
    python bench/bench_incremental.py grow ... --postgres postgresql://USER@HOST/DB  # the stores in PostgreSQL
    python bench/bench_incremental.py slice --base 10000             # one story's report out of that store

Articles are 10kGNAD-sized text dumps (bench_pipeline.py; beyond the 1,028 real ones, distinct
articles mixed from their sentences, as bench_full.py --kind mixed). Each run is a child process
(`lagebild analyze` / `lagebild report`), timed by wall clock; peak memory is the child's max RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_full import mixed_corpus  # noqa: E402


def write(folder: Path, texts: list[str], offset: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{offset + i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


# The child reports its own peak (and its worker processes'): RUSAGE_CHILDREN here would be the
# largest of all children run so far.
# Its CPU seconds too (its own and its workers'): on a shared machine the wall time says as much about the
# other jobs as about lagebild.
CHILD = ("import resource, sys\nfrom lagebild.cli import main\nrc = main(sys.argv[1:])\n"
         "use = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
         "print(f'PEAK {max(u.ru_maxrss for u in use)}', file=sys.stderr)\n"
         "print(f'CPU {sum(u.ru_utime + u.ru_stime for u in use)}', file=sys.stderr)\nsys.exit(rc)")
LAST_CPU: list[float] = [float("nan")]  # CPU seconds of the last `lagebild` command
LAST_STAGES: dict[str, float] = {}  # CPU seconds of each corpus stage of the last command run with `stages`
# a corpus stage's progress line (pipeline.run_corpus): "stories (2200 documents) ... 1.2 s (1.1 CPU s)"
STAGE_LINE = re.compile(r"^(\w+) \(\d+ documents\) \.\.\. [\d.]+ s \(([\d.]+) CPU s\)$")


def lagebild(*args: str, stages: bool = False) -> tuple[float, float]:
    """(wall seconds, peak MB of the child process or of one of its workers) of one `lagebild` command;
    its CPU seconds in LAST_CPU[0]; with `stages` (its progress shown, not --quiet) those of each corpus
    stage in LAST_STAGES."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, *args, *([] if stages else ["--quiet"])], check=False,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    lines = done.stderr.splitlines()
    peaks = [int(line.split()[1]) for line in lines if line.startswith("PEAK ")]
    LAST_CPU[0] = next((float(line.split()[1]) for line in lines if line.startswith("CPU ")), float("nan"))
    LAST_STAGES.clear()
    LAST_STAGES.update((m[1], float(m[2])) for line in lines if (m := STAGE_LINE.match(line.strip())))
    return wall, (peaks[-1] / 1024 if peaks else float("nan"))


def bench_workers(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write(Path(tmp) / "in", mixed_corpus(size))
        rates = {}
        for n in (1, 2):
            wall, peak = lagebild("analyze", str(corpus), "--out", f"{tmp}/o{n}", "--workers", str(n))
            rates[n] = size / wall
            print(f"--workers {n}: {size} articles in {wall:.1f} s = {rates[n]:.1f} articles/s (peak {peak:.0f} MB)")
        same = all((Path(tmp) / "o1" / f).read_bytes() == (Path(tmp) / "o2" / f).read_bytes()
                   for f in ("dossier.json", "dossier.md", "dossier.html"))
        print(f"speed-up {rates[2] / rates[1]:.2f}x; identical output: {same}")


def bench_share(size: int) -> None:
    """CPU seconds of the per-document stages (what --workers spreads) against the rest, in one process:
    the speed-up two idle cores can give is 1 / (rest + per_document / 2)."""
    from lagebild import stages as _stages  # noqa: F401
    from lagebild.api import analyze_item
    from lagebild.ingest import expand_inputs, read_inputs
    from lagebild.model import Dossier, Rejected
    from lagebild.pipeline import run_corpus
    from lagebild.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write(Path(tmp) / "in", mixed_corpus(size))
        cfg = Settings()
        dossier = Dossier()
        t0 = time.process_time()
        for item in read_inputs(list(expand_inputs([corpus])), cfg.max_bytes):
            doc = item if isinstance(item, Rejected) else analyze_item(item, cfg)
            if not isinstance(doc, Rejected):
                doc.id = f"d{len(dossier.documents) + 1}"
                dossier.documents.append(doc)
        t1 = time.process_time()
        run_corpus(dossier, cfg)
        dossier.write_files(Path(tmp) / "out")
        t2 = time.process_time()
    per_doc, rest = t1 - t0, t2 - t1
    share = per_doc / (per_doc + rest)
    print(f"{size} articles: per-document stages {per_doc:.1f} CPU s, corpus stages and writing {rest:.1f} CPU s; "
          f"per-document share {share:.0%}, so 2 idle cores give at most {1 / (1 - share + share / 2):.2f}x")


def databases(server: str, names: list[str]) -> list[str]:
    """Fresh databases of these names on the server of `server` (a postgresql:// URL); their URLs."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        for name in names:
            con.execute(f"DROP DATABASE IF EXISTS {name}")
            con.execute(f"CREATE DATABASE {name}")
    url = urlsplit(server)
    return [urlunsplit(url._replace(path=f"/{name}")) for name in names]


def bench_grow(base: int, add: int, workers: int, postgres: str | None = None) -> None:
    texts = mixed_corpus(base + add)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = write(Path(tmp) / "old", texts[:base]), write(Path(tmp) / "new", texts[base:], base)
        db, empty = databases(postgres, ["bench_grown", "bench_empty"]) if postgres else \
            (f"{tmp}/grown.sqlite", f"{tmp}/empty.sqlite")
        w = ["--workers", str(workers)]
        t_base, _ = lagebild("analyze", str(old), "--out", f"{tmp}/o0", "--db", db, *w)
        print(f"store of {base}: built in {t_base:.0f} s ({os.getloadavg()[0]:.1f} load average)")
        t_empty, p_empty = lagebild("analyze", str(new), "--out", f"{tmp}/o1", "--db", empty, *w, stages=True)
        c_empty, s_empty = LAST_CPU[0], dict(LAST_STAGES)
        t_grow, p_grow = lagebild("analyze", str(new), "--out", f"{tmp}/o2", "--db", db, *w, stages=True)
        c_grow, s_grow = LAST_CPU[0], dict(LAST_STAGES)
        print(f"{add} articles into an empty store: {t_empty:.1f} s, {c_empty:.1f} CPU s (peak {p_empty:.0f} MB)")
        print(f"{add} articles into the store of {base}: {t_grow:.1f} s, {c_grow:.1f} CPU s (peak {p_grow:.0f} MB) "
              f"= {t_grow / t_empty:.2f}x the wall time, {c_grow / c_empty:.2f}x the CPU time "
              f"({os.getloadavg()[0]:.1f} load average)")
        # the corpus stages (run in the main process): what grows with the store
        print("corpus stages, CPU s into the empty store / into the store of "
              f"{base}: " + ", ".join(f"{name} {s_empty.get(name, float('nan')):.2f} / {cpu:.2f}"
                                       for name, cpu in s_grow.items())
              + f"; together {sum(s_empty.values()):.2f} / {sum(s_grow.values()):.2f}")


def bench_slice(base: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write(Path(tmp) / "in", mixed_corpus(base))
        db = f"{tmp}/c.sqlite"
        lagebild("analyze", str(corpus), "--out", f"{tmp}/all", "--db", db, "--workers", str(workers))
        dossier = json.loads((Path(tmp) / "all" / "dossier.json").read_text(encoding="utf-8"))
        story = max(dossier["stories"], key=lambda s: len(s["documents"]))
        word = story["title"].split()[0]
        for label, args in ((f"--story {story['id']} ({len(story['documents'])} documents)", ["--story", story["id"]]),
                            (f"--query {word!r}", ["--query", word])):
            wall, peak = lagebild("report", "--db", db, "--out", f"{tmp}/slice", *args)
            n = len(json.loads((Path(tmp) / "slice" / "dossier.json").read_text(encoding="utf-8"))["documents"])
            print(f"report {label} out of {base}: {wall:.1f} s, {n} documents, peak {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["workers", "share", "grow", "slice"])
    ap.add_argument("--size", type=int, default=1028)
    ap.add_argument("--base", type=int, default=10000)
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--postgres", metavar="URL", help="grow: the stores as databases on this PostgreSQL server")
    a = ap.parse_args()
    if a.what == "workers":
        bench_workers(a.size)
    elif a.what == "share":
        bench_share(a.size)
    elif a.what == "grow":
        bench_grow(a.base, a.add, a.workers, a.postgres)
    else:
        bench_slice(a.base, a.workers)


if __name__ == "__main__":
    main()
