"""The desk attacked where tests/test_web_security.py and test_hostile_web.py do not reach:
every route from the router (anonymous, without or with a wrong token, by a role too low),
a session replayed after signing out, and an unexpected error's page and headers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from tests.web_helpers import sign_in, token
from verifier.store.database import open_database
from verifier.store.models import AuditEntry, Verdict
from verifier.web.app import ROUTES, create_app
from verifier.web.security import HEADERS

ROLES = ("viewer", "reviewer", "editor", "admin")


def _path(route: str) -> str:
    """A route's path with its parameters filled (ids 1, a registry key)."""
    return re.sub(r"\{(\w+)(:int)?\}", lambda m: "1" if m.group(2) else "reuters", route)


def _writes(db: str) -> tuple[int, int]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return (int(session.scalar(select(func.count()).select_from(Verdict)) or 0),
                int(session.scalar(select(func.count()).select_from(AuditEntry)
                                   .where(AuditEntry.action != "sign-in")) or 0))


def _assert_headers(response: object, what: str) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (what, name)


def test_every_route_refuses_a_signed_out_visitor_and_changes_nothing(desk: str) -> None:
    before = _writes(desk)
    anonymous = TestClient(create_app(desk), follow_redirects=False)
    guarded = [(p, m) for p, m, role, _ in ROUTES if role is not None]
    assert len(guarded) > 25  # the router's own list, not a guess
    for route, method in guarded:
        path = _path(route)
        response = anonymous.request(method, path, data={"csrf": "x", "status": "confirmed",
                                                         "evidence": "x", "confirm": "yes"})
        assert response.status_code == 303, (method, path)
        assert response.headers["location"].startswith("/login?next="), (method, path)
        _assert_headers(response, path)
    assert _writes(desk) == before


def test_every_action_refuses_a_missing_forged_or_other_users_token(desk: str) -> None:
    before = _writes(desk)
    admin = sign_in(TestClient(create_app(desk)), "admin")
    other = sign_in(TestClient(create_app(desk)), "viewer")
    stolen = token(other)
    actions = [p for p, m, role, _ in ROUTES if m == "POST" and role is not None]
    for route in actions:
        path = _path(route)
        for forged in (None, "", "forged", stolen, token(admin) + "x"):
            data = {"confirm": "yes", "reason": "x", "status": "confirmed", "evidence": "x"}
            if forged is not None:
                data["csrf"] = forged
            response = admin.post(path, data=data, follow_redirects=False)
            assert response.status_code == 403, (path, forged)
            assert "stale form token" in response.text
    assert _writes(desk) == before
    assert admin.get("/queue").status_code == 200  # still signed in


def test_each_role_reaches_only_the_routes_its_role_allows(desk: str) -> None:
    before = _writes(desk)
    for rank, name in enumerate(ROLES):
        client = sign_in(TestClient(create_app(desk)), name)
        for route, method, role, _ in ROUTES:
            if role is None or ROLES.index(role) <= rank:
                continue
            path = _path(route)
            data = {"csrf": token(client)} if method == "POST" else None
            response = client.request(method, path, data=data, follow_redirects=False)
            assert response.status_code == 403, (name, method, path)
            assert f"it needs {role}" in response.text
    assert _writes(desk) == before


def test_a_session_copied_before_signing_out_is_dead_after(desk: str) -> None:
    app = create_app(desk)
    reviewer = sign_in(TestClient(app), "reviewer")
    copied = reviewer.cookies.get("verifier_session")
    form_token = token(reviewer)
    response = reviewer.post("/logout", data={"csrf": form_token}, follow_redirects=False)
    assert response.status_code == 303
    cleared = response.headers["set-cookie"].lower()
    assert "httponly" in cleared and "samesite=strict" in cleared and "max-age=0" in cleared
    thief = TestClient(app, follow_redirects=False)
    thief.cookies.set("verifier_session", copied)
    assert thief.get("/queue").status_code == 303
    mark = {"csrf": form_token, "status": "confirmed", "evidence": "seen"}
    assert thief.post("/claims/1/mark", data=mark).status_code == 303
    assert _writes(desk)[0] == 0
    # signing in again gives a new session, and the other sessions of the account live on
    again = sign_in(TestClient(app), "reviewer")
    assert again.cookies.get("verifier_session") != copied
    assert again.get("/queue").status_code == 200


def test_signing_in_replaces_a_session_cookie_planted_before(desk: str) -> None:
    app = create_app(desk)
    planted = sign_in(TestClient(app), "viewer").cookies.get("verifier_session")
    victim = TestClient(app)
    victim.cookies.set("verifier_session", planted, domain="testserver.local")
    assert victim.get("/queue").status_code == 200  # the planted session works until ...
    victim.post("/logout", data={"csrf": token(victim)})  # ... the victim signs out
    assert victim.get("/queue").url.path == "/login"
    sign_in(victim, "admin")
    assert victim.cookies.get("verifier_session") != planted
    assert victim.get("/users").status_code == 200


def test_an_unexpected_error_is_a_plain_page_with_the_security_headers(
    desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.store import claims

    client = sign_in(TestClient(create_app(desk), raise_server_exceptions=False), "viewer")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT secret FROM claims near line 3")

    monkeypatch.setattr(claims, "list_claims", broken)
    response = client.get("/queue")
    assert response.status_code == 500
    _assert_headers(response, "500")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"].startswith("text/html")
    assert "SELECT" not in response.text and "Traceback" not in response.text
    assert "RuntimeError" not in response.text
    assert "went wrong" in response.text


REDIRECTS = ["/\t/evil.example", "/\n/evil.example", "/\r\nSet-Cookie: taken=1",
             "/ /evil.example", "/\u3000/evil.example", "/\uff0f/evil.example", "/\x00/evil",
             "https:evil.example", "\\\\evil.example", " //evil.example", "///evil.example"]


def _local(location: str) -> bool:
    """A redirect a browser keeps on this site: a path, no scheme, no host."""
    from urllib.parse import urlsplit

    found = urlsplit(location)
    return (not found.scheme and not found.netloc and location.startswith("/")
            and not location.startswith("//") and "\\" not in location
            and not any(c in location for c in "\t\r\n "))


def test_no_return_parameter_leads_off_the_desk(desk: str) -> None:
    from tests.web_helpers import PASSWORD, csrf_of

    app = create_app(desk)
    signed = sign_in(TestClient(app), "reviewer")
    for target in REDIRECTS:
        client = TestClient(app, follow_redirects=False)
        page = client.get("/login", params={"next": target})
        if "\x00" in target:  # refused whole, as every field holding a NUL: nowhere to go
            assert page.status_code == 400 and "location" not in page.headers
            continue
        response = client.post("/login", data={"csrf": csrf_of(page.text), "name": "viewer",
                                               "password": PASSWORD, "next": target})
        assert response.status_code == 303 and _local(response.headers["location"]), target
        assert "taken" not in response.headers.get("set-cookie", "")
        again = client.get("/login", params={"next": target})  # signed in: sent on
        assert _local(again.headers["location"]), target
        corrected = signed.post("/claims/1/correct", data={
            "csrf": token(signed), "claim": "no", "evidence": "a heading", "back": target},
            follow_redirects=False)
        assert corrected.status_code == 303, target
        assert _local(corrected.headers["location"]), target


def test_an_origin_or_referer_that_is_no_address_is_refused_not_a_500(desk: str) -> None:
    """`Origin: http://[::1` (an IPv6 address never closed) made the same-origin check
    raise: a 500; the same as a form's Referer broke the refused form's page and the
    connection was reset. Now the first is a cross-site refusal (403) and the second a
    Referer not read (the refusal's page, 400); nothing is saved either way."""
    before = _writes(desk)
    reviewer = sign_in(TestClient(create_app(desk), raise_server_exceptions=False),
                       "reviewer")
    form = {"csrf": token(reviewer, "/claims/1"), "status": "refuted", "evidence": ""}
    forged = reviewer.post("/claims/1/mark", data=form, headers={"Origin": "http://[::1"})
    assert forged.status_code == 403 and "cross-site request refused" in forged.text
    referred = reviewer.post("/claims/1/mark", data=form, headers={
        "Origin": "http://testserver", "Referer": "http://[::1/claims/1"})
    assert referred.status_code == 400 and "a verdict needs evidence" in referred.text
    assert _writes(desk) == before


def test_a_link_whose_bidi_override_shows_another_address_is_refused(desk: str) -> None:
    """An evidence link 'https://evil.example/<U+202E>gro.sretuer.www//:sptth' was stored
    and shown as a link that reads 'https://evil.example/https://www.reuters.org' (the
    override reverses what follows it): a url holding a format character (a bidi control,
    a zero-width character) is no http(s) url, on the desk as on the command line."""
    before = _writes(desk)
    reviewer = sign_in(TestClient(create_app(desk)), "reviewer")
    for url in ("https://evil.example/\u202egro.sretuer.www//:sptth",
                "https://www.reuters\u200b.com.evil.example/"):
        refused = reviewer.post("/claims/1/mark", data={
            "csrf": token(reviewer, "/claims/1"), "status": "refuted",
            "evidence": "the council's minutes", "url": url})
        assert refused.status_code == 400, url
        assert "is not an http(s) url" in refused.text
    assert _writes(desk) == before
