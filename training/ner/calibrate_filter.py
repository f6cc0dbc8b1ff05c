"""Calibrate the mention filter's threshold (lagebild/extract/data/mention_filter.json) on held-out candidates of
the NER stage as it runs, one command:

    python training/ner/calibrate_filter.py [--write]      (reuses train_filter.py's fold CRFs, training/ner/.cache/)

train_filter.py picks the threshold with the best F1 of the filter's own decisions on the development part's
candidates, every gold span counted. But what the stage keeps is decided after the filter too (one reading per text
brings dropped candidates back, lists and kinds of organisation add names, spans are cut), so the threshold that is
best for the filter alone is not the one that is best for the stage. Here every training sentence goes through
the whole NER stage (entities.find_mentions) with the fold CRF that never saw it (train_filter.py: as unsure as on
new text), and the development part's sentences with the first fold's CRF; the threshold is the one with the best
exact span + type F1 (4 main types) over all of them, about 4,000 sentences. The shipped tagger saw all of them, so
it cannot be used for this. --write stores the threshold in mention_filter.json.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import spans, splits  # noqa: E402
from train_filter import fold_taggers  # noqa: E402

import lagebild.extract.entities as entities  # noqa: E402
import lagebild.extract.name_tagger as name_tagger  # noqa: E402
from lagebild.extract.mention_filter import FILTER_PATH, bundled_filter  # noqa: E402

TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
THRESHOLDS = [x / 100 for x in range(26, 66, 2)]


def gold_spans(sents: list[list[tuple[str, str]]], offset: int) -> set[tuple]:
    gold = set()
    for i, sent in enumerate(sents):
        starts = [0]
        for w, _ in sent:
            starts.append(starts[-1] + len(w) + 1)
        for a, b, label in spans([t for _, t in sent]):
            if label in TYPES:
                gold.add((offset + i, starts[a], starts[b] - 1, TYPES[label]))
    return gold


def main() -> int:
    parts = splits()
    taggers = fold_taggers(parts["train"])
    # (tagger, sentences it never saw)
    groups = [(taggers[k], [s for i, s in enumerate(parts["train"]) if i % 2 == k]) for k in (0, 1)]
    groups.append((taggers[0], parts["dev"]))
    shipped = bundled_filter()
    assert shipped is not None
    gold: set[tuple] = set()
    offset = 0
    for _, sents in groups:
        gold |= gold_spans(sents, offset)
        offset += len(sents)
    best = (shipped.threshold, 0.0)
    for threshold in THRESHOLDS:
        model = dataclasses.replace(shipped, threshold=threshold)
        entities.bundled_filter = lambda model=model: model  # type: ignore[assignment]
        pred: set[tuple] = set()
        offset = 0
        for tagger, sents in groups:
            name_tagger.bundled = lambda tagger=tagger: tagger  # type: ignore[assignment]
            texts = [" ".join(w for w, _ in s) for s in sents]
            for i, found in enumerate(entities.find_mentions(texts, parts=False)):
                pred |= {(offset + i, m.start, m.end, m.type) for m in found}
            offset += len(sents)
        tp = len(gold & pred)
        p, r = tp / len(pred), tp / len(gold)
        f = 2 * p * r / (p + r)
        print(f"threshold {threshold:.2f}: P {p:.3f} R {r:.3f} F1 {f:.4f}", flush=True)
        if f > best[1]:
            best = (threshold, f)
    print(f"best: {best[0]:.2f} (F1 {best[1]:.4f}); shipped {shipped.threshold:.2f}")
    if "--write" in sys.argv:
        data = json.loads(FILTER_PATH.read_text(encoding="utf-8"))
        data["threshold"] = best[0]
        FILTER_PATH.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
