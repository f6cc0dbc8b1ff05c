"""Who said what in one text: the quotation rules (quotes.py) and the learned models
(quote_tagger.py) together.

The rules find quotations in marks and reported speech with a reporting verb; the models, trained on
modern news, find reported statements the rules cannot see and link each quotation to the mention
of its speaker ("der Minister", "er", "das Ministerium"), which the resolver then turns into the
name the text gives. German text only: the models know no English.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from ..nlp.mood import is_konjunktiv_i
from .common_nouns import noun_contexts, used_as_common_noun
from .quote_tagger import Tagged, tag_quotations
from .quotes import WORD, Quote, _analysed, direct_quotations, reported_speech
from .speakers import NAME, Resolver, person_name
from .speech_words import FIRST_PERSON, NOT_REPORT, PRONOUN_SPEAKERS

# A reported statement only the models found is kept when they linked a speaker to it and it has at
# least this many words (shorter ones were mostly headlines and fragments on the dev split).
MIN_MODEL_WORDS = 4
# ... and when the linker is at least this sure of that speaker. News corpus dev split, quote F1 of the
# pipeline 0.672 / 0.670 / 0.652 at 0.1 / 0.2 / 0.4; the seeds' complete gold, precision 0.83 / 0.89 /
# 0.89 (below 0.2 mostly clauses of the article's own narration linked to the nearest name). (Giving
# the rules' reported statements the models' boundaries raised dev quote F1 0.656 -> 0.664 but cut the
# seeds' recall 0.692 -> 0.682: not done.)
MIN_MODEL_CONFIDENCE = 0.2
# A longer speaker mention is a clause the role tagger ran on, not a noun phrase (the longest gold
# speakers of the news corpus's train split that name someone have about eight words).
MAX_SPEAKER_WORDS = 8


def quotations(text: str, language: str | None) -> list[Quote]:
    """Direct quotations first, then reported speech, each with the speaker as the text names it."""
    german = language in (None, "de")
    tagged = tag_quotations(text) if german else []
    # in German the rules take their unmarked speech from the models trained on modern news, not from
    # the speech tagger trained on historical text (quote F1 on the news corpus's dev split X -> Y)
    passages = [(t.start, t.end, "direct" if t.label == "D" else "indirect") for t in tagged] if german else None
    direct = direct_quotations(text, passages)
    reported = reported_speech(text, direct, language, passages)
    for q in direct:  # a quotation inside a reported statement is the reporter's source speaking
        if q.speaker_text is None:
            outer = next((r for r in reported if r.start <= q.start and q.end <= r.end and r.speaker_text), None)
            q.speaker_text = outer.speaker_text if outer else None
    if not german:
        return [*direct, *reported]
    resolver = _analysed(text)[0]  # made once per text, shared with the rules
    found = [*direct, *reported]
    statements = _Statements(tagged)
    for q in found:
        model = statements.overlapping(q)
        if model is None:
            continue
        q.cue_spans = model.cues
        if model.speaker is not None and _agrees(model, q):
            name = _speaker_name(text, model.speaker, resolver)
            if q.speaker_text is None:  # the rules' speaker stays: on the seeds' complete gold they are
                # right more often (speaker accuracy 0.76 vs 0.64 with the models' first), on the news
                # corpus's dev split both give 0.63
                q.speaker_text, q.speaker_span = name, model.speaker
            elif name and name.split()[-1] == q.speaker_text.split()[-1]:
                q.speaker_span = model.speaker
    # reported speech the rules found but the models do not see at all is dropped: on the news corpus's
    # dev split that keeps quote F1 (0.652) at higher precision (0.696 -> 0.751), on the seeds' complete
    # gold precision 0.817 -> 0.867 at recall 0.710 -> 0.673 (mostly the historical tagger's passages,
    # "Offiziell erwidert X den Besuch ...")
    found = [q for q in found if q.kind in ("direct", "partial") or statements.overlapping(q) is not None
             or _in_reported_mood(q.text)]
    taken = _Statements([Tagged(q.start, q.end, "", None, []) for q in found])
    for t in tagged:
        if t.label not in ("I", "F") or t.speaker is None or t.confidence < MIN_MODEL_CONFIDENCE \
                or taken.overlaps(t.start, t.end):
            continue
        if len(text[t.start : t.end].split()) < MIN_MODEL_WORDS:
            continue
        found.append(Quote(t.start, t.end, text[t.start : t.end], "indirect",
                           _speaker_name(text, t.speaker, resolver), None, [], t.speaker, t.cues))
    return sorted(found, key=lambda q: (q.kind != "direct" and q.kind != "partial", q.start))


def _in_reported_mood(text: str) -> bool:
    """A statement with a verb in Konjunktiv I ("Die Kurzstrecke dominiere den Markt", "sie seien bereit")
    reports speech in German news whatever the models say."""
    words = WORD.findall(text.lower())
    return any(is_konjunktiv_i(w) for w in words) and not any(w in NOT_REPORT or w in FIRST_PERSON for w in words)


# The models' speaker is taken for a quotation only when their statement covers at least this share of
# it: with straight quotation marks ("...") the span model can lose track of which side of a mark is
# quoted, and its statement then lies mostly between two quotations, with a speaker of its own. Speaker
# accuracy, news corpus dev split / 10 dev news pages: 0.677 / 0.662 without, 0.675 / 0.677 at 0.25,
# 0.664 / 0.677 at 0.5 (an interrupted statement is often split in two by the models).
MODEL_COVER = 0.25


def _agrees(model: Tagged, q: Quote) -> bool:
    return min(model.end, q.end) - max(model.start, q.start) >= MODEL_COVER * (q.end - q.start)


class _Statements:
    """Spans sorted by start, searched by position: a quotation looks only at those that start before
    its end and less than the longest span before its start (a scan of all for each quotation made a
    text with thousands of them quadratic, bench/bench_pathological.py)."""

    def __init__(self, spans: list[Tagged]) -> None:
        self.spans = sorted(spans, key=lambda t: t.start)  # stable: the models' order among equal starts
        self.starts = [t.start for t in self.spans]
        self.longest = max((t.end - t.start for t in self.spans), default=0)
        self.reach = list(accumulate((t.end for t in self.spans), max))  # the furthest end so far

    def overlapping(self, q: Quote) -> Tagged | None:
        """The span that overlaps `q` most (the first of equals)."""
        best, best_overlap = None, 0
        for t in self.spans[bisect_right(self.starts, q.start - self.longest) : bisect_left(self.starts, q.end)]:
            overlap = min(t.end, q.end) - max(t.start, q.start)
            if overlap > best_overlap:
                best, best_overlap = t, overlap
        return best

    def overlaps(self, a: int, b: int) -> bool:
        """Whether a span starts before `b` and ends after `a`."""
        i = bisect_left(self.starts, b)
        return i > 0 and self.reach[i - 1] > a


def _speaker_name(text: str, span: tuple[int, int], resolver: Resolver) -> str | None:
    """The speaker mention as the resolver names it: a pronoun or a bare surname becomes the person
    the text last named, a name stays as written."""
    words = text[span[0] : span[1]].split()
    while words and not words[-1][:1].isupper() and words[-1].lower() not in PRONOUN_SPEAKERS:
        words.pop()  # "das Ministerium in Nordhafen zudem": an adverb after the name is no part of it
    if len(words) > 3:  # "auf Nachfrage Jan Weber aus der Presseabteilung": the person named in it
        for m in NAME.finditer(" ".join(words)):
            person = person_name(m.group(0), resolver.known)
            parts = person.split() if person else []
            while parts and used_as_common_noun(parts[0], noun_contexts()):
                parts.pop(0)  # "Nachfrage Jan Weber": a common noun in front is no part of the name
            if len(parts) >= 2:
                return " ".join(parts)
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    mention = " ".join(words)
    return resolver.resolve(mention, span[0])
