"""Forecasts against reports: the day an article expected for an event ("sollen am Freitag ...
unterzeichnen") compared with the day a related article reports it happened ("... unterzeichnet
... teilte X am Donnerstag mit").

A forecast is a day-level date in a future-tense clause, on or after its document's date; its event
is named by the verbs of its sentence (outside quotations). A report is a past-tense sentence of a
related document with a verb of the same word family and at least one name in common; its day is
the date of that sentence, else of the nearest sentence of its paragraph (news leads often give the
event in one sentence and its day in the next)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..extract.resolve import resolve
from ..extract.timex import QUOTED, clause_tense
from ..nlp.sentences import sentence_spans
from .facts import DocFacts
from .related import NAME, content_words

# Verb forms that carry no event of their own (tense and mood auxiliaries, modal verbs).
AUXILIARIES = frozenset(
    "werden wird würde würden wurde wurden sollen sollte sollten wollen wollte wollten können konnte konnten "
    "müssen musste mussten dürfen durfte sein seien gewesen haben hatten hätten lassen ließen".split()
)
# German infinitives and participles; adjectives with the same endings are mostly inside the quotes.
VERB_FORM = re.compile(r"\b[a-zäöüß]{5,}(?:en|ern|eln|t)\b")
# Inflected adjectives look like infinitives ("strategischen"); their derivational endings tell them apart.
ADJECTIVE_ENDINGS = ("ischen", "lichen", "igen", "alen", "ellen", "iven", "samen", "haften", "losen")
# Two words belong to one family when they share a long prefix and differ only in their ending
# ("unterzeichnen" / "unterzeichnet" / "Unterzeichnung", "eröffnen" / "eröffnete").
MIN_STEM = 6
MAX_ENDING = 3
# How many sentences away (within one paragraph) the day of a reported event may be given.
MAX_SENTENCE_DISTANCE = 1


def same_family(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= MIN_STEM and n >= max(len(a), len(b)) - MAX_ENDING


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str

    def nouns(self, times: list[Dated]) -> set[str]:
        """Capitalised content words (names and nouns) except the first word and those of dates."""
        skip = {w for t in times if self.start <= t.start < self.end for w in content_words(t.text)}
        words = content_words(self.text)
        return {m.group(0).lower() for m in NAME.finditer(self.text)
                if m.start() > 0 and m.group(0).lower() in words and m.group(0).lower() not in skip}


def _sentences(text: str) -> list[Sentence]:
    out = []
    for s, e in sentence_spans(text):
        out.append(Sentence(s, e, text.count("\n\n", 0, s), text[s:e]))
    return out


def event_verbs(sentence: str) -> set[str]:
    words = VERB_FORM.findall(QUOTED.sub(" ", sentence))
    return {w for w in (m.lower() for m in re.findall(r"\b[a-zäöüß]{5,}\b", QUOTED.sub(" ", sentence)))
            if w not in AUXILIARIES and w in words and not w.endswith(ADJECTIVE_ENDINGS) and w in content_words(w)}


def _index(sentences: list[Sentence], pos: int) -> int:
    return next((i for i, s in enumerate(sentences) if s.start <= pos < s.end), -1)


@dataclass
class Dated:
    start: int
    end: int
    text: str
    value: str
    tense: str


def _days(f: DocFacts) -> list[Dated]:
    out = []
    for t in f.times:
        value = resolve(t, f.anchor)
        if value and len(value) == 10 and value[4] == "-" and value[:4].isdigit():  # a day, not a set
            out.append(Dated(t.start, t.end, t.text, value, t.tense))
    return out


def _report(f: DocFacts, verbs: set[str], names: set[str], sentences: list[Sentence],
            days: list[Dated]) -> tuple[Dated, str] | None:
    """The first past-tense sentence of `f` that reports one of `verbs` with one of `names`, and
    its day."""
    by_sentence: dict[int, list[Dated]] = {}
    for d in days:
        if d.tense != "future":
            by_sentence.setdefault(_index(sentences, d.start), []).append(d)
    for i, s in enumerate(sentences):
        words = {w.lower() for w in re.findall(r"\b[\wäöüß]{5,}\b", s.text)}
        verb = next((w for w in sorted(words) for v in verbs if same_family(v, w)), None)
        if verb is None or not (names & s.nouns(days)) or clause_tense(s.text) != "past":
            continue
        for k in range(MAX_SENTENCE_DISTANCE + 1):
            for j in (i, i + k, i - k):
                if j in by_sentence and sentences[j].paragraph == s.paragraph:
                    return by_sentence[j][0], verb
    return None


def forecast_claims(facts: list[DocFacts], related: dict[str, list[str]], first_id: int) -> list[dict[str, Any]]:
    by_id = {f.doc.id: f for f in facts}
    cache: dict[str, tuple[list[Sentence], list[Dated]]] = {}

    def parsed(f: DocFacts) -> tuple[list[Sentence], list[Dated]]:
        if f.doc.id not in cache:
            cache[f.doc.id] = (_sentences(f.doc.text), _days(f))
        return cache[f.doc.id]

    claims: list[dict[str, Any]] = []
    for f in facts:
        if f.anchor is None or not related.get(f.doc.id):
            continue
        sentences, days = parsed(f)
        for d in days:
            if d.tense != "future" or d.value < f.anchor.isoformat():
                continue
            i = _index(sentences, d.start)
            if i < 0:
                continue
            verbs = event_verbs(sentences[i].text)
            names = sentences[i].nouns(days)
            if not verbs or not names:
                continue
            reports = []
            for other in (by_id[o] for o in related[f.doc.id] if o in by_id):
                if other.anchor is None or other.anchor < f.anchor:
                    continue
                found = _report(other, verbs, names, *parsed(other))
                if found and found[0].value <= other.anchor.isoformat():
                    reports.append((other.doc.id, found[0], found[1]))
            if reports:
                claims.append(_claim(first_id + len(claims), f.doc.id, d, sorted(verbs), reports))
    return claims


def _claim(n: int, doc: str, forecast: Dated, verbs: list[str],
           reports: list[tuple[str, Dated, str]]) -> dict[str, Any]:
    agree = all(r.value == forecast.value for _, r, _ in reports)
    said = "; ".join(f"{o} reports it {r.text!r} (= {r.value}, '{verb}')" for o, r, verb in reports)
    why = "the reported day is the expected one" if agree else "the event happened on another day than expected"
    return {
        "id": f"c{n}", "topic": f"date of an expected event: {' '.join(verbs)}",
        "status": "agree" if agree else "conflict",
        "values": [{"doc": doc, "start": forecast.start, "end": forecast.end, "text": forecast.text}]
        + [{"doc": o, "start": r.start, "end": r.end, "text": r.text} for o, r, _ in reports],
        "explanation": f"{doc} expected {forecast.text!r} (= {forecast.value}, a forecast); {said}: {why}.",
    }
