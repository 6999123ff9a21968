"""The ``verifier`` Typer application: the root group, its options, and the commands of
``verifier.cli.commands.LAZY`` loaded when used. Errors raised as ``VerifierError`` become
one line on stderr and the error's exit code, here, in one place."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from verifier import __version__
from verifier.cli.commands import (
    DB_HELP,
    EPILOG,
    HELP,
    LAZY,
    MAX_INTEGER,
    SOURCES_HELP,
    TOO_LARGE,
    VERSION_HELP,
    not_empty,
    refuse_empty,
)
from verifier.errors import ExitCode, InputWarning, VerifierError
from verifier.textsafe import one_line

try:  # Typer 0.2x carries its own copy of click
    from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption, UsageError
except ImportError:  # pragma: no cover - a Typer on the installed click
    from click.exceptions import (  # type: ignore[assignment]
        NoArgsIsHelpError,
        NoSuchOption,
        UsageError,
    )


@cache
def lazy_command(name: str) -> Any:
    """The click command ``name`` of ``LAZY``, built from its module (None if unknown); once
    per process: building a group's parameters reads every command's type hints, which
    costs more than most commands' work when one process runs many (the web desk's tests,
    ``CliRunner``). A command group builds only the subcommands it is asked for."""
    if name not in LAZY:
        return None
    import importlib

    module, attribute, _ = LAZY[name]
    typer_app = getattr(importlib.import_module(module), attribute)
    if attribute != "app":  # a command group, even of one command
        return lazy_group(typer_app, name)
    info = _infos(typer_app).get(name)  # a module's own top-level commands
    return None if info is None else _build(typer_app, info)


def _infos(typer_app: typer.Typer) -> dict[str, Any]:
    """A Typer's registered commands by name, in their order."""
    from typer.main import get_command_name

    return {info.name or get_command_name(getattr(info.callback, "__name__", "")): info
            for info in typer_app.registered_commands}


def _build(typer_app: typer.Typer, info: Any) -> Any:
    """One registered command as click's (what ``typer.main.get_group`` builds of each)."""
    from typer.main import get_command_from_info

    from verifier.cli.metavars import plain

    return refuse_empty(plain(get_command_from_info(
        info, pretty_exceptions_short=typer_app.pretty_exceptions_short,
        rich_markup_mode=typer_app.rich_markup_mode)))


class LazyGroup(TyperGroup):
    """A command group whose subcommands are built when first asked for (``stories list``
    builds ``list``, not the nine others; help and completion build them all)."""

    typer_app: typer.Typer
    infos: dict[str, Any]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.infos)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in self.commands and name in self.infos:
            self.commands[name] = _build(self.typer_app, self.infos[name])
        return self.commands.get(name)


def lazy_group(typer_app: typer.Typer, name: str) -> LazyGroup:
    """``typer.main.get_group(typer_app)`` named ``name``, its subcommands built lazily."""
    if typer_app.registered_groups:
        raise TypeError(f"{name}: a lazy group holds commands only")
    saved = typer_app.registered_commands, typer_app.info.cls
    # the group alone (its callback, help and options), of this class
    typer_app.registered_commands, typer_app.info.cls = [], LazyGroup
    try:
        group = typer.main.get_group(typer_app)
    finally:
        typer_app.registered_commands, typer_app.info.cls = saved
    assert isinstance(group, LazyGroup)
    group.typer_app = typer_app
    group.infos = _infos(typer_app)
    group.name = name
    from verifier.cli.metavars import plain

    return refuse_empty(plain(group))

__all__ = ["MAX_INTEGER", "LazyGroup", "VerifierGroup", "app", "lazy_command", "lazy_group"]


#: click's words for a value of the wrong type, in a reader's.
_CLICK_WORDS = (("is not a valid int.", "is not a whole number."),
                ("is not a valid integer.", "is not a whole number."),
                ("is not a valid int range.", "is not a whole number."),  # an id (min=1)
                ("is not a valid float.", "is not a number."))


#: click's words for an id below 1 (every id parameter is declared with ``min=1``).
_BELOW_ONE = re.compile(r"(-?[0-9]+) is not in the range x>=1\b")


def _usage_error(error: UsageError, argv: list[str] | None = None) -> NoReturn:
    """A mistyped command line as one line on stderr, with where its help is, and exit 2
    (click wrote three: the usage, a hint, the error). A group called with nothing after
    it still shows its help."""
    if isinstance(error, NoArgsIsHelpError):
        raise error
    message = error.format_message()
    typed = getattr(error, "option_name", None) if isinstance(error, NoSuchOption) else None
    if typed is not None and typed[1:].isdigit():  # `claims show -5`: a negative id
        message = f"{typed} is not an id: ids are whole numbers from 1"
    below = _BELOW_ONE.search(message)
    if below is not None:  # `claims show 0`, `--story 0`, `claims show -- -5`: an id (min=1)
        message = f"{below.group(1)} is not an id: ids are whole numbers from 1"
    for said, meant in _CLICK_WORDS:
        message = message.replace(said, meant)
    where = error.ctx.command_path if error.ctx is not None else "verifier"
    if typed is not None and (error.ctx is None or error.ctx.parent is None):
        message = _after_the_command(typed, argv or []) or message
    typer.echo(one_line(f"verifier: error: {message.rstrip('.')} (see `{where} --help`)"),
               err=True)
    raise typer.Exit(error.exit_code)


def _after_the_command(option: str, argv: list[str]) -> str | None:
    """For an option given before the command that only commands take (``verifier --scoring
    F report``): that it goes after the command, the one typed when it takes it, else which
    commands do; None if none takes it."""
    takers: list[str] = []
    for name in sorted(LAZY):
        command = lazy_command(name)
        children = ([(f"{name} {sub}", command.get_command(None, sub))
                     for sub in command.list_commands(None)]
                    if hasattr(command, "list_commands") else [(name, command)])
        takers += [path for path, child in children
                   if child is not None and any(option in p.opts for p in child.params)]
    if not takers:
        return None
    typed = " ".join(argv)
    here = [path for path in takers if f" {path} " in f" {typed} "]
    if here:
        return (f"{option} goes after the command: `verifier {here[0]} {option} ...` (only "
                "--db and --sources go either side of it)")
    shown = ", ".join(f"`verifier {path}`" for path in takers[:4])
    more = f" and {len(takers) - 4} more" if len(takers) > 4 else ""
    return (f"{option} goes after the command, not before it (only --db and --sources go "
            f"either side); it is an option of {shown}{more}")


class VerifierGroup(TyperGroup):
    """A command group that turns ``VerifierError`` and Ctrl-C into a one-line message, and
    loads the commands of ``LAZY`` only when they are used."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY))

    def get_command(self, ctx: Any, name: str) -> Any:
        return super().get_command(ctx, name) or lazy_command(name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list from ``LAZY``'s help lines (without loading every command)."""
        rows = [(name, LAZY[name][2]) for name in sorted(LAZY)]
        for name in super().list_commands(ctx):
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows))

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as error:  # the root's own options
            _usage_error(error, list(args))
        except VerifierError as error:  # a root option's value refused (an empty --db)
            typer.echo(one_line(f"verifier: error: {error}"), err=True)
            raise typer.Exit(int(error.exit_code)) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            with _input_warnings():
                return super().invoke(ctx)
        except UsageError as error:  # a command's arguments or options, or its name
            _usage_error(error)
        except VerifierError as error:
            typer.echo(one_line(f"verifier: error: {error}"), err=True)
            raise typer.Exit(int(error.exit_code)) from None
        except OverflowError:
            # SQLite binds integers as signed 64-bit: a larger id, --limit or --offset.
            typer.echo(TOO_LARGE, err=True)
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except KeyboardInterrupt:
            typer.echo("verifier: interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


@contextmanager
def _input_warnings() -> Iterator[None]:
    """An ``InputWarning`` raised while a command runs as one line on stderr,
    ``verifier: warning: ...`` (each time: every file's own), other warnings as Python
    shows them."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any,
                 **kwargs: Any) -> None:
            if issubclass(category, InputWarning):
                typer.echo(one_line(f"verifier: warning: {message}"), err=True)
            else:
                shown(message, category, *args, **kwargs)

        warnings.showwarning = show
        yield


app = typer.Typer(
    cls=VerifierGroup,
    name="verifier",
    help=HELP,
    epilog=EPILOG,
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
        False, "--version", callback=_version, is_eager=True, help=VERSION_HELP
    ),
    db: str | None = typer.Option(
        None, "--db", metavar="PATH|URL", help=DB_HELP, callback=not_empty,
    ),
    sources: str | None = typer.Option(
        None, "--sources", metavar="FILE", help=SOURCES_HELP, callback=not_empty,
    ),
) -> None:
    """Source credibility and claim verification for fact-checkers."""  # = HELP
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


def run() -> None:
    """Run the application on ``sys.argv`` (``verifier.cli.main``)."""
    try:
        app()
    except VerifierError as error:  # raised outside a command (e.g. while parsing)
        print(one_line(f"verifier: error: {error}"), file=sys.stderr)
        sys.exit(int(error.exit_code))
