"""What a new user meets first: `verifier --help` says where to start, each group's help
names all its subcommands, and `verifier serve` says why reviewers would be signed out by a
restart (no $VERIFIER_SECRET_KEY)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app as cli

runner = CliRunner()


def test_the_root_help_says_where_to_start() -> None:
    helped = " ".join(runner.invoke(cli, ["--help"]).output.split())
    assert "First steps: `verifier ingest FILE...` stores articles" in helped
    assert "`verifier users add NAME --role admin` then `verifier serve`" in helped
    assert helped.index("First steps") < helped.index("Exit codes")


@pytest.mark.parametrize("group", ["claims", "sources", "users"])
def test_a_group_help_that_lists_its_subcommands_lists_them_all(group: str) -> None:
    import re

    page = runner.invoke(cli, [group, "--help"]).output
    summary = " ".join(page.split("Options:")[0].split("\n", 2)[-1].split()).replace("- ", "-")
    listed = re.findall(r"^  (\S+)  ", page.split("Commands:")[1], flags=re.M)
    assert len(listed) >= 4, page
    for name in listed:
        assert name in summary, (group, name, summary)


@pytest.mark.parametrize("key", [None, "a long random key for the desk"])
def test_serve_says_when_sessions_end_with_the_desk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str | None
) -> None:
    import uvicorn

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    if key is None:
        monkeypatch.delenv("VERIFIER_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("VERIFIER_SECRET_KEY", key)
    result = runner.invoke(cli, ["serve", "--port", "18799", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    said = "$VERIFIER_SECRET_KEY is not set: sessions end when the desk stops"
    assert (said in result.stderr) is (key is None), result.stderr
    helped = " ".join(runner.invoke(cli, ["serve", "--help"]).output.split())
    assert "$VERIFIER_SECRET_KEY" in helped
