"""Measuring story grouping against labelled stories (``*.stories.jsonl``).

Sentences come from the matching ``*.labels.jsonl`` (gold segmentation and sourcing), so the
numbers measure grouping alone. Only claims are grouped; gold stories hold only claims.

How membership is scored:

- The grouping is a partition: every claim is in exactly one predicted story (checked), so a
  sentence cannot count for several stories.
- Gold and predicted stories are matched **one to one**: all pairs that share sentences are
  taken in order of their F1 (highest first) and a pair is kept when neither side is matched
  yet. So one large predicted story cannot be the match of several gold stories; a gold story
  left without a match scores 0.
- For each gold story and its match: precision = shared / predicted size, recall = shared /
  gold size, F1 their harmonic mean. Macro averages are over gold stories (every labelled
  story weighs the same); micro pools the counts. A story labelled in several articles is one
  gold story (its sentences of all articles), so linking across articles is scored too.
- A predicted story that matches no gold story costs nothing by itself when it holds only
  background sentences (the guide lets background be its own story or none). When it holds
  sentences of a gold story, those are that story's lost recall; background sentences
  absorbed into a matched story are its lost precision. The counts of both kinds of unmatched
  predicted stories are reported.

How scores are measured (``evaluate_outcomes``), on gold stories with a known outcome (a
verdict status: ``confirmed``, ``refuted`` or ``disputed``; ``null`` is unknown and left out):

- each labelled sentence carries the story it landed in when the corpus was replayed through
  the whole pipeline (``verifier.stories.replay``), with that story's score and open status;
  a gold story reads the predicted story holding most of its sentences (the lowest id on a
  tie), i.e. the score a fact-checker would see for that event;
- **AUC**: the probability that a confirmed story scores above a refuted one (ties count a
  half; the Mann-Whitney statistic); undefined without both outcomes. A disputed story is
  neither side of that question and is left out of it (its scores are reported);
- **status agreement** (``AGREEING``): confirmed -> ``corroborated``; refuted ->
  ``unconfirmed`` or ``contested``; disputed -> ``contested`` or ``unconfirmed`` (a story
  whose truth is in dispute agrees with any status short of corroborated: sources
  disagreeing, or none standing behind it on record); the share of outcome-known stories,
  disputed ones included, whose open status agrees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.errors import InputError
from verifier.stories.grouping import Item, group
from verifier.vocab import VERDICT_STATUSES, ClaimStatus, StoryStatus

Key = tuple[str, int]
Grouper = Callable[[Sequence[Item]], list[list[Hashable]]]


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """Where a labelled sentence landed: its story, that story's score and open status."""

    story: int
    score: float
    status: str


#: Open statuses that agree with each outcome (a reviewed verdict status): every verdict
#: status has its entry (a test checks).
AGREEING: dict[str, tuple[str, ...]] = {
    ClaimStatus.CONFIRMED: (StoryStatus.CORROBORATED,),
    ClaimStatus.REFUTED: (StoryStatus.UNCONFIRMED, StoryStatus.CONTESTED),
    ClaimStatus.DISPUTED: (StoryStatus.CONTESTED, StoryStatus.UNCONFIRMED),
}


@dataclass(frozen=True, slots=True)
class OutcomeScore:
    """A gold story with a known outcome and the predicted story a reader would see."""

    story: str
    outcome: str
    predicted: int | None
    score: float | None
    status: str | None

    @property
    def agrees(self) -> bool:
        return self.status in AGREEING[self.outcome]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "outcome": self.outcome,
            "predicted_story": self.predicted,
            "score": round(self.score, 4) if self.score is not None else None,
            "status": self.status,
            "agrees": self.agrees,
        }


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(a positive scores above a negative), ties a half; None without both."""
    if not positives or not negatives:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


@dataclass(frozen=True, slots=True)
class OutcomeEval:
    stories: tuple[OutcomeScore, ...]

    def scores(self, outcome: str) -> list[float]:
        # a story none of whose sentences became a claim scores as the lowest possible
        return [s.score if s.score is not None else 0.0
                for s in self.stories if s.outcome == outcome]

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.stories if s.outcome == outcome)

    @property
    def auc(self) -> float | None:
        return auc(self.scores(ClaimStatus.CONFIRMED), self.scores(ClaimStatus.REFUTED))

    @property
    def agreement(self) -> float | None:
        if not self.stories:
            return None
        return sum(s.agrees for s in self.stories) / len(self.stories)

    def to_dict(self) -> dict[str, Any]:
        return {
            "auc": round(self.auc, 4) if self.auc is not None else None,
            "status_agreement": round(self.agreement, 4) if self.agreement is not None else None,
            **{outcome: self.count(outcome) for outcome in VERDICT_STATUSES},
            "stories": [s.to_dict() for s in self.stories],
        }


def evaluate_outcomes(
    stories_path: Path, scored: Mapping[Key, ScoredSentence]
) -> OutcomeEval:
    """Score AUC and status agreement of the gold stories with a known outcome."""
    outcomes: dict[str, str] = {}
    members: dict[str, list[Key]] = {}
    for line in read_jsonl(stories_path):
        outcome = line.get("outcome")
        if outcome is None:
            continue
        if not isinstance(outcome, str) or outcome not in AGREEING:
            raise InputError(f"{stories_path}: story {line.get('story')!r} has outcome "
                             f"{outcome!r} (expected {', '.join(VERDICT_STATUSES)} or null)")
        outcomes[line["story"]] = outcome
        members.setdefault(line["story"], []).extend(
            (str(line["doc"]), int(i)) for i in line["sentences"])
    rows = []
    for story, outcome in outcomes.items():
        landed = [scored[k] for k in members[story] if k in scored]
        if not landed:
            rows.append(OutcomeScore(story, outcome, None, None, None))
            continue
        counts: dict[int, int] = {}
        for s in landed:
            counts[s.story] = counts.get(s.story, 0) + 1
        best = min(counts, key=lambda sid: (-counts[sid], sid))
        pick = next(s for s in landed if s.story == best)
        rows.append(OutcomeScore(story, outcome, best, pick.score, pick.status))
    return OutcomeEval(tuple(rows))


@dataclass(frozen=True, slots=True)
class StoryScore:
    story: str
    docs: tuple[str, ...]
    gold: int
    predicted: int
    shared: int

    @property
    def precision(self) -> float:
        return self.shared / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.shared / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "docs": list(self.docs),
            "gold": self.gold,
            "predicted": self.predicted,
            "shared": self.shared,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class StoryEval:
    stories: tuple[StoryScore, ...]
    predicted_stories: int
    #: predicted stories matched to no gold story: holding gold-story sentences (fragments)
    #: or only background sentences.
    unmatched_fragments: int
    unmatched_background: int

    def macro(self, attribute: str, *, cross_only: bool = False) -> float:
        scores = [s for s in self.stories if len(s.docs) > 1 or not cross_only]
        return sum(getattr(s, attribute) for s in scores) / len(scores) if scores else 0.0

    def micro(self) -> dict[str, float]:
        shared = sum(s.shared for s in self.stories)
        predicted = sum(s.predicted for s in self.stories)
        gold = sum(s.gold for s in self.stories)
        p = shared / predicted if predicted else 0.0
        r = shared / gold if gold else 0.0
        return {"precision": p, "recall": r, "f1": _f1(p, r)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "macro": {a: round(self.macro(a), 4) for a in ("precision", "recall", "f1")},
            "micro": {a: round(v, 4) for a, v in self.micro().items()},
            "cross_article": {
                a: round(self.macro(a, cross_only=True), 4) for a in ("precision", "recall", "f1")
            },
            "gold_stories": len(self.stories),
            "predicted_stories": self.predicted_stories,
            "unmatched_predicted": {
                "with_gold_sentences": self.unmatched_fragments,
                "background_only": self.unmatched_background,
            },
            "stories": [s.to_dict() for s in self.stories],
        }


def pool(results: Sequence[StoryEval]) -> StoryEval:
    """Several corpora's membership as one (their stories are distinct)."""
    return StoryEval(
        tuple(s for r in results for s in r.stories),
        sum(r.predicted_stories for r in results),
        sum(r.unmatched_fragments for r in results),
        sum(r.unmatched_background for r in results),
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    try:
        return [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON Lines (line {exc.lineno})") from None


def labels_path_for(stories: Path) -> Path:
    """``X.stories.jsonl`` -> ``X.labels.jsonl``."""
    return stories.with_name(stories.name.replace(".stories.jsonl", ".labels.jsonl"))


def check_texts(labels: Sequence[dict[str, Any]], texts: Path) -> None:
    """Every label's text occurs, in order, in ``texts/<doc>.txt`` (the labels fit the files)."""
    cursor: dict[str, int] = {}
    bodies: dict[str, str] = {}
    for row in labels:
        doc = str(row["doc"])
        if doc not in bodies:
            path = texts / f"{doc}.txt"
            try:
                bodies[doc] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{path}: cannot read ({exc})") from None
        found = bodies[doc].find(str(row["text"]), cursor.get(doc, 0))
        if found < 0:
            raise InputError(f"{texts / doc}.txt: sentence {row['i']} of the labels not found")
        cursor[doc] = found + len(str(row["text"]))


def match(gold: dict[str, set[Key]], predicted: Sequence[set[Key]]) -> dict[str, int]:
    """One-to-one matching of gold to predicted stories, best pair F1 first."""
    where: dict[Key, int] = {}
    for number, members in enumerate(predicted):
        for key in members:
            if key in where:
                raise InputError(f"sentence {key} is in two predicted stories")
            where[key] = number
    pairs = []
    for story, members in gold.items():
        hits: dict[int, int] = {}
        for key in members:
            if key in where:
                hits[where[key]] = hits.get(where[key], 0) + 1
        for number, shared in hits.items():
            f1 = _f1(shared / len(predicted[number]), shared / len(members))
            pairs.append((-f1, -shared, story, number))
    matched: dict[str, int] = {}
    used: set[int] = set()
    for _, _, story, number in sorted(pairs):
        if story not in matched and number not in used:
            matched[story] = number
            used.add(number)
    return matched


def evaluate_stories(
    stories_path: Path,
    labels_path: Path | None = None,
    texts: Path | None = None,
    grouper: Grouper = group,
) -> StoryEval:
    """Group the labelled claims and score membership against the gold stories."""
    labels = read_jsonl(labels_path or labels_path_for(stories_path))
    if texts is not None:
        check_texts(labels, texts)
    gold_lines = read_jsonl(stories_path)
    items = [
        Item(
            key=(row["doc"], row["i"]),
            doc=row["doc"],
            position=row["i"],
            text=row["text"],
            kinds=tuple(a["kind"] for a in row.get("sourcing", [])),
            sources=tuple(str(a.get("source") or "") for a in row.get("sourcing", [])),
        )
        for row in labels
        if row.get("claim")
    ]
    predicted = [{(str(k[0]), int(k[1])) for k in m} for m in grouper(items)]  # type: ignore[index]
    gold: dict[str, set[Key]] = {}
    docs: dict[str, list[str]] = {}
    for line in gold_lines:
        gold.setdefault(line["story"], set()).update((line["doc"], i) for i in line["sentences"])
        docs.setdefault(line["story"], []).append(line["doc"])
    matched = match(gold, predicted)
    scores = []
    for story, members in gold.items():
        if story in matched:
            found = predicted[matched[story]]
            scores.append(StoryScore(story, tuple(docs[story]), len(members), len(found),
                                     len(found & members)))
        else:
            scores.append(StoryScore(story, tuple(docs[story]), len(members), 0, 0))
    in_gold = set().union(*gold.values()) if gold else set()
    unmatched = [p for n, p in enumerate(predicted) if n not in set(matched.values())]
    fragments = sum(1 for p in unmatched if p & in_gold)
    return StoryEval(tuple(scores), len(predicted), fragments, len(unmatched) - fragments)
