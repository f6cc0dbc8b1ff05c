"""The unlabeled German text in ../shared/data/text that the NER recipe learns from: Wikipedia and
FANG-COVID paragraphs (10kGNAD is left out: the story evaluation uses it).
"""

from __future__ import annotations

import csv
import io
import lzma
from collections.abc import Iterator
from pathlib import Path

TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "text"


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


def sentences() -> list[list[str]]:
    """The paragraphs split into words as the bundled NER model splits text."""
    from lagebild.extract.name_tagger import TOKEN

    return [TOKEN.findall(p) for p in paragraphs()]
