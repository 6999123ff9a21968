"""The Typer options the command modules share, and the helpers that rescore after a write.
Consoles, output and the scoring weights' helpers are in ``verifier.cli.shared``, which
needs no Typer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.commands import not_empty
from verifier.cli.shared import NOTE_FROM, err_console

if TYPE_CHECKING:
    from verifier.scoring.weights import Weights
    from verifier.store.database import Database

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        envvar="VERIFIER_DB",
        help="Database path or SQLAlchemy URL [default: ./verifier.db].",
        show_envvar=True,
        callback=not_empty,
    ),
]
SourcesOption = Annotated[
    str | None,
    typer.Option(
        "--sources",
        metavar="FILE",
        envvar="VERIFIER_SOURCES",
        help="Source registry file [default: ./sources.yaml, else the packaged copy].",
        show_envvar=True,
        callback=not_empty,
    ),
]
ScoringOption = Annotated[
    str | None,
    typer.Option("--scoring", metavar="FILE", envvar="VERIFIER_SCORING", show_envvar=True,
                 callback=not_empty,
                 help="Scoring weights to change: a file of only the keys it changes, "
                      "merged over the packaged scoring.yaml (`verifier scoring show`)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for other programs.")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME", envvar="VERIFIER_REVIEWER", show_envvar=True,
                 help="Reviewer's name (required)."),
]


#: After a write, rescore stories whose sources' track records moved for this long at most.
REFRESH_BUDGET_S = 3.0


def refresh_scores(database: Database, weights: Weights, *, everything: bool = False) -> None:
    """After a write: rescore the stories it changed, then those whose sources' track
    records moved, for up to ``REFRESH_BUDGET_S`` (``everything``: all); says on stderr
    when many are rescored and when some are left for later."""
    from verifier.store.stories import count_awaiting
    from verifier.stories.scores import refresh

    def started(count: int) -> None:
        if count >= NOTE_FROM:
            err_console().print(f"rescoring up to {count} stories (their evidence, the "
                                "weights or their sources' track records changed) ...",
                                markup=False)

    refresh(database, weights, budget_s=None if everything else REFRESH_BUDGET_S,
            on_start=started)
    with database.session_scope(write=False) as session:
        left = count_awaiting(session)
    if left:
        err_console().print(f"{left} stories keep their previous score until rescored "
                            "(`verifier stories rescore`; ingest does it too)", markup=False)


