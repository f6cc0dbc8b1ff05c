"""Persistence of the corpus: documents and their annotations survive runs, runs resume."""

from .sqlite import Store

__all__ = ["Store"]
