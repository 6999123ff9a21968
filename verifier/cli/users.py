"""``verifier users add|list|disable|enable|reset-password|role|sign-out|unlock``: desk
accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption
from verifier.errors import UsageError

users_app = typer.Typer(
    rich_markup_mode=None,
    help=("Desk accounts for `verifier serve`: add, list, disable, enable, reset-password, "
          "role, sign-out, unlock."),
    no_args_is_help=True,
)

NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="The account's name.")]
StdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]
ROLE_HELP = "viewer (reads), reviewer (marks, corrects), editor (also articles, registry), admin."


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:  # nothing piped in, not an empty line
            raise UsageError("no password on standard input (--password-stdin reads its "
                             "first line)")
        password = line.rstrip("\r\n")
    else:
        import getpass

        if not _terminal():  # getpass would warn twice, then read stdin with echo
            raise UsageError("no terminal to ask the password on (use --password-stdin in "
                             "scripts)")
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password again: ")
        except EOFError:
            raise UsageError("no password given (use --password-stdin in scripts)") from None
        if password != again:
            raise UsageError("the passwords differ")
    from verifier.passwords import check_password

    check_password(password)
    return password


def _terminal() -> bool:
    """Whether a password can be asked without echo: a controlling terminal (POSIX), or
    standard input is one."""
    import os

    if os.name != "posix":
        return sys.stdin.isatty()
    try:
        handle = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return sys.stdin.isatty()
    os.close(handle)
    return True


def _actor() -> str:
    import getpass
    import os

    return f"cli:{os.environ.get('VERIFIER_REVIEWER') or getpass.getuser()}"


@users_app.command("add")
def add_command(
    name: NameArgument,
    role: Annotated[str, typer.Option(help=ROLE_HELP)] = "reviewer",
    password_stdin: StdinOption = False,
    db: DbOption = None,
) -> None:
    """Create an account (the password is asked for twice, or read with --password-stdin)."""
    from verifier.review.accounts import create
    from verifier.store.database import database_session
    from verifier.store.users import check_role, check_user_name

    check_user_name(name)  # before the password is asked for, not after it is typed twice
    check_role(role)
    password = _password(password_stdin)
    with database_session(db, write=True, create=True) as session:
        user = create(session, name, role, password, actor=_actor())
    typer.echo(f"added user {user.name} ({user.role})")


@users_app.command("list")
def list_command(db: DbOption = None, json_output: JsonOption = False) -> None:
    """Every account with its role and whether it is disabled."""
    from verifier.cli.reads import users_list

    users_list(db=db, json_output=json_output)


@users_app.command("disable")
def disable_command(name: NameArgument, db: DbOption = None) -> None:
    """Stop an account from signing in and end its sessions (its history stays)."""
    from verifier.review.accounts import disable
    from verifier.store.database import database_session

    with database_session(db, write=True) as session:
        disable(session, name, actor=_actor())
    typer.echo(f"disabled user {name}")


@users_app.command("enable")
def enable_command(name: NameArgument, db: DbOption = None) -> None:
    """Let a disabled account sign in again."""
    from verifier.review.accounts import disable
    from verifier.store.database import database_session

    with database_session(db, write=True) as session:
        disable(session, name, actor=_actor(), disabled=False)
    typer.echo(f"enabled user {name}")


@users_app.command("reset-password")
def reset_password_command(
    name: NameArgument, password_stdin: StdinOption = False, db: DbOption = None
) -> None:
    """Set a new password (signs the account out everywhere)."""
    from verifier.review.accounts import reset_password
    from verifier.store.database import database_session

    password = _password(password_stdin)
    with database_session(db, write=True) as session:
        reset_password(session, name, password, actor=_actor())
    typer.echo(f"new password set for {name}")


@users_app.command("role")
def role_command(
    name: NameArgument,
    role: Annotated[str, typer.Argument(metavar="ROLE", help=ROLE_HELP)],
    db: DbOption = None,
) -> None:
    """Change an account's role."""
    from verifier.review.accounts import change_role
    from verifier.store.database import database_session

    with database_session(db, write=True) as session:
        user = change_role(session, name, role, actor=_actor())
    typer.echo(f"{user.name} is now {user.role}")


@users_app.command("sign-out")
def sign_out_command(name: NameArgument, db: DbOption = None) -> None:
    """End every desk session of an account, on every device (a lost laptop); it signs in
    again with the same password."""
    from verifier.review.accounts import sign_out_everywhere
    from verifier.store.database import database_session

    with database_session(db, write=True) as session:
        sign_out_everywhere(session, name, actor=_actor())
    typer.echo(f"signed {name} out everywhere")


@users_app.command("unlock")
def unlock_command(
    name: Annotated[str | None, typer.Argument(
        metavar="[NAME]", help="The account whose lock to lift.", show_default=False)] = None,
    address: Annotated[str | None, typer.Option(
        "--address", metavar="IP", help="Lift a client address's lock instead (five failed "
        "sign-ins from it, under any names, in 15 minutes lock it).")] = None,
    db: DbOption = None,
) -> None:
    """Lift the sign-in lock on an account (five failed sign-ins under its name in 15
    minutes lock it, whoever typed them) or, with --address, on a client address; audited.
    Each lock is lifted on its own: unlocking a name leaves the address's lock, and the
    other way round."""
    from verifier.review.accounts import unlock, unlock_address
    from verifier.store.database import database_session

    if (name is None) == (address is None):
        raise UsageError("give an account NAME or --address IP (one of them)")
    if address is not None:
        from verifier.review.accounts import check_address

        written = check_address(address)  # refused before the database is opened
        with database_session(db, write=True) as session:
            written, had = unlock_address(session, written, actor=_actor())
        typer.echo(f"unlocked address {written}" if had
                   else f"address {written} had no failed sign-ins to forget")
        return
    assert name is not None
    with database_session(db, write=True) as session:
        user, had = unlock(session, name, actor=_actor())
    typer.echo(f"unlocked {user.name}" if had
               else f"{user.name} had no failed sign-ins to forget")
