"""Metadata of a cleaned document."""

from .extract import extract_metadata

__all__ = ["extract_metadata"]
