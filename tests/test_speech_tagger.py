"""The learned speech tagger (extract/speech_tagger.py) and how quotes.py uses it, on hand-made text."""

from __future__ import annotations

from lagebild.extract.quotes import direct_quotations, reported_speech
from lagebild.extract.speech_tagger import MODEL_PATH, sentence_features, speech_passages, tokens
from lagebild.nlp.sentences import sentence_spans


def test_the_model_ships_small_and_loads_offline() -> None:
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 5_000_000
    assert speech_passages("") == []


def test_quotation_state_carries_over_into_the_next_sentence() -> None:
    text = "„Wir bleiben. Wir gehen nicht“, sagte sie. Dann ging sie."
    features = [f for _, per_token in sentence_features(text, sentence_spans(text)) for f in per_token]
    words = [text[a:b] for a, b in tokens(text, 0, len(text))]
    inside = [("inq=True" in f) for f in features]
    assert inside[words.index("gehen")] and not inside[words.index("Dann")]


def test_words_in_quotation_marks_are_tagged_as_direct_speech() -> None:
    text = "„Wir werden die Brücke im Sommer bauen“, sagte die Bürgermeisterin am Montag."
    direct = [text[a:b] for a, b, kind in speech_passages(text) if kind == "direct"]
    assert any("Brücke im Sommer" in d for d in direct)


def test_a_reported_demand_without_konjunktiv_is_found_with_its_speaker() -> None:
    text = "Vereinsvorsitzender Tom Berg forderte mehr Geld für die Jugendarbeit. Das Stadion wurde 1990 eröffnet."
    found = reported_speech(text, direct_quotations(text))
    assert [(q.speaker_text, q.cue) for q in found] == [("Tom Berg", "forderte")]
    assert found[0].text.startswith("Vereinsvorsitzender") and found[0].end <= text.index(" Das Stadion")


def test_a_role_named_as_subject_is_the_speaker_with_its_article() -> None:
    text = "Der Bürgermeister sprach sich am Montag für eine neue Brücke über den Fluss aus."
    (found,) = reported_speech(text, direct_quotations(text))
    assert found.speaker_text == "Der Bürgermeister"


def test_a_sentence_beside_a_quotation_is_not_reported_again() -> None:
    text = "„Wir bleiben“, erklärt Jan Weber, Sprecher des Vereins, auf Anfrage am Montag."
    assert reported_speech(text, direct_quotations(text)) == []


def test_unmarked_direct_speech_with_a_reporting_verb_is_a_quote_without_its_attribution() -> None:
    text = ("Die Stadt plant eine neue Brücke. Wir werden die Brücke bis zum Sommer fertig haben, sagte "
            "Bürgermeisterin Anna Berg am Montag.")
    (quote,) = direct_quotations(text)
    assert (quote.text, quote.kind, quote.speaker_text, quote.cue) == (
        "Wir werden die Brücke bis zum Sommer fertig haben", "direct", "Anna Berg", "sagte")


def test_plain_report_without_speech_yields_no_quotes() -> None:
    text = "Die Brücke über den Fluss wurde 1950 gebaut. Sie ist 200 Meter lang und wird täglich befahren."
    assert direct_quotations(text) == [] and reported_speech(text, []) == []
