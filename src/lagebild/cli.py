"""Command line: `lagebild analyze INPUT... --out DIR`. Parses arguments and calls the library."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .settings import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from .model import Dossier

EXIT_OK = 0
EXIT_OUTPUT_FAILED = 1
EXIT_SOME_REJECTED = 3
EXIT_NOTHING_USABLE = 4
EXIT_USAGE = 2

EPILOG = """\
examples:
  lagebild analyze examples/ --out out/
  lagebild analyze 'scrapes/**/*.txt' page.html feed.jsonl --out out/ --quiet
  lagebild analyze new-scrapes/ --db corpus.sqlite --out out/    # add to a persistent corpus
  lagebild analyze archive/ --db postgresql://lagebild@db-host/corpus --engine ray --address auto --out out/

exit codes:
  0  every input became a document and nothing was left out
  1  the dossier files could not be written (the previous ones are left as they were)
  2  wrong usage (bad arguments or settings, an unusable --out or --db)
  3  the dossier was written, but something was left out: inputs rejected (dossier.json "rejected")
     or items a stage could not compute (dossier.json "problems")
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
    an.add_argument("--db", metavar="FILE|URL",
                    help="corpus store, an SQLite file or a postgresql:// URL: skip documents it has, add new ones, "
                    "resume an interrupted run; the dossier covers the whole store")
    an.add_argument("--ner-model", metavar="NAME_OR_PATH",
                    help="spaCy pipeline for named entities instead of the bundled model (e.g. de_core_news_lg)")
    an.add_argument("--engine", choices=("local", "ray"), default="local",
                    help="run the per-document work in this process (default) or as Ray tasks (pip install "
                    "'lagebild[ray]'); reuse and claims run in partitions there too, the rest of the corpus "
                    "stages here")
    an.add_argument("--address", metavar="auto|ray://HOST:PORT",
                    help="the Ray cluster for --engine ray (default: start Ray on this machine)")
    an.add_argument("--quiet", "-q", action="store_true",
                    help="no progress bar and no summary on stderr, except one line when something was left out")
    an.add_argument("--workers", type=int, metavar="N",
                    help="processes for the per-document stages (default: the cores available); same output for any N")
    _add_serve(sub)
    from .cli_collect import add_collect_commands

    add_collect_commands(sub)
    return ap


SERVE_EPILOG = """\
examples:
  lagebild serve --db corpus.sqlite --open          # http://127.0.0.1:8000/
  lagebild serve --db corpus.sqlite --host 0.0.0.0 --token-file ~/.lagebild-token
"""


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sv = sub.add_parser("serve", help="browse and search a corpus store in the browser (read-only)",
                        epilog=SERVE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sv.add_argument("--db", required=True, metavar="FILE", help="the store `lagebild analyze --db FILE` wrote")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; any other needs a token)")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--token", help="secret every request must carry (?token=... once, or 'Authorization: Bearer')")
    sv.add_argument("--token-file", type=Path, help="read the token from this file")
    sv.add_argument("--open", action="store_true", help="open the workspace in the default web browser")


def _serve(args: argparse.Namespace) -> int:
    from .web.app import serve
    from .web.queries import StoreUnusable
    from .web.security import LOCAL_NAMES

    token = args.token
    if args.token_file is not None:
        try:
            token = args.token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            print(f"lagebild: cannot read the token file: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.host not in LOCAL_NAMES and not token:
        print(f"lagebild: binding {args.host} makes the corpus reachable from other machines: pass --token or "
              "--token-file", file=sys.stderr)
        return EXIT_USAGE
    try:
        serve(args.db, host=args.host, port=args.port, token=token, open_browser=args.open)
    except StoreUnusable as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "analyze":
        return analyze_command(args)
    from .cli_collect import run_collect_command

    return run_collect_command(args)


def check_output_dir(out: Path) -> bool:
    """Make sure the dossier can be written before hours of analysis: the folder exists (or is made)
    and takes a new file. True if it was made."""
    import tempfile

    from .errors import OutputError

    if out.exists() and not out.is_dir():
        raise OutputError(out, "it is a file, not a folder")
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(out, exc.strerror or type(exc).__name__) from None
    return made


def analyze_command(args: argparse.Namespace) -> int:
    from . import analyze
    from .errors import LagebildError

    out: Path = args.out
    made = False
    try:
        made = check_output_dir(out)
        dossier = analyze(args.inputs, max_bytes=args.max_bytes, progress=not args.quiet, db=args.db,
                          ner_model=args.ner_model, workers=args.workers, engine=args.engine,
                          address=args.address)
    except LagebildError as exc:  # settings, --out or --db: found before any analysis
        if made:
            out.rmdir()  # a wrong command leaves nothing behind
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE
    gc.freeze()  # the dossier is only read from here on: written without the collector walking it again
    try:
        written = write_dossier(dossier, out)
    finally:
        gc.unfreeze()
    if not written:
        return EXIT_OUTPUT_FAILED
    if not args.quiet:
        print(f"lagebild: {len(dossier.documents)} documents, {len(dossier.rejected)} rejected, "
              f"{len(dossier.reuse)} shared passages -> {out}/dossier.{{json,md,html}}", file=sys.stderr)
        if args.db:
            print(f"  store {args.db}: {dossier.added} new, {dossier.known} skipped as already stored", file=sys.stderr)
    left_out = tell_left_out(dossier, out, args.quiet)
    if dossier.rejected and not dossier.documents:
        return EXIT_NOTHING_USABLE
    return EXIT_SOME_REJECTED if left_out else EXIT_OK


def write_dossier(dossier: Dossier, out: Path) -> bool:
    """Write the three files (atomically, model.py); False, said on stderr, if they could not be."""
    from .errors import OutputError

    try:
        dossier.write_files(out)
    except OSError as exc:
        print(f"lagebild: {OutputError(out, exc.strerror or str(exc))}; the files there are unchanged",
              file=sys.stderr)
        return False
    return True


def tell_left_out(dossier: Dossier, out: Path, quiet: bool) -> bool:
    """Say on stderr what the dossier left out (each input and problem, or with `quiet` a count only:
    a left-out input must never pass unnoticed); True if anything was."""
    from .report.common import problem_lines

    problems = problem_lines(dossier)
    if not quiet:
        for r in dossier.rejected:
            print(f"  rejected {r.source}: {r.reason}", file=sys.stderr)
        for r in dossier.skipped:
            print(f"  skipped {r.source}: {r.reason}", file=sys.stderr)
        for where, what in problems:
            print(f"  problem in {where}: {what}", file=sys.stderr)
    if dossier.rejected or problems:
        print(f"lagebild: left out: {len(dossier.rejected)} input(s) rejected, {len(problems)} problem(s); "
              f"see \"rejected\" and \"problems\" in {out}/dossier.json", file=sys.stderr)
    return bool(dossier.rejected or problems)


if __name__ == "__main__":
    sys.exit(main())
