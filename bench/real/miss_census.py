"""Why the analyser misses labelled sources: each false negative of a labelled set in a bucket.

    python bench/real/miss_census.py --corpus /work/realcorpus/tune           # counts
    python bench/real/miss_census.py --corpus DIR --json                     # the same, JSON
    python bench/real/miss_census.py --corpus DIR --rows no_source [--text]   # one bucket's rows

A gold attribution whose kind the analyser does not give its sentence (kinds counted as a
multiset, as ``bench/real.py`` scores them) is a miss. Each miss goes in the first bucket that
holds it:

- ``boundary``: no predicted sentence overlaps the gold one;
- ``stance``: a predicted source overlaps the gold source words, refusing or denying where the
  labels assert, or asserting where they refuse or deny (the party found, its stance not);
- ``kind``: a predicted source overlaps the gold source words with another speaker kind;
- ``second_party``: the gold source is in the sentence, other attributions were found but none
  for it (a medium told, a denied report, a second speaker);
- ``cue_no_speaker``: the gold source is in the sentence, nothing was found, and a rule's cue
  matches the sentence (a known word whose speaker or frame failed);
- ``no_cue``: the gold source is in the sentence, nothing was found and no rule's cue matches
  (an unknown verb or construction, a headline, a hearsay noun);
- ``outside``: the gold source words are not in the sentence (an untagged continuation, a
  back-reference, a pronoun, a source an earlier sentence names).

``--rows BUCKET`` lists the rows (``doc:i``, gold kind, predicted kinds, the rule that fired);
``--text`` adds the sentence for reading in the terminal only. The sets are third-party text:
nothing this script prints goes into the repository beyond counts and row ids.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from real import labelled_texts

from verifier import analyse_text
from verifier.analysis.attribution.rules import lower, rules
from verifier.analysis.results import SentenceAnalysis
from verifier.evaluation.labels import GoldSentence, align, locate

BUCKETS = ("boundary", "stance", "kind", "second_party", "cue_no_speaker", "no_cue", "outside")
STANCES = frozenset({"declined", "denied"})


@dataclass(frozen=True, slots=True)
class Miss:
    """One gold attribution the analyser did not give its sentence."""

    set: str
    doc: str
    i: int
    kind: str
    bucket: str
    predicted: tuple[str, ...]
    rules: tuple[str, ...]
    text: str


def _overlaps(source: str, words: Iterable[str]) -> bool:
    low = source.lower()
    return any(w and (low in w.lower() or w.lower() in low) for w in words)


def _has_cue(text: str) -> bool:
    low = lower(text)
    return any(cue.pattern.search(low) for cue in rules().cues)


def bucket(kind: str, source: str, sentence: SentenceAnalysis | None, text: str) -> str:
    """The bucket of one missed gold attribution (``kind`` said by ``source``)."""
    if sentence is None:
        return "boundary"
    found = sentence.attributions
    same = [a for a in found if _overlaps(source, [a.source.text])]
    if same:
        stance_flip = (kind in STANCES) != any(a.kind in STANCES for a in same)
        return "stance" if stance_flip else "kind"
    if source.lower() not in text.lower():
        return "outside"
    if found:
        return "second_party"
    return "cue_no_speaker" if _has_cue(text) else "no_cue"


def misses_of(name: str, gold: list[GoldSentence], text: str) -> list[Miss]:
    """The misses of one labelled text."""
    doc = gold[0].doc if gold else ""
    analysis = analyse_text(text)
    predicted, _ = align(locate(text, gold, doc), analysis.sentences)
    out: list[Miss] = []
    for g, p in zip(gold, predicted, strict=True):
        left = Counter(g.kinds) - Counter(a.kind for a in (p.attributions if p else ()))
        for kind, source in zip(g.kinds, g.sources, strict=True):
            if left[kind] <= 0:
                continue
            left[kind] -= 1
            out.append(Miss(name, g.doc, g.i, kind, bucket(kind, source, p, g.text),
                            tuple(a.kind for a in p.attributions) if p else (),
                            tuple(a.rule for a in p.attributions) if p else (), g.text))
    return out


def census(corpus: Path) -> list[Miss]:
    """Every miss of every labelled set of ``corpus``, in reading order."""
    return [m for name, _, gold, text in labelled_texts(corpus)
            for m in misses_of(name, gold, text)]


def table(misses: list[Miss]) -> dict[str, dict[str, int]]:
    """Counts per bucket: in all, and per gold kind."""
    out: dict[str, dict[str, int]] = {}
    for name in BUCKETS:
        rows = [m for m in misses if m.bucket == name]
        out[name] = {"all": len(rows), **Counter(m.kind for m in rows)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("VERIFIER_REAL_CORPUS"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rows", choices=BUCKETS, metavar="BUCKET")
    parser.add_argument("--text", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus or not Path(args.corpus).is_dir():
        print("bench/real/miss_census.py: give --corpus DIR (or $VERIFIER_REAL_CORPUS)",
              file=sys.stderr)
        return 2
    misses = census(Path(args.corpus))
    if args.rows:
        for m in misses:
            if m.bucket == args.rows:
                tail = f"\t{m.text}" if args.text else ""
                print(f"{m.doc}:{m.i}\t{m.kind}\t{','.join(m.predicted) or '-'}\t"
                      f"{','.join(m.rules) or '-'}{tail}")
        return 0
    counts = table(misses)
    if args.json:
        print(json.dumps({"misses": len(misses), "buckets": counts}, indent=2))
        return 0
    print(f"{len(misses)} missed gold attributions")
    for name, row in counts.items():
        kinds = " ".join(f"{k} {n}" for k, n in sorted(row.items()) if k != "all")
        print(f"{name:15} {row['all']:5}  {kinds}")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
