"""GermEval 2014 (../shared/data/ner/germeval2014) sentences for the NER recipe, with a fixed held-out part.

Splits (by sentence order, fixed): the last 500 sentences of test_a.tsv are the held-out test set
(never trained or tuned on), the 300 before them the development set, everything else trains.
Labels are the outer level: PER, LOC, ORG, OTH and their -deriv / -part variants (12 classes).
`splits(europeana=True)` adds the Europeana newspaper sentences (PER/LOC/ORG, historical OCR) to the
training set (tried, see train.py: they lowered F1).
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ner" / "germeval2014"
HELD_OUT, DEV = 500, 300


def read_tsv(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = line.split("\t")
        cur.append((cols[1], cols[2]))
    if cur:
        sents.append(cur)
    return sents


def read_europeana(max_tokens: int = 60) -> list[list[tuple[str, str]]]:
    """Europeana newspaper NER (historical OCR, BIO, no sentence breaks): cut at sentence ends."""
    sents: list[list[tuple[str, str]]] = []
    for path in sorted((DATA.parent / "europeana").glob("*.bio")):
        cur: list[tuple[str, str]] = []
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            word, _, tag = line.rpartition(" ")
            if not word.strip():
                continue
            tag = tag if tag[:2] in ("B-", "I-") and tag[2:] in ("PER", "LOC", "ORG") else "O"
            cur.append((word, tag))
            if (word in (".", "!", "?") and tag == "O") or len(cur) >= max_tokens:
                if not cur[-1][1].startswith(("B-", "I-")):
                    sents.append(cur)
                    cur = []
        if cur:
            sents.append(cur)
    return sents


def splits(europeana: bool = False) -> dict[str, list[list[tuple[str, str]]]]:
    dev_tsv, test_a = read_tsv(DATA / "dev.tsv"), read_tsv(DATA / "test_a.tsv")
    extra = read_europeana() if europeana else []
    return {
        "train": dev_tsv + test_a[: -(HELD_OUT + DEV)] + extra,
        "dev": test_a[-(HELD_OUT + DEV) : -HELD_OUT],
        "test": test_a[-HELD_OUT:],
    }


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (first token, last token + 1, label)."""
    out, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                out.append((start, i, label))
            start, label = (i, tag[2:]) if tag[:2] in ("B-", "I-") else (None, None)
    return out
