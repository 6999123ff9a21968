"""Train pass 1's learned linker (``verifier/stories/linker.py``) on labelled sets, and
measure it leave-one-set-out.

    .venv/bin/python bench/train_linker.py /work/realcorpus/tune/set?.stories.jsonl \
        [--l2 1.0] [--rounds 2] [--loso] [--write] [--json]

Each body claim after an article's first is one decision: its candidates are the stories
the article holds so far and "a story of its own", each described by the linker's features
(``verifier.stories.linker.candidates``). The right candidates, by the labels: the story
holding most of the claim's labelled story so far in the article (its home), else a story of
its own; for a background claim, a story of its own or one holding no labelled claim. The
model is a conditional logit (softmax over the candidates, the log of the right ones'
probability maximised, L2-penalised), fitted by gradient descent with numpy.

The states the decisions are read in come first from the rules (pass 1 as it is), then, for
``--rounds`` more rounds, from the model trained so far (each round's decisions added to the
data: the model learns to recover from its own placements).

- default: train on all the sets given, print the membership of every set (as
  ``grouping_sets.py`` measures it: pass 2 as it is) with the rules and with the model;
- ``--loso``: for each set, train on the others and score it; pooled held-out figures;
- ``--write``: write the model trained on all the sets to ``verifier/data/models/linker.yaml``
  (``enabled: true``), with what it was trained on and the figures measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grouping_sets import (
    claim_items,
    dated_grouper,
    gold_owner,
    items_by_doc,
    measure,
    set_name,
    short_rows,
    show_short,
)
from logit import conditional_logit

from verifier.evaluation.stories import StoryEval, pool
from verifier.stories.article import group_article
from verifier.stories.grouping import corpus_idf
from verifier.stories.linker import (
    FEATURES,
    FORMAT,
    MODEL_FILE,
    Decision,
    Linker,
    candidates,
    restore_linker,
    use_linker,
)
from verifier.stories.reasons import Why
from verifier.stories.rejoin import FEATURES as REJOIN_FEATURES
from verifier.stories.rejoin import Rejoiner, Small
from verifier.stories.terms import Group

Example = tuple[list[dict[str, float]], list[int], str]

#: How much a decision of each kind weighs in training (``--weigh KIND=W``): ``start`` (a
#: labelled claim whose story the article holds nowhere yet, or only inside another story's
#: home: it must start one), ``join`` (a labelled claim whose story has a home), ``background``.
#: Macro F1 matches stories one to one, so a story started inside another scores nothing.
WEIGHTS = {"start": 1.0, "join": 1.0, "background": 1.0}
#: Features left out of training (``--drop``: name prefixes), or the only ones used
#: (``--keep``: names; ``rule:`` for every rule id).
DROPPED: tuple[str, ...] = ()
KEPT: frozenset[str] = frozenset()
#: Where each leave-one-set-out fold's model is written (``--folds DIR``), if anywhere.
FOLDS: Path | None = None


@dataclass
class RejoinRecorder:
    """The rejoin step's decider while training: records each small story's decision with
    its right candidates and decides as ``model`` would (None: apart; ``oracle``: as the
    labels say)."""

    owner: Mapping[Hashable, str]
    model: Rejoiner | None
    small: int
    oracle: bool = False
    examples: list[Example] = field(default_factory=list)

    def decide(self, small: Small) -> tuple[int | None, Why | None]:
        right = self.right(small)
        self.examples.append((list(small.found), right, self.kind(small, right)))
        if self.oracle:
            return (right[0], Why("rejoin")) if right[0] < len(small.earlier) else (None, None)
        if self.model is None:
            return None, None
        return self.model.decide(small)

    def kind(self, small: Small, right: list[int]) -> str:
        """``join``; ``apart``; ``alone``: apart, and the small story holds every claim of
        its labelled story the article's earlier stories hold (joining it anywhere loses
        that story's only match)."""
        if right != [len(small.earlier)]:
            return "join"
        story = self.majority(small.group.members)
        if story is not None and not any(self.owner.get(k) == story
                                         for g in small.earlier for k in g.members):
            return "alone"
        return "apart"

    def majority(self, members: Sequence[Hashable]) -> str | None:
        counts = Counter(s for k in members if (s := self.owner.get(k)) is not None)
        return counts.most_common(1)[0][0] if counts else None

    def right(self, small: Small) -> list[int]:
        """The earlier stories whose labelled majority is the small story's, else apart."""
        story = self.majority(small.group.members)
        found = [n for n, g in enumerate(small.earlier)
                 if story is not None and self.majority(g.members) == story]
        return found or [len(small.earlier)]


@dataclass
class Recorder:
    """A chooser that records each decision with its right candidates and places the claim
    as ``model`` would (None: as the rules do); ``rejoin``: the rejoin step's decider."""

    owner: Mapping[Hashable, str]
    model: Linker | None
    examples: list[Example] = field(default_factory=list)
    rejoin: RejoinRecorder | None = None

    def choose(self, d: Decision) -> tuple[Group | None, Why]:
        found = candidates(d)
        self.examples.append((found, *self.right(d)))
        if self.model is None:
            return d.rule_target, d.rule_why
        return self.model.choose(d)

    def right(self, d: Decision) -> tuple[list[int], str]:
        """The right candidates and the decision's kind: the story whose majority is the
        claim's labelled story (the one holding most of it), else a story of its own."""
        story = self.owner.get(d.claim.item.key)
        own = len(d.groups)
        counts: list[Counter[str]] = [
            Counter(s for k in g.members if (s := self.owner.get(k)) is not None)
            for g in d.groups]
        if story is None:  # background: alone, or with background only
            return [n for n, c in enumerate(counts) if not c] + [own], "background"
        held = [c[story] if c and c.most_common(1)[0][1] <= c[story] else 0 for c in counts]
        most = max(held, default=0)
        return ([held.index(most)], "join") if most else ([own], "start")


_RULES_DECISIONS: dict[Path, list[Example]] = {}


def decisions(paths: Sequence[Path], model: Linker | None) -> list[Example]:
    """Every decision of pass 1 on the sets, in the states ``model`` (None: the rules) makes."""
    found: list[Example] = []
    for path in paths:
        if model is None and path in _RULES_DECISIONS:
            found.extend(_RULES_DECISIONS[path])
            continue
        start = len(found)
        items = claim_items(path)
        idf = corpus_idf(items)
        recorder = Recorder(gold_owner(path), model)  # type: ignore[arg-type]
        for doc_items in items_by_doc(items).values():
            group_article(doc_items, idf, chooser=recorder)
        found.extend(recorder.examples)
        if model is None:
            _RULES_DECISIONS[path] = found[start:]
    return found


#: The rejoin step (``--rejoin``): trained after the linker, on the states the linker makes;
#: ``small``: the largest story it may join; ``l2``, ``margin``, ``rounds`` (DAgger);
#: ``drop``: its features left out (name prefixes); ``oracle``: the labels decide; ``weigh``:
#: how much a decision of each kind (``RejoinRecorder.kind``) weighs in training.
REJOIN: dict[str, Any] = {"on": False, "small": 2, "l2": 10.0, "margin": 0.0, "rounds": 1,
                          "drop": (), "oracle": False, "weigh": {}}


def rejoin_decisions(paths: Sequence[Path], model: Linker | None,
                     rejoiner: Rejoiner | None) -> list[Example]:
    """Every decision of the rejoin step on the sets, pass 1 placed by ``model`` (the rules
    when None) and the small stories joined as ``rejoiner`` would (None: none)."""
    found: list[Example] = []
    for path in paths:
        items = claim_items(path)
        idf = corpus_idf(items)
        owner = gold_owner(path)
        record = RejoinRecorder(owner, rejoiner, REJOIN["small"])  # type: ignore[arg-type]
        recorder = Recorder(owner, model, rejoin=record)  # type: ignore[arg-type]
        for doc_items in items_by_doc(items).values():
            group_article(doc_items, idf, chooser=recorder)
        found.extend(record.examples)
    return found


def fit_rejoin(examples: Sequence[Example], l2: float) -> dict[str, float]:
    names = [n for n in sorted(REJOIN_FEATURES) if not n.startswith(REJOIN["drop"] or ("\0",))]
    weigh = REJOIN["weigh"]
    return conditional_logit([(found, good) for found, good, _ in examples], names, l2, 600,
                             [weigh.get(kind, 1.0) for _, _, kind in examples])


def train_rejoin(paths: Sequence[Path], model: Linker) -> Linker:
    """``model`` with a rejoin step trained on ``paths`` (states: ``model``'s pass 1)."""
    if REJOIN["oracle"]:
        return replace(model, rejoin=_Oracle(REJOIN["small"]))  # type: ignore[arg-type]
    bare = replace(model, rejoin=None)
    examples = rejoin_decisions(paths, bare, None)
    step = Rejoiner(fit_rejoin(examples, REJOIN["l2"]), REJOIN["margin"], REJOIN["small"])
    for _ in range(REJOIN["rounds"]):
        examples += rejoin_decisions(paths, bare, step)
        step = Rejoiner(fit_rejoin(examples, REJOIN["l2"]), REJOIN["margin"], REJOIN["small"])
    return replace(model, rejoin=step)


@dataclass(frozen=True)
class _Oracle:
    """A rejoin step deciding as the labels say (``--rejoin-oracle``: what it can reach);
    the owner of each set is set before grouping it (``scored``)."""

    small: int
    owner: dict[Hashable, str] = field(default_factory=dict)

    def decide(self, small: Small) -> tuple[int | None, Why | None]:
        right = RejoinRecorder(self.owner, None, self.small).right(small)
        return (right[0], Why("rejoin")) if right[0] < len(small.earlier) else (None, None)


def fit(examples: Sequence[Example], l2: float, steps: int = 600) -> dict[str, float]:
    """Conditional-logit weights (``logit.conditional_logit``: Adam on the mean negative
    log-likelihood, each decision weighing ``WEIGHTS`` of its kind, + ``l2`` x |w|^2 / the
    decisions' total weight)."""
    names = [n for n in sorted(FEATURES) if not n.startswith(DROPPED) and
             (not KEPT or n in KEPT or (n.startswith("rule:") and "rule:" in KEPT))]
    return conditional_logit([(found, good) for found, good, _ in examples], names, l2, steps,
                             [WEIGHTS[kind] for _, _, kind in examples])


#: The overrides a model may make (``--only``: own, main, side, before; empty: all).
ONLY: frozenset[str] = frozenset()


#: The rules whose decisions a model leaves alone (``--keeps``).
KEEPS: frozenset[str] = frozenset()
#: Where the rules' placements a model may change lie (``--reconsiders``: main, side, own).
RECONSIDERS: frozenset[str] = frozenset()
#: How much more an override toward the main story must score (``--main-margin``; None:
#: the margin).
MAIN_MARGIN: float | None = None


def restricted(model: Linker) -> Linker:
    return replace(model, overrides=ONLY, keeps=KEEPS, reconsiders=RECONSIDERS,
                   main_margin=MAIN_MARGIN)


def with_margins(model: Linker, margin: float, rejoin_margin: float | None) -> Linker:
    """``model`` with the linker's ``margin`` and, when it has a rejoin step, its margin."""
    model = restricted(replace(model, margin=margin))
    if rejoin_margin is not None and isinstance(model.rejoin, Rejoiner):
        model = replace(model, rejoin=replace(model.rejoin, margin=rejoin_margin))
    return model


def offset(model: Linker, by: float) -> Linker:
    """``model`` with ``by`` added to the weight of a story of its own."""
    weights = dict(model.weights)
    weights["own"] = round(weights.get("own", 0.0) + by, 4)
    return restricted(Linker(weights, model.meta))


def train(paths: Sequence[Path], l2: float, rounds: int, start: float = 1.0,
          by: float = 0.0) -> Linker:
    """Trained on ``paths`` with ``start`` decisions weighing so much and ``by`` added to
    "a story of its own" (each round's states made with the offset model)."""
    WEIGHTS["start"] = start
    examples = decisions(paths, None)
    model = offset(Linker(fit(examples, l2), {}), by)
    for _ in range(rounds):
        examples += decisions(paths, model)
        model = offset(Linker(fit(examples, l2), {}), by)
    return train_rejoin(paths, model) if REJOIN["on"] else model


def goal(results: Mapping[str, StoryEval]) -> float:
    """What the grid is chosen by: pooled macro F1 plus micro F1 (macro alone rewards
    splitting every story)."""
    found = pool(list(results.values()))
    return found.macro("f1") + found.micro()["f1"]


def scored(paths: Sequence[Path], model: Linker | None) -> dict[str, StoryEval]:
    use_linker(model)
    try:
        if model is not None and isinstance(model.rejoin, _Oracle):
            found: dict[str, StoryEval] = {}
            for path in paths:
                model.rejoin.owner.clear()
                model.rejoin.owner.update(gold_owner(path))
                found.update(measure([path], dated_grouper))
            return found
        return measure(paths, dated_grouper)
    finally:
        restore_linker()


def loso(paths: Sequence[Path], l2: float, rounds: int, starts: Sequence[float],
         offsets: Sequence[float], margins: Sequence[float],
         rejoin_margins: Sequence[float | None] = (None,)
         ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """For each set: a model trained on the others with each ``starts`` x ``offsets``
    value, used with each of ``margins`` (x ``rejoin_margins``: the rejoin step's), the one
    scoring best (``goal``) on those others chosen, and the set scored with it (one value
    of each: not scored on the others). The held-out rows, and what each fold chose."""
    held: dict[str, StoryEval] = {}
    chosen: list[dict[str, Any]] = []
    single = len(starts) * len(offsets) * len(margins) * len(rejoin_margins) == 1
    for path in paths:
        others = [p for p in paths if p != path]
        best: tuple[float, float, float, Linker] | None = None
        for start in starts:
            for by in offsets:
                trained = train(others, l2, rounds, start, by)
                for margin in margins:
                    for rejoin_margin in rejoin_margins:
                        model = with_margins(trained, margin, rejoin_margin)
                        value = 0.0 if single else goal(scored(others, model))
                        if best is None or value > best[0]:
                            best = (value, start, by, model)
        assert best is not None
        if FOLDS is not None:  # the fold's model, for eval-stories on the held-out set
            write(best[3], {"held_out": set_name(path)},
                  FOLDS / f"linker-{set_name(path)}.yaml")
        held.update(scored([path], best[3]))
        rejoin = best[3].rejoin
        chosen.append({"set": set_name(path), "start": best[1], "offset": best[2],
                       "margin": best[3].margin,
                       "rejoin_margin": rejoin.margin if isinstance(rejoin, Rejoiner)
                       else None})
    return short_rows(held), chosen


def write(model: Linker, meta: Mapping[str, Any], path: Path) -> None:
    lines = ["# The learned linker of pass 1 (verifier/stories/linker.py): weights of its "
             "features.", "# Written by bench/train_linker.py; `enabled: false` leaves pass 1 "
             "to its rules.", f"format: {FORMAT}", "enabled: true",
             f"margin: {model.margin}",
             f"overrides: {json.dumps(sorted(model.overrides))}",
             f"keeps: {json.dumps(sorted(model.keeps))}",
             f"reconsiders: {json.dumps(sorted(model.reconsiders))}",
             *([f"main_margin: {model.main_margin}"] if model.main_margin is not None else []),
             "meta:"]
    lines += [f"  {k}: {json.dumps(v)}" for k, v in meta.items()]
    lines.append("weights:")
    lines += [f"  {json.dumps(k)}: {v}" for k, v in sorted(model.weights.items())]
    if isinstance(model.rejoin, Rejoiner):
        lines += ["rejoin:", f"  margin: {model.rejoin.margin}",
                  f"  small: {model.rejoin.small}", "  weights:"]
        lines += [f"    {json.dumps(k)}: {v}" for k, v in sorted(model.rejoin.weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--loso", action="store_true")
    parser.add_argument("--start", type=float, default=2.0,
                        help="how much a decision that must start a story weighs")
    parser.add_argument("--offset", type=float, default=0.0,
                        help="added to the weight of a story of its own")
    parser.add_argument("--grid-start", default="", help="LOSO grid, e.g. 1.5,2,2.5")
    parser.add_argument("--grid-offset", default="", help="LOSO grid, e.g. -0.25,0,0.25")
    parser.add_argument("--margin", type=float, default=0.0,
                        help="how much more the model's choice must score to override the rules")
    parser.add_argument("--grid-margin", default="", help="LOSO grid, e.g. 0,0.5,1,2")
    parser.add_argument("--main-margin", type=float, default=None,
                        help="how much more an override toward the main story must score")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, help="write the model trained on all the sets "
                        "here (instead of the package's file with --write)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--weigh", action="append", default=[], metavar="KIND=W")
    parser.add_argument("--keeps", default="", help="rules never overridden (back, ...)")
    parser.add_argument("--only", default="", help="the overrides allowed (own, main, ...)")
    parser.add_argument("--reconsiders", default="",
                        help="where the rules' placements it may change lie (main, side, own)")
    parser.add_argument("--folds", type=Path, help="write each fold's model here")
    parser.add_argument("--drop", default="", help="feature name prefixes left out")
    parser.add_argument("--keep", default="", help="the only features used")
    parser.add_argument("--rejoin", action="store_true",
                        help="train the rejoin step too (verifier/stories/rejoin.py)")
    parser.add_argument("--rejoin-oracle", action="store_true",
                        help="a rejoin step deciding as the labels say (what it can reach)")
    parser.add_argument("--rejoin-small", type=int, default=2)
    parser.add_argument("--rejoin-l2", type=float, default=10.0)
    parser.add_argument("--rejoin-margin", type=float, default=0.0)
    parser.add_argument("--rejoin-rounds", type=int, default=1)
    parser.add_argument("--rejoin-drop", default="", help="its feature name prefixes left out")
    parser.add_argument("--grid-rejoin-margin", default="", help="LOSO grid, e.g. 0,0.5,1")
    args = parser.parse_args(argv)
    REJOIN.update(on=args.rejoin or args.rejoin_oracle, oracle=args.rejoin_oracle,
                  small=args.rejoin_small, l2=args.rejoin_l2, margin=args.rejoin_margin,
                  rounds=args.rejoin_rounds,
                  drop=tuple(v for v in args.rejoin_drop.split(",") if v))
    global DROPPED, KEPT, FOLDS, ONLY, KEEPS, RECONSIDERS, MAIN_MARGIN
    MAIN_MARGIN = args.main_margin
    RECONSIDERS = frozenset(v for v in args.reconsiders.split(",") if v)
    KEEPS = frozenset(v for v in args.keeps.split(",") if v)
    ONLY = frozenset(v for v in args.only.split(",") if v)
    FOLDS = args.folds
    if FOLDS is not None:
        FOLDS.mkdir(parents=True, exist_ok=True)
    DROPPED = tuple(v for v in args.drop.split(",") if v)
    KEPT = frozenset(v for v in args.keep.split(",") if v)
    for text in args.weigh:
        kind, _, value = text.partition("=")
        WEIGHTS[kind] = float(value)
    out: dict[str, Any] = {"rules": short_rows(scored(args.stories, None))}
    trained = train(args.stories, args.l2, args.rounds, args.start, args.offset)
    model = with_margins(trained, args.margin, args.rejoin_margin if args.rejoin else None)
    out["trained"] = short_rows(scored(args.stories, model))
    out["weights"] = dict(model.weights)
    if args.loso:
        out["loso"], out["chosen"] = loso(
            args.stories, args.l2, args.rounds,
            [float(v) for v in args.grid_start.split(",") if v] or [args.start],
            [float(v) for v in args.grid_offset.split(",") if v] or [args.offset],
            [float(v) for v in args.grid_margin.split(",") if v] or [args.margin],
            [float(v) for v in args.grid_rejoin_margin.split(",") if v] or
            [args.rejoin_margin if args.rejoin else None])
    if args.write or args.out:
        meta = {"trained": datetime.now(UTC).strftime("%Y-%m-%d"),
                "sets": [set_name(p) for p in args.stories], "l2": args.l2,
                "rounds": args.rounds, "start": args.start, "offset": args.offset,
                "margin": args.margin, "overrides": sorted(ONLY), "keeps": sorted(KEEPS),
                "reconsiders": sorted(RECONSIDERS), "drop": list(DROPPED),
                **({"rejoin_small": REJOIN["small"], "rejoin_l2": REJOIN["l2"],
                    "rejoin_rounds": REJOIN["rounds"], "rejoin_drop": list(REJOIN["drop"])}
                   if args.rejoin else {}),
                "decisions": len(decisions(args.stories, None)),
                "rules_macro": out["rules"][-1]["macro"],
                "trained_macro": out["trained"][-1]["macro"]}
        if "loso" in out:
            meta["loso_macro"] = out["loso"][-1]["macro"]
        from verifier.config import data_path
        write(model, meta, args.out or data_path(MODEL_FILE))
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    show_short("rules", out["rules"])
    show_short("trained on all (in-sample)", out["trained"])
    if "loso" in out:
        show_short("leave-one-set-out (each set scored by a model trained on the others)",
                   out["loso"])
        print("  chosen:", ", ".join(f"{c['set']} start {c['start']:g} offset {c['offset']:g} "
                                     f"margin {c['margin']:g} rejoin {c['rejoin_margin']}"
                                     for c in out["chosen"]))
    print("weights:", ", ".join(f"{k} {v:+.2f}" for k, v in
                                sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))))
    if isinstance(model.rejoin, Rejoiner):
        print("rejoin weights:", ", ".join(
            f"{k} {v:+.2f}" for k, v in sorted(model.rejoin.weights.items(),
                                               key=lambda kv: -abs(kv[1]))))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
