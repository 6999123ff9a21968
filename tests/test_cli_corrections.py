"""Correcting the analyser from the terminal: ``claims correct`` (a sentence's labels, as the
desk corrects them), ``articles set`` (an article's outlet and date), and story dates that
treat an undated article's date as unknown (``stories list --since`` agrees with ``claims
list --since``). The sentences are ours."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from tests.cli_helpers import claim_id, run
from tests.db_files import checkpoint, copy_of
from tests.desk_texts import HARBOUR_BRIDGE
from verifier.store import database as dbmod
from verifier.store.database import open_database
from verifier.store.models import AuditEntry, Correction, Story
from verifier.store.trackrecords import verdict_counts

pytestmark = pytest.mark.usefixtures("wide_console")


UNDATED = """Harbour bridge closure confirmed

The harbour bridge will close in May for six weeks, the city council said.
Repairs to the harbour bridge could cost 40 million euros, a council engineer said.
"""


def _ingest(folder: Path, db: str) -> None:
    dated, undated = folder / "bridge.txt", folder / "undated.txt"
    dated.write_text(HARBOUR_BRIDGE, encoding="utf-8")
    undated.write_text(UNDATED, encoding="utf-8")
    code, _, err = run("ingest", str(dated), "--db", db, "--outlet", "reuters",
                       "--published", "2026-05-04")
    assert code == 0, err
    code, _, err = run("ingest", str(undated), "--db", db)  # no outlet, no date
    assert code == 0, err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Article 1 (Reuters, 2026-05-04: claims 1-4) and article 2 (no outlet, no date:
    claims 5-7) ingested through the CLI once for the module."""
    folder = tmp_path_factory.mktemp("corrections")
    path = folder / "desk.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("VERIFIER_SOURCES", raising=False)
        _ingest(folder, str(path))
    return checkpoint(path)


@pytest.fixture
def db(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    return copy_of(built, tmp_path / "desk.db")


def _json(*args: str) -> object:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def _claim(db: str, claim_id: int) -> dict[str, object]:
    found = _json("claims", "show", str(claim_id), "--db", db)
    assert isinstance(found, dict)
    return found


def _count(db: str, model: type) -> int:
    with open_database(db) as database, database.session_scope(write=False) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _actions(db: str) -> list[tuple[str, str, str]]:
    with open_database(db) as database, database.session_scope(write=False) as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.target).order_by(AuditEntry.id))]


# --- claims correct ------------------------------------------------------------------------


def test_correct_relabels_a_sentence_and_keeps_its_history(db: str) -> None:
    claim = claim_id(db, "repairs would cost")
    code, out, err = run("claims", "correct", str(claim), "--certainty", "probable",
                         "--sourcing", "unnamed_official:A senior council official",
                         "--by", "Ana", "--evidence", "The official only estimated the cost.",
                         "--db", db)
    assert code == 0, err
    assert out.startswith(f"claim {claim} corrected (correction 1): claim, probable, "
                          "unnamed_official (A senior council official)")
    shown = _claim(db, claim)
    assert shown["certainty"] == "probable" and shown["claim_rule"] == "correction:1"
    attributions = shown["attributions"]
    assert isinstance(attributions, list)
    assert [(a["kind"], a["source"]["text"]) for a in attributions] == [
        ("unnamed_official", "A senior council official")]
    # labels not given stay: only the certainty moves, the sourcing is kept
    code, out, err = run("claims", "correct", str(claim), "--certainty", "possible",
                         "--by", "Ana", "--evidence", "could, not would", "--db", db)
    assert code == 0, err
    shown = _claim(db, claim)
    assert shown["certainty"] == "possible"
    assert [a["kind"] for a in shown["attributions"]] == ["unnamed_official"]  # type: ignore[union-attr]
    assert _count(db, Correction) == 2  # appended, never edited
    history = shown["corrections"]
    assert isinstance(history, list)
    assert [(c["certainty"], c["note"]) for c in history] == [
        ("probable", "The official only estimated the cost."), ("possible", "could, not would")]
    code, out, err = run("claims", "show", str(claim), "--db", db)
    assert code == 0, err
    assert "Corrections (the latest counts):" in out and "evidence: could, not would" in out
    assert _actions(db)[-2:] == [("Ana", "correct", f"claim {claim}")] * 2


def test_correct_not_a_claim_and_back(db: str) -> None:
    claim = claim_id(db, "Harbour bridge to close for repairs")
    code, out, err = run("claims", "correct", str(claim), "--not-claim", "--by", "Ana",
                         "--evidence", "a headline", "--db", db)
    assert code == 0, err
    assert "not a claim" in out and _claim(db, claim)["claim"] is False
    code, _, err = run("claims", "correct", str(claim), "--not-claim", "--certainty",
                       "certain", "--by", "Ana", "--evidence", "e", "--db", db)
    assert code == 2 and "no certainty or sourcing" in err
    code, out, err = run("claims", "correct", str(claim), "--claim", "--certainty", "certain",
                         "--clear-sourcing", "--by", "Ana", "--evidence", "it is one",
                         "--db", db)
    assert code == 0, err
    assert out.rstrip().endswith("claim, certain, unattributed")


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["--sourcing", "rumour:a tipster"], 2, "--sourcing: unknown kind 'rumour'"),
        (["--certainty", "sure"], 2, "--certainty: unknown 'sure'"),
        ([], 2, "nothing to change: claim"),
        (["--sourcing", "named:Ana", "--clear-sourcing"], 2, "not both"),
    ],
)
def test_correct_refuses_with_one_line(db: str, args: list[str], exit_code: int,
                                       message: str) -> None:
    claim = claim_id(db, "repairs would cost")
    code, _, err = run("claims", "correct", str(claim), *args, "--by", "Ana",
                       "--evidence", "e", "--db", db)
    assert code == exit_code and message in err and len(err.strip().splitlines()) == 1
    assert _count(db, Correction) == 0


def test_correct_needs_a_known_id_a_name_and_evidence(db: str) -> None:
    code, _, err = run("claims", "correct", "999", "--not-claim", "--by", "Ana",
                       "--evidence", "e", "--db", db)
    assert code == 6 and "no claim with id 999" in err
    code, _, err = run("claims", "correct", "1", "--not-claim", "--evidence", "e", "--db", db)
    assert code == 2 and "--by" in err
    code, _, err = run("claims", "correct", "1", "--not-claim", "--by", "Ana", "--db", db)
    assert code == 2 and "--evidence" in err
    assert _count(db, Correction) == 0


def test_correct_moves_track_records_and_rescores_the_story(db: str) -> None:
    claim = claim_id(db, "repairs would cost")
    code, _, err = run("claims", "mark", str(claim), "confirmed", "--evidence", "budget",
                       "--by", "Ana", "--db", db)
    assert code == 0, err
    with open_database(db) as database, database.session_scope(write=False) as session:
        before = verdict_counts(session)
    code, _, err = run("claims", "correct", str(claim), "--sourcing",
                       "named:The Tolsen Ferry Guild", "--by", "Ana", "--evidence",
                       "the guild said it", "--db", db)
    assert code == 0, err
    with open_database(db) as database, database.session_scope(write=False) as session:
        after = verdict_counts(session)
        stale = session.scalar(select(func.count()).select_from(Story)
                               .where(Story.score.is_(None)))
    assert after != before  # the confirmed claim now counts for the guild
    assert stale == 0  # its story was rescored by the command
    story = _json("stories", "show", str(_claim(db, claim)["stories"][0]),  # type: ignore[index]
                  "--db", db)
    assert "named" in json.dumps(story)


# --- articles set --------------------------------------------------------------------------


def test_undated_articles_have_no_story_dates(db: str) -> None:
    """An undated article's date is unknown: a date filter leaves out its claims and its
    stories alike (its stories once counted it as published when it was ingested)."""
    today = datetime.now(UTC).date().isoformat()
    assert _json("claims", "list", "--db", db, "--status", "any", "--since", today) == []
    assert _json("stories", "list", "--db", db, "--since", today) == []
    undated = _claim(db, claim_id(db, "a council engineer said"))["stories"]
    code, out, err = run("stories", "show", str(undated[0]), "--db", db)  # type: ignore[index]
    assert code == 0, err
    assert "Publication date unknown for every article" in out and "date unknown" in out


def test_articles_set_corrects_outlet_and_date(db: str) -> None:
    claim = claim_id(db, "a council engineer said")
    article = int(_claim(db, claim)["article_id"])  # type: ignore[call-overload]
    code, out, err = run("articles", "set", str(article), "--outlet", "reuters",
                         "--published", "2026-05-06", "--by", "Ana", "--db", db)
    assert code == 0, err
    assert out.startswith(f"article {article} updated: ")
    assert "published unknown -> 2026-05-06" in out and "outlet - -> Reuters" in out
    detail = _json("articles", "show", str(article), "--db", db)
    assert isinstance(detail, dict) and detail["outlet"] == "Reuters"
    assert detail["published_at"].startswith("2026-05-06")
    claims = _json("claims", "list", "--db", db, "--status", "any", "--since", "2026-05-05")
    stories = _json("stories", "list", "--db", db, "--since", "2026-05-05")
    assert isinstance(claims, list) and isinstance(stories, list)
    assert {c["story"] for c in claims} == {s["id"] for s in stories} != set()
    assert all(s["last_seen"].startswith("2026-05-06") for s in stories)
    assert ("Ana", "article-edit", f"article {article}") in _actions(db)
    # the same values again change nothing, and say so
    code, out, _ = run("articles", "set", str(article), "--outlet", "Reuters", "--by", "Ana",
                       "--db", db)
    assert code == 0 and "unchanged" in out
    # a date can be taken back: unknown again
    code, out, err = run("articles", "set", str(article), "--published", "unknown",
                         "--by", "Ana", "--db", db)
    assert code == 0 and "published 2026-05-06 -> unknown" in out, err
    assert _json("stories", "list", "--db", db, "--since", "2026-05-05") == []


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["1", "--by", "Ana"], 2, "nothing to change"),
        (["1", "--published", "2026-13-01", "--by", "Ana"], 2, "is not a date"),
        (["1", "--published", "2026-05-01"], 2, "--by"),
        (["99", "--published", "2026-05-01", "--by", "Ana"], 6, "no article with id 99"),
        (["1", "--outlet", "Gazette of Nowhere", "--by", "Ana"], 2, "unknown outlet"),
    ],
)
def test_articles_set_refuses_with_one_line(db: str, args: list[str], exit_code: int,
                                            message: str) -> None:
    code, _, err = run("articles", "set", *args, "--db", db)
    assert code == exit_code and message in err and len(err.strip().splitlines()) == 1


def test_ingesting_a_stored_text_with_an_outlet_says_it_is_kept(db: str, tmp_path: Path
                                                                ) -> None:
    again = tmp_path / "again.txt"
    again.write_text(UNDATED, encoding="utf-8")
    code, _, err = run("ingest", str(again), "--outlet", "reuters", "--db", db)
    assert code == 0
    assert "1 already stored text keeps its outlet and date" in err
    assert "verifier articles set ID" in err


# --- migration 0016 ------------------------------------------------------------------------


@pytest.mark.usefixtures("real_migrations")
def test_migration_0016_redates_stories_from_publication_dates(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    fresh = str(tmp_path / "fresh.db")
    _ingest(tmp_path, fresh)

    def dates(url: str) -> list[tuple[int, object, object]]:
        with open_database(url) as database, database.session_scope(write=False) as session:
            return [(i, f.date() if f else None, last.date() if last else None)
                    for i, f, last in session.execute(
                        select(Story.id, Story.first_seen, Story.last_seen).order_by(Story.id))]

    expected = dates(fresh)
    assert any(f is None for _, f, _ in expected) and any(f for _, f, _ in expected)
    folder = tmp_path / "old"
    folder.mkdir()
    _ingest(folder, db_url)
    with open_database(db_url) as database:
        with database.session_scope() as session:  # dated as the older code dated them
            session.execute(update(Story).where(Story.first_seen.is_(None)).values(
                first_seen=datetime(2026, 12, 6, tzinfo=UTC),
                last_seen=datetime(2026, 12, 6, tzinfo=UTC)))
        dbmod.downgrade(database, "0015")
        dbmod.upgrade(database)
    assert dates(db_url) == expected
