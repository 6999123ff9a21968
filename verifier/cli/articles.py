"""``verifier articles list|show|set|delete|orphaned``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from verifier.cli.output import ByOption, DbOption, JsonOption, SourcesOption
from verifier.cli.shared import print_json

articles_app = typer.Typer(
    rich_markup_mode=None, no_args_is_help=True,
    help="Stored articles: list, show, correct their outlet and date, delete one ingested "
         "by mistake (its verdicts kept: orphaned).",
)


@articles_app.command("list")
def list_command(
    outlet: Annotated[str | None, typer.Option(
        help='Outlet: registry id, name or alias (e.g. "The Guardian").')] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Articles, newest ingested first, with their claim counts."""
    from verifier.cli.reads import articles_list

    articles_list(outlet=outlet, limit=limit, offset=offset, db=db, json_output=json_output)


@articles_app.command("show")
def show_command(
    article_id: Annotated[int, typer.Argument(help="Article id.", min=1)],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """An article's details, its claims by sourcing kind and status, and its claims."""
    from verifier.store.article_reads import article_detail
    from verifier.store.claims import list_claims
    from verifier.store.queue_sql import ClaimFilter
    from verifier.store.reading import open_reader

    with open_reader(db) as rows:  # the stdlib driver on a SQLite file, else SQLAlchemy
        detail = article_detail(rows, article_id)
        claims = list_claims(
            rows,
            ClaimFilter(status="any", article=article_id, sort="article", limit=10_000),
        )
    if json_output:
        print_json({**detail.to_dict(), "claims": [c.to_dict() for c in claims]})
        return
    from verifier.cli import review_render

    review_render.article_detail(detail, claims)


def _edited_values(outlet: str | None, published: str | None, title: str | None,
                   url: str | None) -> dict[str, Any]:
    """The fields ``articles set`` was given, as the values to store (``none``/``unknown``:
    no outlet, no date); none given is bad usage."""
    from datetime import UTC, date, datetime, time

    from verifier.errors import UsageError

    values: dict[str, Any] = {}
    if outlet is not None:
        values["outlet"] = None if outlet.strip().lower() in {"", "none"} else outlet
    if published is not None:
        if published.strip().lower() in {"", "unknown", "none"}:
            values["published_at"] = None
        else:
            try:
                day = date.fromisoformat(published.strip())
            except ValueError:
                raise UsageError(f"--published: {published[:40]!r} is not a date "
                                 "(YYYY-MM-DD)") from None
            values["published_at"] = datetime.combine(day, time.min, UTC)
    if title is not None:
        values["title"] = title
    if url is not None:
        values["url"] = url or None
    if not values:
        raise UsageError("nothing to change: give --outlet, --published, --title or --url")
    return values


@articles_app.command("set")
def set_command(
    article_id: Annotated[int, typer.Argument(help="Article id.", min=1)],
    outlet: Annotated[str | None, typer.Option(
        help='Outlet: registry id, name or alias ("none": no outlet).')] = None,
    published: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help='Publication date ("unknown": no date).')] = None,
    title: Annotated[str | None, typer.Option(help="Title.")] = None,
    url: Annotated[str | None, typer.Option(help="Address (http or https).")] = None,
    by: ByOption = None,
    sources: SourcesOption = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Correct a stored article's outlet, publication date, title or address (ingesting the
    same text again with --outlet or --published is skipped: the text is already stored).

    Its claims' sources are resolved again against the new outlet; its stories' dates and
    scores, and the track records that move, are refreshed; the change is written to the
    audit log with the reviewer's name.
    """
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.config import sources_path
    from verifier.registry import load_registry
    from verifier.review.actions import edit
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_reviewer

    by = check_reviewer(by, "an article edit")
    values = _edited_values(outlet, published, title, url)
    registry = load_registry(sources_path(sources))
    if values.get("outlet"):
        from verifier.cli.shared import option_value
        from verifier.store.source_reads import find_outlet

        option_value(lambda: find_outlet(registry, values["outlet"]))
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            change = edit(session, article_id, registry, actor=by, **values)
        if change.changes:
            refresh_scores(database, weights_for(None))
    changes = {k: {"before": b, "after": a} for k, (b, a) in change.changes.items()}
    if json_output:
        print_json({"article": article_id, "changes": changes})
        return
    if not changes:
        typer.echo(f"article {article_id} unchanged: it already has these values")
        return
    from verifier.cli.shared import safe

    def shown(field: str, value: str | None) -> str:
        if value is None:
            return "unknown" if field == "published_at" else "-"
        return safe(value[:10] if field == "published_at" else value)

    parts = [f"{_FIELDS.get(k, k)} {shown(k, b)} -> {shown(k, a)}"
             for k, (b, a) in change.changes.items()]
    typer.echo(f"article {article_id} updated: " + "; ".join(parts))


_FIELDS = {"published_at": "published"}


def _confirm_delete(question: str) -> None:
    """Ask before deleting; a no, or no answer at all (no one at a terminal: the input
    ended), is one line that nothing was deleted and exit 1 (click's "Aborted!" said
    neither what was kept nor how to go on without a terminal)."""
    import sys

    try:
        yes = typer.confirm(question)
    except typer.Abort:
        yes = False
        typer.echo("", err=True)  # the question's line ended
    if not yes:
        typer.echo("verifier: not deleted: nothing was changed (give --yes to delete without "
                   "being asked)", err=True)
        sys.stdout.flush()
        raise typer.Exit(1)


@articles_app.command("delete")
def delete_command(
    article_id: Annotated[int, typer.Argument(help="Article id.", min=1)],
    reason: Annotated[str | None, typer.Option(help="Why it is deleted (required).")] = None,
    by: ByOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm.")] = False,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Delete an article ingested by mistake, with its claims (the desk's *Delete*).

    Nothing of the review history goes: the verdicts on its claims are kept as orphaned
    (`verifier articles orphaned`, the desk's *Orphaned* page), and a story it leaves
    with no claim is kept as `emptied`, with its verdict history (`verifier stories list
    --status emptied`, `verifier stories show ID`). The deletion is written to the audit
    log.
    """
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import plural, safe, weights_for
    from verifier.errors import UsageError
    from verifier.review.actions import delete
    from verifier.review.names import article_label
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_reviewer

    by = check_reviewer(by, "an article's deletion")
    if reason is None or not reason.strip():
        raise UsageError("--reason: say why the article is deleted")
    with open_database(db, create=False) as database:
        if not yes:
            from verifier.store.articles import get_article

            with database.session_scope(write=False) as session:
                detail = get_article(session, article_id)
            label = article_label(detail.summary.title, detail.summary.path)
            _confirm_delete(f"Delete article {article_id} ({safe(label)}) and its claims?")
        with database.session_scope() as session:
            done = delete(session, article_id, actor=by, reason=reason)
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"article": article_id, "claims": done.claims,
                    "orphaned_verdicts": done.orphaned, "emptied_stories": list(done.emptied)})
        return
    lines = [f"deleted article {article_id} and its {plural(done.claims, 'claim')}"]
    if done.orphaned:
        lines.append(f"{plural(done.orphaned, 'verdict')} on them kept as orphaned "
                     "(`verifier articles orphaned`)")
    if done.emptied:
        ids = ", ".join(map(str, done.emptied))
        lines.append(f"{plural(len(done.emptied), 'story', 'stories')} left with no claim "
                     f"kept as emptied, with their verdict history: {ids} (`verifier stories "
                     "list --status emptied`)")
    typer.echo("; ".join(lines))


@articles_app.command("orphaned")
def orphaned_command(
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 200,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Verdicts on claims whose article was deleted, newest first, with what was deleted,
    by whom and why: kept, never silently lost (the desk's *Orphaned* page)."""
    from verifier.cli.reads import articles_orphaned

    articles_orphaned(limit=limit, db=db, json_output=json_output)
