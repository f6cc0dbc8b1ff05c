from lagebild.nlp.word_cache import clear_word_caches, word_cache


def test_a_registered_cache_is_emptied_and_computes_the_same_again():
    calls: list[str] = []

    @word_cache(100)
    def length(word: str) -> int:
        calls.append(word)
        return len(word)

    assert length("Nordhafen") == 9 and length("Nordhafen") == 9 and calls == ["Nordhafen"]
    assert clear_word_caches() >= 1
    assert length.cache_info().currsize == 0
    assert length("Nordhafen") == 9 and calls == ["Nordhafen", "Nordhafen"]


def test_the_document_stages_caches_are_registered_and_emptied_after_a_run():
    from pathlib import Path

    from lagebild.api import analyze
    from lagebild.extract.speech_tagger import _word_features

    _word_features("sprecher")
    assert _word_features.cache_info().currsize > 0
    dossier = analyze([Path(__file__).resolve().parents[1] / "examples"], workers=1)
    assert dossier.documents and dossier.quotes
    # emptied once the document stages were done (the speech tagger's features of each word of the text),
    # the corpus stages do not tag again
    assert _word_features.cache_info().currsize == 0
