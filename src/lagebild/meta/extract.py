"""Document metadata: outlet, authors, contributors, agencies, dateline, published date, language,
translation and original publication — from what the cleaner removed (bylines, captions,
provenance notes, date lines), the first paragraph, the page's own metadata and the input's fields."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from urllib.parse import urlparse

from ..clean import vocabulary as V
from ..model import Document, Original, Published, Translation
from .dates import find_date
from .genre import genre
from .people import leading_name, names_in_list

# The language of a news text is plain from a few of its paragraphs: its longest ones vote, each with its
# length (a page can open with a banner in another language, a forum post quote one); more only costs time.
LANGUAGE_PARAGRAPHS = 6
# ... each read as up to this many characters, in LANGUAGE_SAMPLE_PIECES pieces spread over a longer paragraph:
# py3langid's cost grows with the text (its reading of the whole text was 3-4 % of a run's CPU), and its scores
# go wrong on megabytes (4 MB of German prose on one line came out "zxx", no language). The 573 paragraphs of
# more than 2,000 characters in 10kGNAD and the trafilatura-de pages get the language of their whole text.
LANGUAGE_SAMPLE_CHARS = 2_000
LANGUAGE_SAMPLE_PIECES = 4
URL_OR_NUMBER = re.compile(r"(?:https?://|www\.)\S+|[\d:.-]{4,}")
LANGUAGE_NAMES = {
    "englisch": "en", "english": "en", "französisch": "fr", "french": "fr", "spanisch": "es", "spanish": "es",
    "russisch": "ru", "russian": "ru", "italienisch": "it", "italian": "it", "chinesisch": "zh",
    "japanisch": "ja", "koreanisch": "ko", "ukrainisch": "uk", "polnisch": "pl", "türkisch": "tr",
    "arabisch": "ar", "portugiesisch": "pt", "niederländisch": "nl", "deutsch": "de", "german": "de",
}
LANGUAGE_WORD = re.compile(r"\b(?:aus dem |from |in )?(" + "|".join(LANGUAGE_NAMES) + r")(?:e[nmr]?|)\b", re.I)
MACHINE = re.compile(r"maschinell|automatisiert|automatisch|machine|künstliche[rn]? intelligenz|\bKI\b|\bAI\b", re.I)
ORIGINAL_OUTLET = re.compile(
    r"(?:bei|in|auf|von|im|from|in the|on)\s+(?:der|dem|den|die|the)?\s*[„\"“»]?"
    r"([A-ZÄÖÜ][\w.\-]+(?:\s[A-ZÄÖÜ][\w.\-]+){0,3})[“\"”«]?\s*(?:erschienen|veröffentlicht|published|\W)",
)
# "Wien/Berlin abc | Text", "PARIS — Text", "Berlin (dpa) - Text", "Rom – Text"
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.\-]*(?:[/ ][A-ZÄÖÜ][\w.\-]*){0,2})\s*"
    r"(?:\((?P<agency>[\w/ ]{2,20})\)\s*|(?P<outlet>[a-z][\w.]{1,15})\s*)?"
    r"(?P<sep>[–—|]|-(?=\s)|:(?=\s))\s+"
)
# A live ticker's entry stamp: an optional "Update …" and a clock time, then a colon, a dash or "+++"
TICKER_STAMP = re.compile(r"(?:\+{2,}\s*)?(?:(?:update|aktualisierung|eilmeldung|breaking)\b[^:\n]{0,40}?)?"
                          r"\d{1,2}[:.]\d{2}\s*(?:uhr|a\.m\.|p\.m\.)?\s*(?:\+{2,}|:|[-–—])\s+", re.I)
DATELINE_ACRONYM = re.compile(r"[A-Z]{2,6}")
AGENCY_INTERVIEW = re.compile(
    r"(?:gegenüber der|sagte der|sagten der|erklärte der|told|said to)\s+(?:\w+\s+){0,2}?"
    r"(?:Nachrichtenagentur|news agency)\s+([A-Z][\w]+)",
)
AGENCY_TOKEN = re.compile(r"\b(" + "|".join(re.escape(a) for a in V.NEWS_AGENCIES) + r")\b", re.I)


def after_stamp(doc: Document, start: int, end: int) -> int:
    """Where the words of doc.text[start:end] begin after the document's dateline or a ticker's time stamp
    that opens it ("NORDHAFEN (NPA) - ", "Hallenberg (dpa) - ", "Update vom 3. Mai, 16:05 Uhr: ", "17:45 - "):
    where, who and when it was written, not what happened; else `start`."""
    if doc.dateline and (m := DATELINE.match(doc.text[start:end])) and m.group("place").strip() == doc.dateline:
        return start + m.end()
    if m := TICKER_STAMP.match(doc.text, start, end):
        return m.end()
    return start


def _agencies_in(text: str, ignore_case: bool = False) -> list[str]:
    out = []
    for m in AGENCY_TOKEN.finditer(text):
        token = m.group(1)
        # lowercase "ap"/"epd" inside prose are words; agency credits are written as the agency writes them
        if not ignore_case and token not in (token.upper(), V.NEWS_AGENCIES[token.lower()]):
            continue
        name = V.NEWS_AGENCIES[token.lower()]
        if name not in out:
            out.append(name)
    return out


def _add(items: list[str], new: list[str] | str | None) -> None:
    for x in [new] if isinstance(new, str) else (new or []):
        x = x.strip()
        if x and x not in items:
            items.append(x)


# a page's author field also names the outlet, its company, places and desks ("NORDPOST ONLINE, Nordhafen",
# "Nordpost de GmbH", "Velden-Bote Redaktion"): none of them is an author
NOT_AUTHOR_WORDS = re.compile(r"\b(?:GmbH|AG|KG|Verlag\w*|Redaktion|Online|Media|Medien|News|Zeitung|Agentur\w*|"
                              r"Newsroom|Staff|Team)\b", re.I)


COMPANY_TAIL = re.compile(r"\s+(?:(?:Verlags-?|Vertriebs|Medien|Holding|und|&|Co\.?)\s+)*"
                          r"(?:GmbH|AG|KG|Verlag|Ltd\.?|Inc\.?)(?:\s.*)?$")
DOMAIN_TAIL = re.compile(r"[_ ](?:de|at|ch|com|net|org|eu|uk)$", re.I)


def outlet_name(sitename: str) -> str:
    """A page's site name as an outlet: "NORDPOST ONLINE, Nordhafen, Germany" -> "NORDPOST ONLINE", a tagline
    after a separator cut ("NORDPOST · Alles aus dem Norden"),
    "Nordpost Verlags- und Vertriebs GmbH" -> "Nordpost", "Nordpost_De" -> "Nordpost"."""
    name = re.split(r",|\s+[|·•–—]\s+|\s+-\s+", sitename)[0].strip()  # "Nordbote · Alles aus dem Norden"
    name = COMPANY_TAIL.sub("", name).strip() or name
    name = DOMAIN_TAIL.sub("", name).strip() or name
    return name.replace("_", " ")


SOCIAL_HOSTS = ("facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "tiktok.com",
                "linkedin.com", "t.me")


def outlet_from_address(address: str, page_url: str | None) -> str:
    """A site name given as a web address: its host ("www.nordbote.de" -> "nordbote.de"); a social-media
    profile ("https://www.facebook.com/NORDBOTE/") is the outlet's account, so the page's own host
    names the outlet, else the account."""
    parsed = urlparse(address if "://" in address else f"https://{address}")
    host = (parsed.hostname or "").removeprefix("www.")
    if host.endswith(SOCIAL_HOSTS):
        page_host = (urlparse(page_url).hostname or "").removeprefix("www.") if page_url else ""
        if page_host and not page_host.endswith(SOCIAL_HOSTS):
            return page_host
        return parsed.path.strip("/").split("/")[0] or host
    return host or address


def without_site_name(title: str, outlet: str | None, url: str | None = None) -> str:
    """A page title without the outlet's name the site appends ("Hafen wird ausgebaut - Nordbote.de") or puts in
    front with a bar ("NORDBOTE | Hafen wird ausgebaut"); the name as the outlet's or as the page's address
    writes it ("nordbote.de")."""
    key, host = re.sub(r"\W", "", (outlet or "").lower()), _host_name(url)
    keys = {k for k in (key, host) if k}
    parts = re.split(r"\s+[-–—|·•]\s+", title)
    if len(parts) > 1 and keys:
        tail = re.sub(r"\W", "", parts[-1].lower())
        # the address's name with little more ("nordbote online"), not a kicker that starts with it ("NBT: …")
        if tail and ((key and (tail in key or key in tail)) or
                     (host and (tail in host or (tail.startswith(host) and len(tail) <= len(host) + 6)))):
            return title[: title.rfind(parts[-1])].rstrip(" -–—|·•")
    front = re.match(r"\s*([^|]{2,40}?)\s+\|\s+(?=\S)", title)  # only a bar: "Land - Leute" is a kicker
    if front and re.sub(r"\W", "", front.group(1).lower()) in keys:
        return title[front.end() :]
    return title


def _host_name(url: str | None) -> str:
    """The name in a page's address: "https://www.nordbote.de/x" -> "nordbote"."""
    host = (urlparse(url).hostname or "") if url else ""
    labels = host.removeprefix("www.").split(".")
    return re.sub(r"\W", "", labels[-2].lower()) if len(labels) >= 2 else ""


def _words_key(text: str | None) -> str:
    return re.sub(r"\W", "", (text or "").lower())


def html_authors(field: str, outlet: str | None) -> list[str]:
    """The persons in a page's author field: "A und B", "A im Gespräch mit B", "Von A; B", "Par A"."""
    outlet_key = re.sub(r"\W", "", (outlet or "").lower())
    out = []
    for part in re.split(r"\s*[;,|]\s*|\s+(?:und|and|&|et|im Gespräch mit|mit)\s+", field):
        name = leading_name(part)
        if not name or NOT_AUTHOR_WORDS.search(name):
            continue
        key = re.sub(r"\W", "", name.lower())
        if outlet_key and (key in outlet_key or outlet_key in key):
            continue
        out.append(name)
    return out


def extract_metadata(doc: Document) -> None:
    """Fill the metadata fields of a cleaned document."""
    clean = doc.cleaning
    removed = _removed_lines(doc)
    given = doc.given
    html = doc.html_meta

    doc.title = (clean.title if clean else "") or str(given.get("title") or "")
    if clean:
        doc.kicker, doc.lead = clean.kicker, clean.lead
    doc.outlet = given.get("outlet") or (outlet_name(html.sitename) if html and html.sitename else None) or \
        (clean.site_label if clean else None)
    if doc.outlet and re.match(r"(?:https?://|www\.)", doc.outlet):
        doc.outlet = outlet_from_address(doc.outlet, html.url if html else None)
    elif not doc.outlet and html and html.url:  # a page that names no site: its address does
        doc.outlet = outlet_from_address(html.url, None)
    if html:  # an HTML page's title from its metadata often carries the site's name
        titled = doc.title
        doc.title = without_site_name(doc.title, doc.outlet, html.url)
        if doc.outlet and html.url and _words_key(doc.outlet) in (_words_key(titled), _words_key(doc.title)):
            doc.outlet = outlet_from_address(html.url, None)  # a site name that is the headline names no site

    # bylines, author boxes, contributor lines
    for reason, line in removed.get("byline", []):
        low = line.lower()
        if reason == "author box":
            _add(doc.authors, leading_name(re.split(r"\s(?:ist|is|war|was|arbeitet|works)\s", line)[0]))
        elif "bericht" in low or "report" in low or low.startswith(("mitarbeit", "mit material")):
            listed = re.sub(r"^(mitarbeit|mit material von)\s*:?\s*", "", line, flags=re.I)
            _add(doc.contributors, names_in_list(listed))
            _add(doc.agencies, _agencies_in(line))
        elif V.AUTHOR_BOX_HEADERS.match(line):
            continue
        else:
            if V.SIGNATURE.match(line):  # "A.Parker--ABC": author, then the desk's or agency's code
                _add(doc.authors, re.sub(r"\s*-{1,2}\s*[A-Z]{2,6}$", "", line.strip()))
                _add(doc.agencies, _agencies_in(line))
                continue
            body = re.sub(r"^(von|by|text:|autor(in)?:)\s+", "", line.strip(), flags=re.I)
            if " ist " in body or " is " in body:  # author box: "Name ist Leiterin ..."
                _add(doc.authors, leading_name(body.split(" ist ")[0].split(" is ")[0]))
            else:
                _add(doc.authors, [n for n in names_in_list(body.split("|")[0]) if not _agencies_in(n, True)])
            _add(doc.agencies, _agencies_in(line))
    if html and html.author:
        _add(doc.authors, html_authors(html.author, doc.outlet))

    # the first paragraph may open with a dateline and an agency or outlet mark
    for para in _first_paragraphs(doc):
        m = DATELINE.match(para)
        if m and len(m.group("place")) <= 40:
            doc.dateline = m.group("place").strip()
            if m.group("agency"):
                # the bracket of a dateline credits the agency: one no list knows is written as an acronym
                _add(doc.agencies, _agencies_in(m.group("agency"), ignore_case=True) or
                     [a for a in m.group("agency").split("/") if DATELINE_ACRONYM.fullmatch(a.strip())])
            if m.group("outlet") and not doc.outlet:
                doc.outlet = m.group("outlet")
            break
    for m in AGENCY_INTERVIEW.finditer(doc.text):
        _add(doc.agencies, _agencies_in(m.group(1), ignore_case=True))
    for _, caption in removed.get("caption", []):
        _add(doc.agencies, [a for a in _agencies_in(caption) if a in doc.agencies])  # confirm only

    _provenance(doc, [line for _, line in removed.get("provenance", [])])
    _published(doc, removed)
    _language(doc)
    doc.genre = genre(doc)


def _first_paragraphs(doc: Document) -> list[str]:
    """The lead (if any) and the first body paragraph: where a dateline stands."""
    out = []
    for seg in doc.segments:
        if seg.kind in ("lead", "body") and seg.start is not None and seg.end is not None:
            if doc.text[seg.start : seg.end].strip() == doc.title.strip():
                continue  # the headline again, above the first paragraph
            out.append(doc.text[seg.start : seg.end])
            if seg.kind == "body":
                break
    return out


def _provenance(doc: Document, notes: list[str]) -> None:
    for note in notes:
        low = note.lower()
        lang_match = LANGUAGE_WORD.search(note)
        source_language = LANGUAGE_NAMES.get(lang_match.group(1).lower()) if lang_match else None
        if "übersetz" in low or "translat" in low:
            _note_translation(doc, source_language, bool(MACHINE.search(note)), note)
        if "erschien" in low or "published" in low or "appeared" in low or "original" in low:
            outlet = None
            for m in ORIGINAL_OUTLET.finditer(note):
                cand = m.group(1).strip(" .")
                if cand.lower() not in LANGUAGE_NAMES and not cand.lower().startswith(tuple(LANGUAGE_NAMES)):
                    outlet = cand
                    break
            found = find_date(note)
            doc.original = Original(outlet, found[0] if found else None)
            if source_language and source_language != "de":
                _note_translation(doc, source_language, bool(MACHINE.search(note)), note)


def _note_translation(doc: Document, language: str | None, machine: bool, note: str) -> None:
    """Several notes may speak of one translation: keep what each adds."""
    old = doc.translation
    if old is None:
        doc.translation = Translation(language, machine, note.strip())
    else:
        evidence = old.evidence if note.strip() in old.evidence else f"{old.evidence} | {note.strip()}"
        doc.translation = Translation(old.source_language or language, old.machine or machine, evidence)


def _removed_lines(doc: Document) -> dict[str, list[tuple[str, str]]]:
    """Removed input lines by kind, each with its reason: the audit is where bylines and notes stand."""
    out: dict[str, list[tuple[str, str]]] = {}
    lines = doc.input_lines()
    for seg in doc.segments:
        if seg.kept or seg.first < 1:
            continue
        for line in lines[seg.first - 1 : seg.last]:
            if line.strip():
                out.setdefault(seg.kind, []).append((seg.reason, line.strip()))
    return out


def _published(doc: Document, removed: dict[str, list[tuple[str, str]]]) -> None:
    given = doc.given.get("published")
    if isinstance(given, str) and given.strip():
        found = find_date(given)
        value = found[0] if found else (given[:10] if re.match(r"\d{4}-\d{2}-\d{2}", given) else None)
        if value:
            doc.published = Published(value, "explicit", f"input field published: {given}")
            return
    if doc.html_meta and doc.html_meta.date:
        doc.published = Published(doc.html_meta.date[:10], "explicit", "page metadata (trafilatura)")
        return
    for _, line in removed.get("meta", []):
        found = find_date(line)
        if found:
            doc.published = Published(found[0], "explicit", line.strip())
            return
    if doc.original and doc.original.published:
        doc.published = Published(
            doc.original.published, "inferred", "the original this copy reproduces appeared on this date"
        )


def _language_sample(paragraph: str) -> str:
    """The paragraph, or LANGUAGE_SAMPLE_PIECES pieces of it from its start to its end."""
    if len(paragraph) <= LANGUAGE_SAMPLE_CHARS:
        return paragraph
    width = LANGUAGE_SAMPLE_CHARS // LANGUAGE_SAMPLE_PIECES
    step = (len(paragraph) - width) / (LANGUAGE_SAMPLE_PIECES - 1)
    return " ".join(paragraph[int(i * step) : int(i * step) + width] for i in range(LANGUAGE_SAMPLE_PIECES))


def _language(doc: Document) -> None:
    import py3langid

    votes: Counter[str] = Counter()
    paragraphs = [URL_OR_NUMBER.sub(" ", p) for p in doc.text.split("\n")]  # addresses are no language
    chosen = [p for p in heapq.nlargest(LANGUAGE_PARAGRAPHS, paragraphs, key=len) if p.strip()]
    left = sum(map(len, chosen))
    for paragraph in chosen:
        votes[py3langid.classify(_language_sample(paragraph))[0]] += len(paragraph)
        left -= len(paragraph)
        (_, first), *rest = votes.most_common(2)
        if first > (rest[0][1] if rest else 0) + left:  # the paragraphs left cannot change the vote
            break
    if votes:
        doc.language = votes.most_common(1)[0][0]
