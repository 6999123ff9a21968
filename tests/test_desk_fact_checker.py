"""A fact-checker's and a security reviewer's first walk through the desk: what they found
(each test failed before its fix)."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from tests.web_helpers import csrf_of, sign_in
from verifier.web.app import MAX_FORM_BYTES, create_app


def signed_in(db: str, user: str = "reviewer") -> TestClient:
    return sign_in(TestClient(create_app(db)), user)


def test_a_form_too_large_is_the_desks_error_page(desk: str) -> None:
    """Past the form limit the desk answered a bare 'Form too large' text: no header, no
    way back; now the error page every other refusal uses."""
    client = signed_in(desk)
    token = csrf_of(client.get("/claims/1").text)
    response = client.post("/claims/1/mark", data={
        "csrf": token, "status": "confirmed", "evidence": "x" * (MAX_FORM_BYTES + 10)})
    assert response.status_code == 413
    assert "<title>Too large · verifier desk</title>" in response.text
    assert "Back to the queue" in response.text
    assert "reviewer" in response.text  # the header with the signed-in account


def test_a_name_that_keys_to_nothing_is_no_outlet(desk: str) -> None:
    """'The', 'Dr.' or '.' key to no words: they matched the first registry entry with a
    name that also keys to nothing ('DR', an honorific), so the queue's Outlet filter
    showed Danmarks Radio's claims for a slip of the keyboard."""
    client = signed_in(desk)
    for typed in ("The", "Dr.", "."):
        page = client.get("/queue", params={"outlet": typed}).text
        assert "unknown outlet" in page and "did you mean" not in page, typed
    assert "unknown outlet" not in client.get("/queue", params={"outlet": "DR"}).text
    assert "unknown outlet" not in client.get(
        "/queue", params={"outlet": "Danmarks Radio"}).text


def test_every_page_names_its_icon(desk: str) -> None:
    """Browsers asked for /favicon.ico on every page: a 404 in the console of each (and an
    error page rendered for it). The pages name an icon the desk serves."""
    client = signed_in(desk)
    for path in ("/login", "/queue", "/claims/1"):
        page = client.get(path).text
        assert '<link rel="icon" href="/static/icon.svg"' in page, path
    icon = client.get("/static/icon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")


def test_a_report_of_a_source_named_in_any_script_downloads(desk: str) -> None:
    """The download's file name took the typed id when it was 'alphanumeric', which 'ČT'
    (Czech Television's alias) is: a header that cannot be sent, and a 500. 'czech-tv' or
    'name:x' named no file at all. The file name now keeps the id's ASCII letters, digits
    and dashes ('CT')."""
    client = TestClient(create_app(desk), raise_server_exceptions=False)
    sign_in(client, "viewer")
    for ident, name in (("ČT", "verifier-source-CT.html"),
                        ("czech-tv", "verifier-source-czech-tv.html"),
                        ("Reuters", "verifier-source-Reuters.html")):
        response = client.get("/reports/download", params={"scope": "source", "id": ident})
        assert response.status_code == 200, (ident, response.status_code)
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    story = client.get("/reports/download", params={"scope": "story", "id": "1",
                                                     "format": "json"})
    assert story.headers["content-disposition"] == 'attachment; filename="verifier-story-1.json"'


def test_a_sign_in_is_in_the_audit(desk: str) -> None:
    """The Audit page offered 'sign-in' as an action to filter on, and nothing recorded
    one: who used the desk, and when, was nowhere."""
    signed_in(desk, "reviewer")
    page = signed_in(desk, "admin").get("/audit", params={"action": "sign-in"}).text
    assert "user reviewer" in page and "user admin" in page


FIRST = (
    "---\ntitle: Velm bridge to shut\noutlet: Reuters\npublished: 2026-03-05\n---\n"
    "The Velm bridge over the Orsk river will close for six weeks from Monday, Mayor Anna "
    "Tamm said.\n"
)
AGAIN = (
    "---\ntitle: Velm works begin\noutlet: Reuters\npublished: 2026-03-09\n---\n"
    "The Velm bridge over the Orsk river will close for six weeks from Monday, Mayor Anna "
    "Tamm said on Friday.\n"
)


def test_an_earlier_verdict_links_to_what_was_reviewed(desk: str, tmp_path: Path) -> None:
    """A returning claim's page named the earlier verdict 'claim:9' as bare code: the
    fact-checker could not open the reviewed claim (its article, its verdict's history)
    without typing its id in the address."""
    from typer.testing import CliRunner

    from tests.test_web import first_claim
    from verifier.cli import app as cli

    runner = CliRunner()
    for name, text in (("first.md", FIRST), ("again.md", AGAIN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert runner.invoke(cli, ["ingest", str(tmp_path / name), "--db", desk]).exit_code == 0
        if name == "first.md":
            first = first_claim(desk, "Mayor Anna Tamm said.")
            result = runner.invoke(cli, ["claims", "mark", str(first), "confirmed",
                                         "--evidence", "the mayor's notice", "--by",
                                         "reviewer", "--db", desk])
            assert result.exit_code == 0, result.output
    returning = first_claim(desk, "said on Friday")
    page = signed_in(desk).get(f"/claims/{returning}").text
    assert "Earlier verdicts it matches" in page
    assert f'<a href="/claims/{first}"><code>claim:{first}</code></a>' in page


def test_an_unknown_address_and_a_wrong_method_say_so_in_words(desk: str) -> None:
    """The router's own errors read 'Error' over 'Not Found' or 'Method Not Allowed' (a
    sign-out link followed, /logout by GET): now titled and worded as the desk's others."""
    client = signed_in(desk)
    missing = client.get("/claim/1")
    assert missing.status_code == 404
    assert "<title>Not found · verifier desk</title>" in missing.text
    assert "No desk page at /claim/1" in missing.text
    wrong = client.get("/logout")
    assert wrong.status_code == 405
    assert "<title>Not allowed · verifier desk</title>" in wrong.text
    assert "/logout is where a form&#39;s button sends it" in wrong.text


def test_every_link_field_takes_only_http_in_the_browser(desk: str) -> None:
    """Each form's link field (a verdict's evidence, a story's merge and move, an article's
    and an outlet's address) says in its pattern what the desk takes, so the browser refuses
    'ftp://' or 'javascript:' before the form leaves with the typed evidence."""
    import re

    client = signed_in(desk, "editor")
    fields = []
    for path in ("/claims/1", "/stories/1", "/articles/1/edit", "/sources/new"):
        fields += re.findall(r'<input name="url"[^>]*>', client.get(path).text)
    assert len(fields) >= 4
    for field in fields:
        assert 'pattern="[Hh][Tt][Tt][Pp][Ss]?://\\S+"' in field, field
