"""Time expressions in German and English news text, found with their characters and left
unresolved: what they say (a full date, a weekday, a month, "vor 24 Jahren" ...) and the tense of
the clause they stand in. `resolve.py` turns them into calendar values against an anchor date."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from ..meta.dates import MONTH_NUMBERS
from ..nlp.function_words import reads_english
from ..nlp.lower import lower_aligned
from ..nlp.numbers import NUMBER_WORDS
from ..nlp.word_cache import word_cache

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
    "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
DAY_PARTS = "morgen|vormittag|mittag|nachmittag|abend|nacht|früh"
UNIT_CODES = {"tag": "D", "tage": "D", "tagen": "D", "day": "D", "days": "D", "woche": "W", "wochen": "W",
              "week": "W", "weeks": "W", "monat": "M", "monate": "M", "monaten": "M", "month": "M",
              "months": "M", "jahr": "Y", "jahre": "Y", "jahren": "Y", "year": "Y", "years": "Y",
              "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE", "decade": "DE", "decades": "DE",
              "stunde": "H", "stunden": "H", "hour": "H", "hours": "H", "minute": "MIN", "minuten": "MIN",
              "minutes": "MIN"}

_M = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = "|".join(sorted(UNIT_CODES, key=len, reverse=True))
_TIME_ZONE = (r"(?:\s+(?P<tz>(?:[a-zäöü]+päischer|[a-zäöü]+ischer|deutscher)\s+(?:Sommer)?[Zz]eit|"
              r"Ortszeit|MEZ|MESZ|UTC|GMT))?")
_MOD = r"(?:(?:Anfang|Ende|Mitte)\s+)?"  # TIMEX modifiers belong to the extent ("Ende 1941")
# ... also before a genitive: "Ende des 19. Jahrhunderts", "Anfang der 1930er Jahre", "Ende des Sommers"
_MOD_OF = r"(?:(?:Anfang|Ende|Mitte|Beginn)\s+(?:des|der)\s+|(?:ersten|zweiten)\s+Hälfte\s+(?:des|der)\s+)?"
# a German season, also early or late and in the genitive ("Spätsommer", "des Herbstes")
_SEASON = (r"(?:Spät|Früh)?(?:Frühjahr|Frühling|Sommer|Herbst|Winter)(?:e?s)?|"
           r"(?:Spät|Früh)(?:sommer|herbst|winter)(?:e?s)?")

# Order matters: longer, more specific patterns first; a later pattern never overlaps an earlier match.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # a part of a day before a date: "am Morgen des 22. Juni 1941", "gegen Abend des 22. Juni"
    ("daypart_date", re.compile(
        rf"\b(?:gegen\s+)?(?:(?:frühen|späten)\s+)?(?P<part>Morgen|Morgenstunden|Vormittag|Mittag|Nachmittag|Abend|Nacht)\s+des\s+"
        rf"(?P<d>\d{{1,2}})\.\s*(?P<m>{_M})(?:\s+(?P<y>\d{{4}}))?", re.I)),
    # the first year of a range: "(1890–1970)", "264–260 v. Chr." (find_times checks the years: LAST_YEAR)
    ("year_range", re.compile(
        r"\b(?P<y>[1-9]\d{2,3})(?=\s?[–-]\s?(?P<until>[1-9]\d{2,3})\b(?P<bc>\s+v\.\s?Chr\.?)?)")),
    ("bc", re.compile(rf"\b{_MOD}(?:(?:das\s+)?Jahre?\s+)?(?P<y>\d{{1,4}})\s+v\.\s?Chr\.?")),
    # clock times: "um 4:45 Uhr", "15.30 Uhr", "7 Uhr", "4 Uhr 45", "23:00 Uhr mitteleuropäischer Zeit", "at 4:45 pm"
    ("clock", re.compile(
        rf"\b(?P<h>[01]?\d|2[0-4])(?:[:.](?P<min>[0-5]\d))?\s*Uhr(?:\s+(?P<min2>[0-5]\d)\b)?{_TIME_ZONE}|"
        r"\b(?P<h2>1[0-2]|0?\d):(?P<min3>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)(?!\w)|\b(?P<midnight>Mitternacht|midnight)\b")),
    ("century", re.compile(rf"\b{_MOD_OF}(?P<c>\d{{1,2}})\.\s+Jahrhunderts?\b")),
    # "Sommer 1936", "Herbst des Jahres 1936", "Ende des Sommers 1936"
    ("season_year", re.compile(
        rf"\b{_MOD_OF}(?P<s>{_SEASON}|(?i:spring|summer|autumn|fall|winter))\s+(?:des\s+Jahres\s+)?(?P<y>\d{{4}})\b")),
    ("half_year_later", re.compile(r"\b(?:[Ee]in\s+)?halbes\s+Jahr\s+(?:später|danach|darauf)\b")),
    ("later", re.compile(
        rf"\b(?:(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?:später|danach|darauf|later|(?P<back>zuvor|vorher|davor|früher|earlier))|"
        rf"nach\s+(?:etwa\s+|rund\s+)?(?P<n2>{_NUM})\s+(?P<u2>{_UNIT}))\b", re.I)),
    # a span before or after a named event: "fünf Tage nach der Landung", "zwei Wochen vor Beginn der Wahl"
    # ... but before or after an event that is none in particular ("15 Tage nach einem Angriff"): a duration
    ("duration", re.compile(rf"\b(?P<x>(?i:(?P<n>{_NUM})\s+(?P<u>{_UNIT})))\s+(?:nach|vor)\s+(?:einem|einer|eines)\b")),
    # ... and the span of days leading to or following it ("in den drei Monaten vor dem Angriff"): a duration
    ("event_offset", re.compile(
        rf"\b(?:(?P<span>(?i:in\s+den|während\s+der|innerhalb\s+der|binnen))\s+)?"
        rf"(?P<x>(?i:(?P<n>{_NUM}|mehrere[n]?|einige[n]?|wenige[n]?)\s+(?P<u>{_UNIT}))\s+(?P<dir>nach|vor)\s+"
        r"(?:(?:dem|der|den|des|einem|einer|seinem|seiner|ihrem|ihrer)\s+)?(?:[a-zäöü][\wäöüß-]*\s+)?"
        r"[A-ZÄÖÜ][\wäöüß-]+(?:\s+(?:des|der)\s+(?:[a-zäöü][\wäöüß-]*\s+)?[A-ZÄÖÜ][\wäöüß-]+)?)")),
    # a weekday before its date: "Sonntag, den 18. Juli 1936", "Montag, 5. Mai"
    ("weekday_date", re.compile(
        rf"\b(?P<wd>{_WD})(?P<part>{DAY_PARTS})?,\s+(?:(?:dem|den)\s+)?(?P<d>\d{{1,2}})\.\s*(?P<m>{_M})\b\.?"
        rf"(?:\s+(?P<y>\d{{4}})\b)?", re.I)),
    ("present", re.compile(
        r"\b(?P<p>jetzt|gegenwärtig|derzeit|zurzeit|heutigen?|heutiger|heutiges|nowadays|currently)\b", re.I)),
    ("date_dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\.\s*(?P<m>{_M})\.?\s+(?P<y>\d{{4}})\b", re.I)),
    ("date_mdy", re.compile(rf"\b(?P<m>{_M})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I)),
    ("date_dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_M})\s+(?P<y>\d{{4}})\b", re.I)),
    ("date_num", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    # a two-digit year: "am 1.9.39" (resolve.py takes the century of the anchor)
    ("date_num2", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{2})\b(?![.,]?\d)")),
    ("date_iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    # weekday (with day part) followed by a date in parentheses: "Dienstagabend (4. März)"
    ("weekday_date", re.compile(
        rf"\b(?P<wd>{_WD})(?P<part>{DAY_PARTS})?\s*\(\s*(?P<d>\d{{1,2}})\.\s*(?P<m>{_M})\.?\s*(?P<y>\d{{4}})?\s*\)",
        re.I)),
    ("day_month", re.compile(
        rf"\b(?:(?P<part>Nacht)\s+vom\s+)?(?P<d>\d{{1,2}})\.(?=\s*(?:/|[–-]|und|bis|oder|auf\s+den|zum)\s*(?:dem\s+|den\s+|zum\s+)?\d{{1,2}}\.\s*"
        rf"(?P<m>{_M})\b(?:\s+(?P<y>\d{{4}}))?)", re.I)),
    # a month before another with the year: "Mai/Juni 1940", "März und April 2003"
    ("month_year", re.compile(rf"\b(?P<m>{_M})(?=\s*(?:/|[–-]|und|bis|oder)\s*(?:{_M})\s+(?P<y>\d{{4}}))", re.I)),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}})\.\s*(?P<m>{_M})\b(?!\.?\s+\d{{4}})", re.I)),
    ("month_day", re.compile(rf"\b(?P<m>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)),
    ("month_year", re.compile(rf"\b(?:(?:Anfang|Ende|Mitte)\s+)?(?P<m>{_M})\s+(?P<y>\d{{4}})\b", re.I)),
    ("month_rel", re.compile(
        rf"\b(?:im\s+|in\s+)?(?P<x>(?P<rel>vergangenen|letzten|vorigen|kommenden|nächsten|last|next)\s+(?P<m>{_M}))\b",
        re.I)),
    ("month_lastyear", re.compile(
        rf"\b(?:im\s+|in\s+)?(?P<x>(?P<m>{_M})\s+(?:des\s+)?(?P<rel>letzten|vergangenen|vorigen|nächsten|kommenden|"
        rf"folgenden)\s+Jahres)\b", re.I)),
    # the second of two months: "im März und April" (the first is found by the month pattern)
    ("month", re.compile(rf"\b(?:{_M})\s+(?:und|bis|oder)\s+(?P<x>(?P<m>{_M}))\b(?!\s+\d)", re.I)),
    ("month", re.compile(
        rf"\b(?:(?:im|in|seit|bis|ab|von|bis\s+zum|bis\s+in\s+den)\s+(?P<x>(?P<m>{_M}))|"
        rf"(?P<x2>(?:Anfang|Ende|Mitte)\s+(?P<m2>{_M})))\b", re.I)),
    ("rel_unit", re.compile(
        r"\b(?:im\s+|in\s+der\s+|in\s+|am\s+)?(?P<x>(?P<rel>vergangenen|letzten|vorigen|kommenden|nächsten|diesen|"
        r"dieser|diesem|folgenden|darauffolgenden|last|next|this)\s+(?P<u>Monat|Woche|Jahr|month|week|year))\b", re.I)),
    ("ago", re.compile(rf"\b(?:vor\s+(?P<n>{_NUM})\s+(?P<u>{_UNIT})|(?P<n2>{_NUM})\s+(?P<u2>{_UNIT})\s+ago)\b", re.I)),
    ("year", re.compile(
        r"\b(?:[Ii][mn]\s+)?(?P<x>(?:(?:Anfang|Ende|Mitte|Beginn)\s+(?:des\s+Jahres\s+)?|Laufe\s+des\s+Jahres\s+|"
        r"Jahr(?:e|es)?\s+)?(?<![-.,])(?P<y>(?:19|20)\d\d))\b"
        r"(?! ?(?:[A-ZÄÖÜ][a-zäöü]|%|Prozent|Euro|Dollar|Mal|mal|km|Meter|Menschen)|[.,]\d)")),
    # years before 1900 only after a preposition or "Jahr": a bare "1800" is more often a count
    ("year", re.compile(
        r"\b(?:(?:[Aa]b|[Ss]eit|[Bb]is|[Vv]on|[Ii]n|[Uu]m)\s+(?P<x>(?P<y>1[0-8]\d\d))|(?:[Ii]m\s+)?(?P<x2>Jahre?s?\s+"
        r"(?P<y2>1[0-8]\d\d)))\b(?! ?(?:%|Prozent|Euro|Dollar|Mal|mal|km|Meter|Menschen)|[.,]\d)")),
    # decades: "in den 1930er-Jahren", "der 90er Jahre", "the 1990s"
    ("decade", re.compile(
        rf"\b{_MOD_OF}(?:(?:den|die|der)\s+)?(?P<c>1\d|20)?(?P<d>\d)0er(?:[- ]?Jahren?\b|\b)|"
        r"\b(?:the\s+)?(?P<c2>1\d|20)(?P<d2>\d)0s\b")),
    # sets: "täglich", "jede Woche", "jeden Montag", "every year"
    ("set", re.compile(rf"\b(?:jede[ns]?|every)\s+(?P<wd>{_WD})\b", re.I)),
    ("set", re.compile(
        r"\b(?:(?:jede[ns]?|every)\s+(?P<u>Tag|Woche|Monat|Jahr|day|week|month|year|Morgen|Abend|Nacht|morning|evening|"
        r"night)|(?P<adv>(?:all)?täglich|wöchentlich|monatlich|(?:all)?jährlich|daily|weekly|monthly|yearly|annually))\b",
        re.I)),
    ("weekday", re.compile(
        rf"\b(?:(?:am|an\s+einem|jeden|seit|bis|ab|on|last|next)\s+)?(?:(?:frühen|späten|early|late)\s+)?"
        rf"(?P<wd>{_WD})(?P<part>{DAY_PARTS})?s?\b", re.I)),
    ("same_period", re.compile(
        r"\b(?:am|an|im|in)\s+(?:selben|gleichen|diesem|demselben|jenem)\s+(?P<u>Tag|Monat|Jahr)\b", re.I)),
    # the year of the story's current date, the one after or before it
    # the story's current month: "Ende des Monats", "Mitte des folgenden Monats"
    ("month_ref", re.compile(
        r"\b(?P<x>(?:Anfang|Mitte|Ende|Laufe)\s+des\s+(?:(?P<rel>folgenden|nächsten|vorigen|gleichen|selben)\s+)?Monats)\b")),
    ("year_ref", re.compile(
        r"\b(?P<x>(?:Anfang|Ende|Mitte)\s+des\s+Jahres|Laufe\s+des\s+Jahres|Jahresende|Jahresbeginn|Jahresanfang)\b"
        r"(?!\s+\d)|\b(?:im\s+|des\s+)?(?P<x2>(?P<rel>Folgejahr|Folgejahres|Vorjahr|Vorjahres|(?<=[Ii]m\s)Jahr\s+(?:darauf|danach)|"
        r"(?<=des\s)neuen\s+Jahres|(?<=[Ii]m\s)neuen\s+Jahr))\b")),
    ("next_day", re.compile(r"\b(?:am\s+)?(?:Tag\s+darauf|folgenden\s+Tag|nächsten\s+Tag|Folgetag)\b", re.I)),
    ("prev_day", re.compile(r"\b(?:[Aa]m\s+)?Vortag\b")),
    # "am nächsten Morgen", "in der folgenden Nacht": the next day's part
    ("next_day", re.compile(
        r"\b(?:[Aa]m\s+)?(?:folgenden|nächsten)\s+(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)\b")),
    ("fuzzy_future", re.compile(
        r"\b(?:kurz|(?:wenige|einige|mehrere|ein\s+paar)\s+(?:Stunden|Tage|Wochen|Monate|Jahre))\s+(?:später|danach|darauf)\b|"
        r"\bin\s+der\s+Folgezeit\b|\bin\s+Zukunft\b|"
        r"\bin\s+der\s+Folge\b(?!\s+(?:des|der|dieses|dieser|eines|einer)\b)", re.I)),
    ("fuzzy_past", re.compile(
        r"\b(?:kurz|(?:wenige|einige|mehrere|ein\s+paar)\s+(?:Stunden|Tage|Wochen|Monate|Jahre))\s+(?:zuvor|vorher|davor)\b",
        re.I)),  # "zwischenzeitlich" (meanwhile) is none
    ("vague_duration", re.compile(
        rf"\b(?:wenige[rn]?|mehrere[rn]?|einige[rn]?|folgenden|nächsten|kommenden)\s+(?P<u>{_UNIT})\b", re.I)),
    ("adj_duration", re.compile(
        r"\b(?P<n>(?i:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)|\d{1,2})-?(?P<u>tägig|wöchig|monatig|jährig)"
        r"(?:e[nmrs]?)?\b")),  # lower case: "der 25-Jährige" is a person
    ("this_year", re.compile(r"\b(?:in\s+)?(?:diesem|dieses|this)\s+(?:Jahr(?:es)?|year)\b", re.I)),
    # "im Sommer", "Ende des Winters", "im Herbst desselben Jahres", "im Frühjahr des folgenden Jahres"
    ("season", re.compile(
        rf"\b(?:(?:im|in|this|last)\s+)?(?P<x>{_MOD_OF}(?P<s>{_SEASON})(?:\s+(?P<rel>desselben|des\s+(?:gleichen|selben|"
        r"folgenden|nächsten|darauffolgenden|vorigen|vorangegangenen))\s+Jahres)?)\b")),
    ("relday", re.compile(r"\b(?P<rd>heute|gestern|vorgestern|morgen|übermorgen|Heute|Gestern|today|yesterday|"
                          r"tomorrow)\b")),
    # vague spans in the past: "seit Jahren", "Jahre zuvor"
    # "jahrelang", "wochenlange Kämpfe"
    ("vague_duration", re.compile(r"\b(?P<u>jahre|monate|wochen|tage|stunden|jahrzehnte)lang(?:e[nmrs]?)?\b")),
    ("vague_duration", re.compile(
        r"\b[Ss]eit\s+(?P<x>(?P<u>Jahren|Monaten|Wochen|Jahrzehnten))\b|\b[Ss]eit\s+(?:langem|langer\s+Zeit)\b|"
        r"\b(?P<x2>(?P<u2>Jahre|Monate|Wochen|Jahrzehnte)\s+(?:zuvor|vorher|davor))\b")),
    ("duration", re.compile(
        rf"\b(?:(?:letzten|nächsten|ersten|mehr\s+als|etwa|rund|fast|knapp|über)\s+)?(?P<n>{_NUM}|beiden)\s+(?P<u>{_UNIT})"
        rf"(?:\s+und\s+(?P<n3>{_NUM})\s+(?P<u3>{_UNIT}))?\b",
        re.I)),
]

# English "would" is the future seen from the past ("said it would open on Friday"); "plans", "planned",
# "scheduled", "expected" only as verbs ("plans to build", "is expected to"), not as a noun or an adjective
# ("protested against plans to close", "the planned closure", "scheduled services")
ENGLISH_PLAN = (r"(?<!the )(?<!its )(?<!their )(?<!his )(?<!her )(?<!against )(?<!of )(?<!unveiled )plans?\s+to|"
                r"(?:expected|scheduled)\s+to|scheduled\s+for|"
                r"(?:is|are|was|were|be|been)\s+(?:planned|scheduled|expected)")
# Each language's words apart: the English "plant" is a factory, the German "will" wants
# "nächste" and "kommende" only before a time: "den nächsten Schritt gemacht" is no future
FUTURE_GERMAN = re.compile(r"\b(will|wollen|soll|sollen|plant|planen|geplant|voraussichtlich|erwartet|künftig|"
                           r"(?:kommende[nmrs]?|nächste[nmrs]?)\s+(?:Woche|Wochen|Wochenende|Monat|Monats|Jahr|Jahres|"
                           r"Saison|Sitzung|Runde|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
                           r"Frühjahr|Sommer|Herbst|Winter))\b", re.I)
FUTURE_ENGLISH = re.compile(rf"\b(will|would|shall|going to|{ENGLISH_PLAN})\b", re.I)


def future_words(text: str) -> bool:
    """A word of the clause's language that makes it a plan or a future ("soll", "plant"; "will", "plans to")."""
    return (FUTURE_ENGLISH if reads_english(text) else FUTURE_GERMAN).search(text) is not None


# "werden" makes the future with an infinitive or the passive with a participle (read as planned, as a
# scheduled "wird am Mittwoch eröffnet" is), but with a noun it is the present of "become": "wird
# Bürgermeisterin", "dass sie Vater wird"
WERDEN = re.compile(r"\b(?:wird|werden|wirst|werde|werdet)\b", re.I)
WORD = re.compile(r"[\w-]+")
CLAUSE_END = re.compile(r"[,;:.!?()]|\s[–—-]\s|\n")
# a sentence ends after a word of 4+ letters (not after "19." or "v. Chr."), or at a line break
SENTENCE_END = re.compile(r"(?<=[a-zäöüß]{4}[.!?])\s+|\n+")
# an infinitive or a participle, as opposed to a noun or a predicative adjective ("alt", "teurer")
VERB_FORM = re.compile(r"[a-zäöüß-]+(?:en|ern|eln)|[a-zäöüß-]*ge[a-zäöüß]+t|[a-zäöüß-]+(?:iert|et)|"
                       r"(?:be|ver|er|ent|zer)[a-zäöüß]{3,}t")
PAST_AUX = re.compile(
    r"\b(hatte|hatten|hat|haben|war|waren|ist|sind|wurde|wurden|had|has|have|was|were|did)\b.*\b(?!gegen\b|genug\b)(ge\w+t|ge\w+en|\w+iert|"
    r"(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|zu|zurück|zusammen)ge\w+(?:t|en)|worden|"
    r"(?:be|ver|er|ent|zer|unter|über|miss)\w{4,}t|"
    r"\w+ed)\b|\b(hatte|hatten|war|waren|wurde|wurden|had|was|were)\b", re.I)
# strong and irregular past forms common in news (weak verbs are caught by the -te/-ten ending)
STRONG_PAST = frozenset(
    "kam kamen ging gingen traf trafen sprach sprachen begann begannen fand fanden gab gaben nahm nahmen stand "
    "standen hielt hielten bat baten zog zogen fuhr fuhren flog flogen rief riefen schrieb schrieben las lasen "
    "trat traten brachte brachten dachte dachten wusste wussten sah sahen lag lagen blieb blieben fiel fielen "
    "warnte warnten stieg stiegen verließ verließen erhielt erhielten unterschrieb unterschrieben lief liefen "
    "said told met came went began gave took saw".split()
)
STRONG_PAST_LONG = tuple(w for w in STRONG_PAST if len(w) >= 4)  # with a prefix: "zusammentrafen"
# English simple past beyond STRONG_PAST's: irregular forms that are no present too ("hit", "put", "set" are),
# and "-ed"
ENGLISH_PAST = frozenset("""
found struck won lost made held rose fell broke drove ran got kept led paid sent spent stood swept tore wrote
bought brought caught fought thought sold knew grew flew threw drew chose spoke stole woke froze shook fled sank
forgot became
""".split())
NOT_ENGLISH_PAST = frozenset("need needed indeed speed proceed exceed succeed feed seed breed bleed weed".split()) - {
    "needed"}
PAST_WORD = re.compile(r"\b[a-zäöüß]{3,}(te|ten)\b")
NOT_PAST = frozenset("beiden konnten sollten wollten mussten durften könnten hätten arbeiten bitten".split())
# participles and superlatives that end like weak past forms ("anhaltenden", "letzten")
NOT_PAST_ENDINGS = ("nden", "sten", "ßten")
COMMA = re.compile(r",\s|\s[–—-]\s|[.;!?]\s|\n\n")
CLAUSE = re.compile(r"[.;!?]\s|\n\n")


# groups of a pattern's second alternative that stand for the first one's ("m2" is "m")
RENAMED = ("m2", "y2", "c2", "d2")


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    tense: str  # past | future | present

    def get(self, key: str) -> str | None:
        return dict(self.fields).get(key)


QUOTED = re.compile(r"[„“\"»«][^„“\"»«]{0,600}(?:[“”\"«»]|$)")  # an unclosed quote runs to the clause end


@word_cache(4096)  # the mentions of one clause, and the summary's sentences, ask again
def clause_tense(text: str) -> str:
    """past | future | present, from the verbs of a clause outside quotation marks."""
    text = QUOTED.sub(" ", text)
    if future_words(text) or werden_future(text):
        return "future"
    # a capitalised word inside the clause is a noun ("Konzepte", "Kräfte", "Stadtrat"), not a past form
    verbs = [w.lower() for i, w in enumerate(re.findall(r"\w+", text)) if i == 0 or not w[:1].isupper()]
    if PAST_AUX.search(text) or any(w in STRONG_PAST or w.endswith(STRONG_PAST_LONG) for w in verbs) or any(
            PAST_WORD.fullmatch(w) and w not in NOT_PAST and not w.endswith(NOT_PAST_ENDINGS) and _weak_past(w)
            for w in verbs) or any(
            w in ENGLISH_PAST or (len(w) >= 5 and w.endswith("ed") and w not in NOT_ENGLISH_PAST) for w in verbs):
        return "past"
    return "present"


@word_cache(20_000)
def _weak_past(word: str) -> bool:
    """Whether a word ending in "-te(n)" is a weak verb's past ("sagten", "meldeten", "forderten") rather than a
    present or infinitive that ends so ("berichten", "bestreiten", "halten", "bieten"): the unlabeled text's
    word table knows its infinitive ("sagen", "melden", "fordern"), or it does not know the word itself (a rare
    past form stays one)."""
    from .name_tagger import bundled  # the word counts of the unlabeled text, which the name tagger loads anyway

    lexicon = bundled().features.lexicon

    def seen(w: str) -> bool:
        found = lexicon.lookup(w)
        return bool(found and found[1])

    stem = word[:-1] if word.endswith("n") else word  # "sagten" -> "sagte"
    stem = stem[:-3] if stem.endswith("ete") else stem[:-2]  # "meldete" -> "meld", "sagte" -> "sag"
    return seen(stem + "en") or seen(stem + "n") or not seen(word)


def werden_future(text: str) -> bool:
    """Whether a form of "werden" in the text makes a future or a passive, not "become" with a noun."""
    return any(_werden_verb(text, m) for m in WERDEN.finditer(text))


def _werden_verb(text: str, m: re.Match[str]) -> bool:
    """Whether this form of "werden" goes with a verb: the last word of its clause ("wird … reisen",
    "wird … eröffnet") or, where it ends the clause, the word before it ("reisen wird"); not a noun or
    an adjective ("wird Vater", "wird teurer")."""
    stop = CLAUSE_END.search(text, m.end())
    after = WORD.findall(text, m.end(), stop.start() if stop else len(text))
    if not after:  # verb-final: the word before it
        start = max((e.end() for e in CLAUSE_END.finditer(text, max(0, m.start() - 200), m.start())), default=0)
        after = WORD.findall(text, start, m.start())
        return bool(after) and VERB_FORM.fullmatch(after[-1]) is not None
    if VERB_FORM.fullmatch(after[-1]):
        return True
    # an inserted phrase may stand before the verb: "werden über den Hafen, vor allem die Kais, verhandeln", up
    # to the sentence's end (not the full stop of a date: "werde bis zum 28. Juni … stattfinden")
    stop = SENTENCE_END.search(text, m.end())
    rest = WORD.findall(text, m.end(), stop.start() if stop else len(text))
    return VERB_FORM.fullmatch(rest[-1]) is not None


def _clause(text: str, start: int, end: int, boundary: re.Pattern[str] = CLAUSE) -> str:
    a = max((m.end() for m in boundary.finditer(text, max(0, start - 250), start)), default=max(0, start - 250))
    m = boundary.search(text, end)
    b = m.start() + 1 if m else len(text)
    return text[a : min(b, end + 250)]


def mention_tense(text: str, start: int, end: int) -> str:
    """The tense of the comma-delimited clause around a mention, else of its sentence."""
    narrow = clause_tense(_clause(text, start, end, COMMA))
    return narrow if narrow != "present" else clause_tense(_clause(text, start, end))


# A pattern that names a month, a weekday, a number or a unit of time cannot match in a sentence run
# without one; one cheap search per run spares running the pattern (most runs name no month). These
# searches and CUE run on lower-cased text: the word lists are lower case, 3x faster than with re.I.
NEEDS = {name: (alternation, re.compile(alternation))
         for name, alternation in (("month", _M), ("weekday", _WD), ("number", _NUM), ("unit", _UNIT))}
PATTERN_NEEDS = [tuple(name for name, (alternation, _) in NEEDS.items() if alternation in rx.pattern)
                 for _, rx in PATTERNS]


# What every match of a kind's patterns contains (in lower case): a run of sentences without it is not
# searched with them (most runs name no clock time, century or season). A cheap search for a word or two
# spares a pattern that tries every word boundary; find_times gives the same mentions with or without.
_NUMBER_UNIT = rf"(?:{_NUM}|beiden|mehrere|einige|wenige)n?\s+(?:{_UNIT})"  # "drei Wochen", "mehreren Tagen"
TRIGGERS = {kind: re.compile(words) for kind, words in {
    "duration": _NUMBER_UNIT, "later": _NUMBER_UNIT, "event_offset": _NUMBER_UNIT, "ago": _NUMBER_UNIT,
    "year_range": r"\d\s?[–-]\s?[1-9]", "bc": r"v\.\s?chr", "clock": r"uhr|mitternacht|midnight|\d:[0-5]\d",
    "century": r"jahrhundert", "season_year": r"frühjahr|frühling|sommer|herbst|winter|spring|summer|autumn|fall",
    "season": r"frühjahr|frühling|sommer|herbst|winter", "half_year_later": r"halbes",
    "present": r"jetzt|gegenwärtig|derzeit|zurzeit|heutig|nowadays|currently", "date_num": r"\d\.\d{1,2}\.\d",
    "date_num2": r"\d\.[01]?\d\.\d", "date_iso": r"\d{4}-\d\d-\d\d", "rel_unit": r"monat|woche|jahr|month|week|year",
    "year": r"(?:1\d|20)\d\d", "decade": r"\d0(?:er|s)", "set": r"jede|every|täglich|wöchentlich|monatlich|jährlich|"
    r"daily|weekly|monthly|yearly|annually", "same_period": r"selben|gleichen|diesem|demselben|jenem",
    "month_ref": r"monats", "year_ref": r"jahr", "next_day": r"darauf|folgenden|nächsten|folgetag",
    "prev_day": r"vortag", "fuzzy_future": r"später|danach|darauf|folge|zukunft", "fuzzy_past": r"zuvor|vorher|davor",
    "vague_duration": r"lang|seit|zuvor|vorher|davor|wenig|mehrer|einig|folgend|nächst|kommend",
    "adj_duration": r"tägig|wöchig|monatig|jährig", "this_year": r"dies|this",
    "relday": r"heute|gestern|morgen|today|yesterday|tomorrow",
}.items()}


# Every pattern needs one of these: a digit, a month or weekday, a unit of time or a time word. Only
# the sentences that have one are searched (about half of a news text); the rest cannot hold a match.
CUE = re.compile(
    rf"\d|(?:\b(?:{_M}|{_WD})|heute|heutig|gestern|morgen|jetzt|derzeit|zurzeit|gegenwärtig|nowadays|currently|"
    r"today|yesterday|tomorrow|tag|woche|monat|jahr|stunde|minute|day|week|month|year|decade|hour|frühjahr|"
    r"frühling|sommer|herbst|winter|spring|summer|autumn|fall|später|danach|darauf|zuvor|vorher|folge|"
    r"zwischenzeitlich|zukunft|mitternacht|midnight|tägig|wöchig|monatig|jährig|lang|seit|täglich|wöchentlich|"
    r"jährlich|daily|annual)")


def _regions(text: str, lower: str) -> list[tuple[int, int]]:
    """Runs of consecutive sentences with a cue (a date split at "19. Juni" stays in one run)."""
    out: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        if start < end and CUE.search(lower, start, end):
            if out and out[-1][1] == start:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        start = end
    return out


def find_times(text: str) -> list[TimeMention]:
    """All time expressions in `text`, left to right, none overlapping."""
    taken: list[tuple[int, int]] = []
    out: list[TimeMention] = []
    lower = lower_aligned(text)
    regions = _regions(text, lower)
    has = {n: [gate.search(lower, a, b) is not None for a, b in regions] for n, (_, gate) in NEEDS.items()}
    triggered: dict[str, list[bool]] = {}
    # the runs a pattern is searched in depend only on what it needs and its trigger: picked once for each
    chosen: dict[tuple[tuple[str, ...], str | None], list[tuple[int, int]]] = {}
    for (kind, rx), needs in zip(PATTERNS, PATTERN_NEEDS, strict=True):
        trigger = TRIGGERS.get(kind)
        key = (needs, None if trigger is None else trigger.pattern)
        runs = chosen.get(key)
        if runs is None:
            if trigger is not None and trigger.pattern not in triggered:
                triggered[trigger.pattern] = [trigger.search(lower, a, b) is not None for a, b in regions]
            runs = chosen[key] = [r for i, r in enumerate(regions) if all(has[n][i] for n in needs)
                                  and (trigger is None or triggered[trigger.pattern][i])]
        for m in (m for a, b in runs for m in rx.finditer(text, a, b)):
            a, b = m.span()
            for inner in ("x", "x2"):
                if inner in rx.groupindex and m.group(inner):
                    a, b = m.span(inner)  # the extent leaves out prepositions ("im März" -> "März")
            if _overlaps(taken, a, b):
                continue
            if kind == "duration" and text[max(0, a - 4) : a].lower().strip().endswith("vor"):
                continue
            if kind == "year_range" and not m.group("bc") \
                    and not int(m.group("y")) < int(m.group("until")) <= LAST_YEAR:
                continue  # "ISSN 2345-6789", "Tel. 1234-5678": no years
            fields = tuple((k.rstrip("2") if k in RENAMED else k, v) for k, v in m.groupdict().items() if v)
            out.append(TimeMention(a, b, text[a:b], kind, fields, mention_tense(text, a, b)))
            insort(taken, (a, b))
    return sorted(out, key=lambda t: t.start)


# A range of years ends by then at the latest; "2345-6789" is a serial number, not a range of years.
LAST_YEAR = 2100


def _overlaps(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps a span of `taken` (sorted, not overlapping each other): only its
    neighbours can (a search each, where a scan of all made a page of dates quadratic)."""
    i = bisect_left(taken, (a, a))
    return (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b)
