"""``verifier labels export``: reviewed labels as ``*.labels.jsonl`` for ``verifier eval``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verifier.cli.output import DbOption

labels_app = typer.Typer(
    rich_markup_mode=None, help="Reviewed labels: export.", no_args_is_help=True
)


@labels_app.command("export")
def export_command(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Directory to write to.",
                                                      readable=False)],
    article: Annotated[list[int] | None, typer.Option(
        "--article", metavar="ID", min=1, help="Export this article (repeatable) [default: every "
        "article a reviewer corrected].")] = None,
    db: DbOption = None,
) -> None:
    """Write DIR/reviewed.labels.jsonl (the labelling guide's format: reviewers' corrections,
    the analyser's labels for the untouched sentences of the same articles) and
    DIR/texts/<doc>.txt. Measure the analyser on them with
    `verifier eval DIR/reviewed.labels.jsonl --texts DIR/texts`.
    """
    from verifier.review.labels import export_labels
    from verifier.store.database import database_session

    with database_session(db) as session:
        summary = export_labels(session, directory, article)
    articles = "article" if summary.articles == 1 else "articles"
    sentences = "sentence" if summary.sentences == 1 else "sentences"
    typer.echo(f"wrote {summary.labels}: {summary.sentences} {sentences} of {summary.articles} "
               f"{articles} ({summary.corrected} corrected by reviewers); texts in "
               f"{summary.texts}")
