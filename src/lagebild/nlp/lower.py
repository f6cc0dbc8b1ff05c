"""Lower-cased text with the same offsets as the original.

Matching word lists against lower-cased text with a plain pattern is about three times faster than
matching with re.IGNORECASE; the offsets of a match must then point at the same characters of the
original, which `str.lower` does not promise for a few letters ("İ" becomes two characters)."""

from __future__ import annotations


def lower_aligned(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
