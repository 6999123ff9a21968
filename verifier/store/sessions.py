"""Desk sessions signed out: one session (by its token's hash) or all of an account's.

A session cookie is signed, so the server keeps no list of live sessions; what it keeps is
which ones were ended before they expired. ``revoke`` records one session until its cookie
would have expired anyway (older rows are pruned on the way); ``sign_out_everywhere`` stamps
the account so every session issued before now is refused. Both live in the database, so a
restart or a second worker process refuses the same cookies.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from verifier.store.models import RevokedSession, User
from verifier.store.users import UserRecord, _record, _row


def token_hash(token: str) -> str:
    """What is stored of a session's token: its SHA-256 (the token itself never is)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def prune(session: Session, now: datetime | None = None) -> int:
    """Delete the rows of sessions that have expired anyway; how many."""
    moment = now or datetime.now(UTC)
    result = session.execute(delete(RevokedSession).where(RevokedSession.expires_at <= moment))
    return int(getattr(result, "rowcount", 0) or 0)


def revoke(session: Session, user_id: int, token: str, expires_at: datetime) -> None:
    """End one session: its token is refused until ``expires_at`` (its cookie's expiry)."""
    now = datetime.now(UTC)
    prune(session, now)
    if expires_at <= now:
        return
    digest = token_hash(token)
    if session.get(RevokedSession, digest) is None:
        session.add(RevokedSession(token_hash=digest, user_id=user_id, expires_at=expires_at))
    session.flush()


def is_revoked(session: Session, token: str) -> bool:
    """Whether the session with ``token`` was signed out (and has not expired since)."""
    found = session.scalar(select(RevokedSession.expires_at)
                           .where(RevokedSession.token_hash == token_hash(token)))
    return found is not None and found > datetime.now(UTC)


def sign_out_everywhere(session: Session, name: str) -> UserRecord:
    """Refuse every session of the account ``name`` issued before now."""
    row: User = _row(session, name)
    row.signed_out_at = datetime.now(UTC)
    session.execute(delete(RevokedSession).where(RevokedSession.user_id == row.id))
    session.flush()
    return _record(row)
