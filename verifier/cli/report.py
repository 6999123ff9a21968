"""``verifier report``: stories, articles and track records as text, Markdown, HTML, JSON or
schema.org ClaimReview."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import (
    DbOption,
    ScoringOption,
    console,
    ensure_scores,
    safe,
    weights_for,
)
from verifier.errors import InputError, UsageError

if TYPE_CHECKING:
    from verifier.report.claimreview import Publisher
    from verifier.report.model import Report
    from verifier.store.reading import Rows


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("report")
def report_command(
    article: Annotated[int | None, typer.Option(help="One article.")] = None,
    story: Annotated[int | None, typer.Option(help="One story.")] = None,
    source: Annotated[str | None, typer.Option(
        metavar="ID|NAME", help="One source: registry id, name or alias, a stored source key, "
        "or its number in the database.")]
    = None,
    all_: Annotated[bool, typer.Option(
        "--all", help="A selection of stories (the default): the reviewed ones, or with "
        "--since/--until those with articles or verdicts in the range.")] = False,
    all_stories: Annotated[bool, typer.Option(
        "--all-stories", help="Every story with --min-claims claims (large on a big desk).")]
    = False,
    since: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="With --all: stories active on or after this date.")]
    = None,
    until: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="With --all: stories active on or before this date.")]
    = None,
    fmt: Annotated[str, typer.Option("--format", help="text, md, html, json or claimreview.")]
    = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]
    = None,
    min_claims: Annotated[int, typer.Option(help="With --all: stories of this many claims.")]
    = 2,
    publisher_url: Annotated[str | None, typer.Option(
        envvar="VERIFIER_PUBLISHER_URL", show_envvar=True,
        help="ClaimReview: your base URL; each review's url is built from it.")] = None,
    org: Annotated[str | None, typer.Option(
        envvar="VERIFIER_ORG", show_envvar=True,
        help="ClaimReview: your organisation's name [default: the URL's host].")] = None,
    db: DbOption = None,
    scoring: ScoringOption = None,
) -> None:
    """A credibility report: stories with scores and reasons, articles, track records.

    Without --article, --story or --source it covers a selection of stories (--all): by
    default the reviewed ones; with --since/--until those with articles or verdicts in
    the range; with --all-stories every story. It is written a story at a time, so its
    size is bounded by the disk, not by memory.
    """
    from verifier.cli.claims import parse_date
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
    publisher = None
    if fmt == "claimreview":
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
                              matches=fmt != "text")  # the terminal's report does not show them
        _write(report, fmt, publisher, output)


def _write(report: Report, fmt: str, publisher: Publisher | None, output: Path | None) -> None:
    """Render the report to ``output`` (or stdout) a piece at a time."""
    if fmt == "text":
        from verifier.cli.plain import Terminal
        from verifier.cli.report_render import render_text

        if output is None:
            render_text(report, Terminal())
            return
        try:
            with output.open("w", encoding="utf-8") as handle:
                render_text(report, Terminal(handle, width=120, styled=False))
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        return
    from verifier.report import render_parts

    if output is None:
        for part in render_parts(report, fmt, publisher):
            # JSON escapes control characters; MD and HTML from articles may hold them
            sys.stdout.write(safe(part))
        sys.stdout.flush()
        return
    try:
        with output.open("w", encoding="utf-8") as handle:
            for part in render_parts(report, fmt, publisher):
                handle.write(part)
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None
    typer.echo(f"wrote {output}", err=True)


@app.command("calibrate")
def calibrate_command(
    bands: Annotated[int, typer.Option(help="Number of score bands.", min=1, max=20)] = 5,
    db: DbOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Compare the scores stories had when reviewed with their verdicts."""
    from verifier.scoring.calibrate import calibration
    from verifier.store.reading import open_reader
    from verifier.store.trackrecords import reviewed_scores

    with open_reader(db) as rows:
        result = calibration(reviewed_scores(rows), bands)
    if json_output:
        from verifier.cli.output import print_json

        print_json(result.to_dict())
        return
    from rich.table import Table

    if result.brier is None:
        console().print("No reviewed stories with a stored score yet (`verifier stories mark`).")
        return
    console().print(
        f"{result.count} reviewed stories; Brier score {result.brier:.3f} "
        "(0 is perfect; always saying 0.5 scores 0.25)"
    )
    table = Table(title="Reliability by score band")
    for column in ("band", "stories", "mean score", "share confirmed"):
        table.add_column(column, justify="right")
    for band in result.bands:
        table.add_row(
            f"{band.low:.1f}–{band.high:.1f}",
            str(band.count),
            "" if band.mean_score is None else f"{band.mean_score:.2f}",
            "" if band.confirmed_share is None else f"{band.confirmed_share:.2f}",
        )
    console().print(table)


def _source_id(rows: Rows, value: str) -> int:
    """The stored source a ``--source`` names: a registry id, name or alias, a stored key,
    or the row number ``sources show --json`` prints."""
    from verifier.config import sources_path
    from verifier.errors import InputError, NotFoundError
    from verifier.registry import load_registry
    from verifier.store.source_reads import find_outlet, source_row_id

    try:
        key = find_outlet(load_registry(sources_path(None)), value).id
    except InputError:
        key = value.strip()
    found = source_row_id(rows, key)
    if found is None and key.isdigit():
        found = int(key)
    if found is None:
        raise NotFoundError(f"no source {value!r} in the registry or the database")
    return found
