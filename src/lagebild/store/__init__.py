"""Persistence of the corpus: documents and their annotations survive runs, runs resume."""

from . import snapshot as _snapshot  # noqa: F401  (registers the snapshot migrations)
from .sqlite import Store

__all__ = ["Store"]
