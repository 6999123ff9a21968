"""``verifier --help`` is written without Typer (``verifier.cli.help``): the same page
Typer writes for the root group, at every width."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.cli.help import root_help

LONG_NAME = "a-program-name-too-long-for-the-usage-line-to-fit-beside-it"


@pytest.mark.parametrize("width", [30, 50, 60, 78, 100, 150])
def test_the_root_help_is_typers(width: int) -> None:
    for prog in ("verifier", LONG_NAME):
        typers = CliRunner().invoke(app, ["--help"], prog_name=prog, terminal_width=width)
        assert typers.exit_code == 0
        assert root_help(prog, width) + "\n" == typers.output


def _main(argv0: str, *args: str, columns: int = 80, typer_only: bool = False
          ) -> tuple[bool, str]:
    """Whether Typer was imported, and the output of the console script's ``main`` (or
    with ``typer_only`` the Typer application's) run as ``argv0 args``."""
    entry = "from verifier.cli.root import run as main" if typer_only else \
        "from verifier.cli import main"
    code = ("import io, sys\n"
            "sys.argv = [sys.argv[1], *sys.argv[2:]]\n"
            f"{entry}\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('TYPER', 'typer' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("_VERIFIER_COMPLETE")}
    env["COLUMNS"] = str(columns)
    out = subprocess.run([sys.executable, "-c", code, argv0, *args], capture_output=True,
                         text=True, check=True, env=env).stdout
    page, _, loaded = out.rstrip("\n").rpartition("\n")
    return loaded == "TYPER True", page


@pytest.mark.parametrize("columns", [20, 80, 200])
def test_the_command_prints_it_without_typer(columns: int) -> None:
    """The console script's ``main`` on ``verifier --help``: Typer's page for the
    terminal's width, Typer never imported; any other arguments go through Typer."""
    typer, page = _main("/usr/bin/verifier", "--help", columns=columns)
    assert not typer and page == _main("/usr/bin/verifier", "--help", columns=columns,
                                       typer_only=True)[1]
    assert _main("/usr/bin/verifier", "--version")[0]
    assert _main("python -m verifier", "--help")[0]  # another program name: Typer's
