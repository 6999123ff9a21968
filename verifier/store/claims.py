"""Claims: the review queue (listing and showing stored claims) and the claim rows scoring
and reports read.

``list_claims`` runs the shared SQL of ``verifier.store.queue_sql`` (one indexed query, then
one small query for the listed claims' sourcing kinds), so it answers from millions of claims
in milliseconds; ``get_claim`` gathers one claim's evidence and verdict history.
``claim_records`` and ``attribution_records`` read claims and their attributions as named
rows (``ClaimRecord``, ``AttributionRecord``: fields named as the columns), in batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from verifier.errors import NotFoundError
from verifier.store.queue_sql import (
    OUTLET_SQL,
    ClaimFilter,
    ClaimRow,
    Outlet,
    build_rows,
    kinds_sql,
    list_sql,
    outlet_of,
    scored_sql,
)
from verifier.store.reading import Rows, as_utc, converter, query_in, rows_of, select_list
from verifier.store.verdict_record import VerdictRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StoredAttribution:
    """An attribution with the source row it resolved to."""

    kind: str
    speaker: str
    stance: str
    source: Span
    cue: Span
    rule: str
    carried: bool
    source_id: int | None
    source_key: str | None
    source_name: str | None
    source_kind: str | None
    in_registry: bool
    source_prior: tuple[float, float] | None = None
    #: Why the source has its kind, when the rule chain does not say it all (None in rows
    #: stored before migration 0012): the analyser's reason ("no office evidence: ...") and
    #: the words elsewhere in the article that showed the kind ("Finance Minister Jane Roe")
    reason: str | None = None
    evidence: Span | None = None

    @property
    def why(self) -> str:
        """Why the source has its kind, in words ("" when only the rule says it)."""
        return kind_why(self.kind, self.reason, self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "stance": self.stance,
            "source": _span(self.source),
            "cue": _span(self.cue),
            "rule": self.rule,
            "carried": self.carried,
            **({"reason": self.reason} if self.reason else {}),
            **({"evidence": _span(self.evidence)} if self.evidence is not None else {}),
            "resolved_source": None
            if self.source_id is None
            else {
                "id": self.source_id,
                "key": self.source_key,
                "name": self.source_name,
                "kind": self.source_kind,
                "in_registry": self.in_registry,
                "prior": None
                if self.source_prior is None
                else {"confirmed": self.source_prior[0], "refuted": self.source_prior[1]},
            },
        }


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """A claim with its paragraph, evidence, resolved sources and verdict history."""

    row: ClaimRow
    start: int
    end: int
    is_claim: bool
    claim_rule: str
    certainty_rule: str | None
    certainty_cue: Span | None
    paragraph: Span
    attributions: tuple[StoredAttribution, ...]
    verdicts: tuple[VerdictRecord, ...]
    story_ids: tuple[int, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.row.to_dict(),
            "start": self.start,
            "end": self.end,
            "claim": self.is_claim,
            "claim_rule": self.claim_rule,
            "certainty_evidence": None
            if self.certainty is None
            else {"rule": self.certainty_rule, "cue": _span(self.certainty_cue)},
            "paragraph": _span(self.paragraph),
            "attributions": [a.to_dict() for a in self.attributions],
            "verdicts": [v.to_dict() for v in self.verdicts],
            "stories": list(self.story_ids),
        }

    @property
    def certainty(self) -> str | None:
        return self.row.certainty


def list_claims(db: Session | Rows, claim_filter: ClaimFilter) -> list[ClaimRow]:
    """The claims matching ``claim_filter`` (only sentences that are claims)."""
    claim_filter.validate()
    rows = rows_of(db)
    sql, params = list_sql(claim_filter, rows.dialect, *_plan(rows, claim_filter))
    listed = rows.all(sql, params)
    if not listed:
        _check_ids(rows, claim_filter)
    kind_rows: list[tuple[Any, ...]] = []
    if listed:
        sql, params = kinds_sql([row[0] for row in listed])
        kind_rows = rows.all(sql, params)
    return build_rows(listed, kind_rows)


def _check_ids(rows: Rows, claim_filter: ClaimFilter) -> None:
    """``NotFoundError`` for a story or article filtered on that does not exist (an empty
    list would say only that none of its claims matched)."""
    for table, noun, value in (("stories", "story", claim_filter.story),
                               ("articles", "article", claim_filter.article)):
        if value is not None and not rows.all(f"SELECT 1 FROM {table} WHERE id = :id",
                                              {"id": value}):
            raise NotFoundError(f"no {noun} with id {value}")


def _plan(rows: Rows, claim_filter: ClaimFilter) -> tuple[Outlet | None, int | None]:
    """What ``list_sql`` needs read first: the outlet filtered on, and how many claims the
    score filter lets through (up to ``FEW_SCORED + 1``)."""
    outlet = None
    if claim_filter.outlet is not None:
        found = rows.all(OUTLET_SQL, {"outlet": claim_filter.outlet})
        if not found:
            raise NotFoundError(f"no outlet with id {claim_filter.outlet!r} in the database")
        outlet = outlet_of(found[0])
    counting = scored_sql(claim_filter)
    return outlet, None if counting is None else int(rows.all(*counting)[0][0])


#: The queue's count: claims are counted up to this many (more says "more than"), and for
#: at most this long (a longer count is given up: the page shows none).
COUNT_CAP = 1000
COUNT_BUDGET_S = 0.05


def count_claims(db: Session | Rows, claim_filter: ClaimFilter, *, cap: int = COUNT_CAP,
                 budget_s: float = COUNT_BUDGET_S) -> int | None:
    """How many claims ``claim_filter`` selects (its page and offset aside), counted up to
    ``cap + 1`` (a result above ``cap`` means "more than ``cap``"), or None when counting
    would take longer than ``budget_s`` seconds: a filter few claims pass walks much of the
    table to find them, and the queue's page must not wait for that."""
    from dataclasses import replace

    from verifier.store.bounded import within

    claim_filter.validate()
    rows = rows_of(db)
    counting = replace(claim_filter, sort="newest", limit=cap + 1, offset=0, peek=False)
    sql, params = list_sql(counting, rows.dialect, *_plan(rows, counting), count_only=True)
    found = within(rows, f"SELECT count(*) FROM ({sql}) AS counted", params, budget_s)
    return None if found is None else int(found[0][0])


def get_claim(db: Session | Rows, claim_id: int) -> ClaimDetail:
    """One claim with everything ``claims show`` prints; ``NotFoundError`` if unknown."""
    rows = rows_of(db)
    claim_width = len(ClaimRecord._fields)
    found = rows.all(f"SELECT {select_list(ClaimRecord, 'claims')}, "
                     f"{select_list(_ClaimRules, 'claims')} FROM claims "
                     "WHERE id = :id", {"id": claim_id})
    if not found:
        from verifier.store.deleted import no_claim

        raise no_claim(db, claim_id)  # "no claim with id N", or the article it went with
    claim, rules = _CLAIM(found[0][:claim_width]), _RULES(found[0][claim_width:])
    article = rows.all("SELECT outlet, title, published_at, text FROM articles WHERE id = :id",
                       {"id": claim.article_id})
    if not article:  # written with foreign keys off: `db verify` lists these
        raise NotFoundError(
            f"claim {claim_id} belongs to article {claim.article_id}, which is gone (an "
            "orphaned row: see `verifier db verify`)"
        )
    outlet, title, published, article_text = article[0]
    width = len(AttributionRecord._fields)
    stored = [(_ATTRIBUTION(row[:width]), _WHY(row[width:])) for row in rows.all(
        f"SELECT {select_list(AttributionRecord, 'attributions')}, "
        f"{select_list(_KindWhy, 'attributions')} FROM attributions "
        "WHERE claim_id = :id ORDER BY position", {"id": claim_id})]
    source_ids = {a.source_id for a, _ in stored if a.source_id is not None}
    sources = {
        row[0]: row for row in query_in(
            rows, "SELECT id, key, name, kind, in_registry, prior_confirmed, prior_refuted "
            "FROM sources WHERE id IN {ids}", source_ids)
    }
    attributions = tuple(
        StoredAttribution(
            kind=a.kind,
            speaker=a.speaker,
            stance=a.stance,
            source=Span(a.source_text, a.source_start, a.source_end),
            cue=Span(a.cue_text, a.cue_start, a.cue_end),
            rule=a.rule,
            carried=a.carried,
            source_id=a.source_id,
            source_key=src[1] if src else None,
            source_name=src[2] if src else None,
            source_kind=src[3] if src else None,
            in_registry=bool(src and src[4]),
            source_prior=(src[5], src[6]) if src else None,
            reason=why.reason or None,
            evidence=_evidence(why.evidence_text, why.evidence_start, why.evidence_end),
        )
        for a, why in stored
        for src in [sources.get(a.source_id) if a.source_id is not None else None]
    )
    verdict = converter(VerdictRecord, "verdicts")
    verdicts = tuple(verdict(row) for row in rows.all(
        f"SELECT {select_list(VerdictRecord, 'verdicts')} FROM verdicts "
        "WHERE claim_id = :id ORDER BY id", {"id": claim_id}))
    story_ids = tuple(row[0] for row in rows.all(
        "SELECT story_id FROM story_claims WHERE claim_id = :id ORDER BY story_id",
        {"id": claim_id}))
    # its story and that story's stored score, as the queue's row gives them (`claims list`)
    score = rows.all("SELECT score FROM stories WHERE id = :id",
                     {"id": story_ids[0]}) if story_ids else []
    cue = None
    if claim.certainty_cue is not None and claim.certainty_start is not None:
        cue = Span(claim.certainty_cue, claim.certainty_start, claim.certainty_end or 0)
    row = ClaimRow(
        id=claim.id,
        article_id=claim.article_id,
        position=claim.position,
        text=claim.text,
        status=claim.status,
        certainty=claim.certainty,
        kinds=tuple(dict.fromkeys(a.kind for a in attributions)),
        outlet=outlet,
        title=title,
        published_at=as_utc(published),
        story_id=story_ids[0] if story_ids else None,
        score=score[0][0] if score else None,
    )
    return ClaimDetail(
        row=row,
        start=claim.start,
        end=claim.end,
        is_claim=claim.is_claim,
        claim_rule=rules.claim_rule,
        certainty_rule=rules.certainty_rule,
        certainty_cue=cue,
        paragraph=paragraph_around(article_text, claim.start, claim.end),
        attributions=attributions,
        verdicts=verdicts,
        story_ids=story_ids,
    )


def kind_why(kind: str, reason: str | None, evidence: Span | None) -> str:
    """Why a source has its kind, in words ("" when nothing is stored beyond the rule):
    the words elsewhere in the article that showed it, with their offsets, and/or the
    analyser's reason (a learned proposal's in words: ``feature_words.plain_reason``)."""
    from verifier.analysis.feature_words import plain_reason

    reason = plain_reason(reason) or None
    if evidence is not None:
        shown = f"{kind} as shown by “{evidence.text}” at {evidence.start}–{evidence.end}"
        return f"{shown}; {reason}" if reason else shown
    return f"{kind}: {reason}" if reason else ""


@dataclass(frozen=True, slots=True)
class KindWhy:
    """Why one attribution's source has its kind (``source``: its words), as stored."""

    kind: str
    source: str
    reason: str | None
    evidence: Span | None

    def words(self) -> str:
        return f"“{self.source}”: {kind_why(self.kind, self.reason, self.evidence)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            **({"reason": self.reason} if self.reason else {}),
            **({"evidence": _span(self.evidence)} if self.evidence is not None else {}),
        }


def claim_sourcing(
    db: Session | Rows, claim_ids: Sequence[int]
) -> dict[int, tuple[list[str], list[KindWhy]]]:
    """Each claim's attributions' kinds in order, and why their sources have them where the
    analyser said so (rows stored before migration 0012 say nothing); claims without
    attributions are left out."""
    found: dict[int, list[tuple[Any, ...]]] = {}
    for row in query_in(
        rows_of(db),
        "SELECT claim_id, position, kind, source_text, reason, evidence_text, evidence_start, "
        "evidence_end FROM attributions WHERE claim_id IN {ids}", set(claim_ids),
    ):
        found.setdefault(row[0], []).append(tuple(row[1:]))
    result: dict[int, tuple[list[str], list[KindWhy]]] = {}
    for claim_id, rows in found.items():
        rows.sort(key=lambda r: r[0])
        result[claim_id] = (
            [r[1] for r in rows],
            [KindWhy(kind, source, reason or None, _evidence(text, start, end))
             for _, kind, source, reason, text, start, end in rows
             if reason or (text is not None and start is not None)],
        )
    return result


def _evidence(text: str | None, start: int | None, end: int | None) -> Span | None:
    if text is None or start is None:
        return None
    return Span(text, start, start if end is None else end)


def paragraph_around(article_text: str, start: int, end: int) -> Span:
    """The line(s) of ``article_text`` holding ``[start, end)``: the sentence's paragraph."""
    para_start = article_text.rfind("\n", 0, start) + 1
    newline = article_text.find("\n", max(end, start))
    para_end = len(article_text) if newline == -1 else newline
    return Span(article_text[para_start:para_end], para_start, para_end)


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


class ClaimRecord(NamedTuple):
    """A ``claims`` row as scoring and reports read it (fields named as the columns)."""

    id: int
    article_id: int
    position: int
    start: int
    end: int
    text: str
    is_claim: bool
    certainty: str | None
    certainty_cue: str | None
    certainty_start: int | None
    certainty_end: int | None
    status: str


class AttributionRecord(NamedTuple):
    """An ``attributions`` row (fields named as the columns)."""

    claim_id: int
    kind: str
    speaker: str
    stance: str
    source_text: str
    source_start: int
    source_end: int
    cue_text: str
    cue_start: int
    cue_end: int
    rule: str
    carried: bool
    source_id: int | None


class _KindWhy(NamedTuple):
    """The ``attributions`` columns that say why a source has its kind, which ``claims show``
    reads beside an ``AttributionRecord`` (scoring, reading in bulk, leaves them out)."""

    reason: str | None
    evidence_text: str | None
    evidence_start: int | None
    evidence_end: int | None


class _ClaimRules(NamedTuple):
    """The ``claims`` columns naming the rules behind a claim and its certainty, which
    ``claims show`` reads beside a ``ClaimRecord``."""

    claim_rule: str
    certainty_rule: str | None


_CLAIM = converter(ClaimRecord, "claims")
_RULES = converter(_ClaimRules, "claims")
_WHY = converter(_KindWhy, "attributions")
_ATTRIBUTION = converter(AttributionRecord, "attributions")
_CLAIM_SELECT = f"SELECT {select_list(ClaimRecord, 'claims')} FROM claims"


def claim_records(
    db: Session | Rows, claim_ids: Sequence[int], *, claims_only: bool = True
) -> list[ClaimRecord]:
    """The claims with these ids (``claims_only``: sentences that are claims), in article
    and reading order."""
    where = " AND is_claim = :yes" if claims_only else ""
    found = [_CLAIM(row) for row in query_in(
        rows_of(db), f"{_CLAIM_SELECT} WHERE id IN {{ids}}{where}", set(claim_ids),
        {"yes": True} if claims_only else None)]
    found.sort(key=lambda c: (c.article_id, c.position))
    return found


def sentences_of_articles(
    db: Session | Rows, article_ids: Sequence[int]
) -> dict[int, list[ClaimRecord]]:
    """Every sentence of each article, in order."""
    found: dict[int, list[ClaimRecord]] = {}
    for row in query_in(rows_of(db), f"{_CLAIM_SELECT} WHERE article_id IN {{ids}}",
                        set(article_ids)):
        record = _CLAIM(row)
        found.setdefault(record.article_id, []).append(record)
    for rows in found.values():
        rows.sort(key=lambda c: c.position)
    return found


def unreviewed_claims_of_articles(
    db: Session | Rows, article_ids: Sequence[int]
) -> list[tuple[int, str]]:
    """(id, text) of the unverified claims of these articles, in the order of
    ``article_ids`` and of their sentences (what a report matches against past verdicts)."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for claim_id, article_id, position, text in query_in(
        rows_of(db), "SELECT id, article_id, position, text FROM claims WHERE article_id IN "
        "{ids} AND is_claim = :yes AND status = :open", set(article_ids),
        {"yes": True, "open": "unverified"},
    ):
        found.setdefault(article_id, []).append((position, claim_id, text))
    return [(claim_id, text) for aid in article_ids
            for _, claim_id, text in sorted(found.get(aid, []))]


def attribution_records(
    db: Session | Rows, claim_ids: Sequence[int]
) -> dict[int, list[AttributionRecord]]:
    """Each claim's attributions in their order (claims without any are left out)."""
    found: dict[int, list[tuple[int, AttributionRecord]]] = {}
    for row in query_in(
        rows_of(db),
        f"SELECT position, {select_list(AttributionRecord, 'attributions')} FROM attributions "
        "WHERE claim_id IN {ids}", set(claim_ids),
    ):
        record = _ATTRIBUTION(row[1:])
        found.setdefault(record.claim_id, []).append((row[0], record))
    return {cid: [r for _, r in sorted(rows, key=lambda x: x[0])] for cid, rows in found.items()}


def existing_claim_ids(db: Session | Rows, claim_ids: Sequence[int]) -> set[int]:
    return {row[0] for row in query_in(rows_of(db), "SELECT id FROM claims WHERE id IN {ids}",
                                       set(claim_ids))}
