"""The README walked as a new user on a fresh database: each test is a place a demanding
fact-checker tripped (which sentence a claim is, a hedge shown on a certain claim, an empty
report with no word why, a source the article does not hold). The texts are ours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import build_db, sign_in, token
from verifier.cli import app
from verifier.web.app import create_app

runner = CliRunner()

PIER = (
    "---\ntitle: Velm pier to close\noutlet: reuters\npublished: 2026-04-02\n---\n"
    "The Velm pier will close for repairs in June, the harbour board said. "
    "The ferry will use the north quay until August, a board member said, as the old "
    "crane may be moved.\n\n"
    "Shop owners on the pier refused to comment.\n"
)


@pytest.fixture
def pier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    path = tmp_path / "pier.md"
    path.write_text(PIER, encoding="utf-8")
    db = str(tmp_path / "pier.db")
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _claim(db: str, words: str) -> int:
    import json

    result = runner.invoke(app, ["claims", "list", "--status", "any", "--json", "--db", db])
    return int(next(c["id"] for c in json.loads(result.stdout) if words in c["text"]))


def test_claims_show_marks_the_claim_in_its_paragraph_without_styles(pier: str) -> None:
    """Piped or in a file there is no bold: the claim's sentence is between [[ ]], so its
    neighbour in the paragraph is never read as the claim."""
    claim = _claim(pier, "north quay")
    out = runner.invoke(app, ["claims", "show", str(claim), "--db", pier]).stdout
    assert "The claim is the sentence between [[ and ]]:" in out
    flat = " ".join(out.split())
    assert ("the harbour board said. [[The ferry will use the north quay until August, a "
            "board member said, as the old crane may be moved.]]") in flat
    # a sentence alone in its paragraph needs no marks
    alone = runner.invoke(app, ["claims", "show", str(_claim(pier, "Shop owners")), "--db",
                                pier]).stdout
    assert "[[" not in alone and "between" not in alone


def test_claims_show_styled_picks_the_claim_out_in_bold(
    pier: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = runner.invoke(app, ["claims", "show", str(_claim(pier, "north quay")), "--db",
                              pier]).stdout
    assert "[[" not in out and "\x1b[" in out


def test_analyze_says_a_hedge_word_on_a_certain_claim_is_not_counted(tmp_path: Path) -> None:
    text = tmp_path / "pier.txt"
    text.write_text(PIER.split("---\n")[-1], encoding="utf-8")
    out = runner.invoke(app, ["analyze", str(text)]).stdout
    assert "certain (“may” not counted)" in out
    assert "certain (may)" not in out


def test_analyze_wraps_a_long_label_line_under_its_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from verifier.cli.shared import console

    monkeypatch.setattr(console(), "width", 60)
    text = tmp_path / "long.txt"
    text.write_text("The port authority of Velm, the city council of Tolsen and the regional "
                    "transport office all refused to comment on the closure.\n",
                    encoding="utf-8")
    lines = runner.invoke(app, ["analyze", str(text)]).stdout.splitlines()
    label = next(n for n, line in enumerate(lines) if line.lstrip().startswith("0  claim"))
    # every line after the first, the label's rest included, is indented under it
    assert all(line.startswith("     ") for line in lines[label + 1:] if line), lines


def test_an_empty_report_says_why_and_what_reports_more(pier: str) -> None:
    result = runner.invoke(app, ["report", "--all", "--format", "md", "--db", pier])
    assert result.exit_code == 0
    assert "No reviewed stories of 2+ claims yet" in result.stdout  # as the terminal says it
    assert "verifier: note: the report holds no story: no story of 2+ claims has a verdict" \
        in result.stderr
    assert "`--all-stories`" in result.stderr
    quiet = runner.invoke(app, ["report", "--all", "--format", "json", "--db", pier])
    assert quiet.stderr == ""  # a program reads the empty list
    text = runner.invoke(app, ["report", "--all", "--db", pier])
    assert text.stderr == "" and "No reviewed stories of 2+ claims yet" in text.stdout
    ranged = runner.invoke(app, ["report", "--since", "2026-04-01", "--format", "md", "--db",
                                 pier])
    assert "with articles or verdicts on or after 2026-04-01)" in ranged.stdout
    assert "…" not in ranged.stdout.splitlines()[0]


def test_a_correction_naming_words_the_article_lacks_is_noted(pier: str) -> None:
    claim = _claim(pier, "north quay")
    result = runner.invoke(app, ["claims", "correct", str(claim), "--sourcing",
                                 "official:Dana Ortiz", "--evidence", "the board's minutes",
                                 "--by", "Ana", "--db", pier])
    assert result.exit_code == 0, result.output
    assert "'Dana Ortiz' is not in the article's text" in result.stderr
    found = runner.invoke(app, ["claims", "correct", str(claim), "--sourcing",
                                "official:a board member", "--evidence", "the board's minutes",
                                "--by", "Ana", "--db", pier])
    assert found.exit_code == 0 and found.stderr == "", found.output


@pytest.fixture
def desk(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path, db_url)


def test_desk_claim_page_and_correction_note(desk: str) -> None:
    client = sign_in(TestClient(create_app(desk), base_url="http://testserver"), "reviewer")
    claim = _claim(desk, "according to a senior official")
    page = client.get(f"/claims/{claim}").text
    assert re.search(r"</q>, cue <q>", page) and "</q>\n, cue" not in page
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "possible", "kind": "official",
        "source": "Dana Ortiz", "evidence": "the ministry's budget note"})
    assert response.status_code == 200
    assert "words are not in the article&#39;s text" in response.text
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "possible", "kind": "unnamed_official",
        "source": "a senior official", "evidence": "the ministry's budget note"})
    assert response.status_code == 200 and "not in the article" not in response.text


def test_desk_claimreview_uses_the_public_address_when_one_is_set(
    desk: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A desk served on 127.0.0.1 published reviews whose urls led to 127.0.0.1; with
    $VERIFIER_PUBLISHER_URL (and $VERIFIER_ORG) set, as for `report --format claimreview`,
    the download names the public site."""
    import json

    stories = json.loads(runner.invoke(app, ["stories", "list", "--min-claims", "1", "--json",
                                             "--db", desk]).stdout)
    marked = runner.invoke(app, ["stories", "mark", str(stories[0]["id"]), "confirmed",
                                 "--evidence", "the harbour office's notice", "--by", "Ana",
                                 "--db", desk])
    assert marked.exit_code == 0, marked.output
    client = sign_in(TestClient(create_app(desk), base_url="http://testserver"), "viewer")
    url = "/reports/download?format=claimreview&scope=all"
    monkeypatch.delenv("VERIFIER_PUBLISHER_URL", raising=False)
    monkeypatch.delenv("VERIFIER_ORG", raising=False)
    local = json.loads(client.get(url).text)
    assert local and all(r["url"].startswith("http://testserver/stories/") for r in local)
    monkeypatch.setenv("VERIFIER_PUBLISHER_URL", "https://checks.example.org")
    monkeypatch.setenv("VERIFIER_ORG", "Velm Fact Desk")
    public = json.loads(client.get(url).text)
    assert all(r["url"].startswith("https://checks.example.org/stories/") for r in public)
    assert {r["author"]["name"] for r in public} == {"Velm Fact Desk"}


def test_a_desk_with_nothing_ingested_says_how_to_begin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`verifier serve` before any ingest: the queue and the stories said "No claim matches
    these filters", as if a filter hid them; they say how to begin, as Articles does."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "new.db")
    result = runner.invoke(app, ["users", "add", "reviewer", "--role", "reviewer",
                                 "--password-stdin", "--db", db],
                           input="correct horse battery\n")
    assert result.exit_code == 0, result.output
    client = sign_in(TestClient(create_app(db), base_url="http://testserver"), "reviewer")
    for path in ("/queue", "/stories"):
        page = client.get(path).text
        assert "No article yet: ingest some with <code>verifier ingest FILE...</code>" in page
        assert "matches these filters" not in page
    (tmp_path / "desk").mkdir()
    built = build_db(tmp_path / "desk")  # with articles, a filter that finds none says so
    client = sign_in(TestClient(create_app(built), base_url="http://testserver"), "reviewer")
    assert "No claim matches these filters." in client.get(
        "/queue", params={"search": "zeppelin"}).text
    assert "No story matches these filters." in client.get(
        "/stories", params={"search": "zeppelin"}).text


def test_serve_on_a_port_in_use_says_so_before_announcing_the_desk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second `verifier serve` printed "verifier desk on http://127.0.0.1:8000/", then
    uvicorn's own ERROR line; it says in one line that the port is taken."""
    import socket

    import uvicorn

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("uvicorn was started")

    monkeypatch.setattr(uvicorn, "run", never)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--db",
                                     str(tmp_path / "d.db")])
    assert result.exit_code == 2, result.output
    assert f"verifier: error: cannot listen on 127.0.0.1:{port}:" in result.stderr
    assert "give --port N" in result.stderr and "verifier desk on" not in result.output
