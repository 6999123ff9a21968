"""What the learned pieces' trainers share (``train_filler.py``, ``train_chooser.py``,
``train_joiner.py``): the labelled real sets read and analysed once (kept in a pickle with
``--cache``), the leave-one-set-out folds and a value chosen on a grid inside them, and the
model file's header, meta and weights (the fitting itself: ``logit.py``).

The real sets are third-party text: read here at run time, never written anywhere.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from real import labelled_texts

from verifier import analyse_text
from verifier.analysis.results import ArticleAnalysis, Attribution, Sentence
from verifier.evaluation.labels import GoldSentence, align, locate

D = TypeVar("D")
M = TypeVar("M")
R = TypeVar("R")
T = TypeVar("T")


@dataclass
class Doc:
    """A labelled text of one set: its gold sentences and the analyser's analysis."""

    set: str
    name: str
    gold: list[GoldSentence]
    analysis: ArticleAnalysis
    #: per predicted sentence: its gold kinds (empty: none or unmatched)
    right: list[tuple[str, ...]]


def analysed(corpus: Path) -> dict[str, list[Doc]]:
    """Every labelled set of ``corpus`` (by its letter), analysed as the analyser stands: the
    caller switches off the learned piece it trains."""
    sets: dict[str, list[Doc]] = {}
    for name, doc, gold, text in labelled_texts(corpus):
        analysis = analyse_text(text)
        matched, _ = align(locate(analysis.text, gold, doc), analysis.sentences)
        right: dict[int, tuple[str, ...]] = {
            p.index: g.kinds for g, p in zip(gold, matched, strict=True) if p is not None}
        sets.setdefault(name.removeprefix("set"), []).append(Doc(
            name.removeprefix("set"), doc, list(gold), analysis,
            [right.get(s.index, ()) for s in analysis.sentences]))
    return sets


def parts(doc: Doc) -> tuple[list[Sentence], list[bool], list[tuple[Attribution, ...]]]:
    """``doc``'s sentences as the learned pieces read them, whether each is a claim, and
    each one's attributions."""
    a = doc.analysis
    return ([Sentence(s.text, s.start, s.end) for s in a.sentences],
            [s.claim for s in a.sentences], [s.attributions for s in a.sentences])


def with_attributions(analysis: ArticleAnalysis,
                      attributions: Sequence[tuple[Attribution, ...]]) -> ArticleAnalysis:
    """``analysis`` with each sentence's attributions replaced (a learned piece's output)."""
    return replace(analysis, sentences=tuple(
        replace(s, attributions=a) for s, a in zip(analysis.sentences, attributions,
                                                   strict=True)))


def cached(cache: Path | None, make: Callable[[], T]) -> T:
    """``make()``, kept in ``cache`` (a pickle outside the repository) and read back from it
    next time."""
    if cache is not None and cache.is_file():
        found: T = pickle.loads(cache.read_bytes())
        return found
    made = make()
    if cache is not None:
        cache.write_bytes(pickle.dumps(made))
    return made


def flat(sets: Mapping[str, Sequence[D]]) -> list[D]:
    """The documents of every set, in order."""
    return [d for ds in sets.values() for d in ds]


def folds(sets: Mapping[str, Sequence[D]]
          ) -> Iterator[tuple[str, Sequence[D], dict[str, Sequence[D]]]]:
    """Leave-one-set-out: each set's name and documents, with the other sets."""
    for name, docs in sets.items():
        yield name, docs, {s: ds for s, ds in sets.items() if s != name}


def grid_choice(sets: Mapping[str, Sequence[D]], grid: Sequence[float],
                trained: Callable[[list[D]], M],
                applied: Callable[[M, float, Sequence[D]], list[R]],
                value: Callable[[list[R]], float]) -> float:
    """The value of ``grid`` whose pooled leave-one-set-out ``value`` over ``sets`` is best
    (ties: the larger): each fold's model ``trained`` once on the other sets, ``applied`` with
    each grid value to the held-out set's documents."""
    if len(grid) == 1:
        return grid[0]
    pooled: dict[float, list[R]] = {t: [] for t in grid}
    for _, docs, others in folds(sets):
        model = trained(flat(others))
        for t in grid:
            pooled[t] += applied(model, t, docs)
    return max(grid, key=lambda t: (value(pooled[t]), t))


#: Short names of the kinds, for the trainers' tables.
SHORT = {"official": "off", "named": "nam", "media": "med", "unnamed_official": "uof",
         "unnamed": "unn", "declined": "dcl", "denied": "den"}


def today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


def weight_lines(weights: Mapping[str, float], indent: str = "  ") -> list[str]:
    return [f"{indent}{json.dumps(k)}: {v}" for k, v in sorted(weights.items())]


def class_weight_lines(weights: Mapping[str, Mapping[str, float]], classes: Sequence[str]
                       ) -> list[str]:
    """Each class's weights under its name (``{}`` when it has none)."""
    lines = []
    for c in classes:
        row = weights.get(c, {})
        lines.append(f"  {c}:" + ("" if row else " {}"))
        lines += weight_lines(row, "    ")
    return lines


def write_model(path: Path, *, title: str, trainer: str, off: str, version: int,
                enabled: bool, fields: Sequence[str], meta: Mapping[str, Any],
                weights: Sequence[str], comment: Sequence[str] = ()) -> None:
    """A learned piece's model file: ``title``, who wrote it (``trainer``) and what
    ``enabled: false`` does (``off``), and ``comment``, as comments; then its format
    (``version``), whether it is on, its ``fields`` (lines), ``meta`` (one JSON value a key)
    and ``weights`` (lines)."""
    lines = [f"# {title}", f"# Written by {trainer}; `enabled: false` {off}.",
             *(f"# {c}" for c in comment), f"format: {version}",
             f"enabled: {'true' if enabled else 'false'}", *fields, "meta:"]
    lines += [f"  {k}: {json.dumps(v)}" for k, v in meta.items()]
    lines += ["weights:", *weights]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
