"""Speaker attribution on SpkAtt-2023 (../shared/data/speech/spkatt2023/train, Bundestag speeches):
token-level precision, recall and F1 for the cue, source (speaker) and message roles.

    python bench/eval_spkatt.py

lagebild's quotes and reported statements give the message span, the cue word and the speaker's
name; each is mapped to the tokens of the speech. Nothing was tuned on this data; every second file
(in name order) is reported as "held out", the others as "first half"."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import count_tokens, prf  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "speech" / "spkatt2023" / "train" / \
    "task1_alternative_format"
NO_SPACE_BEFORE = set(".,;:!?)]“«'’")
NO_SPACE_AFTER = set("([„»‚")
ROLES = ("Cue", "Source", "Message")


def read(path: Path) -> tuple[str, list[tuple[int, int]], list[str], list[set[str]]]:
    """Text of a speech, token spans, token ids ("sent:tok") and each token's gold roles."""
    data = json.loads(path.read_text(encoding="utf-8"))
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    ids: list[str] = []
    pos = 0
    roles_of: dict[str, set[str]] = {}
    for sid in sorted(data, key=int):
        sent = data[sid]
        for ann in sent.get("Annotations", []):
            for role in ROLES:
                for tok in ann.get(role, []):
                    roles_of.setdefault(tok, set()).add(role)
        if parts:
            parts.append(" ")
            pos += 1
        prev = ""
        for i, tok in enumerate(sent["Tokens"]):
            if i and tok[:1] not in NO_SPACE_BEFORE and prev[-1:] not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(tok)))
            ids.append(f"{sid}:{i}")
            parts.append(tok)
            pos += len(tok)
            prev = tok
    gold = [roles_of.get(i, set()) for i in ids]
    return "".join(parts), spans, ids, gold


def predict(text: str) -> dict[str, list[tuple[int, int]]]:
    from lagebild.extract.quotes import direct_quotations, reported_speech

    direct = direct_quotations(text)
    pred: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for q in [*direct, *reported_speech(text, direct)]:
        pred["Message"].append((q.start, q.end))
        window = text[max(0, q.start - 200) : min(len(text), q.end + 200)]
        base = max(0, q.start - 200)
        if q.cue:
            for m in re.finditer(rf"\b{re.escape(q.cue)}\b", window):
                pred["Cue"].append((base + m.start(), base + m.end()))
                break
        if q.speaker_text:
            for part in q.speaker_text.split():
                m = re.search(rf"\b{re.escape(part)}\b", window)
                if m:
                    pred["Source"].append((base + m.start(), base + m.end()))
    return pred


def evaluate() -> dict[str, dict[str, tuple[float, float, float]]]:
    counts: dict[str, dict[str, list[int]]] = {}
    for n, path in enumerate(sorted(DATA.glob("*.json"))):
        split = "held out" if n % 2 else "first half"
        text, spans, _, gold = read(path)
        pred = predict(text)
        for role in ROLES:
            c = counts.setdefault(split, {}).setdefault(role, [0, 0, 0])
            count_tokens(c, spans, [role in g for g in gold], pred[role])
    return {split: {role: prf(*c) for role, c in by_role.items()} for split, by_role in counts.items()}


def main() -> int:
    for split, by_role in evaluate().items():
        for role, (p, r, f) in by_role.items():
            print(f"{split:10s} {role:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
