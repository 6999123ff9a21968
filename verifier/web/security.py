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
import threading
import time
from collections import deque
from dataclasses import dataclass

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
    ``window`` seconds; further attempts are refused until the oldest failure ages out."""

    def __init__(self, limit: int = 5, window: float = 900.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        found = self._failures.setdefault(key, deque())
        while found and now - found[0] > self.window:
            found.popleft()
        return found

    def wait(self, *keys: str) -> int:
        """Seconds until another attempt is allowed (0 if allowed now)."""
        now = time.time()
        with self._lock:
            waits = [
                int(self.window - (now - found[0])) + 1
                for found in (self._recent(k, now) for k in keys)
                if len(found) >= self.limit
            ]
        return max(waits, default=0)

    def fail(self, *keys: str) -> None:
        now = time.time()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeed(self, name_key: str) -> None:
        with self._lock:
            self._failures.pop(name_key, None)
