"""A conditional logit fitted with numpy: the learned story passes' trainers share it.

Each decision is a list of candidates (named features -> values) and the right ones among
them; the weights maximise the log of the right candidates' probability under a softmax over
each decision's candidates (Adam from zero: deterministic), L2-penalised.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

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
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        s = x @ w
        top = np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s - top)
        p = e / np.add.reduceat(e, starts)[seg]
        eq = np.where(ok, e, 0.0)
        q = eq / np.add.reduceat(eq, starts)[seg]
        grad = (x.T @ ((p - q) * per_row)) / n + 2 * l2 * w / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= rate * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + 1e-8)
    return {name: round(float(w[i]), 4) for i, name in enumerate(names) if abs(w[i]) >= 1e-4}
