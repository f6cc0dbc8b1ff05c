"""WARC / WARC.gz archives (warcio): every HTML response record is a document with its URL and capture
date; every other record (requests, revisits, metadata, non-HTML responses, failed captures) is skipped
and counted by kind, and the count is reported with the archive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputRejected, UnreadableInput
from ..model import RawInput, Rejected, Skipped
from .decode import decode_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, max_bytes: int, by_offset: bool = False) -> Iterator[RawInput | Rejected]:
    """The archive's HTML pages, one record at a time (an archive of gigabytes is never held); a record
    over `max_bytes` or undecodable is rejected alone. A last `Skipped` entry counts the records that are
    no HTML pages. `by_offset`: each page comes as its record's offset only (`RawInput.at`), read and
    decoded by `load_record` where it is analysed, so that the workers of a cluster, not the driver, do
    the decoding (bench/bench_warc.py: the driver alone feeds about 3 cores)."""
    skipped: Counter[str] = Counter()
    found = 0
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh, check_digests=True)
            for no, record in enumerate(records, 1):
                kind = _skip_reason(record)
                if kind is not None:
                    skipped[kind] += 1
                    continue
                found += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}#record{no} ({uri})"
                if by_offset:
                    fields = _fields(record, uri)
                    yield RawInput(source, "html", "", fields, at=(path, records.get_record_offset()))
                else:
                    yield _page(record, source, uri, max_bytes)
    except ArchiveLoadFailed as exc:
        yield Rejected(path, str(UnreadableInput(f"not a readable WARC archive ({exc.msg})")))
    except (OSError, EOFError, ValueError) as exc:  # a truncated gzip member or file
        yield Rejected(path, str(UnreadableInput(f"the archive is truncated or damaged after {found} pages "
                                                 f"({type(exc).__name__}: {exc})")))
    if skipped:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        yield Skipped(f"{path} (records other than HTML pages)",
                      f"{sum(skipped.values())} WARC records skipped: {counts}")


def load_record(item: RawInput, max_bytes: int) -> RawInput | Rejected:
    """The page of a record `read_warc(by_offset=True)` gave: read at its offset, checked and decoded."""
    assert item.at is not None
    path, offset = item.at
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh, check_digests=True)))
            uri = item.fields.get("url", "")
            found = record.rec_headers.get_header("WARC-Target-URI") or ""
            # a wrong offset can still parse as some record (warcio skips to the next one it can read):
            # only the record the driver saw is this page
            if _skip_reason(record) is not None or found != uri:
                raise ValueError(f"found a {record.rec_type or 'unknown'} record for {found or 'no URL'} there")
            return _page(record, item.source, uri, max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, StopIteration) as exc:
        return Rejected(item.source, str(UnreadableInput(f"the record at offset {offset} cannot be read "
                                                         f"({type(exc).__name__}: {exc})")))


def _fields(record: Any, uri: str) -> dict[str, str]:
    fields = {"url": uri, "fetched": record.rec_headers.get_header("WARC-Date") or None}
    return {k: v for k, v in fields.items() if v}


def _page(record: Any, source: str, uri: str, max_bytes: int) -> RawInput | Rejected:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejected(source, f"HTML record is larger than the limit of {max_bytes / 1e6:.1f} MB")
    if record.rec_headers.get_header("WARC-Payload-Digest") and record.digest_checker.passed is not True:
        return Rejected(source, "the record is truncated or damaged (its payload does not match its "
                                "WARC-Payload-Digest)")
    try:
        text = decode_bytes(body)
    except InputRejected as exc:
        return Rejected(source, str(exc))
    return RawInput(source, "html", text, _fields(record, uri))


def _skip_reason(record: object) -> str | None:
    rtype = getattr(record, "rec_type", "")
    if rtype != "response":
        return rtype or "unknown"
    http = getattr(record, "http_headers", None)
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if not status or not status.startswith("2"):
        return f"HTTP {status} response"
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not ctype.startswith(HTML_TYPES):
        return f"{ctype or 'untyped'} response"
    return None
