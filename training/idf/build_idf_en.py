"""Background document frequencies of English words, shipped as src/lagebild/corpus/data/idf_en.json.

    pip install wordfreq && python training/idf/build_idf_en.py

wordfreq (PyPI, its word lists ship inside the package: no download) gives each word's frequency per
token over Wikipedia, news, books, subtitles and web text. A word of frequency f turns up in a piece of
PIECE_WORDS tokens with probability 1 - exp(-PIECE_WORDS * f) (Poisson), so its expected document
frequency over DOCUMENTS such pieces is that share of DOCUMENTS: the same kind of count as idf_de.json
(300-word pieces), so that story clustering reads both tables alike. Only words of 4+ characters (the
story terms) among the MAX_WORDS most frequent are kept.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "lagebild" / "corpus" / "data" / "idf_en.json"
TERM = re.compile(r"[\w-]{4,}")
PIECE_WORDS, DOCUMENTS, MIN_DF, MAX_WORDS = 300, 40_000, 3, 60_000


def main() -> int:
    from wordfreq import top_n_list, word_frequency

    df = {}
    for w in top_n_list("en", MAX_WORDS):
        if TERM.fullmatch(w) and not w.isdigit():
            c = round(DOCUMENTS * (1 - math.exp(-PIECE_WORDS * word_frequency(w, "en"))))
            if c >= MIN_DF:
                df[w] = c
    OUT.write_text(json.dumps({"documents": DOCUMENTS, "df": df}, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(df)} words -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
