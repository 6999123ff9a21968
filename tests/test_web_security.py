"""The desk under attack: escaping, CSRF, roles, sessions, throttling, injection strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, XSS, build_db, csrf_of, sign_in, token
from verifier.cli import app as cli
from verifier.store.database import open_database
from verifier.store.models import Claim, Verdict
from verifier.web.app import create_app

HOSTILE_OUTLET = '<svg onload="alert(7)">Gazette'
HOSTILE_SOURCES = """
  - id: evil-gazette
    name: '{name}'
    kind: newspaper
    aliases: ["Evil Gazette"]
    url: 'https://example.org/"><svg/onload=alert(8)>'
    prior: {{confirmed: 1, refuted: 1, note: "test"}}
"""


def client_for(db: str, user: str | None = "reviewer", **kwargs: str) -> TestClient:
    client = TestClient(create_app(db), **kwargs)  # type: ignore[arg-type]
    return sign_in(client, user) if user else client


def count_verdicts(db: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return int(session.scalar(select(func.count()).select_from(Verdict)) or 0)


def claim_id(db: str, words: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        found = session.scalar(select(Claim.id).where(Claim.text.contains(words)))
        assert found is not None
        return int(found)


def assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html.lower()
    assert not re.search(r"<script\b", html)


def test_hostile_text_title_url_outlet_and_source_names_come_back_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    registry = tmp_path / "sources.yaml"
    from verifier.config import data_path

    packaged = data_path("sources.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    registry.write_text(packaged + HOSTILE_SOURCES.format(name=HOSTILE_OUTLET).lstrip("\n"),
                        encoding="utf-8")
    monkeypatch.setenv("VERIFIER_SOURCES", str(registry))
    db = build_db(tmp_path)
    article = tmp_path / "gazette.md"
    article.write_text("---\ntitle: Plain\noutlet: Evil Gazette\n---\nThe port reopened on "
                       "Tuesday, officials said.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    client = client_for(db)
    hostile = claim_id(db, "was harmless")
    client.post(f"/claims/{hostile}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "certain", "kind": ["named"],
        "source": [XSS], "evidence": XSS})
    client.post(f"/claims/{hostile}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": XSS,
        "note": XSS, "url": "https://example.org/?q=<script>"})
    pages = ["/queue?status=any", "/articles", "/stories?status=any", "/sources", "/audit",
             f"/claims/{hostile}", "/orphaned", f"/queue?search={XSS}",
             f"/queue?outlet={XSS}"]
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        articles = list(session.scalars(select(Claim.article_id).distinct()))
    pages += [f"/articles/{a}" for a in articles]
    for path in pages:
        response = client.get(path)
        refused = path.startswith("/queue?outlet=")  # no such outlet: the queue says so
        assert response.status_code == (400 if refused else 200), path
        assert_escaped(response.text)
    article_page = client.get(f"/articles/{articles[-2]}").text
    gazette = client.get(f"/articles/{articles[-1]}").text
    all_text = article_page + gazette + client.get(f"/claims/{hostile}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in all_text  # shown as text
    assert "&lt;svg onload=" in gazette  # the outlet's name
    assert "javascript:alert(3)" in all_text  # the url shown, not linked
    sources_page = client.get("/sources").text
    assert 'href="javascript' not in sources_page
    assert "<svg/onload" not in sources_page and "&lt;svg/onload=alert(8)&gt;" in sources_page


def test_every_response_sends_the_security_headers(desk: str) -> None:
    client = client_for(desk)
    for path in ("/queue", "/login", "/static/desk.css", "/claims/999999"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp  # no script at all
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_script_and_no_inline_style(desk: str) -> None:
    client = client_for(desk, "admin")
    for path in ("/queue", "/articles/1", "/users", "/sources/new", "/stories"):
        html = client.get(path).text
        assert "<script" not in html and " style=" not in html and " on" + "click" not in html


def test_session_cookie_is_httponly_samesite_and_secure_over_https(desk: str) -> None:
    client = TestClient(create_app(desk), base_url="https://desk.example")
    page = client.get("/login")
    assert "secure" in page.headers["set-cookie"].lower()
    response = client.post("/login", data={"csrf": csrf_of(page.text), "name": "viewer",
                                           "password": PASSWORD}, follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("verifier_session=")
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "secure" in lowered
    plain = TestClient(create_app(desk))
    page = plain.get("/login")
    response = plain.post("/login", data={"csrf": csrf_of(page.text), "name": "viewer",
                                          "password": PASSWORD}, follow_redirects=False)
    assert "secure" not in response.headers["set-cookie"].lower()


def test_anonymous_requests_go_to_the_sign_in_page(desk: str) -> None:
    client = client_for(desk, None)
    for path in ("/queue", "/articles/1", "/claims/1", "/audit", "/users", "/reports/download"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=")
    response = client.post("/claims/1/mark", data={"status": "confirmed", "evidence": "x"},
                           follow_redirects=False)
    assert response.status_code == 303 and count_verdicts(desk) == 0


def test_a_post_without_the_csrf_token_is_refused(desk: str) -> None:
    client = client_for(desk)
    claim = claim_id(desk, "harbour bridge will close")
    data = {"status": "confirmed", "evidence": "seen"}
    assert client.post(f"/claims/{claim}/mark", data=data).status_code == 403
    bad = {**data, "csrf": "forged"}
    assert client.post(f"/claims/{claim}/mark", data=bad).status_code == 403
    other = client_for(desk, "editor")  # another user's token is not this session's
    stolen = {**data, "csrf": token(other)}
    assert client.post(f"/claims/{claim}/mark", data=stolen).status_code == 403
    good = {**data, "csrf": token(client)}
    cross = client.post(f"/claims/{claim}/mark", data=good,
                        headers={"origin": "https://evil.example"})
    assert cross.status_code == 403
    assert count_verdicts(desk) == 0
    assert client.post(f"/claims/{claim}/mark", data=good).status_code == 200
    assert count_verdicts(desk) == 1
    # the sign-in form has its own token
    fresh = client_for(desk, None)
    response = fresh.post("/login", data={"name": "viewer", "password": PASSWORD})
    assert response.status_code == 403


def test_roles_are_enforced_on_the_server(desk: str) -> None:
    claim = claim_id(desk, "harbour bridge will close")
    viewer = client_for(desk, "viewer")
    mark = {"status": "confirmed", "evidence": "seen"}
    assert viewer.post(f"/claims/{claim}/mark", data={**mark, "csrf": token(viewer)}
                       ).status_code == 403
    assert viewer.post(f"/claims/{claim}/correct", data={
        "csrf": token(viewer), "claim": "no"}).status_code == 403
    assert viewer.post("/verdicts/1/retract", data={"csrf": token(viewer), "reason": "x"}
                       ).status_code == 403
    reviewer = client_for(desk, "reviewer")
    assert reviewer.post("/articles/1/delete", data={
        "csrf": token(reviewer), "reason": "x", "confirm": "yes"}).status_code == 403
    assert reviewer.post("/articles/1/edit", data={"csrf": token(reviewer), "title": "x"}
                         ).status_code == 403
    assert reviewer.post("/users", data={"csrf": token(reviewer), "op": "add", "name": "x",
                                         "role": "admin", "password": PASSWORD}
                         ).status_code == 403
    assert count_verdicts(desk) == 0
    page = viewer.get(f"/claims/{claim}").text
    assert "Record verdict" not in page and "Save correction" not in page


def test_sign_in_is_throttled(desk: str) -> None:
    client = client_for(desk, None)
    for _ in range(5):
        page = client.get("/login").text
        response = client.post("/login", data={"csrf": csrf_of(page), "name": "admin",
                                               "password": "wrong password!"})
        assert response.status_code == 401
    page = client.get("/login").text
    response = client.post("/login", data={"csrf": csrf_of(page), "name": "admin",
                                           "password": PASSWORD})
    assert response.status_code == 429 and "Too many failed attempts" in response.text


def test_sign_in_never_redirects_to_another_site(desk: str) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client = client_for(desk, None)
        page = client.get("/login").text
        response = client.post("/login", data={"csrf": csrf_of(page), "name": "viewer",
                                               "password": PASSWORD, "next": target},
                               follow_redirects=False)
        assert response.headers.get("location") == "/queue", target


def test_a_forged_or_expired_session_cookie_is_not_accepted(desk: str) -> None:
    client = client_for(desk, "admin")
    cookie = client.cookies.get("verifier_session")
    assert cookie
    body, _, mac = cookie.partition(".")
    tampered = TestClient(create_app(desk))
    tampered.cookies.set("verifier_session", body + "." + mac[::-1])
    assert tampered.get("/users", follow_redirects=False).status_code == 303
    other_key = TestClient(create_app(desk, secret=b"another key"))
    other_key.cookies.set("verifier_session", cookie)
    assert other_key.get("/queue", follow_redirects=False).status_code == 303


INJECTIONS = [
    "' OR 1=1 --", "\"; DROP TABLE claims; --", "1; SELECT * FROM users", "NEAR(a b)",
    "a AND OR NOT", "\"unbalanced", "title:* col:x", "(((", "*", "^ffff", "-x", "%_%", "\\",
    "\x00", "ünïcödé ✓", "a" * 3000,
]
FILTERS = ["status", "sourcing", "certainty", "outlet", "story", "article", "since", "until",
           "search", "sort", "limit", "offset"]


@pytest.mark.parametrize("field", FILTERS)
def test_injection_and_fts_syntax_in_every_filter_give_a_normal_page(desk: str,
                                                                     field: str) -> None:
    client = client_for(desk, "viewer")
    for value in INJECTIONS:
        response = client.get("/queue", params={field: value, "status": "any"}
                              if field != "status" else {field: value})
        assert response.status_code in (200, 400), (field, value, response.status_code)
        assert "Review queue" in response.text or "Cannot do that" in response.text
        assert "Traceback" not in response.text
    for path in ("/stories", "/audit"):
        response = client.get(path, params={"status": INJECTIONS[0], "actor": INJECTIONS[1],
                                            "action": INJECTIONS[3]})
        assert response.status_code in (200, 400)
    assert count_verdicts(desk) == 0
    assert client.get("/queue?status=any").status_code == 200  # tables still there


def test_serve_refuses_a_public_address_while_no_user_exists(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", db])
    assert result.exit_code == 2
    assert "no user exists" in result.output
