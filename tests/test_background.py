"""A confirmed story's verdict confirms the event, not its background or conjecture."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app
from verifier.scoring.evidence import ClaimEvidence
from verifier.stories.background import background_reason


def _claim(text: str, certainty: str = "certain", cue: str | None = None) -> ClaimEvidence:
    return ClaimEvidence(1, 1, text, 0, len(text), certainty, cue, None, None, (), "p", "P")


def test_conjecture_and_another_time_are_background() -> None:
    assert background_reason(_claim(
        "Analysts said the fine could encourage Brussels to open further cases.",
        "possible", "could")) is not None
    assert background_reason(_claim(
        "In 2019, the commission fined Voltaro over its pricing.")) is not None
    assert background_reason(_claim(
        "However, in May the board had rejected the first offer.")) is not None
    assert background_reason(_claim(
        "The commission fined Voltaro 2 billion euros on Tuesday.")) is None
    assert background_reason(_claim(
        "Voltaro is expected to appeal the fine.", "probable", "is expected")) is None
    # a party described (what it is or does by standing) is background too
    assert background_reason(_claim(
        "Voltaro, which is based in Orvia, employs around 9,000 people.")) is not None
    assert background_reason(_claim(
        "Voltaro is one of the largest chipmakers in Kessa.")) is not None
    assert background_reason(_claim("It was a decision we expected, the board said.")) is None
    assert background_reason(_claim("Voltaro is appealing the fine.")) is None


ARTICLE = "\n".join([
    "EU fines Voltaro 2 billion euros over chip pricing",
    "BRUSSELS, March 4 (Reuters) - The European Commission fined chipmaker Voltaro 2 billion "
    "euros on Tuesday for abusing its dominance in chip pricing, the Commission said.",
    "Analysts said the fine could encourage Brussels to open further cases against chipmakers.",
    "In 2019, the Commission fined Voltaro 300 million euros over its licensing terms.",
]) + "\n"


def test_marking_a_story_confirmed_leaves_its_background_unverified(tmp_path: Path) -> None:
    path = tmp_path / "fine.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "v.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    claims = json.loads(runner.invoke(app, ["claims", "list", "--db", db, "--json"]).output)
    ids = {c["text"][:12]: int(c["id"]) for c in claims}
    # ``stories list`` rows carry claim counts (a page of summaries): the queue names the story
    main = next(int(c["story"]) for c in claims if "fined chipmaker" in c["text"])
    result = runner.invoke(app, ["stories", "move", *map(str, ids.values()), "--to", str(main),
                                 "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["stories", "mark", str(main), "confirmed", "--evidence",
                                 "the Commission's decision", "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    statuses = {c["text"][:12]: c["status"] for c in json.loads(runner.invoke(
        app, ["claims", "list", "--db", db, "--json", "--status", "any"]).output)}
    assert statuses["BRUSSELS, Ma"] == "confirmed"
    assert statuses["Analysts sai"] == "unverified"
    assert statuses["In 2019, the"] == "unverified"


def test_a_profile_or_a_long_held_state_is_background() -> None:
    assert background_reason(_claim(
        "Lund, 58, has faced criticism over the harbour deal for months.")) is not None
    assert background_reason(_claim(
        "The 61-year-old has led the council since 2014.")) is not None
    assert background_reason(_claim(
        "The company has been under investigation for two years.")) is not None
    assert background_reason(_claim("Lund, 58, resigned on Monday.")) is None
    assert background_reason(_claim("Lund has resigned, officials said.")) is None
    assert background_reason(_claim(
        "The bridge has been closed since Monday, the council said.")) is None
    assert background_reason(_claim(
        "Prices have risen for three months in a row, the bank said.")) is None


RESIGNATION = "\n".join([
    "Mayor Lund to resign over harbour deal",
    "",
    "Mayor Erik Lund will resign next week over the harbour deal, two council officials said "
    "on Monday.",
    "Lund, 58, has faced criticism over the harbour deal for months.",
    "Lund denied that he would step down.",
]) + "\n"


def test_a_refuted_story_leaves_its_background_as_it_was(tmp_path: Path) -> None:
    """Refuting the resignation refuted "Lund, 58, has faced criticism ..." too (a confirmed
    verdict already left it): no story verdict reaches background, and the command names
    the claims it left."""
    path = tmp_path / "lund.txt"
    path.write_text(RESIGNATION, encoding="utf-8")
    db = str(tmp_path / "v.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    claims = json.loads(runner.invoke(app, ["claims", "list", "--db", db, "--json"]).output)
    story = {int(c["story"]) for c in claims}
    assert len(story) == 1, claims
    background = next(int(c["id"]) for c in claims if c["text"].startswith("Lund, 58"))
    result = runner.invoke(app, ["stories", "mark", str(story.pop()), "refuted", "--evidence",
                                 "his published schedule", "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    assert (f"1 left as it was (background or conjecture: #{background})"
            in " ".join(result.output.split())), result.output
    statuses = {c["text"][:8]: c["status"] for c in json.loads(runner.invoke(
        app, ["claims", "list", "--db", db, "--json", "--status", "any"]).output)}
    assert statuses == {"Mayor Lu": "refuted", "Mayor Er": "refuted", "Lund, 58": "unverified",
                        "Lund den": "confirmed"}, statuses
    history = json.loads(runner.invoke(app, ["claims", "show", str(background), "--db", db,
                                             "--json"]).output)
    assert history["verdicts"] == [], history  # nothing written for it
