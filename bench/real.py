"""The analyser on real articles nobody on the project wrote: every labelled set, one table.

The real sets are third-party text, so they are never committed: they live outside the
repository (``--corpus``, default ``$VERIFIER_REAL_CORPUS``), one folder per set with its
labels beside it (``setA/*.txt`` + ``setA.labels.jsonl``, the guide's format). What is
committed is ``bench/real/manifest.tsv`` (each article's address and outlet), the frozen
first-run scores in ``bench/real/README.md``, and each set's labels as stand-off (offsets and
text hashes, no article words: ``bench/real/labels/<set>.standoff.jsonl``), from which
``bench/real/standoff.py unpack`` rebuilds a set's folder once its texts are fetched again.

    python bench/real.py --corpus /work/realcorpus            # per set and all sets together
    python bench/real.py --corpus /work/realcorpus --json
    python bench/real.py --corpus /work/realcorpus --errors 20   # the first 20 disagreements
    python bench/real.py --corpus /work/realcorpus --with-outlet  # outlets from the manifests

Each error line carries why the analyser decided: its claim rule, its certainty rule and cue,
and each attribution's kind, rule, cue and source words (with offsets in the sentence's
article, as the analysis's evidence gives them). ``--with-outlet`` passes each text's outlet
from its set's manifest (``<set>.manifest.tsv``, third column) to the analyser as ``verifier
analyze --outlet`` passes a user's; off by default, so the baselines stay comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from verifier import analyse_text
from verifier.analysis.results import ArticleAnalysis, SentenceAnalysis
from verifier.evaluation.labels import (
    Disagreement,
    Evaluation,
    GoldSentence,
    align,
    locate,
    read_labels,
    score,
)
from verifier.ingest.textfile import read_article_text
from verifier.vocab import KINDS

SHORT = {"official": "offic", "named": "named", "media": "media", "unnamed_official": "u.off",
         "unnamed": "unnam", "declined": "decl", "denied": "deny"}


def labelled_texts(corpus: Path) -> Iterator[tuple[str, str, list[GoldSentence], str]]:
    """Every labelled text of ``corpus`` (``<set>.labels.jsonl`` beside ``<set>/<doc>.txt``):
    its set's name ("setA"), its id, its gold sentences and its text; sets in name order,
    texts in their labels' order. The trainers' and audits' loader too."""
    for labels in sorted(corpus.glob("*.labels.jsonl")):
        name = labels.name.removesuffix(".labels.jsonl")
        for doc, gold in read_labels(labels).items():
            yield name, doc, gold, read_article_text(corpus / name / f"{doc}.txt")


def manifest_outlets(corpus: Path, name: str) -> dict[str, str]:
    """Each text's outlet as ``<name>.manifest.tsv`` records it (id -> third column), as a
    user would name it: without the labeller's note in brackets ("Yahoo News (Reuters
    copy)" -> "Yahoo News")."""
    manifest = corpus / f"{name}.manifest.tsv"
    if not manifest.is_file():
        return {}
    outlets = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if len(columns) >= 3 and columns[2].strip():
            outlets[columns[1]] = columns[2].split(" (")[0].strip()
    return outlets


def outlet_coverage(corpus: Path) -> str:
    """How many of the manifests' outlets the packaged registry knows (by id, name or
    alias, as ``--with-outlet`` resolves them)."""
    from verifier.analysis.analyse import default_registry, resolve_outlet

    registry = default_registry()
    outlets = {}
    for labels in sorted(corpus.glob("*.labels.jsonl")):
        outlets.update(manifest_outlets(corpus, labels.name.removesuffix(".labels.jsonl")))
    known = {doc for doc, outlet in outlets.items() if resolve_outlet(outlet, registry)}
    names = set(outlets.values())
    known_names = {outlets[doc] for doc in known}
    return (f"registry {registry.path}: knows the outlet of {len(known)} of {len(outlets)} "
            f"texts ({len(known) / max(len(outlets), 1):.1%}), {len(known_names)} of "
            f"{len(names)} distinct outlet names")


def evaluate_sets(
    corpus: Path, *, with_outlet: bool = False,
    analyses: dict[str, ArticleAnalysis] | None = None,
) -> dict[str, Evaluation]:
    """Each ``<set>.labels.jsonl`` of ``corpus`` scored, and all of them together (``all``).
    ``with_outlet``: each text is analysed with its manifest's outlet; ``analyses``, if
    given, receives each text's analysis by its id (for the errors' evidence)."""
    results: dict[str, Evaluation] = {}
    everything = []
    for name, texts in groupby(labelled_texts(corpus), key=lambda t: t[0]):
        outlets = manifest_outlets(corpus, name) if with_outlet else {}
        pairs = [(doc, gold, analyse_text(text, outlet=outlets.get(doc)))
                 for _, doc, gold, text in texts]
        if analyses is not None:
            analyses.update((doc, analysis) for doc, _, analysis in pairs)
        everything += pairs
        results[name] = score(pairs)
    if len(results) > 1:
        results["all"] = score(everything)
    return results


def why(sentence: SentenceAnalysis | None) -> dict[str, Any]:
    """What the analyser based its labels of ``sentence`` on: rule ids, cue and source words
    (each word span as [text, start, end] in the article)."""
    if sentence is None:
        return {"predicted_sentence": None}
    data: dict[str, Any] = {"claim_rule": sentence.claim_rule}
    if sentence.certainty is not None:
        cue = sentence.certainty.cue
        data["certainty_rule"] = sentence.certainty.rule
        data["certainty_cue"] = None if cue is None else [cue.text, cue.start, cue.end]
    data["attributions"] = [
        {"kind": a.kind, "rule": a.rule, "cue": [a.cue.text, a.cue.start, a.cue.end],
         "source": [a.source.text, a.source.start, a.source.end],
         **({"carried": True} if a.carried else {}),
         **({"mention": a.mention.text} if a.mention is not None else {}),
         **({"evidence": a.evidence.text} if a.evidence is not None else {}),
         **({"reason": a.reason} if a.reason else {})}
        for a in sentence.attributions
    ]
    return data


def explained(errors: list[Disagreement], gold: dict[str, Any],
              analyses: dict[str, ArticleAnalysis]) -> list[dict[str, Any]]:
    """Each error as a dict with the evidence of the predicted sentence it concerns (the
    one aligned with its gold sentence, or the unmatched prediction of its text)."""
    matched: dict[tuple[str, int], SentenceAnalysis | None] = {}
    lines = []
    for error in errors:
        analysis = analyses.get(error.doc)
        sentence: SentenceAnalysis | None = None
        if analysis is not None and error.i is not None:
            if (error.doc, error.i) not in matched:
                sentences = gold[error.doc]
                predicted, _ = align(locate(analysis.text, sentences, error.doc),
                                     analysis.sentences)
                matched.update(((error.doc, g.i), p)
                               for g, p in zip(sentences, predicted, strict=True))
            sentence = matched.get((error.doc, error.i))
        elif analysis is not None:
            sentence = next((p for p in analysis.sentences if p.text == error.text), None)
        lines.append({**error.to_dict(), **why(sentence)})
    return lines


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
    parser.add_argument("--with-outlet", action="store_true",
                        help="analyse each text with its manifest's outlet (as `verifier "
                        "analyze --outlet` gets a user's); off by default")
    parser.add_argument("--outlet-coverage", action="store_true",
                        help="only say how many of the manifests' outlets the registry knows")
    args = parser.parse_args(argv)
    if not args.corpus or not Path(args.corpus).is_dir():
        print("bench/real.py: give --corpus DIR (or $VERIFIER_REAL_CORPUS)", file=sys.stderr)
        return 2
    corpus = Path(args.corpus)
    if args.outlet_coverage:
        print(outlet_coverage(corpus))
        return 0
    analyses: dict[str, ArticleAnalysis] = {}
    results = evaluate_sets(corpus, with_outlet=args.with_outlet, analyses=analyses)
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
        gold: dict[str, Any] = {}
        for labels in sorted(corpus.glob("*.labels.jsonl")):
            gold.update(read_labels(labels))
        for line in explained(list(combined.errors[: args.errors]), gold, analyses):
            print(json.dumps(line, ensure_ascii=False))
        if len(combined.errors) > args.errors:
            print(f"bench/real.py: the first {args.errors} of {len(combined.errors)} "
                  f"disagreements (--errors {len(combined.errors)} lists all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
