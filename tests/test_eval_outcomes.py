"""``eval-stories`` on outcomes: score AUC and status agreement through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import InputError
from verifier.evaluation.stories import AGREEING, ScoredSentence, auc, evaluate_outcomes
from verifier.vocab import STORY_STATUSES, VERDICT_STATUSES

BANK = [
    "Norfield Bank agrees to buy Castlebay Mutual",
    "Norfield Bank said on Friday it had agreed to buy rival lender Castlebay Mutual for "
    "$2 billion.",
    "Castlebay Mutual's chief executive Hana Berg said the board backed the Norfield Bank "
    "purchase.",
]
MAYOR = [
    "Portwell mayor to quit over ferry contract",
    "Portwell mayor Ivo Lund will resign next week over a ferry terminal contract, a person "
    "familiar with the matter said.",
    "Lund's office denied that the mayor would resign over the ferry contract.",
]


def _corpus(tmp_path: Path, outcomes: tuple[str | None, str | None]) -> Path:
    docs = {"bank": BANK, "mayor": MAYOR}
    folder = tmp_path / "mini"
    folder.mkdir()
    labels = []
    for doc, sentences in docs.items():
        (folder / f"{doc}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
        labels += [{"doc": doc, "i": i, "text": t, "claim": True, "sourcing": [],
                    "certainty": "certain"} for i, t in enumerate(sentences)]
    (tmp_path / "mini.labels.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in labels), encoding="utf-8")
    gold = [
        {"story": "bank-deal", "doc": "bank", "sentences": [0, 1, 2], "outcome": outcomes[0]},
        {"story": "mayor-quits", "doc": "mayor", "sentences": [0, 1, 2],
         "outcome": outcomes[1]},
    ]
    stories = tmp_path / "mini.stories.jsonl"
    stories.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return stories


def test_auc_counts_ties_as_half_and_needs_both_outcomes() -> None:
    assert auc([0.9, 0.6], [0.3]) == 1.0
    assert auc([0.5], [0.5]) == 0.5
    assert auc([0.2, 0.8], [0.5]) == 0.5
    assert auc([0.7], []) is None


def test_a_gold_story_reads_the_story_most_of_its_sentences_landed_in(tmp_path: Path) -> None:
    stories = _corpus(tmp_path, ("confirmed", "refuted"))
    scored = {
        ("bank", 0): ScoredSentence(4, 0.8, "corroborated"),
        ("bank", 1): ScoredSentence(7, 0.3, "unconfirmed"),
        ("bank", 2): ScoredSentence(7, 0.3, "unconfirmed"),
        ("mayor", 1): ScoredSentence(9, 0.2, "contested"),
    }
    result = evaluate_outcomes(stories, scored)
    rows = {r.story: r for r in result.stories}
    assert (rows["bank-deal"].predicted, rows["bank-deal"].status) == (7, "unconfirmed")
    assert not rows["bank-deal"].agrees and rows["mayor-quits"].agrees
    assert result.auc == 1.0 and result.agreement == 0.5


def test_unknown_outcomes_are_left_out_and_bad_ones_refused(tmp_path: Path) -> None:
    stories = _corpus(tmp_path, ("confirmed", None))
    result = evaluate_outcomes(stories, {})
    assert [r.story for r in result.stories] == ["bank-deal"]
    assert result.stories[0].score is None and result.auc is None
    stories.write_text(json.dumps({"story": "x", "doc": "bank", "sentences": [0],
                                   "outcome": "true"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"outcome 'true'.*disputed"):
        evaluate_outcomes(stories, {})
    stories.write_text(json.dumps({"story": "x", "doc": "bank", "sentences": [0],
                                   "outcome": ["confirmed"]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="outcome"):
        evaluate_outcomes(stories, {})


def test_every_verdict_status_is_an_outcome_with_open_statuses_agreeing() -> None:
    assert set(AGREEING) == set(VERDICT_STATUSES)
    assert all(agreeing and set(agreeing) <= set(STORY_STATUSES)
               for agreeing in AGREEING.values())


def test_a_disputed_story_agrees_when_contested_and_stays_out_of_the_auc(
    tmp_path: Path,
) -> None:
    stories = _corpus(tmp_path, ("confirmed", "disputed"))
    scored = {
        ("bank", 1): ScoredSentence(4, 0.3, "corroborated"),
        ("mayor", 1): ScoredSentence(9, 0.9, "contested"),
    }
    result = evaluate_outcomes(stories, scored)
    rows = {r.story: r for r in result.stories}
    assert rows["mayor-quits"].outcome == "disputed" and rows["mayor-quits"].agrees
    # no refuted story: the disputed one (scoring above the confirmed) is no negative
    assert result.auc is None and result.agreement == 1.0
    data = result.to_dict()
    assert (data["confirmed"], data["refuted"], data["disputed"]) == (1, 0, 1)
    assert data["stories"][1]["score"] == 0.9
    corroborated = {("mayor", 1): ScoredSentence(9, 0.9, "corroborated")}
    assert not evaluate_outcomes(stories, corroborated).stories[1].agrees


def test_eval_stories_reports_disputed_stories(tmp_path: Path) -> None:
    stories = _corpus(tmp_path, ("confirmed", "disputed"))
    runner = CliRunner()
    result = runner.invoke(app, ["eval-stories", str(stories), "--json"])
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.output)["outcomes"]
    assert outcomes["disputed"] == 1 and outcomes["auc"] is None
    # the mayor's denied resignation is contested: that agrees with a disputed outcome
    assert outcomes["stories"][1]["status"] == "contested"
    assert outcomes["status_agreement"] == 1.0
    result = runner.invoke(app, ["eval-stories", str(stories)], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "disputed stories (not in the AUC)" in result.output
    assert "2 stories, 1 disputed" in result.output


def test_eval_stories_prints_all_four_measures(tmp_path: Path) -> None:
    stories = _corpus(tmp_path, ("confirmed", "refuted"))
    runner = CliRunner()
    result = runner.invoke(app, ["eval-stories", str(stories), "--json"])
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.output)["outcomes"]
    rows = {r["story"]: r for r in outcomes["stories"]}
    # an on-record confirmation against an unnamed tip that the party denied
    assert rows["bank-deal"]["status"] == "corroborated"
    assert rows["mayor-quits"]["status"] == "contested"
    assert rows["bank-deal"]["score"] > rows["mayor-quits"]["score"]
    assert outcomes["auc"] == 1.0 and outcomes["status_agreement"] == 1.0
    result = runner.invoke(app, ["eval-stories", str(stories)], terminal_width=120)
    assert result.exit_code == 0, result.output
    for row in ("membership F1 macro", "cross-article", "score AUC", "status agrees"):
        assert row in result.output
    result = runner.invoke(app, ["eval-stories", str(stories), "--no-scores"],
                           terminal_width=120)
    assert "not run" in result.output


def test_several_corpora_pool_and_refuse_one_files_options(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "one" if (tmp_path / "one").mkdir() is None else tmp_path,
                    ("confirmed", "refuted"))
    (tmp_path / "two").mkdir()
    second = _corpus(tmp_path / "two", ("confirmed", None))
    runner = CliRunner()
    result = runner.invoke(app, ["eval-stories", str(first), str(second), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["gold_stories"] == 4 and len(data["outcomes"]["stories"]) == 3
    result = runner.invoke(app, ["eval-stories", str(first), str(second), "--texts",
                                 str(tmp_path)])
    assert result.exit_code != 0 and "one stories file" in result.output


DENIED = [
    "Harwick Rail denies plan to close Tolmead depot",
    "Harwick Rail denied on Monday that it plans to close its Tolmead depot, after a local "
    "paper reported the closure.",
    "The Tolmead depot employs 300 people.",
]
CONFIRMED = [
    "Harwick Rail to close Tolmead depot",
    "Harwick Rail will close its Tolmead depot in June, the company's chief executive Mara "
    "Olsen said on Tuesday.",
    "The Tolmead depot closure will cost 300 jobs at the site.",
    "Harwick Rail will move the Tolmead depot's work to its Brenford yard.",
]


def test_eval_stories_reads_each_texts_date_from_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    folder.mkdir()
    labels = []
    for doc, sentences in {"deny": DENIED, "confirm": CONFIRMED}.items():
        (folder / f"{doc}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
        labels += [{"doc": doc, "i": i, "text": t, "claim": True, "sourcing": [],
                    "certainty": "certain"} for i, t in enumerate(sentences)]
    (tmp_path / "depot.labels.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in labels), encoding="utf-8")
    stories = tmp_path / "depot.stories.jsonl"
    stories.write_text("".join(json.dumps(g) + "\n" for g in [
        {"story": "depot-closes", "doc": "deny", "sentences": [0, 1], "outcome": "confirmed"},
        {"story": "depot-closes", "doc": "confirm", "sentences": [0, 1, 2, 3],
         "outcome": "confirmed"},
        {"story": "depot-staff", "doc": "deny", "sentences": [2], "outcome": None},
    ]), encoding="utf-8")
    runner = CliRunner()

    def status() -> str:
        result = runner.invoke(app, ["eval-stories", str(stories), "--json"])
        assert result.exit_code == 0, result.output
        return str(json.loads(result.output)["outcomes"]["stories"][0]["status"])

    # no dates: which report came first is unknown, the denial stands
    assert status() == "contested"
    manifest = tmp_path / "depot.manifest.tsv"
    manifest.write_text("set\tdoc\toutlet\turl\tpublished\n"
                        "depot\tdeny\tGazette\thttp://gazette.example/1\t2024-03-04\n"
                        "depot\tconfirm\tCourier\thttp://courier.example/2\t"
                        "2024-03-12 (inferred from text)\n", encoding="utf-8")
    assert status() == "corroborated"  # denied, then confirmed
    manifest.write_text("depot\tdeny\tGazette\thttp://gazette.example/1\t2024-03-14\n"
                        "depot\tconfirm\tCourier\thttp://courier.example/2\t2024-03\n",
                        encoding="utf-8")
    assert status() == "contested"  # a month alone orders nothing
    manifest.write_text("depot\tdeny\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-stories", str(stories)])
    assert result.exit_code != 0 and "depot.manifest.tsv:1: expected set, doc" in result.output
    assert "Traceback" not in result.output


def test_the_report_names_both_reports_and_their_dates(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "desk.db")
    for doc, sentences, day in (("deny", DENIED, "2024-03-04"),
                                ("confirm", CONFIRMED, "2024-03-12")):
        path = tmp_path / f"{doc}.txt"
        path.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        result = runner.invoke(app, ["ingest", str(path), "--db", db, "--published", day])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", "--story", "1", "--format", "md", "--db", db])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("\\", "").split())
    assert "Open status corroborated: denied by Harwick Rail in article 1: Harwick Rail " \
        "denies plan to close Tolmead depot (2024-03-04), then stated as fact in its own " \
        "voice by article 2: Harwick Rail to close Tolmead depot (2024-03-12)" in text
