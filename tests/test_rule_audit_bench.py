"""bench/rule_audit.py's counting, on an invented article with hand-made gold labels."""

from __future__ import annotations

import sys
from pathlib import Path

from verifier import analyse_text
from verifier.evaluation.labels import GoldSentence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import rule_audit

TEXT = ("The ministry denied the report on Monday. "
        "The mayor said the bridge would reopen in May. "
        "Traffic was light on Tuesday.")


def _gold(i: int, text: str, *kinds: str) -> GoldSentence:
    return GoldSentence("doc", i, text, True, kinds, tuple("x" for _ in kinds), "certain")


def _doc() -> list[GoldSentence]:
    # the first sentence's gold lacks its media report; the second is labelled named (so
    # the analyser's kind is wrong); the third is unsourced
    return [
        _gold(0, "The ministry denied the report on Monday.", "denied"),
        _gold(1, "The mayor said the bridge would reopen in May.", "named"),
        _gold(2, "Traffic was light on Tuesday."),
    ]


def test_outcomes_count_each_gold_kind_once() -> None:
    sentence = analyse_text("The ministry denied the report.").sentences[0]
    assert sorted(sentence.kinds) == ["denied", "media"]
    gold = _gold(0, sentence.text, "denied")
    assert sorted(rule_audit.outcomes(gold, sentence)) == ["correct", "wrong"]
    assert rule_audit.outcomes(None, sentence) == ["unsrc", "unsrc"]
    assert rule_audit.outcomes(_gold(0, sentence.text), sentence) == ["unsrc", "unsrc"]


def test_tally_credits_every_component_of_a_chain() -> None:
    analysis = analyse_text(TEXT)
    found = rule_audit.tally_document("doc", _doc(), analysis, "component")
    assert found["attr.deny.denied"].correct == 1
    assert found["attr.report_object"].wrong == 1
    say = found["attr.say"]
    assert (say.correct, say.wrong, say.unsrc) == (0, 1, 0)
    # the descriptor that chose the kind is charged with the same fire
    chain = next(a.rule for s in analysis.sentences for a in s.attributions
                 if a.rule.startswith("attr.say+"))
    descriptor = chain.split("+")[1]
    assert found[descriptor].wrong >= 1
    whole = rule_audit.tally_document("doc", _doc(), analysis, "chain")
    assert whole[chain].wrong == 1 and "attr.say" not in whole


def test_sourcing_counts_match_the_outcomes() -> None:
    analysis = analyse_text(TEXT)
    counts = rule_audit.sourcing_counts(_doc(), analysis, "doc")
    assert (counts["tp"], counts["fp"], counts["fn"]) == (1, 2, 1)


def test_without_leaves_a_rule_out_and_puts_it_back() -> None:
    sentence = "The ministry denied that it had signed the deal."
    assert "denied" in analyse_text(sentence).sentences[0].kinds
    with rule_audit.without(["attr.deny.denied"]):
        assert "denied" not in analyse_text(sentence).sentences[0].kinds
    assert "denied" in analyse_text(sentence).sentences[0].kinds


def test_summary_leaves_the_top_set_out() -> None:
    per_set = {"attr.x": {"A": rule_audit.Tally(correct=5), "B": rule_audit.Tally(wrong=1),
                          "C": rule_audit.Tally(correct=1, unsrc=1)}}
    (row,) = rule_audit.summarise(per_set, {}, ["A", "B", "C"], min_fires=1)
    assert row["top_set"] == "A"
    assert row["p"] == 6 / 8
    assert row["p_without_top"] == 1 / 3
    assert row["p_min"] == 0.0
    assert row["net"] == 6 - 2
