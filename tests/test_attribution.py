"""Who said what with the learned models (extract/quote_tagger.py) and the rules together
(extract/attribution.py), and speakers linked to entities (corpus/resolve.py), on invented texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild import analyze
from lagebild.extract.attribution import quotations
from lagebild.extract.quote_tagger import Tagged, nested_direct, runs, tag_quotations
from tests.conftest import write

REPORT = (
    "Nordhafen will den Hafen bis 2030 erweitern. Nach Angaben der Stadtverwaltung sollen dafür rund "
    "40 Millionen Euro ausgegeben werden. Bürgermeisterin Anna Velden sagte am Montag, die Pläne seien "
    "mit den Anwohnern abgestimmt worden. Sie fügte hinzu, der Bau werde im Frühjahr beginnen. "
    "Der Naturschutzbund kritisierte das Vorhaben. Die Erweiterung gefährde Brutplätze seltener Vögel, "
    "teilte der Verband mit."
)


def test_models_find_reported_statements_with_their_speaker_mentions() -> None:
    found = tag_quotations(REPORT)
    said = {REPORT[t.start : t.end]: REPORT[t.speaker[0] : t.speaker[1]] if t.speaker else None for t in found}
    statement = next(q for q in said if "mit den Anwohnern abgestimmt" in q)
    assert "Velden" in (said[statement] or "")
    assert not any("Nordhafen will den Hafen" in q for q in said)  # the writer's own sentence


def test_continued_reported_speech_keeps_the_speaker_of_the_statement_before() -> None:
    quotes = quotations(REPORT, "de")
    later = next(q for q in quotes if "im Frühjahr beginnen" in q.text)
    assert later.speaker_text == "Anna Velden"


def test_organisation_speaks_after_the_statement() -> None:
    quotes = quotations(REPORT, "de")
    claim = next(q for q in quotes if "Brutplätze" in q.text)
    assert claim.speaker_text is not None and "Verband" in claim.speaker_text


def test_quoted_words_inside_a_reported_statement_are_a_direct_quotation_of_the_same_speaker() -> None:
    text = ("Nordhafen streitet über den Hafen. Velden nannte den Plan der Opposition „unausgegoren“ und "
            "forderte Gespräche.")
    outer = Tagged(text.index("den Plan"), text.index(" und forderte"), "I", (0, 9))
    (inner,) = nested_direct(text, [outer])
    assert text[inner.start : inner.end] == "„unausgegoren“" and inner.speaker == (0, 9) and inner.label == "D"


def test_an_interrupting_attribution_is_no_part_of_the_statement() -> None:
    text = "Die Werft werde nach Angaben der Stadt im Sommer schließen."
    gap = (text.index(" nach Angaben"), text.index(" im Sommer"))
    statement = Tagged(0, len(text) - 1, "I", (text.index("der Stadt"), gap[1]), gaps=[gap])
    assert [text[a:b] for a, b in statement.pieces()] == ["Die Werft werde", " im Sommer schließen"]
    assert Tagged(0, 9, "I").pieces() == [(0, 9)]


def test_runs_keep_two_quotations_in_a_row_apart() -> None:
    labels = ["O", "B-I", "I-I", "B-I", "I-I", "O", "B-D"]
    spans = [(k, k + 1) for k in range(len(labels))]
    assert runs(labels, spans) == [(1, 3, "I"), (3, 5, "I"), (6, 7, "D")]


def test_role_speaker_is_never_a_person_of_another_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "a.txt", "Werft in Nordhafen schließt\n\nJan Weber, Sprecher der Nordwerft, sagte am Montag: "
          "„Wir schließen das Werk im Sommer.“ Weber sagte, die Kunden seien informiert.\n")
    write(tmp_path, "b.txt", "Neue Buslinie für Südstadt\n\nDer Verkehrsbetrieb Südstadt eröffnet am Montag eine neue "
          "Linie zwischen dem Bahnhof und dem Klinikum. Die Busse sollen auch am Wochenende fahren, und die "
          "Haltestellen werden mit neuen Anzeigen ausgestattet.\n\n„Die Busse fahren alle zehn Minuten“, sagte "
          "der Sprecher am Dienstag. Die Fahrgäste hätten sich lange eine bessere Verbindung gewünscht.\n")
    dossier = analyze([str(tmp_path)]).to_dict()
    ids = {d["source"].rsplit("/", 1)[-1]: d["id"] for d in dossier["documents"]}
    weber = {e["id"] for e in dossier["entities"] if "Weber" in e["name"]}
    in_b = [q for q in dossier["quotes"] if q["doc"] == ids["b.txt"]]
    assert in_b and all(q["speaker"] not in weber for q in in_b)
    assert all(q["speaker_kind"] in {"person", "organisation", "medium", "group", "unnamed"}
               for q in dossier["quotes"])
    in_a = [q for q in dossier["quotes"] if q["doc"] == ids["a.txt"] and q["speaker"] in weber]
    assert in_a and all(q["speaker_kind"] == "person" for q in in_a)


def test_the_name_opening_a_clause_before_a_colon_speaks_whatever_the_verb() -> None:
    text = ("Nordhafen spielt am Samstag gegen Südstadt. Tom Berg, der in dieser Saison kein Spiel verpasste, "
            "weiß: „Das wird eine schwere Partie für uns.“")
    (quote,) = [q for q in quotations(text, "de") if q.kind == "direct"]
    assert quote.speaker_text == "Tom Berg"


def test_a_role_noun_is_whoever_spoke_last_but_not_someone_with_the_role_in_the_other_gender(tmp_path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "a.txt", "Pflaster in Nordhafen wird geprüft\n\n„Der Gutachter prüft die Steine im Mai“, erklärt "
          "Jan Weber aus der Presseabteilung der Stadt. Die Reparatur sei aufwendig, erklärt der Sprecher. "
          "Die Stadt habe keine Wahl, sagte der Sprecher weiter.\n\nSchon im Vorjahr hatte die Stadt Probleme "
          "eingeräumt. „Wir sind nicht glücklich“, sagte damals Stadtsprecherin Anna Velden. Die Stadt plant "
          "nun eine neue Ausschreibung für das Pflaster der Fußgängerzone.\n")
    dossier = analyze([str(tmp_path)]).to_dict()
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    by_role = [names.get(q["speaker"]) for q in dossier["quotes"] if (q["speaker_text"] or "").endswith("Sprecher")]
    assert by_role and all(name == "Jan Weber" for name in by_role)


def test_a_long_speaker_mention_gives_the_person_named_in_it() -> None:
    from lagebild.extract.attribution import _speaker_name
    from lagebild.extract.speakers import Resolver

    text = ("Das Pflaster in Nordhafen bröckelt. „Der Gutachter kommt im Mai“, erklärt auf Nachfrage Jan Weber aus "
            "der Presseabteilung der Stadt.")
    start = text.index("auf Nachfrage")
    assert _speaker_name(text, (start, len(text) - 1), Resolver(text)) == "Jan Weber"


def test_the_models_speaker_goes_only_to_a_quotation_their_statement_covers() -> None:
    """A statement of the models that lies mostly beside a quotation (lost track of straight marks) lends
    it no speaker; one that covers a good part of it does."""
    from lagebild.extract.attribution import _agrees
    from lagebild.extract.quotes import Quote

    quote = Quote(100, 200, "x" * 100, "direct")
    assert _agrees(Tagged(90, 160, "D", (10, 20)), quote)
    assert not _agrees(Tagged(180, 400, "D", (300, 310)), quote)


def test_a_speaker_described_by_an_apposition_before_the_verb() -> None:
    text = ("Im Trainingszentrum der Nordwerft arbeiten 40 Menschen.\n\nAnna Velden, die Vorsitzende des "
            "Geschäftsbereichs Schiffbau bei der Nordwerft, sagte: „Dieser Vertrag ist ein gutes Beispiel für "
            "unsere Arbeit.“")
    (quote,) = quotations(text, "de")
    assert quote.speaker_text == "Anna Velden"


def test_a_group_of_a_role_in_the_plural_is_the_speaker() -> None:
    from lagebild.extract.quotes import direct_quotations, reported_speech

    text = "Ingenieure sagen, dass viele Brücken in Nordhafen das Ende ihrer Lebensdauer erreichen."
    (quote,) = reported_speech(text, direct_quotations(text), "de")
    assert quote.speaker_text == "Ingenieure" and quote.text.startswith("dass")


def test_sentences_in_konjunktiv_i_continue_the_speech_before_them():
    text = ("„Wir haben viele Aufträge“, sagte Firmenchefin Anna Velden am Dienstag in Nordhafen. "
            "Die Nachfrage der Reedereien sei hoch. Nordhafen liegt am Meer. "
            "Ihre Reise nach Südland ist lange geplant.")
    found = quotations(text, "de")
    continued = [q for q in found if q.text.startswith("Die Nachfrage")]
    assert continued and continued[0].speaker_text and "Velden" in continued[0].speaker_text
    assert not any("Reise" in q.text or "Meer" in q.text for q in found)  # a noun is no Konjunktiv


def test_a_common_noun_does_not_speak_where_a_name_or_role_can():
    from lagebild.extract.quote_tagger import can_speak

    assert can_speak(["Anna", "Velden"]) and can_speak(["der", "Sprecher"]) and can_speak(["das", "Ministerium"])
    assert can_speak(["er"]) and can_speak(["Experten"]) and can_speak(["nach", "Angaben"][1:])
    assert not can_speak(["die", "Dynamik"]) and not can_speak(["ein", "Triebwerk"])


def test_quoted_words_inside_a_reported_statement_are_its_speakers():
    text = ("Anna Velden sagte am Dienstag, der Plan sei „mutig“ und „überfällig“. "
            "Sie habe zudem das Buch „Nordwind“ gelobt.")
    found = quotations(text, "de")
    partial = {q.text: q.speaker_text for q in found if q.kind == "partial"}
    assert partial.get("„mutig“") == "Anna Velden" and partial.get("„überfällig“") == "Anna Velden"
    assert "„Nordwind“" not in partial  # a title, not her words


def test_a_clause_of_a_direct_quotation_is_not_reported_separately():
    text = "„Es kann nicht sein, dass wir durch die Machtkämpfe wichtige Zeit verlieren“, erklärt Anna Velden."
    found = quotations(text, "de")
    assert [q.kind for q in found] == ["direct"] and found[0].speaker_text == "Anna Velden"


def test_own_account_gives_the_statement_to_the_sentence_subject():
    text = "Nordwerk Cells investiert eigenen Angaben zufolge weitere 275 Millionen Dollar in Nordhafen."
    found = [q for q in quotations(text, "de") if q.kind == "indirect"]
    assert found and found[0].speaker_text == "Nordwerk Cells" and found[0].text.startswith("Nordwerk Cells investiert")


def test_own_account_after_the_verb_gives_it_to_the_subject_before_the_phrase():
    from lagebild.extract.attribution import _own_account
    from lagebild.extract.quotes import Quote

    text = ("Kurz nach 23 Uhr hörten Anwohner nach eigenen Angaben einen lauten Knall. "
            "Die Ministerin warnte Nordhafen nach eigenen Worten vor einem Alleingang.")
    found = [Quote(0, 72, text[0:72], "indirect"), Quote(74, len(text) - 1, text[74:-1], "indirect")]
    _own_account(text, found)
    assert [q.speaker_text for q in found] == ["Anwohner", "Die Ministerin"]
    # their mention is the phrase that says whose account it is, as a source frame's is ("nach Angaben der X")
    assert [text[slice(*q.speaker_span)] if q.speaker_span else None for q in found] == \
        ["eigenen Angaben", "eigenen Worten"]


def test_speaker_text_is_tidied():
    from lagebild.extract.attribution import _tidy_speaker

    assert _tidy_speaker("bekannte Wohnungsbaukonzern") == "Wohnungsbaukonzern"
    assert _tidy_speaker("der Architekt in seinem Essay. es") == "der Architekt in seinem Essay"
    assert _tidy_speaker("er") == "er" and _tidy_speaker("Anna Velden") == "Anna Velden"
    assert _tidy_speaker("einer Erklärung des Ministeriums") == "des Ministeriums"


def test_statements_index_finds_what_a_scan_of_all_finds() -> None:
    """The position index that replaced a scan of all statements for each quotation (linear time on a page
    of thousands of quotations) picks the same statement, the first of equal overlaps, and the same overlaps."""
    import random

    from lagebild.extract.attribution import _Statements
    from lagebild.extract.quotes import Quote

    rng = random.Random(20)
    for _ in range(200):
        spans = sorted(((a := rng.randint(0, 300)), a + rng.randint(0, 60)) for _ in range(rng.randint(0, 25)))
        tagged = [Tagged(a, b, "I") for a, b in spans]
        index = _Statements(tagged)
        for _ in range(20):
            q0 = rng.randint(0, 330)
            q = Quote(q0, q0 + rng.randint(1, 80), "", "indirect", None, None)
            best, best_overlap = None, 0
            for t in tagged:
                if min(t.end, q.end) - max(t.start, q.start) > best_overlap:
                    best, best_overlap = t, min(t.end, q.end) - max(t.start, q.start)
            assert index.overlapping(q) is best
            assert index.overlaps(q.start, q.end) == any(t.start < q.end and q.start < t.end for t in tagged)


def test_each_quotation_looks_for_its_speaker_among_the_mentions_of_its_window_only(monkeypatch: pytest.MonkeyPatch
                                                                                   ) -> None:
    """An operation count, not a time: the mentions handed to the linker per quotation stay the same when
    the text grows (a scan of all mentions for each quotation made a page of quotations quadratic)."""
    from lagebild.extract import quote_tagger

    seen: list[int] = []
    real = quote_tagger.candidates_for

    def counting(q: tuple[int, int, str], mentions: list[tuple[int, int]], *args: Any) -> list[tuple[int, int]]:
        seen.append(len(mentions))
        return real(q, mentions, *args)

    monkeypatch.setattr(quote_tagger, "candidates_for", counting)
    for paragraphs in (20, 80):
        seen.clear()
        tag_quotations("\n\n".join([REPORT] * paragraphs))
        assert len(seen) >= paragraphs and max(seen) <= 40  # the mentions of 2 + 1 + 2 sentences


def test_a_statement_only_the_models_find_may_hold_quotations_in_marks():
    from lagebild.extract.attribution import _Marked
    from lagebild.extract.quotes import Quote

    text = 'Nordland lehne „jede weitere Verzögerung“ ab. „Gut“, sagte Velden.'
    a = text.index("„jede")
    inner = Quote(a, text.index("“") + 1, text[a : text.index("“") + 1], "partial")
    b = text.index("„Gut")
    opening = Quote(b, b + 5, text[b : b + 5], "direct")
    marked = _Marked([inner, opening])
    assert not marked.contains(0, text.index(" ab.") + 3)  # the sentence holds the quotation, not inside one
    assert marked.contains(b, b + 1)  # a statement opening with a quotation in marks starts inside it


def test_a_speaker_mention_cut_inside_a_name_after_a_role_apposition():
    from lagebild.extract.attribution import _speaker_name
    from lagebild.extract.speakers import Resolver

    text = ("Generell sei die Lücke kleiner geworden, sagt auch der Sprecher der Nordhafener Schutzvereinigung "
            "für Anleger (NSA), Jan Weber.")
    start = text.index("der Sprecher")
    end = text.index("Jan") + 3  # the role tagger's mention ends after the first name
    assert _speaker_name(text, (start, end), Resolver(text)) == "Jan Weber"


def test_unattributed_speech_goes_on_from_a_continued_quotation():
    from lagebild.corpus.attribution import _continued

    quotes = [{"start": 0, "end": 40, "kind": "direct", "speaker": "e1", "speaker_text": "Anna Velden"},
              {"start": 300, "end": 650, "kind": "direct", "speaker": None, "speaker_text": None},
              {"start": 660, "end": 720, "kind": "indirect", "speaker": None, "speaker_text": None}]
    _continued(quotes, {"e1": "Anna Velden"}, None)
    assert [q["speaker"] for q in quotes] == ["e1", "e1", "e1"]  # the last is 620 characters from the first


def test_a_speaker_who_introduces_the_next_quotation_is_not_the_one_before():
    text = ('Die Opposition hält das für einen Fehler, wie Jan Weber sich ausdrückte. "Wir fordern einen Gipfel." '
            'Fraktionschefin Anna Velden sagte den Zeitungen: "Es braucht mehr Austausch."')
    found = {q.text: q.speaker_text for q in quotations(text, "de")}
    assert found.get('"Wir fordern einen Gipfel."') != "Anna Velden"
    assert found.get('"Es braucht mehr Austausch."') == "Anna Velden"


def test_a_role_in_an_apposition_names_the_person_before_it():
    from lagebild.extract.attribution import _speaker_name
    from lagebild.extract.speakers import Resolver

    text = "1953 hat Anna Velden, Architektin und Autorin, in einer Glosse formuliert: „Planung ist Freiheit“."
    a = text.index("Architektin")
    assert _speaker_name(text, (a, a + len("Architektin")), Resolver(text)) == "Anna Velden"


@pytest.mark.parametrize(("sentence", "statement", "source"), [
    ("Nach Angaben der Hafenbehörde belaufen sich die Schäden auf rund zwei Millionen Euro.",
     "belaufen sich die Schäden auf rund zwei Millionen Euro.", "Hafenbehörde"),
    ("Nach Angaben von Jan Weber, dem Leiter des Hafenamts, sind die Arbeiten am Anleger fast abgeschlossen.",
     "sind die Arbeiten am Anleger fast abgeschlossen.", "Weber"),
    ("Der Hafen bekommt nach Angaben der Stadtverwaltung einen zweiten Anleger für die Fähren.",
     "Der Hafen bekommt nach Angaben der Stadtverwaltung einen zweiten Anleger für die Fähren.", "Stadtverwaltung"),
    ("Wie aus Kreisen der Reederei verlautete, soll die Fähre im Mai wieder nach Nordland fahren.",
     "soll die Fähre im Mai wieder nach Nordland fahren.", "Reederei"),
    ("Die Fähre fährt ab Mai wieder jede Stunde nach Nordland, wie die Reederei am Dienstag mitteilte.",
     "Die Fähre fährt ab Mai wieder jede Stunde nach Nordland", "Reederei"),
])
def test_a_source_frame_makes_an_indicative_sentence_a_report(sentence: str, statement: str, source: str) -> None:
    text = "Die Werft in Nordhafen hat ein schwieriges Jahr hinter sich. " + sentence + " Der Winter war mild."
    found = [q for q in quotations(text, "de") if q.kind == "indirect"]
    assert [q.text.rstrip(".") for q in found] == [statement.rstrip(".")]
    assert source in (found[0].speaker_text or "")


def test_a_frame_inside_a_relative_clause_or_a_plain_report_is_no_statement() -> None:
    text = ("Die Hafenpolizei, die laut Gesetz den Anleger überwacht, hält sich zurück. "
            "Am Kai von Nordhafen sind kaum Beamte zu sehen.")
    assert [q for q in quotations(text, "de") if q.kind == "indirect"] == []


def test_media_that_report_keep_their_statement(tmp_path: Any) -> None:
    """"…, wie nordländische Staatsmedien berichteten": the media speak, not the person quoted before."""
    path = write(tmp_path, "a.txt", "Besuch in Nordhafen\n\n„Das ist ein guter Tag für den Hafen und die Stadt“, "
                 "sagte Jan Weber, Leiter des Hafenamts.\n\nDie Delegation aus Nordland besichtigte am Abend den neuen "
                 "Anleger und die Werft, wie nordländische Staatsmedien berichteten.\n")
    quotes = analyze([str(path)]).to_dict()["quotes"]
    report = next(q for q in quotes if q["text"].startswith("Die Delegation aus Nordland"))
    assert "Staatsmedien" in report["speaker_text"] and report["speaker_kind"] == "medium"


def test_a_sentence_that_says_who_said_the_one_before_makes_that_one_a_statement() -> None:
    text = ("Die Werft in Nordhafen wird im Sommer geschlossen. Das bestätigte ein Sprecher des Konzerns am Montag. "
            "Betroffen sind 300 Beschäftigte.")
    found = quotations(text, "de")
    assert [(q.text, q.speaker_text) for q in found] == [
        ("Die Werft in Nordhafen wird im Sommer geschlossen.", "ein Sprecher")]
    quoted = "„Wir schließen die Werft“, hieß es am Morgen. Das bestätigte Jan Weber am Montag."
    assert [(q.kind, q.speaker_text) for q in quotations(quoted, "de")] == [("direct", "Jan Weber")]


def test_the_subject_after_bezeichnen_describes_and_the_object_is_described() -> None:
    text = ("Im Gespräch mit dem Nordboten bezeichnet Nordwerft den Fahrplan als „unrealistisch“. "
            "Anna Velden bezeichnete Jan Weber als „verlässlichen Partner“. Zudem bezeichnet das Unternehmen die "
            "Preise als „nicht haltbar“.")
    assert [(q.text, q.speaker_text) for q in quotations(text, "de")] == [
        ("„unrealistisch“", "Nordwerft"), ("„verlässlichen Partner“", "Anna Velden"),
        ("„nicht haltbar“", "das Unternehmen")]


def test_wie_x_heisst_names_and_reports_nothing() -> None:
    text = ("„Die Stadt lässt die Fischer mit den Gebühren allein“, kommentiert Velnix die Ordnung für den "
            "Hafen von Nordhafen, wie die Satzung offiziell heißt.")
    assert [(q.kind, q.speaker_text) for q in quotations(text, "de")] == [("direct", "Velnix")]


def test_konjunktiv_i_of_any_verb_and_a_group_after_the_verb() -> None:
    text = ("Die Werft in Nordhafen verdiene inzwischen gut, so Jan Weber. Zuvor mahnten mehrere erfahrene "
            "Hafenärzte, dass die Stadt mehr Personal benötige, um die Kontrollen zu schaffen.")
    found = [(q.text, q.speaker_text) for q in quotations(text, "de")]
    assert found == [
        ("Die Werft in Nordhafen verdiene inzwischen gut", "Jan Weber"),
        # (the second without its full stop, as the news corpus marks a statement that continues a sentence)
        ("dass die Stadt mehr Personal benötige, um die Kontrollen zu schaffen", "Hafenärzte")]


def test_two_statements_stay_two_and_none_is_listed_twice() -> None:
    text = ("Jan Weber, Chef der Nordreederei, sprach in Nordhafen. Der Markt für Fähren sei „größer als vor der "
            "Krise“. Das Aufkommen liege bei 108 Prozent im Vergleich zu 2019. „Die Linien nach Süden hängen noch "
            "hinterher.“ Das gelte als Folge der strengen Regeln im Winter.")
    spans = [(q.start, q.end) for q in quotations(text, "de")]
    assert len(spans) == len(set(spans))


def test_the_attribution_at_the_end_names_the_speaker_not_a_verb_inside_the_statement() -> None:
    text = ("Anna Velden leitet den Hafenrat. Was die Ministerin verkündete und was der Rat danach für den Hafen "
            "festlegte, seien zwei getrennte Fragen, sagte Jan Weber von der Universität.")
    (q,) = quotations(text, "de")
    assert q.text.startswith("Was die Ministerin") and q.speaker_text == "Jan Weber"


def test_two_people_named_together_before_the_verb_both_speak() -> None:
    text = "Die Ministerin traf den Bürgermeister. Anna Velden und Jan Weber sagten, die Zusammenarbeit sei gut."
    assert [q.speaker_text for q in quotations(text, "de")] == ["Anna Velden und Jan Weber"]
    text = "Anna Velden traf Jan Weber. Weber sagte, die Zusammenarbeit sei gut."
    assert [q.speaker_text for q in quotations(text, "de")] == ["Jan Weber"]


def test_a_source_without_an_article_after_laut_speaks() -> None:
    text = "Die beiden Minister werden laut nordländischen Staatsmedien am Mittwoch über den Hafen beraten."
    assert [q.speaker_text for q in quotations(text, "de")] == ["Staatsmedien"]



def test_issue15_a_statement_never_takes_in_its_reporting_clause() -> None:
    text = ("Die Polizei fragte bei der Frau nach. Diese bestätigte, dass gegen den Mann aus Nordhafen ein "
            "Haftbefehl besteht, und gab an, die Polizei zu informieren.")
    assert [q.text[:4] for q in quotations(text, "de")] == ["dass"]


def test_issue15_a_passive_naming_and_the_title_of_a_law_are_no_ones_words() -> None:
    named = "Verträge über die Belieferung der Häfen von Nordhafen werden als „Sonderverträge“ bezeichnet."
    assert quotations(named, "de") == []
    title = "Die Regeln stehen in der „Verordnung über die Versorgung der Häfen mit Wasser“ von 1980."
    assert quotations(title, "de") == []
    said = "Der Plan wurde von Anna Velden als „völlig unausgegoren“ bezeichnet."
    assert [(q.text, q.speaker_text) for q in quotations(said, "de")] == [("„völlig unausgegoren“", "Anna Velden")]


def test_issue15_a_speaker_named_by_a_pronoun_beside_the_verb_is_traced_to_that_pronoun() -> None:
    text = ("Anna Velden leitet die Werft in Nordhafen. „Wir bauen die Werft aus“, sagte sie am Montag. "
            "Sie fügte hinzu: „Das wird teuer.“ Jan Weber sagte, die Stadt habe kein Geld.")
    found = {q.text[:8]: (q.speaker_text, text[slice(*q.speaker_span)] if q.speaker_span else None)
             for q in quotations(text, "de")}
    assert found["„Wir bau"] == ("Anna Velden", "sie")
    assert found["„Das wir"] == ("Anna Velden", "Sie")
    assert found["die Stad"][0] == "Jan Weber" and found["die Stad"][1] != "sie"


def test_issue15_a_pronoun_with_no_person_before_it_stands_for_the_role_of_its_gender() -> None:
    text = ("Die Offensive wurde am Abend von einer Armeesprecherin bestätigt. Sie sagte, das Ziel sei die Küste "
            "von Nordhafen.")
    (found,) = quotations(text, "de")
    assert (found.speaker_text, text[slice(*found.speaker_span)]) == ("einer Armeesprecherin", "Sie")
    text = text.replace("einer Armeesprecherin", "einem Armeesprecher")  # "sie" is no man
    (found,) = quotations(text, "de")
    assert found.speaker_text != "einem Armeesprecher"


def test_issue15_an_object_that_neither_speaks_nor_is_a_source_gives_a_statement_no_speaker() -> None:
    from lagebild.extract.attribution import _object_not_speaker

    assert _object_not_speaker("dem Stand")
    assert not _object_not_speaker("dem Sprecher") and not _object_not_speaker("dem Bericht")
    assert not _object_not_speaker("Anna Velden") and not _object_not_speaker("den Experten")


def test_an_attribution_after_the_last_comma_is_not_part_of_the_statement() -> None:
    text = ("Die Werft in Nordhafen schließt. Die Arbeiten an der Fähre seien beendet und die Mannschaft werde "
            "entlassen, teilte die Velnix-Reederei am Montag mit. Der Hafen sei damit leer, wie Jan Weber betonte.")
    assert [(q.text, q.speaker_text) for q in quotations(text, "de")] == [
        ("Die Arbeiten an der Fähre seien beendet und die Mannschaft werde entlassen", "die Velnix-Reederei"),
        ("Der Hafen sei damit leer", "Jan Weber")]


def test_a_source_frame_that_names_no_one_is_the_source_not_the_last_speaker() -> None:
    """Issue 15: "laut vorläufigem Ergebnis", "nach ersten Angaben": the statement's source is what the
    frame says (as the news quotation corpus marks it), not a person or source of the sentence before."""
    text = ("Die Partei von Ministerpräsident Jan Weber hat nach Angaben der Wahlkommission 328 von 547 Sitzen "
            "gewonnen. Die Oppositionsparteien kommen laut vorläufigem Ergebnis auf 194 Sitze.")
    last = quotations(text, "de")[-1]
    assert last.text.startswith("Die Oppositionsparteien kommen")
    assert last.speaker_span is not None and text[slice(*last.speaker_span)] == "vorläufigem Ergebnis"
    text = "Die Werft von Jan Weber schließt im Sommer. Nach ersten Angaben verlieren dabei 300 Menschen ihre Arbeit."
    (found,) = quotations(text, "de")
    assert found.text == "verlieren dabei 300 Menschen ihre Arbeit"  # the full stop is the sentence's
    assert found.speaker_span is not None and text[slice(*found.speaker_span)] == "ersten Angaben"


def test_so_with_a_role_and_a_name_in_apposition_names_the_speaker_of_a_subjunctive_statement() -> None:
    text = ("Die Werft bleibt geschlossen. Der Streik sei eine Antwort auf die Kürzungen der Velnix-Reederei, "
            "so der Sprecher der Gewerkschaft Nordhafen, Jan Weber.")
    (found,) = quotations(text, "de")
    assert found.text == "Der Streik sei eine Antwort auf die Kürzungen der Velnix-Reederei"
    assert found.speaker_text is not None and "Sprecher" in found.speaker_text


def test_a_sentence_that_opens_with_a_prepositional_phrase_has_its_speaker_after_the_verb() -> None:
    for who in ("Velden", "Anna Velden"):
        text = f"Bei einem Treffen der Außenminister in Nordhafen sagte {who}, die Stadt halte sich an alle Verträge."
        (found,) = quotations(text, "de")
        assert found.speaker_text is not None and found.speaker_text.endswith("Velden"), text


def test_a_speaker_named_with_a_common_noun_in_front_is_the_organisation() -> None:  # issue 15
    from lagebild.corpus.resolve import link_speakers

    entities = [{"id": "e1", "name": "Nordpress", "type": "ORG", "aliases": [], "descriptions": [],
                 "mentions": [{"doc": "d1", "start": 0, "end": 9, "text": "Nordpress"}]}]
    quotes = [{"doc": "d1", "start": 40, "end": 60, "speaker_text": "der US-Nachrichtensender Nordpress"}]
    link_speakers(quotes, entities)
    assert quotes[0]["speaker"] == "e1"


def test_an_initial_inside_a_speakers_name_is_no_sentence_end() -> None:
    text = "Anna B. Velden leitet die Werft in Nordhafen. Die Werft sei verkauft, sagte Velden am Montag."
    assert [(q.text, q.speaker_text) for q in quotations(text, "de")] == [("Die Werft sei verkauft", "Anna B. Velden")]


def test_a_day_after_the_speaker_is_when_not_who() -> None:
    from lagebild.extract.attribution import _tidy_speaker

    assert _tidy_speaker("der Berater der Reederei Velnix am Sonntag") == "der Berater der Reederei Velnix"
    assert _tidy_speaker("Anna B. Velden") == "Anna B. Velden"


def test_he_after_a_named_speaker_who_said_he_is_that_speaker_not_the_most_named_name() -> None:
    """"Jan Weber said he could not say …" records Jan Weber as the last speaker (the pronoun after the verb
    is the clause's subject, not a new speaker), so the next quotation's "he said" is his."""
    from lagebild.extract.attribution import quotations

    text = ("At Nordhafen General, the whiteboards are back. Nordhafen General cancelled 300 operations. "
            "The chief executive, Jan Weber, said he could not say when the systems would be back. "
            "\"We are rebuilding, not switching back on,\" he said.")
    rebuilt = next(q for q in quotations(text, "en") if "rebuilding" in q.text)
    assert rebuilt.speaker_text == "Jan Weber"


@pytest.mark.parametrize(("sentence", "mention", "speaker"), [
    ("Der Hafenchef Jan Weber hatte nach Aussage des Lotsen die Auffassung vertreten, das Becken sei sicher "
     "genug für große Frachter.", "Aussage des Lotsen", "Lotsen"),
    ("Wie Sprecher Jan Weber mitteilte, ist der Ausbau nach Auffassung der Bürgermeisterin auf absehbare Zeit "
     "unverzichtbar.", "Auffassung der Bürgermeisterin", "Bürgermeisterin"),
    ("Der Sturm habe nach ersten Meldungen Schäden an mehreren Lagerhallen im Hafen verursacht.",
     "ersten Meldungen", "Meldungen"),
])
def test_a_source_frame_inside_a_statement_names_its_source(sentence: str, mention: str, speaker: str) -> None:
    text = "Nordhafen baut seinen Hafen aus. " + sentence
    at = text.index(mention)
    statement = next(q for q in quotations(text, "de") if q.kind == "indirect" and q.start <= at < q.end)
    assert statement.speaker_span is not None
    assert mention in text[statement.speaker_span[0] : statement.speaker_span[1]]
    assert speaker in (statement.speaker_text or "")


def test_a_possessive_source_frame_is_the_person_it_stands_for() -> None:
    text = ("Anna Velden leitet das Hafenamt in Nordhafen. Die Bürgermeisterin kündigte einen Plan an, der ihrer "
            "Meinung nach die Staus am Kai beenden werde.")
    statement = next(q for q in quotations(text, "de") if "Staus" in q.text and q.kind == "indirect")
    assert statement.speaker_span is not None
    assert text[statement.speaker_span[0] : statement.speaker_span[1]] == "ihrer Meinung"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Am Hafen von Nordhafen kam es zu einem Unfall. Der Nordbote zitiert einen Augenzeugen mit den Worten: "
     "„Der Kran ist einfach umgekippt, es ging ganz schnell.“", "Augenzeugen"),
    ("Die Agentur Velnix-Press zitiert dazu Jan Weber mit folgenden Worten: „Diese Banken haben ihre Aufgabe "
     "verloren.“", "Jan Weber"),
    ("Anna Velden tritt in Nordhafen nicht mehr an. Sie wird mit den Worten zitiert: „Ich will dem Wechsel nicht "
     "im Wege stehen.“", "Anna Velden"),
])
def test_who_is_cited_speaks_not_who_cites(text: str, speaker: str) -> None:
    quote = next(q for q in quotations(text, "de") if q.kind == "direct")
    assert speaker in (quote.speaker_text or "")


def test_a_pronoun_that_opens_the_sentence_is_the_speaker_mention() -> None:
    text = ("Anna Velden leitet das Hafenamt in Nordhafen. Sie wird mit den Worten zitiert: „Ich will dem Wechsel "
            "nicht im Wege stehen.“")
    quote = next(q for q in quotations(text, "de") if q.kind == "direct")
    assert quote.speaker_text == "Anna Velden"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "Sie"


@pytest.mark.parametrize(("sentence", "mention", "expected"), [
    ("Im Vorfeld war nicht klar, ob das Gericht die Klage annehme.", "Vorfeld", True),
    ("Die Werft wurde unter Führung der Velnix AG gebaut.", "Führung der Velnix AG", True),
    ("1986 war es Nordhafen - heute sei es Velden.", "Nordhafen -", True),
    ("Nach Polizeiangaben wurden drei Männer verletzt.", "Polizeiangaben", False),
    ("In einem Positionspapier des Ministeriums heißt es, die Lage sei ernst.", "Positionspapier des Ministeriums",
     False),
    ("Gleichzeitig werde vom Hafenminister propagiert, weiter in Nordhafen zu kaufen.", "Hafenminister", False),
    ("Im Gespräch sagte er, der Hafen sei sicher.", "er", False),
])
def test_the_object_of_a_preposition_of_place_or_time_is_no_speaker_mention(sentence: str, mention: str,
                                                                            expected: bool) -> None:
    from lagebild.extract.attribution import _not_a_speaker_mention

    at = sentence.index(mention)
    assert _not_a_speaker_mention(sentence, (at, at + len(mention))) is expected


@pytest.mark.parametrize(("text", "needle", "speaker"), [
    ("Konzernchef Anna Velden sagte, dass die Gebühr ein Euro betragen werde. Pressesprecher Jan Weber spielte die "
     "Idee jedoch herunter und ist der Meinung, dass es in naher Zukunft nicht umgesetzt werde.", "naher Zukunft",
     "Jan Weber"),
    ("Jan Weber vertritt wie Anna Velden die Ansicht, dass der Ausbau des Hafens zu mehr Lärm führen wird.",
     "Ausbau des Hafens", "Jan Weber"),
])
def test_who_holds_the_view_speaks(text: str, needle: str, speaker: str) -> None:
    at = text.index(needle)
    statement = next(q for q in quotations(text, "de") if q.start <= at < q.end)
    assert statement.speaker_text == speaker


def test_a_demonstrative_that_opens_the_sentence_is_the_speaker_just_named() -> None:
    text = ("Anna Velden rief beim Gericht in Nordhafen an. Statt der Richterin war jedoch nur eine Büroangestellte "
            "am Telefon. Diese bestätigte, dass gegen den Mann ein Haftbefehl besteht. Laut Justizsprecher Jan Weber "
            "sei das Fax verloren gegangen.")
    statement = next(q for q in quotations(text, "de") if "Haftbefehl" in q.text)
    assert statement.speaker_span is not None
    assert text[statement.speaker_span[0] : statement.speaker_span[1]] == "Diese"
    assert statement.speaker_text == "eine Büroangestellte"


@pytest.mark.parametrize(("text", "needle", "speaker"), [
    ("Der Hafen von Nordhafen wird gebaut. Anna Velden sagte, der Bau beginne bald. Dazu ließ Jan Weber im Sender "
     "Nordfunk verbreiten, die Stadt werde sich von ihrem Weg nicht abbringen lassen.", "abbringen", "Jan Weber"),
    ("Die Wahl in Nordhafen wurde angefochten. Im Vorfeld war nicht klar, ob das Gericht die Klage annehmen würde. "
     "Die zentrale Wahlkommission hatte den Standpunkt vertreten, das Gericht sei dafür nicht zuständig.",
     "nicht zuständig", "Die zentrale Wahlkommission"),
])
def test_the_subject_of_the_introducing_clause_speaks(text: str, needle: str, speaker: str) -> None:
    at = text.index(needle)
    statement = next(q for q in quotations(text, "de") if q.start <= at < q.end)
    assert statement.speaker_text == speaker
    assert statement.speaker_span is not None
    assert text[statement.speaker_span[0] : statement.speaker_span[1]] == speaker


def test_a_clause_in_reported_mood_does_not_introduce_a_statement() -> None:
    from lagebild.extract.attribution import _introduces_speech

    assert _introduces_speech("Die Wahlkommission hatte den Standpunkt vertreten,")
    assert not _introduces_speech("Die Entscheidung des Gerichts sei auf Druck der Regierung verschoben worden,")
    assert not _introduces_speech("Die Maßnahme der Stadt sollte die Lage beruhigen,")
    assert _introduces_speech("Dazu ließ Jan Weber im Sender Nordfunk verbreiten,")


@pytest.mark.parametrize(("text", "speaker"), [
    ("Der Hafen wird verkauft. So warnten Vertreter der Nordhafener Bauverbände vor einem „drohenden Abfluss von "
     "Wissen“ ins Ausland.", "Vertreter der Nordhafener Bauverbände"),
    ("In Nordhafen demonstrierten 5000 Menschen. Die Veranstalter verkündeten die „größte Demo jemals in der "
     "Region“.", "Die Veranstalter"),
])
def test_the_subject_beside_the_reporting_verb_speaks_a_quotation_inside_the_sentence(text: str, speaker: str) -> None:
    quote = next(q for q in quotations(text, "de") if q.kind in ("direct", "partial"))
    assert quote.speaker_text == speaker


def test_a_quotation_in_a_clause_after_the_comma_is_not_given_that_clause_s_subject() -> None:
    text = ("Jan Weber hat Anna Velden in Nordhafen begrüßt und erklärt, die beiden Städte hätten den „Prüfungen der "
            "Geschichte“ standgehalten.")
    quote = next(q for q in quotations(text, "de") if q.kind in ("direct", "partial"))
    assert quote.speaker_text != "die beiden Städte"


@pytest.mark.parametrize(("text", "statement", "document"), [
    ("Die Stadt droht mit Strafen. So heißt es in dem Schreiben wörtlich: „Die Boote werden sichergestellt.“",
     "Die Boote werden sichergestellt.", "dem Schreiben"),
    ("Der Hafen ist umstritten. In einem internen Memorandum vom August wird die Lage durch den Satz "
     "gekennzeichnet, ein Ausbau sei nur mit Hilfe des Bundes möglich.", "ein Ausbau sei", "einem internen Memorandum"),
])
def test_a_document_that_says_it_is_the_source(text: str, statement: str, document: str) -> None:
    from lagebild.extract.attribution import _document_sources
    from lagebild.extract.quotes import Quote

    at = text.index(statement)
    quote = Quote(at, len(text) - 1, text[at:-1], "indirect", "Anna Velden", None, [], None)
    _document_sources(text, [quote])
    assert quote.speaker_text == document
    assert quote.speaker_span is not None and text[quote.speaker_span[0] : quote.speaker_span[1]] == document


def test_a_statement_without_a_speaker_in_a_sentence_a_pronoun_opens_is_that_pronoun_s() -> None:
    from lagebild.extract.attribution import _opening_pronoun
    from lagebild.extract.quotes import Quote
    from lagebild.extract.speakers import Resolver

    text = ("Nach der Auktion in Nordhafen meldete sich Jan Weber bei den Käufern. Er bot eine Reservierung an, da er "
            "angeblich noch einen weiteren Tisch im Festzelt habe.")
    at = text.index("da er")
    statement = Quote(at, len(text) - 1, text[at:-1], "indirect")
    _opening_pronoun(text, statement, Resolver(text))
    assert statement.speaker_span is not None
    assert text[statement.speaker_span[0] : statement.speaker_span[1]] == "Er"
    assert statement.speaker_text == "Jan Weber"


@pytest.mark.parametrize("attribution", ["so charakterisierte ihn die Ministerin", "so lobte ihn die Ministerin"])
def test_so_with_any_verb_and_an_object_pronoun_names_the_speaker_after_them(attribution: str) -> None:
    text = f"Jan Weber leitet die Bahn in Nordhafen. „Er ist hart, aber fair“, {attribution}."
    quote = next(q for q in quotations(text, "de") if q.kind == "direct")
    assert quote.speaker_text == "die Ministerin"


def test_a_noun_before_a_first_name_and_a_surname_is_a_title() -> None:
    from lagebild.extract.speakers import speaker_after_cue

    assert speaker_after_cue("der Gewerkschaftsfunktionär Lars Brenner von der Velnix-Gewerkschaft.", set()) \
        == "Lars Brenner"


def test_a_dass_clause_after_a_verb_of_stance_is_a_statement_of_the_clause_s_subject() -> None:
    text = ("Der Hafen wird gebaut. Experten der Velnix AG schätzen, dass dann mehr Schiffe nach Nordhafen kommen. "
            "Jan Weber geht davon aus, dass der Bau im Mai beginnt. Man geht davon aus, dass der Hafen teurer wird.")
    said = {q.text: q.speaker_text for q in quotations(text, "de") if q.kind == "indirect"}
    assert said.get("dass dann mehr Schiffe nach Nordhafen kommen") == "Experten der Velnix AG"
    assert said.get("dass der Bau im Mai beginnt") == "Jan Weber"
    assert not any("teurer" in statement for statement in said)  # no one holds it


def test_an_infinitive_clause_after_a_speech_act_is_a_statement_of_its_subject() -> None:
    text = ("Der Hafen von Nordhafen ist umstritten. Das Weiße Haus hat die Velnix AG wiederholt beschuldigt, Waffen "
            "nach Nordhafen zu schicken. Die Stadt lehnte den Vorschlag der Reeder ab, die Gebühren zu senken.")
    said = {q.text: q.speaker_text for q in quotations(text, "de") if q.kind == "indirect"}
    assert said.get("Waffen nach Nordhafen zu schicken") == "Das Weiße Haus"
    assert "die Gebühren zu senken" not in said  # the proposal the city rejects is not the city's


@pytest.mark.parametrize(("text", "statement", "speaker"), [
    ("Der Hafen ist umstritten. Ein hoher Beamter, den der Nordbote zitiert, kommentierte, die Erklärungen der "
     "Ministerin sollten dem Rat nur ein Argument liefern.", "die Erklärungen", "Ein hoher Beamter"),
    ("Der Hafen wird gebaut. Der Bürgermeister von Nordhafen Jan Weber geht nach einem Treffen mit dem Hafenchef, "
     "Lars Brenner, davon aus, dass nach dem Bau die Velnix AG und die Stadt den Hafen gemeinsam betreiben.",
     "dass nach dem Bau", "Jan Weber"),
])
def test_a_mention_in_a_relative_clause_or_in_the_statement_itself_does_not_speak(text: str, statement: str,
                                                                                  speaker: str) -> None:
    from lagebild.extract.attribution import _frame_subjects
    from lagebild.extract.quotes import Quote
    from lagebild.extract.speakers import Resolver

    at = text.index(statement)
    wrong = text.index("Nordbote") if "Nordbote" in text else text.index("die Velnix AG")
    quote = Quote(at, len(text) - 1, text[at:-1], "indirect", "someone", None, [], (wrong, wrong + 8))
    _frame_subjects(text, [quote], Resolver(text))
    assert speaker in (quote.speaker_text or "")


def test_a_statement_in_reported_mood_after_a_stance_is_the_stance_taker_s() -> None:
    from lagebild.extract.attribution import _stance_before
    from lagebild.extract.quotes import Quote
    from lagebild.extract.speakers import Resolver

    text = ("Anna Velden kritisierte den Plan scharf, sagte sie. Unterdessen verteidigte der Vorsitzende des "
            "Hafenausschusses, Jan Weber, den Entwurf. Er halte die Verlängerung der Pacht für vertretbar.")
    at = text.index("Er halte")
    quote = Quote(at, len(text) - 1, text[at:-1], "indirect", "Anna Velden", None, [], (0, 11))
    _stance_before(text, [quote], Resolver(text))
    assert quote.speaker_text == "Jan Weber"


def test_a_role_speaker_whose_article_the_tidied_words_lost_is_still_resolved() -> None:
    """"…“, so die Nordhafener Sportdirektorin über …": the speaker's words are "Nordhafener Sportdirektorin",
    the article stands at the start of its span; the text gives that role to Anna Velden."""
    from lagebild.corpus.attribution import resolve_in_documents

    text = ("„Wir sind bereit“, sagt Anna Velden, Sportdirektorin von Nordhafen. Die Mannschaft trainiert. "
            "„Sie ist zu gut für die Bank“, so die Nordhafener Sportdirektorin über die Zuspielerin.")
    start = text.index("„Sie")
    span = text.index("die Nordhafener")
    quote = {"doc": "d1", "start": start, "end": text.index("“, so") + 1, "kind": "direct", "speaker": None,
             "speaker_text": "Nordhafener Sportdirektorin", "speaker_span": [span, span + 31]}
    entities = [{"id": "e1", "name": "Anna Velden", "type": "PER",
                 "mentions": [{"doc": "d1", "start": text.index("Anna"), "end": text.index("Anna") + 11}]}]
    resolve_in_documents([quote], entities, {"d1": text})
    assert quote["speaker"] == "e1"


def test_english_asked_for_something_is_a_request_not_a_report() -> None:
    from lagebild.extract.attribution import quotations

    text = ("The museum remains closed. Nordhafen's museum had asked the city for 300,000 to upgrade its security "
            "two years ago and been refused.")
    assert quotations(text, "en") == []


def test_an_age_noun_that_starts_with_a_digit_speaks_and_stands_for_the_person_named_before(
        tmp_path: Path) -> None:
    """"Die 71-Jährige sagte, …" was "Die": the age noun starts with a digit, not a capital."""
    text = ("Hochwasser in Nordhafen: Keller in der Altstadt überflutet\n\n"
            "Anna Velden hatte gerade Tee gekocht, als das Wasser unter der Haustür hindurch in ihre Wohnung in der "
            "Altstadt von Nordhafen lief. Die 71-Jährige sagte, das Wasser sei innerhalb weniger Minuten gekommen. "
            "Die Feuerwehr pumpte am Montag die Keller in der Altstadt leer.\n")
    path = tmp_path / "flut.txt"
    path.write_text(text, encoding="utf-8")
    dossier = analyze([path])
    names = {e["id"]: e["name"] for e in dossier.entities}
    (said,) = [q for q in dossier.quotes if "Minuten" in q["text"]]
    assert said["speaker_text"] == "Die 71-Jährige" and names.get(said["speaker"]) == "Anna Velden"


def test_a_reported_statement_leaves_out_its_attribution_and_the_full_stop_of_its_sentence() -> None:
    text = ("Die Velnix AG will ihr Werk in Nordhafen schließen. Jan Weber sagte am Dienstag, das Werk sei seit "
            "Jahren nicht mehr wirtschaftlich. Die Belegschaft werde in andere Werke wechseln können, so der "
            "Betriebsratschef. Laut der Nordpress sei eine Entscheidung aber noch nicht gefallen.")
    quotes = {q.text: q for q in quotations(text, "de") if q.kind == "indirect"}
    # a clause after its reporting verb ends before the full stop, as the news corpus marks it
    assert "das Werk sei seit Jahren nicht mehr wirtschaftlich" in quotes
    # "…, so X." at the end is the attribution, not what was said
    assert "Die Belegschaft werde in andere Werke wechseln können" in quotes
    # a source frame that opens the sentence is no part of the statement
    assert not any(q.startswith("Laut") for q in quotes)
    assert any(q.startswith("sei eine Entscheidung aber noch nicht gefallen") for q in quotes)


def test_learned_clause_classifier_finds_an_infinitive_statement_the_rules_miss() -> None:
    text = ("Der Stadtrat von Nordhafen berät am Mittwoch über den neuen Hafen. Die Velnix AG hat entschieden, das "
            "alte Lager in Nordhafen aufzugeben. Der Hafen wurde im Jahr 1890 gebaut, um den Handel mit Holz zu "
            "fördern.")
    quotes = quotations(text, "de")
    decided = [q for q in quotes if q.text.startswith("das alte Lager in Nordhafen aufzugeben")]
    assert decided and decided[0].kind == "indirect" and decided[0].speaker_text == "Die Velnix AG"
    assert not any("Handel mit Holz" in q.text for q in quotes)  # a clause of purpose says nothing


def test_titles_in_marks_are_no_quotations() -> None:
    # the learned classifier of quotations in marks (training/quotes/train_marked.py) tells titles from speech
    for text in ("Am Sonntag eröffnete Anna Velden in Nordhafen die Ausstellung „Velnix - Mit dem Anker zur "
                 "Kultmarke“. Jan Weber sagte, sie sei ein Erfolg.",
                 "Jan Weber, Koordinator des „Planes 2.000 Hafenanschlüsse“, sagte am Montag, die Arbeiten kämen gut "
                 "voran."):
        quotes = quotations(text, "de")
        assert not [q.text for q in quotes if q.kind in ("direct", "partial")]
    said = quotations("Die Ausstellung „Velnix - Mit dem Anker zur Kultmarke“ ist eröffnet. Jan Weber sagte, sie sei "
                      "„ein Erfolg für die ganze Stadt“.", "de")
    assert [q.text for q in said if q.kind in ("direct", "partial")] == ["„ein Erfolg für die ganze Stadt“"]


def test_a_demonym_speaker_stands_for_the_person_the_text_is_about_not_the_one_named_last() -> None:
    """"…“, sagte der Berliner": the person named most often before it (Jan Weber), not his opponent named
    last; "der Fahrer" or "der Sprecher" are no demonyms."""
    from lagebild.corpus.attribution import is_demonym, resolve_in_documents

    text = ("Jan Weber gewinnt in Nordhafen. Der Tennisspieler Jan Weber besiegte den Amerikaner Tom Reed 6:2, 6:3. "
            "„Ich hoffe, dass ich morgen noch besser spiele“, sagte der Berliner.")
    start = text.index("„Ich")
    span = text.index("der Berliner")
    quote = {"doc": "d1", "start": start, "end": text.index("“, sagte") + 1, "kind": "direct", "speaker": None,
             "speaker_text": "der Berliner", "speaker_span": [span, span + 12]}
    mentions = [{"doc": "d1", "start": m, "end": m + 9} for m in (0, text.index("Jan Weber besiegte"))]
    entities = [{"id": "e1", "name": "Jan Weber", "type": "PER", "mentions": mentions},
                {"id": "e2", "name": "Tom Reed", "type": "PER",
                 "mentions": [{"doc": "d1", "start": text.index("Tom"), "end": text.index("Tom") + 8}]}]
    resolve_in_documents([quote], entities, {"d1": text})
    assert quote["speaker"] == "e1"
    assert is_demonym("Berliner") and is_demonym("Hamburgerin")
    assert not any(is_demonym(w) for w in ("Fahrer", "Fischer", "Sprecher", "Spieler", "Kenner"))


def test_the_last_reporting_verb_before_a_colon_and_its_subject_after_it_name_the_speaker() -> None:
    """"Nachdem dieser von Moderatorin Anna Velden gefragt wurde, …, entgegnete Weber empört: „…“": Weber
    answers; "gefragt" earlier in the sentence and the name before it are not who speaks."""
    from lagebild.extract.attribution import quotations

    text = ("Der Parteichef Jan Weber kam zu Wort. Nachdem dieser von Moderatorin Anna Velden gefragt wurde, was "
            "seine Partei unterscheide, entgegnete Weber empört: „Wollen Sie das so stehen lassen?“")
    found = [q for q in quotations(text, "de") if q.kind == "direct"]
    assert [q.speaker_text for q in found] == ["Jan Weber"]


def test_an_office_noun_is_the_compound_named_before_and_a_new_source_opens_the_statements_after_it() -> None:
    """"hieß es in einer Erklärung des Ministeriums" is the "Verkehrsministerium" named before; the statements
    after "Der Nachrichtensender Nordpress wiederum scheint skeptischer zu sein." are Nordpress's, not the
    ministry's carried on."""
    from lagebild.extract.attribution import quotations

    text = ("Das Nordhafener Verkehrsministerium bestätigte den Auftritt des Bürgermeisters. „Grundlose Berichte "
            "über die Stadt haben zuletzt unnötige Verwirrung gestiftet“, hieß es in einer Erklärung des "
            "Ministeriums.\n\nDer Nachrichtensender Nordpress wiederum scheint skeptischer zu sein. Die Echtheit "
            "der Bilder könne noch nicht zweifelsfrei bestätigt werden. Das gelte für den Ort, an dem die Bilder "
            "angeblich gemacht wurden, genauso wie für den Zeitpunkt.")
    speakers = {q.text[:12]: q.speaker_text for q in quotations(text, "de")}
    assert speakers["„Grundlose B"] == "Verkehrsministerium"
    assert speakers["Die Echtheit"] == speakers["Das gelte fü"] == "Der Nachrichtensender Nordpress"


def test_an_office_noun_without_a_compound_before_stays_as_written() -> None:
    from lagebild.extract.speakers import Resolver

    text = "Der Bürgermeister sprach. „Alles gut“, sagte das Ministerium. Das Verkehrsministerium schwieg."
    assert Resolver(text).resolve("das Ministerium", text.index("das Ministerium")) == "das Ministerium"


def test_what_a_thing_is_called_names_no_speaker() -> None:
    """"…, kommentiert Velnix das Gesetz zur …, wie der Entwurf offiziell heißt. „…“": the draft is what the
    law is called, it does not speak the quotation after it."""
    from lagebild.extract.attribution import quotations

    text = ("„Der Rechtsstaat darf die eigenen Versäumnisse nicht auf private Unternehmen abwälzen“, kommentiert "
            "Velnix das Gesetz zur Verbesserung der Rechtsdurchsetzung in sozialen Netzwerken, wie der Entwurf "
            "offiziell heißt. „Die Verhinderung von Hassreden ist eine öffentliche Aufgabe, der sich der Staat "
            "nicht entziehen darf.“ Zudem warnt das Unternehmen vor einem „nationalen Alleingang“.")
    speakers = {q.text[:12]: q.speaker_text for q in quotations(text, "de")}
    assert speakers["„Die Verhind"] != "der Entwurf"


def test_where_a_source_said_it_is_no_part_of_the_speaker() -> None:
    """"…, so der Nordhafener Anglerverband (NAV) in einer Meldung von heute.": the association speaks; "in
    einer Meldung von heute" is where (the speaker's words with it linked to no one)."""
    from lagebild.extract.attribution import quotations

    text = ("Hafenstreit in Nordhafen\n\nMit Entsetzen und Trauer hat das Forum Angelrecht (FAR), die Vertretung "
            "der Angler in Deutschland, auf den gestrigen Unfall in Nordhafen reagiert, so der Nordhafener "
            "Anglerverband (NAV) in einer Meldung von heute.\n\nDas FAR fordert eine schnelle Aufklärung.")
    speakers = {q.text[:12]: q.speaker_text for q in quotations(text, "de")}
    assert speakers["Mit Entsetze"] == "der Nordhafener Anglerverband (NAV)"


def test_issue15_a_speaker_the_sentence_names_outside_the_statement_is_traced_to_that_mention() -> None:
    """A speaker the rules found without a mention is traced to where the sentence names it outside the
    statement (not to the same name inside it: "… von Velnix …, wie Velnix mitteilte"), the longest end
    of the name as written there, with its article."""
    from lagebild.extract.attribution import _pronoun_naming
    from lagebild.extract.quotes import Quote

    text = "Anna Velden bleibt Chefin von Velnix und wird das Amt weiter ausüben, wie Velnix gestern mitteilte."
    end = text.index(", wie")
    span = _pronoun_naming(text, Quote(0, end, text[:end], "indirect", "Velnix"))
    assert span == (text.rindex("Velnix"), text.rindex("Velnix") + len("Velnix"))
    text = "„Wir bauen aus“, sagte der Nordhafener Bürgermeister am Montag."
    span = _pronoun_naming(text, Quote(0, 16, text[:16], "direct", "Nordhafener Bürgermeister"))
    assert span is not None and text[slice(*span)] == "der Nordhafener Bürgermeister"
    # a name the resolver made longer: the part the text writes; the sentence after that attributes the
    # statement ("Dies gab X bekannt"), when the statement's own sentence names it only inside it
    text = "Die neue Velnix Fähre fährt ab Montag nach Nordhafen. Dies gab Velnix in Nordhafen bekannt."
    end = text.index(".")
    said = Quote(0, end, text[:end], "indirect", "Velnix Fähre", frame="Dies gab Velnix in Nordhafen bekannt")
    span = _pronoun_naming(text, said)
    assert span == (text.rindex("Velnix"), text.rindex("Velnix") + len("Velnix"))
    # a mention in the sentences before, where the statement's sentence has neither the name nor a pronoun
    text = "Anna Velden sprach am Montag in Nordhafen. Die Werft werde ausgebaut, hieß es."
    said = Quote(text.index("Die Werft"), text.index(", hieß"), "Die Werft werde ausgebaut", "indirect", "Anna Velden")
    assert _pronoun_naming(text, said) == (0, len("Anna Velden"))


def test_issue15_the_subject_that_opens_a_sentence_may_have_an_apposition_before_its_verb() -> None:
    """"A, Vorsitzende von B und Kandidatin für C, verteidigte …": A is the subject (and speaks in the
    sentences after a stance, _stance_before); B and C, in the apposition, are not."""
    from lagebild.extract.attribution import OPENING_SUBJECT, _in_relative_clause

    text = ("Anna Velden, Vorsitzende des Nordhafener Hafenvereins und Kandidatin für den Stadtrat von Nordhafen, "
            "verteidigte die Pläne.")
    opening = OPENING_SUBJECT.match(text)
    assert opening is not None and (opening.group("who"), opening.group("verb")) == ("Anna Velden", "verteidigte")
    at = text.index("Hafenvereins")
    assert _in_relative_clause(text, 0, len(text), (at, at + len("Hafenvereins")))


def test_issue15_speech_that_goes_on_keeps_the_speaker_the_sentence_passes_settled_on() -> None:
    """Two statements the models linked to the same earlier mention (Jan Weber) where the first one's
    sentence names its speaker (Anna Velden, who took a stance just before): the second goes on with hers,
    and so do the words in marks inside it; a statement the models linked elsewhere keeps its own."""
    from lagebild.extract.attribution import _speech_that_goes_on, _Statements
    from lagebild.extract.quotes import Quote

    text = ("Rückhalt bekam Jan Weber vom Verein. Anna Velden, Vorsitzende des Vereins, verteidigte ihn. "
            "So seien viele Menschen gekommen. Der Verein war dabei. Man sei sich „völlig einig“ gewesen. "
            "Die Stadt prüfe den Plan noch.")
    weber = (text.index("Jan Weber"), text.index("Jan Weber") + 9)
    velden = (text.index("Anna Velden"), text.index("Anna Velden") + 11)
    said = ("So seien viele Menschen gekommen", "Man sei sich „völlig einig“ gewesen", "Die Stadt prüfe den Plan noch")
    spans = [(text.index(s), text.index(s) + len(s)) for s in said]
    first, second, other = (Quote(a, b, text[a:b], "indirect", "Jan Weber", speaker_span=weber) for a, b in spans)
    first.speaker_text, first.speaker_span = "Anna Velden", velden  # as _stance_before settled it
    city = (text.index("Die Stadt"), text.index("Die Stadt") + 9)
    other.speaker_text, other.speaker_span = "Die Stadt", city
    a = text.index("„völlig")
    marked = Quote(a, a + len("„völlig einig“"), "„völlig einig“", "partial", "Jan Weber", speaker_span=weber)
    tagged = [Tagged(first.start, first.end, "F", weber), Tagged(second.start, second.end, "F", weber),
              Tagged(other.start, other.end, "F", city)]
    _speech_that_goes_on([first, second, marked, other], _Statements(tagged))
    assert (second.speaker_text, second.speaker_span) == ("Anna Velden", velden)
    assert (marked.speaker_text, marked.speaker_span) == ("Anna Velden", velden)
    assert (other.speaker_text, other.speaker_span) == ("Die Stadt", city)


def test_issue15_a_mention_by_age_is_a_person_who_can_speak() -> None:
    """"…“, meint die 56-jährige Fachangestellte.": a mention by age is a person, so the linker prefers it to
    a name it scores far lower, as it prefers any mention that can speak to one that cannot."""
    from lagebild.extract.quote_tagger import can_speak

    assert can_speak("die 56-jährige Fachangestellte".split()) and can_speak("ein 30-Jähriger".split())
    assert not can_speak("die Dynamik".split())


def test_issue15_the_owner_of_a_demand_or_proposal_speaks_the_clause_after_it() -> None:
    """"lehnte den Vorschlag des Ministers ab, …", "unterstützt die Forderungen von X, …": the clause is what the
    proposal's or the demand's owner said, not the subject who rejects or supports it; "ein Angebot an Fähren"
    names no owner."""
    rejected = ("Auch lehnte Anna Velden den Vorschlag des Hafenmeisters Jan Weber (Velnix) ab, die Kontrolle der "
                "Häfen einer einheitlichen Aufsicht zu unterstellen.")
    (found,) = quotations(rejected, "de")
    assert found.text.startswith("die Kontrolle der Häfen") and found.speaker_text == "Jan Weber"
    supported = ("Weber unterstützt die Forderungen von Politikern der Nordpartei, die Velnix-Werft zu boykottieren, "
                 "allerdings nicht.")
    assert [(q.text, q.speaker_text) for q in quotations(supported, "de")] == [
        ("die Velnix-Werft zu boykottieren", "Politikern der Nordpartei")]
    plain = "Ein flächendeckendes Angebot an Fähren sei notwendig, damit Pendler umsteigen."
    assert all(q.speaker_text is None for q in quotations(plain, "de"))


def test_a_speaker_named_again_before_the_quotation_is_its_mention() -> None:
    # the statements go on Velden's / Weber's speech; their mention is where the text names the speaker last
    # before them, not the pronoun of the statement before (what the news corpus's gold marks)
    text = ("Die Bürgermeisterin Anna Velden hat am Montag den Hafenplan verteidigt. Er sei ein Gewinn für alle, "
            "sagte sie. Velden war am Wochenende in Nordhafen. Die Kosten seien geringer als erwartet.")
    last = quotations(text, "de")[-1]
    assert last.text.startswith("Die Kosten") and last.speaker_text == "Anna Velden"
    assert last.speaker_span == (text.index("Velden war"), text.index("Velden war") + len("Velden"))
    text = ("Der Physiker Jan Weber berichtet aus Nordhafen. Die Lage sei ernst, sagte er vor Journalisten. Weber war "
            "mehrmals in der Stadt und hat dort gemessen. Einige Vertreter der Behörden würden die Lage verharmlosen.")
    last = quotations(text, "de")[-1]
    assert last.text.startswith("Einige Vertreter") and last.speaker_text == "Physiker Jan Weber"
    assert last.speaker_span is not None and text[slice(*last.speaker_span)] == "Weber"
    assert last.speaker_span[0] == text.index("Weber war")


def test_a_weak_link_in_reported_mood_goes_on_with_the_speaker_before() -> None:
    from lagebild.extract.attribution import _Statements, _weak_links_go_on
    from lagebild.extract.quotes import Quote

    text = ("Die Fischer in Nordhafen betonten, dass die Fänge zurückgegangen seien. "
            "So habe es den Anschein, dass kaum noch Fische in der Bucht lebten.")
    a = text.index("dass die Fänge")
    b = text.index("So habe")
    anschein = (text.index("den Anschein"), text.index("den Anschein") + len("den Anschein"))
    fischer = (0, len("Die Fischer in Nordhafen"))
    first = Quote(a, text.index(". So"), text[a : text.index(". So")], "indirect", "Die Fischer in Nordhafen", None, [],
                  fischer)
    second = Quote(b, len(text) - 1, text[b:-1], "indirect", "den Anschein", None, [], anschein)
    weak = Tagged(b, len(text) - 1, "F", anschein, confidence=0.13)  # the linker was not sure of it
    sure = Tagged(b, len(text) - 1, "F", anschein, confidence=0.8)
    _weak_links_go_on(text, [first, second], _Statements([weak]), set())
    assert (second.speaker_text, second.speaker_span) == ("Die Fischer in Nordhafen", fischer)
    second.speaker_text, second.speaker_span = "den Anschein", anschein
    _weak_links_go_on(text, [first, second], _Statements([sure]), set())  # a sure link stays
    assert second.speaker_span == anschein
    text = text.replace("So habe es den Anschein", "Jan Weber habe den Eindruck")
    named = (b, b + len("Jan Weber"))
    third = Quote(b, len(text) - 1, text[b:-1], "indirect", "Jan Weber", None, [], named)
    _weak_links_go_on(text, [first, third], _Statements([Tagged(b, len(text) - 1, "F", named, confidence=0.13)]),
                      {"Jan Weber"})
    assert third.speaker_text == "Jan Weber"  # a weak link to a person named stays


def test_words_in_marks_inside_a_reported_statement_share_its_speaker():
    from lagebild.extract.attribution import _nested_share_speaker
    from lagebild.extract.quotes import Quote

    text = "Der Verband halte den Plan für einen „teuren Umweg“, sagte Anna Velden."
    inner_start = text.index("„")
    velden = (text.index("Anna"), len(text) - 1)
    inner = Quote(inner_start, text.index("“") + 1, "", "partial", "Anna Velden", speaker_span=velden)
    outer = Quote(0, text.index(","), "", "indirect")
    apart = Quote(0, 10, "", "indirect")  # holds no quotation in marks: left alone
    _nested_share_speaker([inner, outer, apart])
    assert outer.speaker_text == "Anna Velden" and outer.speaker_span == velden and apart.speaker_text is None


def test_a_clause_of_a_direct_quotation_with_the_full_stop_after_it_is_no_statement_of_its_own():
    from lagebild.extract.attribution import _before_stop
    from lagebild.extract.quotes import Quote

    text = "„Es war ein schwerer Tag. Ich werde weiter hart arbeiten“. Danach fuhr Jan Weber nach Hause."
    clause = Quote(text.index("Ich"), text.index("“") + 2, "", "indirect")
    assert text[clause.start : _before_stop(text, clause)] == "Ich werde weiter hart arbeiten“"


def test_a_speaker_is_tidied_of_where_it_spoke_whom_it_cites_and_an_expletive():
    from lagebild.extract.attribution import _tidy_speaker

    assert _tidy_speaker("Weber in einer Pressemitteilung des Verbands") == "Weber"
    assert _tidy_speaker("die Nordpress unter Berufung auf Regierungskreise") == "die Nordpress"
    assert _tidy_speaker("es Velden") == "Velden"
    assert _tidy_speaker("der Sprecher in Nordhafen") == "der Sprecher in Nordhafen"  # a place is no medium
