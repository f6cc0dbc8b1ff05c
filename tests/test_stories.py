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
