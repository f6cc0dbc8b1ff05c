"""Names in English text: capitalised runs, titles cut off, types from the words around them."""

from __future__ import annotations

from pathlib import Path

from lagebild.api import analyze
from lagebild.extract.english_names import spans

# Invented for the test: places, people and organisations are fictional.
ARTICLE = (
    "Bridge collapse in Hallenberg leaves 14 injured\n\n"
    "HALLENBERG — Local Mayor Katrin Albers visited the site on Wednesday. The bridge over the Wende River "
    "collapsed shortly before midnight, the Transport Ministry said. According to Nordpress, two cars and a bus "
    "fell into the water.\n\n"
    "Engineers say many bridges built in the 1960s are reaching the end of their lives. \"These structures were "
    "designed for far less traffic,\" said Miriam Hollweg, a professor at the Technical University of Lindau. "
    "Hollweg added that inspections alone were not enough. The German government and the Baltic Road Agency "
    "promised money, a spokesman for Velde Holdings said. Albers flew to Rostock on Thursday.\n"
)


def test_names_in_english_text_are_found_and_typed() -> None:
    found = {ARTICLE[a:b]: label for a, b, label in spans(ARTICLE)}
    assert found.get("Katrin Albers") == "PER"  # "Local Mayor" cut off
    assert found.get("Miriam Hollweg") == "PER"
    assert found.get("Transport Ministry") == "ORG" and found.get("Baltic Road Agency") == "ORG"
    assert found.get("Technical University of Lindau") == "ORG"
    assert found.get("Wende River") == "LOC" and found.get("Rostock") == "LOC"
    assert found.get("Nordpress") in ("ORG", "PER")  # "According to X" names a source, not a place
    assert found.get("Velde Holdings") != "PER"  # "a spokesman for X said"
    for not_a_name in ("German", "Engineers", "Wednesday", "Thursday", "According", "The", "These"):
        assert not_a_name not in found, not_a_name


def test_an_english_article_gets_person_entities_and_attributed_quotes(tmp_path: Path) -> None:
    path = tmp_path / "ledger.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    dossier = analyze([path])
    assert dossier.documents[0].language == "en"
    people = {e["name"] for e in dossier.entities if e["type"] == "PER"}
    assert {"Katrin Albers", "Miriam Hollweg"} <= people
    hollweg = next(e for e in dossier.entities if e["name"] == "Miriam Hollweg")
    assert [m["text"] for m in hollweg["mentions"]] == ["Miriam Hollweg", "Hollweg"]  # the bare surname joins
    quote = next(q for q in dossier.quotes if q["kind"] == "direct")
    assert quote["speaker"] == hollweg["id"]


def test_a_title_case_headline_gives_only_names_the_text_capitalises_elsewhere() -> None:
    text = "Bridge Collapse In Hallenberg Leaves 14 Injured\n\nThe old bridge in Hallenberg collapsed, police said."
    assert [text[a:b] for a, b, _ in spans(text)] == ["Hallenberg", "Hallenberg"]


def test_english_titles_and_appositions_become_descriptions(tmp_path: Path) -> None:
    path = tmp_path / "ledger.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    entities = {e["name"]: e for e in analyze([path]).entities}
    assert "Local Mayor" in entities["Katrin Albers"]["descriptions"]
    assert entities["Miriam Hollweg"]["descriptions"] == ["a professor at the Technical University of Lindau"]


def test_an_english_speaker_the_text_only_describes_is_kept(tmp_path: Path) -> None:  # issue 15
    path = tmp_path / "a.txt"
    path.write_text("Ferry aground\n\nA ferry ran aground outside the harbour of Nordhafen on Monday morning, the "
                    "harbour office said. Nobody was hurt.\n", encoding="utf-8")
    quotes = analyze([str(path)]).to_dict()["quotes"]
    assert [(q["speaker_text"], q["speaker_kind"]) for q in quotes] == [("the harbour office", "unnamed")]


def test_english_company_names_are_organisations_by_their_head() -> None:
    text = ("Velnix Foods will close its factory in Nordhafen, the company said. Jan Weber, a manager at Kelmann "
            "Construction, said the site could be sold. Veldmann Motors posted a record quarter.")
    found = {text[a:b]: label for a, b, label in spans(text)}
    assert found.get("Velnix Foods") == "ORG" and found.get("Kelmann Construction") == "ORG"
    assert found.get("Veldmann Motors") == "ORG" and found.get("Jan Weber") == "PER"


def test_a_person_of_an_organisation_is_two_names_but_a_bank_of_a_country_is_one() -> None:
    text = "Jan Weber of Kelmann Construction said the site could be sold. The Bank of Nordland raised rates."
    found = {text[a:b]: label for a, b, label in spans(text)}
    assert found.get("Jan Weber") == "PER" and found.get("Kelmann Construction") == "ORG"
    assert found.get("Bank of Nordland") == "ORG"


def test_an_opening_preposition_a_street_and_a_spoken_title_are_no_part_of_a_person(tmp_path: Path) -> None:
    text = ("Flood in Nordhafen\n\nAcross Nordhafen, the scene was the same. Firefighters went from house to house on "
            "Kelby Lane, and residents of Mill Road waited for boats. Nathan Lane, a baker, lost his shop.\n\n"
            "\"The valley has become a funnel,\" said Dr Anna Velden, who studies rivers at the university.\n")
    found = {text[a:b]: label for a, b, label in spans(text)}
    assert "Across Nordhafen" not in found and found.get("Nordhafen") == "LOC"
    assert found.get("Kelby Lane") == "LOC" and found.get("Mill Road") == "LOC"
    assert found.get("Nathan Lane") == "PER"  # a first name before the street word: a person
    dossier = _analyzed(tmp_path, "flood.txt", text)
    names = {e["name"] for e in dossier.entities}
    assert "Anna Velden" in names and "Dr Anna Velden" not in names


def test_english_speakers_behind_an_owner_a_long_title_or_an_age(tmp_path: Path) -> None:
    text = ("Miners rescued at Velnix pit\n\n"
            "\"We are doing everything we can,\" said Velnix Mining's operations director Anna Velden. Families "
            "waited at the pithead. \"This was planned,\" said Detective Chief Inspector Jan Weber.\n\n"
            "\"It is a miracle,\" said Tom Berger, 26, a miner's son.\n")
    dossier = _analyzed(tmp_path, "pit.txt", text)
    speakers = {q["speaker_text"] for q in dossier.quotes}
    assert {"Anna Velden", "Jan Weber", "Tom Berger"} <= speakers
    berger = next(e for e in dossier.entities if e["name"] == "Tom Berger")
    assert "26" not in berger["descriptions"]


def test_german_noun_statistics_do_not_cut_an_english_first_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lagebild.extract import entities

    monkeypatch.setattr(entities, "_common_noun_not_first_name", lambda word: True)
    (mentions,) = entities.find_mentions(["Police inspector Anna Velden said the families had been informed."],
                                         languages=["en"])
    assert "Anna Velden" in {m.text for m in mentions}


def test_a_possessive_ends_the_owner_s_name_and_the_company_a_statement_names_is_its_speaker(tmp_path: Path) -> None:
    text = ("Velnix rocket explodes\n\n"
            "NORDHAFEN (NPA) - The Kestrel rocket built by the private launch company Velnix Group exploded about "
            "70 seconds after lift-off from Nordhafen on Thursday, the company said.\n\n"
            "Velnix Group's Kestrel programme has flown four times. No one was hurt in Nordhafen.\n")
    found = {text[a:b]: label for a, b, label in spans(text)}
    assert "Velnix Group" in found and "Velnix Group's Kestrel" not in found
    dossier = _analyzed(tmp_path, "rocket.txt", text)
    names = {e["id"]: e for e in dossier.entities}
    statement = next(q for q in dossier.quotes if "exploded" in q["text"])
    assert names[statement["speaker"]]["name"] == "Velnix Group"
    place = next(e for e in dossier.entities if e["name"].lower() == "nordhafen")
    assert place["type"] == "LOC"  # the dateline names a place


def test_an_english_role_or_age_before_said_is_the_speaker_and_stands_for_the_person_named_before(
        tmp_path: Path) -> None:
    text = ("Flood in Nordhafen\n\nAnna Velden had just put the kettle on when she saw water seeping under her door. "
            "\"It came through the door in minutes,\" the 71-year-old said on Monday.\n\n"
            "Jan Weber, a spokesman for the fire brigade, was at the scene. \"We are doing what we can,\" the "
            "spokesman said.\n")
    dossier = _analyzed(tmp_path, "flood.txt", text)
    names = {e["id"]: e["name"] for e in dossier.entities}
    said = {q["text"][1:12]: (q["speaker_text"], names.get(q["speaker"])) for q in dossier.quotes}
    assert said["It came thr"] == ("the 71-year-old", "Anna Velden")
    assert said["We are doin"] == ("the spokesman", "Jan Weber")


def _analyzed(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyze([path])


def test_issue16_countries_named_in_english_are_places_also_between_two_and_before_a_verb() -> None:
    text = "The pipeline between Germany and Norway grew. Cooperation between the United States and Japan grew."
    found = {text[a:b]: label for a, b, label in spans(text)}
    assert found == {"Germany": "LOC", "Norway": "LOC", "United States": "LOC", "Japan": "LOC"}


def test_issue16_between_two_names_the_model_typed_apart_both_are_of_one_kind() -> None:
    from lagebild.extract.english_names import between_agree

    text = "Talks between Velmark and Nordhafen resumed."
    found = [(14, 21, "PER"), (26, 35, "LOC")]
    assert between_agree(text, found) == [(14, 21, "LOC"), (26, 35, "LOC")]
    assert between_agree(text, [(14, 21, "PER"), (26, 35, "PER")]) == [(14, 21, "PER"), (26, 35, "PER")]
