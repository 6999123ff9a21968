"""Earlier verdicts matched without a shared name, and names joined by "&": the tiers of
``data/adopting.yaml`` (each example gives what it states), the library's matcher, the CLI
(``claims show``, ``claims list --matches``, ``claims adopt``) and ClaimReview imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli_helpers import claim_id, ingest_text
from tests.desk_texts import REVIEW
from verifier.cli import app
from verifier.errors import ConfigError
from verifier.registry import Registry
from verifier.stories.adopting import AdoptBar, Example, Shared, Tier, adopt_bar
from verifier.stories.matching import ampersand_terms, example_gives, terms_of

#: A claim naming nobody, reviewed, and its near-duplicate in another article.
LEAK = "A chemical leak at the fertiliser plant forced the evacuation of 300 homes."
LEAK_AGAIN = ("Some 300 homes were evacuated after a chemical leak at the fertiliser plant, "
              "the fire service said.")
#: A reviewed claim of common words, and an unrelated claim using the same ones.
PRICES = "The government said prices will rise next year."
PRICES_OTHER = "Prices will rise, the government warned, as wages fall."
#: Articles that make those words common (as most of a desk's articles use them).
BUDGET = ("Budget week {n}\nThe government said prices and wages will rise and fall with "
          "the budget, a minister said.\n")


@pytest.mark.parametrize("example", adopt_bar().examples,
                         ids=lambda e: e.claim[:40])
def test_every_example_gives_what_it_states(example: Example) -> None:
    assert example_gives(example) == example.gives


def test_the_examples_cover_every_verdict_and_a_match_without_names() -> None:
    examples = adopt_bar().examples
    assert {e.gives for e in examples} == {"same", "related", "none"}
    unnamed = [e for e in examples if e.gives == "same"
               and not any(t.startswith("N:") for t in terms_of(e.claim))]
    assert unnamed, "an example of a claim naming nobody matched in one step"


def test_names_joined_by_an_ampersand_are_one_name() -> None:
    # the grouping terms see no name in "AT&T" ("at" is a stopword, "T" too short)
    from verifier.stories.matching import judge, similarity
    from verifier.stories.terms import idf, words

    assert not any(t.startswith("N:") for t in words("AT&T raised its prices."))
    assert terms_of("AT&T raised its prices.")["N:at&t"] == 1
    assert ampersand_terms("S&P and H&M; R&D rose; Procter & Gamble") == [
        "N:s&p", "N:h&m", "W:r&d"]
    assert ampersand_terms("no ampersand here") == []
    assert ampersand_terms("rock&roll, A&, &B") == []
    # without the name, the AT&T example would share two words (one common): no match
    example = next(e for e in adopt_bar().examples if "AT&T" in e.claim)
    assert example_gives(example) == "same"
    mine, theirs = words(example.claim), words(example.reviewed)
    weights = {t: idf(50 if t == "W:pric" else 1, 100) for t in (*mine, *theirs)}
    score, shared = similarity(mine, theirs, weights)
    assert judge(score, shared, set(), weights, 100) == "none"
    # a name the bar lists as a word ("R&D") is a word
    bar = adopt_bar()
    assert ampersand_terms("AT&T", AdoptBar(bar.offer, bar.adopt, frozenset({"at&t"}))) == [
        "W:at&t"]


def test_a_tier_says_what_a_match_lacks() -> None:
    bar = adopt_bar()
    assert bar.gives(Shared(0.9, 0, 4, 3.0)) == "same"  # no name, uncommon words
    assert bar.gives(Shared(0.9, 0, 4, 0.8)) == "none"  # no name, common words
    assert bar.gives(Shared(0.83, 3, 0)) == "related"   # names only
    assert "common" in bar.below("claim", 0.9, 4, names=0, weight=0.8)
    assert "only names" in bar.below("claim", 0.83, 0, names=3)
    assert bar.below("claim", 0.9, 4, names=0, weight=3.0) == ""
    assert bar.below("story", 1.0, 0) == ""  # grouped into the reviewed story
    assert bar.below("fact-check", 0.6, bar.adopt[0].words) == ""
    assert bar.unnamed_words == 3
    assert bar.could(0, 3) and not bar.could(0, 2) and bar.could(1, 2)
    assert Tier(similarity=0.5, names=1).short(Shared(0.4, 0, 2)) == [
        "similarity 0.40, under 0.50", "it shares no name"]


@pytest.mark.parametrize(("text", "message"), [
    ("offer: [{similarity: 0.5}]\n", "offer and adopt"),
    ("offer: [{similarity: 0.5}]\nadopt: []\n", "'adopt'"),
    ("offer: [{similarity: 0.5}]\nadopt: [{words: 2}]\n", "adopt[0]"),
    ("offer: [{similarity: 1.5}]\nadopt: [{similarity: 0.5}]\n", "offer[0].similarity"),
    ("offer: [{similarity: 0.5, name: 1}]\nadopt: [{similarity: 0.5}]\n", "offer[0].name"),
    ("offer: [{similarity: 0.5, words: 1.5}]\nadopt: [{similarity: 0.5}]\n",
     "offer[0].words"),
    ("offer: [{similarity: 0.5}]\nadopt: [{similarity: 0.5}]\nampersand_words: [RD]\n",
     "ampersand_words"),
    ("offer: [{similarity: 0.5}]\nadopt: [{similarity: 0.5}]\n"
     "examples: [{reviewed: a, claim: b, gives: maybe}]\n", "examples[0].gives"),
])
def test_the_bars_are_validated_data(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "adopting.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"adopting\.yaml.*" + message.replace("[", r"\[")
                       .replace("]", r"\]").replace(".", r"\.")):
        adopt_bar(path)


def _mark(runner: CliRunner, db: str, claim: int, status: str, evidence: str) -> None:
    result = runner.invoke(app, ["claims", "mark", str(claim), status, "--evidence", evidence,
                                 "--by", "Ana", "--db", db])
    assert result.exit_code == 0, result.output


def _desk(runner: CliRunner, db: str, tmp_path: Path) -> dict[str, int]:
    """A desk that reviewed a claim naming nobody and a claim of common words, then met the
    first's near-duplicate and an unrelated claim with the second's words."""
    for n in range(6):
        ingest_text(db, tmp_path / f"budget{n}.txt", BUDGET.format(n=n))
    ingest_text(db, tmp_path / "leak.txt", f"Plant leak\n{LEAK}\n")
    ingest_text(db, tmp_path / "prices.txt", f"Price outlook\n{PRICES}\n")
    ids = {"leak": claim_id(db, "forced the evacuation"),
           "prices": claim_id(db, "prices will rise next year")}
    _mark(runner, db, ids["leak"], "confirmed", "fire service log of 4 March")
    _mark(runner, db, ids["prices"], "refuted", "the budget office forecast")
    ingest_text(db, tmp_path / "again.txt", f"Homes evacuated\n{LEAK_AGAIN}\n")
    ingest_text(db, tmp_path / "other.txt", f"Wages\n{PRICES_OTHER}\n")
    ids["again"] = claim_id(db, "were evacuated")
    ids["other"] = claim_id(db, "as wages fall")
    return ids


def test_a_returning_claim_without_names_shows_and_takes_the_earlier_verdict(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ids = _desk(runner, db, tmp_path)
    shown = " ".join(runner.invoke(app, ["claims", "show", str(ids["again"]), "--db", db])
                     .output.split())
    assert f"claim:{ids['leak']} confirmed" in shown, shown
    assert "fire service log of 4 March" in shown and "possibly related" not in shown, shown
    assert f"claims adopt {ids['again']}" in shown, shown
    data = json.loads(runner.invoke(app, ["claims", "show", str(ids["again"]), "--db", db,
                                          "--json"]).output)
    match = data["past_verdicts"][0]
    assert match["ref"] == f"claim:{ids['leak']}" and match["possibly_related"] is False
    assert {"chemical", "leak", "fertiliser"} <= set(match["shared"]), match
    # the unrelated claim with the same common words is offered nothing
    other = json.loads(runner.invoke(app, ["claims", "show", str(ids["other"]), "--db", db,
                                           "--json"]).output)
    assert other["past_verdicts"] == [], other["past_verdicts"]
    listed = {int(r["id"]): r for r in json.loads(runner.invoke(
        app, ["claims", "list", "--db", db, "--json", "--matches"]).output)}
    assert listed[ids["again"]]["past_verdict"]["ref"] == f"claim:{ids['leak']}"
    assert listed[ids["other"]]["past_verdict"] is None
    result = runner.invoke(app, ["claims", "adopt", str(ids["again"]), "--by", "Lena",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    verdict = json.loads(runner.invoke(app, ["claims", "show", str(ids["again"]), "--db", db,
                                             "--json"]).output)["verdicts"][-1]
    assert verdict["status"] == "confirmed" and f"claim {ids['leak']}" in verdict["evidence"]
    result = runner.invoke(app, ["claims", "adopt", str(ids["other"]), "--by", "Lena",
                                 "--db", db])
    assert result.exit_code != 0 and "matches no earlier verdict" in result.output


def test_the_terminal_report_shows_the_earlier_verdict_a_claim_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`verifier report` (text, the default) lists the earlier verdict as the Markdown,
    HTML and JSON reports do: the claim, the verdict, its evidence and how to take it; the
    first few (``PAST_VERDICTS``), and says when there are more."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ids = _desk(runner, db, tmp_path)
    shown_json = json.loads(runner.invoke(app, ["claims", "show", str(ids["again"]), "--db", db,
                                                "--json"]).output)
    # its story and score as the queue's row gives them (they were null in `claims show`)
    row = next(r for r in json.loads(runner.invoke(app, ["claims", "list", "--db", db,
                                                         "--json"]).output)
               if r["id"] == ids["again"])
    assert row["story"] is not None and row["score"] is not None, row
    assert (shown_json["story"], shown_json["score"]) == (row["story"], row["score"])
    assert shown_json["stories"] == [row["story"]]
    article = shown_json["article_id"]
    result = runner.invoke(app, ["report", "--article", str(article), "--db", db])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "Earlier verdicts these claims match" in shown, shown
    assert (f"claim #{ids['again']} Some 300 homes were evacuated" in shown
            and f"matches claim:{ids['leak']}, confirmed" in shown
            and "evidence: fire service log of 4 March" in shown
            and f"claims adopt {ids['again']} --from claim:{ids['leak']}" in shown), shown
    assert "and more claims that match one" not in shown
    from verifier.cli import report_render

    monkeypatch.setattr(report_render, "PAST_VERDICTS", 0)  # it stops at the first found
    shown = " ".join(runner.invoke(app, ["report", "--article", str(article), "--db", db])
                     .output.split())
    assert "Earlier verdicts these claims match" in shown and f"claim #{ids['again']}" not in \
        shown and "… and more claims that match one (`--format md` lists every one)" in shown


def test_every_way_of_reading_candidates_finds_the_matches_without_names(
    tmp_path: Path,
) -> None:
    """One claim at a time (by its names and rarest words, then indexed), all at once, and
    expected in a batch: the same matches."""
    from verifier.store.reading import open_reader
    from verifier.stories.matching import Matcher, past_verdicts

    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ids = _desk(runner, db, tmp_path)
    listed = json.loads(runner.invoke(app, ["claims", "list", "--db", db, "--json",
                                            "--status", "any", "--limit", "100"]).output)
    claims = sorted(int(r["id"]) for r in listed)
    with open_reader(db) as rows:
        alone = {c: past_verdicts(rows, c, limit=10) for c in claims}
        assert alone[ids["again"]] and not alone[ids["other"]]
        many = Matcher(rows)
        assert {c: many.matches(c, limit=10) for c in claims} == alone
        few = Matcher(rows, many=False)
        assert {c: few.matches(c, limit=10) for c in claims} == alone
        expected = Matcher(rows, many=False)
        expected.expect(claims)
        assert {c: expected.matches(c, limit=10) for c in claims} == alone


def test_an_imported_fact_check_without_names_is_matched_the_same_way(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    for n in range(6):
        ingest_text(db, tmp_path / f"budget{n}.txt", BUDGET.format(n=n))
    review = {**REVIEW, "claimReviewed": LEAK, "url": "https://checkers.example/leak"}
    other = {**REVIEW, "claimReviewed": PRICES, "url": "https://checkers.example/prices",
             "reviewRating": {"@type": "Rating", "alternateName": "True"}}
    att = {**REVIEW, "claimReviewed": "AT&T raised its prices.",
           "url": "https://checkers.example/att"}
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([review, other, att]), encoding="utf-8")
    result = runner.invoke(app, ["factchecks", "import", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    ingest_text(db, tmp_path / "again.txt", f"Homes evacuated\n{LEAK_AGAIN}\n")
    ingest_text(db, tmp_path / "other.txt", f"Wages\n{PRICES_OTHER}\n")
    ingest_text(db, tmp_path / "att.txt", "Phone bills\nAT&T prices were raised again "
                "in March, customers said.\n")
    for words, wanted in (("were evacuated", "fact-check:1"), ("as wages fall", None),
                          ("AT&T prices", "fact-check:3")):
        claim = claim_id(db, words)
        data = json.loads(runner.invoke(app, ["claims", "show", str(claim), "--db", db,
                                              "--json"]).output)
        refs = [m["ref"] for m in data["past_verdicts"] if not m["possibly_related"]]
        assert refs[:1] == ([wanted] if wanted else []), (words, data["past_verdicts"])
    claim = claim_id(db, "were evacuated")
    result = runner.invoke(app, ["claims", "adopt", str(claim), "--by", "Lena", "--db", db])
    assert result.exit_code == 0 and "adopted from fact-check:1" in result.output, result.output


@pytest.mark.usefixtures("real_migrations")
def test_migration_0023_rereads_the_matching_terms_of_names_joined_by_an_ampersand(
    db_url: str, registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from verifier.ingest.factchecks import parse_claim_review
    from verifier.ingest.pipeline import ingest_paths
    from verifier.store import add_verdict
    from verifier.store import database as dbmod
    from verifier.store.factchecks import save_fact_checks
    from verifier.store.models import Claim, FactCheck, ReviewedStem
    from verifier.stories import matching

    folder = tmp_path / "in"
    folder.mkdir()
    folder.joinpath("att.txt").write_text(
        "Phone bills\nAT&T raised its prices in March, the company said.\n"
        "Ticket sales at the Velm ferry rose.\n", encoding="utf-8")
    check = parse_claim_review({**REVIEW, "claimReviewed": "AT&T raised its prices."}, "x")

    def build(database: dbmod.Database) -> None:
        ingest_paths(database, [folder], registry)
        with database.session_scope() as session:
            for (claim_id,) in session.execute(select(Claim.id)).all():
                add_verdict(session, claim_id=claim_id, status="confirmed", evidence="e",
                            reviewer="r")
            save_fact_checks(session, [(check, matching.packed_terms(check.claim))])

    def kept(database: dbmod.Database) -> tuple[object, ...]:
        with database.session_scope(write=False) as session:
            return (sorted(session.execute(select(Claim.text, Claim.content_terms)).all()),
                    sorted(session.execute(select(Claim.text, ReviewedStem.stem).join(
                        ReviewedStem, ReviewedStem.claim_id == Claim.id)).all()),
                    sorted(session.execute(select(FactCheck.claim, FactCheck.terms)).all()))

    with dbmod.open_database(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        build(fresh)
        expected = kept(fresh)
    with dbmod.open_database(db_url) as database:
        monkeypatch.setattr(matching, "ampersand_terms", lambda text, bar=None: [])
        build(database)  # as kept before the change: "AT&T" gave no term
        before = kept(database)
        assert before != expected
        dbmod.downgrade(database, "0022")
        monkeypatch.undo()
        dbmod.upgrade(database)
        after = kept(database)
    assert after == expected
    assert any("N:at&t" in str(terms) for _, terms in after[2])


def test_the_desk_shows_and_adopts_the_earlier_verdict_of_a_claim_without_names(
    desk: str, tmp_path: Path
) -> None:
    from tests.test_web import client_for
    from tests.web_helpers import token

    ids = _desk(CliRunner(), desk, tmp_path)
    client = client_for(desk, "reviewer")
    page = client.get(f"/claims/{ids['again']}").text
    assert "Earlier verdicts it matches" in page and "fire service log of 4 March" in page
    assert f'action="/claims/{ids["again"]}/adopt"' in page and "possibly related" not in page
    assert "Earlier verdicts it matches" not in client.get(f"/claims/{ids['other']}").text
    response = client.post(f"/claims/{ids['again']}/adopt",
                           data={"csrf": token(client), "from": f"claim:{ids['leak']}"})
    assert response.status_code == 200 and "Earlier verdict adopted." in response.text


@pytest.mark.parametrize("bar", [
    adopt_bar(),
    AdoptBar(offer=(Tier(similarity=0.5, names=2, terms=2),),
             adopt=(Tier(similarity=0.6, names=1, words=4), Tier(similarity=0.4, terms=5))),
])
def test_least_terms_is_the_fewest_shared_terms_a_tier_could_pass_with(bar: AdoptBar) -> None:
    passing = [terms for terms in range(12) for names in range(terms + 1)
               if bar.could(names, terms)]
    assert min(passing) == bar.least_terms
