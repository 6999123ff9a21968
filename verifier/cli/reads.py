"""The desk's read commands, without Typer: ``claims list|show``, ``stories list|show``,
``sources show`` and ``report``. The Typer commands (``verifier.cli.claims``, ``stories``,
``sources``, ``report``) parse their options and call these; ``verifier.cli.fast`` calls
them straight from plain command lines, so a read does not pay Typer's import (~0.1 s CPU,
a third of a quick read). Nothing here may import Typer or click."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from verifier.cli.shared import (
    ensure_scores,
    ensure_scores_for,
    plural,
    print_json,
    safe,
    weights_for,
)
from verifier.errors import InputError, NotFoundError, UsageError
from verifier.limits import page_notes
from verifier.review.undated import date_filter_note

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.report.claimreview import Publisher
    from verifier.report.model import Report, Selection
    from verifier.store.reading import Rows
    from verifier.stories.matching import PastVerdict


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def claims_list(
    status: str = "unverified", sourcing: str | None = None, certainty: str | None = None,
    outlet: str | None = None, article: int | None = None, story: int | None = None,
    since: str | None = None, until: str | None = None, search: str | None = None,
    min_score: float | None = None, max_score: float | None = None,
    sort: str = "newest", limit: int = 50, offset: int = 0, db: str | None = None,
    json_output: bool = False, csv_output: bool = False, matches: bool = False,
) -> None:
    """List claims to review (unverified ones by default, newest first).

    --since and --until filter on the article's publication date (inclusive).
    """
    from verifier.store.claims import list_claims
    from verifier.store.queue_sql import ClaimFilter
    from verifier.store.reading import open_reader

    given = outlet
    if outlet is not None:
        outlet = _outlet_key(outlet)
    claim_filter = ClaimFilter(
        status=status, sourcing=sourcing, certainty=certainty, outlet=outlet, article=article,
        story=story, since=parse_date(since, "--since"), until=parse_date(until, "--until"),
        search=search, sort=sort, limit=limit, offset=offset, peek=True,  # a next page?
        min_score=min_score, max_score=max_score,
    )
    claim_filter.validate()
    if json_output and csv_output:
        raise UsageError("choose one of --json and --csv")
    if min_score is not None or max_score is not None:  # filtered on current scores
        ensure_scores_for(db, None)
    found: dict[int, PastVerdict] = {}
    with open_reader(db) as reader:  # the stdlib driver on a SQLite file, else SQLAlchemy
        if given is not None:
            check_outlet(reader, given, claim_filter.outlet)
        rows = list_claims(reader, claim_filter)
        dated = date_filter_note(reader, claim_filter.since or claim_filter.until)
        if matches and rows:
            found = _best_matches(reader, [row.id for row in rows[:limit]])
    more = len(rows) > limit
    rows = rows[:limit]
    if json_output:
        data = [row.to_dict() for row in rows]
        if matches:
            for item in data:
                match = found.get(int(item["id"]))
                item["past_verdict"] = match.to_dict() if match else None
        print_json(data)
        return
    from verifier.cli import list_render

    if csv_output:
        list_render.claims_csv(rows)
        return
    # where the page starts, as `stories list` says it (an offset past the end lists none)
    hint = "; ".join(page_notes(offset, len(rows), offset + limit if more else None))
    hint = f" ({hint})" if hint else ""
    shown = plural(len(rows), "claim") if status == "any" else plural(
        len(rows), f"{status} claim")
    statuses = {row.id: row.status for row in rows}
    # each under its claim, as the desk's queue has it
    notes = {claim_id: _match_note(claim_id, match, statuses.get(claim_id, "unverified"))
             for claim_id, match in found.items()}
    list_render.claims_table(rows, f"{shown}{hint}", notes=notes)
    _note(dated)


def _best_matches(reader: Rows, claim_ids: list[int]) -> dict[int, PastVerdict]:
    """Each claim's best past verdict, for the claims that have one."""
    from verifier.stories.matching import Matcher, with_roles

    matcher = Matcher(reader)
    found: dict[int, PastVerdict] = {}
    for claim_id in claim_ids:
        best = with_roles(reader, claim_id, matcher.matches(claim_id, limit=1))
        if best:
            found[claim_id] = best[0]
    return found


def _match_note(claim_id: int, match: PastVerdict, status: str) -> str:
    """The line under a claim that matches a past verdict: which, and what to do with it."""
    how = (f"take it with `verifier claims adopt {claim_id} --from {match.ref} --by NAME`"
           if status == "unverified" else f"it is {status} already (retract its verdict "
           "first to take one)")
    if match.adopts is None:
        how = "nothing to adopt"
    elif match.takes is None and status == "unverified":
        how = "read both; mark it yourself if it is the same claim"
    also = f"; {match.how_adopted}" if match.how_adopted else ""
    return f"matches {match.ref}, {match.verdict} ({match.reason}{also}); {how}"


def articles_list(outlet: str | None = None, limit: int = 50, offset: int = 0,
                  db: str | None = None, json_output: bool = False) -> None:
    """Articles, newest ingested first, with their claim counts."""
    from verifier.limits import check_page
    from verifier.store.article_reads import article_count, article_page
    from verifier.store.reading import open_reader

    check_page(limit, offset, most=100_000)  # as the other lists (and the desk) say it
    key = _outlet_key(outlet) if outlet is not None else None
    with open_reader(db) as reader:  # the stdlib driver on a SQLite file, else SQLAlchemy
        if outlet is not None:
            check_outlet(reader, outlet, key)
        rows = article_page(reader, outlet=key, limit=limit, offset=offset)
        total = article_count(reader, outlet=key) if not json_output else len(rows)
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    from verifier.cli.list_render import articles_table  # plain, as the other lists

    articles_table(rows, total=total, offset=offset)


def users_list(db: str | None = None, json_output: bool = False) -> None:
    """Every account with its role and whether it is disabled."""
    from verifier.store.reading import open_reader
    from verifier.store.user_reads import user_list

    with open_reader(db) as reader:  # the stdlib driver on a SQLite file, else SQLAlchemy
        users = user_list(reader)
    if json_output:
        print_json([u.to_dict() for u in users])
        return
    if not users:
        _line("no users (add one with: verifier users add NAME --role admin)")
    for user in users:
        state = " (disabled)" if user.disabled else ""
        _line(f"{user.name}\t{user.role}{state}\tsince {user.created_at:%Y-%m-%d}")


def articles_orphaned(limit: int = 200, db: str | None = None,
                      json_output: bool = False) -> None:
    """Verdicts on claims whose article was deleted, newest first, with what was deleted,
    by whom and why."""
    from verifier.limits import check_page
    from verifier.review.names import article_label
    from verifier.store.article_reads import orphaned_verdicts
    from verifier.store.reading import open_reader

    check_page(limit, 0, most=100_000)
    with open_reader(db) as reader:  # the stdlib driver on a SQLite file, else SQLAlchemy
        rows = orphaned_verdicts(reader, limit=limit)
    if json_output:
        print_json([{
            "verdict": row.verdict.to_dict(), "claim_id": row.claim_id,
            "claim_text": row.claim_text, "article_id": row.article_id,
            "article_title": row.article_title, "deleted_by": row.deleted_by,
            "deleted_at": row.deleted_at.isoformat() if row.deleted_at else None,
            "reason": row.reason,
        } for row in rows])
        return
    _line(plural(len(rows), "orphaned verdict") + (
        " (verdicts on claims whose article was deleted)" if rows else ""))
    for row in rows:
        v = row.verdict
        said = f" “{safe(row.claim_text)}”" if row.claim_text else ""
        _line(f"verdict {v.id} {v.status} by {safe(v.reviewer)} on "
              f"{v.created_at:%Y-%m-%d}, claim {row.claim_id}{said}: {safe(v.evidence)}")
        if row.article_id is not None:
            when = f" on {row.deleted_at:%Y-%m-%d}" if row.deleted_at else ""
            label = article_label(row.article_title, None)  # a deleted one has no file left
            _line(f"  article {row.article_id} “{safe(label)}”"
                  f" deleted by {safe(row.deleted_by or '?')}{when}: "
                  f"{safe(row.reason or '')}")


def _line(text: str) -> None:
    sys.stdout.write(text + "\n")


def claims_show(claim_id: int, db: str | None = None, json_output: bool = False) -> None:
    """One claim in its paragraph, with its sourcing, resolved sources and verdict history."""
    from verifier.review.provenance import gone_sources
    from verifier.store.article_reads import article_paths
    from verifier.store.claims import get_claim
    from verifier.store.correction_reads import sentence_corrections
    from verifier.store.reading import open_reader
    from verifier.stories.matching import past_verdicts

    with open_reader(db) as rows:
        detail = get_claim(rows, claim_id)
        matches = past_verdicts(rows, claim_id)
        corrections = sentence_corrections(rows, detail.row.article_id, detail.start)
        path = article_paths(rows, [detail.row.article_id]).get(detail.row.article_id)
        gone = gone_sources(rows, detail.verdicts)  # adopted from a claim deleted since
    if json_output:
        data = detail.to_dict()
        for verdict in data["verdicts"]:
            if verdict["id"] in gone:
                verdict["adopted_from_deleted"] = gone[verdict["id"]]
        data["past_verdicts"] = [m.to_dict() for m in matches]
        data["corrections"] = [c.to_dict() for c in corrections]
        print_json(data)
        return
    from verifier.cli import claim_render

    claim_render.claim_detail(detail, path=path, gone=gone)
    if corrections:
        claim_render.corrections(corrections)
    if matches:
        claim_render.past_verdicts(claim_id, matches, status=detail.row.status)


def stories_list(
    min_claims: int = 2, status: str | None = None, article: int | None = None,
    since: str | None = None, until: str | None = None, search: str | None = None,
    min_score: float | None = None, max_score: float | None = None,
    sort: str = "score", limit: int = 50, offset: int = 0, db: str | None = None,
    scoring: str | None = None, json_output: bool = False, csv_output: bool = False,
) -> None:
    """Stories with their status, score and size, best supported first, a page at a time.

    Scores, statuses and counts are kept in the database as stories change, so a page is one
    query however many stories there are; `stories show ID` gives a story's reasons.
    """
    from verifier.errors import UsageError
    from verifier.store.article_reads import article_exists
    from verifier.store.reading import open_reader
    from verifier.store.stories import StoryQuery, story_page

    if json_output and csv_output:
        raise UsageError("choose one of --json and --csv")
    query = StoryQuery(min_claims=min_claims, article=article,
                       status=None if status == "any" else status,  # as the desk and claims
                       search=search,
                       since=parse_date(since, "--since"), until=parse_date(until, "--until"),
                       sort=sort, limit=limit, offset=offset, min_score=min_score,
                       max_score=max_score)
    query.validate()
    ensure_scores_for(db, scoring)
    with open_reader(db) as rows:
        page = story_page(rows, query)
        if not page.rows and article is not None and not article_exists(rows, article):
            # as `claims list --article 99`: an empty list said only that none matched
            raise NotFoundError(f"no article with id {article}")
        dated = date_filter_note(rows, query.since or query.until)
    if json_output:
        print_json([row.to_dict() for row in page.rows])
        _note(dated)
        return
    from verifier.cli import list_render

    if csv_output:
        list_render.stories_csv(page.rows)
        _note(dated)
        return
    list_render.stories_table(page)
    _note(dated)


#: Claims ``stories show`` prints at most (``--limit``), as the desk's story page shows.
STORY_CLAIMS = 200


def stories_show(
    story_id: int, db: str | None = None, scoring: str | None = None, json_output: bool = False,
    *, limit: int = STORY_CLAIMS, offset: int = 0,
) -> None:
    """A story: score and reasons, its claims (``limit`` from ``offset``) with why grouping
    put each there, and its verdict history; ``--json``: every claim."""
    from verifier.cli.commands import MAX_INTEGER
    from verifier.limits import check_page
    from verifier.store.article_reads import article_paths
    from verifier.store.reading import open_reader
    from verifier.stories.view import get_story, membership_reasons

    check_page(limit, offset, most=MAX_INTEGER)
    weights = weights_for(scoring)
    with open_reader(db) as rows:
        view = get_story(rows, story_id, weights)
        if offset and offset >= len(view.members):
            raise UsageError(f"--offset {offset} is past the story's last claim (it has "
                             f"{len(view.members)}; the first is at offset 0)")
        shown = None if json_output else view.members[offset:offset + limit]
        reasons = membership_reasons(rows, story_id, None if shown is None else
                                     [m.claim_id for m in shown])
        paths = {} if json_output else article_paths(
            rows, [a.id for a in view.articles[:limit]])
    if json_output:
        print_json(view.to_dict(reasons))
        return
    from verifier.cli.plain import Terminal, markdown
    from verifier.report.markdown import story_lines

    terminal = Terminal()
    lines = story_lines(view, reasons, articles=True, paths=paths,
                        window=(offset, limit))
    terminal.write(markdown(terminal, "\n".join(lines)))


def sources_show(
    source: str, sources: str | None = None, db: str | None = None, json_output: bool = False,
) -> None:
    """One source: registry entry and prior, and how often the database cites it."""
    from verifier.config import database_url, sources_path
    from verifier.errors import InputError
    from verifier.registry import load_registry
    from verifier.store.reading import sqlite_file
    from verifier.store.source_reads import (
        find_outlet,
        registry_stats,
        source_stats,
        stored_source_key,
    )

    registry = load_registry(sources_path(sources))
    try:
        entry = find_outlet(registry, source)
    except InputError:
        entry = None
    key = entry.id if entry is not None else source
    url = database_url(db)
    stats = registry_stats(entry) if entry is not None else None
    path = sqlite_file(url)
    if not url.startswith("sqlite") or path is None or path.exists():  # a folder: its error
        from verifier.store.reading import open_reader

        with open_reader(db) as rows:
            if entry is None:  # a derived source by the name the reports print
                key = stored_source_key(rows, source) or key
            stats = source_stats(rows, key, entry) or stats
    if stats is None:
        raise NotFoundError(f"no source {source!r} in {registry.path} or the database")
    if json_output:
        from verifier.review.names import source_use

        data = stats.to_dict()
        data["use"] = source_use(stats)
        print_json(data)
        return
    from verifier.cli import claim_render

    claim_render.source_detail(stats)


def report(article: int | None = None, story: int | None = None, source: str | None = None,
    all_: bool = False, all_stories: bool = False, since: str | None = None,
    until: str | None = None, fmt: str = "text", output: Path | None = None,
    min_claims: int = 2, publisher_url: str | None = None, org: str | None = None,
    db: str | None = None, scoring: str | None = None,
) -> None:
    """A credibility report: stories with scores and reasons, articles, track records.

    Without --article, --story or --source it covers a selection of stories (--all): by
    default the reviewed ones; with --since/--until those with articles or verdicts in
    the range; with --all-stories every story. It is written a story at a time, so its
    size is bounded by the disk, not by memory.
    """
    from verifier.report import FORMATS
    from verifier.report.model import Selection

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    one = any(x is not None for x in (article, story, source))
    if (all_ or all_stories or since or until) and one:
        raise UsageError("--all, --all-stories, --since and --until cannot be combined with "
                         "--article, --story or --source")
    selection = Selection(min_claims=min_claims, since=parse_date(since, "--since"),
                          until=parse_date(until, "--until"), all_stories=all_stories)
    if selection.since and selection.until and selection.since > selection.until:
        raise UsageError("--since is after --until")
    publisher = None  # an HTML report embeds the ClaimReview JSON-LD when a URL is given
    if fmt == "claimreview" or (fmt == "html" and (publisher_url or "").strip()):
        from verifier.report.claimreview import publisher_from

        publisher = publisher_from(publisher_url, org)
    from verifier.report.model import build_report
    from verifier.store.reading import open_reader

    weights = weights_for(scoring)
    if not one:
        ensure_scores(db, weights)  # the selection is ordered by the stored scores
    with open_reader(db) as rows:
        source_id = None if source is None else _source_id(rows, source)
        report = build_report(rows, weights, article_id=article, story_id=story,
                              source_id=source_id, min_claims=min_claims, selection=selection,
                              # the terminal lists the first few: it need not find them all
                              most_matches=_shown_matches() if fmt == "text" else None)
        _write(report, fmt, publisher, output)
        _note(date_filter_note(rows, selection.since or selection.until))
        if not one and not report.stories and fmt in ("md", "html"):
            # the terminal's report says so itself, and a program reads the empty list
            _note(_empty_selection(selection))
        if one and fmt == "claimreview" and not _has_verdict(report):
            _note(NO_VERDICT)


#: ``report --story|--article|--source --format claimreview`` when nothing in it has a verdict.
NO_VERDICT = ("nothing here has a verdict yet: a ClaimReview publishes a fact check's "
              "conclusion, so none was written (`verifier stories mark ID STATUS "
              "--evidence TEXT` records one)")


def _has_verdict(report: Report) -> bool:
    """Whether any of the report's stories, or any claim of them, has a standing verdict."""
    from verifier.report.claimreview import reviewed_claims

    return any(s.reviewed or reviewed_claims(s) for s in report.stories)


def _shown_matches() -> int:
    from verifier.cli.report_render import PAST_VERDICTS

    return PAST_VERDICTS


def _empty_selection(selection: Selection) -> str:
    """Why a selection's report holds no story, and what reports more."""
    if selection.all_stories:
        return (f"the report holds no story: none has {selection.min_claims}+ claims "
                "(`--min-claims 1` takes every story)")
    if selection.since is None and selection.until is None:
        return (f"the report holds no story: no story of {selection.min_claims}+ claims has "
                "a verdict on it or on one of its claims yet (`--min-claims 1` takes single "
                "claims too, `--all-stories` every story, `--since DATE` those active since "
                "then)")
    return (f"the report holds no story: none of {selection.min_claims}+ claims has "
            "articles or verdicts in the range (`--min-claims 1` also takes single claims)")


def _note(note: str | None) -> None:
    """A note on stderr (so ``--json`` and ``--csv`` output stays clean)."""
    if note:
        from verifier.cli.shared import err_console

        err_console().print(f"verifier: note: {note}", markup=False, highlight=False,
                            soft_wrap=True)


def _outlet_key(value: str) -> str:
    """The registry id of an outlet given by id, name or alias (as ingest accepts them)."""
    from verifier.config import sources_path
    from verifier.errors import InputError
    from verifier.registry import load_registry
    from verifier.store.source_reads import find_outlet

    try:
        return find_outlet(load_registry(sources_path(None)), value).id
    except InputError:
        return value  # a key stored without a registry entry: the query says if it is unknown


def check_outlet(db: Session | Rows, given: str, key: str | None) -> None:
    """``NotFoundError`` unless the database holds an outlet ``given`` names (as ``key``,
    its registry id when the registry knows it), naming the registry entry nearest to it
    when there is one (as ingest does)."""
    from verifier.store.queue_sql import OUTLET_SQL
    from verifier.store.reading import rows_of
    from verifier.store.source_reads import _near_outlet, normalise_name

    if key is None or rows_of(db).all(OUTLET_SQL, {"outlet": key}):
        return
    from verifier.config import sources_path
    from verifier.registry import load_registry

    near = _near_outlet(load_registry(sources_path(None)), normalise_name(given))
    raise UsageError(f"--outlet: no outlet {given!r} in the database (give its registry "
                     f"id, name or alias){near}")


def _write(report: Report, fmt: str, publisher: Publisher | None, output: Path | None) -> None:
    """Render the report to ``output`` (or stdout) a piece at a time."""
    if fmt == "text":
        from verifier.cli.plain import Terminal
        from verifier.cli.report_render import render_text

        if output is None:
            render_text(report, Terminal())
            return
        try:
            with _replacing(output) as handle:
                render_text(report, Terminal(handle, width=120, styled=False))
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        sys.stderr.write(f"wrote {output}\n")  # as the other formats say
        sys.stderr.flush()
        return
    from verifier.report import render_parts

    if output is None:
        for part in render_parts(report, fmt, publisher):
            # JSON escapes control characters; MD and HTML from articles may hold them
            sys.stdout.write(safe(part))
        sys.stdout.flush()
        return
    try:
        with _replacing(output) as handle:
            for part in render_parts(report, fmt, publisher):
                handle.write(part)
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None
    sys.stderr.write(f"wrote {output}\n")
    sys.stderr.flush()


def _replacing(output: Path) -> AbstractContextManager[TextIO]:
    """A report file written whole or not at all, through a symlink at ``output``
    (``verifier.wholefile``): interrupted (Ctrl-C, a full disk, a database error
    mid-report), the previous report is left as it was, not half of a new one."""
    from verifier.wholefile import replacing

    return replacing(output)


def _source_id(rows: Rows, value: str) -> int:
    """The stored source a ``--source`` names: a registry id, name or alias, a stored key,
    or the row number ``sources show --json`` prints."""
    from verifier.config import sources_path
    from verifier.errors import InputError
    from verifier.registry import load_registry
    from verifier.store.source_reads import find_outlet, source_row_id, stored_source_key

    try:
        key = find_outlet(load_registry(sources_path(None)), value).id
    except InputError:
        key = stored_source_key(rows, value) or value.strip()
    found = source_row_id(rows, key)
    if found is None and key.isascii() and key.isdigit():  # "²" is a digit int() refuses
        found = int(key)
    if found is None:
        raise UsageError(f"--source: no source {value!r} in the registry or the database")
    return found
