"""The bundled German NER model: a linear-chain CRF (python-crfsuite) that labels every token of a
sentence B-/I-PER, LOC, ORG, OTH or O.

Its features are the word, its shape, beginning and ending, its neighbours, and what the unlabeled
German text of ../shared/data/text knows about the word: which of three word-vector clusters it falls
in (k-means over word2vec vectors, 50 / 200 / 800 clusters), how frequent it is, how often it is
written in lower case (a capitalised word that is rarely lower-cased is more often a name), and
whether the name lists of ../shared/data/gazetteers hold it as a first name, surname, city, country,
landscape or firm. Trained on the same GermEval 2014 sentences as the spaCy CNN it replaced, it scores
held-out F1 0.709 where the CNN scored 0.641; without the cluster features it scores about 0.07 less on
the tuning sentences (training/ner/train.py lists what was tried). Both the CRF and the word table
(`Lexicon`: 64-bit hashes of the words, not the words) are built by that recipe.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from ..nlp.sentences import sentence_spans
from ..nlp.word_cache import word_cache

DATA = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA / "ner.crf"
LEXICON_PATH = DATA / "ner_lexicon.npz"
KNOWN_PATH = DATA / "ner_known.npz"  # names the tagger tags confidently and consistently in the unlabeled text
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")  # as the unlabeled text was split for the word table
# The words the tagger sees in a text: as TOKEN, but an initial or a regnal number keeps its dot ("Anna K. Berg",
# "Karl II. von Velden") and a web address stays one word ("nordbote.de"), as in GermEval's sentences the model
# learned from
TAG_TOKEN = re.compile(r"(?<![\w.])(?:[A-ZÄÖÜ]|[IVX]{1,4})\.(?=[ \t]+[\w(,])"
                       r"|(?<![\w.@/-])(?:[\w-]+\.)+(?:de|com|org|net|at|ch|eu|info)(?![\w.-])|" + TOKEN.pattern)
TYPES = ("PER", "LOC", "ORG", "OTH")
NAME_LISTS = ("FIRST", "SUR", "CITY", "COUNTRY", "PLACE", "FIRM")
LINE_BREAK = re.compile(r"\n")
# Tokens that separate names in a list, and lower-case words that can stand inside a name ("Bank of
# England", "Walther von der Vogelweide", "Institut für Zeitgeschichte").
SEPARATORS = frozenset({",", ";", ":", "|", "–", "—", "/"})
PARTICLES = frozenset("von van de der des den dem die das und of the and la le di da del du al bin y für am im "
                      "in zu zum zur on at for ter ten dos".split())
CONJUNCTIONS = frozenset({"und", "sowie", "oder", "and", "or"})
POLITE_PRONOUNS = frozenset({"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"})
ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "the"})
# "Institut für angewandte Mathematik": an adjective after "für" inside an organisation's name
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
# Features of a neighbour at distance 1 / 2 (the own word has all of them).
NEAR = frozenset({"lw", "c0", "c1", "c2", "g", "sh", "s3", "cap", "nc"})
FAR = frozenset({"lw", "c1", "g"})


def word_key(word: str) -> int:
    """The lexicon's key of a word: 64 bits of its BLAKE2 hash (stable across runs and machines)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class WordTable(Protocol):
    keys: np.ndarray  # word_key of each row, sorted
    key_index: dict[int, int] | None


def key_row(table: WordTable, word: str) -> int | None:
    """The row of `word` in a table sorted by word_key, or None. The keys are kept as a dict from key to row
    (made on first use: about 30 MB for the NER word table): a search of a list of 350k keys as Python
    integers took several microseconds where the machine was busy (the integers lie all over memory), numpy
    longer still, and the name tagger looks up every new word up to four times."""
    if table.key_index is None:
        # the first row of a key, as a search would find it (two words with one 64-bit hash share a row)
        table.key_index = {key: i for i, key in reversed(list(enumerate(table.keys.tolist())))}
    return table.key_index.get(word_key(word))


def flat_ints(table: np.ndarray) -> array[int]:
    """A numpy table of integers as a flat Python array of the same numbers (a copy: a few MB for the word
    tables), whose items read as Python integers at a fraction of what reading a numpy scalar costs."""
    flat = array(table.dtype.char, table.tobytes())
    assert flat.itemsize == table.dtype.itemsize
    return flat


class Lexicon:
    """Per word: its three cluster numbers (-1: not among the clustered words), its corpus frequency and
    its name-list classes (a bit mask over NAME_LISTS). Stored sorted by `word_key`."""

    def __init__(self, keys: np.ndarray, clusters: np.ndarray, counts: np.ndarray, names: np.ndarray) -> None:
        self.keys, self.clusters, self.counts, self.names = keys, clusters, counts, names
        self.key_index: dict[int, int] | None = None  # see key_row
        self._rows = (flat_ints(clusters), flat_ints(counts), flat_ints(names))  # see flat_ints
        # a text repeats its words (the mention filter looks up every word of every candidate): a hash and
        # a search each time were a sixth of the time on a line of names (bench/bench_pathological.py)
        self.lookup = word_cache(20_000)(self._lookup)

    @classmethod
    def build(cls, clusters: dict[str, tuple[int, int, int]], counts: dict[str, int],
              names: dict[str, int]) -> Lexicon:
        table: dict[int, tuple[tuple[int, int, int], int, int]] = {}
        for word in set(clusters) | set(counts) | set(names):
            table[word_key(word)] = (clusters.get(word, (-1, -1, -1)), counts.get(word, 0), names.get(word, 0))
        keys = sorted(table)
        return cls(np.array(keys, dtype=np.uint64),
                   np.array([table[k][0] for k in keys], dtype=np.int16).reshape(-1, 3),
                   np.array([table[k][1] for k in keys], dtype=np.uint32),
                   np.array([table[k][2] for k in keys], dtype=np.uint8))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, keys=self.keys, clusters=self.clusters, counts=self.counts, names=self.names)

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        with np.load(path) as data:
            return cls(data["keys"], data["clusters"], data["counts"], data["names"])

    def _lookup(self, word: str) -> tuple[tuple[int, ...], int, int] | None:
        i = key_row(self, word)
        if i is None:
            return None
        clusters, counts, names = self._rows
        width = self.clusters.shape[1]
        return tuple(clusters[i * width : (i + 1) * width]), counts[i], names[i]


def first_name(lexicon: Lexicon, word: str) -> bool:
    """Whether the name lists know the word as a first name."""
    found = lexicon.lookup(word)
    return bool(found and found[2] >> NAME_LISTS.index("FIRST") & 1)


def shape(word: str) -> str:
    """Xxxx, XX, Xx-Xxx, dd.dd: letter case and digits, runs of more than two cut to two."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or not (out[-1] == c and out[-2] == c):
            out.append(c)
    return "".join(out)


class NounTable(Protocol):
    def lookup(self, word: str) -> tuple[int, int, int, int] | None: ...
    def head(self, word: str, min_seen: int = 20) -> tuple[int, int, int, int] | None: ...


# Buckets of a capitalised word's share of uses after an indefinite article or an adjective (common_nouns.py):
# a common noun's share is high, a name's low. As CRF features they raised F1 on the tuning sentences from
# 0.659 to 0.683 (training/ner/train.py)
NOUN_SHARES = (0.05, 0.15, 0.3)


PAD = {d: f"{d}:pad" for d in (-2, -1, 1, 2)}
PAD_FEATURES = {d: (pad,) for d, pad in PAD.items()}
BOUNDS = (((), ("EOS",)), (("BOS",), ("BOS", "EOS")))  # [first token?][last token?]


class FeatureMaker:
    """Turns the words of a sentence into the CRF's feature strings (shared by training and tagging)."""

    def __init__(self, lexicon: Lexicon, nouns: NounTable | None = None, known: frozenset[str] | None = None
                 ) -> None:
        self.lexicon = lexicon
        self.nouns = nouns
        # with `known` (the features a trained model has weights for), a word's other features are left out:
        # the model ignores them anyway, and handing them over was a quarter of its tagging time
        self.known = known
        # about 1 kB a word, so bounded like the speech tagger's (bench/bench_ner.py: 56k tokens/s with it)
        self.word = word_cache(20_000)(self._word)

    def _word(self, w: str) -> tuple[tuple[str, ...], ...]:
        """(all features of the word, then the ones its neighbours see at distance -2, -1, 1 and 2,
        prefixed with the distance), without those the model has no weights for."""
        parts = self.word_parts(w)
        known = self.known
        return tuple(tuple(part) if known is None else tuple(filter(known.__contains__, part)) for part in parts)

    def word_parts(self, w: str) -> tuple[list[str], ...]:
        """The word's features as _word, all of them."""
        lw = w.lower()
        f = ["w=" + w, "lw=" + lw, "sh=" + shape(w), "s2=" + lw[-2:], "s3=" + lw[-3:], "s4=" + lw[-4:],
             "p3=" + lw[:3], "p4=" + lw[:4]]
        if w[:1].isupper():
            f.append("cap")
        if w.isupper() and len(w) > 1:
            f.append("allcap")
        if "-" in w:
            f += ["hyph", "hl=" + w.rsplit("-", 1)[-1].lower()[-5:]]
        found = self.lexicon.lookup(w)
        f += [f"g={n}" for bit, n in enumerate(NAME_LISTS) if found and found[2] >> bit & 1]
        if w.endswith("s") and len(w) > 2:  # genitive of a listed name
            stem = self.lexicon.lookup(w[:-1])
            f += [f"gs={n}" for bit, n in enumerate(NAME_LISTS) if stem and stem[2] >> bit & 1]
        clusters = found[0] if found and found[0][0] >= 0 else None
        if clusters is None and w != lw:
            lower = self.lexicon.lookup(lw)
            clusters = lower[0] if lower and lower[0][0] >= 0 else None
        f += [f"c{i}={c}" for i, c in enumerate(clusters)] if clusters else ["c=none"]
        count = found[1] if found else 0
        f.append(f"fq={int(math.log2(count)) if count else -1}")
        if w[:1].isupper() and count:
            lower = self.lexicon.lookup(lw) if w != lw else found
            if lower and lower[1]:  # how much more often the word is written in lower case (log scale)
                f.append(f"lr={int(2 * math.log10((lower[1] + 1) / (count + 1)))}")
        if self.nouns is not None and w[:1].isupper():
            f += self._noun_features(w)
        near = [x for x in f if x.partition("=")[0] in NEAR]
        far = [x for x in near if x.partition("=")[0] in FAR]
        # as the neighbours see them, prefixed once here rather than for every token of every sentence
        return f, ["-2:" + x for x in far], ["-1:" + x for x in near], ["1:" + x for x in near], ["2:" + x for x in far]

    def _noun_features(self, w: str) -> list[str]:
        """How the unlabeled text uses the word (or its compound's head): "nc" the common-noun share's bucket,
        "dc" the definite-article share's."""
        assert self.nouns is not None
        seen = self.nouns.lookup(w) or (self.nouns.head(w) if len(w) > 8 else None)
        if seen is None:
            return ["nc=unk"]
        share = (seen[1] + seen[2]) / seen[0]
        definite = seen[3] / seen[0]
        return [f"nc={0 if share == 0 else 1 + sum(share >= x for x in NOUN_SHARES)}",
                f"dc={0 if definite < 0.1 else 1 if definite < 0.4 else 2}"]

    def sentence(self, words: list[str]) -> list[list[str]]:
        """Each token's features: its own, BOS / EOS, its neighbours' at -2, -1, 1, 2 (or padding) and the
        bigrams with the word before and after, in that order."""
        if not words:
            return []
        feats = [self.word(w) for w in words]
        n = len(words)
        low = [w.lower() for w in words]
        # each neighbour's features at each position, padded at the ends (one list per distance)
        before2 = [PAD_FEATURES[-2]] * min(2, n) + [f[1] for f in feats[: n - 2]]
        before1 = [PAD_FEATURES[-1], *(f[2] for f in feats[: n - 1])]
        after1 = [*(f[3] for f in feats[1:]), PAD_FEATURES[1]]
        after2 = [f[4] for f in feats[2:]] + [PAD_FEATURES[2]] * min(2, n)
        bigrams = [f"{a}|{b}" for a, b in zip(low, low[1:], strict=False)]
        # as with the word features, the bigrams the model has no weights for (most of them) are left out
        keep = (lambda _: True) if self.known is None else self.known.__contains__
        out = []
        for i in range(n):
            f = [*feats[i][0], *BOUNDS[i == 0][i == n - 1], *before2[i], *before1[i], *after1[i], *after2[i]]
            if i > 0 and keep(bigram := "bg=" + bigrams[i - 1]):
                f.append(bigram)
            if i < n - 1 and keep(bigram := "bg+=" + bigrams[i]):
                f.append(bigram)
            out.append(f)
        return out


KNOWN_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w]*(?:-\w+)*(?![\w-])")
CAPITAL_BEFORE = re.compile(r"(?<![.!?:\"„“«»] )(?<![\w-])[A-ZÄÖÜ][\w-]*[ \t]+$")


def _continues(text: str, end: int) -> bool:
    """A capitalised word right after (on the same line): the word is part of a longer name there
    ("Velden Nord")."""
    after = re.match(r"[ \t]+([\w-]+)", text[end:end + 40])
    return bool(after and after.group(1)[:1].isupper())


def _name_like(word: str) -> bool:
    """A word that can be part of a name: capitalised somewhere ("Berg", "iPhone", "ZDFneo"), a number
    ("Apollo 11") or a particle."""
    return any(c.isupper() or c.isdigit() for c in word) or word.lower() in PARTICLES or word in "&.-'’"


def bio_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """BIO tags -> (first token, last token + 1, label); an I- after another label starts a new span."""
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != label:
            if start is not None and label is not None:
                yield start, i, label
            start, label = (i, tag[2:]) if tag != "O" else (None, None)


class NameTagger:
    """The CRF with its word table; `spans` finds the names of a text, `type_of` types a name on its own."""

    def __init__(self, model: Path = MODEL_PATH, lexicon: Path = LEXICON_PATH) -> None:
        from ..nlp.crf import LinearChainCRF
        from .common_nouns import noun_contexts

        self.crf = LinearChainCRF.load(model)
        self.features = FeatureMaker(Lexicon.load(lexicon), noun_contexts(), frozenset(self.crf.attributes))
        # a word's features do not depend on its sentence: their weights are summed once per word, for the word
        # itself and as each neighbour sees it (the rows of `word_scores`, about 0.6 kB a word, 30 MB at most:
        # 1,028 news articles have 54k distinct words, and with 20k kept a quarter more of the tagging time went
        # to computing them again)
        self.word_scores = word_cache(50_000)(self._word_scores)
        self._bounds = {name: self.crf.weights_of([name]) for name in ("BOS", "EOS")}
        self._pads = {d: self.crf.weights_of(pad) for d, pad in PAD_FEATURES.items()}

    def _word_scores(self, word: str) -> np.ndarray:
        # the word's own features, then as its neighbours at -2, -1, 1 and 2 see it
        return self.crf.scores(self.features.word_parts(word))

    def scores(self, sentences: list[list[str]]) -> np.ndarray:
        """(tokens, labels) state scores of the sentences' tokens one after the other: the same sums as the CRF
        makes of FeatureMaker.sentence, from each word's cached rows shifted to its neighbours."""
        words = [w for sentence in sentences for w in sentence]
        n = len(words)
        parts = np.stack([self.word_scores(w) for w in words])
        at = np.concatenate([np.arange(len(s)) for s in sentences])  # position in the sentence
        left = np.concatenate([np.arange(len(s) - 1, -1, -1) for s in sentences])  # tokens after it
        out = parts[:, 0, :].copy()
        out[at == 0] += self._bounds["BOS"]
        out[left == 0] += self._bounds["EOS"]
        for distance, part, known, pad in ((-2, 1, at >= 2, -2), (-1, 2, at >= 1, -1), (1, 3, left >= 1, 1),
                                           (2, 4, left >= 2, 2)):
            seen = np.zeros_like(out)  # what each token sees of the word at `distance`
            if distance < 0:
                seen[-distance:] = parts[: n + distance, part]
            else:
                seen[: n - distance] = parts[distance:, part]
            out += np.where(known[:, None], seen, self._pads[pad])
        attributes, state = self.crf.attributes, self.crf.state
        k = 0
        for sentence in sentences:  # the bigram with the next word, seen from both (most have no weight)
            low = [w.lower() for w in sentence]
            for i in range(len(low) - 1):
                bigram = low[i] + "|" + low[i + 1]
                row = attributes.get("bg+=" + bigram)
                if row is not None:
                    out[k + i] += state[row]
                row = attributes.get("bg=" + bigram)
                if row is not None:
                    out[k + i + 1] += state[row]
            k += len(sentence)
        return out

    def read(self, sentences: list[list[str]], marginals: bool = True) -> list[tuple[list[str], np.ndarray]]:
        """Each sentence's best labels and its (tokens, labels) marginals (only for a sentence with a name
        unless `marginals`: zero rows for the others), all sentences decoded together."""
        if not sentences:
            return []
        scores = np.split(self.scores(sentences), np.cumsum([len(s) for s in sentences])[:-1])
        labels = self.crf.labels
        tags = [[labels[k] for k in path] for path in self.crf.viterbi_many(scores)]
        wanted = [i for i, t in enumerate(tags) if marginals or any(label != "O" for label in t)]
        found = dict(zip(wanted, self.crf.marginals_many([scores[i] for i in wanted]), strict=True))
        return [(t, found.get(i, scores[i][:0])) for i, t in enumerate(tags)]

    def tag_words(self, words: list[str]) -> list[str]:
        return [self.crf.labels[k] for k in self.crf.viterbi(self.scores([words]))] if words else []

    def label_mass(self, words: list[str], types: tuple[str, ...] = TYPES) -> dict[str, float]:
        """The probability mass the model gives each type (B- and I-, or "O") over the words seen on their own."""
        marginals = self.crf.marginals(self.scores([words])).sum(axis=0)
        index = self.crf.label_index
        return {t: float(marginals[index["O"]]) if t == "O" else
                float(marginals[index[f"B-{t}"]] + marginals[index[f"I-{t}"]]) for t in types}

    def type_of(self, words: list[str], types: tuple[str, ...] = TYPES) -> str:
        """The type the model gives a name seen on its own (one of `types`, "O" for no name): the one
        with the most probability over its words."""
        mass = self.label_mass(words, types)
        return max(mass, key=mass.__getitem__)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) character spans of the names in text, label one of PER, LOC, ORG, OTH."""
        return [(a, b, label) for a, b, label, _ in self.scored_spans(text)]

    def scored_spans(self, text: str) -> list[tuple[int, int, str, float]]:
        """(start, end, label, confidence): the spans with the model's mean marginal probability of the
        labels it gave their tokens (a span cut out of a longer one keeps the longer one's figure)."""
        out: list[tuple[int, int, str, float]] = []
        sentences = []
        for s0, s1 in sentences_and_lines(text):
            tokens = [m.span() for m in TAG_TOKEN.finditer(text, s0, s1)]
            if tokens:
                sentences.append((tokens, [text[a:b] for a, b in tokens]))
        index = self.crf.label_index
        read = self.read([w for _, w in sentences], marginals=False)  # confidences of the names found only
        for (tokens, words), (tags, marginals) in zip(sentences, read, strict=True):
            found = [(a, b, label, sum(float(marginals[k, index[tags[k]]]) for k in range(a, b)) / (b - a))
                     for a, b, label in bio_spans(tags)]
            for a, b, label, confidence in found:
                out.extend((tokens[x][0], tokens[y - 1][1], lab, confidence)
                           for x, y, lab in self._sane(words, a, b, label))
        return out

    def repeated(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """One name, one reading per text: a one-word person, place or organisation name the model tagged
        somewhere is a name wherever else the text has it (where the model missed it) - unless a
        capitalised word follows (a longer name: "Velden Nord"), it is a role noun, it is more often
        written in lower case (an adjective the model took for a name), or the model, seeing the word on
        its own, takes it for no name (a noun it tagged once in some context: "Brücke")."""
        from .speech_words import is_role_noun

        votes: dict[str, dict[str, int]] = {}
        for a, b, label in found:
            word = text[a:b]
            if label != "OTH" and word[:1].isupper() and len(word) >= 3 and word.isalpha() and \
                    word not in POLITE_PRONOUNS:
                votes.setdefault(word, {}).setdefault(label, 0)
                votes[word][label] += 1
        covered = sorted((a, b) for a, b, _ in found)
        starts = [a for a, _ in covered]
        labels = {word: max(by_label, key=by_label.__getitem__) for word, by_label in votes.items()
                  if not is_role_noun(word) and self.is_name_alone(word)}
        if not labels:
            return found
        extra: list[tuple[int, int, str]] = []
        names = "|".join(map(re.escape, sorted(labels, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w-])(?:{names})(?![\w-])", text):  # one pass for all the names
            k = bisect_right(starts, m.start()) - 1
            if (k >= 0 and covered[k][0] <= m.start() < covered[k][1]) or _continues(text, m.end()):
                continue
            extra.append((m.start(), m.end(), labels[m.group(0)]))
        return sorted(found + extra) if extra else found

    def known(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """`found` with the one-word names the tagger tags confidently and consistently over the unlabeled text
        (known_names) added where it missed them in this text - unless the word is part of a longer run of
        capitalised words ("Radio Velden", "Velden Nord"), where it may be a part of another name."""
        table = known_names()
        if not table:
            return found
        covered = sorted((a, b) for a, b, _ in found)
        starts = [a for a, _ in covered]
        extra: list[tuple[int, int, str]] = []
        for m in KNOWN_WORD.finditer(text):
            kind = table.get(word_key(m.group(0)))
            if kind is None:
                continue
            k = bisect_right(starts, m.start()) - 1
            if (k >= 0 and covered[k][0] <= m.start() < covered[k][1]) or _continues(text, m.end()) or \
                    CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue
            extra.append((m.start(), m.end(), kind))
        return sorted(found + extra) if extra else found

    def is_name_alone(self, word: str) -> bool:
        """Not written more often in lower case (an adjective), and a name to the model on its own."""
        return not self.mostly_lower_case(word) and self.type_of([word], (*TYPES, "O")) != "O"

    def mostly_lower_case(self, word: str) -> bool:
        capital, lower = self.features.lexicon.lookup(word), self.features.lexicon.lookup(word.lower())
        return bool(lower and lower[1] > (capital[1] if capital else 0))

    def _sane(self, words: list[str], a: int, b: int, label: str) -> Iterator[tuple[int, int, str]]:
        """A span the tagger ran on over a list or into a clause (text that lost its layout: line-ups,
        programme listings, headlines) is cut into its names, each typed again on its own, and a part the
        model sees as no name at all is dropped: "Velden, Nordhafen, Ostmark" are three places,
        "Anna Berg muss wegen ..." is "Anna Berg"."""
        if label == "PER":  # "Sie", "Nordlicht 100", "Erlauben Sie": a pronoun or a number is no part of a name
            while a < b and words[a] in POLITE_PRONOUNS:
                a += 1
            b = next((k for k in range(a + 1, b) if any(c.isdigit() for c in words[k]) or words[k] in
                      POLITE_PRONOUNS), b)
            if a == b:
                return
            if any(words[k] in CONJUNCTIONS and words[k + 1].lower() in ARTICLES for k in range(a + 1, b - 1)):
                label = "OTH"  # "Mara und der Feuerbringer": a title
        parts: list[tuple[int, int]] = []
        start = a
        for k in range(a, b + 1):
            if k == b or words[k] in SEPARATORS:
                parts.append((start, k))
                start = k + 1
        cut: list[tuple[int, int]] = []
        for x, y in parts:
            end = next((k for k in range(x, y) if not _name_like(words[k]) and
                        not (k > x and words[k - 1] == "für" and words[k].endswith(ADJECTIVE_ENDINGS))), y)
            while end > x and words[end - 1].lower() in PARTICLES:
                end -= 1
            if end > x:
                cut.append((x, end))
        if cut == [(a, b)]:
            yield a, b, label
            return
        for x, y in cut:
            kind = self.type_of(words[x:y], (*TYPES, "O"))
            if kind != "O":
                yield x, y, kind
                continue
            joins = [k for k in range(x + 1, y - 1) if words[k] in CONJUNCTIONS]
            for x2, y2 in zip([x, *(k + 1 for k in joins)], [*joins, y], strict=True):  # "Velden und Nordhafen"
                kind = self.type_of(words[x2:y2], (*TYPES, "O"))
                if kind != "O":
                    yield x2, y2, kind


def sentences_and_lines(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans, cut again at line breaks (a name never runs over one)."""
    for s0, s1 in sentence_spans(text):
        pos = s0
        for m in LINE_BREAK.finditer(text, s0, s1):
            if text[pos:m.start()].strip():
                yield pos, m.start()
            pos = m.end()
        if text[pos:s1].strip():
            yield pos, s1


@lru_cache(maxsize=1)
def known_names() -> dict[int, str]:
    """word_key -> type of the one-word names the tagger tags confidently and consistently over the unlabeled
    text (training/ner/known_names.py); empty where the table was not built."""
    if not KNOWN_PATH.exists():
        return {}
    with np.load(KNOWN_PATH) as data:
        return {int(k): TYPES[int(t)] for k, t in zip(data["keys"].tolist(), data["types"].tolist(), strict=True)}


@lru_cache(maxsize=1)
def bundled() -> NameTagger:
    return NameTagger()
