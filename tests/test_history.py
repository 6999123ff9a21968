"""The verdict history: nothing a grouping edit does hides a verdict, retractions are new
rows, nothing can rewrite it unseen (REPLACE, dropped triggers, edits: `db verify` says what
changed), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from tests.db_files import checkpoint, copy_of
from tests.report_helpers import article_id, claim_id, reviewed_db, story_of
from verifier import demo
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.schema import SCHEMA_REVISION

runner = CliRunner()


@dataclass(frozen=True, slots=True)
class Demo:
    """The demo database's stories and claims the tests use, each found by what it is (a
    claim by its sentence, a story by a claim it holds): ids follow ingest order and pass 1's
    grouping, which the tests do not pin.

    kim, ban: the two reviewed stories (Kim's trip confirmed, Ban's visit refuted);
    summit, first_trip, train: confirmed or open claims of Kim's story; tests, momentum: open
    claims of Kim's article outside it; photo, byline: Kim's article's lines that are not claims;
    willingness, sources, sanctions: open stories (two of Kim's article, one of Ban's);
    kim_article: Kim's article, kim_claims: its claim rows."""

    kim: int
    ban: int
    summit: int
    first_trip: int
    train: int
    tests: int
    momentum: int
    photo: int
    byline: int
    willingness: int
    sources: int
    sanctions: int
    kim_article: int
    kim_claims: tuple[int, ...]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database: Kim's story confirmed, Ban's story refuted, others open."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    reviewed_db(path.parent, path.name)
    return path


@pytest.fixture(scope="module")
def ids(demo_db: Path) -> Demo:
    db = str(demo_db)
    stories = reviewed_db(demo_db.parent, "ids.db")[1]
    # the demo's stories are the ones holding each article's headline claims
    assert stories.kim == story_of(db, claim_id(db, "Kim-Xi summit bodes well"))
    assert stories.ban == story_of(db, claim_id(db, "Ban Ki-Moon visit could be breakthrough"))
    kim_article = article_id(db, "kim-beijing.md")
    with sqlite3.connect(db) as connection:
        kim_claims = tuple(row[0] for row in connection.execute(
            "SELECT id FROM claims WHERE article_id = ? ORDER BY id", (kim_article,)))
    connection.close()
    found = Demo(
        kim=stories.kim, ban=stories.ban,
        summit=claim_id(db, "Kim-Xi summit bodes well"),
        first_trip=claim_id(db, "This is the first time that Kim has taken an overseas trip"),
        train=claim_id(db, "Kim took a train for his Beijing visit"),
        tests=claim_id(db, "Starting this year, Pyongyang has ceased all nuclear"),
        momentum=claim_id(db, "On the back of the rare peace momentum"),
        photo=claim_id(db, "North Korean leader Kim Jong-un"),
        byline=claim_id(db, "By Lee Min-hyung"),
        willingness=story_of(db, claim_id(db, "The North Korean leader has in recent months")),
        sources=story_of(db, claim_id(db, "The sources said that Kim met with the Chinese")),
        sanctions=story_of(db, claim_id(db, "The country is under several U.N. sanctions")),
        kim_article=kim_article, kim_claims=kim_claims)
    kim_story = {c["claim_id"] for c in story(db, found.kim)["claims"]}
    assert {found.summit, found.first_trip, found.train} <= kim_story
    assert not {found.tests, found.momentum} & kim_story
    assert len({found.kim, found.ban, found.willingness, found.sources, found.sanctions}) == 5
    return found


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> str:
    return copy_of(demo_db, tmp_path / "v.db")


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result.stdout + result.stderr


def story(db: str, story_id: int) -> dict:
    return json.loads(run("stories", "show", str(story_id), "--db", db, "--json"))


def claim(db: str, claim_id: int) -> dict:
    return json.loads(run("claims", "show", str(claim_id), "--db", db, "--json"))


def verify(db: str, code: int = 0) -> dict:
    return json.loads(run("db", "verify", "--db", db, "--json", code=code))


def problems(report: dict, check: str) -> list[str]:
    return next(c["problems"] for c in report["checks"] if c["check"] == check)


# --- grouping edits carry verdicts ----------------------------------------------------


def test_merging_a_reviewed_story_into_an_open_one_carries_its_verdict(db: str,
                                                                       ids: Demo) -> None:
    kim, into = ids.kim, ids.willingness
    before = json.loads(run("calibrate", "--db", db, "--json"))["reviewed_stories"]
    out = run("stories", "merge", str(into), str(kim), "--db", db)
    assert f"story {into} is now confirmed" in out and "verdict 1 carried by a merge" in out
    merged = story(db, into)
    assert merged["status"] == "confirmed" and merged["reviewed"]
    origins = [(v["story_id"], v["origin"], v["refers_to"]) for v in merged["verdicts"]]
    assert origins == [(kim, "review", None), (into, "merge", 1)]  # the original stays visible
    assert story(db, kim)["merged_into"] == into and story(db, kim)["claims"] == []
    listed = json.loads(run("stories", "list", "--db", db, "--json"))
    assert {s["id"]: s["status"] for s in listed}[into] == "confirmed"
    report = json.loads(run("report", "--all", "--format", "json", "--db", db))
    assert [s["id"] for s in report["stories"] if s["reviewed"]] == [into, ids.ban]
    # The review counts once in calibration, and sources keep their confirmations.
    assert json.loads(run("calibrate", "--db", db, "--json"))["reviewed_stories"] == before
    records = {r["name"]: r for r in report["sources"]}
    assert any(r["confirmed"] for r in records.values())
    assert verify(db)["ok"]


def test_merging_stories_whose_verdicts_differ_asks_which_stands(db: str, ids: Demo) -> None:
    kim, ban = str(ids.kim), str(ids.ban)
    members = story(db, ids.ban)["claims"]
    assert len(members) > 1
    out = run("stories", "merge", kim, ban, "--db", db, code=2)
    assert f"story {kim} is confirmed (verdict 1" in out and f"story {ban} is refuted" in out
    assert "say which verdict stands with --status" in out and "nothing was changed" in out
    assert story(db, ids.ban)["claims"] == members  # rolled back
    run("stories", "merge", kim, ban, "--status", "disputed", "--db", db, code=2)  # no evidence
    out = run("stories", "merge", kim, ban, "--status", "disputed", "--evidence",
              "The two accounts conflict", "--by", "Ana", "--db", db)
    merged = story(db, ids.kim)
    assert merged["status"] == "disputed"
    assert merged["verdicts"][-1]["origin"] == "decision"
    assert {v["story_id"] for v in merged["verdicts"]} == {ids.ban, ids.kim}
    assert verify(db)["ok"]


def test_split_carries_the_verdict_to_the_new_story(db: str, ids: Demo) -> None:
    out = run("stories", "split", str(ids.kim), str(ids.first_trip), str(ids.train), "--db", db)
    new_id = int(out.split()[-1])
    assert f"story {new_id} is now confirmed" in out
    new = story(db, new_id)
    assert new["status"] == "confirmed" and new["verdicts"][-1]["origin"] == "split"
    assert new["verdicts"][-1]["refers_to"] == 1
    assert story(db, ids.kim)["status"] == "confirmed"
    run("stories", "retract", str(new_id), "--evidence", "Not about the trip", "--by", "Ana",
        "--db", db)
    assert story(db, new_id)["status"] != "confirmed"
    assert story(db, ids.kim)["status"] == "confirmed"
    assert verify(db)["ok"]


def test_a_move_that_empties_a_reviewed_story_carries_its_verdict(db: str, ids: Demo) -> None:
    to = ids.sources
    members = [str(c["claim_id"]) for c in story(db, ids.ban)["claims"]]
    run("stories", "move", *members, "--to", str(to), "--db", db)
    assert story(db, to)["status"] == "refuted"
    assert story(db, ids.ban)["merged_into"] == to
    out = run("stories", "move", str(ids.summit), "--to", str(to), "--db", db)
    assert "now" not in out and story(db, ids.kim)["status"] == "confirmed"  # Kim's keeps claims
    assert verify(db)["ok"]


# --- retractions and repeated statuses ------------------------------------------------


def test_claim_retraction_falls_back_to_the_previous_verdict(db: str, ids: Demo) -> None:
    tests = str(ids.tests)
    run("claims", "mark", tests, "confirmed", "--evidence", "Transcript", "--by", "Ana",
        "--db", db)
    run("claims", "mark", tests, "disputed", "--evidence", "A later denial", "--by", "Bo",
        "--db", db)
    out = run("claims", "retract", tests, "--evidence", "The denial was misquoted", "--by",
              "Bo", "--db", db)
    assert "now confirmed" in out
    run("claims", "retract", tests, "--evidence", "Transcript withdrawn", "--by", "Ana",
        "--db", db)
    shown = claim(db, ids.tests)
    assert shown["status"] == "unverified"
    assert [v["status"] for v in shown["verdicts"]] == [
        "confirmed", "disputed", "retracted", "retracted"]
    assert [v["refers_to"] for v in shown["verdicts"]][2:] == [
        shown["verdicts"][1]["id"], shown["verdicts"][0]["id"]]
    out = run("claims", "retract", tests, "--evidence", "x", "--by", "Ana", "--db", db, code=2)
    assert "no verdict in force" in out
    out = run("claims", "retract", tests, "--by", "Ana", "--db", db, code=2)
    assert "needs evidence" in out
    assert verify(db)["ok"]


def test_retracting_a_specific_verdict(db: str, ids: Demo) -> None:
    tests = str(ids.tests)
    run("claims", "mark", tests, "confirmed", "--evidence", "A", "--by", "Ana", "--db", db)
    run("claims", "mark", tests, "refuted", "--evidence", "B", "--by", "Ana", "--db", db)
    first = claim(db, ids.tests)["verdicts"][0]["id"]
    run("claims", "retract", tests, "--verdict", str(first), "--evidence", "wrong claim",
        "--by", "Ana", "--db", db)
    assert claim(db, ids.tests)["status"] == "refuted"
    out = run("claims", "retract", tests, "--verdict", str(first), "--evidence", "again",
              "--by", "Ana", "--db", db, code=2)
    assert "already retracted" in out
    out = run("claims", "retract", tests, "--verdict", "1", "--evidence", "x", "--by", "Ana",
              "--db", db, code=6)
    assert f"verdict 1 is not a verdict on claim {tests}" in out


def test_story_retraction_withdraws_the_claim_verdicts_written_with_it(db: str,
                                                                       ids: Demo) -> None:
    assert claim(db, ids.summit)["status"] == "confirmed"
    out = run("stories", "retract", str(ids.kim), "--evidence", "Visit date was wrong", "--by",
              "Ana", "--db", db)
    assert "now unverified" in out and "claims retracted with it" in out
    shown = story(db, ids.kim)
    assert not shown["reviewed"] and shown["verdicts"][-1]["status"] == "retracted"
    assert claim(db, ids.summit)["status"] == "unverified"
    assert json.loads(run("calibrate", "--db", db, "--json"))["reviewed_stories"] == 1
    assert verify(db)["ok"]


def test_marking_the_same_status_again_is_refused(db: str, ids: Demo) -> None:
    summit, tests, kim = str(ids.summit), str(ids.tests), str(ids.kim)
    out = run("claims", "mark", summit, "confirmed", "--evidence", "e", "--by", "Ana",
              "--db", db, code=2)
    assert f"claim {summit} is already confirmed (verdict" in out
    assert f"retract it first (`verifier claims retract {summit}`)" in out
    out = run("claims", "mark", tests, summit, "confirmed", "--evidence", "e", "--by", "Ana",
              "--db", db, code=2)
    assert "nothing was marked" in out and claim(db, ids.tests)["status"] == "unverified"
    out = run("stories", "mark", kim, "confirmed", "--evidence", "e", "--by", "Ana",
              "--db", db, code=2)
    assert f"story {kim} is already confirmed" in out
    run("stories", "mark", kim, "disputed", "--evidence", "e", "--by", "Ana", "--db", db)
    assert story(db, ids.kim)["status"] == "disputed"


# --- append-only and tamper-evident ---------------------------------------------------

REWRITES = [
    "REPLACE INTO verdicts (id, claim_id, story_id, status, origin, evidence, reviewer, "
    "created_at) VALUES (1, NULL, 7, 'refuted', 'review', 'forged', 'x', '2026-01-01')",
    "INSERT OR REPLACE INTO verdicts (id, claim_id, story_id, status, origin, evidence, "
    "reviewer, created_at) VALUES (1, NULL, 7, 'refuted', 'review', 'forged', 'x', "
    "'2026-01-01')",
    "UPDATE verdicts SET status = 'refuted' WHERE id = 1",
    "DELETE FROM verdicts WHERE id = 1",
    "REPLACE INTO history_log (seq, kind, row_id, payload, hash) VALUES (1, 'verdict', 1, "
    "'{}', 'x')",
    "INSERT OR REPLACE INTO history_log (seq, kind, row_id, payload, hash) VALUES (99, "
    "'verdict', 1, '{}', 'x')",
    "UPDATE history_log SET hash = 'x'",
    "DELETE FROM history_log",
]


@pytest.mark.parametrize("statement", REWRITES)
def test_sqlite_refuses_every_rewrite_of_the_history(db: str, statement: str) -> None:
    connection = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute(statement)
    connection.close()
    assert verify(db)["ok"]


def _tamper(db: str, *statements: str) -> None:
    connection = sqlite3.connect(db)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_db_verify_says_exactly_what_was_altered(db: str, ids: Demo) -> None:
    head = verify(db)["head"]["hash"]
    connection = sqlite3.connect(db)
    (lost,) = connection.execute("SELECT claim_id FROM verdicts WHERE id = 3").fetchone()
    connection.close()
    _tamper(
        db,
        "DROP TRIGGER verdicts_no_update",
        "DROP TRIGGER verdicts_no_delete",
        "UPDATE verdicts SET status = 'refuted', evidence = 'forged' WHERE id = 1",
        f"UPDATE stories SET status = 'refuted' WHERE id = {ids.sanctions}",
        "DELETE FROM verdicts WHERE id = 3",
        "INSERT INTO verdicts (claim_id, story_id, status, origin, evidence, reviewer, "
        f"created_at) VALUES ({ids.tests}, NULL, 'confirmed', 'review', 'slipped in', 'x', "
        "'2026-01-01 00:00:00.000000')",
        f"UPDATE claims SET status = 'confirmed' WHERE id = {ids.momentum}",
    )
    report = verify(db, code=1)
    triggers = problems(report, "append-only triggers")
    assert any("verdicts_no_update on verdicts is missing" in p for p in triggers)
    assert any("verdicts_no_delete" in p for p in triggers) and len(triggers) == 2
    chain = problems(report, "history chain")
    assert any(p.startswith("verdict 1 was altered after it was recorded (history entry 1)")
               and "status: 'confirmed' -> 'refuted'" in p and "-> 'forged'" in p
               for p in chain)
    assert "verdict 3 was deleted (recorded in history entry 3)" in chain
    assert any("is not in the history log" in p for p in chain)
    statuses = problems(report, "statuses against history")
    assert f"claim {ids.momentum} is stored as confirmed but has no verdict" in statuses
    assert f"claim {ids.tests} is stored as unverified but its verdicts say confirmed" \
        in statuses
    # the claim whose verdict was deleted keeps a status its history no longer gives
    assert any(p.startswith(f"claim {lost} is stored as confirmed") for p in statuses)
    text_out = run("db", "verify", "--db", db, code=1)
    assert "FAIL history chain" in text_out and "ok   orphaned rows" in text_out
    run("db", "verify", "--db", db, "--expect-head", head, code=1)


def test_a_rewritten_log_entry_breaks_the_chain(db: str) -> None:
    head = verify(db)["head"]["hash"]
    run("db", "verify", "--db", db, "--expect-head", head)
    out = run("db", "verify", "--db", db, "--expect-head", "0" * 64, code=1)
    assert f"the head is {head}" in out
    _tamper(db, "DROP TRIGGER history_log_no_update",
            "UPDATE history_log SET hash = '" + "a" * 64 + "' WHERE seq = 2")
    chain = problems(verify(db, code=1), "history chain")
    assert any("history entry 2 (verdict" in p and "does not match its hash" in p
               for p in chain)
    assert any("history entry 3 " in p for p in chain)  # the next link no longer holds


def test_db_verify_finds_orphans_and_claims_in_no_story(db: str, ids: Demo) -> None:
    _tamper(db, "PRAGMA foreign_keys = OFF", f"DELETE FROM articles WHERE id = {ids.kim_article}",
            f"DELETE FROM story_claims WHERE claim_id IN ({ids.tests}, {ids.momentum})")
    report = verify(db, code=1)
    orphans = problems(report, "orphaned rows")
    rows = ", ".join(map(str, ids.kim_claims[:20]))
    assert len(ids.kim_claims) > 20  # the list is cut at twenty rows
    assert orphans == [
        f"{len(ids.kim_claims)} claims row(s) refer to articles rows that are gone "
        f"(claims.article_id; rows {rows} ...)"]
    # Read paths skip them (or say why they cannot show one).
    for command in (["stories", "list"], ["stories", "show", str(ids.sanctions)],
                    ["report", "--all"], ["report", "--all", "--format", "md"], ["calibrate"]):
        run(*command, "--db", db)
    out = run("claims", "show", str(ids.first_trip), "--db", db, code=6)
    assert f"article {ids.kim_article}, which is gone" in out
    unstoried = problems(report, "claims in a story")
    assert len(unstoried) == 1 and "claims are in no story" in unstoried[0]
    assert "stories group" in unstoried[0]


def test_db_current_and_verify_notice_a_second_version_row(db: str, ids: Demo) -> None:
    _tamper(db, "INSERT INTO alembic_version VALUES ('9999')")
    out = run("db", "current", "--db", db, code=1)
    assert f"inconsistent: alembic_version holds 2 rows ({SCHEMA_REVISION}, 9999)" in out
    report = verify(db, code=1)
    assert any("9999" in p for p in problems(report, "schema revision"))
    out = run("claims", "show", str(ids.summit), "--db", db, code=5)
    assert "ambiguous" in out


AUDIT_AND_CORRECTION_REWRITES = [
    "UPDATE audit_log SET actor = 'someone else'",
    "DELETE FROM audit_log",
    "REPLACE INTO audit_log (id, actor, action, target, detail, created_at) VALUES "
    "(1, 'x', 'mark', 'story 1', '{}', '2026-01-01')",
    "INSERT OR REPLACE INTO audit_log (id, actor, action, target, detail, created_at) VALUES "
    "(1, 'x', 'mark', 'story 1', '{}', '2026-01-01')",
    "REPLACE INTO corrections (id, article_sha256, start, \"end\", text, is_claim, sourcing, "
    "reviewer, created_at) VALUES (1, 'x', 0, 1, 'x', 1, '[]', 'x', '2026-01-01')",
    "INSERT OR REPLACE INTO corrections (id, article_sha256, start, \"end\", text, is_claim, "
    "sourcing, reviewer, created_at) VALUES (1, 'x', 0, 1, 'x', 1, '[]', 'x', '2026-01-01')",
    "UPDATE corrections SET reviewer = 'x'",
    "DELETE FROM corrections",
]


def _audited(db: str, ids: Demo) -> str:
    """A reviewer's action (audited) and a correction in place, then the database's head."""
    run("claims", "mark", str(ids.summit), "disputed", "--evidence", "e", "--by", "Ana",
        "--db", db)
    # 'North Korean leader Kim Jong-un' (a photo label) is not a claim: refused, unaudited
    out = run("claims", "mark", str(ids.photo), "disputed", "--evidence", "e", "--by", "Ana",
              "--db", db, code=2)
    assert "not a claim" in out and f"claims correct {ids.photo} --claim" in out
    run("claims", "mark", str(ids.first_trip), "disputed", "--evidence", "e", "--by", "Ana",
        "--db", db)
    with open_database(db) as database, database.session_scope() as session:
        from verifier.registry import load_registry
        from verifier.review.actions import correct

        correct(session, ids.byline, claim=False, certainty=None, sourcing=[], actor="Ana",
                registry=load_registry(Path(__file__).parent.parent / "sources.yaml"),
                evidence="background")
    return str(verify(db)["head"]["hash"])


@pytest.fixture(scope="module")
def audited_template(demo_db: Path, ids: Demo,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database after ``_audited`` (done once for the module's tests)."""
    path = tmp_path_factory.mktemp("audited") / "audited.db"
    shutil.copy(demo_db, path)
    _audited(str(path), ids)
    return checkpoint(path)


@pytest.fixture
def audited(audited_template: Path, tmp_path: Path) -> str:
    """A copy of ``audited_template`` of the test's own."""
    return copy_of(audited_template, tmp_path / "v.db")


@pytest.mark.parametrize("statement", AUDIT_AND_CORRECTION_REWRITES)
def test_sqlite_refuses_rewriting_the_audit_log_and_corrections(audited: str,
                                                                statement: str) -> None:
    db = audited
    connection = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute(statement)
    connection.close()
    assert verify(db)["ok"]


def test_db_verify_finds_a_tampered_audit_entry(audited: str) -> None:
    db = audited
    connection = sqlite3.connect(db)
    first, last = connection.execute("SELECT min(id), max(id) FROM audit_log").fetchone()
    connection.close()
    assert last > first + 1
    _tamper(
        db,
        "DROP TRIGGER audit_log_no_update",
        "DROP TRIGGER audit_log_no_delete",
        f"UPDATE audit_log SET actor = 'Mallory' WHERE id = {first}",
        f"DELETE FROM audit_log WHERE id = {first + 1}",
        "INSERT INTO audit_log (actor, action, target, detail, created_at) VALUES "
        "('Mallory', 'mark', 'story 1', '{}', '2026-01-01 00:00:00.000000')",
    )
    report = verify(db, code=1)
    triggers = problems(report, "append-only triggers")
    assert sorted(p.split()[1] for p in triggers) == ["audit_log_no_delete",
                                                      "audit_log_no_update"]
    chain = problems(report, "history chain")
    assert any(p.startswith(f"audit entry {first} was altered after it was recorded")
               and "-> 'Mallory'" in p for p in chain), chain
    assert any(p.startswith(f"audit entry {first + 1} was deleted") for p in chain), chain
    assert f"audit entry {last + 1} is not in the history log (inserted behind verifier's " \
        "back)" in chain


def test_upgrading_chains_the_audit_entries_there_are(audited: str) -> None:
    from verifier.store.database import downgrade, upgrade

    db = audited
    with open_database(db) as database:
        downgrade(database, "0005")
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM history_log WHERE kind = 'audit'"
                              ).fetchone() == (0,)
    connection.execute("UPDATE audit_log SET target = 'story 7' WHERE id = 1")  # no guard
    connection.commit()
    connection.close()
    with open_database(db) as database:
        upgrade(database)
    report = verify(db)
    assert report["ok"], report
    connection = sqlite3.connect(db)
    audited = connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    chained = connection.execute("SELECT count(*) FROM history_log WHERE kind = 'audit'"
                                 ).fetchone()[0]
    connection.close()
    assert audited == chained >= 2


def test_postgresql_history_is_append_only_and_verified(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("the SQLite case is covered above")
    demo.run(db_url)
    assert verify(db_url)["ok"]
    with open_database(db_url) as database:
        for statement in (
            "UPDATE verdicts SET status = 'refuted' WHERE id = 1",
            "DELETE FROM verdicts WHERE id = 1",
            "TRUNCATE verdicts CASCADE",
            "INSERT INTO verdicts (id, story_id, status, origin, evidence, reviewer, "
            "created_at) VALUES (1, 7, 'refuted', 'review', 'f', 'x', now()) "
            "ON CONFLICT (id) DO UPDATE SET status = 'refuted'",
            "UPDATE history_log SET hash = 'x'",
            "TRUNCATE history_log",
            "UPDATE audit_log SET actor = 'x'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "TRUNCATE corrections",
        ):
            with pytest.raises(DBAPIError, match="append-only"), \
                    database.engine.begin() as connection:
                connection.execute(text(statement))
        with database.engine.begin() as connection:
            connection.execute(text("ALTER TABLE verdicts DISABLE TRIGGER verdicts_no_change"))
            connection.execute(text("UPDATE verdicts SET evidence = 'forged' WHERE id = 1"))
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
            connection.execute(text("UPDATE audit_log SET actor = 'Mallory'"))
    report = verify(db_url, code=1)
    assert "trigger audit_log_no_change on audit_log is disabled" in problems(
        report, "append-only triggers")
    assert any(p.startswith("audit entry") and "-> 'Mallory'" in p
               for p in problems(report, "history chain"))
    assert "trigger verdicts_no_change on verdicts is disabled" in problems(
        report, "append-only triggers")
    assert any(p.startswith("verdict 1 was altered") and "-> 'forged'" in p
               for p in problems(report, "history chain"))


def test_upgrading_a_database_with_verdicts_starts_the_chain(tmp_path: Path) -> None:
    from verifier.store.database import downgrade, upgrade

    db, stories = reviewed_db(tmp_path, "old.db")
    with open_database(db) as database:
        downgrade(database, "0003")
        upgrade(database)
    report = verify(db)
    with sqlite3.connect(db) as connection:
        verdicts = connection.execute("SELECT count(*) FROM verdicts").fetchone()[0]
    assert verdicts > 10  # the story verdicts and the claim verdicts written with them
    assert report["ok"] and report["head"]["seq"] == verdicts  # every one of them chained
    kim = story(db, stories.kim)
    assert kim["status"] == "confirmed"
    out = run("stories", "retract", str(stories.kim), "--evidence", "e", "--by", "Ana", "--db", db)
    assert "claims retracted with it" in out  # the claims' link to the story verdict kept


def test_a_merged_story_says_where_its_claims_went(db: str, ids: Demo) -> None:
    kim, into = str(ids.kim), str(ids.willingness)
    run("stories", "merge", into, kim, "--db", db)
    assert f"Merged into story {into}" in run("stories", "show", kim, "--db", db)
    html = run("report", "--story", kim, "--format", "html", "--db", db)
    assert f"Merged into story {into}" in html and "Verdict 1" in html
    md = run("report", "--story", into, "--format", "md", "--db", db)
    assert f"**Verdict 1** confirmed on story {kim}" in md
    assert "(verdict 1 carried by a merge)" in md
