"""The workspace (`lagebild serve`) on a store of N articles: story page and search latency (p50 / p95,
wall clock as an HTTP client sees it, the server in its own process), and the server's peak memory.

    python bench/bench_serve.py --size 10000 [--store /tmp/serve10k.sqlite] [--requests 300]

The store is built once by `lagebild analyze --db` over a corpus bench_full.py makes (the 1,028 real
10kGNAD articles plus distinct articles mixed from their sentences, or perturbed copies of them with
--kind copies) and reused when --store exists.
Targets (issue 18): p95 < 150 ms for a story page, < 300 ms for a search.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def build(store: Path, size: int, kind: str) -> None:
    from bench_full import corpus, mixed_corpus

    from lagebild.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(mixed_corpus(size) if kind == "mixed" else corpus(size)):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        t0 = time.monotonic()
        cli(["analyze", tmp, "--db", str(store), "--out", str(Path(tmp) / "out"), "--quiet"])
        print(f"built {store} from {size} articles in {time.monotonic() - t0:.0f} s", file=sys.stderr)


def queries(store: Path, n: int, rng: random.Random) -> list[str]:
    """Words of the stored titles (one word, two words, a phrase, a prefix, an OR), as a user types them."""
    titles = [t for (t,) in sqlite3.connect(store).execute("SELECT title FROM snap_docs WHERE title != ''")]
    words = [w for t in titles for w in t.split() if len(w) >= 5 and w.isalpha()]
    out = []
    for i in range(n):
        a, b = rng.choice(words), rng.choice(words)
        out.append([a, f"{a} {b}", f'"{a} {b}"', f"{a[:4]}*", f"{a} OR {b}"][i % 5])
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(store: Path, requests: int) -> dict[str, float]:
    """Requests over HTTP (keep-alive) to `lagebild serve` running in its own process; latency as the client
    sees it; the server's peak resident memory from /proc."""
    import httpx

    rng = random.Random(18)
    db = sqlite3.connect(store)
    stories = [s for (s,) in db.execute("SELECT id FROM snap_stories ORDER BY n_docs DESC")]
    sample = stories[:20] + rng.sample(stories, min(len(stories), requests) - 20)  # the largest ones too
    (docs,) = db.execute("SELECT COUNT(*) FROM snap_docs").fetchone()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "serve", "--db", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL)
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
        for _ in range(200):  # until it listens
            try:
                client.get("/")
                break
            except httpx.TransportError:
                time.sleep(0.1)

        def timed(urls: list[str]) -> list[float]:
            out = []
            for url in urls:
                t0 = time.perf_counter()
                r = client.get(url)
                out.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            return out

        story_ms = timed([f"/story/{s}" for s in sample])
        search_ms = timed([f"/search?q={q}" for q in queries(store, requests, rng)])
        list_ms = timed(["/?sort=size", "/?q=Regierung", "/?language=de&sort=outlets"] * 10)
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
    finally:
        server.terminate()
        server.wait(timeout=30)

    def pct(xs: list[float], p: float) -> float:
        return statistics.quantiles(xs, n=100)[int(p) - 1]

    return {"documents": docs, "stories": len(stories),
            "story_p50": statistics.median(story_ms), "story_p95": pct(story_ms, 95),
            "search_p50": statistics.median(search_ms), "search_p95": pct(search_ms, 95),
            "list_p50": statistics.median(list_ms), "list_p95": pct(list_ms, 95), "rss_mb": peak_kb / 1024}


def snapshot_cost(store: Path) -> None:
    """CPU seconds `analyze --db` spends on the workspace's tables: the corpus of the store read back and
    written again into a copy, first with an empty search index, then with the index complete."""
    import shutil

    from lagebild.store.snapshot import write_snapshot
    from lagebild.web.queries import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite"
        shutil.copy(store, copy)
        corpus = Corpus(copy, query_seconds=1e9)
        dossier = corpus.dossier([d for (d,) in corpus.db().execute("SELECT id FROM snap_docs ORDER BY pos")])
        corpus.db().close()
        with sqlite3.connect(copy) as db:
            db.execute("DELETE FROM search_index")
        for label in ("snapshot + search index", "snapshot (index complete)"):
            t0 = time.process_time()
            write_snapshot(copy, dossier)
            print(f"{label} of {len(dossier.documents)} articles: {time.process_time() - t0:.1f} CPU s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--store", type=Path, help="store to use (built when missing); default a temporary one")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--kind", choices=["mixed", "copies"], default="mixed",
                    help="mixed: distinct articles (stories of one or two); copies: ~10 near-copies of each "
                         "real article (stories of about ten articles, a dense coverage page)")
    ap.add_argument("--snapshot-cost", action="store_true", help="also time writing the snapshot and index")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store.sqlite"
        if not store.exists():
            build(store, args.size, args.kind)
        r = measure(store, args.requests)
        print(f"{r['documents']:.0f} articles, {r['stories']:.0f} stories, store {store.stat().st_size / 1e6:.0f} MB")
        print(f"story page  p50 {r['story_p50']:6.1f} ms  p95 {r['story_p95']:6.1f} ms  (target p95 < 150)")
        print(f"search      p50 {r['search_p50']:6.1f} ms  p95 {r['search_p95']:6.1f} ms  (target p95 < 300)")
        print(f"story list  p50 {r['list_p50']:6.1f} ms  p95 {r['list_p95']:6.1f} ms")
        print(f"server peak memory {r['rss_mb']:.0f} MB")
        if args.snapshot_cost:
            snapshot_cost(store)

if __name__ == "__main__":
    main()
