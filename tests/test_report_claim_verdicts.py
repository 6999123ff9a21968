"""Reports show each claim's standing verdict beside the claim (rating, reviewer, date,
evidence and its link when http(s)) and, in the story's heading, how many of its claims
carry verdicts the story does not ("2 of 4 claims reviewed: 1 refuted, 1 confirmed"): a
story whose claim a reviewer refuted still said only "corroborated" or "unconfirmed"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.web_helpers import build_db
from verifier.cli import app
from verifier.report.model import build_report
from verifier.scoring.weights import load_weights
from verifier.store.database import open_database

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("wide_console")
SUMMARY = "2 of 4 claims reviewed: 1 refuted, 1 confirmed"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _column(table: str, name: str, after: str) -> str:
    """The words of one column of the terminal's story table, its wrapped lines joined."""
    lines = table.splitlines()
    head = next(x for x in lines if x.startswith("id ") and f" {name} " in x)
    start, end = head.index(f" {name} ") + 1, head.index(f" {after} ") + 1
    body = lines[lines.index(head) + 2:]
    cells = []
    for line in body:
        if not line.strip():
            break
        cells.append(line[start:end].strip())
    return " ".join(" ".join(cells).split())


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Story 1 (four claims of the harbour article) with claim 2 refuted (an http link)
    and claim 3 confirmed (evidence that looks like markup), the story itself unreviewed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    _run("claims", "mark", "2", "refuted", "--evidence", "Ministry budget note",
         "--url", "https://example.org/note", "--by", "Rita Fact", "--db", db)
    _run("claims", "mark", "3", "confirmed", "--evidence", "Council <b>minutes</b>",
         "--by", "Ann", "--db", db)
    return db


def test_every_format_shows_the_claim_verdicts_and_the_count(desk: str) -> None:
    out = _run("report", "--story", "1", "--db", desk)
    assert SUMMARY in _column(out, "story", "status")
    text = " ".join(out.split())
    assert "claim #2 refuted by Rita Fact on" in text and "https://example.org/note" in text
    assert "claim #3 confirmed by Ann on" in text

    md = _run("report", "--story", "1", "--format", "md", "--db", desk)
    assert f"**{SUMMARY}**" in md
    line = next(x for x in md.splitlines() if x.startswith("- #2 "))
    assert "— **refuted** by Rita Fact on " in line and "(<https://example.org/note>)" in line
    line = next(x for x in md.splitlines() if x.startswith("- #3 "))
    assert "— **confirmed** by Ann on " in line and "Council \\<b>minutes\\</b>" in line

    html = _run("report", "--story", "1", "--format", "html", "--db", desk)
    assert f'<b class="claims-reviewed">{SUMMARY}</b>' in html
    assert "<details open><summary>Claims</summary>" in html
    assert ('<span class="status st-refuted">refuted</span> by Rita Fact on ' in html
            and '<a href="https://example.org/note"' in html)
    assert "Council &lt;b&gt;minutes&lt;/b&gt;" in html and "<b>minutes</b>" not in html

    story = json.loads(_run("report", "--story", "1", "--format", "json", "--db", desk)
                       )["stories"][0]
    assert story["claims_reviewed"] == SUMMARY
    assert story["claim_verdicts"] == {"refuted": 1, "confirmed": 1}
    verdicts = {c["claim_id"]: c["verdict"] for c in story["claims"]}
    assert verdicts[1] is None and verdicts[4] is None
    assert (verdicts[2]["status"], verdicts[2]["reviewer"], verdicts[2]["url"]) == (
        "refuted", "Rita Fact", "https://example.org/note")


def test_a_retracted_claim_verdict_is_no_longer_shown(desk: str) -> None:
    _run("claims", "retract", "2", "--evidence", "Wrong note", "--by", "Ann", "--db", desk)
    story = json.loads(_run("report", "--story", "1", "--format", "json", "--db", desk)
                       )["stories"][0]
    assert story["claims_reviewed"] == "1 of 4 claims reviewed: 1 confirmed"
    assert {c["claim_id"]: c["verdict"] is not None for c in story["claims"]} == {
        1: False, 2: False, 3: True, 4: False}


def test_a_story_verdict_that_marked_its_claims_adds_no_count(desk: str) -> None:
    """The library: the claims' verdicts are on every member, and the heading's count is
    given only for verdicts the story does not carry."""
    _run("stories", "mark", "2", "confirmed", "--evidence", "Inspection report",
         "--by", "Ann", "--db", desk)
    with open_database(desk, create=False) as database, database.session_scope(
        write=False
    ) as session:
        report = build_report(session, load_weights(), story_id=2)
        (story,) = report.stories
        assert story.reviewed and story.claims_reviewed is None
        assert all(m.verdict is not None and m.verdict.status == "confirmed"
                   for m in story.members)
        (harbour,) = build_report(session, load_weights(), story_id=1).stories
        assert harbour.claims_reviewed == SUMMARY
    text = _run("report", "--story", "2", "--db", desk)
    assert "claims reviewed" not in text and "claim #" not in text
