"""Build the table of countries' and territories' English names (lagebild/extract/data/english_places.json), one
command:

    python training/ner/english_places.py      (needs babel, which trafilatura's URL tools already install)

The bundled tagger learned German: an English country name it has no word-table entry or name-list hit for
("Norway", "Germany") it types as it types an unknown word, often a person or an organisation. The names come from
the Unicode CLDR territory names that babel ships (English and German, by territory code; two-letter codes only:
the numeric ones are regions of the world), with "&" also written "and" ("Bosnia and Herzegovina") and the form
without a leading "St." spelled out. Stored as English name -> German name (english_names.py types the English name a
place; the German name is there for resolution to come).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "extract" / "data" / "english_places.json"


def main() -> int:
    from babel import Locale

    english, german = Locale("en").territories, Locale("de").territories
    table: dict[str, str] = {}
    for code, name in sorted(english.items()):
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "EU", "EZ", "UN", "QO"):
            continue
        for form in {name, name.replace(" & ", " and "), name.replace("St. ", "Saint ")}:
            if "(" not in form:
                table[form] = german.get(code, name)
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
