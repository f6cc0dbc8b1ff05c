"""Time values in narratives and durations (issue 17), on invented sentences."""

from __future__ import annotations

from datetime import date

from lagebild.extract.resolve import resolve, resolve_narrative
from lagebild.extract.timex import find_times


def values(text: str, anchor: date | None = None) -> dict[str, str | None]:
    mentions = find_times(text)
    return {m.text: v for m, v in zip(mentions, resolve_narrative(mentions, anchor, text=text), strict=True)}


def test_bc_years_carry_to_later_dates_and_count_the_right_way() -> None:
    v = values("Im Jahr 218 v. Chr. zog das Heer über die Berge. Im Dezember schlug es die Legionen am Fluss. "
               "Im Folgejahr ergab sich die Stadt Velden.")
    assert v["Dezember"] == "BC0218-12"
    assert v["Folgejahr"] == "BC0217"


def test_dates_before_the_first_year_take_the_first_year_the_text_names() -> None:
    v = values("Am 3. März brach der Aufstand in Nordhafen aus. Bis zum Sommer 1921 hielten die Kämpfe an.")
    assert v["3. März"] == "1921-03-03"


def test_the_end_of_a_year_range_does_not_move_the_narrative_on() -> None:
    v = values("Der Krieg an der Küste 1940/1941\n\nIm Spätsommer griffen die Truppen Nordhafen an.")
    assert v["Spätsommer"] == "1940-SU"


def test_durations_are_durations_not_dates() -> None:
    v = values("Am 2. Mai 1940 begann die Belagerung. Sie dauerte mehr als drei Wochen. "
               "Die Stadt hielt sechs Wochen und drei Tage stand.")
    assert v["mehr als drei Wochen"] == "P3W"
    assert v["sechs Wochen und drei Tage"] == "P45D"


def test_a_two_digit_year_takes_the_century_of_the_narrative() -> None:
    v = values("Der Vertrag vom 4. Mai 1938 galt nicht lange. Am 1.9.39 begann der Krieg.")
    assert v["1.9.39"] == "1939-09-01"


def test_news_dates_take_their_year_from_the_document_date() -> None:
    (m,) = find_times("Die Brücke wurde am 3. Oktober gesperrt.")
    assert resolve(m, date(2025, 10, 15)) == "2025-10-03"


def test_the_new_year_moves_the_narrative_on_and_both_first_days_are_a_duration() -> None:
    v = values("Im Herbst 1941 stockte der Vormarsch vor Nordhafen. In den Schlachten des neuen Jahres fiel "
               "die Stadt am 28. Mai. In den ersten beiden Tagen wurden die Häfen besetzt.")
    assert v["neuen Jahres"] == "1942"
    assert v["28. Mai"] == "1942-05-28"
    assert v["ersten beiden Tagen"] == "P2D"


def test_the_new_year_in_news_is_the_next_one_only_late_in_the_year() -> None:
    (m,) = [t for t in find_times("Im neuen Jahr soll die Brücke in Nordhafen saniert werden.") if t.kind == "year_ref"]
    assert resolve(m, date(2025, 12, 10)) == "2026"
    assert resolve(m, date(2025, 1, 8)) == "2025"


def extents(text: str) -> list[str]:
    return [m.text for m in find_times(text)]


def test_modifiers_belong_to_the_extent_and_prepositions_do_not() -> None:
    text = ("Im Jahr 1921 wuchs Nordhafen, Ende des 19. Jahrhunderts war es ein Dorf. Anfang der 1930er Jahre kam "
            "die Bahn, im Laufe des Jahres 1934 der Hafen.")
    assert extents(text) == ["Jahr 1921", "Ende des 19. Jahrhunderts", "Anfang der 1930er Jahre",
                             "Laufe des Jahres 1934"]


def test_seasons_with_their_year_and_in_the_genitive() -> None:
    v = values("Im Sommer des Jahres 1936 begann die Belagerung von Nordhafen. Im Herbst desselben Jahres fiel die "
               "Stadt, Ende des Winters zogen die Truppen ab. Im Frühjahr des folgenden Jahres kehrten sie zurück.")
    assert v == {"Sommer des Jahres 1936": "1936-SU", "Herbst desselben Jahres": "1936-FA",
                 "Ende des Winters": "1936-WI", "Frühjahr des folgenden Jahres": "1937-SP"}


def test_relative_expressions_count_from_the_narrative() -> None:
    v = values("Am 3. Mai 1936 fiel Nordhafen, am nächsten Morgen kam die Nachricht. Am Vortag war Anna Velden "
               "angekommen. Ein Jahr zuvor hatte sie die Stadt verlassen. Im folgenden Jahr kam der Frieden.")
    assert v["am nächsten Morgen"] == "1936-05-04TMO"
    assert v["Am Vortag"] == "1936-05-03"  # the day before the last day named
    assert v["Ein Jahr zuvor"] == "1935"
    assert v["folgenden Jahr"] == "1936"  # a year after 1935, where the narrative now stands


def test_a_span_before_an_event_in_general_is_a_duration() -> None:
    v = values("Am 2. Mai 1940 begann der Krieg. Der Vertrag verpflichtete Nordhafen, spätestens 15 Tage nach einem "
               "Angriff zu helfen. In den drei Monaten vor dem Angriff wuchs die Armee.")
    assert v["15 Tage"] == "P15D"
    assert v["drei Monaten vor dem Angriff"] == "P3M"


def test_sets_vague_spans_and_time_zones() -> None:
    v = values("Am 8. Mai 1945 um 23:01 Uhr mitteleuropäischer Zeit endete der Krieg. Die Zeitung Nordbote erschien "
               "täglich, jeden Montag mit Beilage. Nach jahrelangen Kämpfen herrschte Ruhe; einige Jahre danach "
               "wurde die Stadt neu gebaut.")
    assert v["23:01 Uhr mitteleuropäischer Zeit"] == "1945-05-08T23:01+01"
    assert v["täglich"] == "P1D"
    assert v["jeden Montag"] == "XXXX-WXX-1"
    assert v["jahrelangen"] == "PXY"
    assert v["einige Jahre danach"] == "FUTURE_REF"


def test_a_noun_in_te_does_not_make_a_clause_past():
    from lagebild.extract.timex import clause_tense

    assert clause_tense("dass hier bis März tragfähige Konzepte vorliegen") == "present"
    assert clause_tense("Im März warnte die Stadt") == "past"
    assert clause_tense("Der Stadtrat stimmt am Montag ab") == "present"  # not "trat"


def test_werden_is_future_with_a_verb_and_present_with_a_noun_or_adjective():
    from lagebild.extract.timex import clause_tense

    assert clause_tense("Anna Velden wird neue Bürgermeisterin von Nordhafen.") == "present"
    assert clause_tense("dass sie Bürgermeisterin wird") == "present"
    assert clause_tense("Die Mieten in Nordhafen werden teurer.") == "present"
    assert clause_tense("Velden wird am Dienstag nach Nordhafen reisen.") == "future"
    assert clause_tense("dass sie nach Nordhafen reisen wird") == "future"
    assert clause_tense("Die Brücke wird am Mittwoch eröffnet.") == "future"  # scheduled: planned
    # the verb after an inserted phrase, and the Konjunktiv of reported plans
    assert clause_tense("Die Minister werden über den Hafen, vor allem die Kais im Norden, verhandeln.") == "future"
    assert clause_tense("Der Umbau werde nach Angaben der Stadt bis zum Herbst dauern") == "future"


def test_a_set_in_any_spelling_gets_its_unit_or_no_value():
    from datetime import date

    from lagebild.extract.resolve import resolve
    from lagebild.extract.timex import find_times

    found = find_times("Die Gruppe trifft sich wöchentlich im Rathaus.")
    assert [resolve(m, date(2024, 1, 1)) for m in found] == ["P1W"]


def test_a_present_that_ends_like_a_weak_past_and_a_next_step_are_no_past_or_future() -> None:
    from lagebild.extract.timex import clause_tense

    # "berichten", "bestreiten", "halten" end like "sagten": the unlabeled text knows no "berichen" to be their verb
    assert clause_tense("Die Spielerinnen bestreiten am Donnerstag ihre Trainingstage.") == "present"
    assert clause_tense("Die Zeitungen berichten am Montag über den Hafen von Nordhafen.") == "present"
    assert clause_tense("Die Polizei meldete am Montag einen Unfall in Nordhafen.") == "past"
    assert clause_tense("Die Gewerkschaft forderten am Montag mehr Geld.") == "past"
    # "den nächsten Schritt" is no time ahead; "nächste Woche" is
    assert clause_tense("Am Samstag hatte Anna Velden gesiegt und den nächsten Schritt gemacht.") == "past"
    assert clause_tense("Das Treffen in Nordhafen findet nächste Woche statt.") == "future"


def test_a_weekday_in_the_pluperfect_before_a_next_step_is_the_one_before() -> None:
    # published on a Tuesday: "am Samstag hatte … gefeiert" is the Saturday before, not the one after
    (t,) = [m for m in find_times("Noch am Samstag hatte Velden ihren sechsten Sieg gefeiert und damit den "
                                  "nächsten Schritt gemacht.")]
    assert resolve(t, date(2022, 2, 1)) == "2022-01-29"


def test_a_future_with_werden_reads_past_the_full_stop_of_a_date_to_its_verb() -> None:
    """"werde … bis zum 28. Juni … stattfinden": the full stop after a day is no sentence end, so the
    infinitive at the end of the sentence makes the date a future one."""
    from lagebild.extract.timex import find_times

    found = find_times("Die Übung werde laut Ministerium bis zum 28. Juni im Hafen von Nordhafen stattfinden "
                       "und dann enden.")
    assert [(m.text, m.tense) for m in found] == [("28. Juni", "future")]


def test_a_serial_number_with_a_hyphen_is_no_range_of_years():
    from lagebild.extract.timex import find_times

    assert find_times("Das Blatt aus Nordhafen (ISSN 2345-6789) erscheint bald.") == []
    assert [t.text for t in find_times("Jan Weber (1890–1970) malte Nordhafen.")][:1] == ["1890"]
    assert [t.kind for t in find_times("Die Kriege 264–260 v. Chr. waren lang.")][:1] == ["year_range"]
