"""Background document frequencies of German words, shipped as src/lagebild/corpus/data/idf_de.json.

    python training/idf/build_idf.py

Counts in how many pseudo-documents each lower-cased word (4+ letters) occurs: the Wikipedia text of
../shared/data/text/wikipedia-de cut into 300-word pieces, and the FANG-COVID articles. 10kGNAD is
left out because the story evaluation uses it. Words in fewer than MIN_DF pieces are dropped; the
most frequent MAX_WORDS are kept. Story clustering combines these counts with the corpus at hand, so
that IDF is sensible even for a handful of articles.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT.parent / "shared" / "data" / "text"
OUT = ROOT / "src" / "lagebild" / "corpus" / "data" / "idf_de.json"
TERM = re.compile(r"\b[\wäöüß-]{4,}")
PIECE_WORDS, MIN_DF, MAX_WORDS = 300, 3, 60_000


def pieces() -> list[str]:
    out = []
    words: list[str] = []
    with lzma.open(TEXT / "wikipedia-de" / "klexikon-train-wiki.txt.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            words += line.split()
            if len(words) >= PIECE_WORDS:
                out.append(" ".join(words))
                words = []
    csv.field_size_limit(10**8)
    for path in sorted((TEXT / "fang-covid").glob("*.csv.xz")):
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(io.StringIO(fh.read())):
                out.append(row.get("article") or "")
    return out


def main() -> int:
    docs = pieces()
    df: Counter[str] = Counter()
    for text in docs:
        df.update({w.lower() for w in TERM.findall(text) if not w.isdigit()})
    kept = {w: c for w, c in df.most_common(MAX_WORDS) if c >= MIN_DF}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"documents": len(docs), "df": kept}, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(docs)} pieces, {len(kept)} words -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
