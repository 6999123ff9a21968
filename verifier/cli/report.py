"""``verifier report``: stories, articles and track records as text, Markdown, HTML, JSON or
schema.org ClaimReview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verifier.cli import app
from verifier.cli.output import DbOption, console, make_console, safe
from verifier.cli.stories import ScoringOption, _weights
from verifier.errors import InputError, UsageError


@app.command("report")
def report_command(
    article: Annotated[int | None, typer.Option(help="One article.")] = None,
    story: Annotated[int | None, typer.Option(help="One story.")] = None,
    source: Annotated[str | None, typer.Option(
        metavar="ID|NAME", help="One source: registry id, name or alias, a stored source key, "
        "or its number in the database.")]
    = None,
    all_: Annotated[bool, typer.Option("--all", help="Everything (the default).")] = False,
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
    """A credibility report: stories with scores and reasons, articles, track records."""
    from verifier.report import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if all_ and any(x is not None for x in (article, story, source)):
        raise UsageError("--all cannot be combined with --article, --story or --source")
    publisher = None
    if fmt == "claimreview":
        from verifier.report.claimreview import publisher_from

        publisher = publisher_from(publisher_url, org)
    from verifier.report.model import build_report
    from verifier.store.database import database_session

    weights = _weights(scoring)
    with database_session(db) as session:
        source_id = None if source is None else _source_id(session, source)
        report = build_report(session, weights, article_id=article, story_id=story,
                              source_id=source_id, min_claims=min_claims)
    if fmt == "text":
        from verifier.report.terminal import render_terminal

        if output is None:
            render_terminal(report, console())
            return
        try:
            with output.open("w", encoding="utf-8") as handle:
                render_terminal(report, make_console(file=handle, width=120,
                                                     color_system=None))
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        return
    from verifier.report import render

    text = render(report, fmt, publisher)
    if output is None:
        typer.echo(safe(text), nl=False)  # JSON escapes control characters; MD and HTML not
        return
    try:
        output.write_text(text, encoding="utf-8")
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
    from verifier.scoring.calibrate import calibrate
    from verifier.store.database import database_session

    with database_session(db) as session:
        result = calibrate(session, bands)
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


def _source_id(session: object, value: str) -> int:
    """The stored source a ``--source`` names: a registry id, name or alias, a stored key,
    or the row number ``sources show --json`` prints."""
    from verifier.config import sources_path
    from verifier.errors import InputError, NotFoundError
    from verifier.registry import load_registry
    from verifier.store.desk import source_row_id
    from verifier.store.sources import find_outlet

    try:
        key = find_outlet(load_registry(sources_path(None)), value).id
    except InputError:
        key = value.strip()
    found = source_row_id(session, key)  # type: ignore[arg-type]
    if found is None and key.isdigit():
        found = int(key)
    if found is None:
        raise NotFoundError(f"no source {value!r} in the registry or the database")
    return found
