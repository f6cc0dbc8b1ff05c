"""Train the quotation models shipped in src/lagebild/extract/data (see lagebild.extract.quote_tagger).

    python training/quotes/train.py            # needs the dev extra (scikit-learn) and ../shared

Data: the train split (700 Wikinews articles) of the German news quotation attribution corpus;
the dev split (150 articles) chose the settings below and the linker's threshold; its test split is
not in ../shared. Each article is tokenised and split into sentences exactly as lagebild does at run
time, and each token takes the label of the gold span it starts in. Deterministic (L-BFGS, fixed order).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402
from corpus import Article, articles  # noqa: E402

from lagebild.extract.quote_tagger import (  # noqa: E402
    CUE_LEXICON,
    LINKER_MODEL,
    ROLES_MODEL,
    SPANS_MODEL,
    LinkContext,
    candidate_features,
    candidates_for,
    cue_lexicon,
    document_features,
    noun_phrases,
    role_features,
    runs,
)

# Chosen on the dev split (quote F1 of bench/eval_news_quotes.py --mode models): span CRF with c1 0.1 /
# 0.5 / 1.0 / 2.0 (200 iterations) 0.693 / 0.690 / 0.699 / 0.691, c1 0.5 and 1.0 with 500 / 400
# iterations 0.696 / 0.692; the larger c1 also keeps the model small (0.5 MB at 1.0, 1.7 MB at 0.1).
SPAN_PARAMS = {"c1": 0.5, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
ROLE_PARAMS = {"c1": 0.5, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}


def _label_tokens(spans: list[tuple[int, int]], targets: list[tuple[list[tuple[int, int]], str]]) -> list[str]:
    labels = ["O"] * len(spans)
    starts = [a for a, _ in spans]
    for pieces, label in targets:
        for a, b in pieces:
            first = True
            for k, s in enumerate(starts):
                if a <= s < b and labels[k] == "O":
                    labels[k] = ("B-" if first else "I-") + label
                    first = False
    return labels


def gold_labels(art: Article, spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    outer = [q for q in art.quotations if not q.nested]
    quote_labels = _label_tokens(spans, [(q.quote, q.kind) for q in outer])
    role_targets = [(q.speaker, "S") for q in outer if q.speaker] + [(q.cue, "C") for q in outer if q.cue]
    return quote_labels, _label_tokens(spans, role_targets)


def token_span(spans: list[tuple[int, int]], pieces: list[tuple[int, int]]) -> tuple[int, int] | None:
    idx = [k for k, (a, _) in enumerate(spans) if any(x <= a < y for x, y in pieces)]
    return (idx[0], idx[-1] + 1) if idx else None


def link_examples(art: Article, spans: list[tuple[int, int]], sent_of: list[int], quote_labels: list[str],
                  role_labels: list[str], speaker_prob: list[float]) -> list[tuple[dict[str, float], int]]:
    """Linker pairs: every gold quotation with each candidate mention near it (the candidates lagebild
    makes at run time: noun phrases and the role tagger's speaker runs); positive where the candidate
    overlaps the gold speaker."""
    words = [art.text[a:b] for a, b in spans]
    s_runs = {(a, b) for a, b, r in runs(role_labels, spans) if r == "S"}
    ctx = LinkContext(words, sent_of, {k for k, r in enumerate(role_labels) if r.endswith("C")},
                      [int(label != "O") for label in quote_labels], speaker_prob, s_runs)
    mentions = sorted(set(noun_phrases(words, sent_of)) | s_runs)
    outer = [q for q in art.quotations if not q.nested]
    out = []
    previous = None
    for q in sorted(outer, key=lambda q: q.quote[0][0]):
        qs = token_span(spans, q.quote)
        gold = token_span(spans, q.speaker) if q.speaker else None
        if qs is None:
            continue
        best = None
        cands = candidates_for((qs[0], qs[1], q.kind), mentions, sent_of, previous, s_runs)
        for m, f in zip(cands, candidate_features((qs[0], qs[1], q.kind), cands, ctx, previous), strict=True):
            positive = gold is not None and m[0] < gold[1] and gold[0] < m[1]
            out.append((f, int(positive)))
            if positive and best is None:
                best = m
        if best is not None:
            previous = best
    return out


def build_cue_lexicon() -> None:
    """Words used as a cue at least twice in the training articles, "hi" where at least half of their
    occurrences are cues (threshold chosen on the dev split), "lo" from a fifth on."""
    import re
    from collections import Counter

    as_cue, total = Counter(), Counter()
    for art in articles("train"):
        for w in re.findall(r"\w+", art.text):
            total[w.lower()] += 1
        for q in art.quotations:
            for a, b in q.cue:
                for w in re.findall(r"\w+", art.text[a:b]):
                    as_cue[w.lower()] += 1
    lexicon = {w: ("hi" if n / total[w] >= 0.5 else "lo") for w, n in sorted(as_cue.items())
               if n >= 2 and total[w] and n / total[w] >= 0.2}
    CUE_LEXICON.write_text(json.dumps(sorted(lexicon.items()), ensure_ascii=False) + "\n", encoding="utf-8")
    cue_lexicon.cache_clear()
    print(f"cue lexicon: {len(lexicon)} words")


def main() -> None:
    t0 = time.time()
    build_cue_lexicon()
    span_trainer = pycrfsuite.Trainer(verbose=False)
    role_trainer = pycrfsuite.Trainer(verbose=False)
    span_trainer.set_params(SPAN_PARAMS)
    role_trainer.set_params(ROLE_PARAMS)
    kept = []
    for art in articles("train"):
        spans, sent_of, feats = document_features(art.text)
        if not spans:
            continue
        quote_labels, role_labels = gold_labels(art, spans)
        span_trainer.append(feats, quote_labels)
        role_trainer.append(role_features(feats, quote_labels), role_labels)
        kept.append((art, spans, sent_of, feats, quote_labels, role_labels))
    print(f"features built in {time.time() - t0:.0f} s", flush=True)
    if "--linker-only" not in sys.argv:
        span_trainer.train(str(SPANS_MODEL))
        print(f"span CRF trained ({time.time() - t0:.0f} s)", flush=True)
        role_trainer.train(str(ROLES_MODEL))
        print(f"role CRF trained ({time.time() - t0:.0f} s)", flush=True)
    # the linker learns from the role tagger's speaker probabilities as it gives them at run time (on
    # its own training articles, so more confident than on new text: hence the strong regularisation;
    # role taggers trained on the other half of the articles gave dev speaker accuracy 0.714, not better)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(ROLES_MODEL))
    examples: list[tuple[dict[str, float], int]] = []
    for art, spans, sent_of, feats, quote_labels, role_labels in kept:
        tagger.set(role_features(feats, quote_labels))
        prob = [tagger.marginal("B-S", k) + tagger.marginal("I-S", k) for k in range(len(spans))]
        examples.extend(link_examples(art, spans, sent_of, quote_labels, role_labels, prob))
    print(f"{len(examples)} linker pairs ({time.time() - t0:.0f} s)", flush=True)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in examples])
    y = [label for _, label in examples]
    model = LogisticRegression(C=LINKER_C, max_iter=2000).fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    LINKER_MODEL.write_text(json.dumps({"weights": weights, "threshold": LINK_THRESHOLD}, indent=1, sort_keys=True)
                            + "\n", encoding="utf-8")
    print(f"linker trained ({time.time() - t0:.0f} s); models in {SPANS_MODEL.parent}")


# The linker's regularisation: dev speaker accuracy 0.687 / 0.698 / 0.714 / 0.719 / 0.707 at C 1 / 0.1 /
# 0.03 / 0.01 / 0.003 (its training pairs see the role tagger's over-confident marks on its own articles).
LINKER_C = 0.01
# A candidate is the speaker from this probability on (re-checked with C 0.01: 0.717 / 0.721 / 0.707 /
# 0.675 at 0.02 / 0.06 / 0.12 / 0.2). Dev split, models alone: speaker right on found
# quotations with a gold speaker 0.644 / 0.660 / 0.677 / 0.709 / 0.728 at 0.3 / 0.2 / 0.12 / 0.06 / 0,
# role F1 0.427 / 0.430 / 0.433 / 0.432 / 0.425: 0.06 links nearly as often as always linking, while a
# quotation whose best candidate is that unlikely keeps no speaker.
LINK_THRESHOLD = 0.06

if __name__ == "__main__":
    main()
