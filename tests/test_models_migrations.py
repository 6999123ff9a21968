"""The migrations are the schema's truth: they must build exactly the models, round-trip, and
add full-text search and the append-only guard on verdicts."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import SAMPLE_TEXT, sample_analysis
from verifier.registry import Registry
from verifier.store import ClaimFilter, add_verdict, list_claims, save_article
from verifier.store import database as dbmod
from verifier.store.models import Base, Claim, Verdict

pytestmark = pytest.mark.usefixtures("real_migrations")


def test_code_knows_the_newest_migration() -> None:
    scripts = ScriptDirectory.from_config(dbmod.alembic_config())
    assert scripts.get_heads() == [dbmod.SCHEMA_REVISION]


def test_migrations_ship_inside_the_package() -> None:
    path = dbmod.migrations_path()
    assert (path / "env.py").is_file()
    assert (path / "script.py.mako").is_file()
    assert any(path.glob("versions/v*.py"))


def test_upgrade_head_builds_exactly_the_models(db_url: str) -> None:
    with dbmod.open_database(db_url) as database, database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": dbmod.include_object, "compare_type": True},
        )
        assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert {"sources", "articles", "claims", "attributions", "verdicts", "stories"} <= tables


def test_downgrade_and_upgrade_round_trip_with_data(db_url: str, registry: Registry) -> None:
    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            article_id = save_article(session, sample_analysis(), registry=registry)
            claim_id = session.scalar(select(Claim.id).where(Claim.article_id == article_id))
            assert claim_id is not None
            add_verdict(session, claim_id=claim_id, status="confirmed", evidence="e", reviewer="r")
        dbmod.downgrade(database, "base")
        assert database.revision() is None
        with database.engine.connect() as connection:
            left = set(inspect(connection).get_table_names()) - {"alembic_version"}
        assert left == set()
        dbmod.upgrade(database)
        assert database.revision() == dbmod.SCHEMA_REVISION
        with database.session_scope() as session:
            assert save_article(session, sample_analysis(), registry=registry) is not None
            found = list_claims(session, ClaimFilter(search="delayed"))
        assert [row.text for row in found] == ["Yonhap reported that the meeting could be delayed."]


def test_upgrading_from_0002_keeps_rows_ids_references_and_search(
    db_url: str, registry: Registry
) -> None:
    """0003 rebuilds ``claims`` on SQLite: nothing stored may change or dangle."""
    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            article_id = save_article(session, sample_analysis(), registry=registry)
            claim_id = session.scalar(select(Claim.id).where(Claim.position == 3))
            assert claim_id is not None
            add_verdict(session, claim_id=claim_id, status="refuted", evidence="e", reviewer="r")
        dump = "SELECT * FROM {} ORDER BY id"
        tables = ("claims", "attributions", "verdicts")
        with database.engine.connect() as connection:
            before = {t: connection.execute(text(dump.format(t))).all() for t in tables}
        dbmod.downgrade(database, "0002")
        dbmod.upgrade(database)
        with database.engine.connect() as connection:
            after = {t: connection.execute(text(dump.format(t))).all() for t in tables}
            if database.is_sqlite:
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                connection.exec_driver_sql(
                    "INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)"
                )
        assert after == before
        with database.session_scope() as session:
            found = list_claims(session, ClaimFilter(search="delayed", status="refuted"))
            assert [(r.article_id, r.id) for r in found] == [(article_id, claim_id)]
            session.execute(text("UPDATE claims SET text = 'Rewritten' WHERE id = :c"),
                            {"c": claim_id})  # the index triggers came back with the table
            assert list_claims(session, ClaimFilter(search="delayed", status="any")) == []
            assert len(list_claims(session, ClaimFilter(search="rewritten", status="any"))) == 1
        with pytest.raises(DBAPIError, match=r"(?i)check"), database.engine.begin() as conn:
            conn.execute(text("UPDATE claims SET status = 'maybe'"))


def test_verdicts_are_append_only(db_url: str, registry: Registry) -> None:
    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            article_id = save_article(session, sample_analysis(), registry=registry)
            claim_id = session.scalar(select(Claim.id).where(Claim.article_id == article_id))
            assert claim_id is not None
            add_verdict(session, claim_id=claim_id, status="refuted", evidence="e", reviewer="r")
        for statement in ("UPDATE verdicts SET status = 'confirmed'", "DELETE FROM verdicts"):
            with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
                conn.execute(text(statement))
        with database.session_scope() as session:
            assert session.scalar(select(func.count()).select_from(Verdict)) == 1
            assert session.scalar(select(Verdict.status)) == "refuted"


def test_full_text_index_follows_claim_text(db_url: str, registry: Registry) -> None:
    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            first = save_article(session, sample_analysis(), registry=registry)
            second = save_article(session, sample_analysis(SAMPLE_TEXT + "\nMore."),
                                  registry=registry)
            session.execute(
                text("UPDATE claims SET text = 'Completely rewritten sentence' "
                     "WHERE position = 3 AND article_id = :a"), {"a": first}
            )
            rewritten = list_claims(session, ClaimFilter(search="rewritten"))
            assert [(r.article_id, r.position) for r in rewritten] == [(first, 3)]
            delayed = list_claims(session, ClaimFilter(search="delayed"))
            assert [(r.article_id, r.position) for r in delayed] == [(second, 3)]
            session.execute(text("DELETE FROM articles WHERE id = :a"), {"a": second})
            assert list_claims(session, ClaimFilter(search="delayed")) == []
            assert len(list_claims(session, ClaimFilter(search="ministry"))) == 2
        if database.is_sqlite:  # the external-content index matches the table exactly
            with database.engine.begin() as connection:
                connection.execute(
                    text("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
                )


def test_every_migration_file_is_in_the_wheels_package_data() -> None:
    """An installed wheel migrates only if each script under verifier/migrations ships."""
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["verifier"]
    package = root / "verifier"
    scripts = [
        p.relative_to(package).as_posix()
        for p in (package / "migrations").rglob("*")
        if p.is_file() and p.suffix in (".py", ".mako") and "__pycache__" not in p.parts
    ]
    assert "migrations/env.py" in scripts
    for script in scripts:
        assert any(fnmatch.fnmatch(script, pattern) for pattern in patterns), script


def test_0024_names_one_articles_anonymous_sources_as_every_page_names_the_article(
        db_url: str, registry: Registry) -> None:
    """An untitled article's record was 'of the article “velm_b.txt”' while every page says
    "(untitled) velm_b.txt", and a title with a slash was cut at it; stored anew, and a
    database made before upgraded, they read the same. Downgrade gives the older names back;
    a name edited since is left alone both ways."""
    from verifier.store.rows import ArticleMeta

    def named() -> dict[str, str]:
        with database.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT a.title, a.path, s.name FROM sources s JOIN articles a "
                "ON s.key = 'unnamed-via:unknown:' || substr(a.sha256, 1, 16)")).all()
        return {str(title or path): name for title, path, name in rows}

    def of(label: str) -> str:
        return f"unnamed sources of the article “{label}” (outlet unknown)"

    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            for number, meta in enumerate((
                    ArticleMeta(path="desk/in/velm_b.txt"),
                    ArticleMeta(title="Q1/Q2 results: the ferry", path="q.txt"),
                    ArticleMeta(title="Kept as edited", path="k.txt"))):
                save_article(session, sample_analysis(SAMPLE_TEXT + "\n" + "More. " * number),
                             meta, registry=registry)
        newest = {"desk/in/velm_b.txt": of("(untitled) velm_b.txt"),
                  "Q1/Q2 results: the ferry": of("Q1/Q2 results: the ferry"),
                  "Kept as edited": of("Kept as edited")}
        assert named() == newest
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE sources SET name = 'edited by hand' WHERE name = "
                                    ":name"), {"name": of("Kept as edited")})
        dbmod.downgrade(database, "0023")
        assert named() == {"desk/in/velm_b.txt": of("velm_b.txt"),
                           "Q1/Q2 results: the ferry": of("Q2 results: the ferry"),
                           "Kept as edited": "edited by hand"}
        dbmod.upgrade(database)
        assert named() == {**newest, "Kept as edited": "edited by hand"}
