"""Time expressions, quantities, claims and the timeline on hand-made sentences."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lagebild import analyze
from lagebild.extract.quantities import find_quantities, parse_number
from lagebild.extract.resolve import resolve
from lagebild.extract.timex import find_times

from .conftest import write

WEDNESDAY = date(2024, 6, 19)


def values(text: str, anchor: date | None = WEDNESDAY) -> dict[str, str | None]:
    return {t.text: resolve(t, anchor) for t in find_times(text)}


def test_past_tense_weekday_points_back_future_points_ahead() -> None:
    v = values("Der Minister erklärte am Dienstag, das Treffen werde am Freitag stattfinden. "
               "Die Delegation wird am Montag abreisen.")
    assert v["am Dienstag"] == "2024-06-18"
    assert v["am Montag"] == "2024-06-24"


def test_weekday_with_date_in_brackets_takes_the_date() -> None:
    assert values("Er traf am späten Dienstagabend (18. Juni) ein.")["Dienstagabend (18. Juni)"] == "2024-06-18"


def test_explicit_dates_in_common_formats() -> None:
    v = values("Am 3. März 2023 und am 17.06.2024, dann June 19, 2024 und 2024-01-05.", anchor=None)
    assert v == {"3. März 2023": "2023-03-03", "17.06.2024": "2024-06-17", "June 19, 2024": "2024-06-19",
                 "2024-01-05": "2024-01-05"}


def test_months_and_relative_expressions() -> None:
    v = values("Im März stimmte der Rat dagegen. Im vergangenen September reiste er, im September letzten "
               "Jahres auch. Im vergangenen Monat war er in Peking. Er war zuletzt vor 24 Jahren dort.")
    assert v["März"] == "2024-03"  # the extent leaves out the preposition (TIMEX2)
    assert v["vergangenen September"] == "2023-09"
    assert v["September letzten Jahres"] == "2023-09"
    assert v["vergangenen Monat"] == "2024-05"
    assert v["vor 24 Jahren"] == "2000"


def test_durations_are_kept_apart_from_dates() -> None:
    v = values("Der Krieg dauerte drei Jahre, von 1950 bis 1953.")
    assert v["drei Jahre"] == "P3Y"
    assert v["1950"] == "1950" and v["1953"] == "1953"


def test_a_number_of_soldiers_is_not_a_year() -> None:
    assert "2000" not in values("Mehr als 2000 Soldaten waren beteiligt.")


def test_relative_weekday_needs_an_anchor() -> None:
    assert values("Er kam am Dienstag.", anchor=None)["am Dienstag"] is None


@pytest.mark.parametrize("token,language,value", [
    ("11.000", "de", 11000), ("11,000", "en", 11000), ("1,5", "de", 1.5), ("1.5", "en", 1.5), ("885", "de", 885),
])
def test_number_formats(token: str, language: str, value: float) -> None:
    assert parse_number(token, language) == value


def test_quantities_with_qualifiers_units_and_counted_nouns() -> None:
    qs = {q.text: q for q in find_quantities(
        "Die Reederei lieferte über 12.000 Paletten, Fähren mit etwa 300 Meilen Reichweite, 1,5 Mio. Euro, "
        "zwei Dutzend Schiffe und Dutzende Flugzeuge; die Inflation lag bei 3,2 Prozent.")}
    assert qs["über 12.000 Paletten"].value == 12000 and qs["über 12.000 Paletten"].qualifier == "über"
    miles = qs["etwa 300 Meilen"]
    assert miles.unit == "mi" and miles.normalized is not None and miles.normalized[1] == "km"
    assert abs(miles.normalized[0] - 482.8) < 0.1
    assert qs["1,5 Mio. Euro"].value == 1_500_000 and qs["1,5 Mio. Euro"].unit == "EUR"
    assert qs["zwei Dutzend Schiffe"].value == 24
    assert qs["Dutzende Flugzeuge"].qualifier == "dutzende"
    assert qs["3,2 Prozent"].unit == "%"


def test_articles_are_not_numbers() -> None:
    assert find_quantities("Eine Sanierung war geplant, ein Gutachter kommt.") == []


BASE = ("Beim Einsturz einer Brücke in Neustadt wurden nach Angaben der Feuerwehr {n} Menschen verletzt. "
        "Die Brücke über den Fluss war im Jahr 1968 gebaut worden und sollte saniert werden. "
        "Der Bürgermeister kündigte am Mittwoch eine Untersuchung des Unglücks an.")


def corpus(tmp_path: Path, a: str, b: str) -> list[Path]:
    return [write(tmp_path, "a.txt", "Brücke in Neustadt eingestürzt\n\nVeröffentlicht am 15. Oktober 2025\n\n"
                  + BASE.format(n=a) + "\n"),
            write(tmp_path, "b.txt", "Unglück in Neustadt: Brücke stürzt ein\n\n" + BASE.format(n=b)
                  .replace("nach Angaben der Feuerwehr", "laut Polizei") + "\n")]


def test_claims_flag_a_conflicting_count(tmp_path: Path) -> None:
    d = analyze(corpus(tmp_path, "14", "rund 10"))
    conflicts = [c for c in d.claims if c["status"] == "conflict"]
    assert len(conflicts) == 1
    assert {v["text"] for v in conflicts[0]["values"]} == {"14 Menschen", "rund 10 Menschen"}
    assert "do not overlap" in conflicts[0]["explanation"]


def test_claims_tolerate_rounding(tmp_path: Path) -> None:
    d = analyze(corpus(tmp_path, "rund 20", "21"))
    assert [c["status"] for c in d.claims if "Menschen" in c["topic"]] == ["agree"]


def test_undated_article_gets_an_inferred_date_and_the_timeline_merges_sources(tmp_path: Path) -> None:
    d = analyze(corpus(tmp_path, "14", "14"))
    undated = d.documents[1]
    assert undated.published.basis == "inferred" and undated.published.value is not None
    assert "d1" in (undated.published.evidence or "")
    merged = [ev for ev in d.timeline if len(ev["sources"]) == 2]
    assert merged and merged[0]["date"] == "2025-10-15"


def test_every_fact_span_points_at_its_text(tmp_path: Path) -> None:
    d = analyze(corpus(tmp_path, "14", "zwölf"))
    texts = {doc.id: doc.text for doc in d.documents}
    for item in d.times + d.quantities:
        assert texts[item["doc"]][item["start"] : item["end"]] == item["text"]
    for c in d.claims:
        for v in c["values"]:
            assert texts[v["doc"]][v["start"] : v["end"]] == v["text"]


def test_seasons_and_weeks_do_not_break_the_facts_stage(tmp_path: Path) -> None:
    """Regression: a season value ("2014-FA") made the claims step fail for the whole corpus."""
    text = "Herbst in Neustadt\n\n" + BASE.format(n="14") + " Im Herbst 2014 und in der vergangenen Woche auch.\n"
    other = text.replace("14 Menschen", "zwölf Menschen")
    d = analyze([write(tmp_path, "a.txt", text), write(tmp_path, "b.txt", other)])
    assert not [p for doc in d.documents for p in doc.problems]
    assert any(c["status"] == "conflict" for c in d.claims)


FORECAST = ("Staatsvertrag zur Wasserversorgung\n\nVeröffentlicht am 10. März 2025\n\n"
            "Die Ministerpräsidenten von Nordland und Südland wollen am Donnerstag in Hallenberg einen Staatsvertrag "
            "zur gemeinsamen Wasserversorgung unterzeichnen. Der Vertrag regelt die Entnahme aus dem Velde-Stausee "
            "und die Kosten für die neue Fernleitung nach Hallenberg.\n")
REPORT = ("Nordland und Südland regeln Wasserversorgung\n\nVeröffentlicht am 14. März 2025\n\n"
          "Die Ministerpräsidenten von Nordland und Südland haben in Hallenberg den Staatsvertrag zur gemeinsamen "
          "Wasserversorgung unterzeichnet. Die Zeremonie fand {day} im Rathaus statt. Der Vertrag regelt die "
          "Entnahme aus dem Velde-Stausee und die Kosten für die neue Fernleitung.\n")


@pytest.mark.parametrize(("day", "status"), [("am Mittwoch", "conflict"), ("am Donnerstag", "agree")])
def test_a_forecast_day_is_checked_against_the_reported_day(tmp_path: Path, day: str, status: str) -> None:
    d = analyze([write(tmp_path, "before.txt", FORECAST), write(tmp_path, "after.txt", REPORT.format(day=day))])
    expected = [c for c in d.claims if c["topic"].startswith("date of an expected event")]
    assert [c["status"] for c in expected] == [status]
    assert [v["text"] for v in expected[0]["values"]] == ["am Donnerstag", day]
    assert "forecast" in expected[0]["explanation"]


ARRIVAL = ("Ministerin Velden in Nordhafen eingetroffen\n\nVeröffentlicht am 19. Juni 2025\n\n"
           "Die Außenministerin von Südland, Anna Velden, ist {when} zu ihrem ersten Staatsbesuch in Nordhafen "
           "gelandet. Am Flughafen empfing sie der Bürgermeister. Velden will über den Hafenausbau und die "
           "neue Fährlinie nach Südland sprechen.\n")


@pytest.mark.parametrize(("first", "second", "status"), [
    ("am Dienstagabend", "am frühen Mittwochmorgen", "conflict"),
    ("in der Nacht zum Mittwoch", "am frühen Mittwochmorgen", "agree"),  # the same hours, in other words
    ("am Dienstagabend", "am Dienstag", "agree"),
    ("am Dienstagabend", "am Dienstagmorgen", "conflict"),
])
def test_reported_times_of_one_event_are_compared(tmp_path: Path, first: str, second: str, status: str) -> None:
    d = analyze([write(tmp_path, "a.txt", ARRIVAL.format(when=first)),
                 write(tmp_path, "b.txt", ARRIVAL.format(when=second).replace("Am Flughafen", "Auf dem Rollfeld"))])
    dated = [c for c in d.claims if c["topic"].startswith("date")]
    assert [c["status"] for c in dated] == [status]
    assert sorted(v["text"] for v in dated[0]["values"]) == sorted([first.split(" zum ")[-1], second])
    if status == "conflict":  # the explanation gives each value with its part of the day
        day_parts = "times of day differ" if first.split()[-1][:8] == second.split()[-1][:8] else "dates differ"
        assert day_parts in dated[0]["explanation"] and "TEV)" in dated[0]["explanation"]


def test_a_forecast_is_not_paired_with_another_event(tmp_path: Path) -> None:
    other = REPORT.format(day="am Mittwoch").replace("unterzeichnet", "diskutiert")
    d = analyze([write(tmp_path, "before.txt", FORECAST), write(tmp_path, "after.txt", other)])
    assert not [c for c in d.claims if c["topic"].startswith("date of an expected event")]


def test_clock_times_decades_ranges_and_neighbouring_years() -> None:
    v = values("Der Zug fuhr am 5. Mai um 7 Uhr ab, der Anschlag folgte um 15.30 Uhr MESZ. Seit den 1990er-Jahren "
               "und in den Jahren 1950–1953 war das anders. Zwischen dem 15. und 21. Mai sowie im Mai/Juni 2023 "
               "tagte der Rat, im Vorjahr seltener. Seit Jahren fehlen Gleise; Ende 2022 kam der Plan.")
    assert v["7 Uhr"] == "2024-06-19T07:00"  # on the anchor day; the facts stage puts it on "5. Mai"
    assert v["15.30 Uhr MESZ"] == "2024-06-19T15:30+02"  # summer time: UTC+2
    assert v["den 1990er-Jahren"] == "199"
    assert v["1950"] == "1950" and v["1953"] == "1953"
    assert v["15."] == "2024-05-15" and v["21. Mai"] == "2024-05-21"
    assert v["Mai"] == "2023-05" and v["Juni 2023"] == "2023-06"
    assert v["Vorjahr"] == "2023"
    assert v["Jahren"] == "PXY"
    assert v["Ende 2022"] == "2022"


def test_a_clock_time_takes_the_day_just_before_it(tmp_path: Path) -> None:
    text = ("Zugunglück bei Velde\n\nVeröffentlicht am 19. Juni 2024\n\nDer Regionalzug aus Hallenberg entgleiste "
            "am Montag um 7.15 Uhr kurz vor dem Bahnhof Velde, verletzt wurde nach Angaben der Bahn niemand. "
            "Die Strecke zwischen Velde und Hallenberg ist seit 14 Uhr wieder frei, teilte die Bahn mit. Die "
            "Ursache des Unglücks untersuchen nun Fachleute der Eisenbahnaufsicht.\n")
    d = analyze([write(tmp_path, "a.txt", text)])
    got = {t["text"]: t["value"] for t in d.times}
    assert got["7.15 Uhr"] == "2024-06-17T07:15"
    assert got["14 Uhr"] == "2024-06-19T14:00"


def test_spans_around_a_named_event_and_nights_between_two_days() -> None:
    v = values("Zwei Tage nach der Explosion räumte die Feuerwehr das Gelände. In der Nacht vom 8. zum 9. Mai "
               "regnete es.")
    assert v["Zwei Tage nach der Explosion"] == "2024-06-21"
    assert v["Nacht vom 8."] == "2024-05-08TNI"


def test_ranges_signs_halves_and_numbers_that_name() -> None:
    got = {q.text: (q.value, q.unit) for q in find_quantities(
        "Strafen zwischen 27,50 und 270 Euro, 8.000 bis 9.000 alte Kabel, 1 bis 2 Millionen Euro. Der Kandidat "
        "liegt bei minus zwölf Punkten, eine halbe Million Euro fehlt. Absatz 35 der Satzung gilt.")}
    assert got["27,50"] == (27.5, "EUR") and got["270 Euro"] == (270, "EUR")
    assert got["8.000"] == (8000, "Kabel") and got["9.000 alte Kabel"] == (9000, "Kabel")
    assert got["1"] == (1_000_000, "EUR")
    assert got["minus zwölf Punkten"] == (-12, "Punkten")
    assert got["eine halbe Million Euro"] == (500_000, "EUR")
    assert not [t for t in got if t.startswith("35")]


def test_claim_topic_is_a_phrase_of_the_sources_next_to_their_figures() -> None:
    """Issue 17: 'Reichweite'-style noun phrases from the text, not a bag of keywords."""
    from lagebild.corpus.topics import shared_phrase, window

    texts = {"d1": "Die Fähre Nordstern mit einer Ladung von etwa 300 Tonnen lief bei Nordhafen auf Grund.",
             "d2": "Bei Nordhafen lief die Fähre Nordstern mit einer Ladung von rund 280 Tonnen auf Grund."}
    windows = []
    for doc, text in texts.items():
        start = text.index("von ")
        end = text.index("Tonnen") + len("Tonnen")
        windows.append((doc, window(text, start, end, (0, len(text)))))
    assert shared_phrase(windows, frozenset({"tonnen"})) == "Fähre Nordstern mit einer Ladung"


def test_a_claim_on_measured_figures_names_its_phrase_and_the_unit_they_are_compared_in(tmp_path: Path) -> None:
    """Issue 17: "Fährlinie aus Nordhafen (km)" for miles and kilometres, not the first source's unit first."""
    for name, text in (("a.txt", "Neue Fähre für Nordhafen\n\nDie neue Fährlinie aus Nordhafen hat eine Strecke von "
                                 "etwa 120 Meilen, teilte die Reederei am Montag mit.\n"),
                       ("b.txt", "Fähre aus Nordhafen\n\nDie neue Fährlinie aus Nordhafen hat eine Strecke von "
                                 "rund 190 Kilometern, sagte ein Sprecher der Reederei.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (claim,) = [c for c in analyze([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]).claims
                if not c["topic"].startswith("date")]
    assert claim["status"] == "agree"
    assert claim["topic"].endswith("(km)") and "Fährlinie" in claim["topic"], claim["topic"]


def test_timeline_entries_are_statements_not_date_lines_or_attribution_tails() -> None:
    from lagebild.corpus.timeline import event_span

    text = ("Ein Video, in dem behauptet wird, dass ein Fahrer der Nordhafener Fähre jede Nacht nach Südland "
            "fährt, um dort Fisch für seine Kunden zu kaufen und ihn zurückzubringen, ist frei erfunden, sagte "
            "ein Sprecher der Reederei am Montag.")
    start = text.index("am Montag")
    a, b = event_span(text, (0, len(text)), start, start + len("am Montag"))
    assert text[a:b].startswith("ist frei erfunden") and text[a:b].endswith("am Montag.")


def test_a_date_line_is_no_timeline_event(tmp_path: Path) -> None:
    record = {"title": "Fähre nach Südland", "published": "2025-03-12", "outlet": "Nordbote",
              "text": "Créé: 12.03.2025, 07h36\n\nDie Reederei Nordhafen hat am 10. März ihre neue Fähre nach "
                      "Südland in Dienst gestellt. Sie fährt zweimal täglich und bietet 400 Passagieren Platz."}
    d = analyze([write(tmp_path, "a.jsonl", json.dumps(record, ensure_ascii=False) + "\n")])
    assert "Créé: 12.03.2025" in d.documents[0].text  # kept in the text, but no event
    assert [ev["date"] for ev in d.timeline] == ["2025-03-10"]


def test_amounts_normalized_as_trying_every_unit_in_turn() -> None:
    """The unit an amount converts to is found once per pint unit (quantities._target); every amount of
    every listed unit gets what trying the project's units in turn for that amount gave."""
    from lagebild.extract.quantities import NORMAL_UNIT_NAMES, UNITS, YEARS_PER, _normalize, _ureg

    def each_in_turn(value: float, unit: str) -> tuple[float, str]:
        q = _ureg().Quantity(value, unit)
        for target in NORMAL_UNIT_NAMES:
            try:
                return round(float(q.to(target).magnitude), 3), NORMAL_UNIT_NAMES[target]
            except Exception:
                continue
        return round(value, 3), unit

    units = sorted({pint_unit for _, pint_unit in UNITS.values() if pint_unit and pint_unit not in YEARS_PER})
    assert len(units) > 5
    for unit in units:
        for value in (0.5, 3.0, 1234.567):
            assert _normalize(value, unit) == each_in_turn(value, unit)


def test_shares_of_one_election_are_facts_of_their_own_and_agree_with_their_match(tmp_path: Path) -> None:
    """Issue 17: a vote share, the loser's share and the turnout are all percentages of one story: each agrees
    with its counterpart in the other article, none is one disputed figure with the others (a link that would
    put two figures of one article that disagree in one claim is not made), and same-magnitude percentages in
    other words are no claim (a unit of measure says nothing of what it measures)."""
    first = ("Anna Velden wins Nordhafen mayoral race\n\nNORDHAFEN (NPA) - Anna Velden won the mayoral election in "
             "Nordhafen on Sunday with 52.4 percent of the vote. Her rival Jan Weber took 47.6 percent. Turnout was "
             "58 percent, up from 44 percent four years ago.\n")
    second = ("Velden is Nordhafen's new mayor\n\nAnna Velden will be the next mayor of Nordhafen after winning "
              "52.4 percent of the vote on Sunday. Jan Weber, who had led the polls, got 47.6 percent. Turnout "
              "reached 58 percent. Velden promised to cut bus fares by 30 percent.\n")
    d = analyze([write(tmp_path, "a.txt", first), write(tmp_path, "b.txt", second)])
    percent = [c for c in d.claims if any("percent" in v["text"] for v in c["values"])]
    assert percent and all(c["status"] == "agree" for c in percent)
    assert {frozenset(v["text"] for v in c["values"]) for c in percent} >= {
        frozenset({"52.4 percent"}), frozenset({"47.6 percent"}), frozenset({"58 percent"})}


def test_a_figure_glued_to_capitals_is_a_code_not_an_amount():
    from lagebild.extract.quantities import find_quantities

    found = find_quantities("In Nordhafen gilt 3G, die 10H-Regel bleibt und das 5G-Netz kostet 20 Mrd. Euro; "
                            "Anna Velden kaufte 3 g Safran, 5kg Mehl und 4 L Milch.")
    assert [(q.text, q.unit) for q in found] == [("20 Mrd. Euro", "EUR"), ("3 g", "g"), ("5kg", "kg"), ("4 L", "l")]
