"""Consoles and shared options for the command modules."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="VERIFIER_DB",
        help="Database path or SQLAlchemy URL [default: ./verifier.db].",
        show_envvar=True,
    ),
]
SourcesOption = Annotated[
    str | None,
    typer.Option(
        "--sources",
        envvar="VERIFIER_SOURCES",
        help="Source registry file [default: ./sources.yaml, else the packaged copy].",
        show_envvar=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for other programs.")]


@cache
def console() -> Console:
    """The stdout console (imported lazily; Rich is not needed for ``--help``)."""
    from rich.console import Console

    return Console(highlight=False)


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def print_json(data: object) -> None:
    """JSON to stdout, UTF-8, stable key order as given."""
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def safe(text: str) -> str:
    """``text`` fit for the terminal: control characters (but newline and tab) removed."""
    from verifier.textsafe import printable

    return printable(text)
