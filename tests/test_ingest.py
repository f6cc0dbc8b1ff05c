"""Bad input is rejected with a specific reason and never changes the other documents' results."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lagebild import analyze
from lagebild.cli import EXIT_NOTHING_USABLE, EXIT_OK, EXIT_SOME_REJECTED, main
from lagebild.ingest.decode import decode_bytes

from .conftest import EXAMPLES, write

ARTICLE = (EXAMPLES / "fiktiv_02_morgenblatt.txt").read_text(encoding="utf-8")


def good_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    write(d, "a.txt", ARTICLE)
    write(d, "b.txt", (EXAMPLES / "fiktiv_04_ostsee-echo.txt").read_text(encoding="utf-8"))
    return d


def documents_without_source(dossier_json: str) -> list[dict]:
    docs = json.loads(dossier_json)["documents"]
    for d in docs:
        d["source"] = Path(d["source"]).name
    return docs


BAD_INPUTS = {
    "binary": ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
    "nul bytes": ("blob.txt", b"abc\x00\x01\x02" * 500, "binary"),
    "empty": ("empty.txt", b"", "empty"),
    "blank": ("blank.txt", b"   \n\n  ", "white space"),
    "no article html": ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav><form><input></form></body></html>",
                        "no article text"),
    "no article text": ("menu.txt", "• Home\n\n• Kontakt\n\n• Impressum\n".encode(), "no article text"),
    "bad jsonl": ("feed.jsonl", b'{"title": "x"}\nnot json\n', "JSON Lines"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_rejected_and_others_unchanged(tmp_path: Path, case: str) -> None:
    name, data, words = BAD_INPUTS[case]
    clean = analyze([good_dir(tmp_path)])
    write(tmp_path / "in", name, data)
    mixed = analyze([good_dir(tmp_path)])
    assert [Path(r.source).name.split("#")[0] for r in mixed.rejected] == [name] * len(mixed.rejected)
    assert all(words.lower() in r.reason.lower() for r in mixed.rejected), mixed.rejected
    assert documents_without_source(mixed.to_json()) == documents_without_source(clean.to_json())


def test_latin1_file_is_decoded_not_rejected(tmp_path: Path) -> None:
    p = write(tmp_path, "latin1.txt", ARTICLE.encode("latin-1", errors="replace"))
    d = analyze([p])
    assert not d.rejected
    assert "Brücke in Hallenberg" in d.documents[0].text


def test_mojibake_is_repaired() -> None:
    assert decode_bytes("Brücke über die Straße".encode().decode("latin-1").encode()) == "Brücke über die Straße"


def test_file_over_the_size_limit_is_rejected_and_others_unchanged(tmp_path: Path) -> None:
    clean = analyze([good_dir(tmp_path)])
    write(tmp_path / "in", "huge.txt", b"Wort " * 10_000_000)  # 50 MB
    d = analyze([good_dir(tmp_path)])
    assert [Path(r.source).name for r in d.rejected] == ["huge.txt"]
    assert "larger than the limit" in d.rejected[0].reason and "50.0 MB" in d.rejected[0].reason
    assert documents_without_source(d.to_json()) == documents_without_source(clean.to_json())


def test_size_limit_is_a_setting(tmp_path: Path) -> None:
    d = analyze([write(tmp_path, "ok.txt", ARTICLE)], max_bytes=100)
    assert d.rejected and "limit of 0.0 MB" in d.rejected[0].reason


def test_permission_denied_file_in_directory_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root in CI, where chmod 000 does not stop reading: simulate the OS refusing."""
    d = good_dir(tmp_path)
    locked = write(d, "locked.txt", ARTICLE)
    real_open = os.open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    res = analyze([d])
    assert [Path(r.source).name for r in res.rejected] == ["locked.txt"]
    assert res.rejected[0].reason == "cannot read the file: Permission denied"
    assert len(res.documents) == 2


def test_unreadable_path_in_directory_is_rejected(tmp_path: Path) -> None:
    """A directory entry that cannot be opened as a file (a dangling link) is rejected, the rest goes on."""
    d = good_dir(tmp_path)
    (d / "gone.txt").symlink_to(d / "does-not-exist.txt")
    clean = analyze([good_dir(tmp_path / "ref")])
    res = analyze([d])
    assert [Path(r.source).name for r in res.rejected] == ["gone.txt"]
    assert "cannot read" in res.rejected[0].reason
    assert documents_without_source(res.to_json()) == documents_without_source(clean.to_json())


def test_missing_path_and_empty_glob_are_rejected(tmp_path: Path) -> None:
    d = analyze([tmp_path / "nope.txt", str(tmp_path / "*.none")])
    assert len(d.rejected) == 2 and all("no such file" in r.reason for r in d.rejected)


def test_jsonl_records_carry_their_fields(tmp_path: Path) -> None:
    body = "\n\n".join(ARTICLE.split("\n\n")[5:9])
    rec = {"text": body, "title": "Brücke eingestürzt", "url": "https://example.org/a", "published": "2025-10-15",
           "outlet": "Beispielblatt"}
    p = write(tmp_path, "feed.jsonl", json.dumps(rec, ensure_ascii=False) + "\n" + '{"text": ""}\n')
    d = analyze([p])
    doc = d.documents[0]
    assert doc.outlet == "Beispielblatt"
    assert doc.published.value == "2025-10-15" and doc.published.basis == "explicit"
    assert "https://example.org/a" in doc.source
    assert "'text' field is missing or empty" in d.rejected[0].reason


def test_directory_glob_and_file_mix_in_one_run(tmp_path: Path) -> None:
    write(tmp_path, "x/one.txt", ARTICLE)
    write(tmp_path, "y/two.txt", ARTICLE.replace("zwölf", "dreizehn"))
    write(tmp_path, "y/README.md", "# notes about the scrape")
    d = analyze([tmp_path / "x", str(tmp_path / "y" / "*.txt")])
    assert [Path(x.source).name for x in d.documents] == ["one.txt", "two.txt"]


def test_cli_exit_codes(tmp_path: Path) -> None:
    ok = write(tmp_path, "ok.txt", ARTICLE)
    bad = write(tmp_path, "empty.txt", b"")
    assert main(["analyze", str(ok), "--out", str(tmp_path / "o1"), "-q"]) == EXIT_OK
    assert main(["analyze", str(ok), str(bad), "--out", str(tmp_path / "o2"), "-q"]) == EXIT_SOME_REJECTED
    assert main(["analyze", str(bad), "--out", str(tmp_path / "o3"), "-q"]) == EXIT_NOTHING_USABLE
    rejected = json.loads((tmp_path / "o2" / "dossier.json").read_text())["rejected"]
    assert rejected[0]["source"].endswith("empty.txt")


def test_mojibake_repair_equals_ftfy_on_every_line_it_could_change() -> None:
    """ftfy only runs on the lines it could change; what comes out is what ftfy gives for the whole text."""
    import ftfy

    from lagebild.ingest.decode import repaired

    samples = ["FÃ¼r die StraÃŸe in Nordhafen", "Preis: 5 â‚¬ &amp; mehr", "ﬂubberiﬁc", "ＬＯＵＤ　ＮＯＩＳＥＳ",
               "a\x1b[36mb", "Cafe\u0301 am Hafen", "x &hellip; y", "<p>&amp;</p>\n&amp; after",
               "&amp; before\n<p>x</p>",
               "\x85 C1", "Ã©tÃ©\nnormal line\n", "nbsp\u00a0ok", "Ärger über Öl „zitiert“ – 3 € … done\n" * 3,
               "plain ascii line\nand another &amp; one\n<b>bold</b> &amp; kept\n"]
    for text in samples + ["\n".join(samples)]:
        assert repaired(text) == ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False,
                                               normalization="NFC"), text
