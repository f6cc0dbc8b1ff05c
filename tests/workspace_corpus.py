"""A small store for the workspace tests: the fictional examples, an English article and hostile texts
(script tags, event handlers, javascript: URLs, Markdown links and images, broken markup) in titles,
authors, quotes, outlets and URLs. All names are invented."""

from __future__ import annotations

import json
from pathlib import Path

from lagebild import analyze

from .conftest import EXAMPLES

ATTACKS = ['<script>alert("t")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>',
           "[klick](javascript:alert(3))", "![bild](http://evil.example/x.png)", "`x` </p></div><!--",
           '<a href="javascript:alert(4)">Link</a>', "<b onmouseover=alert(5)>fett</b>", "*emph* _u_ ~~s~~"]
HOSTILE_TITLE = f"Nordhafen {ATTACKS[0]} Fähre {ATTACKS[1]}"

HOSTILE_DUMP = f"""{HOSTILE_TITLE}

Von {ATTACKS[7]} Anna Velden | Nordbote

Nordhafen – Die Hafenverwaltung von Nordhafen hat am Dienstag eine neue Fähre in Betrieb genommen, die \
zwischen den beiden Ufern pendelt. „Wir sind stolz auf diese Fähre {ATTACKS[0]} {ATTACKS[3]}“, sagte \
Bürgermeisterin Anna Velden bei der Eröffnung. Die Fähre kostete 12 Millionen Euro {ATTACKS[4]} und fährt ab \
dem 3. März 2025 täglich. {ATTACKS[6]} {ATTACKS[5]}

Kritik kam von der Opposition im Stadtrat. „Das Geld hätte für die Schulen gereicht {ATTACKS[2]}“, sagte \
Ratsherr Tom Berg am Dienstag. Die Fähre soll 300 Fahrgäste befördern können. {ATTACKS[8]}
"""

HOSTILE_RECORD = {
    "text": "Nordhafen – Der Nordbote berichtet, dass die neue Fähre von Nordhafen am Mittwoch wegen eines "
            "Defekts ausfiel. Rund 200 Fahrgäste mussten warten, sagte ein Sprecher der Hafenverwaltung am "
            f"Mittwoch. {ATTACKS[1]} Die Reparatur soll zwei Tage dauern, teilte die Verwaltung mit.",
    "title": f"Fähre fällt aus {ATTACKS[2]} {ATTACKS[3]}",
    "url": "javascript:alert(6)//<script>alert(7)</script>",
    "outlet": f"Nordbote {ATTACKS[6]}",
    "published": "2025-03-05",
}

ENGLISH = """Harbour town votes on new ferry line

Nordhafen – Voters in the harbour town of Nordhafen backed a new ferry line in the local elections on \
Sunday, officials said. The line will connect both banks of the river from next spring and cost about \
twelve million euros. "This is a good day for the whole town," mayor Anna Velden told reporters after the \
results were announced. Turnout was 54 percent, the election office said.
"""


def build_store(folder: Path, db: str | None = None) -> Path:
    """Analyse the corpus into a store under `folder` (or into the store at `db`); returns the store's path."""
    inputs = folder / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / "hostile<script>.txt").write_text(HOSTILE_DUMP, encoding="utf-8")
    (inputs / "records.jsonl").write_text(json.dumps(HOSTILE_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    (inputs / "english.txt").write_text(ENGLISH, encoding="utf-8")
    store = folder / "store.sqlite"
    analyze([EXAMPLES, inputs], db=db or str(store))
    return store
