"""Cleaning of text dumps: every line in one segment, with a kind and a reason; spans point at text."""

from __future__ import annotations

from lagebild.clean.dump import clean_dump
from lagebild.model import KEPT_KINDS

BODY = (
    "Die Gemeinde hat am Montag beschlossen, den Marktplatz bis zum Sommer vollständig umzubauen, "
    "nachdem die Bürger in einer Umfrage mehrheitlich für mehr Grün und weniger Parkplätze gestimmt hatten."
)
BODY2 = (
    "Der Umbau soll nach Angaben der Verwaltung rund zwei Millionen Euro kosten, von denen das Land "
    "einen großen Teil übernimmt, wie ein Sprecher des Rathauses am Dienstag auf Anfrage mitteilte."
)
BODY3 = (
    "Kritiker befürchten, dass die Geschäfte in der Innenstadt unter den fehlenden Parkplätzen leiden "
    "könnten, und haben eine Unterschriftensammlung gegen die Pläne der Gemeinde gestartet."
)


def dump(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def kinds(raw: str) -> dict[str, tuple[str, str]]:
    res = clean_dump(raw)
    lines = raw.split("\n")
    out = {}
    for s in res.segments:
        for n in range(s.first, s.last + 1):
            if lines[n - 1].strip():
                out[lines[n - 1].strip()] = (s.kind, s.reason)
    return out


def test_every_nonblank_line_is_in_exactly_one_segment() -> None:
    raw = dump("Wir verwenden Cookies. Mit der Nutzung stimmen Sie zu.", "• Startseite", "Neuer Marktplatz für Lindau",
               BODY, BODY2, "Teilen", BODY3, "3 Kommentare", "• @leser: Endlich!")
    res = clean_dump(raw)
    covered: dict[int, int] = {}
    for s in res.segments:
        for n in range(s.first, s.last + 1):
            covered[n] = covered.get(n, 0) + 1
    for n, line in enumerate(raw.split("\n"), 1):
        if line.strip():
            assert covered.get(n) == 1, f"line {n} covered {covered.get(n, 0)} times"


def test_kept_segment_spans_point_at_their_line_text() -> None:
    raw = dump("Neuer Marktplatz für Lindau", BODY, BODY2)
    res = clean_dump(raw)
    lines = raw.split("\n")
    for s in res.segments:
        if s.kind in KEPT_KINDS:
            assert s.start is not None and s.end is not None
            assert res.text[s.start : s.end] == lines[s.first - 1].strip()
        else:
            assert s.start is None and s.end is None


def test_cookie_banner_and_ui_strings_are_removed_with_reasons() -> None:
    banner = "Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten."
    k = kinds(dump(banner, "Neuer Marktplatz für Lindau", BODY, "Textgröße ändern:", BODY2, "2 mins read", BODY3))
    assert k[banner] == ("boilerplate", "cookie consent")
    assert k["Textgröße ändern:"][0] == "boilerplate"
    assert k["2 mins read"][0] == "boilerplate"
    assert k[BODY][0] in ("lead", "body") and k[BODY2][0] == "body"


def test_reader_comments_after_the_header_are_removed() -> None:
    reply = "Ich sehe das anders, weil die Parkplätze für viele ältere Menschen wirklich wichtig sind."
    k = kinds(dump("Neuer Marktplatz für Lindau", BODY, BODY2, BODY3, "12 Kommentare",
                   "• @gartenfreund: Das ist eine lange überfällige Entscheidung, die ich sehr begrüße.", reply))
    assert k["12 Kommentare"][0] == "comments"
    assert k[reply][0] == "comments"


def test_related_block_after_the_article_runs_to_the_end() -> None:
    teaser = "Im Nachbarort wurde gestern ein neues Schwimmbad eröffnet, das viele Besucher aus der Region anzieht."
    k = kinds(dump("Neuer Marktplatz für Lindau", BODY, BODY2, BODY3, "Mehr zum Thema", "Schwimmbad eröffnet", teaser))
    assert k["Mehr zum Thema"][0] == "related"
    assert k[teaser] == ("related", "teaser of another article")


def test_a_pointer_to_the_sites_live_ticker_inside_the_article_is_not_its_text() -> None:
    pointer = ("+++ Alle aktuellen Informationen zum Umbau finden Sie in unserem Live-Ticker auf "
               "nordbote.de und rund um die Uhr im Stream +++")
    english = "Follow our live coverage of the Nordhafen floods here."
    reported = "Wie die Gemeinde in ihrem Live-Ticker mitteilte, beginnen die Arbeiten im April."
    k = kinds(dump("Neuer Marktplatz für Lindau", BODY, pointer, BODY2, english, reported, BODY3))
    assert k[pointer] == ("related", "pointer to the site's live ticker or topic page")
    assert k[english][0] == "related"
    assert k[reported][0] == "body" and k[BODY2][0] == "body"


def test_site_label_fused_with_title_and_repeated_title() -> None:
    title = "Neuer Marktplatz für Lindau beschlossen"
    res = clean_dump(dump(f"Lindauer Zeitung - {title}", title, title, BODY, BODY2))
    assert res.title == title
    assert res.site_label == "Lindauer Zeitung"
    assert res.text.count(title) == 1
    assert [s.kind for s in res.segments][:3] == ["meta", "title", "duplicate"]


def test_kicker_fused_to_title_without_space_is_split() -> None:
    res = clean_dump(dump("Umbau in LindauMarktplatz wird grün", BODY, BODY2))
    assert res.kicker == "Umbau in Lindau"
    assert res.title == "Marktplatz wird grün"


def test_camel_case_name_in_title_is_not_a_kicker() -> None:
    res = clean_dump(dump("McDonald eröffnet Filiale in Lindau", BODY, BODY2))
    assert res.kicker is None


def test_byline_caption_and_provenance_are_removed_not_lost() -> None:
    k = kinds(dump("Neuer Marktplatz für Lindau", "Von Erika Muster",
                   "Der alte Marktplatz im Winter. Foto: Max Beispiel", BODY, BODY2,
                   "Dieser Artikel wurde maschinell aus dem Englischen übersetzt."))
    assert k["Von Erika Muster"][0] == "byline"
    assert k["Der alte Marktplatz im Winter. Foto: Max Beispiel"][0] == "caption"
    assert k["Dieser Artikel wurde maschinell aus dem Englischen übersetzt."] == ("provenance", "translation note")


def test_long_paragraph_mentioning_cookies_is_prose_not_a_banner() -> None:
    para = ("Die Bäckerei am Marktplatz verkauft seit Jahren Cookies und Kuchen, und der Inhaber sagt, dass er "
            "nach dem Umbau auf mehr Laufkundschaft hofft, weil die Menschen dann länger auf dem Platz bleiben "
            "würden als heute, wo sie nur schnell zu ihrem Auto gehen und wieder wegfahren, ohne einzukaufen.") * 2
    k = kinds(dump("Neuer Marktplatz für Lindau", BODY, para, BODY2))
    assert k[para][0] == "body"


def test_empty_dump_has_no_segments() -> None:
    res = clean_dump("\n\n  \n")
    assert res.segments == [] and res.text == ""


def test_the_title_is_the_headline_the_article_talks_about_not_a_byline_or_date_below_it() -> None:
    title = "Gemeinde baut den Marktplatz um"
    raw = dump("Startseite Politik Wirtschaft Kultur", title, "Veröffentlicht am 3. Mai 2024 von Anna Velden",
               "Lindau am Bodensee und Umgebung", BODY, BODY2, BODY3)
    assert clean_dump(raw).title == title


def test_a_two_word_headline_counts_when_the_page_prints_it_twice() -> None:
    raw = dump("Ein Neubeginn", "Drucken", "3. Mai 2024", "Ein Neubeginn", BODY, BODY2, BODY3)
    assert clean_dump(raw).title == "Ein Neubeginn"
    assert clean_dump(dump("Ein Neubeginn", "Drucken", BODY, BODY2, BODY3)).title == ""


def test_a_byline_with_its_dates_after_a_bar_is_a_byline() -> None:
    line = "Von Anna Velden | 24. Oktober 2023 | Zuletzt geändert: 7. November 2023, 8:54 Uhr MEZ Ortszeit Nordhafen"
    assert kinds(dump("Gemeinde baut den Marktplatz um", line, BODY, BODY2, BODY3))[line][0] == "byline"
