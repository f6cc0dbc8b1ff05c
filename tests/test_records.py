import json

from lagebild.model import Dossier, TextRef


def test_a_text_ref_reads_and_compares_like_the_dict_of_the_contract():
    ref = TextRef("d1", 3, 8, "Weber")
    as_dict = {"doc": "d1", "start": 3, "end": 8, "text": "Weber"}
    assert dict(ref) == as_dict and ref == as_dict
    assert ref["start"] == 3 and ref.get("speaker") is None and "text" in ref


def test_names_of_text_refs_share_one_string():
    a, b = TextRef("d1", 0, 5, "".join(["We", "ber"])), TextRef("d2", 9, 14, "".join(["Web", "er"]))
    assert a["text"] is b["text"]


def test_the_written_json_equals_to_json(tmp_path):
    dossier = Dossier()
    dossier.entities = [{"id": "e1", "name": "Weber", "type": "PER", "aliases": [], "descriptions": [],
                         "mentions": [TextRef("d1", 0, 5, "Weber")]}]
    dossier.quotes = [{"id": "q1", "doc": "d1", "text": "„Ja“"}]
    dossier.write_json(tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8")) == json.loads(dossier.to_json())


def test_time_and_quantity_records_read_and_are_written_like_the_dicts_of_the_contract(tmp_path):
    from lagebild.model import QuantityRecord, TimeRecord

    time = TimeRecord("d1", 10, 19, "am Montag", "2024-06-17", "DATE", "past")
    figure = QuantityRecord("d1", 30, 42, "120 Menschen", 120, "Menschen", None, {"value": 120, "unit": "person"})
    assert dict(time) == {"doc": "d1", "start": 10, "end": 19, "text": "am Montag", "value": "2024-06-17",
                          "type": "DATE", "tense": "past"}
    assert figure["normalized"]["unit"] == "person" and figure.get("qualifier") is None and "unit" in figure
    dossier = Dossier()
    dossier.times, dossier.quantities = [time], [figure]
    dossier.write_json(tmp_path / "d.json")
    written = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert written["times"] == [dict(time)] and written["quantities"] == [dict(figure)]
    assert written == json.loads(dossier.to_json())


def test_text_refs_in_columns_read_like_the_list_of_dicts_of_the_contract(tmp_path):
    from lagebild.model import TextRefs

    refs = TextRefs([TextRef("d1", 300, 309, "Jan Weber"), TextRef("d2", 1200, 1205, "Weber"),
                     TextRef("d2", 1400, 1405, "Weber")])
    as_dicts = [{"doc": "d1", "start": 300, "end": 309, "text": "Jan Weber"},
                {"doc": "d2", "start": 1200, "end": 1205, "text": "Weber"},
                {"doc": "d2", "start": 1400, "end": 1405, "text": "Weber"}]
    assert len(refs) == 3 and refs[0]["text"] == "Jan Weber" and refs[-1].start == 1400
    assert [dict(r) for r in refs] == as_dicts and refs == as_dicts and refs[1:] == as_dicts[1:]
    assert refs[1]["text"] is refs[2]["text"]  # one string for one name
    dossier = Dossier()
    dossier.entities = [{"id": "e1", "name": "Jan Weber", "type": "PER", "mentions": refs}]
    dossier.write_json(tmp_path / "d.json")
    written = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert written["entities"][0]["mentions"] == as_dicts and written == json.loads(dossier.to_json())


def test_a_quote_record_reads_like_the_dict_of_the_contract_and_takes_its_speaker():
    import pytest

    from lagebild.model import QuoteRecord

    text = "Jan Weber sagte: „Der Hafen bleibt offen.“"
    q = QuoteRecord("q1", "d1", 17, 42, "„Der Hafen bleibt offen.“", text, "direct", None, "Jan Weber", "sagte", None,
                    [0, 9])
    assert q["text"] == text[17:42] and q.get("speaker_kind") is None and "speaker_kind" not in q
    q["speaker"], q["speaker_kind"] = "e1", "person"
    assert dict(q) == {"id": "q1", "doc": "d1", "start": 17, "end": 42, "text": "„Der Hafen bleibt offen.“",
                       "kind": "direct", "speaker": "e1", "speaker_text": "Jan Weber", "cue": "sagte", "via": None,
                       "speaker_span": [0, 9], "speaker_kind": "person"}
    assert json.loads(json.dumps(q, default=__import__("lagebild.model").model.plain)) == dict(q)
    with pytest.raises(KeyError):
        q["text"] = "anders"
    # a text that is not the document's characters is kept as given
    other = QuoteRecord("q2", "d1", 0, 5, "Weber", text, "reported", None, None, None, None, None)
    assert other["text"] == "Weber" and len(other) == 11
