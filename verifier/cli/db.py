"""``verifier db upgrade|current|history``: explicit control over the schema."""

from __future__ import annotations

import typer

from verifier.cli import app
from verifier.cli.output import DbOption, JsonOption, print_json

db_app = typer.Typer(
    help="Create, migrate and inspect the database (ingest also migrates on first write).",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade_command(db: DbOption = None) -> None:
    """Create the database if needed and migrate it to this verifier's schema."""
    from verifier.store.database import open_database

    with open_database(db) as database:
        typer.echo(f"{database.name}: at schema revision {database.revision()} (newest)")


@db_app.command("current")
def current_command(db: DbOption = None, json_output: JsonOption = False) -> None:
    """Show the database's schema revision and whether it is up to date."""
    from verifier.store.database import history, open_database
    from verifier.store.schema import SCHEMA_REVISION

    with open_database(db, create=False, migrate=False) as database:
        revision = database.revision()
    known = {r.revision for r in history()}
    if revision == SCHEMA_REVISION:
        state = "up to date"
    elif revision is None:
        state = "empty: run `verifier db upgrade`"
    elif revision in known:
        state = "out of date: run `verifier db upgrade`"
    else:
        state = "newer than this verifier: upgrade verifier"
    if json_output:
        print_json({"database": database.name, "revision": revision,
                    "head": SCHEMA_REVISION, "state": state})
    else:
        typer.echo(f"{database.name}: revision {revision or 'none'} ({state})")


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
