"""A new user's mistakes on the command line: each is one line on stderr, starting
'verifier: error:', with a non-zero exit and no traceback (a mistyped option or command
was click's three lines: usage, hint, error; an unknown story filtered on listed nothing
and exited 0). A batch command (ingest, factchecks import) still prints its summary of
what it stored on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

TEXT = ("The Velm harbour ferry will stop running in March, ending a route that has run for "
        "sixty years.\n\nHarbour master Ann Holt said the ferry lost money in each of the "
        "last three years.\n")
runner = CliRunner()

CASES = [
    (["nonsense"], "No such command 'nonsense' (see `verifier --help`)"),
    (["--nonsense"], "No such option: --nonsense (see `verifier --help`)"),
    (["claims", "nonsense"], "No such command 'nonsense' (see `verifier claims --help`)"),
    (["claims", "show"], "Missing argument 'CLAIM_ID' (see `verifier claims show --help`)"),
    (["articles", "show", "abc", "--db", "{db}"],
     "Invalid value for 'ARTICLE_ID': 'abc' is not a whole number"),
    (["claims", "retract", "1", "--by", "Ann", "--reason", "x", "--db", "{db}"],
     "No such option: --reason"),
    (["eval", "labels.jsonl"], "Missing option '--texts' (see `verifier eval --help`)"),
    (["ingest", "{tmp}/missing.txt", "--db", "{db}"],
     "missing.txt: no such file or directory"),
    (["factchecks", "import", "{tmp}/missing.json", "--db", "{db}"], "missing.json: no such file"),
    (["claims", "list", "--since", "2024-02-30", "--db", "{db}"],
     "--since: '2024-02-30' is not a date (YYYY-MM-DD)"),
    (["claims", "list", "--story", "999", "--db", "{db}"], "no story with id 999"),
    (["claims", "list", "--article", "999", "--db", "{db}"], "no article with id 999"),
    (["stories", "show", "999", "--db", "{db}"], "no story with id 999"),
    (["articles", "list", "--db", "notaurl://x"], "unknown kind of database 'notaurl'"),
    (["articles", "list", "--db", "{tmp}/none/x.db"], "no database at"),
    (["sources", "check", "--sources", "{tmp}/broken.yaml"], "is not valid YAML at line"),
    (["sources", "check", "--sources", "{tmp}/kindless.yaml"], "field 'kind': required: one of"),
]


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bad-input")
    (tmp / "velm.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "broken.yaml").write_text("sources:\n  - id: x\n    name: [unclosed\n",
                                     encoding="utf-8")
    (tmp / "kindless.yaml").write_text("sources:\n  - id: a\n    name: A\n", encoding="utf-8")
    stored = runner.invoke(app, ["ingest", str(tmp / "velm.txt"), "--db", str(tmp / "v.db")])
    assert stored.exit_code == 0, stored.output
    return tmp


@pytest.mark.parametrize(("args", "said"), CASES, ids=[" ".join(a[:3]) for a, _ in CASES])
def test_a_mistake_is_one_line_and_a_non_zero_exit(place: Path, args: list[str],
                                                    said: str) -> None:
    filled = [a.format(db=place / "v.db", tmp=place) for a in args]
    result = runner.invoke(app, filled, env={"COLUMNS": "300"})
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), result.stderr
    assert said in lines[0], lines[0]
    assert "Traceback" not in result.output
    if args[0] not in ("ingest", "factchecks"):  # a batch's summary of nothing stored
        assert not result.stdout.strip(), result.stdout


def test_a_group_alone_still_shows_its_help() -> None:
    result = runner.invoke(app, ["claims"])
    assert "Usage: verifier claims" in result.output and "Commands" in result.output
