"""Train the learned finder's vetter (``verifier/analysis/attribution/vetter.py``) on the
labelled real sets, and measure it leave-one-set-out.

    .venv/bin/python bench/train_finder.py --corpus /work/realcorpus/tune \
        [--floor 0.3] [--forced] [--l2 2] [--grid-threshold 0.4,0.5,0.6] [--min-count 5]
        [--drop PREFIXES] [--headlines] [--exact] [--loso] [--write] [--enable]
    .venv/bin/python bench/train_finder.py --corpus /work/realcorpus/tune --tune-tagger 5 3 1.0
    .venv/bin/python bench/train_finder.py --corpus /work/realcorpus/tune --gate-only \
        --confident 1.64 --loso [--write [--enable]] [--cache /tmp/finder.pkl] [--proxy]

What it does:

1. Candidates. Every labelled text is analysed with a vetter that accepts everything the
   tagger proposes down to ``--floor`` (with ``--forced``, its forced cues too), and each
   candidate the vetter would weigh is recorded: its features (``vetter.features``) and
   whether its kind is one of the kinds the labellers give its sentence (the sentences
   aligned as the analyser's scorer aligns them). The real sets carry no cue spans: the
   target is the one the scorer counts, the kind of the sentence.
2. The vetter: a logistic over the features seen at least ``--min-count`` times in the
   training sets, L2-penalised (``--l2``), fitted by Newton's method from zeros
   (deterministic). The threshold is ``--threshold``, or the one of ``--grid-threshold``
   whose pooled leave-one-set-out sourcing F1 inside the training sets is best, counted as
   the scorer would count the candidates (the finder-off analysis's counts plus each
   accepted (sentence, kind): right adds a true positive and removes a miss, wrong adds a
   false positive).
3. ``--loso``: for each set, the vetter trained on the others (threshold chosen inside them)
   is put in force and the set analysed again and scored with the analyser's own scorer;
   per set and pooled, against the finder as shipped without the vetter and the finder off.
4. ``--write``: the vetter trained on all the sets is written to
   ``verifier/data/models/attribution_vetter.yaml`` with what it was trained on and the
   leave-one-set-out figures (``--enable`` switches it on).

A per-kind gate (session 26): ``--kind-gate GRID`` chooses a threshold per kind inside the
training sets (one pass over the kinds, 1.0 shuts a kind out); ``--confident Z`` shuts out
the kinds whose candidates are right so seldom in the training sets that even the upper end
of the Wilson interval (at Z) of their share is below half the sets' F1 (what an added
attribution needs to pay); ``--gate-only`` fits no weights (threshold 0: every proposal
kept but the kinds shut out). ``--hold D`` weighs only thresholds under which no inner
training set falls by more than D. ``--proxy`` counts the leave-one-set-out folds from the
recorded candidates without analysing again (for comparing features: what a kept
attribution carries to the next sentences is not counted); ``--cache`` keeps the analyses'
counts and the candidates in a pickle outside the repository (the features are read anew
from the recorded candidates each run, so a change of ``vetter.features`` needs no new
cache; a change of what is recorded does).

``--tune-tagger REACH EPOCHS NEG`` trains no vetter: it measures the tagger itself trained
on further on the real sets, leave-one-set-out, with targets derived from their labels
(``tagger_targets``: the cue is the accepted cue word nearest the labelled source words).

The real sets are third-party text: read here at run time, never written anywhere (no word
of them is in the model file: its features are the tagger's cue words and fixed names).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real import labelled_texts
from trainers import SHORT, cached, today

from verifier import analyse_text
from verifier.analysis.attribution import learned
from verifier.analysis.attribution.vetter import (
    FORMAT,
    MODEL_FILE,
    Candidate,
    Vetter,
    features,
    probability,
    read_vetter,
    restore_vetter,
    use_vetter,
)
from verifier.config import data_path
from verifier.evaluation.labels import Evaluation, GoldSentence, align, locate, score
from verifier.vocab import KINDS


@dataclass
class Example:
    set: str
    doc: str
    start: int
    kind: str
    features: list[str]
    right: bool
    candidate: Candidate | None = None


Text = tuple[str, str, list[GoldSentence], str]  # set, doc, gold, text


def texts(corpus: Path) -> dict[str, list[Text]]:
    sets: dict[str, list[Text]] = {}
    for name, doc, gold, text in labelled_texts(corpus):
        sets.setdefault(name.removeprefix("set"), []).append(
            (name.removeprefix("set"), doc, list(gold), text))
    return sets


def evaluate(docs: Sequence[Text], vet: Vetter | None, off: bool = False) -> Evaluation:
    """The analyser's scores on ``docs`` with ``vet`` in force (None: the finder as it is
    shipped without a vetter; ``off``: the finder off)."""
    if off:
        learned.use_settings(replace(learned.settings(), enabled=False))
    use_vetter(vet)
    try:
        return score((doc, gold, analyse_text(text)) for _, doc, gold, text in docs)
    finally:
        restore_vetter()
        if off:
            learned.use_settings(None)


def collect(sets: Mapping[str, Sequence[Text]], floor: float, forced: bool,
            headlines: bool, classes: Mapping[str, str]) -> list[Example]:
    """Every candidate the vetter would weigh, labelled (step 1)."""
    everything = Vetter(True, 0.0, floor, forced, {}, {}, headlines, dict(classes))
    out: list[Example] = []
    use_vetter(everything)
    try:
        for docs in sets.values():
            for name, doc, gold, text in docs:
                found: list[learned.Recorded] = []
                learned.recording(found)
                try:
                    analysis = analyse_text(text)
                finally:
                    learned.recording(None)
                matched, _ = align(locate(analysis.text, gold, doc), analysis.sentences)
                kinds = {p.start: g.kinds for g, p in zip(gold, matched, strict=True)
                         if p is not None}
                out += [Example(name, doc, start, kind, names, kind in kinds.get(start, ()),
                                candidate)
                        for start, _, kind, names, _, candidate in found]
    finally:
        restore_vetter()
    return out


def fit(examples: Sequence[Example], l2: float, min_count: int,
        drop: Sequence[str] = ()) -> dict[str, float]:
    """A logistic's weights (Newton's method from zeros, ``l2`` on every weight but the
    bias), over the features seen at least ``min_count`` times."""
    counts: Counter[str] = Counter(n for e in examples for n in set(e.features))
    names = sorted(n for n, c in counts.items()
                   if c >= min_count and not any(n.startswith(d) for d in drop))
    if "bias" not in names:
        names.insert(0, "bias")
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(examples), len(names)))
    for i, e in enumerate(examples):
        for n in e.features:
            if n in column:
                x[i, column[n]] = 1.0
    y = np.array([e.right for e in examples], dtype=float)
    penalty = np.full(len(names), l2)
    penalty[column["bias"]] = 1e-6
    w = np.zeros(len(names))
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return {n: round(float(w[i]), 4) for i, n in enumerate(names) if abs(w[i]) >= 1e-4}


def proxy_counts(base: tuple[int, int, int], examples: Sequence[Example],
                 chance: Sequence[float], threshold: float,
                 gates: Mapping[str, float] | None = None) -> Counts:
    """The counts as the scorer would count the finder-off counts ``base`` (tp, fp, fn)
    plus each (sentence, kind) with a candidate at or above ``threshold`` (or its kind's
    threshold of ``gates``)."""
    tp, fp, fn = base
    taken: set[tuple[str, int, str]] = set()
    gates = gates or {}
    for e, p in zip(examples, chance, strict=True):
        key = (e.doc, e.start, e.kind)
        if p >= gates.get(e.kind, threshold) and key not in taken:
            taken.add(key)
            if e.right:
                tp, fn = tp + 1, fn - 1
            else:
                fp += 1
    return tp, fp, fn


def proxy_f1(base: tuple[int, int, int], examples: Sequence[Example],
             chance: Sequence[float], threshold: float,
             gates: Mapping[str, float] | None = None) -> float:
    """Sourcing F1 of ``proxy_counts``."""
    return f1(proxy_counts(base, examples, chance, threshold, gates))


def inner_chances(examples: Sequence[Example], names: Sequence[str], l2: float,
                  min_count: int, drop: Sequence[str]) -> tuple[list[Example], list[float]]:
    """Each example of the sets ``names`` with its probability under the vetter trained on
    the other sets of ``names`` (leave-one-set-out)."""
    chance: list[float] = []
    ordered: list[Example] = []
    for held in names:
        weights = fit([e for e in examples if e.set != held and e.set in names], l2,
                      min_count, drop)
        mine = [e for e in examples if e.set == held]
        ordered += mine
        chance += [probability(weights, e.features) for e in mine]
    return ordered, chance


def upper(right: int, n: int, z: float) -> float:
    """The Wilson score interval's upper end for ``right`` of ``n`` at ``z``."""
    if n == 0:
        return 1.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre + spread) / (1 + z * z / n)


def confident_gates(examples: Sequence[Example], base: Mapping[str, Counts],
                    z: float) -> dict[str, float]:
    """The kinds to shut out (threshold 1.0): those whose candidates in the sets of ``base``
    are right so seldom that even the upper end of the Wilson interval at ``z`` of their
    share is below half the sets' sourcing F1 (an added (sentence, kind) pays only above
    it)."""
    even = f1(summed(base[s] for s in base)) / 2
    mine = [e for e in examples if e.set in base]
    out: dict[str, float] = {}
    for kind in KINDS:
        of = [e for e in mine if e.kind == kind]
        if of and upper(sum(e.right for e in of), len(of), z) < even:
            out[kind] = 1.0
    return out


def choose_gates(examples: Sequence[Example], base: Mapping[str, tuple[int, int, int]],
                 grid: Sequence[float], threshold: float, l2: float, min_count: int,
                 drop: Sequence[str]) -> dict[str, float]:
    """A per-kind gate: for each kind in turn (``KINDS`` order, one pass), the threshold of
    ``grid`` or 1.0 (the kind shut out) whose pooled leave-one-set-out proxy F1 over the
    sets of ``base`` is best with the others fixed; kept only where it differs from
    ``threshold`` and strictly gains."""
    names = sorted(base)
    ordered, chance = inner_chances(examples, names, l2, min_count, drop)
    pooled = summed(base[s] for s in names)
    gates: dict[str, float] = {}
    for kind in KINDS:
        if not any(e.kind == kind for e in ordered):
            continue
        now = proxy_f1(pooled, ordered, chance, threshold, gates)
        best = max([*grid, 1.0], key=lambda t: (proxy_f1(
            pooled, ordered, chance, threshold, {**gates, kind: t}), -abs(t - threshold)))
        if best != threshold and proxy_f1(pooled, ordered, chance, threshold,
                                          {**gates, kind: best}) > now:
            gates[kind] = best
    return gates


def choose_threshold(examples: Sequence[Example], base: Mapping[str, tuple[int, int, int]],
                     grid: Sequence[float], l2: float, min_count: int,
                     drop: Sequence[str], hold: float | None = None) -> float:
    """The threshold of ``grid`` whose pooled leave-one-set-out proxy F1 over the sets of
    ``examples`` is best (ties: the larger). With ``hold``, only thresholds under which no
    inner set falls by more than ``hold`` against every candidate kept are weighed, and 0.0
    (every candidate kept) when none is."""
    if len(grid) == 1 and hold is None:
        return grid[0]
    names = sorted(base)
    ordered, chance = inner_chances(examples, names, l2, min_count, drop)
    pooled = summed(base[s] for s in names)
    if hold is not None:
        def holds(t: float) -> bool:
            for name in names:
                mine = [(e, p) for e, p in zip(ordered, chance, strict=True) if e.set == name]
                es, ps = [e for e, _ in mine], [p for _, p in mine]
                if (f1(proxy_counts(base[name], es, ps, t))
                        < f1(proxy_counts(base[name], es, ps, 0.0)) - hold):
                    return False
            return True
        grid = [t for t in grid if holds(t)] or [0.0]
    return max(grid, key=lambda t: (proxy_f1(pooled, ordered, chance, t), t))


def choose_exact(sets: Mapping[str, Sequence[Text]], examples: Sequence[Example],
                 grid: Sequence[float], l2: float, min_count: int, drop: Sequence[str],
                 floor: float, forced: bool, headlines: bool) -> float:
    """The threshold of ``grid`` whose pooled leave-one-set-out sourcing F1 over ``sets`` is
    best (ties: the larger), each inner set analysed again with the vetter trained on the
    others and scored with the analyser's scorer (what a kept attribution carries to the
    next sentences counts too)."""
    if len(grid) == 1:
        return grid[0]
    pooled = {t: (0, 0, 0) for t in grid}
    for inner, docs in sets.items():
        weights = fit([e for e in examples if e.set != inner and e.set in sets], l2,
                      min_count, drop)
        for t in grid:
            got = counts(evaluate(docs, Vetter(True, t, floor, forced, weights, {}, headlines,
                                                dict(read_vetter(data_path(MODEL_FILE)).classes))))
            pooled[t] = summed((pooled[t], got))
    return max(grid, key=lambda t: (f1(pooled[t]), t))


def tagger_targets(g: GoldSentence, accept: frozenset[str], reach: int
                   ) -> tuple[list[str], list[int]] | None:
    """A gold sentence as the tagger's words and tags, derived from its labels (the real
    sets carry no cue spans): each labelled source's words found in the sentence are its
    source (``B-SRC``/``I-SRC``), and its cue is the nearest word outside quotations, at most
    ``reach`` tokens away, that the tagger accepts as a cue (``accept_words``); a sentence
    with no kind is all ``O``; one with a source not in its words or no cue word near it
    has no target (None)."""
    offsets = learned.tokens(g.text)
    words = [g.text[a:b] for a, b in offsets]
    low = [w.lower().replace("’", "'") for w in words]
    tags = [learned.O] * len(words)
    if not g.kinds:
        return words, tags
    quoted = learned._quoted(words)
    for source in sorted(set(g.sources)):
        at = g.text.find(source)
        where = [k for k, (a, b) in enumerate(offsets) if a < at + len(source) and b > at]
        if at < 0 or not source.strip() or not where:
            return None
        for n, k in enumerate(where):
            if tags[k] == learned.O:
                tags[k] = learned.B_SRC if n == 0 else learned.I_SRC
        cue = next((k for d in range(1, reach + 1) for k in (where[-1] + d, where[0] - d)
                    if 0 <= k < len(words) and tags[k] == learned.O and low[k] in accept
                    and not quoted[k]), None)
        if cue is None:
            return None
        tags[cue] = learned.B_CUE
    return words, tags


def tune_tagger(sets: Mapping[str, Sequence[Text]], shipped: Mapping[str, Evaluation],
                reach: int, epochs: int, negatives: float) -> None:
    """Leave-one-set-out: the shipped tagger trained on further (its weights and
    transitions the start of an averaged perceptron) for ``epochs`` passes over the other
    sets' sentences (``tagger_targets``; of the sentences with no kind, the share
    ``negatives``, chosen by a checksum of their words), and the held-out set analysed with
    it (the settings' threshold); per set and pooled against the shipped tagger."""
    import random
    import zlib

    from train_attribution import Trainer, encode

    base = learned.model()
    data: dict[str, list[tuple[list[str], list[int]]]] = {}
    for name, docs in sets.items():
        data[name] = []
        for _, _, gold, _ in docs:
            for g in gold:
                target = tagger_targets(g, base.accept_words, reach)
                if target is None or not target[0] or (not any(target[1]) and (
                        zlib.crc32(g.text.encode("utf-8")) % 1000 >= negatives * 1000)):
                    continue
                data[name].append(target)
    feats = {s: [learned.features(w, base.cue_words) for w, _ in v] for s, v in data.items()}
    seen: Counter[str] = Counter(n for v in feats.values() for sent in v for names in sent
                                 for n in names)
    names = list(base.names) + sorted(n for n, c in seen.items()
                                      if c >= 2 and n not in base.index)
    index = {n: i for i, n in enumerate(names)}
    start = np.zeros((len(names), len(learned.LABELS)))
    start[: len(base.names)] = base.weights
    transitions = np.where(learned._transition_mask() < 0, 0.0, base.transitions)
    encoded = {s: [encode(sent, index, tags) for sent, (_, tags) in zip(feats[s], v, strict=True)]
               for s, v in data.items()}
    print(f"tagger targets: {sum(map(len, data.values()))} sentences", flush=True)
    before, after = (0, 0, 0), (0, 0, 0)
    for held, docs in sets.items():
        trainer = Trainer(len(names))
        trainer.w[:] = start
        trainer.t[:] = transitions
        train = [x for s, v in encoded.items() if s != held for x in v]
        rng = random.Random(7)
        for _ in range(epochs):
            trainer.epoch(train, rng)
        w, t = trainer.averaged()
        tuned = learned.Model(index, w.astype(np.float32), t + learned._transition_mask(),
                              dict(base.meta), base.cue_words, tuple(names), base.accept_words)
        learned.use_model(learned.configured(tuned, learned.settings()))
        try:
            ev = evaluate(docs, None)
        finally:
            learned.use_model(None)
        before = summed((before, counts(shipped[held])))
        after = summed((after, counts(ev)))
        print(row(held, shipped[held], ev), flush=True)
    print(f"pooled F1: shipped {f1(before):.4f}, tagger trained on further {f1(after):.4f}")


Counts = tuple[int, int, int]  # sourcing's true positives, false positives, misses


def counts(ev: Evaluation) -> Counts:
    s = ev.sourcing
    return s.tp, s.fp, s.fn


def summed(many: Iterable[Counts]) -> Counts:
    tp = fp = fn = 0
    for a, b, c in many:
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def f1(c: Counts) -> float:
    """Sourcing F1 of counts (0 when there is nothing to count)."""
    tp, fp, fn = c
    return 2 * tp / max(1, 2 * tp + fp + fn)


def row(name: str, before: Evaluation, after: Evaluation) -> str:
    b, a = before.sourcing, after.sourcing
    kinds = " ".join(
        f"{SHORT[k]} {before.per_kind[k].f1:.2f}>{after.per_kind[k].f1:.2f}"
        if round(before.per_kind[k].f1, 2) != round(after.per_kind[k].f1, 2) else f"{SHORT[k]} ="
        for k in KINDS)
    return (f"{name:4} F1 {b.f1:.4f} -> {a.f1:.4f} ({a.f1 - b.f1:+.4f})  P {b.precision:.3f} -> "
            f"{a.precision:.3f}  R {b.recall:.3f} -> {a.recall:.3f}  tp {b.tp}->{a.tp} fp "
            f"{b.fp}->{a.fp}  | {kinds}")


def write(path: Path, vet: Vetter, meta: dict[str, Any]) -> None:
    classes: dict[str, list[str]] = {}
    for word, name in vet.classes.items():
        classes.setdefault(name, []).append(word)
    lines = [
        "# The learned finder's vetter (verifier/analysis/attribution/vetter.py): which of the",
        "# tagger's proposals become attributions. Written by bench/train_finder.py; "
        "`enabled: false`",
        "# leaves the tagger's own threshold in force (the finder as it was before session 25).",
        "# The features (vetter.FAMILIES) are fixed names, the tagger's own cue words and the",
        "# classes of cue_classes: no word of the labelled texts.",
        f"format: {FORMAT}",
        f"enabled: {'true' if vet.enabled else 'false'}",
        "# the probability (of the kind being one the labellers give) a proposal needs",
        f"threshold: {vet.threshold}",
        "# the probability a proposal of a kind needs instead (a per-kind gate; 1.0: shut out)",
        "kind_thresholds: {" + ", ".join(f"{k}: {v}" for k, v in sorted(vet.kinds.items()))
        + "}",
        "# the tagger's score a proposal needs to be weighed at all",
        f"floor: {vet.floor}",
        "# whether cue words the tagger's best tagging leaves out are proposed too",
        f"forced: {'true' if vet.forced else 'false'}",
        "# whether headlines (no closing punctuation) are weighed too",
        f"headlines: {'true' if vet.headlines else 'false'}",
        "# the cue's classes (feature verb:): a cue word -> the kind of act it tells (session 26)",
        "cue_classes:",
        *(line for name, words in classes.items() for line in wrapped(
            f"  {name}: [", [json.dumps(w) if not w.isalpha() else w for w in words])),
        "meta:",
        *(f"  {k}: {json.dumps(v)}" for k, v in meta.items()),
        "weights:" + ("" if vet.weights else " {}"),
        *(f"  {json.dumps(k)}: {v}" for k, v in sorted(vet.weights.items())),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def wrapped(head: str, items: Sequence[str], width: int = 96) -> list[str]:
    """A YAML flow list of ``items`` after ``head``, on lines of at most ``width``."""
    lines, line = [], head
    for n, item in enumerate(items):
        piece = item + ("]" if n == len(items) - 1 else ",")
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = "    "
        line += piece + " "
    return [*lines, line.rstrip()]


def proxy_loso(examples: Sequence[Example], base: Mapping[str, Counts], grid: Sequence[float],
               l2: float, min_count: int, drop: Sequence[str], gate_grid: Sequence[float],
               confident: float | None = None, gate_only: bool = False,
               hold: float | None = None) -> None:
    """Leave-one-set-out counted, not analysed again: per set, the finder-off counts plus
    the candidates the fold's vetter keeps, against them plus every candidate (the finder as
    shipped, as counted); the vetter's features as ``features`` reads them now."""
    mine_total, all_total = (0, 0, 0), (0, 0, 0)
    falls: list[str] = []
    for held in sorted(base, key=lambda s: (s.islower(), s)):
        train = [e for e in examples if e.set != held]
        inner = {s: b for s, b in base.items() if s != held}
        t, gates, weights = trained(train, inner, grid, l2, min_count, drop, gate_grid,
                                    confident, gate_only, hold)
        mine = [e for e in examples if e.set == held]
        chance = [probability(weights, e.features) for e in mine]
        got = proxy_counts(base[held], mine, chance, t, gates)
        every = proxy_counts(base[held], mine, [1.0] * len(mine), 0.0)
        mine_total, all_total = summed((mine_total, got)), summed((all_total, every))
        delta = f1(got) - f1(every)
        if delta < -0.005:
            falls.append(held)
        kept = sum(p >= gates.get(e.kind, t) for e, p in zip(mine, chance, strict=True))
        right = sum(p >= gates.get(e.kind, t) and e.right
                    for e, p in zip(mine, chance, strict=True))
        print(f"  {held}: t {t} gates {gates or '-'}  kept {right}/{kept} of "
              f"{sum(e.right for e in mine)}/{len(mine)}  F1 {f1(every):.4f} -> {f1(got):.4f} "
              f"({delta:+.4f})")
    print(f"proxy pooled: all {f1(all_total):.4f} -> vetted {f1(mine_total):.4f} "
          f"({f1(mine_total) - f1(all_total):+.4f}); falls past .005: {falls or 'none'}")


def trained(train: Sequence[Example], inner: Mapping[str, Counts], grid: Sequence[float],
            l2: float, min_count: int, drop: Sequence[str], gate_grid: Sequence[float],
            confident: float | None, gate_only: bool, hold: float | None = None
            ) -> tuple[float, dict[str, float], dict[str, float]]:
    """A vetter trained on ``train`` (the sets of ``inner``): its threshold, per-kind gate
    and weights. ``gate_only``: no weights, threshold 0 (every proposal kept but the kinds
    the gate shuts out)."""
    if gate_only:
        t, weights = 0.0, {}
    else:
        t = choose_threshold(train, inner, grid, l2, min_count, drop, hold)
        weights = fit(train, l2, min_count, drop)
    gates = (confident_gates(train, inner, confident) if confident is not None
             else choose_gates(train, inner, gate_grid, t, l2, min_count, drop) if gate_grid
             else {})
    return t, gates, weights


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--floor", type=float, default=0.55)
    parser.add_argument("--forced", action="store_true")
    parser.add_argument("--headlines", action="store_true",
                        help="weigh headlines too (feature 'headline')")
    parser.add_argument("--l2", type=float, default=2.0)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--grid-threshold", type=str, default="")
    parser.add_argument("--kind-gate", type=str, default="",
                        help="a per-kind gate chosen inside the training sets from these "
                             "thresholds (and 1.0), comma-separated")
    parser.add_argument("--confident", type=float, default=None, metavar="Z",
                        help="a per-kind gate that shuts a kind out when the upper end of the "
                             "Wilson interval (at Z) of its candidates' right share in the "
                             "training sets is below half their F1")
    parser.add_argument("--hold", type=float, default=None,
                        help="weigh only thresholds under which no inner training set falls "
                             "by more than this (the shipping gate, applied inside)")
    parser.add_argument("--gate-only", action="store_true",
                        help="no weights: threshold 0, only the per-kind gate decides")
    parser.add_argument("--drop", type=str, default="",
                        help="feature prefixes left out, comma-separated (e.g. cue:,next:)")
    parser.add_argument("--exact", action="store_true",
                        help="choose the threshold by analysing each inner held-out set "
                             "again (slower) rather than by counting the candidates")
    parser.add_argument("--loso", action="store_true")
    parser.add_argument("--proxy", action="store_true",
                        help="leave-one-set-out counted from the candidates only (no "
                             "analysis again): for comparing features")
    parser.add_argument("--cache", type=Path,
                        help="a pickle (outside the repository) of the analyses' counts and "
                             "the candidates, read back next time")
    parser.add_argument("--tune-tagger", nargs=3, type=float, metavar=("REACH", "EPOCHS", "NEG"),
                        help="train nothing for the vetter: measure the tagger trained on "
                             "further on the real sets' derived targets, leave-one-set-out")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--enable", action="store_true")
    args = parser.parse_args(argv)
    grid = ([float(t) for t in args.grid_threshold.split(",")] if args.grid_threshold
            else [args.threshold])
    gate_grid = [float(t) for t in args.kind_gate.split(",") if t]
    drop = [d for d in args.drop.split(",") if d]
    classes = read_vetter(data_path(MODEL_FILE)).classes

    sets = texts(args.corpus)

    def made() -> tuple[dict[str, Evaluation], dict[str, Evaluation], list[Example]]:
        off = {s: evaluate(docs, None, off=True) for s, docs in sets.items()}
        shipped = {s: evaluate(docs, None) for s, docs in sets.items()}
        examples = ([] if args.tune_tagger else
                    collect(sets, args.floor, args.forced, args.headlines, classes))
        return off, shipped, examples

    off, shipped, examples = cached(args.cache, made)
    if args.tune_tagger:
        reach, epochs, negatives = args.tune_tagger
        tune_tagger(sets, shipped, int(reach), int(epochs), negatives)
        return 0
    for e in examples:  # the features as the vetter reads them now
        if e.candidate is not None:
            e.features = features(e.candidate, classes)
    base = {s: counts(ev) for s, ev in off.items()}
    by_set = Counter((e.set, e.right) for e in examples)
    print(f"{len(examples)} candidates, {sum(e.right for e in examples)} right; per set "
          + " ".join(f"{s} {by_set[s, True]}/{by_set[s, True] + by_set[s, False]}"
                     for s in sets), flush=True)
    if args.proxy:
        proxy_loso(examples, base, grid, args.l2, args.min_count, drop, gate_grid,
                   args.confident, args.gate_only, args.hold)
        return 0

    figures: dict[str, Any] = {}
    if args.loso:
        after: dict[str, Evaluation] = {}
        for held, docs in sets.items():
            train = [e for e in examples if e.set != held]
            inner = {s: b for s, b in base.items() if s != held}
            t, gates, weights = trained(train, inner, grid, args.l2, args.min_count, drop,
                                        gate_grid, args.confident, args.gate_only, args.hold)
            if args.exact and not args.gate_only:
                t = choose_exact({s: d for s, d in sets.items() if s != held}, train, grid,
                                 args.l2, args.min_count, drop, args.floor, args.forced,
                                 args.headlines)
            vet = Vetter(True, t, args.floor, args.forced, weights, {}, args.headlines,
                         dict(classes), gates)
            after[held] = evaluate(docs, vet)
            print(f"fold {held}: threshold {t} gates {gates or '-'}  "
                  + row(held, shipped[held], after[held]), flush=True)
        print("\nper set, finder as shipped -> vetted (held out):")
        for s in sets:
            print(row(s, shipped[s], after[s]))
        print("\nper set, finder off -> vetted (held out):")
        for s in sets:
            print(row(s, off[s], after[s]))
        total = summed(counts(ev) for ev in after.values())
        shipped_total = summed(counts(ev) for ev in shipped.values())
        off_total = summed(counts(ev) for ev in off.values())
        print(f"\npooled F1: off {f1(off_total):.4f}, shipped {f1(shipped_total):.4f}, "
              f"vetted {f1(total):.4f} (tp {shipped_total[0]} -> {total[0]}, fp "
              f"{shipped_total[1]} -> {total[1]}); against shipped per set: "
              + " ".join(f"{s} {after[s].sourcing.f1 - shipped[s].sourcing.f1:+.4f}"
                         for s in sets))
        print("pooled per kind F1, shipped -> vetted: " + kind_row(
            list(shipped.values()), list(after.values())))
        figures = {
            "loso_pooled_f1": {"off": round(f1(off_total), 4),
                               "shipped": round(f1(shipped_total), 4),
                               "vetted": round(f1(total), 4)},
            "loso_per_set_f1": {s: [round(shipped[s].sourcing.f1, 4),
                                    round(after[s].sourcing.f1, 4)] for s in sets},
        }

    if args.write:
        t, gates, weights = trained(examples, base, grid, args.l2, args.min_count, drop,
                                    gate_grid, args.confident, args.gate_only, args.hold)
        if args.exact and not args.gate_only:
            t = choose_exact(sets, examples, grid, args.l2, args.min_count, drop, args.floor,
                             args.forced, args.headlines)
        vet = Vetter(args.enable, t, args.floor, args.forced, weights, {}, args.headlines,
                     dict(classes), gates)
        meta = {
            "trained": today(), "corpus": "labelled real sets " + ",".join(sets),
            "candidates": len(examples), "right": sum(e.right for e in examples),
            "l2": args.l2, "min_count": args.min_count, "grid": grid, "drop": drop,
            "retrain": "python bench/train_finder.py --corpus DIR --loso --write "
                       + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in (
                           ("floor", args.floor), ("l2", args.l2),
                           ("min_count", args.min_count),
                           ("grid_threshold", ",".join(map(str, grid))))
                                  ) + "".join(f" --{k}" for k in ("forced", "headlines",
                                                                  "exact", "enable")
                                              if getattr(args, k))
                       + (f" --kind-gate {args.kind_gate}" if gate_grid else "")
                       + (f" --confident {args.confident}" if args.confident is not None
                          else "")
                       + (" --gate-only" if args.gate_only else "")
                       + (f" --hold {args.hold}" if args.hold is not None else "")
                       + (f" --drop {','.join(drop)}" if drop else ""),
            **figures,
        }
        path = data_path(MODEL_FILE)
        write(path, vet, meta)
        print(f"wrote {path} (threshold {t}, gates {gates or '-'}, {len(vet.weights)} weights)")
    return 0


def kind_row(before: Sequence[Evaluation], after: Sequence[Evaluation]) -> str:
    """Pooled per-kind F1 before and after, from the summed per-kind counts."""
    out = []
    for k in KINDS:
        b = summed((e.per_kind[k].tp, e.per_kind[k].fp, e.per_kind[k].fn) for e in before)
        a = summed((e.per_kind[k].tp, e.per_kind[k].fp, e.per_kind[k].fn) for e in after)
        out.append(f"{SHORT[k]} {f1(b):.3f}>{f1(a):.3f}")
    return " ".join(out)


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
