"""Consoles and shared options for the command modules."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment

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
ByOption = Annotated[
    str | None,
    typer.Option("--by", envvar="VERIFIER_REVIEWER", show_envvar=True,
                 help="Reviewer's name (required)."),
]


def make_console(**options: Any) -> Console:
    """A Rich console that cannot be steered by the text it prints: Rich markup in strings
    is off, and every segment of text (not Rich's own styling codes) passes through
    ``verifier.textsafe.printable``, so an article's escape sequences never reach the
    terminal. Every console of the CLI is made here."""
    from rich.console import Console
    from rich.segment import Segment

    from verifier.textsafe import printable

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(printable(segment.text),
                                                        segment.style, None)
                for segment in buffer
            )

    options.setdefault("highlight", False)
    options.setdefault("markup", False)
    return SafeConsole(**options)


@cache
def console() -> Console:
    """The stdout console (imported lazily; Rich is not needed for ``--help``)."""
    return make_console()


@cache
def err_console() -> Console:
    return make_console(stderr=True)


def print_json(data: object) -> None:
    """JSON to stdout, UTF-8, stable key order as given."""
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def safe(text: str) -> str:
    """``text`` fit for the terminal: control characters (but newline and tab) removed."""
    from verifier.textsafe import printable

    return printable(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 claim``, ``2 claims`` (``many`` for an irregular plural: ``1 story``, ``2 stories``)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
