"""Train the learned filler (``verifier/analysis/attribution/filler.py``) on labelled real
sets, and measure it leave-one-set-out.

    .venv/bin/python bench/train_filler.py --corpus /work/realcorpus/tune \
        [--l2 4] [--threshold 0.5] [--grid-threshold 0.4,0.5,0.6] [--loso] [--write] [--json]

Each claim sentence the rules leave without an attribution is one example: its features
(``filler.features`` and its lower-case words seen in at least ``--min-docs`` training
documents) and its right classes: the kinds the labellers give its aligned gold sentence, or
"none" (no gold kind, or no gold sentence). The model is a multinomial logit over "none" and
the seven kinds (the log of the right classes' probability maximised, L2-penalised), fitted
by Adam with numpy from zeros: deterministic.

Scores are the analyser's own (``verifier.evaluation.labels.score``): each set's analyses
(filler off) get the model's additions as the analyser would add them, and are scored
against the labels, per set and pooled, by kind.

- default: train on all the sets, print each set's sourcing before and after (in-sample);
- ``--loso``: for each set, train on the others (the threshold chosen by leave-one-set-out
  inside them when ``--grid-threshold`` is given) and score it; pooled held-out figures;
- ``--write``: write the model trained on all the sets to ``verifier/data/models/filler.yaml``
  with what it was trained on and the figures measured (``--enable`` switches it on).

The real sets are third-party text: read here at run time, never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from logit import Adam, per_class
from trainers import (
    SHORT,
    Doc,
    analysed,
    cached,
    class_weight_lines,
    flat,
    folds,
    grid_choice,
    parts,
    today,
    with_attributions,
    write_model,
)

from verifier.analysis.attribution.filler import (
    CLASSES,
    FORMAT,
    MODEL_FILE,
    NONE,
    Filler,
    Written,
    features,
    read_filler,
    restore_filler,
    use_filler,
    words,
)
from verifier.analysis.results import ArticleAnalysis
from verifier.evaluation.labels import Evaluation, GoldSentence, score
from verifier.vocab import KINDS


def load(corpus: Path) -> dict[str, list[Doc]]:
    """Every labelled set of ``corpus``, analysed with the filler off."""
    use_filler(None)
    try:
        return analysed(corpus)
    finally:
        restore_filler()


#: A claim sentence as the model learns it: its named features, its words, its right classes
#: and its document.
Example = tuple[dict[str, float], set[str], set[str], str]


@cache
def packaged_written() -> Written | None:
    """The written-words construction the packaged model file declares (hand-kept data:
    kept as it is when the weights are written again)."""
    from verifier.config import data_path

    return read_filler(data_path(MODEL_FILE)).written


def written_lines(path: Path) -> list[str]:
    """The ``written:`` block of the model file at ``path``, as its lines (none without)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("written:")), None)
    if start is None:
        return []
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    return lines[start:end]


#: each document's examples by scope (the analyses do not change within a run: a
#: leave-one-set-out run trains on each document many times)
_EXAMPLES: dict[tuple[str, str, str], list[Example]] = {}


def examples(docs: Sequence[Doc]) -> list[Example]:
    """Each claim sentence the filler looks at (``SCOPE``: those without an attribution, or
    all; never one quoting words written on an object) as an ``Example``."""
    found: list[Example] = []
    for doc in docs:
        mine = _EXAMPLES.get((doc.set, doc.name, SCOPE))
        if mine is None:
            mine = _EXAMPLES[(doc.set, doc.name, SCOPE)] = _doc_examples(doc)
        found += mine
    return found


def _doc_examples(doc: Doc) -> list[Example]:
    found: list[Example] = []
    looker = Filler({}, {}, True, 1.0, SCOPE, packaged_written())
    sentences, claims, attributions = parts(doc)
    for index, sentence in enumerate(sentences):
        if not looker.looks_at(sentence, claims[index], attributions[index]):
            continue
        named = features(doc.analysis.text, sentences, claims, attributions, index)
        lacking = Counter(doc.right[index]) - Counter(a.kind for a in attributions[index])
        right = set(lacking) or {NONE}
        found.append((named, {w for w, _ in words(sentence)}, right, doc.name))
    return found


def fit(data: Sequence[Example], l2: float, min_docs: int, steps: int = 400
        ) -> dict[str, dict[str, float]]:
    """Multinomial-logit weights per class (Adam on the mean negative log-likelihood of the
    right classes + ``l2`` x |w|^2 / the number of examples)."""
    seen: dict[str, set[str]] = {}
    for _, ws, _, doc in data:
        for w in ws:
            seen.setdefault(w, set()).add(doc)
    vocab = sorted(w for w, d in seen.items() if len(d) >= min_docs)
    names = sorted({n for named, _, _, _ in data for n in named}) + [f"word:{w}" for w in vocab]
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(data), len(names)))
    ok = np.zeros((len(data), len(CLASSES)), dtype=bool)
    for row, (named, ws, right, _) in enumerate(data):
        for name, value in named.items():
            x[row, column[name]] = value
        for w in ws:
            if f"word:{w}" in column:
                x[row, column[f"word:{w}"]] = 1.0
        for c in right:
            ok[row, CLASSES.index(c)] = True
    count = float(len(data))
    weight = np.zeros((len(names), len(CLASSES)))
    adam = Adam(weight)
    for _ in range(steps):
        s = x @ weight
        s -= s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        eq = np.where(ok, e, 0.0)
        q = eq / eq.sum(axis=1, keepdims=True)
        adam.move(weight, x.T @ (p - q) / count + 2 * l2 * weight / count)
    return per_class(weight, names, CLASSES)


def filled(doc: Doc, model: Filler | None) -> ArticleAnalysis:
    if model is None:
        return doc.analysis
    sentences, claims, attributions = parts(doc)
    return with_attributions(doc.analysis,
                             model.fill(doc.analysis.text, sentences, claims, attributions))


def scored(docs: Sequence[Doc], model: Filler | None) -> Evaluation:
    return score((d.name, d.gold, filled(d, model)) for d in docs)


def row(name: str, before: Evaluation, after: Evaluation) -> dict[str, Any]:
    return {"set": name, "before": before.sourcing.f1, "after": after.sourcing.f1,
            "p": [before.sourcing.precision, after.sourcing.precision],
            "r": [before.sourcing.recall, after.sourcing.recall],
            "kinds": {k: [before.per_kind[k].f1, after.per_kind[k].f1] for k in KINDS},
            "errors": [sum(1 for d in e.errors if d.field == "sourcing") for e in (before, after)]}


#: Where the filler looks (``--scope``): ``empty`` or ``all`` claim sentences.
SCOPE = "empty"


def train(docs: Sequence[Doc], l2: float, min_docs: int, threshold: float) -> Filler:
    return Filler(fit(examples(docs), l2, min_docs), {}, True, threshold, SCOPE,
                  packaged_written())


def choose(sets: Mapping[str, Sequence[Doc]], l2: float, min_docs: int,
           grid: Sequence[float]) -> float:
    """The threshold of ``grid`` whose pooled leave-one-set-out F1 over ``sets`` is best."""
    return grid_choice(
        sets, grid, lambda others: train(others, l2, min_docs, grid[0]),
        lambda model, t, docs: [(d.name, d.gold, filled(d, replace(model, threshold=t)))
                                for d in docs],
        lambda pooled: score(pooled).sourcing.f1)


def loso(sets: Mapping[str, Sequence[Doc]], l2: float, min_docs: int, grid: Sequence[float],
         inner: bool) -> tuple[list[dict[str, Any]], dict[str, float]]:
    rows, chosen = [], {}
    before_all: list[tuple[str, list[GoldSentence], ArticleAnalysis]] = []
    after_all: list[tuple[str, list[GoldSentence], ArticleAnalysis]] = []
    for name, docs, others in folds(sets):
        t = choose(others, l2, min_docs, grid) if inner else grid[0]
        chosen[name] = t
        model = train(flat(others), l2, min_docs, t)
        before, after = scored(docs, None), scored(docs, model)
        rows.append(row(name, before, after))
        before_all += [(d.name, d.gold, d.analysis) for d in docs]
        after_all += [(d.name, d.gold, filled(d, model)) for d in docs]
    rows.append(row("pooled", score(before_all), score(after_all)))
    return rows, chosen


def show(title: str, rows: Sequence[Mapping[str, Any]]) -> None:
    print(title)
    for r in rows:
        kinds = " ".join(f"{SHORT[k]} {a:.2f}>{b:.2f}" for k, (a, b) in r["kinds"].items())
        print(f"  {r['set']:>6} F1 {r['before']:.3f} -> {r['after']:.3f}  "
              f"P {r['p'][0]:.3f}>{r['p'][1]:.3f} R {r['r'][0]:.3f}>{r['r'][1]:.3f}  {kinds}")


def write(model: Filler, meta: Mapping[str, Any], path: Path, enabled: bool) -> None:
    from verifier.config import data_path

    write_model(path, title="The learned filler (verifier/analysis/attribution/filler.py): "
                "weights of its features per class.", trainer="bench/train_filler.py",
                off="leaves the rules' attributions alone", version=FORMAT, enabled=enabled,
                fields=[f"threshold: {model.threshold}", f"scope: {model.scope}",
                        *written_lines(data_path(MODEL_FILE))], meta=meta,
                weights=class_weight_lines(model.weights, CLASSES))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sets", default="", help="only these sets (e.g. P,Q,R)")
    parser.add_argument("--l2", type=float, default=4.0)
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--no-words", action="store_true",
                        help="no word features: the filler then only carries a speaker")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--grid-threshold", default="",
                        help="thresholds chosen from by leave-one-set-out inside the "
                        "training sets, e.g. 0.4,0.5,0.6")
    parser.add_argument("--loso", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--enable", action="store_true", help="write it switched on")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scope", choices=("empty", "all"), default="empty")
    parser.add_argument("--cache", type=Path, help="keep the analyses here (a pickle outside "
                        "the repository) and read them back next time")
    args = parser.parse_args(argv)
    global SCOPE
    SCOPE = args.scope
    if args.no_words:
        args.min_docs = sys.maxsize
    sets = cached(args.cache, lambda: load(args.corpus))
    if args.sets:
        sets = {s: sets[s] for s in args.sets.split(",")}
    everything = flat(sets)
    grid = [float(v) for v in args.grid_threshold.split(",") if v]
    threshold = choose(sets, args.l2, args.min_docs, grid) if grid else args.threshold
    model = train(everything, args.l2, args.min_docs, threshold)
    out: dict[str, Any] = {"threshold": threshold, "in_sample": [
        row(n, scored(ds, None), scored(ds, model)) for n, ds in sets.items()]}
    out["in_sample"].append(row("pooled", scored(everything, None), scored(everything, model)))
    if args.loso:
        out["loso"], out["chosen"] = loso(sets, args.l2, args.min_docs,
                                          grid or [args.threshold], bool(grid))
    if args.write or args.out:
        data = examples(everything)
        meta = {"trained": today(), "sets": list(sets),
                "l2": args.l2, "min_docs": None if args.no_words else args.min_docs,
                "threshold": threshold, "scope": SCOPE,
                "examples": len(data), "attributed": sum(NONE not in r for _, _, r, _ in data),
                "rules_f1": round(out["in_sample"][-1]["before"], 4),
                "trained_f1": round(out["in_sample"][-1]["after"], 4)}
        if "loso" in out:
            meta["loso_f1"] = round(out["loso"][-1]["after"], 4)
            meta["loso_folds"] = {r["set"]: [round(r["before"], 4), round(r["after"], 4)]
                                  for r in out["loso"][:-1]}
        from verifier.config import data_path
        write(model, meta, args.out or data_path(MODEL_FILE), args.enable)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"threshold {threshold:g}; examples by right class:",
          dict(Counter(c for _, _, r, _ in examples(everything) for c in r)))
    show("trained on all (in-sample)", out["in_sample"])
    if "loso" in out:
        show("leave-one-set-out (each set scored by a model trained on the others)", out["loso"])
        print("  chosen thresholds:", out["chosen"])
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
