"""Calendar dates written out in German or English ("19. Juni 2024", "Juni 17, 2024", "17.06.2024")."""

from __future__ import annotations

import re
from datetime import date

MONTH_NUMBERS = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2, "märz": 3,
    "march": 3, "mär": 3, "mar": 3, "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "june": 6,
    "jun": 6, "juli": 7, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "dezember": 12,
    "december": 12, "dez": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
DATE_PATTERNS = [
    (re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH})\.?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy_num"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
]


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, str] | None:
    """The first full calendar date in `text`: (ISO value, the characters that say it)."""
    best: tuple[int, str, str] | None = None
    for rx, order in DATE_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "dmy":
            value = _valid(int(c), MONTH_NUMBERS[b.lower()], int(a))
        elif order == "mdy":
            value = _valid(int(c), MONTH_NUMBERS[a.lower()], int(b))
        elif order == "dmy_num":
            value = _valid(int(c), int(b), int(a))
        else:
            value = _valid(int(a), int(b), int(c))
        if value and (best is None or m.start() < best[0]):
            best = (m.start(), value, m.group(0))
    return (best[1], best[2]) if best else None
