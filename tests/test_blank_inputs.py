"""A title, evidence, reason or reviewer's name made only of characters that show nothing
(a zero-width space, a bidirectional mark, a Hangul filler) passed every check that stripped
white space and was stored, reading as nothing: refused as an empty one is, on the command
line and the desk."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for, first_claim
from tests.web_helpers import token
from verifier.cli import app
from verifier.textsafe import blank

NOTHING = "\u200b\u200d\u202e\u3164 \u2066"


@pytest.mark.parametrize(("text", "empty"), [
    ("", True), ("  \t", True), (NOTHING, True), ("\u00a0\u2800", True),
    ("a", False), ("\u200bx", False), ("\u0645", False), (".", False),
])
def test_blank_is_what_shows_nothing(text: str, empty: bool) -> None:
    assert blank(text) is empty


@pytest.mark.parametrize(("args", "says"), [
    (["stories", "rename", "1", NOTHING, "--by", "ann"], "a story title cannot be empty"),
    (["claims", "mark", "{claim}", "confirmed", "--evidence", NOTHING, "--by", "ann"],
     "a verdict needs evidence"),
    (["claims", "mark", "{claim}", "confirmed", "--evidence", "the ministry", "--by", NOTHING],
     "needs the reviewer's name"),
    (["stories", "mark", "1", "refuted", "--evidence", NOTHING, "--by", "ann"],
     "needs evidence"),
    (["claims", "correct", "{claim}", "--certainty", "possible", "--evidence", NOTHING,
      "--by", "ann"], "a correction needs evidence"),
    (["articles", "delete", "1", "--reason", NOTHING, "--by", "ann", "--yes"],
     "say why the article is deleted"),
])
def test_the_command_line_refuses_what_shows_nothing(desk: str, args: list[str],
                                                     says: str) -> None:
    claim = str(first_claim(desk, "harbour bridge"))
    result = CliRunner().invoke(app, [a.replace("{claim}", claim) for a in args]
                                + ["--db", desk])
    assert result.exit_code == 2 and says in result.output, result.output


def test_the_desk_refuses_a_title_that_shows_nothing(desk: str) -> None:
    client = client_for(desk, "reviewer")
    response = client.post("/stories/1/rename", data={
        "csrf": token(client, "/stories/1"), "title": NOTHING},
        headers={"referer": "http://testserver/stories/1"})
    assert response.status_code == 400 and "a story title cannot be empty" in response.text
