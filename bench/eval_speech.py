"""Quotes and reported speech on the Redewiedergabe newspaper samples (../shared/data/speech/
redewiedergabe, files whose `source` in metadata.tsv starts with "mkhz", 1840-1919 newspapers):
token-level precision, recall and F1 for direct and for indirect speech, and speaker accuracy: of the
annotated passages that have a speaker and that lagebild found (a quote of its own overlaps them), the
share whose speaker lagebild names with one of the gold speaker's words (a pronoun counts when lagebild
leaves it as the same pronoun; lagebild resolves most pronouns to names, which then counts as wrong).

    python bench/eval_speech.py                  # what lagebild outputs
    python bench/eval_speech.py --tagger-alone   # the learned speech tagger's passages alone, no rules

Nothing in lagebild was tuned on these samples; the "held out" half (every second file in name
order) is kept for measuring only. Gold "direct" = the stwr column names direct speech; gold
"indirect" = indirect or reported speech (lagebild's `indirect` covers both Konjunktiv clauses and
"laut X" statements)."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import count_tokens, prf  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "speech" / "redewiedergabe"
NO_SPACE_BEFORE = set(".,;:!?)]“«'’")
NO_SPACE_AFTER = set("([„»‚")


def samples() -> list[Path]:
    with (DATA / "metadata.tsv").open(encoding="utf-8") as fh:
        names = [row["file"] for row in csv.DictReader(fh, delimiter="\t") if row["source"].startswith("mkhz")]
    return sorted(DATA / n for n in names if (DATA / n).exists())


def read(path: Path) -> tuple[str, list[tuple[int, int]], list[set[str]], dict[str, Passage]]:
    """The text rebuilt from the tokens, each token's span, each token's gold speech types, and the
    annotated passages by id (their type, tokens and speaker words)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    kinds: list[set[str]] = []
    passages: dict[str, Passage] = {}
    pos = 0
    prev = ""
    with path.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
            tok = row["tok"]
            if parts and tok[:1] not in NO_SPACE_BEFORE and prev[-1:] not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            prev = tok
            stwr = row.get("stwr") or "-"
            kinds.append({k.split(".")[0] for k in stwr.split("|") if k != "-"})
            for k in stwr.split("|"):
                if k != "-":  # "direct.speech.3": type, medium, passage id
                    passages.setdefault(k.split(".")[-1], Passage(k.split(".")[0])).tokens.append(i)
            speaker = row.get("speaker") or "-"
            if speaker != "-":  # "speaker.2_3": this word names the speaker of passages 2 and 3
                for n in speaker.split(".")[-1].split("_"):
                    passages.setdefault(n, Passage("")).speaker.append(tok.lower())
    return "".join(parts), spans, kinds, passages


@dataclass
class Passage:
    kind: str
    tokens: list[int] = field(default_factory=list)
    speaker: list[str] = field(default_factory=list)


def speaker_right(passage: Passage, spans: list[tuple[int, int]], quotes: list[Any]) -> bool | None:
    """None when no quote of lagebild's overlaps the passage, else whether its speaker is the gold one."""
    a, b = spans[passage.tokens[0]][0], spans[passage.tokens[-1]][1]
    found = [q for q in quotes if q.start < b and a < q.end]
    if not found:
        return None
    best = max(found, key=lambda q: min(b, q.end) - max(a, q.start))
    said = (best.speaker_text or "").lower().split()
    return any(w in said for w in passage.speaker)


def tagger_alone(text: str) -> tuple[list[Any], list[Any]]:
    """The speech tagger's direct and indirect passages as speakerless quotes."""
    from lagebild.extract.quotes import Quote
    from lagebild.extract.speech_tagger import speech_passages

    found = [Quote(a, b, text[a:b], kind) for a, b, kind in speech_passages(text)]
    return [q for q in found if q.kind == "direct"], [q for q in found if q.kind == "indirect"]


def evaluate(alone: bool = False) -> tuple[dict[str, dict[str, tuple[float, float, float]]],
                                           dict[str, dict[str, list[int]]]]:
    from lagebild.extract.quotes import direct_quotations, reported_speech

    counts: dict[str, dict[str, list[int]]] = {}
    speakers: dict[str, dict[str, list[int]]] = {}  # split -> label -> [right, found with a gold speaker]
    for n, path in enumerate(samples()):
        split = "held out" if n % 2 else "first half"
        text, spans, gold, passages = read(path)
        if alone:
            direct, indirect = tagger_alone(text)
        else:
            direct = direct_quotations(text)
            indirect = reported_speech(text, direct)
        pred_direct = [(q.start, q.end) for q in direct]
        pred_indirect = [(q.start, q.end) for q in indirect]
        for label, pred, quotes, gold_names in (("direct", pred_direct, direct, {"direct"}),
                                                ("indirect", pred_indirect, indirect, {"indirect", "reported"})):
            c = counts.setdefault(split, {}).setdefault(label, [0, 0, 0])
            count_tokens(c, spans, [bool(g & gold_names) for g in gold], pred)
            tally = speakers.setdefault(split, {}).setdefault(label, [0, 0])
            for passage in passages.values():
                if passage.kind in gold_names and passage.tokens and passage.speaker:
                    right = speaker_right(passage, spans, quotes)
                    if right is not None:
                        tally[0] += right
                        tally[1] += 1
    return {split: {label: prf(*c) for label, c in by_label.items()} for split, by_label in counts.items()}, speakers


def main() -> int:
    scores, speakers = evaluate(alone="--tagger-alone" in sys.argv)
    for split, by_label in scores.items():
        for label, (p, r, f) in by_label.items():
            right, found = speakers[split][label]
            print(f"{split:10s} {label:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}   speaker right {right}/{found} "
                  f"({right / max(found, 1):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
