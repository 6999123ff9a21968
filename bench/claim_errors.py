"""Claims, certainty and sentence boundaries against the real labels, error by error.

    python bench/claim_errors.py --corpus /work/realcorpus/fit-noa            # counts per set
    python bench/claim_errors.py --corpus DIR --list boundary > /tmp/b.jsonl  # every boundary error
    python bench/claim_errors.py --corpus DIR --list claim                    # ... claim errors
    python bench/claim_errors.py --corpus DIR --list certainty                # ... certainty errors

``bench/real.py --errors`` lists claim and certainty disagreements among the sourcing ones
but not boundaries. Here each gold sentence whose exact span the segmenter misses is one
boundary error, of a shape: ``split`` (two or more predicted sentences inside the gold one),
``merged`` (one predicted sentence holds it and more), ``shifted`` (the edges differ
otherwise) or ``missing`` (no predicted sentence overlaps it); each carries the gold text and
the predicted pieces that overlap it. Claim errors carry the analyser's claim rule and
whether the gold sentence's boundary was exact; certainty errors the certainty rule and cue.
The counts per set and pooled are printed first (``--list`` prints only the lines).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from real import labelled_texts

from verifier import analyse_text
from verifier.analysis.results import SentenceAnalysis
from verifier.evaluation.labels import align, locate

KINDS = ("boundary", "claim", "certainty")


def shape(span: tuple[int, int], pieces: list[SentenceAnalysis]) -> str:
    """How the predicted ``pieces`` that overlap a gold ``span`` miss it."""
    if not pieces:
        return "missing"
    if len(pieces) > 1 and pieces[0].start >= span[0] and pieces[-1].end <= span[1]:
        return "split"
    if len(pieces) == 1 and pieces[0].start <= span[0] and pieces[0].end >= span[1]:
        return "merged"
    return "shifted"


def errors(corpus: Path) -> tuple[list[dict[str, Any]], dict[str, Counter[str]]]:
    """Every boundary, claim and certainty error of ``corpus``, and counts per set."""
    lines: list[dict[str, Any]] = []
    counts: dict[str, Counter[str]] = {}
    for name, doc, gold, text in labelled_texts(corpus):
        tally = counts.setdefault(name, Counter())
        analysis = analyse_text(text)
        spans = locate(analysis.text, gold, doc)
        matched, _ = align(spans, analysis.sentences)
        for g, span, p in zip(gold, spans, matched, strict=True):
            tally["sentences"] += 1
            exact = p is not None and (p.start, p.end) == span
            base = {"set": name, "doc": doc, "i": g.i, "text": g.text}
            if not exact:
                pieces = [s for s in analysis.sentences if s.end > span[0] and s.start < span[1]]
                kind = shape(span, pieces)
                tally[f"boundary:{kind}"] += 1
                lines.append({**base, "error": "boundary", "shape": kind, "gold_claim": g.claim,
                              "predicted": [s.text for s in pieces]})
            pred_claim = p.claim if p is not None else False
            if g.claim != pred_claim:
                tally["claim:fp" if pred_claim else "claim:fn"] += 1
                lines.append({**base, "error": "claim", "gold": g.claim, "predicted": pred_claim,
                              "exact": exact, "rule": p.claim_rule if p is not None else None})
            if g.certainty is not None:
                tally["certainty:total"] += 1
                pred_c = (p.certainty.value if p is not None and p.certainty is not None
                          else "none")
                if pred_c != g.certainty:
                    tally["certainty:wrong"] += 1
                    cue = p.certainty.cue if p is not None and p.certainty is not None else None
                    lines.append({**base, "error": "certainty", "gold": g.certainty,
                                  "predicted": pred_c, "exact": exact,
                                  "rule": (p.certainty.rule if p is not None
                                           and p.certainty is not None else None),
                                  "cue": None if cue is None else cue.text})
    return lines, counts


def table(counts: dict[str, Counter[str]]) -> str:
    keys = ["sentences", "boundary:split", "boundary:merged", "boundary:shifted",
            "boundary:missing", "claim:fp", "claim:fn", "certainty:wrong", "certainty:total"]
    total: Counter[str] = Counter()
    rows = [f"{'set':6} " + " ".join(f"{k.split(':')[-1][:7]:>7}" for k in keys)]
    for name, tally in [*sorted(counts.items()), ("all", total)]:
        if name != "all":
            total.update(tally)
        rows.append(f"{name:6} " + " ".join(f"{tally[k]:7d}" for k in keys))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("VERIFIER_REAL_CORPUS"))
    parser.add_argument("--list", choices=KINDS, action="append", default=[])
    args = parser.parse_args(argv)
    if not args.corpus or not Path(args.corpus).is_dir():
        print("bench/claim_errors.py: give --corpus DIR", file=sys.stderr)
        return 2
    lines, counts = errors(Path(args.corpus))
    if args.list:
        for line in lines:
            if line["error"] in args.list:
                print(json.dumps(line, ensure_ascii=False))
        return 0
    print(table(counts))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
