"""A reviewed demo database shared by the report tests."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from verifier import demo
from verifier.report.model import Report, build_report

_DEMO: dict[str, tuple[Path, demo.DemoStories]] = {}


def reviewed_db(directory: Path, name: str = "report.db") -> tuple[str, demo.DemoStories]:
    """The demo's database (``demo.run``: two seed articles ingested, Kim's story confirmed,
    Ban's refuted) as ``directory / name``: the demo runs once per test session, into the
    first caller's folder, and every caller gets its own copy of the file it left."""
    db = directory / name
    if "run" not in _DEMO:
        stories = demo.run(str(db))
        pristine = directory / f"{name}.demo-template"
        source, target = sqlite3.connect(db), sqlite3.connect(pristine)
        try:
            source.backup(target)  # whatever the write-ahead log still holds
        finally:
            source.close()
            target.close()
        _DEMO["run"] = (pristine, stories)
        return str(db), stories
    pristine, stories = _DEMO["run"]
    shutil.copyfile(pristine, db)
    return str(db), stories


def report_of(db: str, **scope: int) -> Report:
    from verifier.scoring.weights import load_weights
    from verifier.store.database import open_database

    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return build_report(session, load_weights(), **scope)


def claim_id(db: str, opening: str) -> int:
    """The id of the one claim row of ``db`` whose sentence starts with ``opening``: tests
    name a demo claim by what it says, not by an id that ingest order or grouping decides."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT id FROM claims WHERE text LIKE ? || '%'",
                                  (opening,)).fetchall()
    assert len(rows) == 1, (opening, rows)
    return int(rows[0][0])


def story_of(db: str, claim: int) -> int:
    """The story claim ``claim`` of ``db`` is in now."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT story_id FROM story_claims WHERE claim_id = ?",
                                  (claim,)).fetchall()
    assert len(rows) == 1, (claim, rows)
    return int(rows[0][0])


def article_id(db: str, path: str) -> int:
    """The id of the article ingested from ``path`` (its file name)."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT id FROM articles WHERE path LIKE '%' || ?",
                                  (path,)).fetchall()
    assert len(rows) == 1, (path, rows)
    return int(rows[0][0])
