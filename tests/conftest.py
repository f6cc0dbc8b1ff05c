"""Shared fixtures. The evaluation data lives in ../shared beside the repository (as in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a failure that says how to get it (set LAGEBILD_NO_SHARED=1 to skip these tests)."""
    if not (SHARED / "seeds").is_dir():
        if os.environ.get("LAGEBILD_NO_SHARED") == "1":
            pytest.skip("LAGEBILD_NO_SHARED=1: evaluation data not available")
        pytest.fail(f"evaluation data not found at {SHARED}; put the project's shared/ folder beside the repository")
    return SHARED


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def workspace_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the examples, an English article and hostile texts (tests/workspace_corpus.py)."""
    from .workspace_corpus import build_store

    return build_store(tmp_path_factory.mktemp("workspace"))
