"""Stories: documents about one event, clustered, each with a title and a sourced summary (summary.py).

Clustering reads the documents in order of publication (ties broken by their text, so the stories do
not depend on the input order); a document joins the story whose centroid (TF-IDF over content words of
headline and text, English ones stemmed and English names weighted up; IDF from background counts and the
collection) is most similar, if similar enough for the days between them, else it starts a story. A
document sharing a passage with a story's member (a copy) joins it. Of an event that recurs ("every
Saturday"), a report of another occurrence (its lead names a day a week on) starts a story. A second
pass lets each story, smallest first, join the one it is most similar to as the stories ended up.
Candidate stories come from an inverted index of each story's top terms, so the work per document does
not grow with the number of stories.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from importlib import resources
from typing import Any

from .. import engines
from ..clean.features import stopwords
from ..engines import current
from ..model import Document, Dossier, Excerpt, Span
from . import memo
from .claims import _range
from .summary import Figure, StoryContext, Summary, stems, summarize

TERM = re.compile(r"\b[\wäöüß-]{4,}")
# A document joins a story from this similarity to its centroid on (cosine less the strongest shared
# term; IDF from background counts + corpus). Calibrated with bench/eval_stories.py (seeds + examples +
# 10kGNAD, B-cubed F1): 0.984 / 0.993 / 0.993 at 0.25 / 0.30 / 0.35.
JOIN_COSINE = 0.30
# The weight in every document's length of its terms no other document has. At 0 (as before) a small
# corpus of unrelated long texts looked alike through the few everyday words they share; at 1 (exact
# cosine) the seeds' five reports of one event fell apart at this threshold. bench/eval_stories.py at 0.30:
# B-cubed F1 0.993 (weight 0), 0.993 (0.3), 0.995 (0.5), 0.996 (1.0); seeds one story up to 0.5.
UNSHARED_WEIGHT = 0.5
# Articles of one day or the next on one event share fewer words than JOIN_COSINE asks of undated ones
# (a translation, a comment piece): the threshold rises from JOIN_SAME_DAYS to JOIN_COSINE over
# THRESHOLD_DAYS, and beyond that the similarity halves every HALF_LIFE_DAYS (a decay, not a wall).
# Calibrated with bench/eval_stories.py (10kGNAD articles are undated and keep JOIN_COSINE) and the
# English dev set tests/data/stories_en (fictional, bench/eval_stories_en.py): F1 1.000 at 0.15-0.22, 0.945
# at 0.25; the examples' translation and comment piece join up to 0.18. Stress test: the 1,028 10kGNAD
# articles all given one day keep B-cubed P 0.909 / 0.957 at 0.15 / 0.20 (the joins are mostly one
# thread of news: a lander's signals, a club's title run), against 0.982 undated.
JOIN_SAME_DAYS = 0.15
THRESHOLD_DAYS = 7
HALF_LIFE_DAYS = 7
# English names (_names) weigh this much more than other words, unless the background has them in more than
# NAME_MAX_SHARE of its pieces (weekdays, months, "London"). Calibrated on the fictional English wire dev set
# (bench/eval_stories_en.py tests/data/stories_en_wire/dev), B-cubed P / R: on its first 68 articles 0.906 /
# 0.971 at 1.0-1.1 (two companies' results of one day become one story), 0.941 / 1.000 at 1.2-1.3, 0.941 /
# 0.975 at 1.5, 0.941 / 0.909 at 2.0; on all 104 (with STRONGEST_TERM_DISCOUNT 0.85) 0.902 / 0.968 at 1.0,
# 0.925 / 0.987 at 1.15, 0.925 / 0.974 at 1.3, 0.925 / 0.958 at 1.5; the share changes nothing 0.005-0.02.
NAME_WEIGHT, NAME_MAX_SHARE = 1.3, 0.01
# In the second pass (cluster) a story joins another only by this margin over the threshold. Calibrated
# on the English wire dev set (bench/eval_stories_en.py tests/data/stories_en_wire/dev: on its first 68
# articles recall 1.000 up to a margin of 0.10, 0.975 at 0.15 and without the pass; on all 104 with every
# article given one day 0.974 against 0.959 without the pass) and bench/eval_stories.py with every 10kGNAD
# article given one day (a stress test: precision 0.928 without the pass, 0.907 / 0.918 / 0.925 at
# 0.02 / 0.04 / 0.08); at 0 a 10kGNAD article dated to the seeds' day joined them (0.151 against 0.15).
MERGE_MARGIN = 0.08
TITLE_WITHIN = 300  # characters of text before the headline (a kicker) where it counts as already there
# The share of the strongest shared term's part that a similarity leaves out (Story.similarity). Reports of
# one event often share little beyond the place that names it ("Wrenfield" in every report of a hospital
# hack), and a whole discount left them apart. Calibrated on the English wire dev set (bench/eval_stories_en.py
# tests/data/stories_en_wire/dev, 104 articles) B-cubed P / R: 0.925 / 0.909 at 1.0, 0.925 / 0.946 at 0.9,
# 0.925 / 0.974 at 0.85, 0.925 / 0.987 at 0.8, 0.902 / 1.000 at 0.75 (two same-day earthquakes join);
# bench/eval_stories.py 0.998 from 0.8 up (0.997 at 0.6); the small English set 1.000 throughout.
STRONGEST_TERM_DISCOUNT = 0.85
TOP_TERMS = 40  # terms of a story indexed, and of a document looked up, to find candidate stories
# A term among the top terms of more stories than this does not find candidates: such a common word
# alone never decides a story, and a fixed cap keeps the work per document bounded however large the
# corpus (a cap growing with the corpus made the search quadratic again).
COMMON_TERM_STORIES = 50
# Only the stories sharing the most weight of a document's top terms are compared in full: in a corpus
# of 100k articles a document has up to 2,000 candidates, most sharing one middling word. Same stories
# as comparing all candidates on bench/eval_stories.py and the 10k corpus of bench/bench_full.py.
CANDIDATE_STORIES = 20
# The story's title comes from its most central article; these weigh what kind of article it is.
COPY_TITLE, TRANSLATION_TITLE, REPORT_TITLE = 0.5, 0.7, 1.5
# A comment piece or blog entry (meta/genre.py) and a headline that asks or quotes rather than tells: a view of
# the story, a question about it or a voice in it, not the statement of what happened a story's title should be
VIEW_TITLE, QUESTION_TITLE = 0.25, 0.5
QUOTE_LED = re.compile(r"^\s*[\"„“”»«‚‘']")
# Headline words of more than this share of the stories (with at least COMMON_MIN_STORIES of them) are the
# collection's common context ("Ukraine" in a war dossier) and weigh less in every summary.
COMMON_SHARE, COMMON_MIN_STORIES = 0.5, 3
# A recurring event (an article says it recurs: "every Saturday", "weekly") is one story per occurrence: a
# report whose lead names a day at least this far from the story's first day (the day of its occurrence;
# its follow-ups name later ones) reports another occurrence ("the second Saturday march"), unless it
# shares a passage with the story. Follow-ups of one event name days up to 6 days on in the English wire
# dev set (an arrest after a theft), weekly occurrences 7 (bench/eval_stories_en.py
# tests/data/stories_en_wire/dev: the weekly marches and blockades).
RECUR_GAP_DAYS = 7


def _terms(text: str) -> Counter[str]:
    sw = stopwords()
    return Counter(w.lower() for w in TERM.findall(text) if w.lower() not in sw and not w.isdigit())


def _names(text: str, language: str | None) -> set[str]:
    """Terms an English text writes with a capital inside a sentence: the names of its people, places and
    organisations, which reports of one event share however differently they are worded. German
    capitalises every noun, so there the capital says nothing and no term is a name."""
    if language != "en":
        return set()
    names = set()
    for m in TERM.finditer(text):
        if m.group()[0].isupper():
            j = m.start() - 1
            while j >= 0 and text[j] in " \t\"'“‘(":
                j -= 1
            if j >= 0 and text[j] not in ".!?:\n":  # not the first word of a sentence
                names.add(m.group().lower())
    return names


def _with_title(doc: Document) -> str:
    """The text with its headline: cleaning puts the headline first in the text (after a kicker, if any);
    a document made without it (a record with text and title apart) gets it here, as the headline names
    the event."""
    title = doc.title.strip()
    if not title or doc.text.find(title, 0, len(title) + TITLE_WITHIN) >= 0:
        return doc.text
    return f"{doc.title}\n\n{doc.text}"


@lru_cache(maxsize=1)
def _english_stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def _english_stems() -> tuple[dict[str, str], dict[str, int]]:
    """Each English background word's Snowball stem, and each stem's background count (its most frequent
    word's): English inflects little, but enough that paraphrases miss each other ("evacuated" /
    "evacuation", "strike" / "strikes")."""
    stemmer = _english_stemmer()
    files = resources.files("lagebild.corpus")
    en = json.loads(files.joinpath("data/idf_en.json").read_text("utf-8"))
    n, _ = _background()
    scale = n / int(en["documents"])
    stem_of: dict[str, str] = {}
    df: dict[str, int] = {}
    for w, c in en["df"].items():
        s = stem_of[w] = stemmer.stemWord(w)
        df[s] = max(df.get(s, 0), round(c * scale))
    return stem_of, df


def _stem(word: str, stem_of: dict[str, str], seen: dict[str, str]) -> str:
    """The English stem of a word, from the background table or `seen` (the corpus' other words)."""
    s = stem_of.get(word) or seen.get(word)
    if s is None:
        s = seen[word] = _english_stemmer().stemWord(word)
    return s


@lru_cache(maxsize=1)
def _background() -> tuple[int, dict[str, int]]:
    """Document frequencies of German and English words (training/idf/build_idf.py, build_idf_en.py), so
    that IDF is sensible even when the corpus at hand is five articles. Both tables count pieces of the
    same size; a word of both languages keeps the larger count."""
    files = resources.files("lagebild.corpus")
    de = json.loads(files.joinpath("data/idf_de.json").read_text("utf-8"))
    en = json.loads(files.joinpath("data/idf_en.json").read_text("utf-8"))
    scale = int(de["documents"]) / int(en["documents"])
    df = dict(de["df"])
    for w, c in en["df"].items():
        df[w] = max(df.get(w, 0), round(c * scale))
    return int(de["documents"]), df


def _date(doc: Document) -> date | None:
    v = doc.published.value
    return date.fromisoformat(v) if v and len(v) == 10 else None


@dataclass(frozen=True)
class Occasion:
    """What a document's time expressions say about its event: the day its lead names (else the day it
    was published) and whether it says the event recurs weekly."""
    day: date | None
    recurring: bool


DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?:T|$)")


def _lead_end(doc: Document) -> int:
    """Where the lead (the first paragraph after the headline) ends in the document's text."""
    text = doc.text
    start = len(doc.title) if doc.title and text.startswith(doc.title) else 0
    while text.startswith("\n", start):
        start += 1
    end = text.find("\n\n", start)
    return len(text) if end < 0 else end


def occasions(docs: list[Document], times: Sequence[Mapping[str, Any]]) -> list[Occasion]:
    """Each document's Occasion from its time records (dossier.times: doc, start, type, value)."""
    index = {d.id: i for i, d in enumerate(docs)}
    lead_day: dict[int, date] = {}
    lead_end: dict[int, int] = {}
    recurring: set[int] = set()
    for t in times:
        i = index.get(t["doc"])
        value = str(t.get("value") or "")
        if i is None:
            continue
        if t.get("type") == "SET" and (value == "P1W" or value.startswith("XXXX-WXX-")):
            recurring.add(i)
        elif t.get("type") == "DATE" and i not in lead_day and DAY_VALUE.match(value):
            if i not in lead_end:
                lead_end[i] = _lead_end(docs[i])
            if t["start"] < lead_end[i]:
                try:
                    lead_day[i] = date.fromisoformat(value[:10])
                except ValueError:
                    continue
    return [Occasion(lead_day.get(i) or _date(d), i in recurring) for i, d in enumerate(docs)]


def _another_occurrence(a_days: list[date], b_days: list[date], recurring: bool) -> bool:
    """Whether two groups of reports of a recurring event are about different occurrences: their first
    days (the days of their occurrences) are a recurrence apart."""
    return recurring and bool(a_days) and bool(b_days) and abs((min(a_days) - min(b_days)).days) >= RECUR_GAP_DAYS


def _doc_terms(doc: Document, stem_of: dict[str, str], stem_df: dict[str, int],
               seen: dict[str, str]) -> list[tuple[str, int]]:
    """The document's terms and counts, a name's count negated (one array, no second per document)."""
    bg_docs, bg_df = _background()
    text = _with_title(doc)
    tf = _terms(text)
    # names from the text without the headline: a Title Case headline capitalises every word
    names = _names(text.replace(doc.title, "", 1) if doc.title else text, doc.language)
    if doc.language == "en":  # English terms are stems; German ones stay words
        stemmed: Counter[str] = Counter()
        for w, c in tf.items():
            stemmed[_stem(w, stem_of, seen)] += c
        tf, names = stemmed, {_stem(w, stem_of, seen) for w in names}
    names = {w for w in names if max(bg_df.get(w, 0), stem_df.get(w, 0)) < NAME_MAX_SHARE * bg_docs}
    return [(w, -c if w in names else c) for w, c in tf.items()]


class _Vocabulary:
    """Terms as dense ids with their corpus document frequency, and each document's term counts packed
    in two arrays: a corpus of 100k articles has about a million distinct terms, and dicts of strings per
    document would take gigabytes. `stored_df` (a grown store, story_growth.py): the document frequencies
    of the terms among the `stored_docs` documents kept before these."""

    def __init__(self, docs: list[Document], stored_df: Callable[[list[str]], dict[str, int]] | None = None,
                 stored_docs: int = 0) -> None:
        self.ids: dict[str, int] = {}
        self.df = array("i")
        self.tfs: list[tuple[array[int], array[int]]] = []
        bg_docs, bg_df = _background()
        stem_of, stem_df = _english_stems() if any(d.language == "en" for d in docs) else ({}, {})
        seen: dict[str, str] = {}
        for doc in docs:
            terms: list[tuple[str, int]] = memo.recall("story terms", [doc.id],
                                                       partial(_doc_terms, doc, stem_of, stem_df, seen), list, list)
            ids = array("i", (self.ids.setdefault(w, len(self.ids)) for w, _ in terms))
            self.df.extend([0] * (len(self.ids) - len(self.df)))
            for t in ids:
                self.df[t] += 1
            self.tfs.append((ids, array("i", (c for _, c in terms))))
        if stored_df is not None:
            before = stored_df(list(self.ids))
            for w, t in self.ids.items():
                self.df[t] += before.get(w, 0)
        total = bg_docs + stored_docs + len(docs)
        self.idf = array("d", (math.log(total / (max(bg_df.get(w, 0), stem_df.get(w, 0)) + self.df[t]))
                               for w, t in self.ids.items()))

    def words(self) -> list[str]:
        """The term of each id."""
        return list(self.ids)

    def vector(self, i: int) -> tuple[dict[int, float], float]:
        """TF-IDF of document i, unit length, over the terms that occur in more than one document (no other
        document can share the rest), and the squared length of the rest (it counts in every norm: left
        out, a small corpus of unrelated long texts looked alike through the few words they share)."""
        v, norm, rest, _ = self._weighted(i)
        return {t: x / norm for t, x in v.items()}, rest / norm / norm

    def unshared(self, i: int) -> dict[int, float]:
        """Document i's terms no other document has, each weighted by its part of the squared length of the
        rest: their squares sum to the rest of `vector(i)`. A grown store keeps them in its stories, as a
        later document may share them (story_growth.py)."""
        _, norm, _, single = self._weighted(i)
        scale = math.sqrt(UNSHARED_WEIGHT) / norm
        return {t: x * scale for t, x in single.items()}

    def _weighted(self, i: int) -> tuple[dict[int, float], float, float, dict[int, float]]:
        ids, counts = self.tfs[i]
        v: dict[int, float] = {}
        single: dict[int, float] = {}
        rest = 0.0
        for t, c in zip(ids, counts, strict=True):
            x = (1 + math.log(abs(c))) * self.idf[t] * (NAME_WEIGHT if c < 0 else 1.0)
            if self.df[t] > 1:
                v[t] = x
            else:
                rest += x * x
                single[t] = x
        rest *= UNSHARED_WEIGHT
        norm = math.sqrt(sum(x * x for x in v.values()) + rest) or 1.0
        return v, norm, rest, single


def _summed(terms: Iterable[tuple[int, float]], more: Iterable[tuple[int, float]]) -> tuple[array[int], array[float]]:
    """Two sums of vectors added, as term ids and weights, heaviest first."""
    total = dict(terms)
    for t, x in more:
        total[t] = total.get(t, 0.0) + x
    order = sorted(total, key=total.__getitem__, reverse=True)
    return array("i", order), array("d", (total[t] for t in order))


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    # the sum of the member vectors as term ids and weights, heaviest first (the centroid is total / norm)
    terms: array[int] = field(default_factory=lambda: array("i"))
    weights: array[float] = field(default_factory=lambda: array("d"))
    norm: float = 1.0
    rest: float = 0.0  # the squared weight of the members' terms no other document has
    days: list[date] = field(default_factory=list)  # the days the members' leads name
    recurring: bool = False  # a member says the event recurs

    def add(self, i: int, vec: dict[int, float], rest: float, when: date | None, occasion: Occasion) -> None:
        self.members.append(i)
        if occasion.day:
            self.days.append(occasion.day)
        self.recurring = self.recurring or occasion.recurring
        self.terms, self.weights = _summed(zip(self.terms, self.weights, strict=True), vec.items())
        self.rest += rest
        self.norm = math.sqrt(sum(x * x for x in self.weights) + self.rest) or 1.0
        if when:
            self.dates.append(when)

    def absorb(self, other: _Story) -> None:
        """Take another story's members with the sum of their vectors."""
        self.members += other.members
        self.dates += other.dates
        self.days += other.days
        self.recurring = self.recurring or other.recurring
        self.terms, self.weights = _summed(zip(self.terms, self.weights, strict=True),
                                           zip(other.terms, other.weights, strict=True))
        self.rest += other.rest
        self.norm = math.sqrt(sum(x * x for x in self.weights) + self.rest) or 1.0

    def similarity(self, vec: dict[int, float]) -> float:
        """Cosine to the centroid without most of the single shared term that contributes most: two
        stories about one town or one leader share that name, one story shares many words."""
        parts = [x * vec[t] for t, x in zip(self.terms, self.weights, strict=True) if t in vec]
        return (sum(parts) - STRONGEST_TERM_DISCOUNT * max(parts, default=0.0)) / self.norm


def story_state(story: _Story, words: list[str], ids: list[Any], unshared: list[dict[int, float]]) -> dict[str, Any]:
    """A story's state as a store keeps it (story_growth.py) and a window hands it on (story_windows.py): its
    members, and the terms of its members (`unshared`: those of the members not kept yet) that no other document
    had, kept at the weight of their part of the squared length, so that the story's length stays the same while
    a later document that shares one of them finds it."""
    terms, weights = _summed(zip(story.terms, story.weights, strict=True), (x for u in unshared for x in u.items()))
    rest = max(0.0, story.rest - sum(x * x for u in unshared for x in u.values()))
    return {"members": [ids[i] for i in story.members], "rest": rest,
            "terms": [[words[t], x] for t, x in zip(terms, weights, strict=True)]}


def _gap(when: date | None, dates: list[date]) -> int | None:
    return min(abs((when - d).days) for d in dates) if when and dates else None


def join_threshold(gap: int | None) -> float:
    """The similarity a document needs to join a story whose nearest member is `gap` days away."""
    if gap is None:
        return JOIN_COSINE
    return JOIN_SAME_DAYS + (JOIN_COSINE - JOIN_SAME_DAYS) * min(1.0, max(0, gap - 1) / (THRESHOLD_DAYS - 1))


def decay(gap: int | None) -> float:
    """The share of its similarity a story keeps for a document `gap` days from its nearest member."""
    return 0.5 ** (max(0, gap - THRESHOLD_DAYS) / HALF_LIFE_DAYS) if gap is not None else 1.0


def reading_order(docs: list[Document]) -> list[int]:
    """Indices by publication date (undated last), ties by the text itself: the same order whatever
    order the documents came in."""
    def key(i: int) -> tuple[bool, str, str, str]:
        d = docs[i]
        when = _date(d)
        return (when is None, when.isoformat() if when else "", hashlib.sha1(d.text.encode()).hexdigest(), d.id)
    return sorted(range(len(docs)), key=key)


class _Search:
    """Stories so far, found by an inverted index of each story's top terms."""

    def __init__(self) -> None:
        self.stories: list[_Story] = []
        self.index: dict[int, array[int]] = {}  # term -> stories that had it among their top terms

    def story(self, s: int) -> _Story:
        return self.stories[s]

    def stories_with(self, t: int) -> Sequence[int]:
        return self.index.get(t, ())

    def best(self, vec: dict[int, float], whens: list[date], linked: set[int], occasion: Occasion,
             days: list[date], skip: int = -1, margin_needed: float = 0.0) -> int | None:
        """The story the document joins (the largest margin over its threshold), or None."""
        top = sorted(vec, key=vec.__getitem__, reverse=True)[:TOP_TERMS]
        shared: dict[int, float] = {}  # story -> weight of the document's top terms it shares
        for t in top:
            stories_with = self.stories_with(t)
            if len(stories_with) <= COMMON_TERM_STORIES:
                for s in stories_with:
                    shared[s] = shared.get(s, 0.0) + vec[t]
        best, best_margin = None, margin_needed
        for s in sorted(set(sorted(shared, key=shared.__getitem__, reverse=True)[:CANDIDATE_STORIES]) | linked):
            if s == skip:
                continue
            story = self.story(s)
            if not story.members:
                continue
            if s not in linked and _another_occurrence(days, story.days, occasion.recurring or story.recurring):
                continue
            gap = min((g for w in whens if (g := _gap(w, story.dates)) is not None), default=None)
            sim = story.similarity(vec) * decay(gap)
            margin = sim - join_threshold(gap) if s not in linked else max(1.0, sim)
            if margin >= best_margin:
                best, best_margin = s, margin
        return best

    def add(self, s: int | None, i: int, vec: dict[int, float], rest: float, when: date | None,
            occasion: Occasion) -> int:
        if s is None:
            s = len(self.stories)
            self.stories.append(_Story())
        story = self.stories[s]
        indexed = set(story.terms[:TOP_TERMS])
        story.add(i, vec, rest, when, occasion)
        self._index(s, indexed)
        return s

    def absorb(self, s: int, other: _Story) -> None:
        story = self.story(s)
        indexed = set(story.terms[:TOP_TERMS])
        story.absorb(other)
        self._index(s, indexed)

    def _index(self, s: int, indexed: set[int]) -> None:
        """Index the story under its top terms that were not among them before."""
        for t in self.stories[s].terms[:TOP_TERMS]:
            if t not in indexed:
                self.index.setdefault(t, array("i")).append(s)


Occasions = list[Occasion] | dict[int, Occasion]  # by document index
Clustering = Callable[[list[Document], dict[int, set[int]], Sequence[Mapping[str, Any]]], list[list[int]]]


def cluster(docs: list[Document], links: dict[int, set[int]] | None = None,
            times: Sequence[Mapping[str, Any]] | None = None) -> list[list[int]]:
    """Indices of the documents of each story (each in reading order), in reading order of their first
    document. `links`: documents that share a passage (a copy joins its original's story). `times`: the
    time records of the documents (dossier.times), for the occurrences of recurring events."""
    return clustered(docs, links or {}, times or [])[0]


def clustered(docs: list[Document], links: dict[int, set[int]],
              times: Sequence[Mapping[str, Any]]) -> tuple[list[list[int]], _Search, _Vocabulary]:
    """`cluster`, with the stories as the search ended up (their summed vectors) and the vocabulary."""
    vocabulary = _Vocabulary(docs)
    occasion = occasions(docs, times)
    search = _Search()
    story_of: dict[int, int] = {}
    order = reading_order(docs)
    first_pass(search, vocabulary, docs, order, links, occasion, story_of)
    second_pass(search, range(len(search.stories)), docs, links, occasion, story_of, vocabulary)
    rank = {i: n for n, i in enumerate(order)}
    return [sorted(s.members, key=rank.__getitem__) for s in search.stories if s.members], search, vocabulary


def first_pass(search: _Search, vocabulary: _Vocabulary, docs: list[Document], order: Iterable[int],
               links: dict[int, set[int]], occasion: Occasions, story_of: dict[int, int],
               vectors: Callable[[int], tuple[dict[int, float], float]] | None = None) -> None:
    """Each document of `order` joins the story it is most similar to, or starts one. `vectors`: where
    document i's vector is (`vocabulary.vector` unless the vocabulary holds fewer documents)."""
    for i in order:
        vec, rest = (vectors or vocabulary.vector)(i)
        when = _date(docs[i])
        linked = {story_of[o] for o in links.get(i, ()) if o in story_of}
        day = occasion[i].day
        best = search.best(vec, [when] if when else [], linked, occasion[i], [day] if day else [])
        story_of[i] = search.add(best, i, vec, rest, when, occasion[i])


def second_pass(search: _Search, stories: Iterable[int], docs: list[Document], links: dict[int, set[int]],
                occasion: Occasions, story_of: dict[int, int], vocabulary: _Vocabulary | None = None) -> None:
    """Each of `stories`, smallest first, joins another one as they ended up: in the first pass a document
    met only the members published before it (the first report of an event meets none), so a brief of
    the first day and the reports of the next could start two stories. A story joins with its members'
    vectors (`vocabulary`) or, where the vocabulary does not hold them, with their sum (`_Story.absorb`)."""
    for s in sorted(stories, key=lambda s: (len(search.story(s).members), s)):
        story = search.story(s)
        if not story.members:  # joined another already
            continue
        centroid = {t: x / story.norm for t, x in zip(story.terms, story.weights, strict=True)}
        linked = {story_of[o] for i in story.members for o in links.get(i, ()) if o in story_of} - {s}
        best = search.best(centroid, story.dates, linked, Occasion(None, story.recurring), story.days, skip=s,
                           margin_needed=MERGE_MARGIN)
        if best is None:
            continue
        if vocabulary is not None:
            for i in story.members:
                vec, rest = vocabulary.vector(i)
                story_of[i] = search.add(best, i, vec, rest, _date(docs[i]), occasion[i])
        else:
            search.absorb(best, story)
            for i in story.members:
                story_of[i] = best
        story.members = []


def _central(group: list[Document], shared: dict[str, float], ctx: StoryContext) -> Document:
    """The article most central to the story: the most sentences other sources say too, originals over
    copies and translations, reports (a dateline or an agency) over blogs and comment pieces."""
    def score(d: Document) -> float:
        x = 1.0 + shared.get(d.id, 0.0)
        if d.id in ctx.copies:
            x *= COPY_TITLE
        if d.translation is not None:
            x *= TRANSLATION_TITLE
        if d.dateline or d.agencies:
            x *= REPORT_TITLE
        if d.genre == "view":
            x *= VIEW_TITLE
        if "?" in d.title or QUOTE_LED.match(d.title):
            x *= QUESTION_TITLE
        return x
    return max(group, key=score)  # the first of equals in reading order


def _common_stems(groups: list[list[Document]]) -> frozenset[str]:
    """Word stems that most stories of the collection share: their common context, not any one's news."""
    if len(groups) < COMMON_MIN_STORIES:
        return frozenset()
    counts: Counter[str] = Counter()
    for g in groups:
        counts.update(frozenset().union(*[stems(d.title + " " + (d.lead or ""), d.language) for d in g]))
    return frozenset(w for w, c in counts.items() if c > COMMON_SHARE * len(groups))


def build_stories(dossier: Dossier, clustering: Clustering = cluster) -> list[dict[str, Any]]:
    """The dossier's stories; `clustering`: `cluster`, or in a grown store story_growth.grow."""
    docs = dossier.documents
    position = {d.id: i for i, d in enumerate(docs)}
    rank = {i: n for n, i in enumerate(reading_order(docs))}
    copies: set[str] = set()  # the later document of each shared passage (in reading order: not input order)
    links: dict[int, set[int]] = {}
    for r in dossier.reuse:
        a, b = position[r.spans[0].doc], position[r.spans[1].doc]
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
        copies.add(docs[max(a, b, key=rank.__getitem__)].id)
    ctx = StoryContext(copies=copies)
    for item in dossier.times + dossier.quantities:
        ctx.facts.setdefault(item["doc"], []).append((item["start"], item["end"]))
    for q in dossier.quantities:
        if q.get("value") is not None:
            low, high = _range(float(q["value"]), q.get("qualifier"))
            ctx.figures.setdefault(q["doc"], []).append(
                Figure(q["doc"], q["start"], q["end"], q["text"], str(q.get("unit")), low, high))
    for t in dossier.times:
        if t.get("type") == "DATE" and t.get("value"):
            ctx.dates.setdefault(t["doc"], []).append((t["start"], t["end"], str(t["value"])))
    groups = [[docs[i] for i in members] for members in clustering(docs, links, dossier.times)]
    ctx.common = _common_stems(groups)
    stories = []
    for n, (group, summary) in enumerate(zip(groups, remembered_summaries(groups, ctx), strict=True), 1):
        dates = Counter(d.published.value for d in group if d.published.value and len(d.published.value) == 10)
        stories.append({
            "id": f"s{n}", "documents": [d.id for d in group], "title": _central(group, summary.shared, ctx).title,
            "date": max(dates, key=lambda v: (dates[v], v)) if dates else None, "summary": summary.excerpts,
            "conflicts": summary.conflicts,
        })
    return stories


# Documents of the stories one summary partition reads: a story's summary costs about 2.5 CPU ms per
# document (bench/bench_full.py, py-spy), so a partition is about a second of work, long against
# handing it to a process or a Ray task. Not tuned further.
SUMMARY_DOCS_PER_PART = 400


def remembered_summaries(groups: list[list[Document]], ctx: StoryContext) -> list[Summary]:
    """Each story's summary, computed again only when its members, their dates or facts, or the words all
    stories share have changed since the store's last run (a summary reads nothing else); those computed
    run in partitions of stories on the run's engine (its worker processes or Ray tasks)."""
    inputs = [[sorted(ctx.common), [[d.id, d.published.to_dict(), d.id in ctx.copies, ctx.facts.get(d.id),
                                     ctx.dates.get(d.id), [list(vars(f).values()) for f in ctx.figures.get(d.id, [])]]
                                    for d in group]] for group in groups]

    def compute(missing: list[int]) -> list[Any]:
        parts: list[list[int]] = [[]]
        size = 0
        for i in missing:  # stories in order, about SUMMARY_DOCS_PER_PART documents a partition
            if size >= SUMMARY_DOCS_PER_PART:
                parts.append([])
                size = 0
            parts[-1].append(i)
            size += len(groups[i])
        parts = [part for part in parts if part]
        engine, wave = current(), engines.PARTS_PER_WAVE
        out: list[Any] = []
        for w in range(0, len(parts), wave):  # a wave of partitions at a time: the driver never copies all texts
            made = [_summary_inputs(groups, part, ctx) for part in parts[w : w + wave]]
            out += [summary for found in engine.partitions(_summary_part, made) for summary in found]
        return out

    # kept as plain data (what the partitions send back and the store keeps), then tied to the texts here
    found = memo.recall_many("summary", inputs, compute, lambda data: data, lambda data: data)
    return [_decoded(group, data) for group, data in zip(groups, found, strict=True)]


def _summary_inputs(groups: list[list[Document]], part: list[int], ctx: StoryContext
                    ) -> tuple[list[list[Document]], StoryContext]:
    """What the summaries of the stories `part` read: their documents without the raw input and the stages'
    working state (handed to another process), and the context of those documents only."""
    lean = [[d.lean() for d in groups[i]] for i in part]
    ids = {d.id for group in lean for d in group}
    return lean, StoryContext(copies=ctx.copies & ids, common=ctx.common,
                              facts={k: v for k, v in ctx.facts.items() if k in ids},
                              dates={k: v for k, v in ctx.dates.items() if k in ids},
                              figures={k: v for k, v in ctx.figures.items() if k in ids})


def _summary_part(part: tuple[list[list[Document]], StoryContext]) -> list[Any]:
    groups, ctx = part
    return [_encoded(summarize(group, ctx)) for group in groups]


def _encoded(s: Summary) -> Any:
    return [[[e.sources[0].doc, e.start, e.end, [[x.doc, x.start, x.end] for x in e.sources]] for e in s.excerpts],
            s.conflicts, s.shared]


def _decoded(group: list[Document], data: Any) -> Summary:
    text_of = {d.id: d.text for d in group}
    excerpts, conflicts, shared = data
    return Summary([Excerpt(text_of[doc], a, b, [Span(*x) for x in sources]) for doc, a, b, sources in excerpts],
                   conflicts, shared)
