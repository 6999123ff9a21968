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

What went wrong is counted by class (``Mismatches``, from the gold side; a gold story's
*home* in an article is the predicted story holding most of its sentences there):

- ``split_off``: sentences of a story outside its home in their article (sub-events or
  quotes split off);
- ``background_absorbed``: background sentences placed in a story's home (of any article);
- ``stories_merged``: stories whose home in an article is also the home of another story
  of that article (one article's stories merged), ``outcomes_merged`` of them with another
  known outcome than a story they were merged with (a confirmed and a refuted story as one);
- ``cross_not_joined``: stories labelled in several articles whose homes are not one
  predicted story (a rumour and its outcome not joined);
- ``cross_wrong_joins``: predicted stories that are home to stories in several articles,
  none of them the same story.

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
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from verifier.errors import InputError
from verifier.evaluation.labels import doc_name, read_label_rows, sentence_number
from verifier.ingest.textfile import read_article_text
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
    for line in read_story_rows(stories_path):
        outcome = line.get("outcome")
        if outcome is None:
            continue
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
class Placement:
    """A sentence a story lost or took in: where it went (``missing``: the story whose match
    holds it, "" for a predicted story no gold story matched) or what it is (``extra``: the
    story it belongs to, "" for background); ``why``: the grouping rule that placed it
    within its article (``verifier.stories.article``), "" when not known."""

    doc: str
    i: int
    text: str
    other: str
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "i": self.i, "text": self.text, "other": self.other or None,
                "why": self.why or None}


@dataclass(frozen=True, slots=True)
class StoryScore:
    story: str
    docs: tuple[str, ...]
    gold: int
    predicted: int
    shared: int
    #: its sentences outside its match, and the match's sentences not its own
    missing: tuple[Placement, ...] = ()
    extra: tuple[Placement, ...] = ()

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
            "missing": [p.to_dict() for p in self.missing],
            "extra": [p.to_dict() for p in self.extra],
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Mismatches:
    """Membership errors by class (see the module docstring)."""

    split_off: int = 0
    background_absorbed: int = 0
    stories_merged: int = 0
    outcomes_merged: int = 0
    cross_not_joined: int = 0
    cross_wrong_joins: int = 0

    def __add__(self, other: Mismatches) -> Mismatches:
        return Mismatches(*(getattr(self, f) + getattr(other, f) for f in self.__slots__))

    def to_dict(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in self.__slots__}


#: What each mismatch class counts, for reports.
MISMATCH_LABELS = {
    "split_off": "sentences split off their story's home in the article",
    "background_absorbed": "background sentences absorbed into a story",
    "stories_merged": "stories merged with another of their article",
    "outcomes_merged": "  of them with a different known outcome",
    "cross_not_joined": "cross-article stories not joined",
    "cross_wrong_joins": "predicted stories joining articles on no common story",
}


def mismatches(
    gold: Mapping[str, set[Key]], predicted: Sequence[set[Key]],
    outcomes: Mapping[str, str | None],
) -> Mismatches:
    """Count the membership errors by class (pure; ``outcomes``: a story's known outcome)."""
    where = {key: number for number, members in enumerate(predicted) for key in members}
    home: dict[tuple[str, str], int] = {}
    split = 0
    for story, members in gold.items():
        per_doc: dict[str, dict[int, int]] = {}
        for key in members:
            counts = per_doc.setdefault(key[0], {})
            counts[where[key]] = counts.get(where[key], 0) + 1
        for doc, counts in per_doc.items():
            best = min(counts, key=lambda n: (-counts[n], n))
            home[(story, doc)] = best
            split += sum(counts.values()) - counts[best]
    homed: dict[tuple[str, int], list[str]] = {}
    for (story, doc), number in sorted(home.items()):
        homed.setdefault((doc, number), []).append(story)
    in_gold = {key for members in gold.values() for key in members}
    homes = set(home.values())
    absorbed = sum(1 for key, number in where.items() if key not in in_gold and number in homes)
    merged = outcome_merged = 0
    for stories in homed.values():
        if len(stories) < 2:
            continue
        largest = max(stories, key=lambda s: (len(gold[s]), s))
        merged += len(stories) - 1
        known = {s: outcomes.get(s) for s in stories}
        outcome_merged += sum(
            1 for s in stories if s != largest and known[s] is not None
            and any(known[o] is not None and known[o] != known[s] for o in stories if o != s))
    not_joined = 0
    for story, members in gold.items():
        docs = {key[0] for key in members}
        if len(docs) > 1 and len({home[(story, doc)] for doc in docs}) > 1:
            not_joined += 1
    wrong = 0
    for number, members in enumerate(predicted):
        docs = {key[0] for key in members if (key[0], number) in homed}
        if len(docs) < 2:
            continue
        common = set.intersection(*(set(homed.get((doc, number), ())) for doc in docs))
        if not common:
            wrong += 1
    return Mismatches(split, absorbed, merged, outcome_merged, not_joined, wrong)


@dataclass(frozen=True, slots=True)
class StoryEval:
    stories: tuple[StoryScore, ...]
    predicted_stories: int
    #: predicted stories matched to no gold story: holding gold-story sentences (fragments)
    #: or only background sentences.
    unmatched_fragments: int
    unmatched_background: int
    mismatches: Mismatches = Mismatches()

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
            "mismatches": self.mismatches.to_dict(),
            "stories": [s.to_dict() for s in self.stories],
        }


def pool(results: Sequence[StoryEval]) -> StoryEval:
    """Several corpora's membership as one (their stories are distinct)."""
    return StoryEval(
        tuple(s for r in results for s in r.stories),
        sum(r.predicted_stories for r in results),
        sum(r.unmatched_fragments for r in results),
        sum(r.unmatched_background for r in results),
        sum((r.mismatches for r in results), Mismatches()),
    )


def read_story_rows(path: Path) -> list[dict[str, Any]]:
    """The gold stories of a ``*.stories.jsonl`` file, each checked: an object with ``story``
    (its name), ``doc`` (a file name), ``sentences`` (sentence numbers) and ``outcome``
    (confirmed, refuted or null, when given). ``InputError`` names the file, line and field."""
    rows = []
    for number, line in enumerate(read_article_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}: not JSON ({exc})") from None
        except RecursionError:  # Python's parser recurses once per level
            raise InputError(f"{where}: not JSON (nested too deeply)") from None
        if not isinstance(row, dict):
            raise InputError(f"{where}: expected a story object")
        story = row.get("story")
        if not isinstance(story, str) or not story.strip():
            raise InputError(f"{where}: field 'story': expected the story's name")
        doc_name(row.get("doc"), where)
        sentences = row.get("sentences")
        if not isinstance(sentences, list):
            raise InputError(f"{where}: field 'sentences': expected a list of sentence numbers")
        for i in sentences:
            sentence_number(i, f"{where}: field 'sentences'")
        outcome = row.get("outcome")
        if outcome is not None and (not isinstance(outcome, str) or outcome not in AGREEING):
            raise InputError(f"{path}: story {story!r} has outcome {outcome!r} (expected "
                             f"{', '.join(VERDICT_STATUSES)} or null)")
        rows.append(row)
    if not rows:
        raise InputError(f"{path}: no stories")
    return rows


def labels_path_for(stories: Path) -> Path:
    """``X.stories.jsonl`` -> ``X.labels.jsonl``."""
    return stories.with_name(stories.name.replace(".stories.jsonl", ".labels.jsonl"))


def manifest_path_for(stories: Path) -> Path:
    """``X.stories.jsonl`` -> ``X.manifest.tsv`` (each labelled text's publication date)."""
    return stories.with_name(stories.name.replace(".stories.jsonl", ".manifest.tsv"))


#: A manifest's date: the day it opens on ("2013-08-21", "2013-08-21 (inferred from text)");
#: a month or a year alone ("2019-06 (inferred)") orders nothing and is left out.
_MANIFEST_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


def read_manifest_dates(path: Path) -> dict[str, datetime]:
    """Doc -> publication day (UTC midnight) from a manifest (tab-separated: set, doc,
    outlet, address, published, ...; a header line naming ``published`` is skipped). Docs
    whose date is missing or vaguer than a day are left out (their order is unknown)."""
    found: dict[str, datetime] = {}
    for number, line in enumerate(read_article_text(path).splitlines(), 1):
        fields = line.split("\t")
        if not line.strip() or fields[4:5] == ["published"]:
            continue
        if len(fields) < 5 or not fields[1].strip():
            raise InputError(f"{path}:{number}: expected set, doc, outlet, address and "
                             "published, separated by tabs")
        day = _MANIFEST_DAY.match(fields[4].strip())
        if day is None:
            continue
        try:
            year, month, date = map(int, day.groups())
            found[fields[1].strip()] = datetime(year, month, date, tzinfo=UTC)
        except ValueError:
            raise InputError(f"{path}:{number}: {fields[4].strip()!r} is not a date") from None
    return found


def check_texts(labels: Sequence[dict[str, Any]], texts: Path) -> None:
    """Every label's text occurs, in order, in ``texts/<doc>.txt`` (the labels fit the files)."""
    cursor: dict[str, int] = {}
    bodies: dict[str, str] = {}
    for row in labels:
        doc = str(row["doc"])
        if doc not in bodies:
            bodies[doc] = read_article_text(texts / f"{doc}.txt")
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


def _reasons(items: Sequence[Item]) -> dict[Key, str]:
    """Why pass 1 placed each claim where it did within its article, as ``group`` runs it
    (the same rarity table: ``corpus_idf`` of all the items)."""
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import Why

    idf = corpus_idf(items)
    by_doc: dict[Hashable, list[Item]] = {}
    for item in items:
        by_doc.setdefault(item.doc, []).append(item)
    found: dict[Hashable, Why] = {}
    for doc_items in by_doc.values():
        group_article(doc_items, idf, found)
    return {(str(k[0]), int(k[1])): reason.describe()  # type: ignore[index]
            for k, reason in found.items()}


def evaluate_stories(
    stories_path: Path,
    labels_path: Path | None = None,
    texts: Path | None = None,
    grouper: Grouper = group,
) -> StoryEval:
    """Group the labelled claims and score membership against the gold stories."""
    gold_lines = read_story_rows(stories_path)
    labels = read_label_rows(labels_path or labels_path_for(stories_path))
    labelled = {(row["doc"], row["i"]) for row in labels}
    for line in gold_lines:
        for i in line["sentences"]:
            if (line["doc"], i) not in labelled:
                raise InputError(f"{stories_path}: story {line['story']!r}: sentence {i} of "
                                 f"{line['doc']!r} is not in the labels")
    if texts is not None:
        check_texts(labels, texts)
    items = [
        Item(
            key=(row["doc"], row["i"]),
            doc=row["doc"],
            position=row["i"],
            text=row["text"],
            kinds=tuple(a["kind"] for a in row["sourcing"]),
            sources=tuple(a["source"] for a in row["sourcing"]),
        )
        for row in labels
        if row.get("claim")
    ]
    if grouper is group:  # with the articles' publication days, as ingest has them
        manifest = manifest_path_for(stories_path)
        dates: dict[Hashable, datetime] = {}
        if manifest.is_file():
            dates.update(read_manifest_dates(manifest))
        grouped = group(items, dates)
    else:
        grouped = grouper(items)
    predicted = [{(str(k[0]), int(k[1])) for k in m} for m in grouped]  # type: ignore[index]
    gold: dict[str, set[Key]] = {}
    docs: dict[str, list[str]] = {}
    outcomes: dict[str, str | None] = {}
    for line in gold_lines:
        gold.setdefault(line["story"], set()).update((line["doc"], i) for i in line["sentences"])
        docs.setdefault(line["story"], []).append(line["doc"])
        outcomes[line["story"]] = line.get("outcome")
    matched = match(gold, predicted)
    text = {(str(row["doc"]), int(row["i"])): str(row["text"]) for row in labels}
    owner = {key: story for story, members in gold.items() for key in members}
    where = {key: number for number, members in enumerate(predicted) for key in members}
    match_of = {number: story for story, number in matched.items()}

    why = _reasons(items) if grouper is group else {}

    def placed(keys: set[Key], other: Callable[[Key], str]) -> tuple[Placement, ...]:
        return tuple(Placement(k[0], k[1], text[k], other(k), why.get(k, ""))
                     for k in sorted(keys))

    scores = []
    for story, members in gold.items():
        found = predicted[matched[story]] if story in matched else set()
        scores.append(StoryScore(
            story, tuple(docs[story]), len(members), len(found), len(found & members),
            placed(members - found, lambda k: match_of.get(where[k], "")),
            placed(found - members, lambda k: owner.get(k, "")),
        ))
    in_gold = set().union(*gold.values()) if gold else set()
    unmatched = [p for n, p in enumerate(predicted) if n not in set(matched.values())]
    fragments = sum(1 for p in unmatched if p & in_gold)
    return StoryEval(tuple(scores), len(predicted), fragments, len(unmatched) - fragments,
                     mismatches(gold, predicted, outcomes))
