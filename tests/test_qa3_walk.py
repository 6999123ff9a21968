"""A fact-checker's first week, third round: what the walk through the CLI and the desk found
(each test failed before its fix)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from tests.web_helpers import build_db
from verifier.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path)


def test_the_desk_story_page_shows_its_claims_verdicts(desk: str) -> None:
    """`stories show` and every report said "2 of 4 claims reviewed: 1 refuted, 1
    confirmed" and each claim's verdict; the desk's story page said neither."""
    _run("claims", "mark", "2", "refuted", "--evidence", "Ministry budget note",
         "--by", "Rita Fact", "--db", desk)
    _run("claims", "mark", "3", "confirmed", "--evidence", "Council minutes",
         "--by", "Ann", "--db", desk)
    page = client_for(desk, "viewer").get("/stories/1").text
    assert '<b class="claims-reviewed">2 of 4 claims reviewed: 1 refuted, 1 confirmed</b>' \
        in page
    rows = {int(n): status for n, status in re.findall(
        r'<a href="/claims/(\d+)">#\d+</a></td><td><span class="status st-([a-z]+)">', page)}
    assert rows == {1: "unverified", 2: "refuted", 3: "confirmed", 4: "unverified"}
