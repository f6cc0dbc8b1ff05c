"""Reading WARC archives in the driver: how fast one process turns a .warc.gz into documents, and so how
many cluster cores one reading driver keeps busy before reading, not analysis, limits a backfill.

    python bench/bench_warc.py [--records 3000]

It also times the driver's part with `--engine ray`, where it passes each page by its record offset
and the workers read and decode it (`read_warc(by_offset=True)`).

The archive is written here with warcio (gzip per record, as CC-NEWS ships): the HTML pages of
../shared/data/extraction/trafilatura-de in turn, each with its request record, and every tenth
response a non-HTML one (skipped and counted). The reader is `ingest.warc.read_warc`, exactly as
`lagebild analyze` runs it: digest check, decoding, one `RawInput` per page. The cores it can feed
come from the per-article cost of the document stages on the cluster (bench_engines.py, ~30 CPU ms).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "data" / "extraction" / "trafilatura-de" / "pages"
ARTICLE_CPU_S = 0.030  # document stages per article on one core (README, "Beyond one machine")


def write_archive(path: Path, records: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(records):
            url = f"https://news.example/{n}"
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            html = n % 10 != 9
            body = pages[n % len(pages)] if html else b"%PDF-1.4 not a page"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8" if html
                                                   else "application/pdf")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path.stat().st_size


def main() -> int:
    from lagebild.ingest.warc import read_warc
    from lagebild.model import RawInput

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=3000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.warc.gz"
        size = write_archive(path, args.records)
        t0 = time.process_time()
        pages = 0
        text_bytes = 0
        for item in read_warc(str(path), 5_000_000):
            if isinstance(item, RawInput):
                pages += 1
                text_bytes += len(item.content)
        cpu = time.process_time() - t0
        t0 = time.process_time()
        offsets = sum(isinstance(item, RawInput) for item in read_warc(str(path), 5_000_000, by_offset=True))
        offset_cpu = time.process_time() - t0
    print(f"{args.records} response records ({pages} HTML pages), {size / 1e6:.1f} MB compressed, "
          f"{text_bytes / 1e6:.1f} MB of page text: {cpu:.2f} CPU s in one process")
    for label, n, seconds in (("read and decoded", pages, cpu), ("by offset (--engine ray)", offsets, offset_cpu)):
        print(f"  {label}: {n / seconds:,.0f} pages/s, {size / 1e6 / seconds:.1f} compressed MB/s; one driver "
              f"feeds about {n / seconds * ARTICLE_CPU_S:.0f} cores at {ARTICLE_CPU_S * 1000:.0f} CPU ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
