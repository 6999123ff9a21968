"""A walk through the README as a new user and through the desk as a reviewer
and an admin: each mistake found is a test here (the command line through CliRunner, the
desk through its test client)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in, token
from verifier.cli import app as cli
from verifier.web.app import create_app

runner = CliRunner()

#: Registry ids that are valid (lower-case letters, digits, _ - .) and that YAML reads
#: bare as something other than text: an impossible date, a date, nothing, a flag, numbers.
YAML_LOOKALIKES = ["2026-02-30", "2026-02-28", "null", "true", "no", "123", "1.5", "0x10"]


@pytest.mark.parametrize("ident", YAML_LOOKALIKES)
def test_an_id_yaml_would_read_as_a_date_or_number_is_added_and_edited(
    tmp_path: Path, ident: str
) -> None:
    """`sources add 2026-02-30` was a ValueError traceback (the id written bare, read back
    as a date); `null`, `true`, `123` were refused as "field 'id': required"."""
    registry = str(tmp_path / "sources.yaml")
    added = runner.invoke(cli, ["sources", "add", ident, "--name", f"Paper {ident}",
                                "--kind", "newspaper", "--sources", registry])
    assert added.exit_code == 0, (added.output, added.exception)
    assert f"added {ident} in" in added.stdout
    shown = runner.invoke(cli, ["sources", "show", ident, "--sources", registry])
    assert shown.exit_code == 0 and f"Paper {ident}  ({ident})" in shown.stdout
    replaced = runner.invoke(cli, ["sources", "add", ident, "--name", "Renamed",
                                   "--kind", "magazine", "--replace", "--sources", registry])
    assert replaced.exit_code == 0, replaced.output
    again = runner.invoke(cli, ["sources", "add", ident, "--name", "Twice",
                                "--kind", "magazine", "--sources", registry])
    assert again.exit_code != 0 and "duplicate id" in again.stderr


def test_the_desk_adds_an_outlet_whose_id_looks_like_a_date(desk: str, tmp_path: Path) -> None:
    editor = sign_in(TestClient(create_app(desk)), "editor")
    saved = editor.post("/sources/new", data={
        "csrf": token(editor, "/sources"), "id": "2026-02-30", "name": "Leap Gazette",
        "kind": "newspaper"})
    assert saved.status_code == 200, saved.text[:300]
    assert "Leap Gazette" in editor.get("/sources?q=leap").text


def test_add_outlets_starts_a_sources_file_not_made_yet(tmp_path: Path) -> None:
    """`ingest --add-outlets --sources mine.yaml` refused a file not made yet ("source
    registry not found", exit 4) where `sources add --sources mine.yaml` starts it from the
    packaged registry; now both do. Without --add-outlets a missing file is still refused."""
    article = tmp_path / "velm.md"
    article.write_text("---\noutlet: Velm Courier\n---\nThe Velm ferry will stop running in "
                       "March, the harbour master said.\n", encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    result = runner.invoke(cli, ["ingest", str(article), "--add-outlets", "--sources",
                                 str(mine), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    assert "Velm Courier (velm-courier)" in result.stderr
    shown = runner.invoke(cli, ["sources", "show", "velm-courier", "--sources", str(mine)])
    assert shown.exit_code == 0 and "Velm Courier" in shown.stdout
    assert runner.invoke(cli, ["sources", "show", "reuters", "--sources",
                               str(mine)]).exit_code == 0  # the packaged entries are kept
    missing = runner.invoke(cli, ["ingest", str(article), "--sources",
                                  str(tmp_path / "none.yaml"), "--db", str(tmp_path / "w.db")])
    assert missing.exit_code == 4 and "source registry not found" in missing.stderr


def _corrections(db: str) -> int:
    from sqlalchemy import func, select

    from tests.test_web import query
    from verifier.store.models import Correction

    return int(str(query(db, select(func.count()).select_from(Correction))[0][0]))


@pytest.mark.parametrize("claim", [None, "", "maybe"])
def test_a_correction_that_does_not_say_claim_or_not_is_refused(desk: str,
                                                                claim: str | None) -> None:
    """A correction posted without "claim" or "not a claim" (a field left out, a value the
    form never sends) was saved as "not a claim", its certainty and sourcing dropped."""
    from tests.test_web import client_for, first_claim

    client = client_for(desk, "reviewer")
    claim_id = first_claim(desk, "harbour bridge")
    data = {"csrf": token(client), "certainty": "certain", "kind": "official",
            "source": "the transport ministry", "evidence": "The ministry's notice"}
    if claim is not None:
        data["claim"] = claim
    response = client.post(f"/claims/{claim_id}/correct", data=data)
    assert response.status_code == 400, response.text[:300]
    assert "say whether the sentence is a claim" in response.text
    assert _corrections(desk) == 0


def test_a_kind_without_its_source_words_is_said_in_the_forms_words(desk: str) -> None:
    from tests.test_web import client_for, first_claim

    client = client_for(desk, "reviewer")
    claim_id = first_claim(desk, "harbour bridge")
    response = client.post(f"/claims/{claim_id}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "certain", "kind": "official",
        "source": "", "evidence": "The ministry's notice"})
    assert response.status_code == 400
    assert ("an official label needs the source's words as the article writes them "
            "(under Source words, beside its kind)") in html.unescape(response.text)
    assert _corrections(desk) == 0
    said = runner.invoke(cli, ["claims", "correct", str(claim_id), "--sourcing", "official:",
                               "--evidence", "e", "--by", "Ann", "--db", desk])
    assert said.exit_code == 2 and "an official label needs" in said.stderr
    assert "(e.g. official:the finance ministry)" in said.stderr


@pytest.mark.parametrize("scope", ["story", "article", "source"])
def test_a_report_of_one_story_with_dates_says_they_do_not_apply(desk: str, scope: str) -> None:
    """From/To with a story, article or source were silently passed over (the report was
    the whole story); the command line refuses --since with --story. The Reports form is
    shown again with what was chosen, and why; without the dates it downloads."""
    from tests.test_web import client_for

    client = client_for(desk, "viewer")
    ident = {"story": "1", "article": "1", "source": "reuters"}[scope]
    response = client.get("/reports/download", params={
        "scope": scope, "id": ident, "since": "2026-03-01", "format": "md"})
    assert response.status_code == 400
    assert f"From and To choose among the stories, not within {scope}" in response.text
    assert 'value="2026-03-01"' in response.text  # kept in the form
    plain = client.get("/reports/download", params={"scope": scope, "id": ident,
                                                    "format": "md"})
    assert plain.status_code == 200 and "attachment" in plain.headers["content-disposition"]
