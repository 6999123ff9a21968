"""Past verdicts matched: ClaimReview import, matching new claims, adopting a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.cli_helpers import claim_id, cli
from tests.desk_texts import REVIEW
from verifier.cli import app
from verifier.config import data_path
from verifier.ingest.factchecks import (
    FactCheck,
    parse_claim_review,
    rating_verdict,
    read_fact_checks,
)


def _review(**changes: object) -> dict[str, object]:
    found = json.loads(json.dumps(REVIEW))
    found.update(changes)
    return found


def test_every_rating_example_gives_its_verdict() -> None:
    examples = yaml.safe_load(data_path("ratings.yaml").read_text(encoding="utf-8"))["examples"]
    for example in examples:
        got = rating_verdict(example.get("rating"), example.get("value"), example.get("best"),
                             example.get("worst"))
        assert got == example["verdict"], example


def test_a_claim_review_keeps_publisher_rating_and_url() -> None:
    check = parse_claim_review(_review(), "x")
    assert (check.publisher, check.rating, check.verdict) == ("Velm Fact Desk", "False",
                                                              "refuted")
    assert check.url == "https://checkers.example/velm-bridge"
    assert check.claim_author == "Ada Quist" and check.published is not None


@pytest.mark.parametrize(("change", "message"), [
    ({"claimReviewed": ""}, "no 'claimReviewed'"),
    ({"reviewRating": None}, "no 'reviewRating'"),
    ({"reviewRating": {"@type": "Rating"}}, "neither alternateName nor ratingValue"),
    ({"author": None}, "no 'author'"),
    ({"url": "javascript:alert(1)"}, "not an http(s) address"),
    ({"reviewRating": {"ratingValue": "NaN"}}, "is not a number"),
])
def test_malformed_records_say_what_is_wrong(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_claim_review(_review(**change), "x")


def test_objects_arrays_graphs_and_pages_are_read(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(_review()), encoding="utf-8")
    array = tmp_path / "many.json"
    array.write_text(json.dumps([_review(), _review(claimReviewed="Another claim here.",
                                                    reviewRating={"ratingValue": 5})]),
                     encoding="utf-8")
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "x"}, _review()]}), encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>t</title><script type=\"application/ld+json\">"
        + json.dumps({"@type": "NewsArticle", "review": _review()})
        + "</script><script>var x = 1;</script></head><body>text</body></html>",
        encoding="utf-8")
    counts = {p.name: [c for c in read_fact_checks(p) if isinstance(c, FactCheck)]
              for p in (single, array, graph, page)}
    assert {name: len(found) for name, found in counts.items()} == {
        "one.json": 1, "many.json": 2, "graph.json": 1, "page.html": 1}
    assert counts["many.json"][1].verdict == "confirmed"


def _ingest(tmp_path: Path, db: str) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Velm bridge to close for repairs\nVELM, March 1 (Reuters) - The Velm "
                     "bridge will close for two years from May for repairs, the council said."
                     "\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Quist says Velm bridge shuts in May\nMayor Ada Quist said the Velm "
                      "bridge will close for two years from May for repairs.\nThe ferry "
                      "to Dorn will run twice a day in summer, its operator said.\n",
                      encoding="utf-8")
    cli("ingest", str(first), str(second), "--db", db)


def test_import_matches_and_adopts_a_fact_check(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    _ingest(tmp_path, db)
    good = tmp_path / "reviews.json"
    good.write_text(json.dumps([_review(), _review(claimReviewed="")]), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["factchecks", "import", str(good), str(broken), "--db", db])
    assert result.exit_code == 1
    assert "1 fact-check stored, 0 already stored, 2 skipped" in result.output
    assert "record 2: no 'claimReviewed'; skipped" in result.output
    assert "broken.json: not JSON" in result.output
    result = runner.invoke(app, ["factchecks", "import", str(good), "--db", db, "--json"])
    assert json.loads(result.output)["already_stored"] == 1
    claim = claim_id(db, "Ada Quist said", "--article", "2")
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db, "--json"])
    matches = json.loads(result.output)["past_verdicts"]
    assert matches and matches[0]["kind"] == "fact-check"
    assert matches[0]["verdict"] == "refuted" and matches[0]["by"] == "Velm Fact Desk"
    assert "bridge" in matches[0]["shared"]
    ferry = claim_id(db, "ferry", "--article", "2")
    result = runner.invoke(app, ["claims", "show", str(ferry), "--db", db, "--json"])
    assert json.loads(result.output)["past_verdicts"] == []
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db],
                           terminal_width=150)
    assert "Earlier verdicts it matches" in result.output and "fact-check:1" in result.output
    result = runner.invoke(app, ["claims", "adopt", str(claim), "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    assert "marked refuted, adopted from fact-check:1" in result.output
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db, "--json"])
    verdict = json.loads(result.output)["verdicts"][-1]
    assert verdict["status"] == "refuted" and "Velm Fact Desk" in verdict["evidence"]
    assert verdict["url"] == REVIEW["url"]
    result = runner.invoke(app, ["claims", "adopt", str(ferry), "--by", "Lena", "--db", db])
    assert result.exit_code != 0 and "matches no earlier verdict" in result.output


def test_a_reviewed_claim_elsewhere_is_matched_and_listed(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    _ingest(tmp_path, db)
    first = claim_id(db, "council said", "--article", "1")
    result = runner.invoke(app, ["claims", "mark", str(first), "confirmed", "--evidence",
                                 "council minutes of 3 March", "--by", "Ola", "--db", db])
    assert result.exit_code == 0, result.output
    second = claim_id(db, "Ada Quist said", "--article", "2")
    result = runner.invoke(app, ["claims", "list", "--db", db, "--json", "--matches"])
    rows = {int(r["id"]): r for r in json.loads(result.output)}
    match = rows[second]["past_verdict"]
    assert match is not None and match["verdict"] == "confirmed"
    assert match["evidence"] == "council minutes of 3 March"
    ref = match["ref"]
    result = runner.invoke(app, ["claims", "adopt", str(second), "--from", ref, "--by", "Lena",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["claims", "adopt", str(second), "--from", "fact-check:9",
                                 "--by", "Lena", "--db", db])
    assert result.exit_code != 0 and "does not match fact-check:9" in result.output


def test_matching_reads_the_event_not_the_dateline_or_the_speaker() -> None:
    from verifier.stories.matching import content, similarity, terms_of

    text = "VELM, March 1 (Reuters) - The Velm bridge will close in May, the council said."
    source = text.index("the council")
    cue = text.index("said")
    kept = content(text, 100, [(100 + source, 100 + source + 11), (100 + cue, 100 + cue + 4)])
    assert "Reuters" not in kept and "council" not in kept and "bridge will close" in kept
    score, shared = similarity(terms_of(kept), terms_of("The Velm bridge will close in May."),
                               {})
    assert score > 0.9 and "bridge" in shared


def test_reports_show_the_earlier_verdict_escaped(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    _ingest(tmp_path, db)
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(_review(
        author={"name": "<script>alert(1)</script> Desk"},
        url="https://checkers.example/velm?a=<b>")), encoding="utf-8")
    assert runner.invoke(app, ["factchecks", "import", str(hostile), "--db", db]).exit_code == 0
    every = ["report", "--all", "--all-stories"]  # --all alone covers reviewed stories
    result = runner.invoke(app, [*every, "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    matched = json.loads(result.output)["past_verdicts"]
    assert any(m["match"]["kind"] == "fact-check" and "Ada Quist" in m["text"] for m in matched)
    html = runner.invoke(app, [*every, "--format", "html", "--db", db]).output
    assert "Earlier verdicts these claims match" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    markdown = runner.invoke(app, [*every, "--format", "md", "--db", db]).output
    assert "Earlier verdicts these claims match" in markdown and "fact-check:1" in markdown


def test_reading_candidates_by_name_finds_every_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The matcher reads only the reviewed claims and fact-checks that use one of a claim's
    names (one claim at a time, or indexed for many): it finds what comparing the claim with
    every candidate finds, also for rows stored without terms."""
    from sqlalchemy import text

    from verifier.store import past_reads
    from verifier.store.database import open_database
    from verifier.store.reading import open_reader
    from verifier.stories import matching

    runner = CliRunner()
    db = str(tmp_path / "v.db")
    _ingest(tmp_path, db)
    third = tmp_path / "third.txt"
    third.write_text("Dorn ferry fares\nThe Dorn ferry will run twice a day in summer, "
                     "Mayor Ada Quist said.\nOfficials in Dorn said the Velm bridge repairs "
                     "would cost 40 million.\nThe Velm council denied that the bridge would "
                     "close in May.\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(third), "--db", db]).exit_code == 0
    reviews = tmp_path / "reviews.json"
    reviews.write_text(json.dumps([_review(), _review(
        claimReviewed="The Dorn ferry runs twice a day in summer.", url="https://x.example/2",
        reviewRating={"ratingValue": 5})]), encoding="utf-8")
    assert runner.invoke(app, ["factchecks", "import", str(reviews), "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["claims", "list", "--db", db, "--json",
                                            "--status", "any", "--limit", "100"]).output)
    claims = sorted(int(r["id"]) for r in listed)
    for n, claim in enumerate(claims[::2]):
        result = runner.invoke(app, ["claims", "mark", str(claim), ("confirmed", "refuted")[n % 2],
                                     "--evidence", f"record {n}", "--by", "Ola", "--db", db])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["claims", "retract", str(claims[0]), "--evidence", "too soon",
                                 "--by", "Ola", "--db", db])
    assert result.exit_code == 0, result.output
    with open_database(db, create=False) as database, database.session_scope() as session:
        session.execute(text("UPDATE claims SET terms = NULL WHERE id = :c"), {"c": claims[2]})
        session.execute(text("UPDATE fact_checks SET terms = NULL WHERE id = 2"))

    def everything(self: matching.Matcher, names: set[str], claim_id: int) -> list[object]:
        found = [matching._Candidate("claim", r.id, r.text, r.start, r.terms)
                 for r in past_reads.all_reviewed(self.rows)]
        return found + [self._fact_check(f) for f in past_reads.all_fact_checks(self.rows)]

    with open_reader(db) as rows:
        by_name = {c: matching.past_verdicts(rows, c, limit=10) for c in claims}
        indexed = matching.Matcher(rows)
        assert {c: indexed.matches(c, limit=10) for c in claims} == by_name
        one_at_a_time = matching.Matcher(rows, many=False)  # by name, then from its index
        assert {c: one_at_a_time.matches(c, limit=10) for c in claims} == by_name
        prefetched = matching.Matcher(rows)  # as a report reads them: a batch at a time
        prefetched.prefetch(claims[: len(claims) // 2])
        assert {c: prefetched.matches(c, limit=10) for c in claims} == by_name
        with monkeypatch.context() as patched:
            patched.setattr(matching.Matcher, "_candidates", everything)
            assert {c: matching.past_verdicts(rows, c, limit=10) for c in claims} == by_name
    kinds = {m.kind for found in by_name.values() for m in found}
    assert {"claim", "fact-check"} <= kinds, by_name


def test_a_review_url_that_shows_another_address_is_skipped(tmp_path: Path) -> None:
    """A ClaimReview's url holding a bidi override ('https://fc.example/<U+202E>gro') was
    stored and printed by `factchecks list` and the reports as written; fact-checks'
    urls now pass the check every other url verifier stores passes."""
    path = tmp_path / "review.json"
    path.write_text(json.dumps([_review(url="https://fc.example/\u202egro.sretuer"),
                                _review(url="https://fc.example/checks/1")]),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["factchecks", "import", str(path), "--db",
                                      str(tmp_path / "v.db")])
    assert result.exit_code == 1, result.output
    assert "record 1: 'url' is not an http(s) address: 'https://fc.example/\\u202egro" \
        in result.stderr
    assert result.stdout.startswith("1 fact-check stored")
