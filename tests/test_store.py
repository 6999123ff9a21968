"""Storage functions on SQLite and PostgreSQL: saving, source resolution, the review queue,
verdicts and articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import SAMPLE_TEXT, sample_analysis
from verifier.errors import NotFoundError, UsageError
from verifier.registry import Registry, parse_registry
from verifier.store import (
    ArticleMeta,
    ClaimFilter,
    SourceResolver,
    add_verdict,
    flatten,
    get_article,
    get_claim,
    list_articles,
    list_claims,
    mark_claims,
    save_article,
    store_article,
    store_articles,
    sync_registry,
)
from verifier.store.claims import paragraph_around
from verifier.store.database import Database, open_database
from verifier.store.models import Article, Claim, Verdict
from verifier.store.models import Source as SourceRow


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    with open_database(db_url) as database:
        yield database


def _save(
    database: Database, registry: Registry, text: str = SAMPLE_TEXT, **meta: object
) -> int:
    outlet = registry.get(str(meta.pop("outlet"))) if "outlet" in meta else None
    with database.session_scope() as session:
        article_id = save_article(
            session,
            sample_analysis(text),
            ArticleMeta(outlet=outlet, **meta),  # type: ignore[arg-type]
            registry=registry,
        )
    assert article_id is not None
    return article_id


def _claim_id(database: Database, article_id: int, position: int) -> int:
    with database.session_scope(write=False) as session:
        found = session.scalar(
            select(Claim.id).where(Claim.article_id == article_id, Claim.position == position)
        )
    assert found is not None
    return found


def test_save_article_stores_every_sentence_and_attribution(
    database: Database, registry: Registry
) -> None:
    with database.session_scope() as session:
        resolver = SourceResolver(registry, sync_registry(session, registry))
        meta = ArticleMeta(title="Talks", outlet=registry.get("yonhap"), url="https://x.test/1")
        saved = store_article(session, sample_analysis(), meta, resolver)
    assert saved is not None
    assert (saved.sentences, saved.claims) == (7, 6)
    assert saved.kinds == {
        "unattributed": 1, "official": 1, "unnamed": 1, "media": 1, "named": 1, "declined": 1
    }
    with database.session_scope(write=False) as session:
        article = session.get(Article, saved.id)
        assert article is not None and article.outlet == "Yonhap News Agency"
        claims = session.scalars(
            select(Claim).where(Claim.article_id == saved.id).order_by(Claim.position)
        ).all()
        assert [c.position for c in claims] == list(range(7))
        for claim in claims:  # offsets point into the stored text
            assert article.text[claim.start : claim.end] == claim.text
            for a in claim.attributions:
                assert article.text[a.source_start : a.source_end] == a.source_text
        assert claims[2].certainty == "probable" and claims[2].certainty_cue == "is expected to"
        assert not claims[6].is_claim and claims[6].certainty is None


def test_the_sqlite_bulk_path_stores_what_the_generic_path_stores(
    tmp_path: Path, registry: Registry
) -> None:
    """SQLite stores analyses through ``sqlite_bulk``; flattened rows take the generic Core
    path. Both must write the same rows (ids, NULLs, booleans, times, the search index)."""
    when = datetime(2020, 5, 4, 3, 2, 1, 123456, tzinfo=UTC)
    texts = (SAMPLE_TEXT, SAMPLE_TEXT + "\nLater.", SAMPLE_TEXT + "\nAgain.")
    dumps = []
    for how in ("bulk", "flat"):
        with open_database(str(tmp_path / f"{how}.db")) as database:
            with database.session_scope() as session:
                resolver = SourceResolver(registry, sync_registry(session, registry))
                metas = [ArticleMeta(title="Talks", outlet=registry.get("koreatimes"),
                                     published=when, path=f"p{n}") for n in range(3)]
                analyses = [sample_analysis(text) for text in texts]
                items = [flatten(a) if how == "flat" else a for a in analyses]
                saved = store_articles(session, list(zip(items, metas, strict=True)), resolver,
                                       now=when)
            with database.engine.connect() as connection:
                dumps.append((saved, {
                    table: connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1").all()
                    for table in ("articles", "claims", "attributions", "sources")
                }, connection.exec_driver_sql(
                    "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'ministry' ORDER BY 1"
                ).all()))
    assert dumps[0] == dumps[1]
    saved, tables, found = dumps[0]
    assert [s.id for s in saved] == [1, 2, 3] and len(tables["claims"]) == 21
    assert len(found) == 6


def test_the_same_text_again_is_skipped_and_changes_nothing(
    database: Database, registry: Registry
) -> None:
    _save(database, registry, title="first")
    with database.session_scope() as session:
        assert save_article(session, sample_analysis(), ArticleMeta(title="again")) is None
    with database.session_scope(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1
        assert session.scalar(select(Article.title)) == "first"
        assert session.scalar(select(func.count()).select_from(Claim)) == 7


def test_attributions_resolve_to_registry_and_derived_sources(
    database: Database, registry: Registry
) -> None:
    article_id = _save(database, registry, outlet="koreatimes")
    with database.session_scope(write=False) as session:
        detail = {
            pos: get_claim(session, _claim_id(database, article_id, pos)).attributions[0]
            for pos in (1, 2, 3, 4, 5)
        }
        # "the foreign ministry" alone names no country: an organisation outside the registry,
        # this article's own (nothing in it names the ministry)
        assert detail[1].source_key.startswith("name:foreign ministry@")
        assert detail[1].source_kind == "organisation"
        assert detail[3].source_key == "yonhap" and detail[3].in_registry
        assert detail[5].source_key == "kr-unification-ministry" and detail[5].in_registry
        unnamed = detail[2]
        assert unnamed.source_key == "unnamed-via:koreatimes"
        assert unnamed.source_name == "unnamed sources via The Korea Times"
        assert unnamed.source_kind == "unnamed_via_outlet" and not unnamed.in_registry
        named = detail[4]
        assert named.source_key == "name:victor cha" and named.source_kind == "person"
        row = session.scalar(select(SourceRow).where(SourceRow.key == "name:victor cha"))
        assert row is not None
        assert (row.prior_confirmed, row.prior_refuted) == (1.0, 1.0)
        assert row.prior_note == "not in the registry: uniform prior"


def test_derived_sources_are_shared_between_articles(
    database: Database, registry: Registry
) -> None:
    _save(database, registry, outlet="yonhap")
    _save(database, registry, SAMPLE_TEXT + "\nA second edition.", outlet="yonhap")
    with database.session_scope(write=False) as session:
        keys = session.scalars(select(SourceRow.key).where(~SourceRow.in_registry)).all()
    # a named party and an outlet's anonymous sources are one row across articles; a
    # description nothing in its article resolves ("the foreign ministry") is each one's own
    assert sorted(k for k in keys if "@" not in k) == ["name:victor cha", "unnamed-via:yonhap"]
    described = [k for k in keys if "@" in k]
    assert len(described) == 2 and all(k.startswith("name:foreign ministry@") for k in described)


def test_sync_registry_updates_entries_and_retires_removed_ones(database: Database) -> None:
    def registry_of(*entries: tuple[str, str, float]) -> Registry:
        return parse_registry(
            {
                "sources": [
                    {
                        "id": sid,
                        "name": name,
                        "kind": "newspaper",
                        "prior": {"confirmed": prior, "refuted": 1, "note": "test"},
                    }
                    for sid, name, prior in entries
                ]
            },
            "test.yaml",
        )

    with database.session_scope() as session:
        first = sync_registry(session, registry_of(("a", "Paper A", 2), ("b", "Paper B", 3)))
    with database.session_scope() as session:
        second = sync_registry(session, registry_of(("a", "The Paper A", 5)))
        rows = {r.key: r for r in session.scalars(select(SourceRow))}
    assert second == {"a": first["a"]}
    assert rows["a"].name == "The Paper A" and rows["a"].prior_confirmed == 5
    assert rows["b"].in_registry is False
    with database.session_scope() as session:  # a retired entry that returns keeps its row
        third = sync_registry(session, registry_of(("a", "The Paper A", 5), ("b", "Paper B", 3)))
        back = session.scalars(select(SourceRow).where(SourceRow.key == "b")).one()
    assert third == first and back.in_registry is True and back.name == "Paper B"


def test_list_claims_filters(database: Database, registry: Registry) -> None:
    old = _save(database, registry, outlet="yonhap", published=datetime(2015, 11, 17, tzinfo=UTC))
    new = _save(
        database,
        registry,
        SAMPLE_TEXT + "\nA later paragraph.",
        outlet="koreatimes",
        published=datetime(2018, 3, 27, tzinfo=UTC),
    )
    with database.session_scope(write=False) as session:

        def positions(**options: object) -> list[tuple[int, int]]:
            rows = list_claims(session, ClaimFilter(**options))  # type: ignore[arg-type]
            return [(r.article_id, r.position) for r in rows]

        everything = positions(sort="oldest")
        assert everything == [(old, p) for p in range(6)] + [(new, p) for p in range(6)]
        assert positions() == everything[::-1]  # newest first by default
        assert positions(sourcing="media") == [(new, 3), (old, 3)]
        assert positions(sourcing="unattributed", sort="oldest") == [(old, 0), (new, 0)]
        assert positions(certainty="possible") == [(new, 3), (old, 3)]
        assert positions(outlet="yonhap", sourcing="declined") == [(old, 5)]
        assert positions(article=new, limit=2, sort="article") == [(new, 0), (new, 1)]
        assert all(a == old for a, _ in positions(until=date(2016, 1, 1)))
        assert all(a == new for a, _ in positions(since=date(2018, 3, 27)))
        assert positions(since=date(2018, 3, 28)) == []
        assert positions(search="government source") == [(new, 2), (old, 2)]
        assert positions(search="nothing-like-this") == []
        assert positions(sort="published", limit=2) == [(new, 0), (new, 1)]
        rows = list_claims(session, ClaimFilter(sourcing="unnamed", limit=1))
        assert rows[0].kinds == ("unnamed",) and rows[0].outlet == "The Korea Times"
        with pytest.raises(NotFoundError, match="no outlet"):
            list_claims(session, ClaimFilter(outlet="nosuchpaper"))
        for bad in ({"status": "true"}, {"sourcing": "gossip"}, {"sort": "random"},
                    {"limit": 0}, {"search": "  !! "}, {"certainty": "sure"}):
            with pytest.raises(UsageError):
                list_claims(session, ClaimFilter(**bad))  # type: ignore[arg-type]


def test_an_outlet_filter_lists_the_same_claims_whichever_way_sqlite_walks(
    tmp_path: Path, registry: Registry
) -> None:
    """A common outlet walks the queue's order and probes each claim's article; a rare one
    starts from the outlet's articles: both give the same page, and the common outlet's
    newest-first page needs no sort of all its claims."""
    from verifier.store.queue_sql import Outlet, list_sql
    from verifier.store.reading import SessionRows

    with open_database(f"sqlite:///{tmp_path / 'outlets.db'}") as database:
        for n, outlet in enumerate(("yonhap", "koreatimes", "yonhap", "reuters", "yonhap")):
            _save(database, registry, SAMPLE_TEXT + f"\nEdition {n}.", outlet=outlet,
                  published=datetime(2020, 1, 1 + n, tzinfo=UTC))
        with database.session_scope(write=False) as session:
            rows = SessionRows(session)
            yonhap = rows.all("SELECT id FROM sources WHERE key = 'yonhap'")[0][0]
            common, rare = Outlet(yonhap, 10, 10, 10**6), Outlet(yonhap, 1, 10**6, 10**6)
            assert common.common(50) and not rare.common(50)

            def page(outlet: Outlet, **options: object) -> list[int]:
                sql, params = list_sql(ClaimFilter(**options), "sqlite",  # type: ignore[arg-type]
                                       outlet)
                return [row[0] for row in rows.all(sql, params)]

            for sort in ("newest", "oldest", "published", "article"):
                for options in ({}, {"offset": 4, "limit": 5}, {"sourcing": "unnamed"},
                                {"certainty": "possible"}, {"search": "ministry"},
                                {"status": "any", "since": date(2020, 1, 2)}):
                    found = page(rare, sort=sort, **options)
                    assert found == page(common, sort=sort, **options), (sort, options)
                    assert found or "search" in options or "since" in options
            assert len(page(common, status="any", limit=1000)) == 3 * 6
            sql, params = list_sql(ClaimFilter(), "sqlite", common)
            plan = " ".join(str(r[-1]) for r in rows.all("EXPLAIN QUERY PLAN " + sql, params))
            assert "TEMP B-TREE" not in plan and "ix_articles_outlet_id" not in plan, plan


def test_marking_appends_history_and_moves_claims_out_of_the_queue(
    database: Database, registry: Registry
) -> None:
    article_id = _save(database, registry)
    first, second = _claim_id(database, article_id, 1), _claim_id(database, article_id, 2)
    with database.session_scope() as session:
        mark_claims(session, [first, second], "confirmed", evidence="Ministry transcript",
                    reviewer="A. Reviewer", url="https://x.test/t")
    with database.session_scope() as session:
        mark_claims(session, [first], "disputed", evidence="Later denial", reviewer="B",
                    note="re-opened")
    with database.session_scope(write=False) as session:
        queue = {row.id for row in list_claims(session, ClaimFilter())}
        assert first not in queue and second not in queue
        disputed = list_claims(session, ClaimFilter(status="disputed"))
        assert [row.id for row in disputed] == [first]
        detail = get_claim(session, first)
        assert detail.row.status == "disputed"
        assert [(v.status, v.reviewer) for v in detail.verdicts] == [
            ("confirmed", "A. Reviewer"), ("disputed", "B")
        ]
        assert detail.verdicts[0].url == "https://x.test/t"
        assert detail.verdicts[1].note == "re-opened"


@pytest.mark.parametrize(
    ("ids", "status", "evidence", "reviewer", "error"),
    [
        ([1, 999], "confirmed", "e", "r", NotFoundError),
        ([1], "true", "e", "r", UsageError),
        ([1], "unverified", "e", "r", UsageError),
        ([1], "refuted", "  ", "r", UsageError),
        ([1], "refuted", "e", "", UsageError),
        ([], "refuted", "e", "r", UsageError),
    ],
)
def test_bad_marks_write_nothing(
    database: Database,
    registry: Registry,
    ids: list[int],
    status: str,
    evidence: str,
    reviewer: str,
    error: type[Exception],
) -> None:
    article_id = _save(database, registry)
    real = _claim_id(database, article_id, 1)
    ids = [real if i == 1 else i for i in ids]
    with pytest.raises(error), database.session_scope() as session:
        mark_claims(session, ids, status, evidence=evidence, reviewer=reviewer)
    with database.session_scope(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Verdict)) == 0
        assert session.scalar(select(Claim.status).where(Claim.id == real)) == "unverified"


def test_add_verdict_records_the_score_and_needs_a_target(
    database: Database, registry: Registry
) -> None:
    claim = _claim_id(database, _save(database, registry), 3)
    with database.session_scope() as session:
        verdict_id = add_verdict(session, claim_id=claim, status="refuted", evidence="e",
                                 reviewer="r", score=0.25)
        with pytest.raises(UsageError):
            add_verdict(session, status="refuted", evidence="e", reviewer="r")
        with pytest.raises(NotFoundError):
            add_verdict(session, story_id=12345, status="refuted", evidence="e", reviewer="r")
    with database.session_scope(write=False) as session:
        verdict = session.get(Verdict, verdict_id)
        assert verdict is not None and verdict.score == 0.25
        assert verdict.created_at.tzinfo is not None


def test_get_claim_gives_the_paragraph_and_evidence(
    database: Database, registry: Registry
) -> None:
    claim = _claim_id(database, _save(database, registry), 4)
    with database.session_scope(write=False) as session:
        detail = get_claim(session, claim)
        with pytest.raises(NotFoundError):
            get_claim(session, claim + 1000)
    assert detail.paragraph.text.startswith("Yonhap reported")
    assert detail.paragraph.text.endswith("declined to comment.")
    assert SAMPLE_TEXT[detail.paragraph.start : detail.paragraph.end] == detail.paragraph.text
    assert detail.attributions[0].source.text == "Victor Cha"
    data = detail.to_dict()
    assert data["attributions"][0]["resolved_source"]["key"] == "name:victor cha"
    assert data["sourcing"] == ["named"] and data["verdicts"] == []


def test_paragraph_around_edges() -> None:
    assert paragraph_around("one line", 0, 3).text == "one line"
    assert paragraph_around("a\nbb\ncc", 2, 4).text == "bb"
    assert paragraph_around("a\nbb", 2, 4).text == "bb"


def test_articles_list_and_show(database: Database, registry: Registry) -> None:
    first = _save(database, registry, outlet="yonhap", title="One", byline="Kim")
    second = _save(database, registry, SAMPLE_TEXT + "\nMore.", title="Two")
    with database.session_scope() as session:
        mark_claims(session, [_claim_id(database, first, 1)], "confirmed", evidence="e",
                    reviewer="r")
    with database.session_scope(write=False) as session:
        listed = list_articles(session)
        assert [a.id for a in listed] == [second, first]
        assert (listed[1].claims, listed[1].unverified) == (6, 5)
        assert [a.id for a in list_articles(session, outlet="yonhap")] == [first]
        detail = get_article(session, first)
        assert detail.byline == "Kim" and detail.outlet_key == "yonhap"
        assert detail.statuses == {"confirmed": 1, "unverified": 5}
        assert detail.kinds["unattributed"] == 1 and detail.sentences == 7
        assert detail.to_dict()["claims_by_sourcing"]["media"] == 1
        with pytest.raises(NotFoundError):
            get_article(session, 999)


def test_sort_by_publication_puts_undated_articles_last(
    database: Database, registry: Registry
) -> None:
    undated = _save(database, registry)
    dated = _save(database, registry, SAMPLE_TEXT + "\nDated.",
                  published=datetime(2018, 3, 27, tzinfo=UTC))
    with database.session_scope(write=False) as session:
        rows = list_claims(session, ClaimFilter(sort="published", limit=100))
    assert [r.article_id for r in rows] == [dated] * 6 + [undated] * 6
    assert [r.position for r in rows[:6]] == list(range(6))
