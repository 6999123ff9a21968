"""Which kind the analyser gives a source the labellers gave another: the confusion of kinds.

    python bench/kinds.py --corpus /work/realcorpus/fit-noR            # the matrix, pooled
    python bench/kinds.py --corpus /work/realcorpus/fit-noR --pair named:official --show 20
    python bench/kinds.py --corpus /work/realcorpus/tune --why --sets setY,seta,setc  # causes

The scorer (``bench/real.py``) counts kinds per sentence, so an official read as named is
one official missed and one named too many, and nothing says they were the same source. This
script pairs each gold sourcing entry with the predicted attribution of its sentence that
shares most source words with it (the source words of a carried attribution and the words
that stand for it here, "he", both count; a pair needs one shared word that is no function
word, or else the sentence's only entry and only attribution), and counts gold kind against
predicted kind: the diagonal is a source found with the right kind, a cell off it a source
found with the wrong one, ``-`` a source not found (row) or found with no gold entry
(column). ``--pair GOLD:PRED`` lists the pairs of that cell with the analyser's evidence (the
rule, the source words, the evidence words elsewhere), to read a class of confusion, never to
copy its wordings. ``--why`` counts, for each cell off the diagonal between two speaker kinds
(official, named, media, unnamed official, unnamed; a stance, declined or denied, is another
fact), why the analyser's kind differs: ``carried`` (an earlier speaker's, by a quotation
going on or a pronoun), ``other speaker`` (no source word shared with the gold entry),
``kind model`` (the learned chooser changed the rules' kind), ``name fallback`` (a name
nothing in the article describes took its rule's declared default), ``evidence`` (another
mention's words decided) or ``descriptor`` (the source's own words, by the rule that read
them). ``--sets`` keeps only the named sets (to write rules from one half of a corpus and
measure them on the other).

The real sets are third-party text and are never committed; the script reads them at run
time and prints only to the terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from real import labelled_texts

from verifier import analyse_text
from verifier.analysis.attribution.chooser import RULE_SUFFIX
from verifier.analysis.results import Attribution, SentenceAnalysis
from verifier.evaluation.labels import GoldSentence, align, locate
from verifier.vocab import KINDS

SHORT = {"official": "offic", "named": "named", "media": "media", "unnamed_official": "u.off",
         "unnamed": "unnam", "declined": "decl", "denied": "deny", "-": "-"}
_WORD = re.compile(r"[\w'’-]+")
_FUNCTION = frozenset({
    "a", "an", "the", "of", "for", "at", "in", "on", "to", "and", "its", "his", "her", "their",
    "by", "from", "with", "s", "said", "told", "says",
})


def _words(text: str) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD.findall(text)} - _FUNCTION


def _pred_words(a: Attribution) -> set[str]:
    words = _words(a.source.text)
    if a.mention is not None:
        words |= _words(a.mention.text)
    return words


def pair_sentence(
    gold: list[dict[str, Any]], predicted: SentenceAnalysis | None
) -> list[tuple[dict[str, Any] | None, Attribution | None]]:
    """Gold entries and predicted attributions paired by shared source words (greedy, most
    shared first); unpaired ones with None on the other side."""
    preds = list(predicted.attributions) if predicted is not None else []
    scores = []
    for gi, g in enumerate(gold):
        gw = _words(g["source"])
        for pi, p in enumerate(preds):
            shared = len(gw & _pred_words(p))
            same = int(g["kind"] == p.kind)
            if shared:
                scores.append((shared, same, -gi, -pi, gi, pi))
    scores.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[dict[str, Any] | None, Attribution | None]] = []
    for *_, gi, pi in scores:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], preds[pi]))
    rest_g = [g for gi, g in enumerate(gold) if gi not in used_g]
    rest_p = [p for pi, p in enumerate(preds) if pi not in used_p]
    if len(gold) == 1 and len(preds) == 1 and rest_g and rest_p:
        return [(rest_g[0], rest_p[0])]
    pairs += [(g, None) for g in rest_g]
    pairs += [(None, p) for p in rest_p]
    return pairs


def entries(g: GoldSentence) -> list[dict[str, Any]]:
    """A gold sentence's sourcing entries as the labels write them (``kind``, ``source``)."""
    return [{"kind": k, "source": s} for k, s in zip(g.kinds, g.sources, strict=True)]


def collect(corpus: Path, sets: frozenset[str] = frozenset()) -> list[
        tuple[str, str, str, str, dict[str, Any] | None, Attribution | None]]:
    """(set, doc, sentence text, article text, gold entry, predicted attribution) for every
    pair of every labelled text of ``corpus`` (of the sets named in ``sets``, when given)."""
    rows = []
    for name, doc, gold, text in labelled_texts(corpus):
        if sets and name not in sets:
            continue
        analysis = analyse_text(text)
        predicted, _ = align(locate(text, gold, doc), analysis.sentences)
        for g, p in zip(gold, predicted, strict=True):
            for ge, pa in pair_sentence(entries(g), p):
                rows.append((name, doc, g.text, text, ge, pa))
    return rows


def matrix(rows: list[Any]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for *_, g, p in rows:
        counts[(g["kind"] if g else "-", p.kind if p else "-")] += 1
    return counts


SPEAKER_KINDS = ("official", "named", "media", "unnamed_official", "unnamed")


def why(g: dict[str, Any], p: Attribution) -> str:
    """Why a found source's kind differs from the gold entry's (``--why``): the first of
    carried, other speaker, kind model, name fallback, evidence, descriptor that holds."""
    if p.carried:
        return "carried"
    if not _words(g["source"]) & _pred_words(p):
        return "other speaker"
    if p.rule.endswith(RULE_SUFFIX):
        return "kind model"
    if p.evidence is None and "evidence" in p.reason:
        return "name fallback"
    if p.evidence is not None:
        return "evidence"
    return "descriptor " + p.rule.rsplit("+", 1)[-1]


def causes(rows: list[Any]) -> Counter[tuple[str, str, str]]:
    """(gold kind, predicted kind, cause) of every pair off the diagonal between two speaker
    kinds; a descriptor's cause names its rule."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for *_, g, p in rows:
        if g is None or p is None or g["kind"] == p.kind:
            continue
        if g["kind"] in SPEAKER_KINDS and p.kind in SPEAKER_KINDS:
            counts[(g["kind"], p.kind, why(g, p))] += 1
    return counts


def cell_documents(rows: list[Any]) -> dict[tuple[str, str], set[str]]:
    """The texts each cell's pairs come from: a cell of many pairs in few texts is a few
    speakers whose attributions go on (quotations, pronouns), not a class of wordings."""
    docs: dict[tuple[str, str], set[str]] = {}
    for _name, doc, *_, g, p in rows:
        if g is not None and p is not None:
            docs.setdefault((g["kind"], p.kind), set()).add(doc)
    return docs


def print_causes(counts: Counter[tuple[str, str, str]],
                 docs: dict[tuple[str, str], set[str]]) -> None:
    cells: Counter[tuple[str, str]] = Counter()
    for (g, p, _), n in counts.items():
        cells[(g, p)] += n
    print("speaker kinds off the diagonal, by cause: gold -> predicted, pairs (texts)")
    for (g, p), total in cells.most_common():
        print(f"{SHORT[g]:>5} -> {SHORT[p]:<5} {total:4d} ({len(docs.get((g, p), ()))} texts)")
        mine = sorted(((n, c) for (cg, cp, c), n in counts.items() if (cg, cp) == (g, p)),
                      reverse=True)
        for n, c in mine:
            print(f"{'':14}{n:4d}  {c}")


def print_matrix(title: str, counts: Counter[tuple[str, str]]) -> None:
    labels = [*KINDS, "-"]
    print(f"{title}: gold (rows) x predicted (columns)")
    print(f"{'':>6} " + " ".join(f"{SHORT[k]:>5}" for k in labels))
    for g in labels:
        print(f"{SHORT[g]:>6} " + " ".join(f"{counts[(g, p)]:5d}" for p in labels))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--pair", default="", metavar="GOLD:PRED",
                        help="list the pairs of one cell ('-' for none)")
    parser.add_argument("--show", type=int, default=30)
    parser.add_argument("--per-set", action="store_true")
    parser.add_argument("--why", action="store_true",
                        help="count the cells between speaker kinds by cause")
    parser.add_argument("--sets", default="", metavar="NAME,...",
                        help="only these sets of the corpus (setY,seta,...)")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print("bench/kinds.py: --corpus DIR", file=sys.stderr)
        return 2
    sets = frozenset(n.strip() for n in args.sets.split(",") if n.strip())
    rows = collect(corpus, sets)
    if not rows:
        print(f"bench/kinds.py: no labelled text in {corpus} (--sets {args.sets or 'all'})",
              file=sys.stderr)
        return 2
    print_matrix("all", matrix(rows))
    if args.why:
        print_causes(causes(rows), cell_documents(rows))
    if args.per_set:
        for name in sorted({r[0] for r in rows}):
            print_matrix(name, matrix([r for r in rows if r[0] == name]))
    if args.pair:
        want_g, want_p = args.pair.split(":")
        shown = 0
        for _name, doc, sentence, text, g, p in rows:
            if (g["kind"] if g else "-") != want_g or (p.kind if p else "-") != want_p:
                continue
            shown += 1
            if shown > args.show:
                break
            print(f"\n{doc} | {sentence}")
            print(f"  gold: {g['source'] if g else '-'}")
            if p is not None:
                extra = " carried" if p.carried else ""
                ev = (f" evidence={text[p.evidence.start:p.evidence.end]!r}"
                      if p.evidence is not None else "")
                men = f" mention={p.mention.text!r}" if p.mention is not None else ""
                why = f" reason={p.reason!r}" if p.reason else ""
                print(f"  pred: {p.source.text!r} rule={p.rule} cue={p.cue.text!r}{extra}{men}"
                      f"{ev}{why}")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
