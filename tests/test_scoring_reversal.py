"""A later report telling that the pursuit a story is about ended (``reversal``): the talks
or the plan were called off after the rumour of the deal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.config_helpers import set_at
from tests.test_scoring import _raw, attribution, claim
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.terms import (
    OwnVoiceParams,
    ReversalParams,
    ended_pursuit,
    ended_pursuits,
    pursuit_ended,
)
from verifier.scoring.weights import load_weights, parse_weights

W = load_weights()


def _weights(weight: float = -1.5, **changes: object) -> object:
    raw = _raw()
    set_at(raw, ("reversal", "weight"), weight)
    for key, value in changes.items():
        set_at(raw, ("reversal", key), value)
    return parse_weights(raw, "scoring.yaml")


def _said(cid: int, text: str, *attrs: AttributionEvidence, article: int, carrier: str,
          day: int | None, certainty: str = "certain") -> ClaimEvidence:
    return replace(claim(cid, text, *attrs, carrier=carrier, certainty=certainty),
                   article_id=article, carrier_name=carrier.title(),
                   published=None if day is None else datetime(2025, 3, day, tzinfo=UTC))


TALKS = "Voltaro and Brenmark are in talks to merge their battery units, sources said."
SIZE = "A merger would create the region's largest battery maker."
ENDED = "Voltaro and Brenmark have terminated discussions on a merger of their battery units."
NO_LONGER = "Voltaro said it is no longer in discussions with Brenmark."


def _rumour(day: int | None = 3) -> list[ClaimEvidence]:
    return [_said(1, TALKS, attribution(TALKS, "sources", "unnamed"), article=1,
                  carrier="gazette", day=day),
            _said(2, SIZE, article=1, carrier="gazette", day=day)]


def _ended(day: int | None = 24, text: str = ENDED, certainty: str = "certain",
           ) -> ClaimEvidence:
    return _said(3, text, article=2, carrier="courier", day=day, certainty=certainty)


def _pattern() -> object:
    return pursuit_ended(W.term("reversal", ReversalParams),
                         ended_pursuit(W.term("own_voice", OwnVoiceParams)))


@pytest.mark.parametrize(("text", "words"), [
    (ENDED, "terminated discussions"),
    ("The two banks ended their talks on Thursday.", "ended their talks"),
    ("The two banks ended merger talks on Thursday.", "ended merger talks"),
    ("The merger talks were abruptly called off.", "merger talks were abruptly called off"),
    ("The miner has walked away from its bid for Harrow Copper.", "walked away from its bid"),
    (NO_LONGER, "no longer in discussions"),
    ("It is no longer actively considering an offer.", "no longer actively considering"),
    # an ending word after a determiner is a noun
    ("There is no guarantee there will be a deal in the end.", None),
    ("A deal is expected by the end of the talks.", None),
    # nothing ended, or the ending is what the pursuit is for
    ("The talks will not end before Friday.", None),
    ("The two sides won't end talks, the minister said.", None),
    ("Peace talks to end the war resume on Monday.", None),
    ("The union plans to terminate the contract.", None),
    ("The board decided to end merger talks.", "end merger talks"),
    # an ending with no pursuit near it ends something else
    ("The summit ended with a joint statement.", None),
    ("Talks on the merger continue, and the firms expect a deal next week.", None),
    # a bid or an appeal lost or withdrawn, a party backing out, a return or a trip put off
    # (session 25): the same ending of what was pursued, in the words that end those
    ("Kessel Mining has lost its bid for Harrow Copper.", "lost its bid"),
    ("Velm's former minister loses appeal against extradition", "loses appeal"),
    ("The carrier withdrew from the talks on Friday.", "withdrew from the talks"),
    ("Ostrava Semis said it would back out of the deal.", "back out of the deal"),
    ("He said he was postponing his return for two weeks.", "postponing his return"),
    ("The president suspended his trip to Velm.", "suspended his trip"),
    ("The Velm Rovers lost the final on Sunday.", None),
    ("The firm withdrew its profit forecast.", None),
    ("He returned from the trip on Monday.", None),
])
def test_what_tells_that_the_pursuit_ended(text: str, words: str | None) -> None:
    found = _pattern().search(text)  # type: ignore[attr-defined]
    assert (found.group(0) if found else None) == words


def test_a_later_report_telling_the_talks_ended_weighs_once() -> None:
    weights = _weights(-1.5)
    before = assess(_rumour(), weights)
    after = assess([*_rumour(), _ended(), replace(_ended(), claim_id=4, article_id=3,
                                                  carrier="herald", carrier_name="Herald")],
                   weights)
    line = next(c for c in after.contributions if c.factor == "reversal")
    assert line.delta == -1.5
    assert line.reason == (
        "a later report tells that the talks, bid, plan or trip ended or was put off: Courier "
        "(2025-03-24, 21 days "
        "after the story's first report, 2025-03-03) (and Herald): 'terminated discussions'")
    assert [w.words for w in line.evidence] == ["terminated discussions"] * 2
    assert not any(c.factor == "reversal" for c in before.contributions)


def test_the_packaged_weight_is_what_the_fit_gave() -> None:
    story = assess([*_rumour(), _ended()], W)
    line = [c for c in story.contributions if c.factor == "reversal"]
    weight = W.term("reversal", ReversalParams).weight
    assert [c.delta for c in line] == ([weight] if weight else [])


@pytest.mark.parametrize("case", ["same day", "no date", "hedged", "first report", "off"])
def test_no_reversal(case: str) -> None:
    weights = _weights(0.0 if case == "off" else -1.5,
                       **({"after_days": 0} if case == "off" else {}))
    claims = {
        # a report of the story's first day telling so: the event is itself the ending
        "same day": [*_rumour(), _ended(day=3)],
        "no date": [*_rumour(), _ended(day=None)],
        "hedged": [*_rumour(), _ended(certainty="possible",
                                      text="The firms could end merger talks soon.")],
        # the first report says so already, so a later one tells nothing new
        "first report": [*_rumour(), _said(5, ENDED, article=1, carrier="gazette", day=3),
                         _ended()],
        "off": [*_rumour(), _ended()],
    }[case]
    story = assess(claims, weights)  # type: ignore[arg-type]
    assert not any(c.factor == "reversal" for c in story.contributions)


def test_a_denial_of_the_ending_tells_no_reversal() -> None:
    denial = "Brenmark denied that the two firms have called off merger talks."
    denied = _said(6, denial, attribution(denial, "Brenmark", "official", "denies"),
                   article=2, carrier="courier", day=24)
    found = ended_pursuits([*_rumour(), denied], _pattern(), 1)  # type: ignore[arg-type]
    assert found == ()
