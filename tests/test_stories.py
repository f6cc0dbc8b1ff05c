"""Story clustering and sourced summaries."""

from __future__ import annotations

from pathlib import Path

from lagebild import analyze
from lagebild.corpus.related import content_words, jaccard
from lagebild.corpus.stories import SOURCE_JACCARD

from .conftest import EXAMPLES


def test_examples_keep_the_unrelated_local_story_apart() -> None:
    d = analyze([EXAMPLES])
    story_of = {doc: s["id"] for s in d.stories for doc in s["documents"]}
    src = {Path(x.source).name[:9]: x.id for x in d.documents}
    assert story_of[src["fiktiv_01"]] == story_of[src["fiktiv_02"]] == story_of[src["fiktiv_03"]]
    assert story_of[src["fiktiv_06"]] not in {story_of[src[f"fiktiv_0{i}"]] for i in range(1, 6)}


def test_every_summary_sentence_is_in_each_source_it_cites() -> None:
    d = analyze([EXAMPLES])
    texts = {doc.id: doc.text for doc in d.documents}
    assert any(len(s["summary"]) >= 3 for s in d.stories)
    for story in d.stories:
        assert story["summary"], story["id"]
        for sentence in story["summary"]:
            assert sentence["sources"]
            words = content_words(sentence["text"])
            for src in sentence["sources"]:
                assert src["doc"] in story["documents"]
                cited = texts[src["doc"]][src["start"] : src["end"]]
                assert jaccard(words, content_words(cited)) >= SOURCE_JACCARD, (sentence["text"], cited)


def test_agency_copies_are_summarised_with_both_outlets_as_sources() -> None:
    d = analyze([EXAMPLES])
    src = {Path(x.source).name[:9]: x.id for x in d.documents}
    story = next(s for s in d.stories if src["fiktiv_02"] in s["documents"])
    cited = {x["doc"] for sent in story["summary"] for x in sent["sources"]}
    assert {src["fiktiv_02"], src["fiktiv_03"]} <= cited


def test_a_document_joins_its_story_among_more_candidates_than_are_compared_in_full() -> None:
    from itertools import product

    from lagebild.corpus.stories import CANDIDATE_STORIES, cluster
    from lagebild.model import Document

    words = iter("".join(p).capitalize() for p in product(("bra", "kel", "mup", "tor", "zin"), repeat=4))

    def text(own: list[str]) -> str:
        return " ".join(f"Die {w} meldet Neues." for w in own) + " Alle sprechen von der Hafenordnung."

    pairs = [[next(words) for _ in range(8)] for _ in range(CANDIDATE_STORIES + 5)]
    target = [next(words) for _ in range(8)]
    texts = [text(own) for own in pairs for _ in range(2)] + [text(target), text(target), text(target[:6])]
    docs = [Document(id=f"d{i}", source=f"{i}.txt", format="text", raw=t, text=t) for i, t in enumerate(texts)]
    groups = cluster(docs)
    assert len(groups) == len(pairs) + 1  # every pair its own story: "Hafenordnung" alone joins nothing
    assert [len(texts) - 3, len(texts) - 2, len(texts) - 1] in groups


def test_unrelated_long_texts_do_not_join_through_the_few_words_they_share() -> None:
    from itertools import product

    from lagebild.corpus.stories import cluster
    from lagebild.model import Document

    words = iter("".join(p).capitalize() for p in product(("bra", "kel", "mup", "tor", "zin"), repeat=4))
    shared = "Digitalisierung Arbeitswelt Globalisierung Grundeinkommen Automatisierung"

    def text() -> str:  # a long interview: many words of its own, a few words every such talk has
        return " ".join(f"{next(words)} {next(words)}." for _ in range(60)) + " " + shared

    docs = [Document(id=f"d{i}", source=f"{i}.txt", format="text", raw=t, text=t)
            for i, t in enumerate([text(), text(), text()])]
    assert cluster(docs) == [[0], [1], [2]]
