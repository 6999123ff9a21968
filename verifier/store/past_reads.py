"""Past verdicts read for matching a claim against them (``verifier.stories.matching``),
through either driver (``verifier.store.reading``), so ``claims show`` and
``report --story`` answer from SQLite without SQLAlchemy.

A reviewed claim or an imported fact-check can only match a claim that shares one of its
names or rarest words (``verifier.stories.matching.query_words``), so the candidates are
read by those stems: the rows whose stored grouping terms (``claims.terms``,
``fact_checks.terms``, packed as ``N:seoul*2 W:visit``) use one of them, plus any row
stored without terms (the caller tokenises those). The reviewed claims are walked through
``ix_claims_status_id`` (only claims with a verdict), never the whole table; verdicts are
read only for the candidates that match. A reviewed claim comes with the content terms kept
with its verdict (``claims.content_terms``), what it is compared by.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verifier.errors import NotFoundError
from verifier.store.reading import Rows, converter, query_in, rows_of, select_list
from verifier.store.verdict_record import VerdictRecord, standing
from verifier.vocab import VERDICT_STATUSES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The ``term_frequencies`` row that counts the grouped articles (``store.grouping.DOCUMENTS``).
DOCUMENTS = ""
#: Stems (names or words) per query (each is two ``LIKE`` patterns).
NAMES_PER_QUERY = 100

_VERDICT = converter(VerdictRecord, "verdicts")
_VERDICTS = f"SELECT {select_list(VerdictRecord, 'verdicts')} FROM verdicts"


@dataclass(frozen=True, slots=True)
class ReviewedText:
    """A claim with a verdict, as a match candidate: its text, where it starts in its
    article, its stored grouping terms (None: stored before terms were) and the content
    terms kept with its verdict (``claims.content_terms``; None: not kept)."""

    id: int
    text: str
    start: int
    terms: str | None
    content: str | None = None


@dataclass(frozen=True, slots=True)
class FactCheckText:
    """An imported fact-check as a match candidate."""

    id: int
    claim: str
    verdict: str
    rating: str
    publisher: str
    url: str | None
    terms: str | None


def claim_for_matching(db: Session | Rows, claim_id: int) -> tuple[str, int, int | None, str]:
    """A claim's text, start offset, story id and status; ``NotFoundError`` if none."""
    found = rows_of(db).all(
        "SELECT claims.text, claims.start, story_claims.story_id, claims.status FROM claims "
        "LEFT JOIN story_claims ON story_claims.claim_id = claims.id WHERE claims.id = :c "
        "LIMIT 1", {"c": claim_id})
    if not found:
        raise NotFoundError(f"no claim with id {claim_id}")
    text, start, story_id, status = found[0]
    return str(text), int(start), story_id, str(status)


def claims_for_matching(
    db: Session | Rows, claim_ids: Sequence[int]
) -> dict[int, tuple[str, int, int | None, str]]:
    """``claim_for_matching`` of each of these claims that exists, in batched queries."""
    found: dict[int, tuple[str, int, int | None, str]] = {}
    for claim_id, text, start, story_id, status in query_in(
        rows_of(db),
        "SELECT claims.id, claims.text, claims.start, story_claims.story_id, claims.status "
        "FROM claims LEFT JOIN story_claims ON story_claims.claim_id = claims.id "
        "WHERE claims.id IN {ids}", set(claim_ids),
    ):
        found.setdefault(int(claim_id), (str(text), int(start), story_id, str(status)))
    return found


def story_standing(db: Session | Rows, story_id: int) -> VerdictRecord | None:
    """The story's standing verdict (its own, not its claims'; retractions applied)."""
    return standing(map(_VERDICT, rows_of(db).all(
        f"{_VERDICTS} WHERE story_id = :s AND claim_id IS NULL ORDER BY id", {"s": story_id})))


def stories_standing(
    db: Session | Rows, story_ids: Iterable[int]
) -> dict[int, VerdictRecord]:
    """``story_standing`` of each of these stories that has one, in batched queries."""
    histories: dict[int, list[VerdictRecord]] = {}
    for record in sorted(map(_VERDICT, query_in(
            rows_of(db), f"{_VERDICTS} WHERE story_id IN {{ids}} AND claim_id IS NULL",
            set(story_ids))), key=lambda v: v.id):
        assert record.story_id is not None
        histories.setdefault(record.story_id, []).append(record)
    return {sid: v for sid, rows in histories.items() if (v := standing(rows)) is not None}


def claims_standing(db: Session | Rows, claim_ids: Iterable[int]) -> dict[int, VerdictRecord]:
    """The standing verdict of each of these claims that has one."""
    histories: dict[int, list[VerdictRecord]] = {}
    for record in sorted(map(_VERDICT, query_in(
            rows_of(db), f"{_VERDICTS} WHERE claim_id IN {{ids}}", set(claim_ids))),
            key=lambda v: v.id):
        assert record.claim_id is not None
        histories.setdefault(record.claim_id, []).append(record)
    return {cid: v for cid, rows in histories.items() if (v := standing(rows)) is not None}


def source_spans(db: Session | Rows, claim_ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    """Per claim, the article offsets of its attributions' source and cue words (what a
    claim's wording says about who said it, not about the event)."""
    found: dict[int, list[tuple[int, int]]] = {}
    for claim_id, s_start, s_end, c_start, c_end in query_in(
        rows_of(db),
        "SELECT claim_id, source_start, source_end, cue_start, cue_end FROM attributions "
        "WHERE claim_id IN {ids} ORDER BY claim_id, position",
        set(claim_ids),
    ):
        found.setdefault(claim_id, []).extend([(s_start, s_end), (c_start, c_end)])
    return found


def _naming(column: str, names: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """``column`` (packed terms) uses one of these stems, as a name or a word, or is NULL."""
    tests = [f"{column} IS NULL"]
    params: dict[str, Any] = {}
    for n, name in enumerate(names):
        params[f"w{n}"] = f"%:{name} %"
        params[f"x{n}"] = f"%:{name}*%"
        tests.append(f"(' ' || {column} || ' ') LIKE :w{n} OR {column} LIKE :x{n}")
    return "(" + " OR ".join(tests) + ")", params


def _batches(names: Iterable[str]) -> list[list[str]]:
    items = sorted(set(names))
    return [items[i:i + NAMES_PER_QUERY] for i in range(0, len(items), NAMES_PER_QUERY)]


def _reviewed(rows: Rows) -> tuple[str, dict[str, Any]]:
    """Claims with a verdict, through ``ix_claims_status_id`` (on SQLite said to be few:
    statistics over a column with four values would have it scan every claim)."""
    statuses = {f"s{n}": s for n, s in enumerate(VERDICT_STATUSES)}
    test = f"claims.status IN ({', '.join(':' + k for k in statuses)})"
    return (f"unlikely({test})" if rows.dialect == "sqlite" else test), statuses


def reviewed_naming(
    db: Session | Rows, names: Iterable[str], *, exclude: int | None = None
) -> list[ReviewedText]:
    """Claims with a verdict whose terms use one of ``names`` (stems), or have no stored
    terms (an indexed claim, by ``reviewed_stems``: exactly those its terms or text use;
    another, by ``LIKE`` tests that may let a few more through, which the caller drops)."""
    rows = rows_of(db)
    found: dict[int, ReviewedText] = {}
    reviewed, statuses = _reviewed(rows)
    for batch in _batches(names):
        test, params = _naming("terms", batch)
        stems = {f"n{n}": name for n, name in enumerate(batch)}
        # indexed (kept with a verdict, see ``claims.content_terms``): a probe of
        # ``reviewed_stems``; a claim not indexed is tested by its terms
        indexed = (f"claims.id IN (SELECT claim_id FROM reviewed_stems WHERE stem IN "
                   f"({', '.join(':' + k for k in stems)}))")
        for row in rows.all(
            f"SELECT id, text, start, terms, content_terms FROM claims WHERE {reviewed} "
            f"AND id <> :exclude AND ((content_terms IS NOT NULL AND {indexed}) "
            f"OR (content_terms IS NULL AND {test}))",
            {**statuses, **params, **stems, "exclude": exclude or 0},
        ):
            found[row[0]] = ReviewedText(int(row[0]), str(row[1]), int(row[2]), row[3], row[4])
    return [found[k] for k in sorted(found)]


def all_reviewed(db: Session | Rows) -> list[ReviewedText]:
    """Every claim with a verdict (a matcher over many claims reads them once), by id."""
    rows = rows_of(db)
    reviewed, statuses = _reviewed(rows)
    found = [ReviewedText(int(r[0]), str(r[1]), int(r[2]), r[3], r[4]) for r in rows.all(
        f"SELECT id, text, start, terms, content_terms FROM claims WHERE {reviewed}",
        statuses)]
    return sorted(found, key=lambda r: r.id)


def reviewed_terms(db: Session | Rows) -> list[tuple[int, str | None]]:
    """(id, stored terms) of every claim with a verdict, by id (what ``all_reviewed``
    reads, without the texts: a caller picks by terms, then reads ``reviewed_texts``)."""
    rows = rows_of(db)
    reviewed, statuses = _reviewed(rows)
    return sorted((int(r[0]), r[1]) for r in rows.all(
        f"SELECT id, terms FROM claims WHERE {reviewed}", statuses))


def reviewed_texts(db: Session | Rows, claim_ids: Iterable[int]) -> list[ReviewedText]:
    """These claims as ``all_reviewed`` gives them, by id."""
    found = [ReviewedText(int(r[0]), str(r[1]), int(r[2]), r[3], r[4]) for r in query_in(
        rows_of(db), "SELECT id, text, start, terms, content_terms FROM claims WHERE id IN {ids}",
        set(claim_ids))]
    return sorted(found, key=lambda r: r.id)


_FACT_CHECK = "SELECT id, claim, verdict, rating, publisher, url, terms FROM fact_checks"


def fact_checks_naming(db: Session | Rows, names: Iterable[str]) -> list[FactCheckText]:
    """Imported fact-checks whose terms use one of ``names`` (stems), or have none stored."""
    rows = rows_of(db)
    found: dict[int, FactCheckText] = {}
    for batch in _batches(names):
        test, params = _naming("terms", batch)
        for row in rows.all(f"{_FACT_CHECK} WHERE {test}", params):
            found[row[0]] = FactCheckText(*row)
    return [found[k] for k in sorted(found)]


def all_fact_checks(db: Session | Rows) -> list[FactCheckText]:
    return [FactCheckText(*row) for row in rows_of(db).all(f"{_FACT_CHECK} ORDER BY id")]


def matching_state(db: Session | Rows) -> tuple[Any, ...]:
    """What the reviewed claims and fact-checks a matcher reads, and the weights of their
    words, follow: the history log's last entry (every verdict, retraction, correction and
    audited edit or deletion), the last fact-check, the last article and the grouped-article
    count. Unchanged, a reading of them holds (the desk's queue keeps one:
    ``verifier.web.app.Desk.past_matcher``)."""
    found = rows_of(db).all(
        "SELECT (SELECT max(seq) FROM history_log), (SELECT max(id) FROM fact_checks), "
        "(SELECT max(id) FROM articles), "
        "(SELECT max(documents) FROM term_frequencies WHERE term = :t)", {"t": DOCUMENTS})
    return tuple(found[0])


def document_count(db: Session | Rows) -> int | None:
    """How many articles the term frequencies count (None: never built)."""
    found = rows_of(db).all("SELECT documents FROM term_frequencies WHERE term = :t",
                            {"t": DOCUMENTS})
    return None if not found else int(found[0][0])


def frequencies(db: Session | Rows, terms: Iterable[str]) -> dict[str, int]:
    """The stored document frequency of each of these terms (stems) that has one."""
    return {str(t): int(c) for t, c in query_in(
        rows_of(db), "SELECT term, documents FROM term_frequencies WHERE term IN {ids}",
        set(terms))}
