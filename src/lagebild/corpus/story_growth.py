"""Stories of a grown store (issue 19): new documents join the stories kept in the store instead of the
whole store being clustered again.

The store keeps each story's state (its members, the sum of their vectors by term, their dates and the
days their leads name), the stories indexed under their top terms, and every term's document frequency
(store/story_state.py). A run that adds k documents reads the frequencies of their terms and the stories
their top terms and passages lead to, lets each new document (in reading order) join one of them or start
a story, and lets the stories that gained a member join another as in the second pass of `cluster`; it
writes back what changed. Its work grows with k and the stories they touch, not with the store.

This is an online decision, so it can differ from clustering the whole store at once: the stored sums keep
the IDF of the run that added each member (the collection's frequencies change a little with every run),
a term that only a new document shares with a stored one counts in the new document's vector only, the
new documents meet the stored ones as if published after them, and only stories that gained a member try
the second pass again. The difference is measured in the README (bench/eval_stories.py --grown). The
first run on a store, a store whose kept state no longer matches its documents (another run wrote it
meanwhile) and a new version of lagebild cluster the whole store and keep its state; a run over part of
the store clusters that part at once and leaves the kept state alone.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Document
from . import memo
from .stories import (
    TOP_TERMS,
    Clustering,
    Occasion,
    _date,
    _Search,
    _Story,
    _Vocabulary,
    cluster,
    clustered,
    first_pass,
    occasions,
    reading_order,
    second_pass,
    story_state,
)
from .story_windows import windowed


@dataclass
class Changes:
    """What a run changed in the kept state: stories written whole (key -> state), stories gone (joined
    another), documents' stories, the document frequencies of terms (their new values), and the meta
    values. `everything`: the state is replaced as a whole (a store clustered from scratch)."""
    stories: dict[int, dict[str, Any]] = field(default_factory=dict)
    gone: set[int] = field(default_factory=set)
    documents: dict[str, int] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    everything: bool = False


class StoryState(Protocol):
    """The stories kept in a store (store/story_state.py)."""

    def meta(self) -> dict[str, str]: ...

    def assignments(self) -> dict[str, int]: ...

    def df(self, terms: list[str]) -> dict[str, int]: ...

    def stories_with(self, terms: list[str]) -> dict[str, list[int]]: ...

    def story(self, key: int) -> dict[str, Any] | None: ...

    def save(self, changes: Changes, expected_documents: int | None) -> None: ...


_active: ContextVar[StoryState | None] = ContextVar("story_state", default=None)


def using(state: StoryState) -> AbstractContextManager[None]:
    return memo.setting(_active, state)


def clustering() -> Clustering:
    """How this run clusters its documents: from the kept state in a store, else all at once (a long
    collection by time window, story_windows.py)."""
    return grow if _active.get() is not None else windowed(cluster)


UNREAD = _Story()  # a kept story not read yet


class _StoredSearch(_Search):
    """The search of `cluster` over the kept stories, read from the store as the new documents need them:
    local story s < len(keys) is the kept story keys[s]."""

    def __init__(self, state: StoryState, vocabulary: _Vocabulary, keys: list[int], docs: list[Document],
                 occasion: list[Occasion]) -> None:
        super().__init__()
        self.state, self.vocabulary, self.keys, self.docs, self.occasion = state, vocabulary, keys, docs, occasion
        self.position = {d.id: i for i, d in enumerate(docs)}
        self.local = {k: s for s, k in enumerate(keys)}
        self.stories = [UNREAD] * len(keys)  # each read when first needed
        self.kept: dict[int, list[int]] = {}  # term -> kept stories indexed under it
        self.words = vocabulary.words()

    def term(self, word: str) -> int:
        """The term's id (a new one for a term of a kept story that no new document has)."""
        t = self.vocabulary.ids.setdefault(word, len(self.vocabulary.ids))
        if t == len(self.words):
            self.words.append(word)
        return t

    def story(self, s: int) -> _Story:
        story = self.stories[s]
        if story is UNREAD:
            story = self.stories[s] = self._read(self.keys[s])
        return story

    def _read(self, key: int) -> _Story:
        data = self.state.story(key) or {"members": [], "rest": 0.0, "terms": []}
        words, weights = zip(*data["terms"], strict=True) if data["terms"] else ((), ())
        ids = self.vocabulary.ids
        for w in words:  # (the loop of `term`, without a call per term: a story has hundreds)
            if w not in ids:
                ids[w] = len(self.words)
                self.words.append(w)
        # dates and the days leads name from the documents as they are now: a date inferred from related
        # articles can come with a later run's documents
        members = [self.position[d] for d in data["members"] if d in self.position]
        return _Story(members=members, dates=[d for i in members if (d := _date(self.docs[i]))],
                      terms=array("i", map(ids.__getitem__, words)), weights=array("d", weights), rest=data["rest"],
                      norm=_norm(data), days=[d for i in members if (d := self.occasion[i].day)],
                      recurring=any(self.occasion[i].recurring for i in members))

    def fetch(self, terms: list[str]) -> None:
        """Read which kept stories are indexed under these terms (once per term)."""
        wanted = [w for w in terms if self.term(w) not in self.kept]
        for w in wanted:
            self.kept[self.term(w)] = []
        for w, keys in self.state.stories_with(wanted).items():
            self.kept[self.term(w)] = [self.local[k] for k in keys if k in self.local]

    def stories_with(self, t: int) -> list[int]:
        if t not in self.kept:
            self.fetch([self.words[t]])
        return list(dict.fromkeys([*self.kept.get(t, ()), *self.index.get(t, ())]))


def _norm(data: dict[str, Any]) -> float:
    return float(sum(x * x for _, x in data["terms"]) + data["rest"]) ** 0.5 or 1.0


def grow(docs: list[Document], links: dict[int, set[int]], times: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    """`cluster` in a store: the new documents join the kept stories (see the module's doc)."""
    state = _active.get()
    assert state is not None
    meta = state.meta()
    kept = state.assignments()
    ids = [d.id for d in docs]
    position = {d: i for i, d in enumerate(ids)}
    if any(d not in position for d in kept):
        # not the whole store (no document leaves a store): a stage run again without the documents it
        # failed on (pipeline.py), or a store another run has grown since this one read it. The kept
        # state stays as it is; kept afresh from this slice, each such run would rewrite all of it
        return cluster(docs, links, times)
    if meta.get("code") != memo.code_key() or meta.get("documents") != str(len(kept)):
        return _from_scratch(state, docs, links, times)
    new = [i for i, d in enumerate(ids) if d not in kept]
    order = reading_order(docs)
    rank = {i: n for n, i in enumerate(order)}
    if new:
        kept = _assign(state, docs, new, links, times, kept, position, meta, order)
    stories: dict[int, list[int]] = {}
    for d, key in kept.items():
        stories.setdefault(key, []).append(position[d])
    groups = [sorted(members, key=rank.__getitem__) for members in stories.values()]
    return sorted(groups, key=lambda g: rank[g[0]])


def _from_scratch(state: StoryState, docs: list[Document], links: dict[int, set[int]],
                  times: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    groups, search, vocabulary = clustered(docs, links, times)
    words, ids = vocabulary.words(), [d.id for d in docs]
    changes = Changes(everything=True)
    for s, story in enumerate(search.stories):
        if story.members:
            changes.stories[s] = story_state(story, words, ids, [vocabulary.unshared(i) for i in story.members])
            changes.documents.update((ids[i], s) for i in story.members)
    changes.df = {w: vocabulary.df[t] for w, t in vocabulary.ids.items()}
    changes.meta = {"code": memo.code_key(), "documents": str(len(docs)), "next": str(len(search.stories))}
    state.save(changes, None)
    return groups


def _assign(state: StoryState, docs: list[Document], new: list[int], links: dict[int, set[int]],
            times: Sequence[Mapping[str, Any]], kept: dict[str, int], position: dict[str, int], meta: dict[str, str],
            order: list[int]) -> dict[str, int]:
    """The new documents' stories (first pass and the touched stories' second pass); the changes kept."""
    vocabulary = _Vocabulary([docs[i] for i in new], state.df, len(kept))
    local_of_new = {i: n for n, i in enumerate(new)}
    keys = sorted(set(kept.values()))
    occasion = occasions(docs, times)
    search = _StoredSearch(state, vocabulary, keys, docs, occasion)
    story_of = {position[d]: search.local[k] for d, k in kept.items()}
    tops = [sorted(v, key=v.__getitem__, reverse=True)[:TOP_TERMS]
            for v in (vocabulary.vector(n)[0] for n in range(len(new)))]
    search.fetch(sorted({search.words[t] for top in tops for t in top}))
    in_order = [i for i in order if i in local_of_new]
    first_pass(search, vocabulary, docs, in_order, links, occasion, story_of,
               vectors=lambda i: vocabulary.vector(local_of_new[i]))
    touched = {story_of[i] for i in new}
    members = [i for s in touched for i in search.story(s).members]
    second_pass(search, touched, docs, links, occasion, story_of)
    changed = touched | {story_of[i] for i in members}  # and the stories they joined
    # what changed, written back: touched stories whole, those that joined another gone
    next_key = int(meta.get("next", "0"))
    key_of = {s: (keys[s] if s < len(keys) else next_key + s - len(keys)) for s in range(len(search.stories))}
    words, ids = search.words, [d.id for d in docs]
    changes = Changes()
    for s in changed:
        story = search.story(s)
        if story.members:
            unshared = [vocabulary.unshared(local_of_new[i]) for i in story.members if i in local_of_new]
            changes.stories[key_of[s]] = story_state(story, words, ids, unshared)
            changes.documents.update((ids[i], key_of[s]) for i in story.members if kept.get(ids[i]) != key_of[s])
        elif s < len(keys):
            changes.gone.add(keys[s])
    changes.df = {w: vocabulary.df[t] for w, t in vocabulary.ids.items() if t < len(vocabulary.df)}
    changes.meta = {"code": memo.code_key(), "documents": str(len(kept) + len(new)),
                    "next": str(next_key + len(search.stories) - len(keys))}
    state.save(changes, len(kept))
    return {**kept, **changes.documents}
