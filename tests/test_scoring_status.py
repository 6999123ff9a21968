"""The status rule's reasons and its reading of retold denials (``status.retold_words``) and
of hearsay announcements (``status.answered_hearsay_words``), with sentences written here."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.test_scoring import attribution, claim, weights_with
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import Weights, load_weights

W = load_weights()
RETOLD = ["had denied", "had dismissed", "had rejected", "had refuted", "earlier",
          "previously", "initially", "at the time", "back then", "at first"]


def _with(key: str, value: object) -> Weights:
    return weights_with(("status", key), value)


def _said(cid: int, text: str, *attrs: AttributionEvidence, article: int, carrier: str,
          day: int | None) -> ClaimEvidence:
    return replace(claim(cid, text, *attrs, carrier=carrier), article_id=article,
                   article_title=f"{carrier.title()} on the minister",
                   published=None if day is None else datetime(2024, 6, day, tzinfo=UTC))


ANNOUNCED = "Foreign minister Tam Orsk said on Monday that he has resigned from the cabinet."
RETOLD_DENIAL = ("Earlier, government spokesperson Lia Dunn said no resignation letter had "
                 "been received and that Orsk remained in office.")
FRESH_DENIAL = "Government spokesperson Lia Dunn said no resignation letter had been received."


def _resignation(denial: str) -> list[ClaimEvidence]:
    """One report announcing the resignation and telling of the spokesperson's denial."""
    return [
        _said(1, ANNOUNCED, attribution(ANNOUNCED, "Foreign minister Tam Orsk", "official"),
              article=1, carrier="herald", day=3),
        _said(2, denial, attribution(denial, "spokesperson Lia Dunn", "official",
                                     "denies"), article=1, carrier="herald", day=3),
    ]


def test_a_report_of_the_outcome_answers_the_denial_it_retells() -> None:
    on = _with("retold_words", RETOLD)
    found = assess(_resignation(RETOLD_DENIAL), on)
    assert (found.status, found.status_rule) == ("corroborated", "answered")
    # the reason quotes the retold denial, its word, and the statement answering it
    assert ("denied by spokesperson Lia Dunn, a denial Herald (2024-06-03, 'Herald on "
            f"the minister') retells as told before it ('Earlier'): '{RETOLD_DENIAL}', where "
            f"Foreign minister Tam Orsk asserts it on the record: '{ANNOUNCED}'"
            ) == found.status_reason
    # the packaged file has the rule off: the retold denial contests the story
    assert assess(_resignation(RETOLD_DENIAL), W).status == "contested"


def test_a_denial_told_without_a_retold_word_still_contests() -> None:
    on = _with("retold_words", RETOLD)
    found = assess(_resignation(FRESH_DENIAL), on)
    assert (found.status, found.status_rule) == ("contested", "denied")
    # and the contested reason quotes the denial it rests on, with its report
    assert found.status_reason == (
        "denied by spokesperson Lia Dunn in Herald (2024-06-03, 'Herald on the "
        f"minister'): '{FRESH_DENIAL}'")


def test_a_retelling_report_answers_no_other_reports_denial() -> None:
    # a fresh denial in another report, before it: the retelling report answers only what
    # it retells (on merged predicted stories a later outcome answered an earlier rumour's
    # denial)
    earlier = "Tam Orsk denied that he would leave the cabinet."
    story = [_said(3, earlier, attribution(earlier, "Tam Orsk", "official", "denies"),
                   article=2, carrier="gazette", day=1), *_resignation(RETOLD_DENIAL)]
    found = assess(story, _with("retold_words", RETOLD))
    assert (found.status, found.status_rule) == ("contested", "denied")
    assert found.status_reason.startswith(
        f"denied by Tam Orsk in Gazette (2024-06-01, 'Gazette on the minister'): '{earlier}'")


def test_a_hearsay_announcement_answers_no_denial() -> None:
    denial = "Tam Orsk denied that he would leave the cabinet."
    hearsay = "Tam Orsk had allegedly told colleagues he was ready to resign from the cabinet."
    plain = "Tam Orsk told colleagues he was ready to resign from the cabinet."

    def story(later: str) -> list[ClaimEvidence]:
        return [_said(1, denial, attribution(denial, "Tam Orsk", "official", "denies"),
                      article=1, carrier="gazette", day=1),
                _said(2, later, attribution(later, "Tam Orsk", "official"),
                      article=2, carrier="herald", day=9)]

    assert assess(story(hearsay), W).status == "contested"
    answered = assess(story(plain), W)
    assert (answered.status, answered.status_rule) == ("corroborated", "answered")
    # the words are data
    assert assess(story(hearsay), _with("answered_hearsay_words", [])).status == \
        "corroborated"


def test_the_origins_and_own_voice_reasons_quote_their_statements() -> None:
    t1 = "Velm Energy will build a wind farm off Kessel, the Gazette reported."
    t2 = "Velm Energy will build a wind farm off Kessel, the Tribune reported."
    found = assess([
        _said(1, t1, attribution(t1, "the Gazette", "media", key="gazette"), article=1,
              carrier="herald", day=2),
        _said(2, t2, attribution(t2, "the Tribune", "media", key="tribune"), article=2,
              carrier="courier", day=3)], W)
    assert (found.status, found.status_rule) == ("corroborated", "origins")
    assert found.status_reason == (
        f"2 independent origins (at least 2): the Gazette: '{t1}'; the Tribune: '{t2}'")
    own = "Velm Energy began building a wind farm off Kessel on Monday."
    stated = assess([_said(3, own, article=3, carrier="herald", day=4)], W)
    assert (stated.status, stated.status_rule) == ("corroborated", "own_voice")
    assert stated.status_reason.endswith(f": '{own}'")
