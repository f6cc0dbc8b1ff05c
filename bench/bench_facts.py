"""Speed of the time, quantity and quote extractors on the 1,028 10kGNAD articles (one core).

    python bench/bench_facts.py

Prints tokens/s for time expressions (with resolution), quantities, and quotes with reported speech
(the quote stage as it runs: rules and learned models, extract/attribution.py).
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
    from lagebild.extract.attribution import quotations
    from lagebild.extract.quantities import find_quantities
    from lagebild.extract.quote_tagger import model_size
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
    quotations("Sie sagte, es sei gut.", "de")  # load the models once, outside the timing
    t2 = time.process_time()
    for t in texts:
        n_quotes += len(quotations(t, "de"))
    t3 = time.process_time()
    print(f"{len(texts)} articles, {tokens} tokens; {n_times} times, {n_q} quantities (CPU seconds, one core)")
    print(f"times      {tokens / (t1 - t0):10.0f} tokens/s")
    print(f"quantities {tokens / (t2 - t1):10.0f} tokens/s")
    print(f"together   {tokens / (t2 - t0):10.0f} tokens/s")
    print(f"quotes     {tokens / (t3 - t2):10.0f} tokens/s ({n_quotes} quotes and reported statements; rules, "
          f"speech tagger and the quotation models, {model_size() / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
