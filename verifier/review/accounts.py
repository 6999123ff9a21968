"""Desk accounts: create, disable, reset a password, change a role, and sign in.

Passwords are hashed here (``verifier.passwords``) before they reach the store.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from verifier.errors import UsageError
from verifier.passwords import dummy_verify, hash_password, verify_password
from verifier.store import audit
from verifier.store.users import (
    UserRecord,
    add_user,
    check_role,
    get_user,
    list_users,
    password_hash_of,
    set_disabled,
    set_password,
    set_role,
)


def create(session: Session, name: str, role: str, password: str, *, actor: str) -> UserRecord:
    user = add_user(session, name, role, hash_password(password))
    audit.record(session, actor, "user-add", f"user {name}", {"role": role})
    return user


def _keep_an_admin(session: Session, name: str, what: str) -> None:
    """Refuse to take away the last enabled admin (nobody could then manage accounts on the
    desk): the desk and `verifier users` alike."""
    user = get_user(session, name)
    if user.role != "admin" or user.disabled:
        return
    if not any(u.role == "admin" and not u.disabled and u.name != user.name
               for u in list_users(session)):
        raise UsageError(f"{name} is the last admin: cannot {what} (make another account "
                         "admin first)")


def disable(session: Session, name: str, *, actor: str, disabled: bool = True) -> UserRecord:
    """Stop (or let again) ``name`` signing in. Disabling also ends every session of the
    account: a cookie of before stayed good while the account was disabled only because
    the flag refused it, so enabling the account again brought every copy of it back to
    life (one taken from a lost laptop, say) for the rest of its twelve hours."""
    from verifier.store.sessions import sign_out_everywhere as stamp

    if disabled:
        _keep_an_admin(session, name, "disable it")
        stamp(session, name)
    user = set_disabled(session, name, disabled)
    audit.record(session, actor, "user-disable" if disabled else "user-enable", f"user {name}")
    return user


def reset_password(session: Session, name: str, password: str, *, actor: str) -> UserRecord:
    user = set_password(session, name, hash_password(password))
    audit.record(session, actor, "user-password", f"user {name}")
    return user


def sign_out_everywhere(session: Session, name: str, *, actor: str) -> UserRecord:
    """End every session of ``name`` (each device signs in again); the password stays."""
    from verifier.store.sessions import sign_out_everywhere as stamp

    user = stamp(session, name)
    audit.record(session, actor, "user-signout", f"user {name}")
    return user


def unlock(session: Session, name: str, *, actor: str) -> tuple[UserRecord, bool]:
    """Forget the failed sign-ins counted against account ``name`` (the sign-in throttle's
    lock on the name, set by anyone who types it with wrong passwords): the account, and
    whether it had any. Audited either way; a client address's own count stays."""
    from verifier.store.sign_ins import forget, name_key

    user = get_user(session, name)
    had = forget(session, name_key(user.name))
    audit.record(session, actor, "user-unlock", f"user {user.name}", {"failures": had})
    return user, bool(had)


def check_address(address: str) -> str:
    """``address`` as the desk writes it (stripped; IPv6 lower-case, compressed), or a
    usage error unless it is an IP address."""
    import ipaddress

    typed = address.strip()
    try:
        return ipaddress.ip_address(typed).compressed
    except ValueError:
        raise UsageError(f"{typed[:60]!r} is not an IP address (e.g. 203.0.113.5 or "
                         "2001:db8::5)") from None


def unlock_address(session: Session, address: str, *, actor: str) -> tuple[str, bool]:
    """Forget the failed sign-ins counted against a client address (the sign-in throttle's
    lock on it: five wrong passwords from it, under any names): the address as the desk
    writes it, and whether it had any. Audited either way; the names' own counts stay.
    Refused (usage) unless ``address`` is an IP address."""
    from verifier.store.sign_ins import address_key, forget

    written = check_address(address)
    had = forget(session, address_key(written))
    audit.record(session, actor, "address-unlock", f"address {written}", {"failures": had})
    return written, bool(had)


def change_role(session: Session, name: str, role: str, *, actor: str) -> UserRecord:
    check_role(role)
    if role != "admin":
        _keep_an_admin(session, name, f"make it {role}")
    user = set_role(session, name, role)
    audit.record(session, actor, "user-role", f"user {name}", {"role": role})
    return user


def authenticate(session: Session, name: str, password: str) -> UserRecord | None:
    """The enabled account ``name`` if ``password`` is its password, else None (in the same
    time either way)."""
    found = password_hash_of(session, name)
    if found is None:
        dummy_verify(password)
        return None
    user, stored = found
    if not verify_password(password, stored) or user.disabled:
        return None
    return user
