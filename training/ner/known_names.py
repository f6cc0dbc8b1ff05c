"""The table of names the tagger knows from the unlabeled text (lagebild/extract/data/ner_known.npz), one command:

    python training/ner/known_names.py [MAX_PARAGRAPHS]

The shipped tagger (name_tagger.py) runs over the unlabeled German text (training/ner/unlabeled.py: Wikipedia
and FANG-COVID paragraphs; no test split). For every capitalised one-word token away from a sentence's start it
counts how often the word stands, and how often the tagger makes it a one-word name on its own with a
confidence of at least CONFIDENT, by type. A word goes into the table when it was seen MIN_SEEN times or more,
the tagger made it a confident name in at least NAME_SHARE of those uses (it tags it consistently), one type
has at least TYPE_SHARE of those names, the text does not write it more often in lower case, and it rarely
follows an indefinite article or an adjective (common_nouns.py: a common noun does; off, see below), and the
tagger takes the word on its own for a name. Stored as the word
tables are: 64-bit word hashes (name_tagger.word_key), with the type's index in name_tagger.TYPES.

The NER stage (entities.candidates) proposes such a word where the tagger missed it in a text, and the
learned mention filter decides, as for the names a text repeats (source "repeated"). 5 to 10 minutes on one core
(13 million tokens); the counts are kept in training/ner/.cache/known_names.json, and `--cached` rebuilds the table
from them.

Session 15 (issue 16), exact span + type F1 of the whole stage on the out-of-fold sentences (0.6536 without the
table) / entity F1 on the 8 and 10 German news development pages (0.949 / 0.850 without):
- shipped: confidence 0.5, a name in 30 % of its uses, seen twice or more, no common-noun filter, the tagger taking
  the word alone for a name, no plural of an acronym ("PCs"): 17,141 words, 0.6727 / 0.949 / 0.850 (held-out
  GermEval NER stage 0.721 -> 0.728, seeds unchanged)
- with those checks, 20 % of uses: 19,050 words, 0.6737 / 0.949 / 0.850 (held-out 0.727); seen once is enough: 30,030
  words, 0.6744 / 0.949 / 0.847 (held-out 0.727): within noise of the shipped table, which is smaller
- without the word-alone check: 21,870 words, 0.6731 / 0.927 / 0.854 (on news pages nouns that are also names came
  in: "in Ungnade", "in der Halle"); with it but without the acronym-plural check 0.6727 / 0.944 ("ICs")
- stricter: confidence 0.5, half the uses, seen 3+ times, common-noun share <= 0.05: 8,395 words, 0.6611 / 0.949 /
  0.850; confidence 0.9, 70 % of uses, 5+ times: 2,027 words, 0.6548; the common-noun filter at 0.05-0.1 with
  looser shares 0.6621-0.6665 / 0.938
- the table's words as a candidate source of their own ("known") in a retrained filter (loose table): 0.6720 at the
  shipped threshold, development pages 0.921: not kept
- words the text uses like names (seen 20+ times inside sentences, common-noun share <= 0.02, rarely lower case)
  that the tagger never tags, typed by the majority type of the tagged names in their 800-cluster: 891 words, many
  of them fixed phrases ("im Zuge", "in Betracht"), 0.6611 -> 0.6567: not kept (USAGE_SEEN 0)

Session 16: organisations the unlabeled text names right after a noun of their kind ("der Kurznachrichtendienst X",
"die Fluggesellschaft X", KIND_NAME), which the tagger never tags - platforms, airlines, brands: 96 words, typed ORG.
Entity F1 on the development pages 0.956 / 0.887 -> 0.956 / 0.902 (four platform and airline names found); the stage
on the out-of-fold sentences 0.6727 -> 0.6726 (GermEval writes a site's name "Yahoo !" with the mark); held-out
0.728 -> 0.729; seeds unchanged.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from unlabeled import paragraphs  # noqa: E402

from lagebild.extract.common_nouns import noun_contexts  # noqa: E402
from lagebild.extract.name_tagger import (  # noqa: E402
    KNOWN_PATH,
    TAG_TOKEN,
    TYPES,
    NameTagger,
    bundled,
    sentences_and_lines,
    word_key,
)

# Calibrated on development data: the NER stage on out-of-fold GermEval sentences (calibrate_filter.py: ~4,000
# sentences, each tagged by train_filter.py's fold CRF that never saw it) and the German news development pages
CONFIDENT, MIN_SEEN, NAME_SHARE, TYPE_SHARE, NOUN_SHARE = 0.5, 2, 0.3, 0.8, 1.0
# names the text uses as names but the tagger never tags, typed by their word cluster's tagged names: off (USAGE_SEEN 0)
USAGE_SEEN, USAGE_SHARE, CLUSTER_NAMES, CLUSTER_SHARE = 0, 0.02, 3, 0.6
ALONE = True  # the tagger, seeing the word on its own, takes it for a name (as NameTagger.repeated asks)
# Names a noun of a kind of company or medium stands right before in the unlabeled text ("der Kurznachrichtendienst
# X", "die Fluggesellschaft X"): organisations the tagger may never tag (platforms, airlines), seen so KIND_SEEN times
# or more. Not after "Unternehmen" (a military operation, "Unternehmen Seelöwe"), "Partei" ("Partei Deutschlands") or
# "Bank", nor a compound ending in "-app" ("WhatsApp Web")
KIND_NOUNS = ("dienst", "dienstes", "netzwerk", "netzwerks", "plattform", "fluggesellschaft", "airline", "konzern",
              "konzerns", "hersteller", "herstellers", "firma", "messenger", "suchmaschine", "portal", "portals",
              "sender", "senders", "zeitung", "magazin", "onlinehändler", "versandhändler", "autobauer", "reederei",
              "verlag", "verlags")
KIND_NAME = re.compile(r"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:" + "|".join(KIND_NOUNS) + r")[ \t]+"
                       r"([A-ZÄÖÜ][\w]+(?:-[A-ZÄÖÜ][\w]+)?)(?![\w-])(?![ \t]+[A-ZÄÖÜ])")
KIND_SEEN = 2
# ... and at least this share of all the word's uses in the text: "Welt" (14 of 4,531), "Radio", "GmbH", "Times" are
# far more often something else; "Twitter" 9 of 177, "YouTube" 2 of 188. Read off the harvested list (its 184 words),
# not off the news pages
KIND_SHARE = 0.01
KINDS = HERE / ".cache" / "kind_names.json"
ACRONYM_PLURAL = re.compile(r"[A-ZÄÖÜ]{2,}s")  # "PCs", "SUVs": a kind of thing, not a name
LEVELS = (0.5, 0.7, 0.9)
STATS = HERE / ".cache" / "known_names.json"
END = frozenset(".!?:\"„“«»")


def main() -> int:
    tagger = bundled()
    if "--cached" in sys.argv:
        stats = json.loads(STATS.read_text(encoding="utf-8"))
        return write(tagger, Counter(stats["seen"]), {w: Counter(c) for w, c in stats["named"].items()})
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 10**9
    seen: Counter[str] = Counter()
    named: dict[str, Counter[str]] = {}
    t0, tokens = time.time(), 0
    for n, para in enumerate(paragraphs()):
        if n >= limit:
            break
        for s0, s1 in sentences_and_lines(para):
            spans = [m.span() for m in TAG_TOKEN.finditer(para, s0, s1)]
            words = [para[a:b] for a, b in spans]
            tokens += len(words)
            if not words:
                continue
            ((tags, marginals),) = tagger.read([words])
            for k in range(1, len(words)):
                w = words[k]
                if not (w[:1].isupper() and len(w) >= 2 and w.replace("-", "").isalpha()) or words[k - 1] in END:
                    continue
                seen[w] += 1
                one = tags[k].startswith("B-") and (k + 1 == len(words) or not tags[k + 1].startswith("I-"))
                if one:
                    sure = float(marginals[k, tagger.crf.label_index[tags[k]]])
                    for level in LEVELS:
                        if sure >= level:
                            named.setdefault(w, Counter())[f"{tags[k][2:]}{level}"] += 1
        if n % 20000 == 0:
            print(f"{n} paragraphs, {tokens} tokens, {len(named)} names ({time.time() - t0:.0f} s)", flush=True)
    STATS.parent.mkdir(exist_ok=True)
    STATS.write_text(json.dumps({"seen": seen, "named": named}), encoding="utf-8")
    return write(tagger, seen, named)


def write(tagger: NameTagger, seen: Counter[str], named: dict[str, Counter[str]]) -> int:
    nouns = noun_contexts()
    lexicon = tagger.features.lexicon

    def noun_share(w: str) -> float | None:
        uses = nouns.lookup(w)
        return (uses[1] + uses[2]) / uses[0] if uses and uses[0] >= 5 else None

    table: dict[str, str] = {}
    for w, counts in named.items():
        by_type = Counter({t: counts[f"{t}{CONFIDENT}"] for t in TYPES if counts[f"{t}{CONFIDENT}"]})
        if not by_type:
            continue
        total = sum(by_type.values())
        kind, top = by_type.most_common(1)[0]
        if seen[w] < MIN_SEEN or total < NAME_SHARE * seen[w] or top < TYPE_SHARE * total:
            continue
        if tagger.mostly_lower_case(w) or (noun_share(w) or 0.0) > NOUN_SHARE:
            continue
        if ALONE and tagger.type_of([w], (*TYPES, "O")) == "O":
            continue
        if ALONE and ACRONYM_PLURAL.fullmatch(w):
            continue
        table[w] = kind
    tagged = len(table)
    # words the text uses as names (never after an indefinite article or an adjective, never lower case) that the
    # tagger does not tag: typed as most of the tagged names of their word cluster (800 clusters) are
    by_cluster: dict[int, Counter[str]] = {}
    for w, kind in table.items():
        found = lexicon.lookup(w)
        if found and found[0][0] >= 0:
            by_cluster.setdefault(found[0][2], Counter())[kind] += 1
    if USAGE_SEEN:
        for w, n in seen.items():
            if w in table or n < USAGE_SEEN or tagger.mostly_lower_case(w):
                continue
            share = noun_share(w)
            found = lexicon.lookup(w)
            if share is None or share > USAGE_SHARE or not found or found[0][0] < 0:
                continue
            votes = by_cluster.get(found[0][2])
            if not votes or sum(votes.values()) < CLUSTER_NAMES:
                continue
            kind, top = votes.most_common(1)[0]
            if top >= CLUSTER_SHARE * sum(votes.values()):
                table[w] = kind
    by_kind = kind_names(tagger, table)
    table.update(by_kind)
    print("tagged:", list(table)[:40], "by usage:", list(table)[tagged:tagged + 80], "after a kind noun:",
          sorted(by_kind))
    keys = sorted((word_key(w), TYPES.index(kind)) for w, kind in table.items())
    np.savez_compressed(KNOWN_PATH, keys=np.array([k for k, _ in keys], dtype=np.uint64),
                        types=np.array([t for _, t in keys], dtype=np.uint8))
    print(f"{tagged} tagged, {len(by_kind)} after a kind noun and {len(table) - tagged - len(by_kind)} by usage of "
          f"{len(named)} tagged words -> {KNOWN_PATH}")
    return 0


def kind_names(tagger: NameTagger, table: dict[str, str]) -> dict[str, str]:
    """The one-word organisations the unlabeled text names right after a noun of their kind (KIND_NAME) KIND_SEEN
    times or more, and in KIND_SHARE of its uses, that the table lacks: no common noun (also judged by its compound's
    head, "Rohstoff"), not written mostly in lower case, no place to the model, not the genitive of a listed place
    ("Konzerne Nordlands")."""
    from lagebild.extract.common_nouns import is_common_noun
    from lagebild.extract.name_tagger import NAME_LISTS

    if KINDS.exists():
        counts = Counter(json.loads(KINDS.read_text(encoding="utf-8")))
    else:
        counts = Counter(m.group(1) for para in paragraphs() for m in KIND_NAME.finditer(para))
        KINDS.parent.mkdir(exist_ok=True)
        KINDS.write_text(json.dumps(counts), encoding="utf-8")
    lexicon = tagger.features.lexicon
    places = 1 << NAME_LISTS.index("CITY") | 1 << NAME_LISTS.index("COUNTRY") | 1 << NAME_LISTS.index("PLACE")
    out = {}
    for w, n in counts.items():
        found = lexicon.lookup(w)
        if n < KIND_SEEN or w in table or len(w) < 3 or tagger.mostly_lower_case(w) or is_common_noun(w) or \
                n < KIND_SHARE * (found[1] if found else 0) or tagger.type_of([w], (*TYPES, "O")) == "LOC":
            continue  # a place on its own to the model: "der Sender Zugspitze" is the transmitter there
        stem = lexicon.lookup(w[:-1]) if w.endswith("s") else None
        if (stem and stem[2] & places) or (w.endswith("s") and table.get(w[:-1]) == "LOC"):
            continue
        out[w] = "ORG"
    return out


if __name__ == "__main__":
    sys.exit(main())
