"""Scoring a story that holds its rumour and its outcome: a later on-record statement settles
it (``status.settled_*``, ``rumour.overtaken_weight``, ``denials.overtaken_weight``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.config_helpers import set_at
from tests.test_scoring import _raw, attribution, claim
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import load_weights, parse_weights

W = load_weights()


def _said(cid: int, text: str, *attrs: AttributionEvidence, article: int, carrier: str,
          day: int | None, certainty: str = "certain") -> ClaimEvidence:
    return replace(claim(cid, text, *attrs, carrier=carrier, certainty=certainty),
                   article_id=article, article_title=f"{carrier.title()} on the couple",
                   published=None if day is None else datetime(2024, 5, day, tzinfo=UTC))


RUMOUR = "Online rumours say the actors Dana Pell and Rob Vance are divorcing."
MORE = "Speculation about a split between Pell and Vance has grown for weeks."
DENIAL = "Dana Pell denied that the couple are divorcing."
FILED = "Dana Pell has filed for divorce from Rob Vance, according to court documents."
CONFIRMED = "Rob Vance has confirmed that he and Dana Pell are divorcing."


def _rumours(day: int = 2) -> list[ClaimEvidence]:
    return [_said(1, RUMOUR, attribution(RUMOUR, "Online rumours", "unnamed"), article=1,
                  carrier="gazette", day=day),
            _said(2, MORE, article=1, carrier="gazette", day=day)]


def _denied(day: int = 3) -> ClaimEvidence:
    return _said(3, DENIAL, attribution(DENIAL, "Dana Pell", "named", "denies"),
                 article=2, carrier="courier", day=day)


def _filed(day: int | None = 20) -> ClaimEvidence:
    return _said(4, FILED, attribution(FILED, "court documents", "official"), article=3,
                 carrier="herald", day=day)


def _confirmed(day: int | None = 20, text: str = CONFIRMED) -> ClaimEvidence:
    return _said(5, text, attribution(text, "Rob Vance", "named"), article=4,
                 carrier="herald", day=day)


def test_a_later_filing_settles_the_rumours_before_it() -> None:
    rumoured = assess(_rumours(), W)
    settled = assess([*_rumours(), _filed()], W)
    assert rumoured.status == "unconfirmed"
    assert (settled.status, settled.status_rule) == ("corroborated", "settled")
    assert settled.status_reason.startswith(
        "settled on the record on 2024-05-20 by court documents ('has filed') in Herald "
        f"(2024-05-20, 'Herald on the couple'): '{FILED}', after the rumours in Gazette "
        "(2024-05-02, 'Gazette on the couple')")
    rumour = next(c for c in settled.contributions if c.factor == "rumour")
    assert rumour.delta == 0.0
    assert "2 of them before it was settled on the record by court documents on 2024-05-20" \
        in rumour.reason
    # the same filing without the rumours before it weighs as it always did
    before = next(c for c in rumoured.contributions if c.factor == "rumour")
    assert before.delta < 0 and settled.score > rumoured.score


def test_a_denial_overtaken_by_a_later_confirmation_no_longer_contests() -> None:
    denied = assess([*_rumours(), _denied()], W)
    assert denied.status == "contested"
    # the outlet that carried the denial reports the confirmation (another outlet's report
    # would answer the denial: status.answered_*)
    confirmed = replace(_confirmed(), carrier="courier", carrier_name="Courier",
                        article_title="Courier on the couple")
    settled = assess([*_rumours(), _denied(), confirmed], W)
    assert (settled.status, settled.status_rule) == ("corroborated", "settled")
    assert ", after the denial by Dana Pell in Courier (2024-05-03, 'Courier on the couple'); " \
        "the rumours in Gazette (2024-05-02" in settled.status_reason
    denials = next(c for c in settled.contributions if c.factor == "denials")
    assert denials.delta == 0.0 and "overtaken: Dana Pell" in denials.reason
    assert settled.score > denied.score


@pytest.mark.parametrize("later", [
    # a refuted rumour: denied on the record, never confirmed
    None,
    # the confirmation in the story's first report, before the denial
    2,
])
def test_a_denial_nothing_later_overtakes_stands(later: int | None) -> None:
    claims = [*_rumours(), _denied()]
    if later is not None:
        claims.append(_confirmed(day=later))
    result = assess(claims, W)
    assert (result.status, result.status_rule) == ("contested", "denied")
    assert next(c for c in result.contributions if c.factor == "denials").delta < 0


def test_what_cannot_be_ordered_or_does_not_assert_it_settles_nothing() -> None:
    # no date on the later report, or on the denial's
    assert assess([*_rumours(), _denied(), _confirmed(day=None)], W).status == "contested"
    undated = replace(_denied(), published=None)
    assert assess([*_rumours(), undated, _confirmed()], W).status == "contested"
    # a negated or hedged confirmation, or one telling of the denial
    for text in ("Rob Vance has not confirmed that he and Dana Pell are divorcing.",
                 "Rob Vance confirmed the split weeks after his publicist denied it."):
        assert assess([*_rumours(), _denied(), _confirmed(text=text)],
                      W).status == "contested", text
    hedged = replace(_confirmed(), certainty="possible")
    assert assess([*_rumours(), _denied(), hedged], W).status == "contested"
    # nobody a reader can identify
    said = "A friend has confirmed that Dana Pell and Rob Vance are divorcing."
    anonymous = _said(6, said, attribution(said, "A friend", "unnamed"), article=5,
                      carrier="herald", day=20)
    assert assess([*_rumours(), _denied(), anonymous], W).status == "contested"


def test_a_denial_after_the_settlement_still_contests() -> None:
    again = "Dana Pell again denied that the couple are divorcing."
    later = _said(7, again, attribution(again, "Dana Pell", "named", "denies"),
                  article=6, carrier="courier", day=25)
    result = assess([*_rumours(), _confirmed(), later], W)
    assert result.status == "contested"


@pytest.mark.parametrize(("key", "value"), [
    (("status", "settled_after_days"), 0),
    (("status", "settled_words"), []),
    (("status", "settled_records"), []),
])
def test_settling_is_data(key: tuple[str, str], value: object) -> None:
    raw = _raw()
    set_at(raw, key, value)
    # (court documents are a public record a reader can look up, on the record by
    # themselves: identity.record_words)
    set_at(raw, ("identity", "record_words"), [])
    result = assess([*_rumours(), _filed()], parse_weights(raw, "test"))
    assert result.status == "unconfirmed"
    # the weights of what it overtakes are data too: 1 weighs them in full
    raw = _raw()
    set_at(raw, ("rumour", "overtaken_weight"), 1.0)
    set_at(raw, ("denials", "overtaken_weight"), 1.0)
    # (the later confirmation answers the denial too: denials.answered_weight)
    set_at(raw, ("denials", "answered_weight"), 1.0)
    full = assess([*_rumours(), _denied(), _confirmed()], parse_weights(raw, "test"))
    assert next(c for c in full.contributions if c.factor == "denials").delta < 0
    assert next(c for c in full.contributions if c.factor == "rumour").delta < 0


OTHER = "Club president Ada Moss denied reports that the club had approached coach Ivo Marsh."
RESIGNED = "Coach Lee Dunn has announced his resignation after eleven seasons."


def _neighbours() -> list[ClaimEvidence]:
    """A story holding two claims: a coach's resignation, settled by his announcement, and
    a rumoured successor the club's president denied, never settled."""
    return [_said(11, OTHER, attribution(OTHER, "Club president Ada Moss", "official", "denies"),
                  article=11, carrier="gazette", day=2),
            _said(12, RESIGNED, attribution(RESIGNED, "Coach Lee Dunn", "named"), article=12,
                  carrier="gazette", day=9)]


def test_a_settlement_overtakes_no_denial_of_another_claim() -> None:
    # the denial names Ivo Marsh (its speaker aside), the settling statement does not
    result = assess(_neighbours(), W)
    assert (result.status, result.status_rule) == ("contested", "denied")
    assert next(c for c in result.contributions if c.factor == "denials").delta < 0
    # a denial naming nobody but its speaker may tell of anything the story tells of
    vague = "Club president Ada Moss denied the reports."
    claims = [_said(11, vague, attribution(vague, "Club president Ada Moss", "official",
                                           "denies"), article=11, carrier="gazette", day=2),
              _neighbours()[1]]
    assert assess(claims, W).status_rule == "settled"
    # names are read case-blind in the settling statement
    said = "Coach Lee Dunn has announced he is leaving, ending talk of ivo marsh's arrival."
    claims = [_neighbours()[0], _said(12, said, attribution(said, "Coach Lee Dunn", "named"),
                                      article=12, carrier="gazette", day=9)]
    assert assess(claims, W).status_rule == "settled"


def test_names_in_any_script_count() -> None:
    denial = "Club president Ada Moss denied reports that the club had approached Ólafur Šimek."
    claims = [_said(11, denial, attribution(denial, "Club president Ada Moss", "official",
                                            "denies"), article=11, carrier="gazette", day=2),
              _neighbours()[1]]
    assert assess(claims, W).status_rule == "denied"


def test_same_names_is_data() -> None:
    raw = _raw()
    set_at(raw, ("status", "same_names"), 0)
    result = assess(_neighbours(), parse_weights(raw, "test"))
    assert (result.status, result.status_rule) == ("corroborated", "settled")
