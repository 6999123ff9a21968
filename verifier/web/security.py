"""Sessions, CSRF tokens, sign-in throttling and the security headers of every response.

A session is a cookie holding the user id, the time the password was last changed, a CSRF
token and the time it was issued, signed with HMAC-SHA256; it is HttpOnly, SameSite=Strict,
and Secure when the desk is reached over https. Changing a password invalidates every
session signed before. Each form carries the session's CSRF token; before signing in, a
separate signed cookie carries it (double submit). Signing out ends the session on the
server too: its token's hash is kept in the database until the cookie would have expired
(``verifier.store.sessions``), so a copied cookie is dead after a restart and in every
worker; "sign out everywhere" refuses every session of the account issued before it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from verifier.limits import SIGN_IN_FAILURES, SIGN_IN_WINDOW_S

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SESSION_COOKIE = "verifier_session"
LOGIN_COOKIE = "verifier_login"
SESSION_SECONDS = 12 * 3600
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass(frozen=True, slots=True)
class SessionData:
    user_id: int
    password_changed: float
    csrf: str
    issued: float


class Signer:
    """Signs and checks cookie values with one secret key."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"verifier-desk-cookie" + secret).digest()

    def sign(self, payload: dict[str, object]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
        mac = hmac.new(self._key, body, hashlib.sha256).digest()
        return (body + b"." + base64.urlsafe_b64encode(mac)).decode("ascii")

    def unsign(self, value: str | None) -> dict[str, object] | None:
        if not value or value.count(".") != 1 or len(value) > 4096:
            return None
        body, _, mac = value.encode("ascii", "replace").partition(b".")
        expected = base64.urlsafe_b64encode(hmac.new(self._key, body, hashlib.sha256).digest())
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def session_cookie(self, user_id: int, password_changed: float) -> tuple[str, str]:
        """A new session cookie value and its CSRF token."""
        csrf = secrets.token_urlsafe(32)
        value = self.sign({"u": user_id, "p": password_changed, "c": csrf, "t": time.time()})
        return value, csrf

    def read_session(self, value: str | None) -> SessionData | None:
        data = self.unsign(value)
        if data is None:
            return None
        user_id, changed, csrf, issued = (data.get(k) for k in ("u", "p", "c", "t"))
        if not (isinstance(user_id, int) and isinstance(changed, int | float)
                and isinstance(csrf, str) and isinstance(issued, int | float)):
            return None
        found = SessionData(user_id, float(changed), csrf, float(issued))
        if not 0 <= time.time() - found.issued <= SESSION_SECONDS:
            return None
        return found

    def login_token(self) -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return self.sign({"l": token, "t": time.time()}), token

    def read_login_token(self, value: str | None) -> str | None:
        data = self.unsign(value)
        if data is None or not isinstance(data.get("l"), str):
            return None
        issued = data.get("t")
        if not isinstance(issued, int | float) or time.time() - issued > 3600:
            return None
        return str(data["l"])


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(
        str(given).encode(), str(expected).encode()
    )


class Throttle:
    """At most ``limit`` failed sign-ins per account name and per client address in
    ``window`` seconds (``verifier.limits``: ``SIGN_IN_FAILURES``, ``SIGN_IN_WINDOW_S``);
    further attempts are refused until the oldest failure ages out. The failures are rows
    of the database (``verifier.store.sign_ins``), so a restart or another worker counts
    them too; ``clock`` is the time (seconds since 1970) they are counted by."""

    def __init__(self, limit: int = SIGN_IN_FAILURES, window: float = SIGN_IN_WINDOW_S,
                 clock: Callable[[], float] = time.time) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def counts(self, session: Session, *keys: str) -> dict[str, tuple[int, int]]:
        """Per key with failures in the window: how many, and the seconds until another
        attempt is allowed under it (0 if it is not locked)."""
        from verifier.store.sign_ins import failures

        now = self._now()
        found = failures(session, keys, now - timedelta(seconds=self.window))
        return {key: (count, int(self.window - (now - oldest).total_seconds()) + 1
                      if count >= self.limit else 0)
                for key, (count, oldest) in found.items()}

    def wait(self, session: Session, *keys: str) -> tuple[int, str | None]:
        """Seconds until another attempt is allowed (0 if allowed now), and the key that
        is locked longest (None if none is)."""
        waits = [(wait, key) for key, (_, wait) in self.counts(session, *keys).items() if wait]
        return max(waits, default=(0, None))

    def login_wait(self, session: Session, name_key: str, address_key: str) -> int:
        """Seconds until a sign-in may be tried for ``name_key`` from ``address_key`` (0:
        now). A locked address waits. A locked account name waits too, unless the address
        has no failure in the window: anyone can lock a name by typing it with wrong
        passwords, so its owner, signing in from an address that has not failed, is still
        let in with the right password (one checked attempt: a wrong one counts against
        the address, which then waits for the name's lock like any other). A guesser spread
        over many addresses gets one guess per fresh address per window that way, instead
        of none; keeping every account's owner out on a stranger's say-so was the worse
        cost (an admin's unlock, ``verifier users unlock``, remains for the rest)."""
        found = self.counts(session, name_key, address_key)
        by_address = found.get(address_key, (0, 0))
        by_name = found.get(name_key, (0, 0))
        if by_address[1]:
            return max(by_address[1], by_name[1])
        return by_name[1] if by_address[0] else 0

    def fail(self, session: Session, *keys: str, at: datetime | None = None) -> list[str]:
        """Count a failure under each key (at ``at``, else now); the keys it locks."""
        from verifier.store.sign_ins import failures, record

        now = at or self._now()
        record(session, keys, now, self.window)
        found = failures(session, keys, now - timedelta(seconds=self.window))
        return [k for k in keys if found.get(k, (0, now))[0] == self.limit]

    def succeed(self, session: Session, name_key: str) -> None:
        from verifier.store.sign_ins import forget

        forget(session, name_key)

    def reserve(self, session: Session, name_key: str,
                address_key: str) -> tuple[int, list[str], datetime]:
        """One sign-in attempt, counted as a failure under both keys *before* its password
        is checked (in one write transaction: SQLite's writes are one at a time), unless
        ``login_wait`` refuses it: the seconds to wait (0: go on), the keys this attempt
        locks, and the time it is counted at (``settle`` takes it back when the password
        is right). Checked first and counted after the password, as it was, forty sign-ins
        sent at once all passed the check while the first passwords were being hashed:
        ten guesses were checked under a limit of five. On PostgreSQL the step holds the
        throttle's own lock (``sign_ins.hold``): two transactions there read the same count
        side by side, and every attempt in the gap between read and write went through."""
        from verifier.store.sign_ins import hold

        hold(session)
        now = self._now()
        wait = self.login_wait(session, name_key, address_key)
        if wait:
            return wait, [], now
        return 0, self.fail(session, name_key, address_key, at=now), now

    def settle(self, session: Session, name_key: str, address_key: str,
               at: datetime) -> None:
        """A reserved attempt whose password was right: the name's failures are forgotten
        (``succeed``), and the address's count loses this attempt's failure again."""
        from verifier.store.sign_ins import withdraw

        self.succeed(session, name_key)
        withdraw(session, address_key, at)


#: The names a desk listening on this machine alone answers to (``serve``'s default).
LOCAL_HOST_NAMES = ("127.0.0.1", "localhost", "::1")
ALLOWED_HOSTS_ENV = "VERIFIER_ALLOWED_HOSTS"


def host_name(header: str) -> str | None:
    """The name in a Host header, without its port, lower-cased ("[::1]:8000" -> "::1");
    None for one that is no name (empty, a bracket left open, a port that is no number)."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
        return name or None
    name, colon, port = header.partition(":")
    if colon and not port.isdigit():
        return None
    return name.rstrip(".") or None


def host_allowed(header: str, allowed: tuple[str, ...]) -> bool:
    """Whether a request's Host header names the desk by one of ``allowed``: a name
    ("desk.example.org", "10.0.0.5"), "*.example.org" (the subdomains of example.org) or
    "*" (any name: the check off)."""
    if "*" in allowed:
        return True
    name = host_name(header)
    if name is None:
        return False
    for entry in allowed:
        entry = entry.strip().lower().strip("[]").rstrip(".")
        if entry.startswith("*.") and name.endswith(entry[1:]) and name != entry[2:]:
            return True
        if name == entry:
            return True
    return False
