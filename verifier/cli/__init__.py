"""The ``verifier`` command: a thin Typer layer over the core library.

Each command module parses options, calls one core function and renders the result. Errors
raised as ``VerifierError`` become one line on stderr and the error's exit code, here, in one
place. Command modules import heavy libraries (SQLAlchemy, the analyser) inside the command
functions so ``verifier --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from verifier import __version__
from verifier.errors import ExitCode, VerifierError
from verifier.textsafe import printable


class VerifierGroup(TyperGroup):
    """A command group that turns ``VerifierError`` and Ctrl-C into a one-line message."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except VerifierError as error:
            typer.echo(printable(f"verifier: error: {error}"), err=True)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("verifier: interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


app = typer.Typer(
    cls=VerifierGroup,
    name="verifier",
    help="Source credibility and claim verification for fact-checkers.",
    epilog="Exit codes: 0 ok; 1 some inputs failed; 2 bad usage; 3 unreadable input; "
    "4 invalid registry, lexicon or scoring file; 5 database error; 6 unknown id; "
    "130 interrupted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"verifier {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    db: str | None = typer.Option(
        None, "--db", metavar="PATH|URL",
        help="Database for every command (also accepted after the command; $VERIFIER_DB).",
    ),
    sources: str | None = typer.Option(
        None, "--sources", metavar="FILE",
        help="Source registry for every command (also after the command; $VERIFIER_SOURCES).",
    ),
) -> None:
    """Source credibility and claim verification for fact-checkers."""
    import os

    for name, value in (("VERIFIER_DB", db), ("VERIFIER_SOURCES", sources)):
        if value is None:
            continue
        before = os.environ.get(name)
        os.environ[name] = value  # the commands' --db/--sources read it when not given

        def restore(name: str = name, before: str | None = before) -> None:
            if before is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = before

        ctx.call_on_close(restore)


def _register() -> None:
    from verifier.cli import commands  # noqa: F401  (registers every command on ``app``)


def main() -> None:
    """Console-script entry point."""
    _register()
    try:
        app()
    except VerifierError as error:  # raised outside a command (e.g. while parsing)
        print(printable(f"verifier: error: {error}"), file=sys.stderr)
        sys.exit(int(error.exit_code))


_register()
