"""Defects a new user's walk found outside the first walk's files (session 21, second pass)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, build_db, sign_in, token
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.models import Claim, Correction

runner = CliRunner()


def run(*args: str, input: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, result.output
    return result.output


def test_users_role_keeps_the_last_admin(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)
    db = str(tmp_path / "u.db")
    run("users", "add", "ann", "--role", "admin", "--password-stdin", "--db", db,
        input=PASSWORD + "\n")
    out = run("users", "role", "ann", "viewer", "--db", db, code=2)
    assert "ann is the last admin" in out and "Traceback" not in out
    assert "last admin" in run("users", "disable", "ann", "--db", db, code=2)
    assert "ann\tadmin\t" in run("users", "list", "--db", db)  # nothing changed
    run("users", "add", "bob", "--role", "admin", "--password-stdin", "--db", db,
        input=PASSWORD + "\n")
    assert "ann is now viewer" in run("users", "role", "ann", "viewer", "--db", db)
    assert "last admin" in run("users", "role", "bob", "editor", "--db", db, code=2)
    assert "unknown role" in run("users", "role", "bob", "boss", "--db", db, code=2)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path)


def _claim_of(db: str, words: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
            write=False) as session:
        return int(session.scalars(select(Claim.id).where(Claim.text.contains(words))).first()
                   or 0)


def _corrections(db: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
            write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Correction)) or 0)


def test_a_speaker_label_needs_its_source_words(desk: str) -> None:
    claim = str(_claim_of(desk, "Repairs could cost"))
    for value in ("named", "official:", "media:   "):
        out = run("claims", "correct", claim, "--sourcing", value, "--by", "Ana",
                  "--evidence", "a witness said it", "--db", desk, code=2)
        assert "needs the source's words" in out and "Traceback" not in out
    assert "may have none" in run("claims", "correct", "--help")
    run("claims", "correct", claim, "--sourcing", "unnamed:", "--by", "Ana",
        "--evidence", "hearsay", "--db", desk)  # hearsay may have no words
    assert _corrections(desk) == 1
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk), base_url="http://testserver"), "reviewer")
    page = client.get(f"/claims/{claim}").text
    assert "official, named and media need the source" in page
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "possible",
        "kind": ["named", ""], "source": ["", ""], "evidence": "a witness",
        "back": f"/claims/{claim}"})
    assert "needs the source" in response.text
    assert _corrections(desk) == 1


RESIGNATION = """Mayor faces calls to resign

The opposition demanded the mayor's resignation on Monday, the city council said.
The mayor resigned from the harbour board last year, the council said.
"""


def test_search_matches_word_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "s.db")
    (tmp_path / "mayor.txt").write_text(RESIGNATION, encoding="utf-8")
    run("ingest", str(tmp_path / "mayor.txt"), "--db", db)
    found = json.loads(run("claims", "list", "--status", "any", "--search", "resign",
                           "--json", "--db", db))
    assert {row["text"].split()[1] for row in found} == {"faces", "opposition", "mayor"}
    assert len(json.loads(run("claims", "list", "--status", "any", "--search",
                              "council resig", "--json", "--db", db))) == 2
    assert json.loads(run("claims", "list", "--status", "any", "--search", "signation",
                          "--json", "--db", db)) == []  # a word's start, not any part
    assert "'resign' finds 'resignation'" in " ".join(
        run("claims", "list", "--help").split())


def test_a_bad_option_value_is_a_usage_error_on_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "o.db")
    text = tmp_path / "mayor.txt"
    text.write_text(RESIGNATION, encoding="utf-8")
    run("ingest", str(text), "--db", db)
    for args, words in (
            (("ingest", str(text), "--published", "2026-13-01"), "is not a date"),
            (("ingest", str(text), "--outlet", "Nowhere Gazette"), "unknown outlet"),
            (("articles", "set", "1", "--published", "2026-13-01", "--by", "Ana"),
             "is not a date"),
            (("articles", "set", "1", "--outlet", "Nowhere Gazette", "--by", "Ana"),
             "unknown outlet"),
            (("claims", "list", "--outlet", "Nowhere Gazette"), "no outlet"),
            (("articles", "list", "--outlet", "Nowhere Gazette"), "no outlet"),
            (("claims", "list", "--since", "yesterday"), "is not a date"),
            (("report", "--source", "Nowhere Gazette"), "no source")):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output and "Traceback" not in result.output
    assert runner.invoke(app, ["claims", "show", "99", "--db", db]).exit_code == 6  # an id
    assert runner.invoke(app, ["articles", "set", "99", "--outlet", "reuters", "--by", "Ana",
                               "--db", db]).exit_code == 6


def test_a_merged_story_id_says_where_it_went(desk: str) -> None:
    import json

    first, second = sorted(s["id"] for s in json.loads(
        run("stories", "list", "--json", "--db", desk)))[:2]
    shown = json.loads(run("stories", "show", str(first), "--json", "--db", desk))
    claim = shown["claims"][-1]["claim_id"]
    third = int(run("stories", "split", str(first), str(claim), "--db", desk, "--by",
                    "Ana").split()[-1])  # "new story N"
    run("stories", "merge", str(second), str(third), "--db", desk, "--by", "Ana")
    run("stories", "merge", str(first), str(second), "--db", desk, "--by", "Ana")
    for story in (second, third):  # third went to second, which went to first
        out = run("stories", "show", str(story), "--db", desk, code=6)
        assert f"story {story} was merged into story {first}" in out, out
        assert f"story {story} was merged into story {first}" in run(
            "report", "--story", str(story), "--db", desk, code=6)
    assert "no story with id 999" in run("stories", "show", "999", "--db", desk, code=6)
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk), base_url="http://testserver"), "viewer")
    page = client.get(f"/stories/{third}")
    assert page.url.path == f"/stories/{first}"
    assert f"Story {third} was merged into story {first}" in page.text
    assert client.get("/stories/999").status_code == 404


def test_an_empty_report_says_nothing_matched_in_every_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "r.db")
    (tmp_path / "mayor.txt").write_text(RESIGNATION, encoding="utf-8")
    run("ingest", str(tmp_path / "mayor.txt"), "--db", db, "--published", "2026-05-04")
    said = "Nothing matched: no stories, articles or track records"
    for fmt in ("text", "md", "html"):
        out = run("report", "--since", "2030-01-01", "--format", fmt, "--db", db)
        assert said in out, (fmt, out)
        for empty in ("Legend", "legend", "| source |", "<table", "<th>", "## Articles",
                      "Source track records"):
            assert empty not in out.split("</style>")[-1], (fmt, empty, out)
    data = json.loads(run("report", "--since", "2030-01-01", "--format", "json", "--db", db))
    assert data["stories"] == data["articles"] == data["sources"] == []
    full = run("report", "--all-stories", "--min-claims", "1", "--format", "md", "--db", db)
    assert "## Articles" in full and "Legend" in full and said not in full
