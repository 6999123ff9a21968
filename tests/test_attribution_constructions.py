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
