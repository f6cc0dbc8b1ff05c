"""Numbers written as words (German and English), shared by the time and quantity extractors."""

from __future__ import annotations

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100, "tausend": 1000, "one": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
    "twenty": 20, "hundred": 100, "thousand": 1000, "a": 1, "an": 1,
}
# Words that are articles more often than numbers ("eine Sanierung"): a number only with a unit.
ARTICLES = frozenset({"ein", "eine", "einem", "einen", "einer", "one", "a", "an"})
