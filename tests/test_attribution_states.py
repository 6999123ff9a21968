"""A party's state of mind an anonymous teller of its sentence tells is the teller's claim
(``FrameRule.inner_state``, verifier/analysis/attribution/states.py)."""

from __future__ import annotations

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.rules import rules


def _last(text: str) -> list[tuple[str, str]]:
    sentence = analyse_text(text).sentences[-1]
    return [(a.kind, a.rule.split("+", 1)[0]) for a in sentence.attributions]


def test_the_belief_frame_reads_states_of_mind() -> None:
    assert {cue.id for cue in rules().cues if cue.inner_state} >= {"attr.belief"}


def test_a_state_with_no_teller_is_the_party_s() -> None:
    assert _last("The transport ministry wants to close the old depot.") == [
        ("official", "attr.belief")]


def test_an_anonymous_source_tells_the_state() -> None:
    found = _last("The transport ministry is weighing closing the depot, according to "
                  "people familiar with the plan.")
    assert [kind for kind, _ in found] == ["unnamed"]


def test_a_hearsay_word_tells_the_state() -> None:
    assert [kind for kind, _ in _last("The harbour board reportedly intends to sell the "
                                      "ferry.")] == ["unnamed"]


def test_a_teller_standing_for_earlier_sources_tells_it_too() -> None:
    text = ("People familiar with the talks described the plan on Monday. The harbour board "
            "intends to sell the ferry, the people said.")
    assert [kind for kind, _ in _last(text)] == ["unnamed"]


def test_a_news_report_leaves_the_state_the_party_s() -> None:
    # an outlet's report names what the party wants on the record as often as not
    found = _last("The harbour board wants to sell the ferry, according to the Daily Courier.")
    assert ("official", "attr.belief") in found
