"""The score's weights fitted leave-one-set-out, and written into ``scoring.yaml``.

    .venv/bin/python bench/fit_story_weights.py /work/realcorpus/tune/set?.stories.jsonl \\
        [--cache DIR] [--fit gold|both] [--method NAME ...] [--write] [--json FILE]

The score is additive: ``base`` plus one contribution per explanation line, each a weight of
``scoring.yaml`` times what the line counts (the strongest source's kind, a share of
statements, a number of parties...). With the parts as they are, each story's score is a
linear function of the weights (``FEATURES``), its slope for a weight read by scoring the
story again with that weight moved (so the features are the explanation lines, whatever
the term's code). This script replays every set (``bench/story_scores.py``'s cache), takes
those slopes for each gold story with an outcome, on the gold and on the predicted
membership, and for each set in turn fits the weights on the other sets' gold stories
(confirmed against refuted: a class-balanced logistic loss, with a shrinkage) and scores
the set left out. It prints, per set and pooled, the held-out AUC and status agreement of
the hand weights and of each method, gold and predicted, and the weights each method
fits on all the sets with their range over the folds.

Methods (``--method``; every one also fits ``status.corroborated_min_score`` on the same
sets, the status rule that reads the score):

- ``hand``: the weights in force (only the threshold refitted when ``--threshold``);
- ``full``: every weight of ``FEATURES`` free, pulled towards the hand value (L2 ``lambda``
  chosen by an inner leave-one-set-out over the training sets);
- ``zero``: the same, pulled towards 0 (``base`` free);
- ``terms``: one multiplier per term on its hand weights (sourcing's six kinds and
  hedging's two certainties move together), pulled towards 1: fewer free weights;
- ``scale``: one multiplier on every hand weight and ``base`` (the ranking unchanged: the
  scores' spread against the status threshold);
- ``select``: fewer parts: terms left out of the hand weights while that raises the
  training sets' mean per-set AUC;
- ``terms-T``: ``terms`` with term T left out (weighing 0; ``terms-a+b``: two);
  ``full-T``: ``full`` with term T's weights held at their values in force;
- ``constrained``: every weight free (``base`` unshrunk), pulled towards 0 as ``zero`` is,
  within the sign and order constraints declared in ``bench/story_weight_constraints.yaml``
  (``--constraints FILE``; e.g. official >= named >= media >= ..., hedges and denials <= 0,
  each with the reason a fact-checker reads), solved by a log-barrier Newton method: a
  weight the data pull across a constraint stops on it, and the output names the
  constraints each fit stops on; ``constrained-hand``: the same, pulled towards the hand
  weights;
- ``constrained-free``: only the weights named by ``--free`` fitted (towards 0, within the
  constraints that involve them), every other weight and the score floor as they are: what
  a new signal's weight adds to the weights in force (session 23: ``reversal.weight``).

``--loss pairs`` fits on each confirmed/refuted pair within a set (what the per-set AUC
counts; ``base`` stays) instead of the stories; ``--fit both`` on the gold and the predicted
membership's stories together. ``--status-grid`` chooses the status rules' thresholds
(``STATUS_GRID``: the independent origins and the reliability the rules before the score
floor read, and the floor) leave-one-set-out with each method's weights: for each set, the
combination agreeing with most of the other sets' stories (``--status-on``: gold, predicted
or both memberships; ties nearest the values in force) scored with the weights fitted
without the set, and the set scored with both.

A status threshold is chosen from ``THRESHOLDS`` to agree with most training stories (of
the membership the weights are fitted on, or of ``--floor-on``'s: gold, predicted or both);
``--keep-floor`` keeps it as it is in every fold and in the fit on all the sets.
``--write`` writes the weights ``--ship`` (a method) fits on all the sets into
``verifier/data/scoring.yaml`` (the values only, with a comment naming what they were
fitted on and the leave-one-set-out figures; with ``--note TEXT`` each weight that changes
says on its line "# fitted TEXT; by hand VALUE", its value before); ``--show`` prints the
lines it would write, before and after, without writing; ``--results FILE`` reads the
methods' results from an earlier run's ``--json`` instead of fitting again;
``--override FILE`` writes them as a scoring override instead (``--scoring FILE`` of
``bench/story_scores.py`` or ``verifier``: to score a set none of them was fitted or
written from).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import math
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from story_scores import Scored, load_sets, total

from verifier.evaluation.stories import AGREEING, auc
from verifier.scoring.score import MIN_SCORE, assess
from verifier.scoring.weights import Effective, effective_weights
from verifier.vocab import ClaimStatus, StoryStatus

#: The weights of the score's additive parts (dotted keys of ``verifier scoring show``),
#: grouped by term: a term's weights move together under ``--method terms``.
TERMS: dict[str, tuple[str, ...]] = {
    "base": ("base",),
    "sourcing": ("sourcing.official", "sourcing.named", "sourcing.media",
                 "sourcing.unnamed_official", "sourcing.unnamed", "sourcing.unattributed"),
    "reliability": ("reliability.weight",),
    "corroboration": ("corroboration.per_origin",),
    "own_voice": ("own_voice.weight",),
    "secondhand": ("secondhand.weight",),
    "hedging": ("hedging.probable", "hedging.possible"),
    "rumour": ("rumour.per_statement",),
    "refusals": ("refusals.per_party",),
    "denials": ("denials.per_party",),
    "reversal": ("reversal.weight",),
}
FEATURES: tuple[str, ...] = tuple(k for keys in TERMS.values() for k in keys)
#: Candidate values of ``status.corroborated_min_score``.
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
#: Candidate shrinkages (L2, per unit of the balanced mean loss).
LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
STEP = 0.01
#: The log-odds of a story with no claim to score (its score 0, status none).
NO_CLAIMS = -50.0


@dataclass
class Table:
    """The stories of one membership as the fit reads them."""

    sets: np.ndarray          # set name per story
    outcome: list[str]
    t0: np.ndarray            # the score's log-odds with the hand weights
    x: np.ndarray             # slope per weight of FEATURES
    pre: np.ndarray           # corroborated by the status rules before the score floor
    status: list[str | None]  # the status with the hand weights
    rows: list[Scored]

    def totals(self, w: np.ndarray, w0: np.ndarray) -> np.ndarray:
        # rounded: the slopes are finite differences, and a tie should stay one
        result: np.ndarray = np.round(self.t0 + self.x @ (w - w0), 9)
        return result


def table(rows: Sequence[Scored], effective: Effective) -> Table:
    """Each story with claims: its log-odds, its slope for every weight, its status."""
    kept = list(rows)
    start = [float(effective.values[k]) for k in FEATURES]
    moved = [effective.changed({k: v + STEP}, f"slope of {k}") for k, v in
             zip(FEATURES, start, strict=True)]
    # a story none of whose sentences became a claim scores 0 (story_scores.Scored)
    t0 = np.array([total(r.assessment) if r.assessment is not None else NO_CLAIMS
                   for r in kept])
    x = np.zeros((len(kept), len(FEATURES)))
    for j, weights in enumerate(moved):
        for i, r in enumerate(kept):
            if r.claims:
                x[i, j] = (total(assess(r.claims, weights)) - t0[i]) / STEP
    pre = np.array([r.assessment is not None and (
        r.assessment.status == StoryStatus.CORROBORATED.value
        or r.assessment.status_rule == MIN_SCORE) for r in kept])
    return Table(np.array([r.set_name for r in kept]), [r.outcome for r in kept], t0,
                 x, pre, [r.status for r in kept], kept)


def statuses(tab: Table, totals: np.ndarray, threshold: float) -> list[str | None]:
    """The open status each story takes with these log-odds and score floor."""
    out: list[str | None] = []
    for i, value in enumerate(totals):
        if tab.pre[i]:
            score = 1.0 / (1.0 + math.exp(-value))
            out.append(StoryStatus.CORROBORATED.value if score >= threshold
                       else StoryStatus.UNCONFIRMED.value)
        else:
            out.append(tab.status[i])
    return out


def agreement(tab: Table, totals: np.ndarray, threshold: float,
              mask: np.ndarray | None = None) -> float:
    found = statuses(tab, totals, threshold)
    index = range(len(found)) if mask is None else np.flatnonzero(mask)
    pairs = [(found[i], tab.outcome[i]) for i in index]
    return sum(s in AGREEING[o] for s, o in pairs) / len(pairs) if pairs else 0.0


def auc_of(tab: Table, totals: np.ndarray, mask: np.ndarray | None = None) -> float | None:
    index = range(len(totals)) if mask is None else np.flatnonzero(mask)
    pos = [float(totals[i]) for i in index if tab.outcome[i] == ClaimStatus.CONFIRMED]
    neg = [float(totals[i]) for i in index if tab.outcome[i] == ClaimStatus.REFUTED]
    return auc(pos, neg)


def best_threshold(tab: Table, totals: np.ndarray, mask: np.ndarray,
                   prefer: float) -> float:
    """The score floor agreeing with most stories of ``mask`` (ties: nearest ``prefer``)."""
    scored = [(agreement(tab, totals, t, mask), -abs(t - prefer), t) for t in THRESHOLDS]
    return max(scored)[2]


#: "stories": a class-balanced logistic loss on each story; "pairs": a logistic loss on each
#: confirmed/refuted pair of one set (what the per-set AUC counts; ``base`` does not move).
LOSS = {"name": "stories"}


def pairwise(z: np.ndarray, y: np.ndarray, offset: np.ndarray, sets: np.ndarray,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Under ``LOSS`` "pairs": each confirmed/refuted pair of one set as one example (the
    confirmed story's design row less the refuted one's, labelled +1)."""
    if LOSS["name"] != "pairs":
        return z, y, offset
    rows, offs = [], []
    for s in dict.fromkeys(sets):
        pos = np.flatnonzero((sets == s) & (y > 0))
        neg = np.flatnonzero((sets == s) & (y < 0))
        if not len(pos) or not len(neg):
            continue
        # each set weighs by its pairs' share, as a pooled per-set AUC would
        rows.append((z[pos][:, None, :] - z[neg][None, :, :]).reshape(-1, z.shape[1]))
        offs.append((offset[pos][:, None] - offset[neg][None, :]).reshape(-1))
    d = np.concatenate(rows)
    return d, np.ones(len(d)), np.concatenate(offs)


def _balanced(y: np.ndarray, penalty: np.ndarray, lam: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """Each example's weight in the class-balanced mean (half the total to each class when
    both are there) and the ridge matrix of ``lam/2 * sum(penalty * d^2)``."""
    if (y < 0).any():
        balance = np.where(y > 0, 0.5 / max(int((y > 0).sum()), 1),
                           0.5 / max(int((y < 0).sum()), 1))
    else:
        balance = np.full(len(y), 1.0 / len(y))
    return balance, lam * np.diag(penalty) + 1e-9 * np.eye(len(penalty))


def _derivatives(z: np.ndarray, y: np.ndarray, offset: np.ndarray, prior: np.ndarray,
                 balance: np.ndarray, ridge: np.ndarray, b: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The gradient and Hessian at ``b`` of ``logistic_fit``'s loss."""
    margin = np.clip(y * (offset + z @ b), -30, 30)
    p = 1.0 / (1.0 + np.exp(margin))
    return (-(z.T @ (balance * y * p)) + ridge @ (b - prior),
            z.T @ (z * (balance * p * (1 - p))[:, None]) + ridge)


def logistic_fit(z: np.ndarray, y: np.ndarray, offset: np.ndarray, prior: np.ndarray,
                 penalty: np.ndarray, lam: float) -> np.ndarray:
    """Coefficients b minimising the class-balanced mean logistic loss of
    offset + z @ b (y = +1 confirmed, -1 refuted) plus lam/2 * sum(penalty * (b - prior)^2):
    Newton's method."""
    balance, ridge = _balanced(y, penalty, lam)
    b = prior.copy()
    for _ in range(200):
        grad, hess = _derivatives(z, y, offset, prior, balance, ridge, b)
        change = np.linalg.solve(hess, grad)
        b -= change
        if np.abs(change).max() < 1e-10:
            break
    return b


@dataclass(frozen=True)
class Method:
    """How the weights are fitted: a design (which free coefficients, how they map to the
    weights) and a prior to shrink towards."""

    name: str
    fit: Callable[[Table, np.ndarray, np.ndarray, float], np.ndarray]
    lambdas: tuple[float, ...]
    #: Whether the score floor (``status.corroborated_min_score``) is chosen with the
    #: weights; False: it stays as it is (what the fitted weights alone change).
    floor: bool = True


def _known(tab: Table, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = mask & (tab.t0 > NO_CLAIMS) & np.array(
        [o in (ClaimStatus.CONFIRMED, ClaimStatus.REFUTED) for o in tab.outcome])
    y = np.array([1.0 if tab.outcome[i] == ClaimStatus.CONFIRMED else -1.0
                  for i in np.flatnonzero(keep)])
    return keep, y


def fit_full(towards_zero: bool, fixed: Sequence[str] = ()) -> Callable[
        [Table, np.ndarray, np.ndarray, float], np.ndarray]:
    def fit(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
        keep, y = _known(tab, mask)
        free = [j for j, k in enumerate(FEATURES) if k not in fixed]
        x = tab.x[keep]
        offset = tab.t0[keep] - x @ w0
        for j, k in enumerate(FEATURES):
            if k in fixed:
                offset = offset + x[:, j] * (0.0 if towards_zero else w0[j])
        prior = np.zeros(len(free)) if towards_zero else w0[free]
        if towards_zero and LOSS["name"] == "pairs" and "base" in FEATURES:
            prior[free.index(FEATURES.index("base"))] = w0[FEATURES.index("base")]
        penalty = np.array([0.0 if FEATURES[j] == "base" else 1.0 for j in free])
        z, yy, off = pairwise(x[:, free], y, offset, tab.sets[keep])
        b = logistic_fit(z, yy, off, prior, penalty, lam)
        w = np.zeros(len(FEATURES)) if towards_zero else w0.copy()
        w[free] = b
        return w
    return fit


def fit_terms(dropped: Sequence[str] = ()) -> Callable[
        [Table, np.ndarray, np.ndarray, float], np.ndarray]:
    """One multiplier per term (``TERMS``) on its hand weights, towards 1; ``dropped``
    terms weigh 0."""
    names = [t for t in TERMS if t not in dropped]

    def fit(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
        keep, y = _known(tab, mask)
        x = tab.x[keep]
        cols = {t: [FEATURES.index(k) for k in TERMS[t]] for t in TERMS}
        z = np.column_stack([x[:, cols[t]] @ w0[cols[t]] for t in names])
        offset = tab.t0[keep] - x @ w0
        penalty = np.array([0.0 if t == "base" else 1.0 for t in names])
        z, yy, off = pairwise(z, y, offset, tab.sets[keep])
        m = logistic_fit(z, yy, off, np.ones(len(names)), penalty, lam)
        w = np.zeros(len(FEATURES))
        for t, factor in zip(names, m, strict=True):
            w[cols[t]] = w0[cols[t]] * factor
        return w
    return fit


def fit_scale(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
    keep, y = _known(tab, mask)
    z = (tab.t0[keep])[:, None]
    m = logistic_fit(z, y, np.zeros(int(keep.sum())), np.ones(1), np.ones(1), lam)
    return w0 * float(m[0])


def fit_hand(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
    return w0.copy()


def fit_select(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
    """Fewer parts: the hand weights with terms left out one at a time while leaving one
    out raises the mean per-set AUC of the training sets (the term whose removal raises it
    most first)."""
    sets = list(dict.fromkeys(tab.sets[mask]))

    def weights(dropped: Sequence[str]) -> np.ndarray:
        w = w0.copy()
        for t in dropped:
            for k in TERMS[t]:
                w[FEATURES.index(k)] = 0.0
        return w

    def mean_auc(dropped: Sequence[str]) -> float:
        totals = tab.totals(weights(dropped), w0)
        found = [auc_of(tab, totals, mask & (tab.sets == s)) for s in sets]
        return float(np.mean([a for a in found if a is not None]))

    dropped: list[str] = []
    now = mean_auc(dropped)
    while True:
        tried = [(mean_auc([*dropped, t]), t) for t in TERMS
                 if t != "base" and t not in dropped]
        if not tried or max(tried)[0] <= now + 1e-9:
            return weights(dropped)
        now, best = max(tried)
        dropped.append(best)


#: The sign and order constraints of ``--method constrained`` (declared data, each with
#: the reason a fact-checker reads for it).
CONSTRAINTS = Path(__file__).with_name("story_weight_constraints.yaml")


@dataclass(frozen=True)
class Constraints:
    """Linear constraints on the weights of ``FEATURES``: ``a @ w >= c``, one row each,
    with a label per row (``sourcing.named >= sourcing.media + 0.05``)."""

    a: np.ndarray
    c: np.ndarray
    labels: tuple[str, ...]

    def violations(self, w: np.ndarray, tolerance: float = 1e-6) -> list[str]:
        """The constraints ``w`` breaks by more than ``tolerance``."""
        slack = self.a @ w - self.c
        return [f"{label} (off by {-s:.4f})" for label, s in
                zip(self.labels, slack, strict=True) if s < -tolerance]


def load_constraints(path: Path = CONSTRAINTS) -> Constraints:
    """The constraints of ``path`` (``signs``: ``positive`` / ``negative`` lists of
    ``{weight, why}``; ``orders``: ``{weights: [highest, ..., lowest], gap, why}``), checked:
    every weight one of ``FEATURES``, every entry with its reason."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows: list[np.ndarray] = []
    bounds: list[float] = []
    labels: list[str] = []

    def index(key: object) -> int:
        if key not in FEATURES:
            raise ValueError(f"{path.name}: {key!r} is no fitted weight ({', '.join(FEATURES)})")
        return FEATURES.index(str(key))

    def reason(entry: Mapping[str, Any]) -> None:
        if not str(entry.get("why") or "").strip():
            raise ValueError(f"{path.name}: {entry} gives no reason (why)")

    if set(data) - {"signs", "orders"} or set(data.get("signs") or {}) - {"positive",
                                                                          "negative"}:
        raise ValueError(f"{path.name}: only signs (positive, negative) and orders")
    for sign, factor in (("positive", 1.0), ("negative", -1.0)):
        for entry in data.get("signs", {}).get(sign) or ():
            reason(entry)
            row = np.zeros(len(FEATURES))
            row[index(entry["weight"])] = factor
            rows.append(row)
            bounds.append(0.0)
            labels.append(f"{entry['weight']} {'>=' if factor > 0 else '<='} 0")
    for entry in data.get("orders") or ():
        reason(entry)
        chain, gap = list(entry["weights"]), float(entry.get("gap", 0.0))
        if len(chain) < 2 or gap < 0:
            raise ValueError(f"{path.name}: an order needs two weights and a gap >= 0")
        for high, low in itertools.pairwise(chain):
            row = np.zeros(len(FEATURES))
            row[index(high)], row[index(low)] = 1.0, -1.0
            rows.append(row)
            bounds.append(gap)
            labels.append(f"{high} >= {low}" + (f" + {gap:g}" if gap else ""))
    return Constraints(np.array(rows), np.array(bounds), tuple(labels))


def inside(a: np.ndarray, c: np.ndarray, start: np.ndarray, margin: float = 1e-3,
           ) -> np.ndarray:
    """``start`` moved strictly inside ``a @ b >= c`` (each constraint kept by ``margin``),
    by moving it in turn just inside each half-space it is outside of (unmoved when inside:
    the hand weights, which may sit on a bound a fit stopped at)."""
    b = start.astype(float).copy()
    for _ in range(10_000):
        outside = False
        for row, bound in zip(a, c, strict=True):
            if row @ b < bound + margin:
                # past the margin, as a point just on it may be pushed out by the next one
                b = b + (bound + 2 * margin - row @ b) / (row @ row) * row
                outside = True
        if not outside:
            return b
    raise ValueError("the constraints leave no weights to fit")


def constrained_logistic_fit(z: np.ndarray, y: np.ndarray, offset: np.ndarray,
                             prior: np.ndarray, penalty: np.ndarray, lam: float,
                             a: np.ndarray, c: np.ndarray, start: np.ndarray) -> np.ndarray:
    """``logistic_fit``'s loss minimised subject to ``a @ b >= c``: a log-barrier interior
    point method (Newton steps on t * loss - sum(log(a @ b - c)), t raised tenfold until the
    barrier's share of the optimum is under 1e-10), from ``start`` (moved inside the
    constraints first: ``inside``). The loss is convex and the constraints linear: the
    optimum is the one minimum, each weight on a bound it would cross."""
    balance, ridge = _balanced(y, penalty, lam)
    start = inside(a, c, start)

    def loss(b: np.ndarray) -> float:
        d = b - prior
        return float(balance @ np.logaddexp(0.0, -y * (offset + z @ b)) + d @ ridge @ d / 2)

    b = start.astype(float).copy()
    t = 1.0
    while True:
        for _ in range(100):
            slack = a @ b - c
            grad, hess = _derivatives(z, y, offset, prior, balance, ridge, b)
            grad = t * grad - a.T @ (1 / slack)
            hess = t * hess + a.T @ (a / slack[:, None] ** 2)
            step = -np.linalg.solve(hess, grad)
            decrement = float(-grad @ step)
            if decrement / 2 < 1e-12:
                break
            size = 1.0
            moves = a @ step
            shrinking = moves < 0
            if shrinking.any():
                size = min(1.0, 0.99 * float((slack[shrinking] / -moves[shrinking]).min()))
            now = t * loss(b) - float(np.log(slack).sum())
            while size > 1e-12:
                trial = b + size * step
                value = t * loss(trial) - float(np.log(a @ trial - c).sum())
                if value <= now - 0.25 * size * decrement:
                    break
                size /= 2
            b = b + size * step
        if len(c) / t < 1e-10:
            return b
        t *= 10


def _read_once(constraints: Path) -> Callable[[], Constraints]:
    """``load_constraints(constraints)``, read when a fit first asks (a method listed but
    never run reads no file)."""
    return functools.cache(lambda: load_constraints(constraints))


def fit_constrained(towards_zero: bool, constraints: Path = CONSTRAINTS) -> Callable[
        [Table, np.ndarray, np.ndarray, float], np.ndarray]:
    """Every weight of ``FEATURES`` free (``base`` unshrunk) within the declared constraints
    (``CONSTRAINTS``), pulled towards 0 or towards the hand weights; started from the hand
    weights (moved inside the constraints if they sit on one or break one)."""

    read = _read_once(constraints)

    def fit(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
        rules = read()
        keep, y = _known(tab, mask)
        x = tab.x[keep]
        offset = tab.t0[keep] - x @ w0
        prior = np.zeros(len(FEATURES)) if towards_zero else w0.copy()
        penalty = np.array([0.0 if k == "base" else 1.0 for k in FEATURES])
        return constrained_logistic_fit(x, y, offset, prior, penalty, lam, rules.a, rules.c,
                                        w0)
    return fit


def fit_constrained_free(free: Sequence[str], constraints: Path = CONSTRAINTS) -> Callable[
        [Table, np.ndarray, np.ndarray, float], np.ndarray]:
    """Only the weights ``free`` fitted (the others stay as they are), within the declared
    constraints (``CONSTRAINTS``: each one on a fixed weight read with its value in
    force), pulled towards 0: what a new signal's weight adds to the weights in force."""

    read = _read_once(constraints)

    def fit(tab: Table, mask: np.ndarray, w0: np.ndarray, lam: float) -> np.ndarray:
        rules = read()
        columns = [FEATURES.index(k) for k in free]
        fixed = [j for j in range(len(FEATURES)) if j not in columns]
        keep, y = _known(tab, mask)
        x = tab.x[keep]
        # the fixed weights at their values: the score as it is, less the free ones' share
        offset = tab.t0[keep] - x[:, columns] @ w0[columns]
        touches = np.abs(rules.a[:, columns]).sum(axis=1) > 0
        a = rules.a[touches][:, columns]
        c = rules.c[touches] - rules.a[touches][:, fixed] @ w0[fixed]
        prior = np.zeros(len(columns))
        penalty = np.ones(len(columns))
        b = constrained_logistic_fit(x[:, columns], y, offset, prior, penalty, lam, a, c,
                                     w0[columns])
        w = w0.copy()
        w[columns] = b
        return w
    return fit


def methods(names: Sequence[str], constraints: Path = CONSTRAINTS,
            free: Sequence[str] = ()) -> list[Method]:
    known: dict[str, Method] = {
        "hand": Method("hand", fit_hand, (0.0,)),
        "full": Method("full", fit_full(False), LAMBDAS),
        "zero": Method("zero", fit_full(True), LAMBDAS),
        "terms": Method("terms", fit_terms(), LAMBDAS),
        "scale": Method("scale", fit_scale, (0.001,)),
        "select": Method("select", fit_select, (0.0,)),
        "constrained": Method("constrained", fit_constrained(True, constraints), LAMBDAS),
        "constrained-hand": Method("constrained-hand", fit_constrained(False, constraints),
                                   LAMBDAS),
    }
    if free:
        known["constrained-free"] = Method("constrained-free",
                                           fit_constrained_free(free, constraints), LAMBDAS,
                                           floor=False)
    for t in TERMS:
        if t != "base":
            known[f"terms-{t}"] = Method(f"terms-{t}", fit_terms((t,)), LAMBDAS)
            known[f"full-{t}"] = Method(f"full-{t}", fit_full(False, TERMS[t]), LAMBDAS)
    for name in names:
        if name not in known and name.startswith("terms-"):
            dropped = tuple(name.removeprefix("terms-").split("+"))
            known[name] = Method(name, fit_terms(dropped), LAMBDAS)
    return [known[n] for n in names]


def balanced_loss(tab: Table, totals: np.ndarray, mask: np.ndarray) -> float:
    keep, y = _known(tab, mask)
    if not keep.any():
        return 0.0
    if LOSS["name"] == "pairs":
        t = totals[keep]
        pos, neg = t[y > 0], t[y < 0]
        if not len(pos) or not len(neg):
            return 0.0
        return float(np.logaddexp(0.0, -(pos[:, None] - neg[None, :])).mean())
    margin = y * totals[keep]
    losses = np.logaddexp(0.0, -margin)
    return float(losses[y > 0].mean() / 2 + losses[y < 0].mean() / 2)


#: The stories the score floor (``status.corroborated_min_score``) is chosen on
#: (``--floor-on``): None, those the weights are fitted on; else a table of the same sets'
#: stories in another membership (the predicted, or gold and predicted together): the floor
#: reads the status a reader sees, and a predicted story may merge several gold ones.
FLOOR: dict[str, Table | None] = {"on": None}


def joined(first: Table, second: Table) -> Table:
    """The stories of two tables as one (gold and predicted membership together)."""
    return Table(np.concatenate([first.sets, second.sets]), first.outcome + second.outcome,
                 np.concatenate([first.t0, second.t0]), np.concatenate([first.x, second.x]),
                 np.concatenate([first.pre, second.pre]), first.status + second.status,
                 first.rows + second.rows)


def train(method: Method, tab: Table, mask: np.ndarray, w0: np.ndarray,
          prefer: float) -> tuple[np.ndarray, float, float]:
    """The method's weights fitted on ``mask`` (its shrinkage chosen by leaving each of the
    training sets out in turn: the lowest pooled held-out loss), with the score floor and
    the shrinkage chosen."""
    lam = method.lambdas[0]
    if len(method.lambdas) > 1:
        inner = [s for s in dict.fromkeys(tab.sets[mask])]
        scores = []
        for candidate in method.lambdas:
            loss = 0.0
            for s in inner:
                held = mask & (tab.sets == s)
                w = method.fit(tab, mask & (tab.sets != s), w0, candidate)
                loss += balanced_loss(tab, tab.totals(w, w0), held) * int(held.sum())
            scores.append((loss, candidate))
        lam = min(scores)[1]
    w = method.fit(tab, mask, w0, lam)
    # the floor on the training sets' stories of FLOOR's table (the fit's own by default)
    floor_tab = FLOOR["on"] or tab
    floor_mask = (mask if floor_tab is tab else
                  np.isin(floor_tab.sets, np.unique(tab.sets[mask])))
    threshold = (best_threshold(floor_tab, floor_tab.totals(w, w0), floor_mask, prefer)
                 if method.floor else prefer)
    return w, threshold, lam


def loso(method: Method, gold: Table, others: Mapping[str, Table], w0: np.ndarray,
         prefer: float, fit_on: Table, effective: Effective | None = None) -> dict[str, Any]:
    """Each set left out in turn: fitted on the others' stories of ``fit_on``, scored on
    the set's stories of ``gold`` and of each of ``others``: by the scorer itself when
    ``effective`` is given (the strongest source may change with the sourcing weights'
    order), else by the linear reading."""
    tables = {"gold": gold, **others}
    sets = list(dict.fromkeys(gold.sets))
    held: dict[str, np.ndarray] = {m: np.zeros(len(t.t0)) for m, t in tables.items()}
    status: dict[str, list[str | None]] = {m: [None] * len(t.t0) for m, t in tables.items()}
    folds = []
    for s in sets:
        w, threshold, lam = train(method, fit_on, fit_on.sets != s, w0, prefer)
        folds.append({"set": s, "weights": w.tolist(), "threshold": threshold,
                      "lambda": lam})
        weights = None if effective is None else effective.changed(
            {**dict(zip(FEATURES, (float(v) for v in w), strict=True)),
             "status.corroborated_min_score": threshold}, f"fold {s}")
        for m, t in tables.items():
            mask = t.sets == s
            totals = t.totals(w, w0)
            found = statuses(t, totals, threshold)
            for i in np.flatnonzero(mask):
                held[m][i] = totals[i]
                status[m][i] = found[i]
                if weights is not None and t.rows[i].claims:
                    again = assess(t.rows[i].claims, weights)
                    held[m][i] = round(total(again), 9)
                    status[m][i] = again.status
    report: dict[str, Any] = {"folds": folds}
    for m, t in tables.items():
        per: dict[str, Any] = {}
        for s in [*sets, "pooled"]:
            mask = np.ones(len(t.t0), dtype=bool) if s == "pooled" else t.sets == s
            a = auc_of(t, held[m], mask)
            agree = [status[m][i] in AGREEING[t.outcome[i]] for i in np.flatnonzero(mask)]
            per[s] = (None if a is None else round(a, 3),
                      round(sum(agree) / len(agree), 3) if agree else None)
        report[m] = per
    return report


#: Candidate values of the status rules' thresholds (``--status-grid``): the two the rules
#: before the score floor read (independent origins, a reliable source), then the floor.
STATUS_GRID: dict[str, tuple[float, ...]] = {
    "status.corroborated_min_origins": (1, 2, 3, 4, 99),
    "status.corroborated_min_reliability": (0.6, 0.65, 0.7, 0.75, 0.8, 1.01),
    "status.corroborated_min_score": THRESHOLDS,
}
#: The rules tried before the independent-origins rule: their decision reads no threshold
#: of ``STATUS_GRID`` but the floor (``verifier.scoring.score.STATUS_RULES``).
_BEFORE_ORIGINS = {"denied": False, "answered": True, "settled": True, "on_record": True}


@dataclass(frozen=True)
class PreFloor:
    """Whether each story of a table is corroborated before the score floor, for each
    combination of the thresholds the rules before the floor read (``STATUS_GRID`` but
    the floor): ``corroborated[n, i]``, combination n, story i."""

    combos: tuple[tuple[float, ...], ...]
    corroborated: np.ndarray


def pre_floor(tab: Table, effective: Effective) -> PreFloor:
    """``PreFloor`` of ``tab``'s stories, each scored again by the scorer for every
    combination (floor 0), but those a rule before the origins rule decides (the same
    under every combination)."""
    keys = [k for k in STATUS_GRID if k != "status.corroborated_min_score"]
    combos = tuple(itertools.product(*(STATUS_GRID[k] for k in keys)))
    found = np.zeros((len(combos), len(tab.rows)), dtype=bool)
    for n, combo in enumerate(combos):
        weights = effective.changed(
            {**{k: (int(v) if k.endswith("origins") else v) for k, v in
                zip(keys, combo, strict=True)}, "status.corroborated_min_score": 0.0},
            "status grid")
        for i, r in enumerate(tab.rows):
            if r.assessment is None or not r.claims:
                continue
            rule = r.assessment.status_rule
            if rule in _BEFORE_ORIGINS:
                found[n, i] = _BEFORE_ORIGINS[rule]
            else:
                found[n, i] = (assess(r.claims, weights).status
                               == StoryStatus.CORROBORATED.value)
    return PreFloor(combos, found)


def saved_pre_floor(tab: Table, effective: Effective, cache: Path | None,
                    name: str) -> PreFloor:
    """``pre_floor``, kept in ``cache`` (a directory; None: not kept) under a name holding
    the membership and a digest of the stories' sets, names and claims and of the status
    rules' parameters: a second run over the same stories reads it."""
    if cache is None:
        return pre_floor(tab, effective)
    import hashlib

    key = hashlib.sha1(json.dumps(
        [[r.set_name, r.story, [c.claim_id for c in r.claims]] for r in tab.rows]
        + [repr(effective.weights.status), repr(sorted(STATUS_GRID.items()))]
    ).encode()).hexdigest()[:12]
    path = cache / f"pre-floor-{name}-{key}.npz"
    if path.exists():
        data = np.load(path)
        return PreFloor(tuple(tuple(float(v) for v in c) for c in data["combos"]),
                        data["corroborated"])
    found = pre_floor(tab, effective)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, combos=np.array(found.combos), corroborated=found.corroborated)
    return found


def agreeing(tab: Table, pre: PreFloor, totals: np.ndarray) -> np.ndarray:
    """``agree[n, f, i]``: story i's status agrees with its outcome under the pre-floor
    combination n and the floor ``THRESHOLDS[f]`` (corroborated: the rules say so and the
    score is at least the floor; a confirmed story agrees when corroborated, any other
    when not; a story with no claim agrees with none)."""
    score = 1.0 / (1.0 + np.exp(-np.clip(totals, -500, 500)))
    floors = np.array(THRESHOLDS)
    above = score[None, :] >= floors[:, None] - 1e-12
    corroborated = pre.corroborated[:, None, :] & above[None, :, :]
    confirmed = np.array([o == ClaimStatus.CONFIRMED for o in tab.outcome])
    # a story with no claim has no status: it agrees with no outcome
    scored = np.array([r.assessment is not None and bool(r.claims) for r in tab.rows])
    result: np.ndarray = (corroborated == confirmed[None, None, :]) & scored[None, None, :]
    return result


def status_fit(tabs: Mapping[str, Table], pres: Mapping[str, PreFloor],
               folds: Mapping[str, np.ndarray], everything: np.ndarray, w0: np.ndarray,
               now: Sequence[float], on: Sequence[str], free: Sequence[str] = (),
               ) -> dict[str, Any]:
    """The status thresholds (``STATUS_GRID``) chosen leave-one-set-out with the weights:
    for each set, the combination agreeing with most training stories of the memberships
    ``on`` (ties: nearest the values in force ``now``), the training sets' stories scored
    with the weights fitted without the set (``folds``), and the set scored with them; and
    the combination chosen on every set with ``everything`` (the weights fitted on all).
    ``free``: only these thresholds chosen (the others kept; empty: all). Per membership
    and set: the held-out status agreement with the thresholds kept and chosen."""
    keys = list(STATUS_GRID)
    combos = [(*pre, floor) for pre in next(iter(pres.values())).combos
              for floor in THRESHOLDS]
    spans = [max(v) - min(v) for v in STATUS_GRID.values()]

    def distance(combo: Sequence[float]) -> float:
        return sum(abs(a - b) / span for a, b, span in zip(combo, now, spans, strict=True))

    nearness = np.array([-distance(c) for c in combos])
    # a threshold not free stays as it is: the combinations moving it are never chosen
    allowed = np.array([all(v == n for k, v, n in zip(keys, c, now, strict=True)
                            if free and k not in free) for c in combos])
    kept = combos.index(tuple(now))
    sets = list(dict.fromkeys(next(iter(tabs.values())).sets))

    def choose(agree: Mapping[str, np.ndarray], mask: Mapping[str, np.ndarray]) -> int:
        counts = sum(agree[m].reshape(len(combos), -1)[:, mask[m]].sum(axis=1) for m in on)
        counts = np.where(allowed, counts, -1)
        best = np.flatnonzero(counts == np.max(counts))
        return int(best[np.argmax(nearness[best])])

    held = {m: {"kept": np.zeros(len(t.t0), dtype=bool),
                "chosen": np.zeros(len(t.t0), dtype=bool)} for m, t in tabs.items()}
    chosen_per_fold: dict[str, tuple[float, ...]] = {}
    for s in sets:
        agree = {m: agreeing(t, pres[m], t.totals(folds[s], w0)) for m, t in tabs.items()}
        best = choose(agree, {m: t.sets != s for m, t in tabs.items()})
        chosen_per_fold[s] = combos[best]
        for m, t in tabs.items():
            flat = agree[m].reshape(len(combos), -1)
            index = np.flatnonzero(t.sets == s)
            held[m]["kept"][index] = flat[kept, index]
            held[m]["chosen"][index] = flat[best, index]
    agree = {m: agreeing(t, pres[m], t.totals(everything, w0)) for m, t in tabs.items()}
    best = choose(agree, {m: np.ones(len(t.t0), dtype=bool) for m, t in tabs.items()})
    report: dict[str, Any] = {"keys": keys, "folds": chosen_per_fold, "all": combos[best]}
    for m, t in tabs.items():
        report[m] = {way: {s: round(float(held[m][way][t.sets == s].mean()), 3)
                           for s in sets} | {"pooled": round(float(held[m][way].mean()), 3)}
                     for way in ("kept", "chosen")}
    return report


def status_lines(name: str, report: Mapping[str, Any], on: Sequence[str]) -> list[str]:
    """``status_fit``'s report as printed."""
    sets = list(report["folds"])
    out = [f"{name}: status thresholds ({', '.join(report['keys'])}) chosen on the training "
           f"sets' {' and '.join(on)} stories with the fold's weights; held-out status, "
           "kept -> chosen:"]
    for m in ("gold", "predicted"):
        if m in report:
            out.append(f"  {m:9} " + " ".join(
                f"{s.removeprefix('set')} {report[m]['kept'][s]:.3f}->"
                f"{report[m]['chosen'][s]:.3f}" for s in [*sets, "pooled"]))
    folds = ", ".join(f"{s.removeprefix('set')} {tuple(report['folds'][s])}" for s in sets)
    out.append(f"  per fold: {folds}")
    out.append(f"  chosen on all the sets: {tuple(report['all'])}")
    return out


def fmt(pair: tuple[float | None, float | None]) -> str:
    a, b = pair
    return f"{'  -  ' if a is None else f'{a:.3f}'}/{'  -  ' if b is None else f'{b:.3f}'}"


#: The comment a written weight carries on its line (``--note``: what it was fitted on).
FITTED = "# fitted"


def weight_lines(text: str, values: Mapping[str, float], threshold: float,
                 comment: Sequence[str], note: str = "") -> tuple[str, list[tuple[int, str,
                                                                                 str]]]:
    """``scoring.yaml``'s text with each weight's value replaced (its line kept where it
    is) and ``comment`` put above ``base``, and the lines changed: (line number, before,
    after). With ``note``, a weight whose value changes carries on its line the comment
    "# fitted NOTE; by hand VALUE", the value it had before ("before VALUE" when an
    earlier fit wrote that: its comment is replaced, any other comment kept after it)."""
    lines = text.split("\n")
    changed: list[tuple[int, str, str]] = []

    def put(n: int, name: str, value: float, indent: str, rest: str) -> None:
        before = lines[n]
        old = re.match(r"^\s*[a-z_]+: (-?[0-9.]+)", before)
        if old is not None and float(old.group(1)) == float(f"{value:g}"):
            return  # the same value, however written: the line stays as it is
        if note and old is not None:
            # the value before was set by hand unless an earlier fit wrote it
            was = "before" if FITTED + " " in rest else "by hand"
            rest = re.sub(r"\s*" + re.escape(FITTED) + r" [^#]*", "", rest)
            rest = f"  {FITTED} {note}; {was} {old.group(1)}" + rest
        lines[n] = f"{indent}{name}: {value:g}{rest}"
        changed.append((n + 1, before, lines[n]))

    section = ""
    for n, line in enumerate(lines):
        top = re.match(r"^([a-z_]+):(.*)$", line)
        if top:
            section = top.group(1)
            if section == "base":
                rest = re.match(r"^base: -?[0-9.]+(.*)$", line)
                put(n, "base", values["base"], "", rest.group(1) if rest else "")
            continue
        field = re.match(r"^  ([a-z_]+): (-?[0-9.]+)(.*)$", line)
        if field is None:
            continue
        key = f"{section}.{field.group(1)}"
        if key in values:
            put(n, field.group(1), values[key], "  ", field.group(3))
        elif key == "status.corroborated_min_score":
            put(n, field.group(1), threshold, "  ", field.group(3))
    text = "\n".join(lines)
    start, end = "# --- fitted weights (bench/fit_story_weights.py) ---", "# --- end ---"
    block = "\n".join([start, *(f"# {c}" if c else "#" for c in comment), end])
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text,
                      flags=re.S)
    else:
        text = text.replace("\n# Where every story starts before any evidence.\nbase:",
                            f"\n{block}\n\n# Where every story starts before any evidence."
                            "\nbase:")
    return text, changed


def write_weights(path: Path, values: Mapping[str, float], threshold: float,
                  comment: Sequence[str], note: str = "") -> list[tuple[int, str, str]]:
    """Replace each weight's value in ``scoring.yaml`` (``weight_lines``) and write it;
    the lines changed."""
    text, changed = weight_lines(path.read_text(encoding="utf-8"), values, threshold,
                                 comment, note)
    path.write_text(text, encoding="utf-8")
    return changed


def show_lines(changed: Sequence[tuple[int, str, str]]) -> str:
    """The changed lines of ``weight_lines`` as a reader checks them: number, before, after."""
    return "\n".join(f"{n:5d} - {before.strip()}\n      + {after.strip()}"
                     for n, before, after in changed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "verifier-story-scores")
    parser.add_argument("--scoring", type=Path, default=None)
    parser.add_argument("--method", nargs="+", default=["hand", "scale", "terms", "full",
                                                        "zero"])
    parser.add_argument("--fit", choices=("gold", "both"), default="gold",
                        help="Fit on the gold membership's stories, or on gold and predicted "
                             "together.")
    parser.add_argument("--loss", choices=("stories", "pairs"), default="stories",
                        help="A class-balanced loss on the stories, or one on each "
                             "confirmed/refuted pair within a set.")
    parser.add_argument("--floor-on", choices=("fit", "gold", "predicted", "both"),
                        default="fit",
                        help="The membership whose training stories choose the score floor "
                             "(status.corroborated_min_score): the one the weights are "
                             "fitted on (--fit), gold, predicted, or both together.")
    parser.add_argument("--keep-floor", action="store_true",
                        help="Keep the score floor (status.corroborated_min_score) as it is "
                             "in every fold and fit: the weights alone change.")
    parser.add_argument("--threshold", action="store_true",
                        help="hand: refit the score floor too.")
    parser.add_argument("--linear", action="store_true",
                        help="Score the held-out sets by the linear reading, not the scorer.")
    parser.add_argument("--status-grid", nargs="*", default=None, metavar="KEY",
                        help="Also choose the status rules' thresholds (STATUS_GRID; only "
                             "these KEYs when given, the others kept) leave-one-set-out with "
                             "each method's fold weights.")
    parser.add_argument("--status-cache", type=Path, default=None,
                        help="--status-grid: a directory keeping each story's status before "
                             "the floor under every combination (a second run reads it).")
    parser.add_argument("--status-on", choices=("gold", "predicted", "both"), default="both",
                        help="--status-grid: the membership whose training stories choose "
                             "the thresholds (default: gold and predicted together).")
    parser.add_argument("--constraints", type=Path, default=CONSTRAINTS,
                        help="The sign and order constraints of --method constrained and "
                             "constrained-hand (default: bench/story_weight_constraints.yaml).")
    parser.add_argument("--free", nargs="+", default=(), metavar="KEY",
                        help="--method constrained-free: fit only these weights (the others "
                             "and the score floor stay as they are), within the constraints.")
    parser.add_argument("--ship", default=None, help="The method --write writes.")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--show", action="store_true",
                        help="Print the scoring.yaml lines --write would write (--ship), "
                             "before and after, without writing them.")
    parser.add_argument("--note", default="",
                        help="With --write or --show: each weight that changes says on its "
                             "line '# fitted NOTE; by hand VALUE'.")
    parser.add_argument("--override", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--results", type=Path, default=None,
                        help="Read the methods' results from an earlier run's --json instead "
                             "of fitting them again (to --show or --write what it fitted).")
    args = parser.parse_args(argv)
    LOSS["name"] = args.loss
    effective = effective_weights(args.scoring)
    pooled, _ = load_sets(args.stories, args.cache, effective.weights)
    gold = table(pooled["gold"], effective)
    predicted = table(pooled["predicted"], effective)
    w0 = np.array([float(effective.values[k]) for k in FEATURES])
    prefer = float(effective.values["status.corroborated_min_score"])
    fit_on = joined(gold, predicted) if args.fit == "both" else gold
    FLOOR["on"] = {"fit": None, "gold": gold, "predicted": predicted,
                   "both": joined(gold, predicted)}[args.floor_on]
    sets = list(dict.fromkeys(gold.sets))
    results: dict[str, Any] = {}
    unknown = [k for k in args.free if k not in FEATURES]
    if unknown or ("constrained-free" in args.method and not args.free):
        parser.error(f"--free needs weights of {', '.join(FEATURES)}")
    earlier = ({} if args.results is None else
               json.loads(args.results.read_text(encoding="utf-8")))
    chosen = methods(args.method, args.constraints, args.free)
    if args.keep_floor:
        chosen = [dataclasses.replace(m, floor=False) for m in chosen]
    for method in chosen:
        if method.name in earlier:
            results[method.name] = earlier[method.name]
            continue
        if method.name == "hand" and not args.threshold:
            report = _hand_report(gold, predicted, w0, prefer, sets)
            report["all"] = {"weights": dict(zip(FEATURES, w0.tolist(), strict=True)),
                             "threshold": prefer, "lambda": 0.0}
            results[method.name] = report
            continue
        report = loso(method, gold, {"predicted": predicted}, w0, prefer, fit_on,
                      None if args.linear else effective)
        w, threshold, lam = train(method, fit_on, np.ones(len(fit_on.t0), dtype=bool), w0,
                                  prefer)
        report["all"] = {"weights": {k: round(float(v), 3) + 0.0 for k, v in
                                     zip(FEATURES, w, strict=True)},
                         "threshold": threshold, "lambda": lam}
        results[method.name] = report
    print(f"held-out AUC/status per set (fit on {args.fit}; each set scored with what the "
          "others fit)")
    for m in ("gold", "predicted"):
        print(f"\n{m}:")
        print(f"{'method':18} " + " ".join(f"{s.removeprefix('set'):>11}" for s in sets)
              + f" {'pooled':>11}  up/down AUC, status vs hand")
        for name, report in results.items():
            hand = results.get("hand", report)[m]
            up = sum((report[m][s][0] or 0) > (hand[s][0] or 0) + 1e-9 for s in sets)
            down = sum((report[m][s][0] or 0) < (hand[s][0] or 0) - 1e-9 for s in sets)
            sup = sum((report[m][s][1] or 0) > (hand[s][1] or 0) + 1e-9 for s in sets)
            sdown = sum((report[m][s][1] or 0) < (hand[s][1] or 0) - 1e-9 for s in sets)
            print(f"{name:18} " + " ".join(f"{fmt(report[m][s]):>11}" for s in
                                           [*sets, "pooled"])
                  + f"  {up}/{down}, {sup}/{sdown}")
    print("\nweights fitted on all the sets (range over the folds), score floor, shrinkage:")
    for name, report in results.items():
        if name == "hand":
            continue
        stack = np.array([f["weights"] for f in report["folds"]])
        shown = ", ".join(
            f"{k} {report['all']['weights'][k]:+.2f} [{stack[:, j].min():+.2f},"
            f"{stack[:, j].max():+.2f}]" for j, k in enumerate(FEATURES))
        print(f"  {name}: floor {report['all']['threshold']:g} (folds "
              f"{sorted({f['threshold'] for f in report['folds']})}), lambda "
              f"{report['all']['lambda']:g}; {shown}")
        if name.startswith("constrained"):
            print("    " + binding(load_constraints(args.constraints), report))
    if args.status_grid is not None:
        unknown = [k for k in args.status_grid if k not in STATUS_GRID]
        if unknown:
            parser.error(f"--status-grid takes keys of {', '.join(STATUS_GRID)}")
        on = ("gold", "predicted") if args.status_on == "both" else (args.status_on,)
        tabs = {"gold": gold, "predicted": predicted}
        pres = {m: saved_pre_floor(t, effective, args.status_cache, m)
                for m, t in tabs.items()}
        now = [float(effective.values[k]) for k in STATUS_GRID]
        for name, report in results.items():
            folds = {f["set"]: np.array([float(v) for v in f["weights"]])
                     for f in report["folds"]}
            everything = np.array([float(report["all"]["weights"][k]) for k in FEATURES])
            fitted = status_fit(tabs, pres, folds, everything, w0, now, on,
                                args.status_grid)
            report["status_grid"] = fitted
            print()
            print("\n".join(status_lines(name, fitted, on)))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    floor = "keep" if args.keep_floor else args.floor_on
    if (args.write or args.override or args.show) and args.ship not in results:
        parser.error("--write, --show and --override need --ship METHOD among --method")
    if args.write or args.override or args.show:
        check_in_full(results[args.ship]["all"], effective, pooled["gold"], gold, w0)
    if args.override is not None:
        fitted = results[args.ship]["all"]
        args.override.write_text(override_text(fitted, shipped_comment(
            args.ship, args.fit, results, sets, floor)), encoding="utf-8")
        print(f"\nwrote the {args.ship} weights as an override into {args.override}")
    if args.write or args.show:
        comment = shipped_comment(args.ship, args.fit, results, sets, floor)
        from verifier.config import data_path

        path = data_path("scoring.yaml")
        fitted = results[args.ship]["all"]
        _, changed = weight_lines(path.read_text(encoding="utf-8"), fitted["weights"],
                                  fitted["threshold"], comment, args.note)
        print(f"\nthe {args.ship} weights, {path.name} lines before and after:")
        print(show_lines(changed) or "  (none changes)")
        if args.write:
            write_weights(path, fitted["weights"], fitted["threshold"], comment, args.note)
            print(f"wrote the {args.ship} weights into {path}")
    return 0


def binding(rules: Constraints, report: Mapping[str, Any]) -> str:
    """The constraints a constrained fit stops on: fitted on all the sets, and in how many
    of the folds (within the 0.001 the weights are rounded to)."""
    def stops(w: Sequence[float]) -> set[str]:
        slack = rules.a @ np.array([float(v) for v in w]) - rules.c
        return {label for label, s in zip(rules.labels, slack, strict=True) if s < 0.0015}

    every = stops([report["all"]["weights"][k] for k in FEATURES])
    folds = [stops(f["weights"]) for f in report["folds"]]
    shown = [f"{label} ({'all, ' if label in every else ''}"
             f"{sum(label in f for f in folds)}/{len(folds)} folds)"
             for label in rules.labels if label in every or any(label in f for f in folds)]
    return "stops on: " + ("; ".join(shown) or "none")


def _hand_report(gold: Table, predicted: Table, w0: np.ndarray, prefer: float,
                 sets: Sequence[str]) -> dict[str, Any]:
    report: dict[str, Any] = {"folds": [{"set": s, "weights": w0.tolist(),
                                         "threshold": prefer, "lambda": 0.0} for s in sets]}
    for m, t in (("gold", gold), ("predicted", predicted)):
        per: dict[str, Any] = {}
        for s in [*sets, "pooled"]:
            mask = np.ones(len(t.t0), dtype=bool) if s == "pooled" else t.sets == s
            a = auc_of(t, t.totals(w0, w0), mask)
            per[s] = (None if a is None else round(a, 3),
                      round(agreement(t, t.totals(w0, w0), prefer, mask), 3))
        report[m] = per
    return report


def check_in_full(fitted: Mapping[str, Any], effective: Effective, rows: Sequence[Scored],
                  tab: Table, w0: np.ndarray) -> None:
    """The fitted weights' scores computed by the scorer itself agree with the linear
    reading (the strongest source may change with the sourcing weights' order)."""
    values = dict(fitted["weights"])
    weights = effective.changed({**values, "status.corroborated_min_score":
                                 fitted["threshold"]}, "fitted")
    w = np.array([values[k] for k in FEATURES])
    linear = tab.totals(w, w0)
    worst = 0.0
    for i, r in enumerate(tab.rows):
        if not r.claims:
            continue
        worst = max(worst, abs(total(assess(r.claims, weights)) - linear[i]))
    print(f"largest gap between the scorer and the linear reading: {worst:.4f}")


def override_text(fitted: Mapping[str, Any], comment: Sequence[str]) -> str:
    """A scoring override (``--scoring``) holding the fitted weights and score floor."""
    sections: dict[str, dict[str, float]] = {}
    lines = [f"# {c}" if c else "#" for c in comment]
    for key, value in fitted["weights"].items():
        if key == "base":
            lines.append(f"base: {value:g}")
            continue
        section, field = key.split(".")
        sections.setdefault(section, {})[field] = value
    sections.setdefault("status", {})["corroborated_min_score"] = fitted["threshold"]
    for section, values in sections.items():
        lines.append(f"{section}:")
        lines.extend(f"  {field}: {value:g}" for field, value in values.items())
    return "\n".join(lines) + "\n"


def shipped_comment(name: str, fit: str, results: Mapping[str, Any],
                    sets: Sequence[str], floor: str = "fit") -> list[str]:
    """The comment above the written weights: how they were fitted, and the held-out
    AUC/status of each set, fitted and with the weights before (``hand``), one set a line."""
    report, hand = results[name], results.get("hand")
    first, last = sets[0].removeprefix("set"), sets[-1].removeprefix("set")
    chosen = {"keep": "kept as it was in every fold",
              "fit": f"chosen on the same stories ({fit})"}.get(
        floor, f"chosen on the {floor} membership's stories")
    whose = ("the gold membership's" if fit == "gold"
             else "the gold and the predicted membership's")
    head = (f"Fitted by bench/fit_story_weights.py --method {name} --fit {fit} on {whose} "
            f"confirmed and refuted stories of sets {first}-{last}; the score floor "
            f"(status.corroborated_min_score) {chosen}. "
            "Leave-one-set-out (each set scored with the weights fitted on the other sets), "
            "held-out AUC/status" + (", fitted (the weights before):" if hand is not None
                                     else ":"))
    out = textwrap.wrap(head, width=90)
    for s in [*sets, "pooled"]:
        cells = []
        for m in ("gold", "predicted"):
            cell = f"{m} {fmt(report[m][s])}"
            if hand is not None:
                cell += f" ({fmt(hand[m][s])})"
            cells.append(cell)
        out.append(f"  {s.removeprefix('set'):6} " + "  ".join(cells))
    return out


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
