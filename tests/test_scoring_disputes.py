"""The status of a disputed story (session 25): a party's side of a dispute is no on-record
corroboration (``status.on_record_contention_cues``), a dispute told in a statement is a
denial (``status.dispute_*``), an announcement that was overtaken or of the contrary settles
nothing (``status.settled_exceptions``), and a denial of culpability is a detail
(``denials.detail_words``). The sentences are written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.test_scoring import _raw, attribution, claim, weights_with
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import Weights, load_weights

W = load_weights()


def _without(key: str) -> Weights:
    """The packaged weights with the list ``status.<key>`` empty (its rule off)."""
    return weights_with(("status", key), [])


# --- a party's side of a dispute: on_record_contention_cues --------------------------------

CLAIMED = "The shooting was a case of mistaken identity, the district police claimed."
ALLEGED = "Lawyers for Omar Tesfaye alleged that he was taken across the border by force."
INSISTS = "Premier Dal Moreno insists the reshuffle was planned for months."
SAID = "The shooting was a case of mistaken identity, the district police said."


@pytest.mark.parametrize(("text", "party", "cue"), [
    (CLAIMED, "the district police", "claimed"),
    (ALLEGED, "Lawyers for Omar Tesfaye", "alleged"),
    (INSISTS, "Premier Dal Moreno", "insists"),
])
def test_a_party_stating_its_side_of_a_dispute_corroborates_nothing(
        text: str, party: str, cue: str) -> None:
    side = assess([claim(1, text, attribution(text, party, "official", cue=cue))], W)
    assert (side.status, side.status_rule) == ("unconfirmed", "nothing")
    assert f"set aside: {party}'s statement states its side of a dispute ('{cue}'): " \
           f"'{text}'" in side.status_reason
    # the same statement with the cue off the list corroborates, as before
    plain = assess([claim(1, text, attribution(text, party, "official", cue=cue))],
                   _without("on_record_contention_cues"))
    assert (plain.status, plain.status_rule) == ("corroborated", "on_record")


def test_a_party_that_says_it_still_corroborates() -> None:
    police = attribution(SAID, "the district police", "official", cue="said")
    said = assess([claim(1, SAID, police)], W)
    assert (said.status, said.status_rule) == ("corroborated", "on_record")
    assert f"on the record: the district police asserts it in Paper (no date): '{SAID}'" \
        == said.status_reason


def test_another_party_on_the_record_still_corroborates_a_contended_story() -> None:
    claims = [claim(1, CLAIMED, attribution(CLAIMED, "the district police", "official",
                                            cue="claimed")),
              claim(2, SAID, attribution(SAID, "the district police", "official", cue="said"))]
    found = assess(claims, W)
    assert (found.status, found.status_rule) == ("corroborated", "on_record")
    assert SAID in found.status_reason


def test_two_sides_of_a_dispute_are_no_two_origins() -> None:
    other = "Relatives of the victim claimed that the police fired first."
    claims = [claim(1, CLAIMED, attribution(CLAIMED, "the district police", "named", cue="claimed"),
                    carrier="gazette"),
              claim(2, other, attribution(other, "Relatives of the victim", "named", cue="claimed"),
                    carrier="herald")]
    for c in claims:  # named parties do not stand on the record: the origins rule decides
        assert c.asserting
    assert assess(claims, W).status_rule != "origins"


# --- a bare participle tells what the party's act holds: on_record_contention_auxiliaries ---

FILED = ("The city of Norhaven filed a lawsuit against the shipowners, alleging that the "
         "vessel was unseaworthy.")
SUED = "The regulator sued the Corvane exchange, accusing it of evading the rules."
PROGRESSIVE = "The district police are claiming the shooting was a case of mistaken identity."
NOW = "The Moreno government is now alleging the reshuffle was planned for months."


@pytest.mark.parametrize(("text", "party", "cue"), [
    (FILED, "The city of Norhaven", "alleging"),
    (SUED, "The regulator", "accusing"),
])
def test_a_party_acting_on_the_record_with_a_participle_corroborates(
        text: str, party: str, cue: str) -> None:
    act = assess([claim(1, text, attribution(text, party, "official", cue=cue))], W)
    assert (act.status, act.status_rule) == ("corroborated", "on_record")
    assert f"on the record: {party} asserts it in Paper (no date): '{text}'" \
        == act.status_reason
    # with no auxiliaries every form of a cue is a side, as before session 26
    side = assess([claim(1, text, attribution(text, party, "official", cue=cue))],
                  _without("on_record_contention_auxiliaries"))
    assert (side.status, side.status_rule) == ("unconfirmed", "nothing")
    assert f"states its side of a dispute ('{cue}')" in side.status_reason


@pytest.mark.parametrize(("text", "party", "cue", "word"), [
    (PROGRESSIVE, "The district police", "are claiming", "claiming"),
    (NOW, "The Moreno government", "is now alleging", "alleging"),
])
def test_a_progressive_is_still_a_side(text: str, party: str, cue: str, word: str) -> None:
    side = assess([claim(1, text, attribution(text, party, "official", cue=cue))], W)
    assert (side.status, side.status_rule) == ("unconfirmed", "nothing")
    assert f"set aside: {party}'s statement states its side of a dispute ('{word}')" \
        in side.status_reason


# --- a dispute told in a statement: dispute_verbs, dispute_objects -------------------------

ACCUSED = "Governor Ana Ruiz said militants killed the farmer near Lati."


def _accused() -> ClaimEvidence:
    return claim(1, ACCUSED, attribution(ACCUSED, "Governor Ana Ruiz", "official"))


@pytest.mark.parametrize(("text", "words"), [
    ("The rebels rejected the claim as baseless.", "rejected the claim"),
    ("But the allegation has been rejected by local commanders.",
     "allegation has been rejected"),
    ("Norcast has since come out disputing the figures released by the ministry.",
     "disputing the figures"),
    ("The ministry condemns as false the claim that the farmer was killed.",
     "condemns as false the claim"),
    ("People close to the rebels downplayed the report.", "downplayed the report"),
])
def test_a_dispute_told_in_a_statement_contests_the_story(text: str, words: str) -> None:
    assert assess([_accused()], W).status == "corroborated"
    disputed = assess([_accused(), claim(2, text)], W)
    assert (disputed.status, disputed.status_rule) == ("contested", "denied")
    assert disputed.status_reason == (
        f"denied by a dispute its report tells of ('{words}') in Paper (no date): '{text}'")
    # off: the statement is the report's own, and the governor corroborates
    assert assess([_accused(), claim(2, text)], _without("dispute_verbs")).status \
        == "corroborated"


@pytest.mark.parametrize("text", [
    "Kestrel didn't admit or deny the regulator's allegations in the settlement.",
    "The rebels did not deny the claim.",
    "The ministry neither confirmed nor denied the report.",
    "The rebels rejected a ceasefire offer on Monday.",  # no claim, report or allegation
])
def test_no_dispute_after_a_negation_or_without_what_is_disputed(text: str) -> None:
    assert assess([_accused(), claim(2, text)], W).status == "corroborated"


def test_a_dispute_by_someone_left_unnamed_contests_nothing() -> None:
    text = "One of his lawyers disputes this claim."
    lawyer = claim(2, text, attribution(text, "One of his lawyers", "official", "denies",
                                        cue="disputes"))
    assert assess([_accused(), lawyer], W).status == "corroborated"
    named = text.replace("One of his lawyers", "Lawyer Musa Kebe")
    kebe = claim(2, named, attribution(named, "Lawyer Musa Kebe", "official", "denies",
                                       cue="disputes"))
    found = assess([_accused(), kebe], W)
    assert found.status == "contested"
    # the party's own denial names it, once
    assert found.status_reason.startswith("denied by Lawyer Musa Kebe in Paper")
    assert "a dispute its report tells of" not in found.status_reason


def test_a_later_report_answers_a_dispute_as_any_denial() -> None:
    disputed = replace(claim(2, "The rebels rejected the claim as baseless.",
                             carrier="gazette"), article_id=2,
                       published=datetime(2024, 3, 1, tzinfo=UTC))
    # a later report of another outlet states it in its own voice
    later = "Militants killed the farmer near Lati on March 1."
    answer = replace(claim(3, later, carrier="herald"), article_id=3,
                     published=datetime(2024, 3, 20, tzinfo=UTC))
    # the governor's accusation and the rebels' answer in one report
    accused = replace(_accused(), carrier="gazette", carrier_name="Gazette", article_id=2,
                      published=datetime(2024, 3, 1, tzinfo=UTC))
    assert assess([accused, disputed], W).status == "contested"
    found = assess([accused, disputed, answer], W)
    assert (found.status, found.status_rule) == ("corroborated", "answered")
    assert "denied by a dispute its report tells of ('rejected the claim') in Gazette" \
        in found.status_reason


# --- settled_exceptions: an announcement overtaken, or of the contrary ---------------------

def _on(day: int, cid: int, text: str, *attrs: AttributionEvidence,
        carrier: str) -> ClaimEvidence:
    return replace(claim(cid, text, *attrs, carrier=carrier), article_id=cid,
                   published=datetime(2024, 4, day, tzinfo=UTC))


RUMOURED = "Prime Minister Lena Ostrova is considering resigning, her office said."


@pytest.mark.parametrize("text", [
    "Prime Minister Lena Ostrova announced that she had decided to stay on.",
    "Harbour City FC initially announced it was buying the Harbour Road site.",
])
def test_an_announcement_overtaken_or_of_the_contrary_settles_nothing(text: str) -> None:
    first = _on(2, 1, RUMOURED, attribution(RUMOURED, "her office", "official"),
                carrier="gazette")
    party = text.split(" announced")[0].removesuffix(" initially")
    later = _on(9, 2, text, attribution(text, party, "official"), carrier="herald")
    found = assess([first, later], W)
    assert found.status_rule != "settled"
    assert assess([first, later], _without("settled_exceptions")).status_rule == "settled"


# --- denials.detail_words: a denial of culpability -----------------------------------------

def test_a_denial_of_misconduct_does_not_contest_the_resignation() -> None:
    told = "Tor Lund resigned as chief executive on Friday, Norvik Energy said."
    denial = "Lund quit in the wake of allegations of misconduct, which he denies."
    claims = [claim(1, told, attribution(told, "Norvik Energy", "official")),
              claim(2, denial, attribution(denial, "Lund", "named", "denies"))]
    found = assess(claims, W)
    assert found.status == "corroborated"
    assert "not counted as denials: Lund ('misconduct'" in found.status_reason
    words = [w for w in _raw()["denials"]["detail_words"]  # type: ignore[index]
             if w not in ("misconduct", "abuse")]
    assert assess(claims, weights_with(("denials", "detail_words"), words)).status \
        == "contested"


# --- a plea of innocence in a story of a charge (session 34) ---------------------------------

CHARGED = ("Prosecutors charged the former mayor Ivo Tarrow with fraud on Monday, "
           "Kessel Police said.")


@pytest.mark.parametrize(("denial", "words"), [
    ("Tarrow, who says he is innocent, denied the accusation.", "innocent"),
    ("His lawyer said Tarrow would plead not guilty and denied the account.", "not guilty"),
    ("Tarrow denied playing any role in the contracts.", "any role"),
    ("Tarrow denied any involvement in the scheme.", "any involvement"),
    ("Tarrow has denied wrongdoing.", "wrongdoing"),
])
def test_a_plea_of_innocence_does_not_contest_the_charge(denial: str, words: str) -> None:
    claims = [claim(1, CHARGED, attribution(CHARGED, "Kessel Police", "official")),
              claim(2, denial, attribution(denial, "Tarrow", "named", "denies"))]
    found = assess(claims, W)
    assert found.status == "corroborated"
    assert f"not counted as denials: Tarrow ('{words}'" in found.status_reason
    # a flat denial of the charge still contests it
    flat = "Tarrow denied that he had been charged."
    assert assess([claims[0], claim(2, flat, attribution(flat, "Tarrow", "named", "denies"))],
                  W).status == "contested"


def test_disputing_the_charges_does_not_contest_that_they_were_brought() -> None:
    text = "The six, freed on bail, denied the charges."
    charged = "Six activists were charged with unlawful assembly, Kessel Police said."
    claims = [claim(1, charged, attribution(charged, "Kessel Police", "official")),
              claim(2, text)]
    assert assess(claims, W).status == "corroborated"
    # with "charges" an object of a dispute again, the statement contests the story
    objects = [*_raw()["status"]["dispute_objects"], "charges"]  # type: ignore[index]
    assert assess(claims, weights_with(("status", "dispute_objects"), objects)).status \
        == "contested"


# --- every status reason names the statement it rests on -----------------------------------

def test_an_unconfirmed_story_names_its_strongest_support() -> None:
    text = "The minister will visit Lima next week, a diplomatic source said."
    found = assess([claim(1, text, attribution(text, "a diplomatic source", "unnamed"))], W)
    assert (found.status, found.status_rule) == ("unconfirmed", "nothing")
    assert found.status_reason.endswith(
        f"; the strongest support: a diplomatic source (unnamed) in Paper (no date): '{text}'")
    own = "The minister may visit Lima next week."
    hedged = assess([claim(1, own, certainty="possible", cue="may")], W)
    assert hedged.status_reason.endswith(
        f"; the strongest support: its own words in Paper (no date): '{own}'")
    silence = "Voltaro declined to comment."
    none = assess([claim(1, silence, attribution(silence, "Voltaro", "official", "declines"))],
                  W)
    assert none.status_reason.endswith("; no statement supports it")


def test_a_storys_disputes_are_read_once_not_once_a_statement(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``_open_status`` reads the disputes once a story: reading them once a statement (each
    read goes through every statement) made an assessment quadratic in the story's size."""
    from verifier.scoring import score

    calls: list[int] = []
    real = score._disputes

    def counted(evidence: object, weights: Weights) -> dict[int, str]:
        calls.append(1)
        return real(evidence, weights)  # type: ignore[arg-type]

    monkeypatch.setattr(score, "_disputes", counted)
    text = "The rebels rejected the claim as baseless."
    counts = []
    for size in (2, 40):
        calls.clear()
        statements = [_accused()] + [claim(n, text) for n in range(2, size + 1)]
        assert assess(statements, W).status == "contested"
        counts.append(len(calls))
    assert counts[0] == counts[1]
