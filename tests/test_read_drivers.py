"""Each backend's quick reads go through a driver of its own (the stdlib's sqlite3 on
SQLite, psycopg on PostgreSQL) and answer exactly as the same SQL through SQLAlchemy."""

from __future__ import annotations

import contextlib
import io

import pytest

from verifier import demo
from verifier.store.reading import PostgresRows, SqliteRows, _pyformat, open_reader


def test_named_parameters_become_psycopgs_and_casts_and_percents_survive() -> None:
    sql = ("SELECT id::text FROM claims WHERE text LIKE '%' || :words || '%' "
           "AND id IN (:id_0, :id_1) AND at > :since")
    assert _pyformat(sql) == (
        "SELECT id::text FROM claims WHERE text LIKE '%%' || %(words)s || '%%' "
        "AND id IN (%(id_0)s, %(id_1)s) AND at > %(since)s")


def test_the_quick_reads_answer_like_sqlalchemy_on_either_backend(db_url: str) -> None:
    from verifier.report.model import build_report
    from verifier.scoring.weights import load_weights
    from verifier.store.claims import get_claim, list_claims
    from verifier.store.database import open_database
    from verifier.store.queue_sql import ClaimFilter
    from verifier.store.reading import SessionRows
    from verifier.store.source_reads import source_stats
    from verifier.store.stories import StoryQuery, story_page
    from verifier.stories.view import get_story

    with contextlib.redirect_stdout(io.StringIO()):
        stories = demo.run(db_url)
    weights = load_weights()
    with open_reader(db_url) as fast:
        assert isinstance(fast, SqliteRows if db_url.startswith("sqlite") else PostgresRows)
        with open_database(db_url) as database, database.session_scope(write=False) as session:
            slow = SessionRows(session)
            for story_id in (stories.ban, stories.kim):
                assert get_story(fast, story_id, weights) == get_story(slow, story_id, weights)
                assert (build_report(fast, weights, story_id=story_id).to_dict()["stories"]
                        == build_report(slow, weights, story_id=story_id).to_dict()["stories"])
            for claim_id in (1, 5, 9):
                assert get_claim(fast, claim_id) == get_claim(slow, claim_id)
            assert source_stats(fast, "yonhap") == source_stats(slow, "yonhap")
            for query in (StoryQuery(min_claims=1, sort="status"), StoryQuery(sort="date")):
                assert story_page(fast, query) == story_page(slow, query)
            for search in (None, "Pyongyang", "visit 100%"):
                claims = ClaimFilter(status="any", search=search, limit=50)
                assert list_claims(fast, claims) == list_claims(slow, claims)


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://nobody@127.0.0.1:1/none",  # no server there
    "postgresql+psycopg://nobody@127.0.0.1/none?no_such_libpq_option=1",
])
def test_a_postgresql_database_psycopg_cannot_open_is_left_to_sqlalchemy(url: str) -> None:
    from verifier.store.reading import open_postgres, postgres_conninfo

    conninfo = postgres_conninfo(url)
    assert conninfo is not None and conninfo.startswith("postgresql://nobody@")
    with open_postgres(conninfo) as rows:
        assert rows is None
