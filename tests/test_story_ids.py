"""Story ids are never given again (SQLite numbered a new story from the largest stored id:
merging away the newest story gave its id to the next story made, and ``stories show`` of
the merged id showed that new story instead of saying where the merged one went)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.cli_helpers import ingest_text
from verifier.cli import app

VELM = ("The Velm council said on Monday the ferry will stop running in May. "
        "The council said the ferry lost money for three years.\n")
ORRIN = ("The Orrin library said on Friday it will close for repairs in August. "
         "The library said the roof leaks.\n")
KESSEL = ("The Kessel zoo said on Tuesday two snow leopards were born in March. "
          "The zoo said the cubs are healthy.\n")


def _stories(runner: CliRunner, db: str) -> list[int]:
    result = runner.invoke(app, ["stories", "list", "--min-claims", "1", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    return sorted(row["id"] for row in json.loads(result.output))


def test_a_merged_newest_story_id_is_never_given_again(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "velm.txt", VELM)
    ingest_text(db, tmp_path / "orrin.txt", ORRIN)
    before = _stories(runner, db)
    assert len(before) >= 2, before
    newest = before[-1]
    merged = runner.invoke(app, ["stories", "merge", str(before[0]), str(newest), "--by", "Ann",
                                 "--db", db])
    assert merged.exit_code == 0, merged.output
    # a new story by ingest (grouping's bulk insert) ...
    ingest_text(db, tmp_path / "kessel.txt", KESSEL)
    after = _stories(runner, db)
    assert newest not in after and max(after) > newest, (newest, after)
    shown = runner.invoke(app, ["stories", "show", str(newest), "--db", db])
    assert shown.exit_code != 0
    assert f"story {newest} was merged into story {before[0]}" in shown.output, shown.output
    # ... and by a split (one story inserted) take ids no story had
    target = runner.invoke(app, ["stories", "show", str(before[0]), "--json", "--db", db])
    claims = [m["claim_id"] for m in json.loads(target.output)["claims"]]
    assert len(claims) >= 2, claims
    split = runner.invoke(app, ["stories", "split", str(before[0]), str(claims[-1]), "--by",
                                "Ann", "--db", db])
    assert split.exit_code == 0, split.output
    made = set(_stories(runner, db)) - set(after)
    assert len(made) == 1 and min(made) > max(after), (made, after)


def test_the_library_records_every_deleted_story(tmp_path: Path) -> None:
    """``deleted_stories`` holds each id a merge deleted and the story its claims went to."""
    from sqlalchemy import text

    from verifier.store.database import open_database
    from verifier.stories.store import merge_stories

    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "velm.txt", VELM)
    ingest_text(db, tmp_path / "orrin.txt", ORRIN)
    first, *others = _stories(runner, db)
    with open_database(db) as database, database.session_scope() as session:
        merge_stories(session, first, others)
    with open_database(db) as database, database.session_scope(write=False) as session:
        rows = session.execute(text("SELECT id, merged_into FROM deleted_stories")).all()
    assert sorted(rows) == [(other, first) for other in others]
