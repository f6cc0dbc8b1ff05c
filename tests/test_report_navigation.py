"""The static report as a reader uses it: contents, links that land on the exact passage, compact actor
rows, phone and print styles; and the Markdown report escaped for Markdown (issue 20, item 6), checked by
rendering it with a CommonMark parser."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lagebild import analyze
from lagebild.model import Dossier
from lagebild.report.render_md import _safe

from .conftest import EXAMPLES
from .workspace_corpus import ENGLISH, HOSTILE_DUMP


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    folder = tmp_path_factory.mktemp("report")
    (folder / "hostile.txt").write_text(HOSTILE_DUMP, encoding="utf-8")
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "[x](javascript:alert(1)) `tick.txt").write_text(ENGLISH.replace("Harbour", "Port"), encoding="utf-8")
    return analyze([EXAMPLES, folder])


def test_every_link_of_the_html_report_lands_on_one_element(dossier: Dossier) -> None:
    html = dossier.to_html()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= set(ids)


def test_html_report_points_at_exact_passages(dossier: Dossier) -> None:
    html = dossier.to_html()
    q = dossier.quotes[0]
    assert f'href="#{q["id"]}"' in html and f'<mark class="quote" id="{q["id"]}"' in html
    c = dossier.claims[0]["values"][0]
    assert f'href="#{c["doc"]}-{c["start"]}-{c["end"]}"' in html
    e = dossier.entities[0]
    m = e["mentions"][0]
    assert re.search(rf'<a class="mention" id="{m["doc"]}-{m["start"]}-{m["end"]}"[^>]*href="#{e["id"]}"', html)
    assert ":target{" in html  # highlighted on arrival


def test_html_report_has_contents_compact_actor_rows_and_phone_and_print_styles(dossier: Dossier) -> None:
    html = dossier.to_html()
    assert '<nav class="toc"' in html and 'href="#actors"' in html and 'href="#who-said-what"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width" in html
    rows = re.findall(r'<tr id="e\d+">(.*?)</tr>', html)
    assert len(rows) == len(dossier.entities)
    quoted = next(r for r in rows if "× in <a" in r)  # the quoted column counts statements and links them
    assert quoted.count('href="#d') <= 12  # one link per document, not one per mention
    speaker = next(e for e in dossier.entities if f'<tr id="{e["id"]}">' + "<td>" in html and
                   any(q.get("speaker") == e["id"] for q in dossier.quotes))
    row = next(r for r in re.findall(rf'<tr id="{speaker["id"]}">(.*?)</tr>', html))
    first_quote = next(q for q in dossier.quotes if q.get("speaker") == speaker["id"])
    assert f'href="#{first_quote["id"]}"' in row  # where the actor is quoted
    assert f"<td>{speaker['first_seen']}</td>" in row  # first-seen date


MD_TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "strong",
           "details", "summary", "br"}


def _rendered(md: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)


def test_markdown_report_renders_no_link_image_emphasis_or_code_from_article_text(dossier: Dossier) -> None:
    html = _rendered(dossier.to_markdown())
    tags = set(re.findall(r"<([a-z0-9]+)[\s>/]", html))
    assert tags <= MD_TAGS, tags - MD_TAGS
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert all(re.fullmatch(r"[\w-]+", i) for i in re.findall(r'<a id="([^"]*)"', html))
    strong = set(re.findall(r"<strong>(.*?)</strong>", html))
    assert strong <= {"CONFLICT", "sources differ", "verbatim", "near-verbatim", "same-source translation",
                      "paraphrase"}
    assert "[klick](javascript:alert(3))" in re.sub(r"<[^>]+>", "", html)  # shown as text


@pytest.mark.parametrize("attack, shown", [
    ("[a](javascript:alert(1))", "[a](javascript:alert(1))"),
    ("![x](http://evil.example/x.png)", "![x](http://evil.example/x.png)"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("`code` and ``two``", "`code` and ``two``"),
    ("*em* _em_ **strong** ~~s~~", "*em* _em_ **strong** ~~s~~"),
    ("# heading\n- item\n1. item\n===", "# heading\n- item\n1. item\n==="),
    ("<http://auto.example>", "<http://auto.example>"),
    ("&#106;avascript &amp;", "&#106;avascript &amp;"),
    ("a | b \\| c", "a | b \\| c"),
])
def test_markdown_escaping_keeps_the_text_and_nothing_else(attack: str, shown: str) -> None:
    html = _rendered(_safe(attack))
    assert re.findall(r"<([a-z0-9]+)", html) == ["p"]  # one paragraph, nothing else
    text = re.sub(r"<[^>]+>", "", html).strip()
    import html as html_lib

    assert html_lib.unescape(text) == shown


def test_markdown_report_file_name_with_backticks_stays_text(dossier: Dossier, tmp_path: Path) -> None:
    dossier.write_markdown(tmp_path / "dossier.md")
    html = _rendered((tmp_path / "dossier.md").read_text(encoding="utf-8"))
    assert "<code>" not in html and 'href="javascript' not in html


def test_html_report_of_the_hostile_corpus_has_no_markup_from_text(dossier: Dossier) -> None:
    html = dossier.to_html()
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<svg" not in html.lower()
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.I)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript:|(https?:)?//)""", html, re.I)
