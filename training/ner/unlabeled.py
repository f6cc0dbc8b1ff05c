"""The unlabeled German text in ../shared/data/text that the NER recipe learns from: Wikipedia and
FANG-COVID paragraphs (10kGNAD is left out: the story evaluation uses it).

    python training/ner/unlabeled.py OUT.jsonl      (paragraphs of 5+ words for `spacy pretrain`)
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import sys
from collections.abc import Iterator
from pathlib import Path

TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "text"
MIN_PRETRAIN_WORDS = 5


def paragraphs() -> Iterator[str]:
    with lzma.open(TEXT / "wikipedia-de" / "klexikon-train-wiki.txt.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield line.strip()
    csv.field_size_limit(10**8)
    for path in sorted((TEXT / "fang-covid").glob("*.csv.xz")):
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(io.StringIO(fh.read())):
                for para in (row.get("article") or "").split("\n"):
                    if para.strip():
                        yield para.strip()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "raw.jsonl")
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for para in paragraphs():
            if len(para.split()) >= MIN_PRETRAIN_WORDS:
                fh.write(json.dumps({"text": para}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} paragraphs -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
