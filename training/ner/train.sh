#!/usr/bin/env bash
# Train the bundled German NER model from ../shared/data, one command:
#     bash training/ner/train.sh            (needs: pip install -e '.[dev]', about 10 minutes on 2 cores)
# 1. word2vec vectors from the unlabeled text (Wikipedia + FANG-COVID), 60k words x 100 dimensions
# 2. GermEval 2014 (outer level, 12 classes) as spaCy data, last 500 test_a sentences held out
# 3. spaCy's CPU "efficiency" NER (hash embeddings + static vectors + CNN), 3000 steps, best on dev kept
# 4. the model is copied into the package and scored on the held-out sentences
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-build/ner}
mkdir -p "$work"
python training/ner/vectors.py "$work/vectors.txt"
python -m spacy init vectors de "$work/vectors.txt" "$work/vectors_model"
python training/ner/prepare.py "$work/corpus"
python -m spacy train training/ner/ner.cfg --output "$work/model" --paths.train "$work/corpus/train.spacy" \
    --paths.dev "$work/corpus/dev.spacy" --paths.vectors "$work/vectors_model" --system.seed 0
rm -rf src/lagebild/extract/data/ner_de
cp -r "$work/model/model-best" src/lagebild/extract/data/ner_de
python training/ner/evaluate.py
