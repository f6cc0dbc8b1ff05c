"""A learned tagger for speech passages the rules in quotes.py cannot see: reported speech without a
reporting verb beside it, summaries of what someone said, and unmarked direct speech.

A linear-chain CRF (python-crfsuite) labels every token of a sentence D (direct speech), I (indirect
or reported speech) or O. Its features are the word and its ending, its neighbours, whether it stands
inside quotation marks, and clause- and sentence-level facts the rules also use: a reporting verb
before or after it, a Konjunktiv in its clause, "dass"/"laut"/"zufolge", what the previous sentence
had. The model is trained by `training/speech/train.py` on the Redewiedergabe corpus (historical
fiction, magazines and the first half of its newspaper samples) and ships in extract/data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..nlp.crf import LinearChainCRF
from ..nlp.quote_marks import DOUBLE_MARKS, QuoteState
from ..nlp.sentences import sentence_spans
from ..nlp.word_cache import word_cache
from .speech_words import CUE_VERBS, KONJUNKTIV_I, PRONOUNS, SUBJUNCTIVE

MODEL_PATH = Path(__file__).resolve().parent / "data" / "speech.crf"
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
OPENING = frozenset("„»‚")
AMBIGUOUS = frozenset("\"“'")  # opens a quote when none is open, closes one otherwise
CLOSING = frozenset("“”«‘\"'")
CLAUSE_BREAKS = frozenset(",;:()–-")
ATTRIBUTION_WORDS = frozenset({"laut", "zufolge", "according"})
SUBORDINATORS = frozenset({"dass", "daß", "ob", "that"})
NEIGHBOURS = (-2, -1, 1, 2)
# A token counts as indirect speech from this marginal probability on, not only where "I" is the most
# probable label: on the quarter of newspaper samples kept out of training for tuning, indirect-speech
# token F1 of the tagger alone is 0.267 at the most probable label, 0.293 / 0.310 / 0.312 from 0.4 / 0.3
# / 0.25 (bench/eval_speech.py's held-out half was not used).
INDIRECT_MIN = 0.3


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text, start, end)]


def sentence_features(text: str, sentences: list[tuple[int, int]], wanted: list[bool] | None = None,
                      flanking: bool = False) -> Iterator[tuple[list[tuple[int, int]], list[list[str]]]]:
    """For each sentence (each wanted one), its token spans and each token's features. Quotation state
    and facts about the previous sentence carry over from sentence to sentence. With `flanking`, the
    quotation state is read from the characters around each mark (nlp.quote_marks), not toggled at each
    ambiguous mark (the historical tagger's model was trained with the toggle)."""
    for spans, _words, _low, feats in sentence_words_features(text, sentences, wanted, flanking):
        yield spans, feats


def sentence_words_features(text: str, sentences: list[tuple[int, int]], wanted: list[bool] | None = None,
                            flanking: bool = False
                            ) -> Iterator[tuple[list[tuple[int, int]], list[str], list[str], list[list[str]]]]:
    """sentence_features with each sentence's words and lower-cased words too (the quotation models read
    them again: cut out once here)."""
    in_quote = False
    marks = QuoteState(text) if flanking else None
    previous: list[str] = ["p_none"]
    for k, (s0, s1) in enumerate(sentences):
        spans = tokens(text, s0, s1)
        if not spans:
            continue
        words = [text[a:b] for a, b in spans]
        low = [w.lower() for w in words]
        n = len(words)
        if wanted is not None and not wanted[k]:  # only keep the state up to date
            for (a, b), w in zip(spans, words, strict=True):
                if marks is not None:
                    marks.step(a, b)
                    in_quote = marks.open
                elif w in OPENING or (w in AMBIGUOUS and not in_quote):
                    in_quote = True
                elif in_quote and w in CLOSING:
                    in_quote = False
            previous = [f"p_cue={any(w in CUE_VERBS for w in low)}", f"p_konj={any(w in KONJUNKTIV_I for w in low)}",
                        f"p_colon={words[-1] == ':'}"]
            continue
        if marks is not None:
            in_quote = marks.reach(spans[0][0])
            # without a line break inside the sentence only its quotation marks can change the state
            every_token = "\n" in text[s0:s1]
        clause, c = [], 0
        for w in words:
            clause.append(c)
            if w in CLAUSE_BREAKS:
                c += 1
        cues = [i for i, w in enumerate(low) if w in CUE_VERBS]
        konj = [i for i, w in enumerate(low) if w in KONJUNKTIV_I]
        subj = [i for i, w in enumerate(low) if w in SUBJUNCTIVE]
        cue_clauses = {clause[i] for i in cues}
        konj_clauses = {clause[i] for i in konj}
        subj_clauses = {clause[i] for i in subj}
        sub_clauses = {clause[i] for i, w in enumerate(low) if w in SUBORDINATORS}
        sentence = [f"s_cue={bool(cues)}", f"s_konj={bool(konj)}", f"s_subj={bool(subj)}",
                    f"s_colon={':' in words}", f"s_attr={any(w in ATTRIBUTION_WORDS for w in low)}",
                    f"s_inq={in_quote}", *previous]
        clause_feats = {ci: [f"c_cue={ci in cue_clauses}", f"c_konj={ci in konj_clauses}",
                             f"c_subj={ci in subj_clauses}", f"c_sub={ci in sub_clauses}", f"clause={min(ci, 4)}"]
                        for ci in set(clause)}
        first_cue, last_cue = (cues[0], cues[-1]) if cues else (n, -1)
        first_konj, last_konj = (konj[0], konj[-1]) if konj else (n, -1)
        first_cue_clause = min(cue_clauses, default=n)
        word_feats = list(map(_word_features, low))
        # what each token's neighbours at -2, -1, 1, 2 give it, padded at the ends of the sentence
        around = [([PADS[k]] * max(0, -d) + [wf[1][k] for wf in word_feats[max(0, d) : n + min(0, d)]]
                   + [PADS[k]] * max(0, d))[:n] for k, d in enumerate(NEIGHBOURS)]
        feats = []
        for i, w in enumerate(words):
            mark = ""
            if marks is not None:
                a, b = spans[i]
                if every_token or (b - a == 1 and w in DOUBLE_MARKS):
                    mark = marks.step(a, b)
                    in_quote = marks.open
            elif w in OPENING or (w in AMBIGUOUS and not in_quote):
                in_quote, mark = True, "open"
            elif in_quote and w in CLOSING:
                in_quote, mark = False, "close"
            ci = clause[i]
            feats.append([*word_feats[i][0], CAP[w[:1].isupper()], INQ[in_quote or mark == "close"],
                          MARKS[mark], "pos=first" if i == 0 else "pos=last" if i == n - 1 else "pos=",
                          *clause_feats[ci], CUE_BEFORE[first_cue < i], CUE_AFTER[last_cue > i],
                          KONJ_BEFORE[first_konj < i], KONJ_AFTER[last_konj > i],
                          CUE_CLAUSE_BEFORE[first_cue_clause < ci], INQ_KONJ[in_quote][ci in konj_clauses],
                          *around[0][i], *around[1][i], *around[2][i], *around[3][i], *sentence])
        if marks is not None:
            marks.at = spans[-1][1]
        previous = [f"p_cue={bool(cues)}", f"p_konj={bool(konj)}", f"p_colon={words[-1] == ':'}"]
        yield spans, words, low, feats


# Features as constant strings, looked up rather than formatted for every token (the tagger's speed).
CAP, INQ = ("cap=False", "cap=True"), ("inq=False", "inq=True")
CUE_BEFORE, CUE_AFTER = ("cue_before=False", "cue_before=True"), ("cue_after=False", "cue_after=True")
KONJ_BEFORE, KONJ_AFTER = ("konj_before=False", "konj_before=True"), ("konj_after=False", "konj_after=True")
CUE_CLAUSE_BEFORE = ("cue_clause_before=False", "cue_clause_before=True")
PADS = tuple([f"{d}pad"] for d in NEIGHBOURS)
MARKS = {"": "mark=", "open": "mark=open", "close": "mark=close"}
INQ_KONJ = tuple(tuple(f"inq&konj={q}{k}" for k in (False, True)) for q in (False, True))


@word_cache(20_000)  # about 1.3 kB a word: 25 MB at most
def _word_features(lw: str) -> tuple[list[str], tuple[list[str], ...]]:
    """A lower-cased word's own features (after the constant "bias"), and the features it gives the tokens
    around it."""
    cue = lw in CUE_VERBS
    own = ["bias", "w=" + lw, "suf3=" + lw[-3:], "suf2=" + lw[-2:], CUE[cue], KONJ[lw in KONJUNKTIV_I],
           SUBJ[lw in SUBJUNCTIVE], PRON[lw in PRONOUNS]]
    around = tuple([prefix + lw, *cue_tail] if cue else [prefix + lw] for prefix, cue_tail in AROUND)
    return own, around


CUE, KONJ, SUBJ, PRON = (tuple(f"{name}={v}" for v in (False, True)) for name in ("cue", "konj", "subj", "pron"))
AROUND = tuple((f"{d}w=", [f"{d}cue"]) for d in NEIGHBOURS)


@lru_cache(maxsize=1)
def _tagger() -> LinearChainCRF:
    return LinearChainCRF.load(MODEL_PATH)


def speech_passages(text: str, sentences: list[tuple[int, int]] | None = None, wanted: list[bool] | None = None
                    ) -> list[tuple[int, int, str]]:
    """(start, end, "direct" | "indirect") for each run of tokens the model labels as speech, within a
    sentence (within the wanted sentences only, when given: the tagger is the slow part of the stage)."""
    tagger = _tagger()
    out: list[tuple[int, int, str]] = []
    sentences = sentences if sentences is not None else sentence_spans(text)
    found = list(sentence_features(text, sentences, wanted))
    scores = [tagger.scores(feats) for _, feats in found]
    indirect = tagger.label_index["I"]
    for (spans, _), path, marginals in zip(found, tagger.viterbi_many(scores), tagger.marginals_many(scores),
                                           strict=True):
        labels = [tagger.labels[k] for k in path]
        for i, label in enumerate(labels):  # the tagger is cautious with indirect speech: see INDIRECT_MIN
            if label == "O" and marginals[i, indirect] >= INDIRECT_MIN:
                labels[i] = "I"
        run_start, run_label = -1, "O"
        for k, label in enumerate([*labels, "O"]):
            if label != run_label:
                if run_label != "O":
                    kind = "direct" if run_label == "D" else "indirect"
                    out.append((spans[run_start][0], spans[k - 1][1], kind))
                run_start, run_label = k, label
    return out
