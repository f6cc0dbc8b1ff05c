"""Who speaks: the name, role or pronoun next to a reporting verb, and the person a pronoun or bare
surname refers to. Used by quotes.py for direct quotations and reported speech.

A run of capitalised words is a person's name once role nouns and genitives in front are dropped
("Frankreichs Präsident Jean Dupont" -> "Jean Dupont"); one word is a name only if the text named
someone so, or after a role ("Abgeordneter Weber"). After a reporting verb the subject may follow
("sagte der alte Wirt", "erwiderte ich"); before it, an article phrase is the subject and what follows
the verb an object ("Der Verband lobte das Abkommen")."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ..nlp.names import token_key
from ..nlp.word_cache import word_cache
from .speech_words import CUE_VERBS, FIRST_PERSON, FUNCTION_WORDS, PRONOUNS, is_role_noun, is_speaking_noun

WORD = re.compile(r"\w+")
SALIENCE_WINDOW = 50  # namings of people looked back on for a pronoun's referent
WORD_WITH_HYPHENS = re.compile(r"(?<![\w-])[\w-]+(?![\w-])")
NAME_BEFORE_CHARS = 70  # a speaker named before the reporting verb stands close to it
NAME_TOKEN = r"(?:[A-ZÄÖÜ]\.|[A-ZÄÖÜ][\w'’\-]+)"
NAME = re.compile(rf"[A-ZÄÖÜ][\w'’\-]+(?:\s?{NAME_TOKEN}){{0,4}}")
# Endings of German common nouns and adjectives, which a capitalised word of a name rarely has.
NOT_NAME_ENDINGS = ("ung", "heit", "keit", "schaft", "tät", "ion", "ismus", "ium", "nis", "chen", "lich", "isch",
                    "ischen", "ische", "ischer", "ern", "sten", "enen", "igen", "ungen", "meer", "land", "stadt")
CUE = re.compile(r"\b(" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r")\b")
CUE_WORDS = CUE.pattern[2:-2]  # the alternatives alone, to build other patterns from
ROLE = re.compile(r"(?:der|die|des|dem|den|ein|eine)\s+(?:[a-zäöü][\w-]*\s+){0,3}[A-ZÄÖÜ][\w-]+")


HONORIFICS = frozenset({"frau", "herr", "herrn", "dr", "prof", "mr", "mrs", "ms"})  # "Frau Velden" is Velden


ADJECTIVE_NAME_ENDINGS = ("isch", "lich")  # "russisch", "fröhlich"; but also surnames ("Fröhlich")


@word_cache(20_000)
def _not_a_name_word(word: str, surname: bool = False) -> bool:
    """A capitalised word with the ending of a common noun or an adjective. A word in -isch or -lich is a
    surname when the word lists know it as a name more often than the text writes it in lower case, or,
    after a first name, when they know it as a name at all ("Karl Frisch", though "frisch" is common)."""
    low = word.lower()
    if not low.endswith(NOT_NAME_ENDINGS):
        return False
    from .name_tagger import bundled

    lexicon = bundled().features.lexicon
    as_name, as_lower = lexicon.lookup(word), lexicon.lookup(low)
    names = as_name[2] if as_name else 0
    if not low.endswith(ADJECTIVE_NAME_ENDINGS):
        # "Marion", "Roland", "Jung": names the word lists know for at least a third of the unlabeled
        # text's uses of the word ("Regierung", "Union", "Station": never or hardly ever)
        seen = as_name[1] if as_name else 0
        return not (names >= MIN_SURNAME_SIGHTINGS and 3 * names >= seen)
    return not (names > (as_lower[1] if as_lower else 0) or (surname and names >= MIN_SURNAME_SIGHTINGS))


@lru_cache(maxsize=1)
def _first_name_genders() -> dict[str, str]:
    """First name -> "m" / "f" (training/names/first_name_genders.py)."""
    table = json.loads((Path(__file__).parent / "data" / "first_name_genders.json").read_text(encoding="utf-8"))
    return {name: gender for gender, names in table.items() for name in names}


def _fits(name: str, pronoun: str) -> bool:
    """Whether a pronoun can stand for a name: not where the name's first name is the other gender's."""
    gender = _first_name_genders().get(name.split()[0])
    return gender is None or gender == PRONOUNS[pronoun.lower()]


@word_cache(20_000)
def _first_name(word: str) -> bool:
    from .name_tagger import bundled, first_name

    return first_name(bundled().features.lexicon, word)


@word_cache(20_000)
def _sentence_initial(word: str) -> bool:
    """A word capitalised only because a sentence starts with it ("Läuft Jan Weber ...", "Heute Anna Berg"):
    the unlabeled text writes it in lower case at least five times as often, and the name lists do not
    know it."""
    from .name_tagger import bundled

    lexicon = bundled().features.lexicon
    as_written, as_lower = lexicon.lookup(word), lexicon.lookup(word.lower())
    if word.lower() == word or as_lower is None or (as_written and as_written[2]):
        return False
    return as_lower[1] >= 5 * (as_written[1] if as_written else 0)


POSSESSIVE_ENDINGS = ("'s", "’s")  # English
MIN_SURNAME_SIGHTINGS = 5  # how often the word lists must name someone so for a surname that is also a word


def person_name(candidate: str, known: set[str]) -> str | None:
    """A person's name from a run of capitalised words: role nouns and genitives in front dropped
    ("Frankreichs Präsident Jean Dupont" -> "Jean Dupont"); one word only if the text named someone so
    or a role stands before it."""
    tokens = candidate.rstrip(".").split()
    owner = next((k for k in range(len(tokens) - 1, -1, -1) if tokens[k].endswith(POSSESSIVE_ENDINGS)), None)
    if owner is not None:  # "Velnix's Anna Velden": the name after whose she is; "Velnix's" alone is no one's
        tokens = tokens[owner + 1 :]
    while tokens and (tokens[0].lower() in FUNCTION_WORDS or (len(tokens) > 1 and _sentence_initial(tokens[0]))):
        tokens = tokens[1:]
    had_role = False
    while tokens and (is_role_noun(tokens[0]) or tokens[0].lower().rstrip(".") in HONORIFICS or (
            len(tokens) > 2 and tokens[0].endswith("s") and is_role_noun(tokens[1]))):
        tokens, had_role = tokens[1:], True
    while tokens and tokens[-1] in ("von", "van", "de", "al", "bin"):
        tokens = tokens[:-1]
    if not tokens or tokens[0].lower() in FUNCTION_WORDS:
        return None
    if any(_not_a_name_word(t, surname=k == len(tokens) - 1 and k > 0) for k, t in enumerate(tokens)):
        return None
    if len(tokens) > 1 and tokens[0].endswith("s") and tokens[0][:-1] in known:
        return None  # a genitive: "Bergs Vorschlag"
    # one capitalised word is a name only if the text named it before, or after a role ("Abgeordneter
    # Weber"; but "ein Sprecher Bergs" is Berg's spokesman)
    if len(tokens) == 1 and tokens[0] not in known and token_key(tokens[0]) not in known and \
            not (had_role and not tokens[0].endswith("s")):
        return None
    return " ".join(tokens)


@word_cache(20_000)
def _person_alone(candidate: str) -> str | None:
    """person_name with no names known yet (every text reads its capitalised runs so; many recur)."""
    return person_name(candidate, set())


def name_at(text: str, known: set[str], allow_role: bool = True) -> str | None:
    """The name (or role, or pronoun) a text starts with."""
    t = text.strip(" ,")
    first = WORD.match(t)
    if not first:
        return None
    if first.group(0).lower() in PRONOUNS:
        return first.group(0).lower()
    m = NAME.match(t)
    if m:
        person = person_name(m.group(0), known)
        if person:
            return person
    if allow_role:
        r = ROLE.match(t)
        if r and is_role_noun(r.group(0).split()[-1]):
            return r.group(0)
    return None


# A subject noun phrase in the nominative right after a reporting verb: "schrie der alte Müller"
NOMINATIVE_NP = re.compile(r"(?:der|die|das|ein|eine)\s+(?:[a-zäöü][\w-]*(?:e|en|er|es)\s+){0,3}[A-ZÄÖÜ][\w-]+"
                           r"(?=[,.;:!?]|\s+[a-zäöü]|$)")  # adjectives between; the noun ends the phrase
ROLE_THEN_NAME = re.compile(r"(?:der|die)\s+[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der)\s+(?:[a-zäöü][\w-]*\s+)?"
                            r"[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+){0,2}"
                            r"(?:\s+(?:für|von|in)\s+[A-ZÄÖÜ][\w-]+)?(?:\s+\([\w-]{2,12}\))?)?"
                            r",\s+([A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,3})(?=[,.;]|\s+[a-zäöü])")
# Adverbs between a reporting verb and its subject ("sagt auch der Sprecher", "so etwa die Ministerin").
ADVERBS_AFTER_CUE = re.compile(r"(?:auch|zudem|dazu|jedoch|allerdings|etwa|ebenfalls|außerdem|nun|jetzt|damals|dann|"
                               r"noch|später|sichtlich|lachend|"
                               r"gestern|heute)\s+")
OBJECT_PRONOUN = re.compile(r"(?:ihn|ihm|ihnen|es|das|dies)\s+")  # an object between the verb and its subject
ROLE_BEFORE_NAME = re.compile(r"(?:der|die)\s+(?:[a-zäöü][\w-]*\s+){0,2}(?P<role>[A-ZÄÖÜ][\w-]+)\s+"
                              r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,3})(?=[,.;]|\s+[a-zäöü]|$)")
# After a reporting verb, "die Einführung" or "die Bedeutung" is what is demanded or stressed, not who
# speaks (this also loses "die Regierung", "die Kommission": precision first).
ABSTRACT_ENDINGS = ("ung", "heit", "keit", "ion", "tät", "nis", "schaft", "ismus")


POSSESSIVE_OWNER = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s\s+(?=[a-z])")
LATER_NAME = re.compile(r"(?:[a-zäöü][\w-]*\s+){1,3}([A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,3})(?=[,.;]|$)")


def speaker_after_cue(text: str, known: set[str]) -> str | None:
    """Who speaks when the reporting verb comes first ("„…“, sagte Berg", "sagt der Wirt,", "erwiderte
    ich"): a name, a role, a pronoun, a lone surname, or a noun phrase in the nominative."""
    t = text.lstrip(" ,")
    first = WORD.match(t)
    if first and first.group(0).lower() in FIRST_PERSON:
        return first.group(0).lower()
    if (adverb := ADVERBS_AFTER_CUE.match(t)) and (t[adverb.end() :][:4] in ("der ", "die ")
                                                   or t[adverb.end() : adverb.end() + 1].isupper()):
        t = t[adverb.end() :]
    if owner := POSSESSIVE_OWNER.match(t):  # "said Velnix's operations director Anna Velden"
        t = t[owner.end() :]
    if (obj := OBJECT_PRONOUN.match(t)) and (t[obj.end() :][:4] in ("der ", "die ") or t[obj.end() :][:1].isupper()):
        t = t[obj.end() :]  # "so lobte ihn die Ministerin", "sagte ihm Jan Weber"
    named = ROLE_THEN_NAME.match(t)  # "sagte der Vorsitzende des Ausschusses, Jan Weber."
    titled = ROLE_BEFORE_NAME.match(t)  # "so der Fraktionschef Jan Weber": the name, not the role
    if titled and not is_role_noun(titled.group("role")) and not _first_name(titled.group("name").split()[0]):
        titled = None  # (a noun the role lists lack before a first name is a title too: "der Gewerkschafter Jan Weber")
    who = (person_name(named.group(1), known) if named else None) or \
        (person_name(titled.group("name"), known) if titled else None) or name_at(t, known) or lone_name(t)
    if who is None and (later := LATER_NAME.match(t)):  # "said fire chief Tom Reed", "sagte gestern Anna Berg"
        who = person_name(later.group(1), known)
    if who is None:
        m = NOMINATIVE_NP.match(t)
        if m and not m.group(0).split()[-1].lower().endswith(ABSTRACT_ENDINGS):
            who = m.group(0)
    if who is None and (group := BARE_GROUP.match(t)) and is_speaking_noun(group.group(1).split()[0]):
        who = group.group(1)  # "warnten Vertreter der Bauverbände vor …", "sagten Experten"
    return who


CLAUSE_SPLIT = re.compile(r"[,;:.!?]\s")
# a group or a role without an article, with its genitive: "Vertreter der deutschen Bauverbände"
BARE_GROUP = re.compile(r"([A-ZÄÖÜ][\w-]+(?:\s+(?:der|des)\s+(?:[a-zäöü][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]+"
                        r"(?:\s+[A-ZÄÖÜ][\w-]+)?)?)(?=[\s,.;:]|$)")
LONE_NAME = re.compile(r"([A-ZÄÖÜ][\w'’-]+)(?=[,.;])")


def nominative_role(text: str) -> str | None:
    """A role with a nominative article that a text starts with ("der Regierungssprecher die Lage"), the
    subject after a reporting verb; "den Minister" is an object."""
    r = ROLE.match(text.strip(" ,"))
    if r and r.group(0).split()[0].lower() in ("der", "die", "ein", "eine") and is_role_noun(r.group(0).split()[-1]):
        return r.group(0)
    return None


def lone_name(text: str) -> str | None:
    """One capitalised word right after the reporting verb that follows a quote, ending the clause
    ("„…“, bemerkte Hollander, …"): a name the text gives no first name for."""
    m = LONE_NAME.match(text.lstrip())
    if m is None or m.group(1).lower() in FUNCTION_WORDS or is_role_noun(m.group(1)):
        return None
    return m.group(1)


# ", die Vorsitzende des Geschäftsbereichs X bei Y," right before a reporting verb: an apposition that
# describes the name before it (whose speaker that is), not a name of its own
APPOSITION_TAIL = re.compile(r",[ \t]+(?:der|die|das|ein|eine)[ \t][^,;:.„“”\"»«]{3,160},[ \t]*$")


def name_before(text: str, known: set[str]) -> str | None:
    """The last name in a text ("Asien-Experte Jan Weber von der ... erklärte" -> "Jan Weber"), the name
    before an apposition that ends it ("Jan Weber, der Leiter des Hafenamts in Velden, sagte")."""
    apposition = APPOSITION_TAIL.search(text)
    if apposition:
        described = name_before(text[: apposition.start()], known)
        if described and " " in described:
            return described
    best = None
    tail = text[-NAME_BEFORE_CHARS:]
    previous: tuple[re.Match[str], str] | None = None
    for m in NAME.finditer(tail):
        person = person_name(m.group(0), known)
        if person:
            # "Anna Velden und Jan Weber sagten": both, where the two names stand right before the verb
            both = previous is not None and tail[previous[0].end() : m.start()].strip() in ("und", "sowie") \
                and not tail[m.end() :].strip()
            best = f"{previous[1]} und {person}" if both and previous else person
            previous = (m, person)
    if best is None:
        low = text.lower().split()
        return low[-1] if low and low[-1] in PRONOUNS else None
    return best



# "X zitiert (dazu) Y mit den Worten: „…“": Y is quoted, X passes it on; "Y wird mit den Worten zitiert: „…“"
QUOTED_OBJECT = re.compile(r"\s*(?:(?:dazu|auch|zudem|ebenfalls|außerdem|hierzu)\s+)?"
                           r"(?P<who>[^,;:„“\"]{2,100}?)\s+mit\s+(?:den|diesen|folgenden)\s+(?:folgenden\s+)?Worten\b")
PASSIVE_QUOTED = re.compile(r"\b(?:wird|wurde|werden|wurden)\b[^,;:„“\"]{0,80}$")
OBJECT_ROLE = re.compile(r"(?:den|einen|die|eine)\s+(?:[a-zäöü][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]+$")


def quoted_by_citation(cue: str, before_cue: str, after_cue: str, known: set[str]) -> str | None:
    """Who is quoted where a medium or a person cites someone: the object of an active "zitiert" ("Der
    Nordbote zitiert einen Augenzeugen mit den Worten", "… zitiert dazu Jan Weber mit folgenden Worten"),
    the subject of a passive one ("Sie wird mit den Worten zitiert"). None for any other verb."""
    if not cue.lower().startswith("zitier"):
        return None
    if PASSIVE_QUOTED.search(before_cue):
        clause = CLAUSE_SPLIT.split(before_cue)[-1].strip()
        first = WORD.match(clause)
        if first and first.group(0).lower() in PRONOUNS:
            return first.group(0).lower()
        return name_at(clause, known) or name_before(PASSIVE_QUOTED.split(clause)[0], known)
    m = QUOTED_OBJECT.match(after_cue)
    if m is None:
        return None
    who = m.group("who").strip()
    role = OBJECT_ROLE.fullmatch(who)
    return name_at(who, known, allow_role=False) or (role.group(0) if role else None)


# a role in the singular with its article ("einer Armeesprecherin", "der Betrüger"), looked for this many
# characters before a pronoun (about two sentences)
ROLE_PHRASE = re.compile(r"(?<![\w-])(?:der|die|ein|eine|einer|einem|eines|des|dem|den)\s+(?:[a-zäöü][\w-]*\s+){0,2}"
                         r"(?P<noun>[A-ZÄÖÜ][\w-]+)")
ROLE_LOOKBACK = 300
ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,6}\b")


# "das Ministerium", "des Ministeriums": an office the text named before by its full compound (also at the end
# of a source phrase: "einer Erklärung des Ministeriums")
OFFICE_NOUNS = frozenset("ministerium verband behörde amt gericht".split())
OFFICE_NP = re.compile(r"(?:^|.*\s)(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]es|[Dd]em)\s+(?P<noun>[A-ZÄÖÜ]\w+)")
COMPOUND_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]+")
OFFICE_LOOKBACK = 3000  # characters


class Resolver:
    """Pronouns and bare surnames to the most recently named fitting person."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.full_names: list[tuple[int, str]] = []
        for m in NAME.finditer(text):
            person = _person_alone(m.group(0))
            if person and len(person.split()) >= 2:
                self.full_names.append((m.start(), person))
        # "Bergs Reise" is a genitive and a noun, not a name, when the text also names "Berg"
        name_words = {word for _, name in self.full_names for word in name.split()}
        self.full_names = [(at, name) for at, name in self.full_names
                           if not (name.split()[0].endswith("s") and name.split()[0][:-1] in name_words)]
        self.known = {tok for _, name in self.full_names for tok in name.split()}
        # where each person is named, by the full name or, after it, by the surname alone; a person is a name
        # that starts with a first name of the name lists or that the text names twice ("Nordhafener
        # Künstlerheim" once is no one)
        surnames = {name.split()[-1]: name for _, name in self.full_names}
        first_named: dict[str, int] = {}
        for at, name in self.full_names:
            first_named.setdefault(name, at)
        in_full = {at + len(name) - len(name.split()[-1]) for at, name in self.full_names}
        named_at = sorted([*self.full_names, *(
            (m.start(), surnames[m.group()]) for m in WORD_WITH_HYPHENS.finditer(text)
            if m.group() in surnames and first_named[surnames[m.group()]] < m.start() and m.start() not in in_full)])
        times = Counter(name for _, name in named_at)
        named_at = [(at, name) for at, name in named_at if times[name] >= 2 or _first_name(name.split()[0])]
        self.named_positions = [at for at, _ in named_at]
        self.named_people = [name for _, name in named_at]
        self.known |= {token_key(tok) for tok in self.known}
        self.acronyms = set(ACRONYM.findall(text))
        # who spoke where: a reporting verb next to a name, in order ("Weber sagte", "sagte Anna Berg")
        self.events: list[tuple[int, str]] = []
        for m in CUE.finditer(text):
            before = text[max(0, m.start() - 60) : m.start()]
            before = before[max(before.rfind(". "), before.rfind("\n")) + 1 :]  # this sentence's words only
            who = name_at(text[m.end() : m.end() + 80], self.known, allow_role=False)
            if who is None or who.lower() in PRONOUNS:  # "Jan Weber said he …": he is the one before the verb
                who = name_before(before, self.known) or who
            if who and who.lower() not in PRONOUNS:
                self.events.append((m.start(), self.resolve(who, m.start()) or who))

    def _role_before(self, pronoun: str, at: int) -> str | None:
        """The role that a pronoun with no named person before it stands for: the last one of its gender
        earlier in its paragraph ("Die Offensive wurde von einer Armeesprecherin bestätigt. Sie sagte, …")."""
        lo = max(0, at - ROLE_LOOKBACK)
        lo = max(lo, self.text.rfind("\n", lo, at) + 1)
        feminine = PRONOUNS[pronoun.lower()] == "f"
        for m in reversed(list(ROLE_PHRASE.finditer(self.text, lo, at))):
            noun = m.group("noun")
            if is_role_noun(noun) and not noun.endswith("innen") and noun.endswith("in") == feminine:
                return m.group(0)
        return None

    def _compound_before(self, noun: str, at: int) -> str | None:
        """The office the text named before by a compound of the noun ("das Nordhafener
        Verkehrsministerium ... in einer Erklärung des Ministeriums": "Verkehrsministerium")."""
        stem = noun.lower()
        stem = next((stem[: -len(e)] for e in ("es", "s") if stem.endswith(e) and stem[: -len(e)] in OFFICE_NOUNS),
                    stem)
        if stem not in OFFICE_NOUNS:
            return None
        found = [m.group() for m in COMPOUND_WORD.finditer(self.text, max(0, at - OFFICE_LOOKBACK), at)
                 if m.group().lower().endswith(stem) and len(m.group()) > len(stem) + 2]
        return found[-1] if found else None

    def resolve(self, who: str | None, at: int) -> str | None:
        if who is None:
            return None
        if who.lower() in PRONOUNS:
            # the last speaker the pronoun can stand for: "er" is not "Anna Velden"
            earlier = [name for pos, name in self.events if pos < at and _fits(name, who)]
            if earlier:
                return earlier[-1]
            # no one has spoken yet: the person the text is about, the one named most often so far (of the
            # last SALIENCE_WINDOW namings), the latest of equals ("Anna Velden ist Präsidentin … Für Jan Weber
            # stimmten 41 … Als Präsidentin will Velden … Sie wisse, dass …")
            k = bisect_left(self.named_positions, at)
            recent = [name for name in self.named_people[max(0, k - SALIENCE_WINDOW) : k] if _fits(name, who)]
            if not recent:
                return self._role_before(who, at) or who
            times = Counter(recent)
            return max(reversed(recent), key=times.__getitem__)
        if (office := OFFICE_NP.fullmatch(who)) and (compound := self._compound_before(office.group("noun"), at)):
            return compound
        if who.isupper():  # a short form of an acronym the text has: "US-Angaben" and "die USA"
            longer = sorted(a for a in self.acronyms if a != who and a.startswith(who) and len(a) <= len(who) + 2)
            return longer[0] if longer else who
        if " " not in who:
            for _, full in reversed([x for x in self.full_names if x[0] < at]):
                if who in full.split() and full != who:
                    return full
        return who


# The words right before a reporting verb that name who speaks: "Die Regierung erklärt", "der
# zweite Redner dankt", "Jan Weber weist ... hin"
SUBJECT_BEFORE = re.compile(r"(?<![\w-])(?:(?:der|die|das|ein|eine|Der|Die|Das|Ein|Eine)\s+)?"
                            r"(?:[a-zäöü][\w-]*\s+){0,2}(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){0,3})\s*$")
SPEAKER_START = re.compile(r"\s*(?:[Ee]r|[Ss]ie|[Hh]e|[Ss]he|Der|Die|Ein|Eine)\b")  # what subject_of can name
CLAUSE_BREAK = re.compile(r"[,;:–]")
ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})
# what opens a noun phrase that is the subject before the verb ("Unser Verband erklärt die Lage")
DETERMINERS = ARTICLES | {"unser", "unsere", "sein", "seine", "ihr", "ihre", "mein", "meine", "dieser", "diese",
                          "dieses", "jeder", "jede", "jedes"}
SO_AT_END = re.compile(r",\s*so\s+([^,.;]{2,60})")  # "…, so Jan Weber, Professor in Jena."
SUBJECT_FIRST = re.compile(r"\s*((?:Der|Die|Ein|Eine)\s+(?:[a-zäöü][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]+)\s+[a-zäöü]")


def _speaker_phrase(phrase: str, name: str, known: set[str]) -> str | None:
    """A noun phrase that can name a speaker: a role with its article ("der zweite Redner") or a
    person's name; not an adverb or any other noun that happens to stand there."""
    if is_role_noun(name.split()[-1]):
        return phrase
    return None if phrase != name else person_name(name, known)


# a clause that opens with a prepositional phrase ("Bei …", "Nach dem Treffen …") has its subject after the verb
PREPOSITION_FIRST = re.compile(r"\s*(?:bei|beim|in|im|nach|auf|am|an|mit|vor|während|zum|zur|seit|wegen|über|unter|"
                               r"aus|vom|von|gegenüber|trotz|angesichts)\s+[^,]*$", re.I)


def fronted_adverbial(before_verb: str) -> bool:
    """Whether the words before a verb are a prepositional phrase, not its subject: "Bei einem Treffen der
    Minister | sagte X"."""
    return PREPOSITION_FIRST.match(before_verb) is not None


def subject_of(plain: str, cue: re.Match[str] | None, known: set[str]) -> str | None:
    """Who a sentence of reported speech that the tagger found (not the rules) is about: the name,
    role or pronoun beside its reporting verb, else a role or named group it starts with."""
    so = SO_AT_END.search(plain)
    if so:
        return name_at(so.group(1), known)
    if cue is not None:
        clause_before = CLAUSE_BREAK.split(plain[: cue.start()])[-1].split()
        if len(clause_before) == 1 and clause_before[0].lower() in PRONOUNS:
            return clause_before[0].lower()  # "Er forderte das Parlament auf": not the parliament
        if fronted_adverbial(plain[: cue.start()]) and (after_verb := speaker_after_cue(plain[cue.end() :], known)):
            return after_verb
        m = SUBJECT_BEFORE.search(plain, 0, cue.start())
        who = _speaker_phrase(m.group(0).strip(), m.group("name"), known) if m else None
        after = plain[cue.end() :]
        # the subject stands before the verb ("Der Verband lobte das Abkommen"), or what follows it
        # is an object anyway ("riefen den Minister auf")
        subject_before = 2 <= len(clause_before) <= 5 and clause_before[0].lower() in DETERMINERS
        if who is None and not subject_before and not after.lstrip().startswith(("den ", "dem ", "des ")):
            who = speaker_after_cue(after, known)
        who = who or name_before(plain[: cue.start()], known)
        if who is None and subject_before and clause_before[-1][:1].isupper():
            who = " ".join(clause_before)  # "Die Anwohner forderten ...": a group or an organisation speaks
        return who
    first = WORD.match(plain.lstrip())
    if first and first.group(0).lower() in PRONOUNS:
        return first.group(0).lower()
    m = SUBJECT_FIRST.match(plain)
    return _speaker_phrase(m.group(1), m.group(1).split()[-1], known) if m else None
