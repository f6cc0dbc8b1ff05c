"""Names a word-by-word tagger misses by their German spelling rules (generic vocabulary, no names):

- an adjective written with a capital inside a sentence belongs to a name ("Rotes Meer",
  "Weißes Haus", "Vereinigte Staaten", "Nordhafener Freie Presse"); German writes
  ordinary adjectives in lower case, so an adjective the unlabeled text mostly writes in lower case,
  capitalised mid-sentence before a noun, starts a name;
- a hyphenated compound whose last part is a place word is a place ("Nordhafen-Fluss", "Anna-Berg-Platz");
- a building or institution noun right before a name is part of it ("Gästehaus Velden", "Schloss
  Nordhafen", "Konservatorium Berg");
- a name broken at an initial's dot ("Anna K." + "Berg Center") is one name;
- an organisation compound qualified by a name ("UN-Sicherheitsrat", "Nordhafen-Universität") is a name,
  a bare one ("Verteidigungsministerium") is left to the mention filter.
"""

from __future__ import annotations

import re
from typing import TypeVar

from .common_nouns import NounContexts, is_common_noun, noun_contexts, used_as_common_noun
from .entities import Mention
from .mention_filter import PREPOSITIONS
from .name_tagger import Lexicon
from .speech_words import is_role_noun

T = TypeVar("T")

# Heads that make an adjective name a place; any other head makes it an organisation ("Deutsche Bahn")
PLACE_HEADS = frozenset("""Meer Meeres Ozean Ozeans See Osten Ostens Westen Westens Norden Nordens Süden Südens
Halbinsel Insel Inseln Gebirge Gebirges Küste Platz Platzes Straße Fluss Flusses Tal Tals Wald Waldes Bucht Golf
Kanal Kanals Staaten Land Landes Reich Reiches Reichs Alpen Becken Wüste Steppe Tor Turm Haus Hauses
""".split())
PLACE_PARTS = ("fluss", "platz", "straße", "strasse", "allee", "brücke", "kanal", "gebirge", "halbinsel", "insel",
               "tal", "see", "bahnhof", "flughafen", "stadion", "park", "palast", "kathedrale", "tower", "turm",
               "denkmal", "mahnmal")
# Nouns that are part of the name that follows them: buildings (places) and institutions (organisations)
# (compounds count: "Staatsgästehaus"; so no head that ends city names: "-burg", "-hafen", "-dom")
BUILDING_HEADS = ("gästehaus", "rathaus", "schloss", "palast", "kloster", "kirche", "kathedrale",
                  "moschee", "synagoge", "tempel", "festung", "bahnhof", "flughafen", "flugplatz",
                  "kosmodrom", "weltraumbahnhof", "stützpunkt", "kraftwerk", "krankenhaus", "klinikum", "gefängnis",
                  "stadion", "arena", "museum", "theater", "hotel")
INSTITUTION_HEADS = ("konservatorium", "universität", "hochschule", "akademie", "institut", "gymnasium", "bistum",
                     "diözese")
ADJECTIVE_RUN = re.compile(r"(?<![\w-])((?:[A-ZÄÖÜ][a-zäöüß]+(?:e|es|er|en|em)[ \t]+){1,3})([A-ZÄÖÜ][a-zäöüß-]+)"
                           r"(?![\w-])")
PLACE_COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w]*(?:-[A-ZÄÖÜ]?[\w]+)*-(?:" + "|".join(PLACE_PARTS) +
                            r")(?:e?s)?)(?![\w-])", re.IGNORECASE)
# "des Roten und des Kaspischen Meeres": the first name's noun is left out
ELIDED_BEFORE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+(?:e|es|er|en|em))[ \t]+(?:und|oder|sowie)[ \t]+"
                           r"(?:(?:de[rsmn]|die|das)[ \t]+)?$")
# a nationality adjective in lower case right before an organisation's adjective name is part of the name
# (the article writes it in lower case, the name in capitals: "die nordländische Zentrale Nachrichtenagentur")
NATIONAL_BEFORE = re.compile(r"(?<![\w-])([a-zäöü]+isch(?:e|en|er|es|em))[ \t]+$")
SENTENCE_START_CHARS = frozenset(".!?:\n\"„“»«([|–—")
# words that end like adjectives but are none ("Diese Woche", "Seine Rede" after a line break)
ARTICLES = frozenset("der die das des dem den".split())
DETERMINERS = frozenset("""diese dieser diesen diesem dieses jene jener jenen jenem jenes jede jeder jeden jedem jedes
keine keiner keinen keinem keines meine meiner meinen meinem seine seiner seinen seinem ihre ihrer ihren ihrem unsere
unserer unseren unserem eure eurer euren eurem welche welcher welchen welchem manche mancher manchen einige einiger
einigen alle aller allen solche solcher solchen andere anderer anderen anderem""".split())
# an adjective the unlabeled text writes in lower case at least this often, and at least a quarter as often as
# with a capital (names made of it raise the capitalised count: "Fernen" 44 / "fernen" 44); nouns are rarely
# written in lower case at all ("Behörde")
MIN_LOWER, MIN_LOWER_SHARE = 20, 0.25


# A noun the unlabeled text writes after an indefinite article or a lower-case adjective in most of its uses
# (at least MIN_HEAD_SEEN of them) heads no name: read off the unlabeled text, the heads of names stay below
# ("Deutsche Welle" 0.64, "Staaten" 0.47, "Partei" 0.39, "Haus" 0.23, "Union" 0.03), those of the capitalised
# descriptions on the development pages lie above ("Netzwerke" 0.72, "Assistenten" 0.69)
COMMON_HEAD_SHARE, MIN_HEAD_SEEN = 0.66, 20


def _mostly_common_noun(word: str) -> bool:
    seen = noun_contexts().lookup(word)
    return seen is not None and seen[0] >= MIN_HEAD_SEEN and (seen[1] + seen[2]) / seen[0] >= COMMON_HEAD_SHARE


def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t")
    return bool(before) and before[-1] not in SENTENCE_START_CHARS


def _ordinary_adjective(word: str, lexicon: Lexicon) -> bool:
    if len(word) < 5 or word.lower() in DETERMINERS:
        return False
    if word.lower().endswith(("ische", "ischen", "ischer", "isches", "ischem")):
        return True  # "Kaspischen": an adjective of a place name, however rare
    low, cap = lexicon.lookup(word.lower()), lexicon.lookup(word)
    n_low, n_cap = (low[1] if low else 0), (cap[1] if cap else 0)
    return n_low >= MIN_LOWER and n_low >= MIN_LOWER_SHARE * n_cap


def adjective_names(text: str, lexicon: Lexicon) -> list[Mention]:
    """"das Japanische Meer", "im Weißen Haus": capitalised ordinary adjectives mid-sentence and the noun."""
    out = []
    for m in ADJECTIVE_RUN.finditer(text):
        if not _mid_sentence(text, m.start()):
            continue
        words = [*m.group(1).split(), m.group(2)]
        k = 0  # "im Nahen Osten Europas": the adjectives are the words up to the first that is none
        while k < len(words) - 1 and _ordinary_adjective(words[k], lexicon):
            k += 1
        if k == 0:
            continue
        head = words[k]
        end = [w.end() for w in re.finditer(r"\S+", m.group(0))][k] + m.start()
        if head.lower() == head or _ordinary_adjective(head, lexicon) or is_role_noun(head):
            continue  # "Juristische Direktorin": a title, not a name
        if _mostly_common_noun(head):
            continue  # "für Soziale Netzwerke", "einen Geistlichen Assistenten": a description written with capitals
        kind = "LOC" if head in PLACE_HEADS else "ORG"
        start = m.start()
        national = NATIONAL_BEFORE.search(text, max(0, start - 40), start)
        if national and kind == "ORG":
            start = national.start(1)  # "die nordländische Zentrale Nachrichtenagentur": the name's own adjective
        elided = ELIDED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if elided and _mid_sentence(text, elided.start(1)) and _ordinary_adjective(elided.group(1), lexicon):
            out.append(Mention(elided.start(1), elided.end(1), elided.group(1), kind))  # "des Japanischen und des …"
        out.append(Mention(start, end, text[start:end], kind))
    return out


# Nouns that head the name of a body when a complement follows: "Deutscher Verein für öffentliche und private
# Fürsorge", "Zentralkomitee der deutschen Katholiken", "Bundesamt für Migration und Flüchtlinge" (the last part
# of a compound counts: "Bundesministerium", "Zentralrat")
BODY_HEADS = ("ministerium", "amt", "anstalt", "institut", "zentrum", "agentur", "gesellschaft", "verein", "verband",
              "bund", "stiftung", "akademie", "komitee", "rat", "kommission", "kammer", "behörde", "dienst", "liga",
              "vereinigung", "union", "organisation", "arbeitsgemeinschaft", "forschungsinstitut", "hochschule",
              "universität", "büro", "fonds", "partei", "bewegung")
_BODY_HEAD = "|".join(sorted(BODY_HEADS, key=len, reverse=True))
_ADJECTIVE = r"[a-zäöü][a-zäöüß]+(?:e|en|er|es|em)"
_NOUN = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
# the complement: "für" or a genitive article, lower-case adjectives, one or two nouns ("Luft- und Raumfahrt",
# "Bildung und Forschung"); a noun followed by another capitalised word ends it before a name ("und Anna Berg")
_COMPLEMENT = (rf"(?P<link>für|der|des|zur|zum)[ \t]+(?:{_ADJECTIVE}(?:[ \t]+und[ \t]+{_ADJECTIVE})?[ \t]+)?"
               rf"(?:{_NOUN}-[ \t]+und[ \t]+)?{_NOUN}(?:[ \t]+und[ \t]+{_NOUN}(?![ \t]+[A-ZÄÖÜ]))?"
               # "zur Vorbereitung der Nordländischen Fischtage": a noun of action takes its genitive along
               rf"(?P<genitive>(?<=ung)[ \t]+de[rs][ \t]+(?:[A-ZÄÖÜa-zäöü][a-zäöüß]+(?:e|en|er|es|em)[ \t]+)?{_NOUN})?")
BODY_NAME = re.compile(rf"(?<![\w-])(?P<adjectives>(?:[A-ZÄÖÜ][a-zäöüß]+(?:e|es|er|en|em)[ \t]+){{0,2}})"
                       rf"(?P<head>(?=[A-ZÄÖÜ])[\w-]*?(?i:{_BODY_HEAD})(?:e?s)?)[ \t]+{_COMPLEMENT}(?![\w-])")
INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?i:ein|eine|einer|einem|einen|eines|kein|keine|keiner|keinen|jede|jeder|"
                               r"jedes|jedem|jeden|solche|solcher|solchen|andere|anderen|neue|neuen|neuer)[ \t]+$")


# Prefixes that make a compound of a short body noun an institution ("Bundesamt", "Zentralrat", "Landesbund");
# other short heads end ordinary words too ("Apparat", "Vorrat")
OFFICIAL_PREFIXES = ("bundes", "landes", "zentral", "staats", "europa", "welt", "reichs", "stadt", "kreis")
SHORT_BODY_HEADS = ("amt", "rat", "bund", "dienst", "union", "liga", "büro", "fonds", "partei")


def _body_kind(head: str) -> str | None:
    """"bare" for a body noun alone ("Verein", "Amtes"), "compound" for a compound of one ("Bundesministerium",
    "Zentralkomitees", "Umweltbundesamt"), None for a word that only ends like one ("Apparat")."""
    word = head.lower()
    for stem in (word, *(word[: -len(e)] for e in ("es", "s", "e") if word.endswith(e))):
        if stem in BODY_HEADS:
            return "bare"
        body = next((h for h in BODY_HEADS if stem.endswith(h)), None)
        if body is None:
            continue
        prefix = stem[: -len(body)]
        if body not in SHORT_BODY_HEADS or prefix.endswith("-") or prefix.startswith(OFFICIAL_PREFIXES) or \
                prefix.endswith(OFFICIAL_PREFIXES):
            return "compound"
    return None


def body_names(text: str, lexicon: Lexicon) -> list[Mention]:
    """"das Deutsche Zentrum für Luft- und Raumfahrt", "des Zentralkomitees der deutschen Katholiken": a body's
    noun with a complement is a name where a capitalised adjective ("Deutsche") or a compound ("Bundes-",
    "Zentral-") marks it as one; after an indefinite article it is a description ("ein Verein für Kinder"),
    and a bare noun with a genitive rarely names anything ("das Amt des Bürgermeisters", "der Rat der Stadt")."""
    out = []
    for m in BODY_NAME.finditer(text):
        adjectives = list(re.finditer(r"\S+", m.group("adjectives")))
        while adjectives and (adjectives[0].group().lower() in DETERMINERS | ARTICLES or
                              not _ordinary_adjective(adjectives[0].group(), lexicon)):
            adjectives.pop(0)  # "Die Deutsche Gesellschaft": the article is no part of the name
        head = m.group("head")
        kind = _body_kind(head)
        if kind is None or is_role_noun(head) or (not adjectives and kind == "bare" and (
                m.group("link") != "für" or not _mid_sentence(text, m.start("head")))):
            continue
        start = m.start("adjectives") + adjectives[0].start() if adjectives else m.start("head")
        if INDEFINITE_BEFORE.search(text, max(0, start - 12), start):
            continue
        end = m.end() if m.group("link") in ("zur", "zum") or m.group("genitive") is None else m.start("genitive")
        out.append(Mention(start, end, text[start:end], "ORG"))
    return out


# A unit of a party, union or association named by its acronym ("FDP-Fraktion", "DGB-Region", "SPD-Landesverband"):
# an organisation, and with a place right after it one name ("DGB-Region Mittelhessen")
UNIT_PARTS = ("Region", "Fraktion", "Bundestagsfraktion", "Landtagsfraktion", "Ratsfraktion", "Landesverband",
              "Kreisverband", "Ortsverband", "Ortsverein", "Bezirksverband", "Landesgruppe", "Kreisgruppe",
              "Ortsgruppe", "Bundesvorstand", "Landesvorstand", "Kreisvorstand")
ACRONYM_UNIT = re.compile(r"(?<![\w-])[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}-(?:" + "|".join(UNIT_PARTS) + r")(?![\w-])")


def acronym_units(text: str, found: list[Mention]) -> list[Mention]:
    """"FDP-Fraktion", "DGB-Region Mittelhessen" (the place the tagger found right after the unit joins it)."""
    out: list[Mention] = []
    places = {f.start: f for f in found if f.type == "LOC"}
    for m in ACRONYM_UNIT.finditer(text):
        place = places.get(m.end() + 1) if text[m.end() : m.end() + 1] in (" ", "\t") else None
        end = place.end if place else m.end()
        out.append(Mention(m.start(), end, text[m.start() : end], "ORG"))
    return out


# an opening quotation mark after a compound: the compound is the kind of what is quoted ("der Velnix-Kanal
# „Nordhafen heute“": a channel, not a canal)
QUOTE_AFTER = re.compile(r"[ \t]+[„\"«»“]")


def place_compounds(text: str) -> list[Mention]:
    """"Nordhafen-Fluss", "Anna-Berg-Platz": a hyphenated name whose last part is a place word, unless a quoted
    name follows it (then it says what kind of thing that name is)."""
    return [Mention(m.start(1), m.end(1), m.group(1), "LOC") for m in PLACE_COMPOUND.finditer(text)
            if m.group(1)[:1].isupper() and not QUOTE_AFTER.match(text, m.end(1))]


def with_descriptors(text: str, found: list[Mention]) -> list[Mention]:
    """A building or institution noun right before a name joins it ("Gästehaus Velden" LOC, "Konservatorium
    Berg" ORG), and so does an adjective without ending before a place ("Märkisch Velden")."""
    out: list[Mention] = []
    for m in found:
        before = re.search(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+)[ \t]+$", text[max(0, m.start - 40):m.start])
        if before and m.type != "MISC":
            low = before.group(1).lower()
            start = m.start - len(before.group(0))
            if low.endswith(BUILDING_HEADS) and not (out and out[-1].end > start):
                m = Mention(start, m.end, text[start:m.end], "LOC")
            elif m.type == "LOC" and low.endswith("isch") and not (out and out[-1].end > start):
                m = Mention(start, m.end, text[start:m.end], "LOC")  # "Schwäbisch Hall": an uninflected adjective
            elif low.endswith(INSTITUTION_HEADS) and not (out and out[-1].end > start):
                m = Mention(start, m.end, text[start:m.end], "ORG")
        out.append(m)
    return out


def joined_at_initials(text: str, found: list[tuple[Mention, T]]) -> list[tuple[Mention, T]]:
    """A name cut at an initial's dot joins the name after it: "Anna K" + "Berg Center" -> "Anna K. Berg
    Center" (the sentence splitter took the dot for a sentence end), with the second part's type and origin;
    and a person's name right before an organisation's is part of it: "Anna K. Berg" + "Center for Studies"
    -> "Anna K. Berg Center for Studies" (an organisation named after the person)."""
    out: list[tuple[Mention, T]] = []
    for m, origin in found:
        if out and ((re.fullmatch(r"\.[ \t]", text[out[-1][0].end:m.start]) and
                     re.search(r"\s[A-ZÄÖÜ]$", out[-1][0].text)) or
                    (out[-1][0].type == "PER" and m.type == "ORG" and
                     re.fullmatch(r"[ \t]", text[out[-1][0].end:m.start]))):
            prev, _ = out.pop()
            m = Mention(prev.start, m.end, text[prev.start:m.end], m.type)
        out.append((m, origin))
    return out


# A name in quotation marks right after a noun of its kind is the name of an outlet, a channel or a platform: 'die
# Zeitung „Nordbote“', 'auf dem Youtube-Kanal «Geldfluss»', 'vom Finanzblog "Nordgeld"'
OUTLET_KINDS = ("zeitung", "zeitschrift", "magazin", "blatt", "sender", "kanal", "blog", "podcast", "portal",
                "plattform", "nachrichtenseite", "newsletter", "onlinedienst")
QUOTED_OUTLET = re.compile(r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:" + "|".join(OUTLET_KINDS) + r")(?:e?s|n)?[ \t]+[„\"«»“]"
                           r"([A-ZÄÖÜ0-9][^\"„“”«»\n]{0,38}[^\s\"„“”«»])[“”\"«»]")


def quoted_outlets(text: str) -> list[Mention]:
    return [Mention(m.start(1), m.end(1), m.group(1), "ORG") for m in QUOTED_OUTLET.finditer(text)]


QUOTED_REST = re.compile(r"(?:[ \t]+[A-ZÄÖÜ0-9][\w&.-]*){1,3}(?=[“”\"«»])")


def to_closing_quote(text: str, m: Mention) -> Mention:
    """'der „Nordhafener Abendpost“': a name that opens a quotation of a few capitalised words is all of them
    (the tagger found "Nordhafener" only)."""
    if m.start == 0 or text[m.start - 1] not in "„\"«»“":
        return m
    rest = QUOTED_REST.match(text, m.end)
    return m if rest is None else Mention(m.start, rest.end(), text[m.start:rest.end()], m.type)


def federal_body(word: str) -> bool:
    """"Bundesregierung", "Bundesjustizministeriums": an organisation compound of the federation names the one
    body of the country the article is about (the bare "Justizministerium" is left to the mention filter)."""
    return word.startswith("Bundes") and len(word) > len("Bundes") + 3


def qualified_compound(word: str, nouns: NounContexts) -> bool:
    """"UN-Sicherheitsrat", "Nordhafen-Universität": the part before the hyphen is an abbreviation or a word
    the unlabeled text never uses like a common noun (after an indefinite article or an adjective)."""
    if "-" not in word:
        return False
    modifier = word.split("-")[0]
    if modifier.isupper() and len(modifier) >= 2:
        return True
    if not modifier[:1].isupper():
        return False
    return not used_as_common_noun(modifier, nouns)


# Two names joined by "&": a firm, a publisher, a band ("Velden & Weber", "Kronmark & Söhne")
AMPERSAND_NAME = re.compile(r"(?<![\w&-])([A-ZÄÖÜ][\w'-]*)[ \t]+&[ \t]+([A-ZÄÖÜ][\w'-]*)(?![\w&-])")
FIRST_NAME_BEFORE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*)[ \t]+$")


def ampersand_names(text: str, lexicon: Lexicon) -> list[Mention]:
    """"Kiepenheuer & Witsch" is one organisation, not a person "Witsch": two capitalised words joined by "&",
    unless both are common nouns the unlabeled text uses as such ("Fragen & Antworten", a heading) or they are
    two persons' names ("Anna Velden & Jan Weber": a first name before the first, a name after the second)."""
    from .name_tagger import first_name

    out = []
    for m in AMPERSAND_NAME.finditer(text):
        left, right = m.group(1), m.group(2)
        if (is_common_noun(left) and is_common_noun(right)) or (first_name(lexicon, left) and
                                                                first_name(lexicon, right)):
            continue  # "Anna & Jan": two persons
        before = FIRST_NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if (before and first_name(lexicon, before.group(1))) or re.match(r"[ \t]+[A-ZÄÖÜ]", text[m.end():]):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), "ORG"))
    return out


# A name in quotation marks after an article, in a sentence that reports what someone said or wrote: an outlet
# ('wie der „Nordhafener Kurier“ berichtet', 'sagte sie dem „Nordboten“')
# (not "den", accusative of a masculine, nor after "über": the one spoken about is no source, 'sagt Weber über den
# „Hafenmeister“')
QUOTED_AFTER_ARTICLE = re.compile(r"(?<![\w-])(?<!über )(?<!Über )(?:der|die|das|dem|des)[ \t]+[„\"«»“]"
                                  r"([A-ZÄÖÜ0-9][^\"„“”«»\n]{0,38}[^\s\"„“”«»])[“”\"«»](?![\w-])")
SENTENCE_EDGE = re.compile(r"[.!?]\s|\n")
SOURCE_VERBS = frozenset("vorliegt vorliegen vorlag vorlagen erfuhr erfahren zufolge berufung".split())


def _may_be_a_name(word: str) -> bool:
    """A word the unlabeled text does not know, or one the tagger reads as a name on its own ("Ende", "Aus",
    "Hammer" are neither)."""
    from .name_tagger import bundled

    tagger = bundled()
    known = tagger.features.lexicon.lookup(word)
    return (known is None or known[1] == 0) or tagger.is_name_alone(word)


def quoted_sources(text: str) -> list[Mention]:
    """'Wie der „Velden Insider“ unter Berufung auf Kreise berichtet': a quoted name of up to four capitalised
    words (a title has lower-case words: „Das Dilemma und seine Folgen“; one word must be no common noun:
    „Aus“) after an article, in a sentence with a verb of saying or reporting (speech_words.CUE_VERBS,
    "vorliegt", "zufolge"), is the outlet the sentence cites."""
    from .speech_words import CUE_VERBS

    out = []
    for m in QUOTED_AFTER_ARTICLE.finditer(text):
        words = m.group(1).split()
        if len(words) > 4 or not all(w[:1].isupper() or w[:1].isdigit() for w in words) or \
                (len(words) == 1 and not _may_be_a_name(words[0])):
            continue
        edges = [e.end() for e in SENTENCE_EDGE.finditer(text, max(0, m.start() - 200), m.start())]
        start = edges[-1] if edges else max(0, m.start() - 200)
        end = SENTENCE_EDGE.search(text, m.end())
        sentence = text[start:end.start() if end else min(len(text), m.end() + 200)]
        if any(w.lower() in CUE_VERBS or w.lower() in SOURCE_VERBS for w in re.findall(r"\w+", sentence)):
            out.append(Mention(m.start(1), m.end(1), m.group(1), "ORG"))
    return out


DESCRIBED_NAME = re.compile(r"(?<![\w-])((?=[A-ZÄÖÜ])[a-zäöüßA-ZÄÖÜ]*?(?i:" +
                            "|".join(BUILDING_HEADS + INSTITUTION_HEADS) +
                            r"))[ \t]+([A-ZÄÖÜ][\w'-]*[a-zäöüß])(?![\w-])")


# (a word seen this often in the unlabeled text is judged with its compound head, "Museum Besucher"; a rarer one,
# "Klinikum Nordhafen", only by its own uses)
KNOWN_WORD = 20
# ... and is a common noun when one in ten of its uses follows an indefinite article or an adjective: plurals take
# no indefinite article ("Besucher" 0.24, "Menschen" 0.25), names almost never either (a city: below 0.02)
DESCRIBED_COMMON_SHARE = 0.1


def described_names(text: str, lexicon: Lexicon) -> list[Mention]:
    """"ins Konservatorium Velden", "am Flughafen Nordhafen": a building or institution noun before a capitalised
    word the unlabeled text never uses like a common noun (after an indefinite article or an adjective) nor writes
    mostly in lower case is a name with it, also where the tagger does not know the word ("im Hotel Zimmer" is
    none)."""
    out = []
    for m in DESCRIBED_NAME.finditer(text):
        word = m.group(2)
        capital, lower = lexicon.lookup(word), lexicon.lookup(word.lower())
        seen = noun_contexts().lookup(word)
        if (lower and lower[1] >= (capital[1] if capital else 0)) or (
                seen and seen[0] >= KNOWN_WORD and (seen[1] + seen[2]) / seen[0] >= DESCRIBED_COMMON_SHARE) or \
                (capital and capital[1] >= KNOWN_WORD and is_common_noun(word)):
            continue  # a frequent word is judged with its compound's head too ("Zimmer"), a rare one by itself
        kind = "LOC" if m.group(1).lower().endswith(BUILDING_HEADS) else "ORG"
        out.append(Mention(m.start(), m.end(), m.group(0), kind))
    return out


# A venue or an outlet named by one compound word ("in der Veldenoper", "dem Veldenspiegel"): the head says the
# kind (a stage is a place, a paper an organisation); whether the word is a name, the unlabeled text says
# (common_nouns.py).
VENUE_HEADS = ("theater", "oper", "bühne", "philharmonie", "arena")
OUTLET_HEADS = ("spiegel", "kurier", "anzeiger", "rundschau", "zeitung", "blatt")
NAMED_COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}(?:" + "|".join(VENUE_HEADS + OUTLET_HEADS) +
                            r"))(?:e?s)?(?![\w-])")  # with a genitive ending: "des Veldentheaters"
# ... it is a name when the unlabeled text has it NAME_USE_MIN times or more and almost never after an indefinite
# article or an adjective: the one stage or paper of its kind is at most 1 of 40 there, a kind of thing far more
# ("Freilichtbühne" 11 of 31, "Stadttheater" 14 of 84, "Tageszeitung" 126 of 224). Set on the development
# pages; GermEval's tuning and held-out figures do not move. A "-woche" is
# left out: a week of the church year reads as a name by this count too.
NAME_USE_MIN = 5
NAME_USE_COMMON_SHARE = 0.03


def named_compounds(text: str) -> list[Mention]:
    """"im Veldentheater", "die Veldenoper", "dem Veldenspiegel": one-word venues (LOC) and outlets (ORG) inside a
    sentence, where the unlabeled text uses the word like a name, not like a common noun."""
    from .entities import at_sentence_start

    out = []
    for m in NAMED_COMPOUND.finditer(text):
        seen = noun_contexts().lookup(m.group(1))
        if seen is None or seen[0] < NAME_USE_MIN or (seen[1] + seen[2]) / seen[0] > NAME_USE_COMMON_SHARE or \
                at_sentence_start(text, m.start()):
            continue
        out.append(Mention(m.start(1), m.end(1), m.group(1), "LOC" if m.group(1).endswith(VENUE_HEADS) else "ORG"))
    return out


# One word between an article and a verb of reporting right after it: "wie der Nordkurier berichtete", "die dem
# Veldenblatt vorliegt" - the outlet the sentence cites, without quotation marks
REPORTING_VERBS = ("berichtet", "berichtete", "berichteten", "meldet", "meldete", "schreibt", "schrieb", "vorliegt",
                   "vorliegen", "vorlag", "vorlagen", "zufolge", "erfuhr")
REPORTING_SOURCE = re.compile(r"(?<![\w-])(?:der|die|das|dem)[ \t]+([^\W\d_]\w+)[ \t]+(?:" +
                              "|".join(REPORTING_VERBS) + r")(?![\w-])")


def reporting_sources(text: str, lexicon: Lexicon) -> list[Mention]:
    """"wie der Nordkurier berichtete", "die der Veldenwoche vorliegt", "der nordXpress berichtete": one word between
    an article and a verb of reporting is the outlet the sentence cites when the unlabeled text uses it like a name
    (NAME_USE_MIN times or more, almost never after an indefinite article or an adjective, as named_compounds asks)
    or, where it is rarer, neither it nor its compound's head like a common noun ("die Agentur meldete", "der
    Lokalsender berichtete" are none), and it is no word written mostly in lower case; not after a preposition ("in
    der Flüchtlingsfrage meldete sich": the subject follows) nor "über" (the one reported on)."""
    from .speech_words import FUNCTION_WORDS

    out = []
    for m in REPORTING_SOURCE.finditer(text):
        word = m.group(1)
        before = text[max(0, m.start() - 20) : m.start()].split()
        if before and before[-1].lower() in PREPOSITIONS:
            continue
        if not (word[:1].isupper() or any(ch.isupper() for ch in word[1:])) or len(word) < 3 or \
                word.casefold() in FUNCTION_WORDS or is_role_noun(word):
            continue
        capital, lower = lexicon.lookup(word), lexicon.lookup(word.lower())
        if lower and lower[1] >= (capital[1] if capital else 0) and word != word.lower():
            continue
        seen = noun_contexts().lookup(word)
        if seen is not None and seen[0] >= NAME_USE_MIN:
            if (seen[1] + seen[2]) / seen[0] > NAME_USE_COMMON_SHARE:
                continue
        elif word[:1].isupper() and is_common_noun(word):
            continue
        out.append(Mention(m.start(1), m.end(1), word, "ORG"))
    return out


# A broadcaster named by its medium and its place: "Radio Velden", "TV Nordhafen", "Nordhafen TV"
BROADCASTER = re.compile(r"(?<![\w-])(?:(?:Radio|TV)[ \t]+([A-ZÄÖÜ][\w]+)|([A-ZÄÖÜ][\w]+)[ \t]+TV)(?![\w-])")


def broadcaster_names(text: str, lexicon: Lexicon) -> list[Mention]:
    """"Radio Velden", "TV Nordhafen", "Nordhafen TV": the medium and a place the name lists know or the model takes
    for a place on its own is a broadcaster, also where the model sees no name ("von Nordpress und Radio Velden")."""
    from .name_tagger import NAME_LISTS, bundled

    places = 1 << NAME_LISTS.index("CITY") | 1 << NAME_LISTS.index("COUNTRY") | 1 << NAME_LISTS.index("PLACE")
    out = []
    for m in BROADCASTER.finditer(text):
        place = m.group(1) or m.group(2)
        found = lexicon.lookup(place)
        if (found and found[2] & places) or bundled().type_of([place], ("PER", "LOC", "ORG", "OTH", "O")) == "LOC":
            out.append(Mention(m.start(), m.end(), m.group(0), "ORG"))
    return out
