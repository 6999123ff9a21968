"""Train the learned attribution finder (``verifier/analysis/attribution/learned.py``) on PolNeAR.

    .venv/bin/python bench/train_attribution.py [--corpus DIR] [--epochs 12] [--out FILE]
        [--min-count 2] [--keep 30000] [--tune-every 10] [--precision 0.95] [--accept-share 0.2]
        [--no-write] [--tune-last N] [--curve MODEL]

``--curve MODEL`` trains nothing: it prints the threshold curve (step 4) of a trained model
on its held-out articles, e.g. the shipped one, trained with the last 84 held out:
``--curve verifier/data/models/attribution.npz --tune-last 84``.

How to retrain: run the line above from the repository root with PolNeAR in
``../shared/corpus/polnear`` (see its README). Training is deterministic (a fixed shuffle
seed, no threads): the same corpus and code give the same file.

What it does:

1. Reads PolNeAR ``train`` at run time (nothing of it is copied into the repository),
   segments each article with the analyser's own ``segment`` and tags each token ``O``,
   ``B-CUE``/``I-CUE`` or ``B-SRC``/``I-SRC`` from the annotated Cue and Source spans (a token
   belongs to a span when it shares a character with it).
2. Learns ``cue_words``: lowercase words that are part of a cue at least 5 times and in at
   least 10% of their occurrences (the gate and the "nearest cue word" features).
3. Trains an averaged structured perceptron (Viterbi over the five tags, learned
   transitions) for ``--epochs`` passes over the train articles but every ``--tune-every``-th
   (in sorted order, so every publisher is among the held-out ones).
4. Chooses the acceptance threshold on those held-out train articles: the analyser runs with
   the model at threshold 0 (and the other settings of
   ``verifier/data/models/attribution.yaml``: cue exclusions, unclassified sources), and the
   threshold kept is the lowest at which the analyser's sentence precision on them, as
   ``bench/polnear.py``'s scoped line counts it (a false positive it sets aside is neither
   right nor wrong), is still at least ``--precision``: the issue's target is sentence recall
   at precision 0.95. It prints the curve, threshold by threshold: the model-only sentences kept and
   their precision, and the analyser's scoped sentence P/R/F1 on the held-out articles; the
   curve is kept in the metadata (``scores.tune_curve``).
5. Scores the analyser with the model on PolNeAR ``dev`` (sentence, source and cue P/R/F1 as
   ``bench/polnear.py`` counts them) and writes the model: feature names, averaged weights
   (float16) and transitions, and metadata (corpus and version, date, epochs, tune and dev
   scores, threshold, cue words, this retraining line). Features never seen twice are not
   learned; of the rest the ``--keep`` with the largest weights are kept.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear  # noqa: E402
from polnear import Counts  # noqa: E402

from verifier.analysis.attribution import learned  # noqa: E402
from verifier.analysis.segment import segment  # noqa: E402

SEED = 7
CORPUS_NAME = "PolNeAR v1.0.0 (networkdynamics/PolNeAR), train split"
RETRAIN = "python bench/train_attribution.py  (PolNeAR in ../shared/corpus/polnear)"

Sentence = tuple[list[str], list[int]]  # words, gold tags


# ---------------------------------------------------------------- the corpus as tagged tokens


def in_scope(art: polnear.Article, lemmas: polnear.Lemmatiser | None,
             out_of_scope: dict[str, str]) -> list[polnear.GoldAttribution]:
    """The article's attributions whose cue the sourcing guide treats as sourcing (those in
    ``bench/polnear/out_of_scope.yaml``, "endorsed", "voted", "asked", are left out)."""
    if lemmas is None:
        return list(art.gold)
    return [g for g in art.gold
            if lemmas.cue(polnear.span_text(art.text, g.cue)) not in out_of_scope]


def tagged_sentences(art: polnear.Article, gold: Sequence[polnear.GoldAttribution] | None = None,
                     ) -> list[Sentence]:
    """Every sentence of an article as its words and their gold tags."""
    role = [learned.O] * len(art.text)
    span_id = [-1] * len(art.text)
    for k, one in enumerate(art.gold if gold is None else gold):
        parts: list[tuple[int, polnear.Frags | None]] = [(1, one.cue), (2, one.source)]
        for r, frags in parts:
            for a, b in frags or ():
                for c in range(a, min(b, len(role))):
                    if role[c] == 0 or r == 1:
                        role[c] = r
                        span_id[c] = 2 * k + r
    out: list[Sentence] = []
    for sent in segment(art.text):
        words: list[str] = []
        tags: list[int] = []
        prev = (0, -1)
        for a, b in learned.tokens(sent.text):
            start, end = sent.start + a, sent.start + b
            hit = next(((role[c], span_id[c]) for c in range(start, end) if role[c]), (0, -1))
            if hit[0] == 0:
                tag = learned.O
            elif hit[0] == 1:
                tag = learned.I_CUE if prev == hit else learned.B_CUE
            else:
                tag = learned.I_SRC if prev == hit else learned.B_SRC
            prev = hit
            words.append(sent.text[a:b])
            tags.append(tag)
        if words:
            out.append((words, tags))
    return out


def learn_cue_words(sentences: Sequence[Sentence], min_count: int = 5,
                    min_share: float = 0.1) -> list[str]:
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for words, tags in sentences:
        for w, t in zip(words, tags, strict=True):
            low = w.lower().replace("’", "'")
            seen[low] += 1
            if t in (learned.B_CUE, learned.I_CUE):
                as_cue[low] += 1
    return sorted(w for w, n in as_cue.items()
                  if n >= min_count and (n / seen[w] >= min_share or w == ":"))


def learn_accept_words(sentences: Sequence[Sentence], share: float,
                       min_count: int = 5) -> list[str]:
    """Words outside quotations that are part of a cue at least ``share`` of the time: a
    proposed cue must hold one (PolNeAR also marks acts, "voted", "opened", as cues)."""
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for words, tags in sentences:
        quoted = learned._quoted(words)
        for w, t, q in zip(words, tags, quoted, strict=True):
            if q:
                continue
            low = w.lower().replace("’", "'")
            seen[low] += 1
            if t in (learned.B_CUE, learned.I_CUE):
                as_cue[low] += 1
    return sorted(w for w, n in as_cue.items() if n >= min_count and n / seen[w] >= share
                  and (w == ":" or any(c.isalpha() for c in w)))


def calibrate(tagger: learned.Model, articles: Sequence[polnear.Article]) -> list[float]:
    """[scale, offset] of a logistic from a proposal's margin to whether its cue overlaps a
    gold cue, fitted by Newton's method on ``articles``."""
    margins: list[float] = []
    hits: list[float] = []
    for art in articles:
        cues = [g.cue for g in art.gold]
        for sent in segment(art.text):
            for found in learned.propose(sent.text, tagger, threshold=0.0):
                frag = ((sent.start + found.cue[0], sent.start + found.cue[1]),)
                margins.append(found.margin)
                hits.append(1.0 if any(polnear.overlap(c, frag) for c in cues) else 0.0)
    x = np.array(margins)
    y = np.array(hits)
    scale_x = float(x.std()) or 1.0
    z = np.stack([x / scale_x, np.ones_like(x)], axis=1)
    beta = np.zeros(2)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (y - p) - 1e-3 * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + 1e-3 * np.eye(2)
        beta += np.linalg.solve(hess, grad)
    print(f"calibration on {len(x)} proposals ({int(y.sum())} right)")
    return [round(float(beta[0]) / scale_x, 6), round(float(beta[1]), 6)]


# ---------------------------------------------------------------- training


class Trainer:
    """An averaged perceptron over feature ids: structured (a tag per token, Viterbi over the
    five tags with learned transitions: ``epoch``) or one label per item (``classify_epoch``,
    any number of labels)."""

    def __init__(self, n_features: int, n_labels: int = 5) -> None:
        self.w = np.zeros((n_features, n_labels))
        self.wsum = np.zeros((n_features, n_labels))
        self.t = np.zeros((n_labels + 1, n_labels))
        self.tsum = np.zeros((n_labels + 1, n_labels))
        self.mask = learned._transition_mask() if n_labels == len(learned.LABELS) else None
        self.step = 1

    def emissions(self, flat: np.ndarray, starts: np.ndarray, w: np.ndarray) -> np.ndarray:
        return np.add.reduceat(w[flat], starts, axis=0)

    def reward(self, ids: np.ndarray, gold: int, pred: int) -> None:
        """Move the weights of ``ids`` towards ``gold`` and away from ``pred`` (averaged)."""
        c = self.step
        np.add.at(self.w, (ids, gold), 1.0)
        np.add.at(self.w, (ids, pred), -1.0)
        np.add.at(self.wsum, (ids, gold), c)
        np.add.at(self.wsum, (ids, pred), -c)

    def update(self, flat: np.ndarray, starts: np.ndarray, gold: list[int],
               pred: list[int]) -> None:
        ends = [*starts[1:].tolist(), len(flat)]
        c = self.step
        for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
            if g != p:
                self.reward(flat[starts[i]:ends[i]], g, p)
            gp = gold[i - 1] if i else 5
            pp = pred[i - 1] if i else 5
            if (gp, g) != (pp, p):
                self.t[gp, g] += 1
                self.t[pp, p] -= 1
                self.tsum[gp, g] += c
                self.tsum[pp, p] -= c

    def classify_epoch(self, data: Sequence[tuple[np.ndarray, int]], rng: random.Random) -> int:
        """One pass over (feature ids, label) items in a shuffled order; how many were wrong
        (ties go to the lower label)."""
        order = list(range(len(data)))
        rng.shuffle(order)
        errors = 0
        for k in order:
            ids, gold = data[k]
            pred = int(np.argmax(self.w[ids].sum(axis=0)))
            if pred != gold:
                errors += 1
                self.reward(ids, gold, pred)
            self.step += 1
        return errors

    def averaged(self) -> tuple[np.ndarray, np.ndarray]:
        return self.w - self.wsum / self.step, self.t - self.tsum / self.step

    def epoch(self, data: list[tuple[np.ndarray, np.ndarray, list[int]]],
              rng: random.Random) -> int:
        order = list(range(len(data)))
        rng.shuffle(order)
        errors = 0
        for k in order:
            flat, starts, gold = data[k]
            em = self.emissions(flat, starts, self.w)
            assert self.mask is not None, "a structured pass needs the five tags"
            pred, _ = learned.viterbi(em, self.t + self.mask)
            if pred != gold:
                errors += 1
                self.update(flat, starts, gold, pred)
            self.step += 1
        return errors


def index_features(sentences: Sequence[Sentence], cue_words: frozenset[str],
                   min_count: int) -> tuple[dict[str, int], list[tuple[np.ndarray, np.ndarray,
                                                                        list[int]]]]:
    feats = [learned.features(words, cue_words) for words, _ in sentences]
    counts: Counter[str] = Counter()
    for sent in feats:
        for names in sent:
            counts.update(names)
    names_kept = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(names_kept)}
    return index, [encode(sent, index, tags)
                   for sent, (_, tags) in zip(feats, sentences, strict=True)]


def encode(sent: Sequence[Sequence[str]], index: Mapping[str, int], tags: list[int]
           ) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """A sentence as ``Trainer`` reads it: its tokens' feature ids (those of ``index``) in
    one run, where each token's run starts, and its tags."""
    flat: list[int] = []
    starts: list[int] = []
    for names in sent:
        starts.append(len(flat))
        flat.extend(index[n] for n in names if n in index)
    return np.array(flat, dtype=np.int64), np.array(starts, dtype=np.int64), tags


def build_model(index: dict[str, int], w: np.ndarray, t: np.ndarray,
                meta: dict[str, Any], keep_top: int) -> learned.Model:
    """The model as the analyser reads it: the ``keep_top`` features with the largest weight
    (the bias always), stored as float16."""
    w16 = w.astype(np.float16)
    weight = np.abs(w16.astype(np.float64)).max(axis=1)
    weight[index["b"]] = np.inf
    keep = np.sort(np.argsort(-weight, kind="stable")[:keep_top])
    keep = keep[weight[keep] > 0]
    names = sorted(index, key=index.__getitem__)
    kept = [names[i] for i in keep]
    weights = w16[keep]
    new_index = {n: i for i, n in enumerate(kept)}
    return learned.Model(new_index, weights.astype(np.float32),
                         t.astype(np.float64) + learned._transition_mask(), meta,
                         frozenset(meta["cue_words"]), tuple(kept),
                         frozenset(meta["accept_words"]))


def save_model(model: learned.Model, path: Path) -> None:
    raw_t = np.where(learned._transition_mask() < 0, 0.0, model.transitions)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh,
            weights=model.weights.astype(np.float16),
            transitions=raw_t.astype(np.float32),
            features=np.frombuffer("\n".join(model.names).encode("utf-8"), dtype=np.uint8),
            meta=np.frombuffer(json.dumps(model.meta, sort_keys=True).encode("utf-8"),
                               dtype=np.uint8),
        )


# ---------------------------------------------------------------- choosing the threshold


def analyser_scores(articles: list[polnear.Article], outlets: dict[str, str]) -> dict[str, Any]:
    polnear.analyse(articles, outlets)
    return polnear.result_dict(polnear.evaluate(articles))


def held_out(articles: Sequence[polnear.Article], every: int, last: int = 0,
             ) -> tuple[list[polnear.Article], list[polnear.Article]]:
    """(fit, tune): every ``every``-th article (sorted by name, so every publisher is among
    them) is held out to calibrate the scores and choose the threshold; with ``last``, the
    last ``last`` articles instead (how models before the every-N-th split were trained)."""
    if last:
        return list(articles[:-last]), list(articles[-last:])
    tune = [art for k, art in enumerate(articles) if k % every == every - 1]
    fit = [art for k, art in enumerate(articles) if k % every != every - 1]
    return fit, tune


#: A sentence the model alone attributes: (its best score, gold positive, set aside: mostly
#: inside a gold Content span, so neither right nor wrong as bench/polnear.py's scoped line).
Point = tuple[float, bool, bool]


def model_sentences(articles: Sequence[polnear.Article]) -> tuple[list[Point], Counts]:
    """The sentences only the model attributes, and the rules' own sentence counts (the
    sentences the model attributes left out; false positives set aside as scoped)."""
    out: list[Point] = []
    rules = Counts()
    for art in articles:
        cues = [g.cue for g in art.gold]
        contents = [g.content for g in art.gold if g.content]
        for sent in art.sentences:
            window = ((sent.start, sent.end),)
            gold = any(polnear.overlap(c, window) for c in cues)
            aside = polnear.mostly_inside(art.text, window, contents)
            if sent.attributions and all(
                    a.rule.startswith(learned.RULE_ID) for a in sent.attributions):
                score = max(float(a.reason.split()[2]) for a in sent.attributions)
                out.append((score, gold, aside and not gold))
            elif gold:
                rules.tp += bool(sent.attributions)
                rules.fn += not sent.attributions
            elif sent.attributions and not aside:
                rules.fp += 1
    return out, rules


def curve(points: Sequence[Point], rules: Counts, thresholds: Sequence[float],
          ) -> list[list[float]]:
    """[threshold, model-only sentences kept, their precision, scoped sentence P, R, F1 of the
    analyser] for each threshold."""
    rows: list[list[float]] = []
    for t in thresholds:
        kept = [p for p in points if p[0] >= t]
        right = sum(1 for p in kept if p[1])
        wrong = sum(1 for p in kept if not p[1] and not p[2])
        missed = sum(1 for p in points if p[1] and p[0] < t)
        total = Counts(rules.tp + right, rules.fp + wrong, rules.fn + missed).to_dict()
        rows.append([t, len(kept), round(right / max(1, right + wrong), 4),
                     total["p"], total["r"], total["f1"]])
    return rows


#: The thresholds the curve is printed at.
THRESHOLDS = [round(0.05 * k, 2) for k in range(8, 20)]


def show_curve(rows: Sequence[Sequence[float]]) -> None:
    print("threshold  kept  precision | scoped sentence P  R  F1 (held-out articles)")
    for t, n, prec, p, r, f1 in rows:
        print(f"{t:9.2f} {int(n):5d}  {prec:9.3f} | {p:.3f} {r:.3f} {f1:.3f}")


def print_curve(model: learned.Model, tune: list[polnear.Article], precision: float,
                outlets: dict[str, str]) -> int:
    """The curve of a trained model on held-out articles, and the threshold it would get."""
    how = replace(learned.settings(), enabled=True, threshold=0.0)
    learned.use_settings(how)
    learned.use_model(learned.configured(model, how))
    try:
        analyser_scores(tune, outlets)
        points, rules = model_sentences(tune)
    finally:
        learned.use_settings(None)
    print(f"{len(tune)} held-out articles, {len(points)} model-only sentences; the model's "
          f"threshold {model.threshold}, chosen now for precision {precision}: "
          f"{choose_threshold(points, rules, precision)}")
    show_curve(curve(points, rules, THRESHOLDS))
    return 0


def choose_threshold(points: Sequence[Point], rules: Counts, precision: float) -> float:
    """The lowest score at which the analyser's scoped sentence precision (the rules' sentences
    and the model-only ones scored at least that; those set aside count neither way) is at
    least ``precision``; 1.0 when none is."""
    ranked = sorted((p for p in points if p[1] or not p[2]), key=lambda p: -p[0])
    best = 1.0
    tp, fp = rules.tp, rules.fp
    for score, gold, _ in ranked:
        tp += gold
        fp += not gold
        if tp / max(1, tp + fp) >= precision:
            best = score
    return round(best, 3)


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=polnear.DEFAULT_CORPUS)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--keep", type=int, default=30_000,
                        help="how many features (the largest weights) the model keeps")
    parser.add_argument("--tune-every", type=int, default=10,
                        help="every N-th train article is held out to choose the threshold")
    parser.add_argument("--precision", type=float, default=0.95,
                        help="the scoped sentence precision the analyser must keep on the "
                             "held-out articles")
    parser.add_argument("--accept-share", type=float, default=0.2,
                        help="how often a word must be part of a cue to make one acceptable")
    parser.add_argument("--out", type=Path, default=ROOT / "verifier" / "data" / learned.MODEL_FILE)
    parser.add_argument("--no-write", dest="out", action="store_const", const=None)
    parser.add_argument("--tune-last", type=int, default=0, metavar="N",
                        help="hold out the last N train articles instead of every N-th")
    parser.add_argument("--curve", type=Path, metavar="MODEL",
                        help="train nothing: print the threshold curve of MODEL on its "
                             "held-out articles (--tune-every or --tune-last)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    articles = polnear.load_split(args.corpus, "train")
    fit, tune = held_out(articles, args.tune_every, args.tune_last)
    if args.curve is not None:
        return print_curve(learned.read_model(args.curve), tune, args.precision,
                           polnear.publishers(args.corpus))
    lemmas = polnear.Lemmatiser(polnear.vocabulary(articles))
    scope = polnear.load_out_of_scope(polnear.OUT_OF_SCOPE)
    sentences = [s for art in fit for s in tagged_sentences(art, in_scope(art, lemmas, scope))]
    cue_words = learn_cue_words(sentences)
    index, data = index_features(sentences, frozenset(cue_words), args.min_count)
    print(f"{len(fit)} articles, {len(sentences)} sentences, "
          f"{sum(len(s[0]) for s in sentences)} tokens, {len(index)} features, "
          f"{len(cue_words)} cue words ({time.perf_counter() - t0:.0f}s)", flush=True)
    trainer = Trainer(len(index))
    rng = random.Random(SEED)
    for epoch in range(1, args.epochs + 1):
        errors = trainer.epoch(data, rng)
        print(f"epoch {epoch}: {errors} sentences tagged wrong "
              f"({time.perf_counter() - t0:.0f}s)", flush=True)
    w, t = trainer.averaged()
    meta: dict[str, Any] = {
        "format": learned.FORMAT, "labels": list(learned.LABELS), "threshold": 0.0,
        "cue_words": cue_words, "corpus": CORPUS_NAME,
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"), "epochs": args.epochs,
        "scores": {}, "retrain": RETRAIN, "calibration": [1.0, 0.0],
        "accept_share": args.accept_share,
        "accept_words": learn_accept_words(sentences, args.accept_share),
    }
    model = build_model(index, w, t, meta, args.keep)
    outlets = polnear.publishers(args.corpus)
    meta["calibration"] = calibrate(model, tune)

    # the analyser as it will run (the settings' exclusions and unclassified sources), on,
    # with the model's own threshold
    how = replace(learned.settings(), enabled=True, threshold=None)
    learned.use_settings(how)
    learned.use_model(learned.configured(model, how))
    try:
        analyser_scores(tune, outlets)
        points, rules = model_sentences(tune)
        meta["threshold"] = choose_threshold(points, rules, args.precision)
        print(f"threshold {meta['threshold']} for precision {args.precision} on "
              f"{len(tune)} held-out train articles ({len(points)} model-only sentences)")
        rows = curve(points, rules, THRESHOLDS)
        show_curve(rows)
        learned.use_model(learned.configured(model, how))
        tuned = analyser_scores(tune, outlets)
        dev = analyser_scores(polnear.load_split(args.corpus, "dev"), outlets)
    finally:
        learned.use_settings(None)
    meta["scores"] = {
        "tune": {k: tuned[k]["f1"] for k in ("sentence", "source", "cue")},
        "dev": {k: {m: dev[k][m] for m in ("p", "r", "f1")} for k in ("sentence", "source", "cue")},
        "tune_precision": args.precision,
        "tune_curve": rows,
    }
    for k in ("sentence", "source", "cue"):
        print(f"dev {k:8} {polnear.fmt(dev[k])}")
    print(f"{len(model.names)} features kept ({time.perf_counter() - t0:.0f}s)")
    if args.out is not None:
        save_model(model, args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
