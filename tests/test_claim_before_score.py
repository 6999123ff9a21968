"""A claim page's score "before any verdict on it" counted that claim's own verdict through
its source's track record: marking the claim moved the "before" score it is compared with.
Its sources' records now leave out the verdicts on the claim (and on its story)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in
from verifier.cli import app
from verifier.web.app import create_app

TEXT = ("The Brannock Valley Trust said on Monday the Velm ferry will stop running in May.\n")


def _score(client: object, claim: int) -> str:
    page = client.get(f"/claims/{claim}").text  # type: ignore[attr-defined]
    found = re.search(r"<h2>Its own score ([0-9.]+)</h2>", page)
    assert found, page
    assert "leave out the verdicts on this claim" in page
    return found.group(1)


def test_the_before_score_leaves_out_the_claim_s_own_verdict(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from verifier import passwords
    from verifier.store.database import open_database
    from verifier.store.trackrecords import count_verdicts, verdict_counts

    runner = CliRunner()
    db = str(tmp_path / "v.db")
    path = tmp_path / "velm.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    cost, passwords.N = passwords.N, 2**10
    try:
        added = runner.invoke(app, ["users", "add", "reviewer", "--role", "reviewer",
                                    "--password-stdin", "--db", db], input=PASSWORD + "\n")
    finally:
        passwords.N = cost
    assert added.exit_code == 0, added.output
    client = sign_in(TestClient(create_app(db), base_url="http://testserver"), "reviewer")
    before = _score(client, 1)
    marked = runner.invoke(app, ["claims", "mark", "1", "confirmed", "--evidence",
                                 "The trust's notice of 1 March says so.", "--by", "Ann",
                                 "--db", db])
    assert marked.exit_code == 0, marked.output
    with open_database(db) as database, database.session_scope(write=False) as session:
        counts = verdict_counts(session)
        without = count_verdicts(session, leave_out=(1,))
    # the source's record is built from this one verdict alone
    assert sum(c for c, _ in counts.values()) >= 1 and without == {}, (counts, without)
    assert _score(client, 1) == before
