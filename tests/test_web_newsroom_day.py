"""A newsroom fact-checker's first day at the desk (session 21's walk), over HTTP as the
browser sends it: an id pasted with a digit too many, a report asked for by id with its
scope left at the default, a date range typed backwards, an article's url mistyped. Each
must give the desk's one-line error page, never a 500 or the wrong report."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web_helpers import sign_in, token
from verifier.web.app import create_app

HUGE = "9" * 20  # past a signed 64-bit integer, what the database binds


def _client(db: str, role: str) -> TestClient:
    # raise_server_exceptions=False: a 500 is what the browser would get, so test for it
    return sign_in(TestClient(create_app(db), raise_server_exceptions=False), role)


def _error(html: str) -> str:
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(found.group(1).split()) if found else ""


@pytest.mark.parametrize("path", [
    f"/queue?story={HUGE}", f"/queue?article={HUGE}", f"/queue?offset={HUGE}",
    f"/stories?offset={HUGE}", f"/articles?offset={HUGE}", f"/audit?before={HUGE}",
])
def test_a_number_too_large_in_a_filter_is_a_clear_error_not_a_500(
    desk: str, path: str,
) -> None:
    """A story number pasted with digits too many: SQLite cannot bind it, and the page was
    a 500 (the connection reset), where the command line says "a number is too large"."""
    response = _client(desk, "viewer").get(path)
    assert response.status_code in (200, 400), response.status_code
    assert "is too large (at most 9223372036854775807)" in response.text


@pytest.mark.parametrize("path", [f"/stories/{HUGE}", f"/claims/{HUGE}", f"/articles/{HUGE}",
                                  f"/articles/{HUGE}/edit"])
def test_an_id_too_large_in_a_page_address_is_not_found(desk: str, path: str) -> None:
    response = _client(desk, "editor").get(path)
    assert response.status_code == 404
    kind = {"stories": "story", "claims": "claim", "articles": "article"}[path.split("/")[1]]
    assert f"no {kind} with id {HUGE}" in response.text


def test_an_action_on_an_id_too_large_is_not_found_and_writes_nothing(desk: str) -> None:
    client = _client(desk, "reviewer")
    csrf = token(client)
    for path, form in ((f"/claims/{HUGE}/mark", {"status": "confirmed", "evidence": "x"}),
                       (f"/verdicts/{HUGE}/retract", {"reason": "x"}),
                       (f"/stories/{HUGE}/mark", {"status": "refuted", "evidence": "x"})):
        response = client.post(path, data={**form, "csrf": csrf})
        assert response.status_code == 404, (path, response.status_code)
    audit = client.get("/audit").text
    assert "confirmed" not in audit and "refuted" not in audit


@pytest.mark.parametrize("ident", [HUGE, "²"])
def test_a_source_report_by_a_number_that_is_none_is_an_error_not_a_500(
    desk: str, ident: str,
) -> None:
    response = _client(desk, "viewer").get("/reports/download",
                                           params={"scope": "source", "id": ident})
    assert response.status_code in (400, 404), response.status_code
    assert "content-disposition" not in response.headers


def test_a_report_asked_for_by_id_with_its_scope_left_at_the_default_is_refused(
    desk: str,
) -> None:
    """The Reports form's Id typed, Of left at "reviewed stories": the download was the
    reviewed stories' report, named verifier-all-1.html, not story 1's and no word why."""
    client = _client(desk, "viewer")
    response = client.get("/reports/download", params={"scope": "all", "id": "1"})
    assert response.status_code == 400
    assert "content-disposition" not in response.headers
    assert _error(response.text) == (
        "an id (&#39;1&#39;) is given, but the report is of the reviewed stories: choose a "
        "story, an article or a source under Of, or clear the id")
    # the same with Of set to a story is that story's report
    story = client.get("/reports/download", params={"scope": "story", "id": "1"})
    assert story.status_code == 200
    assert story.headers["content-disposition"] == 'attachment; filename="verifier-story-1.html"'


def test_a_report_of_a_date_range_typed_backwards_is_refused(desk: str) -> None:
    """From after To: the command line refuses it ("--since is after --until"); the desk
    downloaded an empty report."""
    response = _client(desk, "viewer").get(
        "/reports/download", params={"scope": "all", "since": "2026-03-05",
                                     "until": "2026-03-01", "format": "md"})
    assert response.status_code == 400
    assert "content-disposition" not in response.headers
    assert _error(response.text) == "From (2026-03-05) is after To (2026-03-01)"


def test_an_articles_bad_url_is_called_its_url_not_an_evidence_link(desk: str) -> None:
    client = _client(desk, "editor")
    page = client.get("/articles/1/edit")
    assert page.status_code == 200
    response = client.post("/articles/1/edit", data={
        "csrf": token(client, "/articles/1/edit"), "title": "Harbour bridge to close",
        "url": "javascript:alert(1)", "outlet": "Reuters", "published": "2026-03-02"})
    assert response.status_code == 400
    assert _error(response.text) == ("the article&#39;s url &#39;javascript:alert(1)&#39; is "
                                     "not an http(s) url")


def test_an_outlet_form_with_a_bad_id_says_what_an_id_is(desk: str, tmp_path: Path) -> None:
    """Add an outlet with the id typed as its name: the page said "sources.yaml: entry 901:
    field 'id': required; ..." of an id the editor had given, as if the file were broken."""
    editor = _client(desk, "editor")
    response = editor.post("/sources/new", data={
        "csrf": token(editor), "id": "Velm Courier", "name": "Velm Courier",
        "kind": "newspaper", "prior_confirmed": "1", "prior_refuted": "1", "prior_note": ""})
    assert response.status_code == 400
    assert _error(response.text) == (
        "id &#39;Velm Courier&#39;: an id is lower-case letters, digits, _ - . only, starting "
        "with a letter or digit (e.g. &#39;velm-courier&#39;)")
    assert not (tmp_path / "sources.yaml").exists()


def test_the_claim_page_says_when_a_correction_turned_it_against_its_story_verdict(
    desk: str,
) -> None:
    """The desk's claim page showed "refuted, marked with story N" on a claim a correction
    had since made a denial of that refuted story, with nothing to say it no longer fits."""
    import json

    from typer.testing import CliRunner

    from verifier.cli import app as cli

    runner = CliRunner()
    listed = json.loads(runner.invoke(cli, ["claims", "list", "--json", "--db", desk]).stdout)
    claim = next(c for c in listed if "will close for six weeks" in c["text"])
    reviewer = _client(desk, "reviewer")
    response = reviewer.post(f"/stories/{claim['story']}/mark", data={
        "csrf": token(reviewer), "status": "refuted", "evidence": "The bridge stays open."})
    assert response.status_code == 200
    page = reviewer.get(f"/claims/{claim['id']}").text
    assert "yet the verdict it took with the story" not in page
    response = reviewer.post(f"/claims/{claim['id']}/correct", data={
        "csrf": token(reviewer), "claim": "yes", "certainty": "certain",
        "kind": "denied", "source": "the transport ministry",
        "evidence": "read as a denial for this test"})
    assert response.status_code == 200
    page = reviewer.get(f"/claims/{claim['id']}").text
    assert (f"claim {claim['id']} now denies story {claim['story']}, which is refuted, yet the "
            "verdict it took with the story") in " ".join(page.split())


def test_the_desks_refusals_name_its_fields_and_buttons_not_command_line_options(
    desk: str,
) -> None:
    """At the desk, a claim marked twice was told "retract it first (`verifier claims
    retract 3`)", a merge of stories with different verdicts "say which verdict stands with
    --status, --evidence and --by", an empty retraction "needs evidence (--evidence)" and the
    queue's From after To "--since is after --until": the command line's words."""
    reviewer = _client(desk, "reviewer")
    csrf = token(reviewer)
    said = []
    form = {"csrf": csrf, "status": "confirmed", "evidence": "The ministry's notice."}
    assert reviewer.post("/claims/1/mark", data=form).status_code == 200
    again = reviewer.post("/claims/1/mark", data=form)
    assert again.status_code == 400
    said.append(_error(again.text))
    assert said[-1].endswith("to change its evidence, retract it first (Retract under its "
                             "verdict history); nothing was marked")
    verdict = re.search(r'action="/verdicts/(\d+)/retract"', reviewer.get("/claims/1").text)
    assert verdict is not None
    empty = reviewer.post(f"/verdicts/{verdict.group(1)}/retract",
                          data={"csrf": csrf, "reason": " "})
    said.append(_error(empty.text))
    assert said[-1] == "a retraction needs evidence: what shows it?"
    backwards = reviewer.get("/queue", params={"since": "2026-03-05", "until": "2026-03-01"})
    said.append(_error(backwards.text))
    assert said[-1] == "From is after To"
    stories = reviewer.get("/stories", params={"min_claims": "1", "sort": "id"}).text
    ids = [int(n) for n in dict.fromkeys(re.findall(r'href="/stories/(\d+)"', stories))]
    first, second = ids[:2]
    for story, status in ((first, "confirmed"), (second, "refuted")):
        marked = reviewer.post(f"/stories/{story}/mark", data={
            "csrf": csrf, "status": status, "evidence": "A council notice."})
        assert marked.status_code == 200
    merge = reviewer.post(f"/stories/{first}/merge", data={"csrf": csrf, "other": str(second)})
    assert merge.status_code == 400
    said.append(_error(merge.text))
    assert "say which verdict stands (Which verdict stands, with the evidence for it)" in said[-1]
    for message in said:
        assert "`verifier" not in message and " --" not in message, message


def test_a_locked_sign_in_says_the_fifteen_minutes_the_lock_lasts(desk: str) -> None:
    """Five failed sign-ins lock a name for 15 minutes (README); the page said "try again in
    16 minutes"."""
    from tests.web_helpers import csrf_of

    client = TestClient(create_app(desk), follow_redirects=False)
    for _ in range(5):
        page = client.post("/login", data={"csrf": csrf_of(client.get("/login").text),
                                           "name": "reviewer", "password": "wrong password",
                                           "next": "/queue"})
        assert page.status_code == 401
    locked = client.post("/login", data={"csrf": csrf_of(client.get("/login").text),
                                         "name": "reviewer", "password": "wrong password",
                                         "next": "/queue"})
    assert locked.status_code == 429
    assert _error(locked.text) == "Too many failed attempts: try again in 15 minutes."


def test_an_admin_cannot_demote_themself_at_the_desk(desk: str) -> None:
    """The Users page offered "Set role" on the admin's own row: an admin who set their own
    role to viewer lost the page at once, and the desk its only admin (disabling oneself was
    already refused)."""
    admin = _client(desk, "admin")
    page = admin.get("/users").text
    own = re.search(r"<tr><td>admin \(you\)</td>.*?</tr>", page, re.S)
    assert own is not None and "Set role" not in own.group(0) and "Disable" not in own.group(0)
    assert "Reset password" in own.group(0)
    response = admin.post("/users", data={"csrf": token(admin, "/users"), "op": "role",
                                          "name": "admin", "role": "viewer"})
    assert response.status_code == 400
    assert _error(response.text) == "you cannot change your own role (another admin can)"
    assert admin.get("/users").status_code == 200  # still an admin
    other = admin.post("/users", data={"csrf": token(admin, "/users"), "op": "role",
                                       "name": "viewer", "role": "reviewer"})
    assert other.status_code == 200


def test_a_long_article_is_read_a_page_of_sentences_at_a_time(desk: str,
                                                              tmp_path: Path) -> None:
    """A pasted transcript of 60,000 sentences was one article page of 175 MB built in
    50 s (every sentence shaded, listed and given its correction form): a long article is
    shown 200 sentences at a time, with the pages' links, and a link to one of its
    sentences (the queue's, the claim page's) opens the page that holds it; a correction
    sent from a later page comes back to that page. A short article's page is as before."""
    from typer.testing import CliRunner

    from verifier.cli import app as cli
    from verifier.web.views import ARTICLE_SENTENCES

    lines = [f"Councillor Ivo Marsh said the levy would raise {n} thousand crowns."
             for n in range(ARTICLE_SENTENCES * 2 + 50)]
    (tmp_path / "levy.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored = CliRunner().invoke(cli, ["ingest", str(tmp_path / "levy.txt"), "--outlet",
                                      "none", "--db", desk])
    assert stored.exit_code == 0, stored.output
    client = _client(desk, "reviewer")
    article = re.search(r'href="/articles/(\d+)">[^<]*levy\.txt', client.get("/articles").text)
    assert article, "the article is listed"
    path = f"/articles/{article.group(1)}"
    first = client.get(path)
    assert first.status_code == 200
    ids = re.findall(r'<tr id="row(\d+)">', first.text)
    assert len(ids) == ARTICLE_SENTENCES
    assert "levy would raise 0 thousand" in first.text
    assert f"levy would raise {ARTICLE_SENTENCES} thousand" not in first.text
    assert "Sentences 1–200 of 450" in first.text
    assert f'href="{path}?offset=200" rel="next"' in first.text
    last = client.get(f"{path}?offset=400")
    assert len(re.findall(r'<tr id="row(\d+)">', last.text)) == 50
    assert "Sentences 401–450 of 450" in last.text and 'rel="next"' not in last.text
    assert f'href="{path}?offset=200" rel="prev"' in last.text
    assert "levy would raise 449 thousand" in last.text
    assert "levy would raise 399 thousand" not in last.text
    # the queue's link to a sentence on the third page opens the third page
    wanted = int(ids[0]) + 420
    queue = client.get(f"/queue?article={article.group(1)}&sort=article&offset=400"
                       "&limit=50").text
    assert f'href="{path}?sentence={wanted}#s{wanted}"' in queue
    held = client.get(f"{path}?sentence={wanted}")
    assert f'id="s{wanted}"' in held.text and "Sentences 401–450" in held.text
    # a correction sent from that page comes back to it
    fixed = client.post(f"/claims/{wanted}/correct", data={
        "csrf": token(client, f"{path}?offset=400"), "back": f"{path}?offset=400#row{wanted}",
        "claim": "yes", "certainty": "possible", "kind": "named", "source": "Ivo Marsh",
        "evidence": "the councillor hedged on the radio"}, follow_redirects=False)
    assert fixed.status_code == 303
    assert fixed.headers["location"].startswith(f"{path}?offset=400&done=corrected")
    for bad, said in ((f"{path}?offset=450", "offset 450 is past the article's last "
                       "sentence (it has 450; the first is at offset 0)"),
                      (f"{path}?offset=-1", "offset must be at least 0"),
                      (f"{path}?sentence=1", f"sentence 1 is not in article "
                       f"{article.group(1)}"),
                      (f"{path}?page=2", "unknown field 'page' in the address")):
        refused = client.get(bad)
        assert refused.status_code == 400, (bad, refused.status_code)
        assert said in html.unescape(_error(refused.text)), (bad, refused.text)
    short = client.get("/articles/1")
    assert "Sentences 1–" not in short.text and 'rel="next"' not in short.text


@pytest.mark.parametrize("path", [
    "/queue?certainty=possible&certainty=certain", "/stories?status=contested&status=confirmed",
    "/articles?outlet=reuters&outlet=afp", "/sources?q=a&q=b", "/audit?actor=a&actor=b",
    "/articles/1?offset=0&offset=200",
])
def test_a_filter_given_twice_in_the_address_is_refused(desk: str, path: str) -> None:
    """`/queue?certainty=possible&certainty=certain` listed the certain claims alone, the
    other value dropped unsaid (the page looked like an answer to both): a 400 in one line,
    as an unknown field is. The desk's own forms send each field once."""
    response = _client(desk, "viewer").get(path)
    assert response.status_code == 400, response.status_code
    name = path.split("?")[1].split("=")[0]
    assert f"field '{name}' is given 2 times in the address" in html.unescape(
        _error(response.text))
