"""Issue #20: hostile input never stops the run, empties a section for everyone, or passes unnoticed.

Each committed crasher (tests/data/crashers/, see its README) is analysed beside good articles: the
good articles' results must be those of a run without it, and what was left out must be in the
dossier's `rejected` or `problems`, in the exit code and on stderr (also with --quiet)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from lagebild import analyze
from lagebild.cli import EXIT_OK, EXIT_SOME_REJECTED, EXIT_USAGE, main
from lagebild.model import Dossier
from lagebild.store import Store
from lagebild.store.sqlite import MIGRATIONS, migration

from .conftest import EXAMPLES, ROOT, write

CRASHERS = ROOT / "tests" / "data" / "crashers"
GOOD = ("fiktiv_01_velde-bote.txt", "fiktiv_02_morgenblatt.txt")


def good_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    for name in GOOD:
        write(d, name, (EXAMPLES / name).read_text(encoding="utf-8"))
    return d


def sections_of(d: Dossier, docs: set[str]) -> dict[str, list[str]]:
    """What the dossier says about the documents `docs` (by file name), in comparable form."""
    ids = {x.id: Path(x.source).name for x in d.documents if Path(x.source).name in docs}
    out: dict[str, list[str]] = {}
    for name in ("quotes", "quantities", "times"):
        out[name] = sorted(f"{ids[r['doc']]}:{r['start']}:{r['end']}" for r in getattr(d, name) if r["doc"] in ids)
    out["entities"] = sorted(f"{ids[m['doc']]}:{m['start']}:{m['end']}" for e in d.entities for m in e["mentions"]
                             if m["doc"] in ids)
    out["documents"] = sorted(json.dumps({k: v for k, v in x.to_dict().items() if k not in ("id", "source")})
                              for x in d.documents if x.id in ids)
    return out


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    return sections_of(analyze([good_dir(tmp_path_factory.mktemp("base"))]), set(GOOD))


@pytest.mark.parametrize("crasher", sorted(p.name for p in CRASHERS.iterdir() if p.name != "README.md"))
def test_crasher_beside_good_articles_leaves_them_unchanged(crasher: str, tmp_path: Path,
                                                             baseline: dict[str, list[str]]) -> None:
    d = good_dir(tmp_path)
    (d / crasher).write_bytes((CRASHERS / crasher).read_bytes())
    dossier = analyze([d])
    assert sections_of(dossier, set(GOOD)) == baseline
    json.loads(dossier.to_json())  # writable as JSON (valid UTF-8)


def test_impossible_date_is_rejected_as_a_field_and_the_document_kept(tmp_path: Path) -> None:
    dossier = analyze([CRASHERS / "impossible_date.jsonl"])
    (doc,) = dossier.documents
    assert doc.published.value != "2023-02-30"
    assert doc.title == "Neue Brücke für Nordhafen"
    assert [p["problem"] for p in dossier.problem_list()] == [
        "field published left out: '2023-02-30' is not a calendar date"]
    assert dossier.times and dossier.stories  # the sections it used to empty


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    dossier = analyze([CRASHERS / "lone_surrogate.jsonl"])
    assert len(dossier.documents) == 2
    assert "\ufffd" in dossier.documents[1].text
    assert "\ufffd" in dossier.documents[0].title


def test_deeply_nested_json_line_is_rejected_alone() -> None:
    dossier = analyze([CRASHERS / "deep_nesting.jsonl"])
    assert [r.reason for r in dossier.rejected] == ["unusable JSON Lines record: nested too deeply to read"]
    assert len(dossier.documents) == 1


def test_entity_stage_failure_leaves_out_one_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild import stages

    d = good_dir(tmp_path)
    (d / "x.txt").write_bytes((CRASHERS / "number_next_to_name.txt").read_bytes())
    crasher_alone = analyze([d / "x.txt"])  # its IndexError in resolution is fixed: it has entities of its own
    assert crasher_alone.entities and not crasher_alone.problem_list()
    real = stages.resolve_entities

    def fragile(docs: list[Any], *rest: Any) -> Any:
        if any(x.source.endswith("x.txt") for x in docs):
            raise IndexError("one bad mention")
        return real(docs, *rest)

    monkeypatch.setattr(stages, "resolve_entities", fragile)
    dossier = analyze([d])
    bad = next(x for x in dossier.documents if x.source.endswith("x.txt"))
    assert any("left out of corpus stage entities" in p for p in bad.problems)
    assert dossier.entities and all(m["doc"] != bad.id for e in dossier.entities for m in e["mentions"])


@pytest.mark.parametrize("stored", [False, True])
def test_corpus_stage_that_fails_on_one_document_computes_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    stored: bool) -> None:
    """In a store too, where the stories stage grows the stories kept there (corpus/story_growth.py)."""
    from lagebild import stages

    real = stages.build_stories

    def fragile(dossier: Dossier, *how: Any) -> list[dict[str, object]]:
        if any("Velde-Bote" in (d.outlet or "") for d in dossier.documents):
            raise ValueError("one bad record")
        return real(dossier, *how)

    monkeypatch.setattr(stages, "build_stories", fragile)
    dossier = analyze([good_dir(tmp_path)], db=str(tmp_path / "c.sqlite") if stored else None)
    bad = next(x for x in dossier.documents if x.outlet == "Velde-Bote")
    assert dossier.stories and all(bad.id not in s["documents"] for s in dossier.stories)
    assert any(p["doc"] == bad.id and "stories" in p["problem"] for p in dossier.problem_list())


def test_quotes_stage_that_fails_on_one_document_keeps_the_others_quotations(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The stage runs again without the document it fails on: what the first attempts read of the others'
    document-stage results must still be there."""
    from lagebild import stages

    whole = analyze([good_dir(tmp_path)])
    real = stages.QuoteRecord
    bad_doc = next(x.id for x in whole.documents if x.outlet == "Velde-Bote")

    def fragile(*args: Any) -> Any:
        if args[1] == bad_doc:
            raise ValueError("one bad record")
        return real(*args)

    monkeypatch.setattr(stages, "QuoteRecord", fragile)
    dossier = analyze([good_dir(tmp_path)])
    assert {q["doc"] for q in whole.quotes} == {d.id for d in whole.documents}  # both documents have some
    assert {q["doc"] for q in dossier.quotes} == {d.id for d in dossier.documents} - {bad_doc}
    assert any(p["doc"] == bad_doc and "quotes" in p["problem"] for p in dossier.problem_list())


def test_whole_file_names_only_are_skipped_as_documentation(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    write(d, "LICENSE", "Permission is hereby granted, free of charge, to any person.\n")
    write(d, "README.txt", "Dieser Ordner enthält Artikel.\n")
    (d / "license-plate-affair.txt").write_bytes((CRASHERS / "license-plate-affair.txt").read_bytes())
    names = sorted(Path(x.source).name for x in analyze([d]).documents)
    assert names == sorted([*GOOD, "license-plate-affair.txt"])


def test_fifo_and_device_are_rejected_without_blocking(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    os.mkfifo(d / "pipe.txt")
    dossier = analyze([d, "/dev/zero"])
    reasons = {Path(r.source).name: r.reason for r in dossier.rejected}
    assert "named pipe" in reasons["pipe.txt"] and "device" in reasons["zero"]
    assert len(dossier.documents) == 2


def test_file_name_that_is_not_utf8_is_kept_and_shown_escaped(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    name = b"caf\xe9-nordhafen.txt"
    with open(os.path.join(os.fsencode(d), name), "wb") as fh:
        fh.write((EXAMPLES / "fiktiv_03_rundschau.txt").read_bytes())
    dossier = analyze([d])
    shown = [x.source for x in dossier.documents if "nordhafen" in x.source]
    assert shown == [str(d / "caf\\xe9-nordhafen.txt")]
    assert os.fsencode(shown[0].replace("\\xe9", "\udce9")).endswith(name)  # every byte kept
    json.loads(dossier.to_json())


def test_file_name_that_is_not_utf8_gets_into_the_store_and_out_again(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as fh:
        fh.write((EXAMPLES / "fiktiv_03_rundschau.txt").read_bytes())
    db = str(tmp_path / "c.sqlite")
    first = analyze([d], db=db)
    again = analyze([d], db=db)
    assert (first.added, again.added, again.known) == (3, 0, 3)
    assert sorted(x.source for x in again.documents) == sorted(x.source for x in first.documents)
    assert any(x.source.endswith("caf\\xe9.txt") for x in again.documents)


def test_unreadable_directory_is_rejected_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, where chmod 000 does not stop listing: simulate the OS refusing."""
    d = good_dir(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    real = os.scandir

    def guarded(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded)
    dossier = analyze([d])
    assert [(Path(r.source).name, r.reason) for r in dossier.rejected] == [
        ("locked", "cannot read the file: cannot list the directory (Permission denied)")]
    assert len(dossier.documents) == 2


def test_utf16_without_bom_is_read_as_text() -> None:
    dossier = analyze([CRASHERS / "utf16_without_bom.txt"])
    assert dossier.rejected == [] and "Nordhafen" in dossier.documents[0].text


def test_article_nested_in_300_divs_is_read() -> None:
    dossier = analyze([CRASHERS / "deep_divs.html"])
    assert dossier.rejected == [] and "Bürgermeisterin Anna Velden" in dossier.documents[0].text


def test_article_nested_deeper_than_the_parser_reads_is_read(tmp_path: Path) -> None:
    """libxml2 stops at 2,048 levels even with huge_tree: an article inside 5,000 wrappers, with a
    paragraph after them, is read whole."""
    page = (CRASHERS / "deep_divs.html").read_text(encoding="utf-8")
    deeper = page.replace("<div>" * 300, '<div class="w">' * 5000).replace("</div>" * 300, "</div>" * 5000)
    deeper = deeper.replace("</body>", "<p>Der Nordbote berichtet am Abend weiter aus dem Rathaus.</p></body>")
    assert deeper.count('<div class="w">') == 5000
    dossier = analyze([write(tmp_path, "deeper.html", deeper)])
    assert dossier.rejected == [] and "Bürgermeisterin Anna Velden" in dossier.documents[0].text
    assert "berichtet am Abend weiter" in dossier.documents[0].text


def test_problems_are_in_the_exit_code_and_on_stderr_also_when_quiet(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", str(CRASHERS / "impossible_date.jsonl"), "--out", str(tmp_path / "o"), "--quiet"])
    assert code == EXIT_SOME_REJECTED
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "dossier.json" in err
    data = json.loads((tmp_path / "o" / "dossier.json").read_text(encoding="utf-8"))
    assert data["problems"][0]["problem"].startswith("field published left out")
    assert main(["analyze", str(EXAMPLES), "--out", str(tmp_path / "ok"), "--quiet"]) == EXIT_OK
    assert capsys.readouterr().err == ""


def test_problems_are_listed_in_markdown_and_html_escaped(tmp_path: Path) -> None:
    """What was left out is in dossier.md and dossier.html too, not in dossier.json alone, and a problem's
    text (it quotes input: a field value, a file name) is escaped there like any untrusted text."""
    assert main(["analyze", str(CRASHERS / "impossible_date.jsonl"), "--out", str(tmp_path / "o"), "-q"]) \
        == EXIT_SOME_REJECTED
    md = (tmp_path / "o" / "dossier.md").read_text(encoding="utf-8")
    html = (tmp_path / "o" / "dossier.html").read_text(encoding="utf-8")
    for report in (md, html):
        assert "Left out (problems)" in report and "field published left out" in report and "2023-02-30" in report

    from lagebild.report.render_html import render_html
    from lagebild.report.render_md import render_markdown

    dossier = analyze([CRASHERS / "impossible_date.jsonl"])
    dossier.problems.append({"doc": None, "stage": "claims",
                             "problem": "failed on <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://e/i.png)"})
    md, html = render_markdown(dossier), render_html(dossier)
    assert "<script>" not in md and "[x](" not in md and "![i](" not in md
    assert "&lt;script&gt;" in md and "\\[x\\](javascript:alert(1))" in md
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="#problems">' in html and "- [Left out (problems)](#problems)" in md


def test_report_of_a_store_says_what_was_left_out_and_checks_out_first(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite")
    analyze([CRASHERS / "impossible_date.jsonl", *good_dir(tmp_path).iterdir()], db=db)
    assert main(["report", "--db", db, "--out", str(tmp_path / "o"), "-q"]) == EXIT_SOME_REJECTED
    assert "1 problem(s)" in capsys.readouterr().err
    assert "field published left out" in (tmp_path / "o" / "dossier.md").read_text(encoding="utf-8")
    (tmp_path / "f").write_text("keep me")
    assert main(["report", "--db", db, "--out", str(tmp_path / "f"), "-q"]) == EXIT_USAGE
    assert "it is a file, not a folder" in capsys.readouterr().err and (tmp_path / "f").read_text() == "keep me"


@pytest.mark.parametrize("kind", ["file", "symlink to a file"])
def test_out_that_is_not_a_folder_is_a_usage_error_before_analysis(kind: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    target = tmp_path / "t.txt"
    target.write_text("keep me")
    if kind == "file":
        out = target
    else:
        out.symlink_to(target)
    assert main(["analyze", str(EXAMPLES), "--out", str(out), "-q"]) == EXIT_USAGE
    assert "it is a file, not a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_planted_symlink_in_out_is_replaced_not_followed(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "dossier.html").symlink_to(victim)
    main(["analyze", str(EXAMPLES / GOOD[0]), "--out", str(out), "-q"])
    assert victim.read_text() == "keep me"
    assert not (out / "dossier.html").is_symlink() and "<html" in (out / "dossier.html").read_text()
    assert sorted(p.name for p in out.iterdir()) == ["dossier.html", "dossier.json", "dossier.md"]


def test_failed_write_leaves_the_previous_dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "o"
    assert main(["analyze", str(EXAMPLES / GOOD[0]), "--out", str(out), "-q"]) == EXIT_OK
    before = (out / "dossier.json").read_bytes()

    def full_disk(self: Dossier) -> object:
        yield "# Lagebild\n"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("lagebild.report.render_md.markdown_chunks", full_disk)
    assert main(["analyze", str(EXAMPLES / GOOD[1]), "--out", str(out), "-q"]) == 1
    assert (out / "dossier.md").read_text(encoding="utf-8").startswith("#")
    assert len((out / "dossier.md").read_text(encoding="utf-8")) > 100  # the previous one, whole
    assert (out / "dossier.json").read_bytes() != before  # written before the failure, whole
    json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == ["dossier.html", "dossier.json", "dossier.md"]


# --- --db misuse: refused with a message, before any analysis, nothing changed ---

def _db_error(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["analyze", str(EXAMPLES / GOOD[0]), "--out", str(tmp_path / "o"), "--db", str(db), "-q"])
    assert code == EXIT_USAGE
    assert not (tmp_path / "o").exists()
    return capsys.readouterr().err


def test_db_that_is_a_folder_or_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "it is a directory" in _db_error(tmp_path, tmp_path, capsys)
    text = write(tmp_path, "notes.txt", "Einkaufsliste\n" * 20)
    assert "not an SQLite database" in _db_error(text, tmp_path, capsys)
    assert text.read_text() == "Einkaufsliste\n" * 20


def test_truncated_db_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    analyze([EXAMPLES / GOOD[0]], db=str(db))
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] if len(data) > 300 else data[:50])
    for wal in tmp_path.glob("c.sqlite-*"):
        wal.unlink()
    assert "cannot use" in _db_error(db, tmp_path, capsys)


def test_another_programs_db_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "other.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    assert "another program's database (tables: contacts)" in _db_error(db, tmp_path, capsys)
    assert db.read_bytes() == before
    con = sqlite3.connect(db)
    con.execute("PRAGMA application_id = 42")
    con.commit()
    con.close()
    assert "belongs to another program" in _db_error(db, tmp_path, capsys)
    other = tmp_path / "laravel.sqlite"  # a `migrations` table of another framework is no lagebild store
    _executed(other, "CREATE TABLE migrations (id INTEGER PRIMARY KEY, migration TEXT, batch INTEGER)")
    assert "another program's database (tables: migrations)" in _db_error(other, tmp_path, capsys)


def _executed(db: Path, statement: str) -> None:
    con = sqlite3.connect(db)
    con.execute(statement)
    con.commit()
    con.close()


def test_a_store_another_run_is_creating_is_not_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"  # as a run leaves it between its migrations table and the first migration
    _executed(db, "CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    Store(db).close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)
    con.close()


def test_store_with_an_unknown_newer_migration_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    Store(db).close()
    _executed(db, "INSERT INTO migrations (version, name, applied_at) VALUES (999, 'from the future', '')")
    assert "a newer lagebild changed its schema (migration 999 'from the future'" in _db_error(db, tmp_path, capsys)


def test_failing_migration_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    Store(db).close()

    @migration(998, "half done")
    def half(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE half (x INTEGER)")
        raise RuntimeError("killed here")

    try:
        with pytest.raises(RuntimeError):
            Store(db)
    finally:
        MIGRATIONS.remove((998, "half done", half))
    con = sqlite3.connect(db)
    tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half" not in tables
    assert 998 not in {v for (v,) in con.execute("SELECT version FROM migrations")}
    con.close()
    assert Store(db).count() == 0  # and it still opens


def test_store_made_before_the_mark_is_adopted(tmp_path: Path) -> None:
    """Stores written before issue #20 have no application id and numbered ids: they open and migrate."""
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);
        INSERT INTO migrations VALUES (1, 'documents', '');
        CREATE TABLE documents (seq INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL, format TEXT NOT NULL, raw TEXT NOT NULL, record TEXT NOT NULL,
            added_at TEXT NOT NULL);
    """)
    con.close()
    dossier = analyze([EXAMPLES / GOOD[0]], db=str(db))
    assert len(dossier.documents) == 1 and dossier.documents[0].id.startswith("d")
    assert stat.S_ISREG(db.stat().st_mode)


def test_stage_past_its_time_budget_is_stopped_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net for input no rule foresaw: a stage that would run for ever on one document."""
    from lagebild import pipeline
    from lagebild.extract import attribution

    real = attribution.quotations

    def endless(text: str, language: object) -> object:
        if "Velde-Bote" in text:
            while True:
                pass
        return real(text, language)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "BUDGET_BASE_S", 1.0)
    monkeypatch.setattr(attribution, "quotations", endless)
    dossier = analyze([good_dir(tmp_path)], workers=1)
    stopped = [p for p in dossier.problem_list() if "StageTimeout" in p["problem"]]
    # stopped once, in the per-document extraction; the corpus stages then leave the document out
    assert len(stopped) == 1 and "extract" in stopped[0]["problem"]
    assert any(q["doc"] != stopped[0]["doc"] for q in dossier.quotes)


def test_facts_of_a_text_longer_than_any_article_stop_at_the_cap_which_is_recorded(tmp_path: Path) -> None:
    from lagebild.nlp.pieces import EXTRACT_MAX_CHARS, extraction_end

    paragraph = "Anna Velden sagte am {d}. Mai 2024 in Nordhafen: „Wir bauen die Brücke für {n} Millionen Euro.“\n\n"
    text = "Nordhafen baut\n\n" + "".join(paragraph.format(d=n % 28 + 1, n=n + 2) for n in range(3000))
    assert len(text) > 2 * EXTRACT_MAX_CHARS
    dossier = analyze([write(tmp_path, "long.txt", text)], max_bytes=10_000_000, workers=1)
    (doc,) = dossier.documents
    end = extraction_end(doc.text)
    assert EXTRACT_MAX_CHARS // 2 < end <= EXTRACT_MAX_CHARS and doc.text.endswith("Millionen Euro.“")  # text kept
    assert doc.text[end - 2 : end] == "\n\n"  # cut at a paragraph end
    for section in (dossier.quotes, dossier.times, dossier.quantities):
        assert section and max(r["end"] for r in section) <= end < len(doc.text)
        assert max(r["start"] for r in section) > end - 1000  # read up to the cut
    (problem,) = [p for p in dossier.problem_list() if p["doc"] == doc.id]
    assert f"the first {end:,} of {len(doc.text):,} characters" in problem["problem"]


def test_long_text_is_read_in_pieces_whose_items_point_into_the_whole_text(tmp_path: Path) -> None:
    from lagebild.nlp.pieces import PIECE_CHARS, extraction_end, pieces

    paragraph = "Anna Velden sagte am {d}. Mai 2024 in Nordhafen: „Wir bauen die Brücke für {n} Millionen Euro.“\n\n"
    text = "Nordhafen baut\n\n" + "".join(paragraph.format(d=n % 28 + 1, n=n + 2) for n in range(1600))
    parts = pieces(text)
    assert len(parts) >= 3 and "".join(p for _, p in parts) == text[: extraction_end(text)]
    assert all(text[off : off + len(p)] == p and len(p) <= PIECE_CHARS for off, p in parts)
    dossier = analyze([write(tmp_path, "long.txt", text)], max_bytes=10_000_000)
    (doc,) = dossier.documents
    for section in (dossier.quotes, dossier.times, dossier.quantities):
        assert section and max(r["start"] for r in section) > 2 * PIECE_CHARS
        assert all(doc.text[r["start"] : r["end"]] == r["text"] for r in section)
    mentions = [m for e in dossier.entities for m in e["mentions"]]
    assert max(m["start"] for m in mentions) > 2 * PIECE_CHARS
    assert all(doc.text[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_a_document_alone_is_sliced_from_the_index_as_from_the_whole_dossier() -> None:
    """A stage that failed runs again per document; the slices come from records indexed once (filtering
    every list for every document took days at 100,000 articles) and must equal the filtered ones."""
    from lagebild.pipeline import _Alone, _slice

    dossier = analyze([EXAMPLES])
    assert dossier.quotes and dossier.times and dossier.stories and dossier.reuse
    alone = _Alone(dossier)
    for doc in dossier.documents:
        a, b = alone.slice(doc), _slice(dossier, {doc.id})
        for name in ("documents", "reuse", "stories", "entities", "quotes", "quantities", "times", "claims",
                     "timeline", "doc_facts"):
            assert getattr(a, name) == getattr(b, name), (doc.id, name)
