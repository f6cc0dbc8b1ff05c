"""Who said what within one article, after the speakers were linked to entities by name
(resolve.link_speakers): role nouns and company nouns resolved to the person or organisation the
article names with them ("der Sprecher" is the "Stadtsprecher Jan Weber" named before; "das
Unternehmen" is the last company named), quotations without an attribution of their own given to the
speaker of the quotation they continue, and the kind of every speaker. Never across articles: a
spokesman in another article is another company's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Any

from ..extract.speech_words import GROUP_WORDS, MEDIA_NOUNS, MEDIA_WORDS, is_institution, is_role_noun
from ..nlp.word_cache import word_cache

# A quotation without an attribution continues the attributed one before it when at most this many
# characters lie between them (about two short paragraphs; on the ten annotated news pages of the
# development set, quotations further apart were mostly another speaker's or the writer's own).
CONTINUED_MAX_GAP = 400
# A person who speaks at least this share of an article's attributed quotations (and at least twice)
# is the article's protagonist: its unattributed direct quotations are theirs (interviews and portraits
# quote one person paragraph after paragraph).
PROTAGONIST_SHARE = 0.6
PROTAGONIST_MIN_MENTIONS = 3  # ... and, with no attributed quotation, named at least this often
# How far back a role noun or a company noun looks for the name it stands for.
ANTECEDENT_MAX_CHARS = 3000
ORGANISATION_NOUNS = frozenset("unternehmen konzern firma verband ministerium behörde partei verein club klub "
                               "gewerkschaft regierung gericht company firm ministry agency".split())
ARTICLES = frozenset({"der", "die", "das", "dem", "den", "des", "the"})


def resolve_in_documents(quotes: list[dict[str, Any]], entities: list[dict[str, Any]],
                         texts: dict[str, str]) -> None:
    """Fill in the speakers the text names only by a role, a company noun or the quotation before,
    and set every quotation's speaker_kind."""
    mentions: dict[str, list[tuple[int, int, str, str]]] = {}  # doc -> (start, end, entity id, type)
    for e in entities:
        for m in e["mentions"]:
            mentions.setdefault(m["doc"], []).append((m["start"], m["end"], e["id"], e["type"]))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        by_doc.setdefault(q["doc"], []).append(q)
    names = {e["id"]: e["name"] for e in entities}
    full_names = {e for e, name in names.items() if len(name.split()) >= 2}  # once: the same for every document
    for doc, doc_quotes in by_doc.items():
        doc_quotes.sort(key=lambda q: q["start"])
        text = texts.get(doc, "")
        found = _Found(sorted(mentions.get(doc, [])))
        found.full_names = full_names
        protagonist = _protagonist(doc_quotes, found.all)
        for i, q in enumerate(doc_quotes):
            if q.get("speaker") is None and q.get("speaker_text"):
                target = _antecedent(q, text, found, protagonist, doc_quotes[:i])
                if target:
                    q["speaker"] = target
        _continued(doc_quotes, names, _protagonist(doc_quotes, found.all))
    kinds = {e["id"]: _entity_kind(e) for e in entities}
    for q in quotes:
        who = q.get("speaker_text") or ""
        if any(w in who.casefold() for w in MEDIA_NOUNS):
            q["speaker_kind"] = "medium"  # "die Nachrichtenagentur X": X is an organisation that reports
        else:
            q["speaker_kind"] = kinds[q["speaker"]] if q.get("speaker") in kinds else _unlinked_kind(who)


class _Found:
    """A document's entity mentions (start, end, entity id, type) sorted, looked up by position and by
    entity without a scan of all of them per quotation (a long text has thousands of each)."""

    def __init__(self, found: list[tuple[int, int, str, str]]) -> None:
        self.all = found
        self.starts = [m[0] for m in found]
        self.of: dict[str, list[tuple[int, int, str, str]]] = {}
        for m in found:
            self.of.setdefault(m[2], []).append(m)
        self.full_names: set[str] = set()  # the entities a mention names with two words or more

    def before(self, at: int, reach: int) -> list[tuple[int, int, str, str]]:
        """The mentions that end by `at` and start at most `reach` characters before it."""
        return [m for m in self.all[bisect_left(self.starts, at - reach) : bisect_right(self.starts, at)]
                if m[1] <= at]

    def after(self, at: int, n: int) -> list[tuple[int, int, str, str]]:
        """The first `n` mentions that start after `at`."""
        k = bisect_right(self.starts, at)
        return self.all[k : k + n]


AGE_NOUN = re.compile(r"\d{1,3}-(?:jährige[nrm]?|year-olds?)")
ARTICLE_AT = re.compile(r"(?:der|die|das|den|dem|des|the)\s", re.I)


def _antecedent(q: dict[str, Any], text: str, found: _Found, protagonist: str | None,
                previous: list[dict[str, Any]]) -> str | None:
    """The entity a role noun ("der Sprecher", "der Firmenchef") or a company noun ("das Unternehmen")
    stands for: the nearest person named before with that role beside the name ("Stadtsprecher Jan
    Weber", "Jan Weber, Sprecher der Stadt"), or else the person who spoke last before it, or else the
    article's protagonist; the nearest organisation named before."""
    words = q["speaker_text"].split()
    span = q.get("speaker_span")
    # the speaker's words as written may keep the article the tidied text lost: "so die Stuttgarter Sportdirektorin"
    article = span is not None and ARTICLE_AT.match(text, span[0]) is not None
    if len(words) > 4 or (words[0].casefold() not in ARTICLES and not article):
        return None
    head = words[-1].casefold()
    at = q["start"]
    before = found.before(at, ANTECEDENT_MAX_CHARS)
    if head.rstrip("s") in ORGANISATION_NOUNS or head in ORGANISATION_NOUNS:
        # "the rocket of the launch company X exploded, the company said": the statement itself names the
        # company by the same noun (before an agency in the dateline or any other organisation named earlier)
        inside = [m for m in found.after(at, 10) if m[1] <= q["end"] and m[3] == "ORG"]
        same_noun = [m for m in inside if head.rstrip("s") in text[max(0, m[0] - 30) : m[0]].casefold()]
        if same_noun:
            return same_noun[0][2]
        orgs = [m for m in before if m[3] == "ORG"]
        if orgs:
            return orgs[-1][2]
        return inside[0][2] if inside else None
    quoted = [(p["start"], p["end"]) for p in [*previous, q] if p["kind"] in ("direct", "partial")]
    if AGE_NOUN.fullmatch(head):  # "die 71-Jährige", "the 71-year-old": the person named last before
        people = [m for m in before if m[3] == "PER" and not any(a <= m[0] < b for a, b in quoted)]
        return people[-1][2] if people else protagonist
    if len(words) == 2 and is_demonym(words[-1]):
        # "sagte der Nordhafener": the person the text is about so far, the one with a full name named most
        # often before it (the latest of equals; not the opponent named last), else the article's protagonist
        named = [m[2] for m in before if m[3] == "PER" and not any(a <= m[0] < b for a, b in quoted)
                 and m[2] in found.full_names]
        if named:
            times = Counter(named)
            return max(reversed(named), key=times.__getitem__)
        return protagonist
    if not is_role_noun(words[-1]) and head not in ("ceo", "cfo", "coach"):
        return None
    feminine = head.endswith("in") and not head.endswith(("chein",))
    stem = re.sub(r"(in|innen|en|s|n)$", "", head)
    # the role as the text writes it beside a name, in the same gender ("Sprecher" is not "Sprecherin")
    form = re.compile(re.escape(stem) + (r"in" if feminine else r"(?!in)"))
    other = re.compile(re.escape(stem) + (r"(?!in)" if feminine else r"in"))  # the other gender's form
    for start, end, entity, kind in reversed(before + found.after(at, 3)):
        if kind != "PER" or any(a <= start < b for a, b in quoted):
            continue  # a person named inside a quotation is talked about, not the speaker
        if form.search(text[max(0, start - 40) : end + 60].casefold()):
            return entity
    # else whoever spoke last before it, unless the text gives them the role in the other gender
    for p in (p for p in reversed(previous) if p.get("speaker") and p["start"] < at):
        of_speaker = found.of.get(p["speaker"], [])
        if not of_speaker or of_speaker[0][3] != "PER":
            continue
        windows = [text[max(0, m[0] - 40) : m[1] + 60].casefold() for m in of_speaker]
        if not any(other.search(w) for w in windows):
            return str(p["speaker"])
        break
    return protagonist


DEMONYM_STEMS = (("erin", ("", "en", "a")), ("er", ("", "en", "a")))  # "Hamburg-er", "Kaliforni-er": -en, "Amerika-ner"


MIN_PLACE_SIGHTINGS = 100


@word_cache(4096)
def is_demonym(word: str) -> bool:
    """A singular noun for a person from a place the name lists know: "Hamburger" (Hamburg), "Kalifornier"
    (Kalifornien), "Amerikanerin" (Amerika); not a role noun ("der Sprecher")."""
    if not word[:1].isupper() or is_role_noun(word):
        return False
    from ..extract.common_nouns import is_common_noun
    from ..extract.name_tagger import NAME_LISTS, bundled

    lexicon = bundled().features.lexicon
    places = [NAME_LISTS.index(kind) for kind in ("CITY", "COUNTRY")]
    for ending, restores in DEMONYM_STEMS:
        if not word.endswith(ending) or len(word) < len(ending) + 4:
            continue
        stem = word[: -len(ending)]
        for restore in restores:
            if restore == "en" and not stem.endswith("i"):
                continue  # "Kaliforni-er"; but "Fisch-er" is no one from Fischen
            base = stem[:-1] if restore == "a" and stem.endswith("n") else stem
            candidate = base + ("" if restore == "a" else restore)
            found = lexicon.lookup(candidate)
            # a city or country the unlabeled text names often ("Kenn", "Fahr" are villages: "Kenner",
            # "Fahrer" are no demonyms), and no common noun ("Spiel-er")
            if found and found[1] >= MIN_PLACE_SIGHTINGS and any(found[2] >> bit & 1 for bit in places) \
                    and not is_common_noun(candidate):
                return True
        return False
    return False


def _protagonist(doc_quotes: list[dict[str, Any]], found: list[tuple[int, int, str, str]]) -> str | None:
    """The person an article quotes most, if they speak most of its attributed quotations; in an article
    with no attributed quotation, the person it names far more often than anyone else."""
    attributed = Counter(q["speaker"] for q in doc_quotes if q.get("speaker"))
    if attributed.total() >= 2:
        top = max(sorted(attributed), key=attributed.__getitem__)
        return top if attributed[top] >= PROTAGONIST_SHARE * attributed.total() else None
    if attributed:
        return None
    persons = Counter(m[2] for m in found if m[3] == "PER")
    if not persons:
        return None
    top = max(sorted(persons), key=persons.__getitem__)
    return top if persons[top] >= PROTAGONIST_MIN_MENTIONS and \
        persons[top] >= PROTAGONIST_SHARE * persons.total() else None


def _continued(doc_quotes: list[dict[str, Any]], names: dict[str, str], protagonist: str | None) -> None:
    """A quotation without any attribution is the speaker's of the attributed quotation just before it;
    with none near, the protagonist's if the article has one."""
    last: dict[str, Any] | None = None
    for q in doc_quotes:
        if q.get("speaker") or q.get("speaker_text"):
            last = q if q.get("speaker") else last
            continue
        if last is not None and q["start"] - last["end"] <= CONTINUED_MAX_GAP:
            q["speaker"], q["speaker_text"] = last["speaker"], last.get("speaker_text") or names[last["speaker"]]
            last = q  # and the speech goes on from here ("„…“ … „…“. Umso wichtiger sei es, …")
        elif protagonist is not None and q["kind"] in ("direct", "partial"):
            q["speaker"], q["speaker_text"] = protagonist, names[protagonist]


def _entity_kind(e: dict[str, Any]) -> str:
    """person / organisation / medium: an organisation is a medium where its name or a description of
    it says so ("die Nachrichtenagentur X", "Nordbote-Zeitung")."""
    if e["type"] == "PER":
        return "person"
    words = " ".join([e["name"], *e.get("aliases", ()), *e.get("descriptions", ())]).casefold()
    return "medium" if any(w in words for w in MEDIA_WORDS) else "organisation"


def _unlinked_kind(who: str | None) -> str:
    """A speaker no entity stands for: groups ("Experten", "Kritiker", "die Behörden"), or someone the
    text does not name (a role or a pronoun it never resolves)."""
    if not who:
        return "unnamed"
    last = who.split()[-1].casefold()
    if last.endswith(GROUP_WORDS):
        return "group"
    if is_institution(last):
        return "organisation"  # "das Verteidigungsministerium": an institution the text names by its office
    return "unnamed"
