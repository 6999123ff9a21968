"""Does more labelled data help a learned piece? A learning curve, leave-one-set-out.

    .venv/bin/python bench/learning_curve.py filler|chooser --corpus /work/realcorpus/tune \
        [--sizes 5,10,15,16] [--draws 5] [--cache FILE] [--json]
    .venv/bin/python bench/learning_curve.py linker /work/realcorpus/tune/set?.stories.jsonl \
        [--sizes 5,10,15,16] [--draws 3] [--json]
    .venv/bin/python bench/learning_curve.py vetter --cache FILE [--sizes ...] [--draws 5]

Every set is held out in turn, as in the trainers' ``--loso``; for each size n the piece is
trained on n of the other sets (``--draws`` random draws of them, each from a fixed seed
named by the held-out set, n and the draw; one draw when n is all the others) with the
shipped model's settings (the hyper-parameters are not chosen again, so only the amount of
training data moves), and the held-out set scored. Each (n, draw) is pooled over every
held-out set (sourcing F1 for the filler and the chooser, as ``bench/real.py`` counts it;
membership macro for the linker, as ``bench/grouping_sets.py`` measures it; the vetter
counted from ``train_finder.py``'s recorded candidates, as its ``--proxy``); the table gives
each n's mean, lowest and highest pooled figure over the draws, against the piece off.

The real sets are third-party text: read here at run time, never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: A piece's model trained on the sets named.
Trainer = Callable[[Sequence[str]], Any]
#: One set scored with a model (None: the piece off), as what ``Pooler`` adds up.
Scorer = Callable[[str, Any], Any]
Pooler = Callable[[list[Any]], float]


@dataclass(frozen=True)
class Piece:
    names: list[str]
    train: Trainer
    score: Scorer
    pool: Pooler
    #: the model file as shipped
    shipped: Any


def drawn(held: str, others: Sequence[str], n: int, draw: int) -> list[str]:
    """``n`` of ``others`` for ``held``'s ``draw``-th draw (the same on every run)."""
    if n >= len(others):
        return list(others)
    return sorted(random.Random(f"{held}/{n}/{draw}").sample(list(others), n))


def curve(piece: Piece, sizes: Sequence[int], draws: int) -> dict[str, Any]:
    """The pooled figure of each size's draws, and with the piece off and as shipped (each
    set's figure too, and with the size of one draw, trained on all the other sets: the
    leave-one-set-out figures)."""
    names = piece.names
    off = {h: piece.score(h, None) for h in names}
    shipped = {h: piece.score(h, piece.shipped) for h in names}
    rows = []
    for n in sizes:
        k = min(n, len(names) - 1)
        runs = 1 if k == len(names) - 1 else draws
        figures, each = [], {}
        for d in range(runs):
            held = {h: piece.score(h, piece.train(drawn(h, [s for s in names if s != h], k, d)))
                    for h in names}
            figures.append(piece.pool(list(held.values())))
            each = {h: piece.pool([x]) for h, x in held.items()}
            print(f"  n {k} draw {d}: {figures[-1]:.4f}", file=sys.stderr, flush=True)
        rows.append({"n": k, "draws": figures, "mean": statistics.fmean(figures),
                     "min": min(figures), "max": max(figures),
                     **({"per_set": each} if runs == 1 else {})})
    return {"off": piece.pool(list(off.values())),
            "shipped": piece.pool(list(shipped.values())),
            "per_set": {h: [piece.pool([off[h]]), piece.pool([shipped[h]])] for h in names},
            "rows": rows}


def filler(corpus: Path, cache: Path | None) -> Piece:
    import train_filler as tf
    from trainers import cached, flat

    from verifier.analysis.attribution.filler import read_filler
    from verifier.config import data_path
    from verifier.evaluation.labels import score

    sets = cached(cache, lambda: tf.load(corpus))
    shipped = read_filler(data_path(tf.MODEL_FILE))
    threshold = shipped.threshold

    return Piece(
        list(sets),
        lambda on: tf.train(flat({s: sets[s] for s in on}), 4.0, sys.maxsize, threshold),
        lambda held, model: [(d.name, d.gold, tf.filled(d, model)) for d in sets[held]],
        lambda parts: score([x for p in parts for x in p]).sourcing.f1, shipped)


def chooser(corpus: Path, cache: Path | None) -> Piece:
    import train_chooser as tc
    from trainers import cached, flat

    from verifier.analysis.attribution.chooser import read_chooser
    from verifier.config import data_path

    tc.DROP = ("same:", "part:")
    tc.REQUIRED = tc.REQUIRES["party_subject"]
    allowed = tc.ALLOWED["party"]
    sets = cached(cache, lambda: tc.load(corpus))
    return Piece(
        list(sets),
        lambda on: tc.train(flat({s: sets[s] for s in on}), allowed, 4.0, 3, 0.4),
        lambda held, model: tc.relabelled(sets[held], model),
        lambda parts: tc.scored([d for p in parts for d in p]).sourcing.f1,
        read_chooser(data_path(tc.MODEL_FILE)))


def linker(paths: Sequence[Path]) -> Piece:
    import train_linker as tl
    from grouping_sets import set_name

    from verifier.config import data_path
    from verifier.evaluation.stories import pool
    from verifier.stories.linker import MODEL_FILE, read_linker

    tl.DROPPED = ("placed", "deep", "since", "adjacent", "previous_main", "back_main", "share",
                  "main_share", "main_since", "previous_own", "relative")
    tl.ONLY = frozenset({"own"})
    tl.KEEPS = frozenset({"back", "quotation", "heading", "nothing", "side",
                          "new_names.side"})
    by_name = {set_name(p): p for p in paths}
    return Piece(
        list(by_name),
        lambda on: tl.with_margins(tl.train([by_name[s] for s in on], 10.0, 1, 1.0, 0.0), 0.5,
                                   None),
        lambda held, model: list(tl.scored([by_name[held]], model).values()),
        lambda parts: pool([e for p in parts for e in p]).macro("f1"),
        read_linker(data_path(MODEL_FILE)))


class _FinderCache(pickle.Unpickler):
    """``train_finder.py``'s cache, written with the trainer run as ``__main__``."""

    def find_class(self, module: str, name: str) -> Any:
        return super().find_class("train_finder" if module == "__main__" else module, name)


def vetter(cache: Path) -> Piece:
    """The learned finder's vetter (its file's recipe: gate only, Wilson z 1.64), counted as
    ``train_finder.py --proxy`` counts it from the candidates its ``--cache`` recorded: the
    finder-off counts plus the candidates kept. As shipped: every candidate kept."""
    import train_finder as tfi

    from verifier.analysis.attribution.vetter import MODEL_FILE, read_vetter
    from verifier.config import data_path

    if not cache.is_file():
        raise SystemExit(f"no {cache}: run bench/train_finder.py --cache {cache} first")
    off, _, examples = _FinderCache(cache.open("rb")).load()
    classes = read_vetter(data_path(MODEL_FILE)).classes
    for e in examples:
        if e.candidate is not None:
            e.features = tfi.features(e.candidate, classes)
    base = {s: tfi.counts(ev) for s, ev in off.items()}

    def train(on: Sequence[str]) -> Any:
        return tfi.trained([e for e in examples if e.set in on], {s: base[s] for s in on},
                           [0.5], 2.0, 5, [], [], 1.64, True)

    def score(held: str, model: Any) -> Any:
        if model is None:
            return base[held]
        t, gates, weights = model
        mine = [e for e in examples if e.set == held]
        return tfi.proxy_counts(base[held], mine,
                                [tfi.probability(weights, e.features) for e in mine], t, gates)

    return Piece(list(off), train, score, lambda parts: tfi.f1(tfi.summed(parts)),
                 (0.0, {}, {}))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("piece", choices=("filler", "chooser", "linker", "vetter"))
    parser.add_argument("stories", nargs="*", type=Path, help="the linker's story files")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--sizes", default="5,10,15,16")
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="the trainer's analyses (a pickle outside "
                        "the repository), read back when there")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.piece == "linker":
        if not args.stories:
            parser.error("the linker needs the story files")
        piece = linker(args.stories)
    elif args.piece == "vetter":
        if args.cache is None:
            parser.error("the vetter needs --cache (bench/train_finder.py's)")
        piece = vetter(args.cache)
    else:
        if args.corpus is None:
            parser.error(f"the {args.piece} needs --corpus")
        piece = (filler if args.piece == "filler" else chooser)(args.corpus, args.cache)
    out = curve(piece, [int(v) for v in args.sizes.split(",") if v], args.draws)
    out["sets"] = piece.names
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    show(args.piece, out)
    return 0


def show(piece: str, out: Mapping[str, Any]) -> None:
    print(f"{piece}: {len(out['sets'])} sets, each held out; pooled over them")
    print(f"  piece off        {out['off']:.4f}")
    print(f"  as shipped       {out['shipped']:.4f}  (in-sample on the sets it was trained on)")
    for r in out["rows"]:
        print(f"  trained on {r['n']:>2}  mean {r['mean']:.4f}  (draws {len(r['draws'])}: "
              f"{r['min']:.4f}-{r['max']:.4f}; {r['mean'] - out['off']:+.4f} over off)")
    loso = next((r["per_set"] for r in out["rows"] if "per_set" in r), {})
    print("  per set, off / shipped" + (" / leave-one-set-out" if loso else "") + ": " +
          ", ".join(f"{h} {a:.4f}/{b:.4f}" + (f"/{loso[h]:.4f}" if loso else "")
                    for h, (a, b) in out["per_set"].items()))


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
