"""The quick reads without Typer (``verifier.cli.fast``): the same options as the Typer
commands, the same output and exit codes on the same command lines, and every other
command line left to Typer."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier.cli import app, fast, reads
from verifier.cli.root import lazy_command


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    return reviewed_db(tmp_path_factory.mktemp("fast"), "demo.db")


def _click(words: tuple[str, ...]) -> Any:
    command = lazy_command(words[0])
    if len(words) > 1:
        command = command.get_command(None, words[1])
    return command


@pytest.mark.parametrize("words", list(fast.READS))
def test_each_fast_read_takes_the_typer_commands_options(words: tuple[str, ...]) -> None:
    """Flag, parameter, type, environment variable, argument order and every default: a
    change to a Typer command that the fast path does not follow fails here."""
    read = fast.READS[words]
    # the type names of Typer's click (an id is declared min=1: a range)
    named = {int: "int", str: "str", float: "float", fast.Id: "int range"}
    command = _click(words)
    params = {p.name: p for p in command.params}
    for flag, (name, kind) in read.options.items():
        param = params[name]
        assert flag in param.opts, (words, flag, param.opts)
        if kind is bool:
            assert param.is_flag and not param.secondary_opts
        else:
            assert param.type.name == named[kind], (words, flag, param.type)
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert [(p.name, p.type.name) for p in arguments] == [
        (name, named[kind]) for name, kind in read.arguments]
    for param in command.params:
        if param.envvar:
            assert read.env.get(str(param.name)) == param.envvar, (words, param.name)
    for name, variable in read.env.items():
        assert params[name].envvar == variable
    # the reads function: the Typer command's parameters, in order, with its defaults
    signature = inspect.signature(getattr(reads, read.function))
    assert list(signature.parameters) == [p.name for p in command.params]
    for param in command.params:
        default = signature.parameters[str(param.name)].default
        if not param.required:
            assert default == param.default, (words, param.name)


def _both(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[Any, Any]:
    assert fast.parse(argv) is not None, argv
    saved = dict(os.environ)  # the root's options set variables, as in a process of its own
    try:
        assert fast.handled(argv)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    out, err = capsys.readouterr()
    result = CliRunner().invoke(app, argv)
    return (code, out, err), (result.exit_code, result.stdout, result.stderr)


def test_fast_reads_write_what_typer_writes(
    demo: tuple[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, stories = demo
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("VERIFIER_DB", raising=False)
    # a report's time of writing pinned: the two runs are a moment apart, and a minute that
    # turns between them changed Markdown's "Generated ... UTC" line
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    lines = [
        ["claims", "show", "1", "--db", db],
        ["claims", "show", "2", "--json", f"--db={db}"],
        ["--db", db, "claims", "show", "3"],
        ["claims", "list", "--db", db],
        ["claims", "list", "--status", "any", "--limit", "3", "--offset", "2", "--db", db],
        ["claims", "list", "--offset", "5000", "--db", db],
        ["stories", "list", "--min-claims", "1", "--sort", "status", "--db", db],
        ["claims", "list", "--status", "any", "--csv", "--db", db],
        ["claims", "list", "--status", "any", "--matches", "--db", db],
        ["claims", "list", "--search", "minister", "--sort", "oldest", "--db", db],
        ["claims", "list", "--status", "any", "--min-score", "0.5", "--json", "--db", db],
        ["claims", "list", "--status", "any", "--max-score", ".5", "--db", db],
        ["stories", "list", "--min-claims", "1", "--min-score", "0", "--max-score", "0.6",
         "--db", db],
        ["claims", "list", "--min-score", "2", "--db", db],
        ["stories", "list", "--min-score", "0.7", "--max-score", "0.2", "--db", db],
        ["stories", "list", "--db", db],
        ["stories", "list", "--min-claims", "1", "--sort", "size", "--json", "--db", db],
        ["stories", "show", str(stories.ban), "--db", db],
        ["stories", "show", str(stories.kim), "--json", "--db", db],
        ["sources", "show", "reuters", "--db", db],
        ["articles", "list", "--db", db],
        ["articles", "list", "--limit", "1", "--offset", "1", "--json", "--db", db],
        ["articles", "list", "--outlet", "Yonhap", "--db", db],
        ["articles", "list", "--outlet", "Yonhapp", "--db", db],
        ["articles", "list", "--limit", "0", "--db", db],
        ["sources", "show", "yonhap", "--json", "--db", db],
        ["report", "--story", str(stories.kim), "--db", db],
        ["report", "--story", str(stories.ban), "--format", "md", "--db", db],
        ["report", "--article", "1", "--format", "json", "--db", db],
        # errors: one line, the same exit code
        ["claims", "show", "999999", "--db", db],
        ["claims", "show", "99999999999999999", "--db", db],
        ["stories", "show", "99999", "--db", db],
        ["stories", "list", "--article", "99999", "--db", db],
        ["claims", "list", "--since", "2024-02-30", "--db", db],
        ["claims", "list", "--status", "bogus", "--db", db],
        ["stories", "list", "--limit", "0", "--db", db],
        ["report", "--story", "1", "--format", "bogus", "--db", db],
        ["sources", "show", "no-such-source", "--db", db],
        ["claims", "list", "--db", str(Path(db).parent)],
    ]
    for argv in lines:
        mine, typers = _both(argv, capsys)
        assert mine == typers, argv
    # a page past the queue's end says so: "0 unverified claims" alone read as an empty queue
    past = CliRunner().invoke(app, ["claims", "list", "--offset", "5000", "--db", db]).stdout
    assert past.startswith("0 unverified claims (from 5001; the list ends before it)"), past
    # the root's --sources reaches what reads the registry (--outlet's name): an invalid
    # registry there is the same error both ways
    registry = Path(db).parent / "sources.yaml"
    registry.write_text("sources:\n  - id: yonhap\n    name: \"Harbour Daily\"\n"
                        "    kind: news_agency\n", encoding="utf-8")
    argv = ["--sources", str(registry), "claims", "list", "--outlet", "Harbour Daily",
            "--db", db]
    mine, typers = _both(argv, capsys)
    assert "VERIFIER_SOURCES" not in os.environ
    assert mine == typers and mine[0] == 4 and "sources.yaml: entry 1" in mine[2], mine
    monkeypatch.setenv("VERIFIER_DB", db)  # the option's environment variable
    mine, typers = _both(["claims", "show", "1"], capsys)
    assert mine == typers and mine[0] == 0


@pytest.mark.parametrize("argv", [
    ["--help"], ["claims", "show", "--help"], ["claims", "show", "1", "-h"],
    ["claims", "show", "abc"], ["claims", "show", "-5"], ["claims", "show", "+5"],
    ["claims", "show", "1", "2"], ["claims", "show"], ["claims", "show", "1", "--bogus"],
    ["claims", "show", "1", "--json=yes"], ["claims", "list", "--limit"],
    ["claims", "list", "--limit", "-1"], ["claims", "list", "--search", "--json"],
    ["claims", "show", "1", "--", "2"], ["stories", "mark", "1", "confirmed"],
    ["claims", "show", "0"], ["stories", "show", "00"], ["report", "--story", "0"],
    ["claims", "list", "--article", "0"],
    ["report", "--all"], ["report", "--story", "1", "-o", "x.html"],
    ["report", "--story", "1", "--format", "claimreview", "--publisher-url", "x"],
    ["--version"], ["--db", "x.db", "--version"], ["--db"], ["--db", "--json"],
    ["--sources", "s.yaml", "sources", "check"], ["claims", "show", "1" * 19], [],
])
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert fast.parse(argv) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_VERIFIER_COMPLETE", "bash_complete")
    assert fast.parse(["claims", "show", "1"]) is None


def test_articles_list_reads_without_typer_or_sqlalchemy(demo: tuple[str, Any]) -> None:
    """``articles list`` took 2 s where ``claims list`` took 0.35 s: it went through the
    ORM. Now it is a quick read too: neither Typer nor SQLAlchemy loaded for it."""
    db, _ = demo
    out = _main_without(["articles", "list", "--db", db], ("typer", "click", "sqlalchemy"), 120)
    assert "articles" in out


def test_a_fast_read_imports_no_typer(demo: tuple[str, Any]) -> None:
    """The point of it, in a process of its own: a claim shown, Typer and click not loaded."""
    db, _ = demo
    assert _main_without(["claims", "show", "1", "--db", db], ("typer", "click"), 80)


def _main_without(argv: list[str], packages: tuple[str, ...], columns: int) -> str:
    """``verifier ARGV`` run in a process of its own, checked to load none of ``packages``;
    its output."""
    code = (f"import sys; from verifier.cli import main; sys.argv = {['verifier', *argv]!r}; "
            f"main(); loaded = [m for m in sys.modules if m.split('.')[0] in {packages!r}]; "
            "assert not loaded, loaded")
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=600,
                             check=False, env={**os.environ, "COLUMNS": str(columns)})
    assert process.returncode == 0, process.stderr.decode()
    return process.stdout.decode()


def test_users_list_and_orphaned_verdicts_are_quick_reads_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``users list`` and ``articles orphaned`` went through the ORM (~0.5 s of SQLAlchemy's
    import for a few rows); they read as the other lists now, with the same output, the
    same errors, and neither Typer nor SQLAlchemy loaded."""
    import shutil

    from verifier.passwords import hash_password
    from verifier.store.database import open_database
    from verifier.store.users import add_user

    db_file, _ = reviewed_db(tmp_path, "demo.db")
    db = str(tmp_path / "copy.db")
    shutil.copy(db_file, db)
    monkeypatch.delenv("VERIFIER_DB", raising=False)
    assert _main_without(["users", "list", "--db", db], ("typer", "click", "sqlalchemy"),
                         80).startswith("no users")
    with open_database(db) as database, database.session_scope(write=True) as session:
        add_user(session, "night-desk", "editor", hash_password("a long pass phrase here"))
        add_user(session, "intern", "viewer", hash_password("another pass phrase here"))
    deleted = CliRunner().invoke(app, ["articles", "delete", "1", "--by", "night-desk",
                                       "--reason", "filed twice by mistake", "--yes",
                                       "--db", db])
    assert deleted.exit_code == 0, deleted.output
    out = _main_without(["articles", "orphaned", "--db", db], ("typer", "click", "sqlalchemy"),
                        80)
    assert "deleted by night-desk" in out and "filed twice by mistake" in out, out
    capsys.readouterr()  # the demo's own output
    for argv in (["users", "list", "--db", db], ["users", "list", "--json", "--db", db],
                 ["articles", "orphaned", "--db", db],
                 ["articles", "orphaned", "--limit", "1", "--json", "--db", db],
                 ["articles", "orphaned", "--limit", "0", "--db", db],
                 ["users", "list", "--db", str(tmp_path)]):
        mine, typers = _both(argv, capsys)
        assert mine == typers, argv
