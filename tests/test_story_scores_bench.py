"""bench/story_scores.py --swap on invented stories: which term a grouping error moves, and
the lost pairs by kind of membership error."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import story_scores

from verifier.config import data_path
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.terms import TERMS
from verifier.scoring.weights import effective_weights

WEIGHTS = effective_weights(data_path("scoring.yaml")).weights


def _claim(claim_id: int, text: str, speaker: str | None = None, stance: str = "asserts",
           source: str = "") -> ClaimEvidence:
    attributions = () if speaker is None else (AttributionEvidence(
        speaker, stance, source, 0, len(source), "said", 0, 4),)
    return ClaimEvidence(claim_id, claim_id, text, 0, len(text), "certain", None, None, None,
                         attributions, f"article:{claim_id}", f"article {claim_id}")


#: A confirmed story told in a report's own voice, and a refuted rumour its party denies.
OWN = _claim(1, "Zorvak Motors completed its purchase of Plenta Bikes on Monday.")
OWN_TOO = _claim(2, "The purchase of Plenta Bikes closed after the Quillford vote.")
RUMOUR = _claim(3, "Brant Foods is in talks to buy Harrow Dairy, people familiar said.",
                "unnamed", source="people familiar")
DENIAL = _claim(4, "Harrow Dairy denied it was in talks with Brant Foods.", "official",
                "denies", "Harrow Dairy")
OTHER = _claim(5, "Quillford council approved a new cycle lane on Harrow Street.")
OTHER_TOO = _claim(6, "The Harrow Street lane opens in spring after a vote of the council.")
OTHER_THREE = _claim(7, "Work on the Harrow Street lane starts in March, the plans show.")
OTHER_FOUR = _claim(8, "The Harrow Street lane will run for two miles along the river.")
OWN_PRICE = _claim(9, "Zorvak Motors paid 40 million euros for Plenta Bikes, two people "
                   "familiar said.", "unnamed", source="two people familiar")
#: Three parties denying the rumour.
DENIALS = tuple(_claim(10 + n, f"{party} denied it was in talks with Brant Foods.", "official",
                      "denies", party)
                for n, party in enumerate(["Harrow Dairy", "Quillford Mills", "Plenta Farms"]))


def _scored(story: str, outcome: str, claims: tuple[ClaimEvidence, ...]) -> story_scores.Scored:
    return story_scores.Scored("setX", story, outcome, assess(claims, WEIGHTS), claims)


def test_a_split_from_the_denial_is_put_on_the_denials_term_and_on_the_refuted_story() -> None:
    # the confirmed story told half in a report's own voice, half through anonymous sources
    gold = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_PRICE)),
            _scored("brant-buys-harrow", "refuted", (RUMOUR, DENIAL))]
    # the rumour's report landed apart from the denial, beside another matter (told in
    # four reports' own voice: own voice weighs by its share of the story's statements)
    predicted = [gold[0], _scored("brant-buys-harrow", "refuted",
                                  (RUMOUR, OTHER, OTHER_TOO, OTHER_THREE, OTHER_FOUR))]
    members = {("setX", 1): "zorvak-buys-plenta", ("setX", 9): "zorvak-buys-plenta",
               ("setX", 3): "brant-buys-harrow", ("setX", 4): "brant-buys-harrow"}
    assert gold[0].score > gold[1].score
    assert predicted[1].score >= predicted[0].score  # the split misorders the pair

    lines = story_scores.swap_report(predicted, gold, "predicted", members)

    table = {line.split()[0]: line.split()[1:] for line in lines[2:2 + len(TERMS)]}
    assert table["denials"][0] == "1.000"  # the gold denial puts the pair back in order
    assert table["own_voice"][0] == "1.000"  # the other report's own voice goes too
    assert table["refusals"] == ["0.000", "1.000"]  # a term neither membership holds
    assert any(line.split()[-2:] == ["refuted", "split+extra"] for line in lines[3 + len(TERMS):])


def test_a_story_that_took_another_story_s_denials_is_named_merged() -> None:
    # the denials are a story of their own (no outcome), the confirmed story took them
    gold = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_TOO)),
            _scored("brant-buys-harrow", "refuted", (RUMOUR,))]
    predicted = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_TOO, *DENIALS)),
                 gold[1]]
    members = {("setX", c.claim_id): "harrow-denies-talks" for c in DENIALS}
    members |= {("setX", 1): "zorvak-buys-plenta", ("setX", 2): "zorvak-buys-plenta",
                ("setX", 3): "brant-buys-harrow"}
    assert predicted[0].score <= predicted[1].score

    lines = story_scores.swap_report(predicted, gold, "predicted", members)

    table = {line.split()[0]: line.split()[1:] for line in lines[2:2 + len(TERMS)]}
    assert table["denials"][0] == "1.000"
    assert [line.split()[-2:] for line in lines[3 + len(TERMS):]] == [["confirmed", "merged"]]


def test_the_status_table_names_the_rule_that_decided_and_what_a_merge_moved() -> None:
    gold = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_TOO)),
            _scored("brant-buys-harrow", "refuted", (RUMOUR, DENIAL))]
    assert [r.assessment.status_rule for r in gold if r.assessment] == ["origins", "denied"]
    # the confirmed story took another story's denials: contested, by the denial rule
    predicted = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_TOO, *DENIALS)),
                 gold[1]]

    lines = story_scores.status_report(predicted, gold, "predicted")

    rows = {line.split()[0]: line.split()[1:] for line in lines[2:10]}
    assert rows["denied"] == ["1", "(", "0)", "1", "(", "1)"]  # confirmed 1 (0 agree), refuted
    assert "origins" not in rows
    per_set = next(line for line in lines if line.startswith("  X "))
    assert per_set.split()[1:] == ["1/2", "conf:denied", "1"]
    assert lines[-1].split() == ["1", "gold", "confirmed", "origins", "->", "denied"]
    # each disagreeing story, by its rule, with the reason quoting the statement it rests on
    listed = next(line for line in lines if line.startswith("    setX:zorvak-buys-plenta"))
    assert listed.split()[1:3] == ["(conf,", "denied)"]
    assert "denied by" in listed and "'" in listed
    # on the gold membership itself there is nothing to compare
    assert not any("differs" in line for line in story_scores.status_report(gold, gold, "gold"))


def test_against_lists_the_stories_that_moved_largest_first() -> None:
    now = [_scored("zorvak-buys-plenta", "confirmed", (OWN, OWN_TOO)),
           _scored("brant-buys-harrow", "refuted", (RUMOUR, DENIAL)),
           _scored("quillford-lane", "confirmed", (OTHER,))]
    was = [now[0], _scored("brant-buys-harrow", "refuted", (RUMOUR,)),
           _scored("quillford-lane", "confirmed", (OTHER, DENIAL))]
    lines = story_scores.moved_report(now, was, "before")
    assert lines[0] == "2 stories moved against before (score was -> now, status was -> now):"
    assert len(lines) == 3 and all("zorvak" not in line for line in lines)
    moves = [abs(now[n].score - was[n].score) for n in (1, 2)]
    first = "brant-buys-harrow" if moves[0] >= moves[1] else "quillford-lane"
    assert first in lines[1]
    denied = next(line for line in lines if "brant-buys-harrow" in line)
    assert "(refuted)" in denied and "-> contested (ok)" in denied
    assert story_scores.moved_report(now, now, "before") == ["no story moved against before"]


def _dated(claim: ClaimEvidence, day: int, carrier: str) -> ClaimEvidence:
    from dataclasses import replace
    from datetime import UTC, datetime

    return replace(claim, published=datetime(2024, 5, day, tzinfo=UTC), carrier=carrier,
                   carrier_name=carrier.title(), article_id=day)


def test_grid_chooses_a_value_leave_one_set_out_and_scores_the_set_left_out(
        tmp_path: Path) -> None:
    # in each set a confirmed story denied and then reported by another outlet days later
    # (0.49 with the answered denial weighing in full, 0.76 with it weighing nothing:
    # denials.answered_weight), and a refuted rumour told beside two reports' own words (0.66)
    denied = _dated(_claim(20, "Harrow Dairy denied it would sell its Quillford plant.",
                           "official", "denies", "Harrow Dairy"), 1, "gazette")
    sold = _dated(_claim(21, "Harrow Dairy sold its Quillford plant to Brant Foods."), 9,
                  "courier")
    full = tmp_path / "full.yaml"
    full.write_text("denials: {answered_weight: 1.0}\n", encoding="utf-8")
    effective = effective_weights(full)
    rows = [story_scores.Scored(name, story, outcome, assess(claims, effective.weights), claims)
            for name in ("setA", "setB")
            for story, outcome, claims in (("harrow-sells", "confirmed", (denied, sold)),
                                           ("brant-buys-harrow", "refuted",
                                            (RUMOUR, OTHER, OTHER_TOO)))]
    grid = story_scores.grid_values(["denials.answered_weight=0,1.0"])
    assert grid == [("denials.answered_weight", (0, 1.0))]
    lines = story_scores.grid_report({"gold": rows}, effective, grid, "gold")
    assert lines[0] == ("leave-one-set-out choice of denials.answered_weight (now (1.0,)) on "
                        "the gold membership: AUC/status in force -> held out")
    # each set left out is scored with the value the other chose: 0 (the rumour is
    # corroborated by the reports' own words either way: status 0.5)
    assert lines[1] == ("gold       A 0.0/0.5 -> 1.0/0.5  B 0.0/0.5 -> 1.0/0.5  pooled "
                        "0.0/0.5 -> 1.0/0.5")
    assert lines[2] == "chosen: A (0,)  B (0,)"
    assert lines[3:] == ["  {'denials.answered_weight': 0} on all sets: gold 1.0/0.5",
                         "  {'denials.answered_weight': 1.0} on all sets: gold 0.0/0.5"]
