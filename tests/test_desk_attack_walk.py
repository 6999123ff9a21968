"""The desk attacked over a real socket (uvicorn, as ``verifier serve`` runs it) where the
other attack tests do not reach: sign-ins sent at once against the throttle, a disabled
account's old cookies after it is enabled again, static paths that climb out of the static
folder, every method on every kind of route, requests the server must refuse before the
desk reads them, and forms that name another reviewer or carry the token elsewhere.

Each test says what was tried; the first two broke in before the fixes beside them."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from tests.test_web_browser import server  # noqa: F401  (the desk on a real socket)
from tests.web_helpers import PASSWORD, csrf_of, sign_in, token
from verifier.limits import SIGN_IN_FAILURES
from verifier.store.database import open_database
from verifier.store.models import AuditEntry, Verdict
from verifier.web.app import create_app
from verifier.web.security import HEADERS


def _raw(base: str, request: bytes) -> tuple[str, str]:
    """Send ``request`` as it is (no client tidies its path or headers): the status line
    and the head of the answer, lower-cased."""
    host, port = base.removeprefix("http://").split(":")
    answer = b""
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        try:
            sock.sendall(request)
            while chunk := sock.recv(65536):
                answer += chunk
        except (ConnectionResetError, BrokenPipeError):  # refused before it was all sent
            if not answer:
                return "HTTP/1.1 400 reset", ""
    text = answer.decode("latin-1")
    head = text.split("\r\n\r\n", 1)[0]
    return head.split("\r\n", 1)[0], head.lower()


def _get(base: str, target: str, method: str = "GET", extra: str = "") -> tuple[str, str]:
    host = base.removeprefix("http://")
    return _raw(base, f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{extra}"
                      "Connection: close\r\n\r\n".encode("latin-1"))


def _has_headers(head: str) -> bool:
    return all(f"{name}: {value}".lower() in head for name, value in HEADERS.items())


def _count(db: str, model: type) -> int:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return len(list(session.scalars(select(model.id))))  # type: ignore[attr-defined]


def test_sign_ins_sent_at_once_check_no_more_passwords_than_the_limit(
    server: tuple[str, str], monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Forty wrong sign-ins sent at once for one account: the throttle read the count,
    then hashed the password, then counted the failure, so every attempt that arrived while
    the first hashes ran found the count still low: ten passwords were checked under a
    limit of five. An attempt is now counted before its password is checked."""
    from verifier.review import accounts

    base, db = server
    checked: list[str] = []
    real = accounts.authenticate

    def slow(session: object, name: str, password: str) -> object:
        checked.append(password)
        threading.Event().wait(0.2)  # a production-cost hash takes this long
        return real(session, name, password)  # type: ignore[arg-type]

    monkeypatch.setattr(accounts, "authenticate", slow)
    codes: list[int] = []

    def attempt(n: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            form_token = csrf_of(client.get("/login").text)
            codes.append(client.post("/login", data={
                "csrf": form_token, "name": "editor", "password": f"guess number {n}"},
                follow_redirects=False).status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == SIGN_IN_FAILURES
    assert sorted(codes) == [401] * SIGN_IN_FAILURES + [429] * (40 - SIGN_IN_FAILURES)
    failed = _count_audit(db, "sign-in-failed")
    assert failed == SIGN_IN_FAILURES


def _count_audit(db: str, action: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return len(list(session.scalars(select(AuditEntry.id)
                                        .where(AuditEntry.action == action))))


def test_a_correct_sign_in_does_not_count_against_its_address(desk: str) -> None:
    """Counted before the password is checked, a correct sign-in takes its count back: four
    failures and a success from one address leave the address one failure short of its
    lock, as before."""
    app = create_app(desk)
    client = TestClient(app)
    for n in range(SIGN_IN_FAILURES - 1):
        page = client.get("/login").text
        assert client.post("/login", data={"csrf": csrf_of(page), "name": "viewer",
                                           "password": f"wrong {n}"}).status_code == 401
    sign_in(client, "viewer")
    sign_in(TestClient(app), "reviewer")  # the address's count is still four
    other = TestClient(app)
    page = other.get("/login").text
    assert other.post("/login", data={"csrf": csrf_of(page), "name": "editor",
                                      "password": "wrong again"}).status_code == 401
    page = other.get("/login").text  # the fifth failure locks the address
    assert other.post("/login", data={"csrf": csrf_of(page), "name": "editor",
                                      "password": PASSWORD}).status_code == 429


def test_disabling_an_account_ends_its_sessions_even_once_it_is_enabled_again(
        desk: str) -> None:
    """A cookie copied before an account was disabled was refused only while the flag
    stood: enabling the account again brought it back. Disabling now signs the account out
    everywhere, on the desk and on the command line; signing in again after works."""
    from typer.testing import CliRunner

    from verifier.cli import app as cli

    app = create_app(desk)
    admin = sign_in(TestClient(app), "admin")
    for how in ("desk", "command line"):
        editor = sign_in(TestClient(app), "editor")
        copied = editor.cookies.get("verifier_session")
        if how == "desk":
            for op in ("disable", "enable"):
                assert admin.post("/users", data={"csrf": token(admin), "op": op,
                                                  "name": "editor"}).status_code == 200
        else:
            for op in ("disable", "enable"):
                result = CliRunner().invoke(cli, ["users", op, "editor", "--db", desk])
                assert result.exit_code == 0, result.output
        thief = TestClient(app, follow_redirects=False)
        thief.cookies.set("verifier_session", copied)
        assert thief.get("/queue").status_code == 303, how
        assert editor.get("/queue", follow_redirects=False).status_code == 303, how
        assert sign_in(TestClient(app), "editor").get("/articles/1/edit").status_code == 200


def test_a_role_taken_away_or_a_password_reset_holds_on_the_next_request(desk: str) -> None:
    """The session names the user, not the role: a demoted editor's next request is a
    viewer's; a reset password ends the account's sessions; and a reviewer cannot give
    itself a role through the Users form."""
    app = create_app(desk)
    admin = sign_in(TestClient(app), "admin")
    editor = sign_in(TestClient(app), "editor")
    assert editor.get("/articles/1/edit").status_code == 200
    admin.post("/users", data={"csrf": token(admin), "op": "role", "name": "editor",
                               "role": "viewer"})
    assert editor.get("/articles/1/edit").status_code == 403
    reviewer = sign_in(TestClient(app), "reviewer")
    for op, extra in (("role", {"role": "admin"}), ("password", {"password": "x" * 12}),
                      ("add", {"role": "admin", "password": "x" * 12})):
        refused = reviewer.post("/users", data={"csrf": token(reviewer), "op": op,
                                                "name": "reviewer", **extra})
        assert refused.status_code == 403, op
    assert reviewer.get("/users").status_code == 403
    admin.post("/users", data={"csrf": token(admin), "op": "password", "name": "reviewer",
                               "password": "a brand new passphrase"})
    assert reviewer.get("/queue", follow_redirects=False).status_code == 303


def test_a_form_that_names_another_reviewer_is_signed_by_the_signed_in_one(
        desk: str) -> None:
    app = create_app(desk)
    reviewer = sign_in(TestClient(app), "reviewer")
    done = reviewer.post("/claims/1/mark", data={
        "csrf": token(reviewer), "status": "confirmed", "evidence": "the harbour office log",
        "reviewer": "admin", "by": "admin", "actor": "admin", "user": "admin"},
        follow_redirects=False)
    assert done.status_code in (303, 400)
    with open_database(desk, create=False) as database, database.session_scope(
        write=False
    ) as session:
        assert set(session.scalars(select(Verdict.reviewer))) <= {"reviewer"}


def test_the_token_counts_only_in_the_form_body_of_this_desk(desk: str) -> None:
    """A token in the address, a JSON body, a form sent from a page with no origin
    (``Origin: null``: a sandboxed frame, a data: page) or from another site, and a sign-in
    made with another visitor's sign-in token are all refused, and nothing is saved."""
    app = create_app(desk)
    reviewer = sign_in(TestClient(app), "reviewer")
    mark = {"status": "confirmed", "evidence": "the harbour office log"}
    form_token = token(reviewer)
    refusals = [
        reviewer.post(f"/claims/1/mark?csrf={form_token}", data=mark),
        reviewer.post("/claims/1/mark", content=f'{{"csrf": "{form_token}"}}',
                      headers={"content-type": "application/json"}),
        reviewer.post("/claims/1/mark", data={"csrf": form_token, **mark},
                      headers={"origin": "null"}),
        reviewer.post("/claims/1/mark", data={"csrf": form_token, **mark},
                      headers={"origin": "https://evil.example"}),
        reviewer.post("/claims/1/mark", data={"csrf": form_token, **mark},
                      headers={"referer": "https://evil.example/page"}),
    ]
    assert [r.status_code for r in refusals] == [403] * len(refusals)
    visitor, victim = TestClient(app), TestClient(app, follow_redirects=False)
    theirs = csrf_of(visitor.get("/login").text)
    victim.get("/login")
    for client in (victim, TestClient(app, follow_redirects=False)):
        response = client.post("/login", data={"csrf": theirs, "name": "viewer",
                                               "password": PASSWORD})
        assert response.status_code == 403
        assert "verifier_session" not in response.headers.get("set-cookie", "")
    assert _count(desk, Verdict) == 0


STATIC_CLIMBS = [
    "/static/../web/app.py", "/static/%2e%2e/web/app.py", "/static/..%2fweb%2fapp.py",
    "/static/%2e%2e%2f%2e%2e%2fcli%2f__init__.py", "/static/..\\web\\app.py",
    "/static/%5c..%5cweb%5capp.py", "/static//etc/passwd", "/static/%00",
    "/static/desk.css/..", "/static/", "/static/.%2e/.%2e/pyproject.toml",
]


def test_static_paths_never_leave_the_static_folder_and_carry_the_headers(
        server: tuple[str, str]) -> None:  # noqa: F811
    base, _ = server
    for target in STATIC_CLIMBS:
        status, head = _get(base, target)
        assert status.split()[1] in ("400", "404"), (target, status)
        assert _has_headers(head), target
    status, head = _get(base, "/static/desk.css")
    assert status.endswith("200 OK") and _has_headers(head)
    assert "text/css" in head


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE"])
def test_every_method_on_every_kind_of_route_changes_nothing_and_carries_the_headers(
        server: tuple[str, str], method: str) -> None:  # noqa: F811
    base, db = server
    before = _count(db, Verdict), _count(db, AuditEntry)
    for target in ("/login", "/logout", "/queue", "/claims/1/mark", "/users", "/nowhere",
                   "/static/desk.css", "/palette.css"):
        status, head = _get(base, target, method)
        assert status.split()[1] in ("200", "303", "405", "404"), (method, target, status)
        assert _has_headers(head), (method, target)
        assert "set-cookie: verifier_session" not in head
    assert (_count(db, Verdict), _count(db, AuditEntry)) == before


def test_a_get_on_an_action_is_refused_and_the_session_lives(desk: str) -> None:
    """A link or an image pointing at an action (``<img src=/logout>`` on another page)
    cannot sign anyone out nor mark anything: GET on an action is a 405."""
    client = sign_in(TestClient(create_app(desk)), "reviewer")
    for target in ("/logout", "/claims/1/mark?status=confirmed&evidence=x",
                   "/verdicts/1/retract", "/articles/1/delete?confirm=yes"):
        assert client.get(target).status_code == 405, target
    assert client.get("/queue").status_code == 200
    admin = sign_in(TestClient(create_app(desk)), "admin")
    adding = admin.get("/users?op=add&name=mallory.x&role=admin&password=xxxxxxxxxxxx")
    assert adding.status_code == 400 and "mallory.x" not in admin.get("/users").text
    assert _count(desk, Verdict) == 0


def _sent(base: str, make: Callable[[str], bytes]) -> str:
    return _raw(base, make(base.removeprefix("http://")))[0]


def test_the_server_refuses_what_the_desk_must_never_read(
        server: tuple[str, str], tmp_path: Path) -> None:  # noqa: F811
    """Two Host headers, none, an address of another site in the request line, an address
    200 kB long, 300 headers of 1 kB and a body announced past the limit: each refused
    (400, 404 or 413), never a page of the desk under another name."""
    base, _ = server
    assert _sent(base, lambda h: f"GET /login HTTP/1.1\r\nHost: {h}\r\nHost: evil.example"
                                 "\r\nConnection: close\r\n\r\n".encode()).split()[1] == "400"
    assert _sent(base, lambda h: b"GET /login HTTP/1.1\r\nConnection: close\r\n\r\n"
                 ).split()[1] == "400"
    absolute = _sent(base, lambda h: f"GET http://evil.example/login HTTP/1.1\r\nHost: {h}"
                                     "\r\nConnection: close\r\n\r\n".encode())
    assert absolute.split()[1] in ("400", "404")
    assert _sent(base, lambda h: f"GET /login?q={'x' * 200_000} HTTP/1.1\r\nHost: {h}\r\n"
                                 "Connection: close\r\n\r\n".encode()).split()[1] in ("400",
                                                                                      "414")
    many = "".join(f"X-Filler-{n}: {'y' * 1000}\r\n" for n in range(300))
    assert _sent(base, lambda h: f"GET /login HTTP/1.1\r\nHost: {h}\r\n{many}"
                                 "Connection: close\r\n\r\n".encode()).split()[1] in ("400",
                                                                                      "431")
    status, head = _raw(base, (
        f"POST /login HTTP/1.1\r\nHost: {base.removeprefix('http://')}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n"
        "Connection: close\r\n\r\ncsrf=x").encode())
    assert status.split()[1] == "413" and _has_headers(head)


def test_a_page_served_under_an_address_of_another_site_keeps_no_link_there(
        desk: str) -> None:
    """The 404 page names the path it was asked for: a path holding markup or a scheme
    comes back escaped, and no link on the page leads off the desk."""
    client = sign_in(TestClient(create_app(desk)), "viewer")
    for path in ('/"><svg onload=alert(1)>', "/javascript:alert(1)", "//evil.example/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "<svg onload" not in response.text
        for href in re.findall(r'href="([^"]*)"', response.text):
            assert href.startswith(("/", "#")) and not href.startswith("//"), (path, href)


YAML_TRICKS = ["Quay Post\n  - id: planted\n    name: Planted", 'Back\\slash \\" and quote',
               "Hash # not a comment", "Colon: not a key", "Line\u2028separated",
               "{flow: map}", "[flow, list]", "&anchor *alias", "!!python/object:os.system"]


def test_registry_fields_written_from_the_desk_cannot_change_the_files_structure(
        desk: str) -> None:
    """An outlet's name, alias and note holding YAML's own syntax (a new line that starts
    another entry, quotes, backslashes, a comment, flow collections, anchors, a tag) are
    written to sources.yaml quoted: read back, each is the text typed, and no entry
    appears that nobody added."""
    from verifier.registry import load_registry

    editor = sign_in(TestClient(create_app(desk)), "editor")
    for n, trick in enumerate(YAML_TRICKS):
        saved = editor.post("/sources/new", data={
            "csrf": token(editor, "/sources"), "id": f"quay-{n}", "kind": "newspaper",
            "name": f"Q{n} {trick}", "aliases": f"Alias {n} {trick}", "prior_note": trick},
            follow_redirects=False)
        assert saved.status_code == 303, (trick, saved.text[:300])
    registry = load_registry(Path("sources.yaml").resolve())
    found = {s.id: s for s in registry.sources if s.id.startswith("quay-")}
    assert sorted(found) == sorted(f"quay-{n}" for n in range(len(YAML_TRICKS)))
    assert not [s.id for s in registry.sources if "planted" in s.id]
    for n, trick in enumerate(YAML_TRICKS):
        assert found[f"quay-{n}"].name == f"Q{n} {trick}", trick
        assert f"Alias {n} {trick}" in found[f"quay-{n}"].aliases, trick
