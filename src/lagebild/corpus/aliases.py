"""Names of one entity that spelling keys cannot join (corpus/resolve.py uses them):

- abbreviations the text defines: "Allgemeiner Studierendenausschuss (AStA)", "AStA (Allgemeiner
  Studierendenausschuss)" - the abbreviation is a mention of the named thing wherever the text has it;
- countries' official and short names ("Bundesrepublik Deutschland" / "Deutschland") and abbreviations ("USA" /
  "Vereinigte Staaten"), inflected or not ("der Vereinigten Staaten"), from a table built by
  training/ner/country_names.py from the gazetteers and the unlabeled text in ../shared/data;
- an organisation's short name: a one-word name that is the first word of exactly one longer organisation
  name of the corpus ("Nordpress" / "Nordpress Agentur").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..extract.entities import Mention
from ..nlp.names import name_key

COUNTRIES_PATH = Path(__file__).resolve().parent / "data" / "country_names.json"
ABBREVIATION_AFTER = re.compile(r"[ \t]*\(([A-ZÄÖÜ][\w&]{1,9})\)")
FULL_AFTER = re.compile(r"[ \t]*\(([A-ZÄÖÜ][\w-]*(?:[ \t]+[\w-]+){0,6})\)")
Key = tuple[str, ...]


ADJECTIVE_ENDING = re.compile(r"(?:e|em|en|er|es)$")


def folded(key: Key) -> Key:
    """A name's key with the endings of the words before its last one cut, so that its inflected forms meet:
    "Vereinigten Staaten" / "Vereinigte Staaten", "Russischen Föderation" / "Russische Föderation"."""
    return (*(ADJECTIVE_ENDING.sub("", w) for w in key[:-1]), *key[-1:])


@lru_cache(maxsize=1)
def country_keys() -> dict[Key, Key]:
    """The folded key of a country's official name, short name or abbreviation -> its short name's key."""
    if not COUNTRIES_PATH.exists():
        return {}
    pairs = json.loads(COUNTRIES_PATH.read_text(encoding="utf-8"))
    out = {folded(name_key(name)): name_key(short) for name, short in pairs}
    out.update({folded(name_key(short)): name_key(short) for _, short in pairs})
    return out


def country_key(key: Key) -> Key | None:
    """The short name's key if `key` names a country (`folded` on both sides), else None."""
    return country_keys().get(folded(key))


def abbreviates(abbreviation: str, name: str) -> bool:
    """"AStA" abbreviates "Allgemeiner Studierendenausschuss": its capitals are, in order, letters of the
    name that start its words or parts of them, the first one its first letter."""
    capitals = [c for c in abbreviation if c.isupper()]
    words = name.replace("-", " ").split()
    if len(capitals) < 2 or len(words) < 2 or " " in abbreviation or capitals[0] != words[0][0].upper():
        return False
    low, k = name.lower(), 0
    for c in capitals:
        k = low.find(c.lower(), k)
        if k < 0:
            return False
        k += 1
    return len(capitals) >= min(len(words), 2)


def translated(abbreviation: str, name: str) -> bool:
    """"Europäische Arzneimittelbehörde (EMA)": an organisation's international abbreviation, in capitals,
    starting with the name's first letter - the name in German, its abbreviation from its English name.
    Organisations only: after a person the brackets hold a party ("Anna Christ (CDU)")."""
    return abbreviation.isupper() and 2 <= len(abbreviation) <= 6 and " " in name and \
        abbreviation[0] == name[0].upper()


def defined_abbreviations(text: str, found: list[Mention]) -> tuple[list[Mention], dict[Key, Key]]:
    """The mentions plus every occurrence of an abbreviation the text defines next to a name, and the
    abbreviations' keys -> the names' keys."""
    keys: dict[Key, Key] = {}
    types: dict[str, str] = {}
    for m in found:
        if m.type == "MISC":
            continue
        after = ABBREVIATION_AFTER.match(text, m.end)
        if after and (abbreviates(after.group(1), m.text) or (m.type == "ORG" and translated(after.group(1), m.text))):
            keys[name_key(after.group(1))] = name_key(m.text)
            types[after.group(1)] = m.type
        full = FULL_AFTER.match(text, m.end)
        if full and abbreviates(m.text, full.group(1)):
            keys[name_key(m.text)] = name_key(full.group(1))
            types[m.text] = m.type
            found = [*found, Mention(full.start(1), full.end(1), full.group(1), m.type)]
    if not types:
        return found, keys
    covered = [(m.start, m.end) for m in found]
    words = "|".join(map(re.escape, sorted(types, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w-])({words})(?![\w-])")
    extra = [Mention(x.start(), x.end(), x.group(1), types[x.group(1)]) for x in pattern.finditer(text)
             if not any(a < x.end() and x.start() < b for a, b in covered)]
    return sorted(found + extra, key=lambda m: m.start), keys


def short_names(keys: set[tuple[str, Key]]) -> dict[tuple[str, Key], tuple[str, Key]]:
    """(ORG, one-word key) -> (ORG, longer key) where the word starts exactly one longer organisation name."""
    starts: dict[str, list[Key]] = {}
    for kind, key in keys:
        if kind == "ORG" and len(key) >= 2:
            starts.setdefault(key[0], []).append(key)
    return {("ORG", (w,)): ("ORG", longer[0]) for w, longer in starts.items()
            if len(longer) == 1 and ("ORG", (w,)) in keys}
