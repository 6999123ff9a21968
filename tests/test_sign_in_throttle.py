"""The desk's sign-in throttle: a password-guessing run is locked out by account name and by
client address after ``SIGN_IN_FAILURES`` failures (``verifier.limits``), every failure is
audited, the count survives a restart, and a correct sign-in after the wait works."""

from __future__ import annotations

import json
import time

from sqlalchemy import select, text
from starlette.testclient import TestClient

from tests.test_web import query
from tests.web_helpers import PASSWORD, csrf_of
from verifier.limits import SIGN_IN_FAILURES, SIGN_IN_WINDOW_S
from verifier.store.models import AuditEntry
from verifier.web.app import create_app
from verifier.web.security import Throttle

GUESSES = ["password1", "letmein123", "admin admin", "qwertyuiop", "correct horse",
           "hunter2hunter2", "trustno1!!", "iloveyou99", "monkey monkey", "dragon1234"]


def _try(client: TestClient, name: str, password: str) -> int:
    page = client.get("/login").text
    response = client.post("/login", data={"csrf": csrf_of(page), "name": name,
                                           "password": password}, follow_redirects=False)
    return response.status_code


def _audit(db: str, action: str) -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    return [(actor, target, json.loads(detail)) for actor, target, detail in query(
        db, select(AuditEntry.actor, AuditEntry.target, AuditEntry.detail)
        .where(AuditEntry.action == action).order_by(AuditEntry.id))]


def test_the_limits_are_the_declared_ones() -> None:
    throttle = Throttle()
    assert (throttle.limit, throttle.window) == (SIGN_IN_FAILURES, SIGN_IN_WINDOW_S)
    assert SIGN_IN_FAILURES >= 3 and SIGN_IN_WINDOW_S >= 60


def test_a_password_guessing_run_is_locked_out_and_a_correct_sign_in_after_the_wait_works(
        desk: str) -> None:
    app = create_app(desk)
    client = TestClient(app)
    codes = [_try(client, "admin", guess) for guess in GUESSES]
    assert codes == [401] * SIGN_IN_FAILURES + [429] * (len(GUESSES) - SIGN_IN_FAILURES)
    # locked: the right password is refused too, without being checked
    page = client.get("/login").text
    locked = client.post("/login", data={"csrf": csrf_of(page), "name": "admin",
                                         "password": PASSWORD}, follow_redirects=False)
    assert locked.status_code == 429
    assert "Too many failed attempts: try again in 15 minutes." in locked.text
    assert "verifier_session" not in locked.cookies
    # audited: one entry per failure (refusals while locked are not), the last says locked
    failed = _audit(desk, "sign-in-failed")
    assert len(failed) == SIGN_IN_FAILURES
    assert all(actor == "(not signed in)" and target == "user admin"
               and detail["address"] == "testclient" for actor, target, detail in failed)
    assert "locked" not in failed[0][2]
    assert failed[-1][2]["locked"] == ["name", "address"]
    assert failed[-1][2]["locked_for_s"] == SIGN_IN_WINDOW_S
    # a restart counts the same failures (they are in the database)
    restarted = TestClient(create_app(desk))
    assert _try(restarted, "admin", PASSWORD) == 429
    # after the wait: the right password signs in, and the count starts afresh
    later = time.time() + SIGN_IN_WINDOW_S + 1
    app.state.desk.throttle.clock = lambda: later
    assert _try(client, "admin", PASSWORD) == 303
    assert client.get("/users").status_code == 200
    assert _audit(desk, "sign-in")[-1][:2] == ("admin", "user admin")
    assert len(_audit(desk, "sign-in-failed")) == SIGN_IN_FAILURES  # nothing more


def test_guessing_many_names_from_one_address_locks_the_address(desk: str) -> None:
    guesser = TestClient(create_app(desk), client=("192.0.2.10", 40000))
    names = [f"guess-{n}" for n in range(SIGN_IN_FAILURES)]
    assert [_try(guesser, name, "some password") for name in names] == [401] * len(names)
    assert _try(guesser, "reviewer", PASSWORD) == 429  # the address is locked
    elsewhere = TestClient(create_app(desk), client=("192.0.2.20", 40000))
    assert _try(elsewhere, "reviewer", PASSWORD) == 303  # the account is not
    failed = _audit(desk, "sign-in-failed")
    assert {target for _, target, _ in failed} == {"an unknown account name"}
    assert failed[-1][2] == {"address": "192.0.2.10", "locked": ["address"],
                             "locked_for_s": SIGN_IN_WINDOW_S}


def test_what_was_typed_as_a_name_is_never_stored(desk: str) -> None:
    client = TestClient(create_app(desk))
    assert _try(client, "my-secret-passphrase", "x") == 401
    for table in ("sign_in_failures", "audit_log", "history_log"):
        rows = query(desk, text(f"SELECT * FROM {table}"))
        assert "my-secret-passphrase" not in repr(rows), table
    hashes = query(desk, text("SELECT key_hash FROM sign_in_failures"))
    assert len(hashes) == 2 and all(len(str(h[0])) == 64 for h in hashes)


def test_a_correct_sign_in_clears_the_names_count_not_the_addresses(desk: str) -> None:
    client = TestClient(create_app(desk))
    for guess in GUESSES[:SIGN_IN_FAILURES - 1]:
        assert _try(client, "viewer", guess) == 401
    assert _try(client, "viewer", PASSWORD) == 303
    other = TestClient(create_app(desk))  # the same address, another account
    assert _try(other, "reviewer", "wrong guess!") == 401
    assert _try(other, "reviewer", PASSWORD) == 429  # the address's failures still count
