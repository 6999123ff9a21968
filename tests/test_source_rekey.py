"""One party, one key, and no key for several parties (issue 9): "the company" is the company
its article names, or that article's own when nothing in it does, never every article's;
and a database keyed the older way is keyed again by ``verifier sources rekey`` without
losing a verdict. Sentences written for these tests, ingested and read through the CLI as
a user does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from tests.db_files import track_records

#: Three articles: one names its company ("Voltaro"), two name none, about different firms.
ARTICLES = {
    "voltaro.txt": """Battery recall in Velmora

Voltaro, the Velmora battery maker, recalled 40,000 packs on Tuesday after two fires.

The company said the fault affected only packs made in March.
""",
    "ferries.txt": """Ferry sailings cancelled

Sailings between Northgate and Kessel Island were cancelled on Wednesday after a storm \
damaged the pier.

The company said crews would inspect the pier on Thursday.
""",
    "cranes.txt": """Harbour cranes to be replaced

Three cranes at the Port Arden container terminal will be replaced next year.

The company said the new cranes would arrive in June.
""",
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(tmp_path / "t.db")
    cli("ingest", str(folder), "--db", path, "--outlet", "none")
    return path


def _keys(db: str) -> dict[str, list[str]]:
    """Each article's file name -> the source keys of its attributions, in reading order."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT ar.path, s.key FROM attributions a JOIN claims c ON c.id = a.claim_id "
            "JOIN articles ar ON ar.id = c.article_id LEFT JOIN sources s ON s.id = a.source_id "
            "ORDER BY ar.id, c.position, a.position").fetchall()
    found: dict[str, list[str]] = {}
    for path, key in rows:
        found.setdefault(Path(path).name, []).append(key)
    return found


def test_the_company_is_the_company_named_or_its_articles_own(db: str) -> None:
    keys = _keys(db)
    assert keys["voltaro.txt"] == ["name:voltaro", "name:voltaro"]
    # two articles' unresolved "the company": two parties, each its article's own
    ferries, cranes = keys["ferries.txt"][-1], keys["cranes.txt"][-1]
    assert ferries.startswith("name:company@") and cranes.startswith("name:company@")
    assert ferries != cranes
    # as a user sees them: Voltaro is a body, cited twice; "the company" names two sources
    shown = json.loads(cli("sources", "show", "Voltaro", "--db", db, "--json"))
    assert (shown["kind"], shown["attributions"]) == ("organisation", 2)
    several = cli("sources", "show", "The company", "--db", db, code=2)
    assert "names several stored sources" in several and ferries in several
    one = json.loads(cli("sources", "show", ferries, "--db", db, "--json"))
    assert (one["name"], one["attributions"], one["kind"]) == ("The company", 1, "organisation")
    # the older key, or the description's words, name each article's own
    for words in ("name:company", "company"):
        listed = cli("sources", "show", words, "--db", db, code=2)
        assert ferries in listed and cranes in listed


def _pool_the_old_way(db: str) -> None:
    """What an older verifier stored: every unresolved "the company" one row, and the
    company Voltaro named keyed as a person and its "the company" as the pooled row."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO sources (key, name, kind, speaker, in_registry, prior_confirmed, "
            "prior_refuted, prior_note) VALUES ('name:company', 'The company', 'organisation',"
            " 'official', 0, 1, 1, 'not in the registry: uniform prior')")
        pooled = connection.execute(
            "SELECT id FROM sources WHERE key = 'name:company'").fetchone()[0]
        connection.execute(
            "UPDATE attributions SET source_id = ? WHERE source_text = 'The company'",
            (pooled,))
        connection.execute("UPDATE sources SET kind = 'person' WHERE key = 'name:voltaro'")


def test_rekey_keys_an_older_database_as_ingest_does_now_and_keeps_verdicts(db: str) -> None:
    fresh = _keys(db)
    _pool_the_old_way(db)
    # a verdict on the ferry story, taken while "the company" was pooled
    listed = json.loads(cli("stories", "list", "--json", "--db", db))
    stories = listed["stories"] if isinstance(listed, dict) else listed
    ferry = next(s for s in stories if "Sailings" in json.dumps(s) or "Ferry" in json.dumps(s))
    cli("stories", "mark", str(ferry["id"]), "refuted", "--evidence", "the pier was fine",
        "--by", "tester", "--db", db)
    # pooled, "The company" named no one a reader could identify: it keeps no record, so
    # no other article's company was blamed through it (track records count identifiable
    # sources only: issue 9)
    assert "name:company" not in track_records(db)
    out = cli("sources", "rekey", "--db", db)
    # the three "the company" rows move: to Voltaro, and to each article's own company
    assert ": 3 of 4 attributions in 3 articles keyed to another source" in out
    assert _keys(db) == fresh
    records = track_records(db)
    assert "name:company" not in records  # the pooled row is gone, cited by no one
    assert fresh["ferries.txt"][-1] not in records  # nor does an article's own company
    assert fresh["cranes.txt"][-1] not in records
    shown = json.loads(cli("sources", "show", "Voltaro", "--db", db, "--json"))
    assert shown["kind"] == "organisation"
    history = json.loads(cli("stories", "show", str(ferry["id"]), "--db", db, "--json"))
    assert "refuted" in json.dumps(history)
    # a second run changes nothing
    again = cli("sources", "rekey", "--db", db)
    assert again.split(": ", 1)[1].startswith("0 of")
