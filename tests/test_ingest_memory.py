"""An ingest's memory does not grow with the database: what the source resolver remembers is
bounded, and forgetting it changes no stored row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from verifier.ingest.pipeline import Ingester
from verifier.ingest.readers import iter_articles
from verifier.registry import Registry
from verifier.store.database import open_database
from verifier.store.sources import SourceResolver

ARTICLES = (
    "Port strike talks resume\n\nDock workers and the port authority met again on Monday, "
    "a union spokesman said. \"We are close,\" said Mara Lind, the union's negotiator. "
    "Officials who asked not to be named said a deal could come this week.",
    "Port deal signed\n\nThe port authority signed the deal on Friday, a spokesman for the "
    "authority said. Mara Lind said the workers would vote on it. Reuters reported that "
    "shipping lines welcomed it.",
    "Ferry fares to rise\n\nFerry fares will rise in May, the ferry company said in a "
    "statement. A spokesman said fuel costs had doubled. Passengers' groups said the rise "
    "was unfair, according to a source familiar with the talks.",
    "Vote on port deal\n\nDock workers approved the deal, Mara Lind told reporters. A union "
    "spokesman said turnout was high. The ferry company said it had no comment.",
)


def _ingest(folder: Path, db: Path, registry: Registry) -> list[list[tuple[object, ...]]]:
    with open_database(f"sqlite:///{db}") as database:
        ingester = Ingester(database, registry, chunk_size=1)  # a commit per article
        ingester.run(iter_articles([folder]))
    connection = sqlite3.connect(db)
    try:
        return [connection.execute(query).fetchall() for query in (
            "SELECT id, key, name, kind, speaker, in_registry FROM sources ORDER BY id",
            "SELECT id, claim_id, source_id, kind, speaker FROM attributions ORDER BY id",
        )]
    finally:
        connection.close()


def test_a_resolver_that_forgets_after_every_article_stores_the_same_rows(
        tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(ARTICLES):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    remembering = _ingest(folder, tmp_path / "a.db", registry)
    assert any(not row[5] for row in remembering[0])  # derived sources were made
    assert any(row[2] is not None for row in remembering[1])
    monkeypatch.setattr(SourceResolver, "MAX_DERIVED", 0)
    monkeypatch.setattr(SourceResolver, "MAX_KEYS", 1)
    monkeypatch.setattr(SourceResolver, "MAX_MATCHES", 1)
    forgetting = _ingest(folder, tmp_path / "b.db", registry)
    assert forgetting == remembering


def test_the_resolver_keeps_at_most_its_bounds(
        registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SourceResolver, "MAX_DERIVED", 2)
    monkeypatch.setattr(SourceResolver, "MAX_KEYS", 3)
    monkeypatch.setattr(SourceResolver, "MAX_MATCHES", 3)
    resolver = SourceResolver(registry, {"reuters": 1})
    for n in range(10):
        resolver.source_key("named", f"Person {n}", None)
        resolver.registry_match(f"Person {n}")
        resolver._pending[f"derived:{n}"] = 100 + n
        resolver._kinds[f"derived:{n}"] = "person"
        resolver.keep_pending()
        assert len(resolver._keys) <= 3 and len(resolver._resolved) <= 3
        assert len(resolver.known) <= 1 + 2 and resolver.known["reuters"] == 1
