"""What a person types has declared limits (``verifier.limits``): an over-long title,
registry name, user name, evidence, note or reason is refused whole with one line (the
command line, exit 2) or the form's error page (the desk, 400), and nothing is stored, not
even cut short."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in, token
from verifier.cli import app as cli
from verifier.errors import UsageError
from verifier.limits import LIMITS, STORED_IN, check_length
from verifier.store.columns import LENGTHS
from verifier.store.database import open_database
from verifier.store.models import Article, AuditEntry, Correction, Story, User, Verdict
from verifier.web.app import create_app


def over(what: str) -> str:
    return "x" * (LIMITS[what] + 1)


@pytest.fixture
def desk(desk: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shared desk (``conftest.desk``), with no $VERIFIER_REVIEWER to name the actor."""
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    return desk


def _counts(db: str) -> tuple[int, ...]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return tuple(int(session.scalar(select(func.count()).select_from(model)) or 0)
                     for model in (Verdict, Correction, AuditEntry, User, Article))


def _titles(db: str) -> list[tuple[str | None, ...]]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return [tuple(r) for r in session.execute(select(Article.title).order_by(Article.id))]


def _story_titles(db: str) -> list[str | None]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return list(session.scalars(select(Story.title).order_by(Story.id)))


def test_every_limit_fits_the_column_it_is_stored_in() -> None:
    for what, columns in STORED_IN.items():
        for table, column in columns:
            assert LIMITS[what] <= LENGTHS[table][column], (what, table, column)
    assert set(STORED_IN) <= set(LIMITS)


def test_the_library_says_which_field_and_both_lengths() -> None:
    check_length("title", "t" * LIMITS["title"])
    check_length("title", "  " + "t" * LIMITS["title"] + "  ")  # outer spaces
    with pytest.raises(UsageError) as caught:
        check_length("evidence", over("evidence"))
    message = str(caught.value)
    assert message == ("the evidence is 10,001 characters long: at most 10,000 "
                       "(nothing was saved)")
    assert "\n" not in message


def _one_line_refusal(result: object, what: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 2, output  # type: ignore[attr-defined]
    assert f"the {what} is" in output and f"at most {LIMITS[what]:,}" in output, output
    assert len(output.strip().splitlines()) == 1, output


def test_the_command_line_refuses_over_long_text_and_stores_nothing(desk: str) -> None:
    runner = CliRunner()
    before, titles, stories = _counts(desk), _titles(desk), _story_titles(desk)
    by = ["--by", "A. Reviewer"]
    cases = [
        (["claims", "mark", "1", "confirmed", "--evidence", over("evidence"), *by], "evidence"),
        (["claims", "mark", "1", "confirmed", "--evidence", "seen", "--note", over("note"),
          *by], "note"),
        (["claims", "mark", "1", "2", "confirmed", "--evidence", "seen", "--by",
          over("reviewer name")], "reviewer name"),
        (["claims", "correct", "1", "--certainty", "possible", "--evidence",
          over("evidence"), *by], "evidence"),
        (["claims", "correct", "1", "--sourcing", "official:" + over("source words"),
          "--evidence", "seen", *by], "source words"),
        (["articles", "set", "1", "--title", over("title"), *by], "title"),
        (["articles", "delete", "1", "--reason", over("reason"), "--yes", *by], "reason"),
        (["stories", "rename", "1", over("story title"), *by], "story title"),
        (["stories", "mark", "1", "refuted", "--evidence", over("evidence"), *by], "evidence"),
    ]
    for args, what in cases:
        _one_line_refusal(runner.invoke(cli, [*args, "--db", desk]), what)
    assert _counts(desk) == before
    assert _titles(desk) == titles and _story_titles(desk) == stories
    added = runner.invoke(cli, ["users", "add", over("user name"), "--password-stdin",
                                "--db", desk], input="a long enough password\n")
    _one_line_refusal(added, "user name")
    assert _counts(desk) == before


def test_ingest_refuses_an_over_long_title_before_reading_anything(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("The ministry said the bridge would close on Monday.\n",
                       encoding="utf-8")
    db = str(tmp_path / "new.db")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--title", over("title"),
                                      "--db", db])
    _one_line_refusal(result, "title")
    assert not Path(db).exists()


def test_sources_add_refuses_an_over_long_name_or_alias_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    registry = tmp_path / "sources.yaml"
    for extra, what in ((["--name", over("outlet name")], "outlet name"),
                        (["--name", "Gazette", "--alias", over("alias")], "alias"),
                        (["--name", "Gazette", "--note", over("prior note")], "prior note"),
                        (["--name", "Gazette", "--country", "Ruritania-North"], "country")):
        result = runner.invoke(cli, ["sources", "add", "gazette", "--kind", "newspaper",
                                     *extra, "--sources", str(registry)])
        _one_line_refusal(result, what)
        assert not registry.exists()
    fits = runner.invoke(cli, ["sources", "add", "gazette", "--kind", "newspaper", "--name",
                               "G" * LIMITS["outlet name"], "--sources", str(registry)])
    assert fits.exit_code == 0, fits.output


def _refused_form(response: object, what: str) -> None:
    assert response.status_code == 400, response.text[:300]  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    # the form's page again, with what was typed kept in it (session 24)
    assert "Nothing was saved" in text
    assert f"the {what} is" in text and f"at most {LIMITS[what]:,}" in text
    assert over(what) in text, what


def test_the_desk_refuses_over_long_fields_with_a_form_error(desk: str) -> None:
    app = create_app(desk)
    editor = sign_in(TestClient(app), "editor")
    admin = sign_in(TestClient(app), "admin")
    before, titles = _counts(desk), _titles(desk)
    form = token(editor)
    _refused_form(editor.post("/claims/1/mark", data={
        "csrf": form, "status": "confirmed", "evidence": over("evidence")}), "evidence")
    _refused_form(editor.post("/claims/1/mark", data={
        "csrf": form, "status": "confirmed", "evidence": "seen", "note": over("note")}),
        "note")
    _refused_form(editor.post("/claims/1/correct", data={
        "csrf": form, "claim": "yes", "certainty": "certain", "kind": "official",
        "source": over("source words"), "evidence": "seen"}), "source words")
    _refused_form(editor.post("/articles/1/edit", data={
        "csrf": form, "title": over("title"), "url": "", "outlet": "", "published": ""}),
        "title")
    _refused_form(editor.post("/articles/1/delete", data={
        "csrf": form, "confirm": "yes", "reason": over("reason")}), "reason")
    _refused_form(editor.post("/stories/1/split", data={
        "csrf": form, "claims": "1", "title": over("story title")}), "story title")
    _refused_form(editor.post("/sources/new", data={
        "csrf": form, "id": "gazette", "name": over("outlet name"), "kind": "newspaper"}),
        "outlet name")
    assert not (Path(desk).parent / "sources.yaml").exists()
    _refused_form(admin.post("/users", data={
        "csrf": token(admin, "/users"), "op": "add", "name": over("user name"),
        "role": "viewer", "password": "a long enough password"}), "user name")
    assert _counts(desk) == before and _titles(desk) == titles


def test_the_desk_forms_carry_the_same_limits_as_maxlength(desk: str) -> None:
    editor = sign_in(TestClient(create_app(desk)), "editor")
    pages = {
        "/claims/1": {"evidence": "evidence", "note": "note", "url": "link"},
        "/articles/1/edit": {"title": "title", "reason": "reason", "url": "link"},
        "/sources/new": {"name": "outlet name", "prior_note": "prior note",
                         "url": "registry url", "country": "country", "id": "registry id"},
    }
    for path, fields in pages.items():
        html = editor.get(path).text
        for field, what in fields.items():
            found = re.findall(rf'name="{field}"[^>]*maxlength="(\d+)"', html)
            assert found and set(found) == {str(LIMITS[what])}, (path, field, found)
