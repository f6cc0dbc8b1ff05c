"""Quotations and speakers on modern German news: the dev split of the German news quotation
attribution corpus (Wikinews; ../shared/data/speech/german-news-quotes), scored by the corpus's own
eval.py (token-level, quotations matched one to one; "Messages" is the quotation span, "Roles" the
speaker, cue, frame and addressee), plus speaker accuracy: of the found quotations whose gold quotation
has a speaker, the share whose speaker mention overlaps the gold one (also for gold speakers that are
not a lone pronoun).

    python bench/eval_news_quotes.py [--split dev|train | --data DIR] [--mode models|pipeline|rules]

--mode models scores the learned models alone (extract/quote_tagger.py); --mode pipeline scores the
quotations of lagebild's quote stage as they go into dossier.json (speaker mentions as recorded there);
--mode rules the quotation rules alone (as before the models).
The test split is not in ../shared and is never looked for.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import sys
import time
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "quotes"))

from corpus import EVAL_SCRIPT, LABEL_TYPE, Article, Quotation, articles  # noqa: E402

from lagebild.extract.speech_words import PRONOUN_SPEAKERS  # noqa: E402

KIND_LABEL = {"direct": "D", "indirect": "I", "reported": "R", "free indirect": "F", "partial": "D"}


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gnq_eval", EVAL_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def token_ids(art: Article, start: int, end: int) -> list[int]:
    return [k for k, (a, b) in enumerate(art.tokens) if a < end and start < b]


def predictions(art: Article, mode: str) -> list[dict]:
    """(quote span, label, speaker span or None, cue spans) per found quotation."""
    if mode == "models":
        from lagebild.extract.quote_tagger import tag_quotations

        found = [(t.pieces(), t.label, t.speaker, t.cues) for t in tag_quotations(art.text)]
    else:
        from lagebild.extract.attribution import quotations
        from lagebild.extract.quotes import direct_quotations, reported_speech

        if mode == "rules":  # the rules alone, with the speech tagger trained on historical text
            direct = direct_quotations(art.text)
            quotes = direct + reported_speech(art.text, direct, "de")
        else:
            quotes = quotations(art.text, "de")
        found = [([_with_marks(art.text, q.start, q.end)], KIND_LABEL.get(q.kind, "I"),
                  q.speaker_span or _mention(art.text, q.speaker_text, q.start), q.cue_spans) for q in quotes]
    out = []
    for pieces, label, speaker, cues in found:
        out.append({"quote": (pieces[0][0], pieces[-1][1]), "pieces": pieces, "label": label, "speaker": speaker,
                    "cues": cues})
    return out


def _with_marks(text: str, a: int, b: int) -> tuple[int, int]:
    """The corpus counts a direct quotation's marks as part of it; lagebild's span is the words inside."""
    if a > 0 and text[a - 1] in "„»«“\"‚" and b < len(text) and text[b] in "“”«»\"‘":
        return a - 1, b + 1
    return a, b


def _mention(text: str, name: str | None, at: int) -> tuple[int, int] | None:
    """Where a rule-found speaker is named: the nearest whole-word occurrence of its last word around the
    quotation (a pronoun "er" is no part of "aber")."""
    if not name:
        return None
    word = re.escape(name.split()[-1])
    lo = max(0, at - 400)
    hits = [m.start() for m in re.finditer(rf"(?<!\w){word}(?!\w)", text[lo : at + 400])]
    best = min((lo + k for k in hits), key=lambda k: abs(k - at), default=None)
    return (best, best + len(name.split()[-1])) if best is not None else None


def as_eval_doc(module, art: Article, preds: list[dict]):  # type: ignore[no-untyped-def]
    annotations = []
    for p in preds:
        quote = sorted({t for a, b in p["pieces"] for t in token_ids(art, a, b)})
        ann = {"quote": {"tokenIds": quote}, "type": LABEL_TYPE[p["label"]], "medium": "Speech"}
        if p["speaker"]:
            ann["speaker"] = {"tokenIds": token_ids(art, *p["speaker"])}
        ann["cue"] = {"tokenIds": sorted({t for c in p["cues"] for t in token_ids(art, *c)})}
        annotations.append(ann)
    return module.Document(art.name, annotations)


def gold_doc(module, art: Article):  # type: ignore[no-untyped-def]
    import json

    js = json.loads(art.path.read_text(encoding="utf-8"))
    return module.Document(js["documentName"], js["annotations"])


def best_match(art: Article, g: Quotation, preds: list[dict]) -> dict | None:
    """The found quotation that overlaps a gold one most."""
    g_tokens = {t for a, b in g.quote for t in token_ids(art, a, b)}
    best, best_overlap = None, 0
    for p in preds:
        overlap = len(g_tokens & set(token_ids(art, *p["quote"])))
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def speaker_pairs(art: Article, preds: list[dict]) -> Iterator[tuple[Quotation, dict, set[int], set[int]]]:
    """Each gold quotation with a speaker and the found quotation that overlaps it most, with the tokens
    of the gold speaker and of the found one (a found speaker is right where they share one)."""
    for g in art.quotations:
        if not g.speaker:
            continue
        best = best_match(art, g, preds)
        if best is None:
            continue
        gs = {t for a, b in g.speaker for t in token_ids(art, a, b)}
        yield g, best, gs, set(token_ids(art, *best["speaker"])) if best["speaker"] else set()


def speaker_accuracy(art: Article, preds: list[dict], counts: dict[str, int]) -> None:
    for g, _, gs, ps in speaker_pairs(art, preds):
        right = bool(gs & ps)
        named = not (len(gs) == 1 and art.text[g.speaker[0][0]:g.speaker[0][1]].lower() in PRONOUN_SPEAKERS)
        counts["found"] += 1
        counts["right"] += right
        counts["named"] += named
        counts["named_right"] += right and named


def evaluate(split: str = "dev", mode: str = "pipeline", folder: Path | None = None) -> dict[str, float]:
    """The corpus scorer's figures (f1_msg, prec_msg, ...), speaker accuracy and speed for one split."""
    module = _eval_module()
    sys_docs, gold_docs = {}, {}
    counts = {"found": 0, "right": 0, "named": 0, "named_right": 0}
    t0, n_tokens = time.process_time(), 0
    for art in articles(split, folder):
        preds = predictions(art, mode)
        n_tokens += len(art.tokens)
        sys_docs[art.name] = as_eval_doc(module, art, preds)
        gold_docs[art.name] = gold_doc(module, art)
        speaker_accuracy(art, preds, counts)
    seconds = time.process_time() - t0
    with redirect_stdout(io.StringIO()):
        scores = module.evaluate(sys_docs, gold_docs, print_scores=False)
    scores.update(articles=len(gold_docs), tokens=n_tokens, tokens_per_s=n_tokens / max(seconds, 1e-9),
                  speaker=counts["right"] / max(counts["found"], 1), speaker_n=counts["found"],
                  speaker_named=counts["named_right"] / max(counts["named"], 1), speaker_named_n=counts["named"])
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--mode", default="pipeline", choices=["models", "pipeline", "rules"])
    ap.add_argument("--data", type=Path, help="a folder of the corpus's JSON files to score instead of a split "
                    "of ../shared (e.g. its test split, where you have it)")
    args = ap.parse_args()
    s = evaluate(args.split, args.mode, args.data)
    print(f"german-news-quotes {args.data or args.split}, {args.mode}: {s['articles']} articles, {s['tokens']} tokens, "
          f"{s['tokens_per_s']:,.0f} tokens/s (one core, CPU time, with the scorer's bookkeeping)")
    for key in ("msg", "roles", "joint", "form"):
        print(f"  {key:6s} F1 {s['f1_' + key]:.3f}  P {s['prec_' + key]:.3f}  R {s['rec_' + key]:.3f}")
    print(f"  speaker right on found quotations with a gold speaker: {s['speaker']:.3f} of {s['speaker_n']}; "
          f"gold speaker not a lone pronoun: {s['speaker_named']:.3f} of {s['speaker_named_n']}")


if __name__ == "__main__":
    main()
