"""Issue #20: the property tests that found the crashers (tests/data/crashers/), time-boxed for CI.

Generated texts are made of pieces that articles have (names, numbers, dates, quotation marks,
brackets, line breaks) in random order; generated JSON Lines records have random values in each
field. Whatever comes, no exception escapes `analyze`, the dossier is valid JSON, and a good article
beside the generated input keeps its results. Run longer with LAGEBILD_FUZZ_EXAMPLES=2000."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild import analyze
from lagebild.model import Document, Dossier
from lagebild.pipeline import run_corpus
from lagebild.settings import Settings

from .conftest import EXAMPLES

EXAMPLES_RUN = int(os.environ.get("LAGEBILD_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES_RUN, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
GOOD = (EXAMPLES / "fiktiv_01_velde-bote.txt").read_text(encoding="utf-8")

PIECES = st.sampled_from([
    "Anna", "Velden", "Veldens", "3", "12", "2024", "30.02.2023", "14:30 Uhr", "Nordhafen", "sagte", ",", ".",
    ":", " ", "\n", "\n\n", "-", "der", "Bürgermeisterin", "Anna-Velden", "3Anna", "Velden3", "„", "“", "»", "«",
    "\"", "(", ")", "[", "]", "{", "}", "Millionen", "Euro", "Prozent", "am Montag", "laut", "Dr.", "’", "s",
    "\u00a0", "\ufeff", "\u200b", "&amp;", "<p>", "</p>", "<div>", "https://nordbote.example/a?b=c",
])
TEXTS = st.lists(PIECES, min_size=1, max_size=40).map(" ".join)
VALUES = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=3),
                   st.sampled_from(["2023-02-30", "2024-13-01", "0000-00-00", "\ud800", "9999-99-99T25:61"]))


_GOOD_DOC: list[Document] = []


def good_document() -> Document:
    if not _GOOD_DOC:
        _GOOD_DOC.append(analyze([EXAMPLES / "fiktiv_01_velde-bote.txt"]).documents[0])
    return _GOOD_DOC[0]


@FUZZ
@given(TEXTS)
def test_entities_stage_leaves_out_at_most_the_generated_document(text: str) -> None:
    """This found number_next_to_name.txt ("Anna - 3Anna Anna": an IndexError in entity resolution
    used to empty the entities of every document)."""
    good = good_document()
    generated = Document(id="d2", source="x", format="text", raw=text, text=text, language="de")
    dossier = Dossier(documents=[good, generated])
    run_corpus(dossier, Settings(stages=("entities",)))
    assert any(m["doc"] == good.id for e in dossier.entities for m in e["mentions"])
    assert not [p for p in good.problems if "entities" in p]


@FUZZ
@given(TEXTS)
def test_no_exception_escapes_analyze_and_the_good_article_is_kept(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "a.txt").write_text(GOOD, encoding="utf-8")
        Path(tmp, "b.txt").write_text(text + "\n\n" + GOOD.split("\n\n", 3)[-1], encoding="utf-8")
        dossier = analyze([tmp])
        json.loads(dossier.to_json())
        good = next(d for d in dossier.documents if d.source.endswith("a.txt"))
        assert good.problems == []
        assert any(m["doc"] == good.id for e in dossier.entities for m in e["mentions"])
        assert any(t["doc"] == good.id for t in dossier.times)


@FUZZ
@given(st.dictionaries(st.sampled_from(["title", "url", "published", "outlet", "extra"]), VALUES, max_size=5))
def test_any_record_fields_keep_the_document_and_say_what_was_left_out(fields: dict[str, object]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        line = json.dumps({"text": GOOD, **fields}, ensure_ascii=True)
        Path(tmp, "r.jsonl").write_text(line + "\n", encoding="utf-8")
        dossier = analyze([tmp])
        json.loads(dossier.to_json())
        (doc,) = dossier.documents
        assert dossier.times and dossier.entities and dossier.stories  # no section emptied by one record
        for key, value in fields.items():
            if key != "extra" and value not in (None, "") and not (isinstance(value, str) and not value.strip()):
                used = key in doc.given
                said = any(p.startswith(f"field {key} left out") for p in doc.problems)
                assert used != said, (key, value, doc.problems)
