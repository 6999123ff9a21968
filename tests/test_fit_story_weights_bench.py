"""bench/fit_story_weights.py on invented stories: the score read as a linear function of
its weights (the explanation lines as features), a leave-one-set-out fit, and the fitted
weights written as a scoring override and into a copy of scoring.yaml."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import fit_story_weights as fit
import story_scores

from verifier.config import data_path
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import effective_weights

EFFECTIVE = effective_weights(data_path("scoring.yaml"))


def _claim(claim_id: int, text: str, speaker: str | None = None, stance: str = "asserts",
           source: str = "", certainty: str = "certain") -> ClaimEvidence:
    attributions = () if speaker is None else (AttributionEvidence(
        speaker, stance, source, 0, len(source), "said", 0, 4),)
    return ClaimEvidence(claim_id, claim_id, text, 0, len(text), certainty, None, None, None,
                         attributions, f"article:{claim_id}", f"article {claim_id}")


def _stories(set_name: str, first: int) -> list[story_scores.Scored]:
    """Two confirmed stories (own voice; an official) and two refuted ones (a hedged rumour;
    a denied one) of one set."""
    n = first
    stories = {
        "own-voice": ("confirmed", (
            _claim(n, "Zorvak Motors completed its purchase of Plenta Bikes on Monday."),
            _claim(n + 1, "The purchase of Plenta Bikes closed after the Quillford vote."))),
        "official": ("confirmed", (
            _claim(n + 2, "Quillford council approved the Harrow Street cycle lane.",
                   "official", source="Quillford council"),)),
        "hedged": ("refuted", (
            _claim(n + 3, "Brant Foods could buy Harrow Dairy, people familiar said.",
                   "unnamed", source="people familiar", certainty="possible"),)),
        "denied": ("refuted", (
            _claim(n + 4, "Tolvin Mills is in talks to buy Orsk Farms, sources said.",
                   "unnamed", source="sources"),
            _claim(n + 5, "Orsk Farms denied it was in talks with Tolvin Mills.", "official",
                   "denies", "Orsk Farms"))),
    }
    return [story_scores.Scored(set_name, story, outcome, assess(claims, EFFECTIVE.weights),
                                claims)
            for story, (outcome, claims) in stories.items()]


ROWS = [*_stories("setA", 1), *_stories("setB", 101), *_stories("setC", 201)]
W0 = np.array([float(EFFECTIVE.values[k]) for k in fit.FEATURES])


def test_the_slopes_reproduce_the_scorer_for_other_weights() -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    # the hand weights give back each story's log-odds: the score is additive in them
    assert np.allclose(tab.x @ W0, tab.t0)
    moved = W0.copy()
    moved[fit.FEATURES.index("own_voice.weight")] = 0.7
    moved[fit.FEATURES.index("denials.per_party")] = -2.0
    weights = EFFECTIVE.changed({"own_voice.weight": 0.7, "denials.per_party": -2.0})
    again = [story_scores.total(assess(r.claims, weights)) for r in ROWS]
    assert np.allclose(tab.totals(moved, W0), again)


def test_each_set_is_scored_with_what_the_others_fit() -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    for name in ("hand", "terms", "full", "select"):
        method = fit.methods([name])[0]
        report = fit.loso(method, tab, {}, W0, 0.2, tab, EFFECTIVE)
        assert [f["set"] for f in report["folds"]] == ["setA", "setB", "setC"]
        # every set orders its confirmed stories above its refuted ones
        assert all(report["gold"][s][0] == 1.0 for s in ("setA", "setB", "setC"))
    hand = fit.loso(fit.methods(["hand"])[0], tab, {}, W0, 0.2, tab, EFFECTIVE)
    assert all(np.allclose(f["weights"], W0) for f in hand["folds"])


def test_the_fitted_weights_load_as_an_override_and_replace_the_file_s_values(
        tmp_path: Path) -> None:
    values = {k: float(v) for k, v in zip(fit.FEATURES, W0, strict=True)}
    values["own_voice.weight"] = 1.25
    values["base"] = -0.125
    fitted = {"weights": values, "threshold": 0.15}
    override = tmp_path / "fitted.yaml"
    override.write_text(fit.override_text(fitted, ["fitted on invented stories"]),
                        encoding="utf-8")
    loaded = effective_weights(override)
    assert loaded.values["own_voice.weight"] == 1.25
    assert loaded.values["status.corroborated_min_score"] == 0.15
    assert loaded.values["base"] == -0.125

    copy = tmp_path / "scoring.yaml"
    copy.write_text(data_path("scoring.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    fit.write_weights(copy, values, 0.15, ["fitted on invented stories", "", "LOSO: ..."])
    written = effective_weights(copy)
    assert written.values["own_voice.weight"] == 1.25
    assert written.values["base"] == -0.125
    assert written.values["status.corroborated_min_score"] == 0.15
    assert written.values["denials.per_party"] == EFFECTIVE.values["denials.per_party"]
    text = copy.read_text(encoding="utf-8")
    assert "# fitted on invented stories\n#\n# LOSO: ...\n" in text
    # written twice, the block is replaced, not repeated
    fit.write_weights(copy, values, 0.15, ["again"])
    assert copy.read_text(encoding="utf-8").count("fit_story_weights.py) ---") == 1


def test_the_lines_written_say_what_was_fitted_and_the_value_before() -> None:
    text = ("# The score.\n\n# Where every story starts before any evidence.\nbase: -0.3\n\n"
            "own_voice:\n  weight: 1.5\n  min_statements: 1\n"
            "denials:\n  per_party: -1.2  # a party denying it\n"
            "status:\n  corroborated_min_score: 0.2\n")
    values = {"base": -0.3, "own_voice.weight": 1.75, "denials.per_party": -1.2}
    after, changed = fit.weight_lines(text, values, 0.2, ["fitted"], "on three sets")
    # only the weight that moved: the others keep their lines, comments and all
    assert changed == [(7, "  weight: 1.5", "  weight: 1.75  # fitted on three sets; by hand 1.5")]
    assert "  per_party: -1.2  # a party denying it\n" in after
    assert "# --- fitted weights (bench/fit_story_weights.py) ---\n# fitted\n" in after
    # fitted again, the earlier fit's comment is replaced and names the value it replaces;
    # another comment on the line stays after it
    values |= {"own_voice.weight": 2.0, "denials.per_party": -1.1}
    again, moved = fit.weight_lines(after, values, 0.25, ["fitted"], "on four sets")
    assert [a.strip() for _, _, a in moved] == [
        "weight: 2  # fitted on four sets; before 1.75",
        "per_party: -1.1  # fitted on four sets; by hand -1.2  # a party denying it",
        "corroborated_min_score: 0.25  # fitted on four sets; by hand 0.2"]
    import yaml

    loaded = yaml.safe_load(again)
    assert (loaded["own_voice"]["weight"], loaded["denials"]["per_party"]) == (2, -1.1)
    # without a note, the value alone changes; the same values change no line
    _, plain = fit.weight_lines(text, values, 0.2, ["fitted"])
    assert [a.strip() for _, _, a in plain] == ["weight: 2",
                                                 "per_party: -1.1  # a party denying it"]
    assert fit.weight_lines(again, values, 0.25, ["fitted"], "again")[1] == []
    assert "+ weight: 2" in fit.show_lines(plain)


def test_the_weights_in_force_keep_the_declared_constraints() -> None:
    """The packaged weights read as bench/story_weight_constraints.yaml says (an identified
    source above an anonymous one, hedges and denials lowering...), fitted or set by hand:
    within the 0.001 the written weights are rounded to."""
    rules = fit.load_constraints()
    assert "sourcing.named >= sourcing.media + 0.05" in rules.labels
    assert "denials.per_party <= 0" in rules.labels
    assert rules.violations(W0, tolerance=0.0011) == []


def test_a_declared_constraint_names_a_fitted_weight_and_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "constraints.yaml"
    bad.write_text("signs:\n  positive:\n    - {weight: sourcing.bogus, why: no such}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="no fitted weight"):
        fit.load_constraints(bad)
    bad.write_text("orders:\n  - {weights: [hedging.probable, hedging.possible]}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="no reason"):
        fit.load_constraints(bad)


def test_the_constrained_fit_stops_on_its_bounds_and_is_optimal_there() -> None:
    rules = fit.load_constraints()
    # a draw whose active constraints are independent (refusals and denials both at 0 with
    # refusals >= denials is three constraints on two weights: the multipliers are then
    # not unique, and a least-squares reading of them may go negative)
    rng = np.random.default_rng(12)
    z = rng.normal(size=(300, len(fit.FEATURES)))
    y = np.where(rng.random(300) < 0.5, 1.0, -1.0)
    offset = rng.normal(size=300)
    prior = np.zeros(len(fit.FEATURES))
    penalty = np.array([0.0 if k == "base" else 1.0 for k in fit.FEATURES])
    b = fit.constrained_logistic_fit(z, y, offset, prior, penalty, 0.03, rules.a, rules.c, W0)
    assert rules.violations(b) == []
    # optimal (Karush-Kuhn-Tucker): the loss's gradient is a non-negative combination of
    # the constraints it stops on
    balance = np.where(y > 0, 0.5 / (y > 0).sum(), 0.5 / (y < 0).sum())
    p = 1.0 / (1.0 + np.exp(y * (offset + z @ b)))
    grad = -(z.T @ (balance * y * p)) + 0.03 * penalty * (b - prior)
    active = np.flatnonzero(rules.a @ b - rules.c < 1e-6)
    assert len(active) and np.linalg.matrix_rank(rules.a[active]) == len(active)
    multipliers = np.linalg.lstsq(rules.a[active].T, grad, rcond=None)[0]
    assert (multipliers > -1e-6).all()
    assert np.allclose(rules.a[active].T @ multipliers, grad, atol=1e-7)
    # with constraints far away it is the unconstrained fit
    loose = np.eye(len(fit.FEATURES)), np.full(len(fit.FEATURES), -100.0)
    free = fit.constrained_logistic_fit(z, y, offset, prior, penalty, 0.03, *loose, W0)
    assert np.allclose(free, fit.logistic_fit(z, y, offset, prior, penalty, 0.03), atol=1e-6)
    # a start on a bound (weights written from a fit) is moved inside first
    on_bound = b.copy()
    again = fit.constrained_logistic_fit(z, y, offset, prior, penalty, 0.03, rules.a, rules.c,
                                         on_bound)
    assert np.allclose(again, b, atol=1e-6)


def test_the_constrained_methods_fit_leave_one_set_out_within_the_constraints() -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    rules = fit.load_constraints()
    for name in ("constrained", "constrained-hand"):
        report = fit.loso(fit.methods([name])[0], tab, {}, W0, 0.2, tab, EFFECTIVE)
        assert [f["set"] for f in report["folds"]] == ["setA", "setB", "setC"]
        for f in report["folds"]:
            assert rules.violations(np.array(f["weights"])) == []
        assert all(report["gold"][s][0] == 1.0 for s in ("setA", "setB", "setC"))


def test_the_free_fit_moves_only_its_weights_and_keeps_the_floor() -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    rules = fit.load_constraints()
    (method,) = fit.methods(["constrained-free"], free=["denials.per_party"])
    assert not method.floor
    report = fit.loso(method, tab, {}, W0, 0.2, tab, EFFECTIVE)
    column = fit.FEATURES.index("denials.per_party")
    for f in report["folds"]:
        w = np.array(f["weights"])
        assert rules.violations(w) == []
        # every other weight and the score floor as they are
        assert np.allclose(np.delete(w, column), np.delete(W0, column))
        assert f["threshold"] == 0.2
        assert w[column] <= 0.0  # denials lower the event (a declared sign)
    assert fit.methods(["hand"], free=()) and "reversal.weight" in fit.FEATURES


def test_the_floor_is_chosen_on_the_training_sets_of_the_membership_named() -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    # another membership of the same sets, where the stories told in a report's own voice
    # score 0.27 and were refuted: a floor above 0.27 agrees with more of them
    lowered = np.array([-1.0 if r.story == "own-voice" else t for r, t in zip(ROWS, tab.t0,
                                                                               strict=True)])
    other = dataclasses.replace(tab, t0=lowered, outcome=[
        "refuted" if r.story == "own-voice" else r.outcome for r in ROWS])
    (method,) = fit.methods(["hand"])
    mask = tab.sets != "setA"
    own = fit.train(method, tab, mask, W0, 0.2)[1]
    assert own == fit.best_threshold(tab, tab.totals(W0, W0), mask, 0.2)
    try:
        fit.FLOOR["on"] = other
        chosen = fit.train(method, tab, mask, W0, 0.2)[1]
    finally:
        fit.FLOOR["on"] = None
    # on the other membership's stories of setB and setC only (setA is held out)
    assert chosen == fit.best_threshold(other, other.totals(W0, W0), other.sets != "setA", 0.2)
    assert (own, chosen) == (0.2, 0.3)
    # --keep-floor: every fold keeps the floor in force
    kept = dataclasses.replace(fit.methods(["constrained-hand"])[0], floor=False)
    report = fit.loso(kept, tab, {}, W0, 0.2, tab, EFFECTIVE)
    assert {f["threshold"] for f in report["folds"]} == {0.2}


def test_the_status_thresholds_are_chosen_on_the_training_sets_with_the_fold_weights(
        ) -> None:
    tab = fit.table(ROWS, EFFECTIVE)
    pre = fit.pre_floor(tab, EFFECTIVE)
    now = [float(EFFECTIVE.values[k]) for k in fit.STATUS_GRID]
    # the values in force give each story the status the scorer gives it
    agree = fit.agreeing(tab, pre, tab.totals(W0, W0))
    kept = [*pre.combos].index(tuple(now[:2])) * len(fit.THRESHOLDS) + list(
        fit.THRESHOLDS).index(now[2])
    assert agree.reshape(-1, len(ROWS))[kept].tolist() == [r.agrees for r in ROWS]
    # weights fitted without setA under which the stories told in a report's own voice score
    # under the floor: setA's thresholds are chosen on setB's and setC's stories with them
    # (a lower floor, the other thresholds kept: every combination agrees alike there)
    low = W0.copy()
    low[fit.FEATURES.index("own_voice.weight")] = -5.0
    folds = {"setA": low, "setB": W0, "setC": W0}
    report = fit.status_fit({"gold": tab}, {"gold": pre}, folds, W0, W0, now, ("gold",))
    chosen = report["folds"]["setA"]
    assert chosen == (*now[:2], 0.0)
    assert report["folds"]["setB"] == report["folds"]["setC"] == report["all"] == tuple(now)
    # setA scored with its fold's weights: its own-voice story (corroborated by two origins)
    # is corroborated again under the floor chosen (its "official" story agrees either way:
    # "Quillford council", a place before an institution's head, is an on-record origin)
    assert (report["gold"]["kept"]["setA"], report["gold"]["chosen"]["setA"]) == (0.75, 1.0)
    assert report["gold"]["chosen"]["pooled"] == round(sum(r.agrees for r in ROWS) / 12, 3)
    # a story with no claim agrees with no outcome under any thresholds
    empty = dataclasses.replace(tab, rows=[dataclasses.replace(
        r, assessment=None, claims=()) if r.story == "hedged" else r for r in tab.rows])
    assert not fit.agreeing(empty, pre, tab.totals(W0, W0))[
        :, :, [r.story == "hedged" for r in ROWS]].any()
    # only the thresholds named are chosen, the others kept as they are
    only = fit.status_fit({"gold": tab}, {"gold": pre}, folds, W0, W0, now, ("gold",),
                          ("status.corroborated_min_origins",))
    assert only["folds"]["setA"][1:] == tuple(now[1:])
