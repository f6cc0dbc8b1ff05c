"""The facts stage: time expressions resolved against each document's date, quantities, and the
publication date of undated documents inferred from the dated articles about the same event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median
from typing import Any

from ..extract.quantities import Quantity, find_quantities
from ..extract.resolve import resolve
from ..extract.timex import TimeMention, find_times
from ..model import Document, Dossier, Published, QuantityRecord, TimeRecord
from .related import related_documents

# How far before and after the related articles' dates an undated article may have appeared.
ANCHOR_SLACK_DAYS = 2
# Expressions that are not a point in time, or that need no anchor; they never constrain the anchor.
DATE_KINDS = ("date_dmy", "date_mdy", "date_num", "date_iso", "weekday_date", "day_month", "month_day", "year",
              "month_year", "clock", "year_range", "decade")


TIMEX_TYPES = {"duration": "DURATION", "set": "SET"}


@dataclass
class DocFacts:
    doc: Document
    times: list[TimeMention]
    quantities: list[Quantity]
    anchor: date | None = None
    related: list[str] = field(default_factory=list)


def amounts(text: str, times: list[TimeMention], language: str = "de") -> list[Quantity]:
    """The quantities of a text, leaving out the numbers of its dates and clock times."""
    not_amounts = [(t.start, t.end) for t in times if t.kind in DATE_KINDS or t.kind.startswith("weekday")]
    return find_quantities(text, language, exclude=not_amounts)


def extract_facts(docs: list[Document]) -> list[DocFacts]:
    out = []
    for d in docs:
        if d.extracted is not None:  # found by the document stage (in a worker process)
            out.append(DocFacts(d, d.extracted.times, d.extracted.quantities))
            continue
        times = find_times(d.text)
        out.append(DocFacts(d, times, amounts(d.text, times, d.language or "de")))
    return out


def _distance(day: date, lo: date, hi: date) -> int:
    return 0 if lo <= day <= hi else min(abs((day - lo).days), abs((day - hi).days))


def _anchor_cost(day: date, weekday_mentions: list[TimeMention], days: list[date]) -> tuple[int, float, date]:
    """How badly `day` as the document's date fits: weekday mentions resolved against it should fall
    within a day of the related articles' dates; ties go to the date nearest their median."""
    lo, hi = days[0] - timedelta(days=1), days[-1] + timedelta(days=1)
    misfit = sum(_distance(date.fromisoformat(resolve(t, day) or day.isoformat()), lo, hi) for t in weekday_mentions)
    return misfit, abs(day.toordinal() - median(d.toordinal() for d in days)), day


def infer_anchors(facts: list[DocFacts]) -> None:
    """Anchor every document: its own date, else the date in the window of its related dated
    articles that places its weekday mentions (read with their tense) closest to those dates."""
    related = related_documents([f.doc for f in facts])
    for f in facts:
        f.related = related[f.doc.id]
    dated = {f.doc.id: date.fromisoformat(f.doc.published.value) for f in facts
             if f.doc.published.value and len(f.doc.published.value) == 10}
    for f in facts:
        if f.doc.id in dated:
            f.anchor = dated[f.doc.id]
            continue
        days = sorted(dated[o] for o in related[f.doc.id] if o in dated)
        if not days:
            continue
        lo, hi = days[0], days[-1]
        candidates = [lo + timedelta(days=k) for k in range(-ANCHOR_SLACK_DAYS, (hi - lo).days + ANCHOR_SLACK_DAYS + 1)]
        weekday_mentions = [t for t in f.times if t.kind == "weekday"]
        best = min(candidates, key=lambda day: _anchor_cost(day, weekday_mentions, days))
        f.anchor = best
        sources = ", ".join(o for o in related[f.doc.id] if o in dated)
        f.doc.published = Published(
            best.isoformat(), "inferred",
            f"fits its weekday mentions to the dates of related articles {sources} ({lo} to {hi})",
        )


# A clock time this close after a day ("am Mittwoch um 14 Uhr", "am 5. Mai, 7 Uhr") is on that day.
CLOCK_GAP = 12


def time_records(facts: list[DocFacts]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for f in facts:
        day: tuple[int, date] | None = None  # end and value of the last mention of a day
        for t in f.times:
            near = day is not None and t.start - day[0] <= CLOCK_GAP and "." not in f.doc.text[day[0] : t.start]
            value = resolve(t, day[1] if near and t.kind == "clock" and day else f.anchor)
            if value is None:
                continue
            if len(value) == 10 and value[4] == "-" and value[:4].isdigit():  # a day ("XXXX-WXX-1" is a set)
                day = (t.end, date.fromisoformat(value))
            out.append(TimeRecord(f.doc.id, t.start, t.end, t.text, value, TIMEX_TYPES.get(t.kind, "DATE"), t.tense))
    return out


def quantity_records(facts: list[DocFacts]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for f in facts:
        for q in f.quantities:
            out.append(QuantityRecord(f.doc.id, q.start, q.end, q.text, q.value, q.unit, q.qualifier,
                                      {"value": q.normalized[0], "unit": q.normalized[1]} if q.normalized else None))
    return out


def run_facts(dossier: Dossier) -> list[DocFacts]:
    facts = extract_facts(dossier.documents)
    infer_anchors(facts)
    dossier.times = time_records(facts)
    dossier.quantities = quantity_records(facts)
    return facts
