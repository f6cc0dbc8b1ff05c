"""lagebild: from a pile of scraped news articles to a verified, source-attributed dossier."""

from .api import analyze
from .errors import InputRejected, LagebildError, SettingsError
from .model import SCHEMA, Document, Dossier, Rejected, Reuse, Segment, Span
from .settings import Settings

__all__ = [
    "SCHEMA", "Document", "Dossier", "InputRejected", "LagebildError", "Rejected", "Reuse", "Segment",
    "Settings", "SettingsError", "Span", "analyze",
]
__version__ = "0.1.0"
