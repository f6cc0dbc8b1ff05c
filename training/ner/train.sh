#!/usr/bin/env bash
# Train the bundled German NER model from ../shared/data, one command:
#     bash training/ner/train.sh      (needs: pip install -e '.[dev,train]'; about 50 minutes on 2 cores)
# 1. word2vec vectors from the unlabeled text (Wikipedia + FANG-COVID), 60k words x 100 dimensions
# 2. GermEval 2014 (outer level, the 4 types PER/LOC/ORG/OTH: the pipeline uses no -deriv/-part spans, and
#    a third of the transitions makes decoding twice as fast) as spaCy data, last 500 test_a sentences held out
# 3. the token encoder pretrained on the same unlabeled text (spaCy pretrain, character objective, 1 epoch)
# 4. spaCy NER (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE + name-list classes from
#    ../shared/data/gazetteers + static vectors, a 2-layer CNN of width 64), 3000 steps, best on dev kept
# 5. the model is copied into the package and scored on the held-out sentences
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-build/ner}
gazetteers=$(cd .. && pwd)/shared/data/gazetteers
mkdir -p "$work"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1  # spaCy's CPU training is faster single-threaded
python training/ner/vectors.py "$work/vectors.txt"
python -m spacy init vectors de "$work/vectors.txt" "$work/vectors_model"
python training/ner/prepare.py "$work/corpus" --four-types
python training/ner/unlabeled.py "$work/raw.jsonl"
rm -rf "$work/pretrain"
python -m spacy pretrain training/ner/ner.cfg "$work/pretrain" --code training/ner/components.py \
    --paths.raw_text "$work/raw.jsonl" --paths.vectors "$work/vectors_model" --paths.gazetteers "$gazetteers"
python -m spacy train training/ner/ner.cfg --output "$work/model" --code training/ner/components.py \
    --paths.train "$work/corpus/train.spacy" --paths.dev "$work/corpus/dev.spacy" \
    --paths.vectors "$work/vectors_model" --paths.gazetteers "$gazetteers" \
    --paths.init_tok2vec "$work/pretrain/model-last.bin" --system.seed 0
rm -rf src/lagebild/extract/data/ner_de
cp -r "$work/model/model-best" src/lagebild/extract/data/ner_de
python training/ner/strip_paths.py src/lagebild/extract/data/ner_de
python training/ner/evaluate.py
