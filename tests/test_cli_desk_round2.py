"""What the second look at a fact-checker's day (session 19) found, each driven through the
command line as a reviewer runs it, on sentences written for the test (the Velm ferry)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.cli_helpers import claim_id
from tests.test_cli_first_day import _flat
from verifier.cli import app

FERRY = ("Sources said the Velm harbour ferry will stop running in March, ending a route "
         "that has run since 1962.\n\nThe harbour office has not confirmed the plan to stop "
         "the Velm harbour ferry.\n\nOfficials said the Velm harbour ferry lost money in each "
         "of the last three years.\n")


def _day(tmp_path: Path) -> tuple[CliRunner, str]:
    """One untitled text from a file with no outlet: its anonymous sources are its own."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    path = tmp_path / "velm_ferry.txt"
    path.write_text(FERRY, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    return runner, db


def test_claims_show_names_anonymous_sources_by_their_article_not_a_key(
        tmp_path: Path) -> None:
    """'unnamed-via:unknown:<hash>' is an internal key: a reader is told whose anonymous
    sources these are, by the article's file, and the header names the untitled article."""
    runner, db = _day(tmp_path)
    claim = claim_id(db, "Sources said")
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db],
                           env={"COLUMNS": "200"})
    shown = _flat(result.output)
    assert result.exit_code == 0, result.output
    assert "unnamed-via" not in shown and "unknown outlet" not in shown, shown
    assert ("unnamed sources of the article “(untitled) velm_ferry.txt” (outlet unknown)"
            in shown), shown
    assert "(untitled) velm_ferry.txt" in shown, shown
    data = json.loads(runner.invoke(app, ["claims", "show", str(claim), "--db", db,
                                          "--json"]).output)  # JSON keeps the key
    resolved = data["attributions"][0]["resolved_source"]
    assert resolved["key"].startswith("unnamed-via:unknown:"), resolved
    assert resolved["name"] == (
        "unnamed sources of the article “(untitled) velm_ferry.txt” (outlet unknown)"), resolved


def test_anonymous_sources_of_an_outletless_article_are_named_as_the_article_s(
        tmp_path: Path) -> None:
    """They read "unnamed sources in U.N. chief Ban Ki-moon expected to visit ...": an
    article's title taken for an outlet's name. The article is now quoted and the outlet
    said to be unknown, the same in the CLI and the reports (the desk shows the stored name
    through ``plain_source_name``, checked below); a database made
    before keeps its stored name until migrations 0020 and 0024 rename it."""
    from sqlalchemy import text

    from verifier.review.names import plain_source_name
    from verifier.store import database as dbmod

    runner, db = _day(tmp_path)
    name = "unnamed sources of the article “(untitled) velm_ferry.txt” (outlet unknown)"
    claim = claim_id(db, "Sources said")
    story = json.loads(runner.invoke(app, ["claims", "show", str(claim), "--db", db,
                                           "--json"]).output)["stories"][0]
    for args in (["report", "--story", str(story), "--format", "md"],
                 ["report", "--story", str(story), "--format", "json"],
                 ["report", "--story", str(story), "--format", "html"],
                 ["stories", "show", str(story)]):
        shown = runner.invoke(app, [*args, "--db", db], env={"COLUMNS": "300"})
        assert shown.exit_code == 0, shown.output
        assert "unnamed sources in" not in shown.output, (args, shown.output)
    report = json.loads(runner.invoke(app, ["report", "--story", str(story), "--format",
                                            "json", "--db", db]).output)
    assert name in [s["name"] for s in report["sources"]], report["sources"]
    # the name stored before, as a database made then holds it: renamed by the migration
    with dbmod.open_database(db) as database:
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE sources SET name = 'unnamed sources in "
                                    "velm_ferry.txt' WHERE key LIKE "
                                    "'unnamed-via:unknown:%'"))
        dbmod.downgrade(database, "0019")
        dbmod.upgrade(database)
        with database.engine.connect() as connection:
            stored = connection.execute(text(
                "SELECT name FROM sources WHERE key LIKE 'unnamed-via:unknown:%'")).scalar()
    assert stored == name
    assert plain_source_name("unnamed sources in Velm ferry to stop") == (
        "unnamed sources of the article “Velm ferry to stop” (outlet unknown)")
    assert plain_source_name("unnamed sources via an unknown outlet (a.txt)") == (
        "unnamed sources of the article “a.txt” (outlet unknown)")


def test_a_verdict_on_one_claim_puts_its_story_in_the_default_report(tmp_path: Path) -> None:
    """`report --all` covers the reviewed stories: marking a single claim is a review of
    its story too, with or without dates."""
    runner, db = _day(tmp_path)
    before = runner.invoke(app, ["report", "--all", "--db", db, "--format", "json"])
    assert json.loads(before.output)["stories"] == []
    claim = claim_id(db, "Officials said")
    marked = runner.invoke(app, ["claims", "mark", str(claim), "refuted", "--evidence",
                                 "The ferry's accounts show a profit in 2023.", "--by", "Ann",
                                 "--db", db])
    assert marked.exit_code == 0, marked.output
    story = json.loads(runner.invoke(app, ["claims", "show", str(claim), "--db", db,
                                           "--json"]).output)["stories"][0]
    after = json.loads(runner.invoke(app, ["report", "--all", "--db", db, "--format",
                                           "json"]).output)
    assert [s["id"] for s in after["stories"]] == [story]
    today = runner.invoke(app, ["report", "--all", "--since", "2000-01-01", "--db", db,
                                "--format", "json"])
    assert [s["id"] for s in json.loads(today.stdout)["stories"]] == [story]
    # the story itself has no verdict (its badge says so): the heading of every format
    # says what "reviewed" took, a verdict on the story or on any of its claims
    assert after["stories"][0]["status"] == "unconfirmed"
    scope = "reviewed stories of 2+ claims (a verdict on the story or on any of its claims)"
    assert after["scope"] == scope
    for fmt, head in (("text", f"Stories: {scope}"), ("md", f"# Credibility report ({scope})"),
                      ("html", f"<h1>Credibility report ({scope})</h1>")):
        shown = runner.invoke(app, ["report", "--all", "--db", db, "--format", fmt],
                              env={"COLUMNS": "200"})
        assert shown.exit_code == 0 and head in shown.output, (fmt, shown.output[:400])


def test_an_untitled_article_is_named_by_its_file_in_story_and_article_pages(
        tmp_path: Path) -> None:
    runner, db = _day(tmp_path)
    story = json.loads(runner.invoke(app, ["claims", "show", "1", "--db", db,
                                           "--json"]).output)["stories"][0]
    shown = _flat(runner.invoke(app, ["stories", "show", str(story), "--db", db]).output)
    assert "article 1: (untitled) velm_ferry.txt" in shown, shown
    head = runner.invoke(app, ["articles", "show", "1", "--db", db]).output.splitlines()[0]
    assert head == "Article 1: (untitled) velm_ferry.txt"


def test_a_did_you_mean_is_a_close_spelling_with_the_same_numbers(tmp_path: Path) -> None:
    """'12news' (another station) was offered 'TVNZ' through its alias '1News': one letter
    apart, but a number names a different channel. Slips in the letters are still caught,
    of a name, an alias or a registry id."""
    runner, db = _day(tmp_path)
    path = tmp_path / "other.txt"
    path.write_text("The station said the Velm tunnel opens in June.\n", encoding="utf-8")
    numbered = runner.invoke(app, ["ingest", str(path), "--db", db, "--outlet", "12news"])
    assert numbered.exit_code != 0 and "unknown outlet '12news'" in numbered.output
    assert "did you mean" not in numbered.output, numbered.output
    listed = runner.invoke(app, ["claims", "list", "--db", db, "--outlet", "12news"])
    assert "did you mean" not in listed.output, listed.output
    for typed, meant in (("Reuter", "(reuters)"), ("yonhapp", "(yonhap)"),
                         ("The Guardain", "(guardian)")):
        result = runner.invoke(app, ["claims", "list", "--db", db, "--outlet", typed])
        assert "did you mean" in result.output and meant in result.output, result.output
