"""A refused desk form keeps what was typed: the page it was sent from is shown again with
the refusal and the form filled in (escaped; never the token, a password or a
confirmation), and nothing is saved or sent again."""

from __future__ import annotations

import re

from markupsafe import escape
from sqlalchemy import func, select

from tests.test_web import client_for, first_claim, query
from tests.web_helpers import XSS, token
from verifier.limits import LIMITS
from verifier.store.models import Verdict

REFERER = "http://testserver"


def _verdicts(db: str) -> int:
    return int(query(db, select(func.count()).select_from(Verdict))[0][0])


def _form(page: str, action: str) -> str:
    """The HTML of the form posting to ``action``."""
    found = re.search(rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>',
                      page, re.S)
    assert found, action
    return found.group(1)


def test_an_over_long_evidence_shows_the_claim_again_with_what_was_typed(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge")
    page = f"/claims/{claim}"
    evidence = "x" * (LIMITS["evidence"] + 1)
    response = client.post(f"{page}/mark", data={
        "csrf": token(client, page), "status": "refuted", "evidence": evidence,
        "url": "https://example.org/a?b=1&c=2", "note": XSS}, headers={"referer": REFERER + page})
    assert response.status_code == 400
    assert "Nothing was saved" in response.text and "at most 10,000" in response.text
    form = _form(response.text, f"{page}/mark")
    assert f">{evidence}</textarea>" in form
    assert 'value="refuted" required checked' in form
    assert 'value="https://example.org/a?b=1&amp;c=2"' in form
    assert str(escape(XSS)) in form and XSS not in response.text  # escaped
    assert f"<h1>Claim {claim}</h1>" in response.text  # the claim's own page
    assert _verdicts(desk) == 0


def test_a_stale_token_keeps_the_form_and_gives_a_fresh_one(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge")
    page = f"/claims/{claim}"
    fresh = token(client, page)
    response = client.post(f"{page}/mark", data={
        "csrf": "stale-token", "status": "confirmed", "evidence": "The ministry's notice",
        "note": "checked twice"}, headers={"referer": REFERER + page})
    assert response.status_code == 403 and "stale form token" in response.text
    form = _form(response.text, f"{page}/mark")
    assert ">" + str(escape("The ministry's notice")) + "</textarea>" in form
    assert 'value="checked twice"' in form
    assert "stale-token" not in response.text  # never the token it was refused for
    assert f'name="csrf" value="{fresh}"' in form
    assert _verdicts(desk) == 0
    # sending the kept form again, on purpose, saves it
    saved = client.post(f"{page}/mark", data={"csrf": fresh, "status": "confirmed",
                                             "evidence": "The ministry's notice"})
    assert saved.status_code == 200 and _verdicts(desk) > 0


def test_without_a_referer_the_actions_own_page_is_shown(desk: str) -> None:
    client = client_for(desk, "reviewer")
    story = int(query(desk, select(func.min(__import__(
        "verifier.store.models", fromlist=["Story"]).Story.id)))[0][0])
    response = client.post(f"/stories/{story}/rename", data={
        "csrf": token(client, f"/stories/{story}"), "title": "t" * 501})
    assert response.status_code == 400
    form = _form(response.text, f"/stories/{story}/rename")
    assert 'value="' + "t" * 501 + '"' in form
    assert '<details class="rename" open>' in response.text


def test_a_refused_new_account_keeps_the_name_and_role_never_the_password(desk: str) -> None:
    client = client_for(desk, "admin")
    response = client.post("/users", data={
        "csrf": token(client, "/users"), "op": "add", "name": "n" * 101, "role": "editor",
        "password": "a secret password"}, headers={"referer": REFERER + "/users"})
    assert response.status_code == 400
    assert 'value="' + "n" * 101 + '"' in response.text
    assert "<option selected>editor</option>" in response.text
    assert "a secret password" not in response.text


def test_a_refused_correction_keeps_its_rows(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge")
    page = f"/claims/{claim}"
    response = client.post(f"{page}/correct", data={
        "csrf": token(client, page), "claim": "yes", "certainty": "possible",
        "kind": ["official", "bogus-kind"], "source": ["the harbour master", "someone"],
        "evidence": "the master said it"}, headers={"referer": REFERER + page})
    assert response.status_code == 400, response.text[:300]
    form = _form(response.text, f"{page}/correct")
    assert 'value="the harbour master"' in form and 'value="someone"' in form
    assert "<option selected>possible</option>" in form
    assert ">the master said it</textarea>" in form


def test_a_failed_sign_in_keeps_the_name_not_the_password(desk: str) -> None:
    client = client_for(desk, None)
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    response = client.post("/login", data={"csrf": csrf.group(1), "name": "reviewer",
                                           "password": "not the password"})
    assert response.status_code == 401
    assert 'value="reviewer"' in response.text and "not the password" not in response.text


def test_a_form_from_another_site_is_not_filled_in(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge")
    response = client.post(f"/claims/{claim}/mark", data={
        "csrf": "x", "status": "confirmed", "evidence": "planted words"},
        headers={"origin": "https://evil.example"})
    assert response.status_code == 403 and "planted words" not in response.text


def test_a_refused_report_shows_the_reports_form_with_what_was_chosen(desk: str) -> None:
    client = client_for(desk, "viewer")
    response = client.get("/reports/download", params={
        "scope": "source", "id": "<b>nobody</b>", "format": "claimreview",
        "since": "2026-03-01"})
    assert response.status_code == 404
    assert "No report was made" in response.text and "<h1>Reports</h1>" in response.text
    assert '<option value="source" selected>' in response.text
    assert '<option value="claimreview" selected>' in response.text
    assert 'value="&lt;b&gt;nobody&lt;/b&gt;"' in response.text
    assert 'value="2026-03-01"' in response.text and "<b>nobody" not in response.text
    missing = client.get("/reports/download", params={"scope": "story", "format": "md"})
    assert missing.status_code == 400 and "story id is missing" in missing.text
    assert '<option value="story" selected>' in missing.text
