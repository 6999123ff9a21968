"""The analyser on real articles nobody on the project wrote: every labelled set, one table.

The real sets are third-party text, so they are never committed: they live outside the
repository (``--corpus``, default ``$VERIFIER_REAL_CORPUS``), one folder per set with its
labels beside it (``setA/*.txt`` + ``setA.labels.jsonl``, the guide's format). What is
committed is ``bench/real/manifest.tsv`` (each article's address and outlet) and the frozen
first-run scores in ``bench/real/README.md``.

    python bench/real.py --corpus /work/realcorpus            # per set and all sets together
    python bench/real.py --corpus /work/realcorpus --json
    python bench/real.py --corpus /work/realcorpus --errors 20   # the first 20 disagreements
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from verifier import analyse_text
from verifier.evaluation.labels import Evaluation, read_labels, score
from verifier.ingest.textfile import read_article_text
from verifier.vocab import KINDS

SHORT = {"official": "offic", "named": "named", "media": "media", "unnamed_official": "u.off",
         "unnamed": "unnam", "declined": "decl", "denied": "deny"}


def evaluate_sets(corpus: Path) -> dict[str, Evaluation]:
    """Each ``<set>.labels.jsonl`` of ``corpus`` scored, and all of them together (``all``)."""
    results: dict[str, Evaluation] = {}
    everything = []
    for labels in sorted(corpus.glob("*.labels.jsonl")):
        name = labels.name.removesuffix(".labels.jsonl")
        pairs = [
            (doc, gold, analyse_text(read_article_text(corpus / name / f"{doc}.txt")))
            for doc, gold in read_labels(labels).items()
        ]
        everything += pairs
        results[name] = score(pairs)
    if len(results) > 1:
        results["all"] = score(everything)
    return results


def _row(name: str, ev: Evaluation) -> str:
    kinds = " ".join(f"{ev.per_kind[k].f1:5.2f}" for k in KINDS)
    s = ev.sourcing
    return (f"{name:6} {ev.documents:4} {ev.gold_sentences:5}  {s.precision:5.3f} {s.recall:5.3f} "
            f"{s.f1:5.3f}  {kinds}  {ev.claim.f1:5.3f} {ev.certainty_accuracy:5.3f} "
            f"{ev.boundary_accuracy:5.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("VERIFIER_REAL_CORPUS"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if not args.corpus or not Path(args.corpus).is_dir():
        print("bench/real.py: give --corpus DIR (or $VERIFIER_REAL_CORPUS)", file=sys.stderr)
        return 2
    results = evaluate_sets(Path(args.corpus))
    if args.json:
        out: dict[str, Any] = {name: ev.to_dict() for name, ev in results.items()}
        print(json.dumps(out, indent=2))
        return 0
    header = " ".join(f"{SHORT[k]:>5}" for k in KINDS)
    print(f"{'set':6} {'docs':>4} {'sents':>5}  {'P':>5} {'R':>5} {'F1':>5}  {header}  "
          f"{'claim':>5} {'cert':>5} {'bound':>5}")
    for name, ev in results.items():
        print(_row(name, ev))
    if args.errors:
        combined = results.get("all") or next(iter(results.values()))
        for error in combined.errors[: args.errors]:
            print(json.dumps(error.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
