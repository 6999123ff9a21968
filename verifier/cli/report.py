"""``verifier report``: stories, articles and track records as text, Markdown, HTML, JSON or
schema.org ClaimReview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import DbOption, JsonOption, ScoringOption
from verifier.cli.shared import console

if TYPE_CHECKING:
    pass


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("report")
def report_command(
    article: Annotated[int | None, typer.Option(help="One article.", min=1)] = None,
    story: Annotated[int | None, typer.Option(help="One story.", min=1)] = None,
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
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.",
                                                             readable=False)]
    = None,
    min_claims: Annotated[int, typer.Option(help="With --all: stories of this many claims.")]
    = 2,
    publisher_url: Annotated[str | None, typer.Option(
        envvar="VERIFIER_PUBLISHER_URL", show_envvar=True,
        help="ClaimReview: your base URL; each review's url is built from it (an HTML "
        "report then embeds the reviews as JSON-LD too).")] = None,
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
    from verifier.cli import reads

    reads.report(article, story, source, all_, all_stories, since, until, fmt, output, min_claims,
                 publisher_url, org, db, scoring)


@app.command("calibrate")
def calibrate_command(
    bands: Annotated[int, typer.Option(help="Number of score bands.", min=1, max=20)] = 5,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Compare the scores stories had when reviewed with their verdicts."""
    from verifier.scoring.calibrate import calibration
    from verifier.store.reading import open_reader
    from verifier.store.trackrecords import reviewed_scores

    with open_reader(db) as rows:
        result = calibration(reviewed_scores(rows), bands)
    if json_output:
        from verifier.cli.shared import print_json

        print_json(result.to_dict())
        return
    from rich.table import Table

    if result.brier is None:
        console().print("No reviewed stories with a stored score yet (`verifier stories mark`).")
        return
    console().print(
        f"{result.count} reviewed {'story' if result.count == 1 else 'stories'}; "
        f"Brier score {result.brier:.3f} "
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


