"""Registers lagebild's own spaCy components for `spacy train --code training/ner/components.py`."""

import lagebild.extract.gazetteer  # noqa: F401
