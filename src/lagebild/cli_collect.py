"""Command line for the living corpus: `fetch`, `watch`, `status`, `report`. Parses arguments and
calls the library (lagebild.collect, lagebild.slice)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_USAGE, EXIT_SOME_PROBLEMS, EXIT_NOTHING = 0, 2, 3, 4

FETCH_EPILOG = """\
examples:
  lagebild fetch https://example.org/feed.xml --db corpus.sqlite        # a feed: its articles
  lagebild fetch https://example.org/news-sitemap.xml https://example.org/a.html --db corpus.sqlite
  lagebild watch --feeds feeds.txt --db corpus.sqlite --every 15m        # one URL per line, # comments
  lagebild status --db corpus.sqlite
  lagebild report --db corpus.sqlite --out week/ --since 2024-06-17 --until 2024-06-23 --query Nordhafen

exit codes (fetch, watch --once): 0 every URL gave a document or was already stored; 3 some were
rejected or failed (each recorded with its reason, see `lagebild status`); 2 wrong usage.
exit codes (report): 0 written; 3 a document or stage was left out (see "problems" in dossier.json);
4 no document in the slice; 1 the files could not be written; 2 wrong usage
"""


def _policy_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="FILE", help="SQLite corpus store (created if missing)")
    p.add_argument("--host-interval", type=float, default=1.0, metavar="S",
                   help="seconds between two requests to one host (default 1; robots.txt Crawl-delay if longer)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="connect/read timeout (default 10 s)")
    p.add_argument("--max-bytes", type=int, default=5_000_000, metavar="N",
                   help="largest body accepted, counted after decompression (default 5 MB)")
    p.add_argument("--threads", type=int, default=8, metavar="N", help="requests in flight (default 8)")
    p.add_argument("--quiet", "-q", action="store_true", help="only the summary line")


def add_collect_commands(sub: Any) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    fe = sub.add_parser("fetch", help="fetch feeds, sitemaps or article pages into a corpus store",
                        epilog=FETCH_EPILOG, formatter_class=fmt)
    fe.add_argument("urls", nargs="+", metavar="URL", help="RSS/Atom feeds, sitemaps, news sitemaps, article pages")
    _policy_args(fe)
    wa = sub.add_parser("watch", help="fetch a list of feeds and sitemaps again and again", epilog=FETCH_EPILOG,
                        formatter_class=fmt)
    wa.add_argument("--feeds", required=True, metavar="FILE", help="one URL per line (feeds, sitemaps, pages)")
    wa.add_argument("--every", default="15m", help="pause between rounds: 30s, 15m, 2h (default 15m)")
    wa.add_argument("--once", action="store_true", help="one round, then stop")
    wa.add_argument("--rounds", type=int, metavar="N", help="stop after N rounds")
    _policy_args(wa)
    st = sub.add_parser("status", help="documents, queue and fetch attempts of a corpus store", epilog=FETCH_EPILOG,
                        formatter_class=fmt)
    st.add_argument("--db", required=True, metavar="FILE")
    st.add_argument("--json", action="store_true", help="print the figures as JSON")
    st.add_argument("--problems", type=int, default=10, metavar="N", help="show the last N problems (default 10)")
    rp = sub.add_parser("report", help="write the dossier of a slice of a corpus store", epilog=FETCH_EPILOG,
                        formatter_class=fmt)
    rp.add_argument("--db", required=True, metavar="FILE")
    rp.add_argument("--out", required=True, type=Path, help="directory for dossier.json, .md and .html")
    rp.add_argument("--story", metavar="ID", help="one story (as numbered in the dossier of the whole store)")
    rp.add_argument("--since", metavar="DATE", help="published on or after YYYY-MM-DD (the date the document "
                    "gives, else the day it was fetched; dates inferred from related articles do not count)")
    rp.add_argument("--until", metavar="DATE", help="published (as for --since) on or before YYYY-MM-DD")
    rp.add_argument("--query", metavar="TEXT", help="documents whose title or text contains every word of TEXT")
    rp.add_argument("--outlet", metavar="NAME", help="documents of this outlet (case-insensitive)")
    rp.add_argument("--quiet", "-q", action="store_true")


def run_collect_command(args: argparse.Namespace) -> int:
    from .errors import SettingsError

    try:
        if args.command == "status":
            return _status(args)
        if args.command == "report":
            return _report(args)
        return _collect(args)
    except SettingsError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _collect(args: argparse.Namespace) -> int:
    from .collect import Collector, Policy, Tally, parse_every, watch

    policy = Policy(host_interval=args.host_interval, timeout=args.timeout, max_bytes=args.max_bytes,
                    threads=args.threads)
    every = parse_every(args.every) if args.command == "watch" else 0.0
    collector = Collector(args.db, policy, on_line=None if args.quiet else lambda line: print(line, file=sys.stderr))
    totals = Tally()
    try:
        if args.command == "fetch":
            totals = collector.run(args.urls)
            _say(args.command, totals)
        else:
            def report(n: int, tally: Tally) -> None:
                totals.counts.update(tally.counts)
                _say(f"watch round {n}", tally)

            watch(collector, args.feeds, every, rounds=1 if args.once else args.rounds, report=report)
    except KeyboardInterrupt:
        print("lagebild: stopped; what was fetched is stored, the queue resumes next time", file=sys.stderr)
    finally:
        collector.close()
    c = totals.counts
    return EXIT_SOME_PROBLEMS if c["rejected"] or c["failed"] else EXIT_OK


def _say(what: str, tally: Any) -> None:
    print(f"lagebild {what}: {tally.summary()}", file=sys.stderr)


def _status(args: argparse.Namespace) -> int:
    from .collect import status
    from .store.base import is_postgres, redact

    if not is_postgres(args.db) and not Path(args.db).exists():
        print(f"lagebild: no store at {args.db}", file=sys.stderr)
        return EXIT_USAGE
    st = status(args.db, args.problems)
    if args.json:
        print(json.dumps(st, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"store {redact(args.db)}: {st['documents']} documents ({st['fetched_documents']} fetched from the web), "
          f"{st['pending']} URLs queued")
    print(f"fetch attempts: {st['attempts']}" + (f", last at {st['last_attempt']}" if st["last_attempt"] else ""))
    for outcome, n in st["by_outcome"].items():
        print(f"  {outcome:<13} {n}")
    if st["by_host"]:
        print("by host:")
        for host, counts in sorted(st["by_host"].items()):
            print(f"  {host}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if st["recent_problems"]:
        print("recent problems:")
        for p in st["recent_problems"]:
            print(f"  {p['at']}  {p['outcome']:<8} {p['status'] or '-':>3}  {p['url']}  {p['reason']}")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .cli import EXIT_OUTPUT_FAILED, check_output_dir, tell_left_out, write_dossier
    from .errors import LagebildError
    from .slice import Slice, report_slice
    from .store.base import is_postgres

    if not is_postgres(args.db) and not Path(args.db).exists():
        print(f"lagebild: no store at {args.db}", file=sys.stderr)
        return EXIT_USAGE
    sl = Slice.parse(story=args.story, since=args.since, until=args.until, query=args.query, outlet=args.outlet)
    out: Path = args.out
    try:
        check_output_dir(out)  # before the slice is computed, as `analyze` does
    except LagebildError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE
    dossier = report_slice(args.db, sl, progress=not args.quiet)
    if not write_dossier(dossier, out):
        return EXIT_OUTPUT_FAILED
    if not args.quiet:
        print(f"lagebild report: {len(dossier.documents)} documents of the store in this slice ({sl.describe()}), "
              f"{len(dossier.stories)} stories -> {out}/dossier.{{json,md,html}}", file=sys.stderr)
    left_out = tell_left_out(dossier, out, args.quiet)
    if not dossier.documents:
        return EXIT_NOTHING
    return EXIT_SOME_PROBLEMS if left_out else EXIT_OK
