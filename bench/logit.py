"""Fitting with numpy, shared by the trainers: Adam's steps, weights per class, and a
conditional logit (the learned story passes' trainers).

In the conditional logit each decision is a list of candidates (named features -> values)
and the right ones among them; the weights maximise the log of the right candidates'
probability under a softmax over each decision's candidates (Adam from zero:
deterministic), L2-penalised.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np


class Adam:
    """Adam's moments for one array of weights, moved in place (rate .05, betas .9 and
    .999): the trainers fit from zeros with it, deterministically."""

    def __init__(self, weight: np.ndarray) -> None:
        self.mom = np.zeros_like(weight)
        self.vel = np.zeros_like(weight)
        self.step = 0

    def move(self, weight: np.ndarray, grad: np.ndarray) -> None:
        rate, b1, b2 = 0.05, 0.9, 0.999
        self.step += 1
        self.mom = b1 * self.mom + (1 - b1) * grad
        self.vel = b2 * self.vel + (1 - b2) * grad * grad
        weight -= rate * (self.mom / (1 - b1 ** self.step)) / (
            np.sqrt(self.vel / (1 - b2 ** self.step)) + 1e-8)


def per_class(weight: np.ndarray, names: Sequence[str], classes: Sequence[str]
              ) -> dict[str, dict[str, float]]:
    """Weights (``names`` x ``classes``) per class, rounded to 4 places, those under 1e-3
    left out."""
    return {c: {name: round(float(weight[i, j]), 4) for i, name in enumerate(names)
                if abs(weight[i, j]) >= 1e-3}
            for j, c in enumerate(classes)}


Decision = tuple[Sequence[Mapping[str, float]], Collection[int]]


def conditional_logit(decisions: Sequence[Decision], names: Sequence[str], l2: float,
                      steps: int, weights: Sequence[float] | None = None) -> dict[str, float]:
    """Weights of ``names`` (features not named weigh nothing): Adam on the (``weights``-
    weighted, default 1 each) mean negative log-likelihood of each decision's right
    candidates + ``l2`` x |w|^2 / the decisions' total weight; rounded to 4 places, those
    under 1e-4 left out."""
    column = {n: i for i, n in enumerate(names)}
    rows: list[np.ndarray] = []
    segment: list[int] = []
    right: list[bool] = []
    for number, (found, good) in enumerate(decisions):
        for c, features in enumerate(found):
            row = np.zeros(len(names))
            for name, value in features.items():
                if name in column:
                    row[column[name]] = value
            rows.append(row)
            segment.append(number)
            right.append(c in good)
    x = np.array(rows)
    seg = np.array(segment)
    ok = np.array(right)
    weight = np.ones(len(decisions)) if weights is None else np.array(weights, dtype=float)
    n = float(weight.sum())
    per_row = weight[seg]
    starts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
    w = np.zeros(len(names))
    adam = Adam(w)
    for _ in range(steps):
        s = x @ w
        top = np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s - top)
        p = e / np.add.reduceat(e, starts)[seg]
        eq = np.where(ok, e, 0.0)
        q = eq / np.add.reduceat(eq, starts)[seg]
        adam.move(w, (x.T @ ((p - q) * per_row)) / n + 2 * l2 * w / n)
    return {name: round(float(w[i]), 4) for i, name in enumerate(names) if abs(w[i]) >= 1e-4}
