"""The same input gives the same dossier, byte for byte, whatever Python's string hashing: set and dict
orders must never decide a name, a topic or an order in the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES


def run(out: Path, hash_seed: str, inputs: list[str]) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    code = "import sys; from lagebild.cli import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run([sys.executable, "-c", code, "analyze", *inputs, "--out", str(out), "--quiet"], env=env,
                   check=True, timeout=600)


def test_two_runs_with_different_string_hashing_write_identical_dossiers(tmp_path: Path, shared: Path) -> None:
    inputs = [str(EXAMPLES), *sorted(str(p) for p in (shared / "seeds").glob("*.txt"))]
    run(tmp_path / "a", "1", inputs)
    run(tmp_path / "b", "2", inputs)
    for name in ("dossier.json", "dossier.md", "dossier.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
