"""`analyze(paths) -> Dossier`: read, clean and annotate every input, then run the corpus stages."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from . import stages as _stages  # noqa: F401  (registers the stages)
from .corpus import memo, story_growth
from .engines import Engine, make_engine, using
from .errors import NoArticleText
from .ingest import expand_inputs, read_inputs
from .ingest.warc import load_record
from .model import Document, Dossier, RawInput, Rejected, Skipped
from .nlp.word_cache import clear_word_caches
from .pipeline import run_corpus, run_document
from .settings import Settings
from .store import extractions, open_store, story_index
from .store.memo import StoredMemo
from .store.snapshot import write_snapshot
from .store.story_state import StoredStories

# Fewer words of body text than this is a menu, a form or a media page, not an article (the shortest
# agency briefs in 10kGNAD have about 40 words).
MIN_ARTICLE_WORDS = 15


def _article_words(doc: Document) -> int:
    return sum(len(doc.text[s.start : s.end].split()) for s in doc.segments
               if s.kind in ("body", "lead") and s.start is not None and s.end is not None)


def analyze_item(item: RawInput, cfg: Settings) -> Document | Rejected:
    """The per-document work on one input (in this process, a worker process or a Ray worker): its
    document, its raw text packed, or why it was rejected. The id is given later: by input order or by
    the store."""
    if item.at is not None:  # a WARC record the driver gave by its offset: read here, on the worker
        loaded = load_record(item, cfg.max_bytes)
        if isinstance(loaded, Rejected):
            return loaded
        item = loaded
    doc = Document(id="d0", source=item.source, format=item.format, raw=item.content, given=dict(item.fields),
                   problems=list(item.problems))
    doc.url, doc.fetched = item.fields.get("url"), item.fields.get("fetched")
    run_document(doc, cfg)
    if _article_words(doc) < MIN_ARTICLE_WORDS:
        detail = "no paragraph of article text survived cleaning" if doc.format != "html" \
            else "the page has no main text (navigation, forms or media only)"
        return Rejected(item.source, str(NoArticleText(detail)))
    doc.pack()
    return doc


def analyze(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], **settings: Any) -> Dossier:
    """Analyze articles (files, directories, globs) into a dossier.

    >>> dossier = analyze(["examples/"])            # doctest: +SKIP
    >>> dossier.to_json()                           # doctest: +SKIP

    Settings are the fields of `lagebild.settings.Settings` (e.g. max_bytes=5_000_000, progress=True).
    Inputs that cannot be used are listed in `dossier.rejected` with the reason; they never stop the run.
    """
    cfg = Settings.from_kwargs(**settings)
    if cfg.ner_model:  # a pipeline the user named must load before any work is done
        from .extract.entities import load

        load(cfg.ner_model)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    # a cluster that cannot be reached: before the store is touched
    engine = make_engine(cfg.engine, cfg.address, cfg.workers)
    threshold = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, *threshold[1:])  # forked workers inherit it
    try:
        return _run(paths, cfg, engine)
    finally:
        engine.close()
        gc.unfreeze()  # what _run set aside (_settle) is the collector's again
        gc.set_threshold(*threshold)


# The young generation is collected after this many new container objects, not Python's 700: a document's
# analysis makes hundreds of thousands of short-lived lists (the features of every token), and each of the
# ~2,700 young collections of a run over 1,028 articles walked what was alive then. With it the collector
# took 1.4 instead of 2.4 CPU s of that run (gc.callbacks, measured in the same minutes); memory held in
# reference cycles waits for at most this many allocations.
YOUNG_COLLECTION_AFTER = 50_000


def _settle() -> None:
    """Collect, then set every object alive now aside from the cyclic collector's full passes (gc.freeze):
    the models and word tables the first document loaded, and later the documents kept, live to the end
    of the run, and walking them again at each full collection was about a tenth of a run's CPU (1,028
    articles of bench/bench_full.py: 16 full collections, 3.9 of 50.6 CPU s). `analyze` gives them back."""
    gc.collect()
    gc.freeze()


def _run(paths: Iterable[str | os.PathLike[str]], cfg: Settings, engine: Engine) -> Dossier:
    dossier = Dossier()
    store = open_store(cfg.db) if cfg.db else None
    sources = list(expand_inputs(paths))  # files are read one at a time: a document keeps what it needs
    progress = None
    if cfg.progress and len(sources) > 1:
        from tqdm import tqdm

        progress = tqdm(total=len(sources), desc="analyzing", unit="file", file=sys.stderr)
    rejected: list[tuple[int, Rejected]] = []
    kept: list[tuple[int, Document]] = []

    def todo() -> Iterator[tuple[int, RawInput]]:
        # with Ray, the workers read WARC records themselves (the driver passes offsets: its decoding would
        # feed only a few cores); a record passed so is known to the store only after it is read
        for index, item in enumerate(read_inputs(sources, cfg.max_bytes,
                                                 progress.update if progress is not None else None,
                                                 warc_by_offset=cfg.engine == "ray")):
            if isinstance(item, Skipped):
                dossier.skipped.append(item)
            elif isinstance(item, Rejected):
                rejected.append((index, item))
            elif store is None or item.at is not None or not store.has(item):
                yield index, item
            else:  # analysed in an earlier run
                dossier.known += 1

    for index, item, result in engine.map(analyze_item, todo(), cfg):  # in the order they finish
        if isinstance(result, Rejected):
            rejected.append((index, result))
        elif store is not None:
            if item.at is not None:  # stored as if the driver had read it: its content, its hash
                item = RawInput(item.source, item.format, result.raw_input(), item.fields, item.problems)
            # committed at once; the store gives the id from the content. False: the same article twice in
            # one run, or another run stored it meanwhile
            if store.add(item, result, also=partial(extractions.save, doc=result)):
                dossier.added += 1
            else:
                dossier.known += 1
        else:
            kept.append((index, result))
            if len(kept) & (len(kept) - 1) == 0:  # the first, second, fourth, ...: the models, the documents
                _settle()
    if progress is not None:
        progress.close()
    # the document stages are done: their per-word caches, full on a large corpus, would only add to the
    # corpus stages' peak (bench/bench_memory.py)
    clear_word_caches()
    _settle()
    dossier.rejected = [r for _, r in sorted(rejected, key=lambda x: x[0])]  # input order, whatever the engine
    for n, (_, doc) in enumerate(sorted(kept, key=lambda x: x[0]), start=1):
        doc.id = f"d{n}"
        dossier.documents.append(doc)
    if store is not None:
        for doc in extractions.attach(store.sql, store.documents()):
            doc.pack()  # compressed as it is read: the whole corpus's raw text is never held at once
            dossier.documents.append(doc)
        remembered = StoredMemo(store)
        try:
            # what the documents already stored gave in earlier runs, the stories they are in, and the
            # partitions of the corpus stages on the engine
            with memo.using(remembered), story_growth.using(StoredStories(store)), using(engine):
                run_corpus(dossier, cfg)
            remembered.save()
        finally:
            store.close()
    else:
        with using(engine):
            run_corpus(dossier, cfg)
    if cfg.db:
        write_snapshot(cfg.db, dossier)  # what `lagebild serve` shows
        story_index.save(cfg.db, dossier.stories, len(dossier.documents))  # the stories `report --story` picks from
    return dossier
