"""Direct quotes, partial quotes and reported speech with their speakers, on hand-made sentences."""

from __future__ import annotations

from lagebild.extract.quotes import FRAME, direct_quotations, find_quote_spans, reported_speech
from lagebild.extract.speakers import person_name

TEXT = (
    "Die Ministerin Erika Muster hat am Montag die Pläne vorgestellt. "
    "„Wir werden die Schulen bis zum Sommer sanieren“, sagte Muster. „Das ist eine große Aufgabe.“ "
    "Der Bürgermeister Max Beispiel sprach von einem „sehr ehrgeizigen“ Vorhaben. "
    "Beispiel sagte, die Stadt habe bereits Geld zurückgelegt. Die Arbeiten sollen im Juni beginnen. "
    "Die Sprecherin des Lehrerverbands, Anna Probe, äußerte sich kritisch: „Wir haben zu lange gewartet.“"
)


def quotes_by_text() -> dict[str, tuple[str, str | None]]:
    return {q.text: (q.kind, q.speaker_text) for q in direct_quotations(TEXT)}


def test_direct_quote_with_cue_after_the_closing_mark() -> None:
    assert quotes_by_text()["„Wir werden die Schulen bis zum Sommer sanieren“"] == ("direct", "Erika Muster")


def test_interrupted_quote_keeps_its_speaker() -> None:
    assert quotes_by_text()["„Das ist eine große Aufgabe.“"] == ("direct", "Erika Muster")


def test_partial_quote_inside_a_sentence() -> None:
    kind, speaker = quotes_by_text()["„sehr ehrgeizigen“"]
    assert kind == "partial" and speaker == "Max Beispiel"


def test_quote_after_colon_is_attributed_to_the_name_before_it() -> None:
    kind, speaker = quotes_by_text()["„Wir haben zu lange gewartet.“"]
    assert kind == "direct" and speaker == "Anna Probe"


def test_reported_speech_in_konjunktiv_with_speaker() -> None:
    indirect = reported_speech(TEXT, direct_quotations(TEXT))
    assert [(q.text.strip(), q.speaker_text) for q in indirect] == [
        ("die Stadt habe bereits Geld zurückgelegt.", "Max Beispiel")]


def test_a_closing_mark_without_opening_does_not_swallow_the_text() -> None:
    text = "Er sagte nichts.“ Dann ging er. „Gut“, sagte sie später am Abend zu den Reportern."
    assert find_quote_spans(text) == [(text.index("„Gut“"), text.index("„Gut“") + 5)]


def test_a_quotation_may_hold_a_short_one_in_the_same_marks() -> None:
    text = "Die Sprecherin sagte: „Wir lesen den „Nordboten“ jeden Morgen.“ Dann ging sie. „Gut“, rief er."
    assert [text[a:b] for a, b in find_quote_spans(text)] == ["„Wir lesen den „Nordboten“ jeden Morgen.“", "„Gut“"]
    unclosed = "Er las „Der Fall“ und dann „Die Rückkehr, und keiner schloss die Marke. Später kam „Ende“."
    assert [unclosed[a:b] for a, b in find_quote_spans(unclosed)] == ["„Der Fall“", "„Ende“"]


def test_a_quotation_never_closed_after_a_reporting_verb_runs_to_the_end_of_its_sentence() -> None:
    text = ("Das Wochenblatt meldet: „Kaum hat der Rat getagt, so regt sich die Gesellschaft „Nordbund“ und will "
            "ein Denkmal errichten.\nAm Freitag wurde ein Anwalt angegriffen.")
    quotation = text[text.index("„Kaum") : text.index("\n")]
    assert [(q.text, q.cue) for q in direct_quotations(text)] == [(quotation, "meldet")]
    paragraphs = ("„Wir bleiben“, sagte Anna Velden, „und wir bauen die Brücke neu. Das dauert.\n"
                  "„Mehr sagen wir heute nicht.“")
    assert [(q.text, q.speaker_text) for q in direct_quotations(paragraphs)][1:] == [
        ("„und wir bauen die Brücke neu. Das dauert.", "Anna Velden"), ("„Mehr sagen wir heute nicht.“", "Anna Velden")]
    # without anyone said to speak, an unclosed mark is a typo or a title and no quotation
    assert direct_quotations("Die „Zeitung hat heute viel zu berichten über den Rat der Stadt.") == []


def test_all_quotation_mark_styles() -> None:
    for a, b in [("„", "“"), ("»", "«"), ("«", "»"), ("“", "”"), ('"', '"')]:
        text = f"Sie sagte: {a}Das Projekt wird fertig.{b}"
        assert find_quote_spans(text) == [(11, len(text))], (a, b)


def test_scare_quotes_without_speech_are_not_quotes() -> None:
    assert direct_quotations("Die Zeitung „Morgenblatt“ erscheint täglich in der ganzen Region.") == []


def test_titles_websites_and_foreign_names_in_marks_are_not_quotes() -> None:
    for text in ("Er war zu Gast beim „2. Nordhafener Kongress der Velnix Reederei AG“ und sprach über Schiffe.",
                 "Das Werk soll umgebaut werden. Das berichtete die „Nordpress“ in ihrer Ausgabe vom Montag.",
                 "Jan Weber kommentierte die Entscheidung laut „nordpress.de“ mit scharfen Worten.",
                 "Hauptorganisator der Proteste ist die Bewegung „Velden's Alliance for Harbours“ in Nordhafen.",
                 "Die Miete bleibe zu hoch, sagte Jan Weber dem »nb«."):
        assert direct_quotations(text) == [], text


def test_a_sentence_in_konjunktiv_i_is_reported_speech_even_without_a_verb_in_sight() -> None:
    text = ("Die Stadt plant einen neuen Busbahnhof. Der Bau sei bereits genehmigt und werde im Herbst beginnen. "
            "Wenn es regnen sollte, bleibe der Markt geschlossen.")
    found = reported_speech(text, direct_quotations(text))
    assert [q.text for q in found] == ["Der Bau sei bereits genehmigt und werde im Herbst beginnen."]
    assert found[0].kind == "indirect"


def test_a_statement_ending_in_so_and_a_name_is_attributed_to_that_name() -> None:
    text = ("Die Stadt baut einen Bahnhof. Der Umbau sei dringend, damit die Züge pünktlicher fahren, "
            "so Bürgermeisterin Anna Berg.")
    (found,) = reported_speech(text, direct_quotations(text))
    assert found.text == "Der Umbau sei dringend, damit die Züge pünktlicher fahren"
    assert found.speaker_text == "Anna Berg"


def test_an_attribution_phrase_names_the_speaker_of_a_quote():
    text = ("Der Streit um die Brücke geht weiter. Nach Einschätzung von Jan Weber, Verkehrsplaner in Bonn, "
            "spart der neue Entwurf „die Hälfte der Kosten und zwei Jahre Bauzeit“.")
    (q,) = direct_quotations(text)
    assert q.speaker_text == "Jan Weber" and q.cue == "nach einschätzung"


def test_a_short_quote_that_is_a_sentence_of_its_own_is_speech_but_a_title_is_not() -> None:
    text = ("Der Wirt öffnete die Tür. „Wer ist da?“ Niemand antwortete. Über der Tür hing das Schild "
            "„Zum Anker“, daneben ein Zettel mit den Worten: „Bitte klopfen!“")
    quoted = [q.text for q in direct_quotations(text)]
    assert quoted == ["„Wer ist da?“", "„Bitte klopfen!“"]


def test_a_role_noun_in_the_genitive_is_not_part_of_the_speakers_name() -> None:
    text = "Nach Angaben des Sprechers Jan Weber sei die Sitzung vertagt worden."
    (said,) = reported_speech(text, direct_quotations(text))
    assert said.speaker_text == "Jan Weber"


def test_so_with_a_reporting_verb_after_the_quote_names_the_speaker() -> None:
    text = "Anna Berg kam spät. „Wir haben lange gewartet“, so berichtet Anna Berg, „aber es hat sich gelohnt.“"
    quotes = direct_quotations(text)
    assert quotes and quotes[0].speaker_text == "Anna Berg" and quotes[0].cue == "berichtet"


def test_a_lone_surname_right_after_the_reporting_verb_is_the_speaker() -> None:
    (q,) = direct_quotations("„Hier war niemand“, bemerkte Hollander, der die Tür zuerst geöffnet hatte.")
    assert q.speaker_text == "Hollander" and q.cue == "bemerkte"
    (q,) = direct_quotations("„Es war zu spät“, sagte Folgendes: nichts.")  # a clause end is needed, not a colon
    assert q.speaker_text is None


def test_speaker_named_by_a_noun_phrase_after_the_verb() -> None:
    text = "„Das Bier ist alle!“ rief der alte Wirt. „Wir schließen“, sagte ich."
    assert [(q.text, q.speaker_text) for q in direct_quotations(text)] == [
        ("„Das Bier ist alle!“", "der alte Wirt"), ("„Wir schließen“", "ich")]


def test_a_noun_after_the_verb_is_an_object_when_the_subject_came_first() -> None:
    text = "Der Verband lobte das Abkommen als großen Erfolg für alle Beteiligten."
    assert all(q.speaker_text != "das Abkommen" for q in reported_speech(text, direct_quotations(text)))


def test_a_text_that_starts_inside_a_quotation_keeps_it_but_a_stray_closing_mark_is_no_quote() -> None:
    text = "Wir bleiben hier und bauen die Brücke fertig“, sagte Anna Berg am Montag. Dann ging sie."
    assert [(q.text, q.speaker_text) for q in direct_quotations(text)] == [
        ("Wir bleiben hier und bauen die Brücke fertig“", "Anna Berg")]
    assert direct_quotations("Der Titel lautet Krieg“ und mehr. Das Buch ist dick.") == []


def test_a_text_cut_off_inside_a_quotation_keeps_it_when_someone_is_said_to_speak() -> None:
    text = "Die Stadt plant viel. Anna Berg sagte am Montag: „Wir bleiben hier und bauen die Brücke fertig, denn"
    assert [(q.text, q.speaker_text) for q in direct_quotations(text)] == [
        ("„Wir bleiben hier und bauen die Brücke fertig, denn", "Anna Berg")]
    assert direct_quotations("Die Tabelle zeigt die Kurse. „Aktien und Anleihen im Vergleich der Jahre") == []


def test_a_group_or_organisation_before_the_reporting_verb_is_the_speaker() -> None:
    text = "Die Anwohner forderten am Montag, die Brücke müsse bis zum Sommer fertig werden."
    (found,) = reported_speech(text, direct_quotations(text))
    assert (found.speaker_text, found.text) == ("Die Anwohner", "die Brücke müsse bis zum Sommer fertig werden.")


def test_a_single_surname_after_a_role_is_a_name_but_a_genitive_is_not() -> None:
    assert person_name("Abgeordneter Weber", set()) == "Weber"
    assert person_name("Sprecher Bergs", set()) is None


def test_the_name_after_a_role_and_what_it_belongs_to_is_the_speaker() -> None:
    text = "„Es reicht“, sagte der Vorsitzende des Verkehrsausschusses, Max Beispiel."
    assert [q.speaker_text for q in direct_quotations(text)] == ["Max Beispiel"]


def test_a_reporting_verb_inside_another_word_is_no_cue() -> None:
    # "versagte" contains "sagte"; "berief" contains "rief"
    assert direct_quotations("Die Technik versagte: Der Zug blieb mitten auf der Strecke stehen.") == []


ENGLISH = ('The bridge collapsed on Wednesday night. "We were lucky the bus was almost empty," said fire chief Tom '
           'Reed. The mayor said the city would rebuild the bridge within two years. According to the ministry, 1,200 '
           'bridges need repairs. The storm hit the coast on Monday. The repairs will cost more than expected, Anna '
           'Berg told reporters.')


def test_english_quotes_and_reported_speech_with_their_speakers() -> None:
    direct = direct_quotations(ENGLISH)
    assert [(q.text, q.speaker_text) for q in direct] == [('"We were lucky the bus was almost empty,"', "Tom Reed")]
    assert [(q.text, q.speaker_text) for q in reported_speech(ENGLISH, direct)] == [
        ("the city would rebuild the bridge within two years.", "The mayor"),
        ("1,200 bridges need repairs.", "the ministry"),
        ("The repairs will cost more than expected", "Anna Berg")]


def test_a_mediating_source_is_a_capitalised_name_after_a_media_noun() -> None:
    from lagebild.extract.quotes import _via

    assert _via("berichtete die Nachrichtenagentur Nordpress am Montag") == ["Nordpress"]
    assert _via("Das wurde in den Medien plötzlich Thema.") == []


def test_unmarked_speech_after_a_colon_goes_on_while_the_tagger_hears_direct_speech() -> None:
    text = ("Die Ministerin erklärte: Wir werden die Brücke neu bauen. Ich verspreche Ihnen, dass wir keine Zeit "
            "verlieren. Die Arbeiten sollen im Mai beginnen, teilte das Amt mit.")
    (q,) = direct_quotations(text)
    assert q.text == "Wir werden die Brücke neu bauen. Ich verspreche Ihnen, dass wir keine Zeit verlieren."
    assert q.speaker_text == "Die Ministerin"  # the subject before the reporting verb
    cut = text.replace("bauen. Ich", "bauen.\nIch")
    (q,) = direct_quotations(cut)
    assert q.text == "Wir werden die Brücke neu bauen."  # a line break ends it


INTERVIEW = (
    "Die Ingenieurin Anna Velden leitet den Neubau der Brücke in Nordhafen.\n"
    "Frage: Frau Velden, wann ist die Brücke fertig?\n"
    "Velden: Im Sommer, wenn das Wetter hält. Die Stadt sagt, es gebe genug Geld.\n"
    "Frage: Und was kostet das alles?\n"
    "Velden: Das darf ich nicht sagen. Der Rat sprach von einem „fairen Preis“.\n"
)


def test_interview_turns_are_direct_speech_of_their_label() -> None:
    quotes = direct_quotations(INTERVIEW)
    turns = [(q.text, q.speaker_text) for q in quotes if q.cue == "interview"]
    assert turns == [("Frau Velden, wann ist die Brücke fertig?", None),
                     ("Im Sommer, wenn das Wetter hält. Die Stadt sagt, es gebe genug Geld.", "Anna Velden"),
                     ("Und was kostet das alles?", None),
                     ("Das darf ich nicht sagen. Der Rat sprach von einem „fairen Preis“.", "Anna Velden")]
    # the marked quotation inside an answer stays; nothing in an answer is someone else's reported speech
    assert "„fairen Preis“" in [q.text for q in quotes]
    assert reported_speech(INTERVIEW, quotes) == []


def test_credits_lists_and_a_single_label_are_no_interview() -> None:
    credits = "Die Brücke steht.\nFoto: Nordbild Agentur\nDer Bau dauerte lange.\nFoto: Nordbild Agentur\n" \
              "Quelle: Amt für Statistik Nordhafen\nQuelle: Amt für Statistik Nordhafen\n"
    listing = "Ort: Stadthalle Nordhafen am Markt\nZeit: Montag ab acht Uhr abends\n"
    single = "Der Bau ist fertig.\nFazit: Die Brücke hält, was die Stadt versprochen hat.\n"
    for text in (credits, listing, single):
        assert [q for q in direct_quotations(text) if q.cue == "interview"] == [], text


def test_interview_turns_in_a_text_that_lost_its_line_breaks() -> None:
    text = ("NORDBOTE: Wann ist die Brücke fertig? Velden: Im Sommer, wenn das Wetter hält.\n"
            "NORDBOTE: Was kostet sie denn? Velden: Das darf ich noch nicht sagen.\n")
    turns = [(q.text, q.speaker_text) for q in direct_quotations(text) if q.cue == "interview"]
    assert turns == [("Wann ist die Brücke fertig?", "NORDBOTE"), ("Im Sommer, wenn das Wetter hält.", "Velden"),
                     ("Was kostet sie denn?", "NORDBOTE"), ("Das darf ich noch nicht sagen.", "Velden")]


def test_a_name_in_the_previous_sentence_is_not_the_subject_of_a_reporting_verb() -> None:
    text = ("Anna Velden starb im Nordhafener Künstlerheim. Das teilte die Organisation mit. "
            "„Ich war gern hier“, sagte sie einmal.")
    # not "die Organisation": "sie" is the person named last, as no one spoke before
    assert [q.speaker_text for q in direct_quotations(text)] == ["Anna Velden"]


def test_a_possessive_noun_phrase_before_the_verb_is_the_subject_and_the_noun_after_it_an_object() -> None:
    text = "Unser Verband kritisierte die neuen Regeln, sie seien zu streng für kleine Betriebe."
    assert [q.speaker_text for q in reported_speech(text, direct_quotations(text))] == ["Unser Verband"]


def test_questions_and_answers_that_address_no_one_are_an_explainer_not_an_interview() -> None:
    explainer = ("Frage: Was ändert sich für Mieter in Nordhafen?\nAntwort: Die Miete darf nur noch einmal im "
                 "Jahr steigen.\nFrage: Ab wann gilt das neue Gesetz?\nAntwort: Ab dem ersten Januar des Jahres.\n")
    assert [q for q in direct_quotations(explainer) if q.cue == "interview"] == []
    interview = explainer.replace("Was ändert sich", "Frau Velden, was ändert sich")
    assert len([q for q in direct_quotations(interview) if q.cue == "interview"]) == 4


ENGLISH_REPORTS = (
    "The city council of Nordhafen met on Monday to discuss the harbour. "
    "The harbour expansion is a sign of weakness, Jan Weber, a senior scholar at the Nordhafen Institute, said. "
    "The two sides will keep talking about the plan, Anna Berg said at a summit Thursday. "
    "The talks will continue after the summer, she said at a press conference. "
    "The port has added 1,200 jobs since March, according to the labour office. "
    "The mayor has added two new members to the harbour board this year."
)


def _english() -> dict[str, str | None]:
    return {q.text: q.speaker_text for q in reported_speech(ENGLISH_REPORTS, [], "en")}


def test_english_apposition_after_the_name_does_not_take_the_speakers_place() -> None:  # issue 15
    assert _english()["The harbour expansion is a sign of weakness"] == "Jan Weber"


def test_english_trailing_adverbials_after_the_cue_are_no_statement() -> None:  # issue 15
    said = _english()
    assert "The talks will continue after the summer" in said
    assert not any(text.startswith("at a") for text in said)


def test_english_according_to_at_the_end_names_the_source_and_adding_jobs_is_no_speech() -> None:
    said = _english()
    assert said["The port has added 1,200 jobs since March"] == "the labour office"
    assert not any("two new members" in text for text in said)


def test_english_parentheses_adverbials_datelines_and_objects() -> None:  # issue 15
    text = ("NORDHAFEN (NP) - A ferry ran aground outside the harbour of Nordhafen on Monday, the harbour office "
            "said. The worst moment, Weber said, was the first night on the sandbank. Freight volumes rose "
            "31 percent in the third quarter, the port said on Wednesday, beating forecasts. They wrote ALL OK "
            "on a sheet of cardboard. The evening tide is expected to be the highest of the year. Weber told "
            "the story of the longest night of his life.")
    said = {q.text: q.speaker_text for q in reported_speech(text, [], "en")}
    assert said == {
        "A ferry ran aground outside the harbour of Nordhafen on Monday": "the harbour office",
        "The worst moment, Weber said, was the first night on the sandbank.": "Weber",
        "Freight volumes rose 31 percent in the third quarter": "the port"}


def test_an_english_quotation_of_two_sentences_in_straight_marks_is_one() -> None:  # issue 15
    text = 'Jan Weber, 26, was rescued.\n\n"There was a bang, then the dust. You could not see a thing," he said.'
    quote = '"There was a bang, then the dust. You could not see a thing,"'
    assert [q.text for q in direct_quotations(text)] == [quote]


def test_naming_verbs_and_a_role_before_the_name_give_the_name() -> None:  # issue 15
    text = ("Nordhafen erhält einen neuen Hafen. Das Projekt sei ein „Jahrhundertvorhaben“, wie Anna Velden es "
            "nennt. Die Opposition hält das für „Größenwahn“, so der Fraktionschef Jan Weber.")
    said = {q.text: q.speaker_text for q in direct_quotations(text)}
    assert said["„Jahrhundertvorhaben“"] == "Anna Velden"
    assert said["„Größenwahn“"] == "Jan Weber"


def test_a_name_opening_the_reported_clause_is_its_subject_not_its_speaker() -> None:  # issue 15
    text = ("Um Anna Velden gab es Gerüchte. Der Sprecher der Stadtverwaltung hatte am Sonntag gesagt, Velden sei "
            "gesund und arbeite wieder.")
    (q,) = reported_speech(text, direct_quotations(text))
    assert q.speaker_text is None or "Velden" not in q.speaker_text


def test_a_closing_guillemet_does_not_open_a_quotation():
    text = ("Auf dem Kanal «Nordgeld» erklärt Anna Velden alles. «Es war nie so einfach», sagt Velden. "
            'Der Markt heißt Nordland", betonte sie. "Gut", sagte Jan Weber.')
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["«Nordgeld»", "«Es war nie so einfach»", '"Gut"']


def test_names_and_titles_in_quotation_marks_are_not_speech():
    from lagebild.extract.quotes import names_something

    assert names_something("Nordsee Times", "Das sagte er der ")
    assert names_something("Alliance for Northern Democracy", "Hauptorganisator ist die Bewegung ")
    assert names_something("Nordwind", "Sie schrieb das Buch ")
    assert not names_something("Ausrüstung und Munition", "Das Land solle ")  # German nouns, said by someone
    assert not names_something("Wir bauen weiter.", "Sie sagte: ")


def test_english_statement_before_said_name_and_apposition():
    from lagebild.extract.attribution import quotations

    text = ("The port will reopen on Monday, said Anna Velden, a senior scholar at the Northern Institute. "
            "Nordhafen's mayor said the ferry would run again.")
    found = {q.text.rstrip("."): q.speaker_text for q in quotations(text, "en")}
    assert found.get("The port will reopen on Monday") == "Anna Velden"
    assert found.get("the ferry would run again") == "Nordhafen's mayor"


def test_an_institution_after_nach_angaben_is_the_source():
    from lagebild.extract.quotes import ATTRIBUTION, _attributed

    m = ATTRIBUTION.search("Nach Angaben des Verkehrsministeriums in Nordhafen sei die Brücke marode.")
    assert m and _attributed(m, set()) == "des Verkehrsministeriums"


def test_who_describes_someone_in_quotes_speaks_not_whom_they_describe():
    from lagebild.extract.attribution import quotations

    text = "Anna Velden sprach von einem Erfolg. Velden bezeichnete Jan Weber als „verlässlichen Partner der Stadt“."
    found = {q.text: q.speaker_text for q in quotations(text, "de") if q.kind == "partial"}
    assert found.get("„verlässlichen Partner der Stadt“") == "Anna Velden"


def test_a_surname_in_isch_is_a_name_an_adjective_is_not():
    assert person_name("Karl Fröhlich", set()) == "Karl Fröhlich"  # "fröhlich" is also a word
    assert person_name("Südländisch", set()) is None


def test_an_adverb_between_the_reporting_verb_and_its_speaker():
    from lagebild.extract.speakers import speaker_after_cue

    assert speaker_after_cue(" auch Weber und greift die Pläne an.", {"Jan", "Weber"}) == "Weber"
    assert speaker_after_cue(" zudem der Vorsitzende des Ausschusses, Jan Weber.", set()) == "Jan Weber"


def test_any_verb_between_a_quotation_and_a_person_attributes_it() -> None:
    text = ("Die Stadt ist verärgert. „Mit dem Ergebnis können wir gut leben“, führte damals "
            "Stadtsprecherin Marion Berg aus. Über der Tür hing das Schild „Zum Anker“, daneben ein Zettel.")
    found = {q.text: q.speaker_text for q in direct_quotations(text)}
    assert found == {"„Mit dem Ergebnis können wir gut leben“": "Marion Berg"}
    text = ("„Der Plan kommt viel zu spät“, kommentiert Velnix den Fahrplan. „Die Kunden warten seit Jahren.“ "
            "„Wenn die Fähre kommt, feiern wir“, weiß der Präsident des Vereins.")
    assert [q.speaker_text for q in direct_quotations(text)] == ["Velnix", "Velnix", "der Präsident"]


def test_a_first_name_with_the_ending_of_a_noun_is_still_a_name() -> None:
    """"Marion", "Roland": the word lists know them as names for most of their uses; "Regierung" never."""
    assert person_name("Marion Berg", set()) == "Marion Berg"
    assert person_name("Roland Weber", set()) == "Roland Weber"
    assert person_name("Regierung Weber", set()) is None
    assert person_name("Läuft Jan Weber", set()) == "Jan Weber"  # a verb that opens a question


def test_subheadings_with_a_topic_and_a_colon_are_no_interview() -> None:
    from lagebild.extract.interviews import interview_turns

    text = ("Nordhafen: Die neue Fähre ist da - erste Fahrt am Montag\n\nDie Fähre legte am Freitag an. Sie soll "
            "zweimal am Tag fahren.\n\nAnna Velden: Ein Schiff für die Inseln\n\nDie Reederei zahlt die Hälfte.\n\n"
            "Nordhafen: Streit um die Preise\n\nDer Rat berät im Mai.\n\nAnna Velden: Ein Fest am Anleger\n\nAlle "
            "sind eingeladen.")
    assert interview_turns(text) == []
    talk = text.replace("Ein Schiff für die Inseln", "Das ist ein Schiff für die Inseln.").replace(
        "Ein Fest am Anleger", "Wir feiern am Anleger.").replace(
        "erste Fahrt am Montag", "wann fährt sie?").replace("um die Preise", "um die Preise?")
    assert [t.label for t in interview_turns(talk)] == ["Nordhafen", "Anna Velden", "Nordhafen", "Anna Velden"]


def test_foreign_names_and_titles_in_marks_are_no_speech() -> None:
    text = ("Die Ausstellung läuft im Rahmen des „Festival for Northern Music“ in Nordhafen. Im Finale der "
            "„Coupe du Monde de Voile“ siegte Nordland. Jan Weber sprach von „Ausrüstung und Munition“.")
    assert [q.text for q in direct_quotations(text)] == ["„Ausrüstung und Munition“"]


def test_issue15_a_so_parenthesis_makes_an_indicative_sentence_a_report_but_so_dass_does_not() -> None:
    text = ("Die Werft ist in den letzten Jahren stark gewachsen und wird, so Jan Weber, dieses Jahr Gewinn machen. "
            "Der Sturm kam schnell, so dass die Fähre im Hafen blieb.")
    found = reported_speech(text, direct_quotations(text))
    assert [(q.text[:9], q.speaker_text) for q in found] == [("Die Werft", "Jan Weber")]


def test_issue15_a_pronoun_before_anyone_spoke_is_the_person_the_text_is_about() -> None:
    from lagebild.extract.speakers import Resolver

    text = ("Anna Velden ist die neue Präsidentin. Für Jan Weber stimmten 41 Delegierte. Als Präsidentin will "
            "Velden vieles ändern. Ihre Stellvertreterin wird Eva Roth. Sie wisse, dass es schwer werde.")
    assert Resolver(text).resolve("Sie", text.index("Sie wisse")) == "Anna Velden"


def test_issue15_a_pronoun_stands_for_a_speaker_of_its_gender() -> None:
    from lagebild.extract.speakers import Resolver

    text = ("„Wir bauen die Werft aus“, sagte Jan Weber. „Das kostet zu viel“, sagte Anna Velden. "
            "Er halte den Plan für richtig. Sie sehe das anders.")
    resolver = Resolver(text)
    assert resolver.resolve("Er", text.index("Er halte")) == "Jan Weber"
    assert resolver.resolve("Sie", text.index("Sie sehe")) == "Anna Velden"


def test_issue15_habe_is_konjunktiv_i_unless_ich_is_its_subject() -> None:
    from lagebild.nlp.mood import has_konjunktiv_i

    assert has_konjunktiv_i("Auf den Zeitplan habe die Stadt allerdings keinen Einfluss.")
    assert not has_konjunktiv_i("Auf den Zeitplan habe ich allerdings keinen Einfluss.")
    text = ("Der Hafen von Nordhafen bleibt gesperrt, sagte Stadtsprecher Jan Weber am Montag. Die Abstimmung mit "
            "den Reedereien erfordere Geduld. Auf den Zeitplan habe die Stadt allerdings keinen Einfluss.")
    found = reported_speech(text, direct_quotations(text))
    assert any(q.text.startswith("Auf den Zeitplan") for q in found)


def test_a_comparison_in_konjunktiv_i_reports_nothing() -> None:
    from lagebild.nlp.mood import has_konjunktiv_i

    assert not has_konjunktiv_i("Dann tut Jan Weber so, als habe er den Brief doch noch gefunden.")
    assert not has_konjunktiv_i("Es sieht aus, als ob die Werft schließe.")
    assert has_konjunktiv_i("Die Kosten seien höher als geplant.")
    text = "Jan Weber sucht im Archiv. Dann tut er so, als habe er den Brief der Werft doch noch gefunden."
    assert reported_speech(text, direct_quotations(text)) == []


def test_issue15_a_subjunctive_sentence_after_an_attributed_quotation_goes_on_with_its_speaker() -> None:
    text = ("Die Werften haben volle Bücher. „Wir bauen die Werft aus“, sagte Jan Weber in Nordhafen. "
            "Vor 2028 würden die Reedereien kaum neue Fähren bestellen. Der Hafen ist gesperrt.")
    quotes = direct_quotations(text)
    found = reported_speech(text, quotes)
    assert [(q.text[:8], q.speaker_text) for q in found] == [("Vor 2028", "Jan Weber")]


def test_issue15_a_frame_noun_in_a_compound_names_the_source_by_its_first_part() -> None:
    text = ("Die Brücke in Nordhafen ist gesperrt. Nach Polizeiangaben wurden drei Menschen verletzt, zwei "
            "davon schwer. Die USA prüfen Zölle. Nach US-Erkenntnissen verkauft die Werft Velnix ihre Fähren "
            "unter Wert.")
    found = reported_speech(text, direct_quotations(text))
    # "US" is the short form of the "USA" the text names
    assert [(q.text[:12], q.speaker_text) for q in found] == [("wurden drei ", "Polizei"), ("verkauft die", "USA")]
    assert [text[slice(*q.speaker_span)] for q in found if q.speaker_span] == ["Polizei", "US"]
    assert FRAME.search("Die Forscher suchen nach Antworten auf die Frage.") is None  # no compound of "Worten"


def test_issue15_a_tagged_passage_without_a_reporting_verb_needs_a_report_before_it() -> None:
    # the tagger reads "nach Antworten" as speech; no verb of saying and no report before: not a statement
    text = "Die Brücke ist gesperrt. Die Forscher in Nordhafen suchen nach Antworten auf die Frage."
    assert reported_speech(text, direct_quotations(text)) == []


def test_issue15_a_paragraph_that_lost_its_opening_mark_is_quoted_up_to_the_closing_one() -> None:
    text = ("„Wir bauen die Werft aus“, sagte Jan Weber.\nDie Fähre fährt wieder ab Mai. Bis dahin bleibt der Steg in "
            "Nordhafen gesperrt“, schrieb die Agentur Nordpress.\n"
            "Es regnet seit Tagen in der Stadt” und keiner kommt.")  # a stray mark with no one after it
    found = [(q.text[:12], q.speaker_text) for q in direct_quotations(text)]
    assert found == [("„Wir bauen d", "Jan Weber"), ("Die Fähre fä", "Agentur Nordpress")]


def test_issue15_a_compound_frame_names_the_source_of_a_subjunctive_statement_too() -> None:
    text = "Die Brücke in Nordhafen ist gesperrt. Nach Behördenangaben stecke aber keine Absicht hinter dem Unfall."
    found = reported_speech(text, direct_quotations(text))
    assert [(q.text[:11], q.speaker_text) for q in found] == [("Nach Behörd", "Behörden")]


def test_issue15_a_noun_that_looks_like_a_subjunctive_verb_makes_no_report() -> None:
    from lagebild.nlp.mood import has_konjunktiv_i

    assert not has_konjunktiv_i("Velnix-Werft in Sorge - Zahlen und Aufträge")
    assert has_konjunktiv_i("Die Stadt sorge sich um die Werft.")
    text = "Velnix-Werft in Sorge - Zahlen und Aufträge\n\nIn Nordhafen ruhen die Arbeiten an der Werft seit Mai."
    assert reported_speech(text, direct_quotations(text)) == []


def test_issue15_den_angaben_zufolge_inside_a_clause_reports_the_whole_sentence_of_the_source_before() -> None:
    text = ("Die Werft meldete einen Verlust von 190 Millionen Euro. Ein Mitglied des Vorstands trat den Angaben "
            "zufolge zurück.")
    found = reported_speech(text, direct_quotations(text))
    assert [(q.text, q.speaker_text) for q in found][-1] == (
        "Ein Mitglied des Vorstands trat den Angaben zufolge zurück.", "Die Werft")


def test_issue15_a_naming_verb_later_in_the_sentence_is_no_attribution_at_its_end() -> None:
    text = "Jan Weber liest den Text. Er sagt, der Artikel sei eine Fälschung, nennt Anna Velden Namen, Fakten."
    found = reported_speech(text, direct_quotations(text))
    assert [(q.speaker_text, q.cue) for q in found] == [("Jan Weber", "sagt")]


def test_issue15_a_quotation_that_starts_a_compound_is_a_name_not_speech() -> None:
    text = "Es gibt Kritik. »Nordbote«-Chefredakteur Jan Weber kritisiert ihn. »Das ist gut«, sagte Anna Velden."
    assert [(q.text, q.speaker_text) for q in direct_quotations(text)] == [("»Das ist gut«", "Anna Velden")]


def test_issue15_what_something_represents_is_not_what_it_says() -> None:
    """"Die Zahlungen stellten keinen Nutzen dar": "darstellen" with an object says what something is, so its
    subject is no speaker (as "X stellte klar, …" would make it)."""
    from lagebild.extract.quotes import direct_quotations, reported_speech

    text = ("Jan Weber sprach vor dem Stadtrat von Nordhafen. Die Vertreter der Werft beeilten sich zu erklären, "
            "die Äußerungen stellten keineswegs einen Kurswechsel dar.")
    found = reported_speech(text, direct_quotations(text), "de")
    assert all(q.speaker_text != "die Äußerungen" for q in found)
