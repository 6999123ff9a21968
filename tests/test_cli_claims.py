"""``verifier claims list|show|mark`` and ``verifier articles list|show`` through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli_helpers import run
from tests.conftest import SAMPLE_TEXT, sample_analysis
from tests.db_files import checkpoint, copy_of
from verifier.ingest.readers import parse_published
from verifier.registry import Registry
from verifier.store import ArticleMeta, save_article
from verifier.store.database import open_database
from verifier.store.models import Claim, Verdict

pytestmark = pytest.mark.usefixtures("wide_console")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Path:
    """A database with two articles of hand-labelled claims (ids 1-7 and 8-14), stored once
    for the module (the ``db`` fixture gives each test a copy)."""

    path = tmp_path_factory.mktemp("claims") / "review.db"
    with open_database(str(path)) as database, database.session_scope() as session:
        for text, outlet, published in (
            (SAMPLE_TEXT, "yonhap", "2015-11-17"),
            (SAMPLE_TEXT + "\nLater.", "koreatimes", "2018-03-27"),
        ):
            meta = ArticleMeta(
                title=f"Talks ({outlet})",
                outlet=registry.get(outlet),
                published=parse_published(published, "test"),
            )
            save_article(session, sample_analysis(text), meta, registry=registry)
    return checkpoint(path)


@pytest.fixture
def db(built: Path, tmp_path: Path) -> str:
    return copy_of(built, tmp_path / "review.db")


def _verdicts(db: str) -> int:
    with open_database(db) as database, database.session_scope(write=False) as session:
        return session.scalar(select(func.count()).select_from(Verdict)) or 0


def test_list_defaults_to_unverified_newest_first(db: str) -> None:
    code, out, _ = run("claims", "list", "--db", db, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [13, 12, 11, 10, 9, 8, 6, 5, 4, 3, 2, 1]
    assert rows[0]["sourcing"] == ["declined"] and rows[-1]["sourcing"] == ["unattributed"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--sourcing", "unnamed"], [10, 3]),
        (["--sourcing", "unattributed", "--sort", "oldest"], [1, 8]),
        (["--certainty", "possible", "--outlet", "yonhap"], [4]),
        (["--article", "2", "--limit", "2", "--sort", "article"], [8, 9]),
        (["--since", "2018-01-01", "--sourcing", "media"], [11]),
        (["--until", "2016-01-01", "--sourcing", "media"], [4]),
        (["--search", "Victor Cha"], [12, 5]),
        (["--status", "confirmed"], []),
    ],
)
def test_list_filters(db: str, args: list[str], ids: list[int]) -> None:
    code, out, _ = run("claims", "list", "--db", db, "--json", *args)
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ids


def test_list_table_and_csv(db: str) -> None:
    code, out, _ = run("claims", "list", "--db", db, "--sourcing", "media")
    assert code == 0 and "2 unverified claims" in out and "Yonhap reported" in out
    code, out, _ = run("claims", "list", "--db", db, "--csv", "--sourcing", "named")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["12", "5"]
    assert rows[0]["sourcing"] == "named" and rows[0]["text"].startswith("Victor Cha")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--status", "true"], 2, "unknown status 'true'"),
        (["--sourcing", "rumour"], 2, "unknown sourcing"),
        (["--outlet", "daily-planet"], 2, "no outlet 'daily-planet' in the database"),
        (["--since", "last week"], 2, "not a date"),
        (["--json", "--csv"], 2, "choose one"),
    ],
)
def test_list_bad_input(db: str, args: list[str], code: int, message: str) -> None:
    exit_code, _, err = run("claims", "list", "--db", db, *args)
    assert exit_code == code and message in err
    assert err.startswith("verifier: error:") and err.count("\n") == 1


def test_show_paragraph_sources_and_history(db: str) -> None:
    assert run("claims", "mark", "3", "refuted", "--evidence", "Ministry denial",
               "--by", "A. Reviewer", "--db", db)[0] == 0
    code, out, _ = run("claims", "show", "3", "--db", db)
    assert code == 0
    assert "A senior official is expected to attend" in " ".join(out.split())
    assert "unnamed sources via" in out and "unnamed-via:yonhap" in out
    assert "Ministry denial" in out and "A. Reviewer" in out and "refuted" in out
    code, out, _ = run("claims", "show", "3", "--db", db, "--json")
    data = json.loads(out)
    assert data["certainty_evidence"]["cue"]["text"] == "is expected to"
    assert data["attributions"][0]["resolved_source"]["key"] == "unnamed-via:yonhap"
    assert [v["status"] for v in data["verdicts"]] == ["refuted"]
    assert data["paragraph"]["text"].startswith("The foreign ministry said")


def test_mark_appends_and_updates_status_together(db: str) -> None:
    code, out, _ = run("claims", "mark", "2", "4", "confirmed", "--evidence", "Transcript",
                       "--url", "https://x.test/t", "--note", "checked twice", "--by", "B",
                       "--db", db)
    assert code == 0 and "Marked 2 claims confirmed: 2, 4" in out
    code, out, _ = run("claims", "mark", "2", "disputed", "--evidence", "New footage",
                       "--by", "C", "--db", db)
    assert code == 0
    code, out, _ = run("claims", "list", "--db", db, "--status", "any", "--json",
                       "--article", "1", "--sort", "article")
    statuses = {r["id"]: r["status"] for r in json.loads(out)}
    assert statuses[2] == "disputed" and statuses[4] == "confirmed" and statuses[3] == "unverified"
    history = json.loads(run("claims", "show", "2", "--db", db, "--json")[1])["verdicts"]
    assert [(v["status"], v["reviewer"]) for v in history] == [("confirmed", "B"),
                                                               ("disputed", "C")]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["2", "999", "refuted", "--evidence", "e", "--by", "r"], 6, "no claim with id 999"),
        (["2", "true", "--evidence", "e", "--by", "r"], 2, "unknown status 'true'"),
        (["2", "refuted", "--by", "r"], 2, "needs evidence"),
        (["2", "refuted", "--evidence", " ", "--by", "r"], 2, "needs evidence"),
        (["2", "refuted", "--evidence", "e"], 2, "reviewer"),
        (["x", "refuted", "--evidence", "e", "--by", "r"], 2, ""),
    ],
)
def test_bad_marks_change_nothing(db: str, args: list[str], code: int, message: str) -> None:
    exit_code, _, err = run("claims", "mark", *args, "--db", db)
    assert exit_code == code and message in err
    assert _verdicts(db) == 0
    with open_database(db) as database, database.session_scope(write=False) as session:
        assert set(session.scalars(select(Claim.status))) == {"unverified"}


def test_unknown_ids_and_missing_or_bad_databases(db: str, tmp_path: Path) -> None:
    assert run("claims", "show", "999", "--db", db)[0] == 6
    missing = tmp_path / "missing.db"
    code, _, err = run("claims", "list", "--db", str(missing))
    assert code == 5 and "no database at" in err and not missing.exists()
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 100)
    code, _, err = run("claims", "list", "--db", str(notes))
    assert code == 5 and "not a SQLite database" in err
    code, _, err = run("claims", "mark", "1", "refuted", "--evidence", "e", "--by", "r",
                       "--db", str(tmp_path / "nodir" / "x.db"))
    assert code == 5


def test_database_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_DB", db)
    code, out, _ = run("claims", "list", "--json", "--limit", "1")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [13]


def test_articles_list_and_show(db: str) -> None:
    code, out, _ = run("articles", "list", "--db", db, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["id"], r["outlet"], r["claims"]) for r in rows] == [
        (2, "The Korea Times", 6), (1, "Yonhap News Agency", 6)
    ]
    code, out, _ = run("articles", "list", "--db", db)
    assert code == 0 and "Talks (yonhap)" in out
    code, out, _ = run("articles", "show", "1", "--db", db)
    assert code == 0 and "Yonhap News Agency (yonhap)" in out and "Victor Cha" in out
    data = json.loads(run("articles", "show", "1", "--db", db, "--json")[1])
    assert data["claims_by_sourcing"]["declined"] == 1 and len(data["claims"]) == 6
    assert data["text"] == SAMPLE_TEXT
    code, _, err = run("articles", "show", "42", "--db", db)
    assert code == 6 and "no article with id 42" in err


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"sourcing": "unattributed"},
        {"status": "any", "sort": "published"},
        {"search": "talks resume", "sort": "oldest"},
        {"outlet": "koreatimes", "certainty": "probable"},
        {"since": "2015-11-17", "until": "2015-11-17"},
    ],
)
def test_the_sqlite_fast_path_answers_like_sqlalchemy(db: str, options: dict[str, str]) -> None:
    from datetime import date

    from verifier.store import list_claims
    from verifier.store.queue_sql import ClaimFilter
    from verifier.store.sqlite_read import list_claims_sqlite

    values: dict[str, object] = {
        k: date.fromisoformat(v) if k in ("since", "until") else v for k, v in options.items()
    }
    claim_filter = ClaimFilter(**values)  # type: ignore[arg-type]
    fast = list_claims_sqlite(Path(db), claim_filter)
    with open_database(db) as database, database.session_scope(write=False) as session:
        slow = list_claims(session, claim_filter)
    assert fast is not None and fast == slow and fast


def test_the_fast_path_steps_aside_for_a_database_to_migrate(db: str) -> None:
    from sqlalchemy import text

    from verifier.store.queue_sql import ClaimFilter
    from verifier.store.sqlite_read import list_claims_sqlite

    with open_database(db) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    assert list_claims_sqlite(Path(db), ClaimFilter()) is None
    code, _, err = run("claims", "list", "--db", db)
    assert code == 5 and "newer than this verifier" in err
