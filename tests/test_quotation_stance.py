"""A quotation of several sentences: where one of its sentences denies, its other sentences
that negate go on with the denial; its background stays the speaker's assertion, and a
refusal does not spread (``verifier/analysis/attribution/quotations.py``; sentences written
for these tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution import quotations as module
from verifier.analysis.attribution.readings import QuotationRule, quotation_rule
from verifier.analysis.results import Attribution, Span
from verifier.errors import ConfigError
from verifier.rules.schema import Examples


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [tuple(sorted(s.kinds)) for s in analyse_text(text).sentences]


def test_the_negations_of_a_denial_quoted_over_sentences_are_the_denial() -> None:
    text = ('"That report is false," the minister said. "I never signed any deal. '
            'There is nothing to it. I was at the office all day."')
    assert _kinds(text) == [("denied", "media"), ("denied",), ("denied",), ("official",)]


def test_a_quotation_tagged_at_its_end_goes_on_denying_too() -> None:
    text = ('The club dismissed the rumours on Monday.\n\n'
            '"It is just nonsense. We have zero interest in him. The coach has a contract," '
            'the chairman said.')
    kinds = _kinds(text)
    assert kinds[1:] == [("denied",), ("denied",), ("official",)]


def test_the_denial_goes_on_with_its_reason_and_rule_chain() -> None:
    text = '"That report is false," the minister said. "I never signed any deal."'
    said = analyse_text(text).sentences[1].attributions[0]
    assert said.stance == "denies"
    # (a negated past: the negations the quotation rule reads, session 25)
    assert said.rule.split("+")[-2:] == ["read.quotation.goes_on", "attr.negation.past"]
    assert "goes on with its quotation's denial" in said.reason
    assert "That report is false" in said.reason


def test_without_a_denial_in_the_quotation_a_negation_is_an_assertion() -> None:
    text = '"We are proud of the team," the chairman said. "Nothing was easy this year."'
    assert _kinds(text) == [("official",), ("official",)]


def test_a_refusal_does_not_go_on() -> None:
    text = ('"We do not comment on rumours," Acme spokesman Tom Vale said. '
            '"The firm has never had a merger partner."')
    assert _kinds(text) == [("declined",), ("official",)]


def test_another_speakers_quotation_does_not_go_on_with_the_denial() -> None:
    text = ('"That report is false," the minister said. '
            '"We never heard back from him," the mayor said.')
    assert _kinds(text)[1] == ("official",)


def _said(start: int, rule: str, stance: str = "asserts") -> Attribution:
    return Attribution("official", stance, Span("the minister", start, start + 12),  # type: ignore[arg-type]
                       Span("said", 40, 44), rule)


def test_quotations_join_on_a_continuation_and_skip_sentences_without_attributions() -> None:
    tag = _said(20, "attr.say+spk.office_title", "denies")
    going = _said(20, "attr.quote_continuation")
    other = _said(90, "attr.say+spk.office_title")
    found = module.quotations([(tag,), (), (going,), (other,), (going,)],
                              "attr.quote_continuation")
    assert found == [((20, 32), [0, 2])]


def test_the_packaged_quotation_rule_declares_a_denial_and_its_words_of_absence() -> None:
    rule = quotation_rule()
    assert rule is not None
    assert rule.stance == "denies"
    assert rule.absence.search("we have zero interest") is not None
    assert rule.absence.search("the zeroth law") is None


def test_a_quotation_rule_must_decline_or_deny(monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.analysis.attribution import readings

    bad = QuotationRule("read.quotation.bad", "quotation", "asserts", ("absence",),
                        Examples((), ()))
    monkeypatch.setattr(readings, "load_rules", lambda *_: [bad])
    readings.quotation_rule.cache_clear()
    try:
        with pytest.raises(ConfigError, match="field 'stance'"):
            readings.quotation_rule()
    finally:
        monkeypatch.undo()
        readings.quotation_rule.cache_clear()


# --- one party over the whole article (the ``party`` rule, session 22) ---------------------


def test_a_partys_denial_goes_on_where_it_says_the_event_does_not_exist() -> None:
    text = ("The ministry denied the report on Monday. "
            "The ministry said no troops had crossed the border.")
    said = analyse_text(text).sentences[1].attributions[0]
    assert said.stance == "denies"
    assert said.rule.split("+")[-2:] == ["read.party.goes_on", "attr.negation.no"]
    assert "goes on with the party's denial" in said.reason


def test_the_partys_own_conduct_and_another_partys_negation_stay_assertions() -> None:
    assert _kinds("The ministry denied the report on Monday. "
                  "The ministry said it would not apologise to the paper.")[1] == ("official",)
    assert _kinds("The ministry denied the report on Monday. "
                  "The mayor said no troops had crossed the border.")[1] == ("official",)


def test_a_negation_coordinated_after_the_partys_account_is_its_detail() -> None:
    text = ("The ministry denied the report on Monday. The ministry said the border would stay "
            "open and no lorries would be stopped before May.")
    assert _kinds(text)[1] == ("official",)


def test_a_party_rule_naming_an_unknown_negation_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.analysis.attribution import readings

    bad = readings.PartyRule("read.party.bad", "party", "denies", Examples((), ()),
                             ("attr.negation.nothing_such",), compose=("event_absence",))
    monkeypatch.setattr(readings, "load_rules", lambda *_: [bad])
    readings.party_rule.cache_clear()
    try:
        with pytest.raises(ConfigError, match="field 'negations'"):
            readings.party_rule()
    finally:
        monkeypatch.undo()
        readings.party_rule.cache_clear()


def test_a_negation_opening_an_untagged_sentence_of_the_quotation_goes_on_denying() -> None:
    # the continuation's cue only marks where its words start: no reporting cue over "Nobody"
    text = ('"There was no meeting," the minister said. "I was at home. '
            'Nobody from the company came."')
    assert _kinds(text) == [("denied",), ("official",), ("denied",)]


def test_a_party_is_known_by_its_acronym_too() -> None:
    text = ("WHO denies recommending the vaccine\n\n"
            "The World Health Organization said on Tuesday that it had never recommended the "
            "vaccine to any country.")
    said = analyse_text(text).sentences[1].attributions[0]
    assert said.stance == "denies"
    assert "read.party.goes_on" in said.rule.split("+")


def test_what_the_party_wants_is_its_own_stance_not_a_denial() -> None:
    text = ("The ministry denied the report on Monday. "
            "The ministry said the president wants no revenge.")
    assert _kinds(text)[1] == ("official",)


@pytest.mark.parametrize(("kind", "field"), [
    ("party", "not_after"),  # the class after which a party's clause reads nothing
    ("insistence", "cues"),  # the class of insisting cues
])
def test_a_reading_rule_naming_an_unknown_class_is_refused(
        monkeypatch: pytest.MonkeyPatch, kind: str, field: str) -> None:
    from verifier.analysis.attribution import readings

    # (an insistence rule reads no words of absence: no ``compose``)
    composed = {"compose": ("event_absence",)} if kind == "party" else {"cues": "insist"}
    rule = {"party": readings.PartyRule, "insistence": readings.InsistenceRule}[kind]
    bad = rule("read.party.bad", kind, "denies", Examples((), ()),
               **{**composed, field: "no_such_class"})
    monkeypatch.setattr(readings, "load_rules", lambda *_: [bad])
    loaded = {"party": readings.party_rule, "insistence": readings.insistence_rule}[kind]
    loaded.cache_clear()
    try:
        with pytest.raises(ConfigError, match=f"field '{field}'"):
            loaded()
    finally:
        monkeypatch.undo()
        loaded.cache_clear()


def test_a_partys_own_clause_that_negates_is_its_denial_with_the_rule_and_words() -> None:
    text = ('The ferry company said on Monday that it had had no talks with the port, '
            'dismissing a newspaper report of a merger.')
    (sentence,) = analyse_text(text).sentences
    assert sorted(sentence.kinds) == ["denied", "media"]
    denial = next(a for a in sentence.attributions if a.stance == "denies")
    assert denial.rule.split("+")[-2:] == ["read.party.own_clause", "attr.negation.no"]
    assert "it had had no talks with the port" in denial.reason


def test_a_partys_own_clause_that_asserts_something_else_keeps_its_kind() -> None:
    text = ('The ferry company denied a report of job cuts, saying the new route would open '
            'in May.')
    (sentence,) = analyse_text(text).sentences
    assert sorted(sentence.kinds) == ["denied", "media", "official"]


def test_the_packaged_clause_rule_reads_the_party_rules_negations() -> None:
    from verifier.analysis.attribution.readings import clause_rule, party_rule

    clause, party = clause_rule(), party_rule()
    assert clause is not None and party is not None
    assert clause.stance == "denies"
    assert clause.negations == party.negations


def test_a_party_insisting_that_the_event_does_not_exist_denies_it() -> None:
    (sentence,) = analyse_text('The ferry company maintained that there had been no collision '
                               'in the harbour.').sentences
    (said,) = sentence.attributions
    assert said.stance == "denies"
    assert said.rule.split("+")[-2:] == ["read.party.insists_not", "attr.negation.no"]
    assert "“maintained” holds a position" in said.reason


def test_emphasis_is_no_insistence_and_an_insisted_assertion_stays() -> None:
    assert _kinds('The ferry company stressed that there had been no collision in the '
                  'harbour.') == [("official",)]
    assert _kinds('The ferry company insisted that the harbour would reopen in May.') == [
        ("official",)]


def test_a_report_named_in_a_partys_words_does_not_end_them() -> None:
    # (session 27) "contrary to reports" is hearsay with no speaker of its own: the words
    # after it are still the clarifying party's, whose negation denies
    (sentence,) = analyse_text('The ferry company clarified that, contrary to reports, there '
                               'had been no collision in the harbour.').sentences
    stances = {a.kind: a for a in sentence.attributions}
    assert set(stances) == {"media", "denied"}
    assert stances["denied"].rule.split("+")[-2:] == ["read.party.insists_not",
                                                      "attr.negation.no"]
    assert stances["denied"].source.text == "The ferry company"



def test_a_clarifying_party_that_asserts_keeps_its_kind() -> None:
    assert _kinds('The ferry company clarified that, contrary to reports, the harbour would '
                  'reopen in May.') == [("media", "official")]


def test_a_party_negating_in_the_headline_denies() -> None:
    text = ("Harbour Firm Says Data Leak Not Caused By Hackers\n\n"
            "The firm said on Monday that its records were safe.")
    sentences = analyse_text(text).sentences
    assert [tuple(sorted(s.kinds)) for s in sentences] == [("denied",), ("official",)]
    (said,) = sentences[0].attributions
    assert said.rule.split("+")[-2:] == ["read.party.headline_negates", "attr.negation.not"]
    assert "headline" in said.reason


def test_a_headline_that_refuses_or_asserts_keeps_its_stance() -> None:
    assert _kinds("Harbour club says coach will stay until 2030") == [("official",)]
    assert _kinds("Harbour club declines to comment on coach") == [("declined",)]
    # the same negation in a sentence of the body is the party's assertion
    assert _kinds("Coach news\n\nThe club said the coach was not leaving.") == [
        (), ("official",)]


def test_the_headline_rule_is_loaded_with_its_negations() -> None:
    from verifier.analysis.attribution.readings import headline_rule

    rule = headline_rule()
    assert rule is not None and rule.stance == "denies"
    assert "attr.negation.not" in rule.negations
