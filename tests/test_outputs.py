"""The dossier files: JSON contract, self-contained and escaped HTML, Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

from lagebild import SCHEMA, analyze
from lagebild.cli import main

from .conftest import EXAMPLES, write

HOSTILE = (
    "Angriff auf <script>alert('x')</script> die Redaktion <img src=x onerror=alert(1)>\n\n"
    "Die Redaktion berichtet über einen Versuch, Schadcode in Artikel einzuschleusen, der beim Öffnen der Seite "
    "ausgeführt werden sollte <script src=\"https://evil.example/x.js\"></script> und Daten abgreifen würde.\n\n"
    "Die Sicherheitsexperten des Hauses haben den Angriff nach eigenen Angaben rechtzeitig bemerkt und die "
    "betroffenen Seiten vorsorglich vom Netz genommen, bis alle Inhalte geprüft worden sind.\n"
)


def test_json_has_the_contract_fields(tmp_path: Path) -> None:
    d = json.loads(analyze([EXAMPLES]).to_json())
    assert d["schema"] == SCHEMA
    for key in ("documents", "rejected", "reuse", "stories", "entities", "quotes", "quantities", "times", "claims",
                "timeline"):
        assert isinstance(d[key], list)
    doc = d["documents"][0]
    for key in ("id", "source", "title", "kicker", "lead", "outlet", "authors", "contributors", "agencies",
                "dateline", "published", "language", "translation", "original", "text", "segments"):
        assert key in doc
    assert set(doc["published"]) == {"value", "basis", "evidence"}
    for seg in doc["segments"]:
        assert set(seg) == {"lines", "kind", "reason", "start", "end"} and seg["reason"]


def test_html_escapes_article_text_and_makes_no_requests(tmp_path: Path) -> None:
    html = analyze([write(tmp_path, "evil.txt", HOSTILE)]).to_html()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html


def test_markdown_escapes_html(tmp_path: Path) -> None:
    md = analyze([write(tmp_path, "evil.txt", HOSTILE)]).to_markdown()
    assert "<script" not in md and "&lt;script&gt;" in md


def test_cli_writes_three_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["analyze", str(EXAMPLES), "--out", str(out), "--quiet"]) == 0
    assert {p.name for p in out.iterdir()} == {"dossier.json", "dossier.md", "dossier.html"}
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert "removed lines" in html and "reader comment" in html  # removed segments are shown with reasons
    assert 'href="#r0-' in html  # reused passages link to each other


def test_unknown_ner_pipeline_is_a_usage_error(tmp_path: Path) -> None:
    code = main(["analyze", str(EXAMPLES), "--out", str(tmp_path / "o"), "--ner-model", "no_such_pipeline", "-q"])
    assert code == 2
    assert not (tmp_path / "o").exists()


def test_who_said_what_groups_one_statement_reported_by_several_outlets() -> None:
    from lagebild.report.common import who_said_what

    quotes = [
        {"id": "q1", "doc": "d1", "start": 0, "end": 30, "text": "„Wir bauen die Brücke neu“", "kind": "direct",
         "speaker": "e1", "speaker_text": "Anna Berg", "cue": "sagte", "via": []},
        {"id": "q2", "doc": "d2", "start": 5, "end": 35, "text": "„Wir bauen die Brücke neu“", "kind": "direct",
         "speaker": "e1", "speaker_text": "Berg", "cue": "sagte", "via": ["dpa"]},
        {"id": "q3", "doc": "d2", "start": 50, "end": 90, "text": "die Kosten seien zu hoch", "kind": "indirect",
         "speaker": "e1", "speaker_text": "Berg", "cue": "erklärte", "via": []},
        {"id": "q4", "doc": "d1", "start": 40, "end": 80, "text": "Der Verkehr werde umgeleitet", "kind": "indirect",
         "speaker": None, "speaker_text": None, "cue": None, "via": []},
        {"id": "q5", "doc": "d3", "start": 0, "end": 30, "text": "„Wir kommen wieder“", "kind": "direct",
         "speaker": None, "speaker_text": "er", "cue": "sagte", "via": []},
    ]
    entities = [{"id": "e1", "type": "PER", "name": "Anna Berg", "descriptions": ["Bürgermeisterin"], "aliases": [],
                 "mentions": []}]
    dossier = SimpleNamespace(quotes=quotes, entities=entities)
    groups = who_said_what(dossier)  # type: ignore[arg-type]
    assert [(g.name, g.role, len(g.statements)) for g in groups] == [
        ("Anna Berg", "Bürgermeisterin", 2), ("(speaker not named in the text)", "", 2)]  # an unresolved "er"
    first = groups[0].statements[0]
    assert first.kind == "direct" and [r["doc"] for r in first.reports] == ["d1", "d2"]


def test_who_said_what_lists_a_statement_an_article_repeats_word_for_word_once() -> None:  # issue 15
    from lagebild.report.common import who_said_what

    quotes = [{"id": f"q{i}", "doc": "d1", "start": start, "end": start + 30, "text": text, "kind": "direct",
               "speaker": None, "speaker_text": "Jan Weber", "cue": "sagte", "via": []}
              for i, (start, text) in enumerate([(0, "„Wir bauen die Brücke neu“"), (200, "„Wir bauen die Brücke neu“"),
                                                 (400, "„Wir bauen die Brücke neu und breiter“")])]
    (group,) = who_said_what(SimpleNamespace(quotes=quotes, entities=[]))  # type: ignore[arg-type]
    assert [[r["id"] for r in st.reports] for st in group.statements] == [["q0", "q1"], ["q2"]]


def test_who_said_what_keeps_described_speakers_of_different_articles_apart() -> None:  # issue 15
    from lagebild.report.common import who_said_what

    quotes = [{"id": f"q{i}", "doc": doc, "start": 0, "end": 20, "text": text, "kind": "direct", "speaker": None,
               "speaker_text": "der Sprecher", "cue": "sagte", "via": []}
              for i, (doc, text) in enumerate([("d1", "„Die Werft schließt“"), ("d2", "„Der Bus fährt“")])]
    groups = who_said_what(SimpleNamespace(quotes=quotes, entities=[]))  # type: ignore[arg-type]
    assert sorted(g.name for g in groups) == ["der Sprecher (d1)", "der Sprecher (d2)"]


def test_long_statements_are_cut_after_a_sentence_or_clause_never_inside_a_word() -> None:
    from lagebild.report.common import shortened

    text = ("Der Vertrag ist ein gutes Beispiel dafür, wie die Werft ihr Wissen einsetzt. Wir freuen uns, das "
            "Angebot für die Ausbildung der Lehrlinge in Nordhafen zu erweitern.")
    assert shortened(text, 500) == text
    assert shortened(text, 100) == "Der Vertrag ist ein gutes Beispiel dafür, wie die Werft ihr Wissen einsetzt. …"
    assert shortened(text, 50) == "Der Vertrag ist ein gutes Beispiel dafür, …"
    assert shortened("Nordhafenerhafenamtsleitungsbüro " * 3, 40).endswith("büro …")
