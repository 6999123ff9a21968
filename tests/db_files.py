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


def track_records(db: str) -> dict[str, tuple[int, int]]:
    """The kept track-record counts of a database file: (confirmed, refuted) by source key."""
    with sqlite3.connect(db) as connection:
        return {key: (c, r) for key, c, r in connection.execute(
            "SELECT s.key, t.confirmed, t.refuted FROM track_record_counts t "
            "JOIN sources s ON s.id = t.source_id")}
