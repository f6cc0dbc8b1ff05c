"""Speed of the NER stage (bundled name tagger and the rule mentions) on the 1,028 10kGNAD articles, one core.

    python bench/bench_ner.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import articles  # noqa: E402


def run() -> int:
    from lagebild.extract.entities import find_mentions
    from lagebild.extract.name_tagger import TOKEN, bundled

    texts = articles()
    tokens = sum(len(TOKEN.findall(t)) for t in texts)
    bundled()  # loading the model is not part of the speed
    t0 = time.process_time()
    mentions = find_mentions(texts)
    cpu = time.process_time() - t0
    print(f"{len(texts)} articles, {tokens} tokens, {sum(map(len, mentions))} mentions: "
          f"{tokens / cpu:.0f} tokens/s (CPU seconds, one core)")
    return 0


if __name__ == "__main__":
    sys.exit(run())
