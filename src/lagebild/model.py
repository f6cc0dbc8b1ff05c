"""The records that flow through lagebild: raw inputs, documents with segments, and the dossier."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal, overload

SCHEMA = "lagebild/dossier@1"

KEPT_KINDS = frozenset({"title", "kicker", "lead", "subheading", "body"})
DROPPED_KINDS = frozenset(
    {"caption", "byline", "provenance", "meta", "boilerplate", "related", "comments", "duplicate"}
)
SEGMENT_KINDS = KEPT_KINDS | DROPPED_KINDS

InputFormat = Literal["text", "html", "record"]


@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as read from disk, before cleaning. `fields` carries metadata given by the input
    itself (JSON Lines keys, HTTP headers); `problems` what the reader left out of them (a field
    rejected with its reason: the document is kept)."""

    source: str
    format: InputFormat
    content: str
    fields: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    # a WARC record not read yet: (archive path, record offset); the worker that analyses it reads it
    at: tuple[str, int] | None = None


class Record(Mapping[str, Any]):
    """A slotted, read-only record read like the dict the dossier contract describes: a corpus of 100k
    articles has millions of mentions and citations, and a dict each took three times the memory."""

    __slots__ = ()
    _keys: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self))


class TextRef(Record):
    """Characters of a document: {"doc", "start", "end", "text"}. Equal names share one string."""

    __slots__ = ("doc", "start", "end", "text")
    _keys = ("doc", "start", "end", "text")

    def __init__(self, doc: str, start: int, end: int, text: str) -> None:
        self.doc, self.start, self.end, self.text = doc, start, end, sys.intern(text)


class TextRefs(Sequence[TextRef]):
    """Many TextRefs (an entity's mentions) in four columns, made once they are all known; a TextRef is made
    when one is read. At 100,000 articles the entities hold millions of mentions: as objects each took about
    130 bytes (its two offsets beyond 256 are objects too), in columns 24."""

    __slots__ = ("_docs", "_starts", "_ends", "_texts")

    def __init__(self, refs: Iterable[TextRef] = ()) -> None:
        self._docs: list[str] = []
        self._starts, self._ends = array("i"), array("i")
        self._texts: list[str] = []
        for ref in refs:
            self._docs.append(ref.doc)
            self._starts.append(ref.start)
            self._ends.append(ref.end)
            self._texts.append(ref.text)  # interned by TextRef

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> TextRef: ...
    @overload
    def __getitem__(self, i: slice) -> list[TextRef]: ...
    def __getitem__(self, i: int | slice) -> TextRef | list[TextRef]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return TextRef(self._docs[i], self._starts[i], self._ends[i], self._texts[i])

    def __iter__(self) -> Iterator[TextRef]:
        return map(TextRef, self._docs, self._starts, self._ends, self._texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return repr(list(self))


class QuoteRecord(Record):
    """A quotation: {"id", "doc", "start", "end", "text", "kind", "speaker", "speaker_text", "cue", "via",
    "speaker_span"}, and "speaker_kind" once the entities stage has set it. The corpus stages set the speaker
    fields (`record["speaker"] = ...`); the text is read from the document's text when asked for unless it
    differs from it. A dict each took three times the memory (100k articles have about 400k quotations)."""

    __slots__ = ("id", "doc", "start", "end", "_source", "_text", "kind", "speaker", "speaker_text", "cue", "via",
                 "speaker_span", "speaker_kind")
    _keys = ("id", "doc", "start", "end", "text", "kind", "speaker", "speaker_text", "cue", "via", "speaker_span",
             "speaker_kind")
    _settable = frozenset({"speaker", "speaker_text", "speaker_kind"})
    _source: str
    _text: str | None

    def __init__(self, id: str, doc: str, start: int, end: int, text: str, source: str, kind: str,  # noqa: A002
                 speaker: str | None, speaker_text: str | None, cue: str | None, via: list[str] | None,
                 speaker_span: list[int] | None) -> None:
        self.id, self.doc, self.start, self.end, self.kind = id, doc, start, end, kind
        self._source, self._text = (source, None) if source[start:end] == text else ("", text)
        self.speaker, self.speaker_text, self.cue, self.via, self.speaker_span = speaker, speaker_text, cue, via, \
            speaker_span

    @property
    def text(self) -> str:
        return self._text if self._text is not None else self._source[self.start : self.end]

    def __getitem__(self, key: str) -> Any:
        try:
            return super().__getitem__(key)
        except AttributeError:  # speaker_kind before it is set
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys if hasattr(self, "speaker_kind") else self._keys[:-1])

    def __len__(self) -> int:
        return len(self._keys) - (not hasattr(self, "speaker_kind"))

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self._settable:
            raise KeyError(f"{key!r} of a quotation is not set after it is found")
        setattr(self, key, value)


class TimeRecord(Record):
    """A time expression and its value: {"doc", "start", "end", "text", "value", "type", "tense"} (the
    `times` section; a dict each took four times the memory)."""

    __slots__ = ("doc", "start", "end", "text", "value", "type", "tense")
    _keys = ("doc", "start", "end", "text", "value", "type", "tense")

    def __init__(self, doc: str, start: int, end: int, text: str, value: str, type: str,  # noqa: A002
                 tense: str | None) -> None:
        self.doc, self.start, self.end, self.text = doc, start, end, text
        self.value, self.type, self.tense = value, type, tense


class QuantityRecord(Record):
    """A figure: {"doc", "start", "end", "text", "value", "unit", "qualifier", "normalized"} (the
    `quantities` section)."""

    __slots__ = ("doc", "start", "end", "text", "value", "unit", "qualifier", "normalized")
    _keys = ("doc", "start", "end", "text", "value", "unit", "qualifier", "normalized")

    def __init__(self, doc: str, start: int, end: int, text: str, value: Any, unit: str | None,
                 qualifier: str | None, normalized: dict[str, Any] | None) -> None:
        self.doc, self.start, self.end, self.text = doc, start, end, text
        self.value, self.unit, self.qualifier, self.normalized = value, unit, qualifier, normalized


class Excerpt(Record):
    """A sentence quoted from a document with the places that report it: {"text", "sources"}. The text
    is read from the document's text when asked for, not copied."""

    __slots__ = ("_source", "start", "end", "sources")
    _keys = ("text", "sources")

    def __init__(self, source: str, start: int, end: int, sources: list[Span]) -> None:
        self._source, self.start, self.end, self.sources = source, start, end, sources

    @property
    def text(self) -> str:
        return self._source[self.start : self.end]


def as_plain(value: Any) -> Any:
    """A value with its records (and records inside lists and dicts) turned into dicts."""
    if isinstance(value, Mapping):
        return {k: as_plain(v) for k, v in value.items()}
    if isinstance(value, (list, TextRefs)):
        return [as_plain(v) for v in value]
    return value


def plain(value: Any) -> Any:
    """`json.dump`'s fallback: a record that reads like a dict is written as one."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, TextRefs):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


@dataclass(frozen=True, slots=True)
class Rejected:
    source: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Skipped(Rejected):
    """Input that is not meant to be an article and is counted, not rejected (a WARC archive's request,
    image or redirect records): nothing was lost, so it does not make the run's exit code 3."""


@dataclass(frozen=True, slots=True)
class Segment:
    """Input lines [first, last] (1-based, inclusive) with their kind, the reason for it, and, for
    kept kinds, the span [start, end) of their text in `Document.text`. Lines [0, 0] mark text that
    comes from no input line (an HTML page's title given only in its metadata)."""

    first: int
    last: int
    kind: str
    reason: str
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in SEGMENT_KINDS:
            raise ValueError(f"unknown segment kind {self.kind!r}; use one of {sorted(SEGMENT_KINDS)}")
        if self.first > self.last:
            raise ValueError(f"segment lines run backwards: {self.first} > {self.last}")

    @property
    def kept(self) -> bool:
        return self.kind in KEPT_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"lines": [self.first, self.last], "kind": self.kind, "reason": self.reason,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Span(Record):
    """Characters of a document without their text: {"doc", "start", "end"}."""

    doc: str
    start: int
    end: int
    _keys: ClassVar[tuple[str, ...]] = ("doc", "start", "end")

    def to_dict(self) -> dict[str, Any]:
        return dict(self)


@dataclass(frozen=True, slots=True)
class Published:
    value: str | None = None
    basis: Literal["explicit", "inferred", "none"] = "none"
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Translation:
    source_language: str | None
    machine: bool
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source_language, "machine": self.machine, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Original:
    outlet: str | None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "published": self.published}


@dataclass(slots=True)
class Document:
    """One article. Cleaning sets `segments` and `text` (and `lines` for HTML: the rendered blocks); the
    metadata stage the fields below; later stages append annotation records. `problems` lists stage
    failures (the batch goes on)."""

    id: str
    source: str
    format: InputFormat
    raw: str
    given: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    text: str = ""
    title: str = ""
    kicker: str | None = None
    lead: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    dateline: str | None = None
    genre: str | None = None  # "view": a comment piece, column, analysis or blog entry (meta/genre.py)
    published: Published = field(default_factory=Published)
    language: str | None = None
    translation: Translation | None = None
    original: Original | None = None
    problems: list[str] = field(default_factory=list)
    url: str | None = None  # where the page was fetched or captured (given by a feed, a WARC record, a JSONL field)
    fetched: str | None = None  # when (ISO 8601, UTC)
    # working state of the stages, not part of the dossier
    cleaning: Any = field(default=None, repr=False)  # clean.dump.CleanResult
    html_meta: Any = field(default=None, repr=False)  # clean.html.HtmlMeta
    line_basis: str = "input"
    extracted: Any = field(default=None, repr=False)  # extract.per_document.Extracted, read by corpus stages
    raw_packed: bytes = field(default=b"", repr=False)  # the raw input, compressed (see `pack`)

    @classmethod
    def from_dict(cls, data: dict[str, Any], raw: str = "", fmt: InputFormat = "text") -> Document:
        """A document as stored (the dossier's JSON form); its lines come back from the raw input."""
        pub = data.get("published") or {}
        tr = data.get("translation")
        orig = data.get("original")
        return cls(
            id=data["id"], source=data["source"], format=fmt, raw=raw,
            segments=[Segment(s["lines"][0], s["lines"][1], s["kind"], s["reason"], s["start"], s["end"])
                      for s in data.get("segments", [])],
            text=data.get("text", ""), title=data.get("title", ""), kicker=data.get("kicker"), lead=data.get("lead"),
            outlet=data.get("outlet"), authors=list(data.get("authors", [])),
            contributors=list(data.get("contributors", [])), agencies=list(data.get("agencies", [])),
            dateline=data.get("dateline"), genre=data.get("genre"),
            published=Published(pub.get("value"), pub.get("basis", "none"), pub.get("evidence")),
            language=data.get("language"),
            translation=Translation(tr.get("from"), bool(tr.get("machine")), tr.get("evidence", "")) if tr else None,
            original=Original(orig.get("outlet"), orig.get("published")) if orig else None,
            problems=list(data.get("problems", [])), line_basis=data.get("line_basis", "input"),
            url=data.get("url"), fetched=data.get("fetched"),
        )

    def input_lines(self) -> list[str]:
        """The lines segments count: the rendered blocks of an HTML page, else the raw input's lines
        (split on demand, so that a large corpus does not hold every input twice)."""
        return self.lines if self.lines or self.line_basis != "input" else self.raw_input().split("\n")

    def pack(self) -> None:
        """Keep the raw input compressed once the document stages are done: afterwards it only serves the
        audit of removed lines, and a large corpus would otherwise hold every input twice."""
        if self.raw:
            self.raw_packed = zlib.compress(self.raw.encode("utf-8"), 1)
            self.raw = ""
            self.cleaning = None

    def lean(self) -> Document:
        """A copy without the raw input, the rendered lines and the stages' working state: what a corpus
        stage's partition reads of the document in another process (its text, segments and metadata)."""
        return replace(self, raw="", raw_packed=b"", lines=[], given={}, cleaning=None, html_meta=None,
                       extracted=None)

    def raw_input(self) -> str:
        return self.raw or (zlib.decompress(self.raw_packed).decode("utf-8") if self.raw_packed else "")

    def segment_text(self, seg: Segment) -> str:
        """The input lines a segment covers (for removed segments: what was removed)."""
        return "\n".join(self.input_lines()[seg.first - 1 : seg.last])

    def kept_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kept]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "fetched": self.fetched,
            "title": self.title,
            "kicker": self.kicker,
            "lead": self.lead,
            "outlet": self.outlet,
            "authors": self.authors,
            "contributors": self.contributors,
            "agencies": self.agencies,
            "dateline": self.dateline,
            "genre": self.genre,
            "published": self.published.to_dict(),
            "language": self.language,
            "translation": self.translation.to_dict() if self.translation else None,
            "original": self.original.to_dict() if self.original else None,
            "text": self.text,
            "line_basis": self.line_basis,
            "segments": [s.to_dict() for s in self.segments],
            "problems": self.problems,
        }


@dataclass(frozen=True, slots=True)
class Reuse:
    """A passage shared by two documents. kind: verbatim | near-verbatim | same-source translation | paraphrase."""

    kind: str
    similarity: float
    spans: tuple[Span, Span]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "similarity": round(self.similarity, 3),
                "spans": [s.to_dict() for s in self.spans]}


@dataclass
class Dossier:
    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # additive to the contract
    reuse: list[Reuse] = field(default_factory=list)
    # Lists owned by later stages (entities, quotes, facts, stories); present and empty until then.
    stories: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[Mapping[str, Any]] = field(default_factory=list)
    times: list[Mapping[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    # The facts stage's per-document working data (corpus.facts.DocFacts: mentions with their anchors),
    # handed to the claims stage, which needs the stories first; not part of the output.
    doc_facts: list[Any] = field(default_factory=list, repr=False)
    # With a store: documents added by this run, and inputs skipped as already stored (not in the output).
    added: int = 0
    known: int = 0
    # What a corpus stage had to leave out for the whole corpus ({"doc": None, "stage", "problem"});
    # a document's own problems are on the document (see `problem_list`).
    problems: list[dict[str, Any]] = field(default_factory=list)
    _by_id: tuple[tuple[int, int], dict[str, Document]] | None = field(default=None, repr=False, compare=False)

    def document(self, doc_id: str) -> Document:
        key = (id(self.documents), len(self.documents))  # rebuilt when the list is replaced or grows
        if self._by_id is None or self._by_id[0] != key:
            self._by_id = (key, {d.id: d for d in self.documents})
        return self._by_id[1][doc_id]

    def problem_list(self) -> list[dict[str, Any]]:
        """Everything left out of the dossier that is not a rejected input: a document's stage that
        failed, an item a corpus stage could not compute, a given field rejected at reading."""
        return [*({"doc": d.id, "source": d.source, "problem": p} for d in self.documents for p in d.problems),
                *self.problems]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "documents": [d.to_dict() for d in self.documents],
            "rejected": [r.to_dict() for r in self.rejected],
            "skipped": [r.to_dict() for r in self.skipped],
            "reuse": [r.to_dict() for r in self.reuse],
            "stories": [as_plain(st) for st in self.stories],
            "entities": [as_plain(e) for e in self.entities],
            "quotes": self.quotes,
            "quantities": self.quantities,
            "times": self.times,
            "claims": self.claims,
            "timeline": self.timeline,
            "problems": self.problem_list(),
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=plain)

    def write_json(self, path: Any) -> None:
        """The same JSON as `to_json()`, written record by record: no second copy of a large corpus is
        made in memory. Each record of a list is written on one line."""
        sections: list[tuple[str, Iterable[Any]]] = [
            ("documents", (d.to_dict() for d in self.documents)), ("rejected", (r.to_dict() for r in self.rejected)),
            ("skipped", (r.to_dict() for r in self.skipped)),
            ("reuse", (r.to_dict() for r in self.reuse)), ("stories", self.stories), ("entities", self.entities),
            ("quotes", self.quotes), ("quantities", self.quantities), ("times", self.times),
            ("claims", self.claims), ("timeline", self.timeline), ("problems", self.problem_list()),
        ]
        with atomic_output(path) as fh:
            fh.write(f'{{\n "schema": {json.dumps(SCHEMA)}')
            for name, records in sections:
                fh.write(f',\n "{name}": [')
                for n, record in enumerate(records):
                    fh.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False, default=plain))
                fh.write("\n ]")
            fh.write("\n}\n")

    def write_files(self, directory: Any) -> None:
        """dossier.json, dossier.md and dossier.html in `directory` (created if missing)."""
        from pathlib import Path

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        self.write_json(out / "dossier.json")
        self.write_markdown(out / "dossier.md")
        self.write_html(out / "dossier.html")

    def to_markdown(self) -> str:
        from .report.render_md import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from .report.render_html import render_html

        return render_html(self)

    def write_markdown(self, path: Any) -> None:
        from .report.render_md import markdown_chunks

        with atomic_output(path) as fh:
            fh.writelines(markdown_chunks(self))

    def write_html(self, path: Any) -> None:
        from .report.render_html import html_chunks

        with atomic_output(path) as fh:
            fh.writelines(html_chunks(self))


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Any]:
    """A text file written whole or not at all: into a new temporary file beside `path`, flushed to
    disk, then renamed over it. A killed run or a full disk leaves the previous file as it was, and a
    symlink at `path` is replaced, never followed."""
    target = os.fspath(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                               dir=os.path.dirname(target) or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as open() would have made it
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    with suppress(OSError):  # the rename itself survives a power cut once the folder is synced
        dir_fd = os.open(os.path.dirname(target) or ".", os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
