import re

from lagebild.nlp.quote_marks import QuoteState, mark_role


def inside(text: str) -> list[str]:
    """The words of `text` that the state walk finds inside a quotation."""
    state = QuoteState(text)
    out = []
    for m in re.finditer(r"\w+|[^\w\s]", text):
        state.step(*m.span())
        if state.open and m.group()[0].isalnum():
            out.append(m.group())
    return out


def test_a_lost_opening_mark_does_not_invert_the_rest_of_the_text():
    text = 'Der Markt heißt Nordland", betonte Velden. Dann sagte sie: "Wir bauen."'
    assert inside(text) == ["Wir", "bauen"]


def test_a_missing_space_after_a_closing_sentence_still_opens():
    text = '"Das war gut", so die Chefin."Die Branche ist voll." Danach ging sie.'
    assert inside(text) == ["Das", "war", "gut", "Die", "Branche", "ist", "voll"]


def test_swiss_and_german_guillemets_are_read_from_their_sides():
    assert inside("Sie sagte «Ja» und »Nein« dazu.") == ["Ja", "Nein"]
    assert mark_role("„Gut“, sagte er.", 0) == "open"
    assert mark_role("„Gut“, sagte er.", 4) == "close"
    assert mark_role("He said “fine” today.", 8) == "open"


def test_a_line_break_ends_a_quotation_left_open():
    assert inside('Er rief: "Kommt alle\nDer Tag endete ruhig.') == ["Kommt", "alle"]
