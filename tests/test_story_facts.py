"""What grouping reads of a stored story (its membership's fingerprint and its publication
span) is kept on the story row by triggers (migration 0017) and equals what its members
give, after ingest, a reviewer's merge, split and move, an article's new date and an
article's deletion; ``db rebuild`` counts it again and ``db verify`` checks it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from tests.test_ingest_grouping import write_articles
from verifier.cli import app
from verifier.ingest.pipeline import IngestDefaults, ingest_paths
from verifier.registry import Registry
from verifier.store import database as dbmod
from verifier.store import grouping as stored
from verifier.store.article_edits import delete_article, edit_article
from verifier.store.database import Database, open_database
from verifier.store.models import Article, Claim, Story, StoryClaim
from verifier.stories.store import merge_stories, move_claims, split_story


def counted_and_kept(database: Database) -> tuple[object, object]:
    """(fingerprints and spans counted from every story's members, the kept ones as
    grouping reads them)."""
    with database.session_scope() as session:
        ids = list(session.scalars(select(Story.id).order_by(Story.id)))
        counted = (stored.story_fingerprints(session, ids),
                   stored.publication_spans(session, [], ids))
        kept = stored.story_facts(session, ids)
    return counted, kept


def assert_kept(database: Database) -> None:
    counted, kept = counted_and_kept(database)
    assert kept == counted
    with database.session_scope(write=False) as session:
        assert stored.story_facts_disagreeing(session, 10) == []


@pytest.fixture
def database(db_url: str) -> Database:
    with open_database(db_url) as database:
        yield database  # type: ignore[misc]


def day(n: int) -> datetime:
    return datetime(2026, 3, n, 9, 30, tzinfo=UTC)


def test_kept_facts_follow_ingest_edits_and_deletions(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 12))
    write_articles(tmp_path / "b", range(12, 20))
    write_articles(tmp_path / "c", range(20, 26))
    ingest_paths(database, [tmp_path / "a"], registry)  # undated
    ingest_paths(database, [tmp_path / "b"], registry, defaults=IngestDefaults(published=day(3)))
    assert_kept(database)
    with database.session_scope() as session:
        articles = list(session.scalars(select(Article.id).order_by(Article.id)))
        for n, article_id in enumerate(articles[:6]):
            edit_article(session, article_id, registry, published_at=day(10 + n))
        edit_article(session, articles[13], registry, published_at=None)
        stale = session.scalar(select(Story.id).where(Story.span_stale.is_(True)).limit(1))
    assert stale is not None  # a date changed: those spans are worked out again when read
    assert_kept(database)
    ingest_paths(database, [tmp_path / "c"], registry, defaults=IngestDefaults(published=day(1)))
    assert_kept(database)
    with database.session_scope(write=False) as session:
        sizes = session.execute(
            select(StoryClaim.story_id, StoryClaim.claim_id).order_by(StoryClaim.story_id)
        ).all()
    members: dict[int, list[int]] = {}
    for story_id, claim_id in sizes:
        members.setdefault(story_id, []).append(claim_id)
    big, *rest = sorted(members, key=lambda s: (-len(members[s]), s))
    with database.session_scope() as session:
        new, _ = split_story(session, big, members[big][:2])
        move_claims(session, [members[big][2]], rest[-1])
        merge_stories(session, rest[0], [new, rest[1]])
    assert_kept(database)
    with database.session_scope() as session:
        delete_article(session, articles[1], reviewer="r", reason="ingested twice")
        claim = session.scalar(select(Claim.id).where(Claim.article_id == articles[2]).limit(1))
        session.execute(text("DELETE FROM claims WHERE id = :c"), {"c": claim})  # a cascade
    assert_kept(database)


def test_rebuild_counts_again_and_verify_finds_facts_written_around_the_triggers(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 10))
    with open_database(sqlite_url) as database:
        ingest_paths(database, [tmp_path / "a"], registry,
                     defaults=IngestDefaults(published=day(5)))
        with database.session_scope() as session:
            story = session.scalar(select(Story.id).order_by(Story.id).limit(1))
            session.execute(text("UPDATE stories SET member_count = 7, published_first = NULL "
                                 "WHERE id = :s"), {"s": story})
    runner = CliRunner()
    found = runner.invoke(app, ["db", "verify", "--db", sqlite_url])
    assert found.exit_code == 1 and f"story {story}" in found.output
    rebuilt = runner.invoke(app, ["db", "rebuild", "--db", sqlite_url])
    assert rebuilt.exit_code == 0, rebuilt.output
    with open_database(sqlite_url) as database:
        assert_kept(database)
    assert runner.invoke(app, ["db", "verify", "--db", sqlite_url]).exit_code == 0


@pytest.mark.usefixtures("real_migrations")
def test_upgrading_fills_the_kept_facts_in(
    db_url: str, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 10))
    with open_database(db_url) as database:
        ingest_paths(database, [tmp_path / "a"], registry,
                     defaults=IngestDefaults(published=day(5)))
        with database.session_scope() as session:
            first = session.scalar(select(Article.id).order_by(Article.id).limit(1))
            edit_article(session, first, registry, published_at=day(9))
        counted, _ = counted_and_kept(database)
        dbmod.downgrade(database, "0016")
        dbmod.upgrade(database)
        with database.session_scope(write=False) as session:
            assert session.scalar(select(Story.id).where(Story.span_stale.is_(True))) is None
        assert counted_and_kept(database) == (counted, counted)
