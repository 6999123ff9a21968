"""What a denial denies: a denial of a motive, reason or purpose (``denials.detail_words``)
contests no event the story's other statements tell of."""

from __future__ import annotations

from tests.config_helpers import set_at
from tests.test_scoring import _raw, attribution, claim
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import load_weights, parse_weights

W = load_weights()

RESIGNED = "The finance minister Tom Arlo has submitted his resignation, the President said."
REASON = ("The spokesman Ian Pale said reports that Arlo resigned because of disagreements "
          "with the President do not correspond to reality.")
FLAT = "The spokesman Ian Pale said reports that Arlo resigned do not correspond to reality."


def _resigned() -> ClaimEvidence:
    return claim(1, RESIGNED, attribution(RESIGNED, "the President", "official"),
                 carrier="gazette")


def _denial(text: str) -> ClaimEvidence:
    return claim(2, text, attribution(text, "Ian Pale", "named", "denies"), carrier="gazette")


def test_a_denial_of_the_reason_does_not_contest_the_event() -> None:
    told = assess([_resigned(), _denial(REASON)], W)
    assert (told.status, told.status_rule) == ("corroborated", "on_record")
    assert "not counted as denials: Ian Pale ('because of': denies a motive" in told.status_reason
    denials = next(c for c in told.contributions if c.factor == "denials")
    assert denials.delta == 0.0
    assert "denies a motive, reason or purpose" in denials.reason
    # a flat denial of the event still contests it
    flat = assess([_resigned(), _denial(FLAT)], W)
    assert flat.status == "contested" and flat.score < told.score


def test_a_story_told_only_by_the_denial_keeps_it() -> None:
    # the story may be the reason itself ("resigned because of disagreements": disputed)
    alone = assess([_denial(REASON)], W)
    assert alone.status == "contested"


def test_an_empty_list_turns_it_off() -> None:
    raw = _raw()
    set_at(raw, ("denials", "detail_words"), [])
    off = parse_weights(raw, "off.yaml")
    assert assess([_resigned(), _denial(REASON)], off).status == "contested"


CANCELLED = "Speculation started after the singer Ana Voss cancelled her show in Ghent."


def test_speculation_that_started_after_the_event_does_not_make_it_a_rumour() -> None:
    told = assess([claim(1, CANCELLED, carrier="gazette")], W)
    assert (told.status, told.status_rule) == ("corroborated", "own_voice")
    raw = _raw()
    set_at(raw, ("rumour", "confirmed_words"), ["confirming"])
    before = assess([claim(1, CANCELLED, carrier="gazette")], parse_weights(raw, "old.yaml"))
    assert before.status == "unconfirmed" and before.score < told.score


PROMISED = "The premier Lee Marr promised that the election law would pass this year."


def test_a_promise_is_no_firm_statement_on_the_record() -> None:
    said = claim(1, PROMISED, attribution(PROMISED, "Lee Marr", "official"), carrier="gazette")
    promised = assess([said], W)
    assert promised.status == "unconfirmed"
    raw = _raw()
    set_at(raw, ("hedging", "promise_words"), [])
    assert assess([said], parse_weights(raw, "off.yaml")).status == "corroborated"


PENDING = ("The spokeswoman Ada Ross said no final decision has been made on the pipeline "
           "and anyone who says otherwise is wrong.")
APPROVED = "The pipeline will be approved this week, the Interior Department said."


def test_a_denial_that_nothing_is_decided_yet_is_no_denial() -> None:
    approved = claim(1, APPROVED, attribution(APPROVED, "the Interior Department", "official"),
                     carrier="gazette")
    pending = claim(2, PENDING, attribution(PENDING, "Ada Ross", "named", "denies"),
                    carrier="gazette")
    told = assess([approved, pending], W)
    assert told.status == "corroborated"
    assert "says it is not decided yet" in told.status_reason
    raw = _raw()
    set_at(raw, ("denials", "pending_words"), [])
    assert assess([approved, pending], parse_weights(raw, "off.yaml")).status == "contested"
