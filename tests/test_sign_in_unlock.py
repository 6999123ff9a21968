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


# A client address's own lock: an admin lifts it too (a newsroom behind one address, a
# colleague's typos at the shared gateway), on the command line and on the desk, audited.


def test_users_unlock_address_on_the_command_line_lifts_the_addresses_lock(desk: str) -> None:
    _lock(desk, "reviewer", "198.51.100.9")
    gateway = TestClient(create_app(desk), client=("198.51.100.9", 40000))
    assert _try(gateway, "viewer", PASSWORD) == 429  # every name, from that address
    result = runner.invoke(cli, ["users", "unlock", "--address", " 198.51.100.9 ", "--db", desk])
    assert result.exit_code == 0, result.output
    assert result.output == "unlocked address 198.51.100.9\n"
    assert _audit(desk, "address-unlock")[-1][1:] == (
        "address 198.51.100.9", {"failures": SIGN_IN_FAILURES})
    assert _try(gateway, "viewer", PASSWORD) == 303
    # the name keeps its own lock (a fresh address still gets its owner in)
    gateway = TestClient(create_app(desk), client=("198.51.100.9", 40000))
    assert _try(gateway, "reviewer", "a wrong one!") == 401
    assert _try(gateway, "reviewer", PASSWORD) == 429
    again = runner.invoke(cli, ["users", "unlock", "--address", "198.51.100.9", "--db", desk])
    assert again.exit_code == 0
    assert again.output == "unlocked address 198.51.100.9\n"  # the one failure since
    none = runner.invoke(cli, ["users", "unlock", "--address", "192.0.2.200", "--db", desk])
    assert none.output == "address 192.0.2.200 had no failed sign-ins to forget\n"
    # IPv6 written another way is the same address
    _lock(desk, "editor", "2001:db8::7")
    six = runner.invoke(cli, ["users", "unlock", "--address", "2001:DB8:0:0::7", "--db", desk])
    assert six.output == "unlocked address 2001:db8::7\n"
    # bad usage: one clear line, exit 2, nothing audited
    before = len(_audit(desk, "address-unlock"))
    for args in (["users", "unlock"], ["users", "unlock", "editor", "--address", "192.0.2.1"],
                 ["users", "unlock", "--address", "not-an-address"],
                 ["users", "unlock", "--address", ""]):
        bad = runner.invoke(cli, [*args, "--db", desk])
        assert bad.exit_code == 2, (args, bad.output)
        assert bad.output.count("\n") == 1 and "Traceback" not in bad.output, bad.output
    assert len(_audit(desk, "address-unlock")) == before
    assert "--address" in runner.invoke(cli, ["users", "unlock", "--help"]).output


def test_an_admin_unlocks_an_address_on_the_desk(desk: str) -> None:
    _lock(desk, "editor", "203.0.113.5")
    admin = sign_in(TestClient(create_app(desk), client=("192.0.2.61", 40000)), "admin")
    page = admin.get("/users").text
    assert "Locked addresses" in page
    assert "203.0.113.5" in page and "Unlock address" in page
    stale = admin.post("/users", data={"csrf": "forged", "op": "unlock-address",
                                       "address": "203.0.113.5"}, follow_redirects=False)
    assert stale.status_code == 403
    assert _audit(desk, "address-unlock") == []
    bad = admin.post("/users", data={"csrf": csrf_of(page), "op": "unlock-address",
                                     "address": "<b>nope</b>"})
    assert bad.status_code == 400 and "not an IP address" in bad.text
    assert "<b>nope</b>" not in bad.text
    done = admin.post("/users", data={"csrf": csrf_of(page), "op": "unlock-address",
                                      "address": "203.0.113.5"})
    assert done.status_code == 200
    assert "Address unlocked" in done.text and "203.0.113.5" not in done.text
    assert _audit(desk, "address-unlock") == [("admin", "address 203.0.113.5",
                                               {"failures": SIGN_IN_FAILURES})]
    gateway = TestClient(create_app(desk), client=("203.0.113.5", 40000))
    assert _try(gateway, "viewer", PASSWORD) == 303
    # typed in the free field (an address the audit log has no lock for) works too
    typed = admin.post("/users", data={"csrf": csrf_of(page), "op": "unlock-address",
                                       "address": "192.0.2.99"})
    assert typed.status_code == 200 and "no failed sign-ins" in typed.text
    # a reviewer may not
    reviewer = sign_in(TestClient(create_app(desk), client=("192.0.2.71", 40000)), "reviewer")
    refused = reviewer.post("/users", data={"csrf": csrf_of(reviewer.get("/queue").text),
                                            "op": "unlock-address", "address": "203.0.113.5"},
                            follow_redirects=False)
    assert refused.status_code == 403
