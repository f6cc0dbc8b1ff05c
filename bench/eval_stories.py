"""Story clustering on a mixed corpus: the five seeds + the 1,028 10kGNAD articles + the fictional
examples. B-cubed precision, recall and F1 against the known groups: the seeds are one story, the
examples 01-05 one story (the bridge collapse) and 06 its own, every 10kGNAD article its own.

    python bench/eval_stories.py [--threshold X ...]
    python bench/eval_stories.py --grown 100     # a store grown 100 documents at a time (story_growth.py)

--grown: the same documents added to a store in batches (in an order shuffled with a fixed seed, so that
the seeds and the examples arrive at different runs), each run assigning its new documents to the stories
kept in the store; B-cubed of the grown store's stories against the known groups and against the stories
of one run over all documents (from scratch).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import articles, as_dump  # noqa: E402


def gold_group(source: str) -> str:
    name = Path(source).name
    if name.startswith("fiktiv_0") and name[8] in "12345":
        return "examples-bridge"
    if name[:3].isdigit() and "_" in name and (SHARED / "seeds" / name).exists():
        return "seeds"
    return name


def bcubed(clusters: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    cluster_of = {d: i for i, c in enumerate(clusters) for d in c}
    members: dict[int, list[str]] = {}
    for d, i in cluster_of.items():
        members.setdefault(i, []).append(d)
    by_gold: dict[str, list[str]] = {}
    for d, g in gold.items():
        by_gold.setdefault(g, []).append(d)
    p = r = 0.0
    for d in gold:
        same_cluster = members[cluster_of[d]]
        correct = sum(gold[o] == gold[d] for o in same_cluster)
        p += correct / len(same_cluster)
        r += correct / len(by_gold[gold[d]])
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def evaluate(thresholds: list[float] | None = None) -> dict[float, tuple[float, float, float]]:
    from lagebild import analyze
    from lagebild.corpus import stories as S

    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(articles()):
            (Path(tmp) / f"gnad_{i:04d}.txt").write_text(as_dump(text), encoding="utf-8")
        inputs = [*sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")), str(ROOT / "examples"), tmp]
        out = {}
        for th in thresholds or [S.JOIN_COSINE]:
            S.JOIN_COSINE = th
            d = analyze(inputs)
            ids = {doc.id: doc.source for doc in d.documents}
            gold = {doc_id: gold_group(src) for doc_id, src in ids.items()}
            clusters = [s["documents"] for s in d.stories]
            out[th] = bcubed(clusters, gold)
    return out


def evaluate_grown(batch: int) -> None:
    import random

    from lagebild import analyze

    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(articles()):
            (Path(tmp) / f"gnad_{i:04d}.txt").write_text(as_dump(text), encoding="utf-8")
        inputs = [*sorted((SHARED / "seeds").glob("*.txt")), *sorted((ROOT / "examples").glob("*.txt")),
                  *sorted(Path(tmp).glob("gnad_*.txt"))]
        random.Random(0).shuffle(inputs)
        scratch = analyze(inputs, db=f"{tmp}/scratch.sqlite")
        db = f"{tmp}/grown.sqlite"
        for k in range(0, len(inputs), batch):
            grown = analyze(inputs[k : k + batch], db=db)
        source = {d.id: d.source for d in scratch.documents}
        gold = {d: gold_group(src) for d, src in source.items()}
        as_scratch = {d: s["id"] for s in scratch.stories for d in s["documents"]}
        for label, d in (("from scratch", scratch), (f"grown by {batch}", grown)):
            clusters = [s["documents"] for s in d.stories]
            p, r, f = bcubed(clusters, gold)
            print(f"{label}: {len(clusters)} stories, B-cubed against the known groups P {p:.3f} R {r:.3f} F1 {f:.3f}")
        p, r, f = bcubed([s["documents"] for s in grown.stories], as_scratch)
        print(f"grown by {batch} against from scratch: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threshold", type=float, nargs="*")
    ap.add_argument("--grown", type=int, metavar="BATCH", help="grow a store this many documents at a time")
    args = ap.parse_args()
    if args.grown:
        evaluate_grown(args.grown)
        return 0
    for th, (p, r, f) in evaluate(args.threshold).items():
        print(f"join cosine {th:.2f}: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
