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
    from ..corpus.facts import amounts
    from .attribution import quotations
    from .entities import find_mentions
    from .timex import find_times

    times = find_times(doc.text)
    return Extracted(times, amounts(doc.text, times, doc.language or "de"), quotations(doc.text, doc.language),
                     find_mentions([doc.text], None, languages=[doc.language])[0])
