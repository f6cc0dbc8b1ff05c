"""The bundled NER model: its word table keeps hashes only, features come from it, spans point at their text."""

from __future__ import annotations

from pathlib import Path

from lagebild.corpus.resolve import resolve_entities
from lagebild.extract.entities import Mention, find_mentions, without_leading_role
from lagebild.extract.name_tagger import NAME_LISTS, FeatureMaker, Lexicon, bio_spans, bundled, shape
from lagebild.model import Document


def test_lexicon_round_trips_and_stores_no_words(tmp_path: Path) -> None:
    firm = 1 << NAME_LISTS.index("FIRM")
    city = 1 << NAME_LISTS.index("CITY")
    lexicon = Lexicon.build({"Velden": (3, 14, 159)}, {"Velden": 42, "velden": 7}, {"Velden": city, "Nordwerk": firm})
    lexicon.save(tmp_path / "lex.npz")
    assert b"Velden" not in (tmp_path / "lex.npz").read_bytes()
    again = Lexicon.load(tmp_path / "lex.npz")
    assert again.lookup("Velden") == ((3, 14, 159), 42, city)
    assert again.lookup("Nordwerk") == ((-1, -1, -1), 0, firm)
    assert again.lookup("Unbekannt") is None


def test_features_carry_clusters_name_lists_genitives_and_lower_case_use() -> None:
    lexicon = Lexicon.build({"Velden": (3, 14, 159), "haus": (1, 2, 3)}, {"Velden": 40, "Haus": 9, "haus": 9999},
                            {"Velden": 1 << NAME_LISTS.index("CITY")})
    features = FeatureMaker(lexicon)
    own, far_before, near_before, near_after, far_after = features.word("Velden")
    assert {"c0=3", "c1=14", "c2=159", "g=CITY", "cap", "sh=Xxx"} <= set(own)
    assert "-1:c1=14" in near_before and "1:c1=14" in near_after and "-2:c1=14" in far_before
    assert "2:c2=159" not in far_after and "2:c1=14" in far_after
    assert "gs=CITY" in features.word("Veldens")[0] and "c=none" in features.word("Veldens")[0]
    assert "c1=2" in features.word("Haus")[0]  # a capitalised word without clusters takes its lower-case form's
    assert "lr=6" in features.word("Haus")[0]  # written in lower case 1,000 times as often: 2 x log10
    sent = features.sentence(["in", "Velden"])
    assert "BOS" in sent[0] and "EOS" in sent[1] and "1:g=CITY" in sent[0] and "-1:lw=in" in sent[1]


def test_shape_and_bio_spans() -> None:
    assert shape("Jong-un") == "Xxx-xx" and shape("NATO") == "XX" and shape("2024") == "dd"
    assert list(bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"])) == \
        [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]


def test_bundled_tagger_finds_names_with_exact_offsets() -> None:
    text = ("Die Bürgermeisterin von Hamburg, Katharina Fegebank, sprach am Montag mit Vertretern der "
            "Deutschen Bahn.\nBerlin war nicht eingeladen.")
    found = bundled().spans(text)
    assert all(text[a:b].strip() == text[a:b] and text[a:b] for a, b, _ in found)
    labels = {text[a:b]: label for a, b, label in found}
    assert labels.get("Hamburg") == "LOC" and labels.get("Katharina Fegebank") == "PER"
    assert labels.get("Berlin") == "LOC"
    assert not any("\n" in text[a:b] for a, b, _ in found)  # a name never runs over a line break


def test_a_role_in_front_of_a_name_is_cut_off() -> None:
    text = "Wie Finanzministerin Anna Velden sagte"
    m = Mention(4, len(text) - 6, "Finanzministerin Anna Velden", "PER")
    assert without_leading_role(m) == Mention(21, len(text) - 6, "Anna Velden", "PER")
    assert without_leading_role(Mention(21, 32, "Anna Velden", "PER")).text == "Anna Velden"
    text = "Nordlands Präsidentin Anna Velden"
    assert without_leading_role(Mention(0, len(text), text, "PER")) == Mention(22, len(text), "Anna Velden", "PER")
    assert without_leading_role(Mention(0, 16, "Präsidentin Anna", "PER")).text == "Anna"


def test_a_full_name_after_a_role_replaces_parts_the_tagger_typed_apart() -> None:
    (mentions,) = find_mentions(["Die Expertin Lin Qiao Wen von der Universität Velden sagte das."])
    assert "Lin Qiao Wen" in {m.text for m in mentions if m.type == "PER"}


def test_two_places_run_together_are_split_when_each_is_known_alone() -> None:
    texts = ["Velden liegt am Meer. Nordhafen auch.", "Damals lieferte Velden Nordhafen Waren.",
             "Velden und Nordhafen."]
    docs = [Document(id=f"d{i}", source=f"{i}.txt", format="text", raw=t, text=t) for i, t in enumerate(texts)]
    both = [("Velden", "LOC"), ("Nordhafen", "LOC")]
    spans = [both, [("Velden Nordhafen", "ORG")], both]
    mentions = [[Mention(t.index(s), t.index(s) + len(s), s, k) for s, k in ms]
                for t, ms in zip(texts, spans, strict=True)]
    names = {e["name"]: (e["type"], len(e["mentions"])) for e in resolve_entities(docs, mentions)}
    assert names == {"Velden": ("LOC", 3), "Nordhafen": ("LOC", 3)}


def test_a_span_run_over_a_list_or_into_a_clause_is_cut_into_names() -> None:
    tagger = bundled()
    words = ["Velden", ",", "Nordhafen", "und", "Ostmark", "wurden", "gestern", "genannt"]
    cut = [(a, b) for a, b, _ in tagger._sane(words, 0, 8, "OTH")]
    assert cut and cut[0] == (0, 1)  # the list is cut at the comma ...
    assert all(b <= 5 for _, b in cut) and not any(a <= 1 < b for a, b in cut)  # ... and before the verb
    kept = ["Institut", "für", "angewandte", "Mathematik"]
    assert list(tagger._sane(kept, 0, 4, "ORG")) == [(0, 4, "ORG")]  # an adjective after "für" stays


def test_a_name_tagged_once_is_a_name_wherever_else_the_text_has_it() -> None:
    tagger = bundled()
    text = "Gestern kam Velden an. Velden blieb lange, auch im Hotel Velden Nord."
    extra = tagger.repeated(text, [(12, 18, "PER")])
    assert extra == [(12, 18, "PER"), (23, 29, "PER")]  # not inside the longer name "Velden Nord"
    adjective = "Klug sprach er. Das war klug, sagte Klug."
    assert tagger.repeated(adjective, [(0, 4, "PER")]) == [(0, 4, "PER")]  # more often lower case: kept apart
    assert tagger.repeated("Der Sprecher kam. Sprecher lachen.", [(4, 12, "PER")]) == [(4, 12, "PER")]  # a role


def test_a_polite_pronoun_or_a_number_is_no_part_of_a_persons_name() -> None:
    from lagebild.extract.name_tagger import bundled

    tagger = bundled()
    words = ["Erlauben", "Sie", "Anna", "Velden", "100", "Fragen"]
    kept = [(" ".join(words[a:b]), label) for a, b, label in tagger._sane(words, 0, 5, "PER")]
    assert all("Sie" not in name and "100" not in name for name, _ in kept)
    assert list(tagger._sane(["Sie"], 0, 1, "PER")) == []
    title = list(tagger._sane(["Mara", "und", "der", "Feuerbringer"], 0, 4, "PER"))
    assert all(label != "PER" for *_, label in title)


def test_issue16_features_say_how_the_unlabeled_text_uses_a_capitalised_word(tmp_path: Path) -> None:
    from lagebild.extract.common_nouns import NounContexts, context_of

    # seen inside sentences / after an indefinite article / after an adjective / after a definite article
    nouns = NounContexts.build({"Allianz": [100, 20, 20, 30], "Velden": [100, 0, 1, 2], "Behörde": [50, 10, 20, 15]})
    nouns.save(tmp_path / "nouns.npz")
    assert b"Velden" not in (tmp_path / "nouns.npz").read_bytes()
    nouns = NounContexts.load(tmp_path / "nouns.npz")
    features = FeatureMaker(Lexicon.build({}, {}, {}), nouns)
    assert {"nc=4", "dc=1"} <= set(features.word("Allianz")[0])
    assert {"nc=1", "dc=0"} <= set(features.word("Velden")[0])
    assert "nc=4" in features.word("Hafenbehörde")[0]  # the compound's head
    assert "nc=unk" in features.word("Nordhafen")[0] and not any(f.startswith("nc") for f in features.word("und")[0])
    assert [context_of(w) for w in ("eine", "neue", "die", "in")] == [1, 2, 3, 0]


def test_initials_regnal_numbers_and_web_addresses_are_tagged_as_one_word() -> None:
    # GermEval, which the model learned from, keeps an initial's or a regnal number's dot with its word
    found = {(m.text, m.type) for m in find_mentions([
        "Als Kaiser Karl II. von Velden abdankte, sprach E. Quellbrik auf dem Platz. Die aus Nordbote.de "
        "hervorgegangene Firma meldet Gewinne."])[0]}
    assert {("Karl II. von Velden", "PER"), ("E. Quellbrik", "PER")} <= found
    assert any(text == "Nordbote.de" for text, _ in found)


def test_a_first_name_ending_in_s_is_no_genitive_and_dutch_particles_stay_in_a_name() -> None:
    texts = ["Das Trainerduo Tobias Quellbrik und Lea Sommer rechnet mit fünf Absteigern.",
             "Der Bürgermeister Jan ter Velden sagte, es gehe voran."]
    found = {m.text for ms in find_mentions(texts) for m in ms}
    assert {"Tobias Quellbrik", "Jan ter Velden"} <= found


def test_features_the_model_has_no_weight_for_are_left_out_without_changing_its_labels() -> None:
    tagger = bundled()
    everything = FeatureMaker(tagger.features.lexicon, tagger.features.nouns)
    words = "Die Reederei Nordwerk aus Velden meldete , dass Anna Berg am Montag in Nordhafen war .".split()
    kept, full = tagger.features.sentence(words), everything.sentence(words)
    assert sum(map(len, kept)) < sum(map(len, full))
    assert all(set(k) <= set(f) for k, f in zip(kept, full, strict=True))
    readings = []
    for feats in (kept, full):
        scores = tagger.crf.scores(feats)
        readings.append((tagger.crf.viterbi(scores), tagger.crf.marginals(scores).round(12).tolist()))
    assert readings[0] == readings[1]


def test_a_name_the_tagger_knows_from_the_unlabeled_text_is_proposed_where_it_missed_it(monkeypatch) -> None:
    from lagebild.extract import name_tagger

    monkeypatch.setattr(name_tagger, "known_names", lambda: {name_tagger.word_key("Velnix"): "ORG"})
    tagger = bundled()
    text = "Anna Velden schrieb auf Velnix, die Velnix Werke schwiegen."
    # the first 'Velnix' is added; the second starts a longer capitalised run ('Velnix Werke'): left alone
    assert tagger.known(text, [(0, 11, "PER")]) == [(0, 11, "PER"), (24, 30, "ORG")]
    assert tagger.known(text, [(0, 11, "PER"), (24, 30, "ORG")]) == [(0, 11, "PER"), (24, 30, "ORG")]  # covered
    assert tagger.known("Der Sprecher von Radio Velnix kam.", []) == []  # part of a longer name
