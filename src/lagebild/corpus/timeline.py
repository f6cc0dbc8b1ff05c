"""The event timeline: dated sentences from all documents, the same event from several sources merged."""

from __future__ import annotations

from typing import Any

from ..extract.resolve import resolve
from ..nlp.sentences import sentence_spans
from .claims import _sentence_of
from .facts import DocFacts
from .related import content_words, jaccard

# Two dated sentences of different documents describe one event when they share this much of their
# content words (and the date); calibrated like claims.TIME_CONTEXT.
SAME_EVENT = 0.2
EVENT_KINDS = ("date_dmy", "date_mdy", "date_num", "date_iso", "weekday_date", "day_month", "month_day", "weekday",
               "relday", "month", "month_rel", "month_lastyear", "month_year", "rel_unit")


def build_timeline(facts: list[DocFacts]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    on_date: dict[str, list[dict[str, Any]]] = {}
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
            s, e = _sentence_of(text, sents, t.start)
            if (s, e) in seen:
                continue
            seen.add((s, e))
            ctx = content_words(text[s:e])
            source = {"doc": f.doc.id, "start": s, "end": e}
            same_day = on_date.setdefault(value, [])  # only events of the same date can be merged
            for ev in same_day:
                if f.doc.id not in {x["doc"] for x in ev["sources"]} and jaccard(ev["_ctx"], ctx) >= SAME_EVENT:
                    ev["sources"].append(source)
                    break
            else:
                events.append({"date": value, "event": text[s:e], "sources": [source], "_ctx": ctx})
                same_day.append(events[-1])
    for ev in events:
        del ev["_ctx"]
    return sorted(events, key=lambda ev: (ev["date"], ev["sources"][0]["doc"]))
