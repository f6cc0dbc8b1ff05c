"""What each document gives on its own, before the corpus is looked at: time expressions, quantities,
quotations and reported speech, name mentions. Computed by a document stage (so it runs in the
worker processes of `--workers N`) and read by the corpus stages, which compute it themselves for
a document that comes without it (read back from a store)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Document


@dataclass(slots=True)
class Extracted:
    times: list[Any]  # extract.timex.TimeMention
    quantities: list[Any]  # extract.quantities.Quantity
    quotes: list[Any]  # extract.quotes.Quote, as extract.attribution.quotations gives them
    mentions: Any  # extract.entities.Mentions of the bundled name tagger


def extract_document(doc: Document) -> Extracted:
    """Long texts are read in pieces (nlp/pieces.py), as the corpus stages do."""
    from ..nlp.pieces import in_pieces
    from .attribution import quotations
    from .entities import Mentions, find_mentions

    times, quantities = times_and_quantities(doc)
    mentions = Mentions(doc.text, in_pieces(doc.text, lambda piece: list(find_mentions(
        [piece], None, languages=[doc.language])[0])))
    return Extracted(times, quantities, in_pieces(doc.text, lambda piece: quotations(piece, doc.language)), mentions)


def times_and_quantities(doc: Document) -> tuple[list[Any], list[Any]]:
    """The document's time expressions and amounts (the amounts know which numbers are dates)."""
    from ..corpus.facts import amounts
    from ..nlp.pieces import pieces, shifted
    from .timex import find_times

    times: list[Any] = []
    quantities: list[Any] = []
    for offset, piece in pieces(doc.text):
        piece_times = find_times(piece)
        times += shifted(piece_times, offset)
        quantities += shifted(amounts(piece, piece_times, doc.language or "de"), offset)
    return times, quantities
