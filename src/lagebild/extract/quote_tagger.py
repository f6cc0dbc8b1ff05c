"""Who said what, learned from modern news: quotation spans, their speakers and cues.

Three small models, trained by `training/quotes/train.py` on the train split of the German news
quotation attribution corpus (Wikinews articles; `../shared/data/speech/german-news-quotes`) and
tuned on its dev split:

1. a linear-chain CRF over all tokens of a text labels each token as part of a direct (D), indirect
   (I), reported (R) or free indirect (F) quotation, with B-/I- prefixes so that two quotations in a
   row stay apart and a quotation may run over sentences;
2. a second CRF, stacked on the first one's labels, marks the speaker mentions (S) and the cue words
   (C) of those quotations ("sagte", "laut", "zufolge", "so");
3. a linker picks each quotation's speaker among the speaker mentions within two sentences of it, or
   the speaker of the quotation before it (continued speech): a logistic regression over the
   candidate's position (same sentence, before / after / inside, distance in tokens and sentences),
   cue words between them, another quotation between them, the mention's shape (pronoun, name, role
   noun) and the quotation's type.

The token features are those of the speech tagger (speech_tagger.sentence_features: word, ending,
neighbours, quotation-mark state, reporting verbs and Konjunktiv in the clause and sentence).
"""

from __future__ import annotations

import json
import math
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path

from ..meta.dates import MONTH_NUMBERS
from ..nlp.crf import LinearChainCRF
from ..nlp.sentences import sentence_spans
from ..nlp.word_cache import word_cache
from .common_nouns import is_common_noun, noun_contexts
from .speech_tagger import sentence_words_features
from .speech_words import (
    FUNCTION_WORDS,
    GROUP_WORDS,
    MEDIA_WORDS,
    PRONOUN_SPEAKERS,
    SOURCE_NOUNS,
    is_institution,
    is_role_noun,
)
from .timex import UNIT_CODES, WEEKDAYS

DATA = Path(__file__).resolve().parent / "data"
SPANS_MODEL = DATA / "quote_spans.crf"
ROLES_MODEL = DATA / "quote_roles.crf"
LINKER_MODEL = DATA / "quote_linker.json"
CUE_LEXICON = DATA / "quote_cues.json"  # words the training articles use as cues, with how often they are one
CLAUSE_BREAKS = frozenset(",;:()–")
KINDS = {"D": "direct", "I": "indirect", "R": "reported", "F": "free indirect"}
LINK_WINDOW = 2  # sentences before and after a quotation in which its speaker is looked for


@dataclass
class Tagged:
    """A quotation found by the models: its span, type, and the speaker mention and cue it was linked to."""

    start: int
    end: int
    label: str  # D / I / R / F
    speaker: tuple[int, int] | None = None
    cues: list[tuple[int, int]] = field(default_factory=list)
    gaps: list[tuple[int, int]] = field(default_factory=list)  # an attribution that interrupts it ("laut X")
    confidence: float = 0.0  # the linker's probability that `speaker` is the speaker

    @property
    def kind(self) -> str:
        return KINDS[self.label]

    def pieces(self) -> list[tuple[int, int]]:
        """The quotation's own text: its span without the attributions that interrupt it."""
        out, at = [], self.start
        for a, b in self.gaps:
            out.append((at, a))
            at = b
        return [*out, (at, self.end)]


def document_features(text: str, sentences: list[tuple[int, int]] | None = None
                      ) -> tuple[list[tuple[int, int]], list[int], list[list[str]]]:
    """All tokens of a text as one sequence: their spans, the sentence each is in, and their features.
    (Tried and left out: word clusters, Konjunktiv I of any verb, a "dass" clause or colon after a cue and
    the next sentence's cue as features raised the span tagger's dev quote F1 0.682 -> 0.700, but the
    pipeline's precision on the seeds' complete gold fell 0.88 -> 0.82 and its recall 0.69 -> 0.65; in
    the role tagger they changed nothing measurable and cost a third of the models' speed.)"""
    spans, _words, sent_of, feats = _document_features(text, sentences)
    return spans, sent_of, feats


def _document_features(text: str, sentences: list[tuple[int, int]] | None = None
                       ) -> tuple[list[tuple[int, int]], list[str], list[int], list[list[str]]]:
    """document_features with the tokens' words as well."""
    sentences = sentences if sentences is not None else sentence_spans(text)
    spans: list[tuple[int, int]] = []
    all_words: list[str] = []
    sent_of: list[int] = []
    feats: list[list[str]] = []
    lexicon = cue_lexicon()
    before = ["lx_p=none", "lx_pp=none"]  # the cue words of the two sentences before (continued speech)
    for k, (tok_spans, words, low, tok_feats) in enumerate(sentence_words_features(text, sentences, flanking=True)):
        cue_at = [lexicon.get(w, "") for w in low]
        clause, c = [], 0
        for w in words:
            clause.append(c)
            c += w in CLAUSE_BREAKS
        cue_clauses = {clause[i] for i, x in enumerate(cue_at) if x}
        cue_positions = [i for i, x in enumerate(cue_at) if x]
        first, last = (cue_positions[0], cue_positions[-1]) if cue_positions else (len(words), -1)
        sentence_cue = "lx_s=" + (max(cue_at, key=len) if cue_positions else "none")
        first_clause = min(cue_clauses, default=None)
        shared = [sentence_cue, *before]
        for i, f in enumerate(tok_feats):
            ci = clause[i]
            f += shared
            f += _word_extras(words[i])
            f += (S_START[i == 0], LX_C[ci in cue_clauses], LX_B[first < i], LX_A[last > i],
                  DISTANCE[None if first_clause is None else max(-2, min(3, ci - first_clause))])
        spans += tok_spans
        all_words += words
        sent_of += [k] * len(tok_spans)
        feats += tok_feats
        before = ["lx_p=" + sentence_cue[5:], "lx_pp=" + before[0][5:]]
    return spans, all_words, sent_of, feats


# Features as constant strings, looked up rather than formatted for every token (the stage's speed).
S_START = ("s_in", "s_start")
LX_C, LX_B, LX_A = ("lx_c=False", "lx_c=True"), ("lx_b=False", "lx_b=True"), ("lx_a=False", "lx_a=True")
DISTANCE = {d: f"lx_cd={'none' if d is None else d}" for d in (None, -2, -1, 0, 1, 2, 3)}


@word_cache(50_000)
def _word_extras(word: str) -> tuple[str, ...]:
    """A word's own features beyond the speech tagger's: shape, cue-lexicon class, role noun, pronoun."""
    out = [_shape(word)]
    cue = cue_lexicon().get(word.lower(), "")
    if cue:
        out.append("lx=" + cue)
    if is_role_noun(word):
        out.append("role")
    if word.lower() in PRONOUN_SPEAKERS:
        out.append("pron_speaker")
    return tuple(out)


@word_cache(20_000)
def _clusters(word: str) -> tuple[int, ...] | None:
    """The word's three k-means clusters of the NER model's word table (the lower-cased form's if the
    word as written has none)."""
    from .name_tagger import bundled

    table = bundled().features.lexicon
    for w in (word, word.lower()):
        found = table.lookup(w)
        if found is not None and found[0][0] >= 0:
            return found[0]
    return None


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Cue words learned from the training articles -> how reliably they are cues ("hi" / "lo")."""
    if not CUE_LEXICON.exists():  # while the recipe builds the lexicon itself
        return {}
    return dict(json.loads(CUE_LEXICON.read_text(encoding="utf-8")))


def _shape(word: str) -> str:
    if not word[:1].isalpha():
        return "shape=punct" if not word[:1].isdigit() else "shape=num"
    if word.lower() in FUNCTION_WORDS:
        return "shape=func"
    return "shape=Cap" if word[:1].isupper() else "shape=low"


def role_features(feats: list[list[str]], labels: list[str]) -> list[list[str]]:
    """The span tagger's labels as features of the role tagger (the token's own and its neighbours')."""
    return [[*f, *extra] for f, extra in zip(feats, _label_columns(labels), strict=True)]


def _label_columns(labels: list[str]) -> Iterator[tuple[str, ...]]:
    """Each token's label features: its kind, its B-/I- prefix, its neighbours' kinds at -3 .. 3."""
    kinds = ["pad"] * 3 + [label[-1] for label in labels] + ["pad"] * 3  # token i's kind at i + 3
    n = len(labels)
    # one column of feature strings per prefix, shifted so that token i reads its neighbour at i + d
    own = [_label_feature("q=", k) for k in kinds[3 : n + 3]]
    first = [_label_feature("qb=", label[:1]) for label in labels]
    around = [[_label_feature(prefix, k) for k in kinds[3 + d : n + 3 + d]] for d, prefix in NEIGHBOUR_PREFIXES]
    return zip(own, first, *around, strict=True)


NEIGHBOUR_PREFIXES = tuple((d, f"q{d}=") for d in (-3, -2, -1, 1, 2, 3))


@word_cache(1024)
def _label_feature(prefix: str, value: str) -> str:
    return prefix + value


def runs(labels: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) of each B-/I- run."""
    out: list[tuple[int, int, str]] = []
    start, current = -1, "O"
    for k, label in enumerate([*labels, "O"]):
        kind = label[-1] if label != "O" else "O"
        if label == "O" or label.startswith("B-") or kind != current:
            if current != "O":
                out.append((start, k, current))
            start, current = (k, kind) if label != "O" else (-1, "O")
    return out


DETERMINERS = frozenset("der die das den dem des ein eine einer eines einem einen sein seine seiner seines "
                        "ihr ihre ihrer ihres unser unsere dieser diese dieses the a an his her their".split())
GENITIVE = frozenset({"des", "der", "von", "of"})
# A phrase headed by a time word names when, not who ("im Februar", "am Montag", "vor drei Wochen").
TIME_HEADS = frozenset(MONTH_NUMBERS) | frozenset(WEEKDAYS) | frozenset(UNIT_CODES) | {"uhr", "zeit", "zeitpunkt"}
LONE_SPEAKERS = frozenset({"er", "sie", "man", "wir", "ich", "he", "she", "they", "we", "i"})


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha() and word.lower() not in FUNCTION_WORDS


def _adjective(word: str) -> bool:
    return word[:1].islower() and word.isalpha() and word.endswith(("e", "en", "er", "es", "em")) \
        and word not in FUNCTION_WORDS


def noun_phrases(words: list[str], sent_of: list[int]) -> list[tuple[int, int]]:
    """Token spans that can name a speaker: a determiner, adjectives, capitalised words (a name, a role,
    an organisation) and a genitive tail ("der Sprecher des Nordhafener Hafenamts"); or a lone pronoun."""
    out: list[tuple[int, int]] = []
    n, i = len(words), 0
    while i < n:
        start = i
        if words[i].lower() in DETERMINERS:
            i += 1
        while i < n and _adjective(words[i]) and sent_of[i] == sent_of[start]:
            i += 1
        if i < n and _capitalised(words[i]) and sent_of[i] == sent_of[start]:
            j = i + 1
            while j < n and (_capitalised(words[j]) or words[j] == "-") and sent_of[j] == sent_of[i]:
                j += 1
            if j < n and words[j].lower() in GENITIVE and sent_of[j] == sent_of[i]:
                k = j + 1
                while k < n and (words[k].lower() in DETERMINERS or _adjective(words[k])):
                    k += 1
                if k < n and _capitalised(words[k]) and sent_of[k] == sent_of[i]:
                    j = k + 1
                    while j < n and _capitalised(words[j]) and sent_of[j] == sent_of[i]:
                        j += 1
            if words[j - 1].lower() not in TIME_HEADS:
                out.append((start, j))
            i = j
        elif words[start].lower() in LONE_SPEAKERS:
            out.append((start, start + 1))
            i = start + 1
        else:
            i = start + 1
    return out


@dataclass
class LinkContext:
    """What the linker knows about a text: its tokens, sentences, cue and quotation tokens, and the role
    tagger's probability that a token is part of a speaker mention."""

    words: list[str]
    sent_of: list[int]
    cue_tokens: set[int]
    quote_tokens: list[int]
    speaker_prob: list[float]
    s_runs: set[tuple[int, int]]
    shapes: dict[tuple[int, int], tuple[str, str, str, str]] = field(default_factory=dict)  # see mention_shape
    mentions: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)  # see mention_features
    counts: Counter[str] | None = None  # how often each word occurs in the text
    _cue_counts: list[int] | None = None
    _quote_counts: list[int] | None = None

    def cues_in(self, a: int, b: int) -> int:
        """How many cue tokens lie in tokens a..b-1 (by running counts, as every pair asks)."""
        if self._cue_counts is None:
            self._cue_counts = list(accumulate((int(k in self.cue_tokens) for k in range(len(self.words))),
                                               initial=0))
        return self._cue_counts[b] - self._cue_counts[a]

    def quoted_in(self, a: int, b: int) -> int:
        """How many quotation tokens lie in tokens a..b-1."""
        if self._quote_counts is None:
            self._quote_counts = list(accumulate(self.quote_tokens, initial=0))
        return self._quote_counts[b] - self._quote_counts[a]

    def mention_features(self, c0: int, c1: int) -> dict[str, float]:
        """The features of a candidate mention that do not depend on the quotation (computed once, as a
        mention is a candidate of every quotation near it): its shape and the words around it, what the
        role tagger thinks of it, and what its head word is: its finer word clusters, how often the
        unlabeled text uses it as a common noun ("die Dynamik", "ein Triebwerk" do not speak; "der
        Sprecher" does, and is a role noun), how often the text itself repeats it (the person an article
        is about), and whether the mention stands inside a quotation (a speaker rarely does)."""
        found = self.mentions.get((c0, c1))
        if found is None:
            words, sent_of = self.words, self.sent_of
            if self.counts is None:
                self.counts = Counter(words)
            first = words[c0].lower()
            before, after, first_word, head_cluster = self.mention_shape(c0, c1)
            head = _head_word(words, c0, c1)
            prob = sum(self.speaker_prob[c0:c1]) / (c1 - c0)
            found = {
                "pron": float(first in LONE_SPEAKERS and c1 - c0 == 1),
                "cap": float(any(w[:1].isupper() for w in words[c0:c1])),
                "role": float(any(is_role_noun(w) for w in words[c0:c1])),
                "len": math.log1p(c1 - c0),
                "cue_after_it": float(c1 in self.cue_tokens or c1 + 1 in self.cue_tokens),
                "cue_before_it": float(c0 - 1 in self.cue_tokens or c0 - 2 in self.cue_tokens),
                "sentence_first": float(c0 == 0 or sent_of[c0 - 1] != sent_of[c0]),
                "det": float(first in DETERMINERS),
                "prob": prob, "prob>0.5": float(prob > 0.5), "s_run": float((c0, c1) in self.s_runs),
                before: 1.0, after: 1.0, "first=" + first_word: 1.0, head_cluster: 1.0,
                _head_cluster(head, 1): 1.0, _head_cluster(head, 2): 1.0, _noun_share(head): 1.0,
                "doc_count": math.log1p(self.counts[head]) if head else 0.0,
                "in_quote": self.quoted_in(c0, c1) / (c1 - c0),
            }
            self.mentions[(c0, c1)] = found
        return found

    def mention_shape(self, c0: int, c1: int) -> tuple[str, str, str, str]:
        """The words around a mention, its first word and the cluster of its head, as the linker's feature
        names ("laut X", "X zufolge", "so X", "sagte X", "mit X"; a name, an office, a country, ...).
        Dev speaker accuracy 0.722 with them, 0.704 without."""
        found = self.shapes.get((c0, c1))
        if found is None:
            words = self.words
            found = ("w-1=" + _context_word(words[c0 - 1] if c0 > 0 else "<s>"),
                     "w+1=" + _context_word(words[c1] if c1 < len(words) else "</s>"),
                     _context_word(words[c0]),
                     _head_cluster(_head_word(words, c0, c1), 0))
            self.shapes[(c0, c1)] = found
        return found


def link_features(q: tuple[int, int, str], c: tuple[int, int], ctx: LinkContext, previous: bool) -> dict[str, float]:
    """Features of one (quotation, candidate speaker mention) pair, by token indexes."""
    q0, q1, label = q
    c0, c1 = c
    sent_of = ctx.sent_of
    if c1 <= q0:
        where, gap, between = "before", q0 - c1, (c1, q0)
    elif c0 >= q1:
        where, gap, between = "after", c0 - q1, (q1, c0)
    else:
        where, gap, between = "inside", 0, (0, 0)
    sdist = sent_of[c0] - sent_of[q0] if c1 <= q0 else sent_of[c0] - sent_of[q1 - 1] if c0 >= q1 else 0
    sdist = max(-3, min(3, sdist))
    where_, where_label, sdist_, sdist_label, near, previous_label = _pair_keys(where, label, sdist, gap < 4)
    f = {
        "bias": 1.0, where_: 1.0, where_label: 1.0, sdist_: 1.0, sdist_label: 1.0, "gap": math.log1p(gap), near: 1.0,
        "cue_between": float(ctx.cues_in(*between) > 0), "quote_between": float(ctx.quoted_in(*between) > 0),
        "previous": float(previous), previous_label: float(previous),
        _first_key(where, ctx.mention_shape(c0, c1)[2]): 1.0,
    }
    f.update(ctx.mention_features(c0, c1))
    return f


# The pair features' names, formatted once for each combination rather than for every pair (the stage's speed).
@word_cache(1024)
def _pair_keys(where: str, label: str, sdist: int, near: bool) -> tuple[str, str, str, str, str, str]:
    return (f"where={where}", f"where={where}&{label}", f"sdist={sdist}", f"sdist={sdist}&{label}", f"gap<4={near}",
            f"previous&{label}")


@word_cache(4096)
def _first_key(where: str, first_word: str) -> str:
    return f"first&{where}=" + first_word


def _head_word(words: list[str], c0: int, c1: int) -> str:
    """A mention's last capitalised word ("" if none): its head."""
    return next((w for w in reversed(words[c0:c1]) if w[:1].isupper()), "")


@word_cache(20_000)
def _head_cluster(word: str, level: int) -> str:
    clusters = _clusters(word) if word else None
    return f"head_k{level}=" + (str(clusters[level]) if clusters else "none")


# Buckets of a head word's share of uses as a common noun in the unlabeled text (common_nouns.py).
NOUN_SHARE_BUCKETS = (0.05, 0.15, 0.3, 0.5)


@word_cache(20_000)
def _noun_share(word: str) -> str:
    nouns = noun_contexts()
    seen = (nouns.lookup(word) or nouns.head(word)) if word else None
    if not seen or not seen[0]:
        return "noun_share=none"
    share = (seen[1] + seen[2]) / seen[0]
    return f"noun_share={sum(share >= b for b in NOUN_SHARE_BUCKETS)}"


@word_cache(20_000)
def _context_word(word: str) -> str:
    low = word.lower()
    return low if low in FUNCTION_WORDS or low in cue_lexicon() or not low[:1].isalnum() else "_"


def candidate_features(q: tuple[int, int, str], cands: list[tuple[int, int]], ctx: LinkContext,
                       previous: tuple[int, int] | None) -> list[dict[str, float]]:
    """Each candidate's features, with how it ranks among the others: the most probable speaker mention
    of the window, the nearest one on its side of the quotation."""
    feats = [link_features(q, c, ctx, c == previous) for c in cands]
    if not feats:
        return feats
    top = max(f["prob"] for f in feats)
    nearest: dict[str, float] = {}
    for f in feats:
        side = next(k for k in f if k.startswith("where=") and "&" not in k)
        nearest[side] = min(nearest.get(side, 99.0), f["gap"])
    for f in feats:
        side = next(k for k in f if k.startswith("where=") and "&" not in k)
        f["top_prob"] = float(f["prob"] == top and top > 0.05)
        f["nearest"] = float(f["gap"] == nearest[side])
        f[f"nearest&{side}"] = f["nearest"]
    return feats


def candidates_for(q: tuple[int, int, str], mentions: list[tuple[int, int]], sent_of: list[int],
                   previous: tuple[int, int] | None, inside: set[tuple[int, int]] | None = None
                   ) -> list[tuple[int, int]]:
    """The mentions near a quotation; inside it only for reported statements, or those the role tagger
    marks as a speaker (`inside`: "Die Lage sei nach Angaben der Polizei ruhig")."""
    q0, q1, label = q
    s0, s1 = sent_of[q0], sent_of[q1 - 1]
    out = [m for m in mentions if s0 - LINK_WINDOW <= sent_of[m[0]] <= s1 + LINK_WINDOW
           and (label == "R" or not (q0 <= m[0] < q1) or (inside is not None and m in inside))]
    if previous is not None and previous not in out:
        out.append(previous)
    return out


# Who speaks without a name: groups, media, the sources news cites in a speaker's place (speech_words), and
# a few more bodies of people.
SPEAKING_NOUNS = (*GROUP_WORDS, *MEDIA_WORDS, *SOURCE_NOUNS, "zeuge", "zeugen", "opposition", "ausschuss",
                  "mission", "gruppe")


def can_speak(words: list[str]) -> bool:
    """A mention that can name a speaker: a pronoun, a role ("der Sprecher"), an institution or a group
    that speaks ("das Ministerium", "Experten", "die Zeitung"), or a name - not a common noun
    ("die Dynamik", "ein Triebwerk", "Wasserstoff"), which the unlabeled text uses after indefinite
    articles and adjectives."""
    if len(words) == 1 and words[0].lower() in (*LONE_SPEAKERS, "demnach", "demzufolge"):
        return True  # a pronoun, or the source named before ("Nach Angaben von X ... Demnach ...")
    kinds = [_speaking_word(w) for w in words]
    return any(speaks for speaks, _ in kinds) or any(name for _, name in kinds) \
        or any(AGED.fullmatch(w) for w in words)  # "die 56-jährige Fachangestellte", "ein 30-Jähriger": a person


AGED = re.compile(r"\d{1,3}-[Jj]ährige[nrm]?")


@word_cache(50_000)  # every mention near every quotation asks (a compound's head is looked up letter by letter)
def _speaking_word(w: str) -> tuple[bool, bool]:
    """Whether a word names one who speaks (a role, an institution, a group) and whether it can be part of
    a name (capitalised, no function word, not a common noun)."""
    return (is_role_noun(w) or is_institution(w) or w.casefold().endswith(SPEAKING_NOUNS),
            w[:1].isupper() and w.lower() not in FUNCTION_WORDS and not is_common_noun(w))


@lru_cache(maxsize=1)
def _models() -> tuple[LinearChainCRF, LinearChainCRF, dict]:
    linker = json.loads(LINKER_MODEL.read_text(encoding="utf-8"))
    return LinearChainCRF.load(SPANS_MODEL), LinearChainCRF.load(ROLES_MODEL), linker


def model_size() -> int:
    """Bytes of the shipped quotation models."""
    return sum(p.stat().st_size for p in (SPANS_MODEL, ROLES_MODEL, LINKER_MODEL, CUE_LEXICON))


def score(weights: dict[str, float], f: dict[str, float]) -> float:
    z = sum(map(operator.mul, map(weights.get, f, repeat(0.0)), f.values()))  # in the features' order
    return 1.0 / (1.0 + math.exp(-z))


def tag_quotations(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Tagged]:
    """Quotations of a text with their speaker mention and cue, as the learned models see them."""
    spans, words, sent_of, feats = _document_features(text, sentences)
    if not spans:
        return []
    span_tagger, role_tagger, linker = _models()
    labels = span_tagger.tag(feats)
    quotes = runs(labels, spans)
    if not quotes:
        return []
    roles, speaker_prob, phrases = _roles_near(quotes, feats, labels, sent_of, role_tagger, words)
    s_runs = {(a, b) for a, b, r in runs(roles, spans) if r == "S"}
    ctx = LinkContext(words, sent_of, {k for k, r in enumerate(roles) if r.endswith("C")},
                      [int(label != "O") for label in labels], speaker_prob, s_runs)
    found = _rejoined(link(quotes, ctx, spans, linker, phrases), quotes, roles, sent_of)
    return sorted(found + nested_direct(text, found), key=lambda t: (t.start, -t.end))


INTERRUPTION_MAX_TOKENS = 8  # "Die beiden werden, laut Staatsmedien, am Mittwoch beraten": one statement


def _rejoined(found: list[Tagged], quotes: list[tuple[int, int, str]], roles: list[str], sent_of: list[int]
              ) -> list[Tagged]:
    """Two runs of one kind in one sentence with only an attribution between them ("laut X", "sagte X")
    are one statement that the attribution interrupts; it keeps the speaker either part was linked to."""
    out: list[Tagged] = []
    previous: tuple[int, int, str] | None = None
    for tagged, q in zip(found, quotes, strict=True):
        if out and previous is not None:
            p0, p1, label = previous
            gap = range(p1, q[0])
            if label == q[2] and sent_of[p1 - 1] == sent_of[q[0]] and len(gap) <= INTERRUPTION_MAX_TOKENS \
                    and any(roles[t] != "O" for t in gap):
                last = out[-1]
                first = last if last.speaker else tagged
                out[-1] = Tagged(last.start, tagged.end, label, first.speaker,
                                 sorted(set(last.cues) | set(tagged.cues)), [*last.gaps, (last.end, tagged.start)],
                                 first.confidence)
                previous = q
                continue
        out.append(tagged)
        previous = q
    return out


def _roles_near(quotes: list[tuple[int, int, str]], feats: list[list[str]], labels: list[str], sent_of: list[int],
                role_tagger: LinearChainCRF, words: list[str]) -> tuple[list[str], list[float], list[tuple[int, int]]]:
    """Speaker and cue labels, and the probability that a candidate mention's token is part of a speaker,
    for the sentences within the linker's window of a quotation only (the role tagger is the slow part;
    the other sentences stay "O"); and the noun phrases of those sentences (noun_phrases keeps within a
    sentence, so they are the text's own there: the linker's candidates)."""
    wanted: set[int] = set()
    for q0, q1, _ in quotes:
        wanted.update(range(sent_of[q0] - LINK_WINDOW, sent_of[q1 - 1] + LINK_WINDOW + 1))
    roles = ["O"] * len(feats)
    prob = [0.0] * len(feats)
    phrases: list[tuple[int, int]] = []
    k = 0
    while k < len(feats):  # each run of wanted sentences is tagged as one sequence
        if sent_of[k] not in wanted:
            k += 1
            continue
        end = k
        while end < len(feats) and sent_of[end] in wanted:
            end += 1
        run = feats[k:end]
        for f, extra in zip(run, _label_columns(labels[k:end]), strict=True):
            f.extend(extra)  # role_features in place: the span tagger is done with these lists
        scores = role_tagger.scores(run)
        roles[k:end] = [role_tagger.labels[x] for x in role_tagger.viterbi(scores)]
        found = noun_phrases(words[k:end], sent_of[k:end])
        phrases.extend((k + a, k + b) for a, b in found)
        candidates = {t for a, b in found for t in range(a, b)}
        candidates.update(t - k for t in range(k, end) if roles[t].endswith("S"))
        if candidates:
            marginals = role_tagger.marginals(scores)
            speaker = marginals[:, role_tagger.label_index["B-S"]] + marginals[:, role_tagger.label_index["I-S"]]
            for t in candidates:
                prob[k + t] = float(speaker[t])
        k = end
    return roles, prob, phrases


def link(quotes: list[tuple[int, int, str]], ctx: LinkContext, spans: list[tuple[int, int]],
         linker: dict, phrases: list[tuple[int, int]]) -> list[Tagged]:
    """Each quotation's speaker: the best-scored mention near it (`phrases`: the noun phrases of the
    sentences within LINK_WINDOW of a quotation), or the previous quotation's speaker."""
    out: list[Tagged] = []
    previous: tuple[int, int] | None = None
    weights, threshold = linker["weights"], linker["threshold"]
    mentions = sorted(set(phrases) | ctx.s_runs)
    # mentions and cues in sentence order, so that each quotation takes those of its window by bisection (a
    # scan of all for each quotation made a text with thousands of them quadratic, bench_pathological.py)
    mention_sents = [ctx.sent_of[m[0]] for m in mentions]
    cues = sorted(ctx.cue_tokens)
    cue_sents = [ctx.sent_of[k] for k in cues]
    capable: dict[tuple[int, int], bool] = {}  # filled for the candidates only (most mentions are none)
    for q0, q1, label in quotes:
        best, best_p = None, threshold
        s0, s1 = ctx.sent_of[q0], ctx.sent_of[q1 - 1]
        near = mentions[bisect_left(mention_sents, s0 - LINK_WINDOW) : bisect_right(mention_sents, s1 + LINK_WINDOW)]
        cands = candidates_for((q0, q1, label), near, ctx.sent_of, previous, ctx.s_runs)
        for m in cands:
            if m not in capable:
                capable[m] = can_speak(ctx.words[m[0] : m[1]])
        # the best mention over the threshold, one that can speak before one that cannot ("Y erläuterte
        # die Dynamik: ..." is Y's)
        above = [(capable[m], p, m) for m, f in zip(cands, candidate_features((q0, q1, label), cands, ctx, previous),
                                                     strict=True) if (p := score(weights, f)) > threshold]
        if above:
            _, best_p, best = max(above, key=lambda x: (x[0], x[1]))
        near_cues = [spans[k] for k in cues[bisect_left(cue_sents, s0) : bisect_right(cue_sents, s1)]
                     if not ctx.quote_tokens[k]]
        out.append(Tagged(spans[q0][0], spans[q1 - 1][1], label,
                          (spans[best[0]][0], spans[best[1] - 1][1]) if best else None, near_cues,
                          confidence=best_p if best else 0.0))
        if best is not None:
            previous = best
    return out


MARKED = re.compile(r"[„»“\"][^„“”»«\"\n]{1,400}[“”«\"]")


def nested_direct(text: str, found: list[Tagged]) -> list[Tagged]:
    """Words in quotation marks inside a reported statement are a direct quotation of their own,
    by the same speaker ("Er nannte den Plan „unausgegoren“ und forderte ..."): the corpus counts both."""
    out = []
    for t in found:
        if t.label == "D":
            continue
        for m in MARKED.finditer(text, t.start, t.end):
            if (m.start(), m.end()) != (t.start, t.end):
                out.append(Tagged(m.start(), m.end(), "D", t.speaker, t.cues))
    return out
