"""``verifier articles list|show``."""

from __future__ import annotations

from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption
from verifier.cli.shared import print_json

articles_app = typer.Typer(rich_markup_mode=None, help="Stored articles.", no_args_is_help=True)


@articles_app.command("list")
def list_command(
    outlet: Annotated[str | None, typer.Option(help="Outlet id (registry id).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Articles, newest ingested first, with their claim counts."""
    from verifier.store.articles import list_articles
    from verifier.store.database import database_session

    with database_session(db) as session:
        rows = list_articles(session, outlet=outlet, limit=limit, offset=offset)
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    from verifier.cli import review_render

    review_render.articles_table(rows)


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
