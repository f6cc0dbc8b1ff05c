"""Where the NER stage loses names, measured on the tuning split (never on the held-out 500), one command:

    python training/ner/tuning.py [--aug COPIES:SHARE]      (about a minute; the CRF is cached in .cache/)

The recipe's CRF (train.py: its features, settings and the shipped word table) is trained on the training part
but its last 1,000 sentences (training/ner/prepare.py) and scored on those 1,000 plus the 300 development
sentences, the split train.py's choices were made on: the tagger's own spans (exact span + type, 4 main types)
and the whole NER stage as lagebild runs it (entities.find_mentions on the words joined by spaces, as evaluate.py
--pipeline does), with F1 per type, then what became of each gold name the stage did not find exactly: a wrong
type, a wrong boundary, or no mention over it at all (and of those, whether the stage had a candidate with its
characters that the mention filter dropped, or none). `--aug 3:0.5` trains on three more copies of the training
sentences with each name replaced, in half of the cases, by a random name of its type from the same sentences
(mention replacement; see train.py for what it gave).

The stage uses the shipped known-names table (known_names.py), which the shipped tagger built after it had been
trained on the tuning sentences: the stage's figures here are optimistic (0.6960 with the table, 0.6785 without,
0.6811 with a table the tuning CRF built from a fifth of the unlabeled text; train.py). Compare changes against
each other, and for a change that moves the tagger, against a table its own tuning CRF built.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import spans, splits  # noqa: E402
from train import four_types, train_crf  # noqa: E402

import lagebild.extract.entities as entities  # noqa: E402
import lagebild.extract.name_tagger as name_tagger  # noqa: E402
from lagebild.extract.common_nouns import noun_contexts  # noqa: E402
from lagebild.extract.name_tagger import LEXICON_PATH, FeatureMaker, Lexicon, NameTagger, bio_spans  # noqa: E402

CACHE = HERE / ".cache"
DOSSIER = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
Sentence = list[tuple[str, str]]


def prf(gold: set[tuple], pred: set[tuple]) -> tuple[float, float, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def mention_replaced(sents: list[Sentence], copies: int, share: float, seed: int = 0) -> list[Sentence]:
    """`copies` more copies of the sentences that hold a name, each name swapped for a random one of its type from
    the sentences in `share` of the cases."""
    rng = random.Random(seed)
    bank: dict[str, list[list[str]]] = {}
    for sent in sents:
        for a, b, label in spans([four_types(t) for _, t in sent]):
            bank.setdefault(label, []).append([w for w, _ in sent[a:b]])
    out: list[Sentence] = []
    for _ in range(copies):
        for sent in sents:
            tags = [four_types(t) for _, t in sent]
            found = spans(tags)
            if not found:
                continue
            new: Sentence = []
            k = 0
            for a, b, label in found:
                new += list(zip([w for w, _ in sent[k:a]], tags[k:a], strict=True))
                words = rng.choice(bank[label]) if rng.random() < share else [w for w, _ in sent[a:b]]
                new += [(w, ("B-" if i == 0 else "I-") + label) for i, w in enumerate(words)]
                k = b
            out.append(new + list(zip([w for w, _ in sent[k:]], tags[k:], strict=True)))
    return out


def main() -> int:
    aug = sys.argv[sys.argv.index("--aug") + 1] if "--aug" in sys.argv else None
    parts = splits()
    pool, tuning = parts["train"][:-1000], parts["train"][-1000:] + parts["dev"]
    CACHE.mkdir(exist_ok=True)
    model = CACHE / f"tuning{'-' + aug.replace(':', '_') if aug else ''}.crf"
    if not model.exists():
        extra = mention_replaced(pool, int(aug.split(":")[0]), float(aug.split(":")[1])) if aug else []
        train_crf(FeatureMaker(Lexicon.load(LEXICON_PATH), noun_contexts()), pool + extra, model)
    tagger = NameTagger(model, LEXICON_PATH)
    name_tagger.bundled = lambda: tagger  # type: ignore[assignment]  # the stage runs this CRF
    gold: set[tuple] = set()
    tagged: set[tuple] = set()
    stage_gold: set[tuple] = set()
    texts = []
    for i, sent in enumerate(tuning):
        words = [w for w, _ in sent]
        gold |= {(i, a, b, label) for a, b, label in spans([four_types(t) for _, t in sent])}
        tagged |= {(i, a, b, label) for a, b, label in bio_spans(tagger.tag_words(words))}
        starts = [0]
        for w in words:
            starts.append(starts[-1] + len(w) + 1)
        stage_gold |= {(i, starts[a], starts[b] - 1, DOSSIER[label])
                       for a, b, label in spans([t for _, t in sent]) if label in DOSSIER}
        texts.append(" ".join(words))
    stage = {(i, m.start, m.end, m.type) for i, found in enumerate(entities.find_mentions(texts, parts=False))
             for m in found}
    p, r, f = prf(gold, tagged)
    print(f"tagger     P {p:.3f} R {r:.3f} F1 {f:.4f}   ({len(tuning)} tuning sentences, {len(gold)} names)")
    p, r, f = prf(stage_gold, stage)
    by_type = " ".join(f"{t} {prf({g for g in stage_gold if g[3] == t}, {s for s in stage if s[3] == t})[2]:.3f}"
                       for t in DOSSIER.values())
    print(f"NER stage  P {p:.3f} R {r:.3f} F1 {f:.4f}   F1 by type: {by_type}")
    by_sentence: dict[int, list[tuple]] = {}
    for s in stage:
        by_sentence.setdefault(s[0], []).append(s)
    fate: Counter[str] = Counter()
    candidates: dict[int, list[tuple[int, int]]] = {}
    for g in stage_gold - stage:
        over = [s for s in by_sentence.get(g[0], []) if s[1] < g[2] and g[1] < s[2]]
        if any(s[1:3] == g[1:3] for s in over):
            fate["wrong type"] += 1
        elif over:
            fate["wrong boundary"] += 1
        else:
            if g[0] not in candidates:
                candidates[g[0]] = [(m.start, m.end) for m, _ in entities.candidates(texts[g[0]], tagger)]
            fate["no mention: dropped candidate" if g[1:3] in candidates[g[0]] else "no mention: no candidate"] += 1
    print("gold names missed: " + ", ".join(f"{k} {n}" for k, n in fate.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
