"""The layering of the package, enforced: each subsystem imports only what its docstring allows."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, get_args

import pytest

from verifier import vocab

PACKAGE = Path(__file__).resolve().parent.parent / "verifier"
TERMINAL = ("rich", "typer")
WEB = ("starlette", "uvicorn", "jinja2", "verifier.web")

#: package -> prefixes its modules must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "verifier.analysis": (
        "verifier.store", "verifier.scoring", "verifier.stories", "verifier.report",
        "verifier.cli", "verifier.ingest", "verifier.evaluation", "sqlalchemy", "alembic",
        *TERMINAL, *WEB,
    ),
    "verifier.rules": (
        "verifier.analysis", "verifier.store", "verifier.scoring", "verifier.stories",
        "verifier.report", "verifier.cli", "sqlalchemy", *TERMINAL, *WEB,
    ),
    "verifier.store": ("verifier.cli", "verifier.report", *TERMINAL, *WEB),
    "verifier.scoring": ("verifier.cli", "verifier.report", *TERMINAL, *WEB),
    "verifier.stories": ("verifier.cli", "verifier.report", *TERMINAL, *WEB),
    "verifier.ingest": ("verifier.cli", "verifier.report", *TERMINAL, *WEB),
    "verifier.evaluation": ("verifier.store", "verifier.cli", *TERMINAL, *WEB),
    "verifier.report": ("verifier.cli", *TERMINAL, *WEB),
    "verifier.review": ("verifier.cli", "verifier.report", *TERMINAL, *WEB),
    "verifier.web": ("verifier.cli", *TERMINAL),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_module_respects_its_layer(path: Path) -> None:
    name = _module_name(path)
    rules = [bad for pkg, bad in FORBIDDEN.items() if name == pkg or name.startswith(pkg + ".")]
    wrong = sorted(
        imported
        for imported in _imports(path)
        for bad in (b for rule in rules for b in rule)
        if imported == bad or imported.startswith(bad + ".")
    )
    assert not wrong, f"{name} imports {wrong}"


def test_every_subpackage_says_what_it_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if init.parent.name in ("cli", "migrations"):
            continue
        assert "import" in doc, f"{init} has no import rule in its docstring"


def test_literal_aliases_agree_with_the_enums() -> None:
    assert get_args(vocab.SpeakerName) == tuple(vocab.Speaker)
    assert get_args(vocab.StanceName) == tuple(vocab.Stance)
    assert get_args(vocab.KindName) == tuple(vocab.Kind)
    assert get_args(vocab.CertaintyName) == tuple(vocab.Certainty)
    assert vocab.SOURCING_LABELS[-1] == vocab.UNATTRIBUTED


#: SQLAlchemy names a module outside ``verifier.store`` may import: the session type (to
#: pass one along) and the exceptions (to catch a conflict).
#: make_url parses a database URL (verifier.config checks --db): no SQL, no connection.
SQLALCHEMY_ALLOWED = {"sqlalchemy.orm.Session", "sqlalchemy.exc", "sqlalchemy.engine.make_url"}
_SQL_TEXT = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b",
    re.S,
)
_QUERY_CALLS = {"execute", "scalar", "scalars", "exec_driver_sql", "executemany"}


def _outside_store() -> list[Path]:
    return [p for p in MODULES
            if not _module_name(p).startswith(("verifier.store", "verifier.migrations"))]


@pytest.mark.parametrize("path", _outside_store(), ids=lambda p: _module_name(p))
def test_all_sql_lives_behind_the_store(path: Path) -> None:
    """No module outside verifier/store builds queries, runs them or holds SQL text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "verifier.store.models":
            found.append("verifier.store.models (ORM rows stay in the store)")
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names
                      if a.name == "sqlite3" or a.name.startswith("sqlalchemy")]
        elif isinstance(node, ast.ImportFrom) and node.module and (
            node.module == "sqlite3" or node.module.startswith("sqlalchemy")
        ):
            names = {f"{node.module}.{a.name}" for a in node.names}
            found += sorted(n for n in names
                            if n not in SQLALCHEMY_ALLOWED and node.module != "sqlalchemy.exc")
            if node.module == "sqlalchemy" and any(a.name == "exc" for a in node.names):
                found = [n for n in found if n != "sqlalchemy.exc"]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in _QUERY_CALLS):
            found.append(f"{ast.unparse(node.func)}() at line {node.lineno}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and _SQL_TEXT.search(node.value)):
            found.append(f"SQL text at line {node.lineno}: {node.value[:40]!r}")
    assert not found, f"{_module_name(path)}: {found}"


def test_lazy_commands_load_and_their_help_lines_are_theirs() -> None:
    """``verifier --help`` lists the commands from ``LAZY`` without loading them: each name
    must load, and its line must be the start of the command's own help."""
    from verifier.cli import LAZY, lazy_command

    for name, (_, _, line) in LAZY.items():
        command = lazy_command(name)
        assert command is not None, name
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert first.startswith(line.removesuffix("...")), (name, first)


def test_lazy_groups_build_what_typer_builds_one_command_at_a_time() -> None:
    """A command group of ``LAZY`` builds a subcommand only when asked for it, and builds
    the command (name, help, parameters) that Typer's own group holds, in its order."""
    import importlib

    import typer

    from verifier.cli import LAZY, LazyGroup, lazy_group

    groups = 0
    for name, (module, attribute, _) in LAZY.items():
        if attribute == "app":
            continue
        typer_app = getattr(importlib.import_module(module), attribute)
        expected = typer.main.get_group(typer_app)
        lazy = lazy_group(typer_app, name)
        assert isinstance(lazy, LazyGroup) and lazy.commands == {}, name
        assert lazy.list_commands(None) == expected.list_commands(None), name
        first = lazy.list_commands(None)[0]
        lazy.get_command(None, first)
        assert list(lazy.commands) == [first], name
        for sub in expected.list_commands(None):
            want, got = expected.get_command(None, sub), lazy.get_command(None, sub)
            assert got is not None and want is not None
            assert (got.name, got.help, type(got)) == (want.name, want.help, type(want))
            def described(params: list[Any]) -> list[tuple[Any, ...]]:
                return [(p.name, p.opts, p.secondary_opts, p.required, p.default,
                         getattr(p, "help", None), type(p.type), p.type.name) for p in params]

            assert described(got.params) == described(want.params), (name, sub)
        assert lazy.get_command(None, "no-such-command") is None
        assert (lazy.help, lazy.no_args_is_help) == (expected.help, expected.no_args_is_help)
        groups += 1
    assert groups >= 8


def test_help_loads_no_command_module() -> None:
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['verifier', '--help']\n"
            "from verifier.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "loaded = [m for m in sys.modules if m.startswith('verifier.cli.')]\n"
            "heavy = [m for m in ('sqlalchemy', 'rich', 'pydantic', 'yaml', 'typer')\n"
            "         if m in sys.modules]\n"
            "print(sorted(loaded), heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "['verifier.cli.commands', 'verifier.cli.help'] []"
