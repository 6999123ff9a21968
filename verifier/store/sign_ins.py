"""Failed desk sign-ins, counted for the sign-in throttle (``verifier.web.security``).

Each failure is stored once per key it counts under (the account name typed, lower-cased;
the client's address), by the key's SHA-256, so what someone typed into the name field (a
password, by mistake) is never stored. A key with ``SIGN_IN_FAILURES`` failures in the last
``SIGN_IN_WINDOW_S`` seconds (``verifier.limits``) is locked until the oldest of them is
older than that; rows older than the window are pruned on the way. Kept in the database, so
a restart or another worker counts the same failures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from verifier.store.models import SignInFailure

#: pg_advisory_xact_lock key of the sign-in throttle's count-and-record step ("signins").
SIGN_IN_LOCK = 0x7369676E696E73


def hold(session: Session) -> None:
    """PostgreSQL: wait for any other sign-in's count-and-record step (the lock is held
    until this transaction ends), so two attempts never read the same count side by side.
    SQLite's ``BEGIN IMMEDIATE`` already makes write transactions one at a time. A key of
    its own, not verifier's write lock: a sign-in never waits for an ingest."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SIGN_IN_LOCK})")


def name_key(name: str) -> str:
    """The key an account name's failures count under (the name lower-cased)."""
    return f"name:{name.lower()}"


def address_key(address: str) -> str:
    """The key a client address's failures count under (an IP address in its one written
    form, :func:`normal_address`, so an admin's ``2001:DB8::7`` unlocks ``2001:db8::7``);
    an IPv6 address counts as its /64 network (one host is given a whole /64 and can
    send from any address in it: counted one by one, each was a fresh address with a guess
    of its own at a locked name), an IPv4-mapped one as its IPv4 address."""
    import ipaddress

    written = normal_address(address)
    try:
        found = ipaddress.ip_address(written)
    except ValueError:
        return f"address:{written}"
    if isinstance(found, ipaddress.IPv6Address):
        if found.ipv4_mapped is not None:
            return f"address:{found.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{found}/64', strict=False)}"
    return f"address:{written}"


def normal_address(address: str) -> str:
    """An IP address as the desk writes it (IPv6 lower-case and compressed); anything
    else (a test client's host name, ``unknown``) as it is, stripped."""
    import ipaddress

    address = address.strip()
    try:
        return ipaddress.ip_address(address).compressed
    except ValueError:
        return address


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def failures(session: Session, keys: Iterable[str],
             since: datetime) -> dict[str, tuple[int, datetime]]:
    """For each key with failures after ``since``: how many, and the oldest one's time."""
    hashes = {key_hash(k): k for k in keys}
    rows = session.execute(
        select(SignInFailure.key_hash, func.count(), func.min(SignInFailure.failed_at))
        .where(SignInFailure.key_hash.in_(list(hashes)), SignInFailure.failed_at > since)
        .group_by(SignInFailure.key_hash)
    ).all()
    found = {}
    for digest, count, oldest in rows:
        if oldest.tzinfo is None:  # SQLite's driver in an aggregate: the stored UTC time
            oldest = oldest.replace(tzinfo=UTC)
        found[hashes[digest]] = (int(count), oldest)
    return found


def record(session: Session, keys: Iterable[str], at: datetime, window_s: float) -> None:
    """One failure at ``at`` under each key; rows older than the window go."""
    session.execute(delete(SignInFailure).where(
        SignInFailure.failed_at <= at - timedelta(seconds=window_s)))
    session.execute(insert(SignInFailure), [
        {"key_hash": key_hash(k), "failed_at": at} for k in keys])


def withdraw(session: Session, key: str, at: datetime) -> None:
    """Take back one failure counted under ``key`` at ``at`` (an attempt counted before its
    password was checked, whose password was right)."""
    first = (select(func.min(SignInFailure.id))
             .where(SignInFailure.key_hash == key_hash(key), SignInFailure.failed_at == at)
             .scalar_subquery())
    session.execute(delete(SignInFailure).where(SignInFailure.id == first))


def forget(session: Session, key: str) -> int:
    """Forget a key's failures (after a sign-in that succeeded under it, or an admin's
    unlock): how many there were."""
    result = session.execute(delete(SignInFailure).where(
        SignInFailure.key_hash == key_hash(key)))
    return int(getattr(result, "rowcount", 0) or 0)
