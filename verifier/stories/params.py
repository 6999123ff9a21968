"""The grouping thresholds and signal weights: ``data/grouping.yaml``, loaded once, validated.

Two sections, one frozen parameter class each: ``article`` (pass 1, the stories of one
article: ``verifier.stories.article``) and ``merge`` (pass 2, across articles:
``verifier.stories.grouping``). Field types say what is valid (a finite number, a whole number,
a list of sourcing kinds); every number must be >= 0. Unknown and missing keys are errors
naming the file and the field (``grouping.yaml: field 'merge.link': missing``), as for
``scoring.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached
from verifier.scoring.weights import Kinds


@dataclass(frozen=True, slots=True)
class ArticleParams:
    """``article``: pass 1, within an article (see ``grouping.yaml`` for each field)."""

    name_boost: float
    join: float
    #: A claim that only refuses or denies (``quiet_kinds``) and has no reason to leave the
    #: main story joins a side story it shares this much with (``join`` for others).
    quiet_join: float
    margin: float
    stay: float
    new: float
    cover: float
    subject: float
    jump: float
    protagonist_share: float
    protagonist_claims: int
    sourcing_only: float
    #: A source of these kinds that opens the sentence is its actor, not only who said it.
    actor_kinds: Kinds
    #: A claim whose every attribution is of these kinds only refuses or denies.
    quiet_kinds: Kinds
    #: After the first ``lead`` body claims, a claim repeating little of the main story that
    #: no attribution of ``anchor_kinds`` stands behind is context: it departs.
    lead: int
    anchor_kinds: Kinds
    #: A claim with a source of these kinds that names the report the article is about
    #: answers that story: the names it brings are no news.
    answer_kinds: Kinds
    #: A claim that refers back but quotes no one, bringing names new to the article that
    #: weigh this much while repeating less than ``cover`` of the main story, is news: it
    #: departs as a claim bringing new names does.
    back_new: float
    #: After the first ``deep`` body claims, sources all of ``anchor_kinds`` no longer keep a
    #: claim that repeats less than ``cover`` of the main story and quotes no one in it.
    deep: int
    #: In the article's opening (its first ``opening`` body claims) a claim departs on names
    #: new to the article only when they weigh ``opening_new`` (not ``new``), unless the
    #: headline holds one of them.
    opening: int
    opening_new: float
    #: A claim with a source that brings names new to the article departs on them only while
    #: it repeats less than this share of the main story, or when a later claim of the
    #: article uses one of them again (``cover`` or above: off).
    new_cover: float


@dataclass(frozen=True, slots=True)
class MergeParams:
    """``merge``: pass 2, across articles (see ``grouping.yaml`` for each field)."""

    merge: float
    link: float
    strong_merge: float
    strong_names: int
    candidates: int
    small: int
    contain: float
    distinctive_share: float
    #: ... and of two stories published within ``weeks`` of each other, this share.
    dated_share: float
    #: ... and of two stories published within ``near_days`` of each other, this share.
    near_share: float
    near_days: float
    #: ... and there one distinctive name weighing this much ties them (``link`` elsewhere).
    near_link: float
    #: An undated story compared with a dated one is taken as of the other's news cycle
    #: (its grouping date, never stored): a join resting on that (the names it shares would
    #: not tie two undated stories) needs this cosine (above 1: none lent) ...
    undated_merge: float
    #: ... or, a side remark, this share of its weight contained.
    undated_contain: float
    distinctive_min: float
    subject_share: float
    #: Stories whose articles were published more than this many weeks apart never join.
    weeks: float
    #: A story joins a story already holding another of its article's only when it shares
    #: this many times as much (cosine) with the other articles' part as with its article's.
    again: float
    #: A story of a new article that joined no story joins a story another of its
    #: article's stories joined when what the other articles brought to it holds at least
    #: this share of its weight (above 1: never).
    glue: float
    #: A side piece of a new article that joined no story joins a story of one article the
    #: article's other stories were joined with when the two share a distinctive name and
    #: are each other's closest, the smaller of the shares of weight each uses of the other
    #: at least this (above 1: never).
    mutual: float


@dataclass(frozen=True, slots=True)
class GroupingParams:
    article: ArticleParams
    merge: MergeParams


_SECTIONS: dict[str, type[Any]] = {"article": ArticleParams, "merge": MergeParams}


def parse_grouping(raw: Any, where: str) -> GroupingParams:
    """Validate a parsed ``grouping.yaml`` (``where`` names it in errors)."""
    from verifier.scoring.weights import read_section

    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of sections")
    unknown = sorted(str(k) for k in raw if k not in _SECTIONS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown section {unknown[0]!r} (sections: {', '.join(_SECTIONS)})"
        )
    sections = {name: read_section(raw, name, kind, where) for name, kind in _SECTIONS.items()}
    for name, section in sections.items():
        for field in fields(section):
            value = getattr(section, field.name)
            if isinstance(value, int | float) and value < 0:
                raise ConfigError(f"{where}: field '{name}.{field.name}': expected >= 0")
    return GroupingParams(**sections)


def load_grouping(path: Path | None = None) -> GroupingParams:
    """Read and validate a grouping file (the packaged one when ``path`` is None)."""
    path = path or data_path("grouping.yaml")
    return parse_grouping(read_yaml_cached(path, "grouping file"), str(path))


def with_changes(params: GroupingParams, changes: Mapping[str, Any],
                 where: str = "changes") -> GroupingParams:
    """``params`` with some values changed (dotted keys: ``{"merge.link": 2.0}``), validated
    as the file is (an unknown key or a bad value is a ``ConfigError`` naming ``where``)."""
    # lists of kinds are read from YAML lists
    raw: dict[str, dict[str, Any]] = {
        name: {key: list(value) if isinstance(value, tuple) else value
               for key, value in section.items()}
        for name, section in asdict(params).items()}
    for dotted, value in changes.items():
        name, _, key = dotted.partition(".")
        if name not in raw or key not in raw[name]:
            raise ConfigError(f"{where}: field {dotted!r}: unknown")
        raw[name][key] = value
    return parse_grouping(raw, where)


#: Parameters in force instead of the packaged ones (``overriding``), innermost last.
_OVERRIDES: list[GroupingParams] = []


@contextmanager
def overriding(params: GroupingParams) -> Iterator[None]:
    """Group with ``params`` instead of the packaged file while the block runs (measuring a
    change: ``bench/grouping_sets.py``)."""
    _OVERRIDES.append(params)
    try:
        yield
    finally:
        _OVERRIDES.pop()


def grouping_params() -> GroupingParams:
    """The grouping parameters in force: the packaged file (read once), unless overridden."""
    return _OVERRIDES[-1] if _OVERRIDES else _packaged()


@cache
def _packaged() -> GroupingParams:
    return load_grouping()
