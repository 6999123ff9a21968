"""``verifier articles list|show``."""

from __future__ import annotations

from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption
from verifier.cli.shared import print_json

articles_app = typer.Typer(rich_markup_mode=None, help="Stored articles.", no_args_is_help=True)


@articles_app.command("list")
def list_command(
    outlet: Annotated[str | None, typer.Option(
        help='Outlet: registry id, name or alias (e.g. "The Guardian").')] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Articles, newest ingested first, with their claim counts."""
    from verifier.cli.reads import _outlet_key
    from verifier.errors import NotFoundError
    from verifier.store.articles import count_articles, list_articles
    from verifier.store.database import database_session
    from verifier.store.source_reads import source_row_id

    key = _outlet_key(outlet) if outlet is not None else None
    with database_session(db) as session:
        if key is not None and source_row_id(session, key) is None:
            raise NotFoundError(f"no outlet with id {key!r} in the database")
        rows = list_articles(session, outlet=key, limit=limit, offset=offset)
        total = count_articles(session, outlet=key) if not json_output else len(rows)
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    from verifier.cli import review_render

    review_render.articles_table(rows, total=total, offset=offset)


@articles_app.command("show")
def show_command(
    article_id: Annotated[int, typer.Argument(help="Article id.")],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """An article's details, its claims by sourcing kind and status, and its claims."""
    from verifier.store.articles import get_article
    from verifier.store.claims import list_claims
    from verifier.store.database import database_session  # get_article: ORM
    from verifier.store.queue_sql import ClaimFilter

    with database_session(db) as session:
        detail = get_article(session, article_id)
        claims = list_claims(
            session,
            ClaimFilter(status="any", article=article_id, sort="article", limit=10_000),
        )
    if json_output:
        print_json({**detail.to_dict(), "claims": [c.to_dict() for c in claims]})
        return
    from verifier.cli import review_render

    review_render.article_detail(detail, claims)
