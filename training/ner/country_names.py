"""Build the table of countries' official and short names that entity resolution uses as aliases
(lagebild/corpus/aliases.py): "Russische Föderation" and "Russland" are one entity.

    python training/ner/country_names.py      (writes lagebild/corpus/data/country_names.json)

Source: ../shared/data/gazetteers/ler/laendernamen.list (the German Foreign Office's list of state names for
official use), which gives each state as two lines, its short name and its official name. Short names the
list writes inverted ("Korea, Republik") are left out: text never writes them so.

The list has no abbreviations ("USA"). They come from the unlabeled text of ../shared/data/text: a country's
name followed by a bracketed abbreviation ("Vereinigten Staaten von Amerika (USA)"), inflected or not, seen at
least ABBREVIATION_MIN_SEEN times and for one country only.
"""

from __future__ import annotations

import csv
import json
import lzma
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import DATA as GERMEVAL  # noqa: E402

from lagebild.corpus.aliases import COUNTRIES_PATH, folded  # noqa: E402
from lagebild.nlp.names import name_key  # noqa: E402

SOURCE = GERMEVAL.parents[1] / "gazetteers" / "ler" / "laendernamen.list"
TEXT = GERMEVAL.parents[1] / "text"
# Up to five capitalised words (and "von", "und") before a bracketed abbreviation of two to six letters
NAME_THEN_ABBREVIATION = re.compile(r"((?:[A-ZÄÖÜ][\w-]+\s+(?:(?:von|und|der)\s+)?){0,4}[A-ZÄÖÜ][\w-]+)"
                                    r"\s+\(([A-ZÄÖÜ][A-Za-zÄÖÜ]{1,5})\)")
# What may stand right before the name: a sentence's start, or an article after a word in lower case or a
# punctuation mark. Not a preposition ("im Kosovo (KFOR)" is a mission there) nor an article after a
# capitalised word ("Grundgesetz der Bundesrepublik Deutschland (GG)": the name of something of the country).
PREPOSITION = r"(?:für|in|von|zu|mit|auf|aus|bei|über|unter|nach|gegen|durch|an|vor|um|ohne)\s"
NAME_MAY_FOLLOW = re.compile(rf"(?:(?:^|[.!?:;]\s+|[\n\"„“(])|(?:\b(?!{PREPOSITION})[a-zäöüß]\w*|[,;])\s+"
                             r"(?:der|die|den|dem|des)\s+)\Z")
LEADING_WORDS = frozenset("die der den dem des".split())
ABBREVIATION_MIN_SEEN = 2  # once may be a slip; the mined table is printed for review


def texts() -> Iterator[str]:
    """The unlabeled German text: 10kGNAD articles, the Wikipedia sample, the FANG-COVID articles."""
    with (TEXT / "10kgnad" / "test.csv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            yield row[-1]
    with lzma.open(TEXT / "wikipedia-de" / "klexikon-train-wiki.txt.xz", "rt", encoding="utf-8") as f:
        yield from f
    csv.field_size_limit(10_000_000)
    for name in ("compact-online.csv.xz", "politikstube.csv.xz"):
        with lzma.open(TEXT / "fang-covid" / name, "rt", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                yield row.get("article") or ""


def abbreviations(short_of: dict[tuple[str, ...], str]) -> list[tuple[str, str]]:
    """(abbreviation, short name) pairs the text defines right after a country's name (`short_of`: the folded
    key of every official and short name -> the short name). The name is the whole run of capitalised words
    but for a leading article ("Die Vereinigten Staaten (USA)"), after what NAME_MAY_FOLLOW allows: not the end
    of a longer name ("Alternative für Deutschland (AfD)") nor a thing in or of the country."""
    seen: Counter[tuple[str, str]] = Counter()
    for text in texts():
        for m in NAME_THEN_ABBREVIATION.finditer(text):
            abbreviation = m.group(2)
            before = text[max(0, m.start() - 40) : m.start()]
            if sum(c.isupper() for c in abbreviation) < 2 or not NAME_MAY_FOLLOW.search(before):
                continue
            words = m.group(1).split()
            while len(words) > 1 and words[0].lower() in LEADING_WORDS:
                words = words[1:]
            short = short_of.get(folded(name_key(" ".join(words))))
            if short is not None:
                seen[abbreviation, short] += 1
    countries_of: dict[str, set[str]] = {}
    for (abbreviation, short), n in seen.items():
        if n >= ABBREVIATION_MIN_SEEN:
            countries_of.setdefault(abbreviation, set()).add(short)
    return sorted((a, next(iter(shorts))) for a, shorts in countries_of.items() if len(shorts) == 1)


def main() -> int:
    lines = [x.strip() for x in SOURCE.read_text(encoding="utf-8").splitlines() if x.strip()]
    pairs = sorted({(official, short) for short, official in zip(lines[::2], lines[1::2], strict=False)
                    if official != short and "," not in short})
    short_of = {folded(name_key(name)): short for short, official in zip(lines[::2], lines[1::2], strict=False)
                if "," not in short for name in (official, short)}
    mined = abbreviations(short_of)
    print("abbreviations:", ", ".join(f"{a} = {short}" for a, short in mined))
    pairs += mined
    COUNTRIES_PATH.write_text(json.dumps(pairs, ensure_ascii=False).replace("], [", "],\n[") + "\n", encoding="utf-8")
    print(f"{len(pairs)} official -> short names -> {COUNTRIES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
