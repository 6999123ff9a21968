"""Signing out of the desk is kept in the database: a restart (the same secret key) or a
second worker refuses a signed-out cookie; one device's sign-out leaves the others signed in;
"sign out everywhere" (the desk's header, an admin on Users, `verifier users sign-out`) ends
them all; expired rows are pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in, token
from verifier.cli import app as cli
from verifier.store.database import open_database
from verifier.store.models import AuditEntry, RevokedSession
from verifier.store.sessions import is_revoked, prune, revoke, token_hash
from verifier.web.app import create_app

KEY = b"a key the desk keeps across restarts"


def _signed_in(app: object, name: str = "reviewer") -> TestClient:
    return sign_in(TestClient(app), name)  # type: ignore[arg-type]


def _with_cookie(app: object, cookie: str | None) -> TestClient:
    client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    assert cookie
    client.cookies.set("verifier_session", cookie)
    return client


def _revoked_rows(db: str) -> list[RevokedSession]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        rows = list(session.scalars(select(RevokedSession)))
        session.expunge_all()
        return rows


def test_a_signed_out_cookie_stays_dead_after_a_restart_and_in_another_worker(
    desk: str,
) -> None:
    first = create_app(desk, secret=KEY)
    laptop = _signed_in(first)
    phone = _signed_in(first)
    copied = laptop.cookies.get("verifier_session")
    response = laptop.post("/logout", data={"csrf": token(laptop)}, follow_redirects=False)
    assert response.status_code == 303 and "signed-out" in response.headers["location"]
    # the desk restarted (or a second worker) over the same database, with the same key
    for app in (create_app(desk, secret=KEY), create_app(desk, secret=KEY)):
        assert _with_cookie(app, copied).get("/queue").status_code == 303
        # the phone's session was not signed out
        assert _with_cookie(app, phone.cookies.get("verifier_session")).get(
            "/queue").status_code == 200
    rows = _revoked_rows(desk)
    assert len(rows) == 1 and len(rows[0].token_hash) == 64  # a hash, never the token
    assert rows[0].expires_at > datetime.now(UTC) + timedelta(hours=11)


def test_sign_out_everywhere_ends_every_device_and_needs_the_form_token(desk: str) -> None:
    app = create_app(desk, secret=KEY)
    laptop, phone = _signed_in(app), _signed_in(app)
    other = _signed_in(app, "viewer")
    # without the form's token nothing happens
    refused = laptop.post("/logout", data={"csrf": "stale", "everywhere": "yes"},
                          follow_redirects=False)
    assert refused.status_code == 403
    assert laptop.get("/queue").status_code == 200
    assert 'name="everywhere" value="yes"' in laptop.get("/queue").text
    done = laptop.post("/logout", data={"csrf": token(laptop), "everywhere": "yes"})
    assert done.url.path == "/login" and "Signed out on every device." in done.text
    restarted = create_app(desk, secret=KEY)
    for cookie in (laptop.cookies.get("verifier_session"), phone.cookies.get("verifier_session")):
        if cookie:  # the laptop's cookie was cleared; the phone still holds its copy
            assert _with_cookie(restarted, cookie).get("/queue").status_code == 303
    assert _with_cookie(restarted, other.cookies.get("verifier_session")).get(
        "/queue").status_code == 200
    # signing in again works at once
    assert _signed_in(restarted).get("/queue").status_code == 200
    with open_database(desk, create=False) as database, database.session_scope(
        write=False
    ) as session:
        actions = list(session.scalars(select(AuditEntry.action)
                                       .where(AuditEntry.action == "user-signout")))
    assert actions == ["user-signout"]


def test_an_admin_signs_an_account_out_everywhere_from_users(desk: str) -> None:
    app = create_app(desk, secret=KEY)
    reviewer = _signed_in(app)
    admin = _signed_in(app, "admin")
    page = admin.get("/users").text
    assert page.count('value="signout"') == 4  # every account, the admin's own too
    response = admin.post("/users", data={"csrf": token(admin, "/users"), "op": "signout",
                                          "name": "reviewer"})
    assert "Account signed out on every device." in response.text
    assert _with_cookie(app, reviewer.cookies.get("verifier_session")).get(
        "/queue").status_code == 303
    assert admin.get("/users").status_code == 200


def test_the_command_line_signs_an_account_out_everywhere(desk: str) -> None:
    app = create_app(desk, secret=KEY)
    reviewer = _signed_in(app)
    runner = CliRunner()
    result = runner.invoke(cli, ["users", "sign-out", "reviewer", "--db", desk])
    assert result.exit_code == 0, result.output
    assert result.output == "signed reviewer out everywhere\n"
    assert _with_cookie(app, reviewer.cookies.get("verifier_session")).get(
        "/queue").status_code == 303
    unknown = runner.invoke(cli, ["users", "sign-out", "nobody", "--db", desk])
    assert unknown.exit_code == 6 and "no user named 'nobody'" in unknown.output
    assert "sign-out" in runner.invoke(cli, ["users", "--help"]).output


def test_revocations_are_pruned_once_their_cookie_has_expired(desk: str) -> None:
    now = datetime.now(UTC)
    with open_database(desk, create=False) as database:
        with database.session_scope() as session:
            revoke(session, 1, "old", now + timedelta(seconds=1))
            revoke(session, 1, "live", now + timedelta(hours=1))
            revoke(session, 1, "live", now + timedelta(hours=1))  # twice: one row
            revoke(session, 1, "gone", now - timedelta(seconds=1))  # expired: nothing kept
        with database.session_scope(write=False) as session:
            assert is_revoked(session, "old") and is_revoked(session, "live")
            assert not is_revoked(session, "gone")
        with database.session_scope() as session:
            assert prune(session, now + timedelta(seconds=2)) == 1
        with database.session_scope(write=False) as session:
            left = list(session.scalars(select(RevokedSession.token_hash)))
            assert left == [token_hash("live")]
            assert session.scalar(select(func.count()).select_from(RevokedSession)) == 1
