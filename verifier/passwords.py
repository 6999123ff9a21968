"""Password hashing for desk accounts: scrypt (memory-hard, in the standard library).

A hash is self-describing, ``scrypt$n$r$p$salt$key`` (salt and key in base64), so the cost
can be raised later without invalidating stored hashes. ``verify`` compares in constant time.

May import: errors. Nothing heavy.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from verifier.errors import UsageError

#: 2**15 x 8 x 128 bytes = 32 MiB of memory per hash, ~0.1 s.
N, R, P = 2**15, 8, 1
KEY_BYTES = 32
MIN_LENGTH = 10
MAX_LENGTH = 1024


def check_password(password: str) -> None:
    """Raise ``UsageError`` for a password too short or too long to accept."""
    if len(password) < MIN_LENGTH:
        raise UsageError(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise UsageError(f"a password may have at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    """A new salted scrypt hash of ``password``."""
    check_password(password)
    salt = secrets.token_bytes(16)
    key = _scrypt(password, salt, N, R, P)
    return "$".join(("scrypt", str(N), str(R), str(P), _b64(salt), _b64(key)))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (False for a malformed hash)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt" or len(password) > MAX_LENGTH:
            return False
        expected = base64.b64decode(key)
        got = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


#: A hash to check against when the user does not exist, so timing does not tell names apart.
_DUMMY: list[str] = []


def dummy_verify(password: str) -> None:
    """Spend the time a real check takes (for unknown or disabled users)."""
    if not _DUMMY:
        _DUMMY.append(hash_password("x" * MIN_LENGTH))
    verify_password(password, _DUMMY[0])


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + 1024 * 1024, dklen=KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
