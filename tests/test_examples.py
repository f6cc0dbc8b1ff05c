"""The fictional example corpus: what a user running the README's first command must get."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild import Dossier, analyze

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return analyze([EXAMPLES])


def by_file(d: Dossier, stem: str):
    return next(x for x in d.documents if Path(x.source).name.startswith(stem))


def test_all_six_articles_are_read_and_none_rejected(dossier: Dossier) -> None:
    assert len(dossier.documents) == 6
    assert dossier.rejected == []


def test_clutter_is_removed_and_article_text_kept(dossier: Dossier) -> None:
    local = by_file(dossier, "fiktiv_01")
    assert local.title == "Wendebrücke in Hallenberg eingestürzt – 14 Menschen verletzt"
    assert "Nach Angaben der Feuerwehr wurden 14 Menschen verletzt" in local.text
    assert "Bürgermeisterin Katrin Albers kündigte eine unabhängige Untersuchung an" in local.text
    for clutter in ("Cookies", "@Wendeanwohner", "Herbstmarkt", "Startseite", "Foto:", "Lokalredakteurin"):
        assert clutter not in local.text
    kinds = {s.kind for s in local.segments}
    assert {"comments", "related", "caption", "byline", "boilerplate"} <= kinds


def test_metadata_of_each_outlet(dossier: Dossier) -> None:
    local, agency, edited = by_file(dossier, "fiktiv_01"), by_file(dossier, "fiktiv_02"), by_file(dossier, "fiktiv_03")
    assert (local.outlet, local.authors, local.dateline) == ("Velde-Bote", ["Jana Korte"], "Hallenberg")
    assert agency.outlet == "Morgenblatt Ostmark" and agency.agencies == ["dpa"]
    assert edited.kicker == "Unglück an der Wende" and edited.agencies == ["dpa"]
    blog = by_file(dossier, "fiktiv_05")
    assert (blog.kicker, blog.title) == ("Meinung zur Wendebrücke", "Was der Einsturz über unsere Prioritäten verrät")
    assert blog.published.value == "2025-10-15" and blog.published.basis == "explicit"


def test_machine_translation_is_recognised(dossier: Dossier) -> None:
    mt = by_file(dossier, "fiktiv_04")
    assert mt.translation is not None and mt.translation.source_language == "en" and mt.translation.machine
    assert mt.original is not None and mt.original.outlet == "The Baltic Ledger"
    assert "maschinelle" not in mt.text


def test_syndicated_agency_copy_is_the_only_reuse(dossier: Dossier) -> None:
    agency, edited = by_file(dossier, "fiktiv_02"), by_file(dossier, "fiktiv_03")
    assert len(dossier.reuse) == 1
    r = dossier.reuse[0]
    assert {s.doc for s in r.spans} == {agency.id, edited.id}
    assert r.kind == "near-verbatim"  # the second outlet added "am Mittwoch"


def test_the_only_conflict_is_the_number_of_injured(dossier: Dossier) -> None:
    conflicts = [c for c in dossier.claims if c["status"] == "conflict"]
    assert len(conflicts) == 1, [c["explanation"] for c in conflicts]
    said = {v["text"] for v in conflicts[0]["values"]}
    assert {"14 Menschen", "zwölf Menschen"} <= said
    # the same renovation cost in three outlets agrees; two dates of one sentence are two facts
    agreed = [c for c in dossier.claims if c["status"] == "agree"]
    assert any({"8,5 Millionen Euro", "rund 8,5 Millionen Euro"} <= {v["text"] for v in c["values"]} for c in agreed)
