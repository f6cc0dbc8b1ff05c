"""Command line: `lagebild analyze INPUT... --out DIR`. Parses arguments and calls the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .settings import DEFAULT_MAX_BYTES

EXIT_OK = 0
EXIT_SOME_REJECTED = 3
EXIT_NOTHING_USABLE = 4
EXIT_USAGE = 2

EPILOG = """\
examples:
  lagebild analyze examples/ --out out/
  lagebild analyze 'scrapes/**/*.txt' page.html feed.jsonl --out out/ --quiet
  lagebild analyze new-scrapes/ --db corpus.sqlite --out out/    # add to a persistent corpus

exit codes:
  0  every input became a document
  2  wrong usage (bad arguments or settings)
  3  the dossier was written, but some inputs were rejected (listed in dossier.json "rejected")
  4  no input could be used; the dossier lists only rejections
"""


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="lagebild", description="Turn scraped news articles into an audited dossier.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyze", help="analyze articles and write dossier.json, dossier.md and dossier.html",
                        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    an.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="text dumps, HTML pages, .jsonl files, directories or globs")
    an.add_argument("--out", required=True, type=Path, help="directory for the dossier files (created if missing)")
    an.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                    help=f"reject inputs larger than this many bytes (default {DEFAULT_MAX_BYTES})")
    an.add_argument("--db", metavar="FILE", help="SQLite corpus store: skip documents it has, add new ones, "
                    "resume an interrupted run; the dossier covers the whole store")
    an.add_argument("--ner-model", metavar="NAME_OR_PATH",
                    help="spaCy pipeline for named entities instead of the bundled model (e.g. de_core_news_lg)")
    an.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary on stderr")
    an.add_argument("--workers", type=int, metavar="N",
                    help="processes for the per-document stages (default: the cores available); same output for any N")
    from .cli_collect import add_collect_commands

    add_collect_commands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "analyze":
        from .cli_collect import run_collect_command

        return run_collect_command(args)
    from . import analyze
    from .errors import SettingsError

    try:
        dossier = analyze(args.inputs, max_bytes=args.max_bytes, progress=not args.quiet, db=args.db,
                          ner_model=args.ner_model, workers=args.workers)
    except SettingsError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out: Path = args.out
    dossier.write_files(out)
    if not args.quiet:
        print(f"lagebild: {len(dossier.documents)} documents, {len(dossier.rejected)} rejected, "
              f"{len(dossier.reuse)} shared passages -> {out}/dossier.{{json,md,html}}", file=sys.stderr)
        if args.db:
            print(f"  store {args.db}: {dossier.added} new, {dossier.known} skipped as already stored", file=sys.stderr)
        for r in dossier.rejected:
            print(f"  rejected {r.source}: {r.reason}", file=sys.stderr)
        for d in dossier.documents:
            for problem in d.problems:
                print(f"  problem in {d.id} ({d.source}): {problem}", file=sys.stderr)
    if dossier.rejected and not dossier.documents:
        return EXIT_NOTHING_USABLE
    return EXIT_SOME_REJECTED if dossier.rejected else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
