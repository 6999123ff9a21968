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

and prints AUC (confirmed vs refuted) and status agreement per set and pooled. ``--explain``
prints, for the gold membership, every misordered confirmed/refuted pair's two stories and
every story whose status disagrees, once each, with every contribution and its words.
``--terms`` prints, per scoring term, its AUC alone, its mean contribution for confirmed and
refuted stories and the AUC without it: which signals separate outcomes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.config import sources_path
from verifier.evaluation.labels import read_label_rows
from verifier.evaluation.stories import (
    AGREEING,
    auc,
    labels_path_for,
    read_story_rows,
)
from verifier.registry import load_registry
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import Assessment, assess
from verifier.scoring.weights import Weights, load_weights
from verifier.stories.replay import label_spans
from verifier.vocab import ClaimStatus


@dataclass(frozen=True, slots=True)
class Replayed:
    """One set after ingest: each claim's evidence and predicted story, each labelled
    sentence's claim."""

    evidence: dict[int, ClaimEvidence]
    story_of: dict[int, int]
    claim_of: dict[tuple[str, int], int]


def replay(texts: Path, labels: Sequence[Mapping[str, Any]], weights: Weights) -> Replayed:
    from verifier.ingest.pipeline import ingest_paths
    from verifier.store.articles import get_article
    from verifier.store.database import open_database
    from verifier.store.stories import members, selected_story_ids
    from verifier.stories.evidence import EvidenceReader

    by_doc: dict[str, list[tuple[int, str]]] = {}
    for row in labels:
        by_doc.setdefault(str(row["doc"]), []).append((int(row["i"]), str(row["text"])))
    paths = {doc: texts / f"{doc}.txt" for doc in by_doc}
    origin_doc = {str(path): doc for doc, path in paths.items()}
    article_of: dict[str, int] = {}

    def on_article(result: Any) -> None:
        if result.article_id is not None and result.origin in origin_doc:
            article_of[origin_doc[result.origin]] = result.article_id

    with (
        tempfile.TemporaryDirectory(prefix="verifier-bench-") as folder,
        open_database(str(Path(folder) / "replay.db")) as database,
    ):
        registry = load_registry(sources_path(None))
        ingest_paths(database, list(paths.values()), registry, on_article=on_article)
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


#: Pure functions of the evidence: changing them needs no new replay.
_SCORING_ONLY = {"scoring/terms.py", "scoring/score.py", "scoring/corroboration.py",
                 "scoring/parties.py", "scoring/weights.py", "data/scoring.yaml"}


def code_digest() -> str:
    """A digest of the code and data that build the evidence (all of ``verifier/`` but
    the pure scoring modules)."""
    root = Path(__file__).resolve().parent.parent / "verifier"
    h = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix in (".py", ".yaml") and relative not in _SCORING_ONLY:
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
    def agrees(self) -> bool:
        status = self.assessment.status if self.assessment is not None else None
        return status in AGREEING[self.outcome]


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
        if mode == "predicted":
            counts: dict[int, int] = {}
            for k in keys[story]:
                if k in data.claim_of:
                    sid = data.story_of[data.claim_of[k]]
                    counts[sid] = counts.get(sid, 0) + 1
            best = min(counts, key=lambda sid: (-counts[sid], sid))
            claim_ids = sorted(by_story[best])
        claims = tuple(data.evidence[c] for c in sorted(claim_ids))
        rows.append(Scored(set_name, story, outcome, assess(claims, weights), claims))
    return rows


def measures(rows: Sequence[Scored]) -> dict[str, Any]:
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
        out.append(f"    [{c.carrier_name[:18]}|{c.certainty}|{kinds or '-'}] {c.text[:150]}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--scoring", type=Path, default=None)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "verifier-story-scores")
    parser.add_argument("--refresh", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--mode", choices=("gold", "predicted"), default="gold",
                        help="The membership --explain reads.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--terms", action="store_true",
                        help="Per scoring term (on the --mode membership): its AUC alone, its "
                             "mean for confirmed and refuted stories, the AUC without it.")
    args = parser.parse_args(argv)
    weights = load_weights(args.scoring)
    args.cache.mkdir(parents=True, exist_ok=True)
    result: dict[str, dict[str, Any]] = {"gold": {}, "predicted": {}}
    pooled: dict[str, list[Scored]] = {"gold": [], "predicted": []}
    for stories in args.stories:
        set_name = stories.name.split(".")[0]
        texts = stories.with_name(set_name)
        labels = read_label_rows(labels_path_for(stories))
        digest = hashlib.sha1(json.dumps(labels, sort_keys=True).encode()
                              + code_digest().encode()).hexdigest()[:12]
        cache = args.cache / f"{set_name}-{digest}.pickle"
        if cache.exists() and not args.refresh:
            data = Replayed(*pickle.loads(cache.read_bytes()))
        else:
            data = replay(texts, labels, weights)
            # plain values: the cache reads the same whichever module loads it
            cache.write_bytes(pickle.dumps((data.evidence, data.story_of, data.claim_of)))
        for mode in ("gold", "predicted"):
            rows = score_set(set_name, stories, data, weights, mode)
            pooled[mode].extend(rows)
            result[mode][set_name] = measures(rows)
    for mode in pooled:
        result[mode]["pooled"] = measures(pooled[mode])
    result["stories"] = {mode: [{"set": r.set_name, "story": r.story, "outcome": r.outcome,
                                 "score": round(r.score, 4), "status": r.assessment.status
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
    raise SystemExit(main())
