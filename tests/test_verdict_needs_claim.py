"""A verdict is on what a sentence asserts: a sentence read as not a claim (page furniture
such as a "Breaking News" line or a stray "x" label) takes none, whether it is marked with
``claims mark`` or on the desk's claim page. The refusal is one line naming the fix: correct
the sentence to a claim first (the correction is itself recorded), then mark it. One rule,
``verifier.store.verdicts.check_claims``, behind both paths. The texts are ours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from tests.cli_helpers import ingest_text, run
from tests.web_helpers import build_db, sign_in, token
from verifier.store.database import open_database
from verifier.store.models import AuditEntry, Claim, Correction, Verdict
from verifier.web.app import create_app

pytestmark = pytest.mark.usefixtures("wide_console")

TRAM = (
    "---\ntitle: Tram line opens on the east bank\noutlet: Reuters\n"
    "url: https://example.org/tram\npublished: 2026-03-05\n---\n"
    "Breaking News\n\n"
    "The new tram line to the east bank opened on Friday, the city transport office said.\n\n"
    "x\n"
)


def _sentences(db: str) -> dict[str, tuple[int, bool]]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return {text: (cid, is_claim) for cid, text, is_claim in session.execute(
            select(Claim.id, Claim.text, Claim.is_claim))}


def _count(db: str, model: type[Verdict] | type[Correction]) -> int:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    db = str(tmp_path / "tram.db")
    ingest_text(db, tmp_path / "tram.md", TRAM)
    return db


def test_cli_refuses_a_verdict_on_a_non_claim_and_names_the_fix(cli_db: str) -> None:
    sentences = _sentences(cli_db)
    furniture, is_claim = sentences["Breaking News"]
    label = sentences["x"][0]
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    assert not is_claim and not sentences["x"][1]
    code, _, err = run("claims", "mark", str(furniture), "confirmed", "--evidence",
                       "transport office notice", "--by", "Ana", "--db", cli_db)
    assert code == 2
    assert err.startswith("verifier: error:") and err.count("\n") == 1
    assert f"sentence {furniture} (claims." in err and "not a claim" in err
    assert f"verifier claims correct {furniture} --claim" in err
    assert "nothing was marked" in err
    # with a real claim among the ids, nothing is marked either (all ids checked first)
    code, _, err = run("claims", "mark", str(claim), str(furniture), str(label),
                       "confirmed", "--evidence", "notice", "--by", "Ana", "--db", cli_db)
    assert code == 2 and f"sentences {furniture} (" in err and f", {label} (" in err
    assert _count(cli_db, Verdict) == 0
    # the fix: a recorded correction makes it a claim; then it takes a verdict
    code, _, err = run("claims", "correct", str(label), "--claim", "--certainty", "certain",
                       "--evidence", "the label is the line's headline claim", "--by", "Ana",
                       "--db", cli_db)
    assert code == 0, err
    code, _, err = run("claims", "mark", str(label), "confirmed", "--evidence", "notice",
                       "--by", "Ana", "--db", cli_db)
    assert code == 0, err
    assert _count(cli_db, Verdict) == 1 and _count(cli_db, Correction) == 1


def test_cli_adopt_on_a_non_claim_is_refused_by_the_same_rule(cli_db: str) -> None:
    sentences = _sentences(cli_db)
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    furniture = sentences["Breaking News"][0]
    code, _, err = run("claims", "mark", str(claim), "confirmed", "--evidence", "notice",
                       "--by", "Ana", "--db", cli_db)
    assert code == 0, err
    code, _, err = run("claims", "adopt", str(furniture), "--from", f"claim:{claim}",
                       "--by", "Ana", "--db", cli_db)
    assert code == 2 and "not a claim" in err and "nothing was marked" in err
    assert _count(cli_db, Verdict) == 1


@pytest.fixture
def desk(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path, db_url)
    ingest_text(db, tmp_path / "tram.md", TRAM)
    return db


def _client(db: str) -> TestClient:
    return sign_in(TestClient(create_app(db), base_url="http://testserver"), "reviewer")


def test_desk_refuses_a_verdict_on_a_non_claim_and_offers_the_correction(desk: str) -> None:
    client = _client(desk)
    sentences = _sentences(desk)
    furniture = sentences["Breaking News"][0]
    page = client.get(f"/claims/{furniture}").text
    assert "Record verdict" not in page and "takes no verdict" in page
    assert f'action="/claims/{furniture}/correct"' in page
    response = client.post(f"/claims/{furniture}/mark", data={
        "csrf": token(client), "status": "confirmed", "evidence": "transport office notice"})
    assert response.status_code == 400
    assert "not a claim" in response.text and "correct it to a claim first" in response.text
    assert _count(desk, Verdict) == 0
    response = client.post(f"/claims/{furniture}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "certain",
        "evidence": "the line states the opening"})
    assert response.status_code == 200 and "Correction saved" in response.text
    assert "Record verdict" in client.get(f"/claims/{furniture}").text
    response = client.post(f"/claims/{furniture}/mark", data={
        "csrf": token(client), "status": "confirmed", "evidence": "transport office notice"})
    assert response.status_code == 200 and "Verdict recorded" in response.text
    with open_database(desk, create=False) as database, database.session_scope(
        write=False
    ) as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["correct", "mark"]  # the fix is on the record, then the verdict


def test_cli_a_judged_claim_is_not_corrected_to_not_a_claim_until_retracted(
    cli_db: str,
) -> None:
    sentences = _sentences(cli_db)
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    code, _, err = run("claims", "mark", str(claim), "refuted", "--evidence",
                       "the line opened on Saturday", "--by", "Ana", "--db", cli_db)
    assert code == 0, err
    code, _, err = run("claims", "correct", str(claim), "--not-claim", "--evidence",
                       "a caption", "--by", "Bo", "--db", cli_db)
    assert code == 2 and err.count("\n") == 1
    assert f"claim {claim} is refuted (verdict " in err and "by Ana" in err
    assert f"verifier claims retract {claim}" in err and "nothing was changed" in err
    assert _count(cli_db, Correction) == 0 and _sentences(cli_db)["x"][1] is False
    code, _, err = run("claims", "retract", str(claim), "--evidence", "wrong day read",
                       "--by", "Ana", "--db", cli_db)
    assert code == 0, err
    code, _, err = run("claims", "correct", str(claim), "--not-claim", "--evidence",
                       "a caption", "--by", "Bo", "--db", cli_db)
    assert code == 0, err
    assert _count(cli_db, Correction) == 1


def test_desk_a_judged_claim_is_not_corrected_to_not_a_claim(desk: str) -> None:
    client = _client(desk)
    sentences = _sentences(desk)
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    response = client.post(f"/claims/{claim}/mark", data={
        "csrf": token(client), "status": "confirmed", "evidence": "transport office notice"})
    assert response.status_code == 200
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "no", "certainty": "", "evidence": "a caption"})
    assert response.status_code == 400 and "retract it first" in response.text
    assert _count(desk, Correction) == 0
    assert _sentences(desk)[next(t for t in sentences if "tram" in t)][1] is True


def _story_of(db: str, claim_id: int) -> int:
    from verifier.store.models import StoryClaim

    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        story = session.scalar(select(StoryClaim.story_id).where(StoryClaim.claim_id == claim_id))
    assert story is not None
    return int(story)


def test_cli_no_story_takes_a_non_claim(cli_db: str) -> None:
    """A non-claim moved into a story would be a member no verdict or score ever reads."""
    sentences = _sentences(cli_db)
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    furniture = sentences["Breaking News"][0]
    story = _story_of(cli_db, claim)
    code, _, err = run("stories", "move", str(furniture), "--to", str(story), "--by", "Ana",
                       "--db", cli_db)
    assert code == 2 and err.count("\n") == 1
    assert "not a claim, so no story holds it" in err and "nothing was changed" in err
    assert f"verifier claims correct {furniture} --claim" in err


def test_desk_no_story_takes_a_non_claim(desk: str) -> None:
    client = _client(desk)
    sentences = _sentences(desk)
    claim = next(cid for text, (cid, yes) in sentences.items() if yes and "tram" in text)
    furniture = sentences["Breaking News"][0]
    story = _story_of(desk, claim)
    response = client.post(f"/stories/{story}/move", data={
        "csrf": token(client), "claim": [str(furniture)]})
    assert response.status_code == 400 and "so no story holds it" in response.text


def _legacy_verdict_on_a_non_claim(db: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """A claim judged, then corrected to not a claim as verifier allowed before
    ``check_unclaim`` (the rule switched off for the one correction): the verdict stands on
    a sentence that takes none. Returns the claim's id."""
    import verifier.review.actions

    claim = next(cid for text, (cid, yes) in _sentences(db).items() if yes and "tram" in text)
    code, _, err = run("claims", "mark", str(claim), "confirmed", "--evidence",
                       "transport office notice", "--by", "Ana", "--db", db)
    assert code == 0, err
    with monkeypatch.context() as old:
        old.setattr(verifier.review.actions, "check_unclaim", lambda *a, **k: None)
        code, _, err = run("claims", "correct", str(claim), "--not-claim", "--evidence",
                           "a caption", "--by", "Bo", "--db", db)
    assert code == 0, err
    return claim


def test_db_verify_lists_verdicts_standing_on_non_claims_with_the_fix(
    cli_db: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    code, out, _ = run("db", "verify", "--db", cli_db)
    assert code == 0 and "ok   verdicts on claims: no verdict stands" in out, out
    claim = _legacy_verdict_on_a_non_claim(cli_db, monkeypatch)
    code, out, _ = run("db", "verify", "--db", cli_db)
    assert code == 1, out
    assert "FAIL verdicts on claims: 1 standing on sentences read as not a claim" in out
    listed = next(line for line in out.splitlines() if f"- claim {claim} (" in line)
    assert "'The new tram line to the east bank opened on Friday" in listed
    assert "is read as not a claim" in listed and "but is confirmed (verdict" in listed
    assert "by Ana" in listed
    assert f"`verifier claims retract {claim} --evidence ... --by NAME`" in listed
    assert f"`verifier claims correct {claim} --claim --certainty LEVEL" in listed
    assert out.rstrip().endswith("1 problem(s)")
    code, out, _ = run("db", "verify", "--json", "--db", cli_db)
    check = next(c for c in json.loads(out)["checks"] if c["check"] == "verdicts on claims")
    assert code == 1 and not check["ok"] and len(check["problems"]) == 1
    # claims show says it too, with the same two fixes
    code, out, _ = run("claims", "show", str(claim), "--db", cli_db)
    assert code == 0 and "It is confirmed, yet a sentence that is not a claim" in out
    assert f"verifier claims retract {claim}" in out
    # the fix the listing names: the retraction is allowed (and recorded); then all is well
    code, _, err = run("claims", "retract", str(claim), "--evidence", "a caption, no claim",
                       "--by", "Ana", "--db", cli_db)
    assert code == 0, err
    code, out, _ = run("db", "verify", "--db", cli_db)
    assert code == 0 and "no problems found" in out, out


def test_desk_claim_page_of_a_judged_non_claim_names_the_fix(
    desk: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim = _legacy_verdict_on_a_non_claim(desk, monkeypatch)
    client = _client(desk)
    page = client.get(f"/claims/{claim}").text
    assert "Not a claim, yet it is confirmed" in page and "db verify" in page
    assert "Record verdict" not in page and "/retract" in page
    verdict = re.search(r'action="/verdicts/(\d+)/retract"', page)
    assert verdict is not None
    response = client.post(f"/verdicts/{verdict.group(1)}/retract", data={
        "csrf": token(client), "reason": "a caption, no claim", "back": f"/claims/{claim}"})
    assert response.status_code in (200, 303), response.text
    page = client.get(f"/claims/{claim}").text
    assert "Not a claim, so it takes no verdict" in page
