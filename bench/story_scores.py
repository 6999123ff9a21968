"""Story scores against outcomes, per set, with the predicted and with the gold membership.

    .venv/bin/python bench/story_scores.py /work/realcorpus/tune/set?.stories.jsonl \
        [--scoring FILE] [--explain] [--terms] [--refresh] [--json]

``verifier eval-stories`` reads the score of the predicted story most of a gold story's
sentences landed in: its numbers move with grouping as well as with scoring. This script
replays each set once (ingest, grouping, evidence: as ``verifier.stories.replay``) and keeps
every claim's evidence in a cache (``--cache``, default ``~/.cache/verifier-story-scores``,
keyed by the labels and by the code that builds evidence: everything in ``verifier/`` but the
pure scoring modules and ``scoring.yaml``; ``--refresh`` replays anyway), then scores

- **predicted**: each gold story reads the predicted story it landed in (what a reader
  sees; the same numbers as ``eval-stories``), and
- **gold**: each gold story is scored on the claims of its own labelled sentences, across its
  articles (scoring alone, whatever the grouping does),

and, with ``--labels``, a third way:

- **labels**: each gold story scored on evidence built from its sentences' gold labels
  (sourcing kinds with their sources, certainty), not the analyser's reading: the scoring
  model alone, as if the analyser were right (sources are not resolved against the registry,
  so outlets keep the default prior; each document is its own report),

and, with ``--gap``, two ways between gold and predicted, to tell which grouping error costs
what (and, with ``--terms --mode missing|extra``, which terms a missing article or a wrong
member moves most):

- **missing**: each gold story scored on those of its claims that landed in the predicted
  story most of them landed in (what a split costs), and
- **extra**: on its own claims with the other members of that predicted story (what a merge
  costs),

and prints AUC (confirmed vs refuted) and status agreement per set and pooled. ``--explain``
prints, for the gold membership, every misordered confirmed/refuted pair's two stories and
every story whose status disagrees, once each, with every contribution and its words, and
each claim with its report's publication date.
``--terms`` prints, per scoring term, its AUC alone, its mean contribution for confirmed and
refuted stories and the AUC without it: which signals separate outcomes. ``--status`` prints,
for the --mode membership, which status rule decided each story (``Assessment.status_rule``:
a denial, an answered denial, a later on-record settlement, an on-record source, origins, a
reliable source, own voice, nothing, a score under the floor) against its outcome, pooled
and per set, each disagreeing story by its rule with the start of its reason (the statement
it rests on), and, when the membership is not gold, the stories whose status agreement
differs from the gold membership's, by the rule that decided each way (what a wrong member
or a missing article does to the status).

Leave-one-set-out, the measure of a scoring change (tuning gains have not carried to unseen
sets, so a change counts when it holds on a set it was not made on):

- ``--against FILE`` scores every set with FILE as well (a scoring override, see
  ``verifier scoring show``; ``default`` for the packaged weights), or reads the scores a
  ``--json`` run saved in FILE (``.json``: the code before a change), and prints, per set,
  the AUC and status agreement of both, how many sets the change helps and hurts, for
  each set left out the pooled AUC of the others (whether a gain rests on one set), and
  every story whose score or status moved, largest move first (which stories a change
  reads, and whether their status now agrees with the outcome);
- ``--loso KEY [KEY ...]`` fits those weights (dotted keys of ``verifier scoring show``,
  log-odds weights such as ``own_voice.weight`` or ``sourcing.unnamed``) on all sets but
  one and scores the one left out, for each set in turn: a class-balanced logistic fit of
  confirmed against refuted stories, on each weight's slope (the score's change per unit of
  the weight), with an L2 pull towards the current value (``--l2``). It prints per set the
  AUC with the current and with the fitted-on-the-others weights (scored again in full), the
  pooled held-out AUC, and each weight's value fitted on all sets with its range over the
  folds: a weight whose fitted value swings from fold to fold is a per-set quirk.
- ``--grid KEY=V1,V2,... [KEY=...]`` chooses those values (any of ``verifier scoring show``:
  a share such as ``denials.answered_weight``, a count, a weight) leave-one-set-out from
  the values given: for each set, the combination with the best pooled AUC of the other
  sets on the ``--mode`` membership (then status agreement, then the nearest to the values
  in force) scores the set left out, in every membership. It prints per set the AUC and
  status with the values in force and held out, pooled, the values each fold chose and
  each combination's pooled figures on all sets (session 24: ``--scoring`` a file setting
  ``denials: {answered_weight: 1}``, ``--grid denials.answered_weight=0,0.25,0.5,0.75,1``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from verifier.config import sources_path
from verifier.evaluation.labels import read_label_rows
from verifier.evaluation.stories import (
    AGREEING,
    auc,
    labels_path_for,
    manifest_path_for,
    read_manifest_dates,
    read_story_rows,
)
from verifier.registry import load_registry
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import Assessment, assess
from verifier.scoring.weights import Effective, Weights, effective_weights
from verifier.stories.replay import ingest_labelled, label_spans
from verifier.vocab import ClaimStatus


@dataclass(frozen=True, slots=True)
class Replayed:
    """One set after ingest: each claim's evidence and predicted story, each labelled
    sentence's claim."""

    evidence: dict[int, ClaimEvidence]
    story_of: dict[int, int]
    claim_of: dict[tuple[str, int], int]


def replay(texts: Path, labels: Sequence[Mapping[str, Any]], weights: Weights,
           dates: Mapping[str, datetime] | None = None) -> Replayed:
    from verifier.store.articles import get_article
    from verifier.store.database import open_database
    from verifier.store.stories import members, selected_story_ids
    from verifier.stories.evidence import EvidenceReader

    by_doc: dict[str, list[tuple[int, str]]] = {}
    for row in labels:
        by_doc.setdefault(str(row["doc"]), []).append((int(row["i"]), str(row["text"])))
    paths = {doc: texts / f"{doc}.txt" for doc in by_doc}

    with (
        tempfile.TemporaryDirectory(prefix="verifier-bench-") as folder,
        open_database(str(Path(folder) / "replay.db")) as database,
    ):
        registry = load_registry(sources_path(None))
        article_of = ingest_labelled(database, paths, registry, dates)
        with database.session_scope(write=False) as session:
            ids = list(selected_story_ids(session, min_claims=1, since=None, until=None,
                                          reviewed_or_active=False))
            found = members(session, ids)
            reader = EvidenceReader(session, weights)
            groups = reader.groups({sid: [m.claim_id for m in rows]
                                    for sid, rows in found.items()})
            evidence: dict[int, ClaimEvidence] = {}
            story_of: dict[int, int] = {}
            for sid, claims in groups.items():
                for c in claims:
                    evidence[c.claim_id] = c
                    story_of[c.claim_id] = sid
            claim_of: dict[tuple[str, int], int] = {}
            for doc, article_id in article_of.items():
                text = get_article(session, article_id).text
                spans = [(c.start, c.end, c.claim_id) for c in evidence.values()
                         if c.article_id == article_id]
                for index, (start, end) in label_spans(text, by_doc[doc]).items():
                    best, overlap = None, 0
                    for c_start, c_end, claim_id in spans:
                        shared = min(end, c_end) - max(start, c_start)
                        if shared > overlap:
                            best, overlap = claim_id, shared
                    if best is not None:
                        claim_of[(doc, index)] = best
    return Replayed(evidence, story_of, claim_of)


def label_evidence(stories: Path, labels: Sequence[Mapping[str, Any]],
                   dates: Mapping[str, datetime] | None = None) -> dict[
        str, tuple[str, tuple[ClaimEvidence, ...]]]:
    """Each gold story with an outcome, as evidence built from its sentences' gold labels
    (see the module's docstring): story -> (outcome, claims)."""
    from verifier.scoring.evidence import AttributionEvidence
    from verifier.vocab import SPEAKERS, Stance

    by_key = {(str(r["doc"]), int(r["i"])): r for r in labels}
    stances = {"denied": Stance.DENIES.value, "declined": Stance.DECLINES.value}
    stories_of: dict[str, tuple[str, list[ClaimEvidence]]] = {}
    for row in read_story_rows(stories):
        if row.get("outcome") is None:
            continue
        claims = stories_of.setdefault(row["story"], (row["outcome"], []))[1]
        for i in row["sentences"]:
            label = by_key.get((str(row["doc"]), int(i)))
            if label is None or not label.get("claim"):
                continue
            text = str(label["text"])
            entries = [(str(e["kind"]), str(e["source"])) for e in label.get("sourcing") or []]
            speaker_of = {source: kind for kind, source in entries if kind in SPEAKERS}
            attributions = []
            for kind, source in entries:
                if kind in SPEAKERS and any(k in stances and src == source
                                            for k, src in entries):
                    continue  # the party's stance entry below carries it
                at = max(text.lower().find(source.lower()), 0)
                end = at + len(source)
                speaker = speaker_of.get(source, "named") if kind in stances else kind
                attributions.append(AttributionEvidence(
                    speaker, stances.get(kind, Stance.ASSERTS.value), source, at, end,
                    source, at, end, source_key=f"label:{' '.join(source.lower().split())}"))
            certainty = label.get("certainty")
            claims.append(ClaimEvidence(
                len(claims) + 1, hash(row["doc"]) % 100_000, text, 0, len(text),
                None if certainty is None else str(certainty), None, None, None,
                tuple(attributions), f"doc:{row['doc']}", str(row["doc"]),
                published=(dates or {}).get(str(row["doc"])), article_title=str(row["doc"])))
    return {story: (outcome, tuple(claims)) for story, (outcome, claims) in stories_of.items()}


def score_labels(set_name: str, stories: Path, labels: Sequence[Mapping[str, Any]],
                 weights: Weights, dates: Mapping[str, datetime] | None = None) -> list[Scored]:
    return [Scored(set_name, story, outcome, assess(claims, weights) if claims else None,
                   claims)
            for story, (outcome, claims) in label_evidence(stories, labels, dates).items()]


#: Pure functions of the evidence: changing them needs no new replay.
_SCORING_ONLY = {"scoring/terms.py", "scoring/score.py", "scoring/corroboration.py",
                 "scoring/parties.py", "scoring/weights.py", "data/scoring.yaml"}


#: Folders that build no evidence (the command line and the web desk read it).
_NO_EVIDENCE = ("cli/", "web/")


def code_digest() -> str:
    """A digest of the code and data that build the evidence (all of ``verifier/`` but
    the pure scoring modules)."""
    root = Path(__file__).resolve().parent.parent / "verifier"
    h = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (path.suffix in (".py", ".yaml") and relative not in _SCORING_ONLY
                and not relative.startswith(_NO_EVIDENCE)):
            h.update(relative.encode() + path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Scored:
    set_name: str
    story: str
    outcome: str
    assessment: Assessment | None
    claims: tuple[ClaimEvidence, ...]

    @property
    def score(self) -> float:
        return self.assessment.score if self.assessment is not None else 0.0

    @property
    def status(self) -> str | None:
        return self.assessment.status if self.assessment is not None else None

    @property
    def agrees(self) -> bool:
        return self.status in AGREEING[self.outcome]


class Row(Protocol):
    """A scored story with an outcome, as ``measures`` reads it."""

    @property
    def set_name(self) -> str: ...
    @property
    def story(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def status(self) -> str | None: ...
    @property
    def agrees(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Saved:
    """A story's score and status as a ``--json`` run saved them."""

    set_name: str
    story: str
    outcome: str
    score: float
    status: str | None

    @property
    def agrees(self) -> bool:
        return self.status in AGREEING[self.outcome]


def saved_rows(path: Path, mode: str) -> list[Saved]:
    """The ``mode`` stories of a ``--json`` run's output."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Saved(r["set"], r["story"], r["outcome"], float(r["score"]), r["status"])
            for r in data["stories"][mode]]


def score_set(set_name: str, stories: Path, data: Replayed, weights: Weights,
              mode: str) -> list[Scored]:
    outcomes: dict[str, str] = {}
    keys: dict[str, list[tuple[str, int]]] = {}
    for row in read_story_rows(stories):
        if row.get("outcome") is None:
            continue
        outcomes[row["story"]] = row["outcome"]
        keys.setdefault(row["story"], []).extend((str(row["doc"]), int(i))
                                                 for i in row["sentences"])
    by_story: dict[int, list[int]] = {}
    for claim_id, sid in data.story_of.items():
        by_story.setdefault(sid, []).append(claim_id)
    rows = []
    for story, outcome in outcomes.items():
        claim_ids = list(dict.fromkeys(data.claim_of[k] for k in keys[story]
                                       if k in data.claim_of))
        if not claim_ids:
            rows.append(Scored(set_name, story, outcome, None, ()))
            continue
        if mode in ("predicted", "missing", "extra"):
            counts: dict[int, int] = {}
            for k in keys[story]:
                if k in data.claim_of:
                    sid = data.story_of[data.claim_of[k]]
                    counts[sid] = counts.get(sid, 0) + 1
            best = min(counts, key=lambda sid: (-counts[sid], sid))
            landed = set(by_story[best])
            if mode == "missing":  # its own claims that landed there: what a split loses
                claim_ids = [c for c in claim_ids if c in landed]
            elif mode == "extra":  # its own claims and the others there: what a merge adds
                claim_ids = sorted(landed.union(claim_ids))
            else:
                claim_ids = sorted(landed)
        claims = tuple(data.evidence[c] for c in sorted(claim_ids))
        rows.append(Scored(set_name, story, outcome, assess(claims, weights), claims))
    return rows


def measures(rows: Sequence[Row]) -> dict[str, Any]:
    pos = [r.score for r in rows if r.outcome == ClaimStatus.CONFIRMED]
    neg = [r.score for r in rows if r.outcome == ClaimStatus.REFUTED]
    value = auc(pos, neg)
    return {"auc": None if value is None else round(value, 3),
            "status": round(sum(r.agrees for r in rows) / len(rows), 3) if rows else None,
            "n": f"{len(pos)}/{len(neg)}/{len(rows) - len(pos) - len(neg)}"}


def term_table(rows: Sequence[Scored]) -> list[str]:
    """Per scoring term, on the stories with a confirmed or refuted outcome: the AUC of the
    term's contribution alone, its mean for confirmed and refuted stories, and the AUC of the
    score without it (which terms separate outcomes, and which blur them)."""
    from verifier.scoring.terms import TERMS

    known = [r for r in rows if r.outcome in (ClaimStatus.CONFIRMED, ClaimStatus.REFUTED)
             and r.assessment is not None]

    def delta(r: Scored, name: str) -> float:
        assert r.assessment is not None
        return sum(c.delta for c in r.assessment.contributions if c.factor == name)

    def total(r: Scored) -> float:
        assert r.assessment is not None
        return r.assessment.base + sum(c.delta for c in r.assessment.contributions)

    def split(values: dict[int, float]) -> tuple[list[float], list[float]]:
        return ([values[i] for i, r in enumerate(known) if r.outcome == ClaimStatus.CONFIRMED],
                [values[i] for i, r in enumerate(known) if r.outcome == ClaimStatus.REFUTED])

    def fmt(value: float | None) -> str:
        return "  -  " if value is None else f"{value:.3f}"

    out = [f"{'term':14} {'AUC alone':>9} {'mean conf':>9} {'mean ref':>9} {'AUC without':>11}"]
    for term in TERMS:
        alone = split({i: delta(r, term.name) for i, r in enumerate(known)})
        without = split({i: total(r) - delta(r, term.name) for i, r in enumerate(known)})
        means = [sum(v) / len(v) if v else 0.0 for v in alone]
        out.append(f"{term.name:14} {fmt(auc(*alone)):>9} {means[0]:>+9.2f} {means[1]:>+9.2f} "
                   f"{fmt(auc(*without)):>11}")
    return out


def swap_report(rows: Sequence[Scored], gold: Sequence[Scored], mode: str,
                members: Mapping[tuple[str, int], str]) -> list[str]:
    """How much of the gap between the gold membership and ``mode``'s each term carries:
    per term, the AUC of ``mode`` with that term's contribution as the gold membership gives
    it, and the gold AUC with the term as ``mode`` gives it (a term that a wrong member or a
    missing article moves much closes much of the gap when swapped). Then the pairs ``mode``
    misorders that gold orders, each put on the story that moved more towards misordering
    it, by how that story's claims differ from its gold claims (``members``: (set, claim
    id) -> gold story): 'split' (it lost over a third of them), 'merged' (it holds another
    gold story's claims), 'extra' (it holds claims of no gold story), or 'same'."""
    from verifier.scoring.terms import TERMS

    mine = {(r.set_name, r.story): r for r in known(rows)}
    theirs = {(r.set_name, r.story): r for r in known(gold)}
    keys = [k for k in mine if k in theirs]

    def delta(r: Scored, name: str) -> float:
        assert r.assessment is not None
        return sum(c.delta for c in r.assessment.contributions if c.factor == name)

    def auc_of(values: Mapping[tuple[str, str], float]) -> float | None:
        return auc([values[k] for k in keys if mine[k].outcome == ClaimStatus.CONFIRMED],
                   [values[k] for k in keys if mine[k].outcome == ClaimStatus.REFUTED])

    now = {k: total(mine[k].assessment) for k in keys if mine[k].assessment is not None}
    was = {k: total(theirs[k].assessment) for k in keys if theirs[k].assessment is not None}
    out = [f"per term: the {mode} AUC ({_fmt(auc_of(now))}) with the term as on the gold "
           f"membership, and the gold AUC ({_fmt(auc_of(was))}) with the term as on {mode}",
           f"{'term':14} {mode + ' with gold term':>24} {'gold with ' + mode + ' term':>24}"]
    for term in TERMS:
        a = {k: now[k] - delta(mine[k], term.name) + delta(theirs[k], term.name) for k in keys}
        b = {k: was[k] - delta(theirs[k], term.name) + delta(mine[k], term.name) for k in keys}
        out.append(f"{term.name:14} {_fmt(auc_of(a)):>24} {_fmt(auc_of(b)):>24}")

    def kind(k: tuple[str, str]) -> str:
        own = {c.claim_id for c in theirs[k].claims}
        held = {c.claim_id for c in mine[k].claims}
        others = {members.get((k[0], c)) for c in held - own}
        found = []
        if len(own - held) > len(own) / 3:
            found.append("split")
        if others - {None, k[1]}:
            found.append("merged")
        if None in others:
            found.append("extra")
        return "+".join(found) or "same"

    lost: dict[str, float] = {}
    gained = 0.0
    for p in keys:
        if mine[p].outcome != ClaimStatus.CONFIRMED:
            continue
        for n in keys:
            if mine[n].outcome != ClaimStatus.REFUTED:
                continue
            before = (was[p] > was[n]) + 0.5 * (was[p] == was[n])
            after = (now[p] > now[n]) + 0.5 * (now[p] == now[n])
            if after < before:
                moved = (p, "confirmed") if was[p] - now[p] > now[n] - was[n] else (n, "refuted")
                label = f"{moved[1]} {kind(moved[0])}"
                lost[label] = lost.get(label, 0.0) + before - after
            else:
                gained += after - before
    pairs = sum(1 for k in keys if mine[k].outcome == ClaimStatus.CONFIRMED) * sum(
        1 for k in keys if mine[k].outcome == ClaimStatus.REFUTED)
    out.append(f"pairs {mode} misorders and gold orders ({pairs} pairs; {gained:g} the other "
               "way), by the story that moved more and how its claims differ from gold's:")
    for label, value in sorted(lost.items(), key=lambda item: -item[1]):
        out.append(f"  {value:8.1f}  {label}")
    return out


def status_report(rows: Sequence[Scored], gold: Sequence[Scored], mode: str) -> list[str]:
    """Which status rule decided each story against its outcome (pooled: stories and how
    many agree; per set: the disagreeing ones), and, for a membership other than gold, the
    stories whose agreement differs from gold's, by the rule that decided each way."""
    from verifier.scoring.score import STATUS_RULES

    def rule(r: Scored) -> str:
        return r.assessment.status_rule if r.assessment is not None else "no claims"

    outcomes = (ClaimStatus.CONFIRMED, ClaimStatus.REFUTED, ClaimStatus.DISPUTED)
    rules = [*STATUS_RULES, "no claims"]
    out = [f"status rule x outcome on the {mode} membership: stories (agreeing)",
           f"{'rule':10} " + " ".join(f"{o:>14}" for o in outcomes)]
    for name in rules:
        cells = []
        for outcome in outcomes:
            found = [r for r in rows if rule(r) == name and r.outcome == outcome]
            cells.append(f"{len(found):>8} ({sum(r.agrees for r in found):>3})" if found
                         else f"{'':>14}")
        if any(c.strip() for c in cells):
            out.append(f"{name:10} " + " ".join(cells))
    out.append("disagreeing per set (outcome: rule count ...):")
    for set_name, found in by_set(rows).items():
        wrong: dict[str, int] = {}
        for r in found:
            if not r.agrees:
                key = f"{r.outcome[:4]}:{rule(r)}"
                wrong[key] = wrong.get(key, 0) + 1
        out.append(f"  {set_name.removeprefix('set'):3} {len(wrong) and sum(wrong.values()):>3}"
                   f"/{len(found):<3} " + " ".join(
                       f"{k} {v}" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])))
    out.append("disagreeing stories by rule (set:story, outcome and rule, score: the status "
               "reason, which names the statement it rests on):")
    for name in rules:
        for r in rows:
            if not r.agrees and rule(r) == name:
                reason = r.assessment.status_reason if r.assessment is not None else ""
                score = f"{r.assessment.score:.2f}" if r.assessment is not None else "-"
                out.append(f"    {r.set_name}:{r.story} ({r.outcome[:4]}, {name}) {score}: "
                           f"{' '.join(reason.split())[:240]}")
    if mode == "gold":
        return out
    theirs = {(r.set_name, r.story): r for r in gold}
    moved: dict[tuple[str, str, str, str], int] = {}
    for r in rows:
        g = theirs.get((r.set_name, r.story))
        if g is None or g.agrees == r.agrees:
            continue
        key = (r.outcome, "gold" if g.agrees else mode, rule(g), rule(r))
        moved[key] = moved.get(key, 0) + 1
    out.append(f"stories whose status agreement differs from gold's: right on, outcome, "
               f"rule on gold -> on {mode}")
    for (outcome, right, was, now), count in sorted(moved.items(), key=lambda kv: -kv[1]):
        out.append(f"  {count:>4}  {right:9} {outcome:9} {was} -> {now}")
    return out


def gold_members(stories: Path, data: Replayed, set_name: str) -> dict[tuple[str, int], str]:
    """(set, claim id) -> the gold story its labelled sentence belongs to."""
    found: dict[tuple[str, int], str] = {}
    for row in read_story_rows(stories):
        for i in row["sentences"]:
            claim = data.claim_of.get((str(row["doc"]), int(i)))
            if claim is not None:
                found.setdefault((set_name, claim), row["story"])
    return found


def total(assessment: Assessment) -> float:
    """The score's log-odds: base plus every contribution."""
    return assessment.base + sum(c.delta for c in assessment.contributions)


def known(rows: Sequence[Scored]) -> list[Scored]:
    """The stories with a confirmed or refuted outcome and claims to score."""
    return [r for r in rows if r.outcome in (ClaimStatus.CONFIRMED, ClaimStatus.REFUTED)
            and r.assessment is not None]


def rescored(rows: Sequence[Scored], weights: Weights) -> list[Scored]:
    return [Scored(r.set_name, r.story, r.outcome,
                   assess(r.claims, weights) if r.claims else None, r.claims) for r in rows]


def by_set(rows: Sequence[Row]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for r in rows:
        found.setdefault(r.set_name, []).append(r)
    return found


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def compare_report(rows: Sequence[Row], other: Sequence[Row], name: str) -> list[str]:
    """Per set, AUC and status agreement of ``rows`` (the --scoring weights) and ``other``
    (``name``'s), the sets each helps, and the pooled AUC with each set left out."""
    mine, theirs = by_set(rows), by_set(other)
    out = [f"against {name}: per set AUC and status, --scoring vs {name}",
           f"{'set':6} {'n':>9} {'AUC':>6} {'was':>6} {'status':>7} {'was':>6}"]
    better = worse = agree_better = agree_worse = 0
    for set_name in mine:
        now, was = measures(mine[set_name]), measures(theirs[set_name])
        if now["auc"] is not None and was["auc"] is not None:
            better += now["auc"] > was["auc"]
            worse += now["auc"] < was["auc"]
        if now["status"] is not None and was["status"] is not None:
            agree_better += now["status"] > was["status"]
            agree_worse += now["status"] < was["status"]
        out.append(f"{set_name:6} {now['n']:>9} {_fmt(now['auc']):>6} {_fmt(was['auc']):>6} "
                   f"{_fmt(now['status']):>7} {_fmt(was['status']):>6}")
    now, was = measures(rows), measures(other)
    out.append(f"{'pooled':6} {now['n']:>9} {_fmt(now['auc']):>6} {_fmt(was['auc']):>6} "
               f"{_fmt(now['status']):>7} {_fmt(was['status']):>6}")
    out.append(f"AUC higher on {better} sets, lower on {worse}; status agreement higher on "
               f"{agree_better}, lower on {agree_worse}")
    left = []
    for set_name in mine:
        a = measures([r for r in rows if r.set_name != set_name])["auc"]
        b = measures([r for r in other if r.set_name != set_name])["auc"]
        left.append(f"{set_name.removeprefix('set')} {_fmt(a)}/{_fmt(b)}")
    out.append("pooled AUC without each set (now/was): " + "  ".join(left))
    return out + moved_report(rows, other, name)


def moved_report(rows: Sequence[Row], other: Sequence[Row], name: str,
                 least: float = 0.005) -> list[str]:
    """The stories whose score moved by at least ``least`` or whose status changed against
    ``other`` (``name``'s), largest move first: each with its outcome, both scores and both
    statuses, "ok" or "XX" as the status agrees with the outcome or not."""
    was = {(r.set_name, r.story): r for r in other}
    found = []
    for r in rows:
        o = was.get((r.set_name, r.story))
        if o is not None and (abs(r.score - o.score) >= least or r.status != o.status):
            found.append((abs(r.score - o.score), r, o))
    if not found:
        return [f"no story moved against {name}"]
    out = [f"{len(found)} stories moved against {name} (score was -> now, status was -> now):"]
    for _, r, o in sorted(found, key=lambda f: (-f[0], f[1].set_name, f[1].story)):
        out.append(f"  {r.set_name}:{r.story} ({r.outcome}) {o.score:.3f} -> {r.score:.3f}  "
                   f"{o.status} ({'ok' if o.agrees else 'XX'}) -> {r.status} "
                   f"({'ok' if r.agrees else 'XX'})")
    return out


def loso_report(rows: Sequence[Scored], effective: Effective, keys: Sequence[str],
                l2: float) -> list[str]:
    """Fit ``keys`` on all sets but one, score the one left out, for every set (see the
    module's docstring)."""
    import numpy as np

    stories = known(rows)
    start = np.array([float(effective.values[k]) for k in keys])
    t0 = np.array([total(r.assessment) for r in stories if r.assessment is not None])
    step = 0.01
    slopes = []
    for index, key in enumerate(keys):
        moved = effective.changed({key: float(start[index]) + step}, f"--loso {key}")
        slopes.append([(total(assess(r.claims, moved)) - t0[i]) / step
                       for i, r in enumerate(stories)])
    x = np.array(slopes).T
    y = np.array([1.0 if r.outcome == ClaimStatus.CONFIRMED else -1.0 for r in stories])
    sets = list(dict.fromkeys(r.set_name for r in stories))
    set_of = np.array([r.set_name for r in stories])

    def fit(mask: Any) -> Any:
        xs, ys, ts = x[mask], y[mask], t0[mask]
        # each class weighs as much as the other (AUC ranks pairs, whatever the balance)
        balance = np.where(ys > 0, 0.5 / max((ys > 0).sum(), 1), 0.5 / max((ys < 0).sum(), 1))
        delta = np.zeros(len(keys))
        for _ in range(100):
            margin = np.clip(ys * (ts + xs @ delta), -30, 30)
            p = 1.0 / (1.0 + np.exp(margin))  # sigmoid(-y m): the loss's slope factor
            grad = -(xs.T @ (balance * ys * p)) + l2 * delta / len(ys)
            hess = (xs.T @ (xs * (balance * p * (1 - p))[:, None])
                    + l2 * np.eye(len(keys)) / len(ys))
            change = np.linalg.solve(hess + 1e-9 * np.eye(len(keys)), grad)
            delta -= change
            if np.abs(change).max() < 1e-9:
                break
        return np.clip(start + delta, -50, 50)

    def values_of(fitted: Any) -> dict[str, float]:
        return {k: round(float(v), 3) for k, v in zip(keys, fitted, strict=True)}

    out = [f"leave-one-set-out fit of {', '.join(keys)} ({len(stories)} stories: "
           f"{int((y > 0).sum())} confirmed, {int((y < 0).sum())} refuted; L2 {l2:g} towards "
           "the current values)",
           f"{'left out':8} {'n':>7} {'AUC now':>8} {'fitted':>7}  fitted on the others"]
    held_now: list[Scored] = []
    held_fit: list[Scored] = []
    folds = []
    for set_name in sets:
        fitted = fit(set_of != set_name)
        folds.append(fitted)
        weights = effective.changed(values_of(fitted), "--loso")
        these = [r for r in stories if r.set_name == set_name]
        again = rescored(these, weights)
        held_now.extend(these)
        held_fit.extend(again)
        a, b = measures(these), measures(again)
        shown = ", ".join(f"{k} {v:+.2f}" for k, v in values_of(fitted).items())
        out.append(f"{set_name:8} {a['n']:>7} {_fmt(a['auc']):>8} {_fmt(b['auc']):>7}  {shown}")
    a, b = measures(held_now), measures(held_fit)
    out.append(f"{'pooled':8} {a['n']:>7} {_fmt(a['auc']):>8} {_fmt(b['auc']):>7}  "
               "(each set scored with the weights fitted on the others)")
    per_set = [(measures([r for r in held_now if r.set_name == s])["auc"],
                measures([r for r in held_fit if r.set_name == s])["auc"]) for s in sets]
    pairs = [(p, q) for p, q in per_set if p is not None and q is not None]
    out.append(f"held-out AUC higher on {sum(q > p for p, q in pairs)} sets, lower on "
               f"{sum(q < p for p, q in pairs)}; mean {sum(p for p, _ in pairs) / len(pairs):.3f}"
               f" -> {sum(q for _, q in pairs) / len(pairs):.3f}")
    everything = fit(np.ones(len(stories), dtype=bool))
    stack = np.array(folds)
    for index, key in enumerate(keys):
        out.append(f"  {key}: now {start[index]:+.2f}, fitted on all sets "
                   f"{everything[index]:+.2f} (folds {stack[:, index].min():+.2f} to "
                   f"{stack[:, index].max():+.2f})")
    return out


def grid_values(specs: Sequence[str]) -> list[tuple[str, tuple[int | float, ...]]]:
    """``KEY=V1,V2,...`` as (key, values): a value without a point is a whole number."""
    found: list[tuple[str, tuple[int | float, ...]]] = []
    for spec in specs:
        key, _, values = spec.partition("=")
        if not key or not values:
            raise SystemExit(f"--grid {spec}: expected KEY=V1,V2,...")
        found.append((key, tuple(float(v) if "." in v else int(v) for v in values.split(","))))
    return found


def grid_report(pooled: Mapping[str, Sequence[Scored]], effective: Effective,
                grid: Sequence[tuple[str, tuple[int | float, ...]]], mode: str) -> list[str]:
    """Choose ``grid``'s values leave-one-set-out on the ``mode`` membership and score each
    set left out with its fold's choice, in every membership (see the module's
    docstring)."""
    keys = [key for key, _ in grid]
    now = tuple(float(effective.values[key]) for key in keys)
    combos = list(itertools.product(*(values for _, values in grid)))
    weights = {combo: effective.changed(dict(zip(keys, combo, strict=True)), "--grid")
               for combo in combos}
    scored = {combo: {m: rescored(rows, weights[combo]) for m, rows in pooled.items()}
              for combo in combos}
    sets = list(dict.fromkeys(r.set_name for r in pooled[mode]))
    held: dict[str, list[Scored]] = {m: [] for m in pooled}
    chosen: dict[str, tuple[int | float, ...]] = {}
    for left in sets:
        def objective(combo: tuple[int | float, ...], left: str = left) -> tuple[float, ...]:
            m = measures([r for r in scored[combo][mode] if r.set_name != left])
            return (m["auc"] or 0.0, m["status"] or 0.0,
                    -sum(abs(a - b) for a, b in zip(combo, now, strict=True)))
        chosen[left] = max(combos, key=objective)
        for m in pooled:
            held[m].extend(r for r in scored[chosen[left]][m] if r.set_name == left)
    out = [f"leave-one-set-out choice of {', '.join(keys)} (now {now}) on the {mode} "
           "membership: AUC/status in force -> held out"]
    def pair(rows: Sequence[Row]) -> str:
        found = measures(rows)
        return f"{found['auc']}/{found['status']}"

    for m, rows in pooled.items():
        before, after = by_set(rows), by_set(held[m])
        cells = [f"{name.removeprefix('set')} {pair(before[name])} -> {pair(after[name])}"
                 for name in before]
        cells.append(f"pooled {pair(rows)} -> {pair(held[m])}")
        out.append(f"{m:9}  " + "  ".join(cells))
    out.append("chosen: " + "  ".join(f"{name.removeprefix('set')} {values}"
                                      for name, values in chosen.items()))
    for combo in combos:
        out.append(f"  {dict(zip(keys, combo, strict=True))} on all sets: " + "  ".join(
            f"{m} {pair(scored[combo][m])}" for m in pooled))
    return out


def explain(row: Scored) -> str:
    out = [f"[{row.set_name}] {row.story} ({row.outcome}) score {row.score:.3f} "
           f"status {row.assessment.status if row.assessment else None}"
           f"{'' if row.agrees else '  <-- status disagrees'}"]
    if row.assessment is None:
        return out[0] + "\n  (no claim)"
    a = row.assessment
    out.append(f"  status: {a.status_reason}")
    out.append(f"  base {a.base:+.2f}")
    for c in a.contributions:
        out.append(f"  {c.delta:+.2f} {c.factor}: {c.reason}")
        for w in c.evidence[:4]:
            out.append(f"        '{w.words[:100]}'")
    for c in row.claims:
        kinds = ",".join(f"{x.kind}:{x.source_name or x.source_text}" for x in c.attributions)
        day = c.published.date().isoformat() if c.published is not None else "no date"
        out.append(f"    [{c.carrier_name[:18]}|{day}|{c.certainty}|{kinds or '-'}] "
                   f"{c.text[:150]}")
    return "\n".join(out)


def load_sets(paths: Sequence[Path], cache_dir: Path, weights: Weights,
              modes: Sequence[str] = ("gold", "predicted"), refresh: bool = False,
              ) -> tuple[dict[str, list[Scored]], dict[tuple[str, int], str]]:
    """Every labelled set of ``paths`` (``*.stories.jsonl``) replayed (or read from its
    cache in ``cache_dir``) and scored with ``weights`` in each membership of ``modes``:
    the scored stories per mode, pooled over the sets in order, and (set, claim id) -> the
    gold story of its labelled sentence."""
    pooled: dict[str, list[Scored]] = {mode: [] for mode in modes}
    members: dict[tuple[str, int], str] = {}
    for stories in paths:
        set_name = stories.name.split(".")[0]
        texts = stories.with_name(set_name)
        labels = read_label_rows(labels_path_for(stories))
        manifest = manifest_path_for(stories)
        dates = read_manifest_dates(manifest) if manifest.is_file() else {}
        digest = hashlib.sha1(json.dumps(labels, sort_keys=True).encode()
                              + json.dumps({d: t.isoformat() for d, t in dates.items()},
                                           sort_keys=True).encode()
                              + code_digest().encode()).hexdigest()[:12]
        cache = cache_dir / f"{set_name}-{digest}.pickle"
        if cache.exists() and not refresh:
            data = Replayed(*pickle.loads(cache.read_bytes()))
        else:
            data = replay(texts, labels, weights, dates)
            # plain values: the cache reads the same whichever module loads it
            cache.write_bytes(pickle.dumps((data.evidence, data.story_of, data.claim_of)))
        members.update(gold_members(stories, data, set_name))
        for mode in modes:
            rows = (score_labels(set_name, stories, labels, weights, dates) if mode == "labels"
                    else score_set(set_name, stories, data, weights, mode))
            pooled[mode].extend(rows)
    return pooled, members


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--scoring", type=Path, default=None)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "verifier-story-scores")
    parser.add_argument("--refresh", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--mode", choices=("gold", "predicted", "labels", "missing", "extra"),
                        default="gold",
                        help="The membership --explain, --terms, --against and --loso read "
                             "(labels: needs --labels; missing, extra: needs --gap).")
    parser.add_argument("--gap", action="store_true",
                        help="Also score each gold story on the part of its claims that "
                             "landed in its predicted story (missing: what a split costs) "
                             "and on its claims with the other members of that story (extra: "
                             "what a merge costs).")
    parser.add_argument("--labels", action="store_true",
                        help="Also score each gold story on its gold labels (the scoring "
                             "model alone, as if the analyser were right).")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--terms", action="store_true",
                        help="Per scoring term (on the --mode membership): its AUC alone, its "
                             "mean for confirmed and refuted stories, the AUC without it.")
    parser.add_argument("--status", action="store_true",
                        help="Which status rule decided each story against its outcome (on "
                             "the --mode membership), pooled and per set, and the stories "
                             "whose agreement differs from the gold membership's.")
    parser.add_argument("--swap", action="store_true",
                        help="Per scoring term, the --mode membership's AUC with that term as "
                             "on the gold membership (which terms a grouping error moves), "
                             "and the pairs it misorders by kind of membership error.")
    parser.add_argument("--against", metavar="FILE",
                        help="Also score with this scoring file ('default': the packaged "
                             "weights) and compare, per set and with each set left out.")
    parser.add_argument("--loso", nargs="+", metavar="KEY",
                        help="Fit these weights on all sets but one and score the one left "
                             "out, for each set (on the --mode membership).")
    parser.add_argument("--grid", nargs="+", metavar="KEY=V1,V2",
                        help="Choose these values leave-one-set-out from those given, on "
                             "the --mode membership, and score each set left out.")
    parser.add_argument("--l2", type=float, default=1.0,
                        help="--loso: the pull towards the current values (default 1).")
    args = parser.parse_args(argv)
    effective = effective_weights(args.scoring)
    weights = effective.weights
    args.cache.mkdir(parents=True, exist_ok=True)
    modes: tuple[str, ...] = ("gold", "predicted")
    if args.labels or args.mode == "labels":
        modes += ("labels",)
    if args.gap or args.mode in ("missing", "extra"):
        modes += ("missing", "extra")
    pooled, members = load_sets(args.stories, args.cache, weights, modes, args.refresh)
    result: dict[str, dict[str, Any]] = {mode: {} for mode in modes}
    for mode in modes:
        for set_name, rows in by_set(pooled[mode]).items():
            result[mode][set_name] = measures(rows)
    for mode in pooled:
        result[mode]["pooled"] = measures(pooled[mode])
    result["stories"] = {mode: [{"set": r.set_name, "story": r.story, "outcome": r.outcome,
                                 "score": round(r.score, 6), "status": r.assessment.status
                                 if r.assessment is not None else None,
                                 "rule": r.assessment.status_rule
                                 if r.assessment is not None else None}
                                for r in rows] for mode, rows in pooled.items()}
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        for mode in pooled:
            sets = result[mode]
            print(f"{mode:9}  " + "  ".join(
                f"{name.removeprefix('set')}: {m['auc']}/{m['status']}"
                for name, m in sets.items()))
    if args.terms:
        print()
        print("\n".join(term_table(pooled[args.mode])))
    if args.status:
        print()
        print("\n".join(status_report(pooled[args.mode], pooled["gold"], args.mode)))
    if args.swap:
        print()
        print("\n".join(swap_report(pooled[args.mode], pooled["gold"], args.mode, members)))
    if args.against:
        from verifier.config import data_path

        against: Sequence[Row]
        if args.against.endswith(".json"):
            against = saved_rows(Path(args.against), args.mode)
        else:
            other = effective_weights(data_path("scoring.yaml") if args.against == "default"
                                      else Path(args.against)).weights
            against = rescored(pooled[args.mode], other)
        print()
        print("\n".join(compare_report(pooled[args.mode], against, args.against)))
    if args.loso:
        print()
        print("\n".join(loso_report(pooled[args.mode], effective, args.loso, args.l2)))
    if args.grid:
        print()
        print("\n".join(grid_report(pooled, effective, grid_values(args.grid), args.mode)))
    if args.explain:
        rows = pooled[args.mode]
        shown: set[tuple[str, str]] = set()
        pairs = []
        for p in rows:
            if p.outcome != ClaimStatus.CONFIRMED:
                continue
            for n in rows:
                if n.outcome == ClaimStatus.REFUTED and p.score <= n.score:
                    pairs.append((p, n))
        print(f"\n{len(pairs)} misordered pairs (confirmed <= refuted):")
        for p, n in pairs:
            print(f"  {p.set_name}:{p.story} {p.score:.3f} <= {n.set_name}:{n.story} "
                  f"{n.score:.3f}")
        for r in rows:
            involved = any(r is p or r is n for p, n in pairs)
            if (involved or not r.agrees) and (r.set_name, r.story) not in shown:
                shown.add((r.set_name, r.story))
                print()
                print(explain(r))
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
