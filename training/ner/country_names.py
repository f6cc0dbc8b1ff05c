"""Build the table of countries' official and short names that entity resolution uses as aliases
(lagebild/corpus/aliases.py): "Russische Föderation" and "Russland" are one entity.

    python training/ner/country_names.py      (writes lagebild/corpus/data/country_names.json)

Source: ../shared/data/gazetteers/ler/laendernamen.list (the German Foreign Office's list of state names for
official use), which gives each state as two lines, its short name and its official name. Short names the
list writes inverted ("Korea, Republik") are left out: text never writes them so.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import DATA as GERMEVAL  # noqa: E402

from lagebild.corpus.aliases import COUNTRIES_PATH  # noqa: E402

SOURCE = GERMEVAL.parents[1] / "gazetteers" / "ler" / "laendernamen.list"


def main() -> int:
    lines = [x.strip() for x in SOURCE.read_text(encoding="utf-8").splitlines() if x.strip()]
    pairs = sorted({(official, short) for short, official in zip(lines[::2], lines[1::2], strict=False)
                    if official != short and "," not in short})
    COUNTRIES_PATH.write_text(json.dumps(pairs, ensure_ascii=False).replace("], [", "],\n[") + "\n", encoding="utf-8")
    print(f"{len(pairs)} official -> short names -> {COUNTRIES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
