"""Generic German/English vocabulary of web-page clutter, kept apart from the logic that uses it.

Every pattern is ordinary web-page language (cookie notices, paywalls, share buttons, comment
sections); none names a particular site, article or person. Patterns match case-insensitively.
"""

from __future__ import annotations

import re

from ..nlp.word_cache import word_cache

EMBEDDED_POST = "embedded social-media post"

# (kind, reason, pattern) for single lines. A line matching one is removed with that reason, whatever
# the classifier says. Long lines need a strong match (see LINE_RULE_MAX_CHARS in dump.py).
LINE_RULES: list[tuple[str, str, str]] = [
    ("boilerplate", "cookie consent",
     r"\bcookies?\b|\bdatenschutz(erklärung|einstellungen|hinweis)|privacy (policy|settings)|"
     r"\bconsent\b|einwilligung|zustimmen|stimmen sie .{0,40}zu|nutzererlebnis|tracking"),
    ("boilerplate", "donation or newsletter plug",
     r"newsletter|auf dem laufenden|jetzt spenden|ihr beitrag hilft|unterstützen sie unsere arbeit|"
     r"unterstützen sie (uns|unseren journalismus)|spenden sie|"
     r"\bdonate\b|sign up for|melden sie sich .{0,30}an|kostenlos (anmelden|registrieren)"),
    ("boilerplate", "ad-blocker or paywall plea",
     r"ad-?blocker|werbeblock|werbefrei|\babo(nnement|nnieren|nnent)?\b|\babos\b|jetzt (testen|abonnieren|lesen)|"
     r"gratis weiterlesen|weiterlesen mit|zugang zu allen|bereits (gekauft|abonniert|abonnent)|"
     r"\d+[,.]\d\d ?€|€ ?\d+[,.]\d\d|im ersten monat|subscribe|paywall|plus-artikel|^ausgabe kaufen$|"
     r"in den warenkorb|^jetzt (kaufen|buchen|bestellen)$|"
     r"exklusiv für abonnenten"),
    ("boilerplate", "external-content consent widget",
     r"externe[rn]? inhalte?|drittplattform|inhalt (von|aus) (youtube|twitter|x|instagram|facebook)|"
     r"(empfohlener|externer) (externer )?inhalt|personenbezogene daten .{0,40}übermittelt"),
    ("boilerplate", "navigation or page interface",
     r"^(textgröße( ändern)?:?|schriftgröße|drucken|teilen|share|tweet|e-?mail|kommentieren|merken|"
     r"zum inhalt springen|skip to (main )?content|menü|menu|suche|search|anmelden|login|log in|"
     r"registrieren|startseite|home|zurück|weiter|nach oben|top|impressum|kontakt|agb|"
     r"mehr anzeigen|alle artikel|weitere artikel|mehr lesen|read more|weiterlesen|weitere informationen|"
     r"mehr informationen|more information|"
     r"source site|quelle: .{0,30}site|piwik.*|no script.*|loading.*|lädt.*)$"),
    ("boilerplate", "reading time or page interface",
     r"^\d+\s*(min(ute)?s?\.?|minuten)\s*(read|lesezeit|lesen)$|^lesezeit:?\s*\d+|"
     r"^\d+ (likes?|shares?|kommentare?|comments?)$"),
    ("boilerplate", "licence or copyright notice",
     r"\blizenz\b.{0,40}\bcc[- ]by|creative commons|alle rechte vorbehalten|all rights reserved|^©\s*\d{4}|"
     r"^copyright\b"),
    ("meta", "post metadata",
     r"\babgelegt unter\b|\bveröffentlicht in\b|\bfiled under\b|\bposted (in|on|by)\b|^tags?:|^schlagwörter:|"
     r"^kategorien?:"),
    ("related", "teaser of another article",
     r"^(lesen sie (auch|mehr|hier)|auch interessant|mehr zum thema|siehe auch|read (also|more)|see also)\s*:"),
    # a pointer to the site's live coverage inside the article ("+++ Alles zum Thema finden Sie in unserem
    # Live-Ticker +++"): it tells the reader where to look, not what happened
    ("related", "pointer to the site's live ticker or topic page",
     r"\b(finden|lesen|sehen) sie .{0,80}\b(in|auf|bei) unsere[mnr]? (live-?ticker|live-?blog|news-?ticker|"
     r"news-?blog|ticker|dossier|themenseite|special)|\bfollow (our|the) live (blog|coverage|updates)\b"),
    ("boilerplate", "CMS shortcode", r"^\[[a-z][\w-]*(\s[^\]]*)?\]$|^\{\{.*\}\}$"),
    # the byline an embedded post keeps: "— Anna Velden (@avelden) May 2, 2020"
    ("boilerplate", EMBEDDED_POST, r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$"),
    ("boilerplate", "social-media widget",
     r"\bon (instagram|twitter|facebook|tiktok)$|^folge?n? (sie )?uns\b|^follow us\b|"
     r"^(liken?|abonnieren?) (sie )?uns\b|^like us\b"),
    ("provenance", "translation note",
     r"maschinell(e|en)? übersetz|automatisiert .{0,40}übersetzt|aus dem (englischen|französischen|"
     r"spanischen|russischen|italienischen) .{0,30}übersetzt|machine[- ]translated|übersetzung: "),
    ("provenance", "first-publication note",
     r"zuerst (am .{0,40})?(in|bei|auf) .{0,80}erschienen|erschien zuerst|war zuerst .{0,80}erschienen|"
     r"originally (published|appeared)|first (published|appeared) (in|on|at)|im original erschienen"),
    ("byline", "contributor line",
     r"(trug|trugen) zu diesem bericht bei|zu diesem bericht beigetragen|contributed to this report|"
     r"^mitarbeit:|^mit material von|^(text|recherche|redaktion):\s"),
]

# A call to action at the end of a paragraph marks a plug of any length ("... Jetzt unterstützen").
CALL_TO_ACTION_TAIL = re.compile(
    r"(jetzt|hier|gleich) (unterstützen|spenden|abonnieren|anmelden|testen|registrieren|bestellen|"
    r"mitmachen|abschließen|teilen)\W*$|(subscribe|donate|sign up) (now|today)\W*$",
    re.I,
)

# Headers after which the rest of the page (or the next block) is not the article.
COMMENT_HEADERS = re.compile(
    r"^(\d+\s+)?(kommentare?|leserkommentare|comments?|diskussion|reaktionen|antworten)(\s*\(\d+\))?:?$|"
    r"^(leave a (reply|comment)|schreibe(n sie)? einen kommentar|kommentar schreiben|.{0,20}eingeloggt sein|"
    r"hinterlasse(n sie)?( jetzt)? einen kommentar|kommentar hinterlassen|"
    r"you must be logged in|"
    r"jetzt kommentieren|diskutieren sie mit|\d+ (comments?|kommentare) (anzeigen|lesen))",
    re.I,
)
RELATED_HEADERS = re.compile(
    r"^(empfohlen|empfehlungen|mehr zum thema|mehr dazu|auch interessant|das könnte sie (auch )?interessieren|"
    r"lesen sie (auch|mehr)|weitere (artikel|nachrichten|themen|beiträge)|verwandte (artikel|themen)|"
    r"ähnliche (artikel|beiträge)|meistgelesen|top-?themen|related( articles| posts| stories)?|"
    r"latest from( the)? blog|latest (news|posts)|more (from|on) .{0,30}|you may also like|"
    r"aktuelle (artikel|nachrichten|beiträge)|neueste (artikel|beiträge)|zum thema|dazu passend|"
    r"schon gelesen|auch lesenswert|weiterlesen|read (more|next)|also read)\b.{0,20}[:?]?$",
    re.I,
)
AUTHOR_BOX_HEADERS = re.compile(r"^(zur autorin|zum autor|über (die autorin|den autor)|about the author)\b", re.I)

# A comment section's lines: bullets, replies, @-handles, quoted replies.
COMMENT_LINE = re.compile(r"^\s*(•\s*)?(@[\w.\-]+|>>|antworten$|reply$|melden$)", re.I)

# Photo credits and captions.
CAPTION = re.compile(
    r"(^|[\s/(|])(foto|fotos|bild|bilder|photo|quelle|image|grafik|video)\s*:\s*\S|©|\(c\)\s*\w|"
    r"/\s*(dpa|afp|reuters|ap|getty images|imago|picture alliance)\b|\bpicture alliance\b|getty images|"
    r"\((l|r|m|li|re|v\. ?l\. ?n\. ?r)\.\)",
    re.I,
)

# Bylines: "Von Vorname Nachname", "By ...", "Name--ABC" (agency-style signature).
BYLINE = re.compile(
    r"^(?:[Vv]on|[Bb]y|[Tt]ext:|[Tt]ext von|[Aa]utor(?:in)?:)\s+[A-ZÄÖÜ][\w.'\-]+(\s+[A-ZÄÖÜ][\w.'\-]+){0,3}"
    r"(\s*(,|und|and|&)\s*[A-ZÄÖÜ][\w.'\-]+(\s+[A-ZÄÖÜ][\w.'\-]+){0,3})*\s*(\||,|$|\s(am|on)\s)",
)
# A short author biography after the article: "Name Name ist Redakteur ...", "Name Name leitet das Ressort ..."
AUTHOR_BIO = re.compile(
    r"^[A-ZÄÖÜ][\w.\-]+(\s[A-ZÄÖÜ][\w.\-]+){1,3}\s(ist|leitet|arbeitet|schreibt|studierte|war|lebt|berichtet)\s"
    r".{0,200}\b(redakteur|redaktion|ressort|autor|autorin|journalist|korrespondent|reporter|kolumnist|"
    r"studierte|schreibt für|arbeitet als|chefredakt|volontär|freie[rn]? |experte|expertin|berufserfahrung)",
    re.I,
)
# Menu items printed without spaces between them ("HomeProjekteÜberKontakt")
FUSED_MENU = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+([A-ZÄÖÜ][a-zäöüß]+){2,}$")
SIGNATURE = re.compile(r"^[A-ZÄÖÜ][\w.'\-]*(\s?[A-ZÄÖÜ][\w.'\-]*){0,3}\s*-{1,2}\s*[A-Z]{2,6}$")

# Date and time lines without a sentence around them ("Juni 17, 2024", "19.06.2024, 10:15 Uhr").
MONTHS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "january|february|march|may|june|july|october|december|"
    "jan|feb|mär|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dez|dec"
)
DATE_LINE = re.compile(
    rf"^((veröffentlicht|aktualisiert|stand|published|updated|erstellt)( am| on)?:?\s*)?"
    rf"((\w+,?\s+)?\d{{1,2}}\.?\s*({MONTHS})\.?\s+\d{{4}}|({MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"([,|\s-]+(um\s+)?\d{{1,2}}[:.]\d{{2}}(\s*uhr)?)?\s*$",
    re.I,
)

# Short words of German and English function vocabulary, for the "is this prose?" features.
# (The classifier uses jusText's German stoplist as well; this short list covers English.)
ENGLISH_STOPWORDS = frozenset(
    "the of and to in a is that for it as was with be by on not he i this are or his from at which but have "
    "an they you were her she there been has their one we all would will can had more when who said".split()
)

NEWS_AGENCIES = {
    "dpa": "dpa", "afp": "AFP", "reuters": "Reuters", "ap": "AP", "kna": "KNA", "epd": "epd",
    "apa": "APA", "sda": "SDA", "ddp": "ddp", "dts": "dts", "efe": "EFE", "ansa": "ANSA",
    "upi": "UPI", "tass": "TASS", "interfax": "Interfax", "xinhua": "Xinhua", "bloomberg": "Bloomberg",
    "kyodo": "Kyodo", "yonhap": "Yonhap", "afp/dpa": "AFP",
}

COMPILED_LINE_RULES = [(kind, reason, re.compile(p, re.I)) for kind, reason, p in LINE_RULES]
# All line rules in one pattern: one search tells whether any rule applies (the common case is none).
# It runs on the lower-cased line without re.I (the rules are written in lower case): 3x faster.
ANY_LINE_RULE = re.compile("|".join(f"(?:{p})" for _, _, p in LINE_RULES))


@word_cache(65536)
def line_rule(text: str) -> tuple[str, str] | None:
    """(kind, reason) of the first line rule matching a stripped line, or None. Cached: the features
    and the cleaner both ask, and navigation lines repeat across the pages of a site."""
    if not ANY_LINE_RULE.search(text.lower()):
        return None
    for kind, reason, rx in COMPILED_LINE_RULES:
        if rx.search(text):
            return kind, reason
    return None
