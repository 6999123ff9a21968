"""Account names that pass for another: a letter of another alphabet ("аdmin" with a Cyrillic
"а"), case ("ADMIN"), a lookalike ("adrnin", "adm1n", "b0b") or an invisible character beside
an existing account are refused at `users add` and on the desk's Users page, in one line
saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from tests.web_helpers import PASSWORD, token
from verifier.cli import app
from verifier.textsafe import account_name_problem, lookalike_reason

runner = CliRunner()


def add(db: str, name: str, code: int) -> str:
    result = runner.invoke(app, ["users", "add", name, "--password-stdin", "--db", db],
                           input=PASSWORD + "\n")
    assert result.exit_code == code, result.output
    return result.output


@pytest.mark.parametrize(("name", "says"), [
    ("\u0430dmin", "it mixes alphabets: U+0430 CYRILLIC SMALL LETTER A is not a Latin letter"),
    ("\u0430\u0434\u043c\u0438\u043d", "U+0430 CYRILLIC SMALL LETTER A is not a Latin letter"),
    ("\uff41dmin", "FULLWIDTH LATIN SMALL LETTER A is not a Latin letter"),
    ("adm\u0131n", "LATIN SMALL LETTER DOTLESS I is not a Latin letter"),
    ("ad\u200bmin", "U+200B ZERO WIDTH SPACE cannot be in a user name"),
    ("ad\u202emin", "U+202E RIGHT-TO-LEFT OVERRIDE cannot be in a user name"),
    ("admin\n", "U+000A a control character"),
    ("ad min", "U+0020 SPACE cannot be in a user name"),
    ("_admin", "starting with a letter or digit"),
    ("", "cannot be empty"),
])
def test_a_name_outside_latin_letters_says_which_character(name: str, says: str) -> None:
    problem = account_name_problem(name)
    assert problem is not None and says in problem


def test_names_the_desk_always_took_still_pass() -> None:
    for name in ("ann", "A.Reviewer", "ann_lee-2", "ann@example.org", "9to5"):
        assert account_name_problem(name) is None


@pytest.mark.parametrize(("name", "other", "says"), [
    ("ADMIN", "admin", "only by case"),
    ("adrnin", "admin", "'rn' and 'm' look alike"),
    ("adm1n", "admin", "'1' and 'i' look alike"),
    ("AdmIn", "admln", "'l' and 'i' look alike"),
    ("b0b", "bob", "'0' and 'o' look alike"),
    ("vvill", "will", "'vv' and 'w' look alike"),
])
def test_a_lookalike_of_an_existing_name_says_how(name: str, other: str, says: str) -> None:
    why = lookalike_reason(name, other)
    assert why is not None and says in why, why


def test_different_names_are_no_lookalikes() -> None:
    for name, other in (("ann", "anne"), ("bob", "rob"), ("admin", "admin2"), ("ann", "ann")):
        assert lookalike_reason(name, other) is None


def test_users_add_refuses_a_name_that_passes_for_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)
    db = str(tmp_path / "u.db")
    add(db, "admin", 0)
    for name, says in (("\u0430dmin", "mixes alphabets"), ("Admin", "only by case"),
                       ("adrnin", "'rn' and 'm' look alike"), ("adm1n", "'1' and 'i'")):
        out = add(db, name, 2)
        lines = out.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("verifier: error: ") and says in out, out
    assert "added user admin2" in add(db, "admin2", 0)
    listed = runner.invoke(app, ["users", "list", "--db", db]).output
    assert [line.split("\t")[0] for line in listed.strip().splitlines()] == ["admin", "admin2"]


def test_the_desk_refuses_a_lookalike_account_with_why(desk: str) -> None:
    client = client_for(desk, "admin")
    for name, says in (("\u0430dmin", "it mixes alphabets"), ("Reviewer", "only by case"),
                       ("revievver", "&#39;vv&#39; and &#39;w&#39; look alike")):
        response = client.post("/users", data={
            "csrf": token(client, "/users"), "op": "add", "name": name, "role": "admin",
            "password": "a long enough password"},
            headers={"referer": "http://testserver/users"})
        assert response.status_code == 400, (name, response.text[:300])
        assert says in response.text, (name, response.text[:2000])
    page = client.get("/users").text
    assert "Reviewer" not in page.replace("reviewer", "")
