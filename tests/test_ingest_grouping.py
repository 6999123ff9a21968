"""Ingest keeps up: grouping from stored terms and frequencies, signatures stored once,
worker processes, several ingests into one database, and repair of ungrouped claims."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from verifier.cli import app
from verifier.ingest.pipeline import ingest_paths
from verifier.registry import Registry
from verifier.scoring.signatures import near_duplicate_groups, signature, similarity
from verifier.store import database as dbmod
from verifier.store.database import Database, open_database
from verifier.store.models import Article, Claim, Story, StoryClaim, StoryName, TermFrequency
from verifier.stories.store import merge_stories, move_claims, split_story
from verifier.stories.terms import names_of, pack, unpack, words
from verifier.stories.update import update_stories

SYLLABLES = ("vel", "mor", "cas", "trel", "dun", "hav", "orl", "iac", "pem", "ber")


def town(n: int) -> str:
    return (SYLLABLES[n % 10] + SYLLABLES[n // 10 % 10] + SYLLABLES[n // 100 % 10]).title()


def article_text(n: int) -> str:
    """An article of sentences written for these tests; two in a row report on one town."""
    town_name, river = town(n // 2), town(n // 2 + 500)
    return (
        f"Flood barriers open in {town_name}\n"
        f"Engineers in {town_name} opened the new flood barriers on the {river} River on "
        f"Monday, the city council said. The barriers cost {100 + n} million dollars, "
        f"according to Mayor Ilse Brandt. "
        f"Residents of {town_name} had waited {n % 5 + 2} years for the project, said a council "
        f"spokesman. Report number {n} of the series.\n"
    )


def write_articles(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"{n:04d}.txt").write_text(article_text(n), encoding="utf-8")


def _members(session: Session) -> dict[int, frozenset[tuple[str, int]]]:
    """Each story's members as (article digest, sentence position): comparable across runs."""
    rows = session.execute(
        select(StoryClaim.story_id, Article.sha256, Claim.position)
        .join(Claim, Claim.id == StoryClaim.claim_id)
        .join(Article, Article.id == Claim.article_id)
    ).all()
    stories: dict[int, set[tuple[str, int]]] = {}
    for story_id, digest, position in rows:
        stories.setdefault(story_id, set()).add((digest, position))
    return {story_id: frozenset(members) for story_id, members in stories.items()}


def partition(database: Database) -> set[frozenset[tuple[str, int]]]:
    """The stories as sets of (article digest, sentence position): comparable across runs."""
    with database.session_scope(write=False) as session:
        return set(_members(session).values())


def check_grouping_state(database: Database) -> None:
    """Every claim in exactly one story; stored terms, names and frequencies agree with the
    claims they were made from."""
    with database.session_scope(write=False) as session:
        claims = session.execute(
            select(Claim.id, Claim.article_id, Claim.text, Claim.terms)
            .where(Claim.is_claim.is_(True))
        ).all()
        held = Counter(session.scalars(select(StoryClaim.claim_id)))
        assert {c.id for c in claims} == set(held) and set(held.values()) == {1}
        for claim in claims:
            assert claim.terms == pack(words(claim.text))
        per_article: dict[int, set[str]] = {}
        for claim in claims:
            per_article.setdefault(claim.article_id, set()).update(
                t[2:] for t in unpack(claim.terms))
        expected = Counter(t for terms in per_article.values() for t in terms)
        expected[""] = len(per_article)
        stored = dict(session.execute(select(TermFrequency.term, TermFrequency.documents)).all())
        assert stored == dict(expected)
        terms_of = {c.id: unpack(c.terms) for c in claims}
        for story_id, packed in session.execute(select(Story.id, Story.terms)).all():
            members = session.scalars(
                select(StoryClaim.claim_id).where(StoryClaim.story_id == story_id)).all()
            total: Counter[str] = Counter()
            for claim_id in members:
                total.update(terms_of[claim_id])
            assert unpack(packed) == total
            names = set(session.scalars(
                select(StoryName.name).where(StoryName.story_id == story_id)))
            assert names == names_of(total)
    with database.session_scope() as session:  # the kept member facts (migration 0017)
        from verifier.store.grouping import story_facts_disagreeing

        assert story_facts_disagreeing(session, 10) == []


@pytest.fixture
def database(db_url: str) -> Database:
    with open_database(db_url) as database:
        yield database  # type: ignore[misc]


def test_ingest_stores_terms_frequencies_names_and_signatures(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 30))
    write_articles(tmp_path / "b", range(30, 60))
    ingest_paths(database, [tmp_path / "a"], registry)
    ingest_paths(database, [tmp_path / "b"], registry)
    check_grouping_state(database)
    with database.session_scope(write=False) as session:
        signatures = session.execute(select(Article.text, Article.signature)).all()
        spans = session.execute(
            select(StoryClaim.story_id, func.count(func.distinct(Claim.article_id)))
            .join(Claim, Claim.id == StoryClaim.claim_id).group_by(StoryClaim.story_id)
        ).all()
    assert all(sig == signature(text) for text, sig in signatures)
    assert max(articles for _, articles in spans) > 1  # one town's reports share a story


def test_corrections_keep_story_terms_current(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 14))
    ingest_paths(database, [tmp_path / "a"], registry)
    with database.session_scope(write=False) as session:
        sizes = session.execute(
            select(StoryClaim.story_id, func.count()).group_by(StoryClaim.story_id)
            .order_by(func.count().desc())
        ).all()
        big, other = sizes[0][0], sizes[-1][0]
        members = session.scalars(
            select(StoryClaim.claim_id).where(StoryClaim.story_id == big)).all()
    with database.session_scope() as session:
        new, _ = split_story(session, big, members[:2])
        move_claims(session, [members[2]], other)
        merge_stories(session, other, [new])
    check_grouping_state(database)


def scored_stories(database: Database) -> dict[frozenset[tuple[str, int]], tuple[Any, ...]]:
    """Each story's members (as ``partition``) with its stored summary columns."""
    with database.session_scope(write=False) as session:
        stories = _members(session)
        summaries = {row[0]: tuple(row[1:]) for row in session.execute(select(
            Story.id, Story.score, Story.evidence_status, Story.claims, Story.articles,
            Story.scored_with))}
    return {members: summaries[s] for s, members in stories.items()}


def test_jobs_give_the_same_articles_stories_and_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes analyse, look sources up and (in batches) score the stories; the
    result is what one process stores."""
    from verifier.ingest import pipeline
    from verifier.store import story_writes

    monkeypatch.setattr(pipeline, "RESCORE_BATCH", 7)  # several batches in the workers
    from_workers: list[int] = []
    save = story_writes.save_summaries

    def saving(session: Any, summaries: Any, versions: Any = None) -> None:
        if versions is not None:
            from_workers.append(len(summaries))
        save(session, summaries, versions)

    monkeypatch.setattr(story_writes, "save_summaries", saving)
    write_articles(tmp_path / "in", range(0, 100))  # three chunks
    runner = CliRunner()
    results = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db),
                                     "--jobs", jobs, "--json"])
        assert result.exit_code == 0, result.output
        with open_database(str(db)) as database:
            check_grouping_state(database)
            results[jobs] = scored_stories(database)
    assert results["1"] == results["2"]
    assert all(summary[0] is not None and summary[4] for summary in results["2"].values())
    assert len(from_workers) > 2 and sum(from_workers) == len(results["2"])


def test_summaries_worked_out_elsewhere_skip_stories_changed_since(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    from verifier.scoring.weights import load_weights
    from verifier.store.story_writes import mark_stale, save_summaries, story_versions
    from verifier.stories.evidence import EvidenceReader
    from verifier.stories.scores import summaries

    write_articles(tmp_path / "a", range(0, 14))
    ingest_paths(database, [tmp_path / "a"], registry)
    weights = load_weights()
    with database.session_scope() as session:
        ids = sorted(session.scalars(select(Story.id)))
        mark_stale(session, ids)  # every score void
    with database.session_scope(write=False) as session:
        versions = story_versions(session, ids)
        found = summaries(session, weights, ids, EvidenceReader(session, weights))
    with database.session_scope() as session:
        mark_stale(session, ids[:1])  # the first story changed since
        session.execute(update(Story).where(Story.id == ids[1]).values(updated_at=None))
    with database.session_scope() as session:
        versions[ids[2]] = None  # read as unset, but set now: changed
        save_summaries(session, found, versions)
    with database.session_scope(write=False) as session:
        scores = dict(session.execute(select(Story.id, Story.score)).all())
    assert scores[ids[0]] is None and scores[ids[2]] is None
    assert scores[ids[1]] is None  # read as set, unset now: changed
    assert all(scores[s] is not None for s in ids[3:]) and len(ids) > 3


def test_concurrent_ingests_store_each_article_once(db_url: str, tmp_path: Path) -> None:
    """Two ingest processes at once (one with worker processes), over folders that share
    articles, into one database: every article once, every claim in one story. The shared
    articles sort first in both folders, so the two processes meet on the same articles
    from their first (90 articles, 30 shared and read last by one of them, had taken up to
    the two-minute limit under load; these 28 race on 16 from the start)."""
    shared, own = range(0, 16), {"a": range(16, 22), "b": range(22, 28)}
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for n in shared:
            (tmp_path / folder / f"0-{n:04d}.txt").write_text(article_text(n), encoding="utf-8")
        for n in own[folder]:
            (tmp_path / folder / f"1-{n:04d}.txt").write_text(article_text(n), encoding="utf-8")
    with open_database(db_url):
        pass  # migrated before both start
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "verifier", "ingest", str(tmp_path / folder), "--db", db_url,
             *(["--jobs", "2"] if folder == "b" else [])],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for folder in ("a", "b")
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    with open_database(db_url) as database:
        with database.session_scope(write=False) as session:
            digests = session.scalars(select(Article.sha256)).all()
            texts = set(session.scalars(select(Article.text)))
        assert len(digests) == len(set(digests)) == 28
        assert texts == {article_text(n) for n in range(28)}
        check_grouping_state(database)


def test_the_next_ingest_groups_what_an_earlier_one_left(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 20))
    first = ingest_paths(database, [tmp_path / "a"], registry, group_stories=False)
    assert first.stored == 20 and first.regrouped == 0
    with database.session_scope(write=False) as session:
        assert session.scalar(select(func.count()).select_from(StoryClaim)) == 0
    again = ingest_paths(database, [tmp_path / "a"], registry)
    assert (again.stored, again.skipped, again.regrouped) == (0, 20, 20)
    check_grouping_state(database)


def test_upgrading_finds_and_groups_claims_no_story_holds(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    """A database from before revision 0007 with claims an interrupted ingest left out of
    stories: upgrading marks their articles, and ``stories group`` (or the next ingest)
    indexes the old stories and groups them."""
    write_articles(tmp_path / "a", range(0, 21))
    with open_database(sqlite_url) as database:
        ingest_paths(database, [tmp_path / "a"], registry)
        dbmod.downgrade(database, "0003")
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "DELETE FROM story_claims WHERE claim_id IN (SELECT id FROM claims "
                "WHERE article_id > 14)")
        dbmod.upgrade(database)
        with database.session_scope(write=False) as session:
            ungrouped = session.scalars(
                select(Article.id).where(Article.grouped.is_(False))).all()
        assert ungrouped == list(range(15, 22))
    result = CliRunner().invoke(app, ["stories", "group", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    with open_database(sqlite_url) as database:
        check_grouping_state(database)


def test_update_stories_without_ids_groups_only_ungrouped_articles(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 5))
    ingest_paths(database, [tmp_path / "a"], registry)
    with database.session_scope() as session:
        assert update_stories(session) == []


def test_signatures_estimate_similarity_and_find_copies() -> None:
    base = article_text(3) * 3
    copy = base.replace("Monday", "Monday morning", 1)
    other = article_text(4) + " A different closing line about harbour fees and ferries."
    one, two, three = signature(base), signature(copy), signature(other)
    assert one is not None and two is not None and three is not None
    assert len(one) == 512
    assert similarity(one, two) > 0.8 > similarity(one, three)
    assert near_duplicate_groups({5: two, 2: one, 9: three, 11: None}) == {
        5: 2, 2: 2, 9: 9, 11: 11}
    assert signature("") is None


def test_reading_corroboration_needs_no_numpy_or_scipy() -> None:
    code = (
        "import sys\n"
        "from verifier.stories.evidence import EvidenceReader\n"
        "from verifier.scoring.signatures import near_duplicate_groups\n"
        "sig = bytes(range(256)) * 2\n"
        "assert near_duplicate_groups({1: sig, 2: sig}) == {1: 1, 2: 1}\n"
        "bad = [m for m in ('numpy', 'scipy', 'datasketch') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_stories_group_finds_claims_whose_membership_was_removed(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", range(0, 6))
    with open_database(sqlite_url) as database:
        ingest_paths(database, [tmp_path / "a"], registry)
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "DELETE FROM story_claims WHERE claim_id IN "
                "(SELECT id FROM claims WHERE article_id = 3)")
    result = CliRunner().invoke(app, ["stories", "group", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "grouped the claims of 1 articles" in result.output
    with open_database(sqlite_url) as database, database.session_scope(write=False) as session:
        claims = set(session.scalars(select(Claim.id).where(Claim.is_claim.is_(True))))
        held = Counter(session.scalars(select(StoryClaim.claim_id)))
    assert set(held) == claims and set(held.values()) == {1}


def test_refresh_writes_the_summaries_the_views_give(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    """Ingest's rescore skips what only a story's view needs; its summaries are the views'."""
    from verifier.scoring.weights import load_weights, weights_digest
    from verifier.store.stories import story_records
    from verifier.stories.evidence import EvidenceReader
    from verifier.stories.scores import summaries, summary_of
    from verifier.stories.view import build_views

    write_articles(tmp_path / "a", range(0, 24))
    ingest_paths(database, [tmp_path / "a"], registry)
    weights = load_weights()
    with database.session_scope(write=False) as session:
        ids = sorted(session.scalars(select(Story.id)))
        stored = dict(session.execute(select(Story.id, Story.score)).all())
        reader = EvidenceReader(session, weights)
        records = story_records(session, ids)
        views = build_views(session, [records[s] for s in ids], reader)
        lean = summaries(session, weights, [*ids, 10_000], EvidenceReader(session, weights))
        # ids listed in this transaction (as ``refresh`` lists them) are not looked up again
        listed = summaries(session, weights, ids, EvidenceReader(session, weights),
                           listed=True)
    digest = weights_digest(weights)
    assert lean == listed == [summary_of(view, reader, digest) for view in views]
    assert any(s.articles > 1 for s in lean)
    assert {s.id: s.score for s in lean} == stored  # what ingest's refresh wrote


PARTY_TEXT = (
    "Tarvel council approves harbour plan\n"
    "The Tarvel council approved the harbour plan on Tuesday, council member Dana Ortiz said. "
    "Ortiz said the work would start in May. A spokesperson for the Ministry of Ports said the "
    "ministry backed it. The company said costs would rise, according to Hallbright Marine. "
    "Officials who asked not to be named said the vote was close. Yonhap reported the plan "
    "earlier, citing unnamed sources.\n"
)


def test_sources_looked_up_where_articles_are_analysed_match_the_writers(
    db_url: str, registry: Registry
) -> None:
    """Worker processes work out the words each source is looked up by; the rows stored are
    the ones the writer finds by itself, with the same ids in the same order."""
    from verifier.ingest.pipeline import analyse_article, default_analyser
    from verifier.store import ArticleMeta, SourceResolver, store_articles, sync_registry
    from verifier.store.models import Attribution, Source
    from verifier.store.rows import text_sha256

    texts = [PARTY_TEXT, PARTY_TEXT.replace("Tarvel", "Morcas"), article_text(3)]
    stored = []
    for worked_out in (False, True):
        with open_database(db_url) as database, database.session_scope() as session:
            resolver = SourceResolver(registry, sync_registry(session, registry))
            lookups = (resolver.registry_match, resolver.known) if worked_out else None
            rows = [analyse_article(default_analyser, registry, text, f"t{n}", None,
                                    text_sha256(text), True, lookups)
                    for n, text in enumerate(texts)]
            assert all(not isinstance(r, str) and (r.lookups is not None) == worked_out
                       for r in rows)
            store_articles(session, [(r, ArticleMeta(title=f"t{n}"))  # type: ignore[misc]
                                     for n, r in enumerate(rows)], resolver)
            found = session.execute(
                select(Claim.article_id, Claim.position, Attribution.position, Source.key,
                       Source.id)
                .join(Claim, Claim.id == Attribution.claim_id)
                .outerjoin(Source, Source.id == Attribution.source_id)
                .order_by(Claim.article_id, Claim.position, Attribution.position)
            ).all()
            session.rollback()
        # ids as ranks (PostgreSQL's sequences do not roll back)
        articles = {a: n for n, a in enumerate(sorted({row[0] for row in found}))}
        ids = {s: n for n, s in enumerate(sorted({row[4] for row in found if row[4]}))}
        stored.append([(articles[a], *rest, ids.get(source))
                       for a, *rest, source in found])
    assert stored[0] == stored[1]
    keys = {row[3] for row in stored[0]}
    assert any(k and k.startswith("name:") for k in keys)
    assert any(k and k.startswith("unnamed-via:") for k in keys)


def test_worker_analyses_carry_their_claims_cues_when_grouping_follows(
    registry: Registry,
) -> None:
    """An analysis made in a worker process for an ingest that groups reads its claims'
    grouping cues ahead (what the writer then looks up); one that does not group, none."""
    from verifier.ingest.pipeline import _WORKER, RegistryMatch, analyse_task, default_analyser
    from verifier.store.rows import ArticleRows, text_sha256
    from verifier.stories.cues import read_ahead

    text = article_text(3)
    kept = dict(_WORKER)
    try:
        _WORKER.update(analyser=default_analyser, registry=registry,  # as _start_worker
                       sources=(RegistryMatch(registry), frozenset()))
        grouped = analyse_task((text, "t", None, text_sha256(text), True))
        plain = analyse_task((text, "t", None, text_sha256(text), False))
    finally:
        _WORKER.clear()
        _WORKER.update(kept)
    assert isinstance(grouped, ArticleRows) and isinstance(plain, ArticleRows)
    assert grouped.claim_texts() and grouped.cues == read_ahead(grouped.claim_texts())
    assert plain.cues is None
