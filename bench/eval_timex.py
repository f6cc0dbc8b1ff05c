"""Time expressions on WikiWarsDE (../shared/data/time/wikiwarsde, TIMEX2 gold): extent F1 strict
and relaxed, and value accuracy on the relaxed matches.

    python bench/eval_timex.py [--misses]

Documents 01-10 were used while developing the patterns ("dev"); 14-22 were not looked at ("held out").
History articles are narratives: relative expressions are anchored on the last date mentioned
before them (narrative anchoring, as HeidelTime does for such text)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "time" / "wikiwarsde" / "keyinline"
DEV = ("01_", "06_", "07_", "10_")
TAG = re.compile(r'<TIMEX2(?: [^>]*?val="(?P<val>[^"]*)")?[^>]*>|</TIMEX2>')


def read_gold(path: Path) -> tuple[str, list[tuple[int, int, str | None]]]:
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text, spans, stack, pos = [], [], [], 0
    out_len = 0
    for m in TAG.finditer(body):
        chunk = body[pos : m.start()]
        text.append(chunk)
        out_len += len(chunk)
        if m.group(0).startswith("</"):
            start, val = stack.pop()
            if not stack:  # outer TIMEX2 only
                spans.append((start, out_len, val))
        else:
            stack.append((out_len, m.group("val")))
        pos = m.end()
    text.append(body[pos:])
    return "".join(text), spans


def _f1(tp: int, found: int, gold: int) -> float:
    p, r = tp / max(found, 1), tp / max(gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(misses: bool = False) -> dict[str, dict[str, float]]:
    from lagebild.extract.resolve import resolve_narrative
    from lagebild.extract.timex import find_times

    res: dict[str, list[int]] = {"dev": [0, 0, 0, 0, 0], "held out": [0, 0, 0, 0, 0]}
    for path in sorted(DATA.glob("*.key.xml")):
        text, gold = read_gold(path)
        mentions = find_times(text)
        values = resolve_narrative(mentions, text=text)
        split = "dev" if path.name.startswith(DEV) else "held out"
        c = res[split]  # strict tp, relaxed tp, system, gold, value right
        c[2] += len(mentions)
        c[3] += len(gold)
        for gs, ge, gv in gold:
            exact = [i for i, m in enumerate(mentions) if m.start == gs and m.end == ge]
            over = exact or [i for i, m in enumerate(mentions) if m.start < ge and gs < m.end]
            c[0] += bool(exact)
            c[1] += bool(over)
            if over:
                ok = values[over[0]] == gv
                c[4] += ok
                if misses and not ok and split == "dev":
                    print(f"value  {text[gs:ge]!r}: {values[over[0]]} want {gv}")
            elif misses and split == "dev":
                print(f"missed {text[gs:ge]!r} ({gv})")
    out = {}
    for split, (st, rel, sysn, goldn, val) in res.items():
        out[split] = {"strict F1": _f1(st, sysn, goldn), "relaxed F1": _f1(rel, sysn, goldn),
                      "value acc": val / max(rel, 1), "gold": goldn, "system": sysn}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    for split, r in evaluate(args.misses).items():
        print(f"{split:9s} strict F1 {r['strict F1']:.3f}  relaxed F1 {r['relaxed F1']:.3f}  "
              f"value accuracy {r['value acc']:.3f}  (gold {r['gold']:.0f}, found {r['system']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
