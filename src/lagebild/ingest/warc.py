"""WARC / WARC.gz archives (warcio): every HTML response record is a document with its URL and capture
date; every other record (requests, revisits, metadata, non-HTML responses, failed captures) is skipped
and counted by kind, and the count is reported with the archive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputRejected, UnreadableInput
from ..model import RawInput, Rejected, Skipped
from .decode import decode_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, max_bytes: int) -> Iterator[RawInput | Rejected]:
    """The archive's HTML pages, one record at a time (an archive of gigabytes is never held); a record
    over `max_bytes` or undecodable is rejected alone. A last `Skipped` entry counts the records that are
    no HTML pages."""
    skipped: Counter[str] = Counter()
    found = 0
    try:
        with open(path, "rb") as fh:
            for no, record in enumerate(ArchiveIterator(fh, check_digests=True), 1):
                kind = _skip_reason(record)
                if kind is not None:
                    skipped[kind] += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}#record{no} ({uri})"
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Rejected(source, f"HTML record is larger than the limit of {max_bytes / 1e6:.1f} MB")
                    continue
                if record.rec_headers.get_header("WARC-Payload-Digest") and record.digest_checker.passed is not True:
                    yield Rejected(source, "the record is truncated or damaged (its payload does not match its "
                                           "WARC-Payload-Digest)")
                    continue
                try:
                    text = decode_bytes(body)
                except InputRejected as exc:
                    yield Rejected(source, str(exc))
                    continue
                found += 1
                fields = {"url": uri, "fetched": record.rec_headers.get_header("WARC-Date") or None}
                yield RawInput(source, "html", text, {k: v for k, v in fields.items() if v})
    except ArchiveLoadFailed as exc:
        yield Rejected(path, str(UnreadableInput(f"not a readable WARC archive ({exc.msg})")))
    except (OSError, EOFError, ValueError) as exc:  # a truncated gzip member or file
        yield Rejected(path, str(UnreadableInput(f"the archive is truncated or damaged after {found} pages "
                                                 f"({type(exc).__name__}: {exc})")))
    if skipped:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        yield Skipped(f"{path} (records other than HTML pages)",
                      f"{sum(skipped.values())} WARC records skipped: {counts}")


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
