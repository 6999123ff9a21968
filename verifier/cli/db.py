"""``verifier db upgrade|rebuild|current|verify|history``: explicit control over the schema."""

from __future__ import annotations

from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption
from verifier.cli.shared import print_json

db_app = typer.Typer(rich_markup_mode=None,
    help="Create, migrate and inspect the database (ingest also migrates on first write).",
    no_args_is_help=True,
)


@db_app.command("upgrade")
def upgrade_command(db: DbOption = None) -> None:
    """Create the database if needed and migrate it to this verifier's schema (and count the
    sources' track records again when the kept counts are stale)."""
    from verifier.store.database import open_database
    from verifier.store.trackrecords import keep_counts

    with open_database(db) as database:
        with database.session_scope() as session:
            keep_counts(session)
        typer.echo(f"{database.name}: at schema revision {database.revision()} (newest)")


@db_app.command("rebuild")
def rebuild_command(db: DbOption = None) -> None:
    """Count the sources' track records again from the verdicts and the stories' member
    counts and dates from their members, and keep them (what `db verify` asks for when the
    kept counts disagree)."""
    from verifier.store.database import open_database
    from verifier.store.grouping import recount_story_facts
    from verifier.store.trackrecords import keep_counts

    with open_database(db, create=False) as database, database.session_scope() as session:
        counts = keep_counts(session, force=True)
        stories = recount_story_facts(session)
    typer.echo(f"{database.name}: track records counted again ({len(counts)} sources with "
               f"verdicts); {stories} stories' member counts and dates counted again")


@db_app.command("current")
def current_command(db: DbOption = None, json_output: JsonOption = False) -> None:
    """Show the database's schema revision and whether it is up to date (exit 1 if not)."""
    from verifier.store.database import history, open_database
    from verifier.store.schema import SCHEMA_REVISION

    with open_database(db, create=False, migrate=False) as database:
        rows = database.revisions()
    known = {r.revision for r in history()}
    revision = rows[0] if len(rows) == 1 else None
    if len(rows) > 1:
        state = (f"inconsistent: alembic_version holds {len(rows)} rows "
                 f"({', '.join(rows)}); run `verifier db verify`")
    elif revision == SCHEMA_REVISION:
        state = "up to date"
    elif revision is None:
        state = "empty: run `verifier db upgrade`"
    elif revision in known:
        state = "out of date: run `verifier db upgrade`"
    else:
        state = f"unknown revision {revision} (newer than this verifier, or not one of its own)"
    if json_output:
        print_json({"database": database.name, "revision": revision, "rows": rows,
                    "head": SCHEMA_REVISION, "state": state})
    else:
        typer.echo(f"{database.name}: revision {revision or 'none'} ({state})")
    if len(rows) > 1 or (revision is not None and revision not in known):
        raise typer.Exit(1)


@db_app.command("verify")
def verify_command(
    db: DbOption = None,
    expect_head: Annotated[str | None, typer.Option(
        "--expect-head", metavar="HASH",
        help="The history head hash you noted earlier: fail unless the log still leads to it.",
    )] = None,
    json_output: JsonOption = False,
) -> None:
    """Check the database: schema revision, append-only triggers, the history hash chain,
    every claim's and story's status against its verdicts, the kept track records against
    the verdicts, claims in no story, verdicts standing on sentences read as not a claim
    and rows whose parent is gone. Prints each problem found; exit 1 if there is any."""
    from verifier.store.database import open_database, translate_errors
    from verifier.store.integrity import verify_database

    with open_database(db, create=False, migrate=False) as database, translate_errors(
            database.name):  # not a database at all: one line, as every command says it
        report = verify_database(database, expect_head=expect_head)
    if json_output:
        print_json(report.to_dict())
    else:
        from verifier.cli.shared import safe

        for check in report.checks:
            mark = "ok  " if not check.problems else "FAIL"
            typer.echo(safe(f"{mark} {check.name}: {check.summary}"))
            for problem in check.problems:
                typer.echo(safe(f"     - {problem}"))
        verdict = "no problems found" if report.ok else f"{report.problem_count} problem(s)"
        typer.echo(f"{database.name}: {verdict}")
    if not report.ok:
        raise typer.Exit(1)


@db_app.command("history")
def history_command(json_output: JsonOption = False) -> None:
    """List the migrations this verifier ships, newest first."""
    from verifier.store.database import history

    revisions = history()
    if json_output:
        print_json([
            {"revision": r.revision, "down_revision": r.down_revision,
             "message": r.message, "head": r.is_head}
            for r in revisions
        ])
        return
    for r in revisions:
        head = " (head)" if r.is_head else ""
        typer.echo(f"{r.down_revision or '<base>'} -> {r.revision}{head}: {r.message}")
