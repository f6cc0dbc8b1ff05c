"""HTML pages: trafilatura finds the main text and metadata; we keep the audit of what was dropped.

The page is rendered to one line per visible block (as a browser's "copy all" would); a block is kept
when trafilatura's main text contains it, so every visible block gets a segment with a kind and a
reason, just like a text dump. Segment line numbers refer to that rendering (`line_basis`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import html as lhtml

from ..model import Segment
from ..nlp.function_words import reads_english
from . import vocabulary as V
from .dump import CleanResult, Line, _apply_line_rules, _author_boxes, _cut_sections, _norm

SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select", "option"}
BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section",
         "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "figure", "pre", "main",
         "form", "dd", "dt", "dl", "address", "hr", "button", "label", "summary", "details", "td", "th"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# libxml2 stops reading a page nested deeper than 255 elements (the rest is lost); pages nested that
# deep are wrappers in wrappers, so wrappers without text of their own are taken out first.
MAX_NESTING = 200
WRAPPERS = ("div", "span", "section", "main", "article", "font", "center")
# Even with `huge_tree` libxml2 reads no deeper than this; a page that reaches it has its runs of wrapper
# tags with nothing between them collapsed before it is read (the outermost of each run kept: the text
# and the block breaks between texts stay)
PARSER_DEPTH = 2048
_WRAPPER = "|".join(WRAPPERS)
OPEN_RUN = re.compile(rf"(<(?:{_WRAPPER})\b[^<>]*>)(?:\s*<(?:{_WRAPPER})\b[^<>]*>)+", re.I)
CLOSE_RUN = re.compile(rf"(?:</(?:{_WRAPPER})\s*>\s*)+(</(?:{_WRAPPER})\s*>)", re.I)


@dataclass
class HtmlMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class HtmlResult:
    clean: CleanResult
    meta: HtmlMeta
    lines: list[str]


def unnested(page: str) -> str:
    """The page with wrapper elements that hold nothing but one element removed, when it is nested so
    deep that the HTML parser would cut it off; other pages as they are."""
    if page.count("<") < MAX_NESTING:
        return page
    try:
        root = lhtml.fromstring(page, parser=lhtml.HTMLParser(huge_tree=True))
    except (ValueError, lhtml.etree.ParserError):
        return page
    deepest = _deepest(root)
    if deepest >= PARSER_DEPTH - 2:  # the parser stopped reading: collapse the runs of wrappers first
        page = CLOSE_RUN.sub(r"\1", OPEN_RUN.sub(r"\1", page))
        try:
            root = lhtml.fromstring(page, parser=lhtml.HTMLParser(huge_tree=True))
        except (ValueError, lhtml.etree.ParserError):
            return page
        deepest = _deepest(root)
    if deepest <= MAX_NESTING:
        return page
    for el in [e for e in root.iter(*WRAPPERS) if e.getparent() is not None]:
        if len(el) == 1 and not (el.text or "").strip():
            el.drop_tag()
    return str(lhtml.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))


def _deepest(root: lhtml.HtmlElement) -> int:
    depth: dict[lhtml.HtmlElement, int] = {}
    deepest = 0
    for el in root.iter():
        parent = el.getparent()
        depth[el] = depth.get(parent, 0) + 1 if parent is not None else 1
        deepest = max(deepest, depth[el])
    return deepest


def render_blocks(page: str) -> tuple[list[str], set[int]]:
    """Visible text of a page, one block per line; also which lines came from h2-h6 headings."""
    try:
        root = lhtml.fromstring(page)
    except (ValueError, lhtml.etree.ParserError):
        return [], set()
    lines: list[str] = []
    headings: set[int] = set()
    cur: list[str] = []

    def flush(tag: str = "") -> None:
        text = re.sub(r"\s+", " ", "".join(cur)).strip()
        cur.clear()
        if text:
            if tag in HEADINGS:
                headings.add(len(lines))
            lines.append(text)

    def walk(el: lhtml.HtmlElement) -> None:
        tag = el.tag.lower().split("}")[-1] if isinstance(el.tag, str) else ""
        if tag in SKIP or (tag and el.get("hidden") is not None):
            if el.tail:
                cur.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            flush()
        if el.text and tag:
            cur.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush(tag)
        if el.tail:
            cur.append(el.tail)

    walk(root)
    flush()
    return lines, headings


# A paragraph whose characters are mostly web addresses and file names is a list of links or media
# (a carousel of other posts printed as "https://…/bild.jpg7201280Name…"), not prose.
ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
ADDRESS_SHARE = 0.3
# The line rules judge trafilatura's paragraphs up to this many words (measured on all 318 pages,
# bench/eval_dumps.py --html: every paragraph they removed that held gold text was longer).
RULE_MAX_WORDS = 20
# The main text ending in at least this many headline-shaped paragraphs (few words, no sentence end)
# ends in headlines of other articles that trafilatura took in: a headline and its subheadings are
# followed by prose, a closing list has bullets or full stops. (bench/eval_dumps.py --html, all 318 pages:
# P 0.928 -> 0.929, R 0.951 unchanged; on news pages it removes the headlines of other articles.)
TRAILING_HEADLINES = 3
# paragraphs of an embedded post before its byline, at most
EMBED_MAX_PARAGRAPHS = 5
HEADLINE_SHAPED = re.compile(r"[^.!?\"“”«»)]$|:$")


def _not_article(paras: list[str]) -> dict[int, tuple[str, str]]:
    """Paragraphs trafilatura kept that the text-dump rules know as no part of the article (bylines, date
    lines, "Folgen Sie uns", related-article blocks and their teasers, captions, comment headers) or
    that are mostly addresses: their index -> (segment kind, reason)."""
    lines = [Line(n + 1, text, prob=1.0) for n, text in enumerate(paras)]
    # an embedded post in English on a German page is told apart by its language (an English page's is not)
    german_page = not reads_english(" ".join(paras))
    _apply_line_rules(lines)
    _cut_sections(lines, (0, len(lines)))
    _author_boxes(lines)
    # a longer paragraph that the line rules hit is prose about cookies, subscriptions or ads: kept
    out = {n: (ln.kind, ln.reason) for n, ln in enumerate(lines) if ln.kind is not None
           and (ln.kind in ("related", "comments") or len(ln.text.split()) <= RULE_MAX_WORDS)}
    for n, text in enumerate(paras):
        if n not in out and sum(len(m) for m in ADDRESS.findall(text)) >= ADDRESS_SHARE * len(text):
            out[n] = ("boilerplate", "web addresses and file names, no prose")
    for n in [n for n, (_, reason) in out.items() if reason == V.EMBEDDED_POST]:
        for k in range(n - 1, max(-1, n - 1 - EMBED_MAX_PARAGRAPHS), -1):  # the post's own lines before its byline
            if k in out or not reads_english(paras[k]) or not german_page:
                break
            out[k] = ("boilerplate", V.EMBEDDED_POST)
    trailing = _trailing_headlines([p for n, p in enumerate(paras) if n not in out])
    if trailing:
        kept = [n for n in range(len(paras)) if n not in out]
        for n in kept[-trailing:]:
            out[n] = ("related", "headlines of other articles after the article's end")
    return out


def _trailing_headlines(paras: list[str]) -> int:
    """How many headline-shaped paragraphs end the text, if at least TRAILING_HEADLINES follow its prose."""
    count = 0
    for text in reversed(paras):
        words = text.split()
        if not 3 <= len(words) <= RULE_MAX_WORDS or not words[0][:1].isupper() or not HEADLINE_SHAPED.search(text):
            break  # a headline has a few words and starts with a capital (not a list item, a label, a command)
        count += 1
    return count if TRAILING_HEADLINES <= count < len(paras) else 0


def _reason_for_dropped(text: str) -> tuple[str, str]:
    t = text.strip()
    if len(t) <= 300:
        for kind, reason, rx in V.COMPILED_LINE_RULES:
            if rx.search(t):
                return kind, reason
        if V.COMMENT_HEADERS.match(t):
            return "comments", "comment section header"
        if V.RELATED_HEADERS.match(t):
            return "related", "related-articles header"
        if V.CAPTION.search(t):
            return "caption", "photo caption with credit"
        if V.DATE_LINE.match(t):
            return "meta", "publication date line"
    return "boilerplate", "outside the main text (trafilatura)"


# How far past the reading position, and from the top of the page, a paragraph's block is looked for
# when it is not next: far more lines than a news page renders, so only a page of many thousand
# blocks is read differently (whose paragraphs trafilatura rarely gives out of order), and that page
# in linear time instead of a search of the whole page for each paragraph.
ALIGN_WINDOW = 2000


def _align(paras: list[str], rendered: list[str]) -> list[list[int]]:
    """For each main-text paragraph, the rendered line indices it consists of (in order, maybe none).

    A paragraph is one visible block, or several consecutive blocks (inline elements split by the
    rendering); the search moves forward through the page like a reader does."""
    keys = [_norm(t) for t in rendered]
    first_of: dict[str, int] = {}
    for i, k in enumerate(keys):
        first_of.setdefault(k, i)
    out: list[list[int]] = []
    pos = 0
    for para in paras:
        want = _norm(para)
        found: list[int] = []
        for start in (pos, 0):
            for i in _candidates(keys, want, start, first_of):
                k = keys[i]
                if k and (k == want or (len(k) >= 3 and want.startswith(k))):
                    found = [i]
                    acc = k
                    j = i + 1
                    while acc != want and j < len(keys) and keys[j] and want.startswith(acc + " " + keys[j]):
                        acc = acc + " " + keys[j]
                        found.append(j)
                        j += 1
                    break
            if found:
                break
        if found:
            pos = found[-1] + 1
        out.append(found)
    return out


def _candidates(keys: list[str], want: str, start: int, first_of: dict[str, int]) -> Iterator[int]:
    """Lines to try from `start`: the next ALIGN_WINDOW, then the line that is the paragraph, if any."""
    end = min(len(keys), start + ALIGN_WINDOW)
    yield from range(start, end)
    exact = first_of.get(want)
    if exact is not None and exact >= end:
        yield exact


def clean_html(page: str) -> HtmlResult:
    """Main text by trafilatura, paragraph by paragraph; every visible block gets a segment."""
    import trafilatura

    page = unnested(page)
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    main = ""
    meta = HtmlMeta()
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else lambda k, d=None: getattr(doc, k, d)
        main = get("text") or ""
        meta = HtmlMeta(
            title=get("title"), author=get("author"), date=get("date"), sitename=get("sitename"),
            url=get("url"), language=get("language"), description=get("description"),
            categories=list(get("categories") or []),
        )
    rendered, headings = render_blocks(page)
    result = CleanResult(segments=[], text="", title=(meta.title or "").strip())
    paras = [p.strip() for p in main.split("\n") if p.strip()]
    title_key = _norm(result.title)
    title_line = next((i for i, t in enumerate(rendered) if title_key and _norm(t) == title_key), None)
    if paras and title_key and _norm(paras[0]) == title_key:
        paras = paras[1:]
    dropped = _not_article(paras)
    owner: dict[int, int] = {}
    for n, idx in enumerate(_align(paras, rendered)):
        for i in idx:
            owner.setdefault(i, n)
    parts: list[str] = []
    segments: list[Segment] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0

    def add(chunk: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(chunk)
        pos += len(chunk)
        return pos - len(chunk), pos

    if result.title:
        a, b = add(result.title)
        line = title_line + 1 if title_line is not None else 0
        segments.append(Segment(line, line, "title", "headline" if line else "headline from page metadata", a, b))
    for n, para in enumerate(paras):
        if n not in dropped:
            spans[n] = add(para)
    placed: set[int] = set(dropped)
    for i, text in enumerate(rendered):
        if i == title_line:
            continue
        if i in owner and owner[i] in dropped:
            kind, reason = dropped[owner[i]]
        elif i in owner:
            n = owner[i]
            kind = "subheading" if i in headings and len(text) < 120 else "body"
            a, b = spans[n]
            prev = segments[-1] if segments else None
            if prev and prev.kept and prev.start == a and prev.last == i:
                segments[-1] = Segment(prev.first, i + 1, prev.kind, prev.reason, a, b)
            else:
                segments.append(Segment(i + 1, i + 1, kind, "main text (trafilatura)", a, b))
            placed.add(n)
            continue
        else:
            kind, reason = ("duplicate", "repeated title") if title_key and _norm(text) == title_key \
                else _reason_for_dropped(text)
        prev = segments[-1] if segments else None
        if prev and not prev.kept and prev.kind == kind and prev.reason == reason:
            segments[-1] = Segment(prev.first, i + 1, kind, reason)
        else:
            segments.append(Segment(i + 1, i + 1, kind, reason))
    for n in sorted(set(spans) - placed):
        a, b = spans[n]
        segments.append(Segment(0, 0, "body", "main text (trafilatura) not found as one visible block", a, b))
    result.segments = segments
    result.text = "".join(parts)
    return HtmlResult(result, meta, rendered)
