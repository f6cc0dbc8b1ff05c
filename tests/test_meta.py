"""Metadata from bylines, datelines, provenance notes and date lines of hand-made dumps."""

from __future__ import annotations

from pathlib import Path

from lagebild import analyze
from lagebild.meta.dates import find_date

from .conftest import write

PARAS = [
    "Die Stadtverwaltung hat am Vormittag mitgeteilt, dass die Sanierung der Stadthalle länger dauern wird als "
    "geplant, weil bei den Arbeiten Schäden am Dach entdeckt wurden, die zuerst behoben werden müssen.",
    "Nach Angaben eines Sprechers wird die Halle deshalb frühestens im Herbst wieder für Veranstaltungen zur "
    "Verfügung stehen, die Vereine müssen bis dahin auf andere Räume in der Stadt ausweichen.",
]


def one(tmp_path: Path, *lines: str):
    return analyze([write(tmp_path, "a.txt", "\n\n".join(lines) + "\n")]).documents[0]


def test_dateline_with_agency_in_parentheses(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", "Neustadt (dpa) - " + PARAS[0], PARAS[1])
    assert doc.dateline == "Neustadt"
    assert doc.agencies == ["dpa"]


def test_byline_and_contributor_line(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", "Von Erika Muster und Max Beispiel", *PARAS,
              "Jonas Probe in Altdorf trug zu diesem Bericht bei.")
    assert doc.authors == ["Erika Muster", "Max Beispiel"]
    assert doc.contributors == ["Jonas Probe"]


def test_explicit_date_line_sets_published(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", "Veröffentlicht am 3. März 2025, 10:15 Uhr", *PARAS)
    assert doc.published.value == "2025-03-03"
    assert doc.published.basis == "explicit"
    assert "3. März 2025" in (doc.published.evidence or "")


def test_translation_and_original_from_provenance_notes(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", *PARAS,
              "Dieser Artikel wurde maschinell aus dem Französischen übersetzt.",
              "Dieser Artikel war zuerst am 2. Mai 2025 bei „Le Courrier Exemple“ erschienen.")
    assert doc.translation is not None
    assert doc.translation.source_language == "fr" and doc.translation.machine
    assert doc.original is not None and doc.original.outlet == "Le Courrier Exemple"
    assert doc.original.published == "2025-05-02"
    assert doc.published.basis == "inferred"


def test_no_date_means_basis_none(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", *PARAS)
    assert doc.published.value is None and doc.published.basis == "none"
    assert doc.language == "de"


def test_english_article_language(tmp_path: Path) -> None:
    doc = one(tmp_path, "Town hall repairs delayed",
              "The city said on Monday that the renovation of the town hall will take longer than planned because "
              "workers found damage to the roof that has to be repaired first.",
              "A spokesman said the hall would not reopen before the autumn, and local clubs will have to move "
              "their meetings to other venues in the meantime.")
    assert doc.language == "en"


def test_a_banner_in_another_language_does_not_decide_the_language(tmp_path: Path) -> None:
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich",
              "These crawls are part of an effort to archive pages as they are created.",
              "The archive hopes that references to archived pages will be put in place of links that would "
              "otherwise be broken, or a companion link to allow people to see what was meant.",
              "This is a collection of pages and embedded objects from blogs and the external pages they link to. "
              "Captures of these pages are made on a continuous basis from a feed of new or changed pages.",
              *PARAS)
    assert doc.language == "de"


def test_addresses_do_not_vote_on_the_language(tmp_path: Path) -> None:
    urls = " ".join(f"https://nordpost.example/wp-content/uploads/2022/12/Large-Scaled-Image-{k}-lowRes.jpg"
                    for k in range(8))
    doc = one(tmp_path, "Sanierung der Stadthalle verzögert sich", urls, *PARAS)
    assert doc.language == "de"



def test_megabytes_of_prose_on_one_line_keep_their_language() -> None:
    """py3langid reads a megabyte-long paragraph wrongly (4 MB of German came out "zxx"): it is given a
    sample, and the German models run on such a text too."""
    import random

    from lagebild.meta.extract import _language
    from lagebild.model import Document

    rng = random.Random(20)
    words = "nordhafen brücke rat stadt bericht woche hafen straße antrag frage bürger sitzung plan jahr ufer".split()
    text = " ".join(f"Der {' '.join(rng.choices(words, k=rng.randint(6, 14)))} Anna Velden sagte am Montag, es "
                    f"gehe um {rng.randint(2, 900)} Euro." for _ in range(45_000))  # 4.6 MB
    doc = Document(id="d1", source="long.txt", format="text", raw=text, text=text)
    _language(doc)
    assert doc.language == "de"


def test_a_long_paragraph_is_read_from_pieces_over_its_whole_length() -> None:
    """The language of a long paragraph comes from pieces spread from its start to its end, not from its
    opening only: an English paragraph that opens with a German line is English."""
    from lagebild.meta.extract import LANGUAGE_SAMPLE_CHARS, _language, _language_sample
    from lagebild.model import Document

    german = "Der Hafen von Nordhafen wird nach Angaben der Stadt bis zum Sommer gesperrt bleiben. " * 8
    english = "The city council of Nordhafen said on Monday that the harbour would stay closed until summer. " * 60
    paragraph = german + english
    sample = _language_sample(paragraph)
    assert len(sample) <= LANGUAGE_SAMPLE_CHARS + 3 and sample.startswith(german[:50])
    assert sample.endswith(paragraph[-40:])
    assert _language_sample("kurz") == "kurz"
    doc = Document(id="d1", source="mixed.txt", format="text", raw=paragraph, text=paragraph)
    _language(doc)
    assert doc.language == "en"

def test_find_date_formats() -> None:
    assert find_date("Juni 17, 2024") == ("2024-06-17", "Juni 17, 2024")
    assert find_date("am 19. Juni 2024 in") == ("2024-06-19", "19. Juni 2024")
    assert find_date("Stand: 17.06.2024") == ("2024-06-17", "17.06.2024")
    assert find_date("31. Februar 2024") is None


def test_a_pages_author_field_gives_persons_not_its_outlet_company_or_places() -> None:
    from lagebild.meta.extract import html_authors

    assert html_authors("Anna Velden im Gespräch mit Tom Berg", "Nordfunk") == ["Anna Velden", "Tom Berg"]
    assert html_authors("NORDPOST ONLINE, Nordhafen, Germany", "NORDPOST ONLINE, Nordhafen, Germany") == []
    assert html_authors("Nordpost de GmbH; Autor: Jan Weber", "Nordpost.de") == ["Jan Weber"]
    assert html_authors("Red, Nord Post De, Agenturen", "nord.POST.de") == []


def test_a_pages_site_name_becomes_an_outlet_without_places_company_form_or_domain() -> None:
    from lagebild.meta.extract import outlet_name

    assert outlet_name("NORDPOST ONLINE, Nordhafen, Germany") == "NORDPOST ONLINE"
    assert outlet_name("Nordpost Verlags- und Vertriebs GmbH") == "Nordpost"
    assert outlet_name("Nordpost_De") == "Nordpost"
    assert outlet_name("Velden Medien AG") == "Velden"
    assert outlet_name("Nordhafener Allgemeine Zeitung") == "Nordhafener Allgemeine Zeitung"


def test_a_site_name_given_as_an_address_and_a_title_with_the_site_appended() -> None:
    from lagebild.meta.extract import html_authors, outlet_from_address, without_site_name

    page = "https://www.nordbote.de/lokales/hafen-wird-ausgebaut"
    assert outlet_from_address("https://www.facebook.com/NORDBOTE/", page) == "nordbote.de"  # a profile: the page
    assert outlet_from_address("https://www.facebook.com/NORDBOTE/", None) == "NORDBOTE"
    assert outlet_from_address("www.nordbote.de", None) == "nordbote.de"
    assert without_site_name("Hafen wird ausgebaut - Nordbote.de", "Nordbote.de") == "Hafen wird ausgebaut"
    assert without_site_name("Hafen wird ausgebaut | NORDBOTE", "Nordbote") == "Hafen wird ausgebaut"
    assert without_site_name("Hafen - Stadt - Land", "Nordbote") == "Hafen - Stadt - Land"  # no site: kept
    # the site's name in front with a bar, as the page's address writes it (the outlet is the publisher's)
    assert without_site_name("NORDBOTE | Hafen wird ausgebaut", "Velnix Medien", "https://www.nordbote.de/a/1") == \
        "Hafen wird ausgebaut"
    assert without_site_name("Hafen | Stadt plant Ausbau", "Nordbote", "https://nordbote.de/a") == \
        "Hafen | Stadt plant Ausbau"  # a topic in front is no site
    assert html_authors("Par Anne Velden, Tom Berg", None) == ["Anne Velden", "Tom Berg"]


PAGE = """<html><head><title>Hafen wird ausgebaut - Nordbote.de</title>
<meta property="og:site_name" content="Nordbote.de"></head><body><article>
<h1>Hafen wird ausgebaut</h1>
<p>Der Stadtrat von Nordhafen hat am Dienstag beschlossen, den Containerhafen bis 2030 um zwei Liegeplätze
zu erweitern. Die Kosten von 120 Millionen Euro tragen Stadt und Land je zur Hälfte.</p>
<p>Bürgermeisterin Anna Velden sprach von einem guten Tag für die Region, die Opposition kritisierte die
Finanzierung und forderte ein unabhängiges Gutachten über den Bedarf der Reedereien.</p>
<p>Folgen Sie uns auf Twitter</p><p>Liken Sie uns auf Facebook</p>
<p>Schon gelesen?</p><p>Neue Fähre nach Südland startet im Mai</p><p>Velder Werft stellt 40 Lehrlinge ein</p>
<p>https://www.nordbote.de/wp-content/uploads/2024/05/hafen-1.jpg7201280Jan Weberhttps://www.nordbote.de/logo.png</p>
</article></body></html>"""


def test_a_pages_main_text_without_follow_us_teasers_and_address_lists(tmp_path: Path) -> None:
    d = analyze([write(tmp_path, "hafen.html", PAGE)])
    doc = d.documents[0]
    assert doc.title == "Hafen wird ausgebaut" and doc.outlet == "Nordbote.de"
    assert "Liegeplätze" in doc.text and "unabhängiges Gutachten" in doc.text
    for gone in ("Folgen Sie", "Liken Sie", "Schon gelesen", "Neue Fähre", "Lehrlinge", "wp-content"):
        assert gone not in doc.text, gone
    reasons = {s.reason for s in doc.segments if not s.kept}
    assert {"social-media widget", "related-articles header", "teaser of another article"} <= reasons


def test_a_site_name_that_is_the_headline_gives_way_to_the_pages_address(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Nordbote.de">',
                        '<meta property="og:site_name" content="Hafen wird ausgebaut">'
                        '<link rel="canonical" href="https://www.nordbote.de/hafen-wird-ausgebaut">')
    page = page.replace("<title>Hafen wird ausgebaut - Nordbote.de</title>", "<title>Hafen wird ausgebaut</title>")
    doc = analyze([write(tmp_path, "hafen.html", page)]).documents[0]
    assert doc.title == "Hafen wird ausgebaut" and doc.outlet == "nordbote.de"


def test_an_embedded_post_and_its_byline_are_not_the_articles_text(tmp_path: Path) -> None:
    post = ("<p>Nordhafen: \"The harbour is closed\"</p><p>It would be really nice to know what is going on with "
            "the port right now.</p><p>— Jan Weber (@janweber) May 2, 2020</p>")
    page = PAGE.replace("<p>Folgen Sie uns", post + "<p>Die Reedereien in Nordhafen warten nun auf das Gutachten, "
                        "das der Rat im Herbst vorlegen will.</p><p>Folgen Sie uns")
    doc = analyze([write(tmp_path, "hafen.html", page)]).documents[0]
    for gone in ("The harbour is closed", "really nice", "@janweber"):
        assert gone not in doc.text, gone
    assert "Die Reedereien in Nordhafen warten" in doc.text and "Liegeplätze" in doc.text
    assert "embedded social-media post" in {s.reason for s in doc.segments}


def test_headlines_of_other_articles_after_the_articles_end_are_not_its_text(tmp_path: Path) -> None:
    """Without a header before them: three headline-shaped paragraphs end the main text. A subheading that
    prose follows stays."""
    teasers = ("<p>Turbulente Woche für Velnix-Chef Weber</p><p>EXKLUSIV - Kronmark will nachbessern: Werk "
               "Südland bangt</p><p>Das Hafenwerk: Standort Nordhafen ist Vorreiter</p><p>Aus dem Datencenter:</p>")
    page = PAGE.replace("<p>Folgen Sie uns", "<h2>Streit um die Kosten</h2><p>Die Opposition will das Gutachten "
                        "noch vor der Sommerpause, sagte ihr Fraktionschef Jan Weber am Abend.</p><p>Folgen Sie uns")
    page = page[: page.index("<p>Schon gelesen?")] + teasers + "</article></body></html>"
    doc = analyze([write(tmp_path, "hafen.html", page)]).documents[0]
    assert "Streit um die Kosten" in doc.text and "Sommerpause" in doc.text
    for gone in ("Turbulente Woche", "Kronmark", "Hafenwerk", "Datencenter"):
        assert gone not in doc.text, gone
    assert "headlines of other articles after the article's end" in {s.reason for s in doc.segments}


def test_a_tagline_after_the_site_name_and_a_genre_before_the_author() -> None:
    from lagebild.meta.extract import html_authors, outlet_name

    assert outlet_name("NORDBOTE · Alles bleibt anders!") == "NORDBOTE"
    assert outlet_name("Nordbote | Nachrichten aus Nordhafen") == "Nordbote"
    assert html_authors("Interview Julia Velden", None) == ["Julia Velden"]


def test_comment_pieces_columns_and_blogs_are_views_reports_are_not() -> None:
    """Issue 17: the page's own label says a piece is a view - before the title, in the kicker, in the section
    of its address, a blog as outlet; a kicker that merely starts with a word like one is no label."""
    from lagebild.meta.genre import genre
    from lagebild.model import Document

    def doc(title: str, kicker: str | None = None, url: str | None = None, outlet: str | None = None) -> Document:
        return Document(id="d1", source="a.txt", format="text", raw="", title=title, kicker=kicker, url=url,
                        outlet=outlet)

    assert genre(doc("Kommentar: Die Brücke hätte man retten können")) == "view"
    assert genre(doc("Opinion: Nordhafen's wall was built for the last flood")) == "view"
    assert genre(doc("Explainer: Why the Nordhafen hills shake")) == "view"
    assert genre(doc("Was der Einsturz verrät", kicker="Meinung zur Wendebrücke")) == "view"
    assert genre(doc("Die Stadt muss handeln", url="https://nordbote.example/meinung/2025/handeln")) == "view"
    assert genre(doc("Ein Jahr nach der Flut", outlet="Hallenberger Blog")) == "view"
    assert genre(doc("Brücke in Nordhafen eingestürzt", kicker="Unglück an der Wende",
                     url="https://nordbote.example/lokales/bruecke-eingestuerzt")) is None
    assert genre(doc("Umfrage: Mehrheit für neue Brücke", kicker="Meinungsforschung")) is None


def test_an_unlisted_agency_in_a_dateline_bracket_is_credited(tmp_path: Path) -> None:
    doc = one(tmp_path, "Nordhafen flood damage estimated at 40 million",
              "NORDHAFEN (NPA) - Residents of Nordhafen began returning to their homes on Wednesday as the "
              "floodwater receded, leaving mud, ruined furniture and a large damage bill.",
              "The county council put the damage at about 40 million and asked the government for help.")
    assert doc.dateline == "NORDHAFEN" and doc.agencies == ["NPA"]


def test_issue16_a_dateline_after_the_headline_repeated_above_the_first_paragraph() -> None:
    from lagebild.meta.extract import _first_paragraphs
    from lagebild.model import Document, Segment

    title = "Sanierung der Stadthalle verzögert sich"
    text = f"{title} - Nordbote\n\n{title}\n\nNeustadt (dpa) - {PARAS[0]}\n\n{PARAS[1]}"
    spans, at = [], 0
    for k, para in enumerate(text.split("\n\n")):
        spans.append(Segment(k + 1, k + 1, "title" if k == 0 else "body", "", at, at + len(para)))
        at += len(para) + 2
    doc = Document(id="d1", source="a.html", format="html", raw=text, text=text, title=title, segments=spans)
    assert _first_paragraphs(doc)[0].startswith("Neustadt (dpa)")
