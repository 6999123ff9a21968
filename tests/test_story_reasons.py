"""Why a claim is in its story: stored with each membership at ingest (pass 1 and pass 2, the
rule with its numbers and terms), kept through a reviewer's corrections, shown by
``stories show`` in the terminal and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from verifier.cli import app
from verifier.ingest.pipeline import ingest_paths
from verifier.registry import Registry
from verifier.store.database import Database, open_database
from verifier.store.models import Claim, StoryClaim
from verifier.stories import reasons
from verifier.stories.reasons import Membership, Number, Why, load
from verifier.stories.store import move_claims

#: Two reports of one event, written for this test, and one about another.
FIRST = (
    "Velmora port strike ends after nine days\n"
    "Dockworkers at the Velmora port ended a nine-day strike on Monday after the Kessan "
    "Harbour Authority agreed to raise wages by eight percent, the union said. "
    "The Kessan Harbour Authority confirmed the wage deal with the Velmora dockworkers. "
    "Separately, a cargo ship ran aground near Tolsen island on Sunday.\n"
)
SECOND = (
    "Velmora dockworkers return to work\n"
    "Velmora dockworkers returned to work on Tuesday after the Kessan Harbour Authority "
    "granted an eight percent wage rise, ending the strike at the port. "
    "The Velmora union said the Kessan Harbour Authority deal would hold for three years.\n"
)


@pytest.fixture
def database(db_url: str, registry: Registry, tmp_path: Path) -> Database:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    with open_database(db_url) as database:
        ingest_paths(database, [folder / "a.txt"], registry)
        (folder / "b.txt").write_text(SECOND, encoding="utf-8")
        ingest_paths(database, [folder / "b.txt"], registry)
        yield database  # type: ignore[misc]


def _stored(database: Database) -> list[tuple[int, int, int, Membership | None]]:
    """(story, claim, article, reason) of every membership."""
    with database.session_scope(write=False) as session:
        rows = session.execute(
            select(StoryClaim.story_id, StoryClaim.claim_id, Claim.article_id,
                   StoryClaim.reason).join(Claim, Claim.id == StoryClaim.claim_id)
        ).all()
    return [(s, c, a, load(r)) for s, c, a, r in rows]


def test_ingest_stores_why_each_claim_joined_its_story(database: Database) -> None:
    rows = _stored(database)
    assert rows and all(why is not None and why.article is not None for *_, why in rows)
    rules = {why.article.rule for *_, why in rows if why and why.article}
    assert "first" in rules  # each article's first body claim seeds its main story
    assert rules <= set(reasons.RULES)
    # the second report's story joined the first's: its claims say why, with the numbers
    story_articles: dict[int, set[int]] = {}
    for story, _, article, _ in rows:
        story_articles.setdefault(story, set()).add(article)
    shared = next(s for s, articles in story_articles.items() if len(articles) == 2)
    second = max(a for _, _, a, _ in rows)
    joined = [why for s, _, a, why in rows if s == shared and a == second]
    assert joined and all(why is not None and why.merge is not None for why in joined)
    merge = joined[0].merge  # type: ignore[union-attr]
    assert merge is not None and merge.rule in {"joined_subject", "joined_strong"}
    cosine = next(n for n in merge.numbers if n.name == "cosine")
    assert cosine.op == ">=" and cosine.value >= cosine.limit > 0
    assert {"velmora", "kessan"} & set(merge.terms)
    founders = [why for s, _, a, why in rows if s == shared and a != second]
    assert all(why is not None and why.merge is None for why in founders)


def test_stories_show_gives_the_reasons_and_a_move_is_kept_as_the_reviewers(
    database: Database, db_url: str
) -> None:
    rows = _stored(database)
    story = next(s for s, _, _, why in rows if why and why.merge is not None)
    runner = CliRunner()
    shown = runner.invoke(app, ["stories", "show", str(story), "--db", db_url])
    assert shown.exit_code == 0, shown.output
    assert "grouped:" in shown.output and "cosine" in shown.output
    data = json.loads(runner.invoke(app, ["stories", "show", str(story), "--db", db_url,
                                          "--json"]).output)
    reasons_of = {c["claim_id"]: c["reason"] for c in data["claims"]}
    assert all(r is not None and r["text"] for r in reasons_of.values())
    assert any(r["merge"] and r["merge"]["numbers"] for r in reasons_of.values())
    # a reviewer's move is stored as such, and the correction commands still work
    other = next(s for s, *_ in rows if s != story)
    moved = next(c for s, c, _, _ in rows if s == other)
    with database.session_scope() as session:
        move_claims(session, [moved], story)
    after = {c: why for _, c, _, why in _stored(database)}
    assert after[moved] == Membership(Why("reviewer_move"))
    data = json.loads(runner.invoke(app, ["stories", "show", str(story), "--db", db_url,
                                          "--json"]).output)
    assert {c["claim_id"]: c["reason"]["article"]["rule"]
            for c in data["claims"]}[moved] == "reviewer_move"


def test_a_reason_round_trips_and_bad_stored_text_reads_as_none() -> None:
    why = Membership(
        Why("new_names.own", (Number("fresh", 3.2, ">=", "new", 1.0), Number("shift", 2)),
            ("tolsen", "kessa")),
        Why("joined_subject", (Number("cosine", 0.4312, ">=", "merge", 0.2),), ("velmora",)),
    )
    assert load(why.dump()) == Membership(
        Why("new_names.own", (Number("fresh", 3.2, ">=", "new", 1.0), Number("shift", 2)),
            ("tolsen", "kessa")),
        Why("joined_subject", (Number("cosine", 0.431, ">=", "merge", 0.2),), ("velmora",)),
    )
    assert "weight of names new to the article 3.20 >= new 1" in why.describe()[0]
    assert "on: tolsen, kessa" in why.describe()[0]
    for bad in (None, "", "not json", "[1]", '{"a": {"n": 3}}', '{"a": {"r": "x", "n": [[]]}}'):
        assert load(bad) is None
