"""Story clustering on the small fictional English set (tests/data/stories_en: 16 articles, 5 events):
B-cubed precision, recall and F1 against its event labels, and whether shuffling the input changes
the stories.

    python bench/eval_stories_en.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "stories_en"
sys.path.insert(0, str(ROOT / "bench"))

from eval_stories import bcubed  # noqa: E402


def evaluate(seed: int | None = None) -> tuple[float, float, float]:
    from lagebild.corpus.stories import cluster
    from lagebild.model import Document, Published

    events = json.loads((SET / "events.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    if seed is not None:
        random.Random(seed).shuffle(rows)
    docs = []
    for i, row in enumerate(rows):
        doc = Document(id=f"d{i}", source=row["title"], format="jsonl", raw=row["text"], text=row["text"],
                       title=row["title"], language="en")
        doc.published = Published(value=row["published"], basis="explicit", evidence=row["published"])
        docs.append(doc)
    clusters = [[docs[i].title for i in members] for members in cluster(docs)]
    return bcubed(clusters, {d.title: events[d.title] for d in docs})


def main() -> None:
    p, r, f = evaluate()
    print(f"English dev set: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    shuffled = {evaluate(seed) for seed in range(5)}
    print(f"five shuffled orders: {len(shuffled)} distinct result(s) {sorted(shuffled)}")


if __name__ == "__main__":
    main()
