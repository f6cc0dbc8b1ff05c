"""Train the classifier shipped in src/lagebild/extract/data/quote_marked.json (see
lagebild.extract.attribution.marked_features): which quotations in marks that the stage finds are speech, not a
title or a name in marks ("der „Preis für Nordhafener Baukunst“").

    python training/quotes/train_marked.py [--tune]   # needs the dev extra (scikit-learn) and ../shared

Data: the train split (700 Wikinews articles) of the German news quotation attribution corpus: each direct or
partial quotation the quote stage finds there (attribution.quotations, without this classifier), positive where
the corpus's eval.py matches it to a gold quotation it overlaps. --tune scores the dev split at several settings
(the dev split chose C and THRESHOLD below; its test split is not in ../shared). Deterministic (L-BFGS).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles  # noqa: E402
from sparse_logistic import save, train, tune  # noqa: E402

from lagebild.extract import attribution  # noqa: E402

# Chosen on the dev split (bench/eval_news_quotes.py; quote F1 / speaker accuracy 0.750 / 0.815 without the
# classifier): C 0.1 at threshold 0.1 / 0.2 / 0.3 / 0.4: 0.750 / 0.753 / 0.753 / 0.747, speaker 0.815 / 0.815 /
# 0.820 / 0.825; C 0.3 and 1.0 at 0.3: 0.749 / 0.749. The seeds' complete gold: quote precision 0.92 -> 0.93 at
# the same recall (a one-word scare quote less).
C = 0.1
THRESHOLD = 0.3


def examples(split: str) -> list[tuple[dict[str, float], int]]:
    import eval_news_quotes as bench

    module = bench._eval_module()
    out = []
    for art in articles(split):
        quotes = attribution.quotations(art.text, "de")
        preds = [{"quote": bench._with_marks(art.text, q.start, q.end), "label": "I", "speaker": None, "cues": []}
                 for q in quotes]
        for p in preds:
            p["pieces"] = [p["quote"]]
        sdoc, gdoc = bench.as_eval_doc(module, art, preds), bench.gold_doc(module, art)
        matched = [0] * len(preds)
        if sdoc.groups and gdoc.groups:
            for s, g in zip(*module.assign_messages(sdoc.groups, gdoc.groups), strict=True):
                matched[s] = int(bool(set(sdoc.groups[s].msg) & set(gdoc.groups[g].msg)))
        out.extend((attribution.marked_features(art.text, q), y) for q, y in zip(quotes, matched, strict=True)
                   if q.kind in ("direct", "partial"))
    return out


def main() -> None:
    t0 = time.time()
    attribution._marked_model = lambda: None  # type: ignore[assignment]  # the stage without the classifier
    pairs = examples("train")
    print(f"{len(pairs)} quotations in marks, {sum(y for _, y in pairs)} speech ({time.time() - t0:.0f} s)",
          flush=True)
    if "--tune" in sys.argv:
        def install(model: dict[str, Any]) -> None:
            attribution._marked_model = lambda: model  # type: ignore[assignment]

        tune(pairs, (0.1, 0.3, 1.0), (0.1, 0.2, 0.3, 0.4), install)
        return
    save(attribution.MARKED_MODEL, train(pairs, C), THRESHOLD)
    print(f"classifier trained ({time.time() - t0:.0f} s): {attribution.MARKED_MODEL}")


if __name__ == "__main__":
    main()
