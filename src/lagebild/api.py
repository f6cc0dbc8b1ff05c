"""`analyze(paths) -> Dossier`: read, clean and annotate every input, then run the corpus stages."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from . import stages as _stages  # noqa: F401  (registers the stages)
from .errors import NoArticleText
from .ingest import expand_inputs, read_inputs
from .model import Document, Dossier, RawInput, Rejected, Skipped
from .pipeline import run_corpus, run_document
from .settings import Settings
from .store import Store, extractions, story_index
from .store.snapshot import write_snapshot
from .workers import analyse_each

# Fewer words of body text than this is a menu, a form or a media page, not an article (the shortest
# agency briefs in 10kGNAD have about 40 words).
MIN_ARTICLE_WORDS = 15


def _article_words(doc: Document) -> int:
    return sum(len(doc.text[s.start : s.end].split()) for s in doc.segments
               if s.kind in ("body", "lead") and s.start is not None and s.end is not None)


def analyse_raw(item: RawInput, settings: Settings, doc_id: str = "d0") -> Document | Rejected:
    """The document stages over one raw input: the analysed document (its raw text packed), or its
    rejection when no article text survives cleaning."""
    doc = Document(id=doc_id, source=item.source, format=item.format, raw=item.content, given=dict(item.fields),
                   problems=list(item.problems))
    doc.url, doc.fetched = item.fields.get("url"), item.fields.get("fetched")
    run_document(doc, settings)
    if _article_words(doc) < MIN_ARTICLE_WORDS:
        detail = "no paragraph of article text survived cleaning" if doc.format != "html" \
            else "the page has no main text (navigation, forms or media only)"
        return Rejected(item.source, str(NoArticleText(detail)))
    doc.pack()
    return doc


def _unstored(items: Iterable[RawInput | Rejected], store: Store | None,
              dossier: Dossier) -> Iterator[RawInput | Rejected]:
    for item in items:
        if isinstance(item, Rejected) or store is None or not store.has(item):
            yield item
        else:  # analysed in an earlier run
            dossier.known += 1


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
    dossier = Dossier()
    store = Store(cfg.db) if cfg.db else None
    sources = list(expand_inputs(paths))  # files are read one at a time: a document keeps what it needs
    progress = None
    if cfg.progress and len(sources) > 1:
        from tqdm import tqdm

        progress = tqdm(total=len(sources), desc="analyzing", unit="file", file=sys.stderr)
    for result in analyse_each(_unstored(read_inputs(sources, cfg.max_bytes, progress.update if progress is not None
                                                 else None), store, dossier), cfg):
        if isinstance(result, Skipped):
            dossier.skipped.append(result)
            continue
        if isinstance(result, Rejected):
            dossier.rejected.append(result)
            continue
        item, doc = result
        if store is not None:
            # the store gives a stored document its id when it inserts it (see Store.add); False: the same
            # article twice in one run, or another run stored it meanwhile
            if store.add(item, doc, also=partial(extractions.save, doc=doc)):
                dossier.added += 1
            else:
                dossier.known += 1
        else:
            doc.id = f"d{len(dossier.documents) + 1}"
            dossier.documents.append(doc)
    if progress is not None:
        progress.close()
    if store is not None:
        for doc in extractions.attach(store.db, store.documents()):
            doc.pack()  # compressed as it is read: the whole corpus's raw text is never held at once
            dossier.documents.append(doc)
        store.close()
    run_corpus(dossier, cfg)
    if cfg.db:  # what `lagebild serve` shows, and the stories `report --story` picks from
        write_snapshot(cfg.db, dossier)
        story_index.save(cfg.db, dossier.stories, len(dossier.documents))
    return dossier
