"""Silver line labels for the text dumps of ../shared/data/extraction/trafilatura-de.

A dump line is labelled content (1) when trafilatura, run on the page's HTML, keeps it in the main
text, else clutter (0); gold `with` snippets force 1 and `without` snippets force 0 on the lines
that contain them. Pages are matched to gold entries by the snippets they contain.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "extraction" / "trafilatura-de"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def match_gold(data: Path = DATA) -> dict[str, dict]:
    """dump stem -> gold entry (one-to-one, greedy by how many snippets of the entry the dump holds)."""
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    dumps = {p.stem: norm(p.read_text(encoding="utf-8")) for p in sorted((data / "dumps").glob("*.txt"))}

    def score(text: str, g: dict) -> int:
        hit = sum(norm(s) in text for s in g["with"]) * 10 + sum(norm(s) in text for s in g["without"])
        return hit + (5 if g.get("title") and norm(g["title"]) in text else 0)

    pairs = sorted(((score(t, g), k, u) for u, g in gold.items() for k, t in dumps.items()), reverse=True)
    out: dict[str, dict] = {}
    used: set[str] = set()
    for _, k, u in pairs:
        if k not in out and u not in used:
            out[k] = gold[u]
            used.add(u)
    return out


def is_dev(stem: str) -> bool:
    """The fixed split: pages whose name starts with 0-7 train, 8-f are the dev half we report on."""
    return stem[0] in "89abcdef"


def silver_labels(stem: str, gold: dict, data: Path = DATA) -> tuple[list[str], list[int]]:
    import trafilatura

    from lagebild.ingest.decode import decode_bytes  # as the product reads them: mojibake repaired

    dump = decode_bytes((data / "dumps" / f"{stem}.txt").read_bytes())
    lines = [ln for ln in dump.split("\n") if ln.strip()]
    html = (data / "pages" / f"{stem}.html").read_bytes()
    extracted = trafilatura.extract(html, favor_recall=True) or ""
    main = norm(decode_bytes(extracted.encode()) if extracted else "")
    labels = []
    for ln in lines:
        t = norm(ln.lstrip("• "))
        y = int(len(t) > 0 and t in main)
        if any(norm(s) in norm(ln) for s in gold["with"]):
            y = 1
        if any(norm(s) in norm(ln) for s in gold["without"]):
            y = 0
        labels.append(y)
    return lines, labels
