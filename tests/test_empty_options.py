"""An option or input given as an empty string (a shell variable that expanded to nothing) is
bad usage on every command: one line naming it, exit 2, nothing read or written in its place.
`report -o ""` said ".: cannot write (Is a directory)" (exit 3), `analyze ""` read the
working directory, `serve --proxy ""` started with no proxy trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

runner = CliRunner()
TEXT = "The council said the bridge will reopen on Monday.\n"


@pytest.mark.parametrize(("args", "says"), [
    (["report", "-o", ""], "--output is empty: name the file to write"),
    (["report", "--all", "--output="], "--output is empty"),
    (["report", "--story", "1", "--format", "claimreview", "--publisher-url",
      "https://example.org", "--org", ""], "--org is empty"),
    (["analyze", ""], 'an input is empty (""): name a file or folder'),
    (["analyze", "{file}", ""], 'an input is empty ("")'),
    (["ingest", ""], 'an input is empty ("")'),
    (["ingest", "--outlet", "", "{file}"], '--outlet is empty: give an outlet'),
    (["factchecks", "import", ""], 'an input is empty ("")'),
    (["serve", "--proxy", ""], "--proxy is empty: give the proxy's address"),
    (["serve", "--host", ""], "--host is empty"),
    (["eval", "{file}", "--texts", ""], "--texts is empty"),
    (["labels", "export", ""], 'an input is empty ("")'),
])
def test_an_empty_value_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "v.db")
    argv = [a.replace("{file}", str(tmp_path / "a.md")) for a in args]
    result = runner.invoke(app, [*argv, "--db", db] if argv[0] not in ("analyze", "eval")
                           else argv)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert lines[0].startswith("verifier: error: ") and says in lines[0], lines[0]
    # nothing was made in the empty value's place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_dot_is_still_the_working_directory(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", ".", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0 and "Stored 1 article" in result.output, result.output
