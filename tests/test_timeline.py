"""The timeline: planned / happened / forecast reported otherwise, cut at clause boundaries (issue 17)."""

from __future__ import annotations

from datetime import date

from lagebild.corpus.facts import DocFacts
from lagebild.corpus.timeline import HAPPENED, MAX_EVENT_CHARS, NOT_AS_FORECAST, PLANNED, build_timeline
from lagebild.extract.timex import find_times
from lagebild.model import Document


def facts(doc_id: str, text: str, day: date) -> DocFacts:
    doc = Document(id=doc_id, source=f"{doc_id}.txt", format="text", raw=text, text=text)
    return DocFacts(doc, find_times(text), [], day)


def test_a_forecast_reported_on_another_day_is_marked_and_the_report_happened() -> None:
    timeline = build_timeline([
        facts("d1", "Bürgermeisterin Anna Velden wird am Freitag in Nordhafen den Hafenvertrag unterzeichnen.",
              date(2025, 3, 3)),
        facts("d2", "Bürgermeisterin Anna Velden hat den Hafenvertrag in Nordhafen am Montag unterzeichnet.",
              date(2025, 3, 10)),
    ])
    status = {ev["date"]: ev["status"] for ev in timeline}
    assert status == {"2025-03-07": NOT_AS_FORECAST, "2025-03-10": HAPPENED}
    forecast = next(ev for ev in timeline if ev["date"] == "2025-03-07")
    assert forecast["reported"] == {"date": "2025-03-10", "doc": "d2"}


def test_plans_and_reports_of_one_day_merge_with_every_source() -> None:
    timeline = build_timeline([
        facts("d1", "Die Fähre Nordstern soll am Freitag den Hafen von Nordhafen wieder anlaufen.", date(2025, 3, 5)),
        facts("d2", "Die Fähre Nordstern hat am Freitag den Hafen von Nordhafen wieder angelaufen.", date(2025, 3, 8)),
    ])
    (ev,) = timeline
    assert ev["status"] == HAPPENED
    assert [s["doc"] for s in ev["sources"]] == ["d1", "d2"]
    planned = build_timeline([facts("d1", "Die Fähre Nordstern soll am Freitag wieder fahren.", date(2025, 3, 5))])
    assert planned[0]["status"] == PLANNED


def test_becoming_something_on_a_past_day_happened_and_a_future_with_werden_is_planned() -> None:
    done = build_timeline([facts("d1", "Mit der Wahl am Montag wird Anna Velden die erste Bürgermeisterin von "
                                       "Nordhafen.", date(2025, 3, 5))])
    assert [ev["status"] for ev in done] == [HAPPENED]
    plan = build_timeline([facts("d1", "Anna Velden wird am Freitag in Nordhafen den Hafenvertrag unterzeichnen.",
                                 date(2025, 3, 5))])
    assert [ev["status"] for ev in plan] == [PLANNED]


def test_a_past_date_beside_a_passive_elsewhere_in_the_sentence_happened() -> None:
    timeline = build_timeline([facts("d1", "Anna Velden hatte am 8. Januar Geburtstag, ihr Vermögen wird in Nordhafen "
                                           "auf zwölf Millionen geschätzt.", date(2025, 3, 5))])
    assert [(ev["date"], ev["status"]) for ev in timeline] == [("2025-01-08", HAPPENED)]


def test_long_sentences_are_cut_at_clause_boundaries_not_inside_words() -> None:
    clause = "die Reederei Kelmann, die seit Jahren im Nordhafen arbeitet, wie ein Sprecher der Stadt sagte"
    text = ("Am Dienstag unterzeichnete die Stadt Nordhafen den Vertrag mit " + clause + ", und " + clause
            + ", und " + clause + ".")
    timeline = build_timeline([facts("d1", text, date(2025, 3, 5))])
    (ev,) = timeline
    src = ev["sources"][0]
    assert ev["event"] == text[src["start"] : src["end"]]
    assert len(ev["event"]) <= MAX_EVENT_CHARS < len(text)
    assert text[src["end"]] in ",." and ev["event"].startswith("Am Dienstag")


def test_english_plans_are_verbs_not_adjectives_and_a_dateline_is_no_part_of_the_event() -> None:
    """A march on Saturday against "plans to close" happened; "the planned closure" and "scheduled services"
    plan nothing; "said it would …" and "plans to …" are plans; the dateline opening a report is not shown."""
    def english(doc_id: str, text: str, day: date, dateline: str | None = None) -> DocFacts:
        f = facts(doc_id, text, day)
        f.doc.language, f.doc.dateline = "en", dateline
        return f

    timeline = build_timeline([
        english("d1", "NORDHAFEN (NPA) - Several thousand people marched through Nordhafen on Saturday to protest "
                      "against plans to close the hospital.", date(2025, 9, 6), "NORDHAFEN"),
        english("d2", "Workers at the Velnix plant staged a protest over the planned closure of the factory on "
                      "Tuesday.", date(2025, 9, 9)),
        english("d3", "The election office said the recount in the Eastgate ward would take place on Friday.",
                date(2025, 9, 9)),
    ])
    status = {ev["date"]: ev["status"] for ev in timeline}
    assert status == {"2025-09-06": HAPPENED, "2025-09-09": HAPPENED, "2025-09-12": PLANNED}
    march = next(ev for ev in timeline if ev["date"] == "2025-09-06")
    assert march["event"].startswith("Several thousand people marched")
