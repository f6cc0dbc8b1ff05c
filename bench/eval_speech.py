"""Quotes and reported speech on the Redewiedergabe newspaper samples (../shared/data/speech/
redewiedergabe, files whose `source` in metadata.tsv starts with "mkhz", 1840-1919 newspapers):
token-level precision, recall and F1 for direct and for indirect speech.

    python bench/eval_speech.py

Nothing in lagebild was tuned on these samples; the "held out" half (every second file in name
order) is kept for measuring only. Gold "direct" = the stwr column names direct speech; gold
"indirect" = indirect or reported speech (lagebild's `indirect` covers both Konjunktiv clauses and
"laut X" statements)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import count_tokens, prf  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "speech" / "redewiedergabe"
NO_SPACE_BEFORE = set(".,;:!?)]“«'’")
NO_SPACE_AFTER = set("([„»‚")


def samples() -> list[Path]:
    with (DATA / "metadata.tsv").open(encoding="utf-8") as fh:
        names = [row["file"] for row in csv.DictReader(fh, delimiter="\t") if row["source"].startswith("mkhz")]
    return sorted(DATA / n for n in names if (DATA / n).exists())


def read(path: Path) -> tuple[str, list[tuple[int, int]], list[set[str]]]:
    """The text rebuilt from the tokens, each token's span, and each token's gold speech types."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    kinds: list[set[str]] = []
    pos = 0
    prev = ""
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
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
    return "".join(parts), spans, kinds


def evaluate() -> dict[str, dict[str, tuple[float, float, float]]]:
    from lagebild.extract.quotes import direct_quotations, reported_speech

    counts: dict[str, dict[str, list[int]]] = {}
    for n, path in enumerate(samples()):
        split = "held out" if n % 2 else "first half"
        text, spans, gold = read(path)
        direct = direct_quotations(text)
        indirect = reported_speech(text, direct)
        pred_direct = [(q.start, q.end) for q in direct]
        pred_indirect = [(q.start, q.end) for q in indirect]
        for label, pred, gold_names in (("direct", pred_direct, {"direct"}),
                                        ("indirect", pred_indirect, {"indirect", "reported"})):
            c = counts.setdefault(split, {}).setdefault(label, [0, 0, 0])
            count_tokens(c, spans, [bool(g & gold_names) for g in gold], pred)
    return {split: {label: prf(*c) for label, c in by_label.items()} for split, by_label in counts.items()}


def main() -> int:
    for split, by_label in evaluate().items():
        for label, (p, r, f) in by_label.items():
            print(f"{split:10s} {label:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
