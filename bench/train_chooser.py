"""Train the learned kind chooser (``verifier/analysis/attribution/chooser.py``) on labelled
real sets, and measure it leave-one-set-out.

    .venv/bin/python bench/train_chooser.py --corpus /work/realcorpus/tune \
        [--l2 4] [--margin 0.2] [--grid-margin 0,0.1,0.2,0.4] [--loso] [--confusion]
        [--write] [--enable] [--cache FILE]

Each attribution the chooser decides (its own source, stance ``asserts``, a speaker kind:
``chooser.choosable``) is paired with a gold sourcing entry of its sentence as
``bench/kinds.py`` pairs them (most shared source words; else the sentence's only entry and
only attribution). A pair whose gold kind is one the rules' kind allows is an example: its
named features (``chooser.features``) and its gold kind. The model is a multinomial logit
over the allowed kinds of each example (log-likelihood of the gold kind, L2-penalised),
fitted by Adam with numpy from zeros: deterministic.

Scores are the analyser's own (``verifier.evaluation.labels.score``): each set's analyses
(chooser off) get the model's changes as the analyser would make them, and are scored
against the labels, per set and pooled; "kind right" counts the examples (matched speakers)
whose kind is the gold's, before and after.

- default: train on all the sets, print each set before and after (in-sample);
- ``--loso``: for each set, train on the others (the margin chosen by leave-one-set-out
  inside them when ``--grid-margin`` is given) and score it; pooled held-out figures;
  ``--confusion`` prints the confusion of kinds (``bench/kinds.py``) before and after;
- ``--write``: write the model trained on all the sets to
  ``verifier/data/models/chooser.yaml`` with the figures measured (``--enable`` switches it
  on; the gate: every set's leave-one-set-out sourcing F1 within .002 of the rules' and the
  pooled F1 higher).

The real sets are third-party text: read here at run time, never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kinds import entries, pair_sentence, print_matrix
from logit import Adam, per_class
from train_filler import load as load_sets
from trainers import (
    SHORT,
    Doc,
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

from verifier.analysis.analyse import default_registry
from verifier.analysis.attribution.chooser import (
    CHOICES,
    FORMAT,
    MODEL_FILE,
    Article,
    Chooser,
    choosable,
    features,
    restore_chooser,
    use_chooser,
)
from verifier.analysis.results import ArticleAnalysis, Attribution
from verifier.evaluation.labels import Evaluation, align, locate, score
from verifier.vocab import KINDS

#: The kinds each rules' kind may become (``--allowed``): ``wide`` the confusions the real
#: sets show, ``party`` only a name's official or named (a party or an outside voice),
#: ``pairs`` the guide's three pairs (a name: official or named; an outlet or
#: body: official or media; an anonymous descriptor: unnamed or unnamed_official).
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "wide": {
        "official": ("official", "named", "media", "unnamed_official"),
        "named": ("named", "official", "media"),
        "media": ("media", "official", "unnamed", "named"),
        "unnamed_official": ("unnamed_official", "unnamed", "official"),
        "unnamed": ("unnamed", "unnamed_official", "media", "official"),
    },
    "party": {
        "official": ("official", "named"),
        "named": ("named", "official"),
    },
    "pairs": {
        "official": ("official", "named", "media"),
        "named": ("named", "official"),
        "media": ("media", "official"),
        "unnamed_official": ("unnamed_official", "unnamed"),
        "unnamed": ("unnamed", "unnamed_official"),
    },
}

#: The features one of which a change needs (``--requires``): ``office`` a name becomes
#: official only with an office or a body's word in it or around the same name elsewhere
#: (the guide: a person speaking in an office or for an organisation is official).
REQUIRES: dict[str, dict[str, tuple[str, ...]]] = {
    "none": {},
    "office": {"named>official": ("here:office", "earlier:office", "later:office",
                                  "src:org_word")},
    # session 24: a name becomes official only in an article dense in offices (politics,
    # a company's or a council's affairs), not in one about a band, a team or a marriage
    "offices": {"named>official": ("doc:offices",)},
    "offices_dense": {"named>official": ("doc:offices_dense",)},
    "fallback_offices": {"named>official": ("fallback:offices",)},
    # session 25: or an office of a body the article narrates (a party to the story)
    "fallback_or_party": {"named>official": ("fallback:offices", "party:office_org")},
    "party_office": {"named>official": ("party:office_org",)},
    # session 27: or the party the story is about (the speaker's own name in the headline of
    # an article of offices, a body named again by "the" and its descriptor word)
    "party_subject": {"named>official": ("fallback:offices", "party:office_org",
                                         "party:headline_offices", "body:definite")},
    # session 34: or a name nothing describes, alone in its source (the name rule's declared
    # fallback with no comma: not "X, who heads ..."): on the sets W..l the labellers gave
    # such a name official 36 times, named 11
    "party_fallback": {"named>official": ("fallback:offices", "party:office_org",
                                          "party:headline_offices", "body:definite",
                                          "fallback:bare")},
    "party_fallback_subject": {"named>official": ("fallback:offices", "party:office_org",
                                                  "party:headline_offices", "body:definite",
                                                  "party:fallback_subject")},
}

#: the requirements in force (``--requires``)
REQUIRED: dict[str, tuple[str, ...]] = {}

#: An example: named features, the rules' kind, the gold kind, the document
Example = tuple[dict[str, float], str, str, str]


def pairs(doc: Doc) -> list[tuple[int, dict[str, Any] | None, Attribution | None]]:
    """(predicted sentence index, gold entry, attribution) of every pair of ``doc``."""
    a = doc.analysis
    matched, _ = align(locate(a.text, doc.gold, doc.name), a.sentences)
    out: list[tuple[int, dict[str, Any] | None, Attribution | None]] = []
    for g, p in zip(doc.gold, matched, strict=True):
        for ge, pa in pair_sentence(entries(g), p):
            out.append((p.index if p is not None else -1, ge, pa))
    return out


#: feature-name prefixes left out (``--drop``)
DROP: tuple[str, ...] = ()


#: each document's examples (the rules' analyses do not change within a run)
_EXAMPLES: dict[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], list[Example]] = {}


def examples(docs: Sequence[Doc], allowed: Mapping[str, Sequence[str]]) -> list[Example]:
    key = tuple(sorted((k, tuple(v)) for k, v in allowed.items()))
    found: list[Example] = []
    for doc in docs:
        mine = _EXAMPLES.get((doc.set, doc.name, key))
        if mine is None:
            mine = _EXAMPLES[(doc.set, doc.name, key)] = _doc_examples(doc, allowed)
        found += mine
    return found


def _doc_examples(doc: Doc, allowed: Mapping[str, Sequence[str]]) -> list[Example]:
    registry = default_registry()
    found: list[Example] = []
    sentences, _, attributions = parts(doc)
    article = Article(doc.analysis.text, sentences, attributions, registry)
    for index, ge, pa in pairs(doc):
        if ge is None or pa is None or not choosable(pa):
            continue
        if ge["kind"] not in allowed.get(pa.speaker, ()):
            continue
        named = {n: v for n, v in features(article, index, pa).items()
                 if not n.startswith(DROP)}
        found.append((named, pa.speaker, ge["kind"], doc.name))
    return found


def fit(data: Sequence[Example], allowed: Mapping[str, Sequence[str]], l2: float,
        min_docs: int, steps: int = 400) -> dict[str, dict[str, float]]:
    """Weights per kind: Adam on the mean negative log-likelihood of the gold kind among the
    rules' kind's allowed kinds + ``l2`` x |w|^2 / the number of examples. A rule-part
    feature is kept when it occurs in ``min_docs`` documents."""
    shape = Chooser({}, {k: tuple(v) for k, v in allowed.items()}, requires=REQUIRED)
    data = [e for e in data if e[2] in shape.kinds(e[0], e[1])]  # learnable only
    seen: dict[str, set[str]] = {}
    for named, _, _, doc in data:
        for n in named:
            seen.setdefault(n, set()).add(doc)
    names = sorted(n for n, d in seen.items()
                   if not n.startswith("part:") or len(d) >= min_docs)
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(data), len(names)))
    mask = np.zeros((len(data), len(CHOICES)), dtype=bool)
    gold = np.zeros((len(data), len(CHOICES)))
    for row, (named, rule_kind, kind, _) in enumerate(data):
        for name, value in named.items():
            if name in column:
                x[row, column[name]] = value
        for k in shape.kinds(named, rule_kind):
            mask[row, CHOICES.index(k)] = True
        gold[row, CHOICES.index(kind)] = 1.0
    count = float(max(len(data), 1))
    weight = np.zeros((len(names), len(CHOICES)))
    adam = Adam(weight)
    for _ in range(steps):
        s = np.where(mask, x @ weight, -np.inf)
        s -= s.max(axis=1, keepdims=True)
        e = np.where(mask, np.exp(s), 0.0)
        p = e / e.sum(axis=1, keepdims=True)
        adam.move(weight, x.T @ (p - gold) / count + 2 * l2 * weight / count)
    return per_class(weight, names, CHOICES)


def chosen(doc: Doc, model: Chooser | None) -> ArticleAnalysis:
    if model is None:
        return doc.analysis
    sentences, _, attributions = parts(doc)
    return with_attributions(doc.analysis, model.choose(doc.analysis.text, sentences,
                                                        attributions, default_registry()))


def relabelled(docs: Sequence[Doc], model: Chooser | None) -> list[Doc]:
    return [replace(d, analysis=chosen(d, model)) for d in docs]


def scored(docs: Sequence[Doc]) -> Evaluation:
    return score((d.name, d.gold, d.analysis) for d in docs)


def kind_right(docs: Sequence[Doc], allowed: Mapping[str, Sequence[str]]) -> tuple[int, int]:
    """Of the pairs a speaker's kind is decided on (gold and predicted both speaker kinds,
    the predicted one not a refusal or denial): how many, and how many share the kind."""
    n = right = 0
    for doc in docs:
        for _, ge, pa in pairs(doc):
            if ge is None or pa is None or pa.stance != "asserts" or \
                    ge["kind"] not in CHOICES or pa.speaker not in CHOICES:
                continue
            n += 1
            right += ge["kind"] == pa.speaker
    return n, right


def changes(before: Sequence[Doc], after: Sequence[Doc], show: bool = False
            ) -> Counter[tuple[str, str, str]]:
    """(rules' kind, chosen kind, right / wrong / other) of every attribution the chooser
    changed (carried ones included), judged by the gold entry the rules' one pairs with;
    ``show`` prints each own (not carried) one with its reason (to the terminal only)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for b, a in zip(before, after, strict=True):
        new = {(x.source.start, x.source.end, x.cue.start): x.speaker
               for s in a.analysis.sentences for x in s.attributions}
        why = {(x.source.start, x.source.end, x.cue.start): x.reason
               for s in a.analysis.sentences for x in s.attributions}
        for _, ge, pa in pairs(b):
            if pa is None:
                continue
            kind = new.get((pa.source.start, pa.source.end, pa.cue.start), pa.speaker)
            if kind == pa.speaker or pa.stance != "asserts":
                continue
            gold = ge["kind"] if ge else "-"
            verdict = "right" if gold == kind else "wrong" if gold == pa.speaker else "other"
            counts[(pa.speaker, kind, verdict)] += 1
            if show and not pa.carried:
                print(f"  {b.set} {b.name} {pa.speaker}->{kind} {verdict} (gold {gold}) "
                      f"{pa.source.text!r}: {why[(pa.source.start, pa.source.end, pa.cue.start)]}")
    return counts


def confusion(docs: Sequence[Doc]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        for _, ge, pa in pairs(doc):
            counts[(ge["kind"] if ge else "-", pa.kind if pa else "-")] += 1
    return counts


def row(name: str, before: Sequence[Doc], after: Sequence[Doc],
        allowed: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    b, a = scored(before), scored(after)
    return {"set": name, "before": b.sourcing.f1, "after": a.sourcing.f1,
            "p": [b.sourcing.precision, a.sourcing.precision],
            "r": [b.sourcing.recall, a.sourcing.recall],
            "kinds": {k: [b.per_kind[k].f1, a.per_kind[k].f1] for k in KINDS},
            "right": [kind_right(before, allowed), kind_right(after, allowed)]}


def train(docs: Sequence[Doc], allowed: Mapping[str, tuple[str, ...]], l2: float,
          min_docs: int, margin: float) -> Chooser:
    return Chooser(fit(examples(docs, allowed), allowed, l2, min_docs), dict(allowed), {},
                   True, margin, REQUIRED)


def choose_margin(sets: Mapping[str, Sequence[Doc]],
                  allowed: Mapping[str, tuple[str, ...]], l2: float, min_docs: int,
                  grid: Sequence[float]) -> float:
    """The margin of ``grid`` whose pooled leave-one-set-out F1 over ``sets`` is best (ties
    to the larger margin: fewer changes)."""
    return grid_choice(
        sets, grid, lambda others: train(others, allowed, l2, min_docs, grid[0]),
        lambda model, m, docs: relabelled(docs, replace(model, margin=m)),
        lambda pooled: scored(pooled).sourcing.f1)


def loso(sets: Mapping[str, Sequence[Doc]], allowed: Mapping[str, tuple[str, ...]], l2: float,
         min_docs: int, grid: Sequence[float], inner: bool
         ) -> tuple[list[dict[str, Any]], dict[str, float], list[Doc], list[Doc]]:
    rows, chosen_margins = [], {}
    before_all: list[Doc] = []
    after_all: list[Doc] = []
    for name, docs, others in folds(sets):
        m = choose_margin(others, allowed, l2, min_docs, grid) if inner else grid[0]
        chosen_margins[name] = m
        model = train(flat(others), allowed, l2, min_docs, m)
        after = relabelled(docs, model)
        rows.append(row(name, docs, after, allowed))
        before_all += docs
        after_all += after
    rows.append(row("pooled", before_all, after_all, allowed))
    return rows, chosen_margins, before_all, after_all


def show(title: str, rows: Sequence[Mapping[str, Any]]) -> None:
    print(title)
    for r in rows:
        kinds = " ".join(f"{SHORT[k]} {a:.2f}>{b:.2f}" for k, (a, b) in r["kinds"].items()
                         if k in CHOICES)
        (n, a), (_, b) = r["right"]
        print(f"  {r['set']:>6} F1 {r['before']:.4f} -> {r['after']:.4f}  "
              f"P {r['p'][0]:.3f}>{r['p'][1]:.3f} R {r['r'][0]:.3f}>{r['r'][1]:.3f}  "
              f"kind right {a}/{n} -> {b}/{n}  {kinds}")


def gate(rows: Sequence[Mapping[str, Any]], drop: float = 0.002) -> tuple[bool, str]:
    """Whether the leave-one-set-out rows hold: no set falls by more than ``drop``, pooled
    rises."""
    worst = min(rows[:-1], key=lambda r: r["after"] - r["before"])
    fall = worst["after"] - worst["before"]
    pooled = rows[-1]["after"] - rows[-1]["before"]
    ok = fall >= -drop and pooled > 0
    return ok, (f"worst fold {worst['set']} {fall:+.4f}, pooled {pooled:+.4f}: "
                f"{'holds' if ok else 'does not hold'}")


def write(model: Chooser, meta: Mapping[str, Any], path: Path, enabled: bool,
          comment: Sequence[str]) -> None:
    fields = [f"margin: {model.margin}", "allowed:",
              *(f"  {k}: [{', '.join(v)}]" for k, v in model.allowed.items())]
    if model.requires:
        fields.append("requires:")
        fields += [f"  {json.dumps(k)}: [{', '.join(v)}]" for k, v in model.requires.items()]
    write_model(path, title="The learned kind chooser (verifier/analysis/attribution/"
                "chooser.py): weights of its features per kind.", trainer="bench/train_chooser.py",
                off="leaves the rules' kinds alone", version=FORMAT, enabled=enabled,
                fields=fields, meta=meta, weights=class_weight_lines(model.weights, CHOICES),
                comment=comment)


def load(corpus: Path) -> dict[str, list[Doc]]:
    """Every labelled set of ``corpus``, analysed with the chooser and the filler off."""
    use_chooser(None)
    try:
        return load_sets(corpus)
    finally:
        restore_chooser()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sets", default="", help="only these sets (e.g. P,Q,R)")
    parser.add_argument("--allowed", choices=sorted(ALLOWED), default="wide")
    parser.add_argument("--requires", choices=sorted(REQUIRES), default="none")
    parser.add_argument("--l2", type=float, default=4.0)
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--no-parts", action="store_true", help="no rule-part features")
    parser.add_argument("--margin", type=float, default=0.2)
    parser.add_argument("--drop", default="", help="leave out features of these prefixes "
                        "(comma-separated, e.g. same:,part:)")
    parser.add_argument("--grid-margin", default="",
                        help="margins chosen from by leave-one-set-out inside the training "
                        "sets, e.g. 0,0.1,0.2,0.4")
    parser.add_argument("--loso", action="store_true")
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--show-changes", action="store_true",
                        help="list each change of kind leave-one-set-out with its reason")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--enable", action="store_true", help="write it switched on")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep the analyses here (a pickle outside "
                        "the repository) and read them back next time")
    args = parser.parse_args(argv)
    if args.no_parts:
        args.min_docs = sys.maxsize
    allowed = ALLOWED[args.allowed]
    global DROP, REQUIRED
    DROP = tuple(p for p in args.drop.split(",") if p)
    REQUIRED = REQUIRES[args.requires]
    sets = cached(args.cache, lambda: load(args.corpus))
    if args.sets:
        sets = {s: sets[s] for s in args.sets.split(",")}
    everything = flat(sets)
    grid = [float(v) for v in args.grid_margin.split(",") if v]
    margin = choose_margin(sets, allowed, args.l2, args.min_docs, grid) if grid else \
        args.margin
    model = train(everything, allowed, args.l2, args.min_docs, margin)
    out: dict[str, Any] = {"margin": margin, "in_sample": [
        row(n, ds, relabelled(ds, model), allowed) for n, ds in sets.items()]}
    out["in_sample"].append(row("pooled", everything, relabelled(everything, model), allowed))
    before_all: list[Doc] = []
    after_all: list[Doc] = []
    if args.loso:
        out["loso"], out["chosen"], before_all, after_all = loso(
            sets, allowed, args.l2, args.min_docs, grid or [args.margin], bool(grid))
    if args.write or args.out:
        data = examples(everything, allowed)
        meta: dict[str, Any] = {
            "trained": today(), "sets": list(sets),
            "l2": args.l2, "min_docs": None if args.no_parts else args.min_docs,
            "margin": margin, "allowed": args.allowed, "requires": args.requires,
            "drop": args.drop, "examples": len(data),
            "by_gold": dict(sorted(Counter(k for _, _, k, _ in data).items())),
            "rules_f1": round(out["in_sample"][-1]["before"], 4),
            "trained_f1": round(out["in_sample"][-1]["after"], 4)}
        comment: list[str] = []
        enabled = args.enable
        if "loso" in out:
            meta["loso_f1"] = [round(out["loso"][-1]["before"], 4),
                               round(out["loso"][-1]["after"], 4)]
            meta["loso_folds"] = {r["set"]: [round(r["before"], 4), round(r["after"], 4)]
                                  for r in out["loso"][:-1]}
            ok, why = gate(out["loso"])
            meta["gate"] = why
            comment.append(f"Gate (leave-one-set-out): {why}.")
            if enabled and not ok:
                print("the gate does not hold: written switched off", file=sys.stderr)
                enabled = False
        from verifier.config import data_path
        write(model, meta, args.out or data_path(MODEL_FILE), enabled, comment)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"margin {margin:g}; examples by (rules' kind, gold kind):",
          dict(Counter((r, g) for _, r, g, _ in examples(everything, allowed)).most_common()))
    show("trained on all (in-sample)", out["in_sample"])
    if "loso" in out:
        show("leave-one-set-out (each set scored by a model trained on the others)", out["loso"])
        print("  chosen margins:", out["chosen"])
        print(" ", gate(out["loso"])[1])
        print("  changes (rules' kind -> chosen, verdict):",
              dict(sorted(changes(before_all, after_all, args.show_changes).items())))
        if args.confusion:
            print_matrix("before (rules)", confusion(before_all))
            print_matrix("after (rules + chooser, leave-one-set-out)", confusion(after_all))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
