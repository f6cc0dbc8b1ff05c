"""Story clustering on a fictional English set: B-cubed precision, recall and F1 against its event labels,
and whether shuffling the input changes the stories.

    python bench/eval_stories_en.py                                   # tests/data/stories_en (16 articles)
    python bench/eval_stories_en.py tests/data/stories_en_wire/dev    # 61 articles, 17 events
    python bench/eval_stories_en.py tests/data/stories_en_wire/dev -v # and the stories that differ from the labels
    python bench/eval_stories_en.py tests/data/stories_en_wire/dev --one-day  # and with all on one date
    python bench/eval_stories_en.py tests/data/stories_en_wire/dev --window 14  # clustered by windows of 14 days

A set folder holds `articles.jsonl` (title, published, outlet, text) and `events.json` (title -> event).
tests/data/stories_en_wire/heldout is measured only to report (see its README).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "stories_en"
sys.path.insert(0, str(ROOT / "bench"))

from eval_stories import bcubed  # noqa: E402


def stories(
    folder: Path = SET, seed: int | None = None, day: str | None = None, window: int | None = None
) -> tuple[list[list[str]], dict[str, str]]:
    """The stories (as titles) of the set's articles in an order shuffled by `seed`, and the labels.
    `day`: every article dated that day (a stress test: the dates no longer keep events apart). `window`:
    clustered by time windows of that many days and stitched (story_windows.py), however short the set."""
    from lagebild.corpus.facts import extract_facts, time_records
    from lagebild.corpus.stories import cluster
    from lagebild.corpus.story_windows import windowed
    from lagebild.model import Document, Published

    events = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    if seed is not None:
        random.Random(seed).shuffle(rows)
    docs = []
    for i, row in enumerate(rows):
        doc = Document(id=f"d{i}", source=row["title"], format="jsonl", raw=row["text"], text=row["text"],
                       title=row["title"], language="en")
        doc.published = Published(value=day or row["published"], basis="explicit", evidence=row["published"])
        docs.append(doc)
    facts = extract_facts(docs)  # the time records the pipeline gives the clustering, each against its date
    for f in facts:
        f.anchor = date.fromisoformat(f.doc.published.value or "")
    clustering = windowed(cluster, window, 1) if window else cluster
    return [[docs[i].title for i in members] for members in clustering(docs, {}, time_records(facts))], events


def evaluate(folder: Path = SET, seed: int | None = None, day: str | None = None, window: int | None = None
             ) -> tuple[float, float, float]:
    clusters, events = stories(folder, seed, day, window)
    return bcubed(clusters, events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=SET)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the stories that mix or split events")
    ap.add_argument("--one-day", action="store_true", help="also measure with every article given one date")
    ap.add_argument("--window", type=int, metavar="DAYS", help="cluster by time windows of DAYS, stitched")
    args = ap.parse_args()
    p, r, f = evaluate(args.folder, window=args.window)
    clusters, events = stories(args.folder, window=args.window)
    print(f"{args.folder}: {len(events)} articles, {len(set(events.values()))} events, {len(clusters)} stories, "
          f"{sum(len(c) == 1 for c in clusters)} singletons; B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    shuffled = {evaluate(args.folder, seed, window=args.window) for seed in range(5)}
    print(f"five shuffled orders: {len(shuffled)} distinct result(s) {sorted(shuffled)}")
    if args.one_day:
        print("all on one day: B-cubed P {:.3f} R {:.3f} F1 {:.3f}".format(*evaluate(args.folder, day="2025-01-01")))
    if args.verbose:
        for c in clusters:
            labels = {events[t] for t in c}
            split = {e for e in labels if sum(events[t] == e for t in c) < list(events.values()).count(e)}
            if len(labels) > 1 or split:
                print(f"--- story of {len(c)}: " + "; ".join(f"[{events[t]}] {t}" for t in c))


if __name__ == "__main__":
    main()
