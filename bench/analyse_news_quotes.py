"""Where the quotation models lose on the German news quotation corpus (dev split): per quotation type,
token precision and recall as the corpus's eval.py counts them (quotations matched one to one), split
into quotations missed entirely / found with wrong boundaries / found; and the speaker errors by the
kind of gold speaker (pronoun, role noun, name) and cause (no speaker given, gold speaker not among the
linker's candidates, another candidate chosen).

    python bench/analyse_news_quotes.py [--split dev|train] [--mode models|pipeline] [--show N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "quotes"))

from corpus import LABEL_TYPE, Article, articles  # noqa: E402
from eval_news_quotes import _eval_module, as_eval_doc, gold_doc, predictions, speaker_pairs, token_ids  # noqa: E402

from lagebild.extract.speech_words import PRONOUN_SPEAKERS, is_role_noun  # noqa: E402

TYPE_LABEL = {v: k for k, v in LABEL_TYPE.items()} | {"FreeIndirect": "F"}


def speaker_kind(words: str) -> str:
    ws = words.split()
    if len(ws) == 1 and ws[0].lower() in PRONOUN_SPEAKERS:
        return "pronoun"
    if any(is_role_noun(w) for w in ws) or (ws and ws[0][:1].islower()):
        return "role"
    return "name"


def candidates(art: Article) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """The linker's candidate mentions (character spans) per found quotation span (models mode)."""
    from lagebild.extract import quote_tagger as qt

    spans, sent_of, feats = qt.document_features(art.text)
    if not spans:
        return {}
    span_tagger, role_tagger, _ = qt._models()
    labels = span_tagger.tag(feats)
    quotes = qt.runs(labels, spans)
    words = [art.text[a:b] for a, b in spans]
    roles, _prob, phrases = qt._roles_near(quotes, feats, labels, sent_of, role_tagger, words)
    s_runs = {(a, b) for a, b, r in qt.runs(roles, spans) if r == "S"}
    mentions = sorted(set(phrases) | s_runs)
    out = {}
    for q in quotes:
        cands = qt.candidates_for(q, mentions, sent_of, None, s_runs)
        out[(spans[q[0]][0], spans[q[1] - 1][1])] = [(spans[a][0], spans[b - 1][1]) for a, b in cands]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--mode", default="models", choices=["models", "pipeline"])
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each speaker error")
    args = ap.parse_args()
    module = _eval_module()
    recall: dict[str, list[float]] = defaultdict(list)
    precision: dict[str, list[float]] = defaultdict(list)
    gold_fate: dict[str, Counter] = defaultdict(Counter)
    sys_fate: dict[str, Counter] = defaultdict(Counter)
    spk: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for art in articles(args.split):
        preds = predictions(art, args.mode)
        sdoc, gdoc = as_eval_doc(module, art, preds), gold_doc(module, art)
        si, gi = module.assign_messages(sdoc.groups, gdoc.groups)
        matched = {}
        for s, g in zip(si, gi, strict=True):
            gs, gg = set(sdoc.groups[s].msg), set(gdoc.groups[g].msg)
            if gs & gg:
                matched[g] = s
        matched_sys = set(matched.values())
        for g, gg in enumerate(gdoc.groups):
            t = TYPE_LABEL.get(gg.form, "?")
            if g not in matched:
                recall[t].append(0.0)
                gold_fate[t]["missed"] += 1
                continue
            sg = sdoc.groups[matched[g]]
            r = len(set(gg.msg) & set(sg.msg)) / len(gg.msg)
            recall[t].append(r)
            gold_fate[t]["found" if r >= 0.9 and len(set(gg.msg) & set(sg.msg)) / len(sg.msg) >= 0.9
                          else "boundary"] += 1
            gold_fate[t]["type_right" if sg.form == gg.form else "type_wrong"] += 1
        for s, sg in enumerate(sdoc.groups):
            t = TYPE_LABEL.get(sg.form, "?")
            if s not in matched_sys:
                precision[t].append(0.0)
                sys_fate[t]["spurious"] += 1
                continue
            g = next(g for g, x in matched.items() if x == s)
            precision[t].append(len(set(gdoc.groups[g].msg) & set(sg.msg)) / len(sg.msg))
        # speakers, as the bench counts them
        cands = candidates(art) if args.mode == "models" else {}
        for q, best, gs, ps in speaker_pairs(art, preds):
            words = " ".join(art.text[a:b] for a, b in q.speaker)
            kind = speaker_kind(words)
            if gs & ps:
                cause = "right"
            elif not best["speaker"]:
                cause = "none given"
            else:
                cs = cands.get(tuple(best["quote"]), [])
                inside = any(gs & set(token_ids(art, *c)) for c in cs)
                cause = "wrong, gold among candidates" if inside or not cands else "wrong, gold not a candidate"
            spk[kind][cause] += 1
            spk["all"][cause] += 1
            if cause != "right" and len(examples.get(cause, [])) < args.show:
                got = art.text[best["speaker"][0]:best["speaker"][1]] if best["speaker"] else "-"
                a, b = best["quote"]
                examples[cause].append(f"[{kind}] gold {words!r} got {got!r} | {art.text[a:b][:100]!r}")
    print(f"{args.split}, {args.mode}: macro token P/R per quotation type (eval.py's counting)")
    for t in "DIRF":
        p, r = precision[t], recall[t]
        print(f"  {t}: gold {len(r):4d} R {sum(r) / max(len(r), 1):.3f} {dict(gold_fate[t])}; "
              f"found {len(p):4d} P {sum(p) / max(len(p), 1):.3f} {dict(sys_fate[t])}")
    print("speaker on found quotations with a gold speaker, by gold speaker kind")
    for kind, c in spk.items():
        n = sum(c.values())
        print(f"  {kind:8s} {n:4d} right {c['right'] / max(n, 1):.3f} " + ", ".join(
            f"{k} {v}" for k, v in c.most_common() if k != "right"))
    for cause, xs in examples.items():
        print(f"-- {cause}")
        for x in xs:
            print("  ", x)


if __name__ == "__main__":
    main()
