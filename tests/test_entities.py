"""Named entities: the bundled model loads offline; mentions merge into entities by general rules."""

from __future__ import annotations

import socket

import pytest

from lagebild.corpus.resolve import repair, resolve_entities
from lagebild.extract.entities import Mention, agency_mentions, find_mentions, load
from lagebild.model import Document
from lagebild.nlp.names import name_key


def test_bundled_model_loads_and_runs_with_networking_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    load.cache_clear()
    (mentions,) = find_mentions(["Bundeskanzlerin Angela Merkel traf am Montag in Paris den Präsidenten Frankreichs."])
    types = {m.text: m.type for m in mentions}
    assert types.get("Angela Merkel") == "PER"
    assert types.get("Paris") == "LOC"


def mention(text: str, surface: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, kind)


def entities_of(texts: list[str], spec: list[list[tuple[str, str, int]]]) -> list[dict]:
    docs = [Document(id=f"d{i + 1}", source=f"{i}.txt", format="text", raw=t, text=t) for i, t in enumerate(texts)]
    mentions = [[mention(t, s, k, n) for s, k, n in ms] for t, ms in zip(texts, spec, strict=True)]
    return resolve_entities(docs, mentions)


def holder(ents: list[dict], surface: str) -> set[str]:
    return {e["id"] for e in ents if surface in [m["text"] for m in e["mentions"]] or surface == e["name"]}


def test_bare_surname_belongs_to_the_most_recent_full_name() -> None:
    text = ("Anna Berg und Tom Berg kamen. Tom Berg sagte, es sei gut. Berg fügte hinzu, er komme wieder. "
            "Anna Berg widersprach. Berg blieb dabei.")
    ents = entities_of([text], [[("Anna Berg", "PER", 0), ("Tom Berg", "PER", 0), ("Tom Berg", "PER", 1),
                                 ("Berg", "PER", 3), ("Anna Berg", "PER", 1), ("Berg", "PER", 5)]])
    tom = next(e for e in ents if e["name"] == "Tom Berg")
    anna = next(e for e in ents if e["name"] == "Anna Berg")
    bare = sorted((m for e in ents for m in e["mentions"] if m["text"] == "Berg"), key=lambda m: m["start"])
    assert len(bare) == 2
    assert bare[0] in tom["mentions"] and bare[1] in anna["mentions"]  # after Tom spoke / after Anna objected


def test_genitive_and_hyphenation_variants_merge() -> None:
    text = "Kim Jong-un kam. Kim Jong Uns Rede war kurz. Die Rede von Kim Jong Un endete."
    ents = entities_of([text], [[("Kim Jong-un", "PER", 0), ("Kim Jong Uns", "PER", 0), ("Kim Jong Un", "PER", 1)]])
    assert len(ents) == 1 and len(ents[0]["mentions"]) == 3


def test_transliterations_merge_across_documents_but_first_names_alone_do_not() -> None:
    ents = entities_of(
        ["Juri Uschakow sprach in Pjöngjang.", "Yuri Ushakov spoke in Pyongyang. Wladimir Tichonow too."],
        [[("Juri Uschakow", "PER", 0), ("Pjöngjang", "LOC", 0)],
         [("Yuri Ushakov", "PER", 0), ("Pyongyang", "LOC", 0), ("Wladimir Tichonow", "PER", 0)]])
    assert holder(ents, "Juri Uschakow") == holder(ents, "Yuri Ushakov")
    assert holder(ents, "Pjöngjang") == holder(ents, "Pyongyang")
    assert name_key("Uschakow") == name_key("Ushakov")


def test_role_before_a_name_becomes_a_description_and_alias() -> None:
    text = "Der Kremlsprecher Dmitri Peskow sagte, Peskow sei zufrieden."
    ents = entities_of([text], [[("Dmitri Peskow", "PER", 0), ("Peskow", "PER", 1)]])
    (e,) = ents
    assert "Kremlsprecher" in e["descriptions"]
    assert "Kremlsprecher Dmitri Peskow" in e["aliases"]


def test_repair_splits_names_run_together_and_genitives_in_front() -> None:
    text = "Damals traf Putin Kim Jong Un. Nordkoreas Seoul-Politik. Wladimir Putin und Kim Jong Un."
    keys = {name_key(x) for x in ("Putin", "Kim Jong Un", "Wladimir Putin", "Nordkorea", "Seoul-Politik")}
    fixed = repair(text, [mention(text, "Putin Kim Jong Un", "PER"), mention(text, "Nordkoreas Seoul-Politik", "LOC")],
                   keys, {"putin", "un"})
    assert [m.text for m in fixed] == ["Putin", "Kim Jong Un", "Nordkoreas", "Seoul-Politik"]


def test_news_agencies_are_organisations() -> None:
    assert [(m.text, m.type) for m in agency_mentions("laut Interfax und der Agentur AFP")] == [
        ("Interfax", "ORG"), ("AFP", "ORG")]
