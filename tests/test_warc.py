"""WARC input (issue 19): HTML response records become documents with URL and capture date; requests,
revisits and non-HTML responses are skipped and counted. The archive is written by the test."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild import analyze
from lagebild.cli import main

from .collect_site import article

DATE = "2024-06-18T09:30:00Z"


def write_warc(path: Path, gzip: bool) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for n in (1, 2):
            url = f"http://nordbote.invalid/artikel/{n}.html"
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                warc_content_type="application/http; msgtype=request"))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(article(n).encode("utf-8")),
                                                http_headers=http, warc_headers_dict={"WARC-Date": DATE}))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://nordbote.invalid/bild.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=img))
        w.write_record(w.create_revisit_record("http://nordbote.invalid/artikel/1.html", "sha1:AAAA",
                                               "http://nordbote.invalid/artikel/1.html", DATE))


def test_warc_html_records_are_documents_and_the_rest_is_counted(tmp_path: Path) -> None:
    for name, gz in (("a.warc.gz", True), ("b.warc", False)):
        path = tmp_path / name
        write_warc(path, gz)
        dossier = analyze([path])
        assert [d.url for d in dossier.documents] == [f"http://nordbote.invalid/artikel/{n}.html" for n in (1, 2)]
        assert all(d.fetched == DATE and "Fähre" in d.title for d in dossier.documents)
        assert not dossier.rejected  # nothing was lost: the other records are counted, not rejected
        (summary,) = dossier.skipped
        assert summary.reason == "4 WARC records skipped: 1 image/png response, 2 request, 1 revisit"


def test_truncated_warc_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    dossier = analyze([cut, tmp_path / "fehlt.warc"])
    assert [d.url for d in dossier.documents] == ["http://nordbote.invalid/artikel/1.html"]
    reasons = " | ".join(r.reason for r in dossier.rejected)
    assert "truncated or damaged" in reasons
    assert "no such file" in reasons


def test_analyze_cli_reads_a_warc_into_a_store(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    write_warc(path, True)
    assert main(["analyze", str(path), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "c.sqlite"), "-q"]) == 0
    out = json.loads((tmp_path / "o" / "dossier.json").read_text(encoding="utf-8"))
    assert [d["url"] for d in out["documents"]] == [f"http://nordbote.invalid/artikel/{n}.html" for n in (1, 2)]


def test_records_passed_by_offset_are_read_where_they_are_analysed(tmp_path: Path) -> None:
    """What a Ray worker gets from the driver: a record's offset; it reads and decodes the record itself
    and gives the document the driver would have made, and a damaged record is rejected alone."""
    from lagebild.api import analyze_item
    from lagebild.ingest import read_inputs
    from lagebild.model import Document, RawInput
    from lagebild.settings import Settings

    path = tmp_path / "a.warc.gz"
    write_warc(path, True)
    cfg = Settings()
    read = [i for i in read_inputs([str(path)], cfg.max_bytes) if isinstance(i, RawInput)]
    refs = [i for i in read_inputs([str(path)], cfg.max_bytes, warc_by_offset=True) if isinstance(i, RawInput)]
    assert [r.content for r in refs] == ["", ""] and all(r.at is not None for r in refs)
    assert [r.source for r in refs] == [r.source for r in read]
    for ref, whole in zip(refs, read, strict=True):
        a, b = analyze_item(ref, cfg), analyze_item(whole, cfg)
        assert isinstance(a, Document) and isinstance(b, Document)
        assert a.to_dict() == b.to_dict() and a.raw_input() == b.raw_input() == whole.content
    bad = RawInput(refs[0].source, "html", "", refs[0].fields, at=(str(path), 7))
    assert "cannot be read" in getattr(analyze_item(bad, cfg), "reason", "")


def test_the_ray_engine_reads_archives_on_its_workers_with_the_same_result(tmp_path: Path) -> None:
    import pytest

    ray = pytest.importorskip("ray")
    path = tmp_path / "a.warc.gz"
    write_warc(path, True)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        by_ray = analyze([path], engine="ray", db=str(tmp_path / "ray.sqlite"))
    finally:
        ray.shutdown()
    local = analyze([path], db=str(tmp_path / "local.sqlite"))
    assert by_ray.to_json() == local.to_json()
    again = analyze([path], db=str(tmp_path / "local.sqlite"))  # stored under the same content hash
    assert again.added == 0 and again.known == 2
