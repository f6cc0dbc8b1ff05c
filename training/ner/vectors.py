"""Word vectors for the NER model from the unlabeled German text in ../shared/data/text (Wikipedia
and FANG-COVID; 10kGNAD is left out, the story evaluation uses it): word2vec (gensim), then the
most frequent words in spaCy's vectors format.

    python training/ner/vectors.py OUT.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from unlabeled import paragraphs

TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
DIM, MIN_COUNT, KEEP = 100, 5, 60_000


def sentences() -> list[list[str]]:
    return [TOKEN.findall(p) for p in paragraphs()]


def main() -> int:
    from gensim.models import Word2Vec

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "vectors.txt")
    sents = sentences()
    model = Word2Vec(sents, vector_size=DIM, window=5, min_count=MIN_COUNT, workers=2, epochs=3, seed=1)
    words = model.wv.index_to_key[:KEEP]
    with out.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {DIM}\n")
        for w in words:
            fh.write(w + " " + " ".join(f"{x:.4f}" for x in model.wv[w]) + "\n")
    print(f"{len(sents)} sentences, {len(model.wv.index_to_key)} words, kept {len(words)} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
