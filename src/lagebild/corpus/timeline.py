"""The event timeline: dated clauses from all documents, each marked as what happened, what was planned,
or a forecast that later reports contradict; the same event from several sources merged.

An entry's text is the clause around its date (its sentence when that is short enough), so that it
is cut at a clause or sentence boundary, never inside a word. A planned event (a future-tense clause)
that later articles report on another day is a forecast that did not come true; one they report on
its day merges with the report."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..extract.resolve import resolve
from ..extract.timex import COMMA, ENGLISH_PLAN, QUOTED, werden_future
from ..meta.extract import after_stamp
from ..nlp.function_words import reads_english
from ..nlp.sentences import sentence_spans
from .claims import _sentence_of
from .facts import DocFacts
from .related import content_words, jaccard

# Two dated clauses of different documents describe one event when they share this much of their
# content words (and the date); calibrated like claims.TIME_CONTEXT.
SAME_EVENT = 0.2
# A forecast and a later report on another day are one event when their clauses share this much
# (less than SAME_EVENT: a forecast and its report word the event differently, "soll unterzeichnen" /
# "unterzeichneten"; checked on the seeds' visit forecast and the examples).
SAME_FORECAST = 0.15
EVENT_KINDS = ("date_dmy", "date_mdy", "date_num", "date_iso", "weekday_date", "day_month", "month_day", "weekday",
               "relday", "month", "month_rel", "month_lastyear", "month_year", "rel_unit")
MAX_EVENT_CHARS = 200  # longer sentences are cut to the clause around the date
PLAN = re.compile(r"\b(soll|sollen|sollte|sollten|will|wollen|wollte|wollten|plant|planen|plante|planten|geplant|"
                  r"vorgesehen|erwartet)\b", re.I)
PLAN_ENGLISH = re.compile(rf"\b(shall|will|would|{ENGLISH_PLAN})\b", re.I)
HEARSAY_PAST = re.compile(r"\b(?:soll|sollen)\b.*\b\w+(?:t|en)\s+(?:haben|sein)\b", re.I)
HAPPENED, PLANNED, NOT_AS_FORECAST = "happened", "planned", "forecast, reported otherwise"


def event_span(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The sentence around a date when it is short, else the comma-delimited clause around it (with the
    clauses after it while they fit), cut only at clause boundaries."""
    s, e = sentence
    if e - s <= MAX_EVENT_CHARS:
        return s, e
    a = max((m.end() for m in COMMA.finditer(text, s, start)), default=s)
    b = e if e - a <= MAX_EVENT_CHARS else _clauses_end(text, a, end, e)
    # ", sagte ein Sprecher am Montag.": the date is the statement's, whose content is the clause before
    while a > s and (len(text[a:b].split()) < MIN_EVENT_WORDS or ATTRIBUTION_START.match(text, a)):
        a = max((m.end() for m in COMMA.finditer(text, s, a - 1)), default=s)
    return a, b


def _clauses_end(text: str, a: int, end: int, e: int) -> int:
    """Where the clauses after a date end, as many as fit from `a` (at least the first)."""
    b: int | None = None
    for m in COMMA.finditer(text, end, e):
        stop = m.start() + (1 if text[m.start()] in ".;!?" else 0)
        if b is not None and stop - a > MAX_EVENT_CHARS:
            break
        b = stop
    return b if b is not None else e


# A clause shorter than this says too little to stand for an event on its own.
MIN_EVENT_WORDS = 6
ATTRIBUTION_START = re.compile(r"\s*(?:so|sagte|sagt|erklärte|teilte|betonte|schrieb|hieß es|said|says|told)\b")
# An entry needs this many content words (of letters) besides its date: "Veröffentlicht am 06.12.2022"
# or "Créé: 12.12.2019, 07h36" is a page's date line, not an event ("Am Montag trat der Minister
# zurück" has three).
MIN_EVENT_CONTENT_WORDS = 3


def _status(clause: str, tense: str, value: str, anchor: date | None) -> str:
    """Planned: a future-tense clause, a plan or intention ("sollte ... saniert werden", "eintreffen
    wollte", "ist geplant"), or a present-tense one dated after its article ("der am Dienstag beginnt").
    Hearsay about the past ("soll sich ereignet haben") happened."""
    plain = QUOTED.sub(" ", clause)
    plan = (PLAN_ENGLISH if reads_english(plain) else PLAN).search(plain)
    # "werden" with a verb elsewhere in the sentence ("ihr Vermögen wird … geschätzt") does not make a date whose own
    # clause is in the past ("Anna Velden hatte am 8. Januar Geburtstag") a plan; not "wird Bürgermeisterin" either
    if tense == "future" or plan or (tense != "past" and werden_future(plain)):
        return HAPPENED if HEARSAY_PAST.search(plain) else PLANNED
    if tense == "present" and anchor and value[:10] > anchor.isoformat():
        return PLANNED
    return HAPPENED


def build_timeline(facts: list[DocFacts]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    on_date: dict[str, list[dict[str, Any]]] = {}
    anchor = {f.doc.id: f.anchor for f in facts}
    for f in facts:
        text = f.doc.text
        sents = sentence_spans(text)
        seen: set[tuple[int, int]] = set()
        for t in f.times:
            if t.kind not in EVENT_KINDS:
                continue
            value = resolve(t, f.anchor)
            if not value:
                continue
            s, e = event_span(text, _sentence_of(text, sents, t.start), t.start, t.end)
            s = after_stamp(f.doc, s, e) if s < t.start else s
            if (s, e) in seen:
                continue
            seen.add((s, e))
            ctx = content_words(text[s:e]) - content_words(t.text)
            if sum(w.isalpha() for w in ctx) < MIN_EVENT_CONTENT_WORDS:
                continue
            source = {"doc": f.doc.id, "start": s, "end": e}
            status = _status(text[s:e], t.tense, value, f.anchor)
            same_day = on_date.setdefault(value, [])  # only events of the same date can be merged
            for ev in same_day:
                if f.doc.id not in {x["doc"] for x in ev["sources"]} and jaccard(ev["_ctx"], ctx) >= SAME_EVENT:
                    ev["sources"].append(source)
                    if status == HAPPENED:
                        ev["status"] = HAPPENED  # a planned event that a source reports as done
                    break
            else:
                events.append({"date": value, "event": text[s:e], "status": status, "sources": [source],
                               "_ctx": ctx, "_doc": f.doc.id})
                same_day.append(events[-1])
    _mark_forecasts(events, anchor)
    for ev in events:
        del ev["_ctx"], ev["_doc"]
    return sorted(events, key=lambda ev: (ev["date"], ev["sources"][0]["doc"], ev["sources"][0]["start"]))


def _mark_forecasts(events: list[dict[str, Any]], anchor: dict[str, date | None]) -> None:
    """A planned event that a later article reports as done on another day did not come as forecast."""
    reports = [ev for ev in events if ev["status"] == HAPPENED]
    for ev in events:
        if ev["status"] != PLANNED:
            continue
        made = anchor.get(ev["_doc"])
        for r in reports:
            later = anchor.get(r["_doc"])
            if (r["date"] != ev["date"] and made and later and later > made and r["_doc"] != ev["_doc"]
                    and jaccard(ev["_ctx"], r["_ctx"]) >= SAME_FORECAST):
                ev["status"] = NOT_AS_FORECAST
                ev["reported"] = {"date": r["date"], "doc": r["_doc"]}
                break
