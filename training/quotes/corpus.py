"""Reader for the German news quotation attribution corpus (Petersen-Frey & Biemann, LREC-COLING 2024)
in ../shared/data/speech/german-news-quotes: German Wikinews articles, each with its text and its
quotations (quote, speaker, cue, frame, addressee spans; type Direct / Indirect / Reported /
FreeIndirect / IndirectFreeIndirect). The train and dev splits are unpacked once into a cache folder;
the test split is not in ../shared and is never looked for.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT.parent / "shared" / "data" / "speech" / "german-news-quotes" / "train-dev.tar.xz"
EVAL_SCRIPT = ARCHIVE.parent / "eval" / "eval.py"
CACHE = Path("/tmp/lagebild-german-news-quotes")

# the corpus's quotation types -> the tagger's labels
TYPE_LABEL = {"Direct": "D", "Indirect": "I", "Reported": "R", "FreeIndirect": "F", "IndirectFreeIndirect": "F"}
LABEL_TYPE = {"D": "Direct", "I": "Indirect", "R": "Reported", "F": "IndirectFreeIndirect"}


@dataclass
class Quotation:
    kind: str  # D / I / R / F
    quote: list[tuple[int, int]]  # character spans (a quotation may be interrupted)
    speaker: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    nested: bool = False


@dataclass
class Article:
    name: str
    path: Path
    text: str
    quotations: list[Quotation]
    tokens: list[tuple[int, int]]  # the corpus's own tokens (what its scorer counts)


def _spans(role: dict | None) -> list[tuple[int, int]]:
    return [(s["charBegin"], s["charEnd"]) for s in (role or {}).get("spans", [])]


def split_dir(split: str) -> Path:
    if split not in ("train", "dev"):
        raise ValueError(f"split must be 'train' or 'dev', not {split!r} (the test split is kept aside)")
    folder = CACHE / "data" / split
    if not folder.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(CACHE, filter="data")
    return folder


def articles(split: str, folder: Path | None = None) -> Iterator[Article]:
    """The articles of a split of ../shared's archive, or of any folder of the corpus's JSON files."""
    for path in sorted((folder or split_dir(split)).glob("*.json")):
        js = json.loads(path.read_text(encoding="utf-8"))
        quotations = [Quotation(TYPE_LABEL[a["type"]], _spans(a["quote"]), _spans(a.get("speaker")),
                                _spans(a.get("cue")), bool(a.get("isNested")))
                      for a in js["annotations"] if a.get("type") in TYPE_LABEL]
        tokens = [(t["charBegin"], t["charEnd"]) for t in js["tokens"]]
        yield Article(js["documentName"], path, js["originalText"], quotations, tokens)
