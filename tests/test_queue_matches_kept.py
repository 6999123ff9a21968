"""The queue keeps its reading of every reviewed claim and fact-check from page to page
(``Desk.past_matcher``) while nothing it was read from changed, and reads them again after a
verdict, a retraction, a correction, a fact-check import or an ingest, from the desk or the
command line: its pages are always what a desk started afresh shows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.test_web import first_claim
from tests.test_web_adopt import ORSK, REVIEW, orsk_desk
from tests.web_helpers import sign_in, token
from verifier.cli import app as cli
from verifier.stories import matching
from verifier.web.app import create_app

runner = CliRunner()
PAGES = ("/queue", "/queue?status=any&limit=200", "/queue?search=Orsk")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The desk's test articles and one more whose claim matches a fact-check imported
    later (in the test)."""
    yield orsk_desk(tmp_path, monkeypatch)


def _plain(page: str) -> str:
    return re.sub(r'name="csrf" value="[^"]+"', 'name="csrf"', page)


def _pages(client: TestClient) -> list[str]:
    return [_plain(client.get(path).text) for path in PAGES]


def _afresh(db: str, signed_in: TestClient) -> list[str]:
    """The pages from a desk started now, in a session signed in before (signing in again
    would be an audited change)."""
    return _pages(TestClient(create_app(db), cookies=signed_in.cookies))


def test_the_queue_reads_reviewed_claims_once_until_one_changes(
        desk: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    read_every = matching.Matcher.read_every

    def counted(self: matching.Matcher) -> None:
        reads.append(1)
        read_every(self)

    monkeypatch.setattr(matching.Matcher, "read_every", counted)
    monkeypatch.setenv("VERIFIER_SECRET_KEY", "one key for every desk of this test")
    kept = sign_in(TestClient(create_app(desk)), "reviewer")
    other = sign_in(TestClient(create_app(desk)), "reviewer")
    first = len(reads)  # (signing in went to the queue, in each desk)
    seen = _pages(kept)
    assert len(reads) == first + 1  # read for its first page
    assert _pages(kept) == seen and len(reads) == first + 1  # then kept
    assert "matches an earlier verdict" not in seen[2]
    orsk = first_claim(desk, "Orsk ferry terminal")

    def check(what: str) -> None:
        before = len(reads)
        got = _pages(kept)
        assert len(reads) > before, what  # read again
        assert got == _afresh(desk, other), what

    reviews = tmp_path / "reviews.json"
    reviews.write_text(json.dumps([REVIEW]), encoding="utf-8")
    assert runner.invoke(cli, ["factchecks", "import", str(reviews), "--db", desk]).exit_code == 0
    check("a fact-check imported by another process")
    assert "matches an earlier verdict" in kept.get("/queue?search=Orsk").text
    bridge = first_claim(desk, "harbour bridge")
    marked = kept.post(f"/claims/{bridge}/mark", data={
        "csrf": token(kept), "status": "refuted", "evidence": "The council minutes say so"})
    assert marked.status_code == 200, marked.text
    check("a verdict on the desk")
    verdict = re.search(r'action="/verdicts/(\d+)/retract"', kept.get(f"/claims/{bridge}").text)
    assert verdict is not None
    retracted = kept.post(f"/verdicts/{verdict.group(1)}/retract", data={
        "csrf": token(kept), "reason": "marked the wrong claim", "back": f"/claims/{bridge}"})
    assert retracted.status_code == 200, retracted.text
    check("a retraction")
    result = runner.invoke(cli, ["claims", "mark", str(orsk), "refuted", "--evidence",
                                 "The port's notice says July", "--by", "A. Reviewer",
                                 "--db", desk])
    assert result.exit_code == 0, result.output
    check("a verdict on the command line")
    result = runner.invoke(cli, ["claims", "correct", str(orsk), "--sourcing",
                                 "unnamed:officials", "--by", "A. Reviewer", "--evidence",
                                 "no one is named", "--db", desk])
    assert result.exit_code == 0, result.output
    check("a correction")
    more = tmp_path / "more.md"
    more.write_text(ORSK.replace("Orsk", "Velm").replace("June", "August"), encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(more), "--db", desk]).exit_code == 0
    check("an ingest (the words' weights)")
