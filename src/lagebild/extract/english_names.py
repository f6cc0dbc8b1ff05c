"""Names in English text. The bundled tagger learned German, where every noun is capitalised; English
capitalises names, so in English text a run of capitalised words is a name candidate, and the type comes
from the words around and inside it, and where those say nothing, from the German tagger's view of
the name on its own (its word clusters and name lists know many international names).

Rules, all generic English vocabulary:
- a run: capitalised words, with "of"/"the"/"de"/... between two of them ("Bank of England");
- sentence-initial function words are no names ("The", "According"); a single capitalised word at a
  sentence start counts only if the text also capitalises it inside a sentence, or the name lists
  know it;
- titles and roles in front are cut off and make the rest a person ("Foreign Minister Ann Lee");
- a nationality adjective before a noun is no name ("North Korean leader");
- organisation words ("University", "Ministry", "Party") make an organisation, place words ("Palace",
  "River") and "in/at/from X" a place, "X said" a person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from .name_tagger import NAME_LISTS, TOKEN, NameTagger, bundled, first_name, sentences_and_lines

PLACES_PATH = Path(__file__).resolve().parent / "data" / "english_places.json"
POSSESSIVE = ("'s", "’s")
CONNECTORS = frozenset("of the de da del der van von al bin el la le du y".split())
# English words that open a sentence with a capital but begin no name (a wider list than the German/English
# speech_words.FUNCTION_WORDS, which serves speaker phrases)
ENGLISH_FUNCTION_WORDS = frozenset("""
the a an in on at but and or it he she they we i you this that these those however according after before when
while if as for with from by since during meanwhile yet so also there here what why how who whom which where
his her their our its my your one some many most all both each every no not nor only even still then now today
yesterday tomorrow last next earlier later despite although though because until unless under over among
between against about above without within through to of instead asked speaking officials analysts sources
experts critics residents witnesses police across along amid beyond behind beside near outside inside around
toward towards upon via throughout following including unlike
""".split())
MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday
""".split())
TITLES = frozenset("""
president prime minister secretary chancellor king queen prince princess senator governor mayor general colonel
captain commander chief director chairman chairwoman chair spokesman spokeswoman spokesperson ambassador
professor prof dr mr mrs ms miss sir lord lady pope bishop cardinal judge justice foreign defence defense
finance interior deputy vice former leader premier sheikh emir sultan rep sen gov gen lt sgt envoy adviser
advisor commissioner minister-president dictator counsellor
""".split())
ORG_WORDS = frozenset("""
university ministry department party council union nations agency bank inc ltd corp corporation company group
committee commission organization organisation association institute court parliament congress senate
assembly army navy forces police office foundation fund federation league club times post news press
television tv radio network airlines airways government administration alliance service services
foods motors mining energy holdings industries pharma pharmaceuticals systems technologies labs partners capital
media steel telecom logistics railways construction insurance electric motor
""".split())  # the last line: the heads of company names ("Velnix Foods", "Kelmann Motors", "Nordhafen Mining")
PLACE_WORDS = frozenset("""
city island islands river mountain mountains sea ocean street square palace province region county republic
kingdom bay lake valley airport station bridge peninsula coast district strait gulf
""".split())
# the last word of a street's or a landscape's name ("Mill Lane", "Halden Moor"); many are surnames too ("Nathan
# Lane", "Fiona Hill"), so only after a word that is no first name
STREET_WORDS = frozenset("lane road avenue drive row terrace crescent hill moor moors heath wharf quay".split())
PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "DPRK", "ROK", "PRC", "GB"})
PLACE_BEFORE = frozenset("in at from to near into across towards toward outside inside around".split())
NOT_A_NOUN = frozenset("""
said says told added warned has had have was were is are will would can could may might who which and or of
in on at to for with from by as that
""".split())
# a capital after these may open a sentence
OPENERS = frozenset({".", "!", "?", ":", "\"", "“", "‘", "(", "—", "–", "-"})
SAID = frozenset("said says told added wrote warned insisted explained".split())
ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic", "i")


def _capitalised(word: str) -> bool:
    """Capitalised, and not a month, a weekday or "I" ("I've")."""
    return word[:1].isupper() and word.lower() not in MONTHS_DAYS and word != "I" and word[:2] not in ("I'", "I’")


def spans(text: str, tagger: NameTagger | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of the names in English text; label PER, LOC, ORG or OTH."""
    tagger = tagger or bundled()
    sentences = []
    for s0, s1 in sentences_and_lines(text):
        tokens = [m.span() for m in TOKEN.finditer(text, s0, s1)]
        sentences.append((tokens, [text[a:b] for a, b in tokens]))
    capitalised_inside = {w for _, words in sentences if not _title_case(words)
                          for prev, w in zip(words, words[1:], strict=False) if _capitalised(w) and prev not in OPENERS}
    out: list[tuple[int, int, str]] = []
    for tokens, words in sentences:
        for a, b, label in _names(words, capitalised_inside, tagger, _title_case(words)):
            end = tokens[b - 1][1] - (2 if words[b - 1].endswith(POSSESSIVE) else 0)  # "Velnix's": Velnix
            out.append((tokens[a][0], end, label))
    return between_agree(text, out) if "between" in text else out


def _title_case(words: list[str]) -> bool:
    """A headline in title case ("Bridge Collapse Leaves 14 Injured"): its capitals say nothing. All its
    words but short function words ("in", "of", "a") are capitalised (one exception in a long one)."""
    content = [w for w in words if w[:1].isalpha() and not (len(w) <= 3 and w.lower() in ENGLISH_FUNCTION_WORDS)]
    lower = sum(not w[:1].isupper() for w in content)
    return len(content) >= 4 and (lower == 0 or (lower == 1 and len(content) >= 8))


def person_like(surname: str) -> bool:
    """A word that may be a surname after a first name: no word of an organisation's or a place's name."""
    return surname.lower() not in ORG_WORDS | PLACE_WORDS


def _runs(words: list[str], capital: list[bool], person: Callable[[str], bool] = lambda w: False
          ) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words, with connectors between two of them ("Bank of England"), but not after
    a first name and a surname ("Jan Weber of Velnix" is a person and a company), and ending with a
    possessive ("Velnix Space's Kestrix rocket": the owner, then the thing)."""
    i, n = 0, len(words)
    while i < n:
        if not capital[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not words[j - 1].endswith(POSSESSIVE) and (
                capital[j] or (words[j] in CONNECTORS and j + 1 < n and capital[j + 1]
                               and not (j - i == 2 and person(words[i]) and person_like(words[i + 1])))):
            j += 1
        yield i, j
        i = j


def _names(words: list[str], capitalised_inside: set[str], tagger: NameTagger,
           title_case: bool) -> Iterator[tuple[int, int, str]]:
    # in a title-case headline only words the text capitalises inside its sentences too can be names
    capital = [_capitalised(w) and (not title_case or w in capitalised_inside) for w in words]
    lexicon = tagger.features.lexicon
    for a, b in _runs(words, capital, lambda w: w.lower() not in ENGLISH_FUNCTION_WORDS and first_name(lexicon, w)):
        at_start = a == 0 or words[a - 1] in OPENERS
        while a < b and at_start and words[a].lower() in ENGLISH_FUNCTION_WORDS:
            a += 1
        titled = False
        for k in range(b - 1, a - 1, -1):  # cut off everything up to the last title word
            if words[k].lower() in TITLES:
                titled, a = True, k + 1
                if a + 1 < b and words[a] == "of":  # "Secretary of State Ann Lee"
                    a = a + 2 if a + 2 < b else a + 1
                break
        while a < b and words[a] in CONNECTORS:
            a += 1
        while b > a and words[b - 1] in CONNECTORS:
            b -= 1
        if a >= b:
            continue
        after = words[b] if b < len(words) else ""
        if after[:1].islower() and after not in NOT_A_NOUN and words[b - 1].lower().endswith(ADJECTIVE_ENDINGS) and \
                not (b - a == 1 and _listed(tagger, words[a])) and " ".join(words[a:b]) not in english_places() and \
                not _coordinated(words, a):
            continue  # "the German government", "North Korean leader"; not "Japan grew", "between Velden and Kai rose"
        opening = a == 0 or words[a - 1] in OPENERS
        if b - a == 1 and opening and not titled and words[a] not in capitalised_inside and \
                not _listed(tagger, words[a]):
            continue  # one capitalised word opening a sentence, met nowhere else
        yield a, b, _type(words, a, b, titled, tagger)


@lru_cache(maxsize=1)
def english_places() -> dict[str, str]:
    """Countries' and territories' English names -> their German names (training/ner/english_places.py)."""
    if not PLACES_PATH.exists():
        return {}
    data: dict[str, str] = json.loads(PLACES_PATH.read_text(encoding="utf-8"))
    return data


def _coordinated(words: list[str], a: int) -> bool:
    """The name at words[a] is the second of "between X and Y" (a place or a party, not an adjective before a noun)."""
    return a >= 3 and words[a - 1] == "and" and "between" in (w.lower() for w in words[max(0, a - 6) : a - 2])


def between_agree(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"between X and Y": two of a kind. Where the German model typed them apart (a country it does not know in English
    read as a person), both take the type of the two that says least about a person: a place, else an organisation."""
    out = list(found)
    for k in range(len(out) - 1):
        (a1, b1, t1), (a2, b2, t2) = out[k], out[k + 1]
        if t1 != t2 and "OTH" not in (t1, t2) and BETWEEN_BEFORE.search(text, max(0, a1 - 12), a1) and \
                text[b1:a2] == " and ":
            kind = "LOC" if "LOC" in (t1, t2) else "ORG"
            out[k], out[k + 1] = (a1, b1, kind), (a2, b2, kind)
    return out


BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+(?:the[ \t]+)?$")


def _listed(tagger: NameTagger, word: str) -> bool:
    """A city or country on the name lists (the surname and firm lists hold too many English words)."""
    found = tagger.features.lexicon.lookup(word)
    return bool(found and found[2] & (1 << NAME_LISTS.index("CITY") | 1 << NAME_LISTS.index("COUNTRY")))


def _type(words: list[str], a: int, b: int, titled: bool, tagger: NameTagger) -> str:
    """The type of the name words[a:b], from the words in and around it, else from the tagger."""
    inside = {w.lower().removesuffix("'s").removesuffix("’s") for w in words[a:b]}
    before = words[a - 1].lower() if a > 0 else ""
    after = words[b].lower() if b < len(words) else ""
    if titled or before in {"mr", "mrs", "ms", "dr"}:
        return "PER"
    if inside & ORG_WORDS:
        return "ORG"
    if (b - a == 1 and words[a] in PLACE_ACRONYMS) or inside & PLACE_WORDS or " ".join(words[a:b]) in english_places():
        return "LOC"
    if b - a >= 2 and words[b - 1].lower() in STREET_WORDS and not first_name(tagger.features.lexicon, words[a]):
        return "LOC"
    if b - a == 1 and re.fullmatch(r"[A-Z]{2,6}", words[a]):
        return "ORG"
    source = before == "to" and a > 1 and words[a - 2].lower() == "according"
    if source:  # "according to X": a person or an organisation
        return tagger.type_of(words[a:b], ("PER", "ORG"))
    if before in PLACE_BEFORE and b - a <= 3:
        return "LOC"
    # "the Council said", "a spokesman for the bank said": no person after an article or a preposition
    not_a_person = before in {"the", "a", "an"} or before in PLACE_BEFORE or before in {"for", "of", "by", "with"}
    if after in SAID and not not_a_person:
        return "PER"
    return tagger.type_of(words[a:b], ("LOC", "ORG", "OTH") if not_a_person else ("PER", "LOC", "ORG", "OTH"))
