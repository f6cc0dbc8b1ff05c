"""Quotes, speakers and entities on hand-annotated news pages: analyses a list of pages in one run and scores
the dossier with ../shared/tools/score_pages.py against their complete gold (one PAGE.json per page, made per
../shared/gold/GUIDE.md; the gold quotes copy the pages' text, so it is kept outside the repository).

    python bench/eval_pages.py --gold DIR --pages DIR --list FILE [-v]

`--list`: the page file names, one per line (default: every page that has a gold file). Prints the scorer's
JSON (or, with -v, every wrong speaker, missed and extra item too).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_pages.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--pages", type=Path, required=True)
    ap.add_argument("--list", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    names = ([n.strip() for n in args.list.read_text(encoding="utf-8").splitlines() if n.strip()] if args.list
             else sorted(p.with_suffix(".html").name for p in args.gold.glob("*.json")))
    with tempfile.TemporaryDirectory() as tmp:
        gold, pages = Path(tmp) / "gold", Path(tmp) / "pages"
        gold.mkdir()
        pages.mkdir()
        for name in names:
            stem = Path(name).stem
            (gold / f"{stem}.json").symlink_to((args.gold / f"{stem}.json").resolve())
            (pages / name).symlink_to((args.pages / name).resolve())
        from lagebild.cli import main as cli

        cli(["analyze", str(pages), "--out", str(Path(tmp) / "out"), "--quiet"])
        cmd = [sys.executable, str(SCORER), str(gold), "--dossier", str(Path(tmp) / "out" / "dossier.json")]
        return subprocess.run([*cmd, *(["-v"] if args.verbose else [])], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
