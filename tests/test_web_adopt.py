"""The desk's claim page lists the earlier verdicts a claim matches and adopts one, as
``claims show`` and ``claims adopt`` do: a reviewer's form with the CSRF token, refused to
a viewer, the earlier evidence escaped and its link only when it is http(s)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.test_web import client_for, first_claim, query
from tests.web_helpers import XSS, build_db, token
from verifier.cli import app as cli
from verifier.store.models import AuditEntry, Claim

runner = CliRunner()

ORSK = (
    "---\ntitle: Orsk terminal to shut\noutlet: Reuters\npublished: 2026-03-05\n---\n"
    "The Orsk ferry terminal will close for repairs in June, the port authority said.\n"
)
REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://checks.example/harbour?a=<b>",
    "claimReviewed": "The Orsk ferry terminal will close in June for repairs.",
    "author": {"@type": "Organization", "name": f"Harbour Checks {XSS}"},
    "datePublished": "2026-02-27",
    "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                     "bestRating": 5, "worstRating": 1},
}


def orsk_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The desk's test articles and the Orsk article, in a database under ``tmp_path``
    (the working directory, with no registry from the environment)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    orsk = tmp_path / "orsk.md"
    orsk.write_text(ORSK, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(orsk), "--db", db]).exit_code == 0
    return db


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The desk's test articles, one more, and a fact-check of its claim published elsewhere
    (a hostile author and link)."""
    db = orsk_desk(tmp_path, monkeypatch)
    reviews = tmp_path / "reviews.json"
    reviews.write_text(json.dumps([REVIEW]), encoding="utf-8")
    result = runner.invoke(cli, ["factchecks", "import", str(reviews), "--db", db])
    assert result.exit_code == 0, result.output
    yield db


def _second(db: str) -> int:
    return first_claim(db, "Orsk ferry terminal")


def test_the_claim_page_shows_earlier_verdicts_and_adopts_one(desk: str) -> None:
    claim = _second(desk)
    client = client_for(desk, "reviewer")
    page = client.get(f"/claims/{claim}").text
    assert "Earlier verdicts it matches" in page
    assert XSS not in page and "&lt;script&gt;" in page  # the earlier verdict's, escaped
    assert "?a=<b>" not in page and "?a=&lt;b&gt;" in page
    assert f'action="/claims/{claim}/adopt"' in page and "Adopt refuted" in page
    ref = page.split('name="from" value="', 1)[1].split('"', 1)[0]
    response = client.post(f"/claims/{claim}/adopt",
                           data={"csrf": token(client), "from": ref, "note": "same notice"})
    assert response.status_code == 200 and "Earlier verdict adopted." in response.text
    assert "It is refuted already" in response.text  # no second adopt offered
    assert f'action="/claims/{claim}/adopt"' not in response.text
    status = query(desk, select(Claim.status).where(Claim.id == claim))
    assert status == [("refuted",)]
    audit = query(desk, select(AuditEntry.actor, AuditEntry.action, AuditEntry.target)
                  .where(AuditEntry.action == "mark"))
    assert audit == [("reviewer", "mark", f"claim {claim}")]


def test_adopt_needs_a_reviewer_and_the_csrf_token(desk: str) -> None:
    claim = _second(desk)
    viewer = client_for(desk, "viewer")
    page = viewer.get(f"/claims/{claim}").text
    assert "Earlier verdicts it matches" in page and "/adopt" not in page
    assert viewer.post(f"/claims/{claim}/adopt", data={"csrf": token(viewer)}
                       ).status_code == 403
    reviewer = client_for(desk, "reviewer")
    assert reviewer.post(f"/claims/{claim}/adopt", data={}).status_code == 403
    assert reviewer.post(f"/claims/{claim}/adopt", data={"csrf": "forged"}).status_code == 403
    response = reviewer.post(f"/claims/{claim}/adopt",
                             data={"csrf": token(reviewer), "from": "fact-check:999"})
    assert response.status_code in (400, 404) and "does not match" in response.text
    assert query(desk, select(Claim.status).where(Claim.id == claim)) == [("unverified",)]
