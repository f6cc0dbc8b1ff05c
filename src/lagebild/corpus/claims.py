"""Claims: the same fact as given by different documents, lined up as agree / conflict.

A fact is a quantity (what is counted or measured, with the range its qualifier allows) or a
resolved date, together with the content words of its sentence. Facts of different documents are
the same fact when they count the same thing (or are dates) and their sentences share enough
content words; a group of such facts agrees when every pair of ranges overlaps."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..engines import Engine, current
from ..extract.common_nouns import noun_contexts, used_as_common_noun
from ..extract.quantities import UNITS
from ..extract.resolve import DAY_PARTS, resolve
from ..extract.timex import COMMA, _clause
from ..nlp.sentences import sentence_spans
from . import memo
from .facts import DocFacts
from .forecasts import forecast_claims
from .news_cues import ONE_OFF_EVENTS
from .related import content_words, jaccard
from .topics import shared_phrase, window

# Sentence-context overlap (Jaccard of content words) above which two facts of the same kind are
# read as the same fact. Calibrated on the seed corpus: same-fact pairs 0.12-0.45, different facts
# with the same counted noun < 0.08; dates need more, because every sentence can carry a date.
QUANTITY_CONTEXT = 0.1
TIME_CONTEXT = 0.2
# Between articles about the same event, the same counted thing in the same order of magnitude is the
# same fact even in other words ("über 3.000 Fahrzeuge ... verkauft" / "verkaufte rund 2.500 Fahrzeuge").
# Not so for units of measure: a vote share and the turnout are both percentages of one election.
SAME_MAGNITUDE = 3.0
MEASURED = frozenset({k.lower() for k in UNITS} | {unit.lower() for unit, _ in UNITS.values()})
# Figures further apart than this factor are different facts, whatever their words (see _same_fact).
MAX_RATIO = 5.0
MIN_CLAUSE_WORDS = 4
# Facts grouped per partition (the stories of a partition together): grouping is the cheap part of
# this stage (~1 CPU ms per article in all), so a partition is large; a corpus below it is one.
FACTS_PER_PART = 50_000
CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T(?P<part>MO|MI|AF|EV|NI|DT))?)?)?$")
# The hours of the day (as fractions of it) a TIMEX2 part of day covers, generously: "am Dienstagabend"
# and "am frühen Mittwochmorgen" are two times of one arrival in dispute, "in der Nacht zum Mittwoch"
# and "am frühen Mittwochmorgen" may be the same hour. A day without a part covers all of it.
DAY_PART_HOURS = {"MO": (0.2, 0.5), "MI": (0.45, 0.6), "AF": (0.5, 0.75), "EV": (0.7, 0.95),
                  "NI": (0.85, 1.25), "DT": (0.25, 0.75), None: (0.0, 0.999)}
# Relative range each qualifier allows around the stated value (low, high multipliers).
RANGES = {
    "exact": (0.99, 1.01),  # rounding: 480 km vs 483 km
    "about": (0.93, 1.07),
    "over": (1.0, 1.5), "under": (0.5, 1.0), "almost": (0.9, 1.0), "up to": (0.0, 1.0),
    "at least": (1.0, 2.0), "vague": (1.0, 10.0), "several": (1.0, 5.0),
}
QUALIFIER_CLASS = {
    "rund": "about", "etwa": "about", "ca.": "about", "circa": "about", "gut": "about", "von etwa": "about",
    "annähernd": "about", "about": "about", "around": "about", "roughly": "about", "some": "about",
    "über": "over", "mehr als": "over", "more than": "over", "over": "over",
    "unter": "under", "weniger als": "under", "less than": "under", "fewer than": "under", "under": "under",
    "fast": "almost", "knapp": "almost", "nahezu": "almost", "beinahe": "almost", "nearly": "almost",
    "almost": "almost", "bis zu": "up to", "von bis zu": "up to", "höchstens": "up to", "up to": "up to",
    "at most": "up to", "mindestens": "at least", "at least": "at least", "mehrere": "several",
    "einige": "several", "several": "several",
}


@dataclass
class Fact:
    doc: str
    spans: list[tuple[int, int, str]]  # (start, end, text)
    key: str
    low: float
    high: float
    context: set[str]
    label: str
    words: list[str] = field(default_factory=list)  # the clause around the figure (topics.window)
    members: list[Fact] = field(default_factory=list)
    events: frozenset[str] = frozenset()  # one-off events its sentence reports (news_cues.ONE_OFF_EVENTS)
    names: frozenset[str] = frozenset()  # for those: the actors its clause names (see `_names`)


def _range(value: float, qualifier: str | None) -> tuple[float, float]:
    q = (qualifier or "").lower()
    cls = "vague" if any(v in q for v in ("dutzende", "hunderte", "tausende", "dozens", "hundreds", "thousands")) \
        else QUALIFIER_CLASS.get(q.split(" ")[0] if q not in QUALIFIER_CLASS else q, "exact")
    lo, hi = RANGES[cls]
    return min(value * lo, value * hi), max(value * lo, value * hi)  # a negative value flips the range


def _context(text: str, sents: list[tuple[int, int]], start: int, end: int) -> set[str]:
    """Content words of the clause around a mention (of its sentence when the clause is too short):
    two figures in one sentence are usually two facts."""
    clause = content_words(_clause(text, start, end, COMMA))
    if len(clause) >= MIN_CLAUSE_WORDS:
        return clause
    s, e = _sentence_of(text, sents, start)
    return content_words(text[s:e])


def _clause_span(text: str, sents: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence around a mention, cut to the commas around it when that leaves MIN_CLAUSE_WORDS."""
    s, e = _sentence_of(text, sents, start)
    a = max((m.end() for m in COMMA.finditer(text, s, start)), default=s)
    m = COMMA.search(text, end, e)
    b = m.start() if m else e
    return (a, b) if len(text[a:b].split()) >= MIN_CLAUSE_WORDS else (s, e)


def _sentence_of(text: str, spans: list[tuple[int, int]], start: int) -> tuple[int, int]:
    i = bisect.bisect_right(spans, (start, math.inf)) - 1  # the last sentence starting at or before `start`
    return spans[max(i, 0)] if spans else (0, len(text))


def quantity_facts(f: DocFacts) -> list[Fact]:
    text = f.doc.text
    sents = sentence_spans(text)
    out: list[Fact] = []
    for q in f.quantities:
        if q.normalized and q.normalized[1] == "year":
            continue  # spans of time: compared as dates
        value = q.normalized[0] if q.normalized else q.value
        key = q.normalized[1] if q.normalized else q.unit_key
        lo, hi = _range(value, q.qualifier)
        ctx = _context(text, sents, q.start, q.end) - {q.unit.lower()}
        prev = out[-1] if out else None
        # "300 Meilen (ca. 483 km)": a conversion in brackets is the same fact
        if prev and prev.key == key and "(" in text[prev.spans[-1][1] : q.start] and q.start - prev.spans[-1][1] <= 8:
            prev.spans.append((q.start, q.end, q.text))
            prev.low, prev.high = max(prev.low, lo), min(prev.high, hi) if min(prev.high, hi) >= max(prev.low, lo) \
                else prev.high
            continue
        # labelled by the unit the values are compared in ("km" for miles and kilometres alike)
        out.append(Fact(f.doc.id, [(q.start, q.end, q.text)], key, lo, hi, ctx, key if q.normalized else q.unit,
                        window(text, q.start, q.end, _clause_span(text, sents, q.start, q.end))))
    return out


def time_facts(f: DocFacts) -> list[Fact]:
    text = f.doc.text
    sents = sentence_spans(text)
    out: list[Fact] = []
    for t in f.times:
        if t.kind == "duration":
            continue
        value = resolve(t, f.anchor)
        part = DAY_PARTS.get(dict(t.fields).get("part", "").lower())
        if value and part and len(value) == 10:  # "am Dienstagabend": the day and its part, as TIMEX2 ("TEV")
            value = f"{value}T{part}"
        calendar = CALENDAR_VALUE.match(value or "")
        if not value or not calendar:
            continue  # seasons, weeks, PRESENT_REF, clock times (anchored on the document's day) are not compared
        ctx = _context(text, sents, t.start, t.end) - content_words(t.text)
        if len(value) >= 10:  # a day, or a part of one: the hours it covers, on a scale of days
            day = date.fromisoformat(value[:10]).toordinal()
            first, last = DAY_PART_HOURS[calendar.group("part")]
            low, high = day + first, day + last
        else:
            low = high = float(value.replace("-", "").ljust(8, "0")[:8])
        s, e = _sentence_of(text, sents, t.start)
        events = frozenset(k for k, rx in ONE_OFF_EVENTS.items() if rx.search(text[s:e].lower()))
        words = window(text, t.start, t.end, _clause_span(text, sents, t.start, t.end))
        out.append(Fact(f.doc.id, [(t.start, t.end, t.text)], f"date/{min(len(value), 10)}", low, high, ctx, value,
                        words, events=events, names=_names(words) if events else frozenset()))
    return out


def _same_fact(a: Fact, b: Fact, threshold: float, related: dict[str, list[str]] | None) -> bool:
    if a.doc == b.doc or (related is not None and b.doc not in related.get(a.doc, [])):
        return False  # facts of articles about different events are never compared
    if not a.key.startswith("date/") and max(a.high, b.high) / max(min(a.low, b.low), 1e-9) > MAX_RATIO:
        return False  # 8,5 Millionen and zwei Milliarden Euro are two facts, not one in dispute
    if jaccard(a.context, b.context) >= threshold:
        return True
    if a.events & b.events and a.names & b.names:
        return True  # the arrival of one person, dated by two articles of the story in other words
    if related is None or a.key.startswith("date/") or not _counted(a.key):
        return False  # a share, a sum or a length says nothing of what it measures: its words must
    big, small = max(a.high, b.high), max(min(a.low, b.low), 1e-9)
    return big / small <= SAME_MAGNITUDE


def _counted(key: str) -> bool:
    """A fact's key names what is counted ("fahrzeug"), not a unit of measure ("%", "EUR", "km")."""
    return key.isalpha() and key.lower() not in MEASURED


def _names(words: list[str]) -> frozenset[str]:
    """Capitalised words of a fact's clause that the unlabeled text does not use as common nouns (the actors)."""
    return frozenset(w for w in words if w[:1].isupper() and not used_as_common_noun(w, noun_contexts()))


def _group(facts: list[Fact], threshold: float, related: dict[str, list[str]] | None = None) -> list[list[Fact]]:
    parent = list(range(len(facts)))
    # each group's figures by document: two figures of one document that disagree are two facts, so a link
    # that would put them in one group is not made (chains of links made a vote share, the turnout and the
    # loser's share of one election one disputed figure)
    ranges: dict[int, dict[str, list[tuple[float, float]]]] = {
        i: {f.doc: [(f.low, f.high)]} for i, f in enumerate(facts)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        a, b = ranges[ri], ranges[rj]
        if any(lo1 > hi2 or lo2 > hi1 for doc in a.keys() & b.keys() for lo1, hi1 in a[doc] for lo2, hi2 in b[doc]):
            return
        for doc, spans in b.items():
            a.setdefault(doc, []).extend(spans)
        parent[rj] = ri
        del ranges[rj]

    by_key: dict[str, list[int]] = {}
    by_doc_key: dict[tuple[str, str], list[int]] = {}
    for i, fact in enumerate(facts):
        by_key.setdefault(fact.key, []).append(i)
        by_doc_key.setdefault((fact.doc, fact.key), []).append(i)
    for key, idx in by_key.items():
        for i in idx:
            # only the facts of related documents are candidates (not all pairs of a large corpus)
            others = idx if related is None else \
                [j for o in related.get(facts[i].doc, []) for j in by_doc_key.get((o, key), [])]
            # each fact links to its best counterpart in every other document: two figures of one
            # sentence must not both pair with one figure elsewhere
            best: dict[str, tuple[float, float, int]] = {}
            for j in others:
                if facts[j].doc == facts[i].doc or not _same_fact(facts[i], facts[j], threshold, related):
                    continue
                rank = (jaccard(facts[i].context, facts[j].context), -abs(facts[i].low - facts[j].low), j)
                if facts[j].doc not in best or rank > best[facts[j].doc]:
                    best[facts[j].doc] = rank
            for _, _, j in best.values():
                union(i, j)
    groups: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        groups.setdefault(find(i), []).append(fact)
    return [g for g in groups.values() if len({f.doc for f in g}) >= 2]


def _claim(n: int, group: list[Fact], is_time: bool) -> dict[str, Any]:
    agree = all(a.low <= b.high and b.low <= a.high for i, a in enumerate(group) for b in group[i + 1 :])
    shared_events = frozenset.intersection(*(f.events for f in group))
    what = (f"date of the {min(shared_events)}" if shared_events else "date") if is_time else group[0].label
    units = frozenset(w.lower() for f in group for s in f.spans for w in s[2].split()) | {what.lower()}
    phrase = shared_phrase([(f.doc, f.words) for f in group], units)
    # what the figures are about, in the words the sources share, then the unit: "Länge der Fährlinie (km)"
    topic = (f"{what}: {phrase}" if is_time else f"{phrase} ({what})") if phrase else what
    said: list[str] = []
    for f in group:  # one line per document and wording
        line = f"{f.doc} says {' / '.join(repr(s[2]) for s in f.spans)}" + (f" (= {f.label})" if is_time else "")
        if line not in said:
            said.append(line)
    says = "; ".join(said)
    if agree:
        why = "the values are compatible (within rounding and what their qualifiers allow)"
    elif is_time:
        why = "the times of day differ" if all(f.label[:10] == group[0].label[:10] for f in group) else \
            "the dates differ"
    else:
        why = "the ranges their qualifiers allow do not overlap"
    return {
        "id": f"c{n}", "topic": topic, "status": "agree" if agree else "conflict",
        "values": [{"doc": f.doc, "start": s[0], "end": s[1], "text": s[2]} for f in group for s in f.spans],
        "explanation": f"{says}: {why}.",
    }


def find_claims(facts: list[DocFacts], related: dict[str, list[str]] | None = None,
                engine: Engine | None = None) -> list[dict[str, Any]]:
    """Claims of the facts of related documents (those of one story; None: of all documents), grouped
    in partitions of stories on the engine of the run (`engines.current()`)."""
    q_facts = [x for f in facts for x in _remembered(quantity_facts, f, [f.doc.id])]
    t_facts = [x for f in facts for x in _remembered(time_facts, f, [f.doc.id, str(f.anchor)])]
    claims: list[dict[str, Any]] = []
    q_groups, t_groups = _grouped(q_facts, t_facts, related, engine or current())
    for group in q_groups:
        claims.append(_claim(len(claims) + 1, group, is_time=False))
    for group in t_groups:
        claims.append(_claim(len(claims) + 1, group, is_time=True))
    claims.extend(forecast_claims(facts, related or {}, len(claims) + 1))
    return claims


Part = tuple[list[tuple[int, Fact]], list[tuple[int, Fact]], dict[str, list[str]]]


def _grouped(q_facts: list[Fact], t_facts: list[Fact], related: dict[str, list[str]] | None,
             engine: Engine) -> tuple[list[list[Fact]], list[list[Fact]]]:
    """`_group` of the quantities and of the times, by story: facts are compared only with those of
    related documents, so each story's facts are grouped on their own (stories in partitions of about
    FACTS_PER_PART facts), and the groups are put in the order of their first fact, as one grouping of
    all facts gives them."""
    if related is None:
        return _group(q_facts, QUANTITY_CONTEXT), _group(t_facts, TIME_CONTEXT)
    story = _stories(related)
    by_story: dict[str, tuple[list[tuple[int, Fact]], list[tuple[int, Fact]]]] = {}
    for n, facts in enumerate((q_facts, t_facts)):
        for i, fact in enumerate(facts):
            if fact.doc in story:  # a document of no story has nothing to compare with
                by_story.setdefault(story[fact.doc], ([], []))[n].append((i, fact))
    parts: list[Part] = []
    size = FACTS_PER_PART
    for q, t in by_story.values():
        if size + len(q) + len(t) > FACTS_PER_PART:
            parts.append(([], [], {}))
            size = 0
        parts[-1][0].extend(q)
        parts[-1][1].extend(t)
        parts[-1][2].update((d, related.get(d, [])) for d in {f.doc for _, f in q + t})
        size += len(q) + len(t)
    found = engine.partitions(_group_part, [(sorted(q), sorted(t), rel) for q, t, rel in parts])
    return ([[q_facts[i] for i in g] for g in sorted(g for qs, _ in found for g in qs)],
            [[t_facts[i] for i in g] for g in sorted(g for _, ts in found for g in ts)])


def _stories(related: dict[str, list[str]]) -> dict[str, str]:
    """Each document's story, named by one of its documents: the documents linked by `related`, either way."""
    linked: dict[str, set[str]] = {}
    for doc, others in related.items():
        for other in others:
            linked.setdefault(doc, set()).add(other)
            linked.setdefault(other, set()).add(doc)
    story: dict[str, str] = {}
    for doc in linked:
        todo = [doc]
        while todo:
            d = todo.pop()
            if d not in story:
                story[d] = doc
                todo.extend(linked[d])
    return story


def _group_part(part: Part) -> tuple[list[list[int]], list[list[int]]]:
    """A partition of stories: the groups of its quantities and of its times, as the facts' numbers."""
    q, t, related = part
    out = []
    for facts, threshold in ((q, QUANTITY_CONTEXT), (t, TIME_CONTEXT)):
        number = {id(fact): i for i, fact in facts}
        out.append([[number[id(f)] for f in g] for g in _group([f for _, f in facts], threshold, related)])
    return out[0], out[1]


def _remembered(find: Callable[[DocFacts], list[Fact]], f: DocFacts, inputs: list[str]) -> list[Fact]:
    """A document's facts, found once per stored document (and, for times, per date it is anchored on)."""
    def encode(found: list[Fact]) -> Any:
        return [[x.doc, x.spans, x.key, x.low, x.high, sorted(x.context), x.label, x.words, sorted(x.events),
                 sorted(x.names)] for x in found]

    def decode(rows: Any) -> list[Fact]:
        return [Fact(doc, [(a, b, t) for a, b, t in spans], key, low, high, set(context), label, words,
                     events=frozenset(events), names=frozenset(names))
                for doc, spans, key, low, high, context, label, words, events, names in rows]

    return memo.recall(find.__name__, inputs, lambda: find(f), encode, decode)
