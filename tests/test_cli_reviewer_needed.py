"""Every command that takes ``--by`` says, when it is given no reviewer, that the name comes
from --by or $VERIFIER_REVIEWER (it said "(--by)" or "--by: give the reviewer's name" and
never named the variable the option reads); the library's writes say the same."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import UsageError
from verifier.store.verdicts import REVIEWER_NEEDED, check_reviewer, needs_reviewer

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("wide_console")


@pytest.fixture
def desk(desk: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shared desk (``conftest.desk``), with no $VERIFIER_REVIEWER to name the actor."""
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    return desk


def _claim(db: str) -> int:
    out = runner.invoke(app, ["claims", "list", "--status", "any", "--json", "--db", db]).stdout
    return int(json.loads(out)[0]["id"])


def test_every_command_taking_by_names_both_ways_to_give_the_reviewer(desk: str) -> None:
    claim = str(_claim(desk))
    commands = [
        ["claims", "mark", claim, "refuted", "--evidence", "Ministry notice 12"],
        ["claims", "retract", claim, "--evidence", "Wrong claim"],
        ["claims", "adopt", claim],
        ["claims", "correct", claim, "--claim", "--evidence", "It is a claim"],
        ["articles", "set", "1", "--outlet", "reuters"],
        ["articles", "delete", "1", "--reason", "A duplicate"],
        ["stories", "mark", "1", "confirmed", "--evidence", "Ministry notice 12"],
        ["stories", "retract", "1", "--evidence", "Wrong story"],
        ["stories", "merge", "1", "2", "--status", "confirmed", "--evidence", "Notice"],
        ["stories", "move", claim, "--to", "2", "--status", "confirmed", "--evidence", "N"],
    ]
    for args in commands:
        result = runner.invoke(app, [*args, "--db", desk])
        assert result.exit_code != 0, args
        said = " ".join(result.stderr.split())
        assert "--by NAME" in said and "$VERIFIER_REVIEWER" in said, (args, said)


def test_the_library_says_the_same() -> None:
    assert "--by" in REVIEWER_NEEDED and "$VERIFIER_REVIEWER" in REVIEWER_NEEDED
    assert needs_reviewer("a correction") == f"a correction {REVIEWER_NEEDED}"
    with pytest.raises(UsageError, match=r"\$VERIFIER_REVIEWER"):
        check_reviewer("  ", "a verdict")
    assert check_reviewer("Rita", "a verdict") == "Rita"
