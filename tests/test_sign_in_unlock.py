"""A locked account name is not a locked account: its owner signs in from an address that
has not failed, an admin lifts the lock on the desk or with ``verifier users unlock``, and
both are audited."""

from __future__ import annotations

from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.test_sign_in_throttle import GUESSES, _audit, _try
from tests.web_helpers import PASSWORD, csrf_of, sign_in
from verifier.cli import app as cli
from verifier.limits import SIGN_IN_FAILURES
from verifier.web.app import create_app

runner = CliRunner()


def _lock(desk: str, name: str, address: str = "198.51.100.7") -> None:
    guesser = TestClient(create_app(desk), client=(address, 40000))
    codes = [_try(guesser, name, guess) for guess in GUESSES[:SIGN_IN_FAILURES + 1]]
    assert codes == [401] * SIGN_IN_FAILURES + [429]


def test_a_locked_name_yields_to_the_right_password_from_an_address_that_never_failed(
        desk: str) -> None:
    _lock(desk, "reviewer")
    owner = TestClient(create_app(desk), client=("192.0.2.30", 40000))
    assert _try(owner, "reviewer", PASSWORD) == 303
    # a second guesser elsewhere gets one checked guess, then waits like the first
    _lock(desk, "editor", "198.51.100.8")
    other = TestClient(create_app(desk), client=("192.0.2.40", 40000))
    assert _try(other, "editor", "not the password") == 401
    assert _try(other, "editor", PASSWORD) == 429
    # the first guesser's address is still refused, the right password or not
    first = TestClient(create_app(desk), client=("198.51.100.7", 40000))
    assert _try(first, "viewer", PASSWORD) == 429


def test_users_unlock_on_the_command_line_lifts_the_names_lock_and_is_audited(
        desk: str) -> None:
    _lock(desk, "reviewer")
    same = TestClient(create_app(desk), client=("198.51.100.7", 40000))
    result = runner.invoke(cli, ["users", "unlock", "reviewer", "--db", desk])
    assert result.exit_code == 0, result.output
    assert result.output == "unlocked reviewer\n"
    assert _audit(desk, "user-unlock")[-1][1:] == ("user reviewer", {"failures": SIGN_IN_FAILURES})
    # the guesser's address keeps its own lock; another address signs in
    assert _try(same, "reviewer", PASSWORD) == 429
    elsewhere = TestClient(create_app(desk), client=("192.0.2.50", 40000))
    assert _try(elsewhere, "reviewer", "wrong again!") == 401  # counted afresh: not locked
    assert _try(elsewhere, "reviewer", PASSWORD) == 303
    again = runner.invoke(cli, ["users", "unlock", "reviewer", "--db", desk])
    assert again.exit_code == 0 and "had no failed sign-ins" in again.output
    unknown = runner.invoke(cli, ["users", "unlock", "nobody", "--db", desk])
    assert unknown.exit_code != 0
    assert "Traceback" not in unknown.output and "nobody" in unknown.output
    assert "unlock" in runner.invoke(cli, ["users", "--help"]).output


def test_an_admin_unlocks_an_account_on_the_desk(desk: str) -> None:
    _lock(desk, "editor")
    admin = sign_in(TestClient(create_app(desk), client=("192.0.2.60", 40000)), "admin")
    page = admin.get("/users").text
    assert "sign-in locked (15 min left)" in page and "Unlock sign-in" in page
    stale = admin.post("/users", data={"csrf": "forged", "op": "unlock", "name": "editor"},
                       follow_redirects=False)
    assert stale.status_code == 403
    assert _audit(desk, "user-unlock") == []
    done = admin.post("/users", data={"csrf": csrf_of(page), "op": "unlock", "name": "editor"})
    assert done.status_code == 200
    assert "Account unlocked" in done.text and "sign-in locked" not in done.text
    assert _audit(desk, "user-unlock") == [("admin", "user editor",
                                            {"failures": SIGN_IN_FAILURES})]
    # a reviewer may not unlock
    reviewer = sign_in(TestClient(create_app(desk), client=("192.0.2.70", 40000)), "reviewer")
    refused = reviewer.post("/users", data={"csrf": csrf_of(reviewer.get("/queue").text),
                                            "op": "unlock", "name": "editor"},
                            follow_redirects=False)
    assert refused.status_code == 403
