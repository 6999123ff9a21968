"""The layering of the package, enforced: each subsystem imports only what its docstring allows."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

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
    "verifier.report": ("verifier.cli", "typer", *WEB),
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
