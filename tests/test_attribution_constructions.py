"""Speaker-finding constructions (session 32, issue 7): each a construction, not a wording;
sentences written for these tests."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _sources(text: str) -> list[tuple[str, str]]:
    sentence = analyse_text(text).sentences[-1]
    return [(a.kind, a.source.text) for a in sentence.attributions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three boats sank in the storm that left nine crew missing, said spokesman Tom Reyes.",
         [("official", "spokesman Tom Reyes")]),
        ("Turnout rose in the north while the south stayed home, writes the Harbour Herald.",
         [("media", "the Harbour Herald")]),
        ("Some 40,000 people voted at 300 stations, putting turnout near 60%, said the "
         "electoral commission.", [("official", "the electoral commission")]),
    ],
)
def test_an_inverted_tag_after_a_clause_and_a_comma_names_the_words_after_it(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _sources(text) == expected


def test_a_subject_set_off_as_an_apposition_still_speaks() -> None:
    # "Name, title, said ...": the title before the comma is the subject, not a clause
    found = _sources("But Ana Ruiz, senior planner at the Harbour Institute, said parents "
                     "still want local schools.")
    assert [source for _, source in found] != ["parents still want local schools"]


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz is the attorney for the fishermen. She said an appeal would be filed.",
        "Tom Reyes is the agent for the striker, and he said an offer had come.",
        "Tom Reyes is the attorney representing the boat’s principal owner -- a fisher from "
        "the bay. Reyes said the search would go on.",
    ],
)
def test_counsel_for_a_party_given_after_is_speaks_for_the_party(text: str) -> None:
    # "X is the attorney for Y": the words after "for" say whom the office acts for (guide 2:
    # a party's lawyer or agent is official), not cut off at "for"
    assert [kind for kind, _ in _sources(text)] == ["official"]


def test_an_independent_lawyer_given_after_is_stays_named() -> None:
    assert [kind for kind, _ in _sources(
        "Ana Ruiz is a human rights lawyer. She said the law would be challenged.")] == ["named"]


@pytest.mark.parametrize("honorific", ["Dr.", "Prof.", "Mr", "Dr"])
def test_an_honorific_between_an_office_and_the_name_keeps_the_office(honorific: str) -> None:
    text = (f"The Director General of the Harbour Service, {honorific} Ana Ruiz, said the "
            "depot would close.")
    assert [kind for kind, _ in _sources(text)] == ["official"]


@pytest.mark.parametrize("dateline", ["", "HARBOUR CITY — ", "HARBOUR CITY - ",
                                      "HARBOUR CITY (Wire) — "])
def test_a_dateline_before_a_denial_is_no_speaker(dateline: str) -> None:
    # the content frame fires as on clean text: the dateline's dash is a stop, not the
    # subject of "Reports" read as a verb
    found = _sources(f"{dateline}Reports that the depot will close are false, the ministry said.")
    assert ("denied", "the ministry") in found
    assert all("HARBOUR" not in source for _, source in found)
