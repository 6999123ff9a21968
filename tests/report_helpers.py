"""A reviewed demo database shared by the report tests."""

from __future__ import annotations

from pathlib import Path

from verifier import demo
from verifier.report.model import Report, build_report


def reviewed_db(directory: Path) -> tuple[str, demo.DemoStories]:
    db = str(directory / "report.db")
    return db, demo.run(db)


def report_of(db: str, **scope: int) -> Report:
    from verifier.scoring.weights import load_weights
    from verifier.store.database import open_database

    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return build_report(session, load_weights(), **scope)
