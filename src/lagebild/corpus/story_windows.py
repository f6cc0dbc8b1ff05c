"""Stories of a long collection, clustered by time window in partitions and stitched in the driver
(issue 21: an archive of months or years is not clustered in one process).

A document joins a story only within about three weeks of its nearest member (beyond that the decay
leaves no similarity above the join threshold: `stories.decay`, `stories.join_threshold`), so a
collection whose dated documents span at least MIN_WINDOWS windows of WINDOW_DAYS is cut into those
windows by publication date (undated documents form the last part), each window is clustered as
`stories.cluster` clusters a collection, as a partition of the run's engine (its worker processes or
Ray tasks), and the driver stitches the windows in order: each story of a window joins the story of the
windows before it that it is most similar to, as a story joins another in `cluster`'s second pass
(by the sum of its members' vectors, with the same margin), or goes on as a story of its own. A story that
shares a passage with an earlier one always joins it.

This is not the same decision as clustering the whole collection at once: each window weighs its terms
by its own document frequencies, and a document of a window's first days meets the stories of the
window before only as part of its own window's story. The difference is measured in the README
(`python bench/eval_stories_en.py --window DAYS`). A collection of one event's coverage (days or weeks)
is clustered at once, as before.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .. import engines
from ..engines import current
from ..model import Document
from . import memo
from .stories import (
    MERGE_MARGIN,
    Occasion,
    _date,
    _Search,
    _Story,
    clustered,
    reading_order,
    story_state,
)

# Days of one window: four weeks, so that a document's reach (about three weeks, see above) crosses at
# most into the window before. Not tuned.
WINDOW_DAYS = 28
# Collections spanning fewer windows are clustered at once: they fit one process, and partitions would
# only change their stories.
MIN_WINDOWS = 3

Links = dict[int, set[int]]


def windows(docs: list[Document], days: int = WINDOW_DAYS, min_windows: int = MIN_WINDOWS
            ) -> list[list[int]] | None:
    """The documents of each window of `days` in reading order (undated ones last), or None when the dated
    documents span fewer than `min_windows` windows."""
    order = reading_order(docs)
    when = [_date(docs[i]) for i in order]
    dated = [d for d in when if d is not None]
    if not dated or (dated[-1] - dated[0]).days < days * min_windows:
        return None
    parts: dict[int, list[int]] = {}
    for i, day in zip(order, when, strict=True):
        parts.setdefault((day - dated[0]).days // days if day else 1 << 30, []).append(i)
    return [parts[k] for k in sorted(parts)]


def windowed(cluster_at_once: Callable[[list[Document], Links, Sequence[Mapping[str, Any]]], list[list[int]]],
             days: int = WINDOW_DAYS, min_windows: int = MIN_WINDOWS
             ) -> Callable[[list[Document], Links, Sequence[Mapping[str, Any]]], list[list[int]]]:
    """A clustering that cuts a long collection into windows (else `cluster_at_once`)."""
    def clustering(docs: list[Document], links: Links, times: Sequence[Mapping[str, Any]]) -> list[list[int]]:
        parts = windows(docs, days, min_windows)
        if parts is None:
            return cluster_at_once(docs, links, times)
        return stitched(docs, parts, links, times)
    return clustering


Part = tuple[list[Document], Links, list[Mapping[str, Any]]]


def stitched(docs: list[Document], parts: list[list[int]], links: Links, times: Sequence[Mapping[str, Any]]
             ) -> list[list[int]]:
    """The stories of the windows `parts`, clustered in partitions and joined across windows."""
    ids = {d.id: i for i, d in enumerate(docs)}
    times_of: dict[int, list[Mapping[str, Any]]] = {}
    for t in times:
        if t.get("doc") in ids:
            times_of.setdefault(ids[t["doc"]], []).append(t)

    def inputs(part: list[int]) -> Part:
        local = {i: k for k, i in enumerate(part)}
        return ([docs[i].lean() for i in part],
                {local[i]: {local[o] for o in links.get(i, ()) if o in local} for i in part if i in links},
                [t for i in part for t in times_of.get(i, [])])

    search = _Search()
    term_ids: dict[str, int] = {}
    story_of: dict[int, int] = {}
    for part, found in _in_waves(parts, inputs):
        for members, state in found:
            story = _story([part[k] for k in members], state, term_ids)
            centroid = {t: x / story.norm for t, x in zip(story.terms, story.weights, strict=True)}
            linked = {story_of[o] for i in story.members for o in links.get(i, ()) if o in story_of}
            best = search.best(centroid, story.dates, linked, Occasion(None, story.recurring), story.days,
                               margin_needed=MERGE_MARGIN)
            if best is None:
                best = len(search.stories)
                search.stories.append(_Story())
            search.absorb(best, story)
            for i in story.members:
                story_of[i] = best
    rank = {i: n for n, i in enumerate(reading_order(docs))}
    groups = [sorted(s.members, key=rank.__getitem__) for s in search.stories if s.members]
    return sorted(groups, key=lambda g: rank[g[0]])


def _in_waves(parts: list[list[int]], inputs: Callable[[list[int]], Part]
              ) -> Iterator[tuple[list[int], list[tuple[list[int], dict[str, Any]]]]]:
    """Each window with its stories, clustered on the run's engine a wave of windows at a time (the driver
    never copies all texts at once), in order."""
    engine, size = current(), engines.PARTS_PER_WAVE
    for w in range(0, len(parts), size):
        wave = parts[w : w + size]
        yield from zip(wave, engine.partitions(_window_stories, [inputs(p) for p in wave]), strict=True)


def _window_stories(part: Part) -> list[tuple[list[int], dict[str, Any]]]:
    """One window clustered: each story's members (indices in the window) and its state (the sum of its
    members' vectors by term, with the terms only one document of the window has, as story_growth keeps
    them: a document of another window may share them; the rest of its length, dates, days, recurrence)."""
    docs, links, times = part
    with memo.unused():
        groups, search, vocabulary = clustered(docs, links, times)
    words = vocabulary.words()
    out = []
    for members, story in zip(groups, [s for s in search.stories if s.members], strict=True):
        state = story_state(story, words, list(range(len(docs))), [vocabulary.unshared(i) for i in story.members])
        out.append((members, {**state, "dates": story.dates, "days": story.days, "recurring": story.recurring}))
    return out


def _story(members: list[int], state: dict[str, Any], term_ids: dict[str, int]) -> _Story:
    """A window's story in the driver's terms (ids shared by all windows), heaviest terms first."""
    pairs = [(term_ids.setdefault(w, len(term_ids)), x) for w, x in state["terms"]]  # heaviest first already
    weights = array("d", (x for _, x in pairs))
    return _Story(members=members, dates=list(state["dates"]), terms=array("i", (t for t, _ in pairs)),
                  weights=weights, norm=math.sqrt(sum(x * x for x in weights) + state["rest"]) or 1.0,
                  rest=state["rest"], days=list(state["days"]), recurring=state["recurring"])
