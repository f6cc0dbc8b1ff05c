"""Try settings of the span CRF on the dev split: trains it on the train split with the given parameters
into a temporary file and scores the models on dev with it (the shipped role tagger and linker).

    python training/quotes/tune_spans.py c1=0.5 c2=0.01 [feature.minfreq=2 ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402
from corpus import articles  # noqa: E402
from train import SPAN_PARAMS, gold_labels  # noqa: E402

from lagebild.extract import quote_tagger  # noqa: E402


def main() -> None:
    params: dict[str, object] = dict(SPAN_PARAMS)
    for arg in sys.argv[1:]:
        key, value = arg.split("=", 1)
        params[key] = value in ("True", "true") if value in ("True", "False", "true", "false") else float(value)
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(params)
    for art in articles("train"):
        spans, _sent_of, feats = quote_tagger.document_features(art.text)
        if spans:
            trainer.append(feats, gold_labels(art, spans)[0])
    path = Path(tempfile.mkdtemp()) / "spans.crf"
    trainer.train(str(path))
    quote_tagger.SPANS_MODEL = path
    quote_tagger._models.cache_clear()
    from eval_news_quotes import evaluate

    s = evaluate("dev", "models")
    print(f"{params} ({time.time() - t0:.0f} s, {path.stat().st_size / 1e6:.1f} MB): msg F1 {s['f1_msg']:.3f} "
          f"P {s['prec_msg']:.3f} R {s['rec_msg']:.3f}, speaker {s['speaker']:.3f} named {s['speaker_named']:.3f}, "
          f"roles F1 {s['f1_roles']:.3f}, {s['tokens_per_s']:,.0f} tokens/s")


if __name__ == "__main__":
    main()
