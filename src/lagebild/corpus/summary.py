"""A story's summary: the news first, then the facts most sources report, each sentence citing every
document that says the same thing.

Each sentence of the story's articles is scored for what is new in it: how many sources report it, how
recent its article is (the latest development over the pre-event forecast), where it stands in its
article (news puts the event first), its tense (happened over expected), its date (the day of the
article over last year), and how much it shares with the story's headlines. Background ("zuletzt",
"im vergangenen Jahr"), hedged assumptions, quotations and the context every story of the collection
shares count less. The best sentence leads; the others follow by maximal marginal relevance.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import snowballstemmer

from ..extract.timex import QUOTED, clause_tense
from ..meta.extract import after_stamp
from ..model import Document, Excerpt, Span
from ..nlp.sentences import sentence_spans
from .forecasts import event_verbs, same_family
from .news_cues import ANAPHORIC_START, BACKGROUND, EVENT_NOUN, OPINION, PLUPERFECT, SPECULATION
from .related import content_words

SUMMARY_MAX, SUMMARY_MIN = 5, 3
MMR_LAMBDA = 0.7  # centrality against redundancy (Carbonell & Goldstein 1998)
MMR_STOP = 0.2  # below this marginal value a summary of SUMMARY_MIN sentences is long enough (0.3 cut the
# seeds' five-article story to three sentences)
MAX_DOCS_SUMMARIZED, MAX_SENTENCES_PER_DOC = 30, 25  # bounds the pairwise sentence comparison
# A span says what a summary sentence says when the Dice coefficient of their word stems reaches this
# (and their numbers, where both give some, agree). Calibrated with bench/eval_citations.py on 54
# hand-labelled sentence pairs of the fictional examples, with nouns and place names counted as content
# (related.function_words): different facts of one event score up to 0.46, paraphrases from 0.53; F1 0.85 /
# 0.92 / 1.00 / 0.90 at 0.30 / 0.45 / 0.49 / 0.53 (bench/eval_citations.py), the middle of the gap taken.
CITE_SIMILARITY = 0.49
# Two sentences give the same fact (so that different figures in them conflict) from this similarity on:
# on the examples' labelled pairs, sentences of one event score 0.2-0.5 whatever fact they give.
CONFLICT_SIMILARITY = 0.2
# News-ness factors, set by reading the examples' and seeds' summaries (not fitted to their sentences).
RECENCY_PER_DAY = 0.75  # an article a day older than the story's latest tells less of the news
POSITION_DECAY = 0.08  # the tenth sentence of an article weighs 1 / (1 + 0.72) of its first
TENSE = {"past": 1.0, "present": 0.75, "future": 0.45}
SUPERSEDED = 0.5  # a forecast in an article older than the story's latest report: the report tells it
BACKGROUND_FACTOR = 0.4
SPECULATION_FACTOR = 0.6
ANAPHORIC_FACTOR = 0.6  # it leans on a sentence the summary does not show
OPINION_FACTOR = 0.75  # someone's view of the event, not the event
QUOTED_FACTOR = 0.5  # led by or mostly a quotation: a summary reports, the quotes section quotes
OLD_DATE_DAYS = 30  # a sentence dated this long before its article is background
DATED_TODAY = 1.3  # the sentence names the day of its article (or the day before): the event's date
FULFILLED = 1.5  # a report, in the latest articles, of what earlier ones expected: the development
HAS_FACT = 1.1  # a date or a number tells the reader more
COPY_FACTOR = 0.9  # the original over its copy
TOPIC_FACTOR, TOPIC_MIN_DOCS = 0.5, 3  # weight of a word all (3 or more) articles of the story have
COMMON_FACTOR = 0.3  # weight of a word most stories of the collection share (their common context)
QUOTE_MARKS = "„“\"»«'‚"  # a sentence opening with one is led by a quotation
SUBORDINATE = re.compile(r",\s*(?:dass|ob|weil|wenn|damit|um|die|der|das|was|wie|that|which|who|because|if)\b")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    """Snowball stemmer (PyStemmer's C build when installed: 1000x faster than the pure-Python one)."""
    return snowballstemmer.stemmer("english" if language == "en" else "german")


def stems(text: str, language: str | None = "de") -> frozenset[str]:
    """Snowball stems of the content words, so that inflected forms meet ("unterzeichneten" /
    "unterzeichnet", "Brücke" / "Brücken")."""
    return frozenset(_stemmer(language or "de").stemWords(sorted(content_words(text))))


def similarity(a: str, b: str, language: str | None = "de") -> float:
    """How far `b` says what `a` says: Dice of their word stems, 0 when both give numbers and none agree.
    The summary's citations are checked with this measure (tests/test_summary.py)."""
    return _similarity(stems(a, language), stems(b, language), _numbers(a), _numbers(b))


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(".", "").replace(",", "") for n in NUMBER.findall(QUOTED.sub(" ", text)))


def _similarity(a: frozenset[str], b: frozenset[str], na: frozenset[str], nb: frozenset[str]) -> float:
    if not a or not b or (na and nb and not na & nb):
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class _Sentence:
    doc: str
    start: int
    end: int
    text: str
    position: int
    words: frozenset[str]
    numbers: frozenset[str]
    in_quotation: bool = False  # it begins inside a quotation an earlier sentence opened
    shown: int = -1  # where it is shown from: after a dateline or a ticker's time stamp (meta.extract.after_stamp)

    def like(self, other: _Sentence) -> float:
        return _similarity(self.words, other.words, self.numbers, other.numbers)


@dataclass(frozen=True)
class Figure:
    """A quantity of a document with the range its qualifier allows (claims._range)."""

    doc: str
    start: int
    end: int
    text: str
    unit: str
    low: float
    high: float


@dataclass
class StoryContext:
    """What the summary reads besides the texts: copies, date and number spans, resolved dates, and the
    word stems most stories of the collection share."""

    copies: set[str] = field(default_factory=set)
    facts: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    dates: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    common: frozenset[str] = frozenset()
    figures: dict[str, list[Figure]] = field(default_factory=dict)


SENTENCE_END_MARKS = frozenset(".!?…:\"“”»«)'’")


def _sentences(doc: Document, limit: int) -> list[_Sentence]:
    """The first `limit` sentences of the lead and body with at least five word stems (read whole, shown without
    a dateline or a time stamp that opens them: its date tells when the news came)."""
    out: list[_Sentence] = []
    for seg in doc.segments:
        if seg.kind in ("lead", "body") and seg.start is not None and seg.end is not None:
            open_quote = False
            for a, b in sentence_spans(doc.text, seg.start, seg.end):
                text = doc.text[a:b]
                words = stems(text, doc.language)
                if len(words) >= 5:
                    out.append(_Sentence(doc.id, a, b, text, len(out), words, _numbers(text), open_quote,
                                         after_stamp(doc, a, b)))
                    if len(out) == limit:
                        return out
                open_quote = _quotation_open_after(text, open_quote)
    return out


def _quotation_open_after(text: str, open_quote: bool) -> bool:
    """Whether a quotation is still open at the end of a sentence: German „…“ and »…«, English “…”."""
    for ch in text:
        if ch in "„»":
            open_quote = True
        elif ch in "”«":
            open_quote = False
        elif ch in "“\"":  # closes the German „…“, opens the English “…”
            open_quote = not open_quote
    return open_quote


def main_tense(text: str) -> str:
    """The tense of a sentence's main clause: what comes before its first subordinate clause ("bedankte
    sich Velden ... und nährte die Befürchtung, dass sie ... nutzen werden" reports the past)."""
    m = SUBORDINATE.search(text)
    head = clause_tense(text[: m.start()]) if m else "present"
    return head if head != "present" else clause_tense(text)


def _date(doc: Document) -> date | None:
    v = doc.published.value
    return date.fromisoformat(v) if v and len(v) == 10 else None


class _Scorer:
    def __init__(self, docs: list[Document], ctx: StoryContext, by_doc: dict[str, list[_Sentence]]) -> None:
        self.ctx, self.by_doc = ctx, by_doc
        self.day = {d.id: _date(d) for d in docs}
        self.views = {d.id for d in docs if d.genre == "view"}
        days = [x for x in self.day.values() if x]
        self.latest = max(days) if days else None
        sents = [s for ss in by_doc.values() for s in ss]
        doc_freq = Counter(w for ss in by_doc.values() for w in set().union(*[s.words for s in ss]))
        self.n_docs = max(len(by_doc), 1)
        # words every article has name the topic, not this development; words of the collection's
        # other stories too are its common context
        topic = self.n_docs if self.n_docs >= TOPIC_MIN_DOCS else self.n_docs + 1
        self.weight = {w: c * (COMMON_FACTOR if w in ctx.common else TOPIC_FACTOR if c >= topic else 1.0)
                       for w, c in doc_freq.items()}
        self.titles = frozenset().union(*[stems(d.title or "", d.language) for d in docs])
        self.expected: set[str] | None = None  # computed when first asked
        self.support: dict[_Sentence, dict[str, _Sentence]] = {}
        self.echo: dict[_Sentence, float] = {}
        for s in sents:
            self._support(s)

    def _support(self, s: _Sentence) -> None:
        """For each other document, its sentence that says what `s` says (if any), and how much the other
        originals echo `s` (the sum of their best similarities: paraphrases of one fact across outlets
        rarely reach the citation threshold, yet they tell what several sources report)."""
        out, echo = {}, 0.0
        for doc, sents in self.by_doc.items():
            if doc == s.doc or not sents:
                continue
            match = max(sents, key=s.like)
            like = s.like(match)
            if like >= CITE_SIMILARITY:
                out[doc] = match
            if doc not in self.ctx.copies:
                echo += like
        self.support[s], self.echo[s] = out, echo

    def _forecast_events(self) -> set[str]:
        """The events earlier articles of the story expected: the stems of the verbs and of the "-ung"
        nouns of their future-tense sentences ("planen die Unterzeichnung", "will ... vereinbaren")."""
        out: set[str] = set()
        for doc, sents in self.by_doc.items():
            day = self.day.get(doc)
            if not (day and self.latest and day < self.latest):
                continue
            for s in sents:
                if main_tense(s.text) == "future":
                    plain = QUOTED.sub(" ", s.text)
                    words = event_verbs(plain) | {w.lower() for w in EVENT_NOUN.findall(plain)}
                    out |= set(_stemmer("de").stemWords(sorted(words)))
        return out

    def _fulfils(self, s: _Sentence) -> bool:
        """Does `s` report, in the past tense, an event that an earlier article expected?"""
        if self.expected is None:
            self.expected = self._forecast_events()
        if not self.expected:
            return False
        verbs = _stemmer("de").stemWords(sorted(event_verbs(QUOTED.sub(" ", s.text))))
        return any(v in self.expected or any(same_family(v, e) for e in self.expected) for v in verbs)

    def news(self, s: _Sentence) -> float:
        ctx = self.ctx
        # the square root: a long sentence tells more, yet not in proportion to its length
        score = sum(self.weight[w] for w in s.words) / (math.sqrt(len(s.words)) * self.n_docs)
        score *= 1 + self.echo[s]  # reported by several sources
        score *= 1 + len(s.words & self.titles) / len(s.words)  # headlines state the news
        score /= 1 + POSITION_DECAY * s.position
        day = self.day.get(s.doc)
        older = (self.latest - day).days if day and self.latest else 0
        score *= RECENCY_PER_DAY ** older
        tense = main_tense(s.text)
        score *= TENSE[tense] * (SUPERSEDED if tense == "future" and older > 0 else 1.0)
        if ANAPHORIC_START.match(s.text.lower()):
            score *= ANAPHORIC_FACTOR
        head = SUBORDINATE.search(s.text)
        if BACKGROUND.search(s.text.lower()) or PLUPERFECT.search(s.text[: head.start() if head else None].lower()):
            score *= BACKGROUND_FACTOR
        plain = QUOTED.sub(" ", s.text).lower()
        if SPECULATION.search(plain):
            score *= SPECULATION_FACTOR
        if OPINION.search(plain):
            score *= OPINION_FACTOR
        quoted = sum(len(m.group(0)) for m in QUOTED.finditer(s.text))
        if quoted > len(s.text) / 2 or (quoted and s.text[0] in QUOTE_MARKS) or s.in_quotation:
            score *= QUOTED_FACTOR
        if older == 0 and tense == "past" and self._fulfils(s):
            score *= FULFILLED
        values = [v for a, b, v in ctx.dates.get(s.doc, []) if a < s.end and s.start < b]
        if day and values:
            gaps = [(day - last).days for last in map(_last_day, values) if last]
            if any(g > OLD_DATE_DAYS for g in gaps):
                score *= BACKGROUND_FACTOR
            elif any(0 <= g <= 1 for g in gaps):
                score *= DATED_TODAY
        if any(a < s.end and s.start < b for a, b in ctx.facts.get(s.doc, [])):
            score *= HAS_FACT
        if s.doc in ctx.copies:
            score *= COPY_FACTOR
        return score


def _last_day(value: str) -> date | None:
    """The last day a date value (2024-06-19, 2024-06, 2024) covers."""
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


@dataclass
class Summary:
    excerpts: list[Excerpt]
    conflicts: list[dict[str, Any]]  # summary sentences whose figure other sources give otherwise
    shared: dict[str, float]  # per document, how much of it other originals say too (the sum of its sentences' echo)


def summarize(docs: list[Document], ctx: StoryContext) -> Summary:
    """3-5 sentences: the news first, then by MMR what most sources report, each with its sources.
    `docs` in order of publication; the latest are read when there are more than MAX_DOCS_SUMMARIZED."""
    by_doc = {d.id: _sentences(d, MAX_SENTENCES_PER_DOC) for d in docs[-MAX_DOCS_SUMMARIZED:]}
    scorer = _Scorer(docs, ctx, by_doc)
    # what happened, told by the reports: a comment piece's sentences only where the story has nothing else
    told = {doc: ss for doc, ss in by_doc.items() if doc not in scorer.views} or by_doc
    scored = {s: scorer.news(s) for ss in told.values() for s in ss}
    shared: dict[str, float] = {}
    for s, echo in scorer.echo.items():
        shared[s.doc] = shared.get(s.doc, 0.0) + echo
    if not scored:
        return Summary([], [], shared)
    top = max(scored.values()) or 1.0
    # ties broken by document and position, so that the summary does not depend on the input order
    ranked = sorted(scored, key=lambda s: (-scored[s], s.doc, s.start))
    # a line without a sentence's end is a heading or a kicker the page repeats in its body: it counts for what
    # the sources say, but is no sentence of the summary
    ranked = [s for s in ranked if s.text.rstrip()[-1:] in SENTENCE_END_MARKS] or ranked
    # the lead states the event plainly, in the past or the present ("wird neue Bürgermeisterin"): no
    # future, hedge or question anywhere in it, where such a sentence exists
    plain = [s for s in ranked
             if clause_tense(s.text) != "future" and not SPECULATION.search(QUOTED.sub(" ", s.text).lower())
             and not s.text.rstrip().endswith("?")]
    chosen: list[_Sentence] = plain[:1] or ranked[:1]
    while len(chosen) < SUMMARY_MAX:
        best, best_val = None, -1.0
        for s in ranked:
            if s in chosen:
                continue
            redundancy = max((s.like(x) for x in chosen), default=0.0)
            if redundancy >= CITE_SIMILARITY:
                continue  # it says what a chosen sentence says: one sentence per fact
            val = MMR_LAMBDA * scored[s] / top - (1 - MMR_LAMBDA) * redundancy
            if val > best_val:
                best, best_val = s, val
        if best is None or (len(chosen) >= SUMMARY_MIN and best_val <= MMR_STOP):
            break
        chosen.append(best)
    text_of = {d.id: d.text for d in docs}
    out = []
    for s in chosen:
        support = sorted(scorer.support[s].items())
        sources = [Span(s.doc, s.shown, s.end)] + [Span(d, m.shown, m.end) for d, m in support]
        out.append(Excerpt(text_of[s.doc], s.shown, s.end, sources))
    return Summary(out, _conflicts(chosen, docs[-MAX_DOCS_SUMMARIZED:], ctx), shared)


def _conflicts(chosen: list[_Sentence], docs: list[Document], ctx: StoryContext) -> list[dict[str, Any]]:
    """For each summary sentence with a figure, the figures of the same unit that other documents give
    in a sentence about the same thing (CONFLICT_SIMILARITY) with a range that does not overlap."""
    out = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for i, s in enumerate(chosen):
        for f in ctx.figures.get(s.doc, []):
            if not (s.start <= f.start < s.end):
                continue
            others = []
            for doc in docs:
                for g in ctx.figures.get(doc.id, []):
                    if doc.id == s.doc or g.unit != f.unit or (g.low <= f.high and f.low <= g.high):
                        continue
                    if doc.id not in spans:
                        spans[doc.id] = sentence_spans(doc.text)
                    a, b = next(((a, b) for a, b in spans[doc.id] if a <= g.start < b), (g.start, g.end))
                    if similarity(s.text, doc.text[a:b], doc.language) >= CONFLICT_SIMILARITY:
                        others.append(g)
                        break  # one figure a document: its headline and its text saying it again are one source
            if others:
                values = [f, *others]  # in reading order: the same whatever the input order
                out.append({"sentence": i, "values": [{"doc": g.doc, "start": g.start, "end": g.end, "text": g.text}
                                                      for g in values]})
    return out
