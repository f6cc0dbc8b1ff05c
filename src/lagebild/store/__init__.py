"""Persistence of the corpus: documents and their annotations survive runs, runs resume."""

from . import memo as _memo  # noqa: F401  (registers the corpus memo's migration)
from . import snapshot as _snapshot  # noqa: F401  (registers the snapshot migrations)
from . import story_state as _story_state  # noqa: F401  (registers the kept stories' migration)
from .base import CorpusStore, open_store
from .sqlite import Store

__all__ = ["CorpusStore", "Store", "open_store"]
