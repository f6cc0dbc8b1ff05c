"""Turn the user's INPUT arguments into raw documents; every unusable input becomes a rejection."""

from __future__ import annotations

import glob
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import BadRecord, EmptyInput, InputRejected, InputTooLarge, MissingInput, UnreadableInput
from ..meta.dates import find_date
from ..model import RawInput, Rejected
from .decode import decode_bytes
from .warc import is_warc, read_warc

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("title", "url", "published", "outlet")
# Documentation that sits beside articles in a folder; skipped when a directory is read (a file named
# on the command line is always read). Whole names only: "license-plate-affair.txt" is an article.
DOCUMENTATION = frozenset({"readme", "license", "licence", "copying", "changelog", "authors", "notice"})
DOC_SUFFIXES = {".md", ".rst"}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_documentation(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in DOC_SUFFIXES or p.stem.lower() in DOCUMENTATION


def shown(path: str) -> str:
    """A path as the dossier shows it. Bytes of a file name that are not UTF-8 (kept by Python as lone
    surrogates, so the file can still be opened) are written `\\xNN`: the name stays readable, every
    byte is kept, and the dossier is valid UTF-8."""
    if not _LONE_SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def expand_inputs(args: Iterable[str | os.PathLike[str]]) -> Iterator[str | Rejected]:
    """Paths in a stable order: files as given, directories recursively (sorted), globs expanded."""
    for arg in args:
        s = os.fspath(arg) if not isinstance(arg, str) else arg
        s = os.fsdecode(s)
        p = Path(s)
        if p.is_dir():
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=unreadable.append):
                dirs.sort()
                for name in sorted(files):
                    if not name.startswith(".") and not _is_documentation(name):
                        yield str(Path(root) / name)
                yield from _unreadable_dirs(unreadable)
            yield from _unreadable_dirs(unreadable)
        elif p.exists() or p.is_symlink():
            yield s
        elif any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield Rejected(shown(s), MissingInput().args[0])
            for m in matches:
                yield from expand_inputs([m]) if Path(m).is_dir() else iter([m])
        else:
            yield Rejected(shown(s), MissingInput().args[0])


def _unreadable_dirs(errors: list[OSError]) -> Iterator[Rejected]:
    while errors:
        exc = errors.pop(0)
        yield Rejected(shown(str(exc.filename)), str(UnreadableInput(
            f"cannot list the directory ({exc.strerror or type(exc).__name__})")))


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def read_file(path: str, max_bytes: int) -> list[RawInput | Rejected]:
    """One path -> its article(s). A JSON Lines file gives one per line; a bad line is rejected alone.
    Only regular files are opened: a FIFO, a device or a socket would block or never end."""
    source = shown(path)
    if is_warc(path):  # an archive holds many pages: the limit applies to each, not to the file
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            return [Rejected(source, str(UnreadableInput(exc.strerror or type(exc).__name__)))]
        if not stat.S_ISREG(mode):
            return [Rejected(source, str(UnreadableInput(_not_regular(mode))))]
        return list(read_warc(path, max_bytes))
    try:
        data = _read_regular(path, max_bytes)
    except InputRejected as exc:
        return [Rejected(source, str(exc))]
    except OSError as exc:
        return [Rejected(source, str(UnreadableInput(exc.strerror or type(exc).__name__)))]
    path = source
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


def _read_regular(path: str, max_bytes: int) -> bytes:
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise UnreadableInput(_not_regular(os.stat(path).st_mode))
    # opened without blocking and checked again: the path may have been swapped for a FIFO meanwhile
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableInput(_not_regular(st.st_mode))
        if st.st_size > max_bytes:
            raise InputTooLarge(st.st_size, max_bytes)
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read
        raise InputTooLarge(len(data), max_bytes)
    return data


def _not_regular(mode: int) -> str:
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    return f"{kind}, not a regular file; only files are read"


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
        except RecursionError:
            out.append(Rejected(source, str(BadRecord("nested too deeply to read"))))
            continue
        if not isinstance(rec, dict):
            out.append(Rejected(source, str(BadRecord("a line must be a JSON object with a 'text' field"))))
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            out.append(Rejected(source, str(BadRecord("the 'text' field is missing or empty"))))
            continue
        given, problems = _record_fields(rec)
        if "url" in given:
            source = f"{source} ({given['url']})"
        out.append(RawInput(source, "record", _without_surrogates(body).replace("\r\n", "\n"), given,
                            tuple(problems)))
    if not out:
        out.append(Rejected(path, str(EmptyInput("the JSON Lines file holds no records"))))
    return out


def _without_surrogates(text: str) -> str:
    """JSON may escape half of a UTF-16 pair alone ("\\ud800"), which no UTF-8 file can hold."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def _is_calendar_date(value: str) -> bool:
    """What the metadata stage reads as the date: a written date, or an ISO date at the start."""
    if find_date(value):
        return True
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        return iso is not None and bool(date(*map(int, iso.groups())))
    except ValueError:
        return False


def _record_fields(rec: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The optional fields of a record that can be used; each other one is left out with its reason."""
    given: dict[str, str] = {}
    problems: list[str] = []
    for key in JSONL_FIELDS:
        value = rec.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            problems.append(f"field {key} left out: a {type(value).__name__}, not text")
            continue
        value = _without_surrogates(value)
        if key == "published" and not _is_calendar_date(value):
            problems.append(f"field published left out: {value[:40]!r} is not a calendar date")
            continue
        given[key] = value
    return given, problems


def read_inputs(sources: Iterable[str | Rejected], max_bytes: int,
                after_file: Callable[[], object] | None = None, warc_by_offset: bool = False
                ) -> Iterator[RawInput | Rejected]:
    """The articles of the paths `expand_inputs` gives, read one file at a time (a large corpus is never
    all in memory as raw text); `after_file` is called once each file is done (a progress bar).
    `warc_by_offset`: WARC pages as record offsets, read where they are analysed (warc.load_record)."""
    for item in sources:
        if isinstance(item, Rejected):
            yield item
        elif is_warc(item):
            yield from read_warc(item, max_bytes, by_offset=warc_by_offset)  # lazily
        else:
            yield from read_file(item, max_bytes)
        if after_file is not None:
            after_file()
