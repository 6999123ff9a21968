"""Source track records: a Beta posterior over the registry prior, learned from verdicts.

A verdict on a story counts once for every source behind it: the outlets that published its
supporting claims, every source that asserts it (named officials, cited outlets, "unnamed
sources via <outlet>"), and, the other way round, every source that denied it (a denial of a
confirmed story counts as refuted for the denier). A refusal counts for nobody. Only the
latest verdict of each story counts; a verdict on a single claim counts when its story has no
verdict of its own. Pure: ``verdict_units`` and ``count_verdicts`` turn rows read by
``verifier.store.trackrecords`` into counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The interval ``interval()`` reports by default.
LEVEL = 0.9
_OPPOSITE = {"confirmed": "refuted", "refuted": "confirmed"}


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """A source's prior pseudo-counts and the verdicts counted for it."""

    source_id: int
    key: str
    name: str
    kind: str
    prior_confirmed: float
    prior_refuted: float
    prior_note: str
    confirmed: int = 0
    refuted: int = 0

    @property
    def alpha(self) -> float:
        return self.prior_confirmed + self.confirmed

    @property
    def beta(self) -> float:
        return self.prior_refuted + self.refuted

    @property
    def mean(self) -> float:
        """Posterior mean: the chance a claim this source stands behind is confirmed."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def prior_mean(self) -> float:
        return self.prior_confirmed / (self.prior_confirmed + self.prior_refuted)

    def interval(self, level: float = LEVEL) -> tuple[float, float]:
        """The central credible interval of the posterior Beta distribution."""
        from scipy.stats import beta

        tail = (1 - level) / 2
        low, high = beta.ppf([tail, 1 - tail], self.alpha, self.beta)
        return float(low), float(high)

    def to_dict(self) -> dict[str, Any]:
        low, high = self.interval()
        return {
            "source_id": self.source_id,
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "prior": {
                "confirmed": self.prior_confirmed,
                "refuted": self.prior_refuted,
                "mean": round(self.prior_mean, 4),
                "note": self.prior_note,
            },
            "confirmed": self.confirmed,
            "refuted": self.refuted,
            "mean": round(self.mean, 4),
            "interval": {"level": LEVEL, "low": round(low, 4), "high": round(high, 4)},
        }


#: A unit a verdict is counted for: ("story", story id) or ("claim", claim id).
Unit = tuple[str, int]


def verdict_units(
    stories: dict[int, str],
    claims: dict[int, str],
    story_members: dict[int, list[int]],
    claim_stories: dict[int, set[int]],
) -> dict[Unit, tuple[str, list[int]]]:
    """Pure: what each counted verdict is about, ``{unit: (status, claim ids)}``.

    ``stories``/``claims``: the latest verdict status per story and per claim (claim-level
    verdicts only); ``story_members``: the claims of the reviewed stories;
    ``claim_stories``: the stories of the claims with a verdict of their own. Only confirmed
    and refuted verdicts count; a claim's own verdict counts only when none of its stories
    has a verdict.
    """
    units: dict[Unit, tuple[str, list[int]]] = {}
    for story_id, status in stories.items():
        if status in _OPPOSITE:
            units[("story", story_id)] = (status, story_members.get(story_id, []))
    for claim_id, status in claims.items():
        if status in _OPPOSITE and not (claim_stories.get(claim_id, set()) & stories.keys()):
            units[("claim", claim_id)] = (status, [claim_id])
    return units


def count_verdicts(
    units: dict[Unit, tuple[str, list[int]]], behind: dict[int, list[tuple[int, str]]]
) -> dict[int, tuple[int, int]]:
    """Pure: ``{source id: (confirmed, refuted)}`` from the counted verdicts and, per claim,
    the (source id, stance) behind it (``asserts`` or ``denies``).

    A verdict counts once per source: as itself for a source that asserts the event (or
    published a supporting claim), the other way round for a source that only denied it.
    """
    counts: dict[int, list[int]] = {}
    for status, claim_ids in units.values():
        for_source: dict[int, str] = {}
        for claim_id in claim_ids:
            for source_id, stance in behind.get(claim_id, ()):
                outcome = status if stance == "asserts" else _OPPOSITE[status]
                if for_source.get(source_id) is None or stance == "asserts":
                    for_source[source_id] = outcome
        for source_id, outcome in for_source.items():
            pair = counts.setdefault(source_id, [0, 0])
            pair[0 if outcome == "confirmed" else 1] += 1
    return {sid: (c, r) for sid, (c, r) in counts.items()}
