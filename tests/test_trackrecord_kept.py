"""Track records kept in the database (revision 0013): ``track_record_counts`` is read only
while current; every change to what it counts marks it stale (triggers), readers then count
from the verdicts, and the next write, ``db upgrade`` or ``db rebuild`` counts again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier import demo
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.trackrecords import (
    count_verdicts,
    is_current,
    keep_counts,
    kept_counts,
    verdict_counts,
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _state(db: str) -> tuple[bool, dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """(current?, kept counts, counts from the verdicts)."""
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        return is_current(session), kept_counts(session), count_verdicts(session)


def _one(session: Session, sql: str) -> int:
    value = session.execute(text(sql)).scalar()
    assert value is not None, sql
    return int(value)


def _reviewed_claim(session: Session) -> int:
    """A claim of a story with a confirmed or refuted verdict that has an attribution."""
    return _one(session, "SELECT a.claim_id FROM attributions a JOIN story_claims sc ON "
                "sc.claim_id = a.claim_id JOIN verdicts v ON v.story_id = sc.story_id "
                "AND v.claim_id IS NULL WHERE a.source_id IS NOT NULL ORDER BY a.claim_id "
                "LIMIT 1")


def _open_story(session: Session) -> int:
    """A story nobody has given a verdict, with a claim a source asserts."""
    return _one(session, "SELECT min(sc.story_id) FROM story_claims sc JOIN attributions a "
                "ON a.claim_id = sc.claim_id AND a.stance = 'asserts' AND a.source_id IS NOT "
                "NULL WHERE NOT EXISTS (SELECT 1 FROM verdicts WHERE verdicts.story_id = "
                "sc.story_id)")


def _verdict(session: Session) -> None:
    from verifier.store.verdicts import add_verdict

    add_verdict(session, story_id=_open_story(session), status="refuted", evidence="e",
                reviewer="r")


def _join_reviewed_story(session: Session) -> None:
    """A claim of an open story moves into a reviewed one (as grouping or a move would)."""
    claim = _one(session, "SELECT claim_id FROM story_claims WHERE story_id = "
                 f"{_open_story(session)} ORDER BY claim_id LIMIT 1")
    reviewed = _one(session, "SELECT story_id FROM verdicts WHERE story_id IS NOT NULL "
                    "AND claim_id IS NULL ORDER BY id LIMIT 1")
    session.execute(text(f"UPDATE story_claims SET story_id = {reviewed} "
                         f"WHERE claim_id = {claim}"))


def _source_corrected(session: Session) -> None:
    """A reviewed claim's attribution now names another source (a correction)."""
    claim = _reviewed_claim(session)
    other = _one(session, "SELECT max(id) FROM sources")
    session.execute(text(f"UPDATE attributions SET source_id = {other} WHERE claim_id = {claim}"))


def _stance_corrected(session: Session) -> None:
    claim = _reviewed_claim(session)
    session.execute(text(f"UPDATE attributions SET stance = 'denies' WHERE claim_id = {claim}"))


def _attribution_removed(session: Session) -> None:
    claim = _reviewed_claim(session)
    session.execute(text(f"DELETE FROM attributions WHERE claim_id = {claim}"))


def _outlet_changed(session: Session) -> None:
    other = _one(session, "SELECT max(id) FROM sources")
    session.execute(text(f"UPDATE articles SET outlet_id = {other} WHERE id = "
                         "(SELECT min(id) FROM articles)"))


CHANGES: dict[str, Callable[[Session], None]] = {
    "a verdict": _verdict,
    "a claim joins a reviewed story": _join_reviewed_story,
    "a reviewed claim's source is corrected": _source_corrected,
    "a reviewed claim's stance is corrected": _stance_corrected,
    "a reviewed claim's attribution is removed": _attribution_removed,
    "an article's outlet changes": _outlet_changed,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_to_what_is_counted_marks_the_kept_counts_stale(
    change: str, tmp_path: Path
) -> None:
    db, _ = reviewed_db(tmp_path)
    current, kept, counted = _state(db)
    assert current and kept == counted and kept  # the demo's verdicts were counted as written
    with open_database(db, create=False) as database, database.session_scope() as session:
        CHANGES[change](session)
    current, kept_after, counted_after = _state(db)
    assert not current
    assert kept_after == kept  # left as it was, and not read:
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        assert verdict_counts(session) == counted_after
    code, output = _run("db", "verify", "--db", db)
    assert code == 0 and "stale: counted from the verdicts at each read" in output, output
    with open_database(db, create=False) as database, database.session_scope() as session:
        assert keep_counts(session) == counted_after
    assert _state(db) == (True, counted_after, counted_after)


def test_changes_outside_the_reviewed_stories_leave_the_counts_current(tmp_path: Path) -> None:
    db, _ = reviewed_db(tmp_path)
    with open_database(db, create=False) as database, database.session_scope() as session:
        story = _open_story(session)
        claim = _one(session, f"SELECT claim_id FROM story_claims WHERE story_id = {story} "
                     "ORDER BY claim_id LIMIT 1")
        session.execute(text(f"UPDATE attributions SET stance = 'denies' WHERE claim_id = {claim}"))
        session.execute(text(f"DELETE FROM story_claims WHERE claim_id = {claim}"))
        session.execute(text(f"INSERT INTO story_claims (story_id, claim_id, pinned) "
                             f"VALUES ({story}, {claim}, false)"))
    assert _state(db)[0]
    extra = tmp_path / "extra.md"
    extra.write_text("---\ntitle: Port strike\n---\nDock workers in Busan walked off the job "
                     "on Monday, the union said.\n", encoding="utf-8")
    code, output = _run("ingest", str(extra), "--db", db)
    assert code == 0, output
    current, kept, counted = _state(db)
    assert current and kept == counted


def test_writes_through_the_desk_keep_the_counts_current(tmp_path: Path) -> None:
    """Marking, retracting and regrouping through the commands count again in the same
    transaction: the counts stay current and equal the verdicts'."""
    db, stories = reviewed_db(tmp_path)
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        story = _open_story(session)
    for args in (
        ("stories", "mark", str(story), "refuted", "--evidence", "on record", "--by", "t"),
        ("stories", "retract", str(stories.kim), "--evidence", "oops", "--by", "t"),
        ("stories", "merge", str(stories.ban), str(story), "--status", "refuted",
         "--evidence", "same event", "--by", "t"),
    ):
        before = _state(db)[2]
        code, output = _run(*args, "--db", db)
        assert code == 0, output
        current, kept, counted = _state(db)
        assert current and kept == counted, args
        assert counted != before, args  # each of them moved some source's record


def test_verify_finds_counts_that_disagree_and_rebuild_mends_them(tmp_path: Path) -> None:
    db, _ = reviewed_db(tmp_path)
    with open_database(db, create=False) as database, database.session_scope() as session:
        session.execute(text("UPDATE track_record_counts SET confirmed = confirmed + 7 "
                             "WHERE source_id = (SELECT min(source_id) FROM "
                             "track_record_counts)"))
    code, output = _run("db", "verify", "--db", db)
    assert code == 1 and "differ from the verdicts'" in output and "db rebuild" in output
    code, output = _run("db", "rebuild", "--db", db)
    assert code == 0 and "track records counted again" in output, output
    code, output = _run("db", "verify", "--db", db)
    assert code == 0 and "current:" in output, output


def test_verify_names_a_dropped_trigger(tmp_path: Path) -> None:
    db, _ = reviewed_db(tmp_path)
    with open_database(db, create=False) as database, database.session_scope() as session:
        session.execute(text("DROP TRIGGER track_records_attribution_update"))
    code, output = _run("db", "verify", "--db", db)
    assert code == 1
    assert "track_records_attribution_update on attributions is missing" in output


@pytest.mark.usefixtures("real_migrations")
def test_the_migration_leaves_the_counts_stale_and_upgrade_counts_them(db_url: str) -> None:
    """Revision 0013 counts nothing (readers count from the verdicts meanwhile); `db
    upgrade` does, on either backend, and the triggers work there too."""
    from verifier.store import database as dbmod

    demo.run(db_url)
    with open_database(db_url, create=False) as database:
        dbmod.downgrade(database, "0012")
        dbmod.upgrade(database)
        with database.session_scope(write=False) as session:
            assert not is_current(session)
            counted = verdict_counts(session)
        assert counted
    code, output = _run("db", "upgrade", "--db", db_url)
    assert code == 0, output
    with open_database(db_url, create=False) as database:
        with database.session_scope(write=False) as session:
            assert is_current(session) and kept_counts(session) == counted
        with database.session_scope() as session:
            _verdict(session)
        with database.session_scope(write=False) as session:
            assert not is_current(session)
            assert verdict_counts(session) == count_verdicts(session) != counted
            counted = count_verdicts(session)
        dbmod.downgrade(database, "0012")
    # any command opening an older database migrates it and counts
    with open_database(db_url) as database, database.session_scope(write=False) as session:
        assert is_current(session) and kept_counts(session) == counted
