"""A reviewed claim whose article is deleted: its verdict is kept (append-only, listed as
orphaned) but no longer offered as an earlier verdict to match or adopt; a verdict adopted
from it before says truthfully that its claim has since been deleted, in `claims show`
(text and JSON), on the desk and in reports, and nothing links to the missing claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in, token
from verifier.cli import app as cli
from verifier.review.provenance import adopted_claim
from verifier.web.app import create_app

FIRST = ("---\ntitle: Ferry line to reopen\noutlet: Reuters\npublished: 2026-04-01\n---\n"
         "The Harwick ferry line will reopen on Friday after the storm repairs, the port "
         "authority said.\n"
         "Tickets for the first crossing sold out within an hour.\n")
SECOND = ("---\ntitle: Harwick ferries back\noutlet: The Associated Press\n"
          "published: 2026-04-02\n---\n"
          "The Harwick ferry line will reopen on Friday after the storm repairs, officials "
          "said.\n")

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)  # a cheaper hash for the test's account
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.setenv("VERIFIER_REVIEWER", "ann")
    database = str(tmp_path / "v.db")
    monkeypatch.setenv("VERIFIER_DB", database)
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.md").write_text(SECOND, encoding="utf-8")
    run("ingest", "first.md")
    run("claims", "mark", "1", "confirmed", "--evidence", "the port's notice",
        "--url", "https://example.org/notice")
    run("ingest", "second.md")
    result = runner.invoke(cli, ["users", "add", "rev", "--role", "editor",
                                 "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    return database


def _new_claim(db: str) -> int:
    listed = json.loads(run("claims", "list", "--article", "2", "--json"))
    return int(listed["claims"][0]["id"]) if isinstance(listed, dict) else int(
        listed[0]["id"])


def test_a_deleted_claims_verdict_is_no_longer_offered(db: str) -> None:
    new = _new_claim(db)
    before = json.loads(run("claims", "show", str(new), "--json"))
    assert [m["ref"] for m in before["past_verdicts"]] == ["claim:1"]
    report = json.loads(run("report", "--article", "2", "--format", "json"))
    assert report["past_verdicts"], report
    run("articles", "delete", "1", "--reason", "ingested twice", "--yes")
    after = json.loads(run("claims", "show", str(new), "--json"))
    assert after["past_verdicts"] == []
    report = json.loads(run("report", "--article", "2", "--format", "json"))
    assert report["past_verdicts"] == []
    assert "claim 1" in run("articles", "orphaned")  # the verdict itself is kept
    refused = runner.invoke(cli, ["claims", "adopt", str(new), "--from", "claim:1"])
    assert refused.exit_code == 6
    assert "claim 1 has since been deleted: article 1 “Ferry line to reopen”" in refused.output
    assert "no longer offered to adopt" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    client = sign_in(TestClient(create_app(db)), "rev")
    page = client.get(f"/claims/{new}").text
    assert 'href="/claims/1"' not in page
    refused_here = client.post(f"/claims/{new}/adopt", data={
        "csrf": token(client, f"/claims/{new}"), "from": "claim:1"})
    assert refused_here.status_code == 404
    assert "claim 1 has since been deleted" in refused_here.text
    assert "kept as orphaned (the Orphaned page)" in refused_here.text
    assert "verifier articles" not in refused_here.text
    queue = client.get("/queue").text
    assert 'href="/claims/1"' not in queue


def test_a_verdict_adopted_from_a_deleted_claim_says_so(db: str) -> None:
    new = _new_claim(db)
    run("claims", "adopt", str(new))
    run("articles", "delete", "1", "--reason", "ingested twice", "--yes")
    shown = run("claims", "show", str(new))
    assert "adopted from claim 1" in shown  # the evidence as it was written
    assert "claim 1 has since been deleted" in " ".join(shown.split())
    data = json.loads(run("claims", "show", str(new), "--json"))
    (verdict,) = data["verdicts"]
    assert verdict["adopted_from_deleted"].startswith(
        "claim 1 has since been deleted: article 1 “Ferry line to reopen” was deleted by ann")
    client = sign_in(TestClient(create_app(db)), "rev")
    page = client.get(f"/claims/{new}")
    assert page.status_code == 200
    assert "claim 1 has since been deleted" in page.text
    assert 'href="/orphaned"' in page.text and 'href="/claims/1"' not in page.text
    for fmt in ("md", "html", "json"):
        out = run("report", "--article", "2", "--format", fmt)
        assert "/claims/1" not in out
    run("report", "--all", "--min-claims", "1", "--format", "md")


def test_the_adopted_claim_is_read_from_what_adopt_writes() -> None:
    assert adopted_claim("adopted from claim 12 (similar wording (0.90)): seen") == 12
    assert adopted_claim("adopted from story 4 (its story): seen") is None
    assert adopted_claim("the claim 12 was adopted from elsewhere") is None
