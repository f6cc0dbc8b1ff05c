"""Train the bundled German NER model (lagebild/extract/name_tagger.py) from ../shared/data, one command:

    python training/ner/train.py          (needs: pip install -e '.[dev,train]'; about 6 minutes on 2 cores)
    python training/ner/train.py --crf-only    (step 4 only, with the word table and noun contexts as they are)

1. word2vec vectors (gensim, CBOW, 100 dimensions, words seen 3+ times) from the unlabeled text
   (Wikipedia + FANG-COVID, training/ner/unlabeled.py), one worker thread and a fixed hash, so reruns agree
2. k-means clusters of the vectors at 50, 200 and 800 clusters (scikit-learn, fixed seed, full k-means: the
   mini-batch variant stops early and left well-known cities out of the place-name clusters)
3. the word table: clusters, corpus counts and name-list classes (../shared/data/gazetteers), stored as
   64-bit word hashes in lagebild/extract/data/ner_lexicon.npz; and how the text uses each capitalised word
   (after an indefinite article or an adjective, like a common noun? training/ner/noun_contexts.py)
4. the CRF (python-crfsuite, L-BFGS) on all GermEval 2014 sentences but the held-out 500
   (training/ner/prepare.py: the training and development parts), 4 outer types PER/LOC/ORG/OTH, written
   to lagebild/extract/data/ner.crf
5. the held-out figures (training/ner/evaluate.py)

Choices were made on the last 1,000 training sentences plus the 300 development sentences, with a model
trained on the rest of the training part (never on the held-out 500), token-span F1 of the 4 types:
- word clusters: none 0.598; k-means over CBOW vectors at 50/200/800 clusters 0.670 (mini-batch k-means
  0.668); at 32/128/512/2048 0.652; over skip-gram vectors 0.662; both kinds 0.665; fastText vectors,
  clustering rare words too 0.649; the clusters of a compound's head for unclustered words 0.667
- a fourth level of 2,500 clusters 0.674 (within noise, and full k-means at that size adds 4 minutes)
- training on all 12 classes and keeping the 4 types 0.670; multi-word firm names as features 0.668;
  self-training on 9,000 confidently tagged unlabeled sentences 0.672; a third neighbour or cluster-pair
  features 0.669-0.671
- c1 / c2: 0.05 / 0.01 0.670, 0.02 / 0.01 0.671, 0.05 / 0.003 0.670, 0 / 0.05 0.669; with mini-batch
  clusters 0.05 / 0.01 0.668, 0.1 / 0.01 0.660, 0.3 / 0.01 0.654, 0.1 / 0.05 0.667
- the word vectors themselves as features: +0.006 at a quarter of the tagging speed (left out)
- Europeana's historical newspaper sentences as extra training data: 0.651 (they have no OTH class)
- (issue 16, third round; against 0.683 of the model of the time, 150 iterations) L-BFGS iterations: 60 0.678,
  80 0.686, 100 0.687 (but less sure of rare foreign names: it lost a quoted person on the seeds, whose speaker
  accuracy fell 0.846 -> 0.782, and the development pages' F1 0.872 -> 0.867), 300 0.676; c1 0.1 0.682, c2 0.05
  0.682; at 100 iterations (0.687): c1 0.1 0.683, neighbours also seeing frequency and lower-case ratio 0.679,
  the common-noun buckets, prefixes and 4-letter suffixes 0.680, the far neighbours all cluster levels and the
  shape 0.675, street names (gazetteers/ler/strassennamen.list) as a name list 0.686, multi-word street,
  landscape and city names as span features 0.684; the share of each type the model gives a word over the tagged
  unlabeled text (a third of it) as features 0.661-0.667 (at 150 iterations), also when that model sees only the
  word's context 0.669-0.674 (the training sentences' own words look surer to it than new ones)
- (issue 16) the common-noun share of a capitalised word as a feature (4 buckets, also seen by the neighbours)
  and its definite-article share (3 buckets): 0.659 -> 0.683 (measured against this recipe's model of the
  time, 0.659 on the same sentences)
- (issue 16, session 17; training/ner/tuning.py, against this recipe's model: tagger 0.6825, NER stage 0.6960 on the
  same sentences; where the stage's misses are: 274 of 1,337 gold names have no candidate at all, 106 a wrong
  boundary, 77 a wrong type, 19 a candidate the mention filter dropped) - none kept:
  BILOU labels 0.673; averaged perceptron 0.662; feature.minfreq 2 0.643 (words seen once carry much of it);
  mention replacement (each name of a copy of the training sentences swapped for a random training name of its
  type): one copy, all names 0.683, half of them 0.686, 30 % 0.681; three copies, half 0.689 / 0.695 / 0.685 over
  three seeds (recall +0.01), six copies 0.687 - but the NER stage only 0.697 / 0.704 / - (0.696), and 0.6945
  against 0.6938 when the mention filter is retrained on fold CRFs of the same recipe (best threshold each); the
  weight average of three such CRFs 0.695, stage 0.697; names of the gazetteers' lists (surnames, cities, firms)
  swapped in instead 0.673; a flag for the words inside quotation marks (titles) 0.682; the words the unlabeled
  text names right after a noun of their kind ("die Stadt X", "der Sänger X", "die Firma X", "der Film X"; 10,803
  words) as a name list 0.684 (0.679 also seen by the neighbours; they cover 17 of the 293 names the stage misses
  entirely and 758 tokens that are no name); a second CRF stacked on the first one's labels in a window of 4 and
  the sentence's other tags of the word (first stage cross-trained on two halves) 0.674; a bias against the label
  O at decoding (0.4 / 0.8 / 1.2): tagger 0.675 / 0.665 / 0.634, stage 0.691 / 0.686 / 0.676. The mention filter's
  threshold on these sentences: 0.30 0.6927, 0.42 0.6937, 0.46 (shipped) 0.6960, 0.50 0.6964, 0.56 0.6955 - it
  drops few names (lowering it to 0.30 gains recall 0.005 and loses precision 0.014). Also: a character n-gram
  classifier (2-5-grams, logistic, trained on the name lists' surnames, first names and places against the
  capitalised words the unlabeled text uses like common nouns) giving each capitalised word its class and a
  name-probability bucket 0.682 (0.681 also seen by the neighbours); feature.possible_states 0.677; c1 0.03 /
  c2 0.02 0.679; the names of the other training sentences (5-fold, longest match, their type; all of them at
  tagging) 0.687, stage 0.695 (0.694 with mention replacement); a multinomial re-typing of the kept candidates
  (the filter's features, the CRF's type marginals over the span and the type of the words alone; trained on the
  fold CRFs' candidates) stage 0.698. Every tagger gain of up to 0.01 came out at the stage as 0.002 or less: the
  rules and the one-reading-per-text pass already bring back the names these changes add.
  But the stage's figures on these sentences are optimistic: the known-names table (known_names.py) is built by the
  shipped tagger, which was trained on them. Without the table the stage scores 0.6785 (against 0.6960 with it);
  with a table built the same way by the tuning CRF from the first 120,000 paragraphs of the unlabeled text (a
  fifth of it; the whole text takes more than an hour on a busy machine) 0.6811 - the table's share of the stage
  on unseen sentences is that of the held-out one (+0.007, session 15), not +0.018. Measured so, mention
  replacement (three copies, half the names; three seeds) 0.6834 / 0.6882 / 0.6704: noise around 0.6811.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from noun_contexts import main as build_noun_contexts  # noqa: E402
from prepare import DATA as GERMEVAL  # noqa: E402
from prepare import splits  # noqa: E402
from unlabeled import sentences  # noqa: E402

from lagebild.extract.common_nouns import noun_contexts  # noqa: E402
from lagebild.extract.name_tagger import LEXICON_PATH, MODEL_PATH, NAME_LISTS, FeatureMaker, Lexicon  # noqa: E402

GAZETTEERS = GERMEVAL.parents[1] / "gazetteers"
NAME_SOURCES = {
    "FIRST": "prenames-germany/vornamen_aggregated.tsv",
    "SUR": "ler/personennamen.list",
    "CITY": "ler/stadtnamen.list",
    "COUNTRY": "ler/laendernamen.list",
    "PLACE": "ler/landschaftsbezeichnungen.list",
    "FIRM": "ler/firmennamen.list",
}
MIN_FIRST_NAME_COUNT = 5  # rarer first names are mostly odd spellings that collide with words
DIM, WINDOW, MIN_COUNT, EPOCHS = 100, 5, 3, 5
CLUSTERS = (50, 200, 800)
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
MAIN = ("PER", "LOC", "ORG", "OTH")


def stable_hash(text: str) -> int:
    """gensim seeds each word's starting vector from a hash of the word; Python's own is salted per run."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "little")


def word_clusters(texts: list[list[str]]) -> dict[str, tuple[int, int, int]]:
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans

    model = Word2Vec(texts, vector_size=DIM, window=WINDOW, min_count=MIN_COUNT, workers=1, epochs=EPOCHS,
                     seed=1, hashfxn=stable_hash)
    vectors = model.wv.vectors / np.linalg.norm(model.wv.vectors, axis=1, keepdims=True)
    levels = [KMeans(n_clusters=k, random_state=0, n_init=1, max_iter=100).fit(vectors).labels_ for k in CLUSTERS]
    return {w: (int(levels[0][i]), int(levels[1][i]), int(levels[2][i]))
            for i, w in enumerate(model.wv.index_to_key)}


def name_lists() -> dict[str, int]:
    """Single-word names -> bit mask over NAME_LISTS (a country's official long form gives its last word)."""
    masks: dict[str, int] = {}
    for bit, cls in enumerate(NAME_LISTS):
        path = GAZETTEERS / NAME_SOURCES[cls]
        if cls == "FIRST":
            with path.open(encoding="utf-8") as fh:
                names = [r["name"] for r in csv.DictReader(fh, delimiter="\t")
                         if int(r.get("count") or 0) >= MIN_FIRST_NAME_COUNT]
        else:
            names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            if cls == "COUNTRY":
                names = [n.split()[-1] for n in names if n]
        for name in names:
            if name and " " not in name:
                masks[name] = masks.get(name, 0) | (1 << bit)
    return masks


def four_types(tag: str) -> str:
    return tag if tag != "O" and tag[2:] in MAIN else "O"


def train_crf(features: FeatureMaker, train: list[list[tuple[str, str]]], out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in train:
        trainer.append(features.sentence([w for w, _ in sent]), [four_types(t) for _, t in sent])
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(out))


def main() -> int:
    t0 = time.time()
    if "--crf-only" in sys.argv:  # the word table and the noun contexts as they are
        lexicon = Lexicon.load(LEXICON_PATH)
    else:
        texts = sentences()
        clusters = word_clusters(texts)
        counts = Counter(w for s in texts for w in s)
        del texts
        print(f"{len(clusters)} words clustered ({time.time() - t0:.0f} s)", flush=True)
        lexicon = Lexicon.build(clusters, {w: c for w, c in counts.items() if c >= MIN_COUNT}, name_lists())
        lexicon.save(LEXICON_PATH)
        print(f"lexicon: {len(lexicon.keys)} words -> {LEXICON_PATH}", flush=True)
        build_noun_contexts()
        noun_contexts.cache_clear()
    parts = splits()
    train_crf(FeatureMaker(lexicon, noun_contexts()), parts["train"] + parts["dev"], MODEL_PATH)
    print(f"CRF -> {MODEL_PATH} ({time.time() - t0:.0f} s)", flush=True)
    from evaluate import main as evaluate

    sys.argv = sys.argv[:1]
    return evaluate()


if __name__ == "__main__":
    sys.exit(main())
