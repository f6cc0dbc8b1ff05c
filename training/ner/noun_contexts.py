"""How often each capitalised word of the unlabeled text (training/ner/unlabeled.py) stands where a common
noun stands, for the name tagger, the mention filter and the spelling rules (lagebild/extract/common_nouns.py).
German capitalises every noun, so a capital letter is no evidence of a name; the words in front are: a name
rarely follows an indefinite article or quantifier ("eine Allianz", "mehrere Behörden") or a lower-case
adjective ("die neue Allianz"), a common noun often does.

    python training/ner/noun_contexts.py      (about a minute; writes lagebild/extract/data/ner_nouns.npz)

Per word written with a capital inside a sentence (not its first word): how often, and how often after an
indefinite article / quantifier, after a lower-case adjective, after a definite article. Words seen fewer
than MIN_SEEN times are left out; the table keeps 64-bit hashes of the words (name_tagger.word_key).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from unlabeled import paragraphs  # noqa: E402

from lagebild.extract.common_nouns import NOUNS_PATH, NounContexts, context_of  # noqa: E402
from lagebild.extract.name_tagger import TOKEN  # noqa: E402

MIN_SEEN = 3


def main() -> int:
    counts: dict[str, list[int]] = {}
    for para in paragraphs():
        words = TOKEN.findall(para)
        for i in range(1, len(words)):
            w = words[i]
            if not w[:1].isupper() or words[i - 1] in (".", "!", "?", ":", "„", '"', "“"):
                continue
            row = counts.get(w)
            if row is None:
                row = counts[w] = [0, 0, 0, 0]
            row[0] += 1
            kind = context_of(words[i - 1])
            if kind:
                row[kind] += 1
    kept = {w: c for w, c in counts.items() if c[0] >= MIN_SEEN}
    table = NounContexts.build(kept)
    table.save(NOUNS_PATH)
    print(f"{len(kept)} capitalised words -> {NOUNS_PATH} ({NOUNS_PATH.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
