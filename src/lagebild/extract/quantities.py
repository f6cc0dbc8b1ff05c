"""Quantities in German and English news text: number, qualifier, unit or counted noun, and a
normalised value where the unit is a measure (pint converts: 300 Meilen -> 482.8 km)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.numbers import ARTICLES, NUMBER_WORDS
from ..nlp.word_cache import word_cache

SCALES = {
    "mio": 1e6, "million": 1e6, "millionen": 1e6, "millions": 1e6, "mrd": 1e9, "milliarde": 1e9,
    "milliarden": 1e9, "billion": 1e9, "bn": 1e9, "tsd": 1e3, "tausend": 1e3, "thousand": 1e3,
    "dutzend": 12, "dozen": 12,
}
# Vague amounts: value is the smallest amount the phrase allows, the qualifier says so.
VAGUE = {"dutzende": 24, "hunderte": 200, "tausende": 2000, "zehntausende": 20000, "hunderttausende": 200000,
         "dozens": 24, "hundreds": 200, "thousands": 2000}
QUALIFIERS = (
    "minus|plus|mehr als|weniger als|bis zu|von bis zu|mindestens|höchstens|über|unter|rund|etwa|ca\\.|circa|"
    "fast|knapp|nahezu|beinahe|annähernd|gut|mehrere|einige|von etwa|more than|less than|fewer than|up to|"
    "at least|at most|over|under|about|around|roughly|nearly|almost|some|several"
)
# unit words -> (unit name shown, pint unit or None for currencies and counts)
UNITS: dict[str, tuple[str, str | None]] = {
    "km": ("km", "kilometer"), "kilometer": ("km", "kilometer"), "kilometern": ("km", "kilometer"),
    "kilometers": ("km", "kilometer"), "kilometres": ("km", "kilometer"), "m": ("m", "meter"),
    "meter": ("m", "meter"), "metern": ("m", "meter"), "meters": ("m", "meter"), "cm": ("cm", "centimeter"),
    "mm": ("mm", "millimeter"), "meile": ("mi", "mile"), "meilen": ("mi", "mile"), "mile": ("mi", "mile"),
    "miles": ("mi", "mile"), "seemeilen": ("nmi", "nautical_mile"), "kg": ("kg", "kilogram"),
    "kilogramm": ("kg", "kilogram"), "t": ("t", "metric_ton"), "tonnen": ("t", "metric_ton"),
    "tonne": ("t", "metric_ton"), "tons": ("t", "metric_ton"), "g": ("g", "gram"), "gramm": ("g", "gram"),
    "l": ("l", "liter"), "liter": ("l", "liter"), "litern": ("l", "liter"), "km/h": ("km/h", "kilometer/hour"),
    "stunden": ("h", "hour"), "stunde": ("h", "hour"), "hours": ("h", "hour"), "minuten": ("min", "minute"),
    "minute": ("min", "minute"), "minutes": ("min", "minute"), "sekunden": ("s", "second"),
    "tage": ("Tage", "day"), "tagen": ("Tage", "day"), "tag": ("Tage", "day"), "days": ("Tage", "day"),
    "wochen": ("Wochen", "week"), "woche": ("Wochen", "week"), "monate": ("Monate", "month"),
    "monaten": ("Monate", "month"), "jahre": ("Jahre", "year"), "jahren": ("Jahre", "year"),
    "jahr": ("Jahre", "year"), "years": ("Jahre", "year"), "jahrzehnte": ("Jahrzehnte", "decade"),
    "jahrzehnten": ("Jahrzehnte", "decade"), "decades": ("Jahrzehnte", "decade"),
    "vierteljahrhundert": ("Vierteljahrhundert", "quarter_century"),
    "prozent": ("%", None), "%": ("%", None), "percent": ("%", None), "prozentpunkte": ("Prozentpunkte", None),
    "euro": ("EUR", None), "€": ("EUR", None), "eur": ("EUR", None), "dollar": ("USD", None),
    "us-dollar": ("USD", None), "$": ("USD", None), "usd": ("USD", None), "pfund": ("GBP", None),
    "franken": ("CHF", None), "rubel": ("RUB", None), "yuan": ("CNY", None), "won": ("KRW", None),
}
NORMAL_UNIT_NAMES = {"kilometer": "km", "kilogram": "kg", "year": "year", "liter": "l", "kilometer/hour": "km/h"}
YEARS_PER = {"decade": 10, "quarter_century": 25}

_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(sorted(VAGUE, key=len, reverse=True))
HALF = r"halbe[nr]?|half(?:\s+an?)?"  # "eine halbe Million": counts only with a scale word or a unit
_SCALE = r"(?:Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Tsd\.?|Tausend|Dutzend|million|billion|bn|" \
         r"thousand|dozen)"
_FIGURE = (
    rf"(?<![\w.,-])(?:(?P<num>{_NUM})|(?:(?:eine?|one)\s+)?(?P<half>{HALF})\b|(?P<word>{_WORDNUM})\b|(?P<vague>{_VAGUE})\b)"
    rf"(?:\s*(?P<scale>{_SCALE})(?![a-zäöü]))?"
    rf"(?:\s*(?:(?P<unit>%|€|\$|km/h|[A-Za-zÄÖÜäöüß][\w/-]*)))?"
)
QUANTITY = re.compile(rf"(?:(?P<q>{QUALIFIERS})\s+)?" + _FIGURE, re.I)
# Scanning for QUANTITY itself tries every qualifier at every position; scanning for the figure alone and
# looking back for a qualifier is six times faster and finds the same matches (see _quantity_matches).
FIGURE = re.compile(_FIGURE, re.I)
QUALIFIER_BEFORE = re.compile(rf"(?:{QUALIFIERS})\s+\Z", re.I)
QUALIFIER_WINDOW = 30  # characters: the longest qualifier with its spaces
COUNTED_NOUN = re.compile(
    r"\s*(?:(?:von|of)\s+)?(?:(?!(?:der|des|den|dem|die|das)\s)[a-zäöüß][\w-]*e[nrs]?\s+){0,2}(?P<noun>[A-ZÄÖÜ][\w-]+)")
# The first figure of a range takes the unit of the second: "zwischen 15 und 60 Jahren", "8.000 bis 9.000 Kabel".
RANGE_TO = re.compile(rf"\s*(?:und|bis|oder|to|and|[–-])\s*(?=(?:{_NUM})(?![.,]?\d))", re.I)
# Numbers that name rather than count: "Absatz 35 der Verfassung", "Platz fünf".
NAMING_NOUNS = frozenset(
    "absatz paragraf paragraph artikel nummer nr kapitel seite abschnitt platz rang ziffer band heft linie "
    "gleis tor zimmer section article page chapter number no".split())
NAMING_BEFORE = re.compile(r"([A-Za-zÄÖÜäöü]+)\.?\s*$")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str | None
    normalized: tuple[float, str] | None
    unit_key: str  # what is counted or measured, for comparing across documents


@lru_cache(maxsize=1)
def _ureg():  # type: ignore[no-untyped-def]
    import pint

    return pint.UnitRegistry()


def parse_number(token: str, language: str = "de") -> float | None:
    t = token.strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        return float(t.replace(",", "")) if language == "en" or t.count(",") > 1 else float(t.replace(",", "."))
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", ".")) if language != "en" else float(t.replace(",", ""))
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    return None


def _key(noun: str) -> str:
    """A crude lemma for matching counted nouns across inflections ("Schiffen" ~ "Schiffe")."""
    w = noun.lower()
    for suffix in ("ern", "en", "n", "e", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + ("er" if suffix == "ern" else "")
    return w


def _normalize(value: float, pint_unit: str | None) -> tuple[float, str] | None:
    """The value in the project's unit for its dimension (km, kg, year, liter, km/h), via pint."""
    if pint_unit is None:
        return None
    if pint_unit in YEARS_PER:  # pint's "decade" is a logarithmic unit, not ten years
        return value * YEARS_PER[pint_unit], "year"
    q = _ureg().Quantity(value, pint_unit)
    target = _target(pint_unit)
    if target is not None:
        return round(float(q.to(target).magnitude), 3), NORMAL_UNIT_NAMES[target]
    return round(value, 3), pint_unit


@word_cache(1024)
def _target(pint_unit: str) -> str | None:
    """The first of the project's units (NORMAL_UNIT_NAMES, in order) a unit converts to, None if none: it
    depends on the unit's dimension only, so it is tried once per unit, not for every amount (a failed
    conversion is costly)."""
    q = _ureg().Quantity(1.0, pint_unit)
    for target in NORMAL_UNIT_NAMES:
        try:
            q.to(target)
        except Exception:  # pint.DimensionalityError: another dimension, try the next
            continue
        return target
    return None


CODE_LETTERS = 2  # "3G", "10H": at most this many capitals glued to a figure make a code


def _code(m: re.Match[str], unit_word: str) -> bool:
    """A figure glued to one or two capitals is a code or a name ("3G", "5G-Netz", "10H-Regel", "4K"), no
    amount ("3 g", "5 kg" and "4 L" stay units)."""
    head = unit_word.split("-")[0]
    return 0 < len(head) <= CODE_LETTERS and head.isupper() and head.isalpha() and m.group("num") is not None \
        and m.end("num") == m.start("unit")


def find_quantities(text: str, language: str = "de", exclude: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities with a unit or a counted noun; spans in `exclude` (dates, clock times) are skipped."""
    exclude = sorted(exclude or [])
    excluded_starts = [a for a, _ in exclude]
    out: list[Quantity] = []
    pending: tuple[int, float, str | None] | None = None  # the first figure of a range, waiting for its unit
    for m in _quantity_matches(text):
        num_group = next(g for g in ("num", "word", "vague", "half") if m.group(g))
        num_start = m.start(num_group)
        k = bisect_right(excluded_starts, num_start)  # the spans starting at or before it (a search per figure
        if any(a <= num_start < b for a, b in exclude[max(0, k - 8) : k]):  # was quadratic on a page of dates)
            continue
        before = NAMING_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before and before.group(1).lower() in NAMING_NOUNS:
            continue
        if m.group("num") and (text[m.end("num") : m.end("num") + 1] == "." and
                               re.match(r"\.\s+[a-zäöü]", text[m.end("num") :])):
            continue  # an ordinal ("3. größte")
        if m.group("num") and text[max(0, m.start("num") - 1) : m.start("num")] in (".", ",", ":"):
            continue  # inside a bigger token
        if m.group("num"):
            value = parse_number(m.group("num"), language)
        elif m.group("word"):
            value = float(NUMBER_WORDS[m.group("word").lower()])
        elif m.group("half"):
            value = 0.5
        else:
            value = float(VAGUE[m.group("vague").lower()])
        if value is None:
            continue
        scale = (m.group("scale") or "").lower().rstrip(".")
        if scale:
            value *= SCALES.get(scale, 1)
        qualifier = m.group("q")
        if qualifier and qualifier.lower() == "minus":
            value = -value
        if qualifier and qualifier.lower() in ("minus", "plus"):
            qualifier = None  # a sign, not a hedge
        if m.group("num") and not scale and RANGE_TO.match(text, m.end("num")):
            pending = (m.start(), value, qualifier)  # its unit comes with the second figure
            continue
        if m.group("vague"):
            qualifier = (qualifier + " " if qualifier else "") + m.group("vague").lower()
        unit_word = m.group("unit") or ""
        end = m.end()
        if _code(m, unit_word):
            continue
        known = UNITS.get(unit_word.lower())
        if known is None and unit_word.lower() == "vierteljahrhundert":
            known = UNITS["vierteljahrhundert"]
        if known is not None:
            unit, pint_unit = known
            normalized = _normalize(value, pint_unit)
            key = normalized[1] if normalized else unit
        else:
            end = m.end("unit") if unit_word else m.end()
            if unit_word and unit_word[:1].isupper() and unit_word.lower() not in ("uhr", "mal", "prozent"):
                unit, normalized, key = unit_word, None, _key(unit_word)
            else:
                noun = COUNTED_NOUN.match(text, m.end("scale") if m.group("scale") else (
                    m.end("num") if m.group("num") else (m.end("word") if m.group("word") else m.end("vague"))))
                if not noun or m.group("word") and not noun.group(0).startswith(" "):
                    continue
                unit, normalized, key = noun.group("noun"), None, _key(noun.group("noun"))
                end = noun.end()
            if unit.lower() in ("uhr", "mal"):
                continue
        if m.group("word") and not known and not scale and (
                m.group("word").lower() in ARTICLES or not unit[:1].isupper()):
            continue  # "eine Sanierung" is an article, not a number
        if m.group("half") and not known and not scale:
            continue
        start = m.start()
        pending_end = _number_end(text, pending[0]) if pending else 0
        if pending and (rng := RANGE_TO.match(text, pending_end)) and rng.end() == start:
            first_value = pending[1] * (value / base if (base := _unscaled(m, value)) else 1)
            first_norm = _normalize(first_value, known[1]) if known else None
            out.append(Quantity(pending[0], pending_end, text[pending[0] : pending_end], first_value, unit,
                                pending[2], first_norm, first_norm[1] if first_norm else key))
        pending = None
        out.append(Quantity(start, end, text[start:end], value, unit, qualifier, normalized, key))
    return out


def _quantity_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of QUANTITY.finditer(text): each figure, extended to the qualifier right before it."""
    prev_end = 0
    for figure in FIGURE.finditer(text):
        window = max(prev_end, figure.start() - QUALIFIER_WINDOW)
        qualifier = QUALIFIER_BEFORE.search(text, window, figure.start())
        m = QUANTITY.match(text, qualifier.start() if qualifier else figure.start())
        if m is None:  # cannot happen: the figure matches there
            continue
        prev_end = m.end()
        yield m


def _number_end(text: str, start: int) -> int:
    """End of the figure (with its qualifier) that starts at `start`."""
    m = QUANTITY.match(text, start)
    return m.end("num") if m and m.group("num") else start


def _unscaled(m: re.Match[str], value: float) -> float:
    """The second figure of a range without its scale word, to scale the first alike ("1 bis 2 Mio.")."""
    if not m.group("scale"):
        return value
    return value / SCALES.get(m.group("scale").lower().rstrip("."), 1)
