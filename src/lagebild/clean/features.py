"""Numeric features of the lines of a text dump, for the content-line classifier.

Each line gets features of its own (length, prose-likeness, punctuation) and of its neighbourhood
(the same features averaged over windows, and where it lies relative to the page's densest run of
prose, found as the maximum-sum run of line scores as in Body Text Extraction, Finn et al. 2001).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .vocabulary import CAPTION, DATE_LINE, ENGLISH_STOPWORDS, line_rule

RULE_MAX_CHARS = 300
_NO_DIGITS = str.maketrans("", "", "0123456789")  # counting digits by deleting them runs in C
WORD = re.compile(r"\w+", re.U)
SENTENCE_END_CHARS = frozenset('.!?…:;"“”»«)')

OWN_FEATURES = [
    "log_chars", "log_words", "ends_sentence", "bullet", "stopword_ratio", "capital_ratio",
    "digit_ratio", "comma_rate", "sentences", "rule_hit", "caption", "date_line", "duplicate",
    "pipe_or_arrow", "starts_lower", "long_prose", "very_short",
]
WINDOWS = (1, 3, 8)
CONTEXT_SOURCES = ["long_prose", "stopword_ratio", "log_chars", "rule_hit", "bullet", "very_short"]
GLOBAL_FEATURES = ["rel_position", "in_main_run", "dist_main_run", "after_main_run", "before_main_run",
                   "prev_long_prose", "next_long_prose", "prev2_long_prose", "next2_long_prose",
                   "prev_log_chars", "next_log_chars", "bullet_run", "short_run", "ends_colon", "bias"]
FEATURE_NAMES = (
    OWN_FEATURES
    + [f"win{w}_{name}" for w in WINDOWS for name in CONTEXT_SOURCES]
    + GLOBAL_FEATURES
)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    import justext  # ships with trafilatura; its German stoplist is the standard one for this job

    return frozenset(w.strip(".") for w in justext.get_stoplist("German")) | ENGLISH_STOPWORDS


def _first(word: str) -> str:
    return word[:1]


def own_features(line: str, counts: dict[str, int]) -> list[float]:
    text = line.strip()
    words = WORD.findall(text)
    n_words = len(words)
    n_chars = len(text)
    sw = stopwords()
    # map() keeps these per-word counts in C: this function runs for every line of every page
    stop = sum(map(sw.__contains__, map(str.lower, words))) / n_words if n_words else 0.0
    caps = sum(map(str.isupper, map(_first, words))) / n_words if n_words else 0.0
    digits = (n_chars - len(text.translate(_NO_DIGITS))) / n_chars if n_chars else 0.0
    commas = text.count(",") / max(n_words, 1)
    sentences = len(re.findall(r"[.!?](\s|$)", text))
    # the line rules only apply to short lines (dump.LINE_RULE_MAX_CHARS); searching long ones is costly
    rule_hit = line_rule(text) is not None if n_chars <= RULE_MAX_CHARS else False
    ends = text[-1:] in SENTENCE_END_CHARS
    long_prose = float(n_words >= 12 and ends and stop >= 0.2)
    return [
        math.log1p(n_chars), math.log1p(n_words), float(ends), float(text.startswith("•")), stop, caps,
        digits, commas, math.log1p(sentences), float(rule_hit),
        float(n_chars <= RULE_MAX_CHARS and bool(CAPTION.search(text))),
        float(bool(DATE_LINE.match(text))), float(counts.get(text, 0) > 1),
        float("|" in text or "»" in text or "›" in text), float(text[:1].islower()), long_prose,
        float(n_words <= 3),
    ]


def main_run(scores: list[float]) -> tuple[int, int]:
    """Indices [a, b] of the maximum-sum contiguous run of line scores (Kadane)."""
    best, best_a, best_b = -math.inf, 0, -1
    cur, cur_a = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_a = s, i
        else:
            cur += s
        if cur > best:
            best, best_a, best_b = cur, cur_a, i
    return best_a, best_b


def prose_score(line: str, feats: list[float]) -> float:
    """+words for prose lines, a penalty for everything else: the input to `main_run`."""
    n_words = len(WORD.findall(line))
    long_prose = feats[OWN_FEATURES.index("long_prose")]
    return float(n_words) if long_prose else -min(float(n_words), 8.0) - 2.0


def _run_lengths(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of equal flags it belongs to (0 where the flag is off)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j] == flags[i]:
            j += 1
        if flags[i]:
            out[i:j] = [j - i] * (j - i)
        i = j
    return out


def line_features(lines: list[str]) -> list[list[float]]:
    """Feature vectors, in FEATURE_NAMES order, for every line (callers pass non-blank lines)."""
    counts: dict[str, int] = {}
    for ln in lines:
        t = ln.strip()
        counts[t] = counts.get(t, 0) + 1
    own = [own_features(ln, counts) for ln in lines]
    n = len(lines)
    idx = [OWN_FEATURES.index(c) for c in CONTEXT_SOURCES]
    # prefix sums for window means
    prefix = [[0.0] * (n + 1) for _ in idx]
    for k, j in enumerate(idx):
        acc = prefix[k]
        for i in range(n):
            acc[i + 1] = acc[i] + own[i][j]
    a, b = main_run([prose_score(ln, f) for ln, f in zip(lines, own, strict=True)]) if n else (0, -1)
    lp = OWN_FEATURES.index("long_prose")
    lc = OWN_FEATURES.index("log_chars")
    bullet_run = _run_lengths([row[OWN_FEATURES.index("bullet")] > 0 for row in own])
    short_run = _run_lengths([row[OWN_FEATURES.index("very_short")] > 0 or row[lc] < 3.5 for row in own])
    out = []
    for i in range(n):
        row = list(own[i])
        for w in WINDOWS:
            lo, hi = max(0, i - w), min(n, i + w + 1)
            for k in range(len(idx)):
                row.append((prefix[k][hi] - prefix[k][lo]) / (hi - lo))
        dist = 0 if a <= i <= b else (a - i if i < a else i - b)
        row += [
            i / max(n - 1, 1), float(a <= i <= b), math.log1p(dist), float(i > b), float(i < a),
            own[i - 1][lp] if i > 0 else 0.0, own[i + 1][lp] if i + 1 < n else 0.0,
            own[i - 2][lp] if i > 1 else 0.0, own[i + 2][lp] if i + 2 < n else 0.0,
            own[i - 1][lc] if i > 0 else 0.0, own[i + 1][lc] if i + 1 < n else 0.0,
            math.log1p(bullet_run[i]), math.log1p(short_run[i]), float(lines[i].rstrip().endswith(":")), 1.0,
        ]
        out.append(row)
    return out
