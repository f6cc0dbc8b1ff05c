"""Speed of the time, quantity and quote extractors on the 1,028 10kGNAD articles (one core).

    python bench/bench_facts.py

Prints tokens/s for time expressions (with resolution), quantities, and quotes with reported speech.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import articles  # noqa: E402


def main() -> int:
    from lagebild.extract.quantities import find_quantities
    from lagebild.extract.quotes import direct_quotations, reported_speech
    from lagebild.extract.resolve import resolve
    from lagebild.extract.timex import find_times

    texts = articles()
    tokens = sum(len(re.findall(r"\w+", t)) for t in texts)
    anchor = date(2016, 1, 1)
    find_quantities("Aufwärmen: 5 km")  # load pint once, outside the timing
    t0 = time.process_time()
    spans = []
    n_times = 0
    for t in texts:
        found = find_times(t)
        n_times += sum(resolve(m, anchor) is not None for m in found)
        spans.append([(m.start, m.end) for m in found])
    t1 = time.process_time()
    n_q = sum(len(find_quantities(t, "de", s)) for t, s in zip(texts, spans, strict=True))
    t2 = time.process_time()
    n_quotes = 0
    for t in texts:
        direct = direct_quotations(t)
        n_quotes += len(direct) + len(reported_speech(t, direct))
    t3 = time.process_time()
    print(f"{len(texts)} articles, {tokens} tokens; {n_times} times, {n_q} quantities (CPU seconds, one core)")
    print(f"times      {tokens / (t1 - t0):10.0f} tokens/s")
    print(f"quantities {tokens / (t2 - t1):10.0f} tokens/s")
    print(f"together   {tokens / (t2 - t0):10.0f} tokens/s")
    print(f"quotes     {tokens / (t3 - t2):10.0f} tokens/s ({n_quotes} quotes and reported statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
