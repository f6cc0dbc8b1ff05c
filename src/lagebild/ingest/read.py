"""Turn the user's INPUT arguments into raw documents; every unusable input becomes a rejection."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import BadRecord, EmptyInput, InputRejected, InputTooLarge, MissingInput, UnreadableInput
from ..model import RawInput, Rejected
from .decode import decode_bytes
from .warc import is_warc, read_warc

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("title", "url", "published", "outlet")
# Documentation that sits beside articles in a folder; skipped when a directory is read (a file named
# on the command line is always read).
DOCUMENTATION = ("readme", "license", "licence", "copying", "changelog")
DOC_SUFFIXES = {".md", ".rst"}


def _is_documentation(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in DOC_SUFFIXES or p.stem.lower().startswith(DOCUMENTATION)


def expand_inputs(args: Iterable[str | os.PathLike[str]]) -> Iterator[str | Rejected]:
    """Paths in a stable order: files as given, directories recursively (sorted), globs expanded."""
    for arg in args:
        s = str(arg)
        p = Path(s)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if not name.startswith(".") and not _is_documentation(name):
                        yield str(Path(root) / name)
        elif p.exists() or p.is_symlink():
            yield s
        elif any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield Rejected(s, MissingInput().args[0])
            for m in matches:
                yield from expand_inputs([m]) if Path(m).is_dir() else iter([m])
        else:
            yield Rejected(s, MissingInput().args[0])


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def read_file(path: str, max_bytes: int) -> list[RawInput | Rejected]:
    """One path -> its article(s). A JSON Lines file gives one per line; a bad line is rejected alone."""
    if is_warc(path):  # an archive holds many pages: the limit applies to each, not to the file
        return list(read_warc(path, max_bytes))
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputTooLarge(size, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputRejected as exc:
        return [Rejected(path, str(exc))]
    except OSError as exc:
        return [Rejected(path, str(UnreadableInput(exc.strerror or type(exc).__name__)))]
    try:
        text = decode_bytes(data)
        suffix = Path(path).suffix.lower()
        if suffix in JSONL_SUFFIXES:
            return _read_jsonl(path, text)
        if not text.strip():
            raise EmptyInput("the file holds only white space")
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            return [RawInput(path, "html", text)]
        return [RawInput(path, "text", text)]
    except InputRejected as exc:
        return [Rejected(path, str(exc))]


def _read_jsonl(path: str, text: str) -> list[RawInput | Rejected]:
    out: list[RawInput | Rejected] = []
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        source = f"{path}#L{no}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Rejected(source, str(BadRecord(f"not valid JSON ({exc.msg} at column {exc.colno})"))))
            continue
        if not isinstance(rec, dict):
            out.append(Rejected(source, str(BadRecord("a line must be a JSON object with a 'text' field"))))
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            out.append(Rejected(source, str(BadRecord("the 'text' field is missing or empty"))))
            continue
        given = {k: rec[k] for k in JSONL_FIELDS if isinstance(rec.get(k), str) and rec[k].strip()}
        if "url" in given:
            source = f"{source} ({given['url']})"
        out.append(RawInput(source, "record", body.replace("\r\n", "\n"), given))
    if not out:
        out.append(Rejected(path, str(EmptyInput("the JSON Lines file holds no records"))))
    return out


def read_inputs(sources: Iterable[str | Rejected], max_bytes: int,
                after_file: Callable[[], object] | None = None) -> Iterator[RawInput | Rejected]:
    """The articles of the paths `expand_inputs` gives, read one file at a time (a large corpus is never
    all in memory as raw text); `after_file` is called once each file is done (a progress bar)."""
    for item in sources:
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_warc(item, max_bytes) if is_warc(item) else read_file(item, max_bytes)  # lazily
        if after_file is not None:
            after_file()
