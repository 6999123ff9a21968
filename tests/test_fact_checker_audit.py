"""Defects a fact-checker met using verifier on real copy (session 31), each pinned with
sentences written for this file: a site's name between separator dots read as a claim, a
clause before ", the ministry said" taken into the speaker's words."""

from __future__ import annotations

from verifier import analyse_text


def _sources(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.kind, a.source.text) for a in s.attributions]
            for s in analyse_text(text).sentences]


def test_a_site_name_between_separator_dots_is_no_claim() -> None:
    text = (". Harbour 24/7 Radio .\n\nFerry service resumes after storm\n\n"
            "The ferry resumed its crossings on Monday, the port said.\n")
    sentences = analyse_text(text).sentences
    label = next(s for s in sentences if "Radio" in s.text)
    assert not label.claim and label.claim_rule == "claims.dotted-label"
    # a real sentence closed by a loose stop stays a claim
    loose = analyse_text("The ferry resumed its crossings at 10:30 .\n").sentences[0]
    assert loose.claim


def test_a_clause_before_the_tag_is_no_appositive_of_its_speaker() -> None:
    for text, source in [
        ("The bridge reopened on Tuesday, the ministry said.", "the ministry"),
        ("The lander touched down in March, the agency said.", "the agency"),
        ("The ferry sank near New Harbour, the port authority said.", "the port authority"),
    ]:
        assert _sources(text) == [[("official", source)]], text


def test_a_name_and_its_appositive_closed_by_a_comma_stay_one_speaker() -> None:
    assert _sources("Ana Ruiz, the harbour mayor, said the bridge would reopen.") == [
        [("official", "Ana Ruiz, the harbour mayor")]]
