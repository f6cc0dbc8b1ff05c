"""Named-entity mentions (PER, LOC, ORG, MISC) in the clean text, by the bundled name tagger (a CRF the
project trains, training/ner/train.py; see name_tagger.py) or by a spaCy pipeline the user installed
(setting `ner_model`, e.g. "de_core_news_lg"), plus rule mentions (agencies, organisations by their
compound ending, names after role nouns and reporting verbs). Loads from disk only; never downloads."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any, overload

from ..errors import SettingsError
from ..nlp.lower import lower_aligned
from .common_nouns import noun_contexts
from .mention_filter import EVENT_HEADS, SOURCES, Candidate, bundled_filter, features
from .name_tagger import TYPES as TAGGER_TYPES
from .name_tagger import Lexicon, NameTagger, known_names, word_key

# GermEval's outer classes -> dossier types. The -deriv ("französischen") and -part ("Nato-Gipfel") classes
# are words derived from names, not mentions of the entity, and are left out.
LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC", "MISC": "MISC", "GPE": "LOC", "PERSON": "PER",
          "NORP": "MISC", "FAC": "LOC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC"}


# (spaCy pipelines) Texts per memory zone: the words a zone adds to the vocabulary are freed when it closes, so the
# vocabulary does not grow with every new word of a large corpus.
ZONE_TEXTS = 256
# spaCy's tokenizer caches no word it meets inside a memory zone, and re-creates the zone's words on every
# zone, so the model's most frequent words (the first rows of its word vectors) are tokenized once outside
# any zone at load: they stay in the vocabulary and in the tokenizer's cache. 20,000 words cut tokenizing
# the 1,028 articles of bench/bench_ner.py from 5.4 s to 3.6 s, for 0.5 s at load.
CACHED_WORDS = 20_000


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str


TYPES = ("PER", "LOC", "ORG", "MISC")


class Mentions(Sequence[Mention]):
    """One text's mentions as three small arrays; a `Mention` is made when it is read. The NER stage
    holds the mentions of the whole corpus until resolution: as objects they took ~300 bytes each,
    and 100k articles have millions."""

    __slots__ = ("_text", "_starts", "_ends", "_types")

    def __init__(self, text: str, mentions: Iterable[Mention]) -> None:
        self._text = text
        self._starts, self._ends, self._types = array("i"), array("i"), bytearray()
        for m in mentions:
            self._starts.append(m.start)
            self._ends.append(m.end)
            self._types.append(TYPES.index(m.type))

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Mention: ...
    @overload
    def __getitem__(self, i: slice) -> list[Mention]: ...
    def __getitem__(self, i: int | slice) -> Mention | list[Mention]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        a, b = self._starts[i], self._ends[i]
        return Mention(a, b, self._text[a:b], TYPES[self._types[i]])


@lru_cache(maxsize=2)
def load(target: str) -> Any:
    """A spaCy pipeline the user installed (a package name or a directory), with only its NER parts."""
    try:
        import spacy
        from thinc.api import use_ops
    except ImportError as exc:
        raise SettingsError(f"`ner_model` {target!r} needs spaCy: pip install 'lagebild[spacy]'") from exc

    try:
        # numpy's BLAS instead of thinc's default (blis): its matrix products are twice as fast on the
        # CPUs we measured, which makes the NER stage a fifth faster (bench/bench_ner.py)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(target, exclude=["parser", "lemmatizer", "tagger", "morphologizer", "attribute_ruler"])
    except OSError as exc:
        raise SettingsError(
            f"cannot load the NER pipeline {target!r}: {exc}. Leave `ner_model` unset to use the bundled model, "
            "or install the named spaCy pipeline first"
        ) from exc
    _cache_frequent_words(nlp)
    return nlp


def _cache_frequent_words(nlp: Any) -> None:
    rows = sorted(nlp.vocab.vectors.key2row.items(), key=lambda kv: kv[1])[:CACHED_WORDS]
    words = [nlp.vocab.strings[key] for key, _ in rows if key in nlp.vocab.strings]
    nlp.tokenizer.max_cache_size = max(nlp.tokenizer.max_cache_size, len(words))
    nlp.tokenizer(" ".join(w for w in words if w.strip() and not any(c.isspace() for c in w)))


@lru_cache(maxsize=1)
def _agency_pattern() -> re.Pattern[str]:
    from ..clean.vocabulary import NEWS_AGENCIES

    names = {v for v in NEWS_AGENCIES.values()} | {k.capitalize() for k in NEWS_AGENCIES if len(k) > 3}
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])")


def agency_mentions(text: str) -> list[Mention]:
    """News agencies by name (a short list of generic vocabulary): the tagger rarely knows them."""
    return [Mention(m.start(), m.end(), m.group(1), "ORG") for m in _agency_pattern().finditer(text)]


# Compounds that name an organisation by their last part ("UN-Sicherheitsrat", "Verteidigungsministerium").
ORG_ENDINGS = ("ministerium", "sicherheitsrat", "bundesrat", "menschenrechtsrat", "europarat", "aufsichtsrat",
               "kommission", "parlament", "behörde", "universität",
               "hochschule", "gericht", "verfassungsgericht", "zentralbank", "nationalbank", "partei", "verband",
               "agentur", "konzern", "gewerkschaft", "stiftung", "institut", "regierung", "netzwerk")
ORG_WORD = re.compile(r"(?<![\w-])((?:[A-ZÄÖÜ][\w]{0,14}-){0,3}[A-ZÄÖÜ][\w]+)(?![\w-])")
_NAME_PART = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
# A role noun (the end of a compound: "Verteidigungsminister") followed by a two- or three-part name:
# "Verteidigungsminister Anna Berg". The role is found in the lower-cased text, the name after it.
ROLE_WORD = re.compile("(?:" + "|".join(("minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin",
                                         "kanzler", "kanzlerin", "botschafter", "botschafterin", "chef", "chefin",
                                         "berater", "beraterin", "experte", "expertin", "professor", "professorin",
                                         "bürgermeister", "bürgermeisterin", "vorsitzende", "vorsitzender"))
                       + r")\s+")
NAME_AFTER_ROLE = re.compile(rf"((?:{_NAME_PART}\s){{1,2}}{_NAME_PART})\b")


def _role_names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in ROLE_WORD.finditer(lower_aligned(text)):
        name = NAME_AFTER_ROLE.match(text, m.end())
        if name and (not out or name.start() >= out[-1][1]):
            out.append(name.span(1))
    return out


@lru_cache(maxsize=1)
def _speaker_name() -> re.Pattern[str]:
    """A two- or three-part name right after a reporting verb and before a comma or bracket:
    "..., sagte Anna Berg, Professorin an ..." (foreign names are the ones a small tagger misses)."""
    from .speech_words import CUE_VERBS

    verbs = "|".join(sorted((v for v in CUE_VERBS if v.isalpha()), key=len, reverse=True))
    return re.compile(rf"\b(?:{verbs})\s+((?:{_NAME_PART}\s){{1,2}}{_NAME_PART})(?=\s*[,(])")


# Endings of bodies that are organisations only when a name qualifies them ("MDR-Rundfunkrat", not "Stadtrat")
QUALIFIED_ORG_ENDINGS = ("rat", "ausschuss", "komitee", "gremium", "senat", "vorstand")


def org_word_mentions(text: str) -> list[Mention]:
    """Organisations by their compound ending ("UN-Sicherheitsrat", "Verteidigungsministerium", "MDR-Rundfunkrat")."""
    from .name_patterns import qualified_compound

    out = []
    for m in ORG_WORD.finditer(text):
        word = m.group(1).lower()
        bare = _without_genitive(word)
        if (bare.endswith(ORG_ENDINGS) and bare not in ORG_ENDINGS) or (
                "-" in word and word.rstrip("s").removesuffix("e").endswith(QUALIFIED_ORG_ENDINGS)
                and qualified_compound(m.group(1), noun_contexts())):
            out.append(Mention(m.start(1), m.end(1), m.group(1), "ORG"))
    return out


def _without_genitive(word: str) -> str:
    """"sicherheitsrates" -> "sicherheitsrat", "ministeriums" -> "ministerium"."""
    for ending in ("es", "s"):
        if word.endswith(ending) and word[: -len(ending)].endswith(ORG_ENDINGS):
            return word[: -len(ending)]
    return word


def role_mentions(text: str) -> list[Mention]:
    return [Mention(a, b, text[a:b], "PER") for a, b in _role_names(text)]


# A first name and a surname the unlabeled text has never seen, a double name joined by a hyphen ("Anna
# Velkovska-Brandt"): the model, which knows neither part, reads the hyphenated word as a compound of its last part
FIRST_AND_UNKNOWN = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+)[ \t]+([A-ZÄÖÜ][a-zäöüß]+-[A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")


def double_surname_mentions(text: str) -> list[Mention]:
    from .common_nouns import is_common_noun
    from .name_tagger import bundled, first_name

    lexicon = bundled().features.lexicon
    out = []
    for m in FIRST_AND_UNKNOWN.finditer(text):
        first, surname = m.group(1), m.group(2)
        known = lexicon.lookup(surname.split("-")[0])
        head = surname.rsplit("-", 1)[1]  # not "Anna Velkovska-Stück", a piece by her
        if first_name(lexicon, first) and not bundled().mostly_lower_case(first) and (known is None or known[1] == 0) \
                and not is_common_noun(head):
            out.append(Mention(m.start(), m.end(), m.group(0), "PER"))
    return out


def speaker_mentions(text: str) -> list[Mention]:
    from .speech_words import is_role_noun

    # "hofft Familie Velden": a common noun in front is cut off as in the tagger's names
    return [_without_honorific(without_leading_role(Mention(m.start(1), m.end(1), m.group(1), "PER")))
            for m in _speaker_name().finditer(text) if not is_role_noun(m.group(1).split()[0])]


def _without_honorific(m: Mention) -> Mention:
    """"said Dr Anna Velden", "sagte Dr. Anna Velden": the title is no part of the name."""
    from .speakers import HONORIFICS

    first, _, rest = m.text.partition(" ")
    if rest and first.lower().rstrip(".") in HONORIFICS:
        cut = len(m.text) - len(rest)
        return Mention(m.start + cut, m.end, rest, m.type)
    return m


def rule_mentions(text: str) -> list[Mention]:
    """Organisations by their compound ending and persons after a role noun or a reporting verb: the
    patterns a small tagger misses most in news text. The tagger's own spans win where they overlap,
    except that a full name after a role noun replaces a part of it ("Koh [Yu Hwan]")."""
    return [*org_word_mentions(text), *role_mentions(text), *speaker_mentions(text)]


def find_mentions(texts: Iterable[str], model: str | None = None, batch_size: int = 32,
                  languages: Iterable[str | None] | None = None, parts: bool = True) -> list[Mentions]:
    """Every text's mentions: the bundled name tagger's (in English text, capitalised runs typed by rules
    and the tagger, english_names.py), or those of the spaCy pipeline `model` names, with the rule
    mentions added where they overlap none. `languages` gives each text's language code, if known.
    `parts`: in German text, also the names that stand only as a compound's first part ("Velnix-Chef" ->
    "Velnix", compound_parts.py)."""
    if model is None:
        from .compound_parts import part_mentions
        from .name_tagger import bundled

        tagger = bundled()
        tagged = []
        pairs = zip(texts, languages, strict=True) if languages is not None else ((t, None) for t in texts)
        for original, language in pairs:
            text, where = _without_soft_hyphens(original)
            found = candidates(text, tagger, language)
            kept = filtered(text, found, tagger, language)
            if language in (None, "de"):
                inside = {m.text for m in kept if not at_sentence_start(text, m.start)} | {
                    word for m in kept if " " in m.text for word in m.text.split(" ")}
                kept = [_without_opening_verb(text, m, tagger.features.lexicon) for m in kept
                        if not _opening_word(text, m, tagger.features.lexicon, inside)]
                kept = _without_object_noun(kept)
                kept = _without_common_noun_persons(text, kept)
                kept = [m for m in kept if not (m.type == "PER" and m.text.split(" ")[0] in CONTRACTIONS)
                        and not POSSESSIVE.fullmatch(m.text.split(" ")[0])]
                if parts:
                    kept = sorted([*kept, *part_mentions(text, kept, tagger)], key=lambda m: m.start)
            elif language != "en":
                kept = _other_language(text, kept)
            if where is not None:
                kept = [Mention(where[m.start], where[m.end - 1] + 1, original[where[m.start] : where[m.end - 1] + 1],
                                m.type) for m in kept]
            tagged.append(Mentions(original, kept))
        return tagged
    from threadpoolctl import threadpool_limits

    nlp = load(model)
    out: list[Mentions] = []
    items = iter(texts)
    # one BLAS thread: the matrices are small, and a second thread spends half again the CPU time
    with threadpool_limits(limits=1, user_api="blas"):
        while chunk := list(islice(items, ZONE_TEXTS)):
            with nlp.memory_zone():
                out.extend(_with_rule_mentions(text, [Mention(e.start_char, e.end_char, e.text, LABELS[e.label_])
                                                      for e in doc.ents if e.label_ in LABELS and e.text.strip()])
                           for text, doc in zip(chunk, nlp.pipe(chunk, batch_size=batch_size), strict=True))
    return out


# The outlet's name beside the title in a page's title line ("Hafen wird ausgebaut - Nordbote", "NORDBOTE | Hafen
# wird ausgebaut"): page furniture, not a name the news mentions
SITE_NAME_AFTER = re.compile(r"[ \t]+[-–—|·•][ \t]+\S.*")
SITE_NAME_BEFORE = re.compile(r".*\S[ \t]+[-–—|·•][ \t]+")


def site_name_span(text: str, title: str) -> tuple[int, int] | None:
    """Where the text's first line has the outlet's name beside the title the metadata found (the title without
    the site name, meta/extract.without_site_name), or None."""
    end = text.find("\n")
    line = text[: end if end >= 0 else len(text)]
    title = title.strip()
    at = line.find(title) if title else -1
    if at < 0 or line.strip() == title:
        return None
    after = at + len(title)
    if not line[:at].strip() and SITE_NAME_AFTER.fullmatch(line, after):
        return after, len(line)
    if not line[after:].strip() and SITE_NAME_BEFORE.fullmatch(line, 0, at):
        return 0, at
    return None


def without_site_name(mentions: Mentions, text: str, title: str) -> Mentions:
    """The mentions but those in the outlet's name beside the title (`site_name_span`)."""
    span = site_name_span(text, title)
    if span is None or not any(span[0] <= m.start < span[1] for m in mentions):
        return mentions
    return Mentions(text, [m for m in mentions if not span[0] <= m.start < span[1]])


SOFT_HYPHEN = "\xad"


def _without_soft_hyphens(text: str) -> tuple[str, list[int] | None]:
    """A page that hyphenates its words with soft hyphens ("Pfan\xadnen\xadstiel"): the text without them, and
    where each of its characters stands in the text (None when there are none). Cut at them, the words
    are fragments the tagger takes for names ("Pfan")."""
    if SOFT_HYPHEN not in text:
        return text, None
    where = [i for i, c in enumerate(text) if c != SOFT_HYPHEN]
    return text.replace(SOFT_HYPHEN, ""), where


def without_leading_role(m: Mention) -> Mention:
    """"Präsidentin Anna Berg" -> "Anna Berg", "Nordlands Präsidentin Anna Berg" -> "Anna Berg": a role noun
    in front (with the genitive it belongs to) is a description, not part of the name (GermEval-trained
    taggers take it in now and then)."""
    from .speech_words import is_role_noun

    words = m.text.split(" ")
    last_role = next((k for k in range(len(words) - 2, -1, -1) if is_role_noun(words[k])), None)
    if last_role is None and m.type == "PER" and len(words) > 1 and (
            _common_noun_not_first_name(words[0]) or _compound_before_first_name(words)):
        last_role = 0  # "Youtuber Anna Berg": a noun the role list lacks, used like any common noun
    if last_role is None or not all(is_role_noun(w) or w.endswith("s") for w in words[:last_role]):
        return m
    cut = len(" ".join(words[: last_role + 1])) + 1
    rest = m.text[cut:].lstrip()
    if not rest:
        return m
    if m.type != "PER":
        # an organisation named in English after a title word ("General Motors") keeps it where the model takes the
        # rest alone for no name; a rest it takes for a person is one ("Bundesverkehrsminister Velden", typed ORG)
        from .english_names import TITLES
        from .name_tagger import bundled

        kind = bundled().type_of(rest.split(" "), (*TAGGER_TYPES, "O"))
        if kind == "O" and last_role == 0 and words[0].lower() in TITLES:
            return m
        return Mention(m.end - len(rest), m.end, rest, "PER" if kind == "PER" else m.type)
    start = m.end - len(rest)
    return Mention(start, m.end, rest, m.type)


# How often the unlabeled text must have the head of a compound before a name for the compound to be read as a
# noun ("Stadtarchivar": "Archivar", 5 times)
MIN_HEAD_SEEN = 5


def _compound_before_first_name(words: list[str]) -> bool:
    """"Stadtarchivar Anna Berg", "Kabarettist Anna Berg": a word no name list knows, a compound of a noun the
    unlabeled text knows or a word it knows that the model takes for no name on its own, before a first name and a
    surname is a description the tagger took in (rare compounds are unknown to its tables)."""
    from .name_tagger import bundled, first_name

    lexicon = bundled().features.lexicon
    if len(words) < 3 or not words[0].isalpha() or not first_name(lexicon, words[1]) or \
            (known := lexicon.lookup(words[0])) and known[2]:  # not "Jean-Yves Le Drian"
        return False
    if known and known[1] and bundled().type_of(words[:1], (*TAGGER_TYPES, "O")) == "O":
        return True  # "Kabarettist Anna Berg": a word the text knows and the model takes for no name on its own
    return noun_contexts().head(words[0], MIN_HEAD_SEEN) is not None


def _common_noun_not_first_name(word: str) -> bool:
    from .common_nouns import used_as_common_noun
    from .name_tagger import bundled, first_name

    return not first_name(bundled().features.lexicon, word) and used_as_common_noun(word, noun_contexts())


def without_trailing_noun(m: Mention, tagger: NameTagger) -> Mention:
    """"Anna Bergs Abschiedsgala" -> "Anna Bergs": after a name in the genitive, a word that no name list
    knows and the model does not take for a name alone is the noun the genitive belongs to."""
    from .name_tagger import NAME_LISTS, first_name

    words = m.text.split(" ")
    if m.type == "MISC" or len(words) < 2 or not words[-2].endswith("s") or not words[-1][:1].isupper():
        return m
    found = tagger.features.lexicon.lookup(words[-1])
    if found and found[2] & ((1 << len(NAME_LISTS)) - 1) or tagger.type_of([words[-1]], (*TAGGER_TYPES, "O")) != "O":
        return m
    if first_name(tagger.features.lexicon, words[-2]):
        return m  # "Jonas Velden": a first name that ends in -s, no genitive
    rest = m.text[: m.text.rfind(" ")]
    return Mention(m.start, m.start + len(rest), rest, m.type)


LEGAL_FORMS = frozenset("AG SE KG KGAA GMBH UG EG EV SA NV PLC LLC INC LTD CORP".split())


def split_glued_names(m: Mention, tagger: NameTagger) -> list[Mention]:
    """Two names the tagger read as one: an organisation and its abbreviation without brackets ("Nordländischen
    Fischereiverbands NFV" -> the name and "NFV"), an organisation and the person after it ("der Fraktion Neue
    Mitte Anna Velden" -> "Neue Mitte", "Anna Velden"; the person's first name on the name list), a person and
    the organisation a compound says is theirs ("Anna Velden-Firma Velnix")."""
    from .name_tagger import first_name

    words = m.text.split(" ")
    if m.type == "PER":
        return _person_and_their_body(m, words)
    if len(words) < 2:
        return [m]
    last = words[-1]
    if len(words) >= 3 and words[-2].upper().replace(".", "") in LEGAL_FORMS and _city(tagger, last):
        # "Nordbau Werke AG Velden": the company and the place of the plant the text speaks of
        rest = m.text[: -len(last) - 1]
        return [Mention(m.start, m.start + len(rest), rest, m.type), Mention(m.end - len(last), m.end, last, "LOC")]
    if len(words) >= 3 and last.isupper() and 3 <= len(last) <= 6 and last.isalpha() and last not in LEGAL_FORMS \
            and last[0] == words[0][0].upper() and not words[0].isupper():
        rest = m.text[: -len(last) - 1]
        return [Mention(m.start, m.start + len(rest), rest, m.type), Mention(m.end - len(last), m.end, last, "ORG")]
    if len(words) >= 3 and first_name(tagger.features.lexicon, words[-2]) and last[:1].isupper() and \
            not words[-3][:1].islower() and tagger.type_of(words[-2:], (*TAGGER_TYPES, "O")) == "PER":
        person = " ".join(words[-2:])
        rest = m.text[: -len(person) - 1]
        named = Mention(m.end - len(person), m.end, person, "PER")
        if tagger.type_of(rest.split(" "), (*TAGGER_TYPES, "O")) == "O":
            return [named]  # "Gründungsintendantin Anna Velden": a role the lists do not know, no organisation
        return [Mention(m.start, m.start + len(rest), rest, m.type), named]
    return [m]


def _city(tagger: NameTagger, word: str) -> bool:
    """A city on the name lists, or a word the model takes for a place on its own."""
    from .name_tagger import NAME_LISTS

    found = tagger.features.lexicon.lookup(word)
    return bool(found and found[2] >> NAME_LISTS.index("CITY") & 1) or \
        tagger.type_of([word], (*TAGGER_TYPES, "O")) == "LOC"


def _person_and_their_body(m: Mention, words: list[str]) -> list[Mention]:
    """"Anna Velden-Firma Velnix" -> "Anna Velden" and "Velnix": a person's compound with a noun of kind
    ("Velden-Firma", "Weber-Partei") between them glues the person to the organisation named after it."""
    for i in range(1, len(words) - 1):
        owner, _, head = words[i].rpartition("-")
        if owner and head.lower() in DESCRIPTOR_HEADS and words[i + 1][:1].isupper():
            person = " ".join([*words[:i], owner])
            org_start = m.start + len(" ".join(words[: i + 1])) + 1
            return [Mention(m.start, m.start + len(person), person, "PER"),
                    Mention(org_start, m.end, m.text[org_start - m.start :], "ORG")]
    return [m]


# Nouns that say what kind of thing the name after them is ("Parteiblatt Nordbote", "Weltverbands NHV"): a
# description, not part of the name
DESCRIPTOR_HEADS = ("blatt", "blatts", "blattes", "zeitung", "agentur", "sender", "senders", "magazin", "magazins",
                    "verband", "verbands", "verbandes", "konzern", "konzerns", "konzernes", "firma", "unternehmen",
                    "unternehmens", "dachverband", "portal", "portals")
LEADING_ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen".split())


def without_descriptor(m: Mention) -> Mention:
    """"des Verbands Nordhafen" -> "Nordhafen", "Parteiblatt Nordbote" -> "Nordbote": an article or a noun
    of kind in front is no part of the name."""
    words = m.text.split(" ")
    k = 0
    while k < len(words) - 1 and (words[k] in LEADING_ARTICLES or (words[k][:1].isupper() and words[k].lower().endswith(
            DESCRIPTOR_HEADS) and words[k + 1][:1].isupper())):
        k += 1
    if k == 0:
        return m
    rest = " ".join(words[k:])
    return Mention(m.end - len(rest), m.end, rest, m.type)


# English job titles that German text keeps in English after a person ("Jan Weber, VP Global Engineering Velnix",
# "Head of Sales Velnix"): the title is no part of the organisation named after it. A title opens with an
# acronym or one of these words and runs over the vocabulary of corporate functions; a word that can open a name
# ("Manager Magazin", "Director's Cut") counts only when a second title word follows.
TITLE_ACRONYMS = frozenset("vp svp evp ceo cfo cto coo cio cmo cso cpo md".split())
TITLE_OPENERS = TITLE_ACRONYMS | frozenset("head chief director manager".split())
TITLE_WORDS = TITLE_OPENERS | frozenset("""president vice senior executive managing officer lead global engineering
sales marketing operations finance financial technology technical product products business development research
strategy communications human resources corporate digital innovation international regional europe emea dach customer
success supply chain procurement software data security general counsel partner of and & for the""".split())


def without_job_title(m: Mention) -> Mention | None:
    """"VP Global Engineering Velnix" -> the organisation "Velnix"; a title alone ("Chief Technology Officer")
    is no name (None)."""
    words = m.text.split(" ")
    if m.type == "PER" or words[0].lower() not in TITLE_OPENERS:
        return m
    k = 0
    while k < len(words) and words[k].lower() in TITLE_WORDS:
        k += 1
    if k < 2 and words[0].lower() not in TITLE_ACRONYMS:
        return m
    rest = " ".join(words[k:])
    if not rest:  # a title alone; an acronym alone may be a name ("SVP" is a party too)
        return None if len(words) >= 2 else m
    return Mention(m.end - len(rest), m.end, rest, "ORG")


def split_coordination(m: Mention, tagger: NameTagger) -> list[Mention]:
    """"Velden und Nordhafen" -> two places, when the model takes each side alone for a name. Organisations
    have "und" in their names ("Institut für Wirtschaft und Gesellschaft", "Müller und Söhne"): they are
    split only where each side is a name of two or more capitalised words ("Nordwerft Holding und Velden
    Motors") or one word the tagger tags as an organisation over the unlabeled text (known_names)."""
    if m.type not in ("LOC", "PER", "ORG") or " und " not in m.text:
        return [m]
    left, right = m.text.split(" und ", 1)
    if not left[:1].isupper() or not right[:1].isupper():
        return [m]
    if m.type == "ORG":
        names = [len(side.split()) >= 2 and all(w[:1].isupper() for w in side.split()) for side in (left, right)]
        # or one side is one word the unlabeled text knows as an organisation ("Nordpress und Radio Velden")
        known = [" " not in side and known_names().get(word_key(side)) == "ORG" for side in (left, right)]
        if not all(n or k for n, k in zip(names, known, strict=True)):
            return [m]
        return [Mention(m.start, m.start + len(left), left, "ORG"), Mention(m.end - len(right), m.end, right, "ORG")]
    kinds = [tagger.type_of(part.split(), (*TAGGER_TYPES, "O")) for part in (left, right)]
    if "O" in kinds:
        return [m]
    return [Mention(m.start, m.start + len(left), left, LABELS[kinds[0]]),
            Mention(m.end - len(right), m.end, right, LABELS[kinds[1]])]


def _weekday_words() -> re.Pattern[str]:
    from .timex import DAY_PARTS, WEEKDAYS

    return re.compile(rf"(?i:(?:{'|'.join(WEEKDAYS)})(?:{DAY_PARTS})?)")


WEEKDAY_WORD = _weekday_words()  # "Samstagfrüh", "Montagabend": a time, however the tagger types it


URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
# "künstliche Intelligenz (KI)": an abbreviation of words that are no name (the first is lower case)
ABBREVIATION = re.compile(r"\(([A-ZÄÖÜ]{2,6})\)")


def _common_abbreviations(text: str) -> set[str]:
    out = set()
    for m in ABBREVIATION.finditer(text):
        abbreviation = m.group(1)
        words = text[max(0, m.start() - 120) : m.start()].replace("-", " ").split()[-len(abbreviation) :]
        if len(words) == len(abbreviation) and words[0][:1].islower() and \
                "".join(w[0] for w in words).upper() == abbreviation.upper():
            out.add(abbreviation)
    return out


# A photo credit ("Foto: Nordbote/Anna Berg", "© Anna Berg"), an author's byline on a line of its own ("von Anna
# Berg", "Von Anna Berg und Jan Velden"), the signature line of an embedded post ("— Anna Berg (@aberg) May 2,
# 2020"): the names took the pictures or wrote the page or the post, they are not in the news
CREDIT = re.compile(r"(?im)^[ \t]*(?:fotos?|bild|bilder|grafik|credits?|foto\s*credit)[ \t]*:.*$|©.*$"
                    r"|^[ \t]*(?:von|by)[ \t]+(?-i:[A-ZÄÖÜ][\w.-]*(?:[ \t]+(?:und[ \t]+)?[A-ZÄÖÜ][\w.-]*){1,3})[ \t]*"
                    r"(?:$|(?=(?:fotos?|bild)[ \t]*:))"
                    r"|^[ \t]*[—–][ \t].*\(@\w+\).*$")


# a preposition fused with its article opens no person's name ("Im Gegenteil, …" is none)
CONTRACTIONS = frozenset("Im Am Zum Zur Vom Beim Ins Ans Aufs Durchs Fürs Übers Unterm".split())
# a possessive opens no name ("die Zeit Ihres Lebens", the polite "Ihr" capitalised)
POSSESSIVE = re.compile(r"(?:Ihr|Sein|Unser|Euer|Eur|Mein|Dein)(?:e|es|em|en|er)?")
# "nach Hause", "zu Hause": the capitalised noun of a set phrase, never a name
AT_HOME = re.compile(r"(?:nach|zu)[ \t]+Hause\b")
# A contact line of a press release or an imprint ("Tel.: 0211 779", "Fax +49 …"): its label is no place
CONTACT = re.compile(r"(?im)^[ \t]*(?:tel|telefon|fax|mobil|handy)\b\.?[ \t]*:?[ \t]*[+\d(].*$")


def _not_names(text: str, found: list[Mention]) -> list[Mention]:
    """Drops what the tagger took for a name in a URL or an e-mail address, a photo credit or a contact line, a
    legal form alone ("SE"), "Hause" of "nach Hause", a day
    ("Samstagfrüh"), and an abbreviation the text spells out in words that are no name ("künstliche
    Intelligenz (KI)")."""
    urls = [m.span() for m in URL.finditer(text)] if "://" in text or "www." in text or "@" in text else []
    urls += [m.span() for m in CREDIT.finditer(text)] + [m.span() for m in CONTACT.finditer(text)]
    common = _common_abbreviations(text) if "(" in text else set()
    found = [_without_shouted_ends(m) for m in found]
    return [m for m in found if not WEEKDAY_WORD.fullmatch(m.text) and m.text not in common
            and m.text.upper() not in LEGAL_FORMS and not AT_HOME.match(text, max(0, m.start - 5), m.end)
            and not any(a <= m.start < b for a, b in urls) and not _shouted_word(m.text) and not _in_date(text, m)]


def _in_date(text: str, m: Mention) -> bool:
    """A month the tagger took for a name in a date ("20. März 2021", "May 2, 2020", "April 21, 2020")."""
    from ..meta.dates import DATE_PATTERNS, MONTH_NUMBERS

    if not any(w.lower().rstrip(".,") in MONTH_NUMBERS for w in m.text.split()):
        return False
    a = max(0, m.start - 8)
    window = text[a:m.end + 10]
    return any(d.start() + a <= m.start < d.end() + a for pattern, _ in DATE_PATTERNS[:3]
               for d in pattern.finditer(window))


# An all-capitals word this long is a shouted word ("EXKLUSIV", "ACHTUNG") when the unlabeled text writes it in
# lower case this often ("exklusiv": 38) or uses it like a common noun; not an acronym ("NATO") or a dateline
# ("NORDHAFEN")
SHOUTED_MIN_LENGTH, SHOUTED_MIN_LOWER = 5, 20


def _without_shouted_ends(m: Mention) -> Mention:
    """A name with a shouted word glued to it by a headline ("Velden Open VERSCHOBEN", "EXKLUSIV Anna Berg")
    without that word."""
    if " " not in m.text or sum(c.isupper() for c in m.text) < SHOUTED_MIN_LENGTH:
        return m
    words = [w.span() for w in re.finditer(r"\S+", m.text)]
    first, last = 0, len(words)
    while last - first > 1 and _shouted_word(m.text[slice(*words[last - 1])]):
        last -= 1
    while last - first > 1 and _shouted_word(m.text[slice(*words[first])]):
        first += 1
    if (first, last) == (0, len(words)):
        return m
    a, b = words[first][0], words[last - 1][1]
    return Mention(m.start + a, m.start + b, m.text[a:b], m.type)


def _shouted_word(name: str) -> bool:
    if len(name) < SHOUTED_MIN_LENGTH or not name.isupper() or not name.isalpha():
        return False
    from .common_nouns import used_as_common_noun
    from .name_tagger import bundled

    low = bundled().features.lexicon.lookup(name.lower())
    return bool(low and low[1] >= SHOUTED_MIN_LOWER) or used_as_common_noun(name.capitalize(), noun_contexts())


def _with_rule_mentions(text: str, found: list[Mention]) -> Mentions:
    return Mentions(text, [c for c, _ in _added_rule_mentions(text, [(m, Candidate(m.start, m.end, m.type, "tagger"))
                                                                       for m in found])])


def _added_rule_mentions(text: str, found: list[tuple[Mention, Candidate]],
                         language: str | None = None) -> list[tuple[Mention, Candidate]]:
    """The tagger's mentions cleaned (`_not_names`, role nouns cut off the front) and the rule mentions added
    where they overlap none, each with where it came from."""
    from .name_patterns import (
        acronym_units,
        adjective_names,
        ampersand_names,
        body_names,
        broadcaster_names,
        described_names,
        federal_body,
        joined_at_initials,
        named_compounds,
        place_compounds,
        qualified_compound,
        quoted_outlets,
        quoted_sources,
        reporting_sources,
        to_closing_quote,
    )
    from .name_tagger import bundled

    kept = set(_not_names(text, [m for m, _ in found]))
    # English runs come with their titles cut (english_names.py); the German noun statistics would take an English
    # first name they lack for a noun in front ("Gareth Lowe" -> "Lowe")
    found = [(without_descriptor(m if language == "en" else without_leading_role(m)), c) for m, c in found if m in kept]
    found = [(t, c if t is m else Candidate(t.start, t.end, t.type, c.source, c.confidence))
             for m, c in found if (t := without_job_title(m)) is not None]
    if language != "en":
        found = [(part, Candidate(part.start, part.end, part.type, c.source, c.confidence))
                 for m, c in found for part in split_glued_names(without_trailing_noun(m, bundled()), bundled())]
        found = [(to_closing_quote(text, m), c) for m, c in found]  # a genitive-looking "s" inside marks is none
    spelled = [] if language == "en" else [*adjective_names(text, bundled().features.lexicon), *place_compounds(text)]
    for extra in spelled:  # German spelling rules
        # the spelling says these are whole names: they replace the parts the tagger found in them, unless
        # the tagger found the last word alone ("die Verbündeten Nordhafen": a noun before a name)
        head = (extra.end - len(extra.text.split()[-1]), extra.end)
        if any((m.start, m.end) == head or (m.start < extra.end and extra.start < m.end and not (
                extra.start <= m.start and m.end <= extra.end)) for m, _ in found):
            continue
        found = [(m, c) for m, c in found if not (extra.start <= m.start and m.end <= extra.end)]
        found.append((extra, Candidate(extra.start, extra.end, extra.type, "spelling")))
    lexicon = bundled().features.lexicon
    bodies = [] if language == "en" else [*body_names(text, lexicon), *acronym_units(text, [m for m, _ in found]),
                                          *[a for a in ampersand_names(text, lexicon)  # the tagger saw a name
                                            if any(m.start < a.end and a.start < m.end for m, _ in found)],
                                          *described_names(text, lexicon), *named_compounds(text),
                                          *reporting_sources(text, lexicon), *broadcaster_names(text, lexicon)]
    for extra in bodies:
        # "Deutsches Zentrum für Luft- und Raumfahrt", "DGB-Region Mittelhessen": the whole name replaces what the
        # tagger found inside it ("Deutsche Zentrum", "Raumfahrt", the place "Mittelhessen"), unless the tagger's
        # name is longer ("Zentralrat der Juden in …")
        if any(m.start < extra.end and extra.start < m.end and not (extra.start <= m.start and m.end <= extra.end)
               for m, _ in found):
            continue
        found = [(m, c) for m, c in found if not (extra.start <= m.start and m.end <= extra.end)]
        found.append((extra, Candidate(extra.start, extra.end, extra.type, "spelling")))
    for extra in [] if language == "en" else _unique([*quoted_outlets(text), *quoted_sources(text)]):
        # the quotation marks say where the name ends
        found = [(m, c) for m, c in found if not (m.start < extra.end and extra.start < m.end)]
        found.append((extra, Candidate(extra.start, extra.end, extra.type, "spelling")))
    extras = [(m, source) for source, make in (("agency", agency_mentions), ("org-word", org_word_mentions),
                                              ("role", role_mentions), ("speaker", speaker_mentions),
                                              ("speaker", double_surname_mentions))
              for m in make(text)]
    for extra, source in extras:
        if source == "org-word" and (qualified_compound(extra.text, noun_contexts()) or federal_body(extra.text)):
            # "UN-Sicherheitsrat", "Bundesjustizministerium": a name by its spelling, not a decision for the filter
            source = "spelling"
            found = [(m, c) for m, c in found if (m.start, m.end) != (extra.start, extra.end)]
        inside = [(m, c) for m, c in found if extra.start <= m.start and m.end <= extra.end]
        # a person's full name replaces its parts, also where the tagger typed one part otherwise
        # ("Anna [Li]OTH [Wen Hu]PER"), but not a name the tagger saw as anything but a person
        if extra.type == "PER" and any(m.type == "PER" for m, _ in inside) and \
                not any(m.start < extra.end and extra.start < m.end for m, _ in found if (m, _) not in inside):
            found = [x for x in found if x not in inside]  # the full name, not a part of it
        if source == "agency" and any((m.start, m.end) == (extra.start, extra.end) for m, _ in found):
            # the tagger found the agency too: the list knows it ("die Nachrichtenagentur Nordpress")
            found = [(m, c) for m, c in found if (m.start, m.end) != (extra.start, extra.end)]
        if any(m.start < extra.end and extra.start < m.end for m, _ in found):
            continue
        if extra.type == "ORG" and any(extra.end < m.start <= extra.end + 2 for m, _ in found):
            continue  # "die Nachrichtenagentur Nordpress": the compound says what the name after it is
        found.append((extra, Candidate(extra.start, extra.end, extra.type, source)))
    return joined_at_initials(text, sorted(found, key=lambda x: x[0].start))


def _unique(found: list[Mention]) -> list[Mention]:
    return sorted({(m.start, m.end): m for m in found}.values(), key=lambda m: m.start)


def candidates(text: str, tagger: NameTagger, language: str | None = None) -> list[tuple[Mention, Candidate]]:
    """Every name candidate of a text with its origin: the tagger's spans (in English text capitalised runs,
    english_names.py) with their confidence, one-word names it tagged elsewhere in the text, rule mentions."""
    from . import english_names

    if language == "en":
        scored = [(a, b, lab, 1.0) for a, b, lab in english_names.spans(text, tagger)]
    else:
        scored = tagger.scored_spans(text)
    confidence = {(a, b): x for a, b, _, x in scored}
    split = []
    for a, b, lab, x in scored:
        for part in split_coordination(Mention(a, b, text[a:b], LABELS[lab]), tagger):
            split.append((part.start, part.end, lab if part.type == LABELS[lab] else _tagger_label(part.type)))
            confidence.setdefault((part.start, part.end), x)
    found = tagger.known(text, tagger.repeated(text, split))
    return _added_rule_mentions(text, [
        (Mention(a, b, text[a:b], LABELS[lab]),
         Candidate(a, b, LABELS[lab], "tagger" if (a, b) in confidence else "repeated", confidence.get((a, b), 1.0)))
        for a, b, lab in found], language)


def _tagger_label(kind: str) -> str:
    return "OTH" if kind == "MISC" else kind


SENTENCE_END = frozenset(".!?:\n\"„“»«")


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t")
    return not before or before[-1] in SENTENCE_END


def _names_an_event(word: str) -> bool:
    """A word whose head is an event noun: "Weltkriegs", "Nordland-Krieg", "Gipfel" - but not "Kaplan" (the
    head must be the whole word, follow a hyphen, or follow a first part of four letters or more)."""
    return EVENT_WORD.search(word.lower()) is not None


EVENT_WORD = re.compile(r"(?:^|-|(?<=\w{4}))(?:" + "|".join(sorted(EVENT_HEADS, key=len, reverse=True)) + r")(?:e?s)?$")
# ... and in the plural or dative plural ("Weltmeisterschaften", "Olympischen Spielen"), where the tagger did not
# read a person ("Jan Spielen")
EVENT_WORD_PLURAL = re.compile(r"(?:^|-|(?<=\w{4}))(?:" + "|".join(sorted(EVENT_HEADS, key=len, reverse=True)) +
                               r")e?n$")
# Competitions German news names by their initials: the European and the world championship
COMPETITION_INITIALS = frozenset({"EM", "WM"})


# Nouns of a kind of thing that is no actor: a name right after one ("die Kryptowährung X", "Spaßwährungen wie X",
# "der Impfstoff X") names a currency, a product or a work (MISC)
PRODUCT_KINDS = ("währung", "währungen", "impfstoff", "impfstoffe", "medikament", "medikamente", "präparat",
                 "präparate", "wirkstoff", "smartphone", "film", "filme", "serie", "roman", "album", "song",
                 "videospiel", "computerspiel", "software", "betriebssystem")
PRODUCT_BEFORE = re.compile(r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:" + "|".join(PRODUCT_KINDS) + r")(?:[ \t]+wie)?[ \t]+$")


def _product(text: str, m: Mention) -> Mention | None:
    if m.type == "MISC" or not PRODUCT_BEFORE.search(text, max(0, m.start - 40), m.start):
        return None
    return Mention(m.start, m.end, m.text, "MISC")


# A competition noun right before a name: the name says which one ("die Oberliga Nordhafen", "der Velden-Pokal
# Ost"), the whole is the competition's name (MISC), not a mention of the place
COMPETITION = r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:liga|pokal|cup|meisterschaft|turnier)"
COMPETITION_BEFORE = re.compile(COMPETITION + r"[ \t]+$")
COMPETITION_FIRST = re.compile(COMPETITION + r"[ \t]+(?=[A-ZÄÖÜ])")


def _competition(text: str, m: Mention) -> Mention | None:
    if m.type == "MISC":
        return None
    if COMPETITION_FIRST.match(m.text):  # the tagger's span has it: "Oberliga Nordhafen"
        return Mention(m.start, m.end, m.text, "MISC")
    # a region after it ("Oberliga Nordhafen"); not a club, the object of a verb ("im Pokal Velnix schlagen")
    before = None if " " in m.text or m.type != "LOC" else COMPETITION_BEFORE.search(text, max(0, m.start - 40),
                                                                                    m.start)
    return Mention(before.start(), m.end, text[before.start():m.end], "MISC") if before else None


def _event(m: Mention) -> Mention | None:
    """An event is no actor: "Nordland-Krieg" becomes MISC; "Einmarsch Nordlands" the place it names."""
    words = m.text.split(" ")
    if m.type == "MISC":
        return None
    last = words[-1].lower()
    if _names_an_event(last) or LAW_WORD.search(last) or m.text in COMPETITION_INITIALS or \
            (m.type != "PER" and EVENT_WORD_PLURAL.search(last)):  # "Zweiten Weltkriegs", "Nordland-Krieg", "die WM"
        return Mention(m.start, m.end, m.text, "MISC")
    if not _names_an_event(words[0]):
        return None
    rest = m.text[len(words[0]):].lstrip()
    return Mention(m.end - len(rest), m.end, rest, m.type) if rest[:1].isupper() else None


# A rule a legislature or a government made is no actor either ("Nordländische Fischereirichtlinie"). (Tournaments
# named in English, "Nordhafen Open", as events too: the NER stage on the out-of-fold GermEval tuning sentences 0.6728
# -> 0.6723, GermEval marks them organisations; left out)
LAW_WORD = re.compile(r"(?<=\w{4})(?:richtlinie|richtlinien|verordnung|verordnungen)$")


# A first word of a name that opens a sentence and that the unlabeled text writes in lower case this many
# times as often as capitalised is a verb or adverb the capital letter disguises ("Plant Tesla eine Fabrik?"
# -> "Tesla"); adjectives stay ("Neue Zürcher Zeitung", "Deutsche Bahn").
LOWER_CASE_SHARE = 5.0
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em", "isch", "sche", "schen")


def _opening_word(text: str, m: Mention, lexicon: Lexicon, inside: set[str]) -> bool:
    """"Frei erfunden: …": a one-word name that opens a sentence, that the unlabeled text writes in lower case
    LOWER_CASE_SHARE times as often and that this text names nowhere else is an adjective or adverb the
    capital letter disguises (a surname of the same spelling is named in full somewhere: "Jan Frei")."""
    if " " in m.text or "-" in m.text or m.text.isupper() or m.text in inside or not at_sentence_start(text, m.start):
        return False
    capital, lower = lexicon.lookup(m.text), lexicon.lookup(m.text.lower())
    return lower is not None and lower[1] >= LOWER_CASE_SHARE * max(capital[1] if capital else 0, 1)


def _without_object_noun(found: list[Mention]) -> list[Mention]:
    """"nennt Weber Namen, Fakten" -> "Weber": a surname the text also names alone, followed by a common noun
    that is no first name, is the person and the object of the verb, not a two-word name."""
    from .name_tagger import bundled, first_name

    alone = {m.text for m in found if m.type == "PER" and " " not in m.text}
    out = []
    for m in found:
        first, _, rest = m.text.partition(" ")
        if m.type == "PER" and rest and " " not in rest and first in alone and _common_noun_not_first_name(rest) \
                and not first_name(bundled().features.lexicon, first):
            m = Mention(m.start, m.start + len(first), first, m.type)
        out.append(m)
    return out


def _without_common_noun_persons(text: str, found: list[Mention]) -> list[Mention]:
    """"Therapien bei Krebs", "die Krebspatienten": a one-word person that is a common noun to the unlabeled text
    (a surname too: the lists know it), that the text names nowhere with a first name and also writes as the first
    part of a compound in lower case, is the common noun."""
    from .common_nouns import used_as_common_noun

    full = {m.text.split(" ")[-1] for m in found if m.type == "PER" and " " in m.text}
    out = []
    for m in found:
        if m.type == "PER" and " " not in m.text and m.text not in full and m.text.rstrip("s") not in full and \
                used_as_common_noun(m.text, noun_contexts()) and \
                re.search(rf"(?<![\w-]){re.escape(m.text)}[a-zäöüß]{{3,}}", text):
            continue
        out.append(m)
    return out


def _without_opening_verb(text: str, m: Mention, lexicon: Lexicon) -> Mention:
    first, _, rest = m.text.partition(" ")
    if not rest or not at_sentence_start(text, m.start) or first.lower().endswith(ADJECTIVE_ENDINGS):
        return m
    capital, lower = lexicon.lookup(first), lexicon.lookup(first.lower())
    if not lower or lower[1] < LOWER_CASE_SHARE * max(capital[1] if capital else 0, 1):
        return m
    cut = len(first) + 1
    return Mention(m.start + cut, m.end, rest, m.type)


def _other_language(text: str, found: list[Mention]) -> list[Mention]:
    """In a language the tagger was not trained on (a French page among German ones), a capitalised word
    that opens a sentence is mostly a function word ("Selon", "Depuis", "Une"): a one-word name is kept
    only where the text also writes it inside a sentence."""
    inside = {m.text for m in found if not at_sentence_start(text, m.start)}
    return [m for m in found if " " in m.text or m.text in inside]


def filtered(text: str, found: list[tuple[Mention, Candidate]], tagger: NameTagger,
             language: str | None = None) -> list[Mention]:
    """The candidates the learned mention filter keeps (mention_filter.py); in English text all of them
    (the filter learned German). Events ("Nordland-Krieg") stay as MISC: not actors, but there."""
    from .name_patterns import with_descriptors

    model = bundled_filter()
    if model is None or language == "en":
        return with_descriptors(text, [m for m, _ in found])
    nouns = noun_contexts()
    lexicon = tagger.features.lexicon
    out = []
    dropped = []
    for m, c in found:
        event = _competition(text, m) or _event(m) or _product(text, m)
        if event is not None:
            out.append(event)
        elif c.source == "tagger" and _about_a_name(m):
            dropped.append(m)
        elif c.source not in SOURCES or _defines_abbreviation(text, m) or _company_name(m):
            # names by their spelling (name_patterns.py), names the text abbreviates ("Nordländisches Institut
            # für Hafenbau (NIH)") and names with a legal form ("Nordbau Werke AG"): no decision to learn
            out.append(m)
        elif model.keep_probability(features(text, c, lexicon, nouns, at_sentence_start(text, m.start))) >= \
                model.threshold:
            out.append(m)
        else:
            dropped.append(m)
    if dropped:
        out = sorted([*out, *consistent(out, dropped), *listed_with(text, out, dropped)], key=lambda m: m.start)
    out = with_place_adjectives(text, typed_by_kind(text, with_list_neighbours(text, out, lexicon, nouns)), lexicon)
    return with_descriptors(text, out)


PLACE_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+er)[ \t]+$")
# the abbreviated kinds of club ("Sportclub", "Turn- und Sportverein"); not a party ("die Kölner X-Partei" is a
# branch of it)
CLUB_ACRONYMS = frozenset("SC SV FC TV TSV VfB VfL VfR BC BSC HC EHC SG SSV TuS MSV ESV FSV TSG SpVgg".split())


def with_place_adjectives(text: str, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """"der Nordhafener SC", "beim Veldener SV": the adjective of a city in front of an organisation's acronym is
    part of its name (a club's, mostly), not a word the tagger may leave out."""
    out = []
    for m in found:
        before = PLACE_ADJECTIVE_BEFORE.search(text, max(0, m.start - 30), m.start) \
            if m.type == "ORG" and m.text.split(" ")[0] in CLUB_ACRONYMS else None
        if before is not None and _names_a_city(before.group(1), lexicon):
            m = Mention(before.start(1), m.end, text[before.start(1) : m.end], m.type)
        out.append(m)
    return out


def _names_a_city(adjective: str, lexicon: Lexicon) -> bool:
    """"Hamburger" (Hamburg), "Karlsruher" (Karlsruhe), "Bremer" (Bremen), "Dresdner" (Dresden)."""
    from .name_tagger import NAME_LISTS

    stem = adjective[:-2]
    for place in (stem, stem + "e", stem + "en", adjective[:-3] + "en"):
        found = lexicon.lookup(place)
        if found and found[2] >> NAME_LISTS.index("CITY") & 1:
            return True
    return False


# A hyphenated word whose last part is a common noun is mostly about a name, not one ("Nordhafen-Fans", "Velden-Star"):
# 20 of 358 such words in GermEval's training sentences are names (GermEval marks most of the rest -part). Not where the
# last part says what kind of body or place the whole names (ORG_ENDINGS, "-Platz", "-Denkmal", "-Stadion": names)
DISTRICT_PARTS = frozenset("umgebung land stadt mitte nord süd ost west".split())  # "Velden-Umgebung", "Velden-Land"


def _about_a_name(m: Mention) -> bool:
    """"Velden-Star" (not "Nordhafen-Süd", a district: the first part is a city; not "E-Plus")."""
    from .common_nouns import used_as_common_noun
    from .name_patterns import BUILDING_HEADS, INSTITUTION_HEADS, PLACE_PARTS
    from .name_tagger import NAME_LISTS, bundled

    if " " in m.text or "-" not in m.text[1:] or m.type == "MISC":
        return False
    first, head = m.text.split("-", 1)[0], m.text.rsplit("-", 1)[1]
    low = _without_genitive(head.lower())
    listed = bundled().features.lexicon.lookup(first)
    if len(first) < 3 or (listed and listed[2] >> NAME_LISTS.index("CITY") & 1) or not head[:1].isupper() or \
            low.endswith(ORG_ENDINGS + QUALIFIED_ORG_ENDINGS + PLACE_PARTS + BUILDING_HEADS + INSTITUTION_HEADS) or \
            low in DISTRICT_PARTS:
        return False
    seen = noun_contexts().lookup(head)
    return seen is not None and seen[0] >= MIN_HEAD_SEEN and used_as_common_noun(head, noun_contexts())


def _company_name(m: Mention) -> bool:
    """"Nordbau Werke AG", "Velnix GmbH": capitalised words and a legal form after them."""
    words = m.text.split(" ")
    return m.type == "ORG" and len(words) >= 2 and words[-1].upper().replace(".", "") in LEGAL_FORMS and \
        all(w[:1].isupper() for w in words)


def _defines_abbreviation(text: str, m: Mention) -> bool:
    from ..corpus.aliases import ABBREVIATION_AFTER, abbreviates

    after = ABBREVIATION_AFTER.match(text, m.end) if " " in m.text and m.type != "MISC" else None
    # three capitals or more: two-letter ones abbreviate terms as often ("Mixed Reality (MR)")
    return after is not None and sum(ch.isupper() for ch in after.group(1)) >= 3 and \
        abbreviates(after.group(1), m.text)


# One word joined to a one-word name by a comma or a conjunction: "Nordbau und Velco", "Velden, Nordhafen oder Borg"
LIST_AFTER = re.compile(r"(?:,[ \t]*|[ \t]+(?:und|oder|sowie)[ \t]+)([A-ZÄÖÜ][\w]{2,}(?:-[A-ZÄÖÜ][\w]+)?)(?![\w-])"
                        r"(?![ \t]+[A-ZÄÖÜ])")
LIST_BEFORE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w]{2,}(?:-[A-ZÄÖÜ][\w]+)?)(?:,[ \t]*|[ \t]+(?:und|oder|sowie)[ \t]+)$")
COMPANY_KINDS = ("hersteller", "konzern", "unternehmen", "firma", "autobauer", "flugzeugbauer", "zulieferer",
                 "anbieter", "onlinehändler", "versandhändler", "plattform", "netzwerk", "fluggesellschaft",
                 "airline", "reederei", "verlag", "versicherer", "hedgefonds", "startup", "start-up")
COMPANY_BEFORE = re.compile(r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:" + "|".join(COMPANY_KINDS) + r")s?[ \t]+"
                            r"([A-ZÄÖÜ][\w]+(?:-[A-ZÄÖÜ][\w]+)?)(?![\w-])(?![ \t]+[A-ZÄÖÜ])")
# "Weber, Hauptsponsor des Vereins": a noun with a genitive or "von" after it, after a name and a comma, describes it
APPOSITION_AFTER = re.compile(r"[ \t]+(?:des|der|von|vom)[ \t]")
GENITIVE_BEFORE_NOUN = re.compile(r"[ \t]+(?!(?:und|oder|sowie)\b)\w")
LIST_MAX_LOWER_SHARE = 0.1  # the unlabeled text writes a name in lower case rarely ("Nordbau" vs an adjective)


def with_list_neighbours(text: str, found: list[Mention], lexicon: Any, nouns: Any) -> list[Mention]:
    """One list, one kind of thing: a capitalised word the model missed, in a list with a one-word name ("Nordbau
    und Velco"), is a name of that type, and one right after a noun of a kind of company ("der Hersteller
    Velco") an organisation - unless the unlabeled text uses it like a common noun or writes it in lower case,
    it is a role or function word, or it starts a sentence."""
    from .common_nouns import used_as_common_noun
    from .speech_words import FUNCTION_WORDS, is_role_noun

    taken = [(m.start, m.end) for m in found]
    added: list[Mention] = []

    def name_like(word: str, start: int) -> bool:
        if any(a < start + len(word) and start < b for a, b in taken) or at_sentence_start(text, start):
            return False
        if word.casefold() in FUNCTION_WORDS or is_role_noun(word) or \
                any(used_as_common_noun(w, nouns) for w in (word, word[:-1], word[:-2]) if len(w) > 3):
            return False  # also a common noun's inflected form ("Zulieferern")
        cap, low = lexicon.lookup(word), lexicon.lookup(word.lower())
        return (low[1] if low else 0) <= LIST_MAX_LOWER_SHARE * (cap[1] if cap else 0) + 0.5

    for kind in COMPANY_BEFORE.finditer(text):  # "der Hersteller Nordbau-Werke": the noun says what the name is
        if name_like(kind.group(1), kind.start(1)):
            added.append(Mention(kind.start(1), kind.end(1), kind.group(1), "ORG"))
            taken.append(kind.span(1))
    for m in found:
        if m.type == "MISC" or " " in m.text:
            continue
        pos = m.end
        while (after := LIST_AFTER.match(text, pos)) and name_like(after.group(1), after.start(1)) and \
                not APPOSITION_AFTER.match(text, after.end(1)):
            added.append(Mention(after.start(1), after.end(1), after.group(1), m.type))
            taken.append(after.span(1))
            pos = after.end(1)
        if m.text.endswith("s") and GENITIVE_BEFORE_NOUN.match(text, m.end):
            continue  # not "dem Norden und Veldens Hafen": the genitive belongs to the noun after it
        end = m.start
        while (before := LIST_BEFORE.search(text, max(0, end - 60), end)) and \
                name_like(before.group(1), before.start(1)):
            added.append(Mention(before.start(1), before.end(1), before.group(1), m.type))
            taken.append(before.span(1))
            end = before.start(1)
    return sorted([*found, *added], key=lambda m: m.start) if added else found


# Kinds of organisation a noun in front names (with COMPANY_KINDS): "der Eishockeyklub X", "Zweitligist X"
CLUB_KINDS = ("klub", "club", "verein", "team", "mannschaft", "rennstall", "ligist", "firmen")
KIND_BEFORE = re.compile(r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:" + "|".join(COMPANY_KINDS + CLUB_KINDS) +
                         r")(?:s|e|en|n|ern)?(?:[ \t]+wie)?[ \t]+$")
LIST_JOIN = re.compile(r",[ \t]*|[ \t]+(?:und|oder|sowie)[ \t]+")


def typed_by_kind(text: str, found: list[Mention]) -> list[Mention]:
    """A name right after a noun of a kind of organisation is one, whatever the tagger read ("vom Klub Velnix
    Nordhafen", PER or LOC to it; "die Firmen Velnix, Kronmark und Weberhaus"): so is the rest of a list of
    one-word names it is in, and the same name wherever else the text has it."""
    out = list(found)
    named: set[str] = set()

    def retype(k: int) -> bool:
        m = out[k]
        if m.type == "PER" or m.type == "LOC" and not m.text.endswith("s"):  # not "das Netzwerk Nordlands"
            out[k] = Mention(m.start, m.end, m.text, "ORG")
            named.add(m.text)
            return True
        return False

    def listed(k: int, j: int) -> bool:  # out[k] and out[j] (k < j) are neighbours in a list of one-word names
        return " " not in out[k].text and " " not in out[j].text and \
            LIST_JOIN.fullmatch(text, out[k].end, out[j].start) is not None

    for k, m in enumerate(found):
        if m.type != "MISC" and KIND_BEFORE.search(text, max(0, m.start - 40), m.start):
            retype(k)
            j = k + 1  # the rest of the list, on either side
            while j < len(out) and listed(j - 1, j) and out[j].type != "MISC" and (out[j].type == "ORG" or retype(j)):
                j += 1
            j = k - 1
            while j >= 0 and listed(j, j + 1) and out[j].type != "MISC" and (out[j].type == "ORG" or retype(j)):
                j -= 1
    # one name, one reading per text: the noun says what the name is wherever else the text has it
    return [Mention(m.start, m.end, m.text, "ORG") if m.text in named and m.type in ("PER", "LOC") else m
            for m in out] if named else out


def listed_with(text: str, kept: list[Mention], dropped: list[Mention]) -> list[Mention]:
    """One list, one kind of thing: a dropped candidate of the tagger's type that a comma or a conjunction joins to a
    kept name of that type ("von Nordpress und Radio Velden", "Velnix, Nordbau Werke oder Kronmark") is a name too."""
    ends = {(m.end, m.type) for m in kept if m.type != "MISC"}
    starts = {(m.start, m.type) for m in kept if m.type != "MISC"}
    out = []
    for m in dropped:
        if m.type == "MISC" or len(m.text) < 3 or text[m.end : m.end + 1] == "-" or text[m.start - 1 : m.start] == "-":
            continue  # not "Nieder- und Ober-": a compound's part
        before = LIST_JOIN_BEFORE.search(text, max(0, m.start - 12), m.start)
        after = LIST_JOIN.match(text, m.end)
        if (before is not None and (before.start(), m.type) in ends) or \
                (after is not None and (after.end(), m.type) in starts):
            out.append(m)
    return out


LIST_JOIN_BEFORE = re.compile(r"(?:,[ \t]*|[ \t]+(?:und|oder|sowie)[ \t]+)$")


def _keys(name: str) -> tuple[str, ...]:
    """The name's key, then its key without a genitive s: in that order, so that the name as written decides
    where both are known (a set's order changes from run to run)."""
    key = name.casefold()
    return (key, key[:-1]) if key.endswith("s") and len(key) > 3 else (key,)


def consistent(kept: list[Mention], dropped: list[Mention]) -> list[Mention]:
    """One name, one reading per text: a dropped candidate the text also has as a kept name ("Nordlands"
    beside "Nordland"), or as the last word of a kept name of two or more words ("Bergs" beside "Anna
    Berg", "Verkehrsinstitut" beside "Nordländisches Verkehrsinstitut"), is that name, with its type."""
    whole: dict[str, str] = {}
    last: dict[str, str] = {}
    for m in kept:
        if m.type == "MISC":
            continue
        for key in _keys(m.text):
            whole.setdefault(key, m.type)
        words = m.text.split()
        if len(words) > 1 and len(words[-1]) > 2:
            for key in _keys(words[-1]):
                last.setdefault(key, m.type)
    out = []
    for m in dropped:
        keys = _keys(m.text)
        kind = next((whole[k] for k in keys if k in whole), None) or \
            (next((last[k] for k in keys if k in last), None) if " " not in m.text else None)
        if kind is not None:
            out.append(Mention(m.start, m.end, m.text, kind))
    return out
