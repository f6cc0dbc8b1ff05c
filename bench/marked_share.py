"""How much of the direct speech in the Redewiedergabe newspaper samples stands inside quotation marks:
the share of gold direct-speech tokens inside a quotation that lagebild's mark matching finds, on the
tuning quarter and on the held-out half. The rest is speech without marks, which only the learned
tagger can find.

    python bench/marked_share.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_speech import read, samples  # noqa: E402

from lagebild.extract.quotes import find_quote_spans  # noqa: E402


def main() -> None:
    for name, files in (("tuning quarter", samples()[0::2][1::2]), ("held-out half", samples()[1::2])):
        n = inside = 0
        for path in files:
            text, spans, gold, _ = read(path)
            quoted = find_quote_spans(text)
            for (a, b), kinds in zip(spans, gold, strict=True):
                if "direct" in kinds:
                    n += 1
                    inside += any(x <= a and b <= y for x, y in quoted)
        print(f"{name}: {n} gold direct-speech tokens, {inside} inside quotation marks ({inside / n:.3f})")


if __name__ == "__main__":
    main()
