"""A speaker inside another speaker's reported clause (verifier/analysis/attribution/plan.py,
``nested_speaker_cues`` of the frames lexicon): its subject speaks too when its own verb is one
of saying; the subject of any other verb there is what is reported."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.rules import rules


def _sources(text: str) -> list[tuple[str, str]]:
    (sentence,) = analyse_text(text).sentences
    return [(a.kind, a.source.text) for a in sentence.attributions]


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        ("A Harbour Courier report said Finance Minister Ana Ruiz had said the port would reopen.",
         ("official", "Finance Minister Ana Ruiz")),
        ("A Harbour Courier report said Deputy Mayor Ana Ruiz had told the crews the dock "
         "would close.", ("official", "Deputy Mayor Ana Ruiz")),
        ("The union said the harbour police had confirmed that two boats sank.",
         ("official", "the harbour police")),
    ],
)
def test_a_nested_speaker_of_a_verb_of_saying_speaks(text: str, nested: tuple[str, str]) -> None:
    assert nested in _sources(text)
    assert len(_sources(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the ministry expects a bid by May.",
        "The mayor said the ferry company wrote a letter to the council.",
        "The mayor said the ministry believes the bridge is safe.",
    ],
)
def test_the_subject_of_another_verb_in_a_reported_clause_is_no_speaker(text: str) -> None:
    assert _sources(text) == [("official", "The mayor")]


def test_the_list_is_read_from_the_frames_lexicon() -> None:
    cues = rules().nested_speaker_cues
    assert {"said", "told"} <= cues and "wrote" not in cues
