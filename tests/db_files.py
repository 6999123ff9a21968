"""Template SQLite databases for tests: build once, checkpoint, copy per test."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def checkpoint(path: Path) -> Path:
    """Fold the write-ahead log into the file, so a copy of the file is the whole database."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def copy_of(template: Path, target: Path) -> str:
    """A test's own copy of a checkpointed template database; returns its path for --db."""
    shutil.copyfile(template, target)
    return str(target)
