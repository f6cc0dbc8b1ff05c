"""A run sets the objects that live as long as it (models, kept documents, the dossier being written) aside
from the cyclic garbage collector's full passes (gc.freeze), and gives them back before it returns."""

from __future__ import annotations

import gc
from pathlib import Path

from lagebild import analyze
from lagebild.cli import main

from .conftest import EXAMPLES


def test_analyze_gives_every_object_back_to_the_collector() -> None:
    assert gc.get_freeze_count() == 0
    dossier = analyze([EXAMPLES], workers=1)
    assert len(dossier.documents) >= 5
    assert gc.get_freeze_count() == 0


def test_the_analyze_command_gives_every_object_back_to_the_collector(tmp_path: Path) -> None:
    assert main(["analyze", str(EXAMPLES), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1"]) == 0
    assert (tmp_path / "out" / "dossier.json").stat().st_size > 0
    assert gc.get_freeze_count() == 0
