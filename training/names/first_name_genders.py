"""Build the table of first names and the gender they are given to, which pronoun resolution uses: "er" is
not "Anna Velden", "sie" not "Jan Weber" (lagebild/extract/speakers.py).

    python training/names/first_name_genders.py      (writes lagebild/extract/data/first_name_genders.json)

Source: ../shared/data/gazetteers/prenames-germany/vornamen_aggregated.tsv (first names of newborns in Cologne,
Leipzig, Berlin and Munich with their counts per gender). A name is kept where it was given at least
MIN_COUNT times and at least SHARE of those to one gender ("Kim", "Andrea" and "Maria" go either way in other
countries, but the table says what German text most likely means).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "data" / "gazetteers" / "prenames-germany" / "vornamen_aggregated.tsv"
OUT = ROOT / "src" / "lagebild" / "extract" / "data" / "first_name_genders.json"
MIN_COUNT = 3
SHARE = 0.9


def main() -> int:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "w": 0})
    with SOURCE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["gender"] in ("m", "w") and row["name"].isalpha():
                counts[row["name"]][row["gender"]] += int(row["count"])
    table = {"m": [], "f": []}
    for name, c in sorted(counts.items()):
        total = c["m"] + c["w"]
        if total >= MIN_COUNT and max(c["m"], c["w"]) >= SHARE * total:
            table["m" if c["m"] > c["w"] else "f"].append(name)
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table['m'])} male and {len(table['f'])} female first names -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
