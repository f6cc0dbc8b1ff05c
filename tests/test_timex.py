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
