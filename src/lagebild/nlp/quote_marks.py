"""Which quotation marks open and which close, read from the characters around each mark.

Scraped news uses every style: German „…“ and »…«, Swiss and French «…», English “…”, and plain
straight marks "…" that look the same on both sides. Toggling at each straight mark goes wrong for the
rest of the text after one mark the page lost (`der heißt Indien", betonte er` with no opening mark) or
a missing space (`so der Chef."Die Branche …`). A mark's neighbours say more: a mark after a space and
before a word opens, a mark after a word and before a space or punctuation closes (the "flanking" rule
CommonMark uses for emphasis). Only a mark with the same on both sides is decided by whether a
quotation is open. A paragraph (a line break) ends any quotation still open.
"""

from __future__ import annotations

DOUBLE_MARKS = frozenset("„“”»«\"")
OPEN_BEFORE = frozenset("([{/–—-")  # a mark after these (or a space) can open
CLOSE_AFTER = frozenset(".,;:!?)]}/–—-…")  # a mark before these (or a space) can close


def mark_role(text: str, at: int) -> str:
    """"open", "close" or "either" for the quotation mark at `text[at]`."""
    ch = text[at]
    if ch == "„":  # German: never a closing mark
        return "open"
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    can_open = before.isspace() or before in OPEN_BEFORE or before in DOUBLE_MARKS
    can_close = after.isspace() or after in CLOSE_AFTER or after in DOUBLE_MARKS
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


class QuoteState:
    """Walks a text's tokens in order and says, for each, whether a quotation is open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.open = False
        self.at = 0  # where the last token ended

    def reach(self, start: int) -> bool:
        """Whether a quotation is open at `start`, the next token's start (a line break since the last
        token closes it)."""
        if self.open and "\n" in self.text[self.at : start]:
            self.open = False
        return self.open

    def step(self, start: int, end: int) -> str:
        """Advance to the token text[start:end]; returns "open" / "close" if it opens or closes a
        quotation, "" otherwise (self.open is the state after it)."""
        self.reach(start)
        self.at = end
        if end - start != 1 or self.text[start] not in DOUBLE_MARKS:
            return ""
        role = mark_role(self.text, start)
        if role == "either":
            role = "close" if self.open else "open"
        if role == "open":
            self.open = True
            return "open"
        if self.open:
            self.open = False
            return "close"
        return ""  # a closing mark with no quotation open: the page lost its opening mark
