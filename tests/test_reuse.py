"""Shared passages: copies are found with spans in both texts; independent reports are not reuse."""

from __future__ import annotations

import importlib.util
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from lagebild import analyze, engines
from lagebild.corpus import reuse
from lagebild.corpus.reuse import find_reuse
from lagebild.engines import LocalEngine
from lagebild.model import Document, Reuse
from lagebild.stages import clean

from .conftest import ROOT, write

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


def _perturb() -> Callable[[str, random.Random, float], str]:
    """bench/bench_pipeline.py's copies: words dropped or swapped with the one before."""
    spec = importlib.util.spec_from_file_location("bench_pipeline", ROOT / "bench" / "bench_pipeline.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.perturb  # type: ignore[no-any-return]


def synthetic_corpus(n: int, seed: int = 7) -> list[Document]:
    """n cleaned documents of invented words: own paragraphs, whole agency texts copied with a few or many
    words dropped and swapped (some copied by most documents), single agency paragraphs inside own text."""
    rng, perturb = random.Random(seed), _perturb()
    syllables = ["ka", "lo", "mer", "tin", "vu", "sal", "den", "ri", "bo", "na", "fel", "gus", "ter", "ho", "lin"]

    def paragraph() -> str:
        sentences = [" ".join("".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(rng.randint(8, 15)))
                     for _ in range(rng.randint(2, 4))]
        return " ".join(s.capitalize() + "." for s in sentences)

    agency = [[paragraph() for _ in range(3)] for _ in range(6)]
    docs = []
    for i in range(n):
        own = [paragraph() for _ in range(rng.randint(2, 4))]
        r = rng.random()
        if r < 0.45:  # the first agency texts are copied far more often: mass syndication
            source = agency[min(int(rng.expovariate(1.0)), len(agency) - 1)]
            paras = [perturb(p, rng, rng.choice([0.0, 0.03, 0.15])) for p in source]
        elif r < 0.7:
            paras = own[:1] + [perturb(rng.choice(rng.choice(agency)), rng, 0.05)] + own[1:]
        else:
            paras = own
        made = Document(id=f"d{i + 1}", source=f"s{i}.txt", format="text", raw=doc(f"Bericht {i}", paras))
        clean(made)
        docs.append(made)
    return docs


def streamed_reuse(documents: list[Document], min_chars: int = 60) -> list[Reuse]:
    """The reuse stage as it ran before its partitions: one LSH index over all bands, documents queried
    and added to it in order (a paragraph with MAX_PARTNERS hits is not added), each document's pairs
    aligned at once. The partitioned stage must give exactly this."""
    index: dict[int, list[int]] = defaultdict(list)  # band key -> paragraphs
    paras: list[reuse._Para] = []
    found: list[Reuse] = []
    for d, document in enumerate(documents):
        ((spans, keys),) = reuse._hash_part([reuse._paragraph_texts(document, min_chars)])
        pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
        new = []
        for (start, end), row in zip(spans, keys.tolist(), strict=True):
            paras.append(reuse._Para(d, start, end))
            hits = sorted({k for key in row for k in index.get(key, ())})
            for k in hits[: reuse.MAX_PARTNERS]:
                pairs[paras[k].doc].append((k, len(paras) - 1))
            if len(hits) < reuse.MAX_PARTNERS:
                new.append((len(paras) - 1, row))
        for idx, row in new:
            for key in row:
                index[key].append(idx)
        cache: dict = {}
        for other in sorted(pairs):
            found += reuse._align_pair(reuse._Text.of(documents[other]), reuse._Text.of(document),
                                       [(paras[ka], paras[kb]) for ka, kb in sorted(pairs[other])], cache, min_chars)
    return found


@pytest.fixture(scope="module")
def corpus_with_copies() -> list[Document]:
    return synthetic_corpus(400)


def test_partitioned_reuse_equals_one_index_streamed_over_the_documents(corpus_with_copies: list[Document],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = streamed_reuse(corpus_with_copies)
    kinds = {r.kind for r in expected}
    assert len(expected) > 300 and {"verbatim", "near-verbatim"} <= kinds  # copies of every sort were found
    assert find_reuse(corpus_with_copies) == expected  # one partition per step, in this process
    # many small partitions, in two processes of the local engine
    monkeypatch.setattr(reuse, "DOCS_PER_PART", 37)
    monkeypatch.setattr(reuse, "PAIRS_PER_PART", 23)
    monkeypatch.setattr(engines, "PARTS_PER_WAVE", 3)
    engine = LocalEngine(workers=2)
    try:
        assert find_reuse(corpus_with_copies, engine=engine) == expected
    finally:
        engine.close()


def test_mass_syndication_links_each_copy_to_the_first_few(corpus_with_copies: list[Document]) -> None:
    partners: dict[str, set[str]] = defaultdict(set)
    for r in find_reuse(corpus_with_copies):
        a, b = r.spans
        partners[b.doc].add(a.doc)
    by_id = {d.id: d for d in corpus_with_copies}
    for doc_id, earlier in partners.items():  # each paragraph is aligned with at most MAX_PARTNERS earlier ones
        assert len(earlier) <= reuse.MAX_PARTNERS * len(reuse._paragraphs(by_id[doc_id], 60))
    # the most copied agency text is in far more documents than any document is linked with
    assert max(len(e) for e in partners.values()) < 20 < sum(len(e) > 0 for e in partners.values())


def test_a_bands_buckets_are_its_paragraphs_of_several_documents_with_one_key() -> None:
    rng = np.random.default_rng(0)
    keys = rng.integers(0, 60, size=200).astype(np.uint64)
    docs = np.repeat(np.arange(50, dtype=np.int32), 4)  # paragraphs numbered in document order
    expected = []
    for key in sorted(set(keys.tolist())):
        members = [i for i in range(200) if keys[i] == key]
        if len({int(docs[i]) for i in members}) > 1:
            expected.append(members)
    assert reuse._band_buckets((keys, docs)) == expected
    assert any(len(m) > 2 for m in expected) and len(expected) < 60  # some buckets larger, some left out
