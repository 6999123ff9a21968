"""Issue 9, items 1 and 2 as session 30's audit found them: words taken for a party keep no
track record (the test that keeps them from being origins decides, in one place), and "the
company" is the one company its article describes, also when it has not spoken yet.
Sentences written for these tests, ingested and read through the CLI as a user does, and the
library's pure functions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from tests.db_files import track_records
from verifier.scoring.evidence import AttributionEvidence
from verifier.scoring.trackrecord import Statement, answering, keeps_record
from verifier.store.party_keys import BODY, ArticleParties


def _ingested(tmp_path: Path, articles: dict[str, str]) -> str:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "t.db")
    cli("ingest", str(folder), "--db", db, "--outlet", "none")
    return db


def _confirm_all(db: str) -> None:
    listed = json.loads(cli("stories", "list", "--json", "--min-claims", "1", "--db", db))
    for story in listed["stories"] if isinstance(listed, dict) else listed:
        cli("stories", "mark", str(story["id"]), "confirmed", "--evidence", "seen",
            "--by", "tester", "--db", db)


# --- 1. words taken for parties keep no track record -------------------------------------

def _said(text: str, words: str, speaker: str, key: str, stance: str = "asserts"
          ) -> tuple[AttributionEvidence, int]:
    at = text.index(words)
    return AttributionEvidence(speaker, stance, words, at, at + len(words), "said", 0, 0,
                               key, words, 7), 7


@pytest.mark.parametrize(("text", "words", "speaker", "key", "kept"), [
    # words the analyser took for a party: nobody a reader could identify
    ("There have been media reports that the ferry will stop.",
     "There have been media reports", "media", "name:there have been media reports", False),
    ("The harbour will close, the report is true.", "the report is true", "media",
     "name:report is true@0123456789abcdef", False),
    # named parties, registry sources and an outlet's anonymous sources keep theirs
    ("The harbour will close, Dana Ortiz said.", "Dana Ortiz", "named",
     "name:dana ortiz", True),
    ("The harbour will close, Reuters reported.", "Reuters", "media", "reuters", True),
    ("The harbour will close, people familiar with the plan said.",
     "people familiar with the plan", "unnamed", "unnamed-via:reuters", True),
    ("The harbour will close, the ministry said.", "the ministry", "official",
     "name:ministry", True),
])
def test_a_record_is_kept_for_identifiable_sources_only(
        text: str, words: str, speaker: str, key: str, kept: bool) -> None:
    said, sid = _said(text, words, speaker, key)
    statement = Statement(1, None, text, 100, ((said, sid),))
    assert keeps_record(statement, said) is kept
    # a denial answers the same way as an assertion
    denied, _ = _said(text, words, speaker, key, "denies")
    assert bool(answering([Statement(1, None, text, 100, ((denied, sid),))])[1]) is kept


def test_a_word_string_gets_no_record_a_named_party_does(tmp_path: Path) -> None:
    db = _ingested(tmp_path, {"ferry.txt": """Ferry line to close

Kessel Lines will close its Northgate ferry route in May.

There have been media reports that the route lost money for a decade.

Mayor Dana Ortiz said the route would close in May.
"""})
    _confirm_all(db)
    records = track_records(db)
    assert records.get("name:dana ortiz") == (1, 0)
    assert not [key for key in records if "media reports" in key]
    # as a user reads them: the words learned nothing from the verdict, the mayor did
    shown = json.loads(cli("report", "--all", "--format", "json", "--db", db))["sources"]
    assert all((s["confirmed"], s["refuted"]) == (0, 0) for s in shown
               if "media reports" in s["key"])
    mayor = json.loads(cli("sources", "show", "name:dana ortiz", "--json", "--db", db))
    assert (mayor["record"]["confirmed"], mayor["record"]["refuted"]) == (1, 0)
    # what `db verify` checks: the kept counts are those counted from the verdicts
    assert "no problems found" in cli("db", "verify", "--db", db)


def test_words_opening_the_sentence_get_no_record_after_a_verdict(tmp_path: Path) -> None:
    """The audit's case: after the story is marked confirmed, "Contrary to reports" had a
    record of its own; it is not a party a reader could identify."""
    db = _ingested(tmp_path, {"club.txt": """Velm United not selling striker

Contrary to reports in the national media, Velm United are not selling striker Ana Ruiz \
to Northgate.
"""})
    _confirm_all(db)
    assert not [key for key in track_records(db) if "contrary" in key]
    shown = json.loads(cli("report", "--all", "--format", "json", "--db", db))["sources"]
    assert all((s["confirmed"], s["refuted"]) == (0, 0) for s in shown
               if "contrary" in s["key"])


def test_the_revision_marks_kept_counts_stale_and_a_read_counts_them_again(
        tmp_path: Path) -> None:
    """A database upgraded from 0024 with a word string's kept count: counted again."""
    from verifier.store import database as dbmod

    db = _ingested(tmp_path, {"ferry.txt": """Ferry line to close

There have been media reports that Kessel Lines will close its ferry route in May.
"""})
    with sqlite3.connect(db) as connection:
        source = connection.execute("SELECT id FROM sources WHERE key LIKE "
                                    "'name:there have been media reports%'").fetchone()[0]
        story = connection.execute("SELECT story_id FROM story_claims").fetchone()[0]
    with dbmod.open_database(db) as database:
        dbmod.downgrade(database, "0024")
    with sqlite3.connect(db) as connection:  # what the older code kept for it
        connection.execute("INSERT INTO track_record_counts VALUES (?, 1, 0)", (source,))
        connection.execute("UPDATE track_record_state SET stale = 0")
        connection.execute("UPDATE stories SET scored_with = 'digest' WHERE id = ?", (story,))
    with dbmod.open_database(db) as database:  # migrates: 0025 marks them stale
        assert database.revision() == "0025"
    with sqlite3.connect(db) as connection:
        assert connection.execute(
            "SELECT scored_with FROM stories WHERE id = ?", (story,)).fetchone()[0] is None
    assert track_records(db) == {}  # counted again on opening: no verdict stands behind it
    assert "track records counted again" in cli("db", "rebuild", "--db", db)


# --- 2. "the company" is the one company its article describes ----------------------------

@pytest.mark.parametrize(("text", "words", "stance", "spoke_before", "resolved"), [
    pytest.param(
        "Voltaro will build a battery plant in Velmora, people familiar with the plan "
        "said.\n\nThe company denied reports that the plant would cost 2 billion euros."
        "\n\nVoltaro, the Danish company, has built three plants since 2019.",
        "The company", "denies", None, (BODY, "Voltaro"), id="described-after-it"),
    pytest.param(
        "Voltaro and Kessel Lines signed a supply deal.\n\nThe company denied the "
        "report on Monday.\n\nVoltaro, the Danish company, builds batteries. Kessel "
        "Lines, the ferry company, runs the route.",
        "The company", "denies", None, ("official", "The company"),
        id="left-alone-when-two-companies-fit"),
    # "The company" refers back: a body first named after it is another one
    pytest.param(
        "Harbour Meats will close its plant in Velm, it was confirmed.\n\nThe company "
        "claims 120 workers will move to its other plant. The Velm-based Ostra Group "
        "bought the plant in 1990.",
        "The company", "asserts", None, ("official", "The company"),
        id="described-later-but-not-named-before"),
    # a body that spoke before stays what a bare "the group" refers to, whatever other body
    # the article describes further on
    pytest.param(
        "Wirecard said it had suspended the director.\n\nThe group said a review was "
        "under way. The review was carried out by Rajah & Tann, the law firm, which "
        "Wirecard hired in March.",
        "The group", "asserts", "Wirecard", (BODY, "Wirecard"), id="spoke-before-comes-first"),
    pytest.param(
        'Voltaro met Ostrava Semis. "We never sold to Ostrava Semis, the Czech '
        'company," the company said.',
        "the company said", "asserts", None, ("official", "the company"),
        id="named-in-its-own-quote"),
    pytest.param(
        "Velm Ports will reopen the harbour on Monday.\n\nThe ministry said crews "
        "were ready. Velm Ports, the island's ports ministry, runs the harbour.",
        "The ministry", "asserts", None, (BODY, "Velm Ports"), id="the-ministry-described-later"),
])
def test_the_company_is_the_one_its_article_describes(
        text: str, words: str, stance: str, spoke_before: str | None,
        resolved: tuple[str, str]) -> None:
    parties = ArticleParties(text)
    if spoke_before is not None:
        parties.resolve("official", spoke_before, "asserts", text.index(spoke_before))
    speaker = words.removesuffix(" said")
    assert parties.resolve("official", speaker, stance, text.index(words)) == resolved


def test_through_ingest_the_resolution_is_shown_in_the_reasons(tmp_path: Path) -> None:
    db = _ingested(tmp_path, {"voltaro.txt": """Voltaro to build battery plant in Velmora

Voltaro will build a battery plant in Velmora next year, two people familiar with the plan \
said on Monday.

The company denied reports that the plant would cost 2 billion euros.

Voltaro, the Danish company, has built three plants in Europe since 2019.
"""})
    with sqlite3.connect(db) as connection:
        keys = [k for (k,) in connection.execute(
            "SELECT s.key FROM attributions a JOIN sources s ON s.id = a.source_id "
            "WHERE a.source_text = 'The company'")]
    assert keys == ["name:voltaro"]
    shown = " ".join(cli("stories", "show", "1", "--db", db).split())
    # whom "The company" was taken for, so a fact-checker can disagree
    assert "denied it: Voltaro (as 'The company')" in shown
    assert "not identifiable" not in shown


@pytest.mark.parametrize(("sentence", "words", "name", "known"), [
    # a stored party's name that is only its words names no more than they do
    ("Contrary to reports, the ferry will run.", "Contrary to reports", None, False),
    ("Contrary to reports, the ferry will run.", "Contrary to reports",
     "Contrary to reports", False),
    ("Test results showed the pier was safe.", "Test results", "Test results", False),
    # a possessive, an acronym or a place before an institution's head names one
    ("Velmora's government said the pier was safe.", "Velmora's government",
     "Velmora's government", True),
    ("VPA officials said the pier was safe.", "VPA officials", "VPA officials", True),
    ("Velmora police said the pier was safe.", "Velmora police", "Velmora police", True),
    # a name resolved from other words is the party's own
    ("The company said the pier was safe.", "The company", "Voltaro", True),
])
def test_a_stored_name_that_is_only_its_words_is_read_as_the_words(
        sentence: str, words: str, name: str | None, known: bool) -> None:
    from verifier.scoring.corroboration import identifiable
    from verifier.scoring.evidence import ClaimEvidence
    from verifier.scoring.weights import load_weights

    identity = load_weights().identity
    at = sentence.index(words)
    said = AttributionEvidence("official", "asserts", words, 50 + at, 50 + at + len(words),
                               "said", 0, 0, "name:" + (name or words).lower(), name, 3)
    claim = ClaimEvidence(1, 1, sentence, 50, 50 + len(sentence), None, None, None, None,
                          (said,), "article:1", "article 1")
    assert identifiable(claim, said, identity.nameless_words, identity.institution_heads,
                        identity.indefinite_words, identity.heading_letters,
                        identity.record_words) is known
