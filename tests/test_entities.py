"""Named entities: the bundled model loads offline; mentions merge into entities by general rules."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from lagebild.corpus.resolve import repair, resolve_entities
from lagebild.extract.entities import Mention, agency_mentions, find_mentions
from lagebild.extract.name_tagger import bundled
from lagebild.model import Document
from lagebild.nlp.names import name_key


def test_bundled_model_loads_and_runs_with_networking_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    bundled.cache_clear()
    (mentions,) = find_mentions(["Bundeskanzlerin Angela Merkel traf am Montag in Paris den Präsidenten Frankreichs."])
    types = {m.text: m.type for m in mentions}
    assert types.get("Angela Merkel") == "PER"
    assert types.get("Paris") == "LOC"


def mention(text: str, surface: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, kind)


def entities_of(texts: list[str], spec: list[list[tuple[str, str, int]]], languages: list[str] | None = None
                ) -> list[dict]:
    docs = [Document(id=f"d{i + 1}", source=f"{i}.txt", format="text", raw=t, text=t,
                     language=languages[i] if languages else None) for i, t in enumerate(texts)]
    mentions = [[mention(t, s, k, n) for s, k, n in ms] for t, ms in zip(texts, spec, strict=True)]
    return resolve_entities(docs, mentions)


def holder(ents: list[dict], surface: str) -> set[str]:
    return {e["id"] for e in ents if surface in [m["text"] for m in e["mentions"]] or surface == e["name"]}


def test_bare_surname_belongs_to_the_most_recent_full_name() -> None:
    text = ("Anna Berg und Tom Berg kamen. Tom Berg sagte, es sei gut. Berg fügte hinzu, er komme wieder. "
            "Anna Berg widersprach. Berg blieb dabei.")
    ents = entities_of([text], [[("Anna Berg", "PER", 0), ("Tom Berg", "PER", 0), ("Tom Berg", "PER", 1),
                                 ("Berg", "PER", 3), ("Anna Berg", "PER", 1), ("Berg", "PER", 5)]])
    tom = next(e for e in ents if e["name"] == "Tom Berg")
    anna = next(e for e in ents if e["name"] == "Anna Berg")
    bare = sorted((m for e in ents for m in e["mentions"] if m["text"] == "Berg"), key=lambda m: m["start"])
    assert len(bare) == 2
    assert bare[0] in tom["mentions"] and bare[1] in anna["mentions"]  # after Tom spoke / after Anna objected


def test_genitive_and_hyphenation_variants_merge() -> None:
    text = "Anna-Maria Berg kam. Anna Maria Bergs Rede war kurz. Die Rede von Anna Maria Berg endete."
    ents = entities_of([text], [[("Anna-Maria Berg", "PER", 0), ("Anna Maria Bergs", "PER", 0),
                                 ("Anna Maria Berg", "PER", 1)]])
    assert len(ents) == 1 and len(ents[0]["mentions"]) == 3


def test_transliterations_merge_across_documents_but_first_names_alone_do_not() -> None:
    ents = entities_of(
        ["Juri Gromow sprach in Jaroslawl.", "Yuri Gromov spoke in Yaroslavl. Juri Sorokin too."],
        [[("Juri Gromow", "PER", 0), ("Jaroslawl", "LOC", 0)],
         [("Yuri Gromov", "PER", 0), ("Yaroslavl", "LOC", 0), ("Juri Sorokin", "PER", 0)]])
    assert holder(ents, "Juri Gromow") == holder(ents, "Yuri Gromov")
    assert holder(ents, "Jaroslawl") == holder(ents, "Yaroslavl")
    assert holder(ents, "Juri Sorokin") != holder(ents, "Juri Gromow")
    assert name_key("Gromow") == name_key("Gromov")


def test_role_before_a_name_becomes_a_description_and_alias() -> None:
    text = "Der Regierungssprecher Jan Weber sagte, Weber sei zufrieden."
    ents = entities_of([text], [[("Jan Weber", "PER", 0), ("Weber", "PER", 1)]])
    (e,) = ents
    assert "Regierungssprecher" in e["descriptions"]
    assert "Regierungssprecher Jan Weber" in e["aliases"]


def test_repair_splits_names_run_together_and_genitives_in_front() -> None:
    text = "Damals traf Berg Anna Weber. Frankreichs Paris-Politik. Tom Berg und Anna Weber."
    keys = {name_key(x) for x in ("Berg", "Anna Weber", "Tom Berg", "Frankreich", "Paris-Politik")}
    fixed = repair(text, [mention(text, "Berg Anna Weber", "PER"), mention(text, "Frankreichs Paris-Politik", "LOC")],
                   keys, {"berg", "veber"})
    assert [m.text for m in fixed] == ["Berg", "Anna Weber", "Frankreichs", "Paris-Politik"]


def test_news_agencies_are_organisations() -> None:
    assert [(m.text, m.type) for m in agency_mentions("laut Interfax und der Agentur AFP")] == [
        ("Interfax", "ORG"), ("AFP", "ORG")]


def test_rules_add_organisations_by_compound_ending_and_persons_after_a_role() -> None:
    from lagebild.extract.entities import rule_mentions

    found = {(m.text, m.type) for m in rule_mentions(
        "Die Bürgermeisterin Katrin Albers und das Verkehrsministerium widersprachen der Universität nicht.")}
    assert ("Katrin Albers", "PER") in found and ("Verkehrsministerium", "ORG") in found
    assert ("Universität", "ORG") not in found  # the bare noun is no name


@pytest.mark.parametrize("first,second", [("Velka", "VELKA"), ("VELKA", "Velka")])
def test_a_name_tied_in_count_and_length_is_the_spelling_met_first(first: str, second: str) -> None:
    ents = entities_of([f"Die {first} tagte.", f"Die {second} tagte."], [[(first, "ORG", 0)], [(second, "ORG", 0)]])
    (e,) = ents
    assert e["name"] == first and e["aliases"] == [second]


def test_mentions_are_stored_compactly_and_read_back_with_their_text() -> None:
    from lagebild.extract.entities import Mentions

    text = "Anna Berg flog nach Velde."
    found = Mentions(text, [mention(text, "Anna Berg", "PER"), mention(text, "Velde", "LOC")])
    assert len(found) == 2
    assert list(found) == [Mention(0, 9, "Anna Berg", "PER"), Mention(20, 25, "Velde", "LOC")]
    assert found[-1].text == "Velde" and found[:1] == [found[0]]


def _person_entity(eid: str, name: str, descriptions: list[str], doc: str = "d1") -> dict:
    return {"id": eid, "type": "PER", "name": name, "aliases": [], "descriptions": descriptions,
            "mentions": [{"doc": doc, "start": 0, "end": 1}]}


def test_a_role_speaker_links_to_the_one_person_described_with_that_role() -> None:
    from lagebild.corpus.resolve import link_speakers

    entities = [_person_entity("e1", "Erika Muster", ["Partei-Chefin"]),
                _person_entity("e2", "Max Beispiel", ["Bürgermeister"]),
                _person_entity("e3", "Tom Probe", ["Sprecher"]), _person_entity("e4", "Jan Probe", ["Sprecher"])]
    quotes = [{"doc": "d1", "speaker_text": "die Parteiführerin"}, {"doc": "d1", "speaker_text": "der Bürgermeister"},
              {"doc": "d1", "speaker_text": "der Sprecher"}, {"doc": "d1", "speaker_text": "die Chefin"}]
    link_speakers(quotes, entities)
    # same leader role of the same party; the one mayor; two spokesmen are ambiguous; "die Chefin" of what?
    assert [q.get("speaker") for q in quotes] == ["e1", "e2", None, None]


def test_descriptions_leave_out_the_reporting_verb_and_take_roles_of_something_and_closing_appositions() -> None:
    texts = ["„Wir sind bereit“, sagte Kreisbrandmeister Tom Probe am Abend.",
             "„Es reicht“, sagte der Vorsitzende des Verkehrsausschusses, Max Beispiel.",
             "„Die Last war zu hoch“, sagte Erika Muster, Professorin für Statik an der Hochschule Lindau."]
    ents = entities_of(texts, [[("Tom Probe", "PER", 0)], [("Max Beispiel", "PER", 0)], [("Erika Muster", "PER", 0)]])
    assert {e["name"]: e["descriptions"] for e in ents} == {
        "Tom Probe": ["Kreisbrandmeister"], "Max Beispiel": ["Vorsitzende des Verkehrsausschusses"],
        "Erika Muster": ["Professorin für Statik an der Hochschule Lindau"]}


def test_a_speaker_with_words_in_front_or_a_first_name_the_entity_lacks_still_links() -> None:
    from lagebild.corpus.resolve import link_speakers

    entities = [_person_entity("e1", "Weber", []), _person_entity("e2", "Anna Berg", [], doc="d2")]
    quotes = [{"doc": "d1", "speaker_text": "Jan Weber"},
              {"doc": "d2", "speaker_text": "Wirtschaftsprüferin Anna Berg"},
              {"doc": "d2", "speaker_text": "Tom Weber"}]
    link_speakers(quotes, entities)
    # the last one: no "Weber" in that document, and a surname alone does not link across documents
    assert [q.get("speaker") for q in quotes] == ["e1", "e2", None]


def test_capitalised_words_that_name_no_one_are_no_speaker() -> None:
    from lagebild.corpus.resolve import link_speakers

    entities = [{"id": "e1", "type": "ORG", "name": "Stadtwerke Lindau", "aliases": [], "descriptions": [],
                 "mentions": [{"doc": "d1", "start": 0, "end": 17, "text": "Stadtwerke Lindau"}]}]
    quotes = [{"doc": "d1", "speaker_text": "Ende April"}, {"doc": "d1", "speaker_text": "Stadtwerke Lindau"},
              {"doc": "d1", "speaker_text": "der Sprecher"}, {"doc": "d1", "speaker_text": "er"}]
    link_speakers(quotes, entities)
    assert [q["speaker_text"] for q in quotes] == [None, "Stadtwerke Lindau", "der Sprecher", "er"]


def test_a_relative_clause_is_no_description_and_a_role_keeps_its_first_letter() -> None:
    texts = ["Tom Probe, der in jungen Jahren Polizist war, kam am Montag.",
             "Das sagte der Lindauer Experte Max Beispiel am Montag."]
    ents = entities_of(texts, [[("Tom Probe", "PER", 0)], [("Max Beispiel", "PER", 0)]])
    assert {e["name"]: e["descriptions"] for e in ents} == {"Tom Probe": [], "Max Beispiel": ["Experte"]}


def test_an_installed_spacy_pipeline_can_replace_the_bundled_model(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": "Anna Velden"},
                                               {"label": "GPE", "pattern": "Nordhafen"}])
    nlp.to_disk(tmp_path / "pipeline")
    (mentions,) = find_mentions(["Anna Velden kam nach Nordhafen."], model=str(tmp_path / "pipeline"))
    assert [(m.text, m.type) for m in mentions] == [("Anna Velden", "PER"), ("Nordhafen", "LOC")]


def test_a_missing_pipeline_is_a_settings_error_that_says_what_to_do() -> None:
    from lagebild.errors import SettingsError

    with pytest.raises(SettingsError, match="ner_model"):
        find_mentions(["Text."], model="/no/such/pipeline")


def test_an_organisation_compound_before_a_name_only_says_what_the_name_is() -> None:
    (mentions,) = find_mentions(["Wie die Nachrichtenagentur Reuters berichtete, tagte der UN-Menschenrechtsrat."])
    found = {(m.text, m.type) for m in mentions}
    assert ("Reuters", "ORG") in found and ("UN-Menschenrechtsrat", "ORG") in found
    assert not any(m.text == "Nachrichtenagentur" for m in mentions)


def test_issue16_a_bare_ministry_is_no_actor_but_one_qualified_by_a_name_is() -> None:
    (mentions,) = find_mentions(["Das Innenministerium tagte. Auch die Nordhafen-Universität und das "
                                 "Verteidigungsministerium äußerten sich."])
    found = {m.text for m in mentions if m.type != "MISC"}
    assert "Nordhafen-Universität" in found
    assert not found & {"Innenministerium", "Verteidigungsministerium"}


def test_an_organisation_speaks_too_but_a_person_of_the_same_name_comes_first() -> None:
    from lagebild.corpus.resolve import link_speakers

    ministry = {**_person_entity("e1", "Verkehrsministerium", []), "type": "ORG"}
    firm = {**_person_entity("e2", "Velden", []), "type": "ORG"}
    entities = [ministry, firm, _person_entity("e3", "Velden", [])]
    quotes = [{"doc": "d1", "speaker_text": "das Verkehrsministerium"}, {"doc": "d1", "speaker_text": "Velden"}]
    link_speakers(quotes, entities)
    assert [q.get("speaker") for q in quotes] == ["e1", "e3"]


def test_descriptions_skip_list_neighbours_adverbs_and_roles_in_front_of_places() -> None:
    text = ("Viele kamen, darunter Finanzministerin Anna Velden, der Vizekanzler Tom Berg, und der "
            "Präsident Nordlands.")
    ents = entities_of([text], [[("Anna Velden", "PER", 0), ("Tom Berg", "PER", 0), ("Nordlands", "LOC", 0)]])
    by_name = {e["name"]: e for e in ents}
    assert by_name["Anna Velden"]["descriptions"] == ["Finanzministerin"]  # not "darunter ...", not Tom Berg
    assert by_name["Nordlands"]["descriptions"] == []  # the president is someone else


def test_a_genitive_does_not_name_the_entity_when_its_base_form_is_as_frequent() -> None:
    text = "Der Reporter Jan Weber schrieb. Später kamen Jan Webers Zweifel. Weber blieb."
    ents = entities_of([text], [[("Jan Weber", "PER", 0), ("Jan Webers", "PER", 0), ("Weber", "PER", 0)]])
    assert [e["name"] for e in ents] == ["Jan Weber"]


def test_a_german_apposition_ends_in_a_noun_and_english_ones_only_describe_in_english_text() -> None:
    texts = ["Wie bei jeder Zeile im Nordboten, die Redaktion daran, den Text zu prüfen.",
             "Bis zum letzten Cent gebe ich das Geld, an die Mitarbeiter im Labor weiter.",
             "Ann Lee, a professor at the university, said it was safe."]
    docs_mentions = [[("Nordboten", "ORG", 0)], [("Cent", "MISC", 0)], [("Ann Lee", "PER", 0)]]
    ents = entities_of(texts, docs_mentions, languages=["de", "de", "en"])
    assert {e["name"]: e["descriptions"] for e in ents} == {
        "Nordboten": [], "Cent": [], "Ann Lee": ["a professor at the university"]}


def test_a_day_is_no_name_however_the_tagger_types_it() -> None:
    from lagebild.extract.entities import _with_rule_mentions

    text = "Sie starb Samstagfrüh in Lindau. Das Freitagsgebet fiel aus."
    tagged = [mention(text, "Samstagfrüh", "LOC"), mention(text, "Lindau", "LOC"),
              mention(text, "Freitagsgebet", "MISC")]
    assert [m.text for m in _with_rule_mentions(text, tagged)] == ["Lindau", "Freitagsgebet"]


def test_a_bare_name_joins_a_later_full_name_of_a_person_only() -> None:
    text = "Nordlicht war ein Komiker. Der Film Nordlicht 100 lief im Ersten."
    ents = entities_of([text], [[("Nordlicht", "PER", 0), ("Nordlicht 100", "MISC", 0)]])
    assert sorted((e["name"], e["type"]) for e in ents) == [("Nordlicht", "PER"), ("Nordlicht 100", "MISC")]


def test_names_inside_addresses_and_abbreviations_of_common_nouns_are_no_mentions() -> None:
    from lagebild.extract.entities import _with_rule_mentions

    text = ("Die künstliche Intelligenz (KI) hilft der Europäischen Union (EU). Mehr zu KI unter "
            "https://nordpost.example/Anna-Velden-Logo-1.png oder per Mail an anna.velden@nordpost.example.")
    tagged = [mention(text, "KI", "ORG"), mention(text, "Europäischen Union", "ORG"), mention(text, "EU", "ORG"),
              mention(text, "KI", "ORG", 1), mention(text, "Anna-Velden-Logo-1", "PER"),
              mention(text, "anna.velden", "PER")]
    assert [m.text for m in _with_rule_mentions(text, tagged)] == ["Europäischen Union", "EU"]


def test_an_apposition_that_starts_with_a_name_is_the_next_item_of_a_list() -> None:
    texts = ["Nordland, die Ostmark, Velden und andere Staaten unterzeichneten.",
             "Velden, die Hauptstadt Nordlands, liegt am Meer."]
    ents = entities_of(texts, [[("Nordland", "LOC", 0), ("Ostmark", "LOC", 0), ("Velden", "LOC", 0)],
                               [("Velden", "LOC", 0), ("Nordlands", "LOC", 0)]])
    assert {e["name"]: e["descriptions"] for e in ents}["Nordland"] == []
    assert {e["name"]: e["descriptions"] for e in ents}["Velden"] == ["die Hauptstadt Nordlands"]


def test_issue16_capitalised_adjectives_mid_sentence_make_one_name() -> None:
    (mentions,) = find_mentions(["Die Schiffe kreuzten im Japanischen Meer, und im Weißen Haus tagte man."])
    found = {m.text for m in mentions}
    assert {"Japanischen Meer", "Weißen Haus"} <= found
    assert not found & {"Meer", "Haus"}


def test_issue16_a_place_compound_and_a_building_noun_belong_to_the_name() -> None:
    (mentions,) = find_mentions(["Die Parade zog über den Anna-Velden-Platz zum Gästehaus Nordhafen."])
    found = {(m.text, m.type) for m in mentions}
    assert ("Anna-Velden-Platz", "LOC") in found


def test_issue16_an_event_is_kept_as_misc_not_as_an_actor() -> None:
    from lagebild.extract.entities import Mention as M
    from lagebild.extract.entities import _event

    assert _event(M(0, 14, "Nordland-Krieg", "LOC")) == M(0, 14, "Nordland-Krieg", "MISC")
    assert _event(M(0, 19, "Einmarsch Nordlands", "LOC")) == M(10, 19, "Nordlands", "LOC")
    assert _event(M(0, 9, "Nordhafen", "LOC")) is None


def test_issue16_a_name_cut_at_an_initial_is_joined_with_the_name_after_it() -> None:
    from lagebild.extract.entities import Mention as M
    from lagebild.extract.name_patterns import joined_at_initials

    text = "Anna K. Velden Center for Studies"
    found = [(M(0, 6, "Anna K", "PER"), "a"), (M(8, 33, "Velden Center for Studies", "ORG"), "b")]
    assert joined_at_initials(text, found) == [(M(0, 33, text, "ORG"), "b")]
    # the tagger's words keep an initial's dot: a person's name right before an organisation's names it
    found = [(M(0, 14, "Anna K. Velden", "PER"), "a"), (M(15, 33, "Center for Studies", "ORG"), "b")]
    assert joined_at_initials(text, found) == [(M(0, 33, text, "ORG"), "b")]
    apart = "Anna K. Velden, Center for Studies"
    found = [(M(0, 14, "Anna K. Velden", "PER"), "a"), (M(16, 34, "Center for Studies", "ORG"), "b")]
    assert joined_at_initials(apart, found) == found


def test_issue16_the_unlabeled_text_tells_common_nouns_from_names() -> None:
    from lagebild.extract.common_nouns import noun_contexts, used_as_common_noun

    nouns = noun_contexts()
    assert used_as_common_noun("Behörde", nouns) and used_as_common_noun("Allianz", nouns)
    assert not used_as_common_noun("Berlin", nouns) and not used_as_common_noun("Russland", nouns)


def test_issue16_a_one_word_name_found_in_two_documents_is_a_name_in_a_third() -> None:
    from lagebild.corpus.resolve import _corpus_names, with_corpus_names
    from lagebild.extract.entities import Mention as M

    docs = ["Er reiste nach Nordhafen.", "In Nordhafen regnet es.", "Nordhafen wiederum schwieg."]
    mentions = [[M(15, 24, "Nordhafen", "LOC")], [M(3, 12, "Nordhafen", "LOC")], []]
    names = _corpus_names(mentions)
    assert names == {"Nordhafen": "LOC"}
    assert with_corpus_names(docs[2], [], names) == [M(0, 9, "Nordhafen", "LOC")]


def test_issue16_the_mention_filter_drops_a_fragment_cut_before_an_initial() -> None:
    from lagebild.extract.mention_filter import FEATURE_NAMES, bundled_filter

    model = bundled_filter()
    assert model is not None
    weights = dict(zip(FEATURE_NAMES, model.weights, strict=True))
    assert weights["initial_cut"] < 0 and weights["tagger_confidence"] > 0


def test_issue16_a_bare_surname_skips_a_relative_met_once_in_passing() -> None:
    text = ("Anna Berg reiste nach Nordhafen. Berg sprach dort. Zuvor war Annas Vater Tom Berg dort gewesen. "
            "Berg lobte die Stadt.")
    ents = entities_of([text], [[("Anna Berg", "PER", 0), ("Berg", "PER", 1), ("Tom Berg", "PER", 0),
                                 ("Berg", "PER", 3)]])
    anna = next(e for e in ents if e["name"] == "Anna Berg")
    assert sum(m["text"] == "Berg" for m in anna["mentions"]) == 2


def test_issue16_an_abbreviation_the_text_defines_is_the_same_organisation() -> None:
    text = "Der Allgemeine Studierendenrat Nordhafen (ASN) tagte. Später lud der ASN erneut ein."
    ents = entities_of([text], [[("Allgemeine Studierendenrat Nordhafen", "ORG", 0)]])
    orgs = [e for e in ents if e["type"] == "ORG"]
    assert len(orgs) == 1 and "ASN" in orgs[0]["aliases"] and len(orgs[0]["mentions"]) == 3


def test_issue16_a_country_official_name_and_its_short_name_are_one_place() -> None:
    texts = ["Die Bundesrepublik Deutschland liefert.", "Deutschland liefert."]
    ents = entities_of(texts, [[("Bundesrepublik Deutschland", "LOC", 0)], [("Deutschland", "LOC", 0)]])
    assert len([e for e in ents if e["type"] == "LOC"]) == 1


def test_issue16_a_country_abbreviation_and_an_inflected_name_are_the_country() -> None:
    """The table's abbreviations are mined from the unlabeled text (training/ner/country_names.py); the
    inflected name ("mit den Vereinigten Staaten") meets the table's nominative."""
    texts = ["Nordhafen verhandelt mit den Vereinigten Staaten.", "Die USA antworten.",
             "Der Handel mit dem Vereinigten Königreich ruht.", "Das Vereinigte Königreich schweigt."]
    ents = entities_of(texts, [[("Vereinigten Staaten", "LOC", 0)], [("USA", "LOC", 0)],
                               [("Vereinigten Königreich", "LOC", 0)], [("Vereinigte Königreich", "LOC", 0)]])
    places = sorted(sorted({m["text"] for m in e["mentions"]}) for e in ents if e["type"] == "LOC")
    assert places == [["USA", "Vereinigten Staaten"], ["Vereinigte Königreich", "Vereinigten Königreich"]]


def test_issue16_a_short_organisation_name_joins_the_one_long_name_it_starts() -> None:
    texts = ["Die Agentur Nordpress Nachrichten meldete es.", "Laut Nordpress ist es so."]
    ents = entities_of(texts, [[("Nordpress Nachrichten", "ORG", 0)], [("Nordpress", "ORG", 0)]])
    assert len(ents) == 1 and ents[0]["name"] == "Nordpress Nachrichten"


def test_issue16_names_in_a_photo_credit_are_no_mentions() -> None:
    (mentions,) = find_mentions(["Anna Velden leitet den Sender seit 2011.\nFoto: Nordbote/Tom Berg"])
    found = {m.text for m in mentions}
    assert "Anna Velden" in found and "Tom Berg" not in found


def test_issue16_a_council_qualified_by_a_name_is_an_organisation() -> None:
    (mentions,) = find_mentions(["Der NBR-Rundfunkrat tagte, der Stadtrat nicht."])
    found = {m.text for m in mentions if m.type == "ORG"}
    assert "NBR-Rundfunkrat" in found and "Stadtrat" not in found


def test_issue16_entity_records_carry_counts_and_whether_they_are_actors() -> None:
    texts = ["Anna Velden sprach in Nordhafen.", "Anna Velden kam wieder."]
    ents = entities_of(texts, [[("Anna Velden", "PER", 0), ("Nordhafen", "LOC", 0)], [("Anna Velden", "PER", 0)]])
    anna = next(e for e in ents if e["name"] == "Anna Velden")
    assert (anna["count"], anna["documents"], anna["actor"]) == (2, 2, True)


def test_issue16_a_shouted_common_word_is_no_name_but_an_acronym_is() -> None:
    from lagebild.extract.entities import _shouted_word

    assert _shouted_word("EXKLUSIV") and _shouted_word("ACHTUNG")
    assert not _shouted_word("NATO") and not _shouted_word("NORDHAFEN") and not _shouted_word("UN")


def test_issue16_an_event_word_needs_its_head_as_a_part() -> None:
    from lagebild.extract.entities import _names_an_event

    assert _names_an_event("Weltkriegs") and _names_an_event("Nordland-Krieg") and _names_an_event("Gipfel")
    assert not _names_an_event("Kaplan") and not _names_an_event("Nordhafen")


def test_issue16_a_noun_of_kind_or_an_article_in_front_is_no_part_of_the_name() -> None:
    from lagebild.extract.entities import without_descriptor

    assert without_descriptor(Mention(0, 18, "Parteiblatt Nordbote", "ORG")).text == "Nordbote"
    assert without_descriptor(Mention(0, 15, "Weltverbands NHV", "ORG")).text == "NHV"
    assert without_descriptor(Mention(0, 13, "des Nordbund", "ORG")).text == "Nordbund"
    assert without_descriptor(Mention(0, 16, "Universität Velden", "ORG")).text == "Universität Velden"


def test_issue16_two_places_joined_by_und_are_two_names() -> None:
    (mentions,) = find_mentions(["Die Spiele finden in Münster und Halle statt."])
    assert {m.text for m in mentions if m.type == "LOC"} == {"Münster", "Halle"}


def test_issue16_a_lower_case_nationality_adjective_belongs_to_an_adjective_name() -> None:
    (mentions,) = find_mentions(["Das meldete die nordländische Zentrale Nachrichtenagentur am Montag."])
    assert ("nordländische Zentrale Nachrichtenagentur", "ORG") in {(m.text, m.type) for m in mentions}


def test_issue16_a_bare_ministry_is_not_merged_across_articles_but_a_qualified_one_is() -> None:
    texts = ["Das Verteidigungsministerium und der UN-Sicherheitsrat tagten.",
             "Das Verteidigungsministerium und der UN-Sicherheitsrat schwiegen."]
    ents = entities_of(texts, [[("Verteidigungsministerium", "ORG", 0), ("UN-Sicherheitsrat", "ORG", 0)]] * 2)
    ministries = [e for e in ents if e["name"] == "Verteidigungsministerium"]
    councils = [e for e in ents if e["name"] == "UN-Sicherheitsrat"]
    assert len(ministries) == 2 and len(councils) == 1


def test_issue16_a_name_met_after_a_building_noun_elsewhere_keeps_its_building_noun() -> None:
    texts = ["Sie flogen zum Kosmodrom Velden.", "Das Gästehaus Velden ist groß.",
             "Sie besuchten das Schloss Velden heute."]
    ents = entities_of(texts, [[("Kosmodrom Velden", "LOC", 0)], [("Gästehaus Velden", "LOC", 0)], []])
    assert any(m["text"] == "Schloss Velden" and m["doc"] == "d3" for e in ents for m in e["mentions"])


def test_in_a_language_the_tagger_does_not_know_sentence_openers_are_no_names() -> None:
    text = ("Selon le conseil municipal de Nordville, le port sera agrandi. Depuis lundi, Anne Velden dirige "
            "le projet. Cela coûtera cher, dit Velden. Pour Nordville, c'est une chance.")
    found = {m.text for m in find_mentions([text], languages=["fr"])[0]}
    assert not found & {"Selon", "Depuis", "Cela", "Pour"}
    assert "Anne Velden" in found


def test_issue16_bylines_and_embedded_post_signatures_name_no_one_in_the_news() -> None:
    text = ("Streit um den Hafen\n\nvon Tom Berg Foto: Nordbote\n\nAnna Velden besuchte Nordhafen am Montag.\n\n"
            "— Jan Korpela (@jkorpela) May 2, 2020\n\nVelden blieb zwei Tage.")
    (mentions,) = find_mentions([text])
    found = {m.text for m in mentions}
    assert "Anna Velden" in found and "Tom Berg" not in found and "Jan Korpela" not in found


def test_issue16_a_month_in_a_date_is_no_name() -> None:
    (mentions,) = find_mentions(["Nordhafen, 20. März 2021\n\nAnna Velden sprach am 3. Mai 2021 in Velden."])
    assert not any(m.text in ("März", "Mai") for m in mentions)


def test_issue16_a_body_of_the_federation_is_an_organisation_by_its_spelling() -> None:
    (mentions,) = find_mentions(["Das teilte das Bundesverkehrsministerium am Montag mit, die Bundesregierung "
                                 "schwieg, das Verkehrsministerium auch."])
    found = {m.text for m in mentions if m.type == "ORG"}
    assert {"Bundesverkehrsministerium", "Bundesregierung"} <= found


def test_issue16_a_noun_after_a_genitive_name_and_a_common_noun_before_a_person_are_cut_off() -> None:
    from lagebild.extract.entities import without_leading_role, without_trailing_noun

    gala = without_trailing_noun(Mention(4, 38, "Anna Veldens Abschiedsgalaxienfest", "PER"), bundled())
    assert gala.text == "Anna Veldens" and (gala.start, gala.end) == (4, 16)
    assert without_trailing_noun(Mention(0, 12, "Marius Berg", "PER"), bundled()).text == "Marius Berg"
    youtuber = without_leading_role(Mention(10, 25, "Youtuber Velden", "PER"))
    assert youtuber.text == "Velden" and youtuber.start == 19
    assert without_leading_role(Mention(0, 9, "Anna Berg", "PER")).text == "Anna Berg"


def test_issue16_a_dropped_candidate_the_text_has_as_a_kept_name_is_that_name() -> None:
    from lagebild.extract.entities import consistent

    kept = [Mention(0, 9, "Anna Berg", "PER"), Mention(20, 28, "Nordland", "LOC"),
            Mention(40, 67, "Nordländisches Hafeninstitut", "ORG")]
    dropped = [Mention(80, 85, "Bergs", "LOC"), Mention(90, 99, "Nordlands", "ORG"),
               Mention(100, 113, "Hafeninstitut", "ORG"), Mention(120, 125, "Kraft", "PER"),
               Mention(130, 139, "Tom Bergs", "PER")]
    revived = {(m.text, m.type) for m in consistent(kept, dropped)}
    assert revived == {("Bergs", "PER"), ("Nordlands", "LOC"), ("Hafeninstitut", "ORG")}


def test_issue16_a_quoted_name_after_a_noun_of_its_kind_is_an_outlet() -> None:
    (mentions,) = find_mentions(["Das berichtete die Zeitung „Der Nordbote“. Auf dem Youtube-Kanal «Geldfluss» "
                                 "erklärt Anna Velden Aktien, die Zeitung „nur ein Wort“ nicht."])
    found = {(m.text, m.type) for m in mentions}
    assert {("Der Nordbote", "ORG"), ("Geldfluss", "ORG")} <= found
    assert not any("Wort" in m.text for m in mentions)


def test_issue16_a_word_in_a_list_with_a_name_is_a_name_of_that_type_but_no_common_noun() -> None:
    from lagebild.extract.common_nouns import noun_contexts
    from lagebild.extract.entities import with_list_neighbours

    text = "Sie verkauft an Airbus und Velcorix, nicht an Airbus und Regierung."
    found = [Mention(16, 22, "Airbus", "ORG"), Mention(46, 52, "Airbus", "ORG")]
    out = with_list_neighbours(text, found, bundled().features.lexicon, noun_contexts())
    assert {(m.text, m.type) for m in out} == {("Airbus", "ORG"), ("Velcorix", "ORG")}
    assert next(m for m in out if m.text == "Velcorix").start == text.index("Velcorix")


def test_issue16_a_bare_surname_two_sentences_on_goes_to_the_person_the_article_is_about() -> None:
    text = ("Anna Berg regiert Nordhafen. Berg reiste ab. Berg kam zurück. Ihr Großonkel Jan Berg gründete die Stadt. "
            "Er starb früh. Berg lobte die Stadt. Zuvor sprach Tom Berg, Professor in Velden. Berg fügte etwas hinzu.")
    names = [("Anna Berg", "PER", 0), ("Berg", "PER", 1), ("Berg", "PER", 2), ("Jan Berg", "PER", 0),
             ("Berg", "PER", 4), ("Tom Berg", "PER", 0), ("Berg", "PER", 6)]
    ents = entities_of([text], [names])
    bare = {e["name"]: sum(m["text"] == "Berg" for m in e["mentions"]) for e in ents}
    # the founder, named once, gets no bare surname two sentences on; the professor, named in the sentence
    # before, gets the one right after him
    assert bare == {"Anna Berg": 3, "Jan Berg": 0, "Tom Berg": 1}


def test_issue16_an_organisations_english_abbreviation_joins_it_but_a_party_after_a_person_does_not() -> None:
    text = "Die Nordländische Hafenbehörde (NPA) warnte, sagte Anna Nolte (NDP). Die NPA und die NDP schwiegen."
    ents = entities_of([text], [[("Nordländische Hafenbehörde", "ORG", 0), ("Anna Nolte", "PER", 0),
                                 ("NPA", "ORG", 1), ("NDP", "ORG", 1)]])
    authority = next(e for e in ents if e["name"] == "Nordländische Hafenbehörde")
    assert "NPA" in authority["aliases"]
    assert not any("NDP" in e["aliases"] for e in ents if e["type"] == "PER")


def test_issue16_a_name_after_a_noun_of_a_product_kind_is_no_actor() -> None:
    (mentions,) = find_mentions(["Anleger kauften Kryptowährungen wie Velcoin, und der Impfstoff Nordvax wirkt, "
                                 "sagte Anna Velden."])
    kinds = {m.text: m.type for m in mentions}
    assert kinds.get("Anna Velden") == "PER"
    assert all(kinds.get(w, "MISC") == "MISC" for w in ("Velcoin", "Nordvax"))


def test_issue16_an_uninflected_adjective_before_a_place_is_part_of_its_name() -> None:
    from lagebild.extract.name_patterns import with_descriptors

    text = "Der Markt in Märkisch Velden ist alt."
    (place,) = with_descriptors(text, [Mention(22, 28, "Velden", "LOC")])
    assert place.text == "Märkisch Velden" and place.start == text.index("Märkisch")


def test_issue16_a_word_after_a_noun_of_a_kind_of_company_is_an_organisation() -> None:
    from lagebild.extract.common_nouns import noun_contexts
    from lagebild.extract.entities import with_list_neighbours

    text = "Der Hersteller Velcorix könne liefern, der Hersteller Anfang März nicht."
    out = with_list_neighbours(text, [], bundled().features.lexicon, noun_contexts())
    assert [(m.text, m.type, m.start) for m in out] == [("Velcorix", "ORG", text.index("Velcorix"))]


def test_issue16_a_bare_ministry_qualified_by_a_place_is_that_places_in_every_article() -> None:
    texts = ["Das Verteidigungsministerium in Velden und das Verteidigungsministerium in Nordhafen widersprachen sich.",
             "Das Verteidigungsministerium in Velden schwieg."]
    ents = entities_of(texts, [[("Verteidigungsministerium", "ORG", 0), ("Verteidigungsministerium", "ORG", 1)],
                               [("Verteidigungsministerium", "ORG", 0)]])
    ministries = sorted((len(e["mentions"]), e["documents"]) for e in ents if e["type"] == "ORG")
    assert ministries == [(1, 1), (2, 2)]


def test_a_name_in_quotation_marks_is_no_quotation(tmp_path: Path) -> None:
    from lagebild import analyze

    text = ("Hafen Nordhafen wird ausgebaut\n\nDer Hafen von Nordhafen soll bis 2030 zwei neue Liegeplätze bekommen. "
            "„Wir brauchen die Plätze dringend“, sagte Hafenchefin Anna Velden der Zeitung „Nordbote“. Eine Studie "
            "der Hochschule Velden im Fachblatt „Journal of Harbour Studies“ hatte den Bedarf bestätigt. Die Kosten "
            "von 120 Millionen Euro tragen Stadt und Land je zur Hälfte, teilte die Stadt mit.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    d = analyze([tmp_path / "a.txt"])
    quoted = [q["text"] for q in d.quotes]
    assert any("Plätze dringend" in q for q in quoted)
    assert not any("Nordbote" in q or "Journal of Harbour" in q for q in quoted), quoted


def test_an_auxiliary_verb_before_a_role_is_no_part_of_the_description() -> None:
    from lagebild.corpus.resolve import _description

    text = "Schon vor Wochen hatte Werft-Chefin Anna Velden gesagt, es gebe keinen Plan."
    at = text.index("Anna")
    assert _description(text, Mention(at, at + 11, "Anna Velden", "PER"))[0] == "Werft-Chefin"


def test_a_verb_opening_a_headline_is_no_part_of_the_name_after_it() -> None:
    (mentions,) = find_mentions(["Plant Velcorix eine zweite Werft in Nordhafen?\n\nDie Gerüchte halten sich."],
                                languages=["de"])
    assert not any(m.text.startswith("Plant") for m in mentions)
    (mentions,) = find_mentions(["Deutsche Bahn streicht Züge nach Nordhafen."], languages=["de"])
    assert any(m.text == "Deutsche Bahn" for m in mentions)  # an adjective in front stays


def test_two_organisations_joined_by_und_are_two_but_a_name_with_und_stays_one() -> None:
    tagger = bundled()
    from lagebild.extract.entities import split_coordination

    two = split_coordination(Mention(10, 45, "Nordwerft Holding und Velden Motors", "ORG"), tagger)
    assert [(m.text, m.start, m.end) for m in two] == [("Nordwerft Holding", 10, 27), ("Velden Motors", 32, 45)]
    one = Mention(0, 45, "Institut für Hafenwirtschaft und Gesellschaft", "ORG")
    assert split_coordination(one, tagger) == [one]


def test_issue16_a_body_with_its_complement_is_one_name_but_a_description_is_none() -> None:
    (mentions,) = find_mentions(["Anna Velden, Präsidentin des Nordländischen Vereins für öffentliche und private "
                                 "Fürsorge, lobte das Bundesamt für Fischerei und Häfen. Das Zentralkomitee der "
                                 "nordländischen Fischer und das Landeszentrum für Luft- und Raumfahrt schwiegen. "
                                 "Das Amt des Bürgermeisters ist frei, und ein Verein für Kinder hilft."])
    found = {(m.text, m.type) for m in mentions}
    assert {("Nordländischen Vereins für öffentliche und private Fürsorge", "ORG"),
            ("Bundesamt für Fischerei und Häfen", "ORG"), ("Zentralkomitee der nordländischen Fischer", "ORG"),
            ("Landeszentrum für Luft- und Raumfahrt", "ORG")} <= found
    assert not {text for text, _ in found} & {"Amt des Bürgermeisters", "Verein für Kinder", "Nordländischen Vereins"}


def test_issue16_an_abbreviation_or_a_person_glued_to_an_organisation_is_split_off() -> None:
    from lagebild.extract.entities import split_glued_names

    tagger = bundled()
    glued = Mention(10, 46, "Nordländischen Fischereiverbands NFV", "ORG")
    assert [(m.text, m.start) for m in split_glued_names(glued, tagger)] == [
        ("Nordländischen Fischereiverbands", 10), ("NFV", 43)]
    assert split_glued_names(Mention(0, 20, "Nordbau Holding AG", "ORG"), tagger)[0].text == "Nordbau Holding AG"
    person = Mention(0, 38, "Gründungsintendantin Anna Velden", "ORG")
    assert [(m.text, m.type) for m in split_glued_names(person, tagger)] == [("Anna Velden", "PER")]


def test_issue16_a_name_in_quotation_marks_ends_at_the_closing_mark() -> None:
    from lagebild.extract.name_patterns import to_closing_quote

    text = "Auf Nachfrage der „Nordhafens Times“ sagte ein Sprecher, das stimme nicht."
    start = text.index("Nordhafens")
    assert to_closing_quote(text, Mention(start, start + 10, "Nordhafens", "ORG")).text == "Nordhafens Times"
    assert to_closing_quote(text, Mention(4, 12, "Nachfrage", "ORG")).text == "Nachfrage"


def test_issue16_an_adverb_that_opens_a_headline_is_no_name_but_a_surname_named_in_full_is() -> None:
    (headline,) = find_mentions(["Frei erfunden: Velnix-Bote fliegt nach Nordhafen"], languages=["de"])
    assert "Frei" not in {m.text for m in headline}
    (named,) = find_mentions(["Der Trainer Jan Frei lobte das Team. Frei sagte, es sei gut gewesen."], languages=["de"])
    assert [m.text for m in named] == ["Jan Frei", "Frei"]


def test_issue16_a_unit_named_by_an_acronym_is_an_organisation_with_the_place_after_it() -> None:
    (mentions,) = find_mentions(["Die DGB-Region Mittelhessen und die FDP-Fraktion fordern mehr Geld für Nordhafen."])
    found = {(m.text, m.type) for m in mentions}
    assert {("DGB-Region Mittelhessen", "ORG"), ("FDP-Fraktion", "ORG")} <= found
    assert ("Mittelhessen", "LOC") not in found


def test_issue16_the_label_of_a_contact_line_is_no_place() -> None:
    (mentions,) = find_mentions(["Die Stadt Nordhafen baut.\n\nPressekontakt\n\nJan Weber\n\nTel.: 0211 77900 363\n\n"
                                 "Fax: +49 211 1234"])
    assert [m.text for m in mentions] == ["Nordhafen", "Jan Weber"]


def test_issue16_a_person_glued_to_their_organisation_by_a_compound_is_split() -> None:
    (mentions,) = find_mentions(["In Nordhafen ist die Anna Velden-Firma Velnix in Sorge."])
    assert [(m.text, m.type) for m in mentions] == [("Nordhafen", "LOC"), ("Anna Velden", "PER"), ("Velnix", "ORG")]


def test_issue16_an_object_noun_after_a_surname_a_legal_form_alone_and_nach_hause_are_no_names() -> None:
    (mentions,) = find_mentions(["Er nennt Weber Namen, Fakten, etwas unstrukturiert. Weber folgt ihm. Am Nachmittag "
                                 "kommt Jan Weber zu Anna Velden nach Hause. Die SE meldet Gewinne."])
    assert [m.text for m in mentions] == ["Weber", "Weber", "Jan Weber", "Anna Velden"]


def test_issue16_no_person_opens_with_a_preposition_fused_with_its_article() -> None:
    (mentions,) = find_mentions(["Privatkunden sind nicht gemeint\n\nIm Gegenteil, Velnix verkauft Software in "
                                 "Nordhafen."])
    assert "Im Gegenteil" not in [m.text for m in mentions]


def test_issue16_inflected_adjectives_of_one_name_are_one_entity_named_without_a_genitive() -> None:
    texts = ["Die Freiwillige Feuerwehr Nordhafen ehrte zwölf Mitglieder. Die Freiwilligen Feuerwehren der Region "
             "kamen auch.",
             "Das Lob der Freiwilligen Feuerwehr Nordhafen war groß. Der Vorsitzende des Nordländischen "
             "Anglerbunds sprach, dann der Nordländische Anglerbund selbst."]
    ents = entities_of(texts, [[("Freiwillige Feuerwehr Nordhafen", "ORG", 0), ("Freiwilligen Feuerwehren", "ORG", 0)],
                               [("Freiwilligen Feuerwehr Nordhafen", "ORG", 0),
                                ("Nordländischen Anglerbunds", "ORG", 0), ("Nordländische Anglerbund", "ORG", 0)]])
    names = {e["name"]: e["count"] for e in ents}
    assert names["Freiwillige Feuerwehr Nordhafen"] == 2  # the plain form names it
    assert names["Freiwilligen Feuerwehren"] == 1  # several brigades stay apart
    assert names.get("Nordländische Anglerbund") == 2  # the genitive is not the entity's name


def test_issue16_a_possessive_opens_no_name() -> None:
    text = ("Anna Velden sagte: „Von Ihrer Tätigkeit profitiert die Stadt Nordhafen. Und dass dieses Engagement "
            "ein Teil Ihres Lebens geworden ist, zeichnet sich durch die Jahre aus.“")
    (mentions,) = find_mentions([text])
    assert not [m.text for m in mentions if m.text.startswith("Ihr")]


def test_issue16_a_role_word_opening_an_organisation_stays_unless_a_person_follows() -> None:
    from lagebild.extract.entities import without_leading_role

    # "General" is a role noun, but in an organisation's name it is part of the name
    assert without_leading_role(Mention(0, 17, "General Nordwerke", "ORG")).text == "General Nordwerke"
    # a German role noun in front of what the tagger typed otherwise is still no part of it
    assert without_leading_role(Mention(0, 22, "Bürgermeisterin Velden", "LOC")).text == "Velden"
    # a role before a person the tagger typed as an organisation: the person
    person = without_leading_role(Mention(0, 32, "Bundesverkehrsminister Jan Weber", "ORG"))
    assert (person.text, person.type, person.start) == ("Jan Weber", "PER", 23)


def test_issue16_an_english_job_title_is_no_part_of_the_organisation_after_it() -> None:
    from lagebild.extract.entities import without_job_title

    org = without_job_title(Mention(10, 39, "VP Global Engineering Velnix", "ORG"))
    assert org is not None and (org.text, org.type, org.start) == ("Velnix", "ORG", 33)
    headed = without_job_title(Mention(0, 26, "Head of Global Sales Velnix", "MISC"))
    assert headed is not None and headed.text == "Velnix"
    assert without_job_title(Mention(0, 23, "Chief Technology Officer", "ORG")) is None
    # a title word that can open a name counts only with a second title word after it
    assert without_job_title(Mention(0, 16, "Manager Nordpress", "ORG")).text == "Manager Nordpress"  # type: ignore[union-attr]
    (mentions,) = find_mentions(["„Wir sind zufrieden“, sagte Jan Weber, VP Global Engineering Velnix."])
    assert ("Velnix", "ORG") in {(m.text, m.type) for m in mentions}
    assert not any("Engineering" in m.text for m in mentions)


def test_issue16_a_name_after_a_noun_of_a_kind_of_organisation_is_one_and_so_is_its_list() -> None:
    from lagebild.extract.entities import typed_by_kind

    def named(text: str, *names: tuple[str, str]) -> list[Mention]:
        out, pos = [], 0
        for name, kind in names:
            pos = text.index(name, pos)
            out.append(Mention(pos, pos + len(name), name, kind))
            pos += len(name)
        return out

    text = ("Er kam vom Klub Velnix Nordhafen. Beteiligt sind die Firmen Velnix, Kronmark und Weberhaus, "
            "nicht Jan Weber.")
    found = named(text, ("Velnix Nordhafen", "LOC"), ("Velnix", "PER"), ("Kronmark", "LOC"), ("Weberhaus", "PER"),
                  ("Jan Weber", "PER"))
    assert [m.type for m in typed_by_kind(text, found)] == ["ORG", "ORG", "ORG", "ORG", "PER"]
    # a place in the genitive after the noun is whose the thing is; a list no kind noun opens keeps its types
    text = "das größte Netzwerk Nordlands, Anna Velden und Nordhafen"
    found = named(text, ("Nordlands", "LOC"), ("Anna Velden", "PER"), ("Nordhafen", "LOC"))
    assert [m.type for m in typed_by_kind(text, found)] == ["LOC", "PER", "LOC"]


def test_issue16_soft_hyphens_cut_no_word_into_names() -> None:
    text = ("Der Pfan\xadnen\xadstiel\xadhof von Anna Vel\xadden liegt in Nord\xadha\xadfen. "
            "Leich\xadtig\xadkeit und Fines\xadse.")
    (mentions,) = find_mentions([text])
    assert {(m.text.replace("\xad", ""), m.type) for m in mentions} == {("Anna Velden", "PER"), ("Nordhafen", "LOC")}
    assert all(text[m.start : m.end] == m.text for m in mentions)  # offsets in the text as it is
    from lagebild.corpus.resolve import resolve_entities
    from lagebild.model import Document

    entities = resolve_entities([Document(id="d1", source="a.txt", format="text", raw=text, text=text)], [mentions])
    assert {e["name"] for e in entities} == {"Anna Velden", "Nordhafen"}


def test_issue16_a_name_the_text_abbreviates_is_kept_and_a_city_adjective_joins_a_club() -> None:
    from lagebild.extract.entities import with_place_adjectives

    # the filter alone drops the long name (the tagger is unsure of it): its abbreviation says it is one
    (mentions,) = find_mentions(["Beteiligt sind Hochschulen wie das Veldener Institut für Hafentechnik (VIH)."])
    assert "Veldener Institut für Hafentechnik" in {m.text for m in mentions}
    lexicon = bundled().features.lexicon
    text = "Die Frauen führen gegen den Bremer SC mit 2:1, die Bremer SPD schweigt. Am Anfang: Bremer SV."
    found = [Mention(k, k + len(w), w, "ORG") for w, k in (("SC", text.index("SC")), ("SPD", text.index("SPD")),
                                                          ("SV", text.index("SV")))]
    # a club's acronym takes the city's adjective, a party's does not (a branch of it)
    assert [m.text for m in with_place_adjectives(text, found, lexicon)] == ["Bremer SC", "SPD", "Bremer SV"]


def test_issue16_a_rare_compound_noun_before_a_first_name_and_surname_is_a_description() -> None:
    texts = ["Laut Stadtarchivar Jan Weber ist das Haus alt.", "Das sagte Hobbyfotograf Anna Velden am Montag.",
             "Laut Anna Maria Velden ist das Haus alt."]
    found = [{m.text for m in ms if m.type == "PER"} for ms in find_mentions(texts)]
    assert found == [{"Jan Weber"}, {"Anna Velden"}, {"Anna Maria Velden"}]


def test_issue16_a_noun_of_kind_types_the_name_wherever_the_text_has_it() -> None:
    (mentions,) = find_mentions(["Der Hersteller Velnix streicht 200 Stellen in Nordhafen. Velnix sagte, die Lage "
                                 "sei schwierig. Velnix hatte zuletzt Verluste gemacht."])
    assert {m.type for m in mentions if m.text == "Velnix"} == {"ORG"}
    assert [m.type for m in mentions if m.text == "Nordhafen"] == ["LOC"]


def test_issue16_a_place_compound_before_a_quoted_name_says_its_kind() -> None:
    # "Velnix-Kanal" before a quoted name is a channel, not a canal; without the quotation a canal it is
    found = find_mentions(["Auf dem Velnix-Kanal «Nordhafen heute» erklärt Anna Velden die Lage. "
                           "Am Nordhafen-Kanal regnet es."])[0]
    names = {(m.text, m.type) for m in found}
    assert not any(m.text.endswith("-Kanal") and m.text.startswith("Velnix") for m in found)
    assert ("Nordhafen-Kanal", "LOC") in names and ("Anna Velden", "PER") in names


def test_issue16_a_capitalised_adjective_before_a_mostly_common_noun_names_nothing() -> None:
    # the unlabeled text writes "Netzwerke" and "Assistenten" after an indefinite article or an adjective in most
    # of their uses: capitalised descriptions, not names; "Vereinigte Staaten" and "Weißes Haus" stay names
    for text, junk in (("Anna Velden fordert Regeln für Soziale Netzwerke in Nordhafen.", "Soziale Netzwerke"),
                       ("Es gibt einen von der Konferenz entsandten Geistlichen Assistenten in Nordhafen.",
                        "Geistlichen Assistenten")):
        found = {m.text for m in find_mentions([text])[0]}
        assert junk not in found and "Nordhafen" in found
    found = {m.text for m in find_mentions(["Anna Velden flog in die Vereinigten Staaten und ins Weiße Haus."])[0]}
    assert {"Vereinigten Staaten", "Weiße Haus"} <= found


def test_a_name_that_stands_only_in_front_of_a_hyphen_is_a_mention() -> None:
    # "NPV-Vorsitzende": the party is named (the complete gold counts it) though no word of the text is "NPV"
    # alone; the common noun in front of "-Regeln" is none, and GermEval's 4 types never see the part
    text = ("Der NPV-Vorsitzende Jan Weber kritisierte die Pläne. Auch die KVU-Fraktionschefin Anna Velden sagte, "
            "die Corona-Regeln seien zu streng.")
    (mentions,) = find_mentions([text])
    found = {(m.text, m.type) for m in mentions}
    assert {("NPV", "ORG"), ("KVU", "ORG"), ("Jan Weber", "PER"), ("Anna Velden", "PER")} <= found
    assert not any(m.text.startswith("Corona") for m in mentions)
    (whole,) = find_mentions([text], parts=False)
    assert "NPV" not in {m.text for m in whole}


def test_a_compound_part_the_text_names_alone_is_that_name() -> None:
    (mentions,) = find_mentions(["Nach dem Velnix-Aus sucht die Stadt einen Partner. Die Firma Velnix hatte das Werk "
                                 "2019 übernommen."])
    assert [(m.text, m.type) for m in mentions].count(("Velnix", "ORG")) == 2


def test_an_organisation_named_without_its_sponsor_in_front_is_the_same_one() -> None:
    text = ("Die Velnix Nordhafen Volleys gewannen. Trainerin Anna Velden lobte die Nordhafen Volleys. "
            "Die Freie Universität Velden und die Universität Velden kooperieren.")
    ents = entities_of([text], [[("Velnix Nordhafen Volleys", "ORG", 0), ("Nordhafen Volleys", "ORG", 1),
                                 ("Freie Universität Velden", "ORG", 0), ("Universität Velden", "ORG", 1)]])
    assert holder(ents, "Nordhafen Volleys") == holder(ents, "Velnix Nordhafen Volleys")
    assert holder(ents, "Universität Velden") != holder(ents, "Freie Universität Velden")  # an adjective in front


def test_two_names_joined_by_an_ampersand_are_one_organisation() -> None:
    # the tagger reads surnames on either side as two persons ("Hollweg", "Sander")
    (mentions,) = find_mentions(["Der Roman erscheint im Herbst bei Hollweg & Sander. Die Fragen & Antworten stehen "
                                 "unten. Anna Velden & Jan Weber kamen auch."])
    found = {(m.text, m.type) for m in mentions}
    assert ("Hollweg & Sander", "ORG") in found
    assert not any("Fragen" in m.text for m in mentions)
    (other,) = find_mentions(["Mit der Seriennummer aktivieren Sie Backup & Recovery."])
    assert not other  # no name the tagger sees on either side: a product's words
    assert {("Anna Velden", "PER"), ("Jan Weber", "PER")} <= found


def test_a_quoted_name_after_an_article_in_a_reporting_sentence_is_the_outlet() -> None:
    (mentions,) = find_mentions(['Wie der "Velden Insider" berichtet, soll das Werk schließen. Das sagte Jan Weber '
                                 'dem „Nordboten“. Er bestätigte das "Ende" für das Werk. Der Sender zeigt die '
                                 'Dokumentation "Das Dilemma und seine Folgen". „Alle würden ihm folgen“, sagt Anna '
                                 'Velden über den „Multimediameister“ und über die „Hafenkönigin“.'])
    found = {(m.text, m.type) for m in mentions}
    assert {("Velden Insider", "ORG"), ("Nordboten", "ORG")} <= found
    assert not any(m.text in ("Ende", "Das Dilemma und seine Folgen", "Multimediameister", "Hafenkönigin")
                   for m in mentions)  # the ones spoken about are no source


def test_a_building_or_institution_noun_before_an_unknown_name_is_a_name_with_it() -> None:
    # the tagger does not know "Nordhafen": the noun in front says it names something
    found = [{(m.text, m.type) for m in ms} for ms in find_mentions([
        "Am Flughafen Nordhafen landeten gestern weniger Maschinen.", "Im Klinikum Nordhafen liegen zwölf Patienten.",
        "Im Museum Besucher zu zählen dauert. Im Theater Menschen zu sehen."])]
    assert found[0] == {("Flughafen Nordhafen", "LOC")} and found[1] == {("Klinikum Nordhafen", "LOC")}
    assert not found[2]


def test_a_place_that_names_a_league_is_part_of_the_competition() -> None:
    found = [{(m.text, m.type) for m in ms} for ms in find_mentions([
        "Er könnte schon bald in der Oberliga Hamburg zum Einsatz kommen.",
        "Das Team steigt in die Landesliga Bayern auf."])]
    assert found == [{("Oberliga Hamburg", "MISC")}, {("Landesliga Bayern", "MISC")}]


def test_a_place_keeps_its_type_beside_an_organisation_named_after_it() -> None:
    # "Universität Velden" (ORG, twice) gave its type to the place "Velden" of another article
    ents = entities_of(["Die Universität Velden forscht. Die Universität Velden lehrt.", "Der Zug fährt nach Velden."],
                       [[("Universität Velden", "ORG", 0), ("Universität Velden", "ORG", 1)], [("Velden", "LOC", 0)]])
    assert {e["name"]: e["type"] for e in ents}["Velden"] == "LOC"


def test_a_party_named_by_its_unit_is_a_mention_too() -> None:
    (mentions,) = find_mentions(["Die NPV-Fraktion stimmte dagegen, der UN-Sicherheitsrat tagt."])
    found = {(m.text, m.type) for m in mentions}
    assert {("NPV-Fraktion", "ORG"), ("NPV", "ORG"), ("UN-Sicherheitsrat", "ORG")} <= found
    assert ("UN", "ORG") not in found  # a body of its own, not a unit


def test_a_person_in_front_of_a_hyphen_makes_no_mention() -> None:
    # "Rivers-Vertreterin" names another player: no mention of "Velden" the speaker linking could take
    text = "Anna Velden fehlt. Die Trainerin lobte die Stärken der Velden-Vertreterin Mia Berg."
    (mentions,) = find_mentions([text])
    assert [m.start for m in mentions if m.text == "Velden"] == []


def test_a_party_in_front_of_a_unit_or_office_of_it_is_an_organisation() -> None:
    # the type model reads "Nordland" alone as a place; a place has no parliamentary group
    (mentions,) = find_mentions(["Die Sitzung leitete Nordland-Fraktionschef Jan Weber am Montag."])
    found = {(m.text, m.type) for m in mentions}
    assert {("Nordland", "ORG"), ("Jan Weber", "PER")} <= found


def test_a_venue_or_outlet_named_by_one_word_is_a_name_where_the_text_uses_it_like_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.extract import name_patterns

    uses = {"Veldenoper": (40, 0, 1, 14), "Veldenspiegel": (30, 0, 0, 12), "Kornbühne": (31, 5, 6, 16)}

    class Uses:  # (seen, after an indefinite article, after an adjective, after a definite article)
        def lookup(self, word: str) -> tuple[int, int, int, int] | None:
            return uses.get(word)

    monkeypatch.setattr(name_patterns, "noun_contexts", lambda: Uses())
    (mentions,) = find_mentions(["Nach ihrem Abschied von der Veldenoper sprach Anna Velden mit dem Veldenspiegels "
                                 "Chef. Auf der Kornbühne spielt sie nicht."])
    found = {(m.text, m.type) for m in mentions}
    assert {("Veldenoper", "LOC"), ("Anna Velden", "PER")} <= found
    assert not any(m.text.startswith("Kornbühne") for m in mentions)
    (mentions,) = find_mentions(["Das sagte sie dem Veldenspiegel am Montag."])
    assert ("Veldenspiegel", "ORG") in {(m.text, m.type) for m in mentions}


def test_organisations_joined_by_und_split_where_one_side_is_a_known_organisation(monkeypatch) -> None:
    from lagebild.extract import entities
    from lagebild.extract.name_tagger import bundled, word_key

    text = "Nordpress und Radio Velden"
    m = entities.Mention(0, len(text), text, "ORG")
    monkeypatch.setattr(entities, "known_names", lambda: {word_key("Nordpress"): "ORG"})
    assert [(x.text, x.type) for x in entities.split_coordination(m, bundled())] == [
        ("Nordpress", "ORG"), ("Radio Velden", "ORG")]
    monkeypatch.setattr(entities, "known_names", lambda: {word_key("Nordpress"): "PER"})  # "Müller und Söhne"
    assert entities.split_coordination(m, bundled()) == [m]


def test_issue16_the_outlets_name_beside_the_title_in_the_title_line_is_no_mention() -> None:
    from lagebild.extract.entities import Mentions, site_name_span, without_site_name

    text = "Hafen wird ausgebaut - Nordbote Online\n\nDer Nordbote berichtet aus Velden."
    span = site_name_span(text, "Hafen wird ausgebaut")
    assert span is not None and text[span[0] : span[1]].strip(" -") == "Nordbote Online"
    front = "NORDBOTE | Hafen wird ausgebaut\n\nText."
    assert site_name_span(front, "Hafen wird ausgebaut") == (0, front.index("Hafen"))
    assert site_name_span("Hafen wird ausgebaut\n\nText.", "Hafen wird ausgebaut") is None
    body = text.index("Nordbote berichtet")
    mentions = Mentions(text, [Mention(23, 38, "Nordbote Online", "ORG"), Mention(body, body + 8, "Nordbote", "ORG")])
    assert [m.text for m in without_site_name(mentions, text, "Hafen wird ausgebaut")] == ["Nordbote"]


def test_issue16_one_word_between_an_article_and_a_verb_of_reporting_is_the_outlet_cited() -> None:
    from lagebild.extract.name_patterns import reporting_sources

    lexicon = bundled().features.lexicon
    found = {m.text for m in reporting_sources("Das Werk schließt, wie der veldXpress berichtete. In einem Papier, "
                                               "das dem Nordkurier vorliegt, steht es.", lexicon)}
    assert found == {"veldXpress", "Nordkurier"}
    assert reporting_sources("Wie die Polizei berichtete, wie die Zeitung schrieb und wie der Sprecher meldete.",
                             lexicon) == []


def test_issue16_a_dropped_candidate_in_a_list_with_a_kept_name_of_its_type_is_a_name() -> None:
    from lagebild.extract.entities import listed_with

    text = "Klassiker von Nordpress und Radio Velden laufen."
    kept = [Mention(14, 23, "Nordpress", "ORG")]
    dropped = [Mention(28, 40, "Radio Velden", "ORG"), Mention(0, 9, "Klassiker", "ORG")]
    assert listed_with(text, kept, dropped) == [dropped[0]]
    assert listed_with(text, kept, [Mention(28, 40, "Radio Velden", "LOC")]) == []


def test_issue16_a_company_with_its_legal_form_and_the_place_after_it_are_two_names() -> None:
    from lagebild.extract.entities import split_glued_names

    text = "Velnix Flugwerke AG Velden"
    parts = split_glued_names(Mention(0, len(text), text, "ORG"), bundled())
    assert [(m.text, m.type) for m in parts] == [("Velnix Flugwerke AG", "ORG"), ("Velden", "LOC")]
    assert [m.text for m in split_glued_names(Mention(0, 23, "Velnix Flugwerke AG Nord", "ORG"), bundled())] == \
        ["Velnix Flugwerke AG Nord"]


def test_issue16_a_common_noun_read_as_a_surname_that_the_text_also_compounds_is_no_person() -> None:
    from lagebild.extract.entities import _without_common_noun_persons

    text = "Was hilft bei Krebs? Viele Krebspatienten hoffen."
    alone = [Mention(14, 19, "Krebs", "PER")]
    assert _without_common_noun_persons(text, alone) == []
    named = "Anna Krebs sprach. Was hilft bei Krebs? Viele Krebspatienten hoffen."
    found = [Mention(0, 10, "Anna Krebs", "PER"), Mention(33, 38, "Krebs", "PER")]
    assert _without_common_noun_persons(named, found) == found
    assert _without_common_noun_persons("Was hilft Krebs?", [Mention(10, 15, "Krebs", "PER")]) != []


def test_issue16_a_noun_after_a_name_and_a_comma_that_a_genitive_follows_is_an_apposition() -> None:
    from lagebild.extract.common_nouns import noun_contexts
    from lagebild.extract.entities import with_list_neighbours

    lexicon = bundled().features.lexicon
    text = "ausgestellt ist Velden, Hauptsponsor des neuen Denkmals."
    found = [Mention(16, 22, "Velden", "PER")]
    assert with_list_neighbours(text, found, lexicon, noun_contexts()) == found


def test_issue16_a_rule_a_government_made_is_no_actor() -> None:
    (mentions,) = find_mentions(["Die Europäische Waffenrichtlinie sehe vor, dass jeder Kauf gemeldet wird."])
    assert [(m.text, m.type) for m in mentions if "richtlinie" in m.text] == [("Europäische Waffenrichtlinie", "MISC")]


def test_issue16_a_surname_typed_as_a_place_is_the_person_named_in_full_but_the_dateline_is_a_place() -> None:
    text = "Die Zeitung sprach mit Anna Velden. Velden: Das ist schwer. Velden: Wir hoffen."
    ents = entities_of([text], [[("Anna Velden", "PER", 0), ("Velden", "LOC", 1), ("Velden", "LOC", 2)]])
    assert [(e["name"], e["type"], e["count"]) for e in ents if e["type"] != "MISC"] == [("Anna Velden", "PER", 3)]
    text = "Nordhafen (dpa) - Jan Nordhafen kam in Nordhafen an."
    doc = Document(id="d1", source="a.txt", format="text", raw=text, text=text, dateline="Nordhafen")
    ents = resolve_entities([doc], [[mention(text, "Nordhafen", "PER"), mention(text, "Jan Nordhafen", "PER"),
                                     mention(text, "Nordhafen", "LOC", 2)]])
    assert {(e["name"], e["type"]) for e in ents} == {("Jan Nordhafen", "PER"), ("Nordhafen", "LOC")}


def test_issue16_a_first_name_and_a_double_surname_the_text_never_saw_is_a_person() -> None:
    from lagebild.extract.entities import double_surname_mentions

    text = "Nur Daniela Velkovska-Stolz befindet sich bereits in der Bubble. Dort lag ein Rolf Velkovska-Stück."
    assert [m.text for m in double_surname_mentions(text)] == ["Daniela Velkovska-Stolz"]
    (mentions,) = find_mentions([text])
    assert ("Daniela Velkovska-Stolz", "PER") in {(m.text, m.type) for m in mentions}


def test_issue16_a_platform_the_unlabeled_text_names_after_a_noun_of_its_kind_is_an_organisation() -> None:
    # the known-names table (training/ner/known_names.py) holds the names the text writes right after a noun of their
    # kind ("der Kurznachrichtendienst X"), which the tagger itself never tags
    (mentions,) = find_mentions(["Der Minister schrieb auf Twitter, er sei froh. Anna Velden flog mit der Lufthansa."])
    found = {(m.text, m.type) for m in mentions}
    assert ("Twitter", "ORG") in found and ("Lufthansa", "ORG") in found


def test_issue16_a_job_noun_in_front_of_a_full_name_is_no_part_of_it() -> None:
    from lagebild.extract.entities import without_leading_role

    name = "Kabarettist Jonas Velkamp"
    assert without_leading_role(Mention(10, 10 + len(name), name, "PER")).text == "Jonas Velkamp"
    assert without_leading_role(Mention(0, 16, "Jean-Yves Velkamp", "PER")).text == "Jean-Yves Velkamp"


def test_issue16_a_monument_and_a_network_named_by_a_hyphenated_compound_are_names() -> None:
    (mentions,) = find_mentions(["Weber ist Sponsor des neuen Anna-Velden-Denkmals. Die Zeitung gehört zum "
                                 "bundesweiten Velnix-Redaktionsnetzwerk."])
    found = {(m.text, m.type) for m in mentions}
    assert ("Anna-Velden-Denkmals", "LOC") in found and ("Velnix-Redaktionsnetzwerk", "ORG") in found


def test_issue16_a_broadcaster_named_by_its_medium_and_its_place_is_an_organisation() -> None:
    (mentions,) = find_mentions(["Das ist gut. Am Montag hat Radio Nordhafen erklärt, es gehe weiter."])
    assert [(m.text, m.type) for m in mentions] == [("Radio Nordhafen", "ORG")]
    (mentions,) = find_mentions(["Das Radio Zimmer war laut."])
    assert mentions == [] or all(m.text != "Radio Zimmer" for m in mentions)


def test_issue16_a_name_joined_to_a_common_noun_is_about_the_name_but_a_district_or_a_body_is_a_name() -> None:
    from lagebild.extract.entities import _about_a_name

    assert _about_a_name(Mention(0, 16, "Velnix-Mediathek", "LOC"))
    assert _about_a_name(Mention(0, 14, "Velnix-Politik", "ORG"))
    assert not _about_a_name(Mention(0, 11, "Berlin-Mitte", "LOC"))  # a district: the first part is a city
    assert not _about_a_name(Mention(0, 19, "Velnix-Universität", "ORG"))
    assert not _about_a_name(Mention(0, 6, "E-Plus", "ORG"))
    (mentions,) = find_mentions(["Die Doku läuft ab Montag in Velnix-Mediathek."])
    assert not any(m.text == "Velnix-Mediathek" and m.type != "MISC" for m in mentions)


def test_issue16_a_reporting_verb_after_a_prepositional_phrase_names_no_outlet() -> None:
    from lagebild.extract.name_patterns import reporting_sources

    text = "In der Hafenfrage meldete sich auch der Vertreter zu Wort. Über die Velnixer berichtet niemand."
    assert reporting_sources(text, bundled().features.lexicon) == []


def test_issue16_a_place_is_no_surname_of_a_double_name_that_ends_in_it() -> None:
    text = "Eine Studie aus Nordland: Professor Jan Ben-Nordland rechnet nach. Nordland hat viel getestet."
    ents = entities_of([text], [[("Nordland", "LOC", 0), ("Jan Ben-Nordland", "PER", 0), ("Nordland", "LOC", 2)]])
    assert ("Nordland", "LOC") in {(e["name"], e["type"]) for e in ents}


def test_issue16_a_place_after_a_word_taken_for_a_first_name_stays_a_place_and_a_named_dateline_a_person() -> None:
    from lagebild.corpus.resolve import _opens_with_first_name

    assert _opens_with_first_name("Anna Velden") and not _opens_with_first_name("Barcamp Velden")
    text = "Anna Velden: Wir spielen weiter\n\nIm Gespräch mit Anna Velden."
    doc = Document(id="d1", source="a.txt", format="text", raw=text, text=text, dateline="Anna Velden")
    ents = resolve_entities([doc], [[mention(text, "Anna Velden", "PER"), mention(text, "Anna Velden", "PER", 1)]])
    assert [(e["name"], e["type"]) for e in ents] == [("Anna Velden", "PER")]


def test_competitions_in_the_plural_or_by_their_initials_are_events_not_actors() -> None:
    """"die Olympischen Spielen", "die Weltmeisterschaften" and "die WM" name competitions (MISC), not
    organisations; a place beside them stays a place."""
    texts = ["Die Olympischen Spielen in Nordhafen und die Velden Weltmeisterschaften wurden verschoben, teilte der "
             "Verband mit. Bei der WM in Ostmark holte Anna Berg zwei Medaillen."]
    found = {(m.text, m.type) for ms in find_mentions(texts) for m in ms}
    assert {("Olympischen Spielen", "MISC"), ("WM", "MISC"), ("Nordhafen", "LOC"), ("Ostmark", "LOC")} <= found
    assert not any(kind in ("ORG", "PER", "LOC") and "Weltmeisterschaften" in text for text, kind in found)


def test_a_shouted_word_a_headline_glues_to_a_name_is_no_part_of_it() -> None:
    texts = ["VELNIX Weltmeisterschaften VERSCHOBEN\nDie Titelkämpfe in Nordhafen werden verschoben.",
             "EXKLUSIV Anna Berg sagte in Velden, sie komme. Die NATO tagt in Velden."]
    found = [m.text for ms in find_mentions(texts) for m in ms]
    assert not any("VERSCHOBEN" in name or "EXKLUSIV" in name for name in found)
    assert {"Anna Berg", "NATO", "Nordhafen"} <= set(found)


def test_a_name_whose_rest_is_a_lone_hyphen_is_repaired_without_failing():
    from lagebild.corpus.resolve import repair
    from lagebild.extract.entities import Mention
    from lagebild.nlp.names import name_key, token_key

    text = "Gestern sprach Weber - und dann Anna Velden."
    found = repair(text, [Mention(15, 22, "Weber -", "PER")], {name_key("Weber")}, {token_key("Weber")})
    assert [m.text for m in found] == ["Weber -"]
