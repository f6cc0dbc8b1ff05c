"""Who said what: direct and partial quotations in all common quotation-mark styles, and reported
speech (Konjunktiv I after a reporting verb, "laut X", "X zufolge"), with the speaker's name as the
text gives it, the cue and any mediating source. Entity ids are filled in by the entity stage.

Attribution looks, in this order, after the closing mark („…“, sagte X), before the opening mark
(X sagte: „…“), and in the rest of the sentence; a pronoun or a bare surname is the most recently
named person it can refer to ("Berg fügte hinzu" after a quote of Tom Berg is Tom Berg, not Anna Berg).
How a speaker is told from other words is in speakers.py; where the rules find nothing, the learned
tagger of speech_tagger.py adds passages."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..meta.extract import DATELINE
from ..nlp.function_words import reads_english
from ..nlp.mood import has_konjunktiv_i, has_listed_konjunktiv_i
from ..nlp.quote_marks import mark_role
from ..nlp.sentences import sentence_spans
from .common_nouns import is_common_noun
from .interviews import INTERVIEW, interview_turns
from .speakers import (
    ADVERBS_AFTER_CUE,
    CLAUSE_BREAK,
    CUE,
    CUE_WORDS,
    SO_AT_END,
    SPEAKER_START,
    WORD,
    Resolver,
    fronted_adverbial,
    name_at,
    name_before,
    nominative_role,
    person_name,
    quoted_by_citation,
    speaker_after_cue,
    subject_of,
)
from .speech_tagger import speech_passages
from .speech_words import (
    ATTRIBUTION_PREFIXES,
    FUNCTION_WORDS,
    MEDIA_NOUNS,
    NOT_REPORT,
    PRONOUN_SPEAKERS,
    SUBJUNCTIVE,
    is_institution,
    is_speaking_noun,
)

QUOTE_STYLES = [  # (opening, closing) pairs, German first: its closing mark opens English quotes
    ("„", "“”"), ("»", "«"), ("«", "»"), ("“", "”"), ('"', '"'), ("‚", "‘"),
]
MAX_QUOTE_CHARS = 1500
# Verbs that describe someone or something in the quoted words: the name right after them is the object
# ("Velden bezeichnete Weber als „verlässlichen Partner“"), the speaker stands before them.
CHARACTERISING = frozenset("bezeichnete bezeichneten bezeichnet bezeichnen nannte nannten nennt nennen".split())
INVERTED_SUBJECT = re.compile(r"\s*((?:(?:der|die|das)\s+)?(?:[A-ZÄÖÜ][\w.&'’-]*\s+){1,3}?)"
                              r"(?:den|die|das|diese[nms]?|seine[nm]?|ihre[nm]?|ihn|sie|es)\s")
NESTING = ("„", "»")  # styles whose nested quotation can use the same marks (their opening mark is unambiguous)
SCARE_QUOTE_MAX_WORDS = 3  # shorter quotes need a reporting verb in their sentence to count as speech
PARTIAL_MAX_WORDS = 8
COLON_CLAUSE_MAX_WORDS = 20  # a clause before a colon that long still names its speaker first
# after a quote: ", sagte X", ", so X", ", so berichtet X", "fügte ... hinzu"
CUE_AFTER = re.compile(r"\s*,?\s*(?:(?P<cue>" + CUE_WORDS + r")\b|(?P<so>so)\s+(?:(?P<socue>" + CUE_WORDS + r")\b)?)"
                       r"\s*(?:hinzu\s*)?")
CUE_BEFORE_COLON = re.compile(r"\b(?P<cue>" + CUE_WORDS + r")\b[^„\"»«“.]{0,80}:\s*$")  # "X sagte dazu: „…“"
# "„…“, so charakterisierte ihn X": after "so" any verb, with an object pronoun, before the subject
SO_VERB_OBJECT = re.compile(r"[a-zäöü]\w+\s+(?:(?:ihn|sie|es|ihm|ihr|ihnen|das|dies)\s+)?")
DASS = re.compile(r"\b(?:dass|daß|that)\b")
# "„…“, ergänzte später X": a lower-case word right after a quotation and its comma, then (adverbs and) who
VERB_AFTER = re.compile(r"\s*,\s*(?P<verb>[a-zäöüß]{3,})\s+(?:" + ADVERBS_AFTER_CUE.pattern + ")?")
NOT_A_VERB = frozenset("""und oder aber denn doch sondern dass daß wenn weil als ob obwohl nachdem bevor während damit
    wie wo was wer welche welcher welches die der das dem den des ein eine einer eines einem einen sein seine ihr ihre
    so nur auch sowie mit von für auf aus bei nach vor zu zum zur um ohne gegen über unter heißt hieß""".split())


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    speaker_text: str | None = None
    cue: str | None = None
    via: list[str] = field(default_factory=list)
    speaker_span: tuple[int, int] | None = None  # where the text names the speaker, when a model linked it
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    frame: str | None = None  # the source frame that makes an indicative sentence a report ("laut X")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quotations including their marks. A quotation may hold a short one in the same marks
    (German text often nests „…“ in „…“); other nested and unbalanced marks are left alone, and a mark
    that can only close (or only open, by the characters around it: nlp.quote_marks) does not start (or
    end) one."""
    taken: list[tuple[int, int]] = []
    for opening, closing in QUOTE_STYLES:
        plain = r"[^" + re.escape(opening + closing) + r"\n]"
        if opening in NESTING:  # „Wir lesen die „Zeitung“ gern“: a short quotation inside, same marks
            plain = "(?:" + plain + "|" + re.escape(opening) + plain + "{1,100}[" + re.escape(closing) + "])"
        pattern = re.compile(re.escape(opening) + plain + "{1," + str(MAX_QUOTE_CHARS) + "}?["
                             + re.escape(closing) + "]")
        at = 0
        while (m := pattern.search(text, at)) is not None:
            a, b = m.span()
            at = b
            if mark_role(text, a) == "close" or mark_role(text, b - 1) == "open":
                at = a + 1  # "«Kanal» erklärt er … «": a closing mark does not open a quotation
                continue
            if any(x <= a < y or x < b <= y for x, y in taken):
                continue
            if opening == "'" or (opening == "‚" and any(x <= a < y for x, y in taken)):
                continue
            taken.append((a, b))
    return sorted(taken)


# Per medium noun: the noun in any case with the name after it capitalised ("Medien plötzlich Thema"
# names no medium), and "<noun> zufolge"; compiled once (formatting them for every quotation was a
# tenth of the rules' time on a page of quotations).
_VIA_PATTERNS = [(re.compile(rf"\b(?i:{noun})\s+([A-ZÄÖÜ][\w-]+(?:\s[A-ZÄÖÜ][\w-]+)?)"),
                  re.compile(rf"(?:\b\w+\s+){{0,2}}{noun}\s+zufolge"), noun) for noun in MEDIA_NOUNS]
_VIA_LAUT = re.compile(r"\blaut\s+([A-ZÄÖÜ][\w-]+)")


def _via(context: str) -> list[str]:
    out = []
    low, folded = context.lower(), context.casefold()
    for named, zufolge, noun in _VIA_PATTERNS:
        if noun not in low and noun not in folded:  # neither pattern can match without the noun
            continue
        for m in named.finditer(context):
            if m.group(1) not in out:
                out.append(m.group(1))
        for m in zufolge.finditer(low):
            phrase = context[m.start() : m.end()].strip()
            if phrase not in out:
                out.append(phrase)
    for m in _VIA_LAUT.finditer(context):
        if m.group(1) not in out and m.group(1).lower() not in FUNCTION_WORDS:
            out.append(m.group(1))
    return out


def _sentence_of(spans: list[tuple[int, int]], a: int, b: int) -> tuple[int, int]:
    first = next((s for s in spans if s[0] <= a < s[1] or s[0] >= a), (a, b))
    last = next((s for s in reversed(spans) if s[0] < b), (a, b))
    return min(first[0], a), max(last[1], b)


@lru_cache(maxsize=2)
def _analysed(text: str) -> tuple[Resolver, list[tuple[int, int]]]:
    """The speaker resolver and sentences of a text, made once for both of the passes below."""
    return Resolver(text), sentence_spans(text)


@lru_cache(maxsize=2)
def _tagged(text: str) -> list[tuple[int, int, str]]:
    """The tagger's speech passages, in the sentences where one can be kept: those with a reporting
    verb or a speaker the rules can name (the tagger is the slow part of the stage)."""
    sents = _analysed(text)[1]
    wanted = [bool(CUE.search(text, s0, s1) or SPEAKER_START.match(text, s0) or SO_AT_END.search(text, s0, s1))
              for s0, s1 in sents]
    return speech_passages(text, sents, wanted)


# a quotation joined by a hyphen to the word after it is the first part of a compound ("»Nordbote«-Chefredakteur")
COMPOUND_AFTER = re.compile(r"-[A-ZÄÖÜa-zäöü]")
# A short quotation after one of these words is a title or a name, not words someone said ("das Buch
# „Nordwind“", "der Youtube-Kanal «Nordgeld»", "ein Flugzeug vom Typ „Nordfalke 3“").
TITLE_WORDS = ("buch", "titel", "film", "serie", "sendung", "show", "magazin", "zeitung", "blatt", "kanal", "blog",
               "sender", "app", "programm", "projekt", "operation", "schiff", "name", "namen", "motto", "slogan",
               "album", "lied", "song", "roman", "stück", "podcast", "portal", "plattform", "initiative", "kampagne",
               "typ", "typs", "marke", "bewegung", "partei", "ausstellung", "preis", "lautet", "heißt", "glosse",
               "essay", "artikel", "kolumne", "aufsatz", "gedicht", "studie")
# "… werden als", "… gilt als" right before a quotation: a passive naming without an agent ("von X") or a
# reputation, the quotation is what something is called
PASSIVE_NAMING = re.compile(r"\b(?:wird|werden|wurde|wurden|gilt|gelten|galt|galten)\b(?:(?!\bvon\b|\bvom\b)[^,;:.!?])*"
                            r"\bals\s*$")
def _naming_als(plain: str, cue_at: int) -> int:
    """Where the "als" before a naming verb ends ("werden als „…“ bezeichnet"), or the verb's position."""
    als = plain.rfind(" als ", 0, cue_at)
    return als + len(" als") if als >= 0 else cue_at


# The first word of a title of a law, an agreement or a plan ("Gesetz zur Stärkung …", "Abkommen über …")
DOCUMENT_HEADS = ("verordnung", "gesetz", "richtlinie", "abkommen", "vertrag", "vereinbarung", "konvention",
                  "übereinkommen", "charta", "satzung", "strategie", "aktionsplan", "programm", "leitfaden")
DOCUMENT_LINKS = frozenset("über zur zum zu für gegen des der zwischen von vom".split())
# Words that join the capitalised words of a name ("Institute for Contemporary Art", "Partij voor de Vrijheid").
# Joining words of other languages: with one, capitalised words are a foreign name or title.
FOREIGN_JOINERS = frozenset("for of the and de du des la le les et pour voor del della di da".split())
NAME_JOINERS = FOREIGN_JOINERS | frozenset("un une van von und für der die das am an im in".split())
NAME_MAX_WORDS = 8


NAME_WORD = re.compile(r"\w+(?:['’]\w+)*")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|de|at|ch|uk|eu|info|fr|it)(?:/\S*)?",
                         re.I)
CONTRACTED_ARTICLES = frozenset({"beim", "im", "am", "vom", "zum", "zur", "ins"})
CUE_THEN_ARTICLE = re.compile(r"\b(?:" + CUE_WORDS + r")\s+(?:der|die|das)\s*$")  # "berichtete die „X“"


def names_something(inner: str, before: str) -> bool:
    """Words in quotation marks that name something rather than report what someone said: a short quotation
    after a title word, or a few words that are all capitalised (but for joining words) without the end of
    a sentence and none a German common noun - a name ("Financial Times", "People's Alliance for Democracy",
    "Channel 10"; not „Ausrüstung und Munition“)."""
    words = NAME_WORD.findall(inner)  # "People's" is one word
    last_before = before.split()[-1:] if before.strip() else []
    if words and len(words) <= SCARE_QUOTE_MAX_WORDS and last_before \
            and last_before[0].casefold().strip(",:(").endswith(TITLE_WORDS):
        return True
    if WEB_ADDRESS.fullmatch(inner.strip()):
        return True  # „news.bbc.co.uk“: a website
    if last_before and last_before[0] == "dem" and len(words) <= SCARE_QUOTE_MAX_WORDS \
            and inner.rstrip()[-1:] not in ".!?…":
        return True  # "sagte X dem »Nordboten«": whom it was said to
    if inner[:1].isupper() or inner[:1].isdigit():
        # "beim „2. Kongress der X“", "berichtete die „Nordpress“": a title where a noun phrase stands
        if last_before and last_before[0] in CONTRACTED_ARTICLES and inner.rstrip()[-1:] not in ".!?…":
            return True
        if len(words) <= SCARE_QUOTE_MAX_WORDS and CUE_THEN_ARTICLE.search(before):
            return True
    if PASSIVE_NAMING.search(before[-80:]):
        return True  # "Solche Verträge werden als „Sonderverträge“ bezeichnet": a name for something, no one's words
    if len(words) >= 3 and words[0][:1].isupper() and words[0].casefold().endswith(DOCUMENT_HEADS) \
            and words[1].casefold() in DOCUMENT_LINKS and inner.rstrip()[-1:] not in ".!?…":
        return True  # the title of a law or an agreement: „Verordnung über die Versorgung mit Wasser“
    content = [w for w in words if w.casefold() not in NAME_JOINERS]
    # a joining word of another language makes it a foreign name or title even where a word looks like a
    # German noun ("Festival for Northern Music", "Coupe du Monde")
    foreign = any(w.casefold() in FOREIGN_JOINERS for w in words)
    return 2 <= len(words) <= NAME_MAX_WORDS and len(content) >= 2 and inner.rstrip()[-1:] not in ".!?…" \
        and all(w[:1].isupper() or w[:1].isdigit() for w in content) \
        and (foreign or not any(map(is_common_noun, content)))


def _group_after(words: str) -> str | None:
    """"Zuvor mahnten mehrere Hafenärzte, dass …": the words between an inverted reporting verb
    and its clause, where they end in a group, a role or an institution that speaks."""
    phrase = words.strip()
    last = phrase.split()[-1] if phrase else ""
    if not last or len(phrase.split()) > 6 or not last[:1].isupper():
        return None
    return phrase if is_speaking_noun(last) else None


def _names_a_speaker(who: str, known: set[str]) -> bool:
    return who.lower() in PRONOUN_SPEAKERS or person_name(who, known) is not None or \
        any(is_speaking_noun(w) for w in who.split())


def _said_alone(before: str, inner: str) -> bool:
    """A short quotation that is a sentence of its own ("„Wer ist da?“", "mit den Worten: „Bitte klopfen!“"):
    speech, where a title or a scare quote stands inside a sentence of the writer's."""
    return inner.rstrip()[-1:] in ".!?…" and (not before.strip() or before.rstrip().endswith(":"))


Passages = list[tuple[int, int, str]]  # (start, end, "direct" | "indirect") from a learned tagger


def direct_quotations(text: str, passages: Passages | None = None) -> list[Quote]:
    """Direct and partial quotations with their speaker as the text names them."""
    resolver, sents = _analysed(text)
    out: list[Quote] = []
    prev_end, prev_speaker = -1, None
    spans = find_quote_spans(text)
    for a, b in spans:
        inner = text[a + 1 : b - 1]
        n_words = len(WORD.findall(inner))
        s0, s1 = _sentence_of(sents, a, b)
        after, before = text[b : min(s1 + 200, len(text))], text[s0:a]
        who = cue = None
        m_after = CUE_AFTER.match(after)
        if m_after:
            cue = m_after.group("cue") or m_after.group("socue") or "so"
            who = speaker_after_cue(after[m_after.end() :], resolver.known)
            if who is None and cue == "so" and (verb := SO_VERB_OBJECT.match(after, m_after.end())):
                who = speaker_after_cue(after[verb.end() :], resolver.known)  # "so charakterisierte ihn X"
        elif (m_verb := VERB_AFTER.match(after)) and m_verb.group("verb") not in NOT_A_VERB:
            # „…“, ergänzte später X / „…“, meint der Präsident: any verb in that place attributes the quotation
            who = speaker_after_cue(after[m_verb.end() :], resolver.known)
            if who and not _names_a_speaker(who, resolver.known):
                who = None  # „Zum Anker“, daneben ein Zettel: a person, a role or a pronoun must follow such a verb
            named = INVERTED_SUBJECT.match(after[m_verb.end() :])  # "„…“, kommentiert X den Fahrplan"
            if named and not who and not is_common_noun(named.group(1).split()[-1]):
                who = named.group(1).strip()
            cue = m_verb.group("verb") if who else None
        if who is None:
            m_before = CUE_BEFORE_COLON.search(before)
            # the last reporting verb before the colon ("Als er gefragt wurde, was …, entgegnete X: „…“": X)
            while m_before and (later := CUE_BEFORE_COLON.search(before, m_before.end("cue"))):
                m_before = later
            if m_before:
                cue = m_before.group("cue")
                cited = quoted_by_citation(cue, before[: m_before.start()], before[m_before.end("cue") :],
                                           resolver.known)
                # the subject after the verb ("entgegnete Weber empört:"), else the one before it ("X sagte dazu:")
                who = cited or name_at(before[m_before.end("cue") :], resolver.known, allow_role=False) \
                    or name_before(before[: m_before.start()], resolver.known)
        if who is None:  # the cue elsewhere in the sentence: "werde „sehr intensiv“ sein, sagte X"
            rest = text[b:s1]
            m_rest = CUE.search(rest)
            if m_rest:
                cue = m_rest.group(1)
                who = name_at(rest[m_rest.end() :], resolver.known) or \
                    name_before(rest[: m_rest.start()], resolver.known)
                if who is None and (subject := ENGLISH_SUBJECT_AFTER_QUOTE.match(rest, 0, m_rest.start())):
                    who = subject.group(1)  # "“…,” the spokesman said", "the 71-year-old said"
            else:
                m_pre = list(CUE.finditer(before))[-1] if CUE.search(before) else None
                if m_pre:
                    cue = m_pre.group(1)
                    after_cue, before_cue = before[m_pre.end() :], before[: m_pre.start()]
                    if cue.lower() in CHARACTERISING:  # "X nannte Y „…“": Y is whom X describes
                        # "Dazu bezeichnet X den Fahrplan als „…“": a name between "bezeichnen" and its object is
                        # the subject ("nennen" takes two objects: "nannte Weber einen „Lügner“")
                        inverted = INVERTED_SUBJECT.match(after_cue) if cue.lower().startswith("bezeichne") else None
                        who = inverted.group(1) if inverted else \
                            name_before(before_cue, resolver.known) or nominative_role(after_cue)
                    else:
                        who = name_at(after_cue, resolver.known, allow_role=False) or \
                            nominative_role(after_cue) or name_before(before_cue, resolver.known)
                        # "Die Veranstalter verkündeten die „…“", "So warnten Vertreter der Verbände vor „…“":
                        # the subject the reported speech's own rules find (a group, a noun phrase); not after a
                        # comma, where the clause the quotation stands in has a subject of its own ("erklärte,
                        # die beiden Staaten hätten „…“")
                        if who is None and "," not in after_cue:
                            who = subject_of(before, m_pre, resolver.known)
        if who is None and cue is None:  # "Aus Sicht des Experten X ... „…“", "Laut X ... „…“"
            m_attr = ATTRIBUTION.search(text, s0, a) or ATTRIBUTION.search(text, b, s1)
            if m_attr:
                who = _attributed(m_attr, resolver.known)
                cue = " ".join(m_attr.group(1).lower().split()) if who else None
        if who is None and cue is None and before.rstrip().endswith(":"):
            # "Berg weiß: „…“", "Velden, die das Amt seit 2019 führt, stellt klar: „…“": whoever opens
            # the clause before the colon speaks, whatever the verb
            clause = before.rstrip()[:-1]
            if len(WORD.findall(clause)) <= COLON_CLAUSE_MAX_WORDS:
                who = name_at(clause.lstrip(), resolver.known, allow_role=False)
        if names_something(inner, before) or COMPOUND_AFTER.match(text, b):
            continue  # „Financial Times“, die Bewegung „Partei der Mitte“, »Zeit«-Chefredakteur: a name or a title
        if who is None and cue is None:
            if n_words <= SCARE_QUOTE_MAX_WORDS and not _said_alone(before, inner):
                continue  # a scare quote or a title, not speech
            if prev_speaker and a - prev_end <= 3 + len(text[prev_end:a].strip()) and a - prev_end < 120:
                who = prev_speaker  # the quote goes on after an interruption
        speaker = resolver.resolve(who, a)
        embedded = len(WORD.findall(CUE.sub("", before))) > 3
        whole_sentence = before.rstrip().endswith(":") or inner.rstrip()[-1:] in ".!?"
        kind = "partial" if n_words <= PARTIAL_MAX_WORDS and embedded and not whole_sentence else "direct"
        q = Quote(a, b, text[a:b], kind, speaker, cue, _via(text[s0:s1].replace(text[a:b], " ")))
        out.append(q)
        if speaker:
            prev_speaker = speaker
        prev_end = b
    out += _unmarked_quotations(text, sents, resolver, out) + _leading_quotation(text, resolver, out)
    out += _unopened_quotations(text, resolver, out)
    out += _trailing_quotation(text, sents, resolver, out)
    unclosed = _unclosed_quotations(text, sents, resolver, spans, out)
    out = [q for q in out if not any(u.start < q.start and q.end <= u.end for u in unclosed)] + unclosed
    out += _tagged_quotations(text, sents, resolver, out, passages)
    return _with_interview_turns(text, resolver, sorted(_continued(text, sents, out), key=lambda q: q.start))




def _with_interview_turns(text: str, resolver: Resolver, quotes: list[Quote]) -> list[Quote]:
    """An interview's turns are direct speech of the label that opens them („SZ: …“, „Velden: …“); they
    replace the unmarked speech the other rules found in their paragraphs. Quotations in marks inside a
    turn stay: the speaker quoting someone else."""
    turns = interview_turns(text)
    if not turns:
        return quotes
    kept = [q for q in quotes if text[q.start] in MARKS or
            not any(q.start < t.end and t.label_start < q.end for t in turns)]
    added = [Quote(t.start, t.end, text[t.start : t.end], "direct", resolver.resolve(t.speaker, t.start), INTERVIEW)
             for t in turns]
    return sorted(kept + added, key=lambda q: q.start)


SPACE = re.compile(r"\s*")
MARKS = frozenset("„“”»«\"‚‘’'")
# Unmarked direct speech goes on into the next sentence when the tagger labels at least this share of
# its characters direct speech (on the tuning quarter of the Redewiedergabe newspaper samples any share
# from 0.3 to 0.7 gave the same F1: the tagger labels such sentences all or nothing).
CONTINUED_MIN = 0.5
CONTINUED_MAX_SENTENCES = 12


def _continued(text: str, sents: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
    """Direct speech without quotation marks that runs to the end of its sentence ("Er sagte: Meine Damen
    und Herren! ...") goes on over the next sentences of its paragraph while the tagger hears direct speech
    in them; a quotation mark, a reporting verb or a line break ends it."""
    unmarked = [q for q in quotes if q.kind == "direct" and text[q.start] not in MARKS and text[q.end - 1] not in MARKS]
    if not unmarked:
        return quotes
    index = {s1: k for k, (_, s1) in enumerate(sents)}
    follow: dict[int, Quote] = {}
    for q in unmarked:
        s1 = _sentence_of(sents, q.start, q.end)[1]
        if s1 <= q.end + 2 and s1 in index:  # the speech runs to the end of its sentence
            follow[index[s1]] = q
    wanted = [False] * len(sents)
    for k in follow:
        for j in range(k + 1, min(k + 1 + CONTINUED_MAX_SENTENCES, len(sents))):
            wanted[j] = True
    direct: dict[int, int] = {}
    for a, b, kind in speech_passages(text, sents, wanted):
        if kind == "direct":
            k = _sentence_index(sents, a)
            direct[k] = direct.get(k, 0) + b - a
    taken = [(q.start, q.end) for q in quotes]
    out = list(quotes)
    for k, q in follow.items():
        end = q.end
        for j in range(k + 1, min(k + 1 + CONTINUED_MAX_SENTENCES, len(sents))):
            s0, s1 = sents[j]
            if "\n" in text[end:s0] or any(ch in MARKS for ch in text[s0:s1]) or CUE.search(text, s0, s1) or \
                    any(a < s1 and s0 < b for a, b in taken) or direct.get(j, 0) < CONTINUED_MIN * (s1 - s0):
                break
            end = s1
        if end > q.end:
            out[out.index(q)] = Quote(q.start, end, text[q.start:end], q.kind, q.speaker_text, q.cue, q.via)
    return out


def _sentence_index(sents: list[tuple[int, int]], at: int) -> int:
    """The index of the sentence that holds the character at `at` (sentences are sorted)."""
    return bisect_right(sents, (at, float("inf"))) - 1


FIRST_MARK = re.compile(r"[„“”»«\"]")


def _trailing_quotation(text: str, sents: list[tuple[int, int]], resolver: Resolver, found: list[Quote]
                        ) -> list[Quote]:
    """A text that ends inside a quotation (cut off by a paywall, an excerpt): the words from an opening
    „ or » that is never closed to the end of the text, when it continues an interrupted quote or a
    reporting verb and colon stand before it."""
    end = len(text.rstrip())
    for opening, closing in (("„", "“”"), ("»", "«")):
        a = text.rfind(opening, max(0, end - MAX_QUOTE_CHARS))
        if a < 0 or any(c in text[a:end] for c in closing) or any(q.start <= a < q.end for q in found):
            continue
        if len(WORD.findall(text[a:end])) < 4:
            return []
        earlier = [q for q in found if q.end <= a]
        who: str | None
        cue: str | None
        if earlier and a - earlier[-1].end < 120 and earlier[-1].speaker_text:
            who, cue = earlier[-1].speaker_text, earlier[-1].cue  # „…“, sagte X, „…
        else:
            s0 = _sentence_of(sents, a, a + 1)[0]
            m = CUE_BEFORE_COLON.search(text[s0:a])
            who = cue = None
            if m:
                cue = m.group("cue")
                who = name_at(text[s0 + m.end() : a], resolver.known, allow_role=False) or \
                    name_before(text[s0 : s0 + m.start()], resolver.known)
        if cue is None:
            return []  # an unclosed mark with no one said to speak: a title, a table, a typo
        return [Quote(a, end, text[a:end], "direct", resolver.resolve(who, a), cue, [])]
    return []


def _unclosed_quotations(text: str, sents: list[tuple[int, int]], resolver: Resolver,
                         spans: list[tuple[int, int]], found: list[Quote]) -> list[Quote]:
    """A quotation whose closing mark is missing after a reporting verb and a colon ("Das Blatt meldet:
    „Kaum hatte ... begonnen.") or after the cue of an interrupted quote („…“, sagte X, „…): the words to
    the end of the sentence, or of the paragraph when the next one opens the quotation again (the
    typesetting of a quotation over several paragraphs). Without a cue an unclosed mark is left alone.
    `spans` are the text's closed quotations (find_quote_spans)."""
    out: list[Quote] = []
    for m in re.finditer("[„»]", text):
        a = m.start()
        if any(x <= a < y for x, y in spans) or any(q.start <= a < q.end for q in found + out):
            continue
        s0, s1 = _sentence_of(sents, a, a + 1)
        for x, y in spans:  # a quotation inside runs to its closing mark
            if a < x < s1 < y:
                s1 = _sentence_of(sents, y - 1, y)[1]
        line_end = text.find("\n", a)
        line_end = len(text) if line_end < 0 else line_end
        space = SPACE.match(text, line_end)
        next_start = space.end() if space else line_end
        if text[next_start : next_start + 1] == m.group(0):  # the next paragraph opens the same quotation again
            s1 = line_end
        s1 = min(s1, line_end)
        if len(WORD.findall(text[a:s1])) < 4:
            continue
        earlier = [q for q in found if q.end <= a and q.speaker_text and a - q.end < 120]
        cue = CUE_BEFORE_COLON.search(text[s0:a])
        if cue:
            who = name_at(text[s0 + cue.end() : a], resolver.known, allow_role=False) or \
                name_before(text[s0 : s0 + cue.start()], resolver.known)
            out.append(Quote(a, s1, text[a:s1], "direct", resolver.resolve(who, a), cue.group("cue"), []))
        elif earlier and CUE.search(text, earlier[-1].end, a):  # „…“, sagte X, „… (never closed)
            out.append(Quote(a, s1, text[a:s1], "direct", earlier[-1].speaker_text, earlier[-1].cue, []))
    return out


def _leading_quotation(text: str, resolver: Resolver, found: list[Quote]) -> list[Quote]:
    """A text that starts inside a quotation (an excerpt, a cut teaser): the words up to a closing “ or ”
    that comes before any opening mark, with the cue after it. A closing mark elsewhere without an
    opening one is left alone rather than guessed at."""
    m = FIRST_MARK.search(text, 0, MAX_QUOTE_CHARS)
    if m is None or m.group(0) not in "“”" or any(q.start <= m.start() < q.end for q in found):
        return []
    a = len(text) - len(text.lstrip())
    b = m.end()
    if len(WORD.findall(text[a:b])) < 4:
        return []
    after = CUE_AFTER.match(text, b)
    if after is None and text[a : b - 1].rstrip()[-1:] not in ".!?…" and text[b : b + 1] not in ".!?":
        return []  # neither said by someone nor a sentence of its own: a stray mark
    who = speaker_after_cue(text[after.end() : after.end() + 80], resolver.known) if after else None
    cue = (after.group("cue") or after.group("socue")) if after else None
    return [Quote(a, b, text[a:b], "direct", resolver.resolve(who, b), cue, [])]


def _unopened_quotations(text: str, resolver: Resolver, found: list[Quote]) -> list[Quote]:
    """A paragraph that opens inside a quotation whose opening mark the page lost ("Für Mittwoch ist ein
    Empfang geplant. Danach … austauschen“, berichtete die Agentur Nordpress."): the paragraph's words up to
    a closing “ or ” before any other mark of the paragraph, where a reporting verb and a speaker follow it
    (without them a stray mark is left alone)."""
    out: list[Quote] = []
    for m in re.finditer("[“”]", text):
        b = m.end()
        # the paragraph's start, looked for no further back than a quotation can be long (linear on any input)
        a = text.rfind("\n", max(0, m.start() - MAX_QUOTE_CHARS), m.start()) + 1
        if a == 0:
            continue  # the text's start is _leading_quotation's part, a longer paragraph no quotation
        if FIRST_MARK.search(text, a, m.start()) or mark_role(text, m.start()) == "open":
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip())
        if not 4 <= len(WORD.findall(text[a:b])) <= 250 or any(q.start < b and a < q.end for q in found):
            continue
        after = CUE_AFTER.match(text, b)
        who = speaker_after_cue(text[after.end() : after.end() + 80], resolver.known) if after else None
        if after and who:
            out.append(Quote(a, b, text[a:b], "direct", resolver.resolve(who, b),
                             after.group("cue") or after.group("socue"), []))
    return out


def _tagged_quotations(text: str, sents: list[tuple[int, int]], resolver: Resolver, found: list[Quote],
                       passages: Passages | None = None) -> list[Quote]:
    """Direct speech without quotation marks that the tagger finds (interviews, texts whose marks were
    lost), kept where its sentence has a reporting verb and no quotation: "Wir bleiben hier, sagt Weber."."""
    out: list[Quote] = []
    for a, b, kind in _tagged(text) if passages is None else passages:
        words = [w.lower() for w in WORD.findall(text[a:b])]
        if kind != "direct" or len(words) < 4 or CUE.match(text, a) or any(w in SUBJUNCTIVE for w in words):
            continue  # too short, the attribution itself, or in the mood of reported speech
        s0, s1 = _sentence_of(sents, a, b)
        cue = CUE.search(text, s0, s1)
        if cue is None or any(s0 <= q.start < s1 or (q.start < b and a < q.end) for q in found):
            continue  # (a quotation of several sentences in marks is one, however the tagger splits it)
        if a < cue.start() < b and text[a : cue.start()].rstrip().endswith(",") and "," not in text[cue.end() : b]:
            b = a + text[a : cue.start()].rstrip().rfind(",")  # the speech ends where a closing ", sagte X." begins
        who = subject_of(text[s0:s1], CUE.search(text[s0:s1]), resolver.known)
        out.append(Quote(a, b, text[a:b], "direct", resolver.resolve(who, a), cue.group(1), []))
    return out


# "laut X", "nach Ansicht von X", "aus Sicht des Experten X": the attribution phrase (group 1) and the
# words after it, where the source is named, with an article (group 2) and without (group 3)
ATTRIBUTION = re.compile(r"\b(" + "|".join(p.replace(" ", r"\s+") for p in ATTRIBUTION_PREFIXES)
                         + r")\s+((?:(?:von|des|der|dem|den)\s+)?(.{0,80}))", re.I)


INSTITUTION_AT = re.compile(r"(?:des|der|dem|den|vom|von\s+der|von\s+dem)\s+(?:[a-zäöü][\w-]*\s+){0,2}"
                            r"(?P<noun>[A-ZÄÖÜ][\w-]+)")


def _attributed(m: re.Match[str], known: set[str]) -> str | None:
    """The source an ATTRIBUTION match names: a person ("des Experten Jan Weber" -> "Jan Weber"), else
    a role with its article ("laut dem Ministeriumssprecher"), else an institution ("nach Angaben des
    Vereinigungsministeriums in Nordhafen": the ministry, which the article may have named before)."""
    found = name_at(m.group(3), known, allow_role=False) or name_at(m.group(2), known)
    if found is None:
        inst = INSTITUTION_AT.match(m.group(2).strip())
        noun = inst.group("noun") if inst else ""
        if inst and any(is_institution(n) for n in (noun, noun.removesuffix("s"), noun.removesuffix("es"))):
            return inst.group(0)
    return found


# Nouns of a source frame ("nach Angaben der Polizei", "nach Informationen des Senders"): a sentence framed
# by one reports what the source says, in the indicative too. In the news quotation corpus's train split the
# sentences with "nach ... Angaben", "laut", "zufolge" or "wie X mitteilte" are a reported statement 96-100 %
# of the time (108/111, 136/142, 49/49, 27/27).
FRAME_NOUNS = ("angaben", "ansicht", "auffassung", "einschätzung", "aussage", "aussagen", "darstellung",
               "informationen", "berichten", "schätzungen", "erkenntnissen", "meinung", "worten")
# A frame noun may end a compound that names the source ("nach Polizeiangaben", "nach US-Erkenntnissen"; in
# the news corpus's train split 18 of 20 such sentences are a reported statement); "worten" is left out of
# compounds ("nach Antworten suchen").
FRAME = re.compile(r"\b(?:(?:laut|gemäß)\s+(?=\S)|(?:nach|aus)\s+(?:[a-zäöü][\w-]*\s+){0,2}(?:"
                   r"(?P<compound>(?-i:[A-ZÄÖÜ])\w*?)-?(?:" + "|".join(n for n in FRAME_NOUNS if n != "worten")
                   + r")|" + "|".join(FRAME_NOUNS) + r")\b\s*)", re.I)
# "Wie die Polizei mitteilte, ..." / "..., wie die Polizei mitteilte." ("wie die Satzung heißt" names, says nothing)
WIE_FRAME = re.compile(r"(?:^|,\s*)[Ww]ie\s+(?P<who>[^,;:]{2,80}?)\s+(?!heißt|hieß)(?P<cue>" + CUE_WORDS
                       + r"|mitteilte|mitteilten|verlautete|bekanntgab|meldete|meldeten|berichtet)\b[^,;:]{0,20}?"
                       + r"(?:,|\s*[.!]?\s*$)")
ZUFOLGE = re.compile(r"(\w[\w\s-]{0,40})\s+zufolge\b")
NP_WORDS = frozenset("der die das des dem den ein eine einer eines einem einen von vom und in im aus am zu zur "
                     "zum für bei of".split())


NOUN_PHRASE = re.compile(r"(?:der|die|das|ein|eine)\s+(?:[a-zäöü][\w-]*\s+){0,3}[A-ZÄÖÜ][\w-]+")
# "Das bestätigte ein Sprecher der Stadt." / "Dies gab die Reederei bekannt.": the sentence before is what was
# said (in the news corpus's train split, 21 of 21 such sentences after a cue verb follow a reported statement)
ANAPHORIC = re.compile(r"\s*(?:Das|Dies|Dieses)\s+(?P<cue>" + CUE_WORDS
                       + r"|meldete|meldeten|verkündete|verkündeten|bekräftigte)\s+(?P<who>[^.,;:!?]{2,80})")


# A source frame that names no source but the one just reported ("den Angaben zufolge", "diesen Berichten zufolge")
BACK_REFERENCE = re.compile(r"\b(?:den|diesen|dessen|deren|seinen|ihren)\s+(?:[a-zäöü]\w*\s+)?(?:Angaben|Informationen|"
                            r"Berichten|Aussagen|Worten)\s+zufolge\b")


# "…, so Jan Weber, …" / "…, so die Ministerin.": in the news corpus's train split every sentence with such a
# parenthesis (34 of 34) is a reported statement, in the indicative too ("Sein Rivale, so Weber weiter, würde …")
# ("so dass", "so heißt es" are no source: the source starts with a capital, an article or a pronoun; after a
# closing quotation mark it attributes the quotation, the direct rules' part)
SO_FRAME = re.compile(r"(?<![“”\"»«]),\s*so\s+(?P<who>(?:[A-ZÄÖÜ]|(?:der|die|das|ein|eine|er|sie|sein|seine|ihr"
                      r"|ihre)\s)[^,;.!?„“\"]{1,60}?)\s*(?P<end>,|[.!]?\s*$)")
# the words of a source without an article after a frame: adjectives, then the noun ("russischen Staatsmedien")
SOURCE_PHRASE = re.compile(r"\s*(?:[a-zäöü][\w-]*(?:en|er|e|es|em)\s+){0,2}(?:[A-ZÄÖÜ][\w-]*)?")


def _source_words(plain: str, at: int) -> str:
    m = SOURCE_PHRASE.match(plain, at)
    return m.group(0) if m else ""


NEXT_WORD = re.compile(r"\s*(\S+)")
CLAUSE_OPENER = re.compile(r"\s*(?:die|der|das|den|dem|deren|dessen|welche[rsnm]?|ein\w*)\b", re.I)


def _frame_end(plain: str, at: int) -> int:
    """Where the noun phrase of a source frame at the start of a sentence ends: at the finite verb, the
    first lower-case word after one of its nouns ("Nach Angaben der Polizei | wurden ..."), past commas
    around a relative clause or an apposition ("nach Angaben von X, einem Manager der Firma, | wurde")."""
    seen_noun = False
    k = at
    while k < len(plain):
        m = NEXT_WORD.match(plain, k)
        if m is None:
            break
        word = m.group(1).strip(",")
        if m.group(1).startswith(","):
            return k
        if word[:1].isupper() or word[:1].isdigit() or word.startswith("("):
            seen_noun = True
        elif word.lower() not in NP_WORDS and seen_noun:
            return m.start(1)
        k = m.end()
        if m.group(1).endswith(","):  # a relative clause or an apposition runs to the next comma
            nxt = CLAUSE_OPENER.match(plain, k)
            close = plain.find(",", k)
            if nxt is None or close < 0:
                return m.end()
            k = close + 1
    return len(plain)


ADJECTIVE_FORM = re.compile(r"[a-zäöü]+(?:en|er|e|es|em)")


FRAME_WORD = re.compile(r"(?:laut|gemäß|nach|aus)\s+", re.I)
GENITIVE_SOURCE = re.compile(r"\s+(?P<np>(?:des|der|von|vom)\s+(?:[a-zäöü][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]*"
                             r"(?:\s+[A-ZÄÖÜ][\w-]*){0,3})")
RELATIVE_PRONOUNS = frozenset("der die das dem den deren dessen denen welcher welche welches".split())
REFERRING = frozenset("den dem diesen diesem dessen deren seinen ihren".split())  # the source named before


def _unnamed_source(plain: str, start: int, end: int) -> tuple[str, tuple[int, int], bool] | None:
    """The words of a source frame that names no one, where they are, and whether they are the frame's own
    words: "laut vorläufigem Ergebnis", "nach ersten Einschätzungen". Such a statement's source is what the
    frame says, not the nearest person (as the news quotation corpus marks it); a genitive after the frame
    noun names a source after all ("nach Informationen der Zeitung Nordbote")."""
    m = FRAME_WORD.match(plain, start)
    comma = plain.rfind(",", 0, start)
    clause = plain[comma + 1 : start].split() if comma >= 0 else []
    if m is None or (clause and clause[0].lower() in RELATIVE_PRONOUNS):
        return None  # "Die Polizei, die laut Gesetz den Hafen überwacht, …": the frame is the relative clause's
    a = m.end()
    phrase = plain[a:end].strip()
    if not phrase or not phrase.split()[-1][:1].isupper():  # "laut" alone: the words after it
        phrase = _source_words(plain, a).strip()
    words = phrase.split()
    if not words or not words[-1][:1].isupper() or words[0].lower() in REFERRING:
        return None
    # "nach Informationen der Zeitung Nordbote": the genitive names the source after all
    named = GENITIVE_SOURCE.match(plain, a + len(phrase))
    if named:
        return named.group("np"), named.span("np"), False
    return phrase, (a, a + len(phrase)), True


def _opens_with_frame(before: str) -> bool:
    """Whether the words before "zufolge" are the sentence's opening source phrase ("Den Angaben", "Einem
    Bericht der Zeitung Nordbote") rather than a clause with its verb ("Ein Vorstand trat den Angaben")."""
    words = WORD.findall(before)
    return len(words) <= 6 and all(w[:1].isupper() or w.lower() in NP_WORDS or ADJECTIVE_FORM.fullmatch(w)
                                   for w in words)



MAX_APPOSED_NAME_WORDS = 4  # "…, so der Sprecher der X, Jan Weber."


def _so_source(plain: str, known: set[str]) -> tuple[re.Match[str], str, bool] | None:
    """"…, so Jan Weber weiter, …" / "…, so der Sprecher der X, Jan Weber.": the match, who speaks, and
    whether it ends the statement (only a name in apposition may follow it)."""
    so = SO_FRAME.search(plain)
    if so is None:
        return None
    words = so.group("who").split()
    while len(words) > 1 and not words[-1][:1].isupper():
        words.pop()  # "Jan Weber weiter" -> "Jan Weber"
    phrase = " ".join(words)
    if not _names_a_speaker(phrase, known):
        return None
    rest = WORD.findall(plain, so.end())
    at_end = so.group("end") != "," or (len(rest) <= MAX_APPOSED_NAME_WORDS and all(w[:1].isupper() for w in rest))
    return so, name_at(phrase, known) or phrase, at_end


def _framed_statement(plain: str, known: set[str], unnamed_sources: bool = True
                       ) -> tuple[int, int, str | None, str, tuple[int, int] | None] | None:
    """An indicative sentence that a source frame makes a report: (start, end, source, frame, where the
    source is named when it is part of a word: "Polizei" in "nach Polizeiangaben"). A frame at the start
    leaves the rest of the sentence; one inside it, the whole sentence."""
    stripped_end = len(plain.rstrip())
    who: str | None
    wie = WIE_FRAME.search(plain)
    if wie:
        words = wie.group("who").split()
        while len(words) > 1 and not words[-1][:1].isupper():
            words.pop()  # "die Firma gestern" -> "die Firma"
        who = name_at(" ".join(words), known) or " ".join(words)
        if wie.start() == 0 or plain[: wie.start()].strip() == "":
            return wie.end(), stripped_end, who, wie.group(0).strip(" ,"), None
        return 0, wie.start(), who, wie.group(0).strip(" ,"), None
    frame = FRAME.search(plain)
    if frame:
        source = ATTRIBUTION.match(plain, frame.start())
        in_word = frame.span("compound") if frame.group("compound") else None
        bare = False  # the frame's own words name the source ("nach ersten Angaben")
        if frame.group("compound"):  # "nach Polizeiangaben": the source is the compound's first part
            who = name_at(frame.group("compound"), known) or frame.group("compound")
        else:
            who = (_attributed(source, known) if source else name_at(plain[frame.end() :], known)) or \
                _group_after(_source_words(plain, frame.end()))  # "laut russischen Staatsmedien"
            if who is None and unnamed_sources and (unnamed := _unnamed_source(plain, frame.start(), frame.end())):
                who, in_word, bare = unnamed
        if plain[: frame.start()].strip() == "":
            start = frame.end() if frame.group("compound") else _frame_end(plain, frame.end())
            if bare and in_word:
                start = in_word[1]  # "Nach ersten Angaben | verlieren 300 Menschen …"
            return start, stripped_end, who, frame.group(0).strip(), in_word
        return 0, stripped_end, who, frame.group(0).strip(), in_word
    so = _so_source(plain, known)
    if so:
        m, who, at_end = so
        return 0, m.start() if at_end else stripped_end, who, "so", None
    # the word itself first: the pattern backtracks over up to 40 characters at every position of a sentence
    zufolge = ZUFOLGE.search(plain) if "zufolge" in plain else None
    if zufolge:
        who = name_before(zufolge.group(1), known)
        if _opens_with_frame(plain[: plain.find("zufolge", zufolge.start())]):
            return _frame_end(plain, zufolge.end()), stripped_end, who, "zufolge", None
        return 0, stripped_end, who, "zufolge", None
    return None


UNMARKED = re.compile(r"\b(?P<cue>" + CUE_WORDS + r")\b[^„\"»«“.:\n]{0,80}:[ \t]+(?=[A-ZÄÖÜ])")


def _unmarked_quotations(text: str, sents: list[tuple[int, int]], resolver: Resolver,
                         marked: list[Quote]) -> list[Quote]:
    """Speech after a reporting verb and a colon without quotation marks ("Er sagte: Wir bleiben."),
    to the end of its sentence."""
    out: list[Quote] = []
    for m in UNMARKED.finditer(text):
        a = m.end()
        b = _sentence_of(sents, a, a + 1)[1]
        if b - a < 3 or any(q.start < b and a < q.end for q in marked):
            continue
        s0 = _sentence_of(sents, m.start(), m.start() + 1)[0]
        up_to_cue = text[s0 : m.end("cue")]
        who = name_at(text[m.end("cue") : m.end()], resolver.known, allow_role=False) or \
            name_before(text[s0 : m.start()], resolver.known) or \
            subject_of(up_to_cue, CUE.search(up_to_cue), resolver.known)  # "Die Ministerin sagte: ..."
        out.append(Quote(a, b, text[a:b], "direct", resolver.resolve(who, a), m.group("cue"), []))
    return out


def _tagged_in(text: str, tagged: list[tuple[int, int]], quoted: list[tuple[int, int]], s0: int, s1: int
               ) -> tuple[int, int] | None:
    """The stretch of a sentence without quotations that the tagger labels as reported speech, from the
    start of its clause to the end of the sentence (the tagger's token labels can stop mid-phrase: "X
    lobte am", "dass viele Brücken")."""
    if any(s0 <= x < s1 for x, _ in quoted):
        return None  # beside a quotation the tagger marks the attribution ("sagte X im Gespräch"), not speech
    inside = [(a, b) for a, b in tagged if s0 <= a < s1]
    if not inside:
        return None
    before = [m.end() for m in CLAUSE_BREAK.finditer(text, s0, inside[0][0])]
    a = before[-1] if before else s0
    return a + len(text[a:s1]) - len(text[a:s1].lstrip()), s1


# "asked" reports speech with the question it asked ("asked whether …", "asked the mayor why …")
ASKING = frozenset({"asked", "asks", "ask"})
ASKED_WHAT = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?(?:whether|if|why|how|what|when|where|who|that)\b")
# The subject between an English quotation and its verb: "“…,” the spokesman said"
ENGLISH_SUBJECT_AFTER_QUOTE = re.compile(r"[\W]*((?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*$")
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+([^,]{2,80}),\s*")
ENGLISH_SUBJECT = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,2}[\w-]+"
                             r"|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}(?:['’]s(?:\s+[a-z][\w-]+){1,2})?)\s*$")
# "…, said Jan Weber, a scholar at the Nordhafen Institute.": the name before the apposition speaks
SAID_NAME_APPOSITION = re.compile(r"\s*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s*(?:a|an|the)\s+")


def _is_english(text: str) -> bool:
    """More English than German function words: the article is English (for callers that do not know
    the language the metadata stage detects; decided per text, as a sentence is often too short to tell)."""
    return reads_english(text, margin=2, extra=1)


ENGLISH_APPOSITION = re.compile(r",\s*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),"
                                r"\s*(?:a|an|the)\s+[^,]{2,80},\s*$")


def _english_report(plain: str, known: set[str]) -> tuple[int, int, str | None, str | None] | None:
    """English reported speech, which has no mood of its own: "…, X said.", "X said (that) …",
    "According to X, …". (start, end, speaker, cue) within the sentence, or None."""
    end = len(plain.rstrip())
    m = ACCORDING_TO.search(plain)
    if m:
        return m.end(), end, _possessor(name_at(m.group(1), known) or m.group(1).strip()), "according to"
    cues = list(CUE.finditer(plain))
    for cue in cues:  # "The worst moment, Pike said, was the first night": the sentence around its attribution
        before, after = plain[: cue.start()], plain[cue.end() :]
        last = before.rfind(",")
        inserted = before[last + 1 :].strip()
        if last >= 0 and after.startswith(",") and 1 <= len(inserted.split()) <= 3 and inserted[:1].isupper() \
                and len(WORD.findall(before[:last])) >= 2 and len(WORD.findall(after)) >= 3:
            return 0, end, _possessor(name_at(inserted, known) or inserted), cue.group(1)
    for cue in cues:  # the statement first, its attribution at the end
        before, after = plain[: cue.start()], plain[cue.end() :]
        last = before.rfind(",")
        named = SAID_NAME_APPOSITION.match(after)
        if last >= 0 and named and not before[last + 1 :].strip() and len(WORD.findall(before[:last])) >= 4:
            return 0, last, named.group("name"), cue.group(1)
        if last < 0 or len(WORD.findall(before[:last])) < 4 or len(WORD.findall(_attribution_core(after))) > 4:
            continue
        apposition = ENGLISH_APPOSITION.search(before)
        if apposition and len(WORD.findall(before[: apposition.start()])) >= 4:
            # "…, Jan Weber, a scholar at the Nordhafen Institute, said.": Weber speaks, not the institute
            return 0, apposition.start(), _possessor(apposition.group("name")), cue.group(1)
        subject = ENGLISH_SUBJECT.search(before)
        if before[last + 1 :].strip().lower() in {"he", "she", "they", "we", "i"}:
            return 0, last, before[last + 1 :].strip(), cue.group(1)  # "…, she said at a summit Thursday."
        if subject and subject.start() > last:  # "…, Anna Berg told reporters."
            return 0, last, _possessor(subject.group(0).strip()), cue.group(1)
        if not before[last + 1 :].strip():  # "…, said the mayor.", "…, according to the office."
            core = _attribution_core(after)
            who = name_at(core, known) or re.sub(r"^\s*to\s+", "", core).strip(" .") or None
            return 0, last, _possessor(who) if who and len(who.split()) <= 6 else None, cue.group(1)
    for cue in cues:  # the attribution first: "The mayor said (that) …"
        before, after = plain[: cue.start()], plain[cue.end() :]
        if cue.group(1).lower() in SAYING_ONLY_WITH_THAT and not re.match(r"\s*that\b", after):
            continue  # "The economy has added 178,000 jobs": adding, not saying
        if cue.group(1).lower() in ASKING and not ASKED_WHAT.match(after):
            continue  # "The museum had asked the city for 300,000": a request for something, not a question
        if re.match(r"\s*to\s", after):
            continue  # "… is expected to be the worst day": no one said it
        content = re.match(r"\s*(?:(?:reporters|journalists|[A-Z][\w-]*|him|her|them|us)\s+)?(?:that\s+)?", after)
        start = cue.end() + (content.end() if content else 0)
        if len(WORD.findall(plain[start:end])) < 4 or not ENGLISH_CLAUSE.search(plain[start:end]) \
                or ENGLISH_ADVERBIAL.match(plain, start):
            continue  # "told the story of his life", "announced a buyback": an object, not what was said
        subject = ENGLISH_SUBJECT.search(before)
        who = name_before(before, known) or (subject.group(0).strip() if subject else None)
        return start, end, _possessor(who), cue.group(1)
    return None


# After "said": when and where ("on Wednesday, beating forecasts", "in a report"), or who the speaker is
# ("Velnix Mining, which runs the pit"); what the attribution is without them.
ENGLISH_ADVERBIAL = re.compile(r"\s*(?:(?:on|in|at|during|after|before|late|early|last|this|by|from)\b|,)", re.I)
ENGLISH_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b|\s+(?:on|in|at|during|after|late|early|last)\b"
                              r"|,\s*\w+ing\b", re.I)
# a clause has a verb: an auxiliary or modal, or a past or third-person form
ENGLISH_CLAUSE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|must|"
                            r"did|does|do|[a-z]{2,}ed|[a-z]{2,}[^s]s)\b")


def _attribution_core(after: str) -> str:
    """The words of a trailing attribution before its adverbials and relative clauses: " the lender" of
    " the lender on Wednesday, beating forecasts.", " Velnix Mining" of " Velnix Mining, which runs it."."""
    m = ENGLISH_RELATIVE.search(after)
    return after[: m.start()] if m else after


# Verbs that say something only after a quotation ("…, he added.") or with "that": before an object
# they do something else ("has added 178,000 jobs", "noted the figures", "wrote ALL OK on cardboard").
SAYING_ONLY_WITH_THAT = frozenset({"added", "noted", "wrote", "writes", "write"})


CLAUSE_COMMA = re.compile(r",\s+")
SO_ATTRIBUTION = re.compile(r"\s*so\s+(?!dass\b)")
NAMING_VERBS = ("nenn", "nann", "bezeichn")  # "…, nennt das Ereignis einen Skandal": what follows is said too
MAX_ATTRIBUTION_WORDS = 15


def _before_trailing_attribution(text: str, start: int, end: int) -> int:
    """Where the statement ends before an attribution after its last comma: "…, teilte X mit", "…, wie X
    betont", "…, so der Minister"."""
    commas = list(CLAUSE_COMMA.finditer(text, start, end))
    if not commas:
        return end
    c = commas[-1]
    tail = text[c.end() : end]
    if "„" in tail or "“" in tail or len(WORD.findall(tail)) > MAX_ATTRIBUTION_WORDS \
            or len(WORD.findall(text[start : c.start()])) < 4:
        return end
    words = WORD.findall(tail)
    # the verb opens the attribution ("teilte X mit") or ends it ("wie X betont", "hatte X gesagt")
    if words and any(CUE.fullmatch(w) and not w.startswith(NAMING_VERBS) for w in (words[0], words[-1])) \
            or SO_ATTRIBUTION.match(tail):
        return c.start()
    return end


def _after_dateline(plain: str, at: int) -> int:
    """Where a statement that opens its sentence starts after the article's dateline ("NORDHAFEN — ",
    "Berlin (dpa) - "), which no one said."""
    if at != 0:
        return at
    m = DATELINE.match(plain)
    return m.end() if m and m.group("sep") != ":" else at


def _possessor(who: str | None) -> str | None:
    """"Trump's" is Trump, "Nordhafen’s mayor" stays a phrase."""
    if who and re.fullmatch(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s", who):
        return who[:-2]
    return who


# "stellten keinen Nutzen dar", "stellt eine Gefahr dar": "darstellen" with an object it is, not says
REPRESENTS = re.compile(r"stell(?:te|ten|t|en)\s+(?:[\w-]+\s+){0,6}?(?:einen|eine|keinen|keine|ein|kein)\s+"
                        r"(?:[\w-]+\s+){0,3}?[\w-]+\s+dar\b")


def reported_speech(text: str, quotes: list[Quote], language: str | None = None,
                    passages: Passages | None = None) -> list[Quote]:
    """Indirect speech: clauses in Konjunktiv I after a reporting verb, statements "laut X" /
    "X zufolge", and the sentences in Konjunktiv I that continue them; where these rules find
    nothing, the passages the learned tagger labels as indirect or reported speech."""
    resolver, sents = _analysed(text)
    quoted = [(q.start, q.end) for q in quotes]
    tagged = [(a, b) for a, b, kind in (_tagged(text) if passages is None else passages) if kind == "indirect"]
    out: list[Quote] = []
    last_speaker, last_end = None, -1
    english = language == "en" if language else _is_english(text)
    turns = [(q.start, q.end) for q in quotes if q.cue == INTERVIEW]
    # a sentence in the subjunctive right after one whose quotation in marks is attributed goes on with that
    # speaker's report ("X sagte: „…“ Vor 2028 würden die Werften …")
    said_in = {k: q.speaker_text for q in quotes if q.speaker_text and q.cue != INTERVIEW
               for k in [_sentence_index(sents, q.start)] if k >= 0 and q.start < sents[k][1]}
    for k, (s0, s1) in enumerate(sents):
        previous = sents[k - 1] if k else None
        if previous is not None and k - 1 in said_in and previous[1] > last_end:
            last_speaker, last_end = said_in[k - 1], previous[1]
        if any(a <= s0 and s1 <= b for a, b in turns):
            continue  # a sentence of an interview answer is the speaker's own words
        sentence = text[s0:s1]
        plain = sentence
        for a, b in quoted:  # quoted words are direct speech, not reported
            if s0 <= a and b <= s1:
                plain = plain[: a - s0] + " " * (b - a) + plain[b - s0 :]
        # a source frame that names no one attributes the quotation in marks, if the sentence has one
        in_quotes = plain != sentence
        words = [w.lower() for w in WORD.findall(plain)]
        # of any verb ("entwickle"); a capitalised word after the first is a noun ("in Sorge"), not the verb
        written = WORD.findall(plain)
        has_subj = any(w.lower() in SUBJUNCTIVE for i, w in enumerate(written) if i == 0 or not w[:1].isupper()) \
            or has_konjunktiv_i(plain)
        cues = list(CUE.finditer(plain))
        cue = cues[0] if cues else None
        if len(cues) > 1 and plain[: cues[-1].start()].rstrip().endswith(",") \
                and not cues[-1].group(1).startswith(NAMING_VERBS) \
                and name_at(plain[cues[-1].end() :], resolver.known, allow_role=False) is not None:
            cue = cues[-1]  # "Was X verkündete, sei …, sagte Y.": the attribution at the end, not a verb inside
        if cue is not None and cue.group(1) in ("bezeichnet", "genannt") and \
                PASSIVE_NAMING.search(plain, max(0, cue.start() - 120), _naming_als(plain, cue.start())):
            continue  # "Solche Verträge werden als „Sonderverträge“ bezeichnet": what something is called
        speaker = None
        speaker_span: tuple[int, int] | None = None
        start = s0
        frame = None
        if english:  # a sentence with a quotation is direct speech and its attribution
            report = None if any(a < s1 and s0 < b for a, b in quoted) else _english_report(plain, resolver.known)
            if report:
                a, b, who, verb = report
                a = _after_dateline(plain, a)
                out.append(Quote(s0 + a, s0 + b, text[s0 + a : s0 + b], "indirect",
                                 resolver.resolve(who, s0 + a) if who else None, verb, _via(sentence)))
            continue
        inverted = cue is not None and name_at(plain[cue.end() :], resolver.known, allow_role=False) is not None
        if (cue and inverted and has_subj and plain[: cue.start()].rstrip().endswith(",")
                and len(WORD.findall(plain[: cue.start()])) >= 3):
            # "..., sagte X": the reported clause stands before the reporting verb
            who = name_at(plain[cue.end() :], resolver.known, allow_role=False)
            speaker = resolver.resolve(who, s0 + cue.start())
            start, s1 = s0, s0 + plain[: cue.start()].rstrip().rfind(",")
        elif cue and (has_subj or DASS.search(plain[cue.end() :])):
            comma = plain.find(",", cue.end())
            m_dass = DASS.search(plain, cue.end())
            dass = m_dass.start() if m_dass else -1
            cut = min(x for x in (comma, dass, len(plain)) if x >= 0)
            if cut < len(plain) - 10:
                clause_start = cut + 1
                # a name right after "sagte," opens the reported clause: its subject, not the speaker
                after_cue = plain[cue.end() :]
                named_after = None if after_cue.lstrip().startswith(",") else name_at(after_cue, resolver.known)
                if fronted_adverbial(plain[: cue.start()]):  # "Bei einem Treffen der Minister sagte X, …"
                    who = named_after or speaker_after_cue(after_cue, resolver.known)
                else:
                    who = name_before(plain[: cue.start()], resolver.known) or named_after
                who = who or subject_of(plain[:cut], cue, resolver.known) or _group_after(plain[cue.end() : cut])
                speaker = resolver.resolve(who, s0 + cue.start())
                start = s0 + clause_start
            elif cue.start() > 10:  # "..., sagte Weber." at the end: the clause before the cue is reported
                who = name_at(plain[cue.end() :], resolver.known)
                speaker = resolver.resolve(who, s0 + cue.start())
                if plain[: cue.start()].rstrip().endswith(","):
                    s1 = s0 + plain[: cue.start()].rstrip().rfind(",")  # the statement, not its attribution
        elif (anaphoric := ANAPHORIC.match(plain)) and previous is not None:
            if any(previous[0] <= a < previous[1] for a, _ in quoted):
                continue  # "„…“ Das bestätigte X.": the quotation's attribution (the direct rules' part)
            role = NOUN_PHRASE.match(anaphoric.group("who"))  # "das Komitee", "die Stadt"
            who = name_at(anaphoric.group("who"), resolver.known) or (role.group(0) if role else None)
            speaker = resolver.resolve(who, s0) if who else None
            out = [q for q in out if not (previous[0] <= q.start < previous[1])]
            start, s1, frame = previous[0], previous[1], anaphoric.group(0).strip()
        elif not has_subj and (framed := _framed_statement(plain, resolver.known, not in_quotes)) is not None:
            a, b, who, frame, in_word = framed
            speaker = resolver.resolve(who, s0) if who else None
            start, s1 = s0 + a, s0 + b
            if in_word and speaker:
                speaker_span = (s0 + in_word[0], s0 + in_word[1])
            if speaker is None and last_speaker and s0 - last_end <= 3 and BACK_REFERENCE.search(plain):
                speaker = last_speaker  # "… meldete X. Ein Vorstand trat den Angaben zufolge zurück."
        elif has_subj:
            low = plain.lower()
            attribution = ATTRIBUTION.search(plain)
            m = None if attribution else (ZUFOLGE.search(plain) if "zufolge" in plain else None) or \
                re.search(r",\s*(so)\s+([^,.;]{2,60})[.!]?\s*$", plain)  # "..., so die Ministerin."
            if attribution:
                speaker = resolver.resolve(_attributed(attribution, resolver.known), s0)
                if speaker is None and not in_quotes and \
                        (unnamed := _unnamed_source(plain, attribution.start(), attribution.end(1))):
                    speaker, (a, b), _ = unnamed
                    speaker_span = (s0 + a, s0 + b)
            elif (compound := FRAME.search(plain)) and compound.group("compound"):  # "nach Behördenangaben stecke …"
                speaker = resolver.resolve(compound.group("compound"), s0)
                speaker_span = (s0 + compound.start("compound"), s0 + compound.end("compound"))
            elif m:
                who = name_at(m.group(2), resolver.known) if m.lastindex and m.lastindex >= 2 \
                    else name_before(m.group(1), resolver.known)
                speaker = resolver.resolve(who, s0)
                if m.group(1) == "so":
                    s1 = s0 + m.start()  # the statement ends where its attribution begins
            elif so := _so_source(plain, resolver.known):  # "…, so der Sprecher der X, Jan Weber."
                speaker = resolver.resolve(so[1], s0)
                if so[2]:
                    s1 = s0 + so[0].start()
            elif last_speaker and s0 - last_end <= 3 and "sagte" not in low:
                speaker = last_speaker  # a further sentence of the same report
        represents = cue is not None and REPRESENTS.match(plain, cue.start()) is not None
        if represents:
            speaker = None  # what the subject of "stellt eine Gefahr dar" is, not what it says
        reported_mood = has_listed_konjunktiv_i(written) and not any(w in NOT_REPORT for w in words)
        if speaker is None and not (cue and has_subj) and not reported_mood:
            found = _tagged_in(text, tagged, quoted, s0, s1)
            if found is None:
                continue
            # the tagger's passage, but not the reporting clause before it ("Diese bestätigte, dass …")
            start, s1 = max(found[0], start), found[1]
            if CUE.match(text, start):
                continue  # "erklärt X auf Anfrage." after a quotation: the attribution, not speech
            # without a verb of saying the sentence's subject is who acts, not who speaks ("Die Forscher suchen
            # nach Antworten"): only a report just before can lend the passage a speaker (news corpus dev F1
            # 0.709 -> 0.711)
            who = subject_of(plain, cue, resolver.known) if cue and not represents else None
            speaker = resolver.resolve(who, s0 + (cue.start() if cue else 0)) if who else None
            if speaker is None and last_speaker and s0 - last_end <= 3:
                speaker = last_speaker
            if speaker is None and cue is None:
                continue  # with neither a speaker nor a reporting verb, too often a headline or a plain report
        start += len(text[start:s1]) - len(text[start:s1].lstrip())  # the clause after a comma, not the space
        start = s0 + _after_dateline(plain, start - s0)
        s1 = _before_trailing_attribution(text, start, s1)
        span_text = text[start:s1]
        if len(WORD.findall(span_text)) < 4:
            continue
        out.append(Quote(start, s1, span_text, "indirect", speaker, cue.group(1) if cue else None, _via(sentence),
                         frame=frame, speaker_span=speaker_span))
        last_speaker, last_end = speaker, s1
    return out
