"""Measuring story grouping against labelled stories (``*.stories.jsonl``).

Sentences come from the matching ``*.labels.jsonl`` (gold segmentation and sourcing), so the
numbers measure grouping alone. For each gold story the predicted story that shares most of
its sentences is its match; membership precision and recall are computed against it.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.errors import InputError
from verifier.stories_grouping import Item, group


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
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

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


@dataclass(frozen=True, slots=True)
class StoryEval:
    stories: tuple[StoryScore, ...]
    predicted_stories: int

    def macro(self, attribute: str, *, cross_only: bool = False) -> float:
        scores = [s for s in self.stories if len(s.docs) > 1 or not cross_only]
        return sum(getattr(s, attribute) for s in scores) / len(scores) if scores else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "macro": {a: round(self.macro(a), 4) for a in ("precision", "recall", "f1")},
            "cross_article": {
                a: round(self.macro(a, cross_only=True), 4) for a in ("precision", "recall", "f1")
            },
            "gold_stories": len(self.stories),
            "predicted_stories": self.predicted_stories,
            "stories": [s.to_dict() for s in self.stories],
        }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
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


def evaluate_stories(stories_path: Path, labels_path: Path | None = None) -> StoryEval:
    """Group the labelled claims and score membership against the gold stories."""
    labels = _read_jsonl(labels_path or labels_path_for(stories_path))
    gold_lines = _read_jsonl(stories_path)
    items = [
        Item(
            key=(row["doc"], row["i"]),
            doc=row["doc"],
            position=row["i"],
            text=row["text"],
            kinds=tuple(a["kind"] for a in row.get("sourcing", [])),
        )
        for row in labels
        if row.get("claim")
    ]
    predicted = group(items)
    where: dict[Hashable, int] = {}
    for number, members in enumerate(predicted):
        for key in members:
            where[key] = number
    gold: dict[str, set[tuple[str, int]]] = {}
    docs: dict[str, list[str]] = {}
    for line in gold_lines:
        gold.setdefault(line["story"], set()).update((line["doc"], i) for i in line["sentences"])
        docs.setdefault(line["story"], []).append(line["doc"])
    scores = []
    for story, gold_members in gold.items():
        hits: dict[int, int] = {}
        for key in gold_members:
            if key in where:
                hits[where[key]] = hits.get(where[key], 0) + 1
        if hits:
            best = max(hits, key=lambda n: (hits[n], -len(predicted[n])))
            scores.append(StoryScore(story, tuple(docs[story]), len(gold_members),
                                     len(predicted[best]), hits[best]))
        else:
            scores.append(StoryScore(story, tuple(docs[story]), len(gold_members), 0, 0))
    return StoryEval(tuple(scores), len(predicted))
