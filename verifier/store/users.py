"""Desk accounts: add, list, disable, reset a password, and look one up to sign in.

Roles, weakest first: ``viewer`` (reads), ``reviewer`` (marks, retracts, corrects, edits
stories), ``editor`` (also edits and deletes articles and the registry), ``admin`` (also
manages users). Passwords arrive hashed (``verifier.passwords``); nothing here sees one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.limits import check_length
from verifier.store.models import User
from verifier.store.user_reads import ROLES as ROLES
from verifier.store.user_reads import UserRecord as UserRecord
from verifier.store.user_reads import user_list


def _record(row: User) -> UserRecord:
    return UserRecord(row.id, row.name, row.role, row.disabled, row.created_at,
                      row.password_changed_at, row.signed_out_at)


def check_role(role: str) -> None:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (choose from {', '.join(ROLES)})")


def check_user_name(name: str) -> None:
    """``UsageError`` for a name no account can have (too long, or a character a name
    does not take); said before a password is asked for."""
    from verifier.textsafe import account_name_problem, printable

    check_length("user name", name)
    problem = account_name_problem(name)
    if problem is not None:
        raise UsageError(f"{printable(repr(name))} is not a user name: {problem}")


def add_user(session: Session, name: str, role: str, password_hash: str) -> UserRecord:
    """Create an account; ``UsageError`` for a bad name or role or a name already taken."""
    from verifier.textsafe import lookalike_reason

    check_user_name(name)
    check_role(role)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise UsageError(f"a user named {name!r} already exists")
    # "Admin" beside "admin", "adrnin" or "adm1n" beside it: one reads as the other in the
    # audit log, a verdict's reviewer or the Users page
    for other in session.scalars(select(User.name)):
        why = lookalike_reason(name, other)
        if why is not None:
            raise UsageError(f"{name!r} can be taken for the user {other!r}: {why}; choose "
                             "a name that cannot")
    now = datetime.now(UTC)
    row = User(name=name, role=role, password_hash=password_hash, disabled=False,
               created_at=now, password_changed_at=now)
    session.add(row)
    session.flush()
    return _record(row)


def list_users(session: Session) -> list[UserRecord]:
    """Every account, by name (the SQL of ``user_reads.user_list``, in this session)."""
    from verifier.store.reading import SessionRows

    return user_list(SessionRows(session))


def user_count(session: Session, *, enabled_only: bool = True) -> int:
    query = select(func.count(User.id))
    if enabled_only:
        query = query.where(User.disabled.is_(False))
    return int(session.scalar(query) or 0)


def _row(session: Session, name: str) -> User:
    row = session.scalar(select(User).where(User.name == name))
    if row is None:
        raise NotFoundError(f"no user named {name!r}")
    return row


def get_user(session: Session, name: str) -> UserRecord:
    return _record(_row(session, name))


def find_user(session: Session, user_id: int) -> UserRecord | None:
    row = session.get(User, user_id)
    return None if row is None else _record(row)


def password_hash_of(session: Session, name: str) -> tuple[UserRecord, str] | None:
    """The account and its stored hash, to check a sign-in (None if there is no such user)."""
    row = session.scalar(select(User).where(User.name == name))
    return None if row is None else (_record(row), row.password_hash)


def set_disabled(session: Session, name: str, disabled: bool) -> UserRecord:
    row = _row(session, name)
    row.disabled = disabled
    session.flush()
    return _record(row)


def set_role(session: Session, name: str, role: str) -> UserRecord:
    check_role(role)
    row = _row(session, name)
    row.role = role
    session.flush()
    return _record(row)


def set_password(session: Session, name: str, password_hash: str) -> UserRecord:
    """Store a new hash; sessions signed before now stop being valid."""
    row = _row(session, name)
    row.password_hash = password_hash
    row.password_changed_at = datetime.now(UTC)
    session.flush()
    return _record(row)
