"""Shared passages: copies are found with spans in both texts; independent reports are not reuse."""

from __future__ import annotations

from pathlib import Path

from lagebild import analyze

from .conftest import write

AGENCY = [
    "Beim Brand einer Lagerhalle im Industriegebiet von Neustadt ist am Dienstagabend ein Schaden in "
    "Millionenhöhe entstanden, wie ein Sprecher der Feuerwehr am Mittwoch mitteilte.",
    "Die Flammen hatten sich nach ersten Erkenntnissen von einer Werkstatt im Erdgeschoss auf das gesamte "
    "Gebäude ausgebreitet, verletzt wurde nach Angaben der Polizei niemand.",
    "Die Ermittler gehen derzeit nicht von Brandstiftung aus, ein Gutachter soll in den kommenden Tagen die "
    "genaue Ursache des Feuers klären.",
]
OWN = [
    "In Neustadt hat es in der Nacht gebrannt: Eine große Halle im Gewerbegebiet stand stundenlang in Flammen, "
    "Anwohner berichteten von dichtem Rauch über der ganzen Stadt.",
    "Mehr als hundert Einsatzkräfte waren vor Ort, um ein Übergreifen auf benachbarte Betriebe zu verhindern, "
    "was nach Auskunft der Einsatzleitung auch gelang.",
    "Der Besitzer der Halle sprach von einem schweren Schlag für sein Unternehmen und kündigte an, den Betrieb "
    "so schnell wie möglich wieder aufzunehmen.",
]


def doc(title: str, paras: list[str]) -> str:
    return "\n\n".join([title, *paras]) + "\n"


def test_verbatim_copy_is_found_with_spans_in_both(tmp_path: Path) -> None:
    d = analyze([write(tmp_path, "a.txt", doc("Lagerhalle in Neustadt abgebrannt", AGENCY)),
                 write(tmp_path, "b.txt", doc("Großbrand in Neustadt", AGENCY))])
    assert len(d.reuse) == 1
    r = d.reuse[0]
    assert r.kind == "verbatim"
    a, b = r.spans
    ta, tb = d.document(a.doc).text[a.start : a.end], d.document(b.doc).text[b.start : b.end]
    assert ta == tb and AGENCY[0] in ta and AGENCY[2] in ta


def test_light_edit_is_near_verbatim(tmp_path: Path) -> None:
    edited = [AGENCY[0].replace("am Mittwoch", "am Mittwochmorgen"), AGENCY[1], AGENCY[2].replace("derzeit ", "")]
    d = analyze([write(tmp_path, "a.txt", doc("Lagerhalle in Neustadt abgebrannt", AGENCY)),
                 write(tmp_path, "b.txt", doc("Großbrand in Neustadt", edited))])
    assert [r.kind for r in d.reuse] == ["near-verbatim"]
    assert 0.8 <= d.reuse[0].similarity < 1.0


def test_independent_reports_of_one_event_are_not_reuse(tmp_path: Path) -> None:
    d = analyze([write(tmp_path, "a.txt", doc("Lagerhalle in Neustadt abgebrannt", AGENCY)),
                 write(tmp_path, "b.txt", doc("Nacht der Flammen in Neustadt", OWN))])
    assert d.reuse == []


def test_sharing_only_a_quotation_is_not_reuse(tmp_path: Path) -> None:
    quote = ("„Wir haben alles getan, was in unserer Macht stand, und trotzdem konnten wir die Halle nicht mehr "
             "retten, das Feuer war einfach zu stark“, sagte der Einsatzleiter.")
    d = analyze([write(tmp_path, "a.txt", doc("Lagerhalle in Neustadt abgebrannt", [AGENCY[0], quote, AGENCY[1]])),
                 write(tmp_path, "b.txt", doc("Nacht der Flammen in Neustadt", [OWN[0], quote, OWN[1]]))])
    assert d.reuse == []


def test_reuse_does_not_pair_a_document_with_itself(tmp_path: Path) -> None:
    d = analyze([write(tmp_path, "a.txt", doc("Lagerhalle in Neustadt abgebrannt", AGENCY + AGENCY))])
    assert d.reuse == []
