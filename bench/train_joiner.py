"""Train pass 2's learned joiner (``verifier/stories/joiner.py``) on labelled sets, and
measure it leave-one-set-out.

    .venv/bin/python bench/train_joiner.py /work/realcorpus/tune/set?.stories.jsonl \
        [--l2 1] [--states gold|real|both] [--rounds 0] [--margin 0] [--offset 0] \
        [--loso --grid-margin 0,0.5,1 --grid-offset=-0.5,0 --goal macro,micro] \
        [--folds DIR] [--out FILE | --write [--on]] [--json]

Each story of an article that pass 2 places (as pass 1 made it) is one decision: its
candidates are the stories of other articles sharing a name distinctive for the two (those
the rules look at) and "no story", each described by the joiner's features
(``verifier.stories.grouping._Index.decision``). The right candidates, by the labels: the
story whose labelled majority is the article story's labelled majority (holding most of it),
else no story; an article story holding no labelled claim (background) stands alone. The
model is a conditional logit (softmax over the candidates, the log of the right ones'
probability maximised, L2-penalised), fitted by gradient descent with numpy (deterministic).

The decisions are read in the states pass 1 gives (``--states``): ``gold`` (default: each
article's stories from the labels, so the right candidate is clear), ``real`` (pass 1 as it
is; its fragments' majorities make noisy targets) or ``both``; then, for ``--rounds`` more,
in the states the model trained so far makes (DAgger). ``--offset`` is added to the weight
of "no story" (below 0 it joins more), ``--margin`` is how much more its choice must score
than the rules' to override them.

- default: train on all the sets given, print membership per set (as ``grouping_sets.py``
  measures it) with the rules and with the model, with the real pass 1 and with the labels'
  (``grouping_sets.py --gold-article``'s pass 1);
- ``--loso``: for each set, train on the others (choosing ``--grid-margin`` x
  ``--grid-offset`` on them by the pooled ``--goal`` measures, less twice what cross
  precision falls under the rules') and score it; ``--folds DIR`` writes each fold's model
  there (``joiner-<set>.yaml``);
- ``--write`` / ``--out``: write the model trained on all the sets (``enabled: false``
  unless ``--on``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grouping_sets import (
    article_dates,
    dated_grouper,
    gold_article_grouper,
    gold_owner,
    measure,
    set_name,
    short_row,
    short_rows,
    show_short,
)
from logit import conditional_logit
from trainers import today, weight_lines, write_model

from verifier.evaluation.stories import StoryEval, pool
from verifier.stories.joiner import (
    FEATURES,
    FORMAT,
    MODEL_FILE,
    JoinChooser,
    JoinDecision,
    Joiner,
    restore_joiner,
    use_joiner,
)
from verifier.stories.reasons import Why

Example = tuple[list[dict[str, float]], list[int]]

#: Features left out of training (``--drop``: names).
DROPPED: frozenset[str] = frozenset()
#: Where each fold's model is written (``--folds DIR``).
FOLDS: Path | None = None
#: Train and use the joiner ``gated`` (``--gated``): it joins only ``eligible`` stories.
GATED = False


@dataclass
class Recorder:
    """A chooser that records each decision with its right candidates and joins as ``model``
    would (None: as the rules do)."""

    owner: Mapping[Hashable, str]
    model: Joiner | None
    examples: list[Example] = field(default_factory=list)

    def choose(self, d: JoinDecision) -> tuple[int | None, Why | None]:
        right = self.right(d)
        if GATED:  # the candidates a gated joiner may choose, and "no story"
            keep = [n for n, f in enumerate(d.features) if n == len(d.numbers) or
                    "eligible" in f or d.numbers[n] == d.rule_number]
            good = [keep.index(n) for n in right if n in keep] or [len(keep) - 1]
            self.examples.append(([d.features[n] for n in keep], good))
        else:
            self.examples.append((list(d.features), right))
        if self.model is None:
            return d.rule_number, d.rule_why
        return self.model.choose(d)

    def right(self, d: JoinDecision) -> list[int]:
        alone = len(d.numbers)
        mine = Counter(s for k in d.group.members if (s := self.owner.get(k)) is not None)
        if not mine:
            return [alone]
        story = mine.most_common(1)[0][0]
        held = []
        for other in d.stories:
            c = Counter(s for k in other.members if (s := self.owner.get(k)) is not None)
            held.append(c[story] if c and c.most_common(1)[0][1] <= c[story] else 0)
        most = max(held, default=0)
        return [held.index(most)] if most else [alone]


def grouper_for(gold: bool) -> Any:
    if gold:
        return lambda path: gold_article_grouper(gold_owner(path), article_dates(path))
    return dated_grouper


def decisions(paths: Sequence[Path], model: Joiner | None, gold: bool = False
              ) -> list[Example]:
    """Every decision of pass 2 on the sets, in the states ``model`` (None: the rules) makes
    (``gold``: with each article's stories from the labels)."""
    found: list[Example] = []
    for path in paths:
        recorder = Recorder(gold_owner(path), model)  # type: ignore[arg-type]
        use_joiner(recorder)
        try:
            measure([path], grouper_for(gold))
        finally:
            restore_joiner()
        found.extend(recorder.examples)
    return found


def fit(examples: Sequence[Example], l2: float, steps: int = 800) -> dict[str, float]:
    """Conditional-logit weights (``logit.conditional_logit``: from zero, so deterministic)
    of the features not ``DROPPED``."""
    return conditional_logit(examples, [n for n in sorted(FEATURES) if n not in DROPPED], l2,
                             steps)


def train(paths: Sequence[Path], l2: float, rounds: int, margin: float, states: str = "gold",
          by: float = 0.0) -> Joiner:
    """Trained on the decisions of ``paths`` in the ``states`` pass 1 gives (``gold``: each
    article's stories from the labels; ``real``: pass 1 as it is; ``both``), then ``rounds``
    more rounds in the states the model makes; ``by`` added to "no story"."""
    examples: list[Example] = []
    if states in ("gold", "both"):
        examples += decisions(paths, None, gold=True)
    if states in ("real", "both"):
        examples += decisions(paths, None)
    model = offset(Joiner(fit(examples, l2), {}, margin=margin, gated=GATED), by)
    for _ in range(rounds):
        if states in ("gold", "both"):
            examples += decisions(paths, model, gold=True)
        if states in ("real", "both"):
            examples += decisions(paths, model)
        model = offset(Joiner(fit(examples, l2), {}, margin=margin, gated=GATED), by)
    return model


def offset(model: Joiner, by: float) -> Joiner:
    """``model`` with ``by`` added to the weight of "no story" (below 0: it joins more)."""
    weights = dict(model.weights)
    weights["alone"] = round(weights.get("alone", 0.0) + by, 4)
    return replace(model, weights=weights)


def scored(paths: Sequence[Path], model: JoinChooser | None, gold: bool = False
           ) -> dict[str, StoryEval]:
    use_joiner(model)
    try:
        return measure(paths, grouper_for(gold))
    finally:
        restore_joiner()


#: What the grid is chosen by (``--goal``): ``macro``, ``micro`` and ``cross_r`` summed
#: (pooled), minus twice what cross precision falls under the rules'.
GOAL: tuple[str, ...] = ("macro", "cross_r")


def goal(results: Mapping[str, StoryEval], floor: float) -> float:
    """Pooled ``GOAL`` measures summed, minus twice what cross precision falls under
    ``floor`` (the rules')."""
    found = short_row("pooled", pool(list(results.values())))
    return float(sum(found[k] for k in GOAL)) - 2 * max(0.0, floor - found["cross_p"])


def loso(paths: Sequence[Path], l2: float, rounds: int, margins: Sequence[float],
         offsets: Sequence[float], states: str
         ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """For each set: a model trained on the others, the ``margins`` x ``offsets`` values
    scoring best (``goal``) on those others chosen, and the set scored with it (with the real
    pass 1 and with the labels')."""
    held: dict[str, StoryEval] = {}
    held_gold: dict[str, StoryEval] = {}
    chosen: list[dict[str, Any]] = []
    for path in paths:
        others = [p for p in paths if p != path]
        floor = short_row("pooled", pool(list(scored(others, None).values())))["cross_p"]
        trained = train(others, l2, rounds, margins[0], states)
        best: tuple[float, Joiner, float] | None = None
        for by in offsets:
            for margin in margins:
                model = offset(replace(trained, margin=margin), by)
                value = goal(scored(others, model), floor)
                if best is None or value > best[0] + 1e-9:
                    best = (value, model, by)
        assert best is not None
        if FOLDS is not None:
            write(best[1], {"held_out": set_name(path)}, FOLDS / f"joiner-{set_name(path)}.yaml")
        held.update(scored([path], best[1]))
        held_gold.update(scored([path], best[1], gold=True))
        chosen.append({"set": set_name(path), "margin": best[1].margin, "offset": best[2]})
    return short_rows(held), chosen, {"gold": short_rows(held_gold)}


def write(model: Joiner, meta: Mapping[str, Any], path: Path, enabled: bool = True) -> None:
    write_model(path, title="The learned joiner of pass 2 (verifier/stories/joiner.py): "
                "weights of its features.", trainer="bench/train_joiner.py",
                off="leaves pass 2 to its rules", version=FORMAT, enabled=enabled,
                fields=[f"margin: {model.margin}",
                        f"gated: {'true' if model.gated else 'false'}"],
                meta=meta, weights=weight_lines(model.weights))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=0)
    parser.add_argument("--margin", type=float, default=0.0)
    parser.add_argument("--grid-margin", default="", help="LOSO grid, e.g. 0,0.5,1")
    parser.add_argument("--states", default="gold", choices=("gold", "real", "both"))
    parser.add_argument("--offset", type=float, default=0.0,
                        help="added to the weight of no story (below 0: joins more)")
    parser.add_argument("--grid-offset", default="", help="LOSO grid, e.g. -0.5,0")
    parser.add_argument("--loso", action="store_true")
    parser.add_argument("--folds", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--on", action="store_true", help="write the model enabled")
    parser.add_argument("--gated", action="store_true",
                        help="join only stories the rules' name tests let through")
    parser.add_argument("--drop", default="")
    parser.add_argument("--goal", default="macro,cross_r",
                        help="pooled measures the grid is chosen by (macro, micro, cross_r)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    global DROPPED, FOLDS, GOAL, GATED
    GATED = args.gated
    GOAL = tuple(v for v in args.goal.split(",") if v)
    DROPPED = frozenset(v for v in args.drop.split(",") if v)
    FOLDS = args.folds
    if FOLDS is not None:
        FOLDS.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"rules": short_rows(scored(args.stories, None)),
                           "rules_gold": short_rows(scored(args.stories, None, gold=True))}
    model = train(args.stories, args.l2, args.rounds, args.margin, args.states, args.offset)
    out["trained"] = short_rows(scored(args.stories, model))
    out["trained_gold"] = short_rows(scored(args.stories, model, gold=True))
    out["weights"] = dict(model.weights)
    if args.loso:
        out["loso"], out["chosen"], extra = loso(
            args.stories, args.l2, args.rounds,
            [float(v) for v in args.grid_margin.split(",") if v] or [args.margin],
            [float(v) for v in args.grid_offset.split(",") if v] or [args.offset], args.states)
        out["loso_gold"] = extra["gold"]
    if args.write or args.out:
        meta = {"trained": today(),
                "sets": [set_name(p) for p in args.stories], "l2": args.l2,
                "rounds": args.rounds, "margin": args.margin,
                "states": args.states, "gated": args.gated, "offset": args.offset,
                "drop": sorted(DROPPED),
                "decisions": len(decisions(args.stories, None, gold=args.states == "gold")),
                "rules_macro": out["rules"][-1]["macro"],
                "trained_macro": out["trained"][-1]["macro"]}
        if "loso" in out:
            meta["loso_macro"] = out["loso"][-1]["macro"]
            meta["loso_cross_p"] = out["loso"][-1]["cross_p"]
            meta["loso_cross_r"] = out["loso"][-1]["cross_r"]
        from verifier.config import data_path
        write(model, meta, args.out or data_path(MODEL_FILE), enabled=args.on)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    show_short("rules", out["rules"])
    show_short("rules, pass 1 from the labels", out["rules_gold"])
    show_short("trained on all (in-sample)", out["trained"])
    show_short("trained on all (in-sample), pass 1 from the labels", out["trained_gold"])
    if "loso" in out:
        show_short("leave-one-set-out", out["loso"])
        show_short("leave-one-set-out, pass 1 from the labels", out["loso_gold"])
        print("  chosen:", ", ".join(f"{c['set']} margin {c['margin']:g} offset {c['offset']:g}"
                                     for c in out["chosen"]))
    print("weights:", ", ".join(f"{k} {v:+.2f}" for k, v in
                                sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
