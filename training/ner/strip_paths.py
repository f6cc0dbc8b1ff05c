"""Blank the [paths] of a trained pipeline's config.cfg: they point into the build directory of the
machine that trained it and are only read while training.

    python training/ner/strip_paths.py MODEL_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main() -> int:
    cfg = Path(sys.argv[1]) / "config.cfg"
    text = cfg.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n[system]")
    head = re.sub(r"^(?!\[)(\w+) = .*$", r"\1 = null", head, flags=re.M)
    cfg.write_text(head + sep + rest, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
