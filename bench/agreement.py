"""How far two labellers agree on the same texts: the ceiling the analyser is measured under.

    .venv/bin/python bench/agreement.py FIRST.labels.jsonl SECOND.labels.jsonl --texts DIR
        [--stories FIRST.stories.jsonl SECOND.stories.jsonl] [--disagreements N]

Both files label the same documents (``DIR/<doc>.txt``) by the sourcing guide; only the
documents the second file labels are compared. The second labeller is scored against the first
exactly as ``bench/real.py`` scores the analyser: sentences aligned by the most overlapping
character span, claim F1, sourcing micro P/R/F1 and per kind (each kind counted per sentence,
the smaller count agreeing), certainty accuracy over the first labeller's claims. Swapping the
files swaps P and R and leaves F1 as it is, so the number is symmetric.

With ``--stories``, story membership is compared as ``verifier eval-stories`` compares the
analyser's stories: for each story of the first file, the second file's story holding most of
its sentences (sentences mapped to the first file's numbering by span), membership P/R/F1,
macro over stories, and how often the two give a matched story the same outcome.

Labelled texts are third-party text: they are read at run time and never copied into the
project.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from verifier.errors import InputError
from verifier.evaluation.labels import GoldSentence, locate, read_labels
from verifier.evaluation.stories import read_story_rows
from verifier.ingest.textfile import read_article_text
from verifier.vocab import KINDS

Span = tuple[int, int]
_SHORT = {"official": "offic", "unnamed_official": "u.off", "unnamed": "unnam",
          "declined": "decl", "denied": "deny"}


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _mapping(first: list[Span], second: list[Span]) -> dict[int, int]:
    """Each second-file sentence's first-file sentence (the most overlapping span)."""
    mapped = {}
    for j, span in enumerate(second):
        scores = [_overlap(span, other) for other in first]
        if scores and max(scores) > 0:
            mapped[j] = scores.index(max(scores))
    return mapped


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Agreement:
    def __init__(self) -> None:
        self.kind: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        self.claim: Counter[str] = Counter()
        self.certain = [0, 0]
        self.disagreements: list[dict[str, Any]] = []

    def add(self, doc: str, a: GoldSentence | None, b: GoldSentence | None) -> None:
        claim_a, claim_b = bool(a and a.claim), bool(b and b.claim)
        self.claim[("tp" if claim_b else "fn") if claim_a else ("fp" if claim_b else "tn")] += 1
        kinds_a = Counter(a.kinds) if a else Counter()
        kinds_b = Counter(b.kinds) if b else Counter()
        for kind in KINDS:
            both = min(kinds_a[kind], kinds_b[kind])
            self.kind[kind]["tp"] += both
            self.kind[kind]["fp"] += kinds_b[kind] - both
            self.kind[kind]["fn"] += kinds_a[kind] - both
        shown = a or b
        if kinds_a != kinds_b and shown is not None:
            self.disagreements.append({
                "doc": doc, "i": a.i if a else None,
                "first": ", ".join(a.kinds) if a and a.kinds else "unattributed",
                "second": ", ".join(b.kinds) if b and b.kinds else "unattributed",
                "text": shown.text,
            })
        if a is not None and a.certainty is not None:
            self.certain[1] += 1
            self.certain[0] += (b.certainty if b else None) == a.certainty

    def table(self) -> str:
        micro = [sum(c[x] for c in self.kind.values()) for x in ("tp", "fp", "fn")]
        p, r, f = _f1(*micro)
        claim = _f1(self.claim["tp"], self.claim["fp"], self.claim["fn"])[2]
        cert = self.certain[0] / self.certain[1] if self.certain[1] else 0.0
        kinds = "  ".join(
            f"{_SHORT.get(k, k)} {_f1(c['tp'], c['fp'], c['fn'])[2]:.2f} "
            f"({c['tp'] + c['fn']}/{c['tp'] + c['fp']})"
            for k, c in self.kind.items()
        )
        return (f"sourcing P {p:.3f} R {r:.3f} F1 {f:.3f}   claim F1 {claim:.3f}   "
                f"certainty {cert:.3f}\nper kind F1 (first/second count): {kinds}")


def compare_labels(
    first: dict[str, list[GoldSentence]], second: dict[str, list[GoldSentence]], texts: Path
) -> tuple[Agreement, dict[str, dict[int, int]]]:
    """The agreement of ``second`` with ``first`` and, per document, each second-file
    sentence number's first-file sentence number."""
    agreement = Agreement()
    mappings = {}
    for doc, sentences_b in second.items():
        if doc not in first:
            raise InputError(f"{doc}: labelled by the second file only")
        sentences_a = first[doc]
        text = read_article_text(texts / f"{doc}.txt")
        spans_a = locate(text, sentences_a, doc)
        spans_b = locate(text, sentences_b, doc)
        mapping = _mapping(spans_a, spans_b)
        mappings[doc] = mapping
        matched: dict[int, GoldSentence] = {}
        for j, target in mapping.items():
            best = matched.get(target)
            if best is None or _overlap(spans_b[j], spans_a[target]) > _overlap(
                    spans_b[best.i], spans_a[target]):
                matched[target] = sentences_b[j]
        for a in sentences_a:
            agreement.add(doc, a, matched.get(a.i))
        for b in sentences_b:
            if b.i not in mapping or matched.get(mapping[b.i]) is not b:
                agreement.add(doc, None, b)
    return agreement, mappings


def compare_stories(first: Path, second: Path, mappings: dict[str, dict[int, int]]) -> str:
    def members(path: Path, mapped: bool) -> tuple[dict[str, set[tuple[str, int]]],
                                                   dict[str, str | None]]:
        stories: dict[str, set[tuple[str, int]]] = defaultdict(set)
        outcomes: dict[str, str | None] = {}
        for row in read_story_rows(path):
            doc = row["doc"]
            if doc not in mappings:
                continue
            for i in row["sentences"]:
                target = mappings[doc].get(i) if mapped else i
                if target is not None:
                    stories[row["story"]].add((doc, target))
            outcomes[row["story"]] = row.get("outcome")
        return stories, outcomes

    gold, gold_outcomes = members(first, mapped=False)
    other, other_outcomes = members(second, mapped=True)
    f1s = []
    cross_f1s = []
    same_outcome = judged = 0
    for name, sentences in gold.items():
        # most shared sentences; of those, the tightest (a story inside a wider one is itself)
        best = max(other, key=lambda o: (len(other[o] & sentences), -len(other[o])),
                   default=None)
        shared = len(other[best] & sentences) if best is not None else 0
        p = shared / len(other[best]) if best is not None and other[best] else 0.0
        r = shared / len(sentences)
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        if len({doc for doc, _ in sentences}) > 1:
            cross_f1s.append(f)
        if shared and gold_outcomes.get(name) and best is not None:
            judged += 1
            same_outcome += gold_outcomes[name] == other_outcomes.get(best)
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    cross = sum(cross_f1s) / len(cross_f1s) if cross_f1s else 0.0
    return (f"stories: first {len(gold)}, second {len(other)}; membership F1 macro {macro:.3f}"
            f" (cross-article stories {cross:.3f}, {len(cross_f1s)}); same outcome "
            f"{same_outcome}/{judged}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--texts", type=Path, required=True)
    parser.add_argument("--stories", type=Path, nargs=2, metavar=("FIRST", "SECOND"))
    parser.add_argument("--disagreements", type=int, default=0, metavar="N",
                        help="print the first N sourcing disagreements")
    args = parser.parse_args(argv)
    try:
        second = read_labels(args.second)
        first = {doc: s for doc, s in read_labels(args.first).items() if doc in second}
        agreement, mappings = compare_labels(first, second, args.texts)
        print(f"documents {len(second)}, sentences first {sum(map(len, first.values()))} "
              f"second {sum(map(len, second.values()))}")
        print(agreement.table())
        if args.stories:
            print(compare_stories(args.stories[0], args.stories[1], mappings))
    except (InputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for row in agreement.disagreements[: args.disagreements]:
        print(f"{row['doc']}:{row['i']}  first {row['first']} | second {row['second']} | "
              f"{row['text'][:120]}")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
