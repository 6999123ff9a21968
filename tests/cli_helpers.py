"""The CLI as a user runs it, for the tests that write an article, ingest it through
``verifier ingest`` and find its claims with ``verifier claims list``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """``verifier ARGS``: its exit code, standard output and standard error."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def cli(*args: str, code: int = 0) -> str:
    """``verifier ARGS``'s output (both streams), once it has exited with ``code``."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def ingest_text(db: str, path: Path, text: str, *options: str) -> str:
    """``text`` written to ``path`` and ingested into ``db`` (with ``options``)."""
    path.write_text(text, encoding="utf-8")
    return cli("ingest", str(path), "--db", db, *options)


def claim_id(db: str, words: str, *options: str) -> int:
    """The id of the one claim, of any status, whose text holds ``words``; ``options``
    narrow ``claims list`` (``"--article", "2"``)."""
    result = runner.invoke(app, ["claims", "list", "--db", db, "--json", "--status", "any",
                                 "--limit", "500", *options])
    assert result.exit_code == 0, result.output
    found = [int(row["id"]) for row in json.loads(result.stdout) if words in row["text"]]
    assert len(found) == 1, (words, result.output)
    return found[0]
