"""Sign-in attempts for one account sent at once, on each database: the throttle's read of
the count and its write of the new failure are one step, so no more than the limit are let
through to the password check. SQLite's write transactions are one at a time already; on
PostgreSQL two transactions read the same count side by side, and a few milliseconds
between the read and the write let every attempt in that window through, until the
throttle took a transaction-scoped lock of its own (``verifier.store.sign_ins.hold``)."""

from __future__ import annotations

import threading

import pytest

from verifier.limits import SIGN_IN_FAILURES
from verifier.store.database import open_database
from verifier.store.sign_ins import address_key, name_key
from verifier.web.security import Throttle

ATTEMPTS = 3 * SIGN_IN_FAILURES


def test_attempts_sent_at_once_pass_the_throttle_no_more_than_the_limit(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    throttle = Throttle()
    real = Throttle.login_wait

    def slow(self: Throttle, *args: object) -> int:  # widens the read-to-write gap
        wait = real(self, *args)  # type: ignore[arg-type]
        threading.Event().wait(0.1)
        return wait

    monkeypatch.setattr(Throttle, "login_wait", slow)
    let_in: list[int] = []
    start = threading.Barrier(ATTEMPTS)
    with open_database(db_url) as database:
        def attempt(n: int) -> None:
            start.wait()
            with database.session_scope(write=True) as session:
                wait, _, _ = throttle.reserve(session, name_key("editor"),
                                              address_key("192.0.2.7"))
            if not wait:
                let_in.append(n)

        threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(let_in) == SIGN_IN_FAILURES
