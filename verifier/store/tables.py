"""The tables as SQLAlchemy Core objects, and what is derived from their metadata.

Everything that needs a table's column list or a ``String(n)`` length reads it from the
models here, never from a hand-kept copy:

- ``table(name)``: the Core ``Table``; ``select_fields(table, fields)`` selects the columns a
  named row type declares (its fields are column names, checked at import by ``columns_of``);
- ``clip(table, column, value)``: a value cut to the column's length, as stored;
- ``columns_module()``: the source of ``verifier.store.columns``, the same facts as plain
  data for the paths that must not import SQLAlchemy (``sqlite_read``) or want none of its
  per-row work (``rows``, ``sqlite_bulk``); a test checks that file is current.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, DateTime, String, Table

from verifier.store.models import Base

TABLES: dict[str, Table] = dict(Base.metadata.tables)


def table(name: str) -> Table:
    return TABLES[name]


def columns_of(table_name: str, fields: tuple[str, ...]) -> list[Column[Any]]:
    """The columns of ``table_name`` named ``fields`` (a ``KeyError`` names a missing one)."""
    found = table(table_name).c
    missing = [name for name in fields if name not in found]
    if missing:
        raise KeyError(f"{table_name} has no column {', '.join(missing)}")
    return [found[name] for name in fields]


def clip(table_name: str, column: str, value: str) -> str:
    """``value`` cut to the column's ``String(n)`` length (unchanged for other columns)."""
    limit = _LENGTHS[table_name].get(column)
    return value if limit is None else value[:limit]


def clip_optional(table_name: str, column: str, value: str | None) -> str | None:
    return None if value is None else clip(table_name, column, value)


def lengths(table_name: str) -> dict[str, int]:
    """``{column: n}`` for the ``String(n)`` columns of a table."""
    return {
        column.name: int(column.type.length)
        for column in table(table_name).columns
        if isinstance(column.type, String) and column.type.length is not None
    }


_LENGTHS = {name: lengths(name) for name in TABLES}


def columns_module() -> str:
    """The text of ``verifier/store/columns.py``, generated from the models."""
    names = sorted(TABLES)
    columns = {name: tuple(c.name for c in TABLES[name].columns) for name in names}
    nullable = {
        name: tuple(c.name for c in TABLES[name].columns if c.nullable and not c.primary_key)
        for name in names
    }
    return (
        '"""The tables\' columns as plain data, generated from ``verifier.store.models`` by\n'
        "``verifier.store.tables.columns_module()`` (``python -m verifier.store.tables`` "
        "rewrites\nthis file; a test fails while it is out of date). For the code paths that "
        'must not\nimport SQLAlchemy."""\n\n'
        "from __future__ import annotations\n\n"
        "#: Every table's columns, in table order.\n"
        + _mapping("COLUMNS", "tuple[str, ...]", {n: _lines(columns[n]) for n in names})
        + "#: ``String(n)`` lengths: values are clipped to these when stored.\n"
        + _mapping("LENGTHS", "dict[str, int]",
                   {n: _lines(lengths(n).items(), "{}") for n in names})
        + "#: Columns that may hold NULL.\n"
        + _mapping("NULLABLE", "tuple[str, ...]", {n: _lines(nullable[n]) for n in names})
        + "#: Columns a driver may return as text or 0/1: times (UTC) and booleans.\n"
        + _mapping("DATETIMES", "tuple[str, ...]", {n: _lines(_typed(n, DateTime)) for n in names})
        + _mapping("BOOLEANS", "tuple[str, ...]", {n: _lines(_typed(n, Boolean)) for n in names})
    )


def _typed(table_name: str, kind: type) -> tuple[str, ...]:
    return tuple(
        c.name for c in table(table_name).columns
        if isinstance(c.type, kind) or isinstance(getattr(c.type, "impl", None), kind)
    )


def _lines(items: object, brackets: str = "()") -> str:
    """A tuple of names or a dict of lengths, wrapped at 88 columns, 8 spaces indented."""
    if brackets == "{}":
        parts = [f'"{k}": {v}' for k, v in items]  # type: ignore[attr-defined]
    else:
        parts = [f'"{name}"' for name in items]  # type: ignore[attr-defined]
    lines, line = [], ""
    for part in parts:
        piece = part + ", "
        if len(line) + len(piece) > 88:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line.rstrip())
    body = "\n".join("        " + text for text in lines)
    return f"{brackets[0]}\n{body}\n    {brackets[1]}" if parts else brackets


def _mapping(name: str, value_type: str, values: dict[str, str]) -> str:
    body = "".join(f'    "{key}": {value},\n' for key, value in values.items())
    return f"{name}: dict[str, {value_type}] = {{\n{body}}}\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from pathlib import Path

    Path(__file__).with_name("columns.py").write_text(columns_module(), encoding="utf-8")
