"""Stranded pieces: what taking them back into the story their article joined would be worth.

    .venv/bin/python bench/stranded.py /work/realcorpus/tune/set?.stories.jsonl \
        [--covers 0.4,0.5,0.6,0.7] [--json]

Pass 1 splits an article into stories; pass 2 joins the article's home of an event to the
other articles' stories of it. A piece pass 1 split off an article whose home joined such a
story, and that joined nothing itself, is *stranded*: ingest never regroups a stored story, so
when the article was the first of its event (stored before any other report came) nothing
can take the piece back later. This measures whether allowing it would pay, on the grouping
as ``eval-stories`` makes it (``bench/grouping_sets.py``'s dated grouper), with nothing of
the pipeline changed:

- each stranded piece (a predicted story of one article, of an article some story of several
  articles holds claims of) against that story: by the labels, ``same`` (the piece's
  labelled story, by its majority, is the story's), ``background`` (no labelled story) or
  ``other`` (another labelled story), counted in pieces and sentences; and its *cover*, the
  share of the piece's IDF weight (names ``name_boost`` times) in terms the story's other
  articles use (what they told that this article's home did not keep);
- membership (``eval-stories`` as ``grouping_sets.py`` prints it) when every ``same`` piece
  is taken back (the ceiling: the labels decide), and when every piece covered at least
  each of ``--covers`` is (the signal a rule could use: each piece to the story covering it
  most). The final grouping is read, so a piece may be taken back by an article published
  after it, which ingest would allow only with stored memberships that can change.

Session 32 (issue 9): on the twelve recovered sets Y-j the ceiling is macro .595 -> .626,
cross-article recall .523 -> .654; cover reaches +.001 at best (bench/real/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from grouping_sets import (
    Grouper,
    claim_items,
    dated_grouper,
    gold_owner,
    measure,
    table,
)

from verifier.errors import InputError
from verifier.stories.grouping import corpus_idf
from verifier.stories.params import grouping_params
from verifier.stories.terms import Item

#: The covers the membership is measured at when the pieces covered that much are taken back.
COVERS = (0.4, 0.5, 0.6, 0.7)
#: A stranded piece's relation to the story its article joined, by the labels.
KINDS = ("same", "background", "other")


@dataclass(frozen=True, slots=True)
class Stranded:
    """A piece (predicted story ``piece``, its ``claims``) of an article whose home is part of
    predicted story ``story``: its ``kind`` (``KINDS``) and ``cover``."""

    story: int
    piece: int
    claims: int
    kind: str
    cover: float


def _weight(idf: Mapping[str, float], boost: float, term: str) -> float:
    """A term's weight: its rarity, names ``boost`` times (``N:``/``W:`` terms)."""
    return idf.get(term[2:], 0.0) * (boost if term.startswith("N:") else 1.0)


def _majority(members: Sequence[Hashable], owner: Mapping[Hashable, str]) -> str | None:
    found = Counter(owner[m] for m in members if m in owner).most_common(1)
    return found[0][0] if found else None


def stranded_pieces(items: Sequence[Item], grouped: Sequence[Sequence[Hashable]],
                    owner: Mapping[Hashable, str]) -> list[Stranded]:
    """Every stranded piece of ``grouped`` (the predicted stories of ``items``) against each
    story of several articles that holds claims of its article, by the labels ``owner``."""
    by_key = {item.key: item for item in items}
    idf = corpus_idf(items)
    boost = grouping_params().article.name_boost
    docs = [{by_key[m].doc for m in members} for members in grouped]
    found = []
    for number, members in enumerate(grouped):
        if len(docs[number]) < 2:
            continue
        labelled = _majority(members, owner)
        for doc in sorted(docs[number], key=str):
            others: set[str] = set()
            for m in members:
                if by_key[m].doc != doc:
                    others.update(by_key[m].words())
            for piece, held in enumerate(grouped):
                if docs[piece] != {doc}:
                    continue
                terms: Counter[str] = Counter()
                for m in held:
                    terms.update(by_key[m].words())
                total = sum(_weight(idf, boost, t) * n for t, n in terms.items()) or 1.0
                cover = sum(_weight(idf, boost, t) * n for t, n in terms.items()
                            if t in others) / total
                mine = _majority(held, owner)
                kind = ("background" if mine is None else
                        "same" if mine == labelled else "other")
                found.append(Stranded(number, piece, len(held), kind, round(cover, 4)))
    return found


def taken_back(grouped: Sequence[Sequence[Hashable]], pieces: Sequence[Stranded],
               cover: float | None) -> list[list[Hashable]]:
    """``grouped`` with stranded pieces moved into the story they are measured against: those
    of kind ``same`` (``cover`` None: the labels decide), else those covered at least
    ``cover``, each into the story covering it most (the first on a tie)."""
    into: dict[int, tuple[float, int]] = {}
    for p in pieces:
        wanted = p.kind == "same" if cover is None else p.cover >= cover
        if wanted and (p.piece not in into or p.cover > into[p.piece][0]):
            into[p.piece] = (p.cover, p.story)
    out = [list(members) for members in grouped]
    for piece, (_, story) in into.items():
        out[story].extend(out[piece])
        out[piece] = []
    return [members for members in out if members]


def _grouper(path: Path, cover: float | None) -> Grouper:
    owner: Mapping[Hashable, str] = gold_owner(path)  # type: ignore[assignment]
    grouper = dated_grouper(path)

    def grouped(items: Sequence[Item]) -> list[list[Hashable]]:
        made = grouper(items)
        return taken_back(made, stranded_pieces(items, made, owner), cover)
    return grouped


def tally(paths: Sequence[Path]) -> dict[str, Any]:
    """The stranded pieces pooled over the sets: pieces and sentences by kind, and by kind at
    each of ``COVERS`` (covered at least that much)."""
    pieces: Counter[str] = Counter()
    sentences: Counter[str] = Counter()
    covered: dict[float, Counter[str]] = {c: Counter() for c in COVERS}
    for path in paths:
        items = claim_items(path)
        owner: Mapping[Hashable, str] = gold_owner(path)  # type: ignore[assignment]
        grouped = dated_grouper(path)(items)
        seen: set[int] = set()
        for p in stranded_pieces(items, grouped, owner):
            if p.piece in seen:  # counted once, against the first story it is measured with
                continue
            seen.add(p.piece)
            pieces[p.kind] += 1
            sentences[p.kind] += p.claims
            for c in COVERS:
                if p.cover >= c:
                    covered[c][p.kind] += p.claims
    return {"pieces": {k: pieces[k] for k in KINDS},
            "sentences": {k: sentences[k] for k in KINDS},
            "covered": {str(c): {k: covered[c][k] for k in KINDS} for c in COVERS}}


def parse_covers(text: str) -> tuple[float, ...]:
    try:
        found = tuple(float(v) for v in text.split(",") if v.strip())
    except ValueError:
        raise InputError(f"--covers: {text!r} is not a list of numbers") from None
    if not found or any(not 0 <= c <= 1 for c in found):
        raise InputError(f"--covers: {text!r}: give numbers from 0 to 1")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--covers", default=",".join(str(c) for c in COVERS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        covers = parse_covers(args.covers)
        for path in args.stories:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out: dict[str, Any] = {
        "membership": table(measure(args.stories, dated_grouper))[-1],
        "labels": table(measure(args.stories, lambda p: _grouper(p, None)))[-1],
        "covers": {str(c): table(measure(args.stories, partial(_grouper, cover=c)))[-1]
                   for c in covers},
        "stranded": tally(args.stories),
    }
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    s = out["stranded"]
    print("stranded pieces (same / background / other):",
          " / ".join(str(s["pieces"][k]) for k in KINDS), "pieces,",
          " / ".join(str(s["sentences"][k]) for k in KINDS), "sentences")
    for c, kinds in s["covered"].items():
        print(f"  covered >= {c}: " + " / ".join(str(kinds[k]) for k in KINDS) + " sentences")
    rows = [("as grouped", out["membership"]), ("taken back by the labels", out["labels"])]
    rows += [(f"taken back at cover >= {c}", r) for c, r in out["covers"].items()]
    print(f"{'':>28} {'macro':>6} {'micro':>6} {'crossP':>6} {'crossR':>6} {'unjoined':>8}")
    for name, r in rows:
        print(f"{name:>28} {r['macro']:6.3f} {r['micro']:6.3f} {r['cross_p']:6.3f} "
              f"{r['cross_r']:6.3f} {r['not_joined']:>8}")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
