"""Every command's --help names its values as a reader expects (`PATH...`, `--limit N`),
not as Typer writes them by default (`{paths}...`, `--limit <int>`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.cli.commands import LAZY
from verifier.cli.root import lazy_command

runner = CliRunner()


def _commands() -> Iterator[list[str]]:
    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):
                yield from walk(command.get_command(None, name), [*path, name])

    for name in sorted(LAZY):
        yield from walk(lazy_command(name), [name])


COMMANDS = list(_commands())


def test_every_command_is_walked() -> None:
    assert ["ingest"] in COMMANDS and ["stories", "merge"] in COMMANDS
    assert len(COMMANDS) > 40


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_names_values_in_capitals_without_braces(path: list[str]) -> None:
    out = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"}).output
    usage = out.splitlines()[0]
    assert usage.startswith(f"Usage: verifier {' '.join(path)} "), out
    # required arguments are not braced ({paths}...), and every argument is in capitals
    assert "{" not in usage and "}" not in usage, usage
    arguments = usage.split("]", 1)[-1]
    assert not re.search(r"\s[a-z_]+(\.\.\.)?(\s|$)", arguments), usage
    options = [line.strip() for line in out.splitlines() if line.startswith("  -")]
    for line in options:
        head = line.split("  ", 1)[0]
        assert not re.search(r"<[a-z ]+>", head), line  # <str>, <int>, <int range>, <path>


def test_ingest_takes_paths() -> None:
    out = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "100"}).output
    assert out.splitlines()[0] == "Usage: verifier ingest [OPTIONS] PATH..."
    assert re.search(r"^  PATH\.\.\.\s+Files \(\.txt", out, re.M)
    assert re.search(r"^  --db PATH\|URL\s", out, re.M)
    assert re.search(r"^  --published YYYY-MM-DD\s", out, re.M)
    assert re.search(r"^  -j, --jobs N\s", out, re.M)


def test_options_are_named_by_what_they_take() -> None:
    out = runner.invoke(app, ["report", "--help"], env={"COLUMNS": "100"}).output
    for shown in ("--story ID", "--article ID", "--format FORMAT", "-o, --output PATH",
                  "--min-claims N", "--publisher-url URL", "--scoring FILE"):
        assert re.search(rf"^  {re.escape(shown)}\s", out, re.M), (shown, out)
    merge = runner.invoke(app, ["stories", "merge", "--help"], env={"COLUMNS": "100"}).output
    assert merge.splitlines()[0] == "Usage: verifier stories merge [OPTIONS] TARGET ID..."
    assert re.search(r"^  --by NAME\s", merge, re.M)
    listing = runner.invoke(app, ["claims", "list", "--help"], env={"COLUMNS": "100"}).output
    assert re.search(r"^  --since YYYY-MM-DD\s+Claims of articles published on or after", listing,
                     re.M)  # it had no help at all


def test_a_usage_error_names_the_argument_as_help_does() -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2
    assert "PATH..." in result.output and "{" not in result.output
