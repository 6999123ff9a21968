"""A party that only hints at the event has not announced it (``hedging.hint_cues``), what
could happen gives the status no origin, and a name in any script names someone."""

from __future__ import annotations

from dataclasses import replace

from tests.config_helpers import set_at
from tests.test_scoring import _raw, attribution, claim
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import load_weights, parse_weights

W = load_weights()

HINTED = "Prime Minister Ada Pell has hinted at an early general election in Norland."
SAID = "Prime Minister Ada Pell said the general election will be held early in Norland."


def _by_cue(text: str, cue: str) -> ClaimEvidence:
    words = "Prime Minister Ada Pell"
    return claim(1, text, attribution(text, words, "official", key="name:ada pell", cue=cue))


def test_a_hint_is_no_announcement() -> None:
    hinted = assess([_by_cue(HINTED, "hinted at")], W)
    said = assess([_by_cue(SAID, "said")], W)
    assert said.status == "corroborated"
    assert hinted.status == "unconfirmed"
    hedging = next(c for c in hinted.contributions if c.factor == "hedging")
    assert hedging.delta < 0 and "'hinted at'" in hedging.reason
    assert hinted.score < said.score


def test_a_hedge_of_its_own_stands() -> None:
    # a statement the analyser already reads as probable keeps its own hedge
    text = "Prime Minister Ada Pell hinted that an early election is likely in Norland."
    start = text.index("likely")
    probable = replace(_by_cue(text, "hinted"), certainty="probable", certainty_cue="likely",
                       certainty_start=start, certainty_end=start + len("likely"))
    hedging = next(c for c in assess([probable], W).contributions if c.factor == "hedging")
    assert "'likely'" in hedging.reason and hedging.delta == W.sections["hedging"].probable


def test_hint_cues_are_data() -> None:
    raw = _raw()
    set_at(raw, ("hedging", "hint_cues"), [])
    assert assess([_by_cue(HINTED, "hinted at")],
                  parse_weights(raw, "test")).status == "corroborated"


def test_what_could_happen_gives_the_status_no_origin() -> None:
    # a party hinting and a report's conditional are no two independent origins
    other = "If Pell calls the election in November, voters will go to the polls early."
    could = "The election could come as early as November."
    claims = [_by_cue(HINTED, "hinted at")] + [
        replace(c, carrier="courier", carrier_name="Courier", article_id=2)
        for c in (claim(2, other), claim(3, could, certainty="possible", cue="could"))]
    result = assess(claims, W)
    assert len(result.origins) == 2
    assert (result.status, result.status_rule) == ("unconfirmed", "nothing")
    raw = _raw()
    set_at(raw, ("status", "on_record_hedges"), [])
    set_at(raw, ("hedging", "hint_cues"), [])
    assert assess(claims, parse_weights(raw, "test")).status == "corroborated"


def test_a_name_in_any_script_is_identifiable() -> None:
    from verifier.scoring.corroboration import identifiable

    text = "Ólafur said the coalition would hold, a professor told the radio."
    said = attribution(text, "Ólafur", "named", key="name:ólafur")
    assert identifiable(claim(1, text, said), said, W.identity.nameless_words)
    lower = attribution(text, "a professor", "named", key="name:professor")
    assert not identifiable(claim(1, text, lower), lower, W.identity.nameless_words,
                            indefinite=W.identity.indefinite_words)
