"""Candidate story features against outcomes: what the text shows that the score does not use.

    .venv/bin/python bench/story_features.py /work/realcorpus/tune/set?.stories.jsonl \
        [--mode gold|predicted|labels] [--cache DIR] [--only NAME ...] [--l2 L2] [--json]

Each gold story with an outcome is read as ``bench/story_scores.py`` reads it (the same
replay and cache; ``--mode`` the membership), its claims gathered as scoring gathers them
(``verifier.scoring.score.gather``: parties folded, outcome statements and relays set aside),
and every feature of ``FEATURES`` (a number per story: a share, a count, 0 or 1) is measured
two ways:

- **alone**: its mean for confirmed and refuted stories and its AUC (confirmed vs refuted)
  alone: whether the class separates outcomes at all;
- **added**: as a new term of the score (its weight times the feature, added to the score's
  logit), the weight fitted on all sets but one (a class-balanced logistic fit with the
  score as offset, an L2 pull towards 0: ``--l2``) and the set left out scored with it, for
  each set: the pooled held-out AUC against the score's own, how many sets rise and fall,
  the weight's range over the folds; then fitted on each half of the sets and scored on
  the other half. A feature counts only when it adds held out, set by set and half by half:
  a class the score already reads (the denials, own voice, the sourcing mix) adds nothing
  however well it separates alone.

Session 36 measured the brief's classes with it (single-outlet scoops told by unnamed or
media sources, the party itself on the record, a denial by the party that would know or by
an outsider, independent outlets, stated intent, a later report) and none added held out. The
one that came closest, ``negated_share``, is the ``negation`` term of branch scores36-wip,
off: it adds on the gold stories but not set by set on the predicted ones, and it lowers the
dev stories.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import story_scores

from verifier.evaluation.stories import auc
from verifier.scoring.corroboration import phrase_pattern
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import gather
from verifier.scoring.terms import (
    OwnVoiceParams,
    StoryEvidence,
    affirming_pattern,
    found_outside,
    outside_party,
    party_key,
)
from verifier.scoring.weights import Weights, effective_weights
from verifier.vocab import ClaimStatus, Stance

#: Speakers a reader can check by name.
_ON_RECORD = ("official", "named")
_QUOTE = re.compile("[\"\u201c\u201d]")
_FIGURE = re.compile(r"\d")
_FUTURE = re.compile(r"\b(will|would|to be|plans? to|intends? to|set to|going to|aims? to)\b",
                     re.IGNORECASE)


def _share(claims: Sequence[ClaimEvidence], test: Callable[[ClaimEvidence], bool]) -> float:
    return sum(1 for c in claims if test(c)) / len(claims) if claims else 0.0


def _on_record_parties(ev: StoryEvidence) -> tuple[set[str], set[str]]:
    """Identifiable on-record parties asserting the event: those the supporting statements
    name (the party itself) and those they do not (an outsider)."""
    said = " ".join(c.text for c in ev.supporting).lower()
    inside: set[str] = set()
    outside: set[str] = set()
    for claim in ev.supporting:
        for a in claim.asserting:
            if a.speaker in _ON_RECORD and ev.identifies(claim, a):
                (outside if outside_party(a, ev.supporting, said) else inside).add(party_key(a))
    return inside, outside


def _deniers(ev: StoryEvidence) -> tuple[set[str], set[str]]:
    """Identifiable parties denying the event: named in the supporting statements (the party
    that would know) and not (an outsider)."""
    said = " ".join(c.text for c in ev.supporting).lower()
    inside: set[str] = set()
    outside: set[str] = set()
    for claim in ev.claims:
        for a in claim.attributions:
            if a.stance == Stance.DENIES and ev.identifies(claim, a):
                (outside if _outsider(a, ev, said) else inside).add(party_key(a))
    return inside, outside


def _outsider(a: AttributionEvidence, ev: StoryEvidence, said: str) -> bool:
    return outside_party(a, ev.supporting, said)


def _days(ev: StoryEvidence) -> list[Any]:
    return sorted({c.published.date() for c in ev.claims if c.published is not None})


def _last_day_supports(ev: StoryEvidence) -> float:
    days = _days(ev)
    if len(days) < 2:
        return 0.0
    last = [c for c in ev.claims if c.published is not None and c.published.date() == days[-1]]
    supporting = {c.claim_id for c in ev.supporting}
    return float(all(c.claim_id in supporting for c in last))


def _negated_share(ev: StoryEvidence) -> float:
    """The share of supporting statements holding a negation word as the packaged
    ``own_voice`` lists read one (``negation_words`` outside ``affirming_phrases``), those
    holding a refusal or a denial left to the refusals and denials terms."""
    p = effective_weights(None).weights.term("own_voice", OwnVoiceParams)
    if not p.negation_words:
        return 0.0
    negation, affirming = phrase_pattern(p.negation_words), affirming_pattern(p)
    return _share(ev.supporting,
                  lambda c: all(a.stance == Stance.ASSERTS for a in c.attributions)
                  and found_outside(c.text, negation, affirming) is not None)


def _scoop(ev: StoryEvidence) -> float:
    inside, outside = _on_record_parties(ev)
    return float(len({c.carrier for c in ev.supporting}) <= 1 and not inside and not outside)


#: name -> (what it counts, how it is read from the gathered story).
FEATURES: dict[str, tuple[str, Callable[[StoryEvidence], float]]] = {
    "outlets": ("reports (outlets, copies once) carrying a supporting statement",
                lambda ev: float(len({c.carrier for c in ev.supporting}))),
    "one_outlet": ("every statement of the story in one report",
                   lambda ev: float(len({c.carrier for c in ev.claims}) == 1)),
    "origins": ("independent origins (corroboration's count)",
                lambda ev: float(len(ev.origins))),
    "scoop": ("one report, no identifiable on-record party asserting it",
              _scoop),
    "party_asserts": ("an on-record party the statements name asserts it (the party itself)",
                      lambda ev: float(bool(_on_record_parties(ev)[0]))),
    "outsider_asserts_only": ("on-record support only from parties the statements never name",
                              lambda ev: float(not _on_record_parties(ev)[0]
                                               and bool(_on_record_parties(ev)[1]))),
    "party_denies": ("an identifiable denier the statements name (the party that would know)",
                     lambda ev: float(bool(_deniers(ev)[0]))),
    "outsider_denies": ("an identifiable denier the statements never name",
                        lambda ev: float(bool(_deniers(ev)[1]))),
    "several_days": ("reports dated on more than one day",
                     lambda ev: float(len(_days(ev)) > 1)),
    "last_day_supports": ("several days, and every statement of the last day supports it",
                          _last_day_supports),
    "certain_share": ("share of supporting statements stated certain",
                      lambda ev: _share(ev.supporting,
                                        lambda c: c.certainty in (None, "certain"))),
    "future_share": ("share of supporting statements holding a future or intent word",
                     lambda ev: _share(ev.supporting, lambda c: bool(_FUTURE.search(c.text)))),
    "quoted_share": ("share of supporting statements holding a quotation mark",
                     lambda ev: _share(ev.supporting, lambda c: bool(_QUOTE.search(c.text)))),
    "quoted_any": ("a supporting statement holding a quotation mark",
                   lambda ev: float(any(_QUOTE.search(c.text) for c in ev.supporting))),
    "negated_share": ("share of supporting statements worded in the negative (no refusal or "
                      "denial in them)", _negated_share),
    "figures_share": ("share of supporting statements holding a figure",
                      lambda ev: _share(ev.supporting, lambda c: bool(_FIGURE.search(c.text)))),
    "statements_log": ("log of the story's statements",
                       lambda ev: math.log(len(ev.claims)) if ev.claims else 0.0),
}


def feature_values(claims: Sequence[ClaimEvidence], weights: Weights,
                   names: Sequence[str]) -> dict[str, float]:
    """Each named feature of the story told by ``claims``, gathered as scoring gathers them."""
    ev = gather(claims, weights)
    return {name: FEATURES[name][1](ev) for name in names}


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit_weight(values: Sequence[float], offsets: Sequence[float], outcomes: Sequence[int],
               l2: float = 1.0) -> float:
    """The weight of ``values`` added to ``offsets`` (logits) that best tells outcome 1 from
    0: a class-balanced logistic fit (each class weighs one in all) with an intercept and an
    L2 pull of the weight towards 0, by Newton's method."""
    y = np.asarray(outcomes, dtype=float)
    positives, negatives = y.sum(), len(y) - y.sum()
    if not positives or not negatives:
        return 0.0
    x = np.column_stack([np.ones(len(y)), np.asarray(values, dtype=float)])
    offset = np.asarray(offsets, dtype=float)
    share = np.where(y == 1, 1 / positives, 1 / negatives)
    pull = np.array([0.0, l2 / len(y)])
    w = np.zeros(2)
    for _ in range(100):
        p = 1 / (1 + np.exp(-(offset + x @ w)))
        gradient = x.T @ (share * (p - y)) + pull * w
        hessian = (x * (share * p * (1 - p))[:, None]).T @ x + np.diag(pull)
        if abs(np.linalg.det(hessian)) < 1e-12:
            break
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).sum() < 1e-9:
            break
    return float(w[1])


def _auc(scores: Sequence[float], outcomes: Sequence[int], index: Sequence[int]) -> float | None:
    return auc([scores[i] for i in index if outcomes[i]],
               [scores[i] for i in index if not outcomes[i]])


def added(sets: Sequence[str], values: Sequence[float], offsets: Sequence[float],
          outcomes: Sequence[int], l2: float = 1.0) -> dict[str, Any]:
    """``values`` as a term added to the score, fitted without each set and scored on it,
    then fitted on each half of the sets (in order) and scored on the other."""
    names = list(dict.fromkeys(sets))
    held = list(offsets)
    weights = []
    for name in names:
        fit = [i for i, s in enumerate(sets) if s != name]
        w = fit_weight([values[i] for i in fit], [offsets[i] for i in fit],
                       [outcomes[i] for i in fit], l2)
        weights.append(w)
        for i, s in enumerate(sets):
            if s == name:
                held[i] = offsets[i] + w * values[i]
    up = down = 0
    for name in names:
        index = [i for i, s in enumerate(sets) if s == name]
        before, after = _auc(offsets, outcomes, index), _auc(held, outcomes, index)
        if before is not None and after is not None:
            up += after > before + 1e-9
            down += after < before - 1e-9
    halves = []
    first = set(names[:len(names) // 2])
    for fitted in (first, set(names) - first):
        fit = [i for i, s in enumerate(sets) if s in fitted]
        scored = [i for i, s in enumerate(sets) if s not in fitted]
        w = fit_weight([values[i] for i in fit], [offsets[i] for i in fit],
                       [outcomes[i] for i in fit], l2)
        moved = [offsets[i] + w * values[i] for i in range(len(sets))]
        halves.append({"weight": round(w, 3), "auc": _auc(offsets, outcomes, scored),
                       "held_out": _auc(moved, outcomes, scored)})
    return {"held_out": _auc(held, outcomes, range(len(sets))), "up": up, "down": down,
            "weights": (round(min(weights), 3), round(max(weights), 3)) if weights else None,
            "halves": halves}


def measure(rows: Sequence[story_scores.Scored], weights: Weights, names: Sequence[str],
            l2: float = 1.0) -> dict[str, Any]:
    """Every named feature over the confirmed and refuted stories of ``rows``."""
    known = [r for r in rows if r.claims
             and r.outcome in (ClaimStatus.CONFIRMED, ClaimStatus.REFUTED)]
    outcomes = [int(r.outcome == ClaimStatus.CONFIRMED) for r in known]
    offsets = [_logit(r.score) for r in known]
    sets = [r.set_name for r in known]
    table = [feature_values(r.claims, weights, names) for r in known]
    everything = range(len(known))
    result: dict[str, Any] = {"stories": len(known), "confirmed": sum(outcomes),
                              "auc": _auc(offsets, outcomes, everything), "features": {}}
    for name in names:
        values = [t[name] for t in table]
        confirmed = [v for v, o in zip(values, outcomes, strict=True) if o]
        refuted = [v for v, o in zip(values, outcomes, strict=True) if not o]
        result["features"][name] = {
            "mean_confirmed": sum(confirmed) / len(confirmed) if confirmed else None,
            "mean_refuted": sum(refuted) / len(refuted) if refuted else None,
            "alone": auc(confirmed, refuted),
            **added(sets, values, offsets, outcomes, l2)}
    return result


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(result: Mapping[str, Any]) -> list[str]:
    lines = [f"{result['stories']} stories ({result['confirmed']} confirmed), "
             f"score AUC {_fmt(result['auc'])}",
             f"{'feature':22} {'conf':>6} {'ref':>6} {'alone':>6} {'added':>6} up/down "
             "weights          halves (fitted on one, AUC of the other: before -> after)"]
    for name, m in result["features"].items():
        low, high = m["weights"] or (0.0, 0.0)
        halves = "  ".join(f"{_fmt(h['auc'])}->{_fmt(h['held_out'])} ({h['weight']:+.2f})"
                           for h in m["halves"])
        lines.append(f"{name:22} {_fmt(m['mean_confirmed'])} {_fmt(m['mean_refuted'])} "
                     f"{_fmt(m['alone'])} {_fmt(m['held_out'])} {m['up']:>3}/{m['down']:<3} "
                     f"{low:+.2f}..{high:+.2f}  {halves}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--scoring", type=Path, default=None)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "verifier-story-scores")
    parser.add_argument("--mode", choices=("gold", "predicted", "labels"), default="gold")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(FEATURES),
                        help="Measure only these features.")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    weights = effective_weights(args.scoring).weights
    args.cache.mkdir(parents=True, exist_ok=True)
    pooled, _ = story_scores.load_sets(args.stories, args.cache, weights, (args.mode,))
    result = measure(pooled[args.mode], weights, args.only or list(FEATURES), args.l2)
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print("\n".join(report(result)))
        print("\n".join(f"  {name}: {FEATURES[name][0]}" for name in result["features"]))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
